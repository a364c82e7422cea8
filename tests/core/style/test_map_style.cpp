// The three styles from the shipped template: every placeholder filled, the
// parcels coloured as the legend says, labels in the language asked for.
#include "style/map_style.hpp"

#include "fit/scoring.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>

#include <fstream>
#include <map>

using namespace investmap;
using nlohmann::json;

namespace {

json shipped_template() {
    std::ifstream file(INVESTMAP_SOURCE_DIR "/styles/map.json");
    return json::parse(file);
}

bool has_placeholder(const json& node) {
    if (node.is_string()) return node.get<std::string>().starts_with("$");
    if (!node.is_structured()) return false;
    for (const auto& child : node) {
        if (has_placeholder(child)) return true;
    }
    return false;
}

const json& layer(const json& style, std::string_view id) {
    for (const auto& candidate : style["layers"]) {
        if (candidate["id"] == id) return candidate;
    }
    throw std::runtime_error("no layer " + std::string(id));
}

style::StyleRequest request(std::string name, const fit::IndustryProfile* industry = nullptr) {
    style::StyleRequest r;
    r.name = std::move(name);
    r.tilejson_url = "http://127.0.0.1:8080/tiles.json?status=available";
    r.parcel_zoom = 13;
    r.industry = industry;
    r.statuses = {"available", "negotiating"};
    return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_placeholder_is_filled) {
    const fit::IndustryProfile electronics{.id = "electronics", .name_zh = "电子信息", .name_en = "Electronics"};
    for (const auto& name : style::kStyleNames) {
        const json built = style::build_map_style(shipped_template(), request(std::string(name), &electronics));
        BOOST_TEST(!has_placeholder(built), name);
        BOOST_TEST(built["sources"]["investmap"]["url"] == "http://127.0.0.1:8080/tiles.json?status=available");
        BOOST_TEST(layer(built, "parcels-fill")["minzoom"] == 13);
    }
}

// QGIS converts the status and fit styles (its users open them), and it
// cannot convert a heatmap: they mark parcel locations with circles instead.
BOOST_AUTO_TEST_CASE(only_the_heat_style_has_the_heatmap) {
    const fit::IndustryProfile electronics{.id = "electronics", .name_zh = "电子信息", .name_en = "Electronics"};
    const json heat = style::build_map_style(shipped_template(), request("heat"));
    BOOST_TEST(layer(heat, "heat")["maxzoom"] == 15);
    BOOST_CHECK_THROW(layer(heat, "parcel-locations"), std::runtime_error);
    for (const char* name : {"status", "fit"}) {
        const json built = style::build_map_style(shipped_template(), request(name, &electronics));
        BOOST_CHECK_THROW(layer(built, "heat"), std::runtime_error);
        BOOST_TEST(layer(built, "parcel-locations")["maxzoom"] == 13);
    }
    // Status: one colour for the cells, told in a legend section of their own.
    const json status = style::build_map_style(shipped_template(), request("status"));
    BOOST_TEST(layer(status, "parcel-locations")["paint"]["circle-color"] == vocabulary::kParcelLocationColor);
    const json& section = status["metadata"]["investmap:legend"][1];
    BOOST_TEST(section["maxzoom"] == 13);
    BOOST_TEST(section["items"][0]["color"] == vocabulary::kParcelLocationColor);
    // Fit: the cells carry their best fit and are coloured as the parcels, so the one fit legend holds at every zoom.
    const json fit = style::build_map_style(shipped_template(), request("fit", &electronics));
    BOOST_TEST(layer(fit, "parcel-locations")["paint"]["circle-color"] == layer(fit, "parcels-fill")["paint"]["fill-color"]);
    BOOST_TEST(fit["metadata"]["investmap:legend"].size() == 1u);
}

// The heat ramp ends a little above the heaviest parcel the filter lets
// through, so a narrow filter's light parcels are not left invisible.
BOOST_AUTO_TEST_CASE(the_heat_ramp_follows_the_heaviest_parcel_of_the_filter) {
    const auto stops = [](const json& style) {
        const json& weight = layer(style, "heat")["paint"]["heatmap-weight"];
        return std::pair(weight[5].get<double>(), weight[7].get<double>());
    };
    style::StyleRequest district = request("heat");
    BOOST_TEST(stops(style::build_map_style(shipped_template(), district)).second == 14.0);
    district.heaviest_weight = 500.0;  // a few small, poorly fitting parcels
    const auto [mid, top] = stops(style::build_map_style(shipped_template(), district));
    BOOST_TEST(top == std::log1p(500.0) + std::log(4.0), boost::test_tools::tolerance(1e-9));
    BOOST_TEST(mid < top);
    BOOST_TEST(mid > 0.0);
    district.heaviest_weight = 0.0;  // only parcels that do not fit at all: the stops still rise
    BOOST_TEST(stops(style::build_map_style(shipped_template(), district)).second >= 1.0);
}

BOOST_AUTO_TEST_CASE(status_legend_lists_only_visible_statuses_with_their_map_colours) {
    const json built = style::build_map_style(shipped_template(), request("status"));
    const json& legend = built["metadata"]["investmap:legend"][0];
    BOOST_TEST(legend["title"] == "招商状态");
    BOOST_TEST(legend["items"].size() == 2u);
    BOOST_TEST(legend["items"][1]["label"] == "洽谈中");
    const json& colour = layer(built, "parcels-fill")["paint"]["fill-color"];
    // List labels: QGIS 3.22 reads a bare string label as an empty list.
    const auto at = std::find(colour.begin(), colour.end(), json::array({"negotiating"}));
    BOOST_REQUIRE(at != colour.end());
    BOOST_TEST((*(at + 1) == legend["items"][1]["color"]));
}

BOOST_AUTO_TEST_CASE(fit_style_matches_each_band_by_its_scores_in_english) {
    const fit::IndustryProfile electronics{.id = "electronics", .name_zh = "电子信息", .name_en = "Electronics"};
    auto r = request("fit", &electronics);
    r.lang = "en";
    const json built = style::build_map_style(shipped_template(), r);
    BOOST_TEST(built["name"] == "Industry fit · Electronics");
    const json& legend = built["metadata"]["investmap:legend"][0];
    BOOST_TEST(legend["items"].size() == std::size(vocabulary::kFitBands));
    BOOST_TEST(legend["items"][0]["label"] == "strong fit 80–100");
    // match, not step: QGIS's converter drops step. Every score 0–100 is in
    // exactly one band's list, with that band's colour.
    const json& colour = layer(built, "parcels-fill")["paint"]["fill-color"];
    BOOST_TEST(colour[0] == "match");
    BOOST_TEST((colour[1] == json{"get", "fit"}));
    BOOST_TEST(colour.size() == 2 + 2 * std::size(vocabulary::kFitBands) + 1);
    std::map<int, std::string> colour_of_score;
    for (std::size_t i = 2; i + 1 < colour.size(); i += 2) {
        for (const json& score : colour[i]) BOOST_TEST(colour_of_score.emplace(score.get<int>(), colour[i + 1].get<std::string>()).second);
    }
    BOOST_TEST(colour_of_score.size() == 101u);
    BOOST_TEST(colour_of_score.at(80) == legend["items"][0]["color"].get<std::string>());
    BOOST_TEST(colour_of_score.at(79) == legend["items"][1]["color"].get<std::string>());
    BOOST_TEST(colour_of_score.at(0) == "#bdbdbd");
}

BOOST_AUTO_TEST_CASE(the_fit_style_needs_an_industry) {
    BOOST_CHECK_THROW(style::build_map_style(shipped_template(), request("fit")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(static_maps_take_the_context_colours_of_the_template) {
    const json map_template = shipped_template();
    const style::ContextColours colours = style::context_colours(map_template);
    BOOST_TEST(colours.background == layer(map_template, "background")["paint"]["background-color"].get<std::string>());
    BOOST_TEST(colours.water == layer(map_template, "context-water")["paint"]["fill-color"].get<std::string>());
    BOOST_TEST(colours.parks == layer(map_template, "context-parks")["paint"]["fill-color"].get<std::string>());
    BOOST_TEST(colours.roads == layer(map_template, "context-roads")["paint"]["line-color"].get<std::string>());
    BOOST_TEST(colours.boundary == layer(map_template, "context-boundary")["paint"]["line-color"].get<std::string>());
    json without_water = map_template;
    auto& layers = without_water["layers"];
    layers.erase(std::ranges::find_if(layers, [](const json& l) { return l["id"] == "context-water"; }));
    BOOST_CHECK_THROW(style::context_colours(without_water), std::invalid_argument);
}
