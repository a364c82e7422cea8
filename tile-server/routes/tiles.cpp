// GET /tiles/{z}/{x}/{y}.mvt?filters — MVT 2.1 with the parcels, heat and
// context layers. An empty tile is a 204, always.
#include "routes.hpp"

#include "../compression.hpp"
#include "filter/filter.hpp"
#include "mvt/parcel_tile.hpp"
#include "source/memory_source.hpp"
#include "source/sqlite_source.hpp"

#include <charconv>

namespace investmap::server::routes {
namespace {

long long tile_number(std::string_view text, const char* name) {
    long long value = -1;
    const char* end = text.data() + text.size();
    if (text.empty() || text.size() > 8 || std::from_chars(text.data(), end, value).ptr != end) {
        throw HttpError(400, "bad_parameter", std::string("瓦片坐标 ") + name + " 应为整数 / tile " + name + " must be an integer");
    }
    return value;
}

// Builds the tile in the coding the client asked for: gzip only when it
// accepts it, so plain requests never pay for compression.
// From the memory index when it is of the version the key was made with,
// else from SQLite.
std::shared_ptr<const CachedBody> build(const ServerConfig& config, SharedDatabase& database, Tiles& tiles, Metrics& metrics,
                                        geo::TileId tile, const filter::Filter& wanted,
                                        std::span<const std::string_view> statuses, std::int64_t data_version, bool gzip) {
    mvt::TileSettings settings;
    settings.parcel_zoom = config.parcel_zoom;
    auto body = std::make_shared<CachedBody>();
    const source::ParcelQuery query{wanted, statuses};
    if (const auto parcels = tiles.index.at(data_version)) {
        metrics.tile_from_memory();
        body->identity = mvt::build_parcel_tile(source::MemorySource(*parcels), tile, query, settings, &tiles.helpers);
    } else {
        body->identity = mvt::build_parcel_tile(source::SqliteSource(database.reader()), tile, query, settings);
    }
    if (gzip && !body->identity.empty()) body->gzip = gzip_compress(body->identity);
    if (gzip) body->identity.clear();  // the entry holds one coding; an empty tile stays empty
    return body;
}

}  // namespace

Response tile(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, Tiles& tiles,
              Metrics& metrics, const Request& request, std::string_view z, std::string_view x, std::string_view y_and_extension) {
    constexpr std::string_view extension = ".mvt";
    if (!y_and_extension.ends_with(extension)) {
        throw HttpError(400, "bad_parameter", "瓦片扩展名应为 .mvt / tile extension must be .mvt");
    }
    const std::string_view y = y_and_extension.substr(0, y_and_extension.size() - extension.size());
    const auto id = geo::make_tile(tile_number(z, "z"), tile_number(x, "x"), tile_number(y, "y"));
    if (!id) {
        throw HttpError(400, "bad_parameter", "瓦片超出范围：z 为 0–22，x、y 为 0..2^z−1 / tile out of range: z 0–22, x and y 0..2^z−1");
    }
    const filter::Filter wanted = request_filter(industries, request);
    const auto statuses = visible_statuses(config, request);
    const SharedDatabase::Versions versions = database.versions();
    const std::int64_t data_version = versions.data;
    // Anonymous tiles are keyed by the public version: staff-only edits
    // (a reserved parcel) neither move their ETags nor empty their cache.
    const std::string key = "tile/" + std::string(z) + "/" + std::string(x) + "/" + std::string(y) + "?" +
                            filter::canonical_query(wanted) + (request.caller ? "#staff#" + std::to_string(versions.data)
                                                                               : "#public#" + std::to_string(versions.published));
    const std::string etag = "\"" + hex_hash(key) + "\"";
    const bool gzip = accepts_gzip(request.header("accept-encoding").value_or(""));
    const std::string entry = key + (gzip ? "#gzip" : "#identity");
    const std::string gzip_etag = etag.substr(0, etag.size() - 1) + "-gz\"";
    const std::string& served_etag = gzip ? gzip_etag : etag;

    Response response;
    response.content_type = "application/vnd.mapbox-vector-tile";
    response.headers = {{"ETag", served_etag},
                        {"Cache-Control", "public, max-age=" + std::to_string(config.cache_max_age_s)},
                        {"Vary", "Accept-Encoding"}};
    // Either coding's tag: the client holds this tile's content already.
    if (etag_matches(request, etag) || etag_matches(request, gzip_etag)) {
        response.status = 304;
        return response;
    }
    auto body = tiles.cache.find(entry);
    if (body) {
        metrics.cache_hit();
    } else {
        metrics.cache_miss();
        body = build(config, database, tiles, metrics, *id, wanted, statuses, data_version, gzip);
        tiles.cache.offer(entry, body);
    }
    if (body->identity.empty() && body->gzip.empty()) {
        response.status = 204;
        return response;
    }
    // The cached bytes go out as they are; the aliasing pointer keeps the entry alive.
    response.shared_body = std::shared_ptr<const std::string>(body, gzip ? &body->gzip : &body->identity);
    if (gzip) response.headers.emplace_back("Content-Encoding", "gzip");
    return response;
}

}  // namespace investmap::server::routes
