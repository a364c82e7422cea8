#include "http.hpp"

#include "text/utf8.hpp"

#include <nlohmann/json.hpp>

namespace investmap::server {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%') {
            const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0) throw HttpError(400, "bad_request", "bad percent escape in the URL");
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += plus_is_space && text[i] == '+' ? ' ' : text[i];
        }
    }
    if (out.find('\0') != std::string::npos || !text::is_valid_utf8(out)) {
        throw HttpError(400, "bad_request", "the URL decodes to a NUL byte or invalid UTF-8");
    }
    return out;
}

}  // namespace

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
    std::string path = decode(target.substr(0, question), false);
    filter::QueryParameters query;
    if (question != std::string_view::npos) {
        std::string_view rest = target.substr(question + 1);
        while (!rest.empty()) {
            const std::size_t amp = rest.find('&');
            const std::string_view pair = rest.substr(0, amp);
            if (!pair.empty()) {
                const std::size_t equals = pair.find('=');
                query.emplace_back(decode(pair.substr(0, equals), true),
                                   equals == std::string_view::npos ? "" : decode(pair.substr(equals + 1), true));
            }
            if (amp == std::string_view::npos) break;
            rest.remove_prefix(amp + 1);
        }
    }
    return {std::move(path), std::move(query)};
}

}  // namespace investmap::server
