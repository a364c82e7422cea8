#pragma once
// The server's HTTP interface as an OpenAPI 3.0 document (GET /api/openapi,
// the landing page's `service-desc`), generated from the endpoint table in
// openapi_document.cpp, the parameter lists the routes check requests
// against (routes/parameters.hpp) and the vocabulary: the filter grammar
// with its enums, bbox, paging, sortby, the responses and the error body,
// the staff operations with their bearer scheme.
#include "fit/industry_profile.hpp"

#include <nlohmann/json.hpp>

#include <span>
#include <string>
#include <string_view>

namespace investmap::server::openapi {

// OGC API – Features Part 1, 7.2.2: the landing page's service-desc type.
inline constexpr std::string_view kOpenApiMediaType = "application/vnd.oai.openapi+json;version=3.0";

struct DocumentContext {
    std::string server_url;                        // the public base URL, without a trailing slash
    const fit::IndustryProfiles* industries = nullptr;  // the profiles in force: industry's enum
    int parcel_zoom = 13;
};

nlohmann::json openapi_document(const DocumentContext& context);

}  // namespace investmap::server::openapi
