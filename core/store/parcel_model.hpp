#pragma once
// The parcel model of PRODUCT.md: kinds, statuses with the moves staff may make,
// and the attribute columns. kParcelFields is the allow-list of column names:
// SQL that names a parcel column takes it from here, never from input.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

namespace investmap::store {

struct KindInfo {
    std::string_view code;
    std::string_view zh;
};
inline constexpr std::array<KindInfo, 3> kKinds{{
    {"land", "土地"},
    {"factory", "厂房"},
    {"office", "楼宇"},
}};

struct StatusInfo {
    std::string_view code;
    std::string_view zh;
    bool is_public;
    std::array<std::string_view, 4> may_move_to;  // empty entries unused
};
inline constexpr std::array<StatusInfo, 6> kStatuses{{
    {"available", "闲置可招商", true, {"negotiating", "reserved", "withdrawn", ""}},
    {"negotiating", "在谈", true, {"available", "reserved", "signed", "withdrawn"}},
    {"reserved", "已预留", false, {"available", "negotiating", "signed", ""}},
    {"signed", "已签约", false, {"settled", "available", "", ""}},
    {"settled", "已落地", false, {"available", "", "", ""}},
    {"withdrawn", "暂不招商", false, {"available", "", "", ""}},
}};

const KindInfo* find_kind(std::string_view code);
// A GB 50137 land-use code: a class letter (R A B M W S U G H E) and up to two digits.
bool is_land_use_code(std::string_view code);
const StatusInfo* find_status(std::string_view code);
bool may_move(std::string_view from, std::string_view to);

enum class FieldType { text, real, date };

struct FieldSpec {
    std::string_view column;
    FieldType type;
    bool staff_only;
    // The largest plausible value of a real field (a bound on typos and on
    // values like 1e308 that break sums and sorting); 0 for other fields.
    double max_value = 0;
};

// Attribute columns of `parcels`, in table order. Bookkeeping columns
// (id, photos, version, updated_at, updated_by, geom) are not listed.
inline constexpr std::array<FieldSpec, 21> kParcelFields{{
    {"code", FieldType::text, false},
    {"name", FieldType::text, false},
    {"kind", FieldType::text, false},
    {"status", FieldType::text, false},
    {"land_use", FieldType::text, false},
    {"area_m2", FieldType::real, false, 1e8},
    {"floor_area_m2", FieldType::real, false, 1e7},
    {"floor_height_m", FieldType::real, false, 200},
    {"floor_load_kn_m2", FieldType::real, false, 1000},
    {"power_kva", FieldType::real, false, 1e6},
    {"rent_yuan_m2_month", FieldType::real, false, 1e4},
    {"land_price_wan_per_mu", FieldType::real, false, 1e6},
    {"available_from", FieldType::date, false},
    {"park", FieldType::text, false},
    {"address", FieldType::text, false},
    {"contact", FieldType::text, false},
    {"description", FieldType::text, false},
    {"video_url", FieldType::text, false},
    {"owner", FieldType::text, true},
    {"counterparty", FieldType::text, true},
    {"notes", FieldType::text, true},
}};

// The field's maximum as text ("10000") when `value` is beyond it, for the
// message that refuses it; nullopt when it is plausible.
std::optional<std::string> beyond_maximum(const FieldSpec& spec, double value);

// Index of a column in kParcelFields, or nullopt for a name not in the list.
std::optional<std::size_t> field_index(std::string_view column);

// Index of a column known at compile time; a typo fails to compile.
consteval std::size_t field(std::string_view column) {
    for (std::size_t i = 0; i < kParcelFields.size(); ++i) {
        if (kParcelFields[i].column == column) return i;
    }
    throw "unknown parcel column";
}

// A value of one attribute: absent, a number, or text (dates as YYYY-MM-DD).
using FieldValue = std::variant<std::monostate, double, std::string>;

struct ParcelRecord {
    std::array<FieldValue, kParcelFields.size()> values;
    std::string wkb;  // geometry in EPSG:4326, 2D ISO WKB

    const std::string& code() const { return std::get<std::string>(values[field("code")]); }
    const FieldValue& operator[](std::size_t index) const { return values[index]; }
    FieldValue& operator[](std::size_t index) { return values[index]; }
};

// 1 亩 = 666.67 m² (PRODUCT.md: 亩 = m² × 0.0015).
inline constexpr double kSquareMetresPerMu = 1.0 / 0.0015;

}  // namespace investmap::store
