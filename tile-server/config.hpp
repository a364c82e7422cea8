#pragma once
// The server's settings: defaults here, overrides from `--config C.toml`,
// checked once at start. An unknown key or a bad value stops start-up with
// a message naming it (file:line).
#include "vocabulary/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace investmap::server {

// The statuses the vocabulary makes public by default (anonymous callers see them).
std::vector<std::string> default_public_statuses();

struct ServerConfig {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    unsigned threads = 0;                    // 0: one per core
    std::vector<std::string> cors_origins;   // "*" or exact origins
    std::size_t cache_bytes = 64u << 20;     // tile cache
    int parcel_zoom = vocabulary::kDefaultParcelZoom;
    bool memory_index = true;                // tiles from parcels kept in memory; false: every tile from SQLite
    std::vector<std::string> public_statuses = default_public_statuses();
    std::string attribution = "© 区商务局 district commerce bureau";
    std::string map_approval_number;         // 审图号, shown on maps
    std::vector<std::string> frame_ancestors;  // origins that may embed /embed
    unsigned cache_max_age_s = 60;
    std::string web_dir;                     // static pages; empty: found beside the binary or in the source tree
    std::string industries_path;             // industry profiles; empty: the shipped data/industries.toml
    std::string basemap_url;                 // optional raster tiles https://…/{z}/{x}/{y}.png under the map
    std::string basemap_attribution;
    std::string media_dir;                   // uploaded photos and videos; empty: DB-media beside the database
    unsigned import_max_mb = 200;            // the largest file POST /api/imports takes
    std::size_t max_header_bytes = 8 * 1024;
    unsigned read_timeout_s = 15;
    unsigned max_requests_per_connection = 1000;
    // Where the server is reached from outside, e.g. https://zsdt.example.gov.cn/heatmap/:
    // every absolute URL in its documents starts so. Empty: see public_base.hpp.
    std::string public_url;
    // Believe Forwarded / X-Forwarded-* from the addresses in trusted_proxies.
    bool trust_proxy = false;
    std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};  // IP addresses or networks
    bool access_log = true;                  // a line per request on standard error (access_log.hpp)
};

// The worker threads serve runs: `threads`, or one per core when 0.
unsigned worker_threads(const ServerConfig& config);

// Defaults, then the file when given. Throws InputError naming key and line.
ServerConfig load_config(const std::optional<std::string>& path);
// "127.0.0.1:8080" into host and port; throws UsageError when malformed.
void set_listen(ServerConfig& config, const std::string& listen);

}  // namespace investmap::server
