// GET /healthz and GET /metrics.
#include "routes.hpp"


#include <nlohmann/json.hpp>

namespace investmap::server::routes {

Response health(SharedDatabase& database, Tiles& tiles, const Request& request) {
    accept_only(request, parameters::kNone);
    Response response;
    if (!database.file_intact()) {
        // Said at once, not when a read next fails: edits would be lost.
        response = error_response(503, "database_unavailable",
                                  "数据库文件已被删除或替换 / the database file was deleted or replaced");
        return response;
    }
    // Anonymous callers see the public version: staff-only edits do not
    // show here either. Staff see both.
    const SharedDatabase::Versions versions = database.versions();
    nlohmann::json body{{"status", "ok"}, {"data_version", request.caller ? versions.data : versions.published}, {"memory_index", nullptr}};
    if (request.caller) body["public_version"] = versions.published;
    // Whether uncached tiles come from memory: the index's data version
    // equals the database's once it has caught up. Asking, like a tile
    // does, starts the catching up.
    tiles.index.at(versions.data);
    if (const auto index = tiles.index.latest()) {
        body["memory_index"] = {{"parcels", index->size()}, {"up_to_date", index->data_version() == versions.data}};
        if (request.caller) body["memory_index"]["data_version"] = index->data_version();
    }
    response.body = body.dump();
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response metrics(const Metrics& metrics, const TileCache& cache, const Request& request) {
    accept_only(request, parameters::kNone);
    Response response;
    response.content_type = "text/plain; version=0.0.4";
    response.body = metrics.render(cache.bytes());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace investmap::server::routes
