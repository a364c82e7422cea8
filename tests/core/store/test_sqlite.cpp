#include "store/sqlite.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::store;
using investmap::testing::TempDir;

// One case only: the settings hold for the process, before its first use of SQLite.
BOOST_AUTO_TEST_CASE(process_settings_come_first_and_turn_memory_statistics_off) {
    BOOST_TEST(configure_sqlite_process());
    TempDir dir;
    Database db(dir.file("plain.sqlite"), OpenMode::create);
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES (hex(randomblob(100000)))");
    BOOST_TEST(db.query_int64("SELECT length(x) FROM t") == 200000);
    BOOST_TEST(sqlite3_memory_used() == 0);  // not counted
    BOOST_TEST(!configure_sqlite_process());  // too late now: SQLite is in use
}
