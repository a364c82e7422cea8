#include "render/static_request.hpp"

#include "store/parcel_store.hpp"
#include "style/map_style.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace investmap::render {
namespace {

using filter::FilterError;

[[noreturn]] void bad(const std::string& parameter, const std::string& zh, const std::string& en) {
    throw FilterError(parameter, zh + " / " + en);
}

std::optional<std::string> parameter(const filter::QueryParameters& query, std::string_view name) {
    return filter::parameter_value(query, name);
}

std::vector<double> numbers(const std::string& name, const std::string& text, std::size_t count) {
    std::vector<double> values;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        double value = 0;
        const char* first = text.data() + start;
        const char* last = text.data() + comma;
        if (first == last || std::from_chars(first, last, value).ptr != last || !std::isfinite(value)) break;
        values.push_back(value);
        start = comma + 1;
    }
    if (values.size() != count) {
        bad(name, name + " 应为 " + std::to_string(count) + " 个以逗号分隔的数", name + " must be " + std::to_string(count) + " numbers separated by commas");
    }
    return values;
}

MapFrame frame_for(store::Database& db, const filter::QueryParameters& query, const filter::SqlCondition& condition, const ImageSpec& image) {
    const auto bbox = parameter(query, "bbox");
    const auto center = parameter(query, "center");
    const auto zoom = parameter(query, "zoom");
    if (bbox && (center || zoom)) bad("bbox", "bbox 与 center/zoom 只能选一种", "give bbox or center and zoom, not both");
    if (bbox) {
        const auto b = numbers("bbox", *bbox, 4);
        if (b[0] >= b[2] || b[1] >= b[3] || b[0] < -180 || b[2] > 180 || b[1] < -85 || b[3] > 85) {
            bad("bbox", "bbox 应为 西,南,东,北（经纬度）", "bbox must be west,south,east,north in lon/lat");
        }
        return MapFrame::fitting({b[0], b[1], b[2], b[3]}, image.width, image.height, 0.0);
    }
    if (center || zoom) {
        if (!center || !zoom) bad(center ? "zoom" : "center", "center 与 zoom 需同时给出", "center and zoom go together");
        const auto c = numbers("center", *center, 2);
        const auto z = numbers("zoom", *zoom, 1);
        if (c[0] < -180 || c[0] > 180 || c[1] < -85 || c[1] > 85) bad("center", "center 应为 经度,纬度", "center must be lon,lat");
        if (z[0] < 0 || z[0] > 22) bad("zoom", "zoom 应在 0 到 22 之间", "zoom must be from 0 to 22");
        return MapFrame::centred({c[0], c[1]}, z[0], image.width, image.height);
    }
    // Neither: frame the matching parcels with a margin (or the whole district when none match).
    const auto extent = matching_extent(db, condition);
    if (extent) return MapFrame::fitting(*extent, image.width, image.height);
    return MapFrame::centred({119.3, 26.05}, 11, image.width, image.height);
}

std::string live_view_url(const MapSettings& settings, const filter::Filter& wanted, const std::string& style, const std::string& lang,
                          const MapFrame& frame) {
    const std::string filters = filter::canonical_query(wanted);
    char view[96];
    const geo::LonLat centre = frame.centre();
    std::snprintf(view, sizeof view, "map=%.2f/%.5f/%.5f", frame.zoom(), centre.lat, centre.lon);
    std::string url = settings.live_map_url + "/?" + (filters.empty() ? "" : filters + "&");
    if (style != "heat") url += "layer=" + style + "&";
    if (lang != "zh") url += "lang=" + lang + "&";
    return url + view;
}

}  // namespace

