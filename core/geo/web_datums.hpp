#pragma once
// The coordinates Chinese web maps use: GCJ-02 (高德, 腾讯, and Google's map
// of China) and BD-09 (百度). Officers pick parcel locations from these maps,
// so their sheets hold these coordinates, 300–1 200 m from WGS 84. Both are
// published as forward formulas from WGS 84; the way back is found here by
// iteration, to well under a millimetre.
#include "geo/coordinates.hpp"

#include <optional>
#include <string_view>

namespace investmap::geo {

enum class WebDatum { gcj02, bd09 };

// "GCJ02", "gcj02", "GCJ-02", "BD09", "bd09", "BD-09" (what --s-srs takes).
std::optional<WebDatum> web_datum_named(std::string_view name);
// "GCJ-02（高德、腾讯）" / "BD-09（百度）", for the import log.
std::string_view web_datum_label(WebDatum datum);

// GCJ-02 leaves points outside this box as they are (WGS 84).
bool outside_gcj_area(LonLat point);

LonLat gcj02_from_wgs84(LonLat wgs84);
LonLat bd09_from_gcj02(LonLat gcj02);
// The WGS 84 point whose GCJ-02 (or BD-09) coordinates are `point`.
LonLat wgs84_from(WebDatum datum, LonLat point);

}  // namespace investmap::geo
