#pragma once
// A parcel as a GeoJSON Feature: its code as id, its public fields (and, for
// staff, the staff-only ones) as properties, 亩 beside m².
#include "geojson/geojson_geometry.hpp"
#include "store/parcel_store.hpp"

#include <nlohmann/json.hpp>

namespace investmap::geojson {

nlohmann::json parcel_feature(const store::StoredParcel& parcel, const GeoJsonGeometryWriter& geometry, bool staff);

}  // namespace investmap::geojson
