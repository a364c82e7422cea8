#pragma once
// Reading parcels for the API: a page of those a filter matches (optionally
// within a bbox), how many match in all, and one parcel by code.
#include "filter/filter.hpp"
#include "geo/coordinates.hpp"
#include "store/parcel_store.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace investmap::store {

struct ListedParcel {
    StoredParcel parcel;
    std::optional<int> fit;  // the score for the filter's industry, when it names one
};

struct ParcelListing {
    std::int64_t matched = 0;
    std::vector<ListedParcel> parcels;
};

// Orders a listing may take (OGC `sortby`); the SQL for each is fixed here.
enum class SortOrder { id, area_descending, area_ascending, fit_descending, fit_ascending, code };

// Ties are broken by id, so pages never overlap. Fit orders need a condition
// that joins the scores.
ParcelListing list_parcels(Database& db, const filter::SqlCondition& condition, const std::optional<geo::LonLatBox>& bbox,
                           std::int64_t limit, std::int64_t offset, SortOrder order = SortOrder::id);

// The parcel with `code` when `condition` (visibility included) lets it through.
std::optional<ListedParcel> find_parcel(Database& db, std::string_view code, const filter::SqlCondition& condition);

// The FROM clause every parcel query shares: `parcels AS p`, joined to the
// fit scores when the condition names them.
std::string parcels_from(const filter::SqlCondition& condition);

// FROM … WHERE for the parcels whose R*Tree box (`i`) meets a box, then the
// condition. CROSS JOIN keeps SQLite to this order, R*Tree first; left to
// itself it walks the status index and probes the R*Tree once per public
// parcel of the whole district (300 ms a tile at 100 000). Bind the box
// with bind_box() to ?1–?4, the condition from ?5.
std::string parcels_in_box(const filter::SqlCondition& condition);
void bind_box(Statement& statement, const geo::LonLatBox& box);

// The bounding box of the parcels in `statuses` (what the caller may see:
// a withdrawn parcel must not widen the public extent); nullopt for none.
std::optional<geo::LonLatBox> parcel_extent(Database& db, std::span<const std::string_view> statuses);
// The largest heat weight a parcel `condition` lets through has (available
// area × fit / 100, fit 100 without an industry); nullopt for none. The heat
// style scales its ramp to it, so a narrow filter's heat stays readable.
std::optional<double> heaviest_parcel_weight(Database& db, const filter::SqlCondition& condition);
// The bounding box of the map context (boundary, roads, parks, water), which
// reaches past the parcels: a map asks for tiles only within its bounds.
std::optional<geo::LonLatBox> context_extent(Database& db);

}  // namespace investmap::store
