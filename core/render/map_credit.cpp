#include "render/map_credit.hpp"

namespace investmap::render {
namespace {

std::string_view words(CreditLanguage language, std::string_view zh, std::string_view en, std::string_view both) {
    switch (language) {
        case CreditLanguage::zh: return zh;
        case CreditLanguage::en: return en;
        case CreditLanguage::both: return both;
    }
    return zh;
}

}  // namespace

std::string credit_line(const MapCredit& credit, CreditLanguage language) {
    std::string line;
    const auto add = [&line](std::string_view part) { line += (line.empty() ? "" : " · ") + std::string(part); };
    if (!credit.data_as_of.empty()) {
        add(std::string(words(language, "数据截至 ", "Data as of ", "数据截至 Data as of ")) + credit.data_as_of);
    }
    if (!credit.attribution.empty()) add(credit.attribution);
    if (!credit.approval_number.empty()) {
        add(std::string(words(language, "审图号 ", "Map approval ", "审图号 Map approval ")) + credit.approval_number);
    }
    return line;
}

}  // namespace investmap::render
