#include "index/parcel_index.hpp"

#include "store/parcel_store.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <climits>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace investmap::index {
namespace {

// A parcel as the index holds it; the callers add ORDER BY or WHERE.
constexpr std::string_view kParcelColumns = R"sql(
    SELECT p.id, p.code, p.name, p.kind, p.status, p.land_use, p.park, p.address, p.available_from,
           p.area_m2, p.floor_area_m2, p.rent_yuan_m2_month, p.power_kva, AsBinary(p.geom),
           i.xmin, i.xmax, i.ymin, i.ymax
    FROM parcels AS p JOIN idx_parcels_geom AS i ON i.pkid = p.id)sql";

// About this many parcels a cell: few enough to test one by one, enough
// that a parcel rarely spans many cells.
constexpr double kParcelsPerCell = 4;
constexpr std::uint32_t kMaxCellsPerSide = 2048;

geo::LonLatBox read_box(const store::Statement& row, int first) {
    // The R*Tree's columns come as xmin, xmax, ymin, ymax.
    return {row.column_double(first), row.column_double(first + 2), row.column_double(first + 1), row.column_double(first + 3)};
}

// Projected, with the clearance the tile path needs: as
// mvt::TileGeometryBuilder::from_wkb reads a shape, so that tiles from the
// index and from SQLite have the same bytes.
geo::ProjectedShape read_shape(const store::Statement& row, int column) {
    const auto blob = row.column_blob(column);
    geo::ProjectedShape shape = geo::project_wkb({reinterpret_cast<const char*>(blob.data()), blob.size()});
    shape.clearance_m = geo::ring_clearance(shape, geo::kClearanceMaxVertices);
    return shape;
}

std::int64_t last_audit_id(store::Database& db) { return db.query_int64("SELECT coalesce(max(id), 0) FROM audit_events"); }

// The profiles the scores were made with: other profiles, other scores everywhere.
std::size_t industries_signature(store::Database& db) {
    auto row = db.prepare("SELECT value FROM meta WHERE key = 'industries'");
    return row.step() ? std::hash<std::string>{}(row.column_text(0)) : 0;
}

// Ends the read transaction however the load ends.
class ReadTransaction {
public:
    explicit ReadTransaction(store::Database& db) : db_(db) { db_.exec("BEGIN"); }
    ~ReadTransaction() {
        try {
            db_.exec("COMMIT");
        } catch (...) {  // nothing was written: there is nothing to lose
        }
    }
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    store::Database& db_;
};

// The low 16 bits of `v` spread to the even bits of the result.
std::uint32_t spread_bits(std::uint32_t v) {
    v &= 0xffffu;
    v = (v | (v << 8)) & 0x00ff00ffu;
    v = (v | (v << 4)) & 0x0f0f0f0fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
}

// Where a box's centre falls on a Z-order curve over `extent`: boxes near
// each other on the map mostly get keys near each other.
std::uint32_t z_order(const geo::LonLatBox& box, const geo::LonLatBox& extent) {
    const auto quantise = [](double value, double low, double high) {
        const double t = high > low ? (value - low) / (high - low) : 0.0;
        return static_cast<std::uint32_t>(std::clamp(t, 0.0, 1.0) * 65535.0);
    };
    return spread_bits(quantise((box.west + box.east) / 2, extent.west, extent.east)) |
           (spread_bits(quantise((box.south + box.north) / 2, extent.south, extent.north)) << 1);
}

geo::LonLatBox extent_of(const std::vector<IndexedParcel>& parcels) {
    geo::LonLatBox extent = parcels.front().box;
    for (const IndexedParcel& parcel : parcels) {
        extent.west = std::min(extent.west, parcel.box.west);
        extent.south = std::min(extent.south, parcel.box.south);
        extent.east = std::max(extent.east, parcel.box.east);
        extent.north = std::max(extent.north, parcel.box.north);
    }
    return extent;
}

}  // namespace

std::shared_ptr<const ParcelIndex> ParcelIndex::load(store::Database& db) {
    const ReadTransaction snapshot(db);
    return load_in_snapshot(db);
}

std::shared_ptr<ParcelIndex> ParcelIndex::load_in_snapshot(store::Database& db) {
    auto index = std::make_shared<ParcelIndex>();
    index->data_version_ = store::data_version(db);
    index->last_audit_id_ = last_audit_id(db);
    index->industries_signature_ = industries_signature(db);
    index->read_parcels(db);
    index->order_by_place();
    index->parcels_read_ = index->parcels_.size();
    index->read_fits(db);
    index->read_context(db);
    index->build_grid();
    index->list_shared_texts();
    return index;
}

