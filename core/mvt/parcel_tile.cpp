#include "mvt/parcel_tile.hpp"

#include "mvt/encoder.hpp"
#include "store/parcel_query.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <map>
#include <optional>
#include <string_view>

namespace investmap::mvt {
namespace {

// One row per parcel whose bounding box meets the buffered tile. The heat
// point is the box's centre: cheap, and inside the parcel for the compact
// shapes parcels have. With an industry, the score comes by primary key.
// Features go in id order on both paths, so a tile has the same bytes
// whether SQLite or the memory index drew it (its ETag promises as much).
std::string parcel_query(const filter::SqlCondition& condition) {
    return std::string(R"sql(
    SELECT p.id, p.code, p.name, p.kind, p.status, p.land_use, coalesce(p.area_m2, p.floor_area_m2), p.rent_yuan_m2_month,
           p.power_kva, p.park, AsBinary(p.geom), (i.xmin + i.xmax) / 2, (i.ymin + i.ymax) / 2)sql") +
           (condition.joins_fit ? ", fit.score" : ", 100") + store::parcels_in_box(condition) + " ORDER BY p.id";
}

constexpr std::string_view kContextQuery = R"sql(
    SELECT c.layer, c.name, AsBinary(c.geom)
    FROM idx_context_features_geom AS i CROSS JOIN context_features AS c ON c.id = i.pkid
    WHERE i.xmin <= ? AND i.xmax >= ? AND i.ymin <= ? AND i.ymax >= ?
    ORDER BY c.id)sql";

// The buffered tile in lon/lat, the box both paths look up parcels by.
geo::LonLatBox buffered_box(geo::TileId tile, const TileSettings& settings) {
    return geo::lonlat_bounds(tile, static_cast<double>(settings.buffer) / settings.extent);
}

// Heat summed per grid cell: weight, count and area, at the cell's
// weight-averaged position.
class HeatGrid {
public:
    explicit HeatGrid(std::uint32_t cells, std::uint32_t extent) : cell_size_(static_cast<std::int32_t>(extent / cells)) {}

    void add(TilePoint point, double weight, double area) {
        Cell& cell = cells_by_index_[{point.x / cell_size_, point.y / cell_size_}];
        cell.weight += weight;
        cell.area += area;
        cell.count += 1;
        cell.weighted_x += weight * point.x;
        cell.weighted_y += weight * point.y;
    }

    void encode(LayerEncoder& layer) const {
        for (const auto& [index, cell] : cells_by_index_) {
            const double cx = cell.weight > 0 ? cell.weighted_x / cell.weight : (index.first + 0.5) * cell_size_;
            const double cy = cell.weight > 0 ? cell.weighted_y / cell.weight : (index.second + 0.5) * cell_size_;
            const TileGeometry point{GeometryType::point, {{{static_cast<std::int32_t>(std::lround(cx)),
                                                             static_cast<std::int32_t>(std::lround(cy))}}}};
            const std::array<Property, 3> properties{{{"weight", cell.weight},
                                                      {"count", static_cast<std::int64_t>(cell.count)},
                                                      {"area_m2", cell.area}}};
            layer.add(std::nullopt, point, properties);
        }
    }

private:
    struct Cell {
        double weight = 0, area = 0, weighted_x = 0, weighted_y = 0;
        std::int64_t count = 0;
    };
    std::int32_t cell_size_;
    std::map<std::pair<std::int32_t, std::int32_t>, Cell> cells_by_index_;
};

bool inside_tile(TilePoint point, std::uint32_t extent) {
    return point.x >= 0 && point.y >= 0 && point.x < static_cast<std::int32_t>(extent) &&
           point.y < static_cast<std::int32_t>(extent);
}

// What a tile says of one parcel, wherever it was read from.
struct TileParcel {
    std::int64_t id = 0;
    std::string_view code, kind, status;
    std::optional<std::string_view> name, land_use, park;
    std::optional<double> area_m2, rent, power_kva;  // area: the land's, else the floor area
    std::int64_t fit = 100;                           // 100 without an industry
    TilePoint centre{};                               // of the parcel's box, in tile units
    // Kind, status, land use and park stay where they are while the tile is
    // built (the memory index's shared copies), not in a row's buffer.
    bool shared_texts_stay = false;
};

std::optional<std::string_view> view(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return std::string_view(*text);
}

std::optional<std::string_view> view(const std::optional<std::string_view>& text) { return text; }

TileFrame frame_of(geo::TileId tile, const TileSettings& settings) { return {tile, settings.extent, settings.buffer}; }

// The three layers of one tile, filled parcel by parcel (or of a run of a
// large tile's parcels, drawn by a helper and appended to the tile's).
class TileLayers {
public:
    // `builder`: the tile's, for this thread.
    TileLayers(const TileGeometryBuilder& builder, geo::TileId tile, const TileSettings& settings)
        : builder_(builder),
          settings_(settings),
          detailed_(tile.z >= settings.parcel_zoom),
          grid_(settings.heat_cells, settings.extent) {}

