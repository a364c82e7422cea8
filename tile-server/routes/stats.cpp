// GET /api/stats?filters — how many parcels match and how much area, in m²
// and 亩, by status, kind, park and (with an industry) fit band.
#include "routes.hpp"

#include "fit/scoring.hpp"
#include "store/parcel_model.hpp"
#include "store/parcel_stats.hpp"
#include "style/map_style.hpp"

#include <nlohmann/json.hpp>

namespace investmap::server::routes {
namespace {

using nlohmann::json;

json totals(std::int64_t count, double area_m2) {
    return {{"count", count}, {"area_m2", area_m2}, {"area_mu", area_m2 / store::kSquareMetresPerMu}};
}

json labelled(const store::GroupTotal& group, vocabulary::Words label) {
    json row = totals(group.count, group.area_m2);
    row["key"] = group.key;
    row["label"] = {{"zh", label.zh}, {"en", label.en}};
    return row;
}

// The label the vocabulary gives a code, or the code itself in both languages.
template <typename Entry>
vocabulary::Words label_or_code(const Entry* entry, std::string_view code) {
    return entry ? entry->label : vocabulary::Words{code, code};
}

json by_status(const std::vector<store::GroupTotal>& groups) {
    json rows = json::array();
    for (const auto& group : groups) {
        const auto* status = vocabulary::find_status(group.key);
        rows.push_back(labelled(group, label_or_code(status, group.key)));
        if (status) rows.back()["color"] = status->color;
    }
    return rows;
}

json by_kind(const std::vector<store::GroupTotal>& groups) {
    json rows = json::array();
    for (const auto& group : groups) {
        rows.push_back(labelled(group, label_or_code(vocabulary::find_kind(group.key), group.key)));
    }
    return rows;
}

json by_park(const std::vector<store::GroupTotal>& groups) {
    json rows = json::array();
    for (const auto& group : groups) {
        const bool none = group.key.empty();
        rows.push_back(labelled(group, none ? vocabulary::Words{"未注明园区", "no park given"} : vocabulary::Words{group.key, group.key}));
    }
    return rows;
}

// Every band, empty ones too, so charts keep their shape.
json by_fit_band(const std::vector<store::GroupTotal>& scores) {
    json rows = json::array();
    for (const vocabulary::FitBand& band : vocabulary::kFitBands) {
        store::GroupTotal total{std::to_string(band.low) + "-" + std::to_string(band.high)};
        for (const auto& score : scores) {
            const int value = std::stoi(score.key);
            if (value < band.low || value > band.high) continue;
            total.count += score.count;
            total.area_m2 += score.area_m2;
        }
        json row = labelled(total, band.label);
        row["low"] = band.low;
        row["high"] = band.high;
        row["color"] = band.color;
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

Response api_stats(const ServerConfig& config, SharedDatabase& database, const IndustriesInForce& industries, const Request& request) {
    const filter::Filter wanted = request_filter(industries, request, parameters::kDocument);
    const store::ParcelStats stats = store::parcel_stats(database.reader(), filter::to_sql(wanted, visible_statuses(config, request)));
    json document = {{"filter", filter::canonical_query(wanted)},
                     {"total", totals(stats.total.count, stats.total.area_m2)},
                     {"by_status", by_status(stats.by_status)},
                     {"by_kind", by_kind(stats.by_kind)},
                     {"by_park", by_park(stats.by_park)}};
    if (wanted.industry) {
        const auto* profile = industries.current()->find(*wanted.industry);
        document["industry"] = {{"id", profile->id}, {"name", {{"zh", profile->name_zh}, {"en", profile->name_en}}}};
        document["by_fit_band"] = by_fit_band(stats.by_fit_score);
    }
    return json_document(config, request, document.dump());
}

}  // namespace investmap::server::routes
