#include "geo/tile.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::geo;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_CASE(tiles_outside_the_pyramid_are_refused) {
    BOOST_TEST(make_tile(0, 0, 0).has_value());
    BOOST_TEST(make_tile(22, (1LL << 22) - 1, 0).has_value());
    BOOST_TEST(!make_tile(23, 0, 0).has_value());
    BOOST_TEST(!make_tile(-1, 0, 0).has_value());
    BOOST_TEST(!make_tile(3, 8, 0).has_value());
    BOOST_TEST(!make_tile(3, 0, -1).has_value());
}

BOOST_AUTO_TEST_CASE(the_world_tile_spans_the_mercator_square) {
    const MercatorBox world = mercator_bounds({0, 0, 0});
    BOOST_TEST(world.min_x == -kMercatorHalfWidth);
    BOOST_TEST(world.max_y == kMercatorHalfWidth);
    BOOST_TEST(world.max_x == kMercatorHalfWidth, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_fuzhou_tile_contains_fuzhou) {
    // Cangshan, Fuzhou (119.30°E, 26.03°N) lies in z12 tile 3405/1741.
    const LonLatBox b = lonlat_bounds({12, 3405, 1741});
    BOOST_TEST((b.west < 119.30 && 119.30 < b.east && b.south < 26.03 && 26.03 < b.north));
    const LonLatBox buffered = lonlat_bounds({12, 3405, 1741}, 64.0 / 4096);
    BOOST_TEST((buffered.west < b.west && buffered.north > b.north));
}

BOOST_AUTO_TEST_CASE(mercator_projection_matches_known_values) {
    const Mercator m = to_mercator(119.30, 26.03);
    BOOST_TEST(m.x == 13280415.2516, tt::tolerance(1e-9));
    BOOST_TEST(m.y == 3002797.0466, tt::tolerance(1e-9));
    BOOST_TEST(to_mercator(0, 90).y == to_mercator(0, kMercatorMaxLatitude).y);
}
