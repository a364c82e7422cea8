// Scoring as a table: a site's facts → its score and the reasons it gives.
#include "fit/scoring.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <array>

using namespace investmap::fit;
namespace data = boost::unit_test::data;

namespace {

IndustryProfile electronics() {
    IndustryProfile p;
    p.id = "electronics";
    p.kinds = {{"factory", 1.0}, {"land", 0.9}};
    p.land_uses = {{"M1", 1.0}, {"M2", 0.5}};
    p.area_min_m2 = 2000;
    p.area_max_m2 = 40000;
    p.power_min_kva = 1250;
    p.floor_height_min_m = 6;
    p.rent_max_yuan_m2_month = 30;
    p.land_price_max_wan_per_mu = 60;
    p.parks = {"城门科创园"};
    return p;
}

SiteFacts ideal_factory() {
    SiteFacts s;
    s.kind = "factory";
    s.land_use = "M1";
    s.area_m2 = 5000;
    s.power_kva = 1600;
    s.floor_height_m = 8;
    s.rent_yuan_m2_month = 25;
    s.park = "城门科创园";
    return s;
}

}  // namespace

struct Case {
    const char* name;
    SiteFacts site;
    int score;
    const char* reason_zh;  // one of the reasons given, word for word
};
std::ostream& operator<<(std::ostream& out, const Case& row) { return out << row.name; }

const std::array kCases = {
    Case{"meets everything", ideal_factory(), 100, "电力容量 1600 kVA，满足要求的 1250 kVA"},
    Case{"half the power", [] { auto s = ideal_factory(); s.power_kva = 630; return s; }(), 50,
         "电力容量 630 kVA，低于要求的 1250 kVA"},
    Case{"a tenth of the power stops at the floor", [] { auto s = ideal_factory(); s.power_kva = 125; return s; }(), 30,
         "电力容量 125 kVA，低于要求的 1250 kVA"},
    Case{"power unknown", [] { auto s = ideal_factory(); s.power_kva.reset(); return s; }(), 85, "电力容量未知"},
    Case{"weaker land use", [] { auto s = ideal_factory(); s.land_use = "M2"; return s; }(), 50, "用地性质 M2 适合，权重 0.5"},
    Case{"land use not listed", [] { auto s = ideal_factory(); s.land_use = "B2"; return s; }(), 0,
         "用地性质 B2 不适合（适合：M1、M2）"},
    Case{"kind not listed", [] { auto s = ideal_factory(); s.kind = "office"; return s; }(), 0,
         "类型“楼宇”不适合（适合：厂房、土地）"},
    Case{"rent above the limit", [] { auto s = ideal_factory(); s.rent_yuan_m2_month = 60; return s; }(), 50,
         "租金 60 元/m²·月，高于上限 30 元/m²·月"},
    Case{"too small", [] { auto s = ideal_factory(); s.area_m2 = 1000; return s; }(), 50,
         "面积 1000 m²，小于要求的 2000–40000 m²"},
    Case{"outside the preferred parks", [] { auto s = ideal_factory(); s.park = "红星物流园"; return s; }(), 85, "不在优先园区内"},
    Case{"land: floor height does not apply, land price does",
         [] { auto s = ideal_factory(); s.kind = "land"; s.floor_height_m = 3; s.rent_yuan_m2_month.reset(); s.land_price_wan_per_mu = 120; return s; }(),
         45, "地价 120 万元/亩，高于上限 60 万元/亩"},
};

BOOST_DATA_TEST_CASE(sites_score_and_explain, data::make(kCases), row) {
    const FitScore fit = score_site(electronics(), row.site);
    BOOST_TEST(fit.score == row.score);
    const bool explained = std::ranges::any_of(fit.reasons, [&](const FitReason& r) { return r.zh == row.reason_zh; });
    BOOST_TEST(explained, "no reason reads " << row.reason_zh);
}

BOOST_AUTO_TEST_CASE(every_reason_has_both_languages_and_a_verdict) {
    auto site = ideal_factory();
    site.power_kva = 630;
    const FitScore fit = score_site(electronics(), site);
    const auto power = std::ranges::find_if(fit.reasons, [](const FitReason& r) { return r.en.starts_with("power"); });
    BOOST_REQUIRE(power != fit.reasons.end());
    BOOST_TEST(power->en == "power 630 kVA, below the required 1250 kVA");
    BOOST_TEST(!power->met);
    for (const FitReason& reason : fit.reasons) BOOST_TEST((!reason.zh.empty() && !reason.en.empty()));
}

BOOST_AUTO_TEST_CASE(a_suitable_site_never_scores_zero) {
    auto site = ideal_factory();
    site.land_use = "M2";
    site.power_kva = 1;
    site.area_m2 = 1;
    site.rent_yuan_m2_month = 1000;
    site.floor_height_m = 0.1;
    site.park = "elsewhere";
    BOOST_TEST(score_site(electronics(), site).score == 1);
}
