#pragma once
// Area on the ellipsoid, through PROJ's geodesic library (Karney's algorithm).
// CGCS2000's ellipsoid differs from WGS84's by 0.1 mm in the semi-minor axis,
// so one ellipsoid serves both.
#include "geo/coordinates.hpp"

#include <geodesic.h>

#include <span>

namespace investmap::geo {

class GeodesicArea {
public:
    GeodesicArea();
    // Unsigned area in m² of one closed or open ring of lon/lat points.
    double ring_m2(std::span<const LonLat> ring) const;

private:
    geod_geodesic ellipsoid_{};
};

}  // namespace investmap::geo
