#pragma once
// Parcels an import had no location for (`import --allow-unlocated`: an
// address-only sheet, a row whose coordinates cell is empty). They wait in a
// table of their own — no tile, feature, statistic or memory index reads it,
// so they are never public — until staff place each one on the map in
// /admin (待定位), which moves it into `parcels` like any other.
#include "store/parcel_model.hpp"
#include "store/sqlite.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace investmap::store {

struct UnlocatedParcel {
    ParcelRecord record;  // without geometry
    std::string source;   // the file it came from
    std::string imported_at;
    std::string imported_by;
};

// Adds or replaces the waiting parcel `record.code()`.
void put_unlocated(Database& db, const ParcelRecord& record, std::string_view source, std::string_view actor,
                   std::string_view at);
// Takes `code` off the list (it was placed, or imported with a location); whether it was there.
bool remove_unlocated(Database& db, std::string_view code);
std::optional<UnlocatedParcel> find_unlocated(Database& db, std::string_view code);
// Oldest first, then by code.
std::vector<UnlocatedParcel> unlocated_parcels(Database& db);
std::int64_t count_unlocated(Database& db);
// Empties the list (import --replace); how many were on it.
std::int64_t remove_all_unlocated(Database& db);

}  // namespace investmap::store
