#include "store/unlocated_parcels.hpp"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace investmap::store {
namespace {

using nlohmann::json;

// The record's values by field name: the table keeps them as JSON, so a
// field added to the vocabulary later needs no migration here.
std::string values_json(const ParcelRecord& record) {
    json values = json::object();
    for (std::size_t i = 0; i < kParcelFields.size(); ++i) {
        const FieldValue& value = record[i];
        if (const auto* text = std::get_if<std::string>(&value)) values[std::string(kParcelFields[i].column)] = *text;
        if (const auto* number = std::get_if<double>(&value)) values[std::string(kParcelFields[i].column)] = *number;
    }
    return values.dump();
}

ParcelRecord record_from_json(std::string_view text) {
    ParcelRecord record;
    const json values = json::parse(text);
    for (std::size_t i = 0; i < kParcelFields.size(); ++i) {
        const auto it = values.find(std::string(kParcelFields[i].column));
        if (it == values.end()) continue;
        if (it->is_string()) record[i] = it->get<std::string>();
        else if (it->is_number()) record[i] = it->get<double>();
    }
    return record;
}

UnlocatedParcel read_row(const Statement& row) {
    return {record_from_json(row.column_text(0)), row.column_text(1), row.column_text(2), row.column_text(3)};
}

}  // namespace

void put_unlocated(Database& db, const ParcelRecord& record, std::string_view source, std::string_view actor,
                   std::string_view at) {
    db.prepare("INSERT OR REPLACE INTO unlocated_parcels (code, record, source, imported_at, imported_by) "
               "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, std::string_view(record.code()))
        .bind(2, std::string_view(values_json(record)))
        .bind(3, source)
        .bind(4, at)
        .bind(5, actor)
        .run();
}

bool remove_unlocated(Database& db, std::string_view code) {
    db.prepare("DELETE FROM unlocated_parcels WHERE code = ?1").bind(1, code).run();
    return sqlite3_changes(db.handle()) > 0;
}

std::optional<UnlocatedParcel> find_unlocated(Database& db, std::string_view code) {
    Statement find = db.prepare("SELECT record, source, imported_at, imported_by FROM unlocated_parcels WHERE code = ?1");
    find.bind(1, code);
    if (!find.step()) return std::nullopt;
    return read_row(find);
}

std::vector<UnlocatedParcel> unlocated_parcels(Database& db) {
    Statement list = db.prepare("SELECT record, source, imported_at, imported_by FROM unlocated_parcels ORDER BY imported_at, code");
    std::vector<UnlocatedParcel> parcels;
    while (list.step()) parcels.push_back(read_row(list));
    return parcels;
}

std::int64_t count_unlocated(Database& db) { return db.query_int64("SELECT count(*) FROM unlocated_parcels"); }

std::int64_t remove_all_unlocated(Database& db) {
    db.exec("DELETE FROM unlocated_parcels");
    return sqlite3_changes(db.handle());
}

}  // namespace investmap::store
