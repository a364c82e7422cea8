// Range, If-Match, If-None-Match and Accept-Encoding headers. The first 8 bytes are the
// file's size, the rest the header: a part always lies inside the file.
// The same bytes, cut at newlines, are also a trusted proxy's Host,
// X-Forwarded-* and Forwarded headers: the base URL made of them is always
// http(s)://, a checked host and a clean prefix.
#include "compression.hpp"
#include "http_headers.hpp"
#include "public_base.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

using namespace investmap::server;

namespace {

void check_base_url(std::string_view bytes) {
    static const ServerConfig config = [] {
        ServerConfig trusting;
        trusting.trust_proxy = true;
        trusting.trusted_proxies = {"127.0.0.1"};
        return trusting;
    }();
    Request request;
    request.remote_address = "127.0.0.1";
    request.local_address = "127.0.0.1:8080";
    for (const char* name : {"host", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-prefix", "forwarded", "x-forwarded-for"}) {
        const std::size_t end = std::min(bytes.find('\n'), bytes.size());
        request.headers[name] = std::string(bytes.substr(0, end));
        bytes.remove_prefix(std::min(end + 1, bytes.size()));
    }
    const std::string base = base_url(config, request);
    if (!base.starts_with("http://") && !base.starts_with("https://")) std::abort();
    if (base.find_first_of(" \t\r\n\"'<>\\@?#") != std::string::npos || base.ends_with('/')) std::abort();
    const std::string client = client_address(config, request);
    if (client.find_first_of(" \t\r\n\"'<>/") != std::string::npos) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 8) return 0;
    std::uint64_t file_size = 0;
    std::memcpy(&file_size, data, 8);
    file_size %= 1ull << 40;
    const std::string_view header(reinterpret_cast<const char*>(data) + 8, size - 8);
    const RangeRequest answer = parse_range(header, file_size);
    if (answer.kind == RangeRequest::Kind::part) {
        if (answer.range.first > answer.range.last || answer.range.last >= file_size) std::abort();
    }
    // Entity tags: every tag read is quoted and lies inside the header; a
    // strong match is also a weak one.
    if (const auto list = parse_entity_tags(header)) {
        for (const EntityTag& tag : list->tags) {
            if (tag.opaque.size() < 2 || tag.opaque.front() != '"' || tag.opaque.back() != '"') std::abort();
            if (tag.opaque.data() < header.data() || tag.opaque.data() + tag.opaque.size() > header.data() + header.size()) std::abort();
        }
    }
    const std::size_t half = header.size() / 2;
    const std::string_view tags = header.substr(0, half), etag = header.substr(half);
    if (if_match_names(tags, etag) && !if_none_match_names(tags, etag)) std::abort();
    (void)accepts_gzip(header);
    check_base_url(header);
    return 0;
}
