#include "errors.hpp"
#include "store/schema.hpp"
#include "vocabulary/vocabulary.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace investmap::store;
using investmap::InputError;
using investmap::testing::TempDir;

BOOST_AUTO_TEST_CASE(a_new_database_gets_the_newest_schema_in_wal_mode) {
    TempDir dir;
    auto db = open_store(dir.file("new.sqlite"), OpenMode::create);
    BOOST_TEST(db->query_int64("PRAGMA user_version") == newest_schema_version());
    BOOST_TEST(db->query_text("PRAGMA journal_mode") == "wal");
    for (const char* table : {"parcels", "context_features", "audit_events", "tokens", "meta", "idx_parcels_geom"}) {
        auto statement = db->prepare("SELECT count(*) FROM sqlite_master WHERE name = ?");
        statement.bind(1, table);
        statement.step();
        BOOST_TEST(statement.column_int64(0) == 1, table);
    }
    BOOST_TEST(db->query_int64("SELECT spatial_index_enabled FROM geometry_columns WHERE f_table_name = 'parcels'") == 1);
}

BOOST_AUTO_TEST_CASE(reopening_an_up_to_date_database_changes_nothing) {
    TempDir dir;
    open_store(dir.file("db.sqlite"), OpenMode::create).reset();
    auto db = open_store(dir.file("db.sqlite"), OpenMode::read_write);
    BOOST_TEST(db->query_int64("PRAGMA user_version") == newest_schema_version());
}

void add_extra_table(Database& db) { db.exec("CREATE TABLE extra (x INTEGER)"); }

BOOST_AUTO_TEST_CASE(an_older_database_is_upgraded_step_by_step) {
    TempDir dir;
    auto db = open_store(dir.file("old.sqlite"), OpenMode::create);
    std::vector<Migration> steps(migrations().begin(), migrations().end());
    steps.push_back({newest_schema_version() + 1, "test step", &add_extra_table});
    migrate(*db, steps);
    BOOST_TEST(db->query_int64("PRAGMA user_version") == newest_schema_version() + 1);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM extra") == 0);
}

BOOST_AUTO_TEST_CASE(a_newer_database_is_refused_with_a_message_saying_so) {
    TempDir dir;
    open_store(dir.file("new.sqlite"), OpenMode::create)->exec("PRAGMA user_version = 999");
    try {
        open_store(dir.file("new.sqlite"), OpenMode::read_write);
        BOOST_FAIL("a newer database was opened");
    } catch (const InputError& error) {
        BOOST_TEST(std::string(error.what()).find("999") != std::string::npos);
        BOOST_TEST(std::string(error.what()).find("upgrade investmap") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_foreign_sqlite_file_and_a_non_database_are_refused) {
    TempDir dir;
    {
        Database foreign(dir.file("foreign.sqlite"), OpenMode::create);
        foreign.exec("CREATE TABLE something (x)");
    }
    BOOST_CHECK_THROW(open_store(dir.file("foreign.sqlite"), OpenMode::read_write), InputError);
    std::ofstream(dir.file("text.sqlite")) << "this is not a database, just some text that is long enough\n";
    BOOST_CHECK_THROW(open_store(dir.file("text.sqlite"), OpenMode::read_write), InputError);
}

BOOST_AUTO_TEST_CASE(the_checks_refuse_a_value_outside_their_lists_and_take_each_listed_one) {
    TempDir dir;
    auto db = open_store(dir.file("checks.sqlite"), OpenMode::create);
    const std::string point = "GeomFromText('POINT(119.3 26.0)', 4326)";
    const auto parcel = [&](const std::string& code, const std::string& kind, const std::string& status) {
        db->prepare("INSERT INTO parcels (code, kind, status, updated_at, updated_by, geom) VALUES (?, ?, ?, 'now', 'test', " +
                    point + ")")
            .bind(1, code).bind(2, kind).bind(3, status).run();
    };
    // The CHECK constraints hold the vocabulary's codes: a status or kind
    // added there needs a migration that widens them (README.md, "Adding a
    // status or a field"), or this fails.
    int n = 0;
    for (const auto& kind : investmap::vocabulary::kKinds) {
        for (const auto& status : investmap::vocabulary::kStatuses) {
            BOOST_CHECK_NO_THROW(parcel("P" + std::to_string(++n), std::string(kind.code), std::string(status.code)));
        }
    }
    BOOST_CHECK_THROW(parcel("X1", "farm", "available"), DatabaseError);
    BOOST_CHECK_THROW(parcel("X2", "land", "sold"), DatabaseError);
    BOOST_CHECK_THROW(parcel("X3", "Land", "available"), DatabaseError);
    const auto audit = [&](const std::string& action) {
        db->prepare("INSERT INTO audit_events (parcel_code, action, actor, at, changes) VALUES ('P1', ?, 'test', 'now', '{}')")
            .bind(1, action).run();
    };
    for (const char* action : {"import", "edit", "remove"}) BOOST_CHECK_NO_THROW(audit(action));
    BOOST_CHECK_THROW(audit("delete"), DatabaseError);
    const auto context = [&](const std::string& layer) {
        db->prepare("INSERT INTO context_features (layer, name, geom) VALUES (?, 'x', " + point + ")").bind(1, layer).run();
    };
    for (const auto& layer : investmap::vocabulary::kContextLayers) BOOST_CHECK_NO_THROW(context(std::string(layer.code)));
    BOOST_CHECK_THROW(context("rivers"), DatabaseError);
    BOOST_TEST(db->query_int64("SELECT count(*) FROM parcels") == n);
}
