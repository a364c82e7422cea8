#pragma once
// ASCII case and blanks, as protocols and file formats define them (HTTP
// header names and values, URL schemes and hosts, token parameter names):
// never locale-dependent, never touching bytes past 0x7F.
#include <algorithm>
#include <string>
#include <string_view>

namespace investmap::text {

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](char c) { return ascii_lower(c); });
    return out;
}

// Whether `a` and `b` are the same but for ASCII case.
inline bool iequals_ascii(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
inline std::string_view trim_blanks(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace investmap::text
