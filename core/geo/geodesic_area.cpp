#include "geo/geodesic_area.hpp"

#include <cmath>

namespace investmap::geo {

GeodesicArea::GeodesicArea() {
    constexpr double wgs84_semi_major_m = 6378137.0;
    constexpr double wgs84_flattening = 1.0 / 298.257223563;
    geod_init(&ellipsoid_, wgs84_semi_major_m, wgs84_flattening);
}

double GeodesicArea::ring_m2(std::span<const LonLat> ring) const {
    if (ring.size() < 3) return 0.0;
    geod_polygon polygon{};
    geod_polygon_init(&polygon, 0);
    // A closed ring repeats its first point; the geodesic polygon closes itself.
    const bool closed = ring.front().lon == ring.back().lon && ring.front().lat == ring.back().lat;
    const std::size_t count = closed ? ring.size() - 1 : ring.size();
    for (std::size_t i = 0; i < count; ++i) geod_polygon_addpoint(&ellipsoid_, &polygon, ring[i].lat, ring[i].lon);
    double area = 0.0;
    geod_polygon_compute(&ellipsoid_, &polygon, 0, 1, &area, nullptr);
    return std::abs(area);
}

}  // namespace investmap::geo
