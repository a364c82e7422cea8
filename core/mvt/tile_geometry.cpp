#include "mvt/tile_geometry.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <stdexcept>
#include <cmath>

namespace investmap::mvt {
namespace {

// std::lround (half away from zero) without the library call, which was a
// cost per coordinate: x − trunc(x) is exact for the magnitudes of tile
// units, so the half is judged exactly; anything huge goes to std::lround.
std::int32_t round_half_away(double x) {
    if (!(std::abs(x) < 1e15)) return static_cast<std::int32_t>(std::lround(x));
    const auto whole = static_cast<std::int64_t>(x);  // towards zero
    const double rest = x - static_cast<double>(whole);
    return static_cast<std::int32_t>(whole + (rest >= 0.5 ? 1 : 0) - (rest <= -0.5 ? 1 : 0));
}

TilePoint rounded(geo::Mercator units) { return {round_half_away(units.x), round_half_away(units.y)}; }

std::vector<TilePoint> read_points(GEOSContextHandle_t context, const GEOSGeometry* line, bool drop_closing) {
    const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context, line);
    unsigned int size = 0;
    GEOSCoordSeq_getSize_r(context, sequence, &size);
    std::vector<TilePoint> points;
    points.reserve(size);
    for (unsigned int i = 0; i < size; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(context, sequence, i, &x, &y);
        const TilePoint point = rounded({x, y});
        if (points.empty() || !(points.back() == point)) points.push_back(point);
    }
    if (drop_closing && points.size() > 1 && points.front() == points.back()) points.pop_back();
    return points;
}

// Winds a ring as MVT wants: exterior positive, holes negative. False when
// it collapsed at this zoom.
bool wind(std::vector<TilePoint>& ring, bool exterior) {
    const std::int64_t area = doubled_signed_area(ring);
    if (ring.size() < 3 || area == 0) return false;
    if ((area > 0) != exterior) std::reverse(ring.begin(), ring.end());
    return true;
}

// A closed ring in tile units (any plane will do), rounded to the grid into
// `out` as its one exterior ring; false when it collapses. The caller has
// made sure rounding keeps it valid.
bool round_exterior(std::span<const geo::Mercator> ring, TileGeometry& out) {
    out.type = GeometryType::polygon;
    out.parts.resize(1);
    std::vector<TilePoint>& points = out.parts.front();
    points.clear();
    for (const geo::Mercator& m : ring) {
        const TilePoint point = rounded(m);
        if (points.empty() || !(points.back() == point)) points.push_back(point);
    }
    if (points.size() > 1 && points.front() == points.back()) points.pop_back();
    return wind(points, true);
}

// Adds a ring wound as MVT wants, unless it collapsed.
void add_ring(std::vector<TilePoint> ring, bool exterior, TileGeometry& geometry) {
    if (wind(ring, exterior)) geometry.parts.push_back(std::move(ring));
}

void collect_part(GEOSContextHandle_t context, const GEOSGeometry* part, TileGeometry& geometry) {
    switch (GEOSGeomTypeId_r(context, part)) {
        case GEOS_POINT:
            geometry.type = GeometryType::point;
            geometry.parts.push_back(read_points(context, part, false));
            break;
        case GEOS_LINESTRING:
            geometry.type = GeometryType::linestring;
            if (auto points = read_points(context, part, false); points.size() >= 2) geometry.parts.push_back(std::move(points));
            break;
        case GEOS_POLYGON: {
            geometry.type = GeometryType::polygon;
            const std::size_t before = geometry.parts.size();
            add_ring(read_points(context, GEOSGetExteriorRing_r(context, part), true), true, geometry);
            if (geometry.parts.size() == before) break;  // no exterior, no holes
            for (int i = 0; i < GEOSGetNumInteriorRings_r(context, part); ++i) {
                add_ring(read_points(context, GEOSGetInteriorRingN_r(context, part, i), true), false, geometry);
            }
            break;
        }
        default:  // collections: their parts, of one kind after clipping a single-kind input
            for (int i = 0; i < GEOSGetNumGeometries_r(context, part); ++i) {
                collect_part(context, GEOSGetGeometryN_r(context, part, i), geometry);
            }
    }
}

constexpr int kMaxVerticesForDirectRounding = 64;
// Above this many coordinates a clipped geometry is simplified first.
constexpr std::size_t kMaxCoordinatesUnsimplified = geo::kClearanceMaxVertices + 1;  // a ring's closing point too
// Rounding moves a vertex by at most √2/2 ≈ 0.71 units; two vertices moving
// towards each other close a gap of at most 1.42 units.
constexpr double kSafeClearance = 1.5;

// Whether rounding each vertex to the grid keeps this polygon valid: one
// ring (no holes to touch), few vertices, and every vertex clear of every
// edge it is not an end of. Then snap-rounding (GEOS setPrecision, which
// costs a fresh random_device per call) is not needed.
bool direct_rounding_is_safe(GEOSContextHandle_t context, const GEOSGeometry* geometry) {
    if (GEOSGeomTypeId_r(context, geometry) != GEOS_POLYGON || GEOSGetNumInteriorRings_r(context, geometry) != 0) return false;
    const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context, GEOSGetExteriorRing_r(context, geometry));
    unsigned int size = 0;
    GEOSCoordSeq_getSize_r(context, sequence, &size);
    if (size < 4 || size > kMaxVerticesForDirectRounding + 1) return false;
    std::vector<geo::Mercator> ring(size);  // tile units: any plane will do
    for (unsigned int i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(context, sequence, i, &ring[i].x, &ring[i].y);
    return geo::closed_ring_clearance(ring) >= kSafeClearance;
}

// Whether a closed ring (last point = first) is convex: it turns the same
// way at every vertex, and goes left-right and up-down only once each (which
// a self-crossing star, turning one way throughout, does not).
bool is_convex(std::span<const geo::Mercator> ring) {
    if (ring.size() < 4) return false;
    const std::size_t n = ring.size() - 1;
    int turn = 0, x_changes = 0, y_changes = 0;
    double last_dx = 0, last_dy = 0;
    for (std::size_t i = 0; i <= n; ++i) {  // once more: the last vertex's turn and direction change
        const geo::Mercator& a = ring[i % n];
        const geo::Mercator& b = ring[(i + 1) % n];
        const geo::Mercator& c = ring[(i + 2) % n];
        const double cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        if (cross != 0) {
            const int side = cross > 0 ? 1 : -1;
            if (turn != 0 && side != turn) return false;
            turn = side;
        }
        const double dx = b.x - a.x, dy = b.y - a.y;
        if (dx != 0) {
            x_changes += (last_dx != 0 && (dx > 0) != (last_dx > 0)) ? 1 : 0;
            last_dx = dx;
        }
        if (dy != 0) {
            y_changes += (last_dy != 0 && (dy > 0) != (last_dy > 0)) ? 1 : 0;
            last_dy = dy;
        }
    }
    return turn != 0 && x_changes <= 2 && y_changes <= 2;
}

// One side of the buffered tile: keeps points with coordinate `axis` on the
// `below` side of `bound`.
struct ClipEdge {
    bool x_axis;
    bool below;
    double bound;

