#include "router.hpp"

#include "routes/routes.hpp"

#include "errors.hpp"
#include "filter/filter.hpp"

#include <algorithm>
#include <iostream>

namespace investmap::server {
namespace {

Response dispatch_api(App& app, const Request& request, const std::vector<std::string_view>& parts, std::string& route) {
    route = "api";
    if (parts.size() == 1) return routes::api_landing(app, request);
    if (parts.size() == 2 && parts[1] == "conformance") return routes::api_conformance(app, request);
    if (parts.size() == 2 && parts[1] == "industries") return routes::api_industries(app, request);
    if (parts.size() == 2 && parts[1] == "stats") {
        route = "stats";
        return routes::api_stats(app, request);
    }
    if (parts.size() >= 2 && parts[1] == "collections") {
        if (parts.size() == 2) return routes::api_collections(app, request);
        if (parts[2] == "parcels") {
            if (parts.size() == 3) return routes::api_collection(app, request);
            if (parts.size() == 4 && parts[3] == "items") {
                route = "items";
                return routes::api_items(app, request);
            }
            if (parts.size() == 5 && parts[3] == "items") {
                route = "item";
                return routes::api_item(app, request, parts[4]);
            }
        }
    }
    throw HttpError(404, "not_found", "没有这个地址 / no such path: " + request.path);
}

Response dispatch(App& app, const Request& request, std::string& route) {
    const auto parts = routes::segments(request.path);
    if (request.method != "GET" && request.method != "HEAD") {
        route = "method";
        Response response = error_response(405, "method_not_allowed", "只支持 GET / only GET is allowed here");
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    if (parts.size() == 4 && parts[0] == "tiles") {
        route = "tiles";
        return routes::tile(app, request, parts[1], parts[2], parts[3]);
    }
    if (parts.size() == 1 && parts[0] == "tiles.json") {
        route = "tilejson";
        return routes::tilejson(app, request);
    }
    if (!parts.empty() && parts[0] == "api") return dispatch_api(app, request, parts, route);
    if (parts.size() == 2 && parts[0] == "styles") {
        route = "styles";
        return routes::style(app, request, parts[1]);
    }
    if (parts.size() == 1 && parts[0] == "healthz") {
        route = "healthz";
        return routes::health(app);
    }
    if (parts.size() == 1 && parts[0] == "metrics") {
        route = "metrics";
        return routes::metrics(app);
    }
    route = "static";
    return routes::static_file(app, request);
}

void add_cors(const App& app, const Request& request, Response& response) {
    const auto origin = request.header("origin");
    if (!origin || app.config.cors_origins.empty()) return;
    const auto& allowed = app.config.cors_origins;
    if (std::ranges::find(allowed, "*") != allowed.end()) {
        response.headers.emplace_back("Access-Control-Allow-Origin", "*");
    } else if (std::ranges::find(allowed, *origin) != allowed.end()) {
        response.headers.emplace_back("Access-Control-Allow-Origin", std::string(*origin));
        response.headers.emplace_back("Vary", "Origin");
    }
}

}  // namespace

Response handle_request(App& app, const Request& request, std::string& route) {
    Response response;
    try {
        response = dispatch(app, request, route);
    } catch (const HttpError& error) {
        response = error_response(error.status(), error.code(), error.what());
    } catch (const filter::FilterError& error) {
        response = error_response(400, "bad_parameter", error.what());
    } catch (const std::exception& error) {
        std::cerr << "内部错误 internal error on " << request.path << ": " << error.what() << std::endl;
        response = error_response(500, "internal", "服务器内部错误 / internal server error");
    }
    add_cors(app, request, response);
    return response;
}

}  // namespace investmap::server
