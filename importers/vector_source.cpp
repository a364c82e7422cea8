#include "importers/vector_source.hpp"

#include "errors.hpp"
#include "importers/coordinate_text.hpp"
#include "importers/crs_guess.hpp"
#include "importers/field_mapping.hpp"
#include "importers/value_parsing.hpp"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <mutex>

namespace investmap::importers {
namespace {

const std::initializer_list<std::string_view> kWktColumns = {"wkt", "geometry", "geom", "shape", "几何", "坐标串"};
// Lon/lat columns, including those named for the web map they were picked
// on (高德经度, bd_lng …): web_map_hint() reads the name.
const std::initializer_list<std::string_view> kLonColumns = {
    "lon", "lng", "longitude", "x", "经度", "东经", "中心经度", "中心点经度", "高德经度", "腾讯经度", "百度经度",
    "gcjlng", "gcjlon", "gcj02lng", "gcj02lon", "gdlng", "amaplng", "bdlng", "bdlon", "bd09lng", "bd09lon", "baidulng"};
const std::initializer_list<std::string_view> kLatColumns = {
    "lat", "latitude", "y", "纬度", "北纬", "中心纬度", "中心点纬度", "高德纬度", "腾讯纬度", "百度纬度",
    "gcjlat", "gcj02lat", "gdlat", "amaplat", "bdlat", "bd09lat", "baidulat"};
// One cell holding both, as coordinate pickers (坐标拾取器) copy them.
const std::initializer_list<std::string_view> kPointColumns = {
    "坐标", "经纬度", "经纬度坐标", "坐标经纬度", "坐标点", "中心点坐标", "中心坐标", "位置坐标", "定位", "高德坐标",
    "腾讯坐标", "百度坐标", "lnglat", "lonlat", "latlng", "latlon", "coordinates", "coordinate", "coords", "location"};

// Words in a column name that say which web map its coordinates came from.
std::optional<geo::WebDatum> web_map_named_in(const std::string& column) {
    const std::string name = normalise_field_name(column);
    for (std::string_view baidu : {"百度", "baidu", "bd09", "bdlng", "bdlon", "bdlat"}) {
        if (name.find(baidu) != std::string::npos) return geo::WebDatum::bd09;
    }
    for (std::string_view gcj : {"高德", "腾讯", "gcj", "amap", "gaode", "gdlng", "gdlat", "tencent"}) {
        if (name.find(gcj) != std::string::npos) return geo::WebDatum::gcj02;
    }
    return std::nullopt;
}

void register_drivers_once() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

std::string last_gdal_message() {
    const char* message = CPLGetLastErrorMsg();
    return message && *message ? message : "unknown GDAL error";
}

int find_column(const std::vector<std::string>& names, std::initializer_list<std::string_view> wanted) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (std::ranges::find(wanted, normalise_field_name(names[i])) != wanted.end()) return static_cast<int>(i);
    }
    return -1;
}

std::string describe_crs(OGRSpatialReferenceH srs) {
    const char* authority = OSRGetAuthorityName(srs, nullptr);
    const char* code = OSRGetAuthorityCode(srs, nullptr);
    std::string text = authority && code ? std::string(authority) + ":" + code : "";
    if (const char* name = OSRGetName(srs)) text += text.empty() ? name : std::string(" ") + name;
    return text;
}

// Moves every vertex from GCJ-02 or BD-09 back to WGS 84.
void to_wgs84(OGRGeometryH geometry, geo::WebDatum datum) {
    const int parts = OGR_G_GetGeometryCount(geometry);
    for (int i = 0; i < parts; ++i) to_wgs84(OGR_G_GetGeometryRef(geometry, i), datum);
    for (int i = 0; i < OGR_G_GetPointCount(geometry); ++i) {
        const geo::LonLat point = geo::wgs84_from(datum, {OGR_G_GetX(geometry, i), OGR_G_GetY(geometry, i)});
        OGR_G_SetPoint_2D(geometry, i, point.lon, point.lat);
    }
}

// China with a margin: a district's parcels outside it mean a wrong CRS.
bool within_china(const OGREnvelope& envelope) {
    return geo::contains(geo::kChinaBox, {envelope.MinX, envelope.MinY}) && geo::contains(geo::kChinaBox, {envelope.MaxX, envelope.MaxY});
}

