// GET /api/industries — the industry profiles in force, with their
// requirements in words (Chinese and English).
#include "routes.hpp"

#include <nlohmann/json.hpp>

namespace investmap::server::routes {

Response api_industries(const ServerConfig& config, const IndustriesInForce& industries, const Request& request) {
    accept_only(request, parameters::kDocument);
    const auto profiles = industries.current();
    nlohmann::json list = fit::to_json(*profiles);
    for (std::size_t i = 0; i < list.size(); ++i) {
        list[i]["requirements"] = fit::requirements_in_words(profiles->industries[i]);
    }
    return json_document(config, request, nlohmann::json{{"industries", list}}.dump());
}

}  // namespace investmap::server::routes
