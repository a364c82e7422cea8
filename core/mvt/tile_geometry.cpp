#include "mvt/tile_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace investmap::mvt {
namespace {

struct Projection {
    geo::Bounds bounds;
    double units_per_metre;
};

// GEOS calls this for every coordinate: lon/lat → tile units, y down.
int project(double* x, double* y, void* userdata) {
    const auto& projection = *static_cast<const Projection*>(userdata);
    const geo::Mercator m = geo::to_mercator(*x, *y);
    *x = (m.x - projection.bounds.min_x) * projection.units_per_metre;
    *y = (projection.bounds.max_y - m.y) * projection.units_per_metre;
    return 1;
}

std::vector<TilePoint> read_points(GEOSContextHandle_t context, const GEOSGeometry* line, bool drop_closing) {
    const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context, line);
    unsigned int size = 0;
    GEOSCoordSeq_getSize_r(context, sequence, &size);
    std::vector<TilePoint> points;
    points.reserve(size);
    for (unsigned int i = 0; i < size; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(context, sequence, i, &x, &y);
        const TilePoint point{static_cast<std::int32_t>(std::lround(x)), static_cast<std::int32_t>(std::lround(y))};
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
constexpr std::size_t kMaxCoordinatesUnsimplified = 16;
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
    : frame_(frame), bounds_(geo::mercator_bounds(frame.tile)), reader_(GEOSWKBReader_create_r(geos_.get())) {}

TileGeometryBuilder::~TileGeometryBuilder() { GEOSWKBReader_destroy_r(geos_.get(), reader_); }

TilePoint TileGeometryBuilder::point(double lon, double lat) const { return point(geo::to_mercator(lon, lat)); }

TilePoint TileGeometryBuilder::point(geo::Mercator m) const {
    const double scale = units_per_metre();
    return {static_cast<std::int32_t>(std::lround((m.x - bounds_.min_x) * scale)),
            static_cast<std::int32_t>(std::lround((bounds_.max_y - m.y) * scale))};
}

GeometryPtr TileGeometryBuilder::to_tile_units(const GEOSGeometry* lonlat) const {
    Projection projection{bounds_, units_per_metre()};
    return own(geos_.get(), GEOSGeom_transformXY_r(geos_.get(), lonlat, &project, &projection));
}

std::optional<TileGeometry> TileGeometryBuilder::from_wkb(std::string_view wkb) const {
    GEOSContextHandle_t context = geos_.get();
    GeometryPtr lonlat = own(context, GEOSWKBReader_read_r(context, reader_, reinterpret_cast<const unsigned char*>(wkb.data()), wkb.size()));
    if (!lonlat) return std::nullopt;
    // Projected whole, then clipped in tile units: the same steps from_shape
    // takes, so both give the same geometry to the bit.
    GeometryPtr projected = to_tile_units(lonlat.get());
    if (!projected) return std::nullopt;
    return clip_and_snap(std::move(projected));
}

std::optional<TileGeometry> TileGeometryBuilder::from_shape(const geo::ProjectedShape& shape) const {
    TileGeometry geometry;
    if (!from_shape(shape, geometry)) return std::nullopt;
    return geometry;
}

bool TileGeometryBuilder::from_shape(const geo::ProjectedShape& shape, TileGeometry& out) const {
    const double scale = units_per_metre();
    const double low = -static_cast<double>(frame_.buffer);
    const double high = static_cast<double>(frame_.extent + frame_.buffer);
    const double min_x = (shape.bounds.min_x - bounds_.min_x) * scale, max_x = (shape.bounds.max_x - bounds_.min_x) * scale;
    const double min_y = (bounds_.max_y - shape.bounds.max_y) * scale, max_y = (bounds_.max_y - shape.bounds.min_y) * scale;
    if (shape.points.empty() || max_x < low || min_x > high || max_y < low || min_y > high) return false;
    const bool inside = min_x > low && max_x < high && min_y > low && max_y < high;
    // The common parcel: a few vertices, wholly in the buffered tile, far
    // enough from itself at this zoom. Clipping would return it unchanged,
    // there is nothing to simplify, and rounding keeps it valid.
    if (inside && shape.points.size() <= kMaxCoordinatesUnsimplified && shape.clearance_m * scale >= kSafeClearance) {
        out.type = GeometryType::polygon;
        out.parts.resize(1);
        std::vector<TilePoint>& ring = out.parts.front();
        ring.clear();
        for (const geo::Mercator& m : shape.points) {
            const TilePoint point{static_cast<std::int32_t>(std::lround((m.x - bounds_.min_x) * scale)),
                                  static_cast<std::int32_t>(std::lround((bounds_.max_y - m.y) * scale))};
            if (ring.empty() || !(ring.back() == point)) ring.push_back(point);
        }
        if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
        return wind(ring, true);
    }
    GeometryPtr projected = shape_in_tile_units(shape);
    if (!projected) return false;
    std::optional<TileGeometry> clipped = clip_and_snap(std::move(projected));
    if (!clipped) return false;
    out = std::move(*clipped);
    return true;
}

double TileGeometryBuilder::units_per_metre() const { return frame_.extent / (bounds_.max_x - bounds_.min_x); }

GeometryPtr TileGeometryBuilder::shape_in_tile_units(const geo::ProjectedShape& shape) const {
    GEOSContextHandle_t context = geos_.get();
    const double scale = units_per_metre();
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
    // Snap-rounding to the integer grid keeps polygons valid (no self-
    // intersections), unlike rounding each coordinate on its own.
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
