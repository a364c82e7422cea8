// investmap-generate-district: writes a district of N parcels the way
// districts hand them over — Chinese field names, Chinese labels, a
// Gauss-Krüger CRS, a GeoPackage or a GBK Shapefile — for tests and the
// benchmark. Industrial parks are laid out from the district centre outwards;
// with --within they stay inside a boundary (the sample district).
//
//   investmap-generate-district --parcels 100000 --out district.gpkg
//   investmap-generate-district --parcels 300 --within boundary.geojson \
//       --srs EPSG:4326 --out parcels.geojson --context-dir context/
#include <CLI/CLI.hpp>
#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Options {
    long parcels = 1000;
    std::string out;
    std::string srs = "EPSG:4549";  // CGCS2000 3-degree Gauss-Krüger, CM 120°E (Fuzhou)
    std::string within;
    std::string context_dir;
    unsigned seed = 42;
};

constexpr double kCentreLon = 119.285;  // Cangshan District, Fuzhou
constexpr double kCentreLat = 26.035;
constexpr double kMetresPerDegreeLat = 111320.0;
constexpr double kParkSpacingM = 2400.0;
constexpr long kMaxParcelsPerPark = 300;  // a big district: many full parks
constexpr long kMinParks = 8;               // a small one: still several parks

const std::array<const char*, 16> kParkNames = {
    "金山工业区", "盖山投资区", "建新工业园", "城门科创园", "螺洲智造园", "红星物流园", "南江滨商务区", "下渡科技园",
    "仓前数字产业园", "对湖产业园", "临江创业园", "东升工业集中区", "林浦港产业园", "阳岐文创园", "湾边智能制造园", "浦下商务港"};
const std::array<const char*, 8> kSurnames = {"陈", "林", "黄", "郑", "王", "张", "李", "吴"};
const std::array<const char*, 6> kRoads = {"金山大道", "浦上大道", "盘屿路", "福峡路", "建新北路", "南江滨西大道"};

struct Park {
    std::string name;
    double lon;
    double lat;
    double angle;  // radians: parks are not all aligned north
    int columns;
};

class Random {
public:
    explicit Random(unsigned seed) : engine_(seed) {}
    double uniform(double low, double high) { return std::uniform_real_distribution<double>(low, high)(engine_); }
    int integer(int low, int high) { return std::uniform_int_distribution<int>(low, high)(engine_); }
    bool chance(double p) { return uniform(0, 1) < p; }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& items) { return items[static_cast<std::size_t>(integer(0, N - 1))]; }
    // Picks an index by weight.
    std::size_t weighted(std::initializer_list<double> weights) {
        double roll = uniform(0, 1), total = 0;
        std::size_t i = 0;
        for (double w : weights) {
            total += w;
            if (roll < total) return i;
            ++i;
        }
        return i - 1;
    }

private:
    std::mt19937 engine_;
};

double metres_per_degree_lon(double lat) { return kMetresPerDegreeLat * std::cos(lat * std::numbers::pi / 180.0); }

// lon/lat of a point `east`/`north` metres from the park centre, rotated with the park.
std::array<double, 2> offset(const Park& park, double east, double north) {
    const double x = east * std::cos(park.angle) - north * std::sin(park.angle);
    const double y = east * std::sin(park.angle) + north * std::cos(park.angle);
    return {park.lon + x / metres_per_degree_lon(park.lat), park.lat + y / kMetresPerDegreeLat};
}

void collect_polygons(OGRGeometryH geometry, std::vector<OGRGeometryH>& polygons) {
    if (wkbFlatten(OGR_G_GetGeometryType(geometry)) == wkbPolygon) {
        polygons.push_back(OGR_G_Clone(geometry));
        return;
    }
    for (int i = 0; i < OGR_G_GetGeometryCount(geometry); ++i) collect_polygons(OGR_G_GetGeometryRef(geometry, i), polygons);
}

