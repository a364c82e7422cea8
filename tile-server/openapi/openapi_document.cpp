#include "openapi_document.hpp"

#include "../routes/parameters.hpp"

#include "filter/filter.hpp"
#include "style/map_style.hpp"
#include "importers/vector_source.hpp"
#include "vocabulary/vocabulary.hpp"

#include <stdexcept>

namespace investmap::server::openapi {
namespace {

using nlohmann::json;
using vocabulary::Words;

// "中文 / English": every description a reader sees, Chinese first.
std::string both(Words words) { return std::string(words.zh) + " / " + std::string(words.en); }

// ---- the endpoints ----------------------------------------------------------

enum class Who { anyone, staff };

struct Operation {
    std::string_view method;  // lower case, as OpenAPI's keys
    std::string_view path;
    std::string_view id;
    std::string_view tag;
    Words summary;
    bool filters;  // takes the filter grammar
    std::span<const std::string_view> parameters;  // its other query parameters
    Who who;
    int success;                    // 200, 201
    std::string_view media_types;   // of the success response, space-separated
    std::string_view errors;        // the error statuses it answers, space-separated
};

constexpr std::string_view kTagFeatures = "OGC API – Features";
constexpr std::string_view kTagMap = "地图 Map";
constexpr std::string_view kTagReference = "资料 Reference";
constexpr std::string_view kTagStaff = "招商科 Staff";
constexpr std::string_view kTagOperations = "运维 Operations";

using namespace parameters;

// Every public path of the server except the pages (/, /embed, /admin,
// /api-docs/) and their scripts. The router (router.cpp) dispatches the same
// paths; tests/e2e/serve/openapi.test.mjs asks each one.
const std::array<Operation, 26> kOperationTable{{
    {"get", "/api", "landing", kTagFeatures, {"入口：指向 API 各部分的链接", "landing page: links to the parts of the API"}, false, kDocument,
     Who::anyone, 200, "application/json", "400"},
    {"get", "/api/conformance", "conformance", kTagFeatures, {"实现的一致性类", "the conformance classes implemented"}, false, kDocument,
     Who::anyone, 200, "application/json", "400"},
    {"get", "/api/openapi", "openapi", kTagFeatures, {"本文档（OpenAPI 3.0）", "this document (OpenAPI 3.0)"}, false, kDocument,
     Who::anyone, 200, kOpenApiMediaType, "400"},
    {"get", "/api/collections", "collections", kTagFeatures, {"要素集合列表", "the feature collections"}, false, kDocument, Who::anyone, 200,
     "application/json", "400"},
    {"get", "/api/collections/parcels", "collection", kTagFeatures, {"地块集合", "the parcels collection"}, false, kDocument, Who::anyone,
     200, "application/json", "400"},
    {"get", "/api/collections/parcels/queryables", "queryables", kTagFeatures,
     {"可筛选的属性（JSON Schema）", "the properties filters may name (JSON Schema)"}, false, kDocument, Who::anyone, 200,
     "application/schema+json", "400"},
    {"get", "/api/collections/parcels/items", "items", kTagFeatures,
     {"地块（GeoJSON），可筛选、分页；匿名只见公开状态", "parcels (GeoJSON), filtered and paged; anonymous callers see public statuses"},
     true, kItems, Who::anyone, 200, "application/geo+json", "400"},
    {"get", "/api/collections/parcels/items/{code}", "item", kTagFeatures,
     {"一个地块；带 industry 时附适合度与理由", "one parcel; with industry, its fit and the reasons"}, false, kItem, Who::anyone, 200,
     "application/geo+json", "400 404"},
    {"patch", "/api/collections/parcels/items/{code}", "editItem", kTagStaff,
     {"修改地块（JSON merge patch，需 If-Match）", "edit a parcel (JSON merge patch, If-Match required)"}, false, kNone, Who::staff, 200,
     "application/geo+json", "400 401 404 409 412 428"},
    {"get", "/api/collections/parcels/items/{code}/history", "itemHistory", kTagStaff,
     {"地块的修改记录", "the parcel's audit events"}, false, kNone, Who::staff, 200, "application/json", "400 401 404"},
    {"post", "/api/collections/parcels/items/{code}/media", "uploadMedia", kTagStaff,
     {"上传照片（JPEG、PNG、WebP，≤ 10 MB）或视频（MP4，≤ 100 MB）",
      "upload a photo (JPEG, PNG, WebP, ≤ 10 MB) or a video (MP4, ≤ 100 MB)"},
     false, kNone, Who::staff, 201, "application/geo+json", "400 401 404 413 415 507"},
    {"delete", "/api/collections/parcels/items/{code}/media/{hash}", "deleteMedia", kTagStaff,
     {"删除地块的一张照片或视频", "remove a photo or video from a parcel"}, false, kNone, Who::staff, 200, "application/geo+json",
     "400 401 404"},
    {"post", "/api/imports", "importParcels", kTagStaff,
     {"导入文件（与 investmap import 相同）；dry_run=1 只检查不写入", "import a file (as investmap import does); dry_run=1 checks without writing"},
     false, kImports, Who::staff, 200, "application/json", "400 401 413 422 507"},
    {"get", "/api/unlocated", "unlocatedParcels", kTagStaff,
     {"待定位：导入时没有位置的地块（不公开）", "parcels imported without a location, waiting to be placed (never public)"}, false, kNone,
     Who::staff, 200, "application/json", "400 401"},
    {"put", "/api/unlocated/{code}/geometry", "placeParcel", kTagStaff,
     {"在地图上定位：GeoJSON 点或多边形", "place a parcel: a GeoJSON Point or Polygon"}, false, kNone, Who::staff, 201,
     "application/json", "400 401 404"},
    {"get", "/api/industries", "industries", kTagReference,
     {"目标产业及其要求", "the target industries and their requirements"}, false, kDocument, Who::anyone, 200, "application/json", "400"},
    {"get", "/api/vocabulary", "vocabulary", kTagReference,
     {"领域词汇：状态、类型、用地性质、字段、筛选、颜色", "the domain's words: statuses, kinds, land uses, fields, filters, colours"},
     false, kLanguage, Who::anyone, 200, "application/json", "400"},
    {"get", "/api/stats", "stats", kTagReference,
     {"按状态、类型、园区、产业统计个数与面积", "counts and areas by status, kind, park and industry"}, true, kDocument, Who::anyone,
     200, "application/json", "400"},
    {"get", "/tiles/{z}/{x}/{y}.mvt", "tile", kTagMap,
     {"矢量瓦片（MVT 2.1：parcels、heat、context 图层）", "a vector tile (MVT 2.1: layers parcels, heat, context)"}, true, kNone,
     Who::anyone, 200, "application/vnd.mapbox-vector-tile", "400"},
    {"get", "/tiles.json", "tilejson", kTagMap, {"TileJSON 3.0.0，瓦片网址带上筛选", "TileJSON 3.0.0 whose tile URL carries the filters"},
     true, kNone, Who::anyone, 200, "application/json", "400"},
    {"get", "/styles/{style}.json", "style", kTagMap,
     {"MapLibre 样式（QGIS 可转换 status 与 fit）", "a MapLibre style (QGIS converts status and fit)"}, true, kLanguage, Who::anyone,
     200, "application/json", "400 404"},
    {"get", "/static/{image}", "staticMap", kTagMap,
     {"静态地图（PNG、SVG、PDF），用于幻灯片", "a static map (PNG, SVG, PDF) for slides"}, true, kStaticMap, Who::anyone, 200,
     "image/png image/svg+xml application/pdf", "400"},
    {"get", "/fonts/{fontstack}/{range}.pbf", "glyphs", kTagMap, {"地图标注字形（空）", "label glyphs for the map (empty)"}, false, kNone,
     Who::anyone, 200, "application/x-protobuf", "400"},
    {"get", "/media/{name}", "media", kTagMap, {"地块的照片或视频（支持 Range）", "a parcel's photo or video (Range supported)"}, false,
     kNone, Who::anyone, 200, "image/jpeg image/png image/webp video/mp4", "400 404"},
    {"get", "/healthz", "health", kTagOperations, {"存活与数据版本", "liveness and the data version"}, false, kNone, Who::anyone, 200,
     "application/json", "400 503"},
    {"get", "/metrics", "metrics", kTagOperations, {"Prometheus 指标", "Prometheus metrics"}, false, kNone, Who::anyone, 200,
     "text/plain", "400"},
}};

// ---- the errors -------------------------------------------------------------

struct ErrorResponse {
    std::string_view status;
    std::string_view name;
    Words description;
};
const std::array<ErrorResponse, 12> kErrors{{
    {"400", "BadRequest", {"参数或请求体有误，error.message 指出哪一个", "a bad parameter or body; error.message names it"}},
    {"401", "Unauthorized", {"需要有效的招商科令牌", "a valid staff token is required"}},
    {"404", "NotFound", {"没有这个地块或地址", "no such parcel or path"}},
    {"409", "StatusMoveNotAllowed", {"状态不能这样变更", "the status may not move so"}},
    {"412", "Stale", {"ETag 不符：地块已被他人修改", "the ETag does not match: someone changed the parcel"}},
    {"413", "TooLarge", {"文件太大", "the file is too large"}},
    {"415", "UnsupportedMedia", {"不支持的文件类型", "an unsupported kind of file"}},
    {"422", "Unusable", {"文件无法导入，或有行被拒而未写入；error.message 或摘要说明原因",
                         "the file cannot be imported, or rows were rejected and nothing was written; the message or summary says why"}},
    {"428", "PreconditionRequired", {"需要 If-Match", "If-Match is required"}},
    {"503", "Unavailable", {"数据库文件已被删除或替换", "the database file was deleted or replaced"}},
    {"507", "DiskFull", {"无法保存文件，未做任何修改", "the file could not be stored; nothing was changed"}},
    {"500", "Internal", {"服务器内部错误", "internal server error"}},
}};

const ErrorResponse& error_named(std::string_view status) {
    for (const ErrorResponse& error : kErrors) {
        if (error.status == status) return error;
    }
    throw std::logic_error("openapi: no error response " + std::string(status));
}

std::vector<std::string_view> words_of(std::string_view list) {
    std::vector<std::string_view> words;
    while (!list.empty()) {
        const std::size_t space = std::min(list.find(' '), list.size());
        if (space > 0) words.push_back(list.substr(0, space));
        list.remove_prefix(std::min(space + 1, list.size()));
    }
    return words;
}

// ---- the parameters ---------------------------------------------------------

// A comma-separated list, as OpenAPI says it: form style, not exploded.
json list_of(json items) {
    return {{"type", "array"}, {"items", std::move(items)}, {"minItems", 1}, {"maxItems", filter::kMaxListItems}};
}

json codes_schema(std::span<const std::string> codes) { return {{"type", "string"}, {"enum", codes}}; }

// The schema of a filter parameter, from its type in the vocabulary.
json filter_schema(const vocabulary::FilterParameter& parameter, const DocumentContext& context) {
    using vocabulary::FilterType;
    switch (parameter.type) {
        case FilterType::statuses: return list_of(codes_schema(vocabulary::codes_of(vocabulary::kStatuses)));
        case FilterType::kinds: return list_of(codes_schema(vocabulary::codes_of(vocabulary::kKinds)));
        case FilterType::land_uses: return list_of({{"type", "string"}, {"pattern", "^[RABMWSUGHE][0-9]{0,2}$"}});
        case FilterType::parks: return list_of({{"type", "string"}, {"minLength", 1}});
        case FilterType::number: return {{"type", "number"}, {"minimum", 0}};
        case FilterType::date: return {{"type", "string"}, {"format", "date"}};
        case FilterType::text: return {{"type", "string"}, {"maxLength", filter::kMaxTextBytes}};
        case FilterType::industry: {
            json ids = json::array();
            for (const auto& industry : context.industries->industries) ids.push_back(industry.id);
            return {{"type", "string"}, {"enum", ids}};
        }
        case FilterType::score: return {{"type", "integer"}, {"minimum", 0}, {"maximum", 100}};
    }
    throw std::logic_error("openapi: a filter type without a schema");
}

// "状态：… / Status: …": the label, its unit, and what the value means.
std::string filter_description(const vocabulary::FilterParameter& parameter) {
    using vocabulary::FilterType;
    std::string zh(parameter.label.zh), en(parameter.label.en);
    if (!parameter.unit.zh.empty()) {
        zh += "（" + std::string(parameter.unit.zh) + "）";
        en += " (" + std::string(parameter.unit.en) + ")";
    }
    const auto with = [&](std::string_view zh_detail, std::string_view en_detail) {
        return zh + "：" + std::string(zh_detail) + " / " + en + ": " + std::string(en_detail);
    };
    switch (parameter.type) {
        case FilterType::statuses:
            return with(vocabulary::joined_labels_zh(vocabulary::kStatuses) + "；匿名只见公开状态", "anonymous callers see only the public statuses");
        case FilterType::kinds: return with(vocabulary::joined_labels_zh(vocabulary::kKinds), "land, factory or office");
        case FilterType::land_uses: return with("GB 50137 代码，如 M1、W1、B2", "GB 50137 codes such as M1, W1, B2");
        case FilterType::parks: return with("园区名称", "park names");
        case FilterType::score: return with("0–100，需要 industry", "0–100, needs industry");
        case FilterType::industry:
            return with("给出对该产业的适合度，min_fit、sortby=fit 与适合度配色都用它", "the fit to this industry, which min_fit, sortby=fit and the fit colours use");
        case FilterType::text: return with("编号、名称、地址中的文字", "text in the code, name or address");
        case FilterType::date: return with("此日期或之前可用", "available on or before this date");
        case FilterType::number: return zh + " / " + en;
    }
    return zh + " / " + en;
}

struct OwnParameter {
    std::string_view name;
    Words description;
    json (*schema)(const DocumentContext&);
};

json style_names(const DocumentContext&) {
    return {{"type", "string"}, {"enum", style::kStyleNames}, {"default", "heat"}};
}

const std::array<OwnParameter, 11> kOwnParameters{{
    {"f", {"格式：只有 JSON", "format: JSON only"},
     [](const DocumentContext&) -> json { return {{"type", "string"}, {"enum", kFormats}, {"default", "json"}}; }},
    {"bbox", {"范围：西,南,东,北（经纬度，CRS84）", "extent: west,south,east,north (lon/lat, CRS84)"},
     [](const DocumentContext&) -> json {
         return {{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 4}, {"maxItems", 4}};
     }},
    {"limit", {"每页个数", "features per page"},
     [](const DocumentContext&) -> json {
         return {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxLimit}, {"default", kDefaultLimit}};
     }},
    {"offset", {"从第几个开始（next 链接会给出）", "where the page starts (the next link gives it)"},
     [](const DocumentContext&) -> json { return {{"type", "integer"}, {"minimum", 0}, {"maximum", kMaxOffset}, {"default", 0}}; }},
    {"sortby", {"排序；fit 需要 industry，前加 - 为降序", "order; fit needs industry, a leading - sorts descending"},
     [](const DocumentContext&) -> json {
         json orders = json::array();
         for (const auto& [name, order] : kSortOrders) orders.push_back(name);
         return {{"type", "string"}, {"enum", orders}, {"default", "id"}};
     }},
    {"lang", {"语言", "language"},
     [](const DocumentContext&) -> json { return {{"type", "string"}, {"enum", {"zh", "en"}}, {"default", "zh"}}; }},
    {"center", {"中心：经度,纬度（与 zoom 同用，可代替 bbox）", "centre: lon,lat (with zoom, instead of bbox)"},
     [](const DocumentContext&) -> json {
         return {{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 2}, {"maxItems", 2}};
     }},
    {"zoom", {"缩放级别（与 center 同用）", "zoom level (with center)"},
     [](const DocumentContext&) -> json { return {{"type", "number"}, {"minimum", 0}, {"maximum", 22}}; }},
    {"style", {"样式", "style"}, style_names},
    {"title", {"图名", "title"}, [](const DocumentContext&) -> json { return {{"type", "string"}, {"maxLength", 200}}; }},
    {"qr", {"是否印上在线地图的二维码", "whether to print a QR code of the live map"},
     [](const DocumentContext&) -> json { return {{"type", "string"}, {"enum", {"0", "1"}}, {"default", "0"}}; }},
}};

json query_parameter(std::string_view name, const DocumentContext& context) {
    json parameter = {{"name", name}, {"in", "query"}, {"required", false}};
    if (const auto* filter_parameter = vocabulary::find_filter_parameter(name)) {
        parameter["description"] = filter_description(*filter_parameter);
        parameter["schema"] = filter_schema(*filter_parameter, context);
    } else {
        const auto own = std::ranges::find(kOwnParameters, name, &OwnParameter::name);
        if (own == kOwnParameters.end()) throw std::logic_error("openapi: no description of parameter " + std::string(name));
        parameter["description"] = both(own->description);
        parameter["schema"] = own->schema(context);
    }
    if (parameter["schema"]["type"] == "array") {
        parameter["style"] = "form";
        parameter["explode"] = false;
    }
    return parameter;
}

struct PathParameter {
    std::string_view name;
    Words description;
    std::string_view pattern;  // "" for none
};
const std::array<PathParameter, 9> kPathParameters{{
    {"code", {"地块编号", "parcel code"}, ""},
    {"hash", {"文件的 SHA-256（十六进制）", "the file's SHA-256 (hex)"}, "^[0-9a-f]{64}$"},
    {"z", {"缩放级别 0–22", "zoom 0–22"}, "^[0-9]+$"},
    {"x", {"列 0..2^z−1", "column 0..2^z−1"}, "^[0-9]+$"},
    {"y", {"行 0..2^z−1", "row 0..2^z−1"}, "^[0-9]+$"},
    {"style", {"heat 热力、fit 适合度（需 industry）、status 状态", "heat, fit (needs industry) or status"}, ""},
    {"image", {"{宽}x{高}[@2x].{png|svg|pdf}", "{width}x{height}[@2x].{png|svg|pdf}"}, "^[0-9]+x[0-9]+(@2x)?\\.(png|svg|pdf)$"},
    {"fontstack", {"字体名", "font stack"}, ""},
    {"name", {"文件名：SHA-256 与扩展名", "file name: SHA-256 and extension"}, "^[0-9a-f]{64}\\.[a-z0-9]+$"},
}};
// The range of a glyph file ("0-255"), spelled out apart from {range}.pbf's name.
constexpr std::string_view kRangePattern = "^[0-9]+-[0-9]+$";

json path_parameter(std::string_view name) {
    json schema = {{"type", "string"}};
    std::string description;
    if (name == "range") {
        schema["pattern"] = kRangePattern;
        description = both({"字形范围，如 0-255", "glyph range such as 0-255"});
    } else {
        const auto known = std::ranges::find(kPathParameters, name, &PathParameter::name);
        if (known == kPathParameters.end()) throw std::logic_error("openapi: no description of path parameter " + std::string(name));
        if (!known->pattern.empty()) schema["pattern"] = known->pattern;
        if (name == "style") schema["enum"] = style::kStyleNames;
        description = both(known->description);
    }
    return {{"name", name}, {"in", "path"}, {"required", true}, {"description", description}, {"schema", schema}};
}

// "{z}", "{x}" … in the order the path names them.
std::vector<std::string_view> path_parameter_names(std::string_view path) {
    std::vector<std::string_view> names;
    for (std::size_t open = path.find('{'); open != std::string_view::npos; open = path.find('{', open + 1)) {
        names.push_back(path.substr(open + 1, path.find('}', open) - open - 1));
    }
    return names;
}

json reference(std::string_view section, std::string_view name) {
    return {{"$ref", "#/components/" + std::string(section) + "/" + std::string(name)}};
}

// ---- the operations ---------------------------------------------------------

json success_schema(std::string_view media_type) {
    if (media_type == "application/json" || media_type == "application/geo+json" || media_type == "application/schema+json" ||
        media_type == kOpenApiMediaType) {
        return {{"type", "object"}};
    }
    if (media_type == "text/plain") return {{"type", "string"}};
    return {{"type", "string"}, {"format", "binary"}};
}

// PATCH's body: the editable fields (and a note for the audit event).
json edit_body() {
    json properties = json::object();
    for (const vocabulary::FieldSpec& field : vocabulary::kParcelFields) {
        if (!field.editable) continue;
        json schema = {{"description", both(field.label)}};
        if (field.column == "status") {
            schema["type"] = "string";
            schema["enum"] = vocabulary::codes_of(vocabulary::kStatuses);
        } else if (field.type == vocabulary::FieldType::real) {
            schema["type"] = "number";
            schema["minimum"] = 0;
            schema["maximum"] = field.max_value;
            schema["nullable"] = true;
        } else {
            schema["type"] = "string";
            if (field.type == vocabulary::FieldType::date) schema["format"] = "date";
            schema["nullable"] = true;
        }
        properties[std::string(field.column)] = std::move(schema);
    }
    properties["note"] = {{"type", "string"}, {"maxLength", 1000},
                          {"description", both({"写入修改记录的说明", "a note for the audit event"})}};
    return {{"required", true},
            {"content",
             {{"application/merge-patch+json",
               {{"schema", {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}}}}}}}};
}

