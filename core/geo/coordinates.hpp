#pragma once
// The geometry vocabulary every part speaks: lon/lat points and boxes in
// EPSG:4326 (what the store keeps), and Web Mercator (EPSG:3857, what tiles
// and maps are drawn in), in metres or in world units (0–1 across the map,
// y down from the north, MapLibre's convention).
namespace investmap::geo {

struct LonLat {
    double lon;
    double lat;
};

struct LonLatBox {
    double west;
    double south;
    double east;
    double north;
};

// China with a margin: a district's parcels lie inside it, so coordinates
// outside it mean a wrong CRS (or lon and lat the wrong way round).
inline constexpr LonLatBox kChinaBox{73.0, 3.0, 136.0, 54.0};

constexpr bool contains(const LonLatBox& box, LonLat point) {
    return point.lon >= box.west && point.lon <= box.east && point.lat >= box.south && point.lat <= box.north;
}

// Web Mercator metres.
struct Mercator {
    double x;
    double y;
};

struct MercatorBox {
    double min_x = 0;
    double min_y = 0;
    double max_x = 0;
    double max_y = 0;
};

inline constexpr double kEarthRadius = 6378137.0;  // WGS 84's semi-major axis, Web Mercator's sphere
// Half the equator in Web Mercator metres: the grid spans ±this on both axes.
inline constexpr double kMercatorHalfWidth = 20037508.342789244;
// Web Mercator's latitude limit: beyond it y is unbounded.
inline constexpr double kMercatorMaxLatitude = 85.0511287798066;

// Latitudes are clamped to ±kMercatorMaxLatitude.
Mercator to_mercator(double lon, double lat);
double longitude_of_metres(double x);
double latitude_of_metres(double y);

// World units: 0 at 180° W and at the northern limit, 1 at 180° E and at the southern one.
double world_x(double lon);
double world_y(double lat);
double longitude_of_world_x(double x);
double latitude_of_world_y(double y);

}  // namespace investmap::geo
