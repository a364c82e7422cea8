#pragma once
// A QGIS project file (.qgs) that opens on the district with two layers from
// a running server: the styled vector tiles (parcels coloured by status, or
// by fit band when the filter names an industry, with the map's context and
// park names) and the parcels as OGC API – Features data. Colours and labels
// come from the vocabulary and the style template's context colours, so the
// project looks like the web map. Written for QGIS 3.22 and later, which
// read the elements used here (tests/e2e/qgis opens it in QGIS).
#include "filter/filter.hpp"
#include "fit/industry_profile.hpp"
#include "geo/coordinates.hpp"
#include "style/map_style.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace investmap::exporting {

struct QgisProjectRequest {
    std::string server_url;   // the server's public base URL, no trailing slash
    filter::Filter filter;    // what the tiles show; its industry colours by fit
    const fit::IndustryProfile* industry = nullptr;  // the filter's industry, if any
    std::string lang = "zh";  // zh | en: the layer and style names
    int parcel_zoom = 13;
    std::span<const std::string> statuses;  // those the server shows anonymous callers
    style::ContextColours colours;          // from styles/map.json
    std::optional<geo::LonLatBox> extent;   // where the project opens (the parcels)
};

// The .qgs document. Throws std::invalid_argument when the filter names an
// industry but `industry` is missing.
std::string qgis_project(const QgisProjectRequest& request);

}  // namespace investmap::exporting
