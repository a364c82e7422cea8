// The memory index read from a real SpatiaLite file: what the grid returns
// for a box is exactly what the R*Tree returns, each parcel once; scores and
// the data version come with it.
#include "index/parcel_index.hpp"

#include "fit/fit_store.hpp"
#include "store/parcel_query.hpp"
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

// Squares of assorted sizes over about 10 × 10 km, some large enough to span
// many grid cells, and a few points.
store::ParcelRecord parcel(int number, std::mt19937& random) {
    std::uniform_real_distribution<double> where(0.0, 0.1), size(0.0002, number % 50 == 0 ? 0.03 : 0.002);
    const double west = 119.2 + where(random), south = 26.0 + where(random), side = size(random);
    store::ParcelRecord record;
    record[field("code")] = "P-" + std::to_string(number);
    record[field("kind")] = std::string(number % 2 ? "land" : "factory");
    record[field("status")] = std::string(number % 3 ? "available" : "signed");
    record[field("area_m2")] = 1000.0 + number;
    const auto corner = [](double lon, double lat) { return std::to_string(lon) + " " + std::to_string(lat); };
    record.wkb = testing::wkb_from_wkt(
        number % 17 == 0 ? "POINT (" + corner(west, south) + ")"
                         : "POLYGON ((" + corner(west, south) + ", " + corner(west + side, south) + ", " +
                               corner(west + side, south + side) + ", " + corner(west, south + side) + ", " +
                               corner(west, south) + "))");
    return record;
}

struct District {
    TempDir dir;
    std::unique_ptr<store::Database> db = store::open_store(dir.file("db.sqlite"), store::OpenMode::create);
    explicit District(int parcels) {
        std::mt19937 random(7);
        store::ParcelStore store(*db);
        for (int i = 0; i < parcels; ++i) store.insert(parcel(i, random), "test", "2026-11-26T00:00:00Z");
    }
};

std::set<std::int64_t> rtree_ids(store::Database& db, const store::LonLatBox& box) {
    auto rows = db.prepare("SELECT pkid FROM idx_parcels_geom WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?");
    store::bind_box(rows, box);
    std::set<std::int64_t> ids;
    while (rows.step()) ids.insert(rows.column_int64(0));
    return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_grid_finds_what_the_rtree_finds_each_parcel_once) {
    District district(3000);
    const auto index = index::ParcelIndex::load(*district.db);
    BOOST_REQUIRE_EQUAL(index->size(), 3000u);
    std::mt19937 random(11);
    std::uniform_real_distribution<double> where(-0.02, 0.12), size(0.0, 0.05);
    for (int query = 0; query < 300; ++query) {
        const double west = 119.2 + where(random), south = 26.0 + where(random);
        const store::LonLatBox box{west, south, west + size(random), south + size(random)};
        std::multiset<std::int64_t> found;
        index->for_each_in(box, [&](std::size_t i) { found.insert(index->parcel(i).id); });
        const std::set<std::int64_t> unique(found.begin(), found.end());
        BOOST_REQUIRE_EQUAL(found.size(), unique.size());  // nobody twice
        BOOST_REQUIRE((unique == rtree_ids(*district.db, box)));
    }
    std::size_t everything = 0;
    index->for_each_in({-180, -90, 180, 90}, [&](std::size_t) { ++everything; });
    BOOST_TEST(everything == 3000u);
}

BOOST_AUTO_TEST_CASE(attributes_scores_and_version_come_from_one_snapshot) {
    District district(50);
    fit::IndustryProfiles profiles;
    profiles.industries.push_back({.id = "logistics", .kinds = {{"land", 1.0}}});
    fit::rescore_all(*district.db, profiles);
    store::bump_data_version(*district.db);
    const auto index = index::ParcelIndex::load(*district.db);
    BOOST_TEST(index->data_version() == store::data_version(*district.db));
    const auto column = index->industry_column("logistics");
    BOOST_REQUIRE(column);
    BOOST_TEST(!index->industry_column("electronics"));
    for (std::size_t i = 0; i < index->size(); ++i) {
        const index::IndexedParcel& p = index->parcel(i);
        BOOST_TEST(p.code == "P-" + std::to_string(p.id - 1));
        BOOST_TEST(*p.area_m2 == 1000.0 + static_cast<double>(p.id - 1));
        const auto score = index->fit(i, *column);
        BOOST_REQUIRE(score);
        BOOST_TEST((*score > 0) == (p.kind == "land"));
    }
}

BOOST_AUTO_TEST_CASE(an_empty_district_has_an_empty_index) {
    District district(0);
    const auto index = index::ParcelIndex::load(*district.db);
    BOOST_TEST(index->size() == 0u);
    bool visited = false;
    index->for_each_in({-180, -90, 180, 90}, [&](std::size_t) { visited = true; });
    BOOST_TEST(!visited);
}
