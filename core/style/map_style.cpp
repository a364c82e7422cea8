#include "style/map_style.hpp"

#include "fit/scoring.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace investmap::style {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kHeatRamp = {"#ffffb2", "#fed976", "#feb24c", "#fd8d3c", "#f03b20", "#bd0026"};

class StyleBuilder {
public:
    explicit StyleBuilder(const StyleRequest& request) : request_(request) {}

    json build(json style) const {
        keep_own_layers(style);
        substitute(style);
        if (request_.bounds) open_on(style, *request_.bounds);
        if (!request_.basemap_url.empty()) add_basemap(style);
        return style;
    }

    // A layer whose metadata["investmap:styles"] lists styles belongs to those
    // only: the heatmap is the heat style's (QGIS cannot convert a heatmap,
    // so the status and fit styles, which QGIS users open, carry none).
    void keep_own_layers(json& style) const {
        auto& layers = style["layers"];
        for (auto layer = layers.begin(); layer != layers.end();) {
            const json owners = layer->value("metadata", json::object()).value("investmap:styles", json());
            const bool theirs = owners.is_array() && std::ranges::find(owners, json(request_.name)) == owners.end();
            layer = theirs ? layers.erase(layer) : layer + 1;
        }
    }

    // The configured raster basemap, right above the background.
    void add_basemap(json& style) const {
        style["sources"]["basemap"] = {{"type", "raster"}, {"tiles", {request_.basemap_url}}, {"tileSize", 256},
                                       {"attribution", request_.basemap_attribution}};
        auto& layers = style["layers"];
        layers.insert(layers.begin() + 1, json{{"id", "basemap"}, {"type", "raster"}, {"source", "basemap"}});
    }

    // The map opens on the data: its centre, at the zoom where the data's
    // longer side fills about one 512-pixel tile.
    static void open_on(json& style, const std::array<double, 4>& b) {
        const double span = std::max({b[2] - b[0], (b[3] - b[1]) * 1.2, 1e-6});
        style["center"] = {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2};
        style["zoom"] = std::clamp(std::floor(std::log2(360.0 / span)), 1.0, 16.0);
    }

private:
    std::string_view text(std::string_view zh, std::string_view en) const { return vocabulary::Words{zh, en}.in(request_.lang); }
    std::string_view text(vocabulary::Words words) const { return words.in(request_.lang); }

    bool colours_by_fit() const { return request_.name == "fit" || (request_.name == "heat" && request_.industry); }

    std::string title() const {
        if (request_.name == "fit") {
            return std::string(text("产业适合度 · ", "Industry fit · ")) +
                   std::string(text(request_.industry->name_zh, request_.industry->name_en));
        }
        if (request_.name == "status") return std::string(text("招商状态", "Deal status"));
        return std::string(text("招商热力图", "Investment heat map"));
    }

    // Both colourings are `match` expressions with list labels, the one
    // data-driven construct MapLibre and QGIS's style converter (3.22) both
    // read: QGIS drops `step` and `case`, and reads a bare string label as an
    // empty list. Fit scores are whole numbers, so a band is the list of its scores.
    json parcel_color() const {
        json expression = {"match"};
        if (colours_by_fit()) {
            expression.push_back({"get", "fit"});
            for (const vocabulary::FitBand& band : vocabulary::kFitBands) {
                json scores = json::array();
                for (int score = band.low; score <= band.high; ++score) scores.push_back(score);
                expression.push_back(std::move(scores));
                expression.push_back(band.color);
            }
            // No score (a tile without the industry): the lowest band's colour.
            expression.push_back(std::ranges::min(vocabulary::kFitBands, {}, &vocabulary::FitBand::low).color);
            return expression;
        }
        expression.push_back({"get", "status"});
        for (const vocabulary::Status& status : vocabulary::kStatuses) {
            expression.push_back(json::array({status.code}));
            expression.push_back(status.color);
        }
        expression.push_back(vocabulary::kUnknownStatusColor);
        return expression;
    }

    json fit_legend() const {
        json items = json::array();
        for (const vocabulary::FitBand& band : vocabulary::kFitBands) {
            items.push_back({{"color", band.color},
                             {"label", std::string(text(band.label)) + " " + std::to_string(band.low) +
                                           (band.high != band.low ? "–" + std::to_string(band.high) : "")},
                             {"value", {band.low, band.high}}});
        }
        const std::string industry(text(request_.industry->name_zh, request_.industry->name_en));
        return {{"title", std::string(text("适合度 · ", "Fit · ")) + industry}, {"type", "categories"}, {"items", items}};
    }

    json status_legend() const {
        json items = json::array();
        for (const vocabulary::Status& status : vocabulary::kStatuses) {
            if (std::ranges::find(request_.statuses, status.code) == request_.statuses.end()) continue;
            items.push_back({{"color", status.color}, {"label", text(status.label)}, {"value", status.code}});
        }
        return {{"title", text("招商状态", "Deal status")}, {"type", "categories"}, {"items", items}};
    }