// The boundary's polygons (township files hold GeometryCollections).
std::vector<OGRGeometryH> load_boundary(const std::string& path) {
    GDALDatasetH dataset = GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
    if (!dataset) throw std::runtime_error("cannot open " + path);
    std::vector<OGRGeometryH> polygons;
    OGRLayerH layer = GDALDatasetGetLayer(dataset, 0);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
        if (OGRGeometryH geometry = OGR_F_GetGeometryRef(feature)) collect_polygons(geometry, polygons);
        OGR_F_Destroy(feature);
    }
    GDALClose(dataset);
    return polygons;
}

bool inside(const std::vector<OGRGeometryH>& boundary, double lon, double lat) {
    if (boundary.empty()) return true;
    OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
    OGR_G_SetPoint_2D(point, 0, lon, lat);
    const bool result = std::ranges::any_of(boundary, [&](OGRGeometryH polygon) { return OGR_G_Contains(polygon, point); });
    OGR_G_DestroyGeometry(point);
    return result;
}

// Parks on a grid, nearest the centre first, each inside the boundary if given.
std::vector<Park> lay_out_parks(long parcels, const std::vector<OGRGeometryH>& boundary, Random& random) {
    const int wanted = static_cast<int>(std::min(parcels, std::max(kMinParks, (parcels + kMaxParcelsPerPark - 1) / kMaxParcelsPerPark)));
    struct Cell { int i, j; double distance; };
    std::vector<Cell> cells;
    const int reach = static_cast<int>(std::ceil(std::sqrt(wanted * 4.0))) + 6;
    for (int i = -reach; i <= reach; ++i)
        for (int j = -reach; j <= reach; ++j) cells.push_back({i, j, std::hypot(i, j)});
    std::ranges::sort(cells, {}, &Cell::distance);
    std::vector<Park> parks;
    for (const Cell& cell : cells) {
        if (static_cast<int>(parks.size()) == wanted) break;
        const double lat = kCentreLat + (cell.j * kParkSpacingM + random.uniform(-300, 300)) / kMetresPerDegreeLat;
        const double lon = kCentreLon + (cell.i * kParkSpacingM + random.uniform(-300, 300)) / metres_per_degree_lon(lat);
        if (!inside(boundary, lon, lat)) continue;
        std::string name = kParkNames[parks.size() % kParkNames.size()];
        if (parks.size() >= kParkNames.size()) name += std::to_string(parks.size() / kParkNames.size() + 1) + "期";
        parks.push_back({name, lon, lat, random.uniform(-0.5, 0.5), random.integer(12, 18)});
    }
    if (parks.empty()) throw std::runtime_error("no room for parks inside the boundary");
    return parks;
}

struct Columns {
    int code, name, kind, status, land_use, area_mu, floor_area, height, load, power, rent, price, available, park,
        address, contact, phone, description;
};

OGRLayerH create_parcel_layer(GDALDatasetH dataset, OGRSpatialReferenceH srs, bool shapefile, Columns& c) {
    CPLStringList options;
    if (shapefile) options.SetNameValue("ENCODING", "CP936");  // GBK, as district shapefiles are
    // GeoJSON in lon/lat: 7 decimals is 1 cm, and keeps the committed sample small.
    if (OSRIsGeographic(srs)) options.SetNameValue("COORDINATE_PRECISION", "7");
    OGRLayerH layer = GDALDatasetCreateLayer(dataset, "parcels", srs, wkbUnknown, options.List());
    if (!layer) throw std::runtime_error(std::string("cannot create layer: ") + CPLGetLastErrorMsg());
    int next = 0;
    auto add = [&](const char* name, OGRFieldType type) {
        OGRFieldDefnH field = OGR_Fld_Create(name, type);
        if (type == OFTString) OGR_Fld_SetWidth(field, 80);
        OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        return next++;
    };
    c = {add("地块编号", OFTString), add("名称", OFTString), add("类型", OFTString), add("状态", OFTString),
         add("用地性质", OFTString), add("面积_亩", OFTReal), add("建筑面积", OFTReal), add("层高", OFTReal),
         add("荷载", OFTReal), add("电力容量", OFTReal), add("租金", OFTReal), add("地价", OFTReal),
         add("可用日期", OFTString), add("园区", OFTString), add("地址", OFTString), add("联系人", OFTString),
         add("联系电话", OFTString), add("简介", OFTString)};
    return layer;
}

