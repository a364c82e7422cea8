#include "geojson/geojson_geometry.hpp"

namespace investmap::geojson {

GeoJsonGeometryWriter::GeoJsonGeometryWriter()
    : reader_(GEOSWKBReader_create_r(geos_.get())), writer_(GEOSGeoJSONWriter_create_r(geos_.get())) {}

GeoJsonGeometryWriter::~GeoJsonGeometryWriter() {
    GEOSGeoJSONWriter_destroy_r(geos_.get(), writer_);
    GEOSWKBReader_destroy_r(geos_.get(), reader_);
}

std::string GeoJsonGeometryWriter::from_wkb(std::string_view wkb) const {
    GEOSContextHandle_t context = geos_.get();
    auto geometry = mvt::own(context, GEOSWKBReader_read_r(context, reader_, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size()));
    if (!geometry) return "null";
    // GEOS's normal form winds shells clockwise and holes counter-clockwise;
    // reversed, that is RFC 7946's right-hand rule.
    GEOSNormalize_r(context, geometry.get());
    auto oriented = mvt::own(context, GEOSReverse_r(context, geometry.get()));
    if (!oriented) return "null";
    char* text = GEOSGeoJSONWriter_writeGeometry_r(context, writer_, oriented.get(), -1);
    if (!text) return "null";
    std::string json(text);
    GEOSFree_r(context, text);
    return json;
}

}  // namespace investmap::geojson
