#include "importers/web_input.hpp"

#include "importers/value_parsing.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace investmap::importers;
namespace data = boost::unit_test::data;

const std::vector<std::string> kSafeCrs = {
    "EPSG:4549", "epsg:4326", "GCJ02", "gcj-02", "BD09",
    "+proj=pipeline +step +proj=affine +xoff=400000 +yoff=2800000 +step +inv +proj=tmerc +lon_0=120 +k=1 +x_0=500000 "
    "+ellps=GRS80 +step +proj=unitconvert +xy_in=rad +xy_out=deg",
};
const std::vector<std::string> kUnsafeCrs = {
    "", "/etc/passwd", "http://169.254.169.254/latest", "https://epsg.io/4549.wkt", "file:///etc/shadow",
    "EPSG:", "EPSG:4549 ", "EPSG:45a9", "EPSG:1234567", "ESRI:102100", "IGNF:LAMB93", "urn:ogc:def:crs:EPSG::4549",
    "+proj=longlat +nadgrids=/etc/shadow", "+proj=longlat +nadgrids=@null", "+init=epsg:4326", "+proj=longlat +init=x",
    "+proj=pipeline +step +proj=hgridshift +grids=cn.tif", "+proj=longlat\n+nadgrids=x", "+proj=tmerc +geoidgrids=g.gtx",
    "+proj=longlat +towgs84=..\\x", std::string(3000, 'E'), "GEOGCS[\"x\"]", "\xFF\xFE",
};

BOOST_DATA_TEST_CASE(codes_datums_and_self_contained_proj_strings_are_taken, data::make(kSafeCrs), crs) {
    BOOST_TEST(is_safe_crs_text(crs));
}

BOOST_DATA_TEST_CASE(paths_urls_grids_and_other_authorities_are_refused, data::make(kUnsafeCrs), crs) {
    BOOST_TEST(!is_safe_crs_text(crs));
}

BOOST_AUTO_TEST_CASE(a_click_and_a_drawn_outline_are_parcel_geometries) {
    const CleanGeometry point = placed_parcel_geometry(R"({"type":"Point","coordinates":[119.3,26.03]})");
    BOOST_TEST((point.kind == GeometryClass::point));
    const CleanGeometry outline = placed_parcel_geometry(
        R"({"type":"Polygon","coordinates":[[[119.3,26.03],[119.302,26.03],[119.302,26.032],[119.3,26.032],[119.3,26.03]]]})");
    BOOST_TEST((outline.kind == GeometryClass::polygonal));
    BOOST_TEST(outline.area_m2 > 43000);
    BOOST_TEST(outline.area_m2 < 46000);
    // A bow-tie drawn by a slip of the mouse is repaired, as an import's is.
    const CleanGeometry bowtie = placed_parcel_geometry(
        R"({"type":"Polygon","coordinates":[[[119.3,26.03],[119.31,26.04],[119.31,26.03],[119.3,26.04],[119.3,26.03]]]})");
    BOOST_TEST(bowtie.repaired);
    // Other members never reach GDAL: a "crs" (gone from GeoJSON since RFC 7946) changes nothing.
    const CleanGeometry with_crs = placed_parcel_geometry(
        R"({"type":"Point","coordinates":[119.3,26.03],"crs":{"type":"name","properties":{"name":"EPSG:3857"}}})");
    BOOST_TEST(with_crs.wkb == point.wkb);
}

const std::vector<std::string> kHostileGeometries = {
    "", "null", "[]", "\"Point\"", "{", R"({"type":"Point"})", R"({"type":"Point","coordinates":[]})",
    R"({"type":"Point","coordinates":["119.3","26.03"]})", R"({"type":"Point","coordinates":[2.35,48.85]})",
    R"({"type":"Point","coordinates":[1e308,1e308]})", R"({"type":"Point","coordinates":[119.3]})",
    R"({"type":"LineString","coordinates":[[119.3,26.03],[119.31,26.03]]})",
    R"({"type":"GeometryCollection","geometries":[]})", R"({"type":"Feature","geometry":{"type":"Point","coordinates":[119.3,26.03]}})",
    R"({"type":"Polygon","coordinates":[[[119.3,26.03],[119.31,26.03],[119.3,26.03]]]})",
    R"({"type":"Polygon","coordinates":[[[119.3,26.03],[119.31,26.03],[119.31,26.04]]]})",
    R"({"type":"Polygon","coordinates":[[]]})", R"({"type":"Polygon","coordinates":[[[119.3,26.03,"x"]]]})",
    R"({"type":"MultiPolygon","coordinates":[[[[200,26],[201,26],[201,27],[200,26]]]]})",
};

BOOST_DATA_TEST_CASE(hostile_geometries_are_refused_with_a_reason, data::make(kHostileGeometries), body) {
    BOOST_CHECK_THROW(placed_parcel_geometry(body), ValueError);
}

BOOST_AUTO_TEST_CASE(a_drawn_outline_of_more_than_ten_thousand_vertices_is_refused) {
    std::string ring;
    for (int i = 0; i <= 10001; ++i) {
        const double angle = 6.283185307179586 * i / 10001;
        ring += (i ? "," : "") + std::string("[") + std::to_string(119.3 + 0.01 * std::cos(angle)) + "," +
                std::to_string(26.03 + 0.01 * std::sin(angle)) + "]";
    }
    BOOST_CHECK_THROW(placed_parcel_geometry(R"({"type":"Polygon","coordinates":[[)" + ring + "]]}"), ValueError);
}
