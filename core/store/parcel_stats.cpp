#include "store/parcel_stats.hpp"

#include "store/parcel_query.hpp"

#include <array>

namespace investmap::store {
namespace {

// Grouping columns: fixed here, never taken from a request.
constexpr std::array<std::string_view, 4> kGroupings = {"p.status", "p.kind", "coalesce(p.park, '')", "fit.score"};

std::vector<GroupTotal> grouped(Database& db, const filter::SqlCondition& condition, std::string_view column) {
    auto statement = db.prepare("SELECT " + std::string(column) + ", count(*), total(coalesce(p.area_m2, p.floor_area_m2))" +
                                parcels_from(condition) + " WHERE " + condition.sql + " GROUP BY 1 ORDER BY 2 DESC, 1");
    filter::bind_condition(statement, condition, 1);
    std::vector<GroupTotal> groups;
    while (statement.step()) groups.push_back({statement.column_text(0), statement.column_int64(1), statement.column_double(2)});
    return groups;
}

}  // namespace

std::vector<GroupTotal> parcels_by_park(Database& db, const filter::SqlCondition& condition) {
    return grouped(db, condition, kGroupings[2]);
}

ParcelStats parcel_stats(Database& db, const filter::SqlCondition& condition) {
    ParcelStats stats;
    stats.by_status = grouped(db, condition, kGroupings[0]);
    stats.by_kind = grouped(db, condition, kGroupings[1]);
    stats.by_park = parcels_by_park(db, condition);
    if (condition.joins_fit) stats.by_fit_score = grouped(db, condition, kGroupings[3]);
    for (const GroupTotal& group : stats.by_status) {
        stats.total.count += group.count;
        stats.total.area_m2 += group.area_m2;
    }
    return stats;
}

}  // namespace investmap::store