bool within_lon_lat(const OGREnvelope& envelope) {
    return envelope.MinX >= -180.0 && envelope.MaxX <= 180.0 && envelope.MinY >= -90.0 && envelope.MaxY <= 90.0;
}

InputError missing_crs_error(const std::string& path, const OGREnvelope& envelope,
                             const std::function<std::optional<geo::LonLatBox>()>& district) {
    const geo::LonLat centre{(envelope.MinX + envelope.MaxX) / 2, (envelope.MinY + envelope.MaxY) / 2};
    auto [zh, en] = missing_crs_message(path, centre, district ? district() : std::nullopt);
    return InputError(zh, en);
}

}  // namespace

VectorSource::VectorSource(const SourceOptions& options)
    : path_(options.path), name_(options.display_name.value_or(options.path)), district_(options.district) {
    register_drivers_once();
    open_dataset(options);
    choose_layer(options.layer);
    read_field_names();
    find_geometry_columns();
    set_up_transformation(options.s_srs);
    feature_count_ = OGR_L_GetFeatureCount(layer_, FALSE);
    OGR_L_ResetReading(layer_);
}

void VectorSource::open_dataset(const SourceOptions& options) {
    VSIStatBufL stat{};
    if (VSIStatL(path_.c_str(), &stat) != 0) {  // a file, or a member of an archive (/vsizip/…)
        throw InputError("找不到源文件 " + name_ + "。", "source file not found: " + name_);
    }
    CPLStringList open_options;
    if (GDALDriverH driver = GDALIdentifyDriverEx(path_.c_str(), GDAL_OF_VECTOR, nullptr, nullptr)) {
        driver_ = GDALGetDriverShortName(driver);
    }
    // A sheet whose cells are all text leaves GDAL guessing whether the first
    // row is a header; district sheets always have one. (GDAL 3.6 takes this
    // as a config option only.)
    CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", "FORCE");
    CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", "FORCE");
    if (options.encoding) {
        // The Shapefile driver recodes by itself (it also reads .cpg), and
        // the DXF driver (which otherwise follows $DWGCODEPAGE); for every
        // other driver we recode the strings we read.
        if (driver_ == "ESRI Shapefile") open_options.SetNameValue("ENCODING", options.encoding->c_str());
        else if (driver_ == "DXF") CPLSetThreadLocalConfigOption("DXF_ENCODING", options.encoding->c_str());
        else recode_from_ = *options.encoding;
    }
    CPLErrorReset();
    dataset_.reset(GDALOpenEx(path_.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options.List(), nullptr));
    if (!dataset_) {
        throw InputError("无法读取 " + name_ + "：不是 GDAL 能识别的矢量数据，或文件已损坏。（" + last_gdal_message() + "）",
                         "cannot read " + name_ + " as vector data: unknown format or damaged file (GDAL: " +
                             last_gdal_message() + ")");
    }
    driver_ = GDALGetDriverShortName(GDALGetDatasetDriver(dataset_.get()));
    if (is_cad_driver(driver_)) {
        CadParcels drawing = read_cad_parcels(dataset_.get(), name_, options.cad);
        dataset_ = std::move(drawing.dataset);
        drawing_note_ = std::move(drawing.note);
    }
    CPLSetThreadLocalConfigOption("DXF_ENCODING", nullptr);
}

void VectorSource::choose_layer(const std::optional<std::string>& wanted) {
    const int count = GDALDatasetGetLayerCount(dataset_.get());
    std::string names;
    for (int i = 0; i < count; ++i) {
        names += (i ? ", " : "") + std::string(OGR_L_GetName(GDALDatasetGetLayer(dataset_.get(), i)));
    }
    if (wanted) {
        layer_ = GDALDatasetGetLayerByName(dataset_.get(), wanted->c_str());
        if (!layer_) {
            throw InputError("源数据 " + name_ + " 中没有图层“" + *wanted + "”。现有图层：" + names,
                             "no layer '" + *wanted + "' in " + name_ + "; it has: " + names);
        }
    } else if (count == 1) {
        layer_ = GDALDatasetGetLayer(dataset_.get(), 0);
    } else if (count == 0) {
        throw InputError("源数据 " + name_ + " 没有图层。", name_ + " has no layers.");
    } else {
        throw InputError("源数据 " + name_ + " 有多个图层，请用 --layer 选择一个：" + names,
                         name_ + " has several layers; pick one with --layer: " + names);
    }
    layer_name_ = OGR_L_GetName(layer_);
}