OGRGeometryH quad(const Park& park, double east, double north, double width, double depth, Random& random) {
    OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
    const std::array<std::array<double, 2>, 4> corners{{{0, 0}, {width, 0}, {width, depth}, {0, depth}}};
    for (const auto& corner : corners) {
        const auto [lon, lat] = offset(park, east + corner[0] + random.uniform(-4, 4), north + corner[1] + random.uniform(-4, 4));
        OGR_G_AddPoint_2D(ring, lon, lat);
    }
    const auto [lon, lat] = std::array<double, 2>{OGR_G_GetX(ring, 0), OGR_G_GetY(ring, 0)};
    OGR_G_AddPoint_2D(ring, lon, lat);
    OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
    OGR_G_AddGeometryDirectly(polygon, ring);
    return polygon;
}

// A slot's cell in its park's grid, in metres east and north of the centre.
std::array<double, 2> slot_origin(const Park& park, int slot) {
    const int row = slot / park.columns, column = slot % park.columns;
    return {(column - park.columns / 2.0) * 110.0, (row - 8) * 95.0};
}

// With a boundary, a slot is used only when its whole cell lies inside.
bool slot_inside(const Park& park, int slot, const std::vector<OGRGeometryH>& boundary) {
    const auto [east, north] = slot_origin(park, slot);
    for (const auto& [de, dn] : std::array<std::array<double, 2>, 4>{{{0, 0}, {110, 0}, {110, 95}, {0, 95}}}) {
        const auto [lon, lat] = offset(park, east + de, north + dn);
        if (!inside(boundary, lon, lat)) return false;
    }
    return true;
}

