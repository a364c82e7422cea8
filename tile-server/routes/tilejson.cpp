// GET /tiles.json?filters — TileJSON 3.0.0 whose tile URL carries the filters.
#include "routes.hpp"

#include "filter/filter.hpp"
#include "store/parcel_query.hpp"

#include <nlohmann/json.hpp>

namespace investmap::server::routes {
namespace {

using nlohmann::json;

json data_bounds(const ServerConfig& config, SharedDatabase& database, const Request& request) {
    const auto extent = store::parcel_extent(database.reader(), visible_statuses(config, request));
    if (!extent) return json::array({-180.0, -85.0511, 180.0, 85.0511});
    return json::array({extent->west, extent->south, extent->east, extent->north});
}

}  // namespace

Response tilejson(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request) {
    const filter::Filter wanted = request_filter(industries, request);
    const std::string query = filter::canonical_query(wanted);
    const json bounds = data_bounds(config, database, request);
    const int zoom = config.parcel_zoom - 1;
    const json document = {
        {"tilejson", "3.0.0"},
        {"name", "investmap"},
        {"tiles", {base_url(config, request) + "/tiles/{z}/{x}/{y}.mvt" + (query.empty() ? "" : "?" + query)}},
        {"minzoom", 0},
        {"maxzoom", 22},
        {"bounds", bounds},
        {"center", {(bounds[0].get<double>() + bounds[2].get<double>()) / 2, (bounds[1].get<double>() + bounds[3].get<double>()) / 2, zoom}},
        {"attribution", config.attribution},
        {"vector_layers",
         {{{"id", "parcels"},
           {"description", "地块 parcels"},
           {"minzoom", config.parcel_zoom},
           {"maxzoom", 22},
           {"fields", {{"code", "String"}, {"name", "String"}, {"kind", "String"}, {"status", "String"},
                       {"land_use", "String"}, {"area_m2", "Number"}, {"rent", "Number"}, {"power_kva", "Number"},
                       {"park", "String"}, {"fit", "Number"}}}},
          {{"id", "heat"},
           {"description", "热力 heat: weight = available area × fit / 100"},
           {"minzoom", 0},
           {"maxzoom", 22},
           {"fields", {{"weight", "Number"}, {"count", "Number"}, {"area_m2", "Number"}, {"code", "String"}}}},
          {{"id", "context"},
           {"description", "底图 map context"},
           {"minzoom", 0},
           {"maxzoom", 22},
           {"fields", {{"layer", "String"}, {"name", "String"}}}}}},
    };
    return json_document(config, request, document.dump());
}

}  // namespace investmap::server::routes
