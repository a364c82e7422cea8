#pragma once
// Every parcel in memory, pre-projected to Web Mercator, with its tile
// attributes and fit scores, and a grid over the R*Tree's boxes: the tile
// path reads this instead of SQLite. SpatiaLite stays the durable store; an
// index is a snapshot of one data version and is never changed, only
// replaced (tile-server/parcel_index_keeper).
#include "geo/projected_shape.hpp"
#include "store/parcel_query.hpp"
#include "store/sqlite.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace investmap::index {

// Values many parcels share (kind, status, land use, park, date) are views of
// one copy the index keeps: a million parcels have a few hundred of them.
struct IndexedParcel {
    std::int64_t id = 0;
    std::string code;
    std::string_view kind, status;
    std::optional<std::string> name, address;
    std::optional<std::string_view> land_use, park, available_from;
    std::optional<double> area_m2, floor_area_m2, rent_yuan_m2_month, power_kva;
    geo::LonLatBox box{};  // as the R*Tree holds it (32-bit floats, rounded outwards)
    geo::Mercator centre{};  // the box's centre: where the parcel's heat point goes
    geo::ProjectedShape shape;
};

struct ContextFeature {
    std::string layer;
    std::optional<std::string> name;
    geo::LonLatBox box{};
    geo::ProjectedShape shape;
};

class ParcelIndex {
public:
    // Reads parcels, scores and context in one read transaction, so the index
    // is exactly the database at the data version it records.
    static std::shared_ptr<const ParcelIndex> load(store::Database& db);
    // The index of the database's version now, from `previous`: the parcels
    // the audit trail names since then are read again (every edit and
    // import writes one event per parcel it changes, in its transaction);
    // anything larger — removals, new industry profiles, a tenth of the
    // district — is a whole load. Returns `previous` when nothing changed.
    static std::shared_ptr<const ParcelIndex> refresh(store::Database& db, const std::shared_ptr<const ParcelIndex>& previous);

    std::int64_t data_version() const { return data_version_; }
    // How many parcels this index read from the database: all of them for a
    // load, the changed ones for a refresh.
    std::size_t parcels_read() const { return parcels_read_; }
    std::size_t size() const { return parcels_.size(); }
    // Positions follow the map, not the ids (see order_by_place): callers
    // that need id order sort by IndexedParcel::id.
    const IndexedParcel& parcel(std::size_t i) const { return parcels_[i]; }
    // parcel(i).id, from a dense array: a tile sorts what the grid found by
    // id, and reading it from each parcel's struct stalled on memory.
    std::int64_t id(std::size_t i) const { return ids_[i]; }
    const std::vector<ContextFeature>& context() const { return context_; }

    // Calls visit(i) once for each parcel whose box meets `box`, the test the
    // R*Tree lookups of the SQL path make.
    template <typename Visit>
    void for_each_in(const geo::LonLatBox& box, Visit&& visit) const;

    // Where the index keeps its one copy of a shared text (a kind, status,
    // land use, park or date): the parcels' views of that text all point
    // there. Null when no parcel has it.
    const char* shared_copy(std::string_view text) const;

    // The column of an industry's scores, if any parcel was scored for it.
    std::optional<std::size_t> industry_column(std::string_view industry) const;
    // A parcel's stored score (0–100), or nullopt when it has none.
    std::optional<int> fit(std::size_t parcel, std::size_t column) const {
        const std::uint8_t score = fits_[parcel * industries_.size() + column];
        return score == kNoScore ? std::nullopt : std::optional<int>(score);
    }

private:
    static constexpr std::uint8_t kNoScore = 255;
    struct CellRange {
        std::uint32_t first_x, first_y, last_x, last_y;
    };
    CellRange cells_of(const geo::LonLatBox& box) const;
    static std::shared_ptr<ParcelIndex> load_in_snapshot(store::Database& db);
    // False when the changes need a whole load instead.
    bool apply_changes(store::Database& db, const std::set<std::string>& codes);
    void build_grid();
    void list_shared_texts();
    void read_parcels(store::Database& db);
    void order_by_place();
    IndexedParcel read_parcel(const store::Statement& row);
    void read_fits(store::Database& db);
    void read_context(store::Database& db);
    std::string_view intern(std::string text);
    std::optional<std::string_view> intern(std::optional<std::string> text);

    std::int64_t data_version_ = 0;
    std::int64_t last_audit_id_ = 0;      // the newest audit event this index includes
    std::size_t parcels_read_ = 0;
    std::size_t industries_signature_ = 0;
    // The shared values, for this index and the ones refreshed from it (an
    // append-only pool: its nodes never move, so views of them stay good).
    std::shared_ptr<std::unordered_set<std::string>> strings_ = std::make_shared<std::unordered_set<std::string>>();
    // Views of the pool's texts as this index was finished, sorted: what
    // shared_copy searches (the pool itself may be growing meanwhile).
    std::vector<std::string_view> shared_texts_;
    std::vector<IndexedParcel> parcels_;   // in map order (order_by_place); refreshed ones stay, new ones come last
    std::vector<std::string> industries_;  // score columns
    std::vector<std::uint8_t> fits_;       // parcels × industries
    std::vector<ContextFeature> context_;
    // A uniform grid over the parcels' extent: each cell lists the parcels
    // whose boxes meet it (compressed rows: cell c's entries are
    // cell_entries_[cell_starts_[c] .. cell_starts_[c + 1])). An entry holds
    // the parcel's box (the R*Tree's 32-bit floats, exactly) and its first
    // cell, so a query tests and de-duplicates the parcels it meets without
    // touching the parcels themselves: a parcel is a few hundred bytes away
    // from the next, its box a cache miss of its own.
    struct CellEntry {
        std::uint32_t parcel;
        std::uint16_t first_x, first_y;  // the first cell the parcel's box covers (kMaxCellsPerSide fits)
        float west, south, east, north;
    };
    geo::LonLatBox extent_{};
    std::uint32_t columns_ = 1, rows_ = 1;
    double cell_width_ = 1, cell_height_ = 1;
    std::vector<std::uint32_t> cell_starts_;
    std::vector<CellEntry> cell_entries_;
    std::vector<std::int64_t> ids_;  // by position, as parcels_
};

template <typename Visit>
void ParcelIndex::for_each_in(const geo::LonLatBox& box, Visit&& visit) const {
    if (parcels_.empty() || box.east < extent_.west || box.west > extent_.east || box.north < extent_.south ||
        box.south > extent_.north) {
        return;
    }
    const CellRange query = cells_of(box);
    for (std::uint32_t y = query.first_y; y <= query.last_y; ++y) {
        for (std::uint32_t x = query.first_x; x <= query.last_x; ++x) {
            const std::size_t cell = std::size_t{y} * columns_ + x;
            for (std::uint32_t k = cell_starts_[cell]; k < cell_starts_[cell + 1]; ++k) {
                const CellEntry& b = cell_entries_[k];
                if (double{b.west} > box.east || double{b.east} < box.west || double{b.south} > box.north ||
                    double{b.north} < box.south) {
                    continue;
                }
                // A parcel in several cells is visited from the first cell
                // that both it and the query cover, and only there.
                if (x != std::max<std::uint32_t>(b.first_x, query.first_x) || y != std::max<std::uint32_t>(b.first_y, query.first_y)) continue;
                visit(std::size_t{b.parcel});
            }
        }
    }
}

}  // namespace investmap::index