    const TileGeometryBuilder& builder() const { return builder_; }
    // Sizes the layers for about this many parcels, so they do not grow
    // parcel by parcel: most parcels bring a feature of some 80 bytes and a
    // new name and area to the parcels layer, and a point of some 25 bytes
    // and a new weight to the heat layer.
    void expect_parcels(std::size_t count) {
        if (!detailed_) return;  // below parcel_zoom parcels are summed per cell, not listed
        parcels_.reserve(80 * count, 2 * count);
        heat_.reserve(25 * count, count);
    }

    // Below parcel_zoom parcels are only heat: their geometry is not needed.
    bool detailed() const { return detailed_; }

    // `geometry`: null when the parcel is not drawn in this tile.
    void add_parcel(const TileParcel& parcel, const TileGeometry* geometry, bool with_fit) {
        const double area = parcel.area_m2.value_or(0.0);
        const double weight = area * static_cast<double>(parcel.fit) / 100.0;
        // Heat counts each parcel once: in the tile that holds its centre.
        if (inside_tile(parcel.centre, settings_.extent)) {
            if (detailed_) {
                const std::array<Property, 2> properties{{{"weight", weight}, {"code", parcel.code, true}}};
                heat_.add_point(static_cast<std::uint64_t>(parcel.id), parcel.centre, properties);
            } else {
                grid_.add(parcel.centre, weight, area);
            }
        }
        if (!detailed_ || !geometry) return;  // too small to draw at this zoom: it still counted in heat
        // Kind, status, land use and park are a few texts many parcels share.
        const bool shared = parcel.shared_texts_stay;
        std::array<Property, 10> properties{{{"code", parcel.code, true},
                                             {"kind", parcel.kind, false, shared},
                                             {"status", parcel.status, false, shared}}};
        std::size_t count = 3;
        const auto add = [&](std::string_view key, PropertyValue value, bool stable = false) {
            properties[count++] = {key, value, false, stable};
        };
        if (parcel.name) add("name", *parcel.name);
        if (parcel.land_use) add("land_use", *parcel.land_use, shared);
        if (parcel.area_m2) add("area_m2", area);
        if (parcel.rent) add("rent", *parcel.rent);
        if (parcel.power_kva) add("power_kva", *parcel.power_kva);
        if (parcel.park) add("park", *parcel.park, shared);
        if (with_fit) add("fit", parcel.fit);
        parcels_.add(static_cast<std::uint64_t>(parcel.id), *geometry, std::span(properties.data(), count));
    }

    void add_context(std::string_view layer, std::string_view name, const TileGeometry* geometry) {
        if (!geometry) return;
        const std::array<Property, 2> properties{{{"layer", layer}, {"name", name}}};
        context_.add(std::nullopt, *geometry, properties);
    }

