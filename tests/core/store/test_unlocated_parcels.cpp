#include "store/unlocated_parcels.hpp"

#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::store;
using investmap::testing::TempDir;

namespace {

ParcelRecord address_only(const std::string& code, const std::string& address) {
    ParcelRecord record;
    record[field("code")] = code;
    record[field("name")] = std::string("城门厂房 \"A\"");
    record[field("address")] = address;
    record[field("kind")] = std::string("factory");
    record[field("status")] = std::string("available");
    record[field("floor_area_m2")] = 1250.5;
    return record;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_waiting_parcel_reads_back_with_every_value_and_stays_out_of_parcels) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    put_unlocated(*db, address_only("A-1", "仓山区城门镇1号"), "a.xlsx", "import:a.xlsx", "2026-12-08T05:00:00Z");
    const auto found = find_unlocated(*db, "A-1");
    BOOST_REQUIRE(found);
    BOOST_TEST((found->record.values == address_only("A-1", "仓山区城门镇1号").values));
    BOOST_TEST(found->record.wkb.empty());
    BOOST_TEST(found->source == "a.xlsx");
    BOOST_TEST(found->imported_by == "import:a.xlsx");
    BOOST_TEST(ParcelStore(*db).count() == 0, "nothing public reads the waiting list");
    BOOST_TEST(!find_unlocated(*db, "A-2"));
}

BOOST_AUTO_TEST_CASE(putting_again_replaces_listing_is_oldest_first_and_removal_says_whether_it_was_there) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    put_unlocated(*db, address_only("B", "二"), "b.csv", "x", "2026-12-08T06:00:00Z");
    put_unlocated(*db, address_only("A", "一"), "a.csv", "x", "2026-12-08T05:00:00Z");
    put_unlocated(*db, address_only("B", "二（改）"), "b.csv", "x", "2026-12-08T06:00:00Z");
    const auto list = unlocated_parcels(*db);
    BOOST_REQUIRE(list.size() == 2u);
    BOOST_TEST(list[0].record.code() == "A");
    BOOST_TEST(std::get<std::string>(list[1].record[field("address")]) == "二（改）");
    BOOST_TEST(remove_unlocated(*db, "A"));
    BOOST_TEST(!remove_unlocated(*db, "A"));
    BOOST_TEST(count_unlocated(*db) == 1);
    BOOST_TEST(remove_all_unlocated(*db) == 1);
    BOOST_TEST(count_unlocated(*db) == 0);
}
