#include "importers/web_input.hpp"

#include "errors.hpp"
#include "geo/web_datums.hpp"
#include "importers/value_parsing.hpp"
#include "text/ascii.hpp"
#include "text/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace investmap::importers {
namespace {

constexpr std::size_t kMaxCrsBytes = 2000;

[[noreturn]] void bad_geometry(const std::string& zh, const std::string& en) { throw ValueError(zh_en(zh, en)); }

}  // namespace

bool is_safe_crs_text(std::string_view crs) {
    if (crs.empty() || crs.size() > kMaxCrsBytes || !text::is_valid_utf8(crs)) return false;
    if (geo::web_datum_named(crs)) return true;
    const std::string lower = text::ascii_lower(crs);
    if (lower.starts_with("epsg:")) {
        const std::string_view digits = crs.substr(5);
        return !digits.empty() && digits.size() <= 6 && std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; });
    }
    if (!lower.starts_with("+proj=")) return false;
    if (std::ranges::any_of(crs, [](char c) { return static_cast<unsigned char>(c) < 0x20; })) return false;
    for (std::string_view file_reference : {"://", "init=", "nadgrids", "geoidgrids", "grids=", "file", "/", "@", "\\"}) {
        if (lower.find(file_reference) != std::string::npos) return false;
    }
    return true;
}

CleanGeometry placed_parcel_geometry(std::string_view geojson) {
    nlohmann::json parsed = nlohmann::json::parse(geojson, nullptr, false);
    if (parsed.is_discarded()) bad_geometry("请求体不是有效的 JSON", "the body is not valid JSON");
    const auto type = parsed.is_object() ? parsed.find("type") : parsed.end();
    const bool known = type != parsed.end() && type->is_string() &&
                       (*type == "Point" || *type == "Polygon" || *type == "MultiPolygon");
    if (!known) bad_geometry("应为 GeoJSON 的 Point、Polygon 或 MultiPolygon", "expected a GeoJSON Point, Polygon or MultiPolygon");
    // Only the two members a geometry has reach GDAL's reader.
    const nlohmann::json geometry_only = {{"type", *type}, {"coordinates", parsed.value("coordinates", nlohmann::json())}};
    GeometryPtr geometry(OGR_G_CreateGeometryFromJson(geometry_only.dump().c_str()));
    if (!geometry || OGR_G_IsEmpty(geometry.get())) bad_geometry("几何无法读取或为空", "the geometry cannot be read or is empty");
    OGREnvelope envelope{};
    OGR_G_GetEnvelope(geometry.get(), &envelope);
    if (!geo::contains(geo::kChinaBox, {envelope.MinX, envelope.MinY}) || !geo::contains(geo::kChinaBox, {envelope.MaxX, envelope.MaxY})) {
        bad_geometry("坐标应为中国境内的经纬度（WGS 84）", "coordinates must be lon/lat (WGS 84) in China");
    }
    static const geo::GeodesicArea area;
    return clean_parcel_geometry(std::move(geometry), area, MeasureArea::yes, kMaxPlacedVertices);
}

}  // namespace investmap::importers