// Offices are points, except in a Shapefile (one geometry type a file),
// where they are the building's footprint.
void write_parcel(OGRLayerH layer, const Columns& c, const Park& park, long serial, int slot, bool points_allowed,
                  OGRCoordinateTransformationH transform, Random& random) {
    static const std::array<const char*, 6> statuses = {"闲置可招商", "在谈", "已预留", "已签约", "已落地", "暂不招商"};
    const int row = slot / park.columns, column = slot % park.columns;
    const auto [east, north] = slot_origin(park, slot);
    const std::size_t kind = random.weighted({0.55, 0.30, 0.15});
    OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
    char code[32];
    std::snprintf(code, sizeof code, "CS-%06ld", serial);
    OGR_F_SetFieldString(feature, c.code, code);
    OGR_F_SetFieldString(feature, c.status, statuses[random.weighted({0.58, 0.15, 0.05, 0.08, 0.08, 0.06})]);
    OGR_F_SetFieldString(feature, c.park, park.name.c_str());
    OGR_F_SetFieldString(feature, c.address, (std::string("福州市仓山区") + random.pick(kRoads) + std::to_string(random.integer(1, 399)) + "号").c_str());
    OGR_F_SetFieldString(feature, c.contact, (std::string(random.pick(kSurnames)) + "先生").c_str());
    OGR_F_SetFieldString(feature, c.phone, ("0591-8" + std::to_string(random.integer(1000000, 9999999))).c_str());
    if (random.chance(0.7)) {
        char date[16];
        std::snprintf(date, sizeof date, "%d年%d月", random.integer(2026, 2028), random.integer(1, 12));
        OGR_F_SetFieldString(feature, c.available, date);
    }
    OGRGeometryH geometry = nullptr;
    if (kind == 0) {  // land
        const double width = random.uniform(50, 100), depth = random.uniform(45, 85);
        geometry = quad(park, east, north, width, depth, random);
        OGR_F_SetFieldString(feature, c.kind, "土地");
        OGR_F_SetFieldString(feature, c.name, (park.name + std::to_string(row + 1) + "-" + std::to_string(column + 1) + "号地块").c_str());
        OGR_F_SetFieldString(feature, c.land_use, random.pick(std::array<const char*, 6>{"M1", "M1", "M2", "二类工业用地", "W1", "M0"}));
        OGR_F_SetFieldDouble(feature, c.area_mu, std::round(width * depth * 0.0015 * 100) / 100);
        OGR_F_SetFieldDouble(feature, c.power, random.pick(std::array<double, 5>{315, 630, 1250, 2000, 4000}));
        OGR_F_SetFieldDouble(feature, c.price, std::round(random.uniform(18, 60)));
        OGR_F_SetFieldString(feature, c.description, "净地，三通一平，可按需分割出让。");
    } else if (kind == 1) {  // factory
        const double width = random.uniform(40, 80), depth = random.uniform(25, 50);
        geometry = quad(park, east + 5, north + 5, width, depth, random);
        OGR_F_SetFieldString(feature, c.kind, "厂房");
        OGR_F_SetFieldString(feature, c.name, (park.name + std::to_string(row * park.columns + column + 1) + "号标准厂房").c_str());
        OGR_F_SetFieldString(feature, c.land_use, random.chance(0.8) ? "M1" : "M2");
        OGR_F_SetFieldDouble(feature, c.floor_area, std::round(width * depth * random.integer(1, 4)));
        OGR_F_SetFieldDouble(feature, c.height, random.pick(std::array<double, 5>{4.5, 6, 8, 9, 12}));
        OGR_F_SetFieldDouble(feature, c.load, random.pick(std::array<double, 4>{5, 8, 10, 15}));
        OGR_F_SetFieldDouble(feature, c.power, random.pick(std::array<double, 5>{250, 400, 630, 1000, 1600}));
        OGR_F_SetFieldDouble(feature, c.rent, std::round(random.uniform(12, 30) * 10) / 10);
        OGR_F_SetFieldString(feature, c.description, "单层钢结构厂房，配货梯，可办环评。");
    } else {  // office floor
        if (points_allowed) {
            const auto [lon, lat] = offset(park, east + 40, north + 40);
            geometry = OGR_G_CreateGeometry(wkbPoint);
            OGR_G_SetPoint_2D(geometry, 0, lon, lat);
        } else {
            geometry = quad(park, east + 25, north + 25, 30, 30, random);
        }
        OGR_F_SetFieldString(feature, c.kind, "楼宇");
        OGR_F_SetFieldString(feature, c.name, (park.name + "商务中心 " + std::to_string(random.integer(2, 30)) + "F").c_str());
        OGR_F_SetFieldString(feature, c.land_use, "B2");
        OGR_F_SetFieldDouble(feature, c.floor_area, std::round(random.uniform(200, 2500)));
        OGR_F_SetFieldDouble(feature, c.height, 3.6);
        OGR_F_SetFieldDouble(feature, c.power, 100);
        OGR_F_SetFieldDouble(feature, c.rent, std::round(random.uniform(35, 90)));
        OGR_F_SetFieldString(feature, c.description, "甲级写字楼，精装修，近地铁。");
    }
    if (transform) OGR_G_Transform(geometry, transform);
    OGR_F_SetGeometryDirectly(feature, geometry);
    if (OGR_L_CreateFeature(layer, feature) != OGRERR_NONE) {
        throw std::runtime_error(std::string("cannot write feature: ") + CPLGetLastErrorMsg());
    }
    OGR_F_Destroy(feature);
}

GDALDatasetH create_dataset(const std::string& path) {
    const std::string extension = std::filesystem::path(path).extension().string();
    const char* driver_name = extension == ".gpkg" ? "GPKG" : extension == ".shp" ? "ESRI Shapefile"
                            : extension == ".geojson" || extension == ".json" ? "GeoJSON" : nullptr;
    if (!driver_name) throw std::runtime_error("output must end in .gpkg, .shp or .geojson");
    std::filesystem::remove(path);
    GDALDriverH driver = GDALGetDriverByName(driver_name);
    GDALDatasetH dataset = GDALCreate(driver, path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!dataset) throw std::runtime_error("cannot create " + path + ": " + CPLGetLastErrorMsg());
    return dataset;
}

