#pragma once
// Fit scores in the store: one row per parcel and industry in `parcel_fit`,
// indexed by (industry, score) so `industry=X&min_fit=N` is an index range.
// The database also keeps the profiles it scored with (meta 'industries'),
// so an import scores new parcels exactly as the server would. Callers own
// the transaction and bump the data version.
#include "fit/industry_profile.hpp"
#include "fit/scoring.hpp"
#include "store/sqlite.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace investmap::fit {

// The profiles the scores in `db` were computed with; nullopt before any.
std::optional<IndustryProfiles> stored_profiles(store::Database& db);

// Scores every parcel for every industry afresh and remembers `profiles`.
// Returns the number of parcels scored.
std::int64_t rescore_all(store::Database& db, const IndustryProfiles& profiles);

// Scores the parcels with these codes again (after an import or an edit).
void rescore_codes(store::Database& db, const IndustryProfiles& profiles, const std::vector<std::string>& codes);

// The columns SiteFacts are read from, after `prefix` (a table alias and a dot).
std::string site_fact_columns(std::string_view prefix);
// SiteFacts from a row whose columns from `first` are site_fact_columns().
SiteFacts read_site_facts(const store::Statement& row, int first);

}  // namespace investmap::fit
