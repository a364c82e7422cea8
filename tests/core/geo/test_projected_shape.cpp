// WKB read into Web Mercator once; the clearance that lets a tile round a
// ring directly.
#include "geo/projected_shape.hpp"

#include "geos_wkb.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>

using namespace investmap;

BOOST_AUTO_TEST_CASE(points_are_projected_like_the_tile_math) {
    const geo::ProjectedShape shape = geo::project_wkb(testing::wkb_from_wkt("POINT (119.3 26.03)"));
    BOOST_TEST((shape.type == geo::ShapeType::point));
    BOOST_REQUIRE_EQUAL(shape.points.size(), 1u);
    const geo::Mercator expected = geo::to_mercator(119.3, 26.03);
    BOOST_TEST(shape.points[0].x == expected.x);
    BOOST_TEST(shape.points[0].y == expected.y);
    BOOST_TEST(shape.bounds.min_x == expected.x);
}

BOOST_AUTO_TEST_CASE(multipolygons_keep_rings_and_which_ring_starts_a_polygon) {
    const auto shape = geo::project_wkb(testing::wkb_from_wkt(
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0), (0.2 0.2, 0.2 0.4, 0.4 0.4, 0.2 0.2)), ((2 2, 3 2, 3 3, 2 2)))"));
    BOOST_TEST((shape.type == geo::ShapeType::polygon));
    BOOST_REQUIRE_EQUAL(shape.parts.size(), 3u);
    BOOST_TEST(shape.parts[0].exterior);
    BOOST_TEST(!shape.parts[1].exterior);
    BOOST_TEST(shape.parts[2].exterior);
    BOOST_TEST(shape.parts[0].end == 5u);
    BOOST_TEST(shape.parts[1].end == 9u);
    BOOST_TEST(shape.parts[2].end == 13u);
    BOOST_TEST(shape.bounds.max_x == geo::to_mercator(3, 3).x);
}

BOOST_AUTO_TEST_CASE(big_endian_wkb_reads_the_same) {
    std::string wkb("\x00\x00\x00\x00\x01", 5);  // big-endian Point
    for (double value : {119.3, 26.03}) {
        const auto* bytes = reinterpret_cast<const unsigned char*>(&value);
        for (int i = 7; i >= 0; --i) wkb.push_back(static_cast<char>(bytes[i]));
    }
    const auto shape = geo::project_wkb(wkb);
    BOOST_TEST(shape.points[0].x == geo::to_mercator(119.3, 26.03).x);
}

BOOST_AUTO_TEST_CASE(broken_wkb_is_refused) {
    const std::string wkb = testing::wkb_from_wkt("POLYGON ((0 0, 1 0, 1 1, 0 0))");
    BOOST_CHECK_THROW(geo::project_wkb(wkb.substr(0, wkb.size() - 3)), std::invalid_argument);
    BOOST_CHECK_THROW(geo::project_wkb(wkb + "x"), std::invalid_argument);
    BOOST_CHECK_THROW(geo::project_wkb(testing::wkb_from_wkt("GEOMETRYCOLLECTION (POINT (1 1))")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(clearance_is_the_closest_a_vertex_comes_to_another_edge) {
    // A square 1 km a side, and a notch whose tip comes 10 m from the far side.
    auto square = geo::project_wkb(testing::wkb_from_wkt("POLYGON ((0 0, 0.009 0, 0.009 0.009, 0 0.009, 0 0))"));
    const double side = square.points[1].x - square.points[0].x;
    BOOST_TEST(geo::ring_clearance(square, 15) == side, boost::test_tools::tolerance(1e-6));
    auto notched = geo::project_wkb(testing::wkb_from_wkt(
        "POLYGON ((0 0, 0.009 0, 0.009 0.009, 0.0045 0.009, 0.0045 0.00009, 0.0044 0.009, 0 0.009, 0 0))"));
    const double clearance = geo::ring_clearance(notched, 15);
    BOOST_TEST(clearance > 0);
    BOOST_TEST(clearance < side / 50);
    // Not computed for holes, many vertices or points.
    BOOST_TEST(geo::ring_clearance(notched, 5) == 0);
    BOOST_TEST(geo::ring_clearance(geo::project_wkb(testing::wkb_from_wkt("POINT (1 1)")), 15) == 0);
    BOOST_TEST(geo::ring_clearance(geo::project_wkb(testing::wkb_from_wkt(
                   "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.2 0.2, 0.2 0.4, 0.4 0.4, 0.2 0.2))")), 15) == 0);
}
