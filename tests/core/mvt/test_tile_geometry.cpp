#include "mvt/encoder.hpp"
#include "mvt/tile_geometry.hpp"

#include <boost/test/unit_test.hpp>
#include "geos_wkb.hpp"
#include <geos_c.h>

#include <algorithm>
#include <cmath>
#include <random>

using namespace investmap::mvt;

namespace {

std::string wkb(const std::string& wkt) { return investmap::testing::wkb_from_wkt(wkt); }

// A z14 tile over Cangshan, Fuzhou.
const TileFrame kFrame{{14, 13621, 6965}, 4096, 64};

// lon/lat of tile units (inverse of the tile projection), for building inputs.
std::string square_wkt(double x0, double y0, double x1, double y1) {
    const auto bounds = investmap::geo::lonlat_bounds(kFrame.tile);
    const auto lon = [&](double x) { return bounds.west + (bounds.east - bounds.west) * x / 4096; };
    // Latitude is not linear in tile units, but over a z14 tile the error is far below a unit.
    const auto lat = [&](double y) { return bounds.north - (bounds.north - bounds.south) * y / 4096; };
    return "POLYGON((" + std::to_string(lon(x0)) + " " + std::to_string(lat(y0)) + "," + std::to_string(lon(x0)) + " " +
           std::to_string(lat(y1)) + "," + std::to_string(lon(x1)) + " " + std::to_string(lat(y1)) + "," +
           std::to_string(lon(x1)) + " " + std::to_string(lat(y0)) + "," + std::to_string(lon(x0)) + " " +
           std::to_string(lat(y0)) + "))";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_parcel_becomes_one_positive_ring_on_the_grid) {
    const TileGeometryBuilder builder(kFrame);
    const auto geometry = builder.from_wkb(wkb(square_wkt(100, 100, 300, 250)));
    BOOST_REQUIRE(geometry);
    BOOST_TEST(static_cast<int>(geometry->type) == static_cast<int>(GeometryType::polygon));
    BOOST_REQUIRE(geometry->parts.size() == 1u);
    BOOST_TEST(geometry->parts[0].size() == 4u, "closing point dropped");
    BOOST_TEST(doubled_signed_area(geometry->parts[0]) > 0, "exterior ring: positive area, y down");
    BOOST_TEST(std::abs(doubled_signed_area(geometry->parts[0]) - 2 * 200 * 150) < 2 * 2 * 350);
}

BOOST_AUTO_TEST_CASE(a_polygon_is_clipped_to_the_buffer) {
    const TileGeometryBuilder builder(kFrame);
    const auto geometry = builder.from_wkb(wkb(square_wkt(-1000, 100, 5000, 200)));
    BOOST_REQUIRE(geometry);
    for (const TilePoint& p : geometry->parts[0]) BOOST_TEST((p.x >= -64 && p.x <= 4160));
}

BOOST_AUTO_TEST_CASE(what_collapses_at_this_zoom_or_lies_outside_is_dropped) {
    const TileGeometryBuilder builder(kFrame);
    BOOST_TEST(!builder.from_wkb(wkb(square_wkt(100, 100, 100.2, 100.2))).has_value());
    BOOST_TEST(!builder.from_wkb(wkb(square_wkt(9000, 9000, 9100, 9100))).has_value());
    BOOST_TEST(!builder.from_wkb("not wkb").has_value());
}

BOOST_AUTO_TEST_CASE(a_sliver_goes_through_snap_rounding_and_stays_valid) {
    const TileGeometryBuilder builder(kFrame);
    // 200 units long, 0.8 wide: too thin for direct rounding.
    const auto geometry = builder.from_wkb(wkb(square_wkt(100, 100, 300, 100.8)));
    if (geometry) {
        for (const auto& ring : geometry->parts) BOOST_TEST(doubled_signed_area(ring) != 0);
    }
}

BOOST_AUTO_TEST_CASE(geometry_commands_follow_the_spec_example) {
    // MVT 2.1 §4.3.5 example: a polygon (3,6) (8,12) (20,34) →
    // [9, 6, 12, 18, 10, 12, 24, 44, 15].
    const TileGeometry triangle{GeometryType::polygon, {{{3, 6}, {8, 12}, {20, 34}}}};
    BOOST_TEST((encode_geometry(triangle) == std::vector<std::uint32_t>{9, 6, 12, 18, 10, 12, 24, 44, 15}));
    // §4.3.5 multi point: (5,7) (3,2) → [17, 10, 14, 3, 9].
    const TileGeometry points{GeometryType::point, {{{5, 7}}, {{3, 2}}}};
    BOOST_TEST((encode_geometry(points) == std::vector<std::uint32_t>{17, 10, 14, 3, 9}));
}

namespace {

// A polygon in tile units as GEOS sees it: a ring given without its closing point.
GEOSGeometry* geos_polygon(GEOSContextHandle_t context, const std::vector<std::pair<double, double>>& ring) {
    GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(context, static_cast<unsigned>(ring.size() + 1), 2);
    for (std::size_t i = 0; i <= ring.size(); ++i) {
        GEOSCoordSeq_setXY_r(context, sequence, static_cast<unsigned>(i), ring[i % ring.size()].first, ring[i % ring.size()].second);
    }
    return GEOSGeom_createPolygon_r(context, GEOSGeom_createLinearRing_r(context, sequence), nullptr, 0);
}

// The shape whose vertices sit at these tile units of kFrame's tile.
investmap::geo::ProjectedShape shape_at(const std::vector<std::pair<double, double>>& ring) {
    const auto bounds = investmap::geo::mercator_bounds(kFrame.tile);
    const double metres_per_unit = (bounds.max_x - bounds.min_x) / kFrame.extent;
    investmap::geo::ProjectedShape shape;
    shape.type = investmap::geo::ShapeType::polygon;
    for (std::size_t i = 0; i <= ring.size(); ++i) {
        const auto& [x, y] = ring[i % ring.size()];
        shape.points.push_back({bounds.min_x + x * metres_per_unit, bounds.max_y - y * metres_per_unit});
    }
    shape.parts.push_back({static_cast<std::uint32_t>(shape.points.size()), true});
    shape.bounds = investmap::geo::bounds_of(shape.points);
    shape.clearance_m = investmap::geo::ring_clearance(shape, investmap::geo::kClearanceMaxVertices);
    return shape;
}

}  // namespace

// Convex parcels across the buffer's edge are clipped by hand, concave ones
// by GEOS: either way the ring is valid, and covers what GEOS's own clip
// covers, within what rounding moves.
BOOST_AUTO_TEST_CASE(parcels_across_the_edge_are_clipped_as_geos_clips_them) {
    const TileGeometryBuilder builder(kFrame);
    GEOSContextHandle_t context = GEOS_init_r();
    std::mt19937 random(2026);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const double low = -64, high = 4096 + 64;
    int drawn = 0;
    for (int trial = 0; trial < 600; ++trial) {
        // Around an edge or a corner of the buffered tile.
        const double cx = trial % 3 == 0 ? 2000 : (unit(random) < 0.5 ? low : high) + (unit(random) - 0.5) * 400;
        const double cy = trial % 3 == 1 ? 2000 : (unit(random) < 0.5 ? low : high) + (unit(random) - 0.5) * 400;
        const double radius = 5 + unit(random) * 300;
        const int vertices = 3 + static_cast<int>(unit(random) * 12);
        std::vector<double> angles(static_cast<std::size_t>(vertices));
        for (double& angle : angles) angle = unit(random) * 2 * M_PI;
        std::ranges::sort(angles);
        std::vector<std::pair<double, double>> ring;
        for (std::size_t i = 0; i < angles.size(); ++i) {
            // Every fifth polygon dented towards its centre: concave.
            const double r = (trial % 5 == 0 && i % 2 == 1) ? radius * 0.4 : radius;
            ring.emplace_back(cx + r * std::cos(angles[i]), cy + r * std::sin(angles[i]));
        }
        const auto geometry = builder.from_shape(shape_at(ring));

        GEOSGeometry* original = geos_polygon(context, ring);
        GEOSGeometry* clipped = GEOSClipByRect_r(context, original, low, low, high, high);
        double expected = 0, perimeter = 0;
        GEOSArea_r(context, clipped, &expected);
        GEOSLength_r(context, clipped, &perimeter);
        GEOSGeom_destroy_r(context, clipped);
        GEOSGeom_destroy_r(context, original);
        BOOST_TEST_CONTEXT("trial " << trial) {
            if (!geometry) {
                BOOST_TEST(expected <= perimeter, "only what rounding can make vanish is dropped");
                continue;
            }
            ++drawn;
            double area = 0;
            for (std::size_t i = 0; i < geometry->parts.size(); ++i) {
                std::vector<std::pair<double, double>> part;
                for (const TilePoint& p : geometry->parts[i]) {
                    BOOST_TEST((p.x >= low && p.x <= high && p.y >= low && p.y <= high));
                    part.emplace_back(p.x, p.y);
                }
                GEOSGeometry* polygon = geos_polygon(context, part);
                BOOST_TEST(GEOSisValid_r(context, polygon) == 1);
                area += doubled_signed_area(geometry->parts[i]) / 2.0;
                GEOSGeom_destroy_r(context, polygon);
            }
            BOOST_TEST(std::abs(area - expected) <= perimeter, "area " << area << " vs " << expected);
        }
    }
    BOOST_TEST(drawn > 400);
    GEOS_finish_r(context);
}

// A point parcel is drawn without GEOS, keeping exactly the points
// GEOSClipByRect keeps (strictly inside the buffered tile), rounded as GEOS's
// coordinates were: about the buffer's edges (a projection there and back
// puts "on the edge" a hair to either side), just inside, just outside.
BOOST_AUTO_TEST_CASE(point_parcels_are_kept_as_geos_clips_them) {
    const TileGeometryBuilder builder(kFrame);
    GEOSContextHandle_t context = GEOS_init_r();
    const double low = -64, high = 4096 + 64;
    const std::vector<std::pair<double, double>> where = {
        {low, 100},  {high, 100},   {100, low},     {100, high},   {low + 1e-6, 100}, {high - 1e-6, 100},
        {low - 1e-6, 100}, {2000.5, 17.49}, {4095.7, -63.2}, {-63.5, 4159.5}, {5000, 5000}};
    int kept = 0;
    for (const auto& [x, y] : where) {
        auto shape = shape_at({{x, y}});
        shape.type = investmap::geo::ShapeType::point;
        shape.points.resize(1);
        shape.parts = {{1, true}};
        shape.bounds = investmap::geo::bounds_of(shape.points);
        const auto geometry = builder.from_shape(shape);
        // GEOS on the same tile units: the builder's own affine step, undone by shape_at within a rounding error.
        const auto bounds = investmap::geo::mercator_bounds(kFrame.tile);
        const double scale = kFrame.extent / (bounds.max_x - bounds.min_x);
        const double ux = (shape.points[0].x - bounds.min_x) * scale, uy = (bounds.max_y - shape.points[0].y) * scale;
        GEOSGeometry* point = GEOSGeom_createPointFromXY_r(context, ux, uy);
        GEOSGeometry* clipped = GEOSClipByRect_r(context, point, low, low, high, high);
        const bool geos_keeps = clipped && !GEOSisEmpty_r(context, clipped);
        BOOST_TEST_CONTEXT("point " << x << " " << y) {
            BOOST_REQUIRE_EQUAL(geometry.has_value(), geos_keeps);
            if (geometry) {
                ++kept;
                double gx = 0, gy = 0;
                GEOSGeomGetX_r(context, clipped, &gx);
                GEOSGeomGetY_r(context, clipped, &gy);
                BOOST_TEST((geometry->type == GeometryType::point));
                BOOST_REQUIRE_EQUAL(geometry->parts.size(), 1u);
                BOOST_TEST((geometry->parts[0] == std::vector<TilePoint>{{static_cast<std::int32_t>(std::lround(gx)),
                                                                          static_cast<std::int32_t>(std::lround(gy))}}));
            }
        }
        GEOSGeom_destroy_r(context, clipped);
        GEOSGeom_destroy_r(context, point);
    }
    BOOST_TEST(kept >= 4);
    BOOST_TEST(kept <= static_cast<int>(where.size()) - 2);  // beyond the edge and far outside: dropped
    GEOS_finish_r(context);
}

// A shape projected once at load gives the tile the same geometry as the
// WKB it came from: directly rounded parcels, clipped ones, holes, points.
BOOST_AUTO_TEST_CASE(a_projected_shape_draws_like_its_wkb) {
    const TileGeometryBuilder builder(kFrame);
    const std::vector<std::string> shapes = {
        square_wkt(100, 100, 300, 260),          // inside: rounded directly
        square_wkt(-200, 1000, 150, 1200),       // across the left edge: clipped
        square_wkt(4000, 4000, 4500, 4500),      // across a corner
        square_wkt(5000, 5000, 5100, 5100),      // outside the buffer: nothing
        square_wkt(10, 10, 10.2, 10.2),          // collapses at this zoom
        "POLYGON((119.301 26.001, 119.302 26.001, 119.302 26.002, 119.301 26.001))",
        "POINT(119.3 26.03)",
        "MULTIPOLYGON(((119.290 26.010, 119.300 26.010, 119.300 26.020, 119.290 26.020, 119.290 26.010),"
        "(119.293 26.013, 119.293 26.017, 119.297 26.017, 119.293 26.013)))",
    };
    for (const std::string& wkt : shapes) {
        const std::string bytes = wkb(wkt);
        auto shape = investmap::geo::project_wkb(bytes);
        shape.clearance_m = investmap::geo::ring_clearance(shape, investmap::geo::kClearanceMaxVertices);
        const auto from_wkb = builder.from_wkb(bytes);
        const auto from_shape = builder.from_shape(shape);
        BOOST_TEST_CONTEXT(wkt) {
            BOOST_REQUIRE_EQUAL(from_wkb.has_value(), from_shape.has_value());
            if (!from_wkb) continue;
            BOOST_TEST((from_wkb->type == from_shape->type));
            BOOST_REQUIRE_EQUAL(from_wkb->parts.size(), from_shape->parts.size());
            for (std::size_t i = 0; i < from_wkb->parts.size(); ++i) {
                BOOST_TEST((from_wkb->parts[i] == from_shape->parts[i]));
            }
        }
    }
}
