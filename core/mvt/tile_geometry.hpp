#pragma once
// Geometry in a tile's integer grid (MVT 2.1 §4.3): projected to Web
// Mercator, clipped to the buffered tile, simplified, snapped to the grid
// with validity kept, rings wound as the spec wants.
#include "geo/projected_shape.hpp"
#include "geo/tile.hpp"
#include "mvt/geos_handles.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace investmap::mvt {

enum class GeometryType : std::uint32_t { point = 1, linestring = 2, polygon = 3 };

struct TilePoint {
    std::int32_t x;
    std::int32_t y;
    bool operator==(const TilePoint&) const = default;
};

// Polygons: each ring without its closing point; an exterior ring (positive
// area by the surveyor's formula, y down) is followed by its holes.
struct TileGeometry {
    GeometryType type = GeometryType::point;
    std::vector<std::vector<TilePoint>> parts;
};

struct TileFrame {
    geo::TileId tile;
    std::uint32_t extent = 4096;
    std::uint32_t buffer = 64;
};

// Twice the signed area of a ring by the surveyor's formula, in tile units.
std::int64_t doubled_signed_area(const std::vector<TilePoint>& ring);

class TileGeometryBuilder {
public:
    explicit TileGeometryBuilder(TileFrame frame);
    ~TileGeometryBuilder();
    TileGeometryBuilder(const TileGeometryBuilder&) = delete;
    TileGeometryBuilder& operator=(const TileGeometryBuilder&) = delete;

    // From 2D WKB in EPSG:4326. Nothing (nullopt) when the geometry falls
    // outside the buffered tile or collapses at this zoom.
    std::optional<TileGeometry> from_wkb(std::string_view wkb) const;
    // The same from a shape projected once at load: the same clipping,
    // simplifying and snapping, without reading WKB or projecting again.
    std::optional<TileGeometry> from_shape(const geo::ProjectedShape& shape) const;
    // The same into `out`, whose buffers are reused from feature to feature
    // (the tile path draws a few hundred thousand a second); false: nothing.
    bool from_shape(const geo::ProjectedShape& shape, TileGeometry& out) const;
    // A lon/lat point in tile units (may lie outside the tile).
    TilePoint point(double lon, double lat) const;
    // A Web Mercator point in tile units (may lie outside the tile).
    TilePoint point(geo::Mercator m) const;

private:
    geo::Mercator in_tile_units(geo::Mercator m) const;  // unrounded
    GeometryPtr shape_in_tile_units(const geo::ProjectedShape& shape) const;
    // Clipped to the buffered tile, simplified, snapped to the grid.
    std::optional<TileGeometry> clip_and_snap(GeometryPtr projected) const;
    std::optional<bool> clip_convex_ring(const geo::ProjectedShape& shape, TileGeometry& out) const;
    std::optional<TileGeometry> collect(const GEOSGeometry* snapped) const;

    TileFrame frame_;
    geo::MercatorBox bounds_;  // the tile in Web Mercator metres
    // Tile units per metre, divided once per tile: computed per point it was
    // a division each time (the compiler cannot keep it across the buffers
    // each point is written to).
    double scale_;
    GeosContext geos_;
    // Reused by clip_convex_ring from feature to feature.
    mutable std::vector<geo::Mercator> clip_ring_, clip_scratch_;
};

}  // namespace investmap::mvt
