#pragma once
// Turns the text districts write in their tables into the codes and numbers of
// the parcel model. Each parser throws ValueError with a bilingual reason the
// rejection report shows next to the field.
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace investmap::importers {

class ValueError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
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
// "1,250", "630 kVA", "25.5元/㎡·月", "１２００㎡" → number; units are dropped,
// a second number or a negative value is refused. Empty → nullopt.
std::optional<double> parse_number(std::string_view text);
// "2026-12-01", "2026/12/1", "2026年12月", "2026.12" → "2026-12-01";
// "即日", "现房", "随时" (available now) and empty → nullopt.
std::optional<std::string> parse_date(std::string_view text);

}  // namespace investmap::importers
