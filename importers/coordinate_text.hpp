#pragma once
// Coordinates as officers type or paste them into a sheet: decimal degrees,
// degrees-minutes-seconds (119°17′1.6″, 119°17'1.6", 119度17分1.6秒), with
// hemisphere words or letters (东经/北纬/西经/南纬, E/N/W/S), and both in one
// cell as 坐标拾取器 tools give them ("119.283774,26.040896", full-width
// commas, or "东经119°17′1.6″ 北纬26°2′27.2″"). Each parser throws ValueError
// with a bilingual reason when the text is not a coordinate.
#include "geo/coordinates.hpp"

#include <optional>
#include <string_view>

namespace investmap::importers {

enum class Axis { unknown, lon, lat };

struct Degrees {
    double value = 0;
    Axis axis = Axis::unknown;  // what a hemisphere word or letter said
};

// One coordinate in degrees; empty text → nullopt.
std::optional<Degrees> parse_degrees(std::string_view text);

// Lon/lat or lat/lon, by what the text says, or else by which order puts the
// point in China. `swapped` is set when the text gave latitude first.
struct CellPoint {
    geo::LonLat point{};
    bool lat_first = false;
};
// Both coordinates from one cell; empty text → nullopt.
std::optional<CellPoint> parse_coordinate_cell(std::string_view text);

// Two coordinates read as (lon, lat) unless they fit China only the other
// way round, or their hemisphere words say so; `swapped` tells which.
CellPoint order_lon_lat(Degrees first, Degrees second);

}  // namespace investmap::importers