    bool keeps(const geo::Mercator& p) const {
        const double v = x_axis ? p.x : p.y;
        return below ? v <= bound : v >= bound;
    }
    geo::Mercator crossing(const geo::Mercator& a, const geo::Mercator& b) const {
        if (x_axis) return {bound, a.y + (bound - a.x) / (b.x - a.x) * (b.y - a.y)};
        return {a.x + (bound - a.y) / (b.y - a.y) * (b.x - a.x), bound};
    }
};

// Sutherland–Hodgman: clips an open ring (no closing point) to the square
// [low, high]². Exact for a convex ring, whose clipped part is one convex
// ring; `scratch` is reused.
void clip_convex(std::vector<geo::Mercator>& ring, double low, double high, std::vector<geo::Mercator>& scratch) {
    const std::array<ClipEdge, 4> edges{{{true, false, low}, {true, true, high}, {false, false, low}, {false, true, high}}};
    for (const ClipEdge& edge : edges) {
        scratch.clear();
        for (std::size_t i = 0; i < ring.size(); ++i) {
            const geo::Mercator& previous = ring[(i + ring.size() - 1) % ring.size()];
            const geo::Mercator& current = ring[i];
            if (edge.keeps(current)) {
                if (!edge.keeps(previous)) scratch.push_back(edge.crossing(previous, current));
                scratch.push_back(current);
            } else if (edge.keeps(previous)) {
                scratch.push_back(edge.crossing(previous, current));
            }
        }
        ring.swap(scratch);
        if (ring.empty()) return;
    }
}

}  // namespace

