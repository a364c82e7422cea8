#pragma once
// Fills an empty SQLite R*Tree in one pass, by writing its nodes straight
// into the three tables SQLite keeps it in (%_node, %_rowid, %_parent; the
// format is described at the top of SQLite's rtree.c and is part of the file
// format). The boxes are packed Sort-Tile-Recursive: sorted into vertical
// slices, then up each slice, and cut into full nodes, level by level.
//
// Inserting 100 000 boxes one by one costs ~10 µs each (R*Tree choose-leaf,
// splits and forced reinserts); packing them costs well under 1 µs each and
// gives a tree with fewer, fuller nodes that answers queries from fewer pages.
// The tree is an ordinary SQLite R*Tree afterwards: later inserts, updates,
// deletes and rtreecheck() treat it like any other.
#include "store/sqlite.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace investmap::store {

struct RtreeBox {
    std::int64_t id = 0;
    double min_x = 0, max_x = 0, min_y = 0, max_y = 0;
};

// Rounds the box outwards to the R*Tree's 32-bit floats exactly as SQLite
// does for an INSERT, so a packed tree holds the same boxes as an inserted one.
float rtree_value_down(double value);
float rtree_value_up(double value);

// `rtree` is an R*Tree investmap packs: only idx_parcels_geom (its name goes
// into SQL, so it comes from an allow-list).
// `boxes` must be unique by id. Throws DatabaseError outside a transaction
// (a failure must leave no half-written tree) or when the R*Tree is not empty.
void pack_rtree(Database& db, std::string_view rtree, std::vector<RtreeBox> boxes);

}  // namespace investmap::store