    // The parcels `part` holds, which come after all of this one's.
    void append(const TileLayers& part) {
        parcels_.append(part.parcels_);
        heat_.append(part.heat_);
    }

    std::string encode() {
        if (!detailed_) grid_.encode(heat_);
        std::string encoded;
        context_.append_to(encoded);  // drawn first, under the parcels
        heat_.append_to(encoded);
        parcels_.append_to(encoded);
        return encoded;
    }

private:
    const TileGeometryBuilder& builder_;
    TileSettings settings_;
    bool detailed_;
    HeatGrid grid_;
    LayerEncoder parcels_{"parcels", settings_.extent}, heat_{"heat", settings_.extent}, context_{"context", settings_.extent};
};

std::optional<std::string_view> optional_text(const store::Statement& row, int column, std::string& storage) {
    if (row.is_null(column)) return std::nullopt;
    storage = row.column_text(column);
    return std::string_view(storage);
}

void add_parcels(store::Database& db, geo::TileId tile, const filter::SqlCondition& condition,
                 const TileSettings& settings, TileLayers& layers) {
    auto rows = db.prepare(parcel_query(condition));
    store::bind_box(rows, buffered_box(tile, settings));
    filter::bind_condition(rows, condition, 5);
    std::string code, kind, status, name, land_use, park;
    while (rows.step()) {
        code = rows.column_text(1);
        kind = rows.column_text(3);
        status = rows.column_text(4);
        TileParcel parcel{rows.column_int64(0), code, kind, status, optional_text(rows, 2, name),
                          optional_text(rows, 5, land_use), optional_text(rows, 9, park)};
        if (!rows.is_null(6)) parcel.area_m2 = rows.column_double(6);
        if (!rows.is_null(7)) parcel.rent = rows.column_double(7);
        if (!rows.is_null(8)) parcel.power_kva = rows.column_double(8);
        parcel.fit = rows.column_int64(13);
        parcel.centre = layers.builder().point(rows.column_double(11), rows.column_double(12));
        std::optional<TileGeometry> geometry;
        if (layers.detailed()) {
            const auto blob = rows.column_blob(10);
            geometry = layers.builder().from_wkb({reinterpret_cast<const char*>(blob.data()), blob.size()});
        }
        layers.add_parcel(parcel, geometry ? &*geometry : nullptr, condition.joins_fit);
    }
}

void add_context(store::Database& db, geo::TileId tile, const TileSettings& settings, TileLayers& layers) {
    auto rows = db.prepare(kContextQuery);
    store::bind_box(rows, buffered_box(tile, settings));
    while (rows.step()) {
        const auto blob = rows.column_blob(2);
        const auto geometry = layers.builder().from_wkb({reinterpret_cast<const char*>(blob.data()), blob.size()});
        layers.add_context(rows.column_text(0), rows.column_text(1), geometry ? &*geometry : nullptr);
    }
}

using FoundParcels = std::vector<std::pair<std::int64_t, std::size_t>>;  // (id, position in the index)

// Asks for a parcel's struct (a few hundred bytes, several cache lines)
// without waiting for it.
void prefetch_struct(const index::IndexedParcel& parcel) {
    const char* bytes = reinterpret_cast<const char*>(&parcel);
    for (std::size_t line = 0; line < sizeof(index::IndexedParcel); line += 64) __builtin_prefetch(bytes + line);
}

// Asks for what the struct points to and a tile reads: its points and name.
// The struct itself should be in the cache already, or this waits for it.
void prefetch_heap(const index::IndexedParcel& parcel) {
    __builtin_prefetch(parcel.shape.points.data());
    if (parcel.name) __builtin_prefetch(parcel.name->data());
}

// A tile lists its parcels by id, which leaves them scattered over the
// index's memory (laid out by place). find_parcels asked for all of them
// already; on a tile too large for the cache to keep them until their turn
// (a z12 tile of a million-parcel district), each one's struct, points and
// name are asked for again a few parcels ahead, so that they arrive while
// the parcels before are drawn. Before find_parcels' prefetching this alone
// made the sweep's tiles 2–10 % faster in-process (8 and 4 ahead did best
// of 4, 8, 12 and 16); after it, keeping it cost nothing measurable.
constexpr std::size_t kPrefetchParcel = 8, kPrefetchHeap = 4;

void prefetch_ahead(const index::ParcelIndex& parcels, const FoundParcels& found, std::size_t k) {
    if (k + kPrefetchParcel < found.size()) prefetch_struct(parcels.parcel(found[k + kPrefetchParcel].second));
    if (k + kPrefetchHeap < found.size()) prefetch_heap(parcels.parcel(found[k + kPrefetchHeap].second));
}

TileParcel tile_parcel(const index::IndexedParcel& p, int fit, const TileGeometryBuilder& builder) {
    TileParcel parcel{p.id, p.code, p.kind, p.status, view(p.name), view(p.land_use), view(p.park)};
    parcel.area_m2 = p.area_m2 ? p.area_m2 : p.floor_area_m2;
    parcel.rent = p.rent_yuan_m2_month;
    parcel.power_kva = p.power_kva;
    parcel.fit = fit;
    parcel.centre = builder.point(p.centre);
    parcel.shared_texts_stay = true;
    return parcel;
}

// --- A large tile drawn with a helper -------------------------------------
//
// A large tile's found parcels are cut into chunks. The tile's own thread
// takes them from the front and writes each into the tile's layers; an idle
// helper takes them from the back and writes each into layers of its own,
// which the tile appends when it comes to that chunk (LayerEncoder::append
// finds their values again and renumbers their tags: about half of what
// writing them cost), waiting if the helper is still at it. Features keep
// their order and the bytes are those of the tile drawn alone. A z12 tile
// of the sweep's district (~2 500 parcels) has each thread take about half.

constexpr std::size_t kChunkParcels = 64;
// Below this, handing work over costs more than it saves (a helper wakes
// some 20–50 µs after it is asked on this kind of machine).
constexpr std::size_t kMinParcelsToShare = 512;

// Matches, draws and writes found parcels into layers.
class ParcelWriter {
public:
    ParcelWriter(const index::ParcelIndex& parcels, const index::ParcelMatcher& matcher, const FoundParcels& found)
        : parcels_(parcels), matcher_(matcher), found_(found) {}

