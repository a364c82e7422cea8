#include "importers/coordinate_text.hpp"

#include "errors.hpp"
#include "importers/value_parsing.hpp"
#include "text/ascii.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

namespace investmap::importers {
namespace {

struct Hemisphere {
    std::string_view word;
    Axis axis;
    double sign;
};
// Longest first: "东经" before "E" never matters, but "北纬" must not be read as a letter.
constexpr std::array<Hemisphere, 12> kHemispheres{{
    {"东经", Axis::lon, 1},  {"西经", Axis::lon, -1}, {"北纬", Axis::lat, 1}, {"南纬", Axis::lat, -1},
    {"经度", Axis::lon, 1},  {"纬度", Axis::lat, 1},  {"E", Axis::lon, 1},    {"W", Axis::lon, -1},
    {"N", Axis::lat, 1},     {"S", Axis::lat, -1},    {"e", Axis::lon, 1},    {"n", Axis::lat, 1},
}};

// Unit marks after each number: which of degrees (0), minutes (1), seconds (2) it is.
struct UnitMark {
    std::string_view mark;
    int place;
};
// Typed on Chinese keyboards, minutes and seconds are often curly quotes, and
// the degree sign the masculine ordinal º.
constexpr std::array<UnitMark, 12> kUnitMarks{{
    {"°", 0}, {"º", 0}, {"度", 0}, {"′", 1}, {"分", 1}, {"’", 1}, {"″", 2}, {"秒", 2}, {"”", 2},
    {"''", 2}, {"'", 1}, {"\"", 2},
}};

[[noreturn]] void not_a_coordinate(const std::string& text) {
    throw ValueError(zh_en("“" + text + "”不是坐标（应为 119.2838 或 119°17′1.6″）",
                           "'" + text + "' is not a coordinate (write 119.2838 or 119°17'1.6\")"));
}

// Takes a hemisphere word off the front or back of `text`.
std::optional<Hemisphere> take_hemisphere(std::string& text) {
    for (const Hemisphere& hemisphere : kHemispheres) {
        if (text.starts_with(hemisphere.word)) {
            text.erase(0, hemisphere.word.size());
            return hemisphere;
        }
        if (text.ends_with(hemisphere.word)) {
            text.erase(text.size() - hemisphere.word.size());
            return hemisphere;
        }
    }
    return std::nullopt;
}

// Reads "119°17′1.6″", "119 17 1.6" or "119.2838" as degrees.
double degrees_from_parts(const std::string& text, const std::string& original) {
    std::array<std::optional<double>, 3> parts{};
    int next_place = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        if (text[at] == ' ') {
            ++at;
            continue;
        }
        double value = 0;
        const auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), value,
                                                  std::chars_format::fixed);
        // Only the degrees may carry a sign: -0.1278 (west of Greenwich) or -8°30′.
        if (error != std::errc{} || !std::isfinite(value) || (std::signbit(value) && next_place > 0)) {
            not_a_coordinate(original);
        }
        at = static_cast<std::size_t>(end - text.data());
        int place = next_place;
        for (const UnitMark& unit : kUnitMarks) {
            if (std::string_view(text).substr(at).starts_with(unit.mark)) {
                place = unit.place;
                at += unit.mark.size();
                break;
            }
        }
        if (place < next_place || place > 2 || parts[static_cast<std::size_t>(place)]) not_a_coordinate(original);
        parts[static_cast<std::size_t>(place)] = value;
        next_place = place + 1;
    }
    if (!parts[0]) not_a_coordinate(original);
    const double degrees = std::fabs(*parts[0]);
    const double minutes = parts[1].value_or(0);
    const double seconds = parts[2].value_or(0);
    const bool sexagesimal = parts[1] || parts[2];
    if (sexagesimal && (minutes >= 60 || seconds >= 60 || std::floor(degrees) != degrees ||
                        (parts[2] && parts[1] && std::floor(minutes) != minutes))) {
        not_a_coordinate(original);
    }
    const double value = degrees + minutes / 60.0 + seconds / 3600.0;
    return std::signbit(*parts[0]) ? -value : value;
}

