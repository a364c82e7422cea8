#pragma once
// The static map for slides (PRODUCT.md): context, parcels coloured by fit
// or status or the heat as a smooth density surface, then a title, the
// style's legend, a metric scale bar, a north arrow, "数据截至" (data as
// of), attribution and 审图号, and optionally a QR code of the live view.
// One cairo drawing gives PNG, PDF and SVG; in SVG the words are real
// <text> (searchable, Chinese intact) rather than glyph outlines.
#include "filter/filter.hpp"
#include "source/parcel_source.hpp"
#include "render/map_frame.hpp"
#include "style/map_style.hpp"
#include "store/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace investmap::render {

enum class ImageFormat { png, svg, pdf };

inline constexpr int kMaxImageSide = 4096;  // device pixels, after the pixel ratio

struct StaticMapRequest {
    MapFrame frame;                // in CSS pixels
    int pixel_ratio = 1;           // 2 for @2x
    ImageFormat format = ImageFormat::png;
    std::string style = "heat";    // heat | fit | status
    std::string lang = "zh";
    std::string title;
    nlohmann::json legend = nlohmann::json::array();  // style::map_legend()
    filter::Filter filter;           // which parcels
    std::vector<std::string> visible_statuses;  // what the caller may see
    int parcel_zoom = vocabulary::kDefaultParcelZoom;  // the heat fades into parcels from here, as in the viewer
    style::ContextColours colours;  // the background and context, as styles/map.json draws them
    std::string data_as_of;        // YYYY-MM-DD
    std::string attribution;
    std::string approval_number;   // 审图号, printed when set
    std::optional<std::string> qr_url;
};

// The bounding box of the parcels `condition` lets through; nullopt for none.
std::optional<geo::LonLatBox> matching_extent(store::Database& db, const filter::SqlCondition& condition);

// The image's bytes in the requested format, the parcels and context read
// from `source` (the memory index, or SQLite).
std::string render_static_map(const source::ParcelSource& source, const StaticMapRequest& request);

}  // namespace investmap::render
