// GET /media/{sha256}.{jpg|png|webp|mp4} — uploaded photos and videos, from
// the media folder (outside the web root). Names are content hashes, so a
// file never changes: cached for a year, immutable. Videos need Range
// requests to seek; a single byte range is served as 206.
#include "routes.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

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

struct ByteRange {
    std::uintmax_t first;
    std::uintmax_t last;  // inclusive
};

// "bytes=a-b", "bytes=a-" or "bytes=-n"; nullopt for none or several ranges.
std::optional<ByteRange> byte_range(const Request& request, std::uintmax_t size) {
    const auto header = request.header("range");
    if (!header || !header->starts_with("bytes=") || header->find(',') != std::string_view::npos) return std::nullopt;
    const std::string_view spec = header->substr(6);
    const std::size_t dash = spec.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const auto number = [](std::string_view text, std::uintmax_t& value) {
        return !text.empty() && std::from_chars(text.data(), text.data() + text.size(), value).ptr == text.data() + text.size();
    };
    std::uintmax_t a = 0, b = 0;
    const bool has_first = number(spec.substr(0, dash), a), has_last = number(spec.substr(dash + 1), b);
    if (!has_first && has_last) return ByteRange{size - std::min(b, size), size - 1};  // the last b bytes
    if (!has_first) return std::nullopt;
    if (a >= size) throw HttpError(416, "range_not_satisfiable", "请求的范围超出文件 / range not satisfiable");
    return ByteRange{a, has_last ? std::min(b, size - 1) : size - 1};
}

std::string read_bytes(const std::filesystem::path& path, std::uintmax_t first, std::uintmax_t count) {
    std::ifstream file(path, std::ios::binary);
    std::string bytes(count, '\0');
    file.seekg(static_cast<std::streamoff>(first));
    file.read(bytes.data(), static_cast<std::streamsize>(count));
    if (!file) not_found();
    return bytes;
}

}  // namespace

Response media_file(App& app, const Request& request, std::string_view name) {
    const MediaType& type = media_type(name);
    const std::filesystem::path path = std::filesystem::path(app.config.media_dir) / std::string(name);
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (error || size == 0) not_found();
    Response response;
    response.content_type = std::string(type.mime);
    const std::string etag = "\"" + std::string(name.substr(0, 64)) + "\"";
    response.headers = {{"ETag", etag}, {"Cache-Control", "public, max-age=31536000, immutable"}, {"Accept-Ranges", "bytes"}};
    if (etag_matches(request, etag)) {
        response.status = 304;
        return response;
    }
    const auto range = byte_range(request, size);
    if (!range) {
        response.body = read_bytes(path, 0, size);
        return response;
    }
    response.status = 206;
    response.body = read_bytes(path, range->first, range->last - range->first + 1);
    response.headers.emplace_back("Content-Range", "bytes " + std::to_string(range->first) + "-" + std::to_string(range->last) + "/" +
                                                       std::to_string(size));
    return response;
}

}  // namespace investmap::server::routes
