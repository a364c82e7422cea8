#include "importers/crs_guess.hpp"

#include "importers/gdal_handles.hpp"
#include "store/sqlite.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace investmap::importers {
namespace {

// EPSG's CGCS2000 Gauss-Krüger systems (the ones Chinese surveys deliver):
// 3-degree zones 25–45 with the zone number before the easting are
// EPSG:4513–4533, the same zones without it (CM 75°E–135°E) EPSG:4534–4554;
// 6-degree zones 13–23 with the prefix EPSG:4491–4501.
constexpr int kThreeDegreePrefixed = 4513;  // zone 25
constexpr int kThreeDegreePlain = 4534;     // CM 75°E
constexpr int kSixDegreePrefixed = 4491;    // zone 13
constexpr int kWebMercator = 3857;
constexpr double kDistrictMargin = 0.2;     // degrees: a parcel just outside the drawn boundary still counts

bool in_china(geo::LonLat point) { return geo::contains(geo::kChinaBox, point); }

bool in_box(geo::LonLat point, const geo::LonLatBox& box) {
    const double m = kDistrictMargin;
    return geo::contains({box.west - m, box.south - m, box.east + m, box.north + m}, point);
}

// (x, y) in EPSG:`epsg` as lon/lat, or nullopt when PROJ cannot say.
std::optional<geo::LonLat> lon_lat_from(int epsg, geo::LonLat xy, std::string& name) {
    SpatialReferencePtr source(OSRNewSpatialReference(nullptr));
    SpatialReferencePtr target(OSRNewSpatialReference(nullptr));
    if (OSRImportFromEPSG(source.get(), epsg) != OGRERR_NONE || OSRImportFromEPSG(target.get(), 4326) != OGRERR_NONE) {
        return std::nullopt;
    }
    OSRSetAxisMappingStrategy(source.get(), OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
    TransformationPtr transformation(OCTNewCoordinateTransformation(source.get(), target.get()));
    if (!transformation) return std::nullopt;
    double x = xy.lon;
    double y = xy.lat;
    if (!OCTTransform(transformation.get(), 1, &x, &y, nullptr) || !std::isfinite(x) || !std::isfinite(y)) {
        return std::nullopt;
    }
    if (const char* srs_name = OSRGetName(source.get())) name = srs_name;
    return geo::LonLat{x, y};
}

// The systems (x, y) could be in, judged by the numbers alone.
std::vector<int> plausible_codes(geo::LonLat xy) {
    std::vector<int> codes;
    const double easting = xy.lon;
    const double northing = xy.lat;
    if (northing < 0 || northing > 7'000'000) return codes;
    const auto zone = static_cast<int>(std::floor(easting / 1'000'000));
    const double within_zone = easting - zone * 1'000'000.0;
    const bool gk_easting = within_zone > 100'000 && within_zone < 900'000;
    if (gk_easting && zone >= 25 && zone <= 45) codes.push_back(kThreeDegreePrefixed + zone - 25);
    if (gk_easting && zone >= 13 && zone <= 23) codes.push_back(kSixDegreePrefixed + zone - 13);
    if (gk_easting && zone == 0) {
        for (int k = 0; k <= 20; ++k) codes.push_back(kThreeDegreePlain + k);
    }
    if (std::fabs(easting) <= 20'037'508.35) codes.push_back(kWebMercator);
    return codes;
}

std::string listed(const std::vector<CrsCandidate>& candidates, const char* separator) {
    std::string list;
    for (const CrsCandidate& candidate : candidates) {
        list += (list.empty() ? "" : separator) + ("EPSG:" + std::to_string(candidate.epsg)) + " (" + candidate.name + ")";
    }
    return list;
}

}  // namespace

CrsGuess guess_crs(geo::LonLat xy, const std::optional<geo::LonLatBox>& district) {
    CrsGuess guess;
    if (in_china({xy.lat, xy.lon}) && !in_china(xy)) {
        guess.swapped_lon_lat = true;
        return guess;
    }
    const std::vector<int> codes = plausible_codes(xy);
    for (const int epsg : codes) {
        std::string name;
        const auto point = lon_lat_from(epsg, xy, name);
        if (!point || !in_china(*point) || (district && !in_box(*point, *district))) continue;
        guess.candidates.push_back({epsg, name});
    }
    // Without a prefix every zone's result lies somewhere in China: naming
    // them all would say nothing. Only the district can choose.
    const bool plain_zones = codes.size() > 3;
    if (plain_zones && !district) {
        guess.zone_unknown = true;
        guess.candidates.clear();
    }
    return guess;
}

std::pair<std::string, std::string> missing_crs_message(const std::string& path, geo::LonLat xy,
                                                        const std::optional<geo::LonLatBox>& district) {
    char where[64];
    std::snprintf(where, sizeof where, "(%.10g, %.10g)", xy.lon, xy.lat);
    std::string zh = "源数据 " + path + " 没有坐标系，坐标 " + where + " 也不是经纬度。";
    std::string en = "source " + path + " declares no CRS and its coordinates " + where + " are not lon/lat. ";
    const CrsGuess guess = guess_crs(xy, district);
    if (guess.swapped_lon_lat) {
        zh += "它们像是顺序颠倒的经纬度（纬度在前）：请交换两列，或把坐标写成 经度,纬度。";
        en += "They look like lon/lat the wrong way round (latitude first): swap the two columns, or write lon,lat.";
    } else if (guess.zone_unknown) {
        zh += "它们像是不带带号的 CGCS2000 3 度带高斯-克吕格坐标；带号取决于本区的中央经线：EPSG:4534（75°E）至 "
              "EPSG:4554（135°E），每 3° 加 1，如福州 120°E 为 --s-srs EPSG:4549。先用 import-context --as boundary "
              "载入区界（或导入到已有地块的数据库），可自动判断。";
        en += "They look like CGCS2000 3-degree Gauss-Kruger metres without a zone prefix; the zone depends on the "
              "district's central meridian: EPSG:4534 (75E) to EPSG:4554 (135E), one per 3 degrees, e.g. Fuzhou at "
              "120E needs --s-srs EPSG:4549. Load the district boundary first (import-context --as boundary), or import "
              "into a database that has parcels, and the zone is found for you.";
    } else if (guess.candidates.size() == 1) {
        const std::string code = "EPSG:" + std::to_string(guess.candidates.front().epsg);
        const std::string inside = district ? "，换算后落在区界内" : "";
        const std::string inside_en = district ? ", which puts them inside the district boundary" : "";
        zh += "它们像是 " + code + "（" + guess.candidates.front().name + "）" + inside + "：请加 --s-srs " + code + "。";
        en += "They look like " + code + " (" + guess.candidates.front().name + ")" + inside_en + ": add --s-srs " +
              code + ".";
    } else if (!guess.candidates.empty()) {
        zh += "可能是：" + listed(guess.candidates, "、") + "；请用 --s-srs 指定。";
        en += "They could be " + listed(guess.candidates, ", ") + "; give the right one with --s-srs.";
    } else {
        zh += "请用 --s-srs 指定坐标系，如 CGCS2000 3 度带 EPSG:4549（中央经线 120°E）。";
        en += "Give the CRS with --s-srs, e.g. EPSG:4549 (CGCS2000 3-degree Gauss-Kruger, CM 120E).";
    }
    return {zh, en};
}

std::optional<geo::LonLatBox> district_extent(const std::string& db_path) {
    std::error_code error;
    if (db_path.empty() || !std::filesystem::is_regular_file(db_path, error)) return std::nullopt;
    try {
        store::Database db(db_path, store::OpenMode::read_only);
        // The boundary when it is loaded, else the parcels already imported.
        for (const char* sql : {"SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), max(MbrMaxY(geom)) "
                                "FROM context_features WHERE layer = 'boundary'",
                                "SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), max(MbrMaxY(geom)) FROM parcels"}) {
            store::Statement extent = db.prepare(sql);
            if (extent.step() && !extent.is_null(0)) {
                return geo::LonLatBox{extent.column_double(0), extent.column_double(1), extent.column_double(2),
                                      extent.column_double(3)};
            }
        }
    } catch (const std::exception&) {
        // not our database, or an older one: the message does without
    }
    return std::nullopt;
}

}  // namespace investmap::importers
