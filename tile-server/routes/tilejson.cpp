// GET /tiles.json?filters — TileJSON 3.0.0 whose tile URL carries the filters.
#include "routes.hpp"

#include "filter/filter.hpp"

#include <nlohmann/json.hpp>

namespace investmap::server::routes {
namespace {

using nlohmann::json;

// The Host header when it is a plain host[:port]; else our own address.
std::string base_url(const App& app, const Request& request) {
    const std::string host(request.header("host").value_or(""));
    const bool plain = !host.empty() && host.size() < 256 && host.find_first_not_of(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == std::string::npos;
    return "http://" + (plain ? host : app.config.host + ":" + std::to_string(app.config.port));
}

json data_bounds(App& app) {
    auto query = app.db().prepare("SELECT min(xmin), min(ymin), max(xmax), max(ymax) FROM idx_parcels_geom");
    query.step();
    if (query.is_null(0)) return json::array({-180.0, -85.0511, 180.0, 85.0511});
    return json::array({query.column_double(0), query.column_double(1), query.column_double(2), query.column_double(3)});
}

}  // namespace

Response tilejson(App& app, const Request& request) {
    const filter::Filter wanted = filter::parse_filter(request.query);
    const std::string query = filter::canonical_query(wanted);
    const json bounds = data_bounds(app);
    const int zoom = app.config.parcel_zoom - 1;
    const json document = {
        {"tilejson", "3.0.0"},
        {"name", "investmap"},
        {"tiles", {base_url(app, request) + "/tiles/{z}/{x}/{y}.mvt" + (query.empty() ? "" : "?" + query)}},
        {"minzoom", 0},
        {"maxzoom", 22},
        {"bounds", bounds},
        {"center", {(bounds[0].get<double>() + bounds[2].get<double>()) / 2, (bounds[1].get<double>() + bounds[3].get<double>()) / 2, zoom}},
        {"attribution", app.config.attribution},
        {"vector_layers",
         {{{"id", "parcels"},
           {"description", "地块 parcels"},
           {"minzoom", app.config.parcel_zoom},
           {"maxzoom", 22},
           {"fields", {{"code", "String"}, {"name", "String"}, {"kind", "String"}, {"status", "String"},
                       {"land_use", "String"}, {"area_m2", "Number"}, {"rent", "Number"}, {"power_kva", "Number"},
                       {"park", "String"}}}},
          {{"id", "heat"},
           {"description", "热力 heat: weight = available area"},
           {"minzoom", 0},
           {"maxzoom", 22},
           {"fields", {{"weight", "Number"}, {"count", "Number"}, {"area_m2", "Number"}, {"code", "String"}}}},
          {{"id", "context"},
           {"description", "底图 map context"},
           {"minzoom", 0},
           {"maxzoom", 22},
           {"fields", {{"layer", "String"}, {"name", "String"}}}}}},
    };
    Response response;
    response.body = document.dump();
    response.headers.emplace_back("Cache-Control", "public, max-age=" + std::to_string(app.config.cache_max_age_s));
    return response;
}

}  // namespace investmap::server::routes
