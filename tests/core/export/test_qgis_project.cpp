// The QGIS project as text: what tests/e2e/qgis opens in QGIS itself. Here:
// the parcel classes follow the vocabulary (visible statuses, or fit bands
// with an industry), the tile URL carries the filters inside QGIS's own
// encoding, names are escaped, and the project opens on the extent given.
#include "export/qgis_project.hpp"

#include "vocabulary/vocabulary.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap;

namespace {

const std::vector<std::string> kPublic = {"available", "negotiating"};

exporting::QgisProjectRequest request() {
    exporting::QgisProjectRequest r;
    r.server_url = "https://example.gov.cn/heatmap";
    r.statuses = kPublic;
    r.colours = {"#f3f1ec", "#aad3df", "#d8ebc9", "#c9c4ba", "#8e7aa6"};
    r.extent = geo::LonLatBox{119.25, 26.0, 119.32, 26.06};
    return r;
}

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_CASE(statuses_the_server_shows_become_the_parcel_classes) {
    const std::string project = exporting::qgis_project(request());
    BOOST_TEST(has(project, "expression=\"&quot;status&quot; = &apos;available&apos;\""));
    BOOST_TEST(has(project, "name=\"闲置可招商\""));
    BOOST_TEST(has(project, "name=\"洽谈中\""));
    BOOST_TEST(!has(project, "signed"), "a status the public does not see has no class");
    BOOST_TEST(has(project, "value=\"43,140,190,255\""), "available's colour #2b8cbe");
    BOOST_TEST(has(project, "<datasource>url=&apos;https://example.gov.cn/heatmap/api&apos; typename=&apos;parcels&apos;</datasource>"));
    BOOST_TEST(has(project, "<provider>OAPIF</provider>"));
    BOOST_TEST(has(project, "<authid>EPSG:3857</authid>"));
    BOOST_TEST(has(project, "<DefaultViewExtent xmin=\""));
}

BOOST_AUTO_TEST_CASE(an_industry_colours_by_fit_band_and_rides_on_the_tile_url) {
    auto r = request();
    const fit::IndustryProfile electronics{.id = "electronics", .name_zh = "电子信息", .name_en = "Electronics"};
    r.filter.industry = "electronics";
    r.filter.kinds = {"land"};
    r.industry = &electronics;
    r.lang = "en";
    const std::string project = exporting::qgis_project(r);
    for (const auto& band : vocabulary::kFitBands) {
        BOOST_TEST(has(project, "&quot;fit&quot; &gt;= " + std::to_string(band.low) + " AND &quot;fit&quot; &lt;= " + std::to_string(band.high)));
    }
    BOOST_TEST(has(project, "name=\"unsuitable 0\""));
    BOOST_TEST(has(project, "Investment map · fit · Electronics"));
    // The tile URL's own ? & = are percent-encoded inside the data source's key=value list.
    BOOST_TEST(has(project, "%2Ftiles%2F%7Bz%7D%2F%7Bx%7D%2F%7By%7D.mvt%3Fkind%3Dland%26industry%3Delectronics&amp;zmin=0"));
    r.industry = nullptr;
    BOOST_CHECK_THROW(exporting::qgis_project(r), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(without_an_extent_the_project_has_no_default_view) {
    auto r = request();
    r.extent.reset();
    BOOST_TEST(!has(exporting::qgis_project(r), "DefaultViewExtent"));
}
