// The API describing itself: GET /api/openapi (OpenAPI 3.0, the landing
// page's service-desc) and GET /api/collections/parcels/queryables (OGC API
// – Features Part 3).
#include "routes.hpp"

#include "../openapi/openapi_document.hpp"
#include "../openapi/queryables.hpp"

#include "store/parcel_stats.hpp"

namespace investmap::server::routes {

Response api_openapi(const ServerConfig& config, const IndustriesInForce& industries, const Request& request) {
    check_document_request(request);
    const auto profiles = industries.current();
    const openapi::DocumentContext context{.server_url = base_url(config, request), .industries = profiles.get(),
                                           .parcel_zoom = config.parcel_zoom};
    return json_document(config, request, openapi::openapi_document(context).dump(), std::string(openapi::kOpenApiMediaType));
}

Response api_queryables(const ServerConfig& config, SharedDatabase& database, const Request& request) {
    check_document_request(request);
    // The park enum lists the parks of the parcels this caller may see.
    const std::vector<std::string_view> statuses = visible_statuses(config, request);
    std::vector<std::string> parks;
    for (const store::GroupTotal& park : store::parcels_by_park(database.reader(), filter::to_sql({}, statuses))) {
        if (!park.key.empty()) parks.push_back(park.key);
    }
    const std::string self = base_url(config, request) + "/api/collections/parcels/queryables";
    return json_document(config, request, openapi::parcel_queryables(self, statuses, parks).dump(), "application/schema+json");
}

}  // namespace investmap::server::routes
