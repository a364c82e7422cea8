#pragma once
// Turns the text districts write in their tables into the codes and numbers of
// the parcel model. Each parser throws ValueError with a bilingual reason the
// rejection report shows next to the field.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace investmap::importers {

class ValueError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A label no table knows. `table` is the mapping file's [values.…] table that
// could name it ("status", "kind", "land_use"); `label` is the text as the
// lookup compares it, so a mapping line with that key matches.
class UnknownLabel : public ValueError {
public:
    UnknownLabel(const std::string& reason, std::string_view values_table, std::string unknown)
        : ValueError(reason), table(values_table), label(std::move(unknown)) {}
    std::string table;
    std::string label;
};

// Extra labels from a mapping file ([values.status] …), label → code.
using LabelTable = std::map<std::string, std::string, std::less<>>;

std::string trim(std::string_view text);
// Full-width digits, letters and punctuation (１２．５, ＫＶＡ) to ASCII.
std::string to_half_width(std::string_view text);

// "闲置可招商", "在谈", "已签约", "available" … → status code.
std::string parse_status(std::string_view text, const LabelTable& extra = {});
// "土地", "厂房", "楼宇", "写字楼", "factory" … → kind code.
std::string parse_kind(std::string_view text, const LabelTable& extra = {});
// "M1", "二类工业用地", "b2" … → GB 50137 code.
std::string parse_land_use(std::string_view text, const LabelTable& extra = {});
// For an unknown label, the code of the longest known label it contains
// ("暂缓出让" holds 暂缓 → withdrawn): a guess for the user to check.
std::optional<std::string> guess_label_code(std::string_view table, std::string_view label);
// "1,250", "630 kVA", "25.5元/㎡·月", "１２００㎡" → number; units are dropped,
// a second number or a negative value is refused. Empty → nullopt.
std::optional<double> parse_number(std::string_view text);
// "2026-12-01", "2026/12/1", "2026年12月", "2026.12" → "2026-12-01";
// "即日", "现房", "随时" (available now) and empty → nullopt.
std::optional<std::string> parse_date(std::string_view text);

}  // namespace investmap::importers