json upload_body() {
    json content = json::object();
    for (const char* type : {"image/jpeg", "image/png", "image/webp", "video/mp4"}) {
        content[type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
    }
    return {{"required", true}, {"content", content}};
}

// POST /api/imports's query parameters: the importer's options, described
// here rather than shared, since its kind is one default and not a filter.
struct ImportParameter {
    std::string_view name;
    Words description;
    json (*schema)();
};
const std::array<ImportParameter, 11> kImportParameters{{
    {"filename", {"上传文件的名称（扩展名决定格式）", "the uploaded file's name (its extension tells the format)"},
     [] { return json{{"type", "string"}, {"maxLength", 255}, {"pattern", "\\.(xlsx|csv|zip|gpkg|kml|kmz|geojson|json|dxf|dwg)$"}}; }},
    {"kind", {"无类型列时的类型", "the kind of rows without one"},
     [] { return json{{"type", "string"}, {"enum", vocabulary::codes_of(vocabulary::kKinds)}}; }},
    {"s_srs", {"源坐标系：EPSG 代码、GCJ02（高德、腾讯）、BD09（百度）或 PROJ 管线", "the source CRS: an EPSG code, GCJ02, BD09 or a PROJ pipeline"},
     [] { return json{{"type", "string"}, {"maxLength", 2000}}; }},
    {"encoding", {"源数据编码，如 GBK", "the source's encoding, e.g. GBK"},
     [] { return json{{"type", "string"}, {"enum", importers::kSourceEncodings}}; }},
    {"generate_codes", {"无编号的行按名称与地址生成编号的前缀", "prefix of codes generated from name and address for rows without one"},
     [] { return json{{"type", "string"}, {"maxLength", 60}}; }},
    {"layer", {"源数据有多个图层时选一个", "the layer, when the source has several"}, [] { return json{{"type", "string"}}; }},
    {"cad_layer", {"CAD 图纸中作为地块的图层", "the CAD layer whose closed shapes are parcels"}, [] { return json{{"type", "string"}}; }},
    {"cad_label", {"地块内文字的含义", "what a text inside a parcel is"},
     [] { return json{{"type", "string"}, {"enum", {"code", "name"}}, {"default", "code"}}; }},
    {"dry_run", {"1：只检查不写入，附地块预览", "1: check without writing, with a preview of the parcels"},
     [] { return json{{"type", "string"}, {"enum", {"0", "1"}}, {"default", "0"}}; }},
    {"skip_rejected", {"1：导入其余各行", "1: import the other rows when some are rejected"},
     [] { return json{{"type", "string"}, {"enum", {"0", "1"}}, {"default", "0"}}; }},
    {"allow_unlocated", {"1：没有位置的行列入“待定位”", "1: rows without a location wait in the 待定位 list"},
     [] { return json{{"type", "string"}, {"enum", {"0", "1"}}, {"default", "0"}}; }},
}};

json import_parameter(std::string_view name) {
    const auto known = std::ranges::find(kImportParameters, name, &ImportParameter::name);
    if (known == kImportParameters.end()) throw std::logic_error("openapi: no description of import parameter " + std::string(name));
    return {{"name", name}, {"in", "query"}, {"required", name == "filename"}, {"description", both(known->description)},
            {"schema", known->schema()}};
}

json placement_body() {
    return {{"required", true},
            {"content",
             {{"application/geo+json",
               {{"schema",
                 {{"type", "object"},
                  {"required", {"type", "coordinates"}},
                  {"properties", {{"type", {{"type", "string"}, {"enum", {"Point", "Polygon", "MultiPolygon"}}}}, {"coordinates", {{"type", "array"}}}}}}}}}}},
            {"description", both({"经纬度（WGS 84），中国境内", "lon/lat (WGS 84) in China"})}};
}

json import_body() {
    return {{"required", true},
            {"content", {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}},
            {"description", both({"文件本身；大小不超过 import_max_mb", "the file itself, at most import_max_mb"})}};
}

json operation_document(const Operation& operation) {
    const bool is_import = operation.id == "importParcels";
    json parameters = json::array();
    for (std::string_view name : path_parameter_names(operation.path)) parameters.push_back(path_parameter(name));
    if (operation.filters) {
        for (const auto& filter_parameter : vocabulary::kFilterParameters) parameters.push_back(reference("parameters", filter_parameter.name));
    }
    for (std::string_view name : operation.parameters) {
        const bool shared = vocabulary::find_filter_parameter(name) != nullptr;
        if (is_import) parameters.push_back(import_parameter(name));
        else if (!(operation.filters && shared)) parameters.push_back(reference("parameters", name));
    }
    if (operation.method == "patch") {
        parameters.push_back({{"name", "If-Match"}, {"in", "header"}, {"required", true},
                              {"description", both({"读取地块时得到的 ETag", "the ETag the parcel was read with"})},
                              {"schema", {{"type", "string"}}}});
    }

    json content = json::object();
    for (std::string_view type : words_of(operation.media_types)) content[std::string(type)] = {{"schema", success_schema(type)}};
    json responses = {{std::to_string(operation.success), {{"description", both({"成功", "success"})}, {"content", content}}}};
    for (std::string_view status : words_of(operation.errors)) responses[std::string(status)] = reference("responses", error_named(status).name);
    responses["500"] = reference("responses", "Internal");

    json document = {{"operationId", operation.id},
                     {"summary", both(operation.summary)},
                     {"tags", {operation.tag}},
                     {"parameters", parameters},
                     {"responses", responses}};
    // Staff operations need the token; a token on the others shows what
    // only staff see (every status, the staff fields).
    const json bearer = {{"bearer", json::array()}};
    document["security"] = operation.who == Who::staff ? json::array({bearer}) : json::array({json::object(), bearer});
    if (operation.method == "patch") document["requestBody"] = edit_body();
    if (operation.method == "post") document["requestBody"] = is_import ? import_body() : upload_body();
    if (operation.method == "put") document["requestBody"] = placement_body();
    return document;
}

json components(const DocumentContext& context) {
    json parameters = json::object();
    for (const auto& filter_parameter : vocabulary::kFilterParameters) {
        parameters[std::string(filter_parameter.name)] = query_parameter(filter_parameter.name, context);
    }
    for (const Operation& operation : kOperationTable) {
        if (operation.id == "importParcels") continue;  // described in place
        for (std::string_view name : operation.parameters) parameters[std::string(name)] = query_parameter(name, context);
    }
    json responses = json::object();
    for (const ErrorResponse& error : kErrors) {
        responses[std::string(error.name)] = {
            {"description", both(error.description)},
            {"content", {{"application/json", {{"schema", reference("schemas", "Error")}}}}}};
    }
    const json error_schema = {
        {"type", "object"},
        {"required", {"error"}},
        {"properties",
         {{"error",
           {{"type", "object"},
            {"required", {"code", "message"}},
            {"properties",
             {{"code", {{"type", "string"}, {"description", both({"机器可读的错误代码", "a machine-readable error code"})}}},
              {"message", {{"type", "string"}, {"description", both({"说明要改什么（中文 / English）", "what to fix (Chinese / English)"})}}}}}}}}}};
    return {{"parameters", parameters},
            {"responses", responses},
            {"schemas", {{"Error", error_schema}}},
            {"securitySchemes",
             {{"bearer",
               {{"type", "http"},
                {"scheme", "bearer"},
                {"description", both({"招商科令牌：investmap token create 生成", "a staff token from investmap token create"})}}}}}};
}

}  // namespace

