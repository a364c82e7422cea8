#pragma once
// Geometry as RFC 7946 GeoJSON: lon/lat, exterior rings counter-clockwise and
// holes clockwise (the right-hand rule), written by GEOS.
#include "mvt/geos_handles.hpp"

#include <string>
#include <string_view>

namespace investmap::geojson {

class GeoJsonGeometryWriter {
public:
    GeoJsonGeometryWriter();
    ~GeoJsonGeometryWriter();
    GeoJsonGeometryWriter(const GeoJsonGeometryWriter&) = delete;
    GeoJsonGeometryWriter& operator=(const GeoJsonGeometryWriter&) = delete;

    // The geometry object for 2D WKB in EPSG:4326; "null" for unreadable WKB.
    std::string from_wkb(std::string_view wkb) const;

private:
    mvt::GeosContext geos_;
    GEOSWKBReader* reader_;
    GEOSGeoJSONWriter* writer_;
};

}  // namespace investmap::geojson