void VectorSource::read_field_names() {
    OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer_);
    for (int i = 0; i < OGR_FD_GetFieldCount(definition); ++i) {
        field_names_.push_back(to_utf8(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, i)), "field name"));
    }
    has_geometry_field_ = OGR_FD_GetGeomFieldCount(definition) > 0;
}

void VectorSource::find_geometry_columns() {
    if (has_geometry_field_) return;
    // Spreadsheets and plain CSV carry geometry as WKT or lon/lat columns.
    // One way is used, in this order: WKT, lon and lat columns, one cell.
    wkt_field_ = find_column(field_names_, kWktColumns);
    if (wkt_field_ >= 0) return;
    lon_field_ = find_column(field_names_, kLonColumns);
    lat_field_ = find_column(field_names_, kLatColumns);
    if (lon_field_ >= 0 && lat_field_ >= 0) return;
    lon_field_ = lat_field_ = -1;
    point_field_ = find_column(field_names_, kPointColumns);
    if (point_field_ >= 0) return;
    throw InputError("源数据 " + name_ + " 没有几何：需要几何字段、WKT 列、经度/纬度 两列，或一列“坐标”（如 119.28,26.04）。",
                     name_ + " has no geometry: it needs a geometry field, a WKT column, lon/lat columns, or one "
                     "coordinate column (such as 坐标: 119.28,26.04).");
}

std::vector<std::string> VectorSource::geometry_column_names() const {
    std::vector<std::string> names;
    for (const int column : {wkt_field_, lon_field_, lat_field_, point_field_}) {
        if (column >= 0) names.push_back(field_names_[static_cast<std::size_t>(column)]);
    }
    return names;
}

std::optional<std::string> VectorSource::web_map_hint() const {
    if (!crs_assumed_) return std::nullopt;  // a CRS was declared or given
    for (const std::string& column : geometry_column_names()) {
        if (const auto datum = web_map_named_in(column)) {
            const std::string option = *datum == geo::WebDatum::bd09 ? "--s-srs BD09" : "--s-srs GCJ02";
            return zh_en("列“" + column + "”看来是" + std::string(geo::web_datum_label(*datum)) + "坐标，却按 WGS 84 读取了，"
                         "地块会偏移数百米：请加 " + option + " 重新导入。",
                         "column '" + column + "' looks like web-map coordinates but was read as WGS 84, which "
                         "misplaces parcels by hundreds of metres: import again with " + option + ".");
        }
    }
    return zh_en("坐标按 WGS 84（GPS、天地图）读取。若取自高德、腾讯地图，请加 --s-srs GCJ02；取自百度地图，请加 "
                 "--s-srs BD09，否则地块会偏移 500–1 200 米。",
                 "coordinates were read as WGS 84 (GPS, Tianditu). If they were picked on AMap or Tencent maps add "
                 "--s-srs GCJ02, on Baidu maps --s-srs BD09; otherwise parcels land 500–1 200 m off.");
}

