#pragma once
// Where this server's documents say it is: the scheme, host and path prefix
// of every absolute URL it writes (TileJSON, styles, OGC API links, QR
// codes). In order:
//   1. `public_url` from the config, when set;
//   2. from a trusted reverse proxy (trust_proxy, and the peer is one of
//      trusted_proxies): Forwarded (RFC 7239) or X-Forwarded-Proto/-Host/
//      -Prefix, each checked;
//   3. the address the client reached us on; the Host header only when it
//      names that same address (or localhost on a loopback connection).
// A Host or X-Forwarded-Host a client makes up never reaches a document:
// documents are cached publicly, and a shared cache would hand them on.
#include "config.hpp"
#include "http.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace investmap::server {

struct PublicUrl {
    std::string scheme;  // http | https
    std::string host;    // host[:port], lower case
    std::string prefix;  // "" or "/heatmap": no trailing slash
    std::string origin() const { return scheme + "://" + host; }
    std::string base() const { return origin() + prefix; }
};

// "https://zsdt.example.gov.cn/heatmap/" → https, zsdt.example.gov.cn,
// /heatmap. Nullopt for anything else: another scheme, user info, a query
// or fragment, a bad host or port, a path with "..", "//" or odd characters.
std::optional<PublicUrl> parse_public_url(std::string_view text);

// Whether `address` is one of `trusted`: IP addresses or networks
// ("10.0.0.0/8", "::1"). An entry that does not parse trusts nothing.
bool is_trusted_proxy(std::span<const std::string> trusted, std::string_view address);
// Whether an entry of trusted_proxies is an IP address or network.
bool is_proxy_entry(std::string_view entry);

// The checked forms of what a trusted proxy says; nullopt when the value
// is not one (so the next source is used instead).
std::optional<std::string> forwarded_scheme(std::string_view value);
std::optional<std::string> forwarded_host(std::string_view value);
std::optional<std::string> forwarded_prefix(std::string_view value);

// Where the answer to `request` says the site is, by the rules above.
PublicUrl public_url_of(const ServerConfig& config, const Request& request);
// Its base, for every absolute URL in the answer: "https://host/prefix".
inline std::string base_url(const ServerConfig& config, const Request& request) { return public_url_of(config, request).base(); }

// The client's address for limits and logs: the one a trusted proxy
// forwarded (the last of X-Forwarded-For, or Forwarded's for=), else the peer's.
std::string client_address(const ServerConfig& config, const Request& request);

}  // namespace investmap::server
