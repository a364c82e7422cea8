// GCJ-02 and BD-09: the forward formulas shift Fuzhou by the distances the
// bureau measured (≈ 589 m and ≈ 1 175 m); the way back returns the WGS 84
// point across China to well under 0.5 m; outside China GCJ-02 is WGS 84.
#include "geo/web_datums.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <numbers>

using namespace investmap::geo;

namespace {

// Metres between two nearby points (equirectangular: plenty for ≤ 2 km).
double metres_between(LonLat a, LonLat b) {
    const double to_radians = std::numbers::pi / 180.0;
    const double x = (b.lon - a.lon) * to_radians * std::cos((a.lat + b.lat) / 2 * to_radians);
    const double y = (b.lat - a.lat) * to_radians;
    return 6371008.8 * std::hypot(x, y);
}

const LonLat kFuzhou{119.283774, 26.040896};
const LonLat kAcrossChina[] = {{126.6424, 45.7567},  // Harbin
                               {75.9891, 39.4704},   // Kashgar
                               {109.5119, 18.2528},  // Sanya
                               {119.2838, 26.0409},  // Fuzhou
                               {91.1409, 29.6456},   // Lhasa
                               {121.4737, 31.2304}}; // Shanghai

}  // namespace

BOOST_AUTO_TEST_CASE(the_names_officers_and_the_cli_use) {
    for (const char* name : {"GCJ02", "gcj02", "GCJ-02", "gcj_02"}) BOOST_TEST((web_datum_named(name) == WebDatum::gcj02), name);
    for (const char* name : {"BD09", "bd09", "BD-09"}) BOOST_TEST((web_datum_named(name) == WebDatum::bd09), name);
    for (const char* name : {"EPSG:4326", "WGS84", "", "gcj"}) BOOST_TEST(!web_datum_named(name).has_value(), name);
}

BOOST_AUTO_TEST_CASE(fuzhou_shifts_as_far_as_the_bureau_measured) {
    const LonLat gcj = gcj02_from_wgs84(kFuzhou);
    const LonLat bd = bd09_from_gcj02(gcj);
    BOOST_TEST(std::abs(metres_between(kFuzhou, gcj) - 589) < 40, metres_between(kFuzhou, gcj));
    BOOST_TEST(std::abs(metres_between(kFuzhou, bd) - 1175) < 60, metres_between(kFuzhou, bd));
}

BOOST_AUTO_TEST_CASE(back_to_wgs84_within_half_a_metre_across_china) {
    for (const LonLat& wgs : kAcrossChina) {
        const LonLat gcj = gcj02_from_wgs84(wgs);
        BOOST_TEST(metres_between(wgs, gcj) > 100, "GCJ-02 moves " << wgs.lon << "," << wgs.lat);
        BOOST_TEST(metres_between(wgs84_from(WebDatum::gcj02, gcj), wgs) < 0.5);
        BOOST_TEST(metres_between(wgs84_from(WebDatum::bd09, bd09_from_gcj02(gcj)), wgs) < 0.5);
        BOOST_TEST(metres_between(wgs84_from(WebDatum::gcj02, gcj), wgs) < 0.001, "iteration converges far below the bound");
    }
}

BOOST_AUTO_TEST_CASE(outside_china_gcj02_is_wgs84) {
    for (const LonLat& abroad : {LonLat{2.3522, 48.8566}, LonLat{-74.006, 40.7128}, LonLat{139.6917, 35.6895}}) {
        BOOST_TEST(metres_between(gcj02_from_wgs84(abroad), abroad) == 0.0);
        BOOST_TEST(metres_between(wgs84_from(WebDatum::gcj02, abroad), abroad) == 0.0);
    }
}
