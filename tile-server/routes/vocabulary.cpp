// GET /api/vocabulary?lang=zh|en — the domain's words (statuses with their
// colours and moves, kinds, land uses, fields, filters, fit bands) as this
// server uses them: the pages take every label and colour from here.
#include "routes.hpp"

#include "vocabulary/vocabulary.hpp"

#include <nlohmann/json.hpp>

namespace investmap::server::routes {

Response api_vocabulary(const ServerConfig& config, const Request& request) {
    for (const auto& [name, value] : request.query) {
        if (name != "lang") throw filter::FilterError(name, "未知参数 " + name + " / unknown parameter " + name);
    }
    if (request.query.size() > 1) throw filter::FilterError("lang", "参数 lang 重复 / parameter lang is given twice");
    const vocabulary::Settings settings{.parcel_zoom = config.parcel_zoom, .public_statuses = config.public_statuses};
    return json_document(config, request, vocabulary::to_json(request_language(request), settings).dump());
}

}  // namespace investmap::server::routes
