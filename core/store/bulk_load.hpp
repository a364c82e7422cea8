#pragma once
#include "store/sqlite.hpp"

#include <string>
#include <vector>

namespace investmap::store {

// An import into an empty parcels table builds the table's secondary indexes
// and its R*Tree once, at the end, instead of row by row: sorting 100 000
// keys is cheaper than 100 000 inserts at random places in a b-tree, and the
// R*Tree is packed in one pass (store/rtree_pack) instead of grown by a
// trigger per row.
//
// Constructed inside the import's transaction, on an empty parcels table; it
// drops the indexes and the R*Tree's insert trigger. finish() puts them back
// from their own CREATE statements and fills the R*Tree, and must run before
// the commit. If the transaction rolls back instead, SQLite restores
// everything it dropped, so the database is never seen without its indexes.
class ParcelBulkLoad {
public:
    explicit ParcelBulkLoad(Database& db);
    ParcelBulkLoad(const ParcelBulkLoad&) = delete;
    ParcelBulkLoad& operator=(const ParcelBulkLoad&) = delete;

    void finish();

private:
    // Drops it and keeps its CREATE statement; false when there is none.
    bool drop(std::string_view type, std::string_view name);

    Database& db_;
    std::vector<std::string> to_recreate_;  // CREATE statements, as sqlite_master keeps them
    bool fill_rtree_ = false;
};

}  // namespace investmap::store
