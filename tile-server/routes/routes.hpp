#pragma once
// One function a route family. Each may throw HttpError (a client mistake),
// filter::FilterError (a bad query parameter) or anything else (our fault).
#include "../app.hpp"
#include "../http.hpp"
#include "../public_base.hpp"

#include "filter/filter.hpp"
#include "parameters.hpp"

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

namespace investmap::server::routes {

// The path's segments after the leading slash: "/tiles/1/2/3.mvt" → tiles,1,2,3.mvt
std::vector<std::string_view> segments(std::string_view path);

// A 64-bit FNV-1a hash in hex: ETags of bodies and cache keys.
std::string hex_hash(std::string_view text);

// Whether If-None-Match names `etag` (weak comparison, as RFC 9110 asks).
bool etag_matches(const Request& request, std::string_view etag);

// A JSON document with a strong ETag of its bytes, or a 304 when the client
// has those bytes already.
Response json_document(const ServerConfig& config, const Request& request, std::string body,
                       std::string content_type = "application/json");

// The request's filter, industry ids checked against the profiles in force;
// `endpoint_parameters` are the endpoint's own names (bbox, lang …).
filter::Filter request_filter(const IndustriesInForce& industries, const Request& request,
                              std::span<const std::string_view> endpoint_parameters = {});

// Refuses a query parameter the endpoint does not take (its list is in
// routes/parameters.hpp), or one given twice: a 400 naming it.
void accept_only(const Request& request, std::span<const std::string_view> allowed);

// Only JSON is served: f=json (or geojson) is accepted, any other f is a 400.
void check_format(const Request& request);
// A JSON document's request: f and nothing else.
void check_document_request(const Request& request);

// The value of query parameter `name`, if given.
std::optional<std::string> query_parameter(const Request& request, std::string_view name);
// ?lang=zh|en (default zh); anything else is a 400 naming lang.
std::string request_language(const Request& request);

// Makes the feature's photo and video URLs (stored as paths from the site's
// root, "/media/…") absolute from `base`, as every other link is: under a
// sub-path they keep the prefix.
void absolute_media_urls(nlohmann::json& feature, std::string_view base);

// The statuses this request may see: the public ones, or all with a token.
std::vector<std::string_view> visible_statuses(const ServerConfig& config, const Request& request);

// Each route takes the services it uses: the settings, the shared database,
// the industry profiles in force, the tile machinery, the metrics.
Response tile(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, Tiles& tiles,
              Metrics& metrics, const Request& request, std::string_view z, std::string_view x, std::string_view y_and_extension);
Response tilejson(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request);
Response api_landing(const ServerConfig& config, const Request& request);
Response api_conformance(const ServerConfig& config, const Request& request);
Response api_collections(const ServerConfig& config, SharedDatabase& database, const Request& request);
Response api_collection(const ServerConfig& config, SharedDatabase& database, const Request& request);
Response api_openapi(const ServerConfig& config, const IndustriesInForce& industries, const Request& request);
Response api_queryables(const ServerConfig& config, SharedDatabase& database, const Request& request);
Response api_items(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request);
Response api_item(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request,
                  std::string_view code);
// The strong ETag of a parcel's staff representation: "v{version}". A PATCH's
// If-Match must name it.
std::string item_etag(std::int64_t version);
Response patch_item(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request,
                    std::string_view code);
Response item_history(const ServerConfig& config, SharedDatabase& database, const Request& request, std::string_view code);
// POST /api/imports: a file imported as `investmap import` would (routes/imports.cpp).
Response post_import(const ServerConfig& config, SharedDatabase& database, const Request& request);
// GET /api/unlocated and PUT /api/unlocated/{code}/geometry (routes/unlocated.cpp).
Response unlocated_list(const ServerConfig& config, SharedDatabase& database, const Request& request);
Response place_unlocated(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries,
                         const Request& request, std::string_view code);
Response upload_media(const ServerConfig& config, SharedDatabase& database, const Request& request, std::string_view code);
Response delete_media(const ServerConfig& config, SharedDatabase& database, const Request& request, std::string_view code,
                      std::string_view hash);
Response media_file(const ServerConfig& config, const Request& request, std::string_view name);
Response api_industries(const ServerConfig& config, const IndustriesInForce& industries, const Request& request);
Response api_vocabulary(const ServerConfig& config, const Request& request);
Response api_stats(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request);
Response style(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request,
               std::string_view file_name);
Response glyphs(const Request& request, std::string_view fontstack, std::string_view range_file);
Response static_map(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, Tiles& tiles,
                    const Request& request, std::string_view spec);
Response static_file(const ServerConfig& config, TileCache& cache, const Request& request);
Response health(SharedDatabase& database, Tiles& tiles, const Request& request);
Response metrics(const Metrics& metrics, const TileCache& cache, const Request& request);

}  // namespace investmap::server::routes
