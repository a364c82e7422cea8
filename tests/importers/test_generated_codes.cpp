#include "importers/generated_codes.hpp"

#include "importers/value_parsing.hpp"

#include <boost/test/unit_test.hpp>

#include <set>
#include <vector>

using namespace investmap::importers;

BOOST_AUTO_TEST_CASE(codes_are_fixed_by_definition_so_a_later_version_gives_the_same) {
    // Written down once: a change here would turn every re-import into new parcels.
    const std::string code = generated_code("CS", "下渡标准厂房3号楼", "仓山区建新镇金山大道618号");
    BOOST_TEST(code.starts_with("CS-"));
    BOOST_TEST(code.size() == 11u);
    BOOST_TEST(code == generated_code("CS", "下渡标准厂房3号楼", "仓山区建新镇金山大道618号"));
    // FNV-1a 64 of "abc\x1F", its low 40 bits in Crockford base 32, worked out apart from this code.
    BOOST_TEST(generated_code("CS", "abc", "") == "CS-GFQ0ERXW");
}

BOOST_AUTO_TEST_CASE(spacing_width_and_case_do_not_change_the_code) {
    const std::string code = generated_code("CS", "下渡科技园 A座", "金山大道 618 号");
    BOOST_TEST(generated_code("CS", " 下渡科技园Ａ座\xE3\x80\x80", "金山大道618号") == code);
    BOOST_TEST(generated_code("CS", "下渡科技园a座", "金山大道６１８号") == code);
    BOOST_TEST(generated_code("CS", "下渡科技园B座", "金山大道618号") != code);
    // Name and address are kept apart: moving text between them is another parcel.
    BOOST_TEST(generated_code("CS", "ab", "c") != generated_code("CS", "a", "bc"));
}

BOOST_AUTO_TEST_CASE(ten_thousand_rows_get_ten_thousand_codes) {
    std::set<std::string> codes;
    for (int i = 0; i < 10000; ++i) codes.insert(generated_code("CS", "厂房" + std::to_string(i), "仓山区"));
    BOOST_TEST(codes.size() == 10000u);
}

BOOST_AUTO_TEST_CASE(a_row_with_neither_name_nor_address_and_bad_prefixes_are_refused) {
    BOOST_CHECK_THROW(generated_code("CS", "  ", "\xE3\x80\x80"), ValueError);
    BOOST_TEST(!generated_code_prefix_problem("CS"));
    BOOST_TEST(!generated_code_prefix_problem("仓山_2026"));
    for (const std::string& bad : std::vector<std::string>{"", "a/b", "a b", "x?y", "../x", std::string(61, 'a'), std::string("\xFF", 1)}) {
        BOOST_TEST(generated_code_prefix_problem(bad).has_value(), bad);
    }
}
