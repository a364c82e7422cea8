#pragma once
// A geometry projected to Web Mercator once, when it is loaded, so drawing it
// in any tile or picture is an affine step per vertex instead of a WKB read,
// a log and a tan.
#include "geo/tile.hpp"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace investmap::geo {

enum class ShapeType : std::uint8_t { point, line, polygon };

// A run of `points` ending (exclusive) at `end`: a point, a line or a ring.
// Polygon rings keep their closing point; a ring that starts a polygon is its
// exterior, the rings after it up to the next exterior are its holes.
struct ShapePart {
    std::uint32_t end = 0;
    bool exterior = false;
};

struct ProjectedShape {
    ShapeType type = ShapeType::point;
    std::vector<Mercator> points;
    std::vector<ShapePart> parts;
    MercatorBox bounds;  // of the points, in metres
    // For a polygon of one ring: the smallest distance (metres) from a vertex
    // to an edge it is not an end of. Rounding to a grid whose cell is less
    // than this ÷ 1.5 cannot make the ring cross itself. 0 when not computed.
    double clearance_m = 0;
};

// The smallest distance from a vertex of a closed ring (last point = first)
// to an edge it is not an end of, in the ring's units; 0 for under 3 vertices.
double closed_ring_clearance(std::span<const Mercator> ring);

// The clearance above for the one ring of `shape` (0 for anything else, or
// when the ring has more than `max_vertices` vertices: the check is O(n²)).
double ring_clearance(const ProjectedShape& shape, std::size_t max_vertices);
// The most vertices a ring's clearance is computed for, at load and in tiles.
inline constexpr std::size_t kClearanceMaxVertices = 15;

// Bounds of the points; all zero for no point.
MercatorBox bounds_of(const std::vector<Mercator>& points);

}  // namespace investmap::geo

namespace investmap::geo {

// Reads 2D WKB in EPSG:4326 (Point … MultiPolygon, either byte order) and
// projects every vertex to Web Mercator. Throws std::invalid_argument for
// anything else or truncated bytes.
ProjectedShape project_wkb(std::string_view wkb);

}  // namespace investmap::geo
