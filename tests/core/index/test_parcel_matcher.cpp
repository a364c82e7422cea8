// The filter in memory means what it means in SQL: over parcels with
// missing values, mixed-case text and scores, and hundreds of random
// filters, the matcher keeps exactly the parcels filter::to_sql selects.
#include "index/parcel_matcher.hpp"

#include "fit/fit_store.hpp"
#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "geos_wkb.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <random>
#include <set>

using namespace investmap;
using investmap::testing::TempDir;
using store::field;

namespace {

constexpr std::array<std::string_view, 6> kAllStatuses = {"available", "negotiating", "reserved", "signed", "settled", "withdrawn"};
constexpr std::array<std::string_view, 2> kPublic = {"available", "negotiating"};

template <typename T>
const T& pick(const std::vector<T>& items, std::mt19937& random) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(random)];
}

bool coin(std::mt19937& random, double chance = 0.5) { return std::bernoulli_distribution(chance)(random); }

store::ParcelRecord random_parcel(int number, std::mt19937& random) {
    store::ParcelRecord record;
    record[field("code")] = "Park-" + std::to_string(number);
    record[field("kind")] = pick<std::string>({"land", "factory", "office"}, random);
    record[field("status")] = std::string(kAllStatuses[number % kAllStatuses.size()]);
    if (coin(random, 0.8)) record[field("land_use")] = pick<std::string>({"M1", "M2", "W1", "B2"}, random);
    if (coin(random, 0.8)) record[field("park")] = pick<std::string>({"金山工业区", "Nanjiang Hub", "海峡园"}, random);
    if (coin(random, 0.7)) record[field("name")] = pick<std::string>({"标准厂房 A", "Smart Tower", "SMART lab", "仓库"}, random);
    if (coin(random, 0.5)) record[field("address")] = pick<std::string>({"福峡路 208 号", "Harbour Rd 5"}, random);
    if (coin(random, 0.8)) record[field("area_m2")] = std::uniform_real_distribution<double>(100, 20000)(random);
    if (coin(random, 0.6)) record[field("rent_yuan_m2_month")] = std::uniform_real_distribution<double>(10, 80)(random);
    if (coin(random, 0.6)) record[field("power_kva")] = std::uniform_real_distribution<double>(50, 2000)(random);
    if (coin(random, 0.6)) record[field("available_from")] = pick<std::string>({"2026-01-01", "2026-12-31", "2027-06-30"}, random);
    record.wkb = testing::wkb_from_wkt("POINT (119.3 26.03)");
    return record;
}

filter::Filter random_filter(std::mt19937& random) {
    filter::Filter f;
    if (coin(random, 0.3)) f.statuses = {pick<std::string>({"available", "signed", "withdrawn", "negotiating"}, random)};
    if (coin(random, 0.3)) f.kinds = {pick<std::string>({"land", "factory", "office"}, random), "office"};
    // R9 and 无此园区: values no parcel has (the matcher compares the index's shared copies).
    if (coin(random, 0.3)) f.land_uses = {pick<std::string>({"M1", "M2", "B2", "R9"}, random)};
    if (coin(random, 0.2)) f.parks = {pick<std::string>({"金山工业区", "Nanjiang Hub", "无此园区"}, random)};
    if (coin(random, 0.3)) f.area_min = std::uniform_real_distribution<double>(0, 15000)(random);
    if (coin(random, 0.2)) f.area_max = std::uniform_real_distribution<double>(5000, 20000)(random);
    if (coin(random, 0.3)) f.rent_max = std::uniform_real_distribution<double>(10, 80)(random);
    if (coin(random, 0.3)) f.power_min = std::uniform_real_distribution<double>(0, 2000)(random);
    if (coin(random, 0.3)) f.available_by = pick<std::string>({"2026-06-01", "2026-12-31", "2028-01-01"}, random);
    if (coin(random, 0.3)) f.text = pick<std::string>({"smart", "厂房", "ARK-1", "harbour", "工业", "%", "_"}, random);
    if (coin(random, 0.4)) {
        f.industry = pick<std::string>({"logistics", "software", "unscored"}, random);
        if (coin(random)) f.min_fit = std::uniform_int_distribution<int>(0, 100)(random);
    }
    return f;
}

std::set<std::int64_t> selected_by_sql(store::Database& db, const filter::SqlCondition& condition) {
    auto rows = db.prepare("SELECT p.id FROM parcels AS p" + std::string(condition.joins_fit ? filter::kFitJoin : " ") +
                           " WHERE " + condition.sql);
    filter::bind_condition(rows, condition, 1);
    std::set<std::int64_t> ids;
    while (rows.step()) ids.insert(rows.column_int64(0));
    return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_filters_select_the_same_parcels_in_memory_and_in_sql) {
    TempDir dir;
    auto db = store::open_store(dir.file("db.sqlite"), store::OpenMode::create);
    std::mt19937 random(2026);
    {
        store::ParcelStore store(*db);
        for (int i = 0; i < 300; ++i) store.insert(random_parcel(i, random), "test", "2026-11-26T00:00:00Z");
        fit::IndustryProfiles profiles;
        profiles.industries.push_back({.id = "logistics", .kinds = {{"land", 1.0}, {"factory", 0.6}}, .power_min_kva = 800});
        profiles.industries.push_back({.id = "software", .kinds = {{"office", 1.0}}, .rent_max_yuan_m2_month = 50});
        fit::rescore_all(*db, profiles);
    }
    const auto parcels = index::ParcelIndex::load(*db);
    std::size_t non_empty = 0;
    for (int round = 0; round < 600; ++round) {
        const filter::Filter wanted = random_filter(random);
        const std::span<const std::string_view> visible = coin(random) ? std::span<const std::string_view>(kPublic)
                                                                       : std::span<const std::string_view>(kAllStatuses);
        const index::ParcelMatcher matcher(*parcels, wanted, visible);
        std::set<std::int64_t> in_memory;
        for (std::size_t i = 0; i < parcels->size(); ++i) {
            if (matcher.match(i)) in_memory.insert(parcels->parcel(i).id);
        }
        const auto in_sql = selected_by_sql(*db, filter::to_sql(wanted, visible));
        BOOST_REQUIRE_MESSAGE(in_memory == in_sql, "filter " << filter::canonical_query(wanted) << ": " << in_memory.size()
                                                             << " in memory, " << in_sql.size() << " in SQL");
        non_empty += in_sql.empty() ? 0 : 1;
    }
    BOOST_TEST(non_empty > 100u);  // the filters were not all too strict to mean anything
}

BOOST_AUTO_TEST_CASE(text_search_is_like_sqlite_like) {
    BOOST_TEST(index::contains_like("Smart Tower", "sMART"));
    BOOST_TEST(index::contains_like("金山工业区", "工业"));
    BOOST_TEST(!index::contains_like("Harbour", "harbor"));
    BOOST_TEST(!index::contains_like("", "a"));
}
