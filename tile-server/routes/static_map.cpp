// GET /static/{w}x{h}[@2x].{png|svg|pdf}?bbox=|center=&zoom=&style=&title=&lang=&qr=&filters
// — the map for slides, drawn by core/render with the same filters and
// visibility as every other endpoint.
#include "routes.hpp"

#include "../resources.hpp"
#include "render/static_request.hpp"
#include "style/map_style.hpp"

namespace investmap::server::routes {

Response static_map(App& app, const Request& request, std::string_view spec) {
    const render::ImageSpec image = render::parse_image_spec(spec);
    // Keyed by what decides the picture, so a repeat is a 304 without drawing.
    const App::Versions versions = app.versions();
    const std::int64_t data_version = versions.data;
    std::string key = std::string(spec) + "#" + (request.caller ? "staff#" + std::to_string(versions.data)
                                                                : "public#" + std::to_string(versions.published));
    for (const auto& [name, value] : request.query) key += "&" + name + "=" + value;
    const std::string etag = "\"" + hex_hash(key) + "\"";
    Response response;
    response.headers = {{"ETag", etag}, {"Cache-Control", "public, max-age=" + std::to_string(app.config.cache_max_age_s)}};
    if (etag_matches(request, etag)) {
        response.status = 304;
        return response;
    }
    const render::MapSettings settings{app.config.parcel_zoom, style::context_colours(load_style_template()), app.config.attribution,
                                       app.config.map_approval_number, base_url(app, request)};
    const auto industries = app.industries();
    const render::StaticMapRequest plan =
        render::plan_static_map(app.db(), image, request.query, *industries, visible_statuses(app, request), settings);
    response.content_type = std::string(render::mime_type(image.format));
    const auto parcels = app.parcel_index.at(data_version);
    response.body = render::render_static_map(app.db(), plan, parcels.get());
    const std::string file = "investmap-" + std::string(spec);
    response.headers.emplace_back("Content-Disposition", "inline; filename=\"" + file + "\"");
    return response;
}

}  // namespace investmap::server::routes
