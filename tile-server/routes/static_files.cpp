// Static pages under web/. The request path is decoded exactly once (in
// parse_target); ".." segments are refused, and the file's real path must
// still lie inside the web root, so no encoding of ".." and no symbolic
// link reaches a file outside it.
#include "routes.hpp"

#include "../compression.hpp"
#include "../resources.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace investmap::server::routes {
namespace {

namespace fs = std::filesystem;

struct ContentType {
    std::string_view extension;
    std::string_view type;
};
constexpr ContentType kContentTypes[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},   {".json", "application/json"},             {".svg", "image/svg+xml"},
    {".png", "image/png"},                 {".ico", "image/x-icon"},                  {".woff2", "font/woff2"},
    {".pbf", "application/x-protobuf"},    {".txt", "text/plain; charset=utf-8"},
};

fs::path web_root(const ServerConfig& config) {
    if (!config.web_dir.empty()) return config.web_dir;
    return shipped_file("web", "web");
}

// Who may put a page in a frame: /embed the configured origins (and us),
// every other page only us.
std::string frame_ancestors(const ServerConfig& config, const std::vector<std::string_view>& parts) {
    if (parts.empty() || parts[0] != "embed") return "'self'";
    std::string sources = "'self'";
    for (const auto& origin : config.frame_ancestors) sources += " " + origin;
    return sources;
}

// The page with <base href="PREFIX/"> first in its head: the pages' links are
// relative, so they resolve under the public prefix (/heatmap/) as at the root.
std::string with_base(std::string page, const std::string& prefix) {  // prefix: checked, no quotes or '<'
    const std::size_t head = page.find("<head>");
    if (head != std::string::npos) page.insert(head + 6, "\n  <base href=\"" + prefix + "/\">");
    return page;
}

// The origin ("https://host:port") of the basemap's URL template, or "" for none.
std::string origin_of(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    return std::string(url.substr(0, url.find('/', scheme + 3)));
}

// What a page may load: its own scripts only; styles, images, fonts, tiles
// and the API from this server (and from the public origin, should the page
// be reached by another name); MapLibre's workers and images from blob: and
// data: URLs; the basemap's tiles from its own origin.
std::string page_policy(const ServerConfig& config, const PublicUrl& site, const std::vector<std::string_view>& parts) {
    std::string sources = "'self' " + site.origin();
    if (const std::string basemap = origin_of(config.basemap_url); !basemap.empty()) sources += " " + basemap;
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src " + sources +
           " data: blob:; connect-src " + sources + "; font-src 'self'; worker-src 'self' blob:; child-src blob:; media-src 'self'; "
           "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors " + frame_ancestors(config, parts);
}

// Pages, scripts and styles go out gzipped when the client takes it (the
// map library is 1.1 MB, 0.3 MB gzipped); the compressed bytes are kept in
// the cache under the file's ETag, so each version is compressed once.
void compress_text(TileCache& cache, const Request& request, Response& response) {
    const bool text = response.content_type.starts_with("text/") || response.content_type == "application/json" ||
                      response.content_type == "image/svg+xml";
    if (response.status != 200 || !text || response.body.size() < 1024 ||
        !accepts_gzip(request.header("accept-encoding").value_or(""))) {
        return;
    }
    std::string etag;
    for (const auto& [name, value] : response.headers) {
        if (name == "ETag") etag = value;
    }
    const std::string key = "static#" + request.path + "#" + etag;
    auto body = cache.find(key);
    if (!body) {
        auto compressed = std::make_shared<CachedBody>();
        compressed->gzip = gzip_compress(response.body);
        body = compressed;
        cache.insert(key, body);
    }
    response.body.clear();
    response.shared_body = std::shared_ptr<const std::string>(body, &body->gzip);
    response.headers.emplace_back("Content-Encoding", "gzip");
    response.headers.emplace_back("Vary", "Accept-Encoding");
}

[[noreturn]] void not_found(const Request& request) {
    throw HttpError(404, "not_found", "没有这个地址 / no such path: " + request.path);
}

}  // namespace

Response static_file(const ServerConfig& config, TileCache& cache, const Request& request) {
    std::vector<std::string_view> parts = segments(request.path);
    fs::path root_path = web_root(config);
    // MapLibre GL JS comes from npm (package.json): served from node_modules
    // in a source build, from share/investmap/web/vendor when installed.
    if (parts.size() >= 3 && parts[0] == "vendor" && parts[1] == "maplibre-gl") {
        root_path = shipped_file("web/vendor/maplibre-gl", "node_modules/maplibre-gl/dist");
        parts.erase(parts.begin(), parts.begin() + 2);
    }
    fs::path relative;
    for (std::string_view segment : parts) {
        if (segment == "." || segment == ".." || segment.find('\\') != std::string_view::npos) not_found(request);
        relative /= fs::path(std::string(segment));
    }
    std::error_code error;
    const fs::path root = fs::canonical(root_path, error);
    if (error) not_found(request);
    fs::path file = fs::canonical(root / relative, error);
    if (!error && fs::is_directory(file)) file = fs::canonical(file / "index.html", error);  // "/" and "/admin"
    const auto [end, ignored] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (error || end != root.end() || !fs::is_regular_file(file)) not_found(request);

    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    std::string type = "application/octet-stream";
    for (const auto& known : kContentTypes) {
        if (file.extension() == known.extension) type = known.type;
    }
    const bool page = file.extension() == ".html";
    const PublicUrl site = page ? public_url_of(config, request) : PublicUrl{};
    std::string body = content.str();
    if (page) body = with_base(std::move(body), site.prefix);
    Response response = json_document(config, request, std::move(body), type);
    compress_text(cache, request, response);
    // Pages are revalidated each time (their ETag makes that cheap); the
    // rest may be cached for the configured time.
    if (page) {
        for (auto& [name, value] : response.headers) {
            if (name == "Cache-Control") value = "no-cache";
        }
        response.headers.emplace_back("Content-Security-Policy", page_policy(config, site, parts));
        response.headers.emplace_back("Referrer-Policy", "strict-origin-when-cross-origin");
        // Only when the site is reached over HTTPS (browsers ignore it over HTTP anyway).
        if (site.scheme == "https") response.headers.emplace_back("Strict-Transport-Security", "max-age=31536000");
    }
    return response;
}

}  // namespace investmap::server::routes
