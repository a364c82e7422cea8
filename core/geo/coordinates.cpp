#include "geo/coordinates.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace investmap::geo {

Mercator to_mercator(double lon, double lat) {
    const double clamped = std::clamp(lat, -kMercatorMaxLatitude, kMercatorMaxLatitude);
    return {kEarthRadius * lon * std::numbers::pi / 180.0,
            kEarthRadius * std::log(std::tan(std::numbers::pi / 4 + clamped * std::numbers::pi / 360.0))};
}

double longitude_of_metres(double x) { return x / kEarthRadius * 180.0 / std::numbers::pi; }

double latitude_of_metres(double y) {
    return (2.0 * std::atan(std::exp(y / kEarthRadius)) - std::numbers::pi / 2) * 180.0 / std::numbers::pi;
}

double world_x(double lon) { return (lon + 180.0) / 360.0; }

double world_y(double lat) {
    const double clamped = std::clamp(lat, -kMercatorMaxLatitude, kMercatorMaxLatitude);
    const double radians = clamped * std::numbers::pi / 180.0;
    return (1 - std::log(std::tan(radians) + 1 / std::cos(radians)) / std::numbers::pi) / 2;
}

double longitude_of_world_x(double x) { return x * 360.0 - 180.0; }

double latitude_of_world_y(double y) { return std::atan(std::sinh(std::numbers::pi * (1 - 2 * y))) * 180.0 / std::numbers::pi; }

}  // namespace investmap::geo
