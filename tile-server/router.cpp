#include "router.hpp"

#include "public_base.hpp"
#include "log_line.hpp"

#include "routes/routes.hpp"

#include "errors.hpp"
#include "filter/filter.hpp"

#include <algorithm>
#include <iostream>

namespace investmap::server {
namespace {

struct MethodNotAllowed {
    std::string allowed;
};

[[noreturn]] void method_not_allowed(std::string allowed) {
    throw MethodNotAllowed{std::move(allowed)};
}

// One parcel and what hangs off it: /api/collections/parcels/items/{code}[/…].
Response dispatch_item(App& app, const Request& request, const std::vector<std::string_view>& parts, std::string& route) {
    const std::string_view code = parts[4];
    const std::string& method = request.method;
    if (parts.size() == 5) {
        route = method == "PATCH" ? "edit" : "item";
        if (method == "PATCH") return routes::patch_item(app.config, app.database, app.industries, request, code);
        if (method != "GET" && method != "HEAD") method_not_allowed("GET, HEAD, PATCH");
        return routes::api_item(app.config, app.database, app.industries, request, code);
    }
    if (parts.size() == 6 && parts[5] == "history") {
        route = "history";
        if (method != "GET" && method != "HEAD") method_not_allowed("GET, HEAD");
        return routes::item_history(app.config, app.database, request, code);
    }
    if (parts.size() == 6 && parts[5] == "media") {
        route = "media_upload";
        if (method != "POST") method_not_allowed("POST");
        return routes::upload_media(app.config, app.database, request, code);
    }
    if (parts.size() == 7 && parts[5] == "media") {
        route = "media_delete";
        if (method != "DELETE") method_not_allowed("DELETE");
        return routes::delete_media(app.config, app.database, request, code, parts[6]);
    }
    throw HttpError(404, "not_found", "没有这个地址 / no such path: " + request.path);
}

Response dispatch_api(App& app, const Request& request, const std::vector<std::string_view>& parts, std::string& route) {
    route = "api";
    if (parts.size() >= 5 && parts[1] == "collections" && parts[2] == "parcels" && parts[3] == "items") {
        return dispatch_item(app, request, parts, route);
    }
    if (parts.size() == 2 && parts[1] == "imports") {
        route = "import";
        if (request.method != "POST") method_not_allowed("POST");
        return routes::post_import(app.config, app.database, request);
    }
    if (parts.size() >= 2 && parts[1] == "unlocated") {
        route = "unlocated";
        if (parts.size() == 2) {
            if (request.method != "GET" && request.method != "HEAD") method_not_allowed("GET, HEAD");
            return routes::unlocated_list(app.config, app.database, request);
        }
        if (parts.size() == 4 && parts[3] == "geometry") {
            if (request.method != "PUT") method_not_allowed("PUT");
            return routes::place_unlocated(app.config, app.database, app.industries, request, parts[2]);
        }
        throw HttpError(404, "not_found", "没有这个地址 / no such path: " + request.path);
    }
    if (request.method != "GET" && request.method != "HEAD") method_not_allowed("GET, HEAD");
    if (parts.size() == 1) return routes::api_landing(app.config, request);
    if (parts.size() == 2 && parts[1] == "conformance") return routes::api_conformance(app.config, request);
    if (parts.size() == 2 && parts[1] == "openapi") return routes::api_openapi(app.config, app.industries, request);
    if (parts.size() == 2 && parts[1] == "industries") return routes::api_industries(app.config, app.industries, request);
    if (parts.size() == 2 && parts[1] == "vocabulary") return routes::api_vocabulary(app.config, request);
    if (parts.size() == 2 && parts[1] == "stats") {
        route = "stats";
        return routes::api_stats(app.config, app.database, app.industries, request);
    }
    if (parts.size() >= 2 && parts[1] == "collections") {
        if (parts.size() == 2) return routes::api_collections(app.config, app.database, request);
        if (parts[2] == "parcels") {
            if (parts.size() == 3) return routes::api_collection(app.config, app.database, request);
            if (parts.size() == 4 && parts[3] == "queryables") return routes::api_queryables(app.config, app.database, request);
            if (parts.size() == 4 && parts[3] == "items") {
                route = "items";
                return routes::api_items(app.config, app.database, app.industries, request);
            }
        }
    }
    throw HttpError(404, "not_found", "没有这个地址 / no such path: " + request.path);
}

Response dispatch(App& app, const Request& request, std::string& route) {
    const auto parts = routes::segments(request.path);
    if (!parts.empty() && parts[0] == "api") return dispatch_api(app, request, parts, route);
    if (request.method != "GET" && request.method != "HEAD") method_not_allowed("GET, HEAD");
    if (parts.size() == 4 && parts[0] == "tiles") {
        route = "tiles";
        return routes::tile(app.config, app.database, app.industries, app.tiles, app.metrics, request, parts[1], parts[2], parts[3]);
    }
    if (parts.size() == 1 && parts[0] == "tiles.json") {
        route = "tilejson";
        return routes::tilejson(app.config, app.database, app.industries, request);
    }
    if (parts.size() == 2 && parts[0] == "styles") {
        route = "styles";
        return routes::style(app.config, app.database, app.industries, request, parts[1]);
    }
    if (parts.size() == 2 && parts[0] == "static") {
        route = "static_map";
        return routes::static_map(app.config, app.database, app.industries, app.tiles, request, parts[1]);
    }
    if (parts.size() == 3 && parts[0] == "fonts") {
        route = "fonts";
        return routes::glyphs(request, parts[1], parts[2]);
    }
    if (parts.size() == 2 && parts[0] == "media") {
        route = "media";
        return routes::media_file(app.config, request, parts[1]);
    }
    if (parts.size() == 1 && parts[0] == "healthz") {
        route = "healthz";
        return routes::health(app.database, app.tiles, request);
    }
    if (parts.size() == 1 && parts[0] == "metrics") {
        route = "metrics";
        return routes::metrics(app.metrics, app.tiles.cache, request);
    }
    route = "static";
    return routes::static_file(app.config, app.tiles.cache, request);
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

// A response for a token holder is nobody else's: no shared cache keeps it.
void keep_private(Response& response) {
    bool said = false;
    for (auto& [name, value] : response.headers) {
        if (name != "Cache-Control") continue;
        said = true;
        if (value.find("no-store") == std::string::npos) value = "private, no-cache";
    }
    if (!said) response.headers.emplace_back("Cache-Control", "private, no-cache");
    response.headers.emplace_back("Vary", "Authorization");
}

Response handle_request(App& app, Request& request, std::string& route) {
    Response response;
    try {
        request.client_address = client_address(app.config, request);
        request.caller = authenticate(app.database, app.sign_in, request);
        response = dispatch(app, request, route);
        if (request.caller) keep_private(response);
    } catch (const MethodNotAllowed& error) {
        route = "method";
        response = error_response(405, "method_not_allowed", "不支持此方法，可用 " + error.allowed + " / method not allowed; use " + error.allowed);
        response.headers.emplace_back("Allow", error.allowed);
    } catch (const HttpError& error) {
        response = error_response(error.status(), error.code(), error.what());
        if (error.status() == 401) response.headers.emplace_back("WWW-Authenticate", "Bearer");
    } catch (const filter::FilterError& error) {
        response = error_response(400, "bad_parameter", error.what());
    } catch (const std::exception& error) {
        route = "internal";
        log_line(std::cerr, "内部错误 internal error on " + request.method + " " + request.path + ": " + error.what());
        response = error_response(500, "internal", "服务器内部错误 / internal server error");
    }
    add_cors(app, request, response);
    return response;
}

}  // namespace investmap::server
