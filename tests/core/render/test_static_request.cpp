// Image sizes and formats of the static map: accepted and refused.
#include "render/static_request.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <array>

using namespace investmap::render;
namespace data = boost::unit_test::data;

BOOST_AUTO_TEST_CASE(sizes_ratios_and_formats_are_read) {
    const ImageSpec png = parse_image_spec("1920x1080.png");
    BOOST_TEST((png.width == 1920 && png.height == 1080 && png.pixel_ratio == 1 && png.format == ImageFormat::png));
    const ImageSpec svg = parse_image_spec("800x600@2x.svg");
    BOOST_TEST((svg.width == 800 && svg.pixel_ratio == 2 && svg.format == ImageFormat::svg));
    BOOST_TEST((parse_image_spec("2048x2048@2x.pdf").format == ImageFormat::pdf));
    BOOST_TEST(parse_image_spec("4096x1.png").width == 4096);
}

const std::array kRefused = {"0x100.png", "100x0.png", "4097x100.png", "2049x100@2x.png", "100x100@3x.png", "100x100.gif",
                             "100x100", "x100.png", "-5x100.png", "100x100.png.exe", "100 x100.png", "99999999999x1.png"};

BOOST_DATA_TEST_CASE(bad_specs_are_refused_naming_the_size, data::make(kRefused), spec) {
    try {
        parse_image_spec(spec);
        BOOST_FAIL("accepted " << spec);
    } catch (const investmap::filter::FilterError& error) {
        BOOST_TEST(error.parameter() == "size");
    }
}
