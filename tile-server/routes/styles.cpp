// GET /styles/{heat|fit|status}.json?filters&lang=zh|en — MapLibre styles
// whose source is our TileJSON with the same filters.
#include "routes.hpp"

#include "../resources.hpp"
#include "store/parcel_query.hpp"
#include "style/map_style.hpp"

#include <fstream>

namespace investmap::server::routes {
namespace {

// Read on each request (a few kB): an edited template shows without a restart.
nlohmann::json load_template() {
    const auto path = shipped_file("styles/map.json", "styles/map.json");
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot read the style template " + path.string());
    return nlohmann::json::parse(file);
}

std::string language(const Request& request) {
    const auto lang = query_parameter(request, "lang").value_or("zh");
    if (lang != "zh" && lang != "en") throw filter::FilterError("lang", "lang 应为 zh 或 en / lang must be zh or en");
    return lang;
}

}  // namespace

Response style(App& app, const Request& request, std::string_view file_name) {
    const std::string_view name = file_name.ends_with(".json") ? file_name.substr(0, file_name.size() - 5) : "";
    if (std::ranges::find(style::kStyleNames, name) == style::kStyleNames.end()) {
        throw HttpError(404, "not_found", "没有这个样式，可用 heat、fit、status / no such style; use heat, fit or status");
    }
    static constexpr std::array<std::string_view, 1> kOwnParameters = {"lang"};
    const filter::Filter wanted = request_filter(app, request, kOwnParameters);
    const auto industries = app.industries();
    if (name == "fit" && !wanted.industry) {
        throw filter::FilterError("industry", "适合度样式需要 industry 参数，可用：" + industries->id_list() +
                                                  " / the fit style needs industry=…; use " + industries->id_list());
    }
    const std::string query = filter::canonical_query(wanted);
    style::StyleRequest style_request;
    style_request.name = std::string(name);
    style_request.lang = language(request);
    style_request.tilejson_url = base_url(app, request) + "/tiles.json" + (query.empty() ? "" : "?" + query);
    style_request.parcel_zoom = app.config.parcel_zoom;
    style_request.industry = wanted.industry ? industries->find(*wanted.industry) : nullptr;
    style_request.statuses = visible_statuses(app, request);
    if (const auto extent = store::parcel_extent(app.db())) {
        style_request.bounds = std::array<double, 4>{extent->west, extent->south, extent->east, extent->north};
    }
    return json_document(app, request, style::build_map_style(load_template(), style_request).dump());
}

}  // namespace investmap::server::routes
