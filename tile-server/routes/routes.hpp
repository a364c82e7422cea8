#pragma once
// One function a route family. Each may throw HttpError (a client mistake),
// filter::FilterError (a bad query parameter) or anything else (our fault).
#include "../app.hpp"
#include "../http.hpp"

#include "filter/filter.hpp"

#include <string_view>
#include <vector>

namespace investmap::server::routes {

// The path's segments after the leading slash: "/tiles/1/2/3.mvt" → tiles,1,2,3.mvt
std::vector<std::string_view> segments(std::string_view path);

// "http://host:port" from the Host header when it is a plain host[:port],
// else from our own listen address: the base of every link we hand out.
std::string base_url(const App& app, const Request& request);

// A 64-bit FNV-1a hash in hex: ETags of bodies and cache keys.
std::string hex_hash(std::string_view text);

// Whether If-None-Match names `etag` (weak comparison, as RFC 9110 asks).
bool etag_matches(const Request& request, std::string_view etag);

// A JSON document with a strong ETag of its bytes, or a 304 when the client
// has those bytes already.
Response json_document(const App& app, const Request& request, std::string body,
                       std::string content_type = "application/json");

// The request's filter, industry ids checked against the profiles in force;
// `endpoint_parameters` are the endpoint's own names (bbox, lang …).
filter::Filter request_filter(const App& app, const Request& request,
                              std::span<const std::string_view> endpoint_parameters = {});

// The value of query parameter `name`, if given.
std::optional<std::string> query_parameter(const Request& request, std::string_view name);
// ?lang=zh|en (default zh); anything else is a 400 naming lang.
std::string request_language(const Request& request);

// The statuses this request may see: the public ones, or all with a token.
std::vector<std::string_view> visible_statuses(const App& app, const Request& request);

Response tile(App& app, const Request& request, std::string_view z, std::string_view x, std::string_view y_and_extension);
Response tilejson(App& app, const Request& request);
Response api_landing(App& app, const Request& request);
Response api_conformance(App& app, const Request& request);
Response api_collections(App& app, const Request& request);
Response api_collection(App& app, const Request& request);
Response api_items(App& app, const Request& request);
Response api_item(App& app, const Request& request, std::string_view code);
// The strong ETag of a parcel's staff representation: "v{version}". A PATCH's
// If-Match must name it.
std::string item_etag(std::int64_t version);
Response patch_item(App& app, const Request& request, std::string_view code);
Response item_history(App& app, const Request& request, std::string_view code);
Response upload_media(App& app, const Request& request, std::string_view code);
Response delete_media(App& app, const Request& request, std::string_view code, std::string_view hash);
Response media_file(App& app, const Request& request, std::string_view name);
Response api_industries(App& app, const Request& request);
Response api_vocabulary(App& app, const Request& request);
Response api_stats(App& app, const Request& request);
Response style(App& app, const Request& request, std::string_view file_name);
Response glyphs(std::string_view fontstack, std::string_view range_file);
Response static_map(App& app, const Request& request, std::string_view spec);
Response static_file(App& app, const Request& request);
Response health(App& app, const Request& request);
Response metrics(App& app);

}  // namespace investmap::server::routes
