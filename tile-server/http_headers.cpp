#include "http_headers.hpp"

#include "text/ascii.hpp"

#include <charconv>

namespace investmap::server {

namespace {

using text::trim_blanks;

// etagc = "!" / %x23-7E / obs-text (RFC 9110 §8.8.3): no DQUOTE, no space,
// no control character.
bool opaque_character(unsigned char c) { return c == 0x21 || (c >= 0x23 && c != 0x7F); }

std::optional<EntityTag> entity_tag(std::string_view text) {
    EntityTag tag;
    if (text.starts_with("W/")) {
        tag.weak = true;
        text.remove_prefix(2);
    }
    if (text.size() < 2 || text.front() != '"' || text.back() != '"') return std::nullopt;
    for (const char c : text.substr(1, text.size() - 2)) {
        if (!opaque_character(static_cast<unsigned char>(c))) return std::nullopt;
    }
    tag.opaque = text;
    return tag;
}

bool names(std::string_view header, std::string_view etag, bool strong) {
    const auto list = parse_entity_tags(header);
    if (!list) return false;
    if (list->any) return true;
    for (const EntityTag& tag : list->tags) {
        if (tag.opaque == etag && !(strong && tag.weak)) return true;
    }
    return false;
}

}  // namespace

std::optional<EntityTagList> parse_entity_tags(std::string_view header) {
    EntityTagList list;
    if (trim_blanks(header) == "*") {
        list.any = true;
        return list;
    }
    while (true) {
        const std::size_t comma = header.find(',');
        const std::string_view item = trim_blanks(header.substr(0, comma));
        if (!item.empty()) {  // empty list elements are allowed and ignored (§5.6.1)
            const auto tag = entity_tag(item);
            if (!tag) return std::nullopt;
            list.tags.push_back(*tag);
        }
        if (comma == std::string_view::npos) break;
        header.remove_prefix(comma + 1);
    }
    if (list.tags.empty()) return std::nullopt;
    return list;
}

bool if_none_match_names(std::string_view header, std::string_view etag) { return names(header, etag, false); }

bool if_match_names(std::string_view header, std::string_view etag) { return names(header, etag, true); }

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
