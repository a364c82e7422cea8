// The memory index read from a real SpatiaLite file: what the grid returns
// for a box is exactly what the R*Tree returns, each parcel once; scores and
// the data version come with it.
#include "index/parcel_index.hpp"
#include "index/parcel_matcher.hpp"

#include "fit/fit_store.hpp"
#include "store/parcel_query.hpp"
#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "geos_wkb.hpp"
#include "temp_district.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <map>
#include <random>
#include <set>

using namespace investmap;
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

struct District : testing::TempDistrict {
    explicit District(int parcels)
        : TempDistrict(parcels, [random = std::mt19937(7)](int number) mutable { return parcel(number, random); }) {}
};

std::set<std::int64_t> rtree_ids(store::Database& db, const geo::LonLatBox& box) {
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
        const geo::LonLatBox box{west, south, west + size(random), south + size(random)};
        std::multiset<std::int64_t> found;
        index->for_each_in(box, [&](std::size_t i) {
            BOOST_REQUIRE_EQUAL(index->id(i), index->parcel(i).id);  // the dense list of ids follows the parcels
            found.insert(index->id(i));
        });
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

BOOST_AUTO_TEST_CASE(scores_are_found_by_id_when_ids_are_sparse) {
    // Ids more than eight apart a parcel are looked up by binary search
    // instead of a table: the parcels are in map order, not id order.
    District district(300);
    district.db->exec("UPDATE parcels SET id = id * 100000");
    district.db->exec("UPDATE idx_parcels_geom SET pkid = pkid * 100000");
    fit::IndustryProfiles profiles;
    profiles.industries.push_back({.id = "logistics", .kinds = {{"land", 1.0}}});
    fit::rescore_all(*district.db, profiles);
    const auto index = index::ParcelIndex::load(*district.db);
    BOOST_REQUIRE_EQUAL(index->size(), 300u);
    const auto column = index->industry_column("logistics");
    BOOST_REQUIRE(column);
    bool in_id_order = true;
    for (std::size_t i = 0; i < index->size(); ++i) {
        const index::IndexedParcel& p = index->parcel(i);
        BOOST_TEST(p.code == "P-" + std::to_string(p.id / 100000 - 1));
        const auto score = index->fit(i, *column);
        BOOST_REQUIRE(score);
        BOOST_TEST((*score > 0) == (p.kind == "land"));
        if (i > 0 && index->parcel(i - 1).id > p.id) in_id_order = false;
    }
    BOOST_TEST(!in_id_order);  // else this test would not show the lookup works out of id order
}

BOOST_AUTO_TEST_CASE(an_empty_district_has_an_empty_index) {
    District district(0);
    const auto index = index::ParcelIndex::load(*district.db);
    BOOST_TEST(index->size() == 0u);
    bool visited = false;
    index->for_each_in({-180, -90, 180, 90}, [&](std::size_t) { visited = true; });
    BOOST_TEST(!visited);
}

namespace {

// Every field the index holds, parcel by parcel (matched by id: a refresh
// keeps the positions it had and puts new parcels last, a load orders them
// all by place), and the scores.
void require_same(const index::ParcelIndex& a, const index::ParcelIndex& b) {
    BOOST_REQUIRE_EQUAL(a.size(), b.size());
    BOOST_REQUIRE_EQUAL(a.data_version(), b.data_version());
    const auto column_a = a.industry_column("logistics"), column_b = b.industry_column("logistics");
    BOOST_REQUIRE_EQUAL(column_a.has_value(), column_b.has_value());
    std::map<std::int64_t, std::size_t> position_in_b;
    for (std::size_t j = 0; j < b.size(); ++j) position_in_b.emplace(b.parcel(j).id, j);
    BOOST_REQUIRE_EQUAL(position_in_b.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        BOOST_REQUIRE_EQUAL(a.id(i), a.parcel(i).id);  // a refresh keeps the dense list of ids in step
        const auto j = position_in_b.find(a.parcel(i).id);
        BOOST_REQUIRE(j != position_in_b.end());
        const index::IndexedParcel &p = a.parcel(i), &q = b.parcel(j->second);
        BOOST_TEST_CONTEXT("parcel " << p.code) {
            BOOST_TEST(p.code == q.code);
            BOOST_TEST(p.status == q.status);
            BOOST_TEST(p.kind == q.kind);
            BOOST_TEST((p.area_m2 == q.area_m2));
            BOOST_TEST(p.box.west == q.box.west);
            BOOST_TEST(p.box.north == q.box.north);
            BOOST_REQUIRE_EQUAL(p.shape.points.size(), q.shape.points.size());
            for (std::size_t k = 0; k < p.shape.points.size(); ++k) BOOST_TEST(p.shape.points[k].x == q.shape.points[k].x);
            if (column_a) BOOST_TEST((a.fit(i, *column_a) == b.fit(j->second, *column_b)));
        }
    }
    std::mt19937 random(3);
    std::uniform_real_distribution<double> where(0.0, 0.1);
    for (int query = 0; query < 50; ++query) {
        const double west = 119.2 + where(random), south = 26.0 + where(random);
        const geo::LonLatBox box{west, south, west + 0.01, south + 0.01};
        std::vector<std::int64_t> from_a, from_b;
        a.for_each_in(box, [&](std::size_t i) { from_a.push_back(a.parcel(i).id); });
        b.for_each_in(box, [&](std::size_t i) { from_b.push_back(b.parcel(i).id); });
        std::ranges::sort(from_a);
        std::ranges::sort(from_b);
        BOOST_REQUIRE((from_a == from_b));
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_refresh_after_edits_and_imports_equals_a_fresh_load) {
    District district(400);
    fit::IndustryProfiles profiles;
    profiles.industries.push_back({.id = "logistics", .kinds = {{"land", 1.0}}});
    fit::rescore_all(*district.db, profiles);
    const auto before = index::ParcelIndex::load(*district.db);
    BOOST_TEST((index::ParcelIndex::refresh(*district.db, before) == before));  // nothing changed: the same index

    // As an edit and an import do: change rows, rescore them, one audit event
    // each, bump the version — in one transaction.
    std::mt19937 random(99);
    {
        store::Transaction transaction(*district.db);
        store::ParcelStore store(*district.db);
        std::vector<std::string> changed;
        for (const int number : {3, 77, 250}) {
            auto found = store.find("P-" + std::to_string(number));
            BOOST_REQUIRE(found);
            store::ParcelRecord record = found->record;
            record[field("status")] = std::string("negotiating");
            record[field("kind")] = std::string("land");
            record[field("land_use")] = std::string("R9 新用途");  // a text no parcel had: new in the shared pool
            record.wkb = parcel(1000 + number, random).wkb;  // moved and reshaped
            store.update(record, "test", "2026-11-26T01:00:00Z");
            changed.push_back(record.code());
        }
        store::ParcelRecord added = parcel(400, random);
        store.insert(added, "test", "2026-11-26T01:00:00Z");
        changed.push_back(added.code());
        for (const std::string& code : changed) store.record({.parcel_code = code, .action = "edit", .actor = "test", .at = "now"});
        fit::rescore_codes(*district.db, profiles, changed);
        store::bump_data_version(*district.db);
        transaction.commit();
    }
    const auto refreshed = index::ParcelIndex::refresh(*district.db, before);
    BOOST_TEST(refreshed != before);
    BOOST_TEST(refreshed->parcels_read() == 4u);  // patched, not read whole
    require_same(*refreshed, *index::ParcelIndex::load(*district.db));
    BOOST_TEST(before->size() == 400u);  // the old index is untouched

    // The refreshed index's matcher knows the new text; the old one's does not.
    filter::Filter new_use;
    new_use.land_uses = {"R9 新用途"};
    constexpr std::array<std::string_view, 6> every_status = {"available", "negotiating", "reserved", "signed", "settled", "withdrawn"};
    const auto matching = [&](const index::ParcelIndex& parcels) {
        const index::ParcelMatcher matcher(parcels, new_use, every_status);
        std::set<std::string> codes;
        for (std::size_t i = 0; i < parcels.size(); ++i) {
            if (matcher.match(i)) codes.insert(parcels.parcel(i).code);
        }
        return codes;
    };
    BOOST_TEST((matching(*refreshed) == std::set<std::string>{"P-3", "P-77", "P-250"}));
    BOOST_TEST(matching(*before).empty());

    // A removal cannot be patched in: the refresh reads everything again.
    district.db->exec("DELETE FROM parcels WHERE code = 'P-5'");
    store::ParcelStore(*district.db).record({.parcel_code = "P-5", .action = "remove", .actor = "test", .at = "now"});
    store::bump_data_version(*district.db);
    const auto after_removal = index::ParcelIndex::refresh(*district.db, refreshed);
    BOOST_TEST(after_removal->parcels_read() == 400u);
    require_same(*after_removal, *index::ParcelIndex::load(*district.db));
}