    void write(std::size_t k, TileLayers& layers) {
        prefetch_ahead(parcels_, found_, k);
        const std::size_t i = found_[k].second;
        const std::optional<int> fit = matcher_.match(i);
        if (!fit) return;
        const index::IndexedParcel& p = parcels_.parcel(i);
        const bool drawn = layers.detailed() && layers.builder().from_shape(p.shape, geometry_);
        layers.add_parcel(tile_parcel(p, *fit, layers.builder()), drawn ? &geometry_ : nullptr, matcher_.names_industry());
    }

private:
    const index::ParcelIndex& parcels_;
    const index::ParcelMatcher& matcher_;
    const FoundParcels& found_;
    TileGeometry geometry_;  // reused from parcel to parcel
};

// A helper's chunk: its layers, or what went wrong.
struct HelperChunk {
    std::optional<TileLayers> layers;
    std::exception_ptr error;  // rethrown by the tile
};

// The chunks of one tile, shared by the tile and the helper's task. A chunk
// is claimed, never assigned: a task that runs late (the helper was busy)
// finds every chunk taken and leaves without touching the tile's data, so
// the tile never waits for a helper that has not started.
class ChunkedTile {
public:
    ChunkedTile(const index::ParcelIndex& parcels, const index::ParcelMatcher& matcher, const FoundParcels& found,
                geo::TileId tile, const TileSettings& settings)
        : parcels_(parcels),
          matcher_(matcher),
          found_(found),
          tile_(tile),
          settings_(settings),
          chunk_count_((found.size() + kChunkParcels - 1) / kChunkParcels),
          states_(new std::atomic<int>[chunk_count_]),
          chunks_(chunk_count_),
          next_from_back_(static_cast<std::ptrdiff_t>(chunk_count_)) {
        for (std::size_t c = 0; c < chunk_count_; ++c) states_[c].store(kFree, std::memory_order_relaxed);
    }

