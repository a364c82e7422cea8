#include "geojson/geojson_geometry.hpp"

#include <boost/test/unit_test.hpp>
#include "geos_wkb.hpp"
#include <geos_c.h>
#include <nlohmann/json.hpp>

namespace {

std::string wkb(const std::string& wkt) { return investmap::testing::wkb_from_wkt(wkt); }

double ring_area(const nlohmann::json& ring) {
    double sum = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        sum += ring[i][0].get<double>() * ring[i + 1][1].get<double>() - ring[i + 1][0].get<double>() * ring[i][1].get<double>();
    }
    return sum / 2;
}

}  // namespace

BOOST_AUTO_TEST_CASE(polygons_follow_the_right_hand_rule_whatever_their_input_winding) {
    const investmap::geojson::GeoJsonGeometryWriter writer;
    // Exterior clockwise and hole counter-clockwise: both the wrong way for RFC 7946.
    const auto json = nlohmann::json::parse(writer.from_wkb(
        wkb("POLYGON((119 26, 119 27, 120 27, 120 26, 119 26), (119.2 26.2, 119.8 26.2, 119.8 26.8, 119.2 26.8, 119.2 26.2))")));
    BOOST_TEST(json["type"] == "Polygon");
    BOOST_TEST(ring_area(json["coordinates"][0]) > 0, "exterior counter-clockwise");
    BOOST_TEST(ring_area(json["coordinates"][1]) < 0, "hole clockwise");
}

BOOST_AUTO_TEST_CASE(points_keep_lon_lat_order_and_bad_wkb_is_null) {
    const investmap::geojson::GeoJsonGeometryWriter writer;
    const auto json = nlohmann::json::parse(writer.from_wkb(wkb("POINT(119.3 26.03)")));
    BOOST_TEST(json["coordinates"][0].get<double>() == 119.3);
    BOOST_TEST(json["coordinates"][1].get<double>() == 26.03);
    BOOST_TEST(writer.from_wkb("nonsense") == "null");
}