void VectorSource::set_up_transformation(const std::optional<std::string>& s_srs) {
    SpatialReferencePtr source;
    if (s_srs && (web_datum_ = geo::web_datum_named(*s_srs))) {
        // Lon/lat like WGS 84, shifted: no PROJ transformation, each vertex is
        // moved back in geometry().
        crs_note_ = std::string(geo::web_datum_label(*web_datum_)) + " → WGS 84 (--s-srs)";
        return;
    }
    if (s_srs && s_srs->starts_with("+proj=pipeline")) {
        set_up_pipeline(*s_srs);
        return;
    }
    if (s_srs) {
        source.reset(OSRNewSpatialReference(nullptr));
        if (OSRSetFromUserInput(source.get(), s_srs->c_str()) != OGRERR_NONE) {
            throw UsageError("无法识别的坐标系 --s-srs " + *s_srs + "，请写成 EPSG:4547 这样的代码；高德、腾讯坐标用 GCJ02，百度坐标用 BD09。",
                             "unrecognised CRS --s-srs " + *s_srs + "; write a code such as EPSG:4547, or GCJ02 (AMap, Tencent) or BD09 (Baidu).");
        }
        crs_note_ = describe_crs(source.get()) + " (--s-srs)";
    } else if (OGRSpatialReferenceH declared = has_geometry_field_ ? OGR_L_GetSpatialRef(layer_) : nullptr) {
        source.reset(OSRClone(declared));
        crs_note_ = describe_crs(source.get()) + " (声明于源数据 declared by the source)";
    } else {
        crs_assumed_ = true;
        crs_note_ = "未声明，按经纬度 EPSG:4326 读取 (none declared: read as lon/lat, EPSG:4326)";
        OGREnvelope extent{};
        if (has_geometry_field_ && OGR_L_GetExtent(layer_, &extent, TRUE) == OGRERR_NONE && !within_lon_lat(extent)) {
            throw missing_crs_error(name_, extent, district_);
        }
        return;
    }
    SpatialReferencePtr target(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(target.get(), 4326);
    OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
    if (OSRIsSame(source.get(), target.get())) return;
    CPLErrorReset();
    transformation_.reset(OCTNewCoordinateTransformation(source.get(), target.get()));
    if (!transformation_) {
        throw InputError("无法从 " + crs_note_ + " 转换到 EPSG:4326：" + last_gdal_message(),
                         "cannot transform from " + crs_note_ + " to EPSG:4326: " + last_gdal_message());
    }
}

// A city grid (城建坐标) is a local plane tied to a Gauss-Krüger zone by a
// 4-parameter transform; PROJ's pipeline (an affine step, then the zone's
// inverse tmerc) takes it to lon/lat. README's "City grids" has an example.
void VectorSource::set_up_pipeline(const std::string& pipeline) {
    OGRCoordinateTransformationOptionsH options = OCTNewCoordinateTransformationOptions();
    OCTCoordinateTransformationOptionsSetOperation(options, pipeline.c_str(), FALSE);
    CPLErrorReset();
    transformation_.reset(OCTNewCoordinateTransformationEx(nullptr, nullptr, options));
    OCTDestroyCoordinateTransformationOptions(options);
    if (!transformation_) {
        throw UsageError("无法使用 --s-srs 给出的 PROJ 管线：" + last_gdal_message(),
                         "the PROJ pipeline given as --s-srs cannot be used: " + last_gdal_message());
    }
    crs_note_ = "PROJ 管线 pipeline → 经纬度 lon/lat (--s-srs)";
    pipeline_ = true;
}

std::string VectorSource::to_utf8(const char* raw, const char* what) const {
    if (!raw) return {};
    if (!recode_from_.empty()) {
        char* recoded = CPLRecode(raw, recode_from_.c_str(), CPL_ENC_UTF8);
        std::string text = recoded ? recoded : "";
        CPLFree(recoded);
        return text;
    }
    if (!CPLIsUTF8(raw, -1)) {
        throw InputError("源数据 " + name_ + " 的" + (std::string(what) == "field name" ? "字段名" : "字段值") +
                             "不是 UTF-8：文件可能是 GBK 编码（常见于没有 .cpg 的 Shapefile），请加 --encoding GBK。",
                         std::string(what) + " in " + name_ + " is not UTF-8: the file is probably GBK-encoded "
                         "(common for a Shapefile without .cpg); add --encoding GBK.");
    }
    return raw;
}

bool VectorSource::next() {
    CPLErrorReset();
    feature_.reset(OGR_L_GetNextFeature(layer_));
    if (CPLGetLastErrorType() >= CE_Failure) {
        const std::string where = feature_ ? std::to_string(OGR_F_GetFID(feature_.get())) : "?";
        throw InputError("读取 " + name_ + " 的要素 " + where + " 时出错，文件可能已损坏：" + last_gdal_message(),
                         "error reading feature " + where + " of " + name_ + ", the file may be damaged: " +
                             last_gdal_message());
    }
    return feature_ != nullptr;
}

std::int64_t VectorSource::feature_id() const { return OGR_F_GetFID(feature_.get()); }

std::string VectorSource::text(int field) const {
    OGRFeatureH feature = feature_.get();
    if (!OGR_F_IsFieldSetAndNotNull(feature, field)) return {};
    const OGRFieldType type = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(feature, field));
    if (type == OFTDate || type == OFTDateTime) {
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, zone = 0;
        float second = 0;
        OGR_F_GetFieldAsDateTimeEx(feature, field, &year, &month, &day, &hour, &minute, &second, &zone);
        char iso[32];
        std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
        return iso;
    }
    // Numbers as the shortest text that reads back as the same value. GDAL's
    // own text ("%.15g", through its printf) costs more than the rest of the
    // row's conversion, and can round away the last digits.
    char number[32];
    if (type == OFTReal) {
        const auto written = std::to_chars(number, number + sizeof number, OGR_F_GetFieldAsDouble(feature, field));
        return {number, written.ptr};
    }
    if (type == OFTInteger || type == OFTInteger64) {
        const auto written = std::to_chars(number, number + sizeof number, OGR_F_GetFieldAsInteger64(feature, field));
        return {number, written.ptr};
    }
    return to_utf8(OGR_F_GetFieldAsString(feature, field), "field value");
}

