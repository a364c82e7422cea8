#pragma once
// Counts and areas of the parcels a filter matches, grouped by status, kind,
// park and fit score: what /api/stats and the viewer's counters show.
#include "filter/filter.hpp"
#include "store/sqlite.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace investmap::store {

struct GroupTotal {
    std::string key;  // a status, kind, park ("" for none) or fit score
    std::int64_t count = 0;
    double area_m2 = 0;  // land area, or floor area where a parcel has no land area
};

struct ParcelStats {
    GroupTotal total;
    std::vector<GroupTotal> by_status;
    std::vector<GroupTotal> by_kind;
    std::vector<GroupTotal> by_park;
    std::vector<GroupTotal> by_fit_score;  // only when the condition joins the fit scores
};

ParcelStats parcel_stats(Database& db, const filter::SqlCondition& condition);
// Only the grouping by park (ParcelStats::by_park), for the queryables' park enum.
std::vector<GroupTotal> parcels_by_park(Database& db, const filter::SqlCondition& condition);

}  // namespace investmap::store