std::shared_ptr<const ParcelIndex> ParcelIndex::refresh(store::Database& db, const std::shared_ptr<const ParcelIndex>& previous) {
    const ReadTransaction snapshot(db);
    const std::int64_t version = store::data_version(db);
    if (previous->data_version_ == version) return previous;
    const std::int64_t newest_event = last_audit_id(db);
    std::set<std::string> codes;
    // Anything but edits and imports of some parcels reads everything again:
    // parcels removed (their ids may come back with other parcels), other
    // industry profiles (every score changed), an audit trail that shrank.
    bool whole = newest_event < previous->last_audit_id_ || industries_signature(db) != previous->industries_signature_;
    if (!whole) {
        auto events = db.prepare("SELECT parcel_code, action FROM audit_events WHERE id > ? ORDER BY id");
        events.bind(1, previous->last_audit_id_);
        while (!whole && events.step()) {
            whole = events.column_text(1) == "remove";
            codes.insert(events.column_text(0));
        }
        whole = whole || codes.size() > previous->size() / 10 + 16;
    }
    auto index = whole ? nullptr : std::make_shared<ParcelIndex>(*previous);
    if (index) {
        index->data_version_ = version;
        index->last_audit_id_ = newest_event;
        index->context_.clear();
        index->read_context(db);  // small: read again whole
    }
    if (!index || !index->apply_changes(db, codes)) return load_in_snapshot(db);
    index->parcels_read_ = codes.size();
    index->build_grid();
    index->list_shared_texts();
    return index;
}

bool ParcelIndex::apply_changes(store::Database& db, const std::set<std::string>& codes) {
    std::unordered_map<std::string, std::size_t> position_of_code;  // own copies: parcels_ may grow below
    for (std::size_t i = 0; i < parcels_.size(); ++i) position_of_code.emplace(parcels_[i].code, i);
    auto row = db.prepare(std::string(kParcelColumns) + " WHERE p.code = ?");
    auto scores = db.prepare("SELECT industry, score FROM parcel_fit WHERE parcel_id = ?");
    for (const std::string& code : codes) {
        row.bind(1, code);
        const bool found = row.step();
        std::optional<IndexedParcel> parcel;
        if (found) parcel = read_parcel(row);
        row.reset();
        const auto known = position_of_code.find(code);
        // A parcel gone, or one that came back under another id: read all again.
        if (!parcel || (known != position_of_code.end() && parcels_[known->second].id != parcel->id)) return false;
        std::size_t position = 0;
        if (known != position_of_code.end()) {
            position = known->second;
            parcels_[position] = std::move(*parcel);
        } else {
            position = parcels_.size();  // out of map order until the next whole load: the grid still finds it
            parcels_.push_back(std::move(*parcel));
            fits_.resize(fits_.size() + industries_.size(), kNoScore);
        }
        std::fill_n(fits_.begin() + static_cast<std::ptrdiff_t>(position * industries_.size()), industries_.size(), kNoScore);
        scores.bind(1, parcels_[position].id);
        while (scores.step()) {
            const auto column = industry_column(scores.column_text(0));
            if (!column) return false;  // an industry this index has no column for
            const std::int64_t score = scores.column_int64(1);
            if (score >= 0 && score <= 100) fits_[position * industries_.size() + *column] = static_cast<std::uint8_t>(score);
        }
        scores.reset();
    }
    return true;
}

void ParcelIndex::read_parcels(store::Database& db) {
    auto rows = db.prepare(std::string(kParcelColumns) + " ORDER BY p.id");
    parcels_.reserve(static_cast<std::size_t>(db.query_int64("SELECT count(*) FROM idx_parcels_geom")));
    while (rows.step()) parcels_.push_back(read_parcel(rows));
}

