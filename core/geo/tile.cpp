#include "geo/tile.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace investmap::geo {
namespace {

constexpr double kEarthRadius = 6378137.0;

double to_longitude(double x) { return x / kEarthRadius * 180.0 / std::numbers::pi; }

double to_latitude(double y) { return (2.0 * std::atan(std::exp(y / kEarthRadius)) - std::numbers::pi / 2) * 180.0 / std::numbers::pi; }

}  // namespace

std::optional<TileId> make_tile(long long z, long long x, long long y) {
    if (z < 0 || z > kMaxZoom) return std::nullopt;
    const long long size = 1LL << z;
    if (x < 0 || x >= size || y < 0 || y >= size) return std::nullopt;
    return TileId{static_cast<int>(z), static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

Mercator to_mercator(double lon, double lat) {
    const double clamped = std::clamp(lat, -kMercatorMaxLatitude, kMercatorMaxLatitude);
    return {kEarthRadius * lon * std::numbers::pi / 180.0,
            kEarthRadius * std::log(std::tan(std::numbers::pi / 4 + clamped * std::numbers::pi / 360.0))};
}

Bounds mercator_bounds(TileId tile, double buffer_fraction) {
    const double size = 2 * kMercatorHalfWidth / static_cast<double>(1LL << tile.z);
    const double buffer = size * buffer_fraction;
    const double min_x = -kMercatorHalfWidth + tile.x * size;
    const double max_y = kMercatorHalfWidth - tile.y * size;  // y counts down from the north
    return {min_x - buffer, max_y - size - buffer, min_x + size + buffer, max_y + buffer};
}

Bounds lonlat_bounds(TileId tile, double buffer_fraction) {
    const Bounds m = mercator_bounds(tile, buffer_fraction);
    return {to_longitude(m.min_x), to_latitude(m.min_y), to_longitude(m.max_x), to_latitude(m.max_y)};
}

}  // namespace investmap::geo