    std::size_t chunk_count() const { return chunk_count_; }
    static std::size_t first_parcel(std::size_t chunk) { return chunk * kChunkParcels; }
    std::size_t end_parcel(std::size_t chunk) const { return std::min(found_.size(), (chunk + 1) * kChunkParcels); }

    // The tile's side. Whether the tile took the chunk to write itself.
    bool take(std::size_t chunk) { return claim(chunk, kTile); }
    // The layers of a chunk a helper took, once written.
    const TileLayers& wait_for(std::size_t chunk) {
        std::atomic<int>& state = states_[chunk];
        // The helper is one chunk away at most: spin a little before sleeping.
        for (int spin = 0; spin < 4000 && state.load(std::memory_order_acquire) == kHelper; ++spin) __builtin_ia32_pause();
        wait_while_helper(chunk);
        if (chunks_[chunk].error) std::rethrow_exception(chunks_[chunk].error);
        return *chunks_[chunk].layers;
    }
    // Takes whatever no helper has, and waits for what helpers are writing:
    // after this no helper touches the tile's data. (The tile's way out,
    // an exception's too.)
    void close() {
        for (std::size_t c = 0; c < chunk_count_; ++c) {
            if (!take(c)) wait_while_helper(c);
        }
    }

    // The helper's side: chunks from the back until it meets the tile.
    void help() noexcept {
        std::optional<TileGeometryBuilder> builder;  // made once a chunk is taken: a late task never needs one
        std::optional<ParcelWriter> writer;
        for (;;) {
            const std::ptrdiff_t next = next_from_back_.fetch_sub(1, std::memory_order_relaxed) - 1;
            if (next < 0 || !claim(static_cast<std::size_t>(next), kHelper)) return;  // the tile got this far
            const auto chunk = static_cast<std::size_t>(next);
            HelperChunk& out = chunks_[chunk];
            try {
                if (!builder) builder.emplace(frame_of(tile_, settings_));
                if (!writer) writer.emplace(parcels_, matcher_, found_);
                TileLayers& layers = out.layers.emplace(*builder, tile_, settings_);
                layers.expect_parcels(end_parcel(chunk) - first_parcel(chunk));
                for (std::size_t k = first_parcel(chunk); k < end_parcel(chunk); ++k) writer->write(k, layers);
            } catch (...) {
                out.error = std::current_exception();
            }
            states_[chunk].store(kHelperDone, std::memory_order_release);
            states_[chunk].notify_one();
        }
    }

private:
    static constexpr int kFree = 0, kTile = 1, kHelper = 2, kHelperDone = 3;

    bool claim(std::size_t chunk, int by) {
        int free = kFree;
        return states_[chunk].compare_exchange_strong(free, by, std::memory_order_acq_rel);
    }
    void wait_while_helper(std::size_t chunk) {
        while (states_[chunk].load(std::memory_order_acquire) == kHelper) states_[chunk].wait(kHelper, std::memory_order_acquire);
    }

