#include "geo/web_datums.hpp"

#include "text/ascii.hpp"

#include <cmath>
#include <numbers>

namespace investmap::geo {
namespace {

constexpr double kPi = std::numbers::pi;

// GCJ-02's offset, as published in the open implementations every Chinese
// GIS library carries (e.g. "eviltransform", and coordtransform's
// wgs84togcj02): a polynomial-and-sine shift in "metres" on the Krasovsky
// 1940 ellipsoid (a = 6 378 245 m, e² = 0.006693421622965943), turned into
// degrees at the point's latitude.
constexpr double kKrasovskyA = 6378245.0;
constexpr double kKrasovskyE2 = 0.00669342162296594323;

double shift_lat(double x, double y) {
    double shift = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    shift += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    shift += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    shift += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return shift;
}

double shift_lon(double x, double y) {
    double shift = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    shift += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    shift += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
    shift += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return shift;
}

// BD-09 on top of GCJ-02, as published with Baidu's own coordinate
// conversion (bd_encrypt): a small rotation and scale, then a fixed offset.
constexpr double kBaiduPi = kPi * 3000.0 / 180.0;

// The point `forward` maps to `target`: start from the target and step by
// the remaining difference (the shifts change slowly, so this converges
// geometrically; 1e-10° is about 0.01 mm).
template <typename Forward>
LonLat invert(Forward forward, LonLat target) {
    LonLat guess = target;
    for (int step = 0; step < 30; ++step) {
        const LonLat mapped = forward(guess);
        const double d_lon = mapped.lon - target.lon, d_lat = mapped.lat - target.lat;
        guess = {guess.lon - d_lon, guess.lat - d_lat};
        if (std::abs(d_lon) < 1e-10 && std::abs(d_lat) < 1e-10) break;
    }
    return guess;
}

}  // namespace

std::optional<WebDatum> web_datum_named(std::string_view name) {
    std::string compact;
    for (char c : name) {
        if (c != '-' && c != '_' && c != ' ') compact += text::ascii_lower(c);
    }
    if (compact == "gcj02") return WebDatum::gcj02;
    if (compact == "bd09") return WebDatum::bd09;
    return std::nullopt;
}

std::string_view web_datum_label(WebDatum datum) {
    return datum == WebDatum::gcj02 ? "GCJ-02（高德、腾讯 AMap, Tencent）" : "BD-09（百度 Baidu）";
}

bool outside_gcj_area(LonLat point) {
    return point.lon < 72.004 || point.lon > 137.8347 || point.lat < 0.8293 || point.lat > 55.8271;
}

LonLat gcj02_from_wgs84(LonLat wgs84) {
    if (outside_gcj_area(wgs84)) return wgs84;
    const double x = wgs84.lon - 105.0, y = wgs84.lat - 35.0;
    const double latitude = wgs84.lat / 180.0 * kPi;
    const double magic = 1.0 - kKrasovskyE2 * std::sin(latitude) * std::sin(latitude);
    const double d_lat = shift_lat(x, y) * 180.0 / ((kKrasovskyA * (1.0 - kKrasovskyE2)) / (magic * std::sqrt(magic)) * kPi);
    const double d_lon = shift_lon(x, y) * 180.0 / (kKrasovskyA / std::sqrt(magic) * std::cos(latitude) * kPi);
    return {wgs84.lon + d_lon, wgs84.lat + d_lat};
}

LonLat bd09_from_gcj02(LonLat gcj02) {
    const double x = gcj02.lon, y = gcj02.lat;
    const double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kBaiduPi);
    const double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kBaiduPi);
    return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat wgs84_from(WebDatum datum, LonLat point) {
    const LonLat gcj02 = datum == WebDatum::bd09 ? invert(bd09_from_gcj02, point) : point;
    return invert(gcj02_from_wgs84, gcj02);
}

}  // namespace investmap::geo