void write_context(const std::string& directory, const std::vector<Park>& parks, const std::vector<int>& rows_used,
                   Random& random) {
    std::filesystem::create_directories(directory);
    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(wgs84, 4326);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    auto layer_file = [&](const std::string& name, OGRwkbGeometryType type, auto&& fill) {
        GDALDatasetH dataset = create_dataset(directory + "/" + name + ".geojson");
        CPLStringList layer_options;
        layer_options.SetNameValue("COORDINATE_PRECISION", "7");
        OGRLayerH layer = GDALDatasetCreateLayer(dataset, name.c_str(), wgs84, type, layer_options.List());
        OGRFieldDefnH field = OGR_Fld_Create("name", OFTString);
        OGR_L_CreateField(layer, field, TRUE);
        OGR_Fld_Destroy(field);
        auto add = [&](const std::string& label, OGRGeometryH geometry) {
            OGRFeatureH feature = OGR_F_Create(OGR_L_GetLayerDefn(layer));
            OGR_F_SetFieldString(feature, 0, label.c_str());
            OGR_F_SetGeometryDirectly(feature, geometry);
            if (OGR_L_CreateFeature(layer, feature) != OGRERR_NONE) throw std::runtime_error(CPLGetLastErrorMsg());
            OGR_F_Destroy(feature);
        };
        fill(add);
        GDALClose(dataset);
    };
    // Parks and streets follow the rows each park really filled.
    const auto extent = [&](std::size_t i) {
        const int rows = (rows_used[i] + parks[i].columns - 1) / parks[i].columns;
        return std::array<double, 4>{-parks[i].columns * 55.0 - 30, -8 * 95.0 - 20, parks[i].columns * 55.0 + 30,
                                     (rows - 8) * 95.0 + 20};  // west, south, east, north in metres
    };
    layer_file("parks", wkbPolygon, [&](auto&& add) {
        for (std::size_t i = 0; i < parks.size(); ++i) {
            const auto [west, south, east, north] = extent(i);
            Random exact(0);
            add(parks[i].name, quad(parks[i], west, south, east - west, north - south, exact));
        }
    });
    const auto street = [](const Park& park, double e0, double n0, double e1, double n1) {
        OGRGeometryH line = OGR_G_CreateGeometry(wkbLineString);
        for (const auto& [east, north] : std::array<std::array<double, 2>, 2>{{{e0, n0}, {e1, n1}}}) {
            const auto [lon, lat] = offset(park, east, north);
            OGR_G_AddPoint_2D(line, lon, lat);
        }
        return line;
    };
    layer_file("roads", wkbLineString, [&](auto&& add) {
        for (std::size_t i = 0; i < parks.size(); ++i) {
            const auto [west, south, east, north] = extent(i);
            for (double y = south; y <= north; y += 95.0) add(parks[i].name + "园区路", street(parks[i], west, y - 2, east, y - 2));
            add(parks[i].name + "中路", street(parks[i], 0, south, 0, north));
        }
        for (std::size_t i = 1; i < parks.size(); ++i) {  // each park joins its nearest earlier neighbour
            std::size_t nearest = 0;
            for (std::size_t j = 1; j < i; ++j) {
                if (std::hypot(parks[j].lon - parks[i].lon, parks[j].lat - parks[i].lat) <
                    std::hypot(parks[nearest].lon - parks[i].lon, parks[nearest].lat - parks[i].lat)) nearest = j;
            }
            const auto middle = [&](std::size_t k) {
                const auto [west, south, east, north] = extent(k);
                return offset(parks[k], 0, (south + north) / 2);
            };
            const auto [from_lon, from_lat] = middle(nearest);
            const auto [to_lon, to_lat] = middle(i);
            OGRGeometryH line = OGR_G_CreateGeometry(wkbLineString);
            OGR_G_AddPoint_2D(line, from_lon, from_lat);
            OGR_G_AddPoint_2D(line, to_lon, from_lat);  // an L of two straight roads
            OGR_G_AddPoint_2D(line, to_lon, to_lat);
            add(kRoads[i % kRoads.size()], line);
        }
    });
    layer_file("water", wkbPolygon, [&](auto&& add) {
        for (std::size_t i = 0; i < std::max<std::size_t>(2, parks.size() / 3); ++i) {
            const Park& near = parks[static_cast<std::size_t>(random.integer(0, static_cast<int>(parks.size()) - 1))];
            Park pond{"", near.lon, near.lat, random.uniform(0, 3), 0};
            OGRGeometryH ring = OGR_G_CreateGeometry(wkbLinearRing);
            const double radius = random.uniform(80, 220), east = random.uniform(-1200, 1200), north = 1100;
            for (int step = 0; step <= 24; ++step) {
                const double a = (step % 24) * std::numbers::pi / 12;
                const auto [lon, lat] = offset(pond, east + 1.6 * radius * std::cos(a), north + radius * std::sin(a));
                OGR_G_AddPoint_2D(ring, lon, lat);
            }
            OGRGeometryH polygon = OGR_G_CreateGeometry(wkbPolygon);
            OGR_G_AddGeometryDirectly(polygon, ring);
            add(i == 0 ? "白湖亭湖" : "内河景观湖" + std::to_string(i), polygon);
        }
    });
    OSRRelease(wgs84);
}

