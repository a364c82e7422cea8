#pragma once
// "#rrggbb", the colour form of the vocabulary and the style template, as
// its three channels 0–255: for the static renderer (cairo) and the QGIS project.
#include <array>
#include <charconv>
#include <optional>
#include <string_view>

namespace investmap::text {

// {43, 140, 190} for "#2b8cbe"; nullopt for anything else.
inline std::optional<std::array<int, 3>> hex_rgb(std::string_view hex) {
    if (hex.size() != 7 || hex[0] != '#') return std::nullopt;
    std::array<int, 3> rgb{};
    for (std::size_t i = 0; i < 3; ++i) {
        const char* first = hex.data() + 1 + 2 * i;
        const auto [end, error] = std::from_chars(first, first + 2, rgb[i], 16);
        if (error != std::errc() || end != first + 2) return std::nullopt;
    }
    return rgb;
}

}  // namespace investmap::text
