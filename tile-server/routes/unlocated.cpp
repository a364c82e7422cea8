// GET /api/unlocated — the parcels an import kept without a location
// (import --allow-unlocated), for /admin's 待定位 list (staff).
// PUT /api/unlocated/{code}/geometry — places one: the body is a GeoJSON
// geometry, the Point staff clicked or the Polygon they drew. It is checked
// as an imported geometry is (type, validity, vertices, in China) and the
// parcel moves into the map, audited, in the very next tile.
#include "routes.hpp"

#include "../auth/authenticator.hpp"

#include "edit/parcel_edit.hpp"
#include "importers/rejection_report.hpp"
#include "importers/value_parsing.hpp"
#include "importers/web_input.hpp"
#include "store/unlocated_parcels.hpp"

namespace investmap::server::routes {
namespace {

using nlohmann::json;

std::string text(const store::ParcelRecord& record, std::size_t column) {
    const auto* value = std::get_if<std::string>(&record[column]);
    return value ? *value : std::string();
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
    importers::CleanGeometry geometry;
    try {
        geometry = importers::placed_parcel_geometry(request.body);
    } catch (const importers::ValueError& error) {
        throw HttpError(400, "bad_geometry", importers::one_line(error.what()));
    }
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
