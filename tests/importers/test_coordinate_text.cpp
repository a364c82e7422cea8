#include "importers/coordinate_text.hpp"

#include "importers/value_parsing.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace investmap::importers;
namespace data = boost::unit_test::data;

namespace {

// 119°17′1.6″ E, 26°2′27.2″ N: a point in Fuzhou, as the issue gives it.
constexpr double kLon = 119.0 + 17.0 / 60 + 1.6 / 3600;
constexpr double kLat = 26.0 + 2.0 / 60 + 27.2 / 3600;

struct Cell {
    const char* text;
    double lon;
    double lat;
    bool lat_first;
};
std::ostream& operator<<(std::ostream& out, const Cell& c) { return out << c.text; }

bool near(double a, double b) { return std::fabs(a - b) < 1e-9; }

}  // namespace

const std::vector<Cell> kCells = {
    {"119.283774,26.040896", 119.283774, 26.040896, false},     // 坐标拾取器
    {"119.283774，26.040896", 119.283774, 26.040896, false},    // full-width comma
    {" 119.283774 , 26.040896 ", 119.283774, 26.040896, false},
    {"26.040896,119.283774", 119.283774, 26.040896, true},      // lat,lon told by range
    {"(119.283774, 26.040896)", 119.283774, 26.040896, false},
    {"119.283774 26.040896", 119.283774, 26.040896, false},
    {"119.283774;26.040896", 119.283774, 26.040896, false},
    {"119.283774、26.040896", 119.283774, 26.040896, false},
    {"东经119°17′1.6″ 北纬26°2′27.2″", kLon, kLat, false},
    {"北纬26°2′27.2″，东经119°17′1.6″", kLon, kLat, true},      // words win over order
    {"东经119°17′1.6″北纬26°2′27.2″", kLon, kLat, false},      // no space
    {"119°17'1.6\"E 26°2'27.2\"N", kLon, kLat, false},
    {"119°17’1.6”E, 26°2’27.2”N", kLon, kLat, false},          // curly quotes
    {"119度17分1.6秒, 26度2分27.2秒", kLon, kLat, false},
    {"N26.5 E119.5", 119.5, 26.5, true},
    {"１１９．２８，２６．０４", 119.28, 26.04, false},           // full-width digits
};

BOOST_DATA_TEST_CASE(one_cell_coordinates_are_read_in_every_form_officers_paste, data::make(kCells), c) {
    const auto cell = parse_coordinate_cell(c.text);
    BOOST_REQUIRE(cell);
    BOOST_TEST(near(cell->point.lon, c.lon), cell->point.lon);
    BOOST_TEST(near(cell->point.lat, c.lat), cell->point.lat);
    BOOST_TEST(cell->lat_first == c.lat_first);
}

BOOST_AUTO_TEST_CASE(single_coordinates_take_dms_hemispheres_and_signs) {
    BOOST_TEST(near(parse_degrees("119°17′1.6″")->value, kLon));
    BOOST_TEST(near(parse_degrees("119 17 1.6")->value, kLon));
    BOOST_TEST(near(parse_degrees("119°17.5′")->value, 119.0 + 17.5 / 60));
    BOOST_TEST(near(parse_degrees("东经:119.5")->value, 119.5));
    BOOST_TEST((parse_degrees("北纬26.5")->axis == Axis::lat));
    BOOST_TEST(near(parse_degrees("0°7′40″W")->value, -(7.0 / 60 + 40.0 / 3600)));
    BOOST_TEST(near(parse_degrees("-0.1278")->value, -0.1278));
    BOOST_TEST(!parse_degrees("  "));
    BOOST_TEST(!parse_coordinate_cell("\xE3\x80\x80"));
}

// What a sheet may hold instead: each is refused with a reason, never read as something else.
const std::vector<std::string> kHostileCells = {
    "119.28",                       // one number
    "119.28,26.04,12",              // three
    "119.28,,26.04",
    ",26.04",
    "119.28,",
    "abc,def",
    "119.28,26.04abc",
    "119°61′0″,26",                 // minutes past 59
    "119°17′60″,26",                // seconds past 59
    "119.5°17′,26",                 // fractional degrees with minutes
    "119°17.5′1″,26",               // fractional minutes with seconds
    "119′17°,26",                   // units out of order
    "119°17°,26",                   // a unit twice
    "119°-17′,26",                  // a sign inside
    "nan,26",
    "inf,26",
    "1e400,26",
    "北纬26 北纬27",                 // two latitudes
    "东经119,东经120",               // two longitudes
    "东经,北纬",
    "119 17 1.6 26 2 27.2",         // six numbers and no way to split them
    std::string("119.28\0,26.04", 13),
    "\xFF\xFE,26",                  // not UTF-8
    std::string(10000, '9') + ",26",
};

BOOST_DATA_TEST_CASE(hostile_cells_are_refused_with_a_reason, data::make(kHostileCells), text) {
    BOOST_CHECK_THROW(parse_coordinate_cell(text), ValueError);
}

BOOST_AUTO_TEST_CASE(separate_columns_swapped_are_told_by_range_or_by_their_words) {
    const CellPoint by_range = order_lon_lat({26.04, Axis::unknown}, {119.28, Axis::unknown});
    BOOST_TEST(by_range.lat_first);
    BOOST_TEST(by_range.point.lon == 119.28);
    const CellPoint by_words = order_lon_lat({26.04, Axis::lat}, {119.28, Axis::lon});
    BOOST_TEST(by_words.lat_first);
    // Outside China the order cannot be told by range: it is taken as given.
    const CellPoint london = order_lon_lat({-0.12, Axis::unknown}, {51.5, Axis::unknown});
    BOOST_TEST(!london.lat_first);
    // Gauss-Krüger metres are passed on for the CRS check to explain.
    const CellPoint metres = order_lon_lat({40500000, Axis::unknown}, {2900000, Axis::unknown});
    BOOST_TEST(!metres.lat_first);
}