GeometryPtr VectorSource::geometry_from_columns() {
    OGRGeometryH geometry = nullptr;
    if (wkt_field_ >= 0) {
        const std::string wkt = trim(text(wkt_field_));
        if (wkt.empty()) return nullptr;
        char* cursor = const_cast<char*>(wkt.c_str());  // the C API takes char** but does not write
        if (OGR_G_CreateFromWkt(&cursor, nullptr, &geometry) != OGRERR_NONE) {
            throw ValueError(zh_en("WKT 无法解析", "WKT cannot be parsed"));
        }
        return GeometryPtr(geometry);
    }
    std::optional<CellPoint> point;
    if (point_field_ >= 0) {
        point = parse_coordinate_cell(text(point_field_));
    } else {
        const auto lon = parse_degrees(text(lon_field_));
        const auto lat = parse_degrees(text(lat_field_));
        if (lon && lat) {
            point = order_lon_lat(*lon, *lat);
            if (point->lat_first) swapped_rows_.fetch_add(1, std::memory_order_relaxed);
        }
    }
    if (!point) return nullptr;
    geometry = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(geometry, 0, point->point.lon, point->point.lat);
    return GeometryPtr(geometry);
}

GeometryPtr VectorSource::geometry() {
    GeometryPtr geometry = has_geometry_field_ ? GeometryPtr(OGR_F_StealGeometry(feature_.get())) : geometry_from_columns();
    if (!geometry || OGR_G_IsEmpty(geometry.get())) return geometry;
    if (web_datum_) to_wgs84(geometry.get(), *web_datum_);
    if (transformation_ && OGR_G_Transform(geometry.get(), transformation_.get()) != OGRERR_NONE) {
        throw ValueError(zh_en("坐标无法转换到 EPSG:4326，坐标系可能不对", "coordinates cannot be transformed to "
                                                                           "EPSG:4326; the CRS may be wrong"));
    }
    OGREnvelope envelope{};
    OGR_G_GetEnvelope(geometry.get(), &envelope);
    if (pipeline_ && std::fabs(envelope.MaxX) <= M_PI && std::fabs(envelope.MaxY) <= M_PI / 2) {
        throw ValueError(zh_en("PROJ 管线输出的像是弧度：在管线末尾加 +step +proj=unitconvert +xy_in=rad +xy_out=deg",
                               "the PROJ pipeline seems to give radians: end it with +step +proj=unitconvert "
                               "+xy_in=rad +xy_out=deg"));
    }
    if (!within_lon_lat(envelope)) {
        if (crs_assumed_) throw missing_crs_error(name_, envelope, district_);
        throw ValueError(zh_en("坐标换算后超出经纬度范围，坐标系可能不对（检查 --s-srs）",
                               "coordinates fall outside lon/lat range after reprojection; the CRS may be wrong "
                               "(check --s-srs)"));
    }
    if (!within_china(envelope)) {
        char where[64];
        std::snprintf(where, sizeof where, "%.4f, %.4f", envelope.MinX, envelope.MinY);
        throw ValueError(zh_en(std::string("坐标落在中国境外（") + where + "），坐标系可能不对（检查 --s-srs）",
                               std::string("coordinates fall outside China (") + where +
                                   "); the CRS may be wrong (check --s-srs)"));
    }
    return geometry;
}

}  // namespace investmap::importers
