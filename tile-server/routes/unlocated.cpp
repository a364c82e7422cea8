// GET /api/unlocated — the parcels an import kept without a location
// (import --allow-unlocated), for /admin's 待定位 list (staff).
// PUT /api/unlocated/{code}/geometry — places one: the body is a GeoJSON
// geometry, the Point staff clicked or the Polygon they drew. It is checked
// as an imported geometry is (type, validity, vertices, in China) and the
// parcel moves into the map, audited, in the very next tile.
#include "routes.hpp"

#include "../auth/authenticator.hpp"

#include "edit/parcel_edit.hpp"
#include "importers/geometry_cleaning.hpp"
#include "importers/rejection_report.hpp"
#include "importers/value_parsing.hpp"
#include "store/unlocated_parcels.hpp"

#include <cpl_error.h>

namespace investmap::server::routes {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxPlacedVertices = 10'000;  // an outline drawn by hand has a few dozen

std::string text(const store::ParcelRecord& record, std::size_t column) {
    const auto* value = std::get_if<std::string>(&record[column]);
    return value ? *value : std::string();
}

[[noreturn]] void bad_geometry(const std::string& zh, const std::string& en) {
    throw HttpError(400, "bad_geometry", zh + " / " + en);
}

// The body as a parcel's geometry, or a 400 saying what is wrong with it.
importers::CleanGeometry placed_geometry(const std::string& body) {
    json parsed;
    try {
        parsed = json::parse(body);
    } catch (const json::parse_error&) {
        bad_geometry("请求体不是有效的 JSON", "the body is not valid JSON");
    }
    const std::string type = parsed.is_object() && parsed.contains("type") && parsed["type"].is_string() ? parsed["type"].get<std::string>() : "";
    if (type != "Point" && type != "Polygon" && type != "MultiPolygon") {
        bad_geometry("应为 GeoJSON 的 Point、Polygon 或 MultiPolygon", "expected a GeoJSON Point, Polygon or MultiPolygon");
    }
    CPLErrorReset();
    importers::GeometryPtr geometry(OGR_G_CreateGeometryFromJson(parsed.dump().c_str()));
    if (!geometry || OGR_G_IsEmpty(geometry.get())) bad_geometry("几何无法读取或为空", "the geometry cannot be read or is empty");
    OGREnvelope envelope{};
    OGR_G_GetEnvelope(geometry.get(), &envelope);
    if (envelope.MinX < 73.0 || envelope.MaxX > 136.0 || envelope.MinY < 3.0 || envelope.MaxY > 54.0) {
        bad_geometry("坐标应为中国境内的经纬度（WGS 84）", "coordinates must be lon/lat (WGS 84) in China");
    }
    try {
        static const geo::GeodesicArea area;
        return importers::clean_parcel_geometry(std::move(geometry), area, importers::MeasureArea::yes, kMaxPlacedVertices);
    } catch (const importers::ValueError& error) {
        throw HttpError(400, "bad_geometry", importers::one_line(error.what()));
    }
}

}  // namespace

Response unlocated_list(const ServerConfig& config, SharedDatabase& database, const Request& request) {
    require_staff(request);
    accept_only(request, parameters::kNone);
    json parcels = json::array();
    for (const store::UnlocatedParcel& parcel : store::unlocated_parcels(database.reader())) {
        const store::ParcelRecord& r = parcel.record;
        parcels.push_back({{"code", r.code()}, {"name", text(r, store::field("name"))}, {"address", text(r, store::field("address"))},
                           {"park", text(r, store::field("park"))}, {"kind", text(r, store::field("kind"))},
                           {"status", text(r, store::field("status"))}, {"source", parcel.source},
                           {"imported_at", parcel.imported_at}, {"imported_by", parcel.imported_by}});
    }
    Response response = json_document(config, request, json{{"parcels", parcels}}.dump());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

Response place_unlocated(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries,
                         const Request& request, std::string_view code) {
    const Caller& caller = require_staff(request);
    accept_only(request, parameters::kNone);
    const importers::CleanGeometry geometry = placed_geometry(request.body);
    const std::optional<double> area = geometry.kind == importers::GeometryClass::polygonal ? std::optional(geometry.area_m2) : std::nullopt;
    const auto profiles = industries.current();
    std::optional<store::StoredParcel> placed;
    try {
        database.write([&](store::Database& db) {
            placed = edit::place_unlocated(db, code, geometry.wkb, area, caller.name, config.public_statuses, *profiles);
        });
    } catch (const edit::EditError& error) {
        throw HttpError(404, "not_found", error.what());
    }
    Response response;
    response.status = 201;
    response.body = json{{"code", placed->record.code()}, {"version", placed->version}}.dump();
    response.headers = {{"Cache-Control", "no-store"}};
    return response;
}

}  // namespace investmap::server::routes
