#include "render/map_credit.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::render;

BOOST_AUTO_TEST_CASE(the_credit_line_names_date_attribution_and_approval_in_either_or_both_languages) {
    const MapCredit credit{"2026-12-08", "© 区商务局", "闽S〔2026〕001号"};
    BOOST_TEST(credit_line(credit, CreditLanguage::zh) == "数据截至 2026-12-08 · © 区商务局 · 审图号 闽S〔2026〕001号");
    BOOST_TEST(credit_line(credit, CreditLanguage::en) == "Data as of 2026-12-08 · © 区商务局 · Map approval 闽S〔2026〕001号");
    BOOST_TEST(credit_line(credit, CreditLanguage::both) ==
               "数据截至 Data as of 2026-12-08 · © 区商务局 · 审图号 Map approval 闽S〔2026〕001号");
}

BOOST_AUTO_TEST_CASE(empty_parts_are_left_out) {
    BOOST_TEST(credit_line({"", "© 区商务局", ""}, CreditLanguage::zh) == "© 区商务局");
    BOOST_TEST(credit_line({"2026-12-08", "", ""}, CreditLanguage::en) == "Data as of 2026-12-08");
    BOOST_TEST(credit_line({}, CreditLanguage::both).empty());
}
