#pragma once
// The database schema and its migrations. The schema version lives in
// `PRAGMA user_version`; migration N takes a database from N-1 to N.
#include "store/sqlite.hpp"

#include <memory>
#include <span>
#include <string_view>

namespace investmap::store {

struct Migration {
    int version;
    std::string_view summary;
    void (*apply)(Database&);
};

// Every migration this build knows, oldest first.
std::span<const Migration> migrations();
int newest_schema_version();

// Upgrades `db` to the last of `steps`, each step in its own transaction.
// Refuses a database newer than this build and a SQLite file that is not ours.
void migrate(Database& db, std::span<const Migration> steps = migrations());

// Opens an investmap database: WAL, synchronous=FULL, foreign keys, schema
// up to date. OpenMode::create makes the file when it is missing.
std::unique_ptr<Database> open_store(const std::string& path, OpenMode mode);

}  // namespace investmap::store
