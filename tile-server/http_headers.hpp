#pragma once
// Request headers whose values we interpret: If-None-Match and Range.
// Pure functions of the header text, so they are unit-tested and fuzzed
// without a server.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace investmap::server {

// An entity tag as RFC 9110 §8.8.3 writes it: W/"opaque" or "opaque".
struct EntityTag {
    bool weak = false;
    std::string_view opaque;  // with its quotes
};

// The tags of an If-Match / If-None-Match value: "*" (any), or a comma-
// separated list of entity tags. Nullopt for a value that is neither:
// RFC 9110 lets a server ignore a condition it cannot parse.
struct EntityTagList {
    bool any = false;
    std::vector<EntityTag> tags;
};
std::optional<EntityTagList> parse_entity_tags(std::string_view header);

// If-None-Match: whether the value names `etag` (our quoted strong tag) by
// weak comparison (§13.1.2: W/ does not matter), or is "*".
bool if_none_match_names(std::string_view header, std::string_view etag);

// If-Match: whether the value names `etag` by strong comparison (a weak
// tag never matches), or is "*".
bool if_match_names(std::string_view header, std::string_view etag);

struct ByteRange {
    std::uint64_t first;
    std::uint64_t last;  // inclusive; first <= last < size
};

// What a Range header asks of a file of `size` bytes (RFC 9110 §14.1.2).
struct RangeRequest {
    enum class Kind { whole, part, unsatisfiable } kind = Kind::whole;
    ByteRange range{0, 0};  // for `part`
};

// One range "bytes=a-b", "bytes=a-" or "bytes=-n" is a part; no header,
// several ranges or a form we do not parse is the whole file (the RFC lets a
// server ignore Range); a range no byte of the file satisfies (a > b, a at or
// past the end, "-0", any range of an empty file) is unsatisfiable (416).
RangeRequest parse_range(std::optional<std::string_view> header, std::uint64_t size);

}  // namespace investmap::server
