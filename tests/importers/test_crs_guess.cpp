#include "importers/crs_guess.hpp"

#include "importers/gdal_handles.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace investmap;
using namespace investmap::importers;

namespace {

constexpr geo::LonLat kFuzhou{119.283774, 26.040896};
// Cangshan district, roughly: what a loaded boundary's extent would be.
constexpr geo::LonLatBox kCangshan{119.22, 25.95, 119.42, 26.07};

// kFuzhou in EPSG:`epsg`, by PROJ, as a survey would deliver it.
geo::LonLat surveyed(int epsg) {
    SpatialReferencePtr wgs84(OSRNewSpatialReference(nullptr));
    SpatialReferencePtr target(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(wgs84.get(), 4326);
    OSRImportFromEPSG(target.get(), epsg);
    OSRSetAxisMappingStrategy(wgs84.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
    TransformationPtr transformation(OCTNewCoordinateTransformation(wgs84.get(), target.get()));
    double x = kFuzhou.lon;
    double y = kFuzhou.lat;
    BOOST_REQUIRE(OCTTransform(transformation.get(), 1, &x, &y, nullptr));
    return {x, y};
}

bool names(const CrsGuess& guess, int epsg) {
    return std::ranges::any_of(guess.candidates, [epsg](const CrsCandidate& c) { return c.epsg == epsg; });
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_zone_prefixed_easting_names_its_zone) {
    const CrsGuess three_degree = guess_crs(surveyed(4528), std::nullopt);  // zone 40, CM 120E
    BOOST_TEST(three_degree.candidates.size() == 1);
    BOOST_TEST(names(three_degree, 4528));
    BOOST_TEST(three_degree.candidates.front().name.find("zone 40") != std::string::npos, three_degree.candidates.front().name);
    const CrsGuess six_degree = guess_crs(surveyed(4498), std::nullopt);  // 6-degree zone 20, CM 117E
    BOOST_TEST(names(six_degree, 4498));
}

BOOST_AUTO_TEST_CASE(a_plain_easting_is_placed_by_the_district_boundary_else_explained) {
    const geo::LonLat plain = surveyed(4549);
    const CrsGuess with_boundary = guess_crs(plain, kCangshan);
    BOOST_TEST(with_boundary.candidates.size() == 1);
    BOOST_TEST(names(with_boundary, 4549), "Fuzhou is CM 120E, EPSG:4549, not 4547");
    const CrsGuess without = guess_crs(plain, std::nullopt);
    BOOST_TEST(without.zone_unknown);
    BOOST_TEST(without.candidates.empty());
    const auto [zh, en] = missing_crs_message("a.csv", plain, kCangshan);
    BOOST_TEST(en.find("add --s-srs EPSG:4549") != std::string::npos, en);
    BOOST_TEST(zh.find("落在区界内") != std::string::npos, zh);
    BOOST_TEST(missing_crs_message("a.csv", plain, std::nullopt).second.find("import-context --as boundary") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(lat_lon_the_wrong_way_round_is_said_so_not_taken_for_a_zone) {
    const CrsGuess swapped = guess_crs({kFuzhou.lat, kFuzhou.lon}, std::nullopt);
    BOOST_TEST(swapped.swapped_lon_lat);
    BOOST_TEST(missing_crs_message("a.geojson", {kFuzhou.lat, kFuzhou.lon}, std::nullopt).second.find("wrong way round") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(web_mercator_metres_are_recognised) {
    BOOST_TEST(names(guess_crs(surveyed(3857), std::nullopt), 3857));
    BOOST_TEST(names(guess_crs(surveyed(3857), kCangshan), 3857));
}

BOOST_AUTO_TEST_CASE(numbers_nothing_fits_get_the_plain_advice) {
    for (const geo::LonLat xy : {geo::LonLat{-5e9, 3}, geo::LonLat{1e12, 1e12}, geo::LonLat{500000, -100}}) {
        const CrsGuess guess = guess_crs(xy, std::nullopt);
        BOOST_TEST(guess.candidates.empty());
        BOOST_TEST(!guess.swapped_lon_lat);
    }
    BOOST_TEST(!district_extent("/nonexistent/file.sqlite"));
}
