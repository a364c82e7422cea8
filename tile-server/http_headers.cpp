#include "http_headers.hpp"

#include <charconv>

namespace investmap::server {

bool if_none_match_names(std::string_view header, std::string_view etag) {
    if (header == "*") return true;
    if (etag.size() < 2) return false;
    const std::string_view bare = etag.substr(1, etag.size() - 2);  // without quotes: W/ and suffixes do not matter
    return !bare.empty() && header.find(bare) != std::string_view::npos;
}

namespace {

// A decimal number that is the whole of `text`.
bool whole_number(std::string_view text, std::uint64_t& value) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return false;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();  // too large for 64 bits: not a number we take
}

}  // namespace

RangeRequest parse_range(std::optional<std::string_view> header, std::uint64_t size) {
    using Kind = RangeRequest::Kind;
    if (!header || !header->starts_with("bytes=") || header->find(',') != std::string_view::npos) return {};
    const std::string_view spec = header->substr(6);
    const std::size_t dash = spec.find('-');
    if (dash == std::string_view::npos) return {};
    const std::string_view first_text = spec.substr(0, dash), last_text = spec.substr(dash + 1);
    std::uint64_t a = 0, b = 0;
    const bool has_first = whole_number(first_text, a), has_last = whole_number(last_text, b);
    if ((!first_text.empty() && !has_first) || (!last_text.empty() && !has_last) || (!has_first && !has_last)) return {};
    if (!has_first) {  // the last b bytes
        if (b == 0 || size == 0) return {Kind::unsatisfiable};
        return {Kind::part, {size - std::min(b, size), size - 1}};
    }
    if (a >= size || (has_last && b < a)) return {Kind::unsatisfiable};
    return {Kind::part, {a, has_last ? std::min(b, size - 1) : size - 1}};
}

}  // namespace investmap::server
