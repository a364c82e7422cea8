#pragma once
// OGC API – Features Part 3 queryables of the parcels collection
// (/api/collections/parcels/queryables): the properties a client may filter
// on with a query parameter of the same name (status=…, kind=…, land_use=…,
// park=…), as a JSON Schema with their enums, so that clients (QGIS) can
// build filter forms and pass simple expressions to the server.
#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>

namespace investmap::server::openapi {

inline constexpr std::string_view kQueryablesRelation = "http://www.opengis.net/def/rel/ogc/1.0/queryables";

// `statuses`: those the caller may see (the status enum); `parks`: the
// parks of those parcels (the park enum).
nlohmann::json parcel_queryables(const std::string& self_url, std::span<const std::string_view> statuses,
                                 std::span<const std::string> parks);

}  // namespace investmap::server::openapi
