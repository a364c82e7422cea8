#pragma once
// WKB of a WKT, through GEOS: test inputs written as text.
#include <geos_c.h>

#include <string>

namespace investmap::testing {

inline std::string wkb_from_wkt(const std::string& wkt) {
    GEOSContextHandle_t context = GEOS_init_r();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(context);
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(context);
    GEOSGeometry* geometry = GEOSWKTReader_read_r(context, reader, wkt.c_str());
    std::size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(context, writer, geometry, &size);
    std::string out(reinterpret_cast<char*>(bytes), size);
    GEOSFree_r(context, bytes);
    GEOSGeom_destroy_r(context, geometry);
    GEOSWKBWriter_destroy_r(context, writer);
    GEOSWKTReader_destroy_r(context, reader);
    GEOS_finish_r(context);
    return out;
}

}  // namespace investmap::testing
