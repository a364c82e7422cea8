#pragma once
// The MapLibre styles `heat`, `fit` and `status`, built from one template
// (styles/map.json). Each carries its legend in metadata["investmap:legend"]
// so the viewer and the static renderer draw the same legend:
//   [{"title": …, "type": "ramp" | "categories",
//     "items": [{"color": "#rrggbb", "label": …, "value": …}]}]
// with labels in the language asked for.
#include "fit/industry_profile.hpp"
#include "vocabulary/vocabulary.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace investmap::style {

inline constexpr std::array<std::string_view, 3> kStyleNames = {"heat", "fit", "status"};

struct StyleRequest {
    std::string name;          // one of kStyleNames
    std::string lang = "zh";   // zh | en
    std::string tilejson_url;  // carries the filters
    std::string glyphs_url;    // …/fonts/{fontstack}/{range}.pbf
    std::string basemap_url;   // optional raster tiles {z}/{x}/{y} drawn under the context
    std::string basemap_attribution;
    int parcel_zoom = vocabulary::kDefaultParcelZoom;
    const fit::IndustryProfile* industry = nullptr;  // the filter's industry, if any
    std::vector<std::string_view> statuses;          // those the viewer may see, for the legend
    std::optional<std::array<double, 4>> bounds;     // west, south, east, north of the data: the opening view
    // The heaviest heat weight among the parcels the filter lets through:
    // the heat ramp ends a little above it (ln scale), so a narrow filter's
    // few light parcels still show. Unknown: the ramp for the whole district.
    std::optional<double> heaviest_weight;
};

// The legend sections of the style `request` asks for (what the style's
// metadata["investmap:legend"] holds): the static renderer draws the same.
nlohmann::json map_legend(const StyleRequest& request);

// The style for `request` from the template document. Throws
// std::invalid_argument for `fit` without an industry.
nlohmann::json build_map_style(const nlohmann::json& map_template, const StyleRequest& request);

// The colours the template gives the background and the context layers, so
// that static maps (drawn with cairo, not MapLibre) look like the live map.
struct ContextColours {
    std::string background;
    std::string water;
    std::string parks;
    std::string roads;
    std::string boundary;
};
// Throws std::invalid_argument naming the layer or paint property missing.
ContextColours context_colours(const nlohmann::json& map_template);

}  // namespace investmap::style
