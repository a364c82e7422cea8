#pragma once
// One reading of a static-map request for both faces of the renderer: the
// HTTP route (/static/{w}x{h}[@2x].{png|svg|pdf}?…) and `investmap render`
// (whose options become the same parameters). Bad sizes and parameters
// throw filter::FilterError naming the parameter (a 400, or exit status 2).
#include "fit/industry_profile.hpp"
#include "filter/filter.hpp"
#include "render/static_map.hpp"

#include <span>
#include <string>
#include <string_view>

namespace investmap::render {

struct MapSettings {
    int parcel_zoom = vocabulary::kDefaultParcelZoom;
    style::ContextColours colours;  // from styles/map.json
    std::string attribution;
    std::string approval_number;
    std::string live_map_url;  // the viewer's base URL, for the QR code
};

// Parameters a static map takes besides the filters.
inline constexpr std::array<std::string_view, 7> kStaticMapParameters = {"bbox", "center", "zoom", "style", "title", "lang", "qr"};

// "1920x1080@2x.png" → size, pixel ratio and format.
struct ImageSpec {
    int width = 0;
    int height = 0;
    int pixel_ratio = 1;
    ImageFormat format = ImageFormat::png;
};
ImageSpec parse_image_spec(std::string_view spec);

StaticMapRequest plan_static_map(store::Database& db, const ImageSpec& image, const filter::QueryParameters& query,
                                 const fit::IndustryProfiles& profiles, std::span<const std::string_view> visible_statuses,
                                 const MapSettings& settings);

std::string_view mime_type(ImageFormat format);

}  // namespace investmap::render
