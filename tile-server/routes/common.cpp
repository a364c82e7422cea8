#include "routes.hpp"

#include "../http_headers.hpp"

#include "store/parcel_model.hpp"

#include <cstdio>

namespace investmap::server::routes {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const std::size_t slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return parts;
}

std::string hex_hash(std::string_view text) {
    std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a, 64 bits
    for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ULL;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

bool etag_matches(const Request& request, std::string_view etag) {
    const auto header = request.header("if-none-match");
    return header && if_none_match_names(*header, etag);
}

Response json_document(const ServerConfig& config, const Request& request, std::string body, std::string content_type) {
    Response response;
    const std::string etag = "\"" + hex_hash(body) + "\"";
    response.headers = {{"ETag", etag}, {"Cache-Control", "public, max-age=" + std::to_string(config.cache_max_age_s)}};
    if (etag_matches(request, etag)) {
        response.status = 304;
        return response;
    }
    response.content_type = std::move(content_type);
    response.body = std::move(body);
    return response;
}

filter::Filter request_filter(const IndustriesInForce& industries, const Request& request,
                              std::span<const std::string_view> endpoint_parameters) {
    const auto profiles = industries.current();
    return filter::parse_filter(request.query, endpoint_parameters, profiles.get());
}

void accept_only(const Request& request, std::span<const std::string_view> allowed) {
    filter::check_parameter_names(request.query, allowed, false);
}

void check_format(const Request& request) {
    const auto format = query_parameter(request, "f");
    if (format && std::ranges::find(parameters::kFormats, *format) == parameters::kFormats.end()) {
        throw HttpError(400, "bad_parameter", "f 只支持 json / f must be json");
    }
}

void check_document_request(const Request& request) {
    accept_only(request, parameters::kDocument);
    check_format(request);
}

std::optional<std::string> query_parameter(const Request& request, std::string_view name) {
    return filter::parameter_value(request.query, name);
}

std::string request_language(const Request& request) {
    const auto lang = query_parameter(request, "lang").value_or("zh");
    if (lang != "zh" && lang != "en") throw filter::FilterError("lang", "lang 应为 zh 或 en / lang must be zh or en");
    return lang;
}

void absolute_media_urls(nlohmann::json& feature, std::string_view base) {
    auto& photos = feature["properties"]["photos"];
    if (!photos.is_array()) return;
    for (auto& photo : photos) {
        if (!photo.is_object() || !photo.contains("url") || !photo["url"].is_string()) continue;
        const std::string url = photo["url"].get<std::string>();
        if (url.starts_with('/')) photo["url"] = std::string(base) + url;
    }
}

std::vector<std::string_view> visible_statuses(const ServerConfig& config, const Request& request) {
    if (request.caller) {
        std::vector<std::string_view> all;
        for (const auto& status : vocabulary::kStatuses) all.push_back(status.code);
        return all;
    }
    return {config.public_statuses.begin(), config.public_statuses.end()};
}

}  // namespace investmap::server::routes
