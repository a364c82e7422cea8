#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::store;
using investmap::testing::TempDir;

namespace {

// WKB of POINT(119.3 26.03), little-endian.
std::string point_wkb(double lon, double lat) {
    std::string wkb("\x01\x01\x00\x00\x00", 5);
    wkb.append(reinterpret_cast<const char*>(&lon), 8);
    wkb.append(reinterpret_cast<const char*>(&lat), 8);
    return wkb;
}

ParcelRecord office(const std::string& code) {
    ParcelRecord record;
    record[field("code")] = code;
    record[field("name")] = std::string("海峡商务中心 12F");
    record[field("kind")] = std::string("office");
    record[field("status")] = std::string("available");
    record[field("rent_yuan_m2_month")] = 45.5;
    record.wkb = point_wkb(119.3, 26.03);
    return record;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_parcel_reads_back_as_written) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    ParcelStore store(*db);
    store.insert(office("CS-1"), "test", "2026-11-26T00:00:00Z");
    const auto found = store.find("CS-1");
    BOOST_REQUIRE(found);
    BOOST_TEST((found->record.values == office("CS-1").values));
    BOOST_TEST(found->record.wkb == office("CS-1").wkb);
    BOOST_TEST(found->version == 1);
    BOOST_TEST(!store.find("CS-2"));
}

BOOST_AUTO_TEST_CASE(an_update_raises_the_version_and_moves_the_spatial_index) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    ParcelStore store(*db);
    store.insert(office("CS-1"), "test", "2026-11-26T00:00:00Z");
    ParcelRecord moved = office("CS-1");
    moved.wkb = point_wkb(119.5, 26.2);
    moved[field("status")] = std::string("negotiating");
    store.update(moved, "test", "2026-11-27T00:00:00Z");
    const auto found = store.find("CS-1");
    BOOST_TEST(found->version == 2);
    BOOST_TEST(std::get<std::string>(found->record[field("status")]) == "negotiating");
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom WHERE xmin > 119.4") == 1);
}

BOOST_AUTO_TEST_CASE(changed_fields_lists_old_and_new_values) {
    ParcelRecord before = office("CS-1");
    ParcelRecord after = office("CS-1");
    after[field("rent_yuan_m2_month")] = 40.0;
    after[field("contact")] = std::string("陈先生");
    const auto changes = changed_fields(&before, after);
    BOOST_TEST(changes.size() == 2u);
    BOOST_TEST(changes["rent_yuan_m2_month"].dump() == "[45.5,40.0]");
    BOOST_TEST(changes["contact"].dump() == R"([null,"陈先生"])");
    BOOST_TEST(changed_fields(&before, before).empty());
}

BOOST_AUTO_TEST_CASE(remove_all_records_an_event_per_parcel_and_empties_the_index) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    ParcelStore store(*db);
    store.insert(office("CS-1"), "test", "t");
    store.insert(office("CS-2"), "test", "t");
    BOOST_TEST(store.remove_all("test", "t") == 2);
    BOOST_TEST(store.count() == 0);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom") == 0);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM audit_events WHERE action = 'remove'") == 2);
}

BOOST_AUTO_TEST_CASE(the_data_version_only_goes_up) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    const auto before = data_version(*db);
    bump_data_version(*db);
    bump_data_version(*db);
    BOOST_TEST(data_version(*db) == before + 2);
    set_data_as_of(*db, "2026-11-26");
    BOOST_TEST(data_as_of(*db) == "2026-11-26");
}
