#include "mvt/parcel_tile.hpp"

#include "mvt/encoder.hpp"

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

// The buffered tile in lon/lat, the box parcels and context are looked up by.
geo::LonLatBox buffered_box(geo::TileId tile, const TileSettings& settings) {
    return geo::lonlat_bounds(tile, static_cast<double>(settings.buffer) / settings.extent);
}

// Heat summed per grid cell: weight, count and area, at the cell's
// weight-averaged position.
class HeatGrid {
public:
    explicit HeatGrid(std::uint32_t cells, std::uint32_t extent) : cell_size_(static_cast<std::int32_t>(extent / cells)) {}

    // `fit`: the parcel's fit to the industry asked for, or nullopt without one.
    void add(TilePoint point, double weight, double area, std::optional<std::int64_t> fit) {
        Cell& cell = cells_by_index_[{point.x / cell_size_, point.y / cell_size_}];
        cell.weight += weight;
        cell.area += area;
        cell.count += 1;
        cell.weighted_x += weight * point.x;
        cell.weighted_y += weight * point.y;
        if (fit) cell.best_fit = std::max(cell.best_fit.value_or(0), *fit);
    }

    // Each cell a point with its summed weight, count and area, and with an
    // industry the best fit among its parcels: the fit map marks cells by it
    // below the parcel zoom, so they show fit as its legend says.
    void encode(LayerEncoder& layer) const {
        for (const auto& [index, cell] : cells_by_index_) {
            const double cx = cell.weight > 0 ? cell.weighted_x / cell.weight : (index.first + 0.5) * cell_size_;
            const double cy = cell.weight > 0 ? cell.weighted_y / cell.weight : (index.second + 0.5) * cell_size_;
            const TileGeometry point{GeometryType::point, {{{static_cast<std::int32_t>(std::lround(cx)),
                                                             static_cast<std::int32_t>(std::lround(cy))}}}};
            const std::array<Property, 4> properties{{{"weight", cell.weight},
                                                      {"count", static_cast<std::int64_t>(cell.count)},
                                                      {"area_m2", cell.area},
                                                      {"fit", cell.best_fit.value_or(0)}}};
            layer.add(std::nullopt, point, std::span(properties.data(), cell.best_fit ? 4 : 3));
        }
    }

private:
    struct Cell {
        double weight = 0, area = 0, weighted_x = 0, weighted_y = 0;
        std::int64_t count = 0;
        std::optional<std::int64_t> best_fit;
    };
    std::int32_t cell_size_;
    std::map<std::pair<std::int32_t, std::int32_t>, Cell> cells_by_index_;
};

