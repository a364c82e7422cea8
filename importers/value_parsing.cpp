#include "importers/value_parsing.hpp"

#include "errors.hpp"
#include "store/parcel_model.hpp"
#include "text/ascii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <utility>

namespace investmap::importers {
namespace {

constexpr std::string_view kWhitespace = " \t\r\n\v\f";

using text::ascii_lower;

// The code of the vocabulary entry `key` names: the mapping file's own
// labels first, then the entry's code, its labels and its import labels.
template <typename Table>
std::optional<std::string> look_up(std::string_view key, const LabelTable& extra, const Table& vocabulary_table) {
    if (auto it = extra.find(key); it != extra.end()) return it->second;
    for (const auto& entry : vocabulary_table) {
        const bool named = key == entry.code || key == entry.label.zh || key == entry.label.en ||
                           std::ranges::find(entry.import_labels, key) != entry.import_labels.end();
        if (named && !key.empty()) return std::string(entry.code);
    }
    return std::nullopt;
}

std::string label_key(std::string_view text) { return ascii_lower(to_half_width(trim(text))); }

// Number of bytes of the UTF-8 sequence that starts with `lead`.
std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    return 4;
}

// Drops what is plainly a unit ("m2", "m²", "㎡") so its digit is not taken
// for a second number.
std::string without_area_units(std::string text) {
    for (std::string_view unit : {"m2", "M2"}) {
        for (auto at = text.find(unit); at != std::string::npos; at = text.find(unit)) text.erase(at, unit.size());
    }
    return text;
}

}  // namespace

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(kWhitespace);
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(kWhitespace);
    std::string trimmed{text.substr(first, last - first + 1)};
    // The ideographic space U+3000 often pads cells typed with a Chinese IME.
    constexpr std::string_view ideographic_space = "\xE3\x80\x80";
    while (trimmed.starts_with(ideographic_space)) trimmed.erase(0, ideographic_space.size());
    while (trimmed.ends_with(ideographic_space)) trimmed.erase(trimmed.size() - ideographic_space.size());
    return trimmed;
}

std::string to_half_width(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = std::min(utf8_length(lead), text.size() - i);
        // U+FF01..U+FF5E are full-width forms of ASCII 0x21..0x7E: EF BC 81 … EF BD 9E.
        if (length == 3 && lead == 0xEF) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            const unsigned code_point = 0xF000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
            if (code_point >= 0xFF01 && code_point <= 0xFF5E) {
                out += static_cast<char>(code_point - 0xFF01 + 0x21);
                i += 3;
                continue;
            }
        }
        out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

std::string parse_status(std::string_view text, const LabelTable& extra) {
    const std::string key = label_key(text);
    if (key.empty()) throw ValueError(zh_en("状态为空", "status is empty"));
    if (auto code = look_up(key, extra, vocabulary::kStatuses)) return *code;
    throw UnknownLabel(zh_en("未知状态“" + key + "”，可用：" + vocabulary::joined_labels_zh(vocabulary::kStatuses),
                             "unknown status '" + key + "'; use " + vocabulary::joined_codes(vocabulary::kStatuses) +
                                 " or add it under [values.status] in the mapping file"),
                       "status", key);
}

std::string parse_kind(std::string_view text, const LabelTable& extra) {
    const std::string key = label_key(text);
    if (key.empty()) throw ValueError(zh_en("类型为空", "kind is empty; give --kind land|factory|office"));
    if (auto code = look_up(key, extra, vocabulary::kKinds)) return *code;
    throw UnknownLabel(zh_en("未知类型“" + key + "”，可用：" + vocabulary::joined_labels_zh(vocabulary::kKinds),
                             "unknown kind '" + key + "'; use " + vocabulary::joined_codes(vocabulary::kKinds) +
                                 ", or add it under [values.kind]"),
                       "kind", key);
}

