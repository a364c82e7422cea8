#pragma once
// The words of the domain, once: deal statuses, parcel kinds, GB 50137 land
// uses, the parcel's fields, the filter parameters, the fit bands and the
// context layers, each
// with its code, its Chinese and English labels and, where the map shows it,
// its colour. The store's CHECK constraints, the importer's labels, the
// filters, the edits, the styles and legends, the static maps and the pages
// (through GET /api/vocabulary) all read them from here.
//
// To add a status or a field, change the tables below and their tests
// (tests/core/vocabulary): README.md, "Adding a status or a field".
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace investmap::vocabulary {

// A label in the two languages users read: Chinese first, English second.
struct Words {
    std::string_view zh;
    std::string_view en;

    // The text for `lang` ("en", else Chinese).
    std::string_view in(std::string_view lang) const { return lang == "en" ? en : zh; }
};

// Other names importers meet in the bureau's sheets, matched after trimming,
// full-width to half-width and ASCII lower case; empty entries are unused.
using ImportLabels = std::array<std::string_view, 12>;

// The codes of a table, for a command line's choices.
template <typename Table>
std::vector<std::string> codes_of(const Table& table) {
    std::vector<std::string> codes;
    for (const auto& entry : table) codes.emplace_back(entry.code);
    return codes;
}
// The codes of a table, joined for messages: "available, negotiating, …".
template <typename Table>
std::string joined_codes(const Table& table) {
    std::string list;
    for (const auto& entry : table) list += (list.empty() ? "" : ", ") + std::string(entry.code);
    return list;
}
// Its labels in Chinese, joined as Chinese lists are: "闲置可招商、洽谈中、…".
template <typename Table>
std::string joined_labels_zh(const Table& table) {
    std::string list;
    for (const auto& entry : table) list += (list.empty() ? "" : "、") + std::string(entry.label.zh);
    return list;
}

// The label in `lang` of the entry `code` names, or the code itself when
// the table does not know it (a value from an older or newer file).
template <typename Table>
std::string_view label_of(const Table& table, std::string_view code, std::string_view lang) {
    for (const auto& entry : table) {
        if (entry.code == code) return entry.label.in(lang);
    }
    return code;
}

// ---- deal statuses --------------------------------------------------------

struct Status {
    std::string_view code;
    Words label;              // as the public sees it (在谈 shows as 洽谈中)
    std::string_view color;   // on the status map and in its legend
    bool public_by_default;   // anonymous callers see it unless public_statuses says otherwise
    std::array<std::string_view, 4> may_move_to;  // the moves staff may make; empty entries unused
    ImportLabels import_labels;
};
inline constexpr std::array<Status, 6> kStatuses{{
    // The labels bureaus write in their sheets. Which deal stage a word means
    // follows the bureau's pipeline: land sold (已出让, 已供地, 已摘牌) is a
    // signed deal; a project building or producing (已开工, 已投产) has settled.
    {"available", {"闲置可招商", "available"}, "#2b8cbe", true, {"negotiating", "reserved", "withdrawn"},
     {"闲置", "可招商", "待招商", "招商中", "在招商", "空置", "未出让", "待出让", "可租", "可售"}},
    {"negotiating", {"洽谈中", "in negotiation"}, "#f28e2b", true, {"available", "reserved", "signed", "withdrawn"},
     {"在谈", "洽谈", "意向", "有意向", "对接中", "接洽中", "已对接"}},
    {"reserved", {"已预留", "reserved"}, "#9467bd", false, {"available", "negotiating", "signed"},
     {"预留", "保留", "已锁定", "锁定"}},
    {"signed", {"已签约", "signed"}, "#59a14f", false, {"settled", "available"},
     {"签约", "已出让", "已供地", "已摘牌", "已成交", "已租", "已售", "已出租", "已出售"}},
    {"settled", {"已落地", "settled"}, "#7f7f7f", false, {"available"},
     {"落地", "已入驻", "入驻", "已落户", "已开工", "在建", "已投产", "投产", "已建成"}},
    {"withdrawn", {"暂不招商", "withdrawn"}, "#c7c7c7", false, {"available"},
     {"暂缓招商", "停止招商", "暂停招商", "暂停", "暂缓", "不招商", "停止", "冻结"}},
}};
// The colour of a status the table does not know (a future one in old tiles).
inline constexpr std::string_view kUnknownStatusColor = "#999999";

const Status* find_status(std::string_view code);
bool may_move(std::string_view from, std::string_view to);
// The statuses `from` may move to, as "negotiating, reserved, withdrawn".
std::string allowed_moves(std::string_view from);

// ---- parcel kinds ---------------------------------------------------------

struct Kind {
    std::string_view code;
    Words label;
    ImportLabels import_labels;
};
inline constexpr std::array<Kind, 3> kKinds{{
    {"land", {"土地", "land"}, {"闲置土地", "地块", "用地", "宗地", "净地", "工业用地", "产业用地", "储备用地"}},
    {"factory", {"厂房", "factory"},
     {"闲置厂房", "标准厂房", "工业厂房", "生产厂房", "仓库", "仓储", "仓储用房", "车间", "生产用房", "厂区"}},
    {"office", {"楼宇", "office"},
     {"闲置楼宇", "写字楼", "商务楼宇", "商务楼", "办公", "办公楼", "办公用房", "商业楼宇", "商业用房", "孵化器",
      "众创空间", "商铺"}},
}};

const Kind* find_kind(std::string_view code);

// ---- land uses (GB 50137-2011) --------------------------------------------

// The classes and subclasses parcels offered for investment mostly carry.
// Any well-formed code is accepted (is_land_use_code); these have names.
struct LandUse {
    std::string_view code;
    Words label;
    ImportLabels import_labels;
};
inline constexpr std::array<LandUse, 26> kLandUses{{
    {"R", {"居住用地", "residential"}},
    {"R1", {"一类居住用地", "residential, class 1"}},
    {"R2", {"二类居住用地", "residential, class 2"}},
    {"R3", {"三类居住用地", "residential, class 3"}},
    {"A", {"公共管理与公共服务设施用地", "public administration and services"}, {"公共管理与公共服务用地"}},
    {"A35", {"科研用地", "scientific research"}},
    {"B", {"商业服务业设施用地", "commercial and business facilities"}},
    {"B1", {"商业用地", "commercial"}},
    {"B2", {"商务用地", "business offices"}},
    {"B3", {"娱乐康体用地", "recreation"}},
    {"B4", {"公用设施营业网点用地", "utility outlets"}},
    {"B9", {"其他服务设施用地", "other services"}},
    // M0 is not in GB 50137 itself: cities (深圳, 东莞, 福州 …) add it for
    // mixed research and production land.
    {"M0", {"新型产业用地", "new industry (M0)"}},
    {"M", {"工业用地", "industrial"}},
    {"M1", {"一类工业用地", "industrial, class 1"}},
    {"M2", {"二类工业用地", "industrial, class 2"}},
    {"M3", {"三类工业用地", "industrial, class 3"}},
    {"W", {"物流仓储用地", "logistics and warehousing"}},
    {"W1", {"一类物流仓储用地", "logistics and warehousing, class 1"}},
    {"W2", {"二类物流仓储用地", "logistics and warehousing, class 2"}},
    {"W3", {"三类物流仓储用地", "logistics and warehousing, class 3"}},
    {"S", {"道路与交通设施用地", "roads and transport"}},
    {"U", {"公用设施用地", "utilities"}},
    {"G", {"绿地与广场用地", "green space and squares"}},
    {"H", {"建设用地", "development land"}},
    {"E", {"非建设用地", "non-development land"}},
}};

// A GB 50137 land-use code: a class letter (R A B M W S U G H E) and up to two digits.
bool is_land_use_code(std::string_view code);
const LandUse* find_land_use(std::string_view code);

// ---- the parcel's fields --------------------------------------------------

enum class FieldType { text, real, date };

struct FieldSpec {
    std::string_view column;
    FieldType type;
    Words label;
    Words unit = {};
    bool staff_only = false;  // never in an anonymous caller's answers
    bool editable = false;    // staff may set it with a PATCH; the rest comes from imports
    // The largest plausible value of a real field (a bound on typos and on
    // values like 1e308 that break sums and sorting); 0 for other fields.
    double max_value = 0;
    bool multiline = false;   // a text of paragraphs rather than a line
};

// Attribute columns of `parcels`, in table order: kParcelFields is the
// allow-list of column names (SQL that names a parcel column takes it from
// here, never from input). Bookkeeping columns (id, photos, version,
// updated_at, updated_by, geom) are not listed.
inline constexpr std::array<FieldSpec, 21> kParcelFields{{
    {.column = "code", .type = FieldType::text, .label = {"编号", "Code"}},
    {.column = "name", .type = FieldType::text, .label = {"名称", "Name"}},
    {.column = "kind", .type = FieldType::text, .label = {"类型", "Kind"}},
    {.column = "status", .type = FieldType::text, .label = {"状态", "Status"}, .editable = true},
    {.column = "land_use", .type = FieldType::text, .label = {"用地性质", "Land use"}},
    {.column = "area_m2", .type = FieldType::real, .label = {"面积", "Area"}, .unit = {"m²", "m²"}, .max_value = 1e8},
    {.column = "floor_area_m2", .type = FieldType::real, .label = {"建筑面积", "Floor area"}, .unit = {"m²", "m²"}, .max_value = 1e7},
    {.column = "floor_height_m", .type = FieldType::real, .label = {"层高", "Floor height"}, .unit = {"m", "m"}, .max_value = 200},
    {.column = "floor_load_kn_m2", .type = FieldType::real, .label = {"楼面荷载", "Floor load"}, .unit = {"kN/m²", "kN/m²"},
     .max_value = 1000},
    {.column = "power_kva", .type = FieldType::real, .label = {"电力容量", "Power"}, .unit = {"kVA", "kVA"}, .max_value = 1e6},
    {.column = "rent_yuan_m2_month", .type = FieldType::real, .label = {"租金", "Rent"}, .unit = {"元/m²·月", "yuan/m²/month"},
     .editable = true, .max_value = 1e4},
    {.column = "land_price_wan_per_mu", .type = FieldType::real, .label = {"地价", "Land price"}, .unit = {"万元/亩", "10k yuan/mu"},
     .editable = true, .max_value = 1e6},
    {.column = "available_from", .type = FieldType::date, .label = {"可用日期", "Available from"}, .editable = true},
    {.column = "park", .type = FieldType::text, .label = {"园区", "Park"}},
    {.column = "address", .type = FieldType::text, .label = {"地址", "Address"}},
    {.column = "contact", .type = FieldType::text, .label = {"联系方式", "Contact"}, .editable = true},
    {.column = "description", .type = FieldType::text, .label = {"简介", "Description"}, .editable = true, .multiline = true},
    {.column = "video_url", .type = FieldType::text, .label = {"视频网址", "Video URL"}, .editable = true},
    {.column = "owner", .type = FieldType::text, .label = {"权属人", "Owner"}, .staff_only = true, .editable = true},
    {.column = "counterparty", .type = FieldType::text, .label = {"洽谈对象", "Counterparty"}, .staff_only = true, .editable = true},
    {.column = "notes", .type = FieldType::text, .label = {"备注", "Notes"}, .staff_only = true, .editable = true,
     .multiline = true},
}};

// Index of a column in kParcelFields, or nullopt for a name not in the list.
std::optional<std::size_t> field_index(std::string_view column);

// Index of a column known at compile time; a typo fails to compile.
consteval std::size_t field(std::string_view column) {
    for (std::size_t i = 0; i < kParcelFields.size(); ++i) {
        if (kParcelFields[i].column == column) return i;
    }
    throw "unknown parcel column";
}

// The field's maximum as text ("10000") when `value` is beyond it, for the
// message that refuses it; nullopt when it is plausible.
std::optional<std::string> beyond_maximum(const FieldSpec& spec, double value);

// ---- filters --------------------------------------------------------------

// What a filter parameter's value is: a list of statuses, kinds, land uses
// or parks (comma-separated), a number, a date, a search text, an industry
// id or a fit score 0–100.
enum class FilterType { statuses, kinds, land_uses, parks, number, date, text, industry, score };

struct FilterParameter {
    std::string_view name;  // the query parameter, in every URL and link
    FilterType type;
    Words label;
    Words unit = {};
};
inline constexpr std::array<FilterParameter, 12> kFilterParameters{{
    {"industry", FilterType::industry, {"产业", "Industry"}},
    {"min_fit", FilterType::score, {"最低适合度", "Minimum fit"}},
    {"status", FilterType::statuses, {"状态", "Status"}},
    {"kind", FilterType::kinds, {"类型", "Kind"}},
    {"land_use", FilterType::land_uses, {"用地性质", "Land use"}},
    {"area_min", FilterType::number, {"最小面积", "Min area"}, {"m²", "m²"}},
    {"area_max", FilterType::number, {"最大面积", "Max area"}, {"m²", "m²"}},
    {"rent_max", FilterType::number, {"最高租金", "Max rent"}, {"元/m²·月", "yuan/m²/month"}},
    {"power_min", FilterType::number, {"最低电力", "Min power"}, {"kVA", "kVA"}},
    {"park", FilterType::parks, {"园区", "Park"}},
    {"available_by", FilterType::date, {"最晚可用日期", "Available by"}},
    {"q", FilterType::text, {"搜索编号、名称、地址", "Search code, name, address"}},
}};

const FilterParameter* find_filter_parameter(std::string_view name);

// ---- fit ------------------------------------------------------------------

// Fit scores (0–100) in bands, highest first, as the fit map colours them.
struct FitBand {
    int low;   // inclusive
    int high;  // inclusive
    std::string_view color;
    Words label;
};
inline constexpr std::array<FitBand, 5> kFitBands{{
    {80, 100, "#1a9850", {"很适合", "strong fit"}},
    {60, 79, "#91cf60", {"较适合", "good fit"}},
    {40, 59, "#fee08b", {"一般", "partial fit"}},
    {1, 39, "#fc8d59", {"较差", "poor fit"}},
    {0, 0, "#bdbdbd", {"不适合", "unsuitable"}},
}};

// ---- maps -----------------------------------------------------------------

// The layers of the map's context (investmap import-context --as), in the
// order maps draw them, bottom first.
struct ContextLayer {
    std::string_view code;
    Words label;
};
inline constexpr std::array<ContextLayer, 4> kContextLayers{{
    {"water", {"水系", "water"}},
    {"parks", {"园区", "parks"}},
    {"roads", {"道路", "roads"}},
    {"boundary", {"区界", "district boundary"}},
}};
// Its place in the drawing order; past the end for a layer the table does not know.
std::size_t context_layer_order(std::string_view code);

// Below the parcel zoom the status and fit maps mark where parcels are (the
// heat layer's grid cells) in this one colour: a cell mixes statuses and fits.
inline constexpr std::string_view kParcelLocationColor = "#5f6f82";
inline constexpr Words kParcelLocations = {"地块位置（放大查看状态与适合度）", "parcel locations (zoom in for status and fit)"};

// The zoom from which tiles carry parcel polygons (below it, the heat and
// points): the server's `parcel_zoom` unless its config says otherwise.
inline constexpr int kDefaultParcelZoom = 13;

// 1 亩 = 666.67 m² (PRODUCT.md: 亩 = m² × 0.0015): areas are shown in both.
inline constexpr double kSquareMetresPerMu = 1.0 / 0.0015;
inline constexpr Words kMu = {"亩", "mu"};

// ---- published ------------------------------------------------------------

// What a deployment changes of the defaults above.
struct Settings {
    int parcel_zoom = kDefaultParcelZoom;
    std::span<const std::string> public_statuses;  // empty: those public by default
};

// The vocabulary as GET /api/vocabulary gives it, with labels in `lang`
// ("zh" or "en"): the pages take every domain word from it.
nlohmann::json to_json(std::string_view lang, const Settings& settings);

}  // namespace investmap::vocabulary