std::int64_t doubled_signed_area(const std::vector<TilePoint>& ring) {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const TilePoint& a = ring[i];
        const TilePoint& b = ring[(i + 1) % ring.size()];
        sum += std::int64_t{a.x} * b.y - std::int64_t{b.x} * a.y;
    }
    return sum;
}

TileGeometryBuilder::TileGeometryBuilder(TileFrame frame)
    : frame_(frame), bounds_(geo::mercator_bounds(frame.tile)), scale_(frame_.extent / (bounds_.max_x - bounds_.min_x)) {}

TileGeometryBuilder::~TileGeometryBuilder() = default;

TilePoint TileGeometryBuilder::point(double lon, double lat) const { return point(geo::to_mercator(lon, lat)); }

TilePoint TileGeometryBuilder::point(geo::Mercator m) const { return rounded(in_tile_units(m)); }

std::optional<TileGeometry> TileGeometryBuilder::from_wkb(std::string_view wkb) const {
    // Projected as the memory index projects at load, then drawn the same
    // way: both give a tile the same bytes.
    geo::ProjectedShape shape;
    try {
        shape = geo::project_wkb(wkb);
    } catch (const std::invalid_argument&) {
        return std::nullopt;  // not 2D WKB: the importers never store such
    }
    shape.clearance_m = geo::ring_clearance(shape, geo::kClearanceMaxVertices);
    return from_shape(shape);
}

std::optional<TileGeometry> TileGeometryBuilder::from_shape(const geo::ProjectedShape& shape) const {
    TileGeometry geometry;
    if (!from_shape(shape, geometry)) return std::nullopt;
    return geometry;
}

bool TileGeometryBuilder::from_shape(const geo::ProjectedShape& shape, TileGeometry& out) const {
    const double scale = scale_;
    const double low = -static_cast<double>(frame_.buffer);
    const double high = static_cast<double>(frame_.extent + frame_.buffer);
    const double min_x = (shape.bounds.min_x - bounds_.min_x) * scale, max_x = (shape.bounds.max_x - bounds_.min_x) * scale;
    const double min_y = (bounds_.max_y - shape.bounds.max_y) * scale, max_y = (bounds_.max_y - shape.bounds.min_y) * scale;
    if (shape.points.empty() || max_x < low || min_x > high || max_y < low || min_y > high) return false;
    const bool inside = min_x > low && max_x < high && min_y > low && max_y < high;
    // A parcel that is one point (an office in a building): kept when it lies
    // strictly inside the buffered tile, as GEOSClipByRect keeps a point, and
    // rounded. Through GEOS each cost ~1.5 µs; a sweep draws tens of thousands.
    if (shape.type == geo::ShapeType::point && shape.points.size() == 1) {
        if (!inside) return false;
        out.type = GeometryType::point;
        out.parts.resize(1);
        out.parts.front().assign(1, rounded(in_tile_units(shape.points.front())));
        return true;
    }
    // The common parcel: a few vertices, wholly in the buffered tile, far
    // enough from itself at this zoom. Clipping would return it unchanged,
    // there is nothing to simplify, and rounding keeps it valid.
    if (inside && shape.points.size() <= kMaxCoordinatesUnsimplified && shape.clearance_m * scale >= kSafeClearance) {
        std::vector<geo::Mercator>& ring = clip_ring_;
        ring.clear();
        for (const geo::Mercator& m : shape.points) ring.push_back(in_tile_units(m));
        return round_exterior(ring, out);
    }
    if (!inside && shape.type == geo::ShapeType::polygon && shape.parts.size() == 1 &&
        shape.points.size() <= kMaxCoordinatesUnsimplified) {
        if (const auto drawn = clip_convex_ring(shape, out)) return *drawn;
    }
    GeometryPtr projected = shape_in_tile_units(shape);
    if (!projected) return false;
    std::optional<TileGeometry> clipped = clip_and_snap(std::move(projected));
    if (!clipped) return false;
    out = std::move(*clipped);
    return true;
}