std::string parse_land_use(std::string_view text, const LabelTable& extra) {
    const std::string trimmed = to_half_width(trim(text));
    if (auto code = look_up(trimmed, extra, vocabulary::kLandUses)) return *code;
    std::string code = trimmed;
    std::ranges::transform(code, code.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (vocabulary::is_land_use_code(code)) return code;
    throw UnknownLabel(zh_en("无法识别的用地性质“" + trimmed + "”，应为 GB 50137 代码（如 M1、W1、B2）",
                             "unrecognised land use '" + trimmed + "': give a GB 50137 code such as M1, W1, B2, "
                             "or add it under [values.land_use]"),
                       "land_use", trimmed);
}

namespace {

template <typename Table>
std::optional<std::string> longest_contained(std::string_view label, const Table& table) {
    std::optional<std::string> code;
    std::size_t longest = 0;
    auto consider = [&](std::string_view known, std::string_view entry_code) {
        if (known.size() > longest && label.find(known) != std::string_view::npos) {
            longest = known.size();
            code = std::string(entry_code);
        }
    };
    for (const auto& entry : table) {
        consider(entry.label.zh, entry.code);
        for (std::string_view known : entry.import_labels) {
            if (!known.empty()) consider(known, entry.code);
        }
    }
    return code;
}

}  // namespace

std::optional<std::string> guess_label_code(std::string_view table, std::string_view label) {
    if (table == "status") return longest_contained(label, vocabulary::kStatuses);
    if (table == "kind") return longest_contained(label, vocabulary::kKinds);
    if (table == "land_use") return longest_contained(label, vocabulary::kLandUses);
    return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
    std::string cleaned = to_half_width(trim(text));
    std::erase(cleaned, ',');
    std::erase(cleaned, ' ');
    if (cleaned.empty()) return std::nullopt;
    double value = 0.0;
    const char* end = cleaned.data() + cleaned.size();
    const auto [rest, error] = std::from_chars(cleaned.data(), end, value);
    // from_chars also reads "nan" and "inf": a cell saying so is not a number either.
    if (error != std::errc{} || !std::isfinite(value)) {
        throw ValueError(zh_en("“" + cleaned + "”不是数字", "'" + cleaned + "' is not a number"));
    }
    const std::string unit = without_area_units(std::string(rest, end));
    if (std::ranges::any_of(unit, [](unsigned char c) { return std::isdigit(c); })) {
        throw ValueError(zh_en("“" + cleaned + "”含有多个数字，请只填一个值",
                               "'" + cleaned + "' holds more than one number; give one value"));
    }
    if (value < 0) throw ValueError(zh_en("“" + cleaned + "”是负数", "'" + cleaned + "' is negative"));
    return value;
}

std::optional<std::string> parse_date(std::string_view text) {
    const std::string cleaned = to_half_width(trim(text));
    if (cleaned.empty()) return std::nullopt;
    for (std::string_view now : {"即日", "即日起", "现房", "随时", "立即", "now"}) {
        if (cleaned == now) return std::nullopt;
    }
    int year = 0;
    int month = 0;
    int day = 1;
    int consumed = 0;
    // Separators - / . 年 月 all become '-', 日 goes; a missing day means the first.
    std::string normalised;
    const std::string_view input = cleaned;
    for (std::size_t i = 0; i < input.size();) {
        const std::string_view rest = input.substr(i);
        if (rest.starts_with("年") || rest.starts_with("月") || rest.starts_with("日")) {
            if (!rest.starts_with("日")) normalised += '-';
            i += std::string_view("年").size();
        } else {
            normalised += input[i] == '/' || input[i] == '.' ? '-' : input[i];
            ++i;
        }
    }
    if (normalised.ends_with('-')) normalised.pop_back();
    const int fields = std::sscanf(normalised.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed);
    const bool whole = (fields == 3 && static_cast<std::size_t>(consumed) == normalised.size()) ||
                       (fields == 2 && std::sscanf(normalised.c_str(), "%4d-%2d%n", &year, &month, &consumed) == 2 &&
                        static_cast<std::size_t>(consumed) == normalised.size());
    const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                           std::chrono::day{static_cast<unsigned>(day)}};
    if (!whole || !date.ok() || year < 1900) {
        throw ValueError(zh_en("无法识别的日期“" + cleaned + "”，应为 2026-12-01 或 2026年12月",
                               "unrecognised date '" + cleaned + "': write 2026-12-01 or 2026年12月"));
    }
    char iso[40];  // room for any int, though the checks above keep it to 10 characters
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
    return std::string(iso);
}

}  // namespace investmap::importers
