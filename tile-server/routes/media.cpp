// GET /media/{sha256}.{jpg|png|webp|mp4} — uploaded photos and videos, from
// the media folder (outside the web root). Names are content hashes, so a
// file never changes: cached for a year, immutable. Videos need Range
// requests to seek; a single byte range is served as 206.
#include "routes.hpp"

#include "../http_headers.hpp"

#include <algorithm>
#include <filesystem>

namespace investmap::server::routes {
namespace {

struct MediaType {
    std::string_view extension;
    std::string_view mime;
};
constexpr MediaType kMediaTypes[] = {{"jpg", "image/jpeg"}, {"png", "image/png"}, {"webp", "image/webp"}, {"mp4", "video/mp4"}};

[[noreturn]] void not_found() { throw HttpError(404, "not_found", "没有这个文件 / no such file"); }

const MediaType& media_type(std::string_view name) {
    const std::size_t dot = name.find('.');
    const std::string_view hash = name.substr(0, dot);
    const bool hashed = dot == 64 && std::ranges::all_of(hash, [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'f'); });
    if (!hashed) not_found();
    for (const MediaType& type : kMediaTypes) {
        if (name.substr(dot + 1) == type.extension) return type;
    }
    not_found();
}

}  // namespace

Response media_file(const ServerConfig& config, const Request& request, std::string_view name) {
    accept_only(request, parameters::kNone);
    const MediaType& type = media_type(name);
    const std::filesystem::path path = std::filesystem::path(config.media_dir) / std::string(name);
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error || size == 0) not_found();
    Response response;
    response.content_type = std::string(type.mime);
    const std::string etag = "\"" + std::string(name.substr(0, 64)) + "\"";
    // Uploads are shown, never run: a file that is also HTML or SVG opened
    // on its own gets no script, no plugin and no access to our origin.
    response.headers = {{"ETag", etag},
                        {"Cache-Control", "public, max-age=31536000, immutable"},
                        {"Accept-Ranges", "bytes"},
                        {"Content-Security-Policy", "default-src 'none'; sandbox"}};
    if (etag_matches(request, etag)) {
        response.status = 304;
        return response;
    }
    const RangeRequest range = parse_range(request.header("range"), size);
    if (range.kind == RangeRequest::Kind::unsatisfiable) {
        Response refused = error_response(416, "range_not_satisfiable", "请求的范围超出文件 / range not satisfiable");
        refused.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
        return refused;
    }
    // Sent from disk in pieces while the client reads (http_server).
    response.file = FilePart{path.string(), 0, size};
    if (range.kind == RangeRequest::Kind::part) {
        const auto [first, last] = range.range;
        response.status = 206;
        response.file = FilePart{path.string(), first, last - first + 1};
        response.headers.emplace_back("Content-Range",
                                      "bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(size));
    }
    return response;
}

}  // namespace investmap::server::routes
