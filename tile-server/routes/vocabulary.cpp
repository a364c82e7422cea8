// GET /api/vocabulary?lang=zh|en — the domain's words (statuses with their
// colours and moves, kinds, land uses, fields, filters, fit bands) as this
// server uses them: the pages take every label and colour from here.
#include "routes.hpp"

#include "vocabulary/vocabulary.hpp"

#include <nlohmann/json.hpp>

namespace investmap::server::routes {

Response api_vocabulary(const ServerConfig& config, const Request& request) {
    accept_only(request, parameters::kLanguage);
    const vocabulary::Settings settings{.parcel_zoom = config.parcel_zoom, .public_statuses = config.public_statuses};
    return json_document(config, request, vocabulary::to_json(request_language(request), settings).dump());
}

}  // namespace investmap::server::routes
