#include "mvt/encoder.hpp"
#include "mvt/tile_geometry.hpp"

#include <boost/test/unit_test.hpp>
#include "geos_wkb.hpp"
#include <geos_c.h>

using namespace investmap::mvt;

namespace {

std::string wkb(const std::string& wkt) { return investmap::testing::wkb_from_wkt(wkt); }

// A z14 tile over Cangshan, Fuzhou.
const TileFrame kFrame{{14, 13621, 6965}, 4096, 64};

// lon/lat of tile units (inverse of the tile projection), for building inputs.
std::string square_wkt(double x0, double y0, double x1, double y1) {
    const auto bounds = investmap::geo::lonlat_bounds(kFrame.tile);
    const auto lon = [&](double x) { return bounds.min_x + (bounds.max_x - bounds.min_x) * x / 4096; };
    // Latitude is not linear in tile units, but over a z14 tile the error is far below a unit.
    const auto lat = [&](double y) { return bounds.max_y - (bounds.max_y - bounds.min_y) * y / 4096; };
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
        shape.clearance_m = investmap::geo::ring_clearance(shape, 15);
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