    const index::ParcelIndex& parcels_;
    const index::ParcelMatcher& matcher_;
    const FoundParcels& found_;
    geo::TileId tile_;
    TileSettings settings_;
    std::size_t chunk_count_;
    std::unique_ptr<std::atomic<int>[]> states_;
    std::vector<HelperChunk> chunks_;
    std::atomic<std::ptrdiff_t> next_from_back_;
};

// Writes a tile's found parcels in id order, alone or with a helper.
void write_parcels(const index::ParcelIndex& parcels, const index::ParcelMatcher& matcher, const FoundParcels& found,
                   geo::TileId tile, const TileSettings& settings, DrawingHelpers* helpers, TileLayers& layers) {
    ParcelWriter writer(parcels, matcher, found);
    std::shared_ptr<ChunkedTile> chunked;
    if (helpers && layers.detailed() && found.size() >= kMinParcelsToShare) {
        chunked = std::make_shared<ChunkedTile>(parcels, matcher, found, tile, settings);
        if (!helpers->offer([chunked] { chunked->help(); })) chunked.reset();
    }
    if (!chunked) {
        for (std::size_t k = 0; k < found.size(); ++k) writer.write(k, layers);
        return;
    }
    struct Closer {
        ChunkedTile& tile;
        ~Closer() { tile.close(); }
    } closer{*chunked};
    for (std::size_t c = 0; c < chunked->chunk_count(); ++c) {
        if (chunked->take(c)) {
            for (std::size_t k = ChunkedTile::first_parcel(c); k < chunked->end_parcel(c); ++k) writer.write(k, layers);
        } else {
            layers.append(chunked->wait_for(c));
        }
    }
}

bool boxes_meet(const geo::LonLatBox& a, const geo::LonLatBox& b) {
    return a.west <= b.east && a.east >= b.west && a.south <= b.north && a.north >= b.south;
}

// The parcels whose boxes meet `box`, in id order (a tile's features are).
FoundParcels find_parcels(const index::ParcelIndex& parcels, const geo::LonLatBox& box) {
    FoundParcels found;
    // The grid visits parcels about in memory order (the index is laid out
    // by place): each one's struct is asked for now, its id read from the
    // index's dense list, so that the pass in id order below finds the
    // struct in the cache (the tile's parcels stay in L2/L3 between the two
    // passes). The matcher's first read of a parcel, and then the visit's
    // read of its id, had stalled on memory: the sweep's tiles built ~11 %
    // faster in-process.
    parcels.for_each_in(box, [&](std::size_t i) {
        prefetch_struct(parcels.parcel(i));
        found.emplace_back(parcels.id(i), i);
    });
    // Their points and names too, in the same order, once the structs that
    // point to them have had time to arrive (~3 % more).
    for (const auto& [id, i] : found) prefetch_heap(parcels.parcel(i));
    std::ranges::sort(found);
    return found;
}

}  // namespace

std::string build_parcel_tile(store::Database& db, geo::TileId tile, const filter::SqlCondition& condition,
                              const TileSettings& settings) {
    const TileGeometryBuilder builder(frame_of(tile, settings));
    TileLayers layers(builder, tile, settings);
    add_parcels(db, tile, condition, settings, layers);
    add_context(db, tile, settings, layers);
    return layers.encode();
}

std::string build_parcel_tile(const index::ParcelIndex& parcels, geo::TileId tile, const index::ParcelMatcher& matcher,
                              const TileSettings& settings, DrawingHelpers* helpers) {
    const TileGeometryBuilder builder(frame_of(tile, settings));
    TileLayers layers(builder, tile, settings);
    const geo::LonLatBox box = buffered_box(tile, settings);
    const FoundParcels found = find_parcels(parcels, box);
    layers.expect_parcels(found.size());
    write_parcels(parcels, matcher, found, tile, settings, helpers, layers);
    TileGeometry geometry;
    for (const index::ContextFeature& feature : parcels.context()) {
        if (!boxes_meet(feature.box, box)) continue;
        const bool drawn = layers.builder().from_shape(feature.shape, geometry);
        layers.add_context(feature.layer, feature.name.value_or(""), drawn ? &geometry : nullptr);
    }
    return layers.encode();
}

}  // namespace investmap::mvt
