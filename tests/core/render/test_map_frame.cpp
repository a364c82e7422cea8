// The static map's frame: fitting a box, centring on a zoom, metres per pixel.
#include "render/map_frame.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::render;

BOOST_AUTO_TEST_CASE(a_fitted_box_lies_inside_the_frame_with_its_margin) {
    const investmap::geo::LonLatBox district{119.22, 25.99, 119.36, 26.08};
    const MapFrame frame = MapFrame::fitting(district, 1920, 1080, 0.1);
    BOOST_TEST(frame.x(district.west) >= 0.1 * 1920 - 1);
    BOOST_TEST(frame.x(district.east) <= 0.9 * 1920 + 1);
    BOOST_TEST(frame.y(district.north) >= 0.1 * 1080 - 1);
    BOOST_TEST(frame.y(district.south) <= 0.9 * 1080 + 1);
    // One side touches its margin exactly: the box is as large as it can be.
    const bool snug = std::abs(frame.x(district.west) - 192) < 1 || std::abs(frame.y(district.north) - 108) < 1;
    BOOST_TEST(snug);
}

BOOST_AUTO_TEST_CASE(a_centred_frame_puts_the_centre_in_the_middle_at_the_zoom_asked) {
    const MapFrame frame = MapFrame::centred({119.3, 26.05}, 14, 800, 600);
    BOOST_TEST(frame.x(119.3) == 400.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(frame.y(26.05) == 300.0, boost::test_tools::tolerance(1e-6));
    BOOST_TEST(frame.zoom() == 14.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(frame.centre().lon == 119.3, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(frame.centre().lat == 26.05, boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(metres_per_pixel_follow_the_latitude) {
    // At zoom 0 one 512-pixel world spans the equator's 40 075 km.
    BOOST_TEST(MapFrame::centred({0, 0}, 0, 512, 512).metres_per_pixel() == 40075016.686 / 512, boost::test_tools::tolerance(1e-9));
    const double fuzhou = MapFrame::centred({119.3, 26.05}, 14, 512, 512).metres_per_pixel();
    BOOST_TEST(fuzhou == 40075016.686 * std::cos(26.05 * M_PI / 180) / (512 * 16384.0), boost::test_tools::tolerance(1e-6));
}
