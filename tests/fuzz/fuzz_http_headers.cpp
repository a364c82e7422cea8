// Range, If-Match, If-None-Match and Accept-Encoding headers. The first 8 bytes are the
// file's size, the rest the header: a part always lies inside the file.
#include "compression.hpp"
#include "http_headers.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

using namespace investmap::server;

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
    return 0;
}
