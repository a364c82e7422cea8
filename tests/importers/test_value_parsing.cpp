#include "importers/value_parsing.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <utility>

using namespace investmap::importers;
namespace data = boost::unit_test::data;

struct Case {
    const char* first;   // what a district writes
    const char* second;  // what we store
};
std::ostream& operator<<(std::ostream& out, const Case& c) { return out << c.first << " → " << c.second; }

const std::vector<Case> kStatusCases = {
    {"闲置", "available"}, {"闲置可招商", "available"}, {" 可招商 ", "available"}, {"Available", "available"},
    {"在谈", "negotiating"}, {"洽谈中", "negotiating"}, {"已预留", "reserved"}, {"已签约", "signed"},
    {"已落地", "settled"}, {"暂不招商", "withdrawn"}, {"\xE3\x80\x80在谈\xE3\x80\x80", "negotiating"},
    // The labels bureaus use in their own sheets (issue 21), one table for all.
    {"招商中", "available"}, {"待招商", "available"}, {"空置", "available"}, {"未出让", "available"},
    {"有意向", "negotiating"}, {"对接中", "negotiating"}, {"预留", "reserved"}, {"已锁定", "reserved"},
    {"已出让", "signed"}, {"已供地", "signed"}, {"已摘牌", "signed"}, {"已成交", "signed"},
    {"已开工", "settled"}, {"已投产", "settled"}, {"已入驻", "settled"}, {"已落户", "settled"},
    {"暂停", "withdrawn"}, {"暂缓", "withdrawn"}, {"停止招商", "withdrawn"}, {"暂缓招商", "withdrawn"}};

BOOST_DATA_TEST_CASE(status_labels_map_to_codes, data::make(kStatusCases), c) {
    BOOST_TEST(parse_status(c.first) == c.second);
}

BOOST_AUTO_TEST_CASE(unknown_or_empty_status_is_refused_and_extra_labels_extend_the_table) {
    BOOST_CHECK_THROW(parse_status("搁置"), ValueError);
    BOOST_CHECK_THROW(parse_status("  "), ValueError);
    BOOST_TEST(parse_status("搁置", {{"搁置", "withdrawn"}}) == "withdrawn");
}

const std::vector<Case> kKindCases = {{"土地", "land"}, {"闲置土地", "land"}, {"厂房", "factory"},
                                      {"标准厂房", "factory"}, {"楼宇", "office"}, {"写字楼", "office"},
                                      {"OFFICE", "office"}, {"宗地", "land"}, {"工业用地", "land"},
                                      {"仓库", "factory"}, {"工业厂房", "factory"}, {"车间", "factory"},
                                      {"商业用房", "office"}, {"孵化器", "office"}, {"众创空间", "office"},
                                      {"办公楼", "office"}};

BOOST_DATA_TEST_CASE(kind_labels_map_to_codes, data::make(kKindCases), c) { BOOST_TEST(parse_kind(c.first) == c.second); }

const std::vector<Case> kLandUseCases = {{"M1", "M1"}, {"m2", "M2"}, {"二类工业用地", "M2"}, {"一类物流仓储用地", "W1"},
                                         {"商务用地", "B2"}, {"Ｍ１", "M1"}, {"A35", "A35"}};

BOOST_DATA_TEST_CASE(land_use_labels_map_to_gb50137_codes, data::make(kLandUseCases), c) {
    BOOST_TEST(parse_land_use(c.first) == c.second);
}

BOOST_AUTO_TEST_CASE(land_use_that_is_no_code_is_refused) {
    BOOST_CHECK_THROW(parse_land_use("工业"), ValueError);
    BOOST_CHECK_THROW(parse_land_use("X9"), ValueError);
    BOOST_CHECK_THROW(parse_land_use("M1234"), ValueError);
}

struct NumberCase {
    const char* first;
    double second;
};
std::ostream& operator<<(std::ostream& out, const NumberCase& c) { return out << c.first; }
const std::vector<NumberCase> kNumberCases = {{"1250", 1250}, {"1,250", 1250}, {"630 kVA", 630}, {"25.5元/㎡·月", 25.5},
                                              {"１２００㎡", 1200}, {"1200m2", 1200}, {" 8 ", 8}, {"3.6米", 3.6}};

BOOST_DATA_TEST_CASE(numbers_lose_their_units_and_separators, data::make(kNumberCases), c) {
    BOOST_TEST(*parse_number(c.first) == c.second);
}

BOOST_AUTO_TEST_CASE(bad_numbers_are_refused_and_empty_is_absent) {
    BOOST_TEST(!parse_number("").has_value());
    BOOST_TEST(!parse_number("  ").has_value());
    BOOST_CHECK_THROW(parse_number("约一千"), ValueError);
    BOOST_CHECK_THROW(parse_number("12-15"), ValueError);
    BOOST_CHECK_THROW(parse_number("-5"), ValueError);
    // Found by fuzz_value_parsing: from_chars reads these as NaN and infinity.
    for (const char* not_finite : {"nan", "NaN", "nand", "inf", "INF m2", "infinity", "-nan", "1e999"}) {
        BOOST_CHECK_THROW(parse_number(not_finite), ValueError);
    }
}

const std::vector<Case> kDateCases = {{"2026-12-01", "2026-12-01"}, {"2026/12/1", "2026-12-01"},
                                      {"2026年12月", "2026-12-01"}, {"2026年3月15日", "2026-03-15"},
                                      {"2026.07", "2026-07-01"},    {"２０２６-０２-２８", "2026-02-28"}};

BOOST_DATA_TEST_CASE(dates_become_iso, data::make(kDateCases), c) { BOOST_TEST(*parse_date(c.first) == c.second); }

BOOST_AUTO_TEST_CASE(available_now_is_no_date_and_impossible_dates_are_refused) {
    BOOST_TEST(!parse_date("即日").has_value());
    BOOST_TEST(!parse_date("现房").has_value());
    BOOST_TEST(!parse_date("").has_value());
    BOOST_CHECK_THROW(parse_date("2026-02-30"), ValueError);
    BOOST_CHECK_THROW(parse_date("明年"), ValueError);
    BOOST_CHECK_THROW(parse_date("2026-13"), ValueError);
}
