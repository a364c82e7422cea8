#include "errors.hpp"
#include "store/backup.hpp"
#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace investmap::store;
using investmap::InputError;
using investmap::testing::TempDir;

namespace {

void add_meta_rows(Database& db, int count) {
    const auto first = db.query_int64("SELECT count(*) FROM meta");
    auto insert = db.prepare("INSERT INTO meta (key, value) VALUES (?, 'x')");
    for (int i = 0; i < count; ++i) {
        insert.bind(1, "row-" + std::to_string(first + i));
        insert.run();
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_backup_taken_while_a_writer_holds_a_transaction_is_the_committed_state) {
    TempDir dir;
    auto writer = open_store(dir.file("live.sqlite"), OpenMode::create);
    add_meta_rows(*writer, 100);
    const auto committed = writer->query_int64("SELECT count(*) FROM meta");
    Transaction open_transaction(*writer);  // a server in the middle of a write
    add_meta_rows(*writer, 50);

    const BackupResult result = backup_database(dir.file("live.sqlite"), dir.file("copy.sqlite"));
    BOOST_TEST(result.bytes > 0);
    auto copy = open_store(dir.file("copy.sqlite"), OpenMode::read_only);
    BOOST_TEST(copy->query_text("PRAGMA integrity_check") == "ok");
    BOOST_TEST(copy->query_int64("SELECT count(*) FROM meta") == committed);
    BOOST_TEST(!std::filesystem::exists(dir.file("copy.sqlite.partial")));
}

BOOST_AUTO_TEST_CASE(a_backup_never_overwrites_an_existing_file) {
    TempDir dir;
    open_store(dir.file("live.sqlite"), OpenMode::create).reset();
    backup_database(dir.file("live.sqlite"), dir.file("copy.sqlite"));
    BOOST_CHECK_THROW(backup_database(dir.file("live.sqlite"), dir.file("copy.sqlite")), InputError);
    BOOST_CHECK_THROW(backup_database(dir.file("live.sqlite"), dir.file("live.sqlite")), InputError);
}
