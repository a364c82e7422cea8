#include "store/bulk_load.hpp"
#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::store;
using investmap::testing::TempDir;

namespace {

std::string square_wkb(double lon, double lat, double side) {
    std::string wkb("\x01\x03\x00\x00\x00\x01\x00\x00\x00\x05\x00\x00\x00", 13);
    const double points[5][2] = {{lon, lat}, {lon + side, lat}, {lon + side, lat + side}, {lon, lat + side}, {lon, lat}};
    for (const auto& point : points) wkb.append(reinterpret_cast<const char*>(point), sizeof point);
    return wkb;
}

ParcelRecord parcel(int n) {
    ParcelRecord record;
    record[field("code")] = "BL-" + std::to_string(n);
    record[field("kind")] = std::string("land");
    record[field("status")] = std::string(n % 2 ? "available" : "signed");
    record[field("park")] = std::string(n % 3 ? "软件园" : "高新区");
    record.wkb = square_wkb(119.2 + (n % 50) * 0.004, 26.0 + (n / 50) * 0.004, 0.002);
    return record;
}

void insert_parcels(Database& db, int count) {
    ParcelStore store(db);
    for (int n = 1; n <= count; ++n) {
        store.insert(parcel(n), "test", "2026-11-27T00:00:00Z");
        store.record({.parcel_code = "BL-" + std::to_string(n), .action = "import", .actor = "test",
                      .at = "2026-11-27T00:00:00Z", .changes = {{"created", true}}});
    }
}

// Index and trigger definitions of the tables a bulk load touches.
std::string schema_of_parcels(Database& db) {
    auto rows = db.prepare(
        "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE tbl_name IN ('parcels', 'audit_events') "
        "AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name");
    std::string text;
    while (rows.step()) text += rows.column_text(0) + '\n';
    return text;
}

std::string query_plan(Database& db, const std::string& sql) {
    auto rows = db.prepare("EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (rows.step()) plan += rows.column_text(3) + '\n';
    return plan;
}

}  // namespace

BOOST_AUTO_TEST_CASE(after_a_bulk_load_the_indexes_and_rtree_are_as_row_by_row) {
    TempDir dir;
    auto bulk = open_store(dir.file("bulk.sqlite"), OpenMode::create);
    auto rows = open_store(dir.file("rows.sqlite"), OpenMode::create);
    const std::string schema_before = schema_of_parcels(*bulk);
    {
        Transaction transaction(*bulk);
        ParcelBulkLoad load(*bulk);
        BOOST_TEST(schema_of_parcels(*bulk).find("parcels_by_status") == std::string::npos);  // dropped meanwhile
        insert_parcels(*bulk, 600);
        load.finish();
        transaction.commit();
    }
    {
        Transaction transaction(*rows);
        insert_parcels(*rows, 600);
        transaction.commit();
    }
    BOOST_TEST(schema_of_parcels(*bulk) == schema_before);
    BOOST_TEST(bulk->query_text("PRAGMA integrity_check") == "ok");
    BOOST_TEST(bulk->query_text("SELECT rtreecheck('idx_parcels_geom')") == "ok");
    const std::string window = "SELECT group_concat(pkid) FROM (SELECT pkid FROM idx_parcels_geom WHERE xmin > 119.3 "
                               "AND xmax < 119.33 AND ymin > 26.01 AND ymax < 26.03 ORDER BY pkid)";
    BOOST_TEST(bulk->query_text(window) == rows->query_text(window));
    BOOST_TEST(query_plan(*bulk, "SELECT id FROM parcels WHERE status = 'available' AND kind = 'land'")
                   .find("parcels_by_status") != std::string::npos);

    // The tree goes on as usual: a new parcel is found, a removed one is gone.
    ParcelStore store(*bulk);
    ParcelRecord late = parcel(601);
    late.wkb = square_wkb(118.0, 25.0, 0.001);
    store.insert(late, "test", "2026-11-27T01:00:00Z");
    bulk->exec("DELETE FROM parcels WHERE code = 'BL-1'");
    BOOST_TEST(bulk->query_int64("SELECT count(*) FROM idx_parcels_geom WHERE xmax < 118.01") == 1);
    BOOST_TEST(bulk->query_int64("SELECT count(*) FROM idx_parcels_geom") == 600);
    BOOST_TEST(bulk->query_text("SELECT rtreecheck('idx_parcels_geom')") == "ok");
}

BOOST_AUTO_TEST_CASE(a_rolled_back_bulk_load_leaves_the_schema_whole) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    const std::string schema_before = schema_of_parcels(*db);
    {
        Transaction transaction(*db);
        ParcelBulkLoad load(*db);
        insert_parcels(*db, 10);
    }  // an import that rejected a row: no finish(), no commit
    BOOST_TEST(schema_of_parcels(*db) == schema_before);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM parcels") == 0);
    insert_parcels(*db, 3);  // the R*Tree's trigger is back
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom") == 3);
}

BOOST_AUTO_TEST_CASE(a_bulk_load_needs_an_empty_parcels_table_and_keeps_a_long_audit_index) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    insert_parcels(*db, 200);
    {
        Transaction transaction(*db);
        BOOST_CHECK_THROW(ParcelBulkLoad load(*db), DatabaseError);
    }
    // As import --replace does: in one transaction, every parcel goes (the
    // R*Tree is written through, row by row), then the new ones come in bulk.
    Transaction transaction(*db);
    db->exec("DELETE FROM parcels");
    ParcelBulkLoad load(*db);
    BOOST_TEST(schema_of_parcels(*db).find("audit_by_parcel") != std::string::npos);  // 200 events stay indexed
    insert_parcels(*db, 500);
    load.finish();
    transaction.commit();
    BOOST_TEST(db->query_text("SELECT rtreecheck('idx_parcels_geom')") == "ok");
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom") == 500);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom WHERE xmin > 119.19 AND ymin > 25.99") == 500);
}
