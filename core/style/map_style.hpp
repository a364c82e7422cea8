#pragma once
// The MapLibre styles `heat`, `fit` and `status`, built from one template
// (styles/map.json). Each carries its legend in metadata["investmap:legend"]
// so the viewer and the static renderer draw the same legend:
//   [{"title": …, "type": "ramp" | "categories",
//     "items": [{"color": "#rrggbb", "label": …, "value": …}]}]
// with labels in the language asked for.
#include "fit/industry_profile.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace investmap::style {

inline constexpr std::array<std::string_view, 3> kStyleNames = {"heat", "fit", "status"};

// How statuses look on the map and in legends and statistics.
struct StatusLook {
    std::string_view code;
    std::string_view zh;  // as the public sees it (在谈 shows as 洽谈中)
    std::string_view en;
    std::string_view color;
};
inline constexpr std::array<StatusLook, 6> kStatusLooks{{
    {"available", "闲置可招商", "available", "#2b8cbe"},
    {"negotiating", "洽谈中", "in negotiation", "#f28e2b"},
    {"reserved", "已预留", "reserved", "#9467bd"},
    {"signed", "已签约", "signed", "#59a14f"},
    {"settled", "已落地", "settled", "#7f7f7f"},
    {"withdrawn", "暂不招商", "withdrawn", "#c7c7c7"},
}};
const StatusLook* find_status_look(std::string_view code);

struct StyleRequest {
    std::string name;          // one of kStyleNames
    std::string lang = "zh";   // zh | en
    std::string tilejson_url;  // carries the filters
    std::string glyphs_url;    // …/fonts/{fontstack}/{range}.pbf
    std::string basemap_url;   // optional raster tiles {z}/{x}/{y} drawn under the context
    std::string basemap_attribution;
    int parcel_zoom = 13;
    const fit::IndustryProfile* industry = nullptr;  // the filter's industry, if any
    std::vector<std::string_view> statuses;          // those the viewer may see, for the legend
    std::optional<std::array<double, 4>> bounds;     // west, south, east, north of the data: the opening view
};

// The legend sections of the style `request` asks for (what the style's
// metadata["investmap:legend"] holds): the static renderer draws the same.
nlohmann::json map_legend(const StyleRequest& request);

// The style for `request` from the template document. Throws
// std::invalid_argument for `fit` without an industry.
nlohmann::json build_map_style(const nlohmann::json& map_template, const StyleRequest& request);

// "zh" or "en" text of a {zh, en} pair.
std::string_view in_language(std::string_view lang, std::string_view zh, std::string_view en);

}  // namespace investmap::style
