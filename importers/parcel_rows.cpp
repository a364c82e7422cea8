#include "importers/parcel_rows.hpp"

#include "errors.hpp"
#include "importers/generated_codes.hpp"

#include <algorithm>
#include <cmath>

namespace investmap::importers {
namespace {

using store::field;
using store::FieldType;
using store::FieldValue;
using store::kParcelFields;

double round_to_centimetre(double square_metres) { return std::round(square_metres * 100.0) / 100.0; }

}  // namespace

ParcelRowBuilder::ParcelRowBuilder(ResolvedMapping mapping, MappingFile file, std::optional<std::string> default_kind,
                                   std::optional<std::string> code_prefix)
    : mapping_(std::move(mapping)), file_(std::move(file)), code_prefix_(std::move(code_prefix)) {
    if (default_kind) file_.defaults[field("kind")] = *default_kind;
    // A source without a status column lists what is on offer.
    if (!has_column(field("status")) && !file_.defaults.contains(field("status"))) {
        file_.defaults[field("status")] = "available";
    }
}

std::vector<int> ParcelRowBuilder::columns_read() const {
    std::vector<int> columns;
    for (const std::vector<int>& sources : mapping_.sources) columns.insert(columns.end(), sources.begin(), sources.end());
    std::ranges::sort(columns);
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    return columns;
}

bool ParcelRowBuilder::gives_area(const ColumnText& text) const {
    for (const std::size_t target : {field("area_m2"), kAreaMu}) {
        if (file_.defaults.contains(target)) return true;
        for (int column : mapping_.sources[target]) {
            if (!trim(text(column)).empty()) return true;
        }
    }
    return false;
}

std::string ParcelRowBuilder::raw_value(std::size_t target, const ColumnText& text) const {
    std::string value;
    const bool joins = target < kParcelFields.size() && kParcelFields[target].type == FieldType::text &&
                       target != field("code");
    for (int column : mapping_.sources[target]) {
        std::string part = trim(text(column));
        if (part.empty()) continue;
        if (!joins) return part;  // numbers, dates and codes take the first filled column
        value += value.empty() ? part : " " + part;
    }
    if (value.empty()) {
        if (auto it = file_.defaults.find(target); it != file_.defaults.end()) return it->second;
    }
    return value;
}

namespace {

// A number beyond the field's plausible maximum (a typo, or 1e308) is
// refused with the bound, as a staff edit's is.
double plausible(std::size_t column, double value) {
    const store::FieldSpec& spec = kParcelFields[column];
    if (const auto bound = store::beyond_maximum(spec, value)) {
        throw ValueError(zh_en(std::string(spec.column) + " 不能超过 " + *bound, std::string(spec.column) + " must be at most " + *bound));
    }
    return value;
}

}  // namespace

FieldValue ParcelRowBuilder::convert(std::size_t target, const std::string& raw) const {
    if (target == field("kind")) return parse_kind(raw, file_.kind_labels);
    if (target == field("status")) return parse_status(raw, file_.status_labels);
    if (raw.empty()) return {};
    if (target == field("land_use")) return parse_land_use(raw, file_.land_use_labels);
    if (target == kAreaMu) return plausible(field("area_m2"), round_to_centimetre(*parse_number(raw) * store::kSquareMetresPerMu));
    if (target == field("video_url") && !raw.starts_with("http://") && !raw.starts_with("https://")) {
        throw ValueError(zh_en("视频链接应以 http:// 或 https:// 开头", "video URL must start with http:// or https://"));
    }
    switch (kParcelFields[target].type) {
        case FieldType::real: return plausible(target, *parse_number(raw));
        case FieldType::date: {
            auto date = parse_date(raw);
            return date ? FieldValue(*date) : FieldValue();
        }
        case FieldType::text: return raw;
    }
    return {};
}

ParcelRow ParcelRowBuilder::build(const ColumnText& text, std::vector<FieldProblem>& problems) const {
    ParcelRow row;
    for (std::size_t target = 0; target < kTargetCount; ++target) {
        const bool given = has_column(target) || file_.defaults.contains(target) || target == field("kind");
        if (!given) continue;
        try {
            FieldValue value = convert(target, raw_value(target, text));
            const std::size_t column = target == kAreaMu ? field("area_m2") : target;
            // An area in m² wins over one in 亩 when a row has both.
            if (target == kAreaMu && !std::holds_alternative<std::monostate>(row.record[column])) continue;
            row.record[column] = std::move(value);
            row.provided.set(column);
        } catch (const UnknownLabel& error) {
            problems.push_back({std::string(target_name(target)), error.what(), error.label});
        } catch (const ValueError& error) {
            problems.push_back({std::string(target_name(target)), error.what()});
        }
    }
    if (const auto* code = std::get_if<std::string>(&row.record[field("code")]); !code || code->empty()) {
        if (code_prefix_) {
            generate_code(row, text, problems);
        } else if (problems.empty() || problems.front().field != "code") {
            problems.push_back({"code", zh_en("地块编号为空", "parcel code is empty")});
        }
    }
    return row;
}

void ParcelRowBuilder::generate_code(ParcelRow& row, const ColumnText& text, std::vector<FieldProblem>& problems) const {
    try {
        row.record[field("code")] = generated_code(*code_prefix_, raw_value(field("name"), text), raw_value(field("address"), text));
        row.provided.set(field("code"));
        row.code_generated = true;
    } catch (const ValueError& error) {
        problems.push_back({"code", error.what()});
    }
}

void ParcelRowBuilder::add_geometry(ParcelRow& row, const CleanGeometry& geometry) {
    row.record.wkb = geometry.wkb;
    auto& area = row.record[field("area_m2")];
    if (!std::holds_alternative<std::monostate>(area)) return;
    if (geometry.kind == GeometryClass::polygonal) {
        area = round_to_centimetre(geometry.area_m2);
    } else if (const auto* floor_area = std::get_if<double>(&row.record[field("floor_area_m2")])) {
        area = *floor_area;  // an office floor offers its floor area
    } else {
        return;
    }
    row.provided.set(field("area_m2"));
}

}  // namespace investmap::importers