// Puts the parcels in Z-order of their boxes' centres, each copied afresh so
// that its texts and points are allocated in that order too. A tile reads
// the parcels of one small area: laid out by id (import order, which jumps
// across the district) each parcel, its texts and its points cost the tile
// their own cache misses; laid out by place they share cache lines and pages.
// Measured on the sweep's 3 030 tiles (100 000 parcels, fastest of 5, three
// rounds, alternating): by id 0.44–0.47 s; by id, copied 0.40–0.44 s; in the
// R*Tree's order (long strips), copied 0.45–0.46 s; in Z-order, copied
// 0.36–0.38 s; in Z-order, read row by row by id instead of copied (no second
// copy in memory) 0.39–0.40 s, but a load of 1 000 000 parcels took 32 s
// instead of 13 s. The copy costs the load ~40 % more time (100 000 parcels
// 1.05 → 1.45 s) and, while it lasts, the parcels twice over in memory (the
// same as a refresh, which copies the whole index). A tile still lists its
// features by id.
void ParcelIndex::order_by_place() {
    if (parcels_.empty()) return;
    const geo::LonLatBox extent = extent_of(parcels_);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> keys;  // (Z-order, position by id)
    keys.reserve(parcels_.size());
    for (std::size_t i = 0; i < parcels_.size(); ++i) keys.emplace_back(z_order(parcels_[i].box, extent), static_cast<std::uint32_t>(i));
    std::ranges::sort(keys);  // equal keys stay in id order
    std::vector<IndexedParcel> placed;
    placed.reserve(parcels_.size());
    for (const auto& key : keys) placed.push_back(parcels_[key.second]);  // a copy: fresh allocations, in this order
    parcels_ = std::move(placed);
}

IndexedParcel ParcelIndex::read_parcel(const store::Statement& rows) {
    IndexedParcel parcel;
    parcel.id = rows.column_int64(0);
    parcel.code = rows.column_text(1);
    parcel.name = rows.optional_text(2);
    parcel.kind = intern(rows.column_text(3));
    parcel.status = intern(rows.column_text(4));
    parcel.land_use = intern(rows.optional_text(5));
    parcel.park = intern(rows.optional_text(6));
    parcel.address = rows.optional_text(7);
    parcel.available_from = intern(rows.optional_text(8));
    parcel.area_m2 = rows.optional_double(9);
    parcel.floor_area_m2 = rows.optional_double(10);
    parcel.rent_yuan_m2_month = rows.optional_double(11);
    parcel.power_kva = rows.optional_double(12);
    parcel.shape = read_shape(rows, 13);
    parcel.box = read_box(rows, 14);
    parcel.centre = geo::to_mercator((parcel.box.west + parcel.box.east) / 2, (parcel.box.south + parcel.box.north) / 2);
    return parcel;
}

void ParcelIndex::read_fits(store::Database& db) {
    auto industries = db.prepare("SELECT DISTINCT industry FROM parcel_fit ORDER BY industry");
    while (industries.step()) industries_.push_back(industries.column_text(0));
    fits_.assign(parcels_.size() * industries_.size(), kNoScore);
    if (industries_.empty() || parcels_.empty()) return;
    // Parcel ids are dense in practice (1…N): a table from id to position,
    // unless they are so sparse that a binary search is the smaller cost.
    const std::int64_t max_id = std::ranges::max(parcels_, {}, &IndexedParcel::id).id;
    std::vector<std::uint32_t> position;
    if (max_id >= 0 && static_cast<std::uint64_t>(max_id) <= 8 * parcels_.size() + 1024) {
        position.assign(static_cast<std::size_t>(max_id) + 1, UINT32_MAX);
        for (std::size_t i = 0; i < parcels_.size(); ++i) {
            if (parcels_[i].id >= 0) position[static_cast<std::size_t>(parcels_[i].id)] = static_cast<std::uint32_t>(i);
        }
    }
    std::vector<std::pair<std::int64_t, std::size_t>> by_id;  // (id, position), when ids are too sparse for the table
    if (position.empty()) {
        for (std::size_t i = 0; i < parcels_.size(); ++i) by_id.emplace_back(parcels_[i].id, i);
        std::ranges::sort(by_id);
    }
    const auto position_of = [&](std::int64_t id) -> std::optional<std::size_t> {
        if (!position.empty()) {
            if (id < 0 || id > max_id || position[static_cast<std::size_t>(id)] == UINT32_MAX) return std::nullopt;
            return position[static_cast<std::size_t>(id)];
        }
        const auto found = std::ranges::lower_bound(by_id, id, {}, &std::pair<std::int64_t, std::size_t>::first);
        if (found == by_id.end() || found->first != id) return std::nullopt;  // a parcel without geometry
        return found->second;
    };
    // One industry at a time, through the (industry, score) index: no text per row.
    auto rows = db.prepare("SELECT parcel_id, score FROM parcel_fit WHERE industry = ?");
    for (std::size_t column = 0; column < industries_.size(); ++column) {
        rows.bind(1, std::string_view(industries_[column]));
        while (rows.step()) {
            const auto parcel = position_of(rows.column_int64(0));
            const std::int64_t score = rows.column_int64(1);
            if (parcel && score >= 0 && score <= 100) {
                fits_[*parcel * industries_.size() + column] = static_cast<std::uint8_t>(score);
            }
        }
        rows.reset();
    }
}

