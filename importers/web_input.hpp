#pragma once
// What the import and placement endpoints take from a web request, checked
// before anything reads it: a CRS (GDAL's user input would also open a
// file or fetch a URL), and a parcel's geometry drawn on the /admin map.
// Both are untrusted; tests/importers/test_web_input.cpp holds their
// hostile cases and tests/fuzz/fuzz_web_input.cpp fuzzes them.
#include "importers/geometry_cleaning.hpp"

#include <string_view>

namespace investmap::importers {

// An EPSG code, a web datum (GCJ02, BD09 …) or a "+proj=" string that names
// no file, grid or URL.
bool is_safe_crs_text(std::string_view crs);

// The most vertices a geometry drawn by hand may have.
inline constexpr std::size_t kMaxPlacedVertices = 10'000;

// A GeoJSON Point, Polygon or MultiPolygon in lon/lat within China, checked
// and repaired as an imported geometry is. Throws ValueError saying what is
// wrong ("中文\n  English").
CleanGeometry placed_parcel_geometry(std::string_view geojson);

}  // namespace investmap::importers
