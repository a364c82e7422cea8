#pragma once
// The query part of a URL ("x=1&y=%E4%B8%AD") as decoded name/value pairs:
// the server's requests and `investmap render --filters` read it the same way.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace investmap::text {

// A bad percent escape, or a text that decodes to a NUL byte or to invalid UTF-8.
class UrlError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

// Percent-decodes `text`, with '+' as a space when `plus_is_space` (query
// parts). Throws UrlError.
std::string percent_decode(std::string_view text, bool plus_is_space);

// The pairs of `query` (without the '?'), decoded, in order; empty parts
// ("a=1&&b=2") are skipped, a name without '=' has the value "". Throws UrlError.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

}  // namespace investmap::text
