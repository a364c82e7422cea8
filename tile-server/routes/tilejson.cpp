// GET /tiles.json?filters — TileJSON 3.0.0 whose tile URL carries the filters.
#include "routes.hpp"

#include "filter/filter.hpp"
#include "render/map_credit.hpp"
#include "store/parcel_store.hpp"
#include "store/parcel_query.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace investmap::server::routes {
namespace {

using nlohmann::json;

json as_array(const geo::LonLatBox& box) { return json::array({box.west, box.south, box.east, box.north}); }

// The parcels the caller may see and the map context around them: MapLibre
// asks for no tile outside `bounds`, so the district outline south and east
// of the parcels would otherwise stop in a straight line.
json data_bounds(const std::optional<geo::LonLatBox>& parcels, const std::optional<geo::LonLatBox>& context) {
    if (!parcels && !context) return json::array({-180.0, -85.0511, 180.0, 85.0511});
    if (!parcels || !context) return as_array(parcels ? *parcels : *context);
    return as_array({std::min(parcels->west, context->west), std::min(parcels->south, context->south),
                     std::max(parcels->east, context->east), std::max(parcels->north, context->north)});
}

}  // namespace

Response tilejson(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request) {
    const filter::Filter wanted = request_filter(industries, request);
    const std::string query = filter::canonical_query(wanted);
    const auto parcels = store::parcel_extent(database.reader(), visible_statuses(config, request));
    const json bounds = data_bounds(parcels, store::context_extent(database.reader()));
    // Centred on what is on offer, not on the wider context.
    const json centre_box = parcels ? as_array(*parcels) : bounds;
    const int zoom = config.parcel_zoom - 1;
    const json document = {
        {"tilejson", "3.0.0"},
        {"name", "investmap"},
        {"tiles", {base_url(config, request) + "/tiles/{z}/{x}/{y}.mvt" + (query.empty() ? "" : "?" + query)}},
        {"minzoom", 0},
        {"maxzoom", 22},
        {"bounds", bounds},
        {"center", {(centre_box[0].get<double>() + centre_box[2].get<double>()) / 2,
                    (centre_box[1].get<double>() + centre_box[3].get<double>()) / 2, zoom}},
        // The data's date and the 审图号 beside the credit, as on static maps.
        {"attribution", render::credit_line({store::data_as_of(database.reader()), config.attribution, config.map_approval_number},
                                            render::CreditLanguage::both)},
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
           {"fields", {{"weight", "Number"}, {"count", "Number"}, {"area_m2", "Number"}, {"code", "String"}, {"fit", "Number"}}}},
          {{"id", "context"},
           {"description", "底图 map context"},
           {"minzoom", 0},
           {"maxzoom", 22},
           {"fields", {{"layer", "String"}, {"name", "String"}}}}}},
    };
    return json_document(config, request, document.dump());
}

}  // namespace investmap::server::routes
