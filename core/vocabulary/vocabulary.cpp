#include "vocabulary/vocabulary.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace investmap::vocabulary {
namespace {

using nlohmann::json;

template <typename Entry, std::size_t N>
const Entry* find_code(const std::array<Entry, N>& table, std::string_view code) {
    const auto found = std::ranges::find(table, code, &Entry::code);
    return found == table.end() ? nullptr : &*found;
}

std::string_view field_type_name(FieldType type) {
    switch (type) {
    case FieldType::real: return "number";
    case FieldType::date: return "date";
    case FieldType::text: break;
    }
    return "text";
}

std::string_view filter_type_name(FilterType type) {
    switch (type) {
    case FilterType::statuses: return "statuses";
    case FilterType::kinds: return "kinds";
    case FilterType::land_uses: return "land_uses";
    case FilterType::parks: return "parks";
    case FilterType::number: return "number";
    case FilterType::date: return "date";
    case FilterType::text: return "text";
    case FilterType::industry: return "industry";
    case FilterType::score: return "score";
    }
    return "text";
}

json moves_of(const Status& status) {
    json moves = json::array();
    for (std::string_view to : status.may_move_to) {
        if (!to.empty()) moves.push_back(to);
    }
    return moves;
}

bool is_public(const Status& status, const Settings& settings) {
    if (settings.public_statuses.empty()) return status.public_by_default;
    return std::ranges::find(settings.public_statuses, status.code) != settings.public_statuses.end();
}

json statuses_json(std::string_view lang, const Settings& settings) {
    json out = json::array();
    for (const Status& status : kStatuses) {
        out.push_back({{"code", status.code},
                       {"label", status.label.in(lang)},
                       {"color", status.color},
                       {"public", is_public(status, settings)},
                       {"may_move_to", moves_of(status)}});
    }
    return out;
}

template <typename Entry, std::size_t N>
json labelled_codes(const std::array<Entry, N>& table, std::string_view lang) {
    json out = json::array();
    for (const Entry& entry : table) out.push_back({{"code", entry.code}, {"label", entry.label.in(lang)}});
    return out;
}

json fields_json(std::string_view lang) {
    json out = json::array();
    for (const FieldSpec& field : kParcelFields) {
        json entry = {{"name", field.column},     {"label", field.label.in(lang)}, {"type", field_type_name(field.type)},
                      {"unit", field.unit.in(lang)}, {"editable", field.editable},  {"staff_only", field.staff_only},
                      {"multiline", field.multiline}};
        if (field.max_value > 0) entry["max"] = field.max_value;
        out.push_back(std::move(entry));
    }
    return out;
}

json filters_json(std::string_view lang) {
    json out = json::array();
    for (const FilterParameter& parameter : kFilterParameters) {
        out.push_back({{"name", parameter.name},
                       {"label", parameter.label.in(lang)},
                       {"type", filter_type_name(parameter.type)},
                       {"unit", parameter.unit.in(lang)}});
    }
    return out;
}

json fit_bands_json(std::string_view lang) {
    json out = json::array();
    for (const FitBand& band : kFitBands) {
        out.push_back({{"low", band.low}, {"high", band.high}, {"color", band.color}, {"label", band.label.in(lang)}});
    }
    return out;
}

}  // namespace

const Status* find_status(std::string_view code) { return find_code(kStatuses, code); }

bool may_move(std::string_view from, std::string_view to) {
    const Status* status = find_status(from);
    return status && !to.empty() && std::ranges::find(status->may_move_to, to) != status->may_move_to.end();
}

std::string allowed_moves(std::string_view from) {
    std::string list;
    if (const Status* status = find_status(from)) {
        for (std::string_view to : status->may_move_to) {
            if (to.empty()) continue;
            if (!list.empty()) list += ", ";
            list += to;
        }
    }
    return list;
}

const Kind* find_kind(std::string_view code) { return find_code(kKinds, code); }

bool is_land_use_code(std::string_view code) {
    constexpr std::string_view classes = "RABMWSUGHE";
    if (code.empty() || code.size() > 3 || classes.find(code[0]) == std::string_view::npos) return false;
    return std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

const LandUse* find_land_use(std::string_view code) { return find_code(kLandUses, code); }

std::optional<std::size_t> field_index(std::string_view column) {
    const auto found = std::ranges::find(kParcelFields, column, &FieldSpec::column);
    if (found == kParcelFields.end()) return std::nullopt;
    return static_cast<std::size_t>(found - kParcelFields.begin());
}

std::optional<std::string> beyond_maximum(const FieldSpec& spec, double value) {
    if (spec.max_value <= 0 || value <= spec.max_value) return std::nullopt;
    char bound[32];
    std::snprintf(bound, sizeof bound, "%.0f", spec.max_value);
    return std::string(bound);
}

const FilterParameter* find_filter_parameter(std::string_view name) {
    const auto found = std::ranges::find(kFilterParameters, name, &FilterParameter::name);
    return found == kFilterParameters.end() ? nullptr : &*found;
}

std::size_t context_layer_order(std::string_view code) {
    return static_cast<std::size_t>(std::ranges::find(kContextLayers, code, &ContextLayer::code) - kContextLayers.begin());
}

nlohmann::json to_json(std::string_view lang, const Settings& settings) {
    return {{"lang", lang == "en" ? "en" : "zh"},
            {"statuses", statuses_json(lang, settings)},
            {"kinds", labelled_codes(kKinds, lang)},
            {"land_uses", labelled_codes(kLandUses, lang)},
            {"fields", fields_json(lang)},
            {"filters", filters_json(lang)},
            {"fit_bands", fit_bands_json(lang)},
            {"context_layers", labelled_codes(kContextLayers, lang)},
            {"unknown_status_color", kUnknownStatusColor},
            {"parcel_locations", {{"label", kParcelLocations.in(lang)}, {"color", kParcelLocationColor}}},
            {"parcel_zoom", settings.parcel_zoom},
            {"mu", {{"label", kMu.in(lang)}, {"square_metres", kSquareMetresPerMu}}}};
}

}  // namespace investmap::vocabulary