ImageSpec parse_image_spec(std::string_view spec) {
    ImageSpec image;
    char ratio[4] = {}, extension[5] = {};
    int consumed = 0;
    const std::string text(spec);
    const bool with_ratio = text.find('@') != std::string::npos;
    const int fields = with_ratio ? std::sscanf(text.c_str(), "%dx%d@%3[0-9x].%4[a-z]%n", &image.width, &image.height, ratio, extension, &consumed)
                                  : std::sscanf(text.c_str(), "%dx%d.%4[a-z]%n", &image.width, &image.height, extension, &consumed);
    const bool shaped = fields == (with_ratio ? 4 : 3) && consumed == static_cast<int>(text.size()) &&
                        (!with_ratio || std::string_view(ratio) == "2x");
    const std::string_view ext(extension);
    if (!shaped || (ext != "png" && ext != "svg" && ext != "pdf")) {
        bad("size", "图片规格（size）应形如 1920x1080.png、800x600@2x.svg 或 1200x800.pdf",
            "the image size must look like 1920x1080.png, 800x600@2x.svg or 1200x800.pdf");
    }
    image.pixel_ratio = with_ratio ? 2 : 1;
    image.format = ext == "png" ? ImageFormat::png : ext == "svg" ? ImageFormat::svg : ImageFormat::pdf;
    if (image.width < 1 || image.height < 1 || image.width * image.pixel_ratio > kMaxImageSide ||
        image.height * image.pixel_ratio > kMaxImageSide) {
        bad("size", "图片尺寸（size）每边应为 1 到 4096 像素（含 @2x）", "the image size must be 1 to 4096 pixels a side (after @2x)");
    }
    return image;
}

std::string_view mime_type(ImageFormat format) {
    switch (format) {
        case ImageFormat::svg: return "image/svg+xml";
        case ImageFormat::pdf: return "application/pdf";
        case ImageFormat::png: break;
    }
    return "image/png";
}

StaticMapRequest plan_static_map(store::Database& db, const ImageSpec& image, const filter::QueryParameters& query,
                                 const fit::IndustryProfiles& profiles, std::span<const std::string_view> visible_statuses,
                                 const MapSettings& settings) {
    const filter::Filter wanted = filter::parse_filter(query, kStaticMapParameters, &profiles);
    StaticMapRequest request;
    request.style = parameter(query, "style").value_or("heat");
    if (std::ranges::find(style::kStyleNames, request.style) == style::kStyleNames.end()) {
        bad("style", "style 可用 heat、fit、status", "style must be heat, fit or status");
    }
    if (request.style == "fit" && !wanted.industry) bad("industry", "适合度样式需要 industry 参数", "the fit style needs industry");
    request.lang = parameter(query, "lang").value_or("zh");
    if (request.lang != "zh" && request.lang != "en") bad("lang", "lang 应为 zh 或 en", "lang must be zh or en");
    request.title = parameter(query, "title").value_or("");
    if (request.title.size() > 200) bad("title", "标题太长", "the title is too long");
    const std::string qr = parameter(query, "qr").value_or("0");
    if (qr != "0" && qr != "1") bad("qr", "qr 应为 0 或 1", "qr must be 0 or 1");

    request.filter = wanted;
    request.visible_statuses.assign(visible_statuses.begin(), visible_statuses.end());
    request.frame = frame_for(db, query, filter::to_sql(wanted, visible_statuses), image);
    request.pixel_ratio = image.pixel_ratio;
    request.format = image.format;
    style::StyleRequest legend_request;
    legend_request.name = request.style;
    legend_request.lang = request.lang;
    legend_request.industry = wanted.industry ? profiles.find(*wanted.industry) : nullptr;
    legend_request.statuses.assign(visible_statuses.begin(), visible_statuses.end());
    // Static maps draw parcels at every zoom: a section about the live map's
    // zoomed-out view (it has a maxzoom) describes nothing drawn here.
    for (nlohmann::json& section : style::map_legend(legend_request)) {
        if (!section.contains("maxzoom")) request.legend.push_back(std::move(section));
    }
    request.parcel_zoom = settings.parcel_zoom;
    request.colours = settings.colours;
    request.data_as_of = store::data_as_of(db);
    request.attribution = settings.attribution;
    request.approval_number = settings.approval_number;
    if (qr == "1") {
        if (settings.live_map_url.empty()) bad("qr", "二维码需要在线地图的网址", "a QR code needs the live map's URL");
        request.qr_url = live_view_url(settings, wanted, request.style, request.lang, request.frame);
    }
    return request;
}

}  // namespace investmap::render
