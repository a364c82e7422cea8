#include "geo/tile.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace investmap::geo {

std::optional<TileId> make_tile(long long z, long long x, long long y) {
    if (z < 0 || z > kMaxZoom) return std::nullopt;
    const long long size = 1LL << z;
    if (x < 0 || x >= size || y < 0 || y >= size) return std::nullopt;
    return TileId{static_cast<int>(z), static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

MercatorBox mercator_bounds(TileId tile, double buffer_fraction) {
    const double size = 2 * kMercatorHalfWidth / static_cast<double>(1LL << tile.z);
    const double buffer = size * buffer_fraction;
    const double min_x = -kMercatorHalfWidth + tile.x * size;
    const double max_y = kMercatorHalfWidth - tile.y * size;  // y counts down from the north
    return {min_x - buffer, max_y - size - buffer, min_x + size + buffer, max_y + buffer};
}

LonLatBox lonlat_bounds(TileId tile, double buffer_fraction) {
    const MercatorBox m = mercator_bounds(tile, buffer_fraction);
    return {longitude_of_metres(m.min_x), latitude_of_metres(m.min_y), longitude_of_metres(m.max_x), latitude_of_metres(m.max_y)};
}

}  // namespace investmap::geo
