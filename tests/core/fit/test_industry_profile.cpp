// The profiles file: the shipped one loads; each kind of mistake is refused
// with the line it is on.
#include "fit/industry_profile.hpp"

#include "errors.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <array>

using namespace investmap::fit;
namespace data = boost::unit_test::data;

namespace {

constexpr const char* kGood = R"(
[[industry]]
id = "electronics"
name_zh = "电子信息"
name_en = "Electronics"
color = "#1f77b4"
kinds = { factory = 1, land = 0.9 }
land_uses = { M1 = 1.0 }
area_m2 = [2000, 40000]
power_min_kva = 1250
)";

}  // namespace

BOOST_AUTO_TEST_CASE(the_shipped_profiles_load) {
    const IndustryProfiles profiles = load_industry_profiles(INVESTMAP_SOURCE_DIR "/data/industries.toml");
    BOOST_TEST(profiles.industries.size() >= 7u);
    for (const char* id : {"electronics", "new_materials", "smart_manufacturing", "biomedicine", "logistics",
                           "livestream_ecommerce", "youth_venues"}) {
        BOOST_TEST(profiles.find(id) != nullptr, id);
    }
}

BOOST_AUTO_TEST_CASE(a_good_profile_reads_as_written_and_survives_json) {
    const IndustryProfiles profiles = parse_industry_profiles(kGood, "good.toml");
    const IndustryProfile& p = profiles.industries.at(0);
    BOOST_TEST(p.kinds.at("factory") == 1.0);
    BOOST_TEST(*p.area_max_m2 == 40000.0);
    BOOST_TEST(!p.rent_max_yuan_m2_month.has_value());
    BOOST_TEST((profiles_from_json(to_json(profiles)) == profiles));
    BOOST_TEST(requirements_in_words(p).at(3)["zh"] == "电力容量不低于 1250 kVA");
}

struct Mistake {
    const char* name;
    const char* replace;  // a line of kGood …
    const char* with;     // … replaced by this
    const char* message;  // part of the error, with file and line
};
std::ostream& operator<<(std::ostream& out, const Mistake& row) { return out << row.name; }

const std::array kMistakes = {
    Mistake{"unknown key", "power_min_kva = 1250", "power_minimum = 1250", "bad.toml:10：未知项 power_minimum"},
    Mistake{"range the wrong way round", "area_m2 = [2000, 40000]", "area_m2 = [40000, 2000]", "bad.toml:9：area_m2 范围颠倒"},
    Mistake{"unknown land use", "land_uses = { M1 = 1.0 }", "land_uses = { Q7 = 1.0 }", "bad.toml:8：land_uses 中的“Q7”无效"},
    Mistake{"unknown kind", "kinds = { factory = 1, land = 0.9 }", "kinds = { house = 1 }", "bad.toml:7：kinds 中的“house”无效"},
    Mistake{"weight above one", "land_uses = { M1 = 1.0 }", "land_uses = { M1 = 2 }", "bad.toml:8：land_uses.M1 的权重"},
    Mistake{"bad colour", "color = \"#1f77b4\"", "color = \"blue\"", "bad.toml:6：color 应形如"},
    Mistake{"negative number", "power_min_kva = 1250", "power_min_kva = -5", "bad.toml:10：power_min_kva 应为非负数"},
    Mistake{"bad id", "id = \"electronics\"", "id = \"Electronics!\"", "bad.toml:3：id “Electronics!”"},
    Mistake{"not TOML", "power_min_kva = 1250", "power_min_kva = ", "bad.toml:10 格式错误"},
};

BOOST_DATA_TEST_CASE(mistakes_are_refused_with_their_line, data::make(kMistakes), row) {
    std::string text = kGood;
    const std::size_t at = text.find(row.replace);
    BOOST_REQUIRE(at != std::string::npos);
    text.replace(at, std::string(row.replace).size(), row.with);
    try {
        parse_industry_profiles(text, "bad.toml");
        BOOST_FAIL("accepted");
    } catch (const investmap::InputError& error) {
        BOOST_TEST(std::string(error.what()).find(row.message) != std::string::npos, error.what());
    }
}

BOOST_AUTO_TEST_CASE(an_id_used_twice_is_refused) {
    const std::string twice = std::string(kGood) + kGood;
    BOOST_CHECK_EXCEPTION(parse_industry_profiles(twice, "twice.toml"), investmap::InputError, [](const auto& error) {
        return std::string(error.what()).find("id electronics 重复") != std::string::npos;
    });
}
