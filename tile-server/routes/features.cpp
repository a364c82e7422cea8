// OGC API – Features, Part 1 (core, GeoJSON): /api, /api/conformance,
// /api/collections, /api/collections/parcels, …/items and …/items/{code}.
#include "routes.hpp"

#include "filter/filter.hpp"
#include "fit/scoring.hpp"
#include "geojson/parcel_feature.hpp"
#include "store/parcel_query.hpp"

#include "../openapi/openapi_document.hpp"
#include "../openapi/queryables.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace investmap::server::routes {
namespace {

using nlohmann::json;

constexpr const char* kGeoJson = "application/geo+json";

json link(const std::string& href, const char* rel, const char* type, const char* title) {
    return {{"href", href}, {"rel", rel}, {"type", type}, {"title", title}};
}

std::int64_t integer_parameter(const Request& request, const char* name, std::int64_t fallback, std::int64_t low, std::int64_t high) {
    const auto text = query_parameter(request, name);
    if (!text) return fallback;
    std::int64_t value = 0;
    const char* end = text->data() + text->size();
    if (text->empty() || std::from_chars(text->data(), end, value).ptr != end || value < low || value > high) {
        throw HttpError(400, "bad_parameter", std::string(name) + " 应为 " + std::to_string(low) + " 到 " + std::to_string(high) +
                                                  " 的整数 / " + name + " must be an integer from " + std::to_string(low) +
                                                  " to " + std::to_string(high));
    }
    return value;
}

std::optional<geo::LonLatBox> bbox_parameter(const Request& request) {
    const auto text = query_parameter(request, "bbox");
    if (!text) return std::nullopt;
    std::array<double, 4> numbers{};
    std::size_t count = 0, start = 0;
    bool ok = true;
    while (ok && start <= text->size()) {
        const std::size_t comma = std::min(text->find(',', start), text->size());
        double value = 0;
        const char* first = text->data() + start;
        const char* last = text->data() + comma;
        ok = count < numbers.size() && std::from_chars(first, last, value).ptr == last && first != last && std::isfinite(value);
        if (ok) numbers[count++] = value;
        start = comma + 1;
    }
    const auto [west, south, east, north] = numbers;
    if (!ok || count != 4 || west > east || south > north || west < -180 || east > 180 || south < -90 || north > 90) {
        throw HttpError(400, "bad_parameter", "bbox 应为 经度,纬度,经度,纬度（西,南,东,北） / bbox must be west,south,east,north in lon/lat");
    }
    return geo::LonLatBox{west, south, east, north};
}

// OGC API – Features Part 3 style: sortby=area_m2, -area_m2, fit, -fit, code.
store::SortOrder sort_parameter(const Request& request, const filter::Filter& wanted) {
    const auto text = query_parameter(request, "sortby");
    if (!text) return store::SortOrder::id;
    using store::SortOrder;
    for (const auto& [name, order] : parameters::kSortOrders) {
        if (*text != name) continue;
        if ((order == SortOrder::fit_ascending || order == SortOrder::fit_descending) && !wanted.industry) {
            throw filter::FilterError("sortby", "按适合度排序需要 industry 参数 / sorting by fit needs industry");
        }
        return order;
    }
    throw filter::FilterError("sortby", "sortby 可用 id、area_m2、-area_m2、fit、-fit、code / sortby must be id, area_m2, -area_m2, fit, -fit or code");
}

json collection_document(const ServerConfig& config, SharedDatabase& database, const Request& request, const std::string& base) {
    const auto extent = store::parcel_extent(database.reader(), visible_statuses(config, request));
    const json bbox = extent ? json::array({extent->west, extent->south, extent->east, extent->north})
                             : json::array({-180.0, -90.0, 180.0, 90.0});
    return {{"id", "parcels"},
            {"title", "地块 Parcels"},
            {"description", "闲置土地、厂房、楼宇 idle land, factories and offices"},
            {"itemType", "feature"},
            {"crs", {"http://www.opengis.net/def/crs/OGC/1.3/CRS84"}},
            {"extent", {{"spatial", {{"bbox", {bbox}}, {"crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}}}},
            {"links",
             {link(base + "/api/collections/parcels", "self", "application/json", "this collection"),
              link(base + "/api/collections/parcels/items", "items", kGeoJson, "parcels"),
              link(base + "/api/collections/parcels/queryables", openapi::kQueryablesRelation.data(), "application/schema+json",
                   "the properties filters may name")}}};
}

// The query with offset replaced: the `next` link keeps every other parameter.
std::string items_url(const std::string& base, const Request& request, std::int64_t offset) {
    std::string query;
    for (const auto& [name, value] : request.query) {
        if (name == "offset") continue;
        query += (query.empty() ? "?" : "&") + filter::percent_encode(name) + "=" + filter::percent_encode(value);
    }
    return base + "/api/collections/parcels/items" + query + (query.empty() ? "?" : "&") + "offset=" + std::to_string(offset);
}

}  // namespace

Response api_landing(const ServerConfig& config, const Request& request) {
    check_document_request(request);
    const std::string base = base_url(config, request);
    const json document = {
        {"title", "investmap 招商热力图"},
        {"description", "闲置土地、厂房、楼宇 / idle land, factories and offices — OGC API – Features"},
        {"links",
         {link(base + "/api", "self", "application/json", "this document"),
          link(base + "/api/openapi", "service-desc", openapi::kOpenApiMediaType.data(), "the API definition (OpenAPI 3.0)"),
          link(base + "/api-docs/", "service-doc", "text/html", "the API documentation"),
          link(base + "/api/conformance", "conformance", "application/json", "conformance classes"),
          link(base + "/api/collections", "data", "application/json", "collections")}}};
    return json_document(config, request, document.dump());
}

Response api_conformance(const ServerConfig& config, const Request& request) {
    check_document_request(request);
    const json document = {{"conformsTo",
                            {"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                             "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                             "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
                             "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                             "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters"}}};
    return json_document(config, request, document.dump());
}

Response api_collections(const ServerConfig& config, SharedDatabase& database, const Request& request) {
    check_document_request(request);
    const std::string base = base_url(config, request);
    const json document = {{"collections", {collection_document(config, database, request, base)}},
                           {"links", {link(base + "/api/collections", "self", "application/json", "collections")}}};
    return json_document(config, request, document.dump());
}

Response api_collection(const ServerConfig& config, SharedDatabase& database, const Request& request) {
    check_document_request(request);
    return json_document(config, request, collection_document(config, database, request, base_url(config, request)).dump());
}

Response api_items(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request) {
    check_format(request);
    const filter::Filter wanted = request_filter(industries, request, parameters::kItems);
    const std::int64_t limit = integer_parameter(request, "limit", parameters::kDefaultLimit, 1, parameters::kMaxLimit);
    const std::int64_t offset = integer_parameter(request, "offset", 0, 0, parameters::kMaxOffset);
    const auto bbox = bbox_parameter(request);
    const store::ParcelListing listing = store::list_parcels(database.reader(), filter::to_sql(wanted, visible_statuses(config, request)),
                                                             bbox, limit, offset, sort_parameter(request, wanted));

    const std::string base = base_url(config, request);
    const geojson::GeoJsonGeometryWriter geometry;
    json features = json::array();
    for (const auto& listed : listing.parcels) {
        json feature = geojson::parcel_feature(listed.parcel, geometry, request.caller.has_value());
        absolute_media_urls(feature, base);
        if (listed.fit) feature["properties"]["fit"] = *listed.fit;
        features.push_back(std::move(feature));
    }
    json links = {link(items_url(base, request, offset), "self", kGeoJson, "this page"),
                  link(base + "/api/collections/parcels", "collection", "application/json", "the collection")};
    const auto returned = static_cast<std::int64_t>(listing.parcels.size());
    if (offset + returned < listing.matched) links.push_back(link(items_url(base, request, offset + returned), "next", kGeoJson, "next page"));
    const json document = {{"type", "FeatureCollection"},
                           {"features", std::move(features)},
                           {"numberMatched", listing.matched},
                           {"numberReturned", returned},
                           {"links", std::move(links)}};
    // No timeStamp (it is optional): the ETag follows the data, not the clock.
    return json_document(config, request, document.dump(), kGeoJson);
}

Response api_item(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request, std::string_view code) {
    accept_only(request, parameters::kItem);
    check_format(request);
    // Only `industry` filters a single item: it adds the fit and its reasons.
    filter::Filter wanted;
    const auto industry = query_parameter(request, "industry");
    if (industry) wanted = filter::parse_filter({{"industry", *industry}}, {}, industries.current().get());
    const auto parcel = store::find_parcel(database.reader(), code, filter::to_sql(wanted, visible_statuses(config, request)));
    if (!parcel) throw HttpError(404, "not_found", "没有这个地块 / no such parcel: " + std::string(code));
    const std::string base = base_url(config, request);
    json feature = geojson::parcel_feature(parcel->parcel, geojson::GeoJsonGeometryWriter(), request.caller.has_value());
    absolute_media_urls(feature, base);
    if (wanted.industry) {
        const auto profiles = industries.current();
        const fit::FitScore fit = fit::score_site(*profiles->find(*wanted.industry), fit::site_facts(parcel->parcel.record));
        feature["properties"]["fit"] = parcel->fit.value_or(fit.score);
        feature["properties"]["fit_reasons"] = fit::reasons_json(fit.reasons);
    }
    if (request.caller) {
        const std::string status = std::get<std::string>(parcel->parcel.record[store::field("status")]);
        feature["properties"]["may_move_to"] = json::array();
        for (std::string_view to : vocabulary::find_status(status)->may_move_to) {
            if (!to.empty()) feature["properties"]["may_move_to"].push_back(to);
        }
    }
    feature["links"] = {link(base + "/api/collections/parcels/items/" + std::string(code), "self", kGeoJson, "this parcel"),
                        link(base + "/api/collections/parcels", "collection", "application/json", "the collection")};
    if (request.caller && !wanted.industry) {
        // The staff representation's ETag is the version, so If-Match on a
        // PATCH can say which version the editor saw.
        Response response;
        response.content_type = kGeoJson;
        response.headers = {{"ETag", item_etag(parcel->parcel.version)}};
        if (etag_matches(request, item_etag(parcel->parcel.version))) response.status = 304;
        else response.body = feature.dump();
        return response;
    }
    return json_document(config, request, feature.dump(), kGeoJson);
}

}  // namespace investmap::server::routes