bool in_china_lon(double value) { return value >= geo::kChinaBox.west && value <= geo::kChinaBox.east; }
bool in_china_lat(double value) { return value >= geo::kChinaBox.south && value <= geo::kChinaBox.north; }

// Splits one cell into its two coordinates: at a comma, semicolon or 、, else
// where the second hemisphere word begins, else at the one run of spaces.
std::vector<std::string> split_pair(const std::string& text, const std::string& original) {
    for (std::string_view separator : {",", ";", "、", "|", "/"}) {
        if (const auto at = text.find(separator); at != std::string::npos) {
            if (text.find(separator, at + separator.size()) != std::string::npos) not_a_coordinate(original);
            return {trim(text.substr(0, at)), trim(text.substr(at + separator.size()))};
        }
    }
    for (const Hemisphere& hemisphere : kHemispheres) {
        if (hemisphere.word.size() < 2) continue;  // words, not letters: 119E 26N splits at the space below
        const auto at = text.find(hemisphere.word, 1);
        if (at != std::string::npos && at > 0) return {trim(text.substr(0, at)), trim(text.substr(at))};
    }
    std::vector<std::string> parts;
    for (std::size_t at = 0; at < text.size();) {
        const auto start = text.find_first_not_of(' ', at);
        if (start == std::string::npos) break;
        const auto end = std::min(text.find(' ', start), text.size());
        parts.push_back(text.substr(start, end - start));
        at = end;
    }
    if (parts.size() != 2) not_a_coordinate(original);
    return parts;
}

}  // namespace

std::optional<Degrees> parse_degrees(std::string_view text) {
    std::string cleaned = to_half_width(trim(text));
    if (cleaned.empty()) return std::nullopt;
    const std::string original = cleaned;
    std::erase(cleaned, '\t');
    const std::optional<Hemisphere> hemisphere = take_hemisphere(cleaned);
    cleaned = trim(cleaned);
    if (cleaned.starts_with(':')) cleaned = trim(cleaned.substr(1));  // 东经:119.28
    if (cleaned.empty()) not_a_coordinate(original);
    const double value = degrees_from_parts(cleaned, original);
    if (!hemisphere) return Degrees{value, Axis::unknown};
    return Degrees{value * hemisphere->sign, hemisphere->axis};
}

CellPoint order_lon_lat(Degrees first, Degrees second) {
    if (first.axis == Axis::lat || second.axis == Axis::lon) {
        if (first.axis == second.axis) {
            throw ValueError(zh_en("两个坐标都是" + std::string(first.axis == Axis::lat ? "纬度" : "经度"),
                                   std::string("both coordinates are ") + (first.axis == Axis::lat ? "latitudes" : "longitudes")));
        }
        return {{second.value, first.value}, true};
    }
    if (first.axis == Axis::lon || second.axis == Axis::lat) return {{first.value, second.value}, false};
    const bool fits = in_china_lon(first.value) && in_china_lat(second.value);
    const bool fits_swapped = in_china_lat(first.value) && in_china_lon(second.value);
    if (!fits && fits_swapped) return {{second.value, first.value}, true};
    return {{first.value, second.value}, false};
}

std::optional<CellPoint> parse_coordinate_cell(std::string_view text) {
    std::string cleaned = to_half_width(trim(text));
    if (cleaned.empty()) return std::nullopt;
    const std::string original = cleaned;
    // Brackets as in "(119.28, 26.04)"; the ideographic comma 、 is split on below.
    if ((cleaned.starts_with('(') && cleaned.ends_with(')')) || (cleaned.starts_with('[') && cleaned.ends_with(']'))) {
        cleaned = trim(cleaned.substr(1, cleaned.size() - 2));
    }
    const std::vector<std::string> parts = split_pair(cleaned, original);
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) not_a_coordinate(original);
    return order_lon_lat(*parse_degrees(parts[0]), *parse_degrees(parts[1]));
}

}  // namespace investmap::importers
