#pragma once
#include <cstdint>
#include <string>

namespace investmap::store {

struct BackupResult {
    std::int64_t pages = 0;
    std::int64_t bytes = 0;
};

// Copies the database at `source` to `target` as one consistent snapshot
// through SQLite's online backup API: readers and a writing server go on
// meanwhile (WAL). The copy is written beside `target`, must pass
// `PRAGMA integrity_check`, and only then takes the final name. An existing
// `target` is never overwritten.
BackupResult backup_database(const std::string& source, const std::string& target);

}  // namespace investmap::store