    json heat_legend() const {
        json items = json::array();
        for (std::size_t i = 0; i < kHeatRamp.size(); ++i) {
            json item = {{"color", kHeatRamp[i]}, {"value", static_cast<double>(i) / (kHeatRamp.size() - 1)}};
            if (i == 0) item["label"] = text("低", "low");
            if (i + 1 == kHeatRamp.size()) item["label"] = text("高", "high");
            items.push_back(item);
        }
        const std::string title = request_.industry ? std::string(text("招商热度（可用面积 × 适合度）", "Heat (available area × fit)"))
                                                    : std::string(text("招商热度（可用面积）", "Heat (available area)"));
        return {{"title", title}, {"type", "ramp"}, {"items", items}};
    }

    // The status and fit maps mark parcels below the parcel zoom by the heat
    // layer's cells; `maxzoom` says the section describes only those zooms.
    json locations_legend() const {
        return {{"title", text("缩小时", "Zoomed out")},
                {"type", "categories"},
                {"maxzoom", request_.parcel_zoom},
                {"items", {{{"color", vocabulary::kParcelLocationColor}, {"label", text(vocabulary::kParcelLocations)}, {"value", "locations"}}}}};
    }

public:
    json legend() const {
        const json parcels = colours_by_fit() ? fit_legend() : status_legend();
        if (request_.name == "heat") return {heat_legend(), parcels};
        if (request_.name == "fit") return {parcels};  // at every zoom: parcels, then cells, by fit
        return {parcels, locations_legend()};
    }

private:
    json value_of(std::string_view name) const {
        if (name == "name") return title();
        if (name == "style") return request_.name;
        if (name == "lang") return request_.lang;
        if (name == "tilejson_url") return request_.tilejson_url;
        if (name == "glyphs_url") return request_.glyphs_url;
        if (name == "legend") return legend();
        if (name == "parcel_color") return parcel_color();
        // The fit map's cells carry their best fit: coloured as parcels are.
        if (name == "location_color") return request_.name == "fit" ? parcel_color() : json(vocabulary::kParcelLocationColor);
        if (name == "heat_top") return heat_top();
        if (name == "heat_mid") return heat_top() * kHeatMidShare;
        if (name.starts_with("parcel_zoom")) return request_.parcel_zoom + offset(name.substr(11));
        throw std::logic_error("unknown placeholder $" + std::string(name) + " in styles/map.json");
    }

    // The ramp reaches full weight at ln(1 + w) = this: a cell holding about
    // four of the heaviest parcels (ln 4 above one); at least 1, so the stops
    // rise. Without a known heaviest weight, 14 (a cell of some 10⁶ m²).
    double heat_top() const {
        if (!request_.heaviest_weight) return kHeatTopDefault;
        return std::max(1.0, std::log1p(*request_.heaviest_weight) + std::log(4.0));
    }
    static constexpr double kHeatTopDefault = 14.0;
    static constexpr double kHeatMidShare = 8.0 / 14.0;  // where a quarter of the weight is reached

    static int offset(std::string_view text) {
        if (text.empty()) return 0;
        int value = 0;
        const char* first = text.data() + (text.front() == '+' ? 1 : 0);
        if (std::from_chars(first, text.data() + text.size(), value).ptr != text.data() + text.size()) {
            throw std::logic_error("bad zoom offset " + std::string(text) + " in styles/map.json");
        }
        return value;
    }

    void substitute(json& node) const {
        if (node.is_string()) {
            const std::string& value = node.get_ref<const std::string&>();
            if (value.size() > 1 && value.front() == '$') node = value_of(std::string_view(value).substr(1));
        } else if (node.is_structured()) {
            for (auto& child : node) substitute(child);
        }
    }

    const StyleRequest& request_;
};

}  // namespace

nlohmann::json map_legend(const StyleRequest& request) {
    if (request.name == "fit" && !request.industry) throw std::invalid_argument("the fit style needs an industry");
    return StyleBuilder(request).legend();
}

ContextColours context_colours(const nlohmann::json& map_template) {
    const auto paint = [&](std::string_view layer_id, const char* property) -> std::string {
        for (const json& layer : map_template.value("layers", json::array())) {
            if (layer.value("id", "") != layer_id) continue;
            const json colour = layer.value("paint", json::object()).value(property, json());
            if (colour.is_string()) return colour.get<std::string>();
        }
        throw std::invalid_argument("styles/map.json: no " + std::string(property) + " in layer " + std::string(layer_id));
    };
    return {paint("background", "background-color"), paint("context-water", "fill-color"), paint("context-parks", "fill-color"),
            paint("context-roads", "line-color"), paint("context-boundary", "line-color")};
}

nlohmann::json build_map_style(const nlohmann::json& map_template, const StyleRequest& request) {
    if (request.name == "fit" && !request.industry) {
        throw std::invalid_argument("the fit style needs an industry");
    }
    return StyleBuilder(request).build(map_template);
}

}  // namespace investmap::style
