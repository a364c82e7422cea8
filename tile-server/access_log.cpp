#include "access_log.hpp"

#include "auth/authenticator.hpp"
#include "text/url_query.hpp"

#include <cstdio>
#include <ctime>

namespace investmap::server {
namespace {

bool safe_in_log(unsigned char byte) { return byte > 0x20 && byte < 0x7f && byte != '"' && byte != '\\'; }

// A query parameter's name as the router will see it, when it decodes.
std::string decoded_name(std::string_view name) {
    try {
        return text::percent_decode(name, true);
    } catch (const std::exception&) {
        return std::string(name);
    }
}

// "a=1&token=abc&b=2" → "a=1&token=***&b=2".
std::string masked_query(std::string_view query) {
    std::string out;
    out.reserve(query.size());
    while (true) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        const std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos && is_token_parameter(decoded_name(pair.substr(0, equals)))) {
            out.append(pair.substr(0, equals + 1)).append("***");
        } else {
            out.append(pair);
        }
        if (amp == std::string_view::npos) return out;
        out.push_back('&');
        query.remove_prefix(amp + 1);
    }
}

std::string utc_milliseconds(std::chrono::system_clock::time_point at) {
    const auto since = at.time_since_epoch();
    const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(since).count();
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since).count() % 1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                  parts.tm_hour, parts.tm_min, parts.tm_sec, static_cast<int>(millis));
    return text;
}

}  // namespace

std::string escaped_for_log(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (safe_in_log(byte)) {
            out.push_back(c);
        } else {
            out.append("\\x").push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 15]);
        }
    }
    return out;
}

std::string loggable_target(std::string_view target) {
    const bool cut = target.size() > kMaxLoggedTarget;
    if (cut) target = target.substr(0, kMaxLoggedTarget);
    const std::size_t question = target.find('?');
    std::string kept(target.substr(0, question));
    if (question != std::string_view::npos) kept.append("?").append(masked_query(target.substr(question + 1)));
    std::string out = escaped_for_log(kept);
    if (cut) out.append("…");
    return out;
}

std::string access_log_line(const AccessRecord& record) {
    char figures[64];
    std::snprintf(figures, sizeof figures, "%u %zu %.1fms", record.status, record.bytes, record.seconds * 1000.0);
    const std::string client = record.client.empty() ? "-" : escaped_for_log(record.client);
    // A request whose first line did not parse has neither: "-", as nginx writes.
    const std::string request = record.method.empty() && record.target.empty()
                                    ? "-"
                                    : escaped_for_log(record.method) + " " + loggable_target(record.target);
    return "access " + utc_milliseconds(record.at) + " " + client + " \"" + request + "\" " + figures;
}

}  // namespace investmap::server
