#include "source/memory_source.hpp"

#include "index/parcel_matcher.hpp"

#include <algorithm>
#include <vector>

namespace investmap::source {
namespace {

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

std::optional<std::string_view> view(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return std::string_view(*text);
}

class MemoryRows final : public ParcelRows {
public:
    MemoryRows(const index::ParcelIndex& parcels, const ParcelQuery& query, const geo::LonLatBox& box)
        : parcels_(parcels), matcher_(parcels, query.filter, query.visible_statuses), found_(find_parcels(parcels, box)) {}

    std::size_t size() const override { return found_.size(); }

    std::optional<ParcelRow> row(std::size_t k) const override {
        prefetch_ahead(k);
        const std::size_t i = found_[k].second;
        const std::optional<int> fit = matcher_.match(i);
        if (!fit) return std::nullopt;
        const index::IndexedParcel& p = parcels_.parcel(i);
        ParcelRow row{p.id, p.code, p.kind, p.status, view(p.name), p.land_use, p.park};
        row.area_m2 = p.area_m2;
        row.floor_area_m2 = p.floor_area_m2;
        row.rent_yuan_m2_month = p.rent_yuan_m2_month;
        row.power_kva = p.power_kva;
        row.fit = *fit;
        row.box = p.box;
        row.centre = p.centre;
        row.shared_texts_stay = true;
        return row;
    }

    Shape shape(std::size_t k) const override { return {&parcels_.parcel(found_[k].second).shape, {}}; }
    bool shareable() const override { return true; }  // the index never changes; the matcher only reads

private:
    void prefetch_ahead(std::size_t k) const {
        if (k + kPrefetchParcel < found_.size()) prefetch_struct(parcels_.parcel(found_[k + kPrefetchParcel].second));
        if (k + kPrefetchHeap < found_.size()) prefetch_heap(parcels_.parcel(found_[k + kPrefetchHeap].second));
    }

    const index::ParcelIndex& parcels_;
    index::ParcelMatcher matcher_;
    FoundParcels found_;
};

bool boxes_meet(const geo::LonLatBox& a, const geo::LonLatBox& b) {
    return a.west <= b.east && a.east >= b.west && a.south <= b.north && a.north >= b.south;
}

}  // namespace

std::unique_ptr<ParcelRows> MemorySource::parcels_in(const geo::LonLatBox& box, const ParcelQuery& query, bool) const {
    return std::make_unique<MemoryRows>(parcels_, query, box);
}

void MemorySource::for_each_context(const geo::LonLatBox& box, const std::function<void(const ContextRow&)>& visit) const {
    for (const index::ContextFeature& feature : parcels_.context()) {
        if (boxes_meet(feature.box, box)) visit({feature.layer, feature.name.value_or(""), {&feature.shape, {}}});
    }
}

}  // namespace investmap::source