nlohmann::json openapi_document(const DocumentContext& context) {
    if (!context.industries) throw std::logic_error("openapi: no industry profiles");
    json paths = json::object();
    for (const Operation& operation : kOperationTable) paths[std::string(operation.path)][std::string(operation.method)] = operation_document(operation);
    json tags = json::array();
    for (std::string_view tag : {kTagFeatures, kTagMap, kTagReference, kTagStaff, kTagOperations}) tags.push_back({{"name", tag}});
    return {{"openapi", "3.0.3"},
            {"info",
             {{"title", "investmap 招商热力图 API"},
              {"version", INVESTMAP_VERSION},
              {"description",
               "闲置土地、厂房、楼宇的地图与数据：OGC API – Features、矢量瓦片、样式、静态地图。筛选参数在所有返回地块的接口上通用；"
               "未知参数或错误的值返回 400，并指出是哪一个。\n\n"
               "Idle land, factories and offices as maps and data: OGC API – Features, vector tiles, styles, static maps. The "
               "filter parameters are the same on every endpoint that returns parcels; an unknown parameter or a bad value is a "
               "400 naming it. Tiles carry parcel polygons from zoom " +
                   std::to_string(context.parcel_zoom) + "."}}},
            {"servers", {{{"url", context.server_url}}}},
            {"tags", tags},
            {"paths", paths},
            {"components", components(context)}};
}

}  // namespace investmap::server::openapi
