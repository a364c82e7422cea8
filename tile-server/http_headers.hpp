#pragma once
// Request headers whose values we interpret: If-None-Match and Range.
// Pure functions of the header text, so they are unit-tested and fuzzed
// without a server.
#include <cstdint>
#include <optional>
#include <string_view>

namespace investmap::server {

// Whether an If-None-Match value names `etag` (a quoted strong ETag), by
// the weak comparison RFC 9110 §13.1.2 asks for: W/ does not matter, and
// "*" matches anything.
bool if_none_match_names(std::string_view header, std::string_view etag);

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
