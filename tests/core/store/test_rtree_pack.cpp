#include "store/rtree_pack.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <random>
#include <string>
#include <vector>

using namespace investmap::store;
using investmap::testing::TempDir;

namespace {

// Parcel-sized boxes scattered over a district, ids 1..count.
std::vector<RtreeBox> district_boxes(int count, unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> lon(119.2, 119.6), lat(25.9, 26.2), size(0.0002, 0.003);
    std::vector<RtreeBox> boxes;
    for (int id = 1; id <= count; ++id) {
        const double x = lon(random), y = lat(random);
        boxes.push_back({id, x, x + size(random), y, y + size(random)});
    }
    return boxes;
}

// A bare R*Tree like SpatiaLite's, in its own database.
std::unique_ptr<Database> rtree_database(TempDir& dir, const std::string& file) {
    auto db = std::make_unique<Database>(dir.file(file), OpenMode::create);
    db->exec("CREATE VIRTUAL TABLE idx_parcels_geom USING rtree(pkid, xmin, xmax, ymin, ymax)");
    return db;
}

void pack(Database& db, std::vector<RtreeBox> boxes) {
    Transaction transaction(db);
    pack_rtree(db, "idx_parcels_geom", std::move(boxes));
    transaction.commit();
}

void insert_one_by_one(Database& db, const std::vector<RtreeBox>& boxes) {
    Transaction transaction(db);
    auto insert = db.prepare("INSERT INTO idx_parcels_geom (pkid, xmin, xmax, ymin, ymax) VALUES (?, ?, ?, ?, ?)");
    for (const RtreeBox& b : boxes) insert.bind(1, b.id).bind(2, b.min_x).bind(3, b.max_x).bind(4, b.min_y).bind(5, b.max_y).run();
    transaction.commit();
}

// Every entry, as the R*Tree answers it, one text line per entry.
std::string entries(Database& db, const std::string& where = "1") {
    auto rows = db.prepare("SELECT pkid, xmin, xmax, ymin, ymax FROM idx_parcels_geom WHERE " + where + " ORDER BY pkid");
    std::string text;
    while (rows.step()) {
        text += std::to_string(rows.column_int64(0));
        for (int c = 1; c <= 4; ++c) text += ' ' + std::to_string(rows.column_double(c));
        text += '\n';
    }
    return text;
}

std::string rtree_check(Database& db) { return db.query_text("SELECT rtreecheck('idx_parcels_geom')"); }

}  // namespace

BOOST_AUTO_TEST_CASE(a_packed_tree_holds_the_boxes_an_inserted_one_holds_and_answers_the_same) {
    TempDir dir;
    const auto boxes = district_boxes(20'000, 7);
    auto packed = rtree_database(dir, "packed.sqlite");
    auto inserted = rtree_database(dir, "inserted.sqlite");
    pack(*packed, boxes);
    insert_one_by_one(*inserted, boxes);

    BOOST_TEST(rtree_check(*packed) == "ok");
    BOOST_TEST(entries(*packed) == entries(*inserted));  // the same float boxes, rounded outwards alike
    for (const char* window : {"xmax >= 119.30 AND xmin <= 119.31 AND ymax >= 26.00 AND ymin <= 26.01",
                               "xmax >= 119.59 AND ymin <= 25.91", "xmin > 119.7"}) {
        BOOST_TEST(entries(*packed, window) == entries(*inserted, window), window);
    }
    // Full nodes: fewer of them than the one-by-one tree needs.
    BOOST_TEST(packed->query_int64("SELECT count(*) FROM idx_parcels_geom_node") <
               inserted->query_int64("SELECT count(*) FROM idx_parcels_geom_node"));
}

BOOST_AUTO_TEST_CASE(a_packed_tree_takes_later_inserts_moves_and_deletes) {
    TempDir dir;
    auto db = rtree_database(dir, "db.sqlite");
    pack(*db, district_boxes(5'000, 11));
    insert_one_by_one(*db, {{9'001, 119.1, 119.11, 25.8, 25.81}, {9'002, 119.7, 119.71, 26.3, 26.31}});
    db->exec("UPDATE idx_parcels_geom SET xmin = 119.0, xmax = 119.001 WHERE pkid = 17");
    db->exec("DELETE FROM idx_parcels_geom WHERE pkid % 3 = 0");  // many deletes: nodes condense and reinsert
    BOOST_TEST(rtree_check(*db) == "ok");
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom") == 5'000 - 5'000 / 3 + 2);
    BOOST_TEST(db->query_int64("SELECT pkid FROM idx_parcels_geom WHERE xmax < 119.002") == 17);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom WHERE xmin > 119.69") == 1);
}

BOOST_AUTO_TEST_CASE(small_and_empty_sets_make_valid_trees) {
    TempDir dir;
    for (int count : {0, 1, 51, 52, 51 * 51 + 1}) {
        auto db = rtree_database(dir, "n" + std::to_string(count) + ".sqlite");
        pack(*db, district_boxes(count, 3));
        BOOST_TEST(rtree_check(*db) == "ok", count);
        BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom") == count);
    }
}

BOOST_AUTO_TEST_CASE(the_parcels_tree_of_an_investmap_database_packs) {
    TempDir dir;
    auto db = open_store(dir.file("db.sqlite"), OpenMode::create);
    pack(*db, district_boxes(300, 5));
    BOOST_TEST(rtree_check(*db) == "ok");
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom") == 300);
}

BOOST_AUTO_TEST_CASE(only_an_empty_known_tree_is_packed_inside_a_transaction) {
    TempDir dir;
    auto db = rtree_database(dir, "db.sqlite");
    BOOST_CHECK_THROW(pack_rtree(*db, "idx_parcels_geom", district_boxes(10, 2)), DatabaseError);  // no transaction
    {
        Transaction transaction(*db);
        BOOST_CHECK_THROW(pack_rtree(*db, "idx_parcels_geom\"; DROP TABLE x; --", {}), DatabaseError);
    }
    insert_one_by_one(*db, district_boxes(1, 1));
    BOOST_CHECK_THROW(pack(*db, district_boxes(10, 2)), DatabaseError);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM idx_parcels_geom") == 1);
    BOOST_TEST(rtree_check(*db) == "ok");
}

BOOST_AUTO_TEST_CASE(boxes_round_outwards_to_floats) {
    for (double value : {119.3000001, -33.123456789, 0.1, 26.0, -0.0, 1e-30}) {
        BOOST_TEST(double{rtree_value_down(value)} <= value, value);
        BOOST_TEST(double{rtree_value_up(value)} >= value, value);
    }
    BOOST_TEST(rtree_value_down(26.0) == 26.0f);  // exact floats stay as they are
    BOOST_TEST(rtree_value_up(26.0) == 26.0f);
}
