// GET /healthz and GET /metrics.
#include "routes.hpp"


#include <nlohmann/json.hpp>

namespace investmap::server::routes {

Response health(App& app) {
    Response response;
    if (!app.database_file_intact()) {
        // Said at once, not when a read next fails: edits would be lost.
        response = error_response(503, "database_unavailable",
                                  "数据库文件已被删除或替换 / the database file was deleted or replaced");
        return response;
    }
    const std::int64_t data_version = app.data_version();
    nlohmann::json body{{"status", "ok"}, {"data_version", data_version}, {"memory_index", nullptr}};
    // Whether uncached tiles come from memory: the index's data version
    // equals the database's once it has caught up. Asking, like a tile
    // does, starts the catching up.
    app.parcel_index.at(data_version);
    if (const auto index = app.parcel_index.latest()) {
        body["memory_index"] = {{"parcels", index->size()}, {"data_version", index->data_version()}};
    }
    response.body = body.dump();
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response metrics(App& app) {
    Response response;
    response.content_type = "text/plain; version=0.0.4";
    response.body = app.metrics.render(app.cache.bytes());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace investmap::server::routes