void ParcelIndex::read_context(store::Database& db) {
    auto rows = db.prepare(R"sql(
        SELECT c.layer, c.name, AsBinary(c.geom), i.xmin, i.xmax, i.ymin, i.ymax
        FROM context_features AS c JOIN idx_context_features_geom AS i ON i.pkid = c.id
        ORDER BY c.id)sql");
    while (rows.step()) {
        context_.push_back({rows.column_text(0), rows.optional_text(1), read_box(rows, 3), read_shape(rows, 2)});
    }
}

std::string_view ParcelIndex::intern(std::string text) { return *strings_->insert(std::move(text)).first; }

std::optional<std::string_view> ParcelIndex::intern(std::optional<std::string> text) {
    if (!text) return std::nullopt;
    return intern(std::move(*text));
}

// The pool is shared with the indexes refreshed from this one, which add to
// it on the keeper's thread while requests read this one: requests look in
// this list, made before the index was handed out, never in the pool.
void ParcelIndex::list_shared_texts() {
    shared_texts_.assign(strings_->begin(), strings_->end());
    std::ranges::sort(shared_texts_);
}

const char* ParcelIndex::shared_copy(std::string_view text) const {
    const auto found = std::ranges::lower_bound(shared_texts_, text);
    return found == shared_texts_.end() || *found != text ? nullptr : found->data();
}

std::optional<std::size_t> ParcelIndex::industry_column(std::string_view industry) const {
    const auto found = std::ranges::lower_bound(industries_, industry);
    if (found == industries_.end() || *found != industry) return std::nullopt;
    return static_cast<std::size_t>(found - industries_.begin());
}

ParcelIndex::CellRange ParcelIndex::cells_of(const geo::LonLatBox& box) const {
    const auto column = [&](double lon) {
        return static_cast<std::uint32_t>(std::clamp(std::floor((lon - extent_.west) / cell_width_), 0.0, columns_ - 1.0));
    };
    const auto row = [&](double lat) {
        return static_cast<std::uint32_t>(std::clamp(std::floor((lat - extent_.south) / cell_height_), 0.0, rows_ - 1.0));
    };
    return {column(box.west), row(box.south), column(box.east), row(box.north)};
}

void ParcelIndex::build_grid() {
    ids_.resize(parcels_.size());
    for (std::size_t i = 0; i < parcels_.size(); ++i) ids_[i] = parcels_[i].id;
    if (parcels_.empty()) return;
    extent_ = extent_of(parcels_);
    const double side = std::ceil(std::sqrt(static_cast<double>(parcels_.size()) / kParcelsPerCell));
    columns_ = rows_ = static_cast<std::uint32_t>(std::clamp(side, 1.0, static_cast<double>(kMaxCellsPerSide)));
    // A degenerate extent (one point) still gets cells of some size.
    cell_width_ = std::max((extent_.east - extent_.west) / columns_, 1e-9);
    cell_height_ = std::max((extent_.north - extent_.south) / rows_, 1e-9);

    // Two passes: count each cell's parcels, then place them.
    std::vector<std::uint32_t> counts(std::size_t{columns_} * rows_ + 1, 0);
    const auto each_cell = [&](const geo::LonLatBox& box, auto&& action) {
        const CellRange range = cells_of(box);
        for (std::uint32_t y = range.first_y; y <= range.last_y; ++y) {
            for (std::uint32_t x = range.first_x; x <= range.last_x; ++x) action(std::size_t{y} * columns_ + x);
        }
    };
    for (const IndexedParcel& parcel : parcels_) each_cell(parcel.box, [&](std::size_t cell) { ++counts[cell + 1]; });
    cell_starts_.assign(counts.size(), 0);
    for (std::size_t c = 1; c < counts.size(); ++c) cell_starts_[c] = cell_starts_[c - 1] + counts[c];
    cell_entries_.resize(cell_starts_.back());
    std::vector<std::uint32_t> next(cell_starts_.begin(), cell_starts_.end() - 1);
    for (std::size_t i = 0; i < parcels_.size(); ++i) {
        const geo::LonLatBox& box = parcels_[i].box;
        const CellRange own = cells_of(box);
        const CellEntry entry{static_cast<std::uint32_t>(i), static_cast<std::uint16_t>(own.first_x), static_cast<std::uint16_t>(own.first_y),
                              static_cast<float>(box.west), static_cast<float>(box.south), static_cast<float>(box.east),
                              static_cast<float>(box.north)};
        each_cell(box, [&](std::size_t cell) { cell_entries_[next[cell]++] = entry; });
    }
}

}  // namespace investmap::index