// The parcel crossing the buffer's edge: a few vertices, convex. Clipped
// by hand (GEOS would build geometries for it, and its snap-rounding costs
// a fresh random_device each call); rounded directly when the clipped ring
// is clear enough of itself. Nothing (nullopt) when GEOS has to decide.
std::optional<bool> TileGeometryBuilder::clip_convex_ring(const geo::ProjectedShape& shape, TileGeometry& out) const {
    if (!is_convex(shape.points)) return std::nullopt;
    std::vector<geo::Mercator>& ring = clip_ring_;
    ring.clear();
    for (std::size_t i = 0; i + 1 < shape.points.size(); ++i) ring.push_back(in_tile_units(shape.points[i]));  // open
    clip_convex(ring, -static_cast<double>(frame_.buffer), static_cast<double>(frame_.extent + frame_.buffer), clip_scratch_);
    // A vertex on the tile's edge comes back twice: once is enough.
    const auto same = [](const geo::Mercator& a, const geo::Mercator& b) { return a.x == b.x && a.y == b.y; };
    ring.erase(std::unique(ring.begin(), ring.end(), same), ring.end());
    while (ring.size() > 1 && same(ring.front(), ring.back())) ring.pop_back();
    if (ring.size() < 3) return false;  // the box met the tile, the parcel does not
    ring.push_back(ring.front());
    if (geo::closed_ring_clearance(ring) < kSafeClearance) return std::nullopt;
    return round_exterior(ring, out);
}

geo::Mercator TileGeometryBuilder::in_tile_units(geo::Mercator m) const {
    const double scale = scale_;
    return {(m.x - bounds_.min_x) * scale, (bounds_.max_y - m.y) * scale};
}

GeometryPtr TileGeometryBuilder::shape_in_tile_units(const geo::ProjectedShape& shape) const {
    GEOSContextHandle_t context = geos_.get();
    const double scale = scale_;
    std::vector<double> xy;
    const auto sequence = [&](std::uint32_t begin, std::uint32_t end) {
        xy.clear();
        for (std::uint32_t i = begin; i < end; ++i) {
            xy.push_back((shape.points[i].x - bounds_.min_x) * scale);
            xy.push_back((bounds_.max_y - shape.points[i].y) * scale);
        }
        return GEOSCoordSeq_copyFromBuffer_r(context, xy.data(), end - begin, 0, 0);
    };
    std::vector<GEOSGeometry*> members;  // owned until handed to a collection
    const auto release = [&] {
        for (GEOSGeometry* member : members) GEOSGeom_destroy_r(context, member);
        return GeometryPtr(nullptr, GeometryDeleter{context});
    };
    std::uint32_t begin = 0;
    for (std::size_t i = 0; i < shape.parts.size(); ++i) {
        std::uint32_t end = shape.parts[i].end;
        GEOSGeometry* member = nullptr;
        if (shape.type == geo::ShapeType::point) {
            member = GEOSGeom_createPoint_r(context, sequence(begin, end));
        } else if (shape.type == geo::ShapeType::line) {
            member = GEOSGeom_createLineString_r(context, sequence(begin, end));
        } else {
            GEOSGeometry* shell = GEOSGeom_createLinearRing_r(context, sequence(begin, end));
            std::vector<GEOSGeometry*> holes;
            while (shell && i + 1 < shape.parts.size() && !shape.parts[i + 1].exterior) {
                begin = end;
                end = shape.parts[++i].end;
                GEOSGeometry* hole = GEOSGeom_createLinearRing_r(context, sequence(begin, end));
                if (hole) holes.push_back(hole);
            }
            member = shell ? GEOSGeom_createPolygon_r(context, shell, holes.data(), static_cast<unsigned>(holes.size())) : nullptr;
        }
        if (!member) return release();
        members.push_back(member);
        begin = end;
    }
    if (members.size() == 1) return own(context, members[0]);
    const int type = shape.type == geo::ShapeType::point ? GEOS_MULTIPOINT
                     : shape.type == geo::ShapeType::line ? GEOS_MULTILINESTRING
                                                          : GEOS_MULTIPOLYGON;
    return own(context, GEOSGeom_createCollection_r(context, type, members.data(), static_cast<unsigned>(members.size())));
}

