#include "geo/geodesic_area.hpp"

#include <boost/test/unit_test.hpp>

#include <vector>

using investmap::geo::GeodesicArea;
using investmap::geo::LonLat;

BOOST_AUTO_TEST_CASE(one_degree_cell_at_the_equator_has_the_known_area) {
    // 12 308 778 361 m² on WGS84 (a standard check value for geodesic area).
    const std::vector<LonLat> cell{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}};
    BOOST_TEST(GeodesicArea().ring_m2(cell) == 12308778361.0, boost::test_tools::tolerance(1e-6));
}

BOOST_AUTO_TEST_CASE(winding_and_closing_do_not_change_the_area) {
    const std::vector<LonLat> clockwise_open{{119.30, 26.03}, {119.30, 26.04}, {119.31, 26.04}, {119.31, 26.03}};
    const std::vector<LonLat> counter_closed{{119.30, 26.03}, {119.31, 26.03}, {119.31, 26.04}, {119.30, 26.04},
                                             {119.30, 26.03}};
    const GeodesicArea area;
    BOOST_TEST(area.ring_m2(clockwise_open) == area.ring_m2(counter_closed), boost::test_tools::tolerance(1e-9));
    // 0.01° × 0.01° at 26°N: about 1 000 m × 1 109 m.
    BOOST_TEST(area.ring_m2(counter_closed) == 1.1089e6 * 1.0001, boost::test_tools::tolerance(0.01));
}

BOOST_AUTO_TEST_CASE(a_ring_of_fewer_than_three_points_has_no_area) {
    BOOST_TEST(GeodesicArea().ring_m2(std::vector<LonLat>{{0, 0}, {1, 1}}) == 0.0);
}
