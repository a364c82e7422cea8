#include "config.hpp"
#include "public_base.hpp"

#include "errors.hpp"
#include "store/parcel_model.hpp"

#include <boost/asio/ip/address.hpp>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <thread>

namespace investmap::server {
namespace {

[[noreturn]] void config_error(const std::string& path, const toml::node& node, const std::string& zh, const std::string& en) {
    const std::string place = path + ":" + std::to_string(node.source().begin.line);
    throw InputError("配置文件 " + place + "：" + zh, "config file " + place + ": " + en);
}

std::vector<std::string> strings(const std::string& path, const toml::node& node, std::string_view key) {
    std::vector<std::string> items;
    const auto* list = node.as_array();
    if (!list) config_error(path, node, std::string(key) + " 应为文本数组", std::string(key) + " must be a list of strings");
    for (const auto& item : *list) {
        auto text = item.value<std::string>();
        if (!text) config_error(path, item, std::string(key) + " 应为文本数组", std::string(key) + " must be a list of strings");
        items.push_back(*text);
    }
    return items;
}

std::int64_t integer(const std::string& path, const toml::node& node, std::string_view key, std::int64_t low, std::int64_t high) {
    auto value = node.value<std::int64_t>();
    if (!value || *value < low || *value > high) {
        config_error(path, node, std::string(key) + " 应为 " + std::to_string(low) + " 到 " + std::to_string(high) + " 的整数",
                     std::string(key) + " must be an integer from " + std::to_string(low) + " to " + std::to_string(high));
    }
    return *value;
}

bool boolean(const std::string& path, const toml::node& node, std::string_view key) {
    auto value = node.value<bool>();
    if (!value) config_error(path, node, std::string(key) + " 应为 true 或 false", std::string(key) + " must be true or false");
    return *value;
}

std::string text(const std::string& path, const toml::node& node, std::string_view key) {
    auto value = node.value<std::string>();
    if (!value) config_error(path, node, std::string(key) + " 应为文本", std::string(key) + " must be a string");
    return *value;
}

void apply(ServerConfig& config, const std::string& path, std::string_view key, const toml::node& node) {
    if (key == "listen") {
        try {
            set_listen(config, text(path, node, key));
        } catch (const UsageError&) {
            config_error(path, node, "listen 应形如 127.0.0.1:8080", "listen must look like 127.0.0.1:8080");
        }
    } else if (key == "threads") {
        config.threads = static_cast<unsigned>(integer(path, node, key, 0, 256));
    } else if (key == "cors_origins") {
        config.cors_origins = strings(path, node, key);
    } else if (key == "cache_mb") {
        config.cache_bytes = static_cast<std::size_t>(integer(path, node, key, 0, 65536)) << 20;
    } else if (key == "parcel_zoom") {
        config.parcel_zoom = static_cast<int>(integer(path, node, key, 0, 22));
    } else if (key == "public_statuses") {
        config.public_statuses = strings(path, node, key);
        for (const auto& status : config.public_statuses) {
            if (!vocabulary::find_status(status)) config_error(path, node, "未知状态 " + status, "unknown status " + status);
        }
    } else if (key == "public_url") {
        config.public_url = text(path, node, key);
        if (!config.public_url.empty() && !parse_public_url(config.public_url)) {
            config_error(path, node, "public_url 应形如 https://zsdt.example.gov.cn/heatmap/（http 或 https，主机名，可带路径）",
                         "public_url must look like https://zsdt.example.gov.cn/heatmap/ (http or https, a host, an optional path)");
        }
    } else if (key == "trust_proxy") {
        config.trust_proxy = boolean(path, node, key);
    } else if (key == "trusted_proxies") {
        config.trusted_proxies = strings(path, node, key);
        for (const auto& entry : config.trusted_proxies) {
            if (!is_proxy_entry(entry)) {
                config_error(path, node, "trusted_proxies 中的 " + entry + " 应为 IP 地址或网段（如 10.0.0.0/8）",
                             "trusted_proxies entry " + entry + " must be an IP address or network such as 10.0.0.0/8");
            }
        }
    } else if (key == "attribution") {
        config.attribution = text(path, node, key);
    } else if (key == "map_approval_number") {
        config.map_approval_number = text(path, node, key);
    } else if (key == "frame_ancestors") {
        config.frame_ancestors = strings(path, node, key);
        for (const auto& origin : config.frame_ancestors) {
            const bool web = origin.starts_with("https://") || origin.starts_with("http://");
            if (origin != "*" && (!web || origin.find_first_of(" ;,'\"") != std::string::npos)) {
                config_error(path, node, "frame_ancestors 中的 " + origin + " 应为 https://host[:port] 或 *",
                             "frame_ancestors entry " + origin + " must be https://host[:port] or *");
            }
        }
    } else if (key == "cache_max_age_s") {
        config.cache_max_age_s = static_cast<unsigned>(integer(path, node, key, 0, 86400 * 365));
    } else if (key == "web_dir") {
        config.web_dir = text(path, node, key);
    } else if (key == "basemap_url") {
        config.basemap_url = text(path, node, key);
        const bool web = config.basemap_url.starts_with("https://") || config.basemap_url.starts_with("http://");
        // "" is the default: no basemap (the example file shows it so).
        if (!config.basemap_url.empty() && (!web || config.basemap_url.find("{z}") == std::string::npos)) {
            config_error(path, node, "basemap_url 应为含 {z}/{x}/{y} 的 http(s) 网址", "basemap_url must be an http(s) URL with {z}/{x}/{y}");
        }
    } else if (key == "basemap_attribution") {
        config.basemap_attribution = text(path, node, key);
    } else if (key == "media_dir") {
        config.media_dir = text(path, node, key);
    } else if (key == "industries") {
        config.industries_path = text(path, node, key);
    } else if (key == "memory_index") {
        config.memory_index = boolean(path, node, key);
    } else if (key == "access_log") {
        config.access_log = boolean(path, node, key);
    } else if (key == "import_max_mb") {
        config.import_max_mb = static_cast<unsigned>(integer(path, node, key, 1, 4096));
    } else if (key == "read_timeout_s") {
        config.read_timeout_s = static_cast<unsigned>(integer(path, node, key, 1, 3600));
    } else {
        config_error(path, node, "未知配置项 " + std::string(key), "unknown key " + std::string(key) +
                     "; see data/server-example.toml");
    }
}

}  // namespace

void set_listen(ServerConfig& config, const std::string& listen) {
    const std::size_t colon = listen.rfind(':');
    unsigned port = 0;
    const char* end = listen.data() + listen.size();
    if (colon == std::string::npos || colon == 0 ||
        std::from_chars(listen.data() + colon + 1, end, port).ptr != end || port > 65535) {
        throw UsageError("--listen 应形如 127.0.0.1:8080，而不是 " + listen,
                         "--listen must look like 127.0.0.1:8080, not " + listen);
    }
    // The host must be an IP address the server can bind: checked here so a
    // typo is reported with the option or config line, not at bind time.
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    boost::system::error_code bad_address;
    boost::asio::ip::make_address(host, bad_address);
    if (bad_address) {
        throw UsageError("--listen 的地址 " + host + " 不是有效的 IP 地址（如 127.0.0.1 或 0.0.0.0）",
                         "--listen address " + host + " is not a valid IP address (such as 127.0.0.1 or 0.0.0.0)");
    }
    config.host = host;
    config.port = static_cast<std::uint16_t>(port);
}

unsigned worker_threads(const ServerConfig& config) {
    return config.threads ? config.threads : std::max(1u, std::thread::hardware_concurrency());
}

std::vector<std::string> default_public_statuses() {
    std::vector<std::string> statuses;
    for (const vocabulary::Status& status : vocabulary::kStatuses) {
        if (status.public_by_default) statuses.emplace_back(status.code);
    }
    return statuses;
}

ServerConfig load_config(const std::optional<std::string>& path) {
    ServerConfig config;
    if (!path) return config;
    toml::table root;
    try {
        root = toml::parse_file(*path);
    } catch (const toml::parse_error& error) {
        const auto line = std::to_string(error.source().begin.line);
        throw InputError("配置文件 " + *path + ":" + line + " 格式错误：" + std::string(error.description()),
                         "config file " + *path + ":" + line + " is not valid TOML: " + std::string(error.description()));
    }
    for (const auto& [key, node] : root) apply(config, *path, key.str(), node);
    return config;
}

}  // namespace investmap::server
