// GET /healthz and GET /metrics.
#include "routes.hpp"


#include <nlohmann/json.hpp>

namespace investmap::server::routes {

Response health(App& app) {
    Response response;
    response.body = nlohmann::json{{"status", "ok"}, {"data_version", app.data_version()}}.dump();
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
