#include "http.hpp"

#include "text/url_query.hpp"
#include "text/utf8.hpp"

#include <nlohmann/json.hpp>

namespace investmap::server {

std::optional<std::string_view> Request::header(std::string_view name) const {
    auto it = headers.find(std::string(name));
    if (it == headers.end()) return std::nullopt;
    return it->second;
}

Response error_response(unsigned status, std::string_view code, std::string_view message) {
    Response response;
    response.status = status;
    // Messages may quote what the client sent: sanitised, and written with
    // the JSON writer's replacing handler, so building an error never throws.
    const nlohmann::json body{{"error", {{"code", text::sanitized_utf8(code)}, {"message", text::sanitized_utf8(message)}}}};
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

std::pair<std::string, filter::QueryParameters> parse_target(std::string_view target) {
    const std::size_t question = target.find('?');
    try {
        std::string path = text::percent_decode(target.substr(0, question), false);
        if (question == std::string_view::npos) return {std::move(path), {}};
        return {std::move(path), text::parse_query(target.substr(question + 1))};
    } catch (const text::UrlError& error) {
        throw HttpError(400, "bad_request", error.what());
    }
}

}  // namespace investmap::server
