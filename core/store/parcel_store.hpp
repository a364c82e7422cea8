#pragma once
// Reads and writes parcels and their audit events. Callers own the
// transaction: a change and its audit event are written inside the same one.
#include "store/parcel_model.hpp"
#include "store/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace investmap::store {

struct AuditEvent {
    std::string parcel_code;
    std::string action;  // import | edit | remove
    std::string actor;
    std::string at;  // UTC, ISO 8601
    std::optional<std::string> from_status;
    std::optional<std::string> to_status;
    nlohmann::json changes = nlohmann::json::object();  // {"field": [old, new], …}
    std::optional<std::string> note;
};

struct StoredAuditEvent {
    std::int64_t id = 0;
    AuditEvent event;
};

// One parcel's audit events, oldest first.
std::vector<StoredAuditEvent> audit_events(Database& db, std::string_view code);

struct StoredParcel {
    ParcelRecord record;
    std::int64_t version = 0;
    std::string updated_at;
    std::string updated_by;
    nlohmann::json photos = nlohmann::json::array();  // [{"hash", "type", "width", "height", "bytes"}]
};

// What changed between two records, as {"field": [old, new]}; the geometry
// shows as "geometry": "changed". `before` null means a new parcel.
nlohmann::json changed_fields(const ParcelRecord* before, const ParcelRecord& after);

// The columns of a StoredParcel, in the order read_stored_parcel expects:
// the attributes, AsBinary(geom), version, updated_at, updated_by, photos;
// each name after `prefix`.
std::string stored_parcel_columns(std::string_view prefix = "");
// A StoredParcel from a row that selected stored_parcel_columns() first.
StoredParcel read_stored_parcel(const Statement& row);

// SELECTs the data version; shared by every reader of it.
inline constexpr std::string_view kDataVersionQuery =
    "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data_version'";
// SELECTs the data version and the public version, in one row.
inline constexpr std::string_view kVersionsQuery =
    "SELECT (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'data_version'), "
    "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'public_version')";

// The current time in UTC, as 2026-11-26T15:04:05Z.
std::string utc_now();

class ParcelStore {
public:
    explicit ParcelStore(Database& db);

    std::optional<StoredParcel> find(std::string_view code);
    void insert(const ParcelRecord& parcel, std::string_view actor, std::string_view at);
    // Overwrites every attribute and the geometry; the version goes up by one.
    void update(const ParcelRecord& parcel, std::string_view actor, std::string_view at);
    // Replaces the photo list; the version goes up by one.
    void set_photos(std::string_view code, const nlohmann::json& photos, std::string_view actor, std::string_view at);
    // Deletes every parcel, recording a `remove` event for each.
    std::int64_t remove_all(std::string_view actor, std::string_view at);
    void record(const AuditEvent& event);
    std::int64_t count();

private:
    void bind_record(Statement& statement, const ParcelRecord& parcel, std::string_view actor, std::string_view at);

    Database& db_;
    Statement find_;
    Statement insert_;
    Statement update_;
    Statement audit_;
};

// Bookkeeping in the `meta` table.
std::int64_t data_version(Database& db);
// Who can see a change: everyone (a public status before or after it, map
// context, fit profiles, any import) or staff only (a parcel that is not
// public before nor after the change).
enum class ChangeReach { staff_only, everyone };
// Any write bumps the data version, so caches keyed by it never serve stale
// tiles; a change everyone can see bumps the public version too, which keys
// what anonymous callers get (their ETags do not move for staff-only work).
void bump_data_version(Database& db, ChangeReach reach = ChangeReach::everyone);
std::string data_as_of(Database& db);
void set_data_as_of(Database& db, std::string_view date);

struct ContextFeature {
    std::string name;
    std::string wkb;  // EPSG:4326
};
// Replaces one context layer (boundary, roads, parks, water) with `features`.
void replace_context_layer(Database& db, std::string_view layer, const std::vector<ContextFeature>& features);
std::int64_t count_context_features(Database& db, std::string_view layer);

}  // namespace investmap::store
