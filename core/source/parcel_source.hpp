#pragma once
// Where tiles and static maps read parcels from: the parcels in a box that
// match a filter and what the caller may see, as rows ready to draw, and
// the map's context in a box. Two sources stand behind it: SQLite (the
// store itself, sqlite_source.hpp) and the memory index (memory_source.hpp);
// a PostGIS one could be a third. Nothing here names SQLite.
#include "filter/filter.hpp"
#include "geo/coordinates.hpp"
#include "geo/projected_shape.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace investmap::source {

// What is asked of the parcels: the filter, and the statuses the caller may see.
struct ParcelQuery {
    const filter::Filter& filter;
    std::span<const std::string_view> visible_statuses;
};

// One parcel as a tile or a map draws it. The texts stay valid while the
// rows that gave it live.
struct ParcelRow {
    std::int64_t id = 0;
    std::string_view code, kind, status;
    std::optional<std::string_view> name, land_use, park;
    std::optional<double> area_m2, floor_area_m2, rent_yuan_m2_month, power_kva;
    int fit = 100;         // for the filter's industry; 100 without one
    geo::LonLatBox box{};  // as the R*Tree holds it (32-bit floats, rounded outwards)
    geo::Mercator centre{};  // the box's centre, where the parcel's heat point goes
    // Kind, status, land use and park are a few shared copies that stay
    // where they are while the source lives (an encoder may find them again
    // by address instead of by content).
    bool shared_texts_stay = false;
};

// An outline in one of the two forms sources keep it: projected to Web
// Mercator already, or WKB in EPSG:4326. Empty when neither.
struct Shape {
    const geo::ProjectedShape* projected = nullptr;
    std::string_view wkb;
    bool empty() const { return !projected && wkb.empty(); }
};

// The parcels one query found, in id order (a tile lists its features so,
// whichever source drew it), read by position: a large tile's helper
// thread writes its last rows while the tile writes the first ones.
class ParcelRows {
public:
    virtual ~ParcelRows() = default;
    // Candidates: rows(k) for k < size() may still turn out not to match.
    virtual std::size_t size() const = 0;
    // The k-th candidate when it matches, else nullopt.
    virtual std::optional<ParcelRow> row(std::size_t k) const = 0;
    // Its outline (a candidate that matched).
    virtual Shape shape(std::size_t k) const = 0;
    // Whether row() and shape() may be called from two threads at once.
    virtual bool shareable() const = 0;
};

struct ContextRow {
    std::string_view layer;  // boundary, roads, parks, water
    std::string_view name;   // "" when it has none
    Shape shape;
};

class ParcelSource {
public:
    virtual ~ParcelSource() = default;
    // The parcels whose boxes meet `box` and match `query`. `with_shapes`:
    // their outlines will be asked for, most of them (a tile at parcel
    // zoom), so a source may read them with the rows.
    virtual std::unique_ptr<ParcelRows> parcels_in(const geo::LonLatBox& box, const ParcelQuery& query, bool with_shapes) const = 0;
    // Each context feature whose box meets `box`, in id order.
    virtual void for_each_context(const geo::LonLatBox& box, const std::function<void(const ContextRow&)>& visit) const = 0;
};

}  // namespace investmap::source
