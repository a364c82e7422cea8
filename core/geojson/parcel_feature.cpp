#include "geojson/parcel_feature.hpp"

#include <cmath>

namespace investmap::geojson {

nlohmann::json parcel_feature(const store::StoredParcel& parcel, const GeoJsonGeometryWriter& geometry, bool staff) {
    nlohmann::json properties = nlohmann::json::object();
    for (std::size_t i = 0; i < store::kParcelFields.size(); ++i) {
        const store::FieldSpec& spec = store::kParcelFields[i];
        if (spec.staff_only && !staff) continue;
        const store::FieldValue& value = parcel.record[i];
        if (const auto* number = std::get_if<double>(&value)) properties[std::string(spec.column)] = *number;
        else if (const auto* text = std::get_if<std::string>(&value)) properties[std::string(spec.column)] = *text;
        else properties[std::string(spec.column)] = nullptr;
    }
    if (const auto* area = std::get_if<double>(&parcel.record[store::field("area_m2")])) {
        properties["area_mu"] = std::round(*area * 0.0015 * 100) / 100;
    }
    properties["photos"] = parcel.photos;
    properties["version"] = parcel.version;
    properties["updated_at"] = parcel.updated_at;
    if (staff) properties["updated_by"] = parcel.updated_by;
    return {{"type", "Feature"},
            {"id", parcel.record.code()},
            {"geometry", nlohmann::json::parse(geometry.from_wkb(parcel.record.wkb))},
            {"properties", std::move(properties)}};
}

}  // namespace investmap::geojson
