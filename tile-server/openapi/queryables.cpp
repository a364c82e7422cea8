#include "queryables.hpp"

#include "vocabulary/vocabulary.hpp"

namespace investmap::server::openapi {
namespace {

using nlohmann::json;

// The schema of a parcel property a filter parameter of the same name
// tests: a list parameter (status=a,b) matches any of its values, so one
// value is the equality Part 3 asks of a queryable.
json property_schema(const vocabulary::FilterParameter& parameter, std::span<const std::string_view> statuses,
                     std::span<const std::string> parks) {
    using vocabulary::FilterType;
    const vocabulary::FieldSpec& field = vocabulary::kParcelFields[*vocabulary::field_index(parameter.name)];
    json schema = {{"title", std::string(field.label.zh) + " " + std::string(field.label.en)}, {"type", "string"}};
    switch (parameter.type) {
        case FilterType::statuses: schema["enum"] = statuses; break;
        case FilterType::kinds: schema["enum"] = vocabulary::codes_of(vocabulary::kKinds); break;
        case FilterType::land_uses:
            schema["pattern"] = "^[RABMWSUGHE][0-9]{0,2}$";
            schema["examples"] = vocabulary::codes_of(vocabulary::kLandUses);
            break;
        case FilterType::parks:
            if (!parks.empty()) schema["enum"] = parks;
            break;
        default: break;
    }
    return schema;
}

}  // namespace

nlohmann::json parcel_queryables(const std::string& self_url, std::span<const std::string_view> statuses,
                                 std::span<const std::string> parks) {
    json properties = json::object();
    for (const vocabulary::FilterParameter& parameter : vocabulary::kFilterParameters) {
        // Only parameters that name a property: area_min, q or industry test
        // something else than "property = value".
        if (!vocabulary::field_index(parameter.name)) continue;
        properties[std::string(parameter.name)] = property_schema(parameter, statuses, parks);
    }
    return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
            {"$id", self_url},
            {"type", "object"},
            {"title", "地块 Parcels"},
            {"description", "可作为同名查询参数筛选的属性 / properties a query parameter of the same name filters on"},
            {"properties", properties},
            {"additionalProperties", false}};
}

}  // namespace investmap::server::openapi