std::optional<TileGeometry> TileGeometryBuilder::clip_and_snap(GeometryPtr projected) const {
    GEOSContextHandle_t context = geos_.get();
    const double low = -static_cast<double>(frame_.buffer);
    const double high = static_cast<double>(frame_.extent + frame_.buffer);
    GeometryPtr clipped = own(context, GEOSClipByRect_r(context, projected.get(), low, low, high, high));
    if (!clipped || GEOSisEmpty_r(context, clipped.get())) return std::nullopt;
    // Half a grid unit: detail finer than that vanishes in the snapping anyway.
    // A parcel of a few vertices has nothing to simplify.
    GeometryPtr simplified = GEOSGetNumCoordinates_r(context, clipped.get()) > static_cast<int>(kMaxCoordinatesUnsimplified)
                                 ? own(context, GEOSTopologyPreserveSimplify_r(context, clipped.get(), 0.5))
                                 : nullptr;
    const GEOSGeometry* shape = simplified ? simplified.get() : clipped.get();
    const int type = GEOSGeomTypeId_r(context, shape);
    // Points and lines cannot turn invalid by rounding; simple polygons far
    // enough from themselves cannot either (collect() rounds).
    if (type == GEOS_POINT || type == GEOS_MULTIPOINT || type == GEOS_LINESTRING || type == GEOS_MULTILINESTRING ||
        direct_rounding_is_safe(context, shape)) {
        return collect(shape);
    }
    // Rounding each coordinate on its own, then checking the result is valid
    // (GEOSisValid): a few microseconds, and enough for most such polygons
    // (802 of the sweep's 930). Snap-rounding to the integer grid keeps any
    // polygon valid (no self-intersections), but costs ~40 µs a polygon here
    // (GEOS opens a fresh random_device for each): it is the fallback.
    GeometryPtr rounded = own(context, GEOSGeom_setPrecision_r(context, shape, 1.0, GEOS_PREC_NO_TOPO));
    if (rounded && !GEOSisEmpty_r(context, rounded.get()) && GEOSisValid_r(context, rounded.get()) == 1) {
        return collect(rounded.get());
    }
    GeometryPtr snapped = own(context, GEOSGeom_setPrecision_r(context, shape, 1.0, 0));
    if (!snapped || GEOSisEmpty_r(context, snapped.get())) return std::nullopt;
    return collect(snapped.get());
}

std::optional<TileGeometry> TileGeometryBuilder::collect(const GEOSGeometry* snapped) const {
    TileGeometry geometry;
    collect_part(geos_.get(), snapped, geometry);
    if (geometry.parts.empty()) return std::nullopt;
    return geometry;
}

}  // namespace investmap::mvt
