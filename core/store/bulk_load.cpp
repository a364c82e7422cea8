#include "store/bulk_load.hpp"

#include "errors.hpp"
#include "store/rtree_pack.hpp"

#include <array>

namespace investmap::store {
namespace {

// Only these are ever dropped; the UNIQUE index on the code stays, because
// it is part of the table.
constexpr std::array<std::string_view, 2> kParcelIndexes{"parcels_by_status", "parcels_by_park"};
// The audit trail's index is dropped only when the trail is empty too (a new
// database); rebuilding it over years of history would cost more than it saves.
constexpr std::string_view kAuditIndex = "audit_by_parcel";
// SpatiaLite's name for the trigger that adds each new parcel's box to the R*Tree.
constexpr std::string_view kRtreeInsertTrigger = "gii_parcels_geom";

constexpr std::string_view kParcelsRtree = "idx_parcels_geom";

std::vector<RtreeBox> parcel_boxes(Database& db) {
    std::vector<RtreeBox> boxes;
    auto rows = db.prepare("SELECT id, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM parcels");
    while (rows.step()) {
        boxes.push_back({rows.column_int64(0), rows.column_double(1), rows.column_double(2), rows.column_double(3),
                         rows.column_double(4)});
    }
    return boxes;
}

// The names come from the allow-lists above, never from input.
std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

}  // namespace

ParcelBulkLoad::ParcelBulkLoad(Database& db) : db_(db) {
    if (db_.query_int64("SELECT count(*) FROM parcels") != 0) {
        throw DatabaseError("bulk load needs an empty parcels table");
    }
    for (std::string_view index : kParcelIndexes) drop("index", index);
    if (db_.query_int64("SELECT count(*) FROM audit_events") == 0) drop("index", kAuditIndex);
    fill_rtree_ = drop("trigger", kRtreeInsertTrigger);
}

bool ParcelBulkLoad::drop(std::string_view type, std::string_view name) {
    auto definition = db_.prepare("SELECT sql FROM sqlite_master WHERE type = ? AND name = ? AND sql IS NOT NULL");
    definition.bind(1, type).bind(2, name);
    if (!definition.step()) return false;  // an older database without it
    to_recreate_.push_back(definition.column_text(0));
    definition.reset();  // a statement still reading sqlite_master would lock the schema
    db_.exec("DROP " + std::string(type) + " " + quoted(name));
    return true;
}

void ParcelBulkLoad::finish() {
    if (fill_rtree_) pack_rtree(db_, kParcelsRtree, parcel_boxes(db_));
    for (const std::string& create : to_recreate_) db_.exec(create);
    to_recreate_.clear();
    fill_rtree_ = false;
}

}  // namespace investmap::store
