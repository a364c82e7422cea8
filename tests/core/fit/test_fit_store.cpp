// Scores in a real SpatiaLite file: every parcel scored for every industry,
// min_fit as an indexed query returning exactly the parcels at or above it,
// and rescoring one parcel after it changed.
#include "fit/fit_store.hpp"

#include "filter/filter.hpp"
#include "store/parcel_query.hpp"
#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "geos_wkb.hpp"
#include "temp_district.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace investmap;
using store::field;

namespace {

store::ParcelRecord factory(int number, double power) {
    store::ParcelRecord record;
    record[field("code")] = "F-" + std::to_string(number);
    record[field("kind")] = std::string("factory");
    record[field("status")] = std::string("available");
    record[field("land_use")] = std::string("M1");
    record[field("area_m2")] = 5000.0;
    record[field("power_kva")] = power;
    record.wkb = testing::wkb_from_wkt("POINT(" + std::to_string(119.3 + number * 0.001) + " 26.03)");
    return record;
}

fit::IndustryProfiles profiles() {
    fit::IndustryProfiles set;
    set.industries.push_back({.id = "electronics", .kinds = {{"factory", 1.0}}, .power_min_kva = 1000});
    set.industries.push_back({.id = "logistics", .kinds = {{"land", 1.0}}});
    return set;
}

struct District : testing::TempDistrict {
    District() : TempDistrict(20, [](int number) { return factory(number, 100.0 * number); }) {}
};

std::set<std::string> codes_matching(store::Database& db, const std::string& query) {
    filter::QueryParameters parameters;
    std::size_t start = 0;
    while (start < query.size()) {
        const std::size_t end = std::min(query.find('&', start), query.size());
        const std::string part = query.substr(start, end - start);
        parameters.emplace_back(part.substr(0, part.find('=')), part.substr(part.find('=') + 1));
        start = end + 1;
    }
    constexpr std::array<std::string_view, 1> kPublic = {"available"};
    const auto condition = filter::to_sql(filter::parse_filter(parameters), kPublic);
    std::set<std::string> codes;
    for (const auto& listed : store::list_parcels(db, condition, std::nullopt, 1000, 0).parcels) codes.insert(listed.parcel.record.code());
    return codes;
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(every_parcel_is_scored_for_every_industry, District) {
    BOOST_TEST(!fit::stored_profiles(*db).has_value());
    BOOST_TEST(fit::rescore_all(*db, profiles()) == 20);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM parcel_fit") == 40);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM parcel_fit WHERE industry = 'logistics' AND score > 0") == 0);
    BOOST_TEST((fit::stored_profiles(*db) == profiles()));
}

BOOST_FIXTURE_TEST_CASE(min_fit_returns_exactly_the_parcels_at_or_above_it, District) {
    fit::rescore_all(*db, profiles());
    const auto profile = *profiles().find("electronics");
    for (int min_fit : {0, 30, 50, 60, 100}) {
        std::set<std::string> expected;
        for (int i = 0; i < 20; ++i) {
            const auto record = factory(i, 100.0 * i);
            if (fit::score_site(profile, fit::site_facts(record)).score >= min_fit) expected.insert(record.code());
        }
        BOOST_TEST((codes_matching(*db, "industry=electronics&min_fit=" + std::to_string(min_fit)) == expected), "min_fit " << min_fit);
    }
}

BOOST_FIXTURE_TEST_CASE(min_fit_uses_the_score_index, District) {
    fit::rescore_all(*db, profiles());
    auto plan = db->prepare("EXPLAIN QUERY PLAN SELECT p.code FROM parcels AS p" + std::string(filter::kFitJoin) +
                            "WHERE fit.industry = ? AND fit.score >= ?");
    std::string steps;
    while (plan.step()) steps += plan.column_text(3) + "\n";
    BOOST_TEST(steps.find("parcel_fit_by_score") != std::string::npos, steps);
}

BOOST_FIXTURE_TEST_CASE(a_changed_parcel_is_scored_again, District) {
    fit::rescore_all(*db, profiles());
    store::ParcelStore parcels(*db);
    parcels.update(factory(1, 5000), "test", "2026-11-27T00:00:00Z");
    fit::rescore_codes(*db, profiles(), {"F-1"});
    BOOST_TEST(db->query_int64("SELECT score FROM parcel_fit JOIN parcels ON id = parcel_id WHERE code = 'F-1' AND industry = 'electronics'") == 100);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM parcel_fit") == 40);
}