bool inside_tile(TilePoint point, std::uint32_t extent) {
    return point.x >= 0 && point.y >= 0 && point.x < static_cast<std::int32_t>(extent) &&
           point.y < static_cast<std::int32_t>(extent);
}

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
    void add_parcel(const source::ParcelRow& parcel, const TileGeometry* geometry, bool with_fit) {
        // The land's area, else the floor area: what the heat weighs and the tile shows.
        const std::optional<double> area_m2 = parcel.area_m2 ? parcel.area_m2 : parcel.floor_area_m2;
        const double area = area_m2.value_or(0.0);
        const TilePoint centre = builder_.point(parcel.centre);
        const double weight = area * static_cast<double>(parcel.fit) / 100.0;
        // Heat counts each parcel once: in the tile that holds its centre.
        if (inside_tile(centre, settings_.extent)) {
            if (detailed_) {
                const std::array<Property, 2> properties{{{"weight", weight}, {"code", parcel.code, true}}};
                heat_.add_point(static_cast<std::uint64_t>(parcel.id), centre, properties);
            } else {
                grid_.add(centre, weight, area, with_fit ? std::optional<std::int64_t>(parcel.fit) : std::nullopt);
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
        if (area_m2) add("area_m2", area);
        if (parcel.rent_yuan_m2_month) add("rent", *parcel.rent_yuan_m2_month);
        if (parcel.power_kva) add("power_kva", *parcel.power_kva);
        if (parcel.park) add("park", *parcel.park, shared);
        if (with_fit) add("fit", static_cast<std::int64_t>(parcel.fit));
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

// A source's outline as tile geometry, into `out`; false when nothing of it
// is drawn in this tile.
bool draw_shape(const TileGeometryBuilder& builder, const source::Shape& shape, TileGeometry& out) {
    if (shape.projected) return builder.from_shape(*shape.projected, out);
    if (shape.wkb.empty()) return false;
    auto geometry = builder.from_wkb(shape.wkb);
    if (!geometry) return false;
    out = std::move(*geometry);
    return true;
}

// Draws and writes the rows that match into layers.
class ParcelWriter {
public:
    ParcelWriter(const source::ParcelRows& rows, bool with_fit) : rows_(rows), with_fit_(with_fit) {}

    void write(std::size_t k, TileLayers& layers) {
        const std::optional<source::ParcelRow> row = rows_.row(k);
        if (!row) return;
        const bool drawn = layers.detailed() && draw_shape(layers.builder(), rows_.shape(k), geometry_);
        layers.add_parcel(*row, drawn ? &geometry_ : nullptr, with_fit_);
    }

private:
    const source::ParcelRows& rows_;
    bool with_fit_;
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
    ChunkedTile(const source::ParcelRows& rows, bool with_fit, geo::TileId tile, const TileSettings& settings)
        : rows_(rows),
          with_fit_(with_fit),
          tile_(tile),
          settings_(settings),
          chunk_count_((rows.size() + kChunkParcels - 1) / kChunkParcels),
          states_(new std::atomic<int>[chunk_count_]),
          chunks_(chunk_count_),
          next_from_back_(static_cast<std::ptrdiff_t>(chunk_count_)) {
        for (std::size_t c = 0; c < chunk_count_; ++c) states_[c].store(kFree, std::memory_order_relaxed);
    }

    std::size_t chunk_count() const { return chunk_count_; }
    static std::size_t first_parcel(std::size_t chunk) { return chunk * kChunkParcels; }
    std::size_t end_parcel(std::size_t chunk) const { return std::min(rows_.size(), (chunk + 1) * kChunkParcels); }

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
                if (!writer) writer.emplace(rows_, with_fit_);
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

    const source::ParcelRows& rows_;
    bool with_fit_;
    geo::TileId tile_;
    TileSettings settings_;
    std::size_t chunk_count_;
    std::unique_ptr<std::atomic<int>[]> states_;
    std::vector<HelperChunk> chunks_;
    std::atomic<std::ptrdiff_t> next_from_back_;
};

// Writes a tile's rows in id order, alone or with a helper.
void write_parcels(const source::ParcelRows& rows, bool with_fit, geo::TileId tile, const TileSettings& settings,
                   DrawingHelpers* helpers, TileLayers& layers) {
    ParcelWriter writer(rows, with_fit);
    std::shared_ptr<ChunkedTile> chunked;
    if (helpers && layers.detailed() && rows.shareable() && rows.size() >= kMinParcelsToShare) {
        chunked = std::make_shared<ChunkedTile>(rows, with_fit, tile, settings);
        if (!helpers->offer([chunked] { chunked->help(); })) chunked.reset();
    }
    if (!chunked) {
        for (std::size_t k = 0; k < rows.size(); ++k) writer.write(k, layers);
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

}  // namespace

std::string build_parcel_tile(const source::ParcelSource& source, geo::TileId tile, const source::ParcelQuery& query,
                              const TileSettings& settings, DrawingHelpers* helpers) {
    const TileGeometryBuilder builder(frame_of(tile, settings));
    TileLayers layers(builder, tile, settings);
    const geo::LonLatBox box = buffered_box(tile, settings);
    // Below parcel_zoom parcels are heat only: their outlines are not read.
    const auto rows = source.parcels_in(box, query, layers.detailed());
    layers.expect_parcels(rows->size());
    write_parcels(*rows, query.filter.industry.has_value(), tile, settings, helpers, layers);
    TileGeometry geometry;
    source.for_each_context(box, [&](const source::ContextRow& feature) {
        const bool drawn = draw_shape(layers.builder(), feature.shape, geometry);
        layers.add_context(feature.layer, feature.name, drawn ? &geometry : nullptr);
    });
    return layers.encode();
}

}  // namespace investmap::mvt
