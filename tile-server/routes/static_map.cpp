// GET /static/{w}x{h}[@2x].{png|svg|pdf}?bbox=|center=&zoom=&style=&title=&lang=&qr=&filters
// — the map for slides, drawn by core/render with the same filters and
// visibility as every other endpoint.
#include "routes.hpp"

#include "../resources.hpp"
#include "render/static_request.hpp"
#include "source/memory_source.hpp"
#include "source/sqlite_source.hpp"
#include "style/map_style.hpp"

namespace investmap::server::routes {

Response static_map(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, Tiles& tiles, const Request& request, std::string_view spec) {
    const render::ImageSpec image = render::parse_image_spec(spec);
    // Keyed by what decides the picture, so a repeat is a 304 without drawing.
    const SharedDatabase::Versions versions = database.versions();
    const std::int64_t data_version = versions.data;
    std::string key = std::string(spec) + "#" + (request.caller ? "staff#" + std::to_string(versions.data)
                                                                : "public#" + std::to_string(versions.published));
    for (const auto& [name, value] : request.query) key += "&" + name + "=" + value;
    const std::string etag = "\"" + hex_hash(key) + "\"";
    Response response;
    response.headers = {{"ETag", etag}, {"Cache-Control", "public, max-age=" + std::to_string(config.cache_max_age_s)}};
    if (etag_matches(request, etag)) {
        response.status = 304;
        return response;
    }
    const render::MapSettings settings{config.parcel_zoom, style::context_colours(load_style_template()), config.attribution,
                                       config.map_approval_number, base_url(config, request)};
    const auto profiles = industries.current();
    const render::StaticMapRequest plan =
        render::plan_static_map(database.reader(), image, request.query, *profiles, visible_statuses(config, request), settings);
    response.content_type = std::string(render::mime_type(image.format));
    if (const auto parcels = tiles.index.at(data_version)) {
        response.body = render::render_static_map(source::MemorySource(*parcels), plan);
    } else {
        response.body = render::render_static_map(source::SqliteSource(database.reader()), plan);
    }
    const std::string file = "investmap-" + std::string(spec);
    response.headers.emplace_back("Content-Disposition", "inline; filename=\"" + file + "\"");
    return response;
}

}  // namespace investmap::server::routes
