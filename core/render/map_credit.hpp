#pragma once
// The line every map carries, on the web as in a static image: the date of
// the data, the attribution, and the 审图号 (map approval number) a map
// published in China must show once it has one.
#include <string>
#include <string_view>

namespace investmap::render {

struct MapCredit {
    std::string data_as_of;       // YYYY-MM-DD; "" when unknown
    std::string attribution;
    std::string approval_number;  // "" until the bureau has one
};

enum class CreditLanguage { zh, en, both };

// "数据截至 2026-12-08 · © 区商务局 · 审图号 闽S〔2026〕001号", in `language`
// ("数据截至 Data as of …" for both); parts that are empty are left out.
std::string credit_line(const MapCredit& credit, CreditLanguage language);

}  // namespace investmap::render
