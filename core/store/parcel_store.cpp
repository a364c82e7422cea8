#include "store/parcel_store.hpp"

#include <ctime>

namespace investmap::store {
namespace {

// "code, name, …" from the allow-list, with `prefix` before each name.
std::string column_list(std::string_view prefix = "") {
    std::string list;
    for (const FieldSpec& spec : kParcelFields) {
        if (!list.empty()) list += ", ";
        list += prefix;
        list += spec.column;
    }
    return list;
}

std::string placeholders(std::size_t count) {
    std::string list;
    for (std::size_t i = 0; i < count; ++i) list += i ? ", ?" : "?";
    return list;
}

std::string select_sql() { return "SELECT " + stored_parcel_columns() + " FROM parcels WHERE code = ?"; }

std::string insert_sql() {
    return "INSERT INTO parcels (" + column_list() + ", updated_at, updated_by, geom) VALUES (" +
           placeholders(kParcelFields.size() + 2) + ", GeomFromWKB(?, 4326))";
}

std::string update_sql() {
    std::string sql = "UPDATE parcels SET ";
    for (const FieldSpec& spec : kParcelFields) {
        sql += spec.column;
        sql += " = ?, ";
    }
    // The last parameter, after the geometry, is the code again for WHERE.
    return sql + "updated_at = ?, updated_by = ?, geom = GeomFromWKB(?, 4326), version = version + 1 WHERE code = ?";
}

constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_events (parcel_code, action, actor, at, from_status, to_status, changes, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

nlohmann::json to_json(const FieldValue& value) {
    if (const auto* number = std::get_if<double>(&value)) return *number;
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    return nullptr;
}

std::span<const std::byte> as_bytes(const std::string& bytes) {
    return std::as_bytes(std::span(bytes.data(), bytes.size()));
}

}  // namespace

nlohmann::json changed_fields(const ParcelRecord* before, const ParcelRecord& after) {
    nlohmann::json changes = nlohmann::json::object();
    for (std::size_t i = 0; i < kParcelFields.size(); ++i) {
        const FieldValue old_value = before ? (*before)[i] : FieldValue{};
        if (old_value != after[i]) changes[std::string(kParcelFields[i].column)] = {to_json(old_value), to_json(after[i])};
    }
    if (!before || before->wkb != after.wkb) changes["geometry"] = before ? "changed" : "added";
    return changes;
}

std::string stored_parcel_columns(std::string_view prefix) {
    const std::string p(prefix);
    return column_list(prefix) + ", AsBinary(" + p + "geom), " + p + "version, " + p + "updated_at, " + p + "updated_by, " + p +
           "photos";
}

StoredParcel read_stored_parcel(const Statement& row) {
    StoredParcel parcel;
    for (std::size_t i = 0; i < kParcelFields.size(); ++i) {
        const int column = static_cast<int>(i);
        if (row.is_null(column)) continue;
        if (kParcelFields[i].type == FieldType::real) parcel.record[i] = row.column_double(column);
        else parcel.record[i] = row.column_text(column);
    }
    const int next = static_cast<int>(kParcelFields.size());
    const auto wkb = row.column_blob(next);
    parcel.record.wkb.assign(reinterpret_cast<const char*>(wkb.data()), wkb.size());
    parcel.version = row.column_int64(next + 1);
    parcel.updated_at = row.column_text(next + 2);
    parcel.updated_by = row.column_text(next + 3);
    parcel.photos = nlohmann::json::parse(row.column_text(next + 4));
    return parcel;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[sizeof "2026-11-26T15:04:05Z"];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

ParcelStore::ParcelStore(Database& db)
    : db_(db),
      find_(db.prepare(select_sql())),
      insert_(db.prepare(insert_sql())),
      update_(db.prepare(update_sql())),
      audit_(db.prepare(kInsertAudit)) {}

std::optional<StoredParcel> ParcelStore::find(std::string_view code) {
    find_.bind(1, code);
    std::optional<StoredParcel> found;
    if (find_.step()) found = read_stored_parcel(find_);
    find_.reset();
    return found;
}

void ParcelStore::bind_record(Statement& statement, const ParcelRecord& parcel, std::string_view actor,
                              std::string_view at) {
    int parameter = 1;
    for (const FieldValue& value : parcel.values) {
        if (const auto* number = std::get_if<double>(&value)) {
            statement.bind(parameter, *number);
        } else if (const auto* text = std::get_if<std::string>(&value)) {
            statement.bind(parameter, std::string_view(*text));
        } else {
            statement.bind_null(parameter);
        }
        ++parameter;
    }
    statement.bind(parameter++, at);
    statement.bind(parameter++, actor);
    statement.bind_blob(parameter, as_bytes(parcel.wkb));
}

void ParcelStore::insert(const ParcelRecord& parcel, std::string_view actor, std::string_view at) {
    bind_record(insert_, parcel, actor, at);
    insert_.run();
}

void ParcelStore::update(const ParcelRecord& parcel, std::string_view actor, std::string_view at) {
    bind_record(update_, parcel, actor, at);
    update_.bind(static_cast<int>(kParcelFields.size()) + 4, std::string_view(parcel.code()));
    update_.run();
}

std::int64_t ParcelStore::remove_all(std::string_view actor, std::string_view at) {
    std::vector<std::pair<std::string, std::string>> removed;  // code, status
    auto list = db_.prepare("SELECT code, status FROM parcels");
    while (list.step()) removed.emplace_back(list.column_text(0), list.column_text(1));
    for (const auto& [code, status] : removed) {
        record({.parcel_code = code, .action = "remove", .actor = std::string(actor), .at = std::string(at),
                .from_status = status});
    }
    db_.exec("DELETE FROM parcels");
    return static_cast<std::int64_t>(removed.size());
}

void ParcelStore::record(const AuditEvent& event) {
    audit_.bind(1, std::string_view(event.parcel_code))
        .bind(2, std::string_view(event.action))
        .bind(3, std::string_view(event.actor))
        .bind(4, std::string_view(event.at))
        .bind(5, event.from_status)
        .bind(6, event.to_status)
        .bind(7, std::string_view(event.changes.dump()))
        .bind(8, event.note);
    audit_.run();
}

void ParcelStore::set_photos(std::string_view code, const nlohmann::json& photos, std::string_view actor, std::string_view at) {
    db_.prepare("UPDATE parcels SET photos = ?, updated_at = ?, updated_by = ?, version = version + 1 WHERE code = ?")
        .bind(1, std::string_view(photos.dump()))
        .bind(2, at)
        .bind(3, actor)
        .bind(4, code)
        .run();
}

std::vector<StoredAuditEvent> audit_events(Database& db, std::string_view code) {
    auto rows = db.prepare(
        "SELECT id, parcel_code, action, actor, at, from_status, to_status, changes, note FROM audit_events "
        "WHERE parcel_code = ? ORDER BY id");
    rows.bind(1, code);
    std::vector<StoredAuditEvent> events;
    const auto optional = [&rows](int column) {
        return rows.is_null(column) ? std::nullopt : std::optional<std::string>(rows.column_text(column));
    };
    while (rows.step()) {
        events.push_back({rows.column_int64(0),
                          {rows.column_text(1), rows.column_text(2), rows.column_text(3), rows.column_text(4), optional(5),
                           optional(6), nlohmann::json::parse(rows.column_text(7)), optional(8)}});
    }
    return events;
}

std::int64_t ParcelStore::count() { return db_.query_int64("SELECT count(*) FROM parcels"); }

std::int64_t data_version(Database& db) {
    return db.query_int64(kDataVersionQuery);
}

void bump_data_version(Database& db, ChangeReach reach) {
    db.exec(reach == ChangeReach::everyone
                ? "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key IN ('data_version', 'public_version')"
                : "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'data_version'");
}

std::string data_as_of(Database& db) { return db.query_text("SELECT value FROM meta WHERE key = 'data_as_of'"); }

void set_data_as_of(Database& db, std::string_view date) {
    db.prepare("UPDATE meta SET value = ? WHERE key = 'data_as_of'").bind(1, date).run();
}

void replace_context_layer(Database& db, std::string_view layer, const std::vector<ContextFeature>& features) {
    db.prepare("DELETE FROM context_features WHERE layer = ?").bind(1, layer).run();
    auto insert = db.prepare("INSERT INTO context_features (layer, name, geom) VALUES (?, ?, GeomFromWKB(?, 4326))");
    for (const ContextFeature& feature : features) {
        insert.bind(1, layer).bind(2, std::string_view(feature.name)).bind_blob(3, as_bytes(feature.wkb));
        insert.run();
    }
}

std::int64_t count_context_features(Database& db, std::string_view layer) {
    auto statement = db.prepare("SELECT count(*) FROM context_features WHERE layer = ?");
    statement.bind(1, layer);
    statement.step();
    return statement.column_int64(0);
}

}  // namespace investmap::store
