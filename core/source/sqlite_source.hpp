#pragma once
// Parcels and context straight from the SpatiaLite store: the R*Tree finds
// the boxes, the filter is SQL with every value bound. `investmap render`,
// and the server until its memory index is of the version asked.
#include "source/parcel_source.hpp"
#include "store/sqlite.hpp"

namespace investmap::source {

class SqliteSource final : public ParcelSource {
public:
    // `db`: this thread's connection; the source is used on this thread only.
    explicit SqliteSource(store::Database& db) : db_(db) {}

    std::unique_ptr<ParcelRows> parcels_in(const geo::LonLatBox& box, const ParcelQuery& query, bool with_shapes) const override;
    void for_each_context(const geo::LonLatBox& box, const std::function<void(const ContextRow&)>& visit) const override;

private:
    store::Database& db_;
};

}  // namespace investmap::source
