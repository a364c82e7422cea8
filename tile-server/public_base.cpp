#include "public_base.hpp"

#include "text/ascii.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v4.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace investmap::server {
namespace {

namespace ip = boost::asio::ip;

using text::ascii_lower;
using text::trim_blanks;

// An IP address written plainly: only hex digits, dots and colons go to the
// parser (inet_pton stops at a NUL byte, so "1.2.3.4\0junk" would pass).
std::optional<ip::address> parse_ip(std::string_view text) {
    const bool plain = !text.empty() && text.size() <= 45 &&
                       std::ranges::all_of(text, [](unsigned char c) { return std::isxdigit(c) || c == '.' || c == ':'; });
    if (!plain) return std::nullopt;
    boost::system::error_code error;
    const ip::address address = ip::make_address(std::string(text), error);
    if (error) return std::nullopt;
    return address;
}

bool valid_port(std::string_view digits) {
    unsigned port = 0;
    const char* end = digits.data() + digits.size();
    return !digits.empty() && digits.size() <= 5 && std::from_chars(digits.data(), end, port).ptr == end && port >= 1 && port <= 65535;
}

// host[:port]: a DNS name (letters, digits, '-' and '.') or an IP literal,
// IPv6 in brackets.
bool valid_host(std::string_view host) {
    if (host.empty() || host.size() > 261) return false;
    std::string_view name = host;
    if (host.front() == '[') {
        const std::size_t close = host.find(']');
        if (close == std::string_view::npos) return false;
        const auto address = parse_ip(host.substr(1, close - 1));
        if (!address || !address->is_v6()) return false;
        const std::string_view rest = host.substr(close + 1);
        return rest.empty() || (rest.front() == ':' && valid_port(rest.substr(1)));
    }
    if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        if (!valid_port(host.substr(colon + 1))) return false;
        name = host.substr(0, colon);
    }
    if (name.empty() || name.size() > 253 || name.front() == '.' || name.front() == '-' || name.find("..") != std::string_view::npos) {
        return false;
    }
    return std::ranges::all_of(name, [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.'; });
}

// A path prefix: "/a/b" of unreserved characters, without "." or ".."
// segments; "" or "/" mean none.
std::optional<std::string> valid_prefix(std::string_view path) {
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) return std::string();
    if (path.front() != '/' || path.size() > 200 || path.find("//") != std::string_view::npos) return std::nullopt;
    const bool characters = std::ranges::all_of(path, [](unsigned char c) { return std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~'; });
    if (!characters || path.find("/.") != std::string_view::npos) return std::nullopt;
    return std::string(path);
}

// The last entry of a comma-separated header: the one the nearest proxy added.
std::string_view last_entry(std::string_view value) {
    const std::size_t comma = value.rfind(',');
    return trim_blanks(comma == std::string_view::npos ? value : value.substr(comma + 1));
}

// The parameter `name` of the last element of a Forwarded header (RFC 7239):
// `for=…;proto=…;host=…, for=…`. Quoted values are unquoted.
std::optional<std::string> forwarded_parameter(std::string_view header, std::string_view name) {
    // The last element starts after the last comma outside quotes.
    bool quoted = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == '"') quoted = !quoted;
        else if (header[i] == ',' && !quoted) start = i + 1;
    }
    std::string_view element = header.substr(start);
    while (!element.empty()) {
        const std::size_t semicolon = element.find(';');
        const std::string_view pair = trim_blanks(element.substr(0, semicolon));
        const std::size_t equals = pair.find('=');
        if (equals != std::string_view::npos && ascii_lower(trim_blanks(pair.substr(0, equals))) == name) {
            std::string_view value = trim_blanks(pair.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            return std::string(value);
        }
        if (semicolon == std::string_view::npos) break;
        element.remove_prefix(semicolon + 1);
    }
    return std::nullopt;
}

// The address the client reached us on as a URL's host, or the listen
// address when the request did not come through a socket.
std::string reached_host(const ServerConfig& config, const Request& request) {
    if (!request.local_address.empty()) return request.local_address;
    return config.host + ":" + std::to_string(config.port);
}

bool loopback(std::string_view host_and_port) {
    return host_and_port.starts_with("127.") || host_and_port.starts_with("[::1]");
}

// Host when it names the address the request came in on; nullopt otherwise.
std::optional<std::string> checked_host(const Request& request, const std::string& reached) {
    const auto host = request.header("host");
    if (!host) return std::nullopt;
    const std::string named = ascii_lower(trim_blanks(*host));
    if (named == reached) return named;
    const std::string port = reached.substr(reached.rfind(':'));
    if (loopback(reached) && named == "localhost" + port) return named;
    return std::nullopt;
}

bool from_trusted_proxy(const ServerConfig& config, const Request& request) {
    return config.trust_proxy && is_trusted_proxy(config.trusted_proxies, request.remote_address);
}

}  // namespace

std::optional<PublicUrl> parse_public_url(std::string_view text) {
    const std::size_t scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    PublicUrl url{ascii_lower(text.substr(0, scheme_end)), "", ""};
    if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
    std::string_view rest = text.substr(scheme_end + 3);
    if (rest.find_first_of("?#@\\ ") != std::string_view::npos) return std::nullopt;
    const std::size_t slash = rest.find('/');
    const std::string_view host = rest.substr(0, slash);
    if (!valid_host(host)) return std::nullopt;
    url.host = ascii_lower(host);
    const auto prefix = valid_prefix(slash == std::string_view::npos ? "" : rest.substr(slash));
    if (!prefix) return std::nullopt;
    url.prefix = *prefix;
    return url;
}

bool is_proxy_entry(std::string_view entry) {
    boost::system::error_code error;
    const std::string text(entry);
    if (text.find('/') == std::string::npos) return parse_ip(text).has_value();
    if (text.find('\0') != std::string::npos) return false;
    ip::make_network_v4(text, error);
    if (!error) return true;
    error.clear();
    ip::make_network_v6(text, error);
    return !error;
}

bool is_trusted_proxy(std::span<const std::string> trusted, std::string_view address) {
    boost::system::error_code error;
    const auto parsed = parse_ip(address);
    if (!parsed) return false;
    ip::address peer = *parsed;
    if (peer.is_v6() && peer.to_v6().is_v4_mapped()) peer = ip::make_address_v4(ip::v4_mapped, peer.to_v6());
    for (const std::string& entry : trusted) {
        if (entry.find('/') == std::string::npos) {
            if (parse_ip(entry) == peer) return true;
            continue;
        }
        if (peer.is_v4()) {
            const auto network = ip::make_network_v4(entry, error);
            if (!error && ip::make_network_v4(peer.to_v4(), network.prefix_length()).canonical() == network.canonical()) return true;
        } else {
            const auto network = ip::make_network_v6(entry, error);
            if (!error && ip::make_network_v6(peer.to_v6(), network.prefix_length()).canonical() == network.canonical()) return true;
        }
        error.clear();
    }
    return false;
}

std::optional<std::string> forwarded_scheme(std::string_view value) {
    const std::string scheme = ascii_lower(trim_blanks(value));
    if (scheme == "http" || scheme == "https") return scheme;
    return std::nullopt;
}

std::optional<std::string> forwarded_host(std::string_view value) {
    const std::string_view host = trim_blanks(value);
    if (!valid_host(host)) return std::nullopt;
    return ascii_lower(host);
}

std::optional<std::string> forwarded_prefix(std::string_view value) { return valid_prefix(trim_blanks(value)); }

PublicUrl public_url_of(const ServerConfig& config, const Request& request) {
    if (const auto configured = parse_public_url(config.public_url)) return *configured;
    const std::string reached = reached_host(config, request);
    PublicUrl url{"http", checked_host(request, reached).value_or(reached), ""};
    if (from_trusted_proxy(config, request)) {
        const auto forwarded = request.header("forwarded");
        const auto pick = [&](const char* parameter, const char* x_header, auto check) -> std::optional<std::string> {
            if (forwarded) {
                if (const auto value = forwarded_parameter(*forwarded, parameter)) return check(*value);
            }
            if (const auto value = request.header(x_header)) return check(last_entry(*value));
            return std::nullopt;
        };
        if (const auto scheme = pick("proto", "x-forwarded-proto", forwarded_scheme)) url.scheme = *scheme;
        if (const auto host = pick("host", "x-forwarded-host", forwarded_host)) url.host = *host;
        if (const auto prefix = request.header("x-forwarded-prefix")) url.prefix = forwarded_prefix(*prefix).value_or("");
    }
    return url;
}

std::string client_address(const ServerConfig& config, const Request& request) {
    if (!from_trusted_proxy(config, request)) return request.remote_address;
    std::optional<std::string> forwarded;
    if (const auto header = request.header("forwarded")) forwarded = forwarded_parameter(*header, "for");
    if (!forwarded) {
        if (const auto header = request.header("x-forwarded-for")) forwarded = std::string(last_entry(*header));
    }
    if (!forwarded) return request.remote_address;
    std::string address = *forwarded;
    // Forwarded writes IPv6 as "[2001:db8::1]:4711" and may add a port to IPv4.
    if (address.starts_with('[')) address = address.substr(1, address.find(']') - 1);
    else if (std::ranges::count(address, ':') == 1) address = address.substr(0, address.find(':'));
    const auto parsed = parse_ip(address);
    return parsed ? parsed->to_string() : request.remote_address;
}

}  // namespace investmap::server
