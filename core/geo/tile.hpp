#pragma once
// Web Mercator tile math (EPSG:3857, the XYZ scheme MapLibre uses).
#include "geo/coordinates.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace investmap::geo {

inline constexpr int kMaxZoom = 22;

struct TileId {
    int z = 0;
    std::uint32_t x = 0;
    std::uint32_t y = 0;
    auto operator<=>(const TileId&) const = default;
};

// A tile from the numbers of a URL, or nullopt when z is outside 0..22 or
// x or y outside 0..2^z−1.
std::optional<TileId> make_tile(long long z, long long x, long long y);

// The tile's square in Web Mercator metres, grown by `buffer_fraction` of its
// width on each side (buffer 64 of extent 4096 is 1/64).
MercatorBox mercator_bounds(TileId tile, double buffer_fraction = 0.0);
// The same square in lon/lat, for R*Tree lookups in EPSG:4326.
LonLatBox lonlat_bounds(TileId tile, double buffer_fraction = 0.0);

}  // namespace investmap::geo
