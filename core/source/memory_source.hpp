#pragma once
// Parcels and context from the memory index (index/parcel_index.hpp): the
// server's tiles and static maps once the index is of the data version asked.
#include "index/parcel_index.hpp"
#include "source/parcel_source.hpp"

namespace investmap::source {

class MemorySource final : public ParcelSource {
public:
    explicit MemorySource(const index::ParcelIndex& parcels) : parcels_(parcels) {}

    std::unique_ptr<ParcelRows> parcels_in(const geo::LonLatBox& box, const ParcelQuery& query, bool with_shapes) const override;
    void for_each_context(const geo::LonLatBox& box, const std::function<void(const ContextRow&)>& visit) const override;

private:
    const index::ParcelIndex& parcels_;
};

}  // namespace investmap::source
