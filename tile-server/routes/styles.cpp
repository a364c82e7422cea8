// GET /styles/{heat|fit|status}.json?filters&lang=zh|en — MapLibre styles
// whose source is our TileJSON with the same filters.
#include "routes.hpp"

#include "../resources.hpp"
#include "store/parcel_query.hpp"
#include "style/map_style.hpp"

#include <protozero/pbf_writer.hpp>

#include <cstdio>
#include <fstream>

namespace investmap::server::routes {
Response style(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request, std::string_view file_name) {
    const std::string_view name = file_name.ends_with(".json") ? file_name.substr(0, file_name.size() - 5) : "";
    if (std::ranges::find(style::kStyleNames, name) == style::kStyleNames.end()) {
        throw HttpError(404, "not_found", "没有这个样式，可用 heat、fit、status / no such style; use heat, fit or status");
    }
    const filter::Filter wanted = request_filter(industries, request, parameters::kLanguage);
    const auto profiles = industries.current();
    if (name == "fit" && !wanted.industry) {
        throw filter::FilterError("industry", "适合度样式需要 industry 参数，可用：" + profiles->id_list() +
                                                  " / the fit style needs industry=…; use " + profiles->id_list());
    }
    const std::string query = filter::canonical_query(wanted);
    style::StyleRequest style_request;
    style_request.name = std::string(name);
    style_request.lang = request_language(request);
    style_request.tilejson_url = base_url(config, request) + "/tiles.json" + (query.empty() ? "" : "?" + query);
    style_request.glyphs_url = base_url(config, request) + "/fonts/{fontstack}/{range}.pbf";
    style_request.basemap_url = config.basemap_url;
    style_request.basemap_attribution = config.basemap_attribution;
    style_request.parcel_zoom = config.parcel_zoom;
    style_request.industry = wanted.industry ? profiles->find(*wanted.industry) : nullptr;
    style_request.statuses = visible_statuses(config, request);
    if (name == "heat") {
        style_request.heaviest_weight = store::heaviest_parcel_weight(database.reader(), filter::to_sql(wanted, style_request.statuses));
    }
    if (const auto extent = store::parcel_extent(database.reader(), style_request.statuses)) {
        style_request.bounds = std::array<double, 4>{extent->west, extent->south, extent->east, extent->north};
    }
    return json_document(config, request, style::build_map_style(load_style_template(), style_request).dump());
}

// GET /fonts/{fontstack}/{start}-{end}.pbf — a valid glyph set with no
// glyphs. MapLibre then draws CJK text with the browser's own fonts
// (localIdeographFontFamily) and needs no font server, online or off.
Response glyphs(const Request& request, std::string_view fontstack, std::string_view range_file) {
    accept_only(request, parameters::kNone);
    unsigned start = 0, end = 0;
    char extension[8] = {};
    const std::string file(range_file);
    if (std::sscanf(file.c_str(), "%u-%u.%3s", &start, &end, extension) != 3 || std::string_view(extension) != "pbf" ||
        start % 256 != 0 || end != start + 255 || end > 65535 || fontstack.size() > 200) {
        throw HttpError(404, "not_found", "没有这个字形范围 / no such glyph range");
    }
    std::string body;
    {
        protozero::pbf_writer glyph_set(body);
        protozero::pbf_writer stack(glyph_set, 1);
        stack.add_string(1, fontstack.data(), fontstack.size());
        stack.add_string(2, std::to_string(start) + "-" + std::to_string(end));
    }
    Response response;
    response.content_type = "application/x-protobuf";
    response.body = std::move(body);
    response.headers = {{"Cache-Control", "public, max-age=86400"}};
    return response;
}

}  // namespace investmap::server::routes