void generate(const Options& options) {
    GDALAllRegister();
    Random random(options.seed);
    const std::vector<OGRGeometryH> boundary = options.within.empty() ? std::vector<OGRGeometryH>{} : load_boundary(options.within);
    const std::vector<Park> parks = lay_out_parks(options.parcels, boundary, random);

    OGRSpatialReferenceH wgs84 = OSRNewSpatialReference(nullptr), target = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(wgs84, 4326);
    if (OSRSetFromUserInput(target, options.srs.c_str()) != OGRERR_NONE) throw std::runtime_error("bad --srs " + options.srs);
    OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(target, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH transform = OSRIsSame(wgs84, target) ? nullptr : OCTNewCoordinateTransformation(wgs84, target);

    GDALDatasetH dataset = create_dataset(options.out);
    Columns columns{};
    const bool shapefile = options.out.ends_with(".shp");
    OGRLayerH layer = create_parcel_layer(dataset, target, shapefile, columns);
    GDALDatasetStartTransaction(dataset, FALSE);
    std::vector<int> next_slot(parks.size(), 0);
    for (long serial = 1; serial <= options.parcels; ++serial) {
        const std::size_t park = static_cast<std::size_t>((serial - 1) % static_cast<long>(parks.size()));
        int slot = next_slot[park]++;
        while (!slot_inside(parks[park], slot, boundary)) {
            if (slot > 100000) throw std::runtime_error("park " + parks[park].name + " has no room inside the boundary");
            slot = next_slot[park]++;
        }
        write_parcel(layer, columns, parks[park], serial, slot, !shapefile, transform, random);
    }
    GDALDatasetCommitTransaction(dataset);
    for (OGRGeometryH polygon : boundary) OGR_G_DestroyGeometry(polygon);
    GDALClose(dataset);
    if (!options.context_dir.empty()) write_context(options.context_dir, parks, next_slot, random);
    if (transform) OCTDestroyCoordinateTransformation(transform);
    OSRRelease(wgs84);
    OSRRelease(target);
    std::cout << "生成 generated " << options.parcels << " 地块 parcels in " << parks.size() << " 园区 parks → "
              << options.out << " (" << options.srs << ")\n";
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{"生成测试用的区县地块数据 generate a district of N parcels for tests and the benchmark"};
    app.add_option("--parcels", options.parcels, "地块数 number of parcels")->check(CLI::Range(1L, 5000000L));
    app.add_option("--out", options.out, "输出 output .gpkg, .shp (GBK, like district files) or .geojson")->required();
    app.add_option("--srs", options.srs, "输出坐标系 output CRS (default CGCS2000 GK CM 120E)");
    app.add_option("--within", options.within, "园区须落在此边界内 keep parks inside this boundary");
    app.add_option("--context-dir", options.context_dir, "同时写出道路、园区、水系 also write roads, parks, water here");
    app.add_option("--seed", options.seed, "随机种子 random seed");
    CLI11_PARSE(app, argc, argv);
    try {
        generate(options);
    } catch (const std::exception& error) {
        std::cerr << "错误 error: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
