#include "export/qgis_project.hpp"

#include "text/hex_colour.hpp"
#include "text/xml.hpp"
#include "vocabulary/vocabulary.hpp"

#include <stdexcept>

namespace investmap::exporting {
namespace {

using vocabulary::Words;

std::string xml(std::string_view text) { return text::xml_escaped(text); }

// "#2b8cbe" → "43,140,190,255", QGIS's colour form.
std::string qgis_colour(std::string_view hex) {
    const auto rgb = text::hex_rgb(hex);
    if (!rgb) throw std::invalid_argument("not a #rrggbb colour: " + std::string(hex));
    return std::to_string((*rgb)[0]) + "," + std::to_string((*rgb)[1]) + "," + std::to_string((*rgb)[2]) + ",255";
}

std::string option(std::string_view name, std::string_view value) {
    return "<Option name=\"" + std::string(name) + "\" type=\"QString\" value=\"" + xml(value) + "\"/>";
}

// ---- symbols (QGIS reads each symbol layer's properties from an Option map) --

// A polygon symbol: filled with `colour` (none: outline only) at `opacity`,
// outlined `outline_mm` wide (0: no outline).
std::string fill_symbol(std::optional<std::string_view> colour, std::string_view outline, double outline_mm, double opacity) {
    return "<symbol name=\"0\" type=\"fill\" alpha=\"" + std::to_string(opacity) +
           "\"><layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">" +
           (colour ? option("color", qgis_colour(*colour)) : "") + option("style", colour ? "solid" : "no") +
           option("outline_color", qgis_colour(outline)) + option("outline_style", outline_mm > 0 ? "solid" : "no") +
           option("outline_width", std::to_string(outline_mm)) + option("outline_width_unit", "MM") + "</Option></layer></symbol>";
}

std::string line_symbol(std::string_view colour, double width_mm, bool dashed) {
    return "<symbol name=\"0\" type=\"line\" alpha=\"1\"><layer class=\"SimpleLine\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">" +
           option("line_color", qgis_colour(colour)) + option("line_width", std::to_string(width_mm)) + option("line_width_unit", "MM") +
           option("line_style", dashed ? "dash" : "solid") + option("capstyle", "round") + option("joinstyle", "round") +
           "</Option></layer></symbol>";
}

std::string marker_symbol(std::string_view colour, double size_mm) {
    return "<symbol name=\"0\" type=\"marker\" alpha=\"1\"><layer class=\"SimpleMarker\" enabled=\"1\" locked=\"0\" pass=\"0\"><Option type=\"Map\">" +
           option("name", "circle") + option("color", qgis_colour(colour)) + option("outline_color", "255,255,255,255") +
           option("outline_width", "0.2") + option("size", std::to_string(size_mm)) + option("size_unit", "MM") + "</Option></layer></symbol>";
}

// ---- the vector tile layer's styles -------------------------------------------

enum class Geometry { point = 0, line = 1, polygon = 2 };

// One style of QGIS's basic vector tile renderer: features of `source_layer`
// matching `expression`, drawn from `min_zoom` to `max_zoom` (-1: no bound).
std::string tile_style(std::string_view name, std::string_view source_layer, Geometry geometry, std::string_view expression,
                       const std::string& symbol, int min_zoom = -1, int max_zoom = -1) {
    return "<style name=\"" + xml(name) + "\" layer=\"" + xml(source_layer) + "\" geometry=\"" +
           std::to_string(static_cast<int>(geometry)) + "\" enabled=\"1\" expression=\"" + xml(expression) + "\" min-zoom=\"" +
           std::to_string(min_zoom) + "\" max-zoom=\"" + std::to_string(max_zoom) + "\"><symbols>" + symbol + "</symbols></style>";
}

struct ParcelClass {
    std::string name;
    std::string expression;
    std::string_view colour;
};

// The classes the parcels are coloured by: the visible statuses, or the fit bands.
std::vector<ParcelClass> parcel_classes(const QgisProjectRequest& request) {
    std::vector<ParcelClass> classes;
    if (request.industry) {
        for (const vocabulary::FitBand& band : vocabulary::kFitBands) {
            const std::string scores = std::to_string(band.low) + (band.high != band.low ? "–" + std::to_string(band.high) : "");
            classes.push_back({std::string(band.label.in(request.lang)) + " " + scores,
                               "\"fit\" >= " + std::to_string(band.low) + " AND \"fit\" <= " + std::to_string(band.high), band.color});
        }
        return classes;
    }
    for (const vocabulary::Status& status : vocabulary::kStatuses) {
        if (std::ranges::find(request.statuses, status.code) == request.statuses.end()) continue;
        classes.push_back({std::string(status.label.in(request.lang)), "\"status\" = '" + std::string(status.code) + "'", status.color});
    }
    return classes;
}

std::string tile_styles(const QgisProjectRequest& request) {
    const style::ContextColours& c = request.colours;
    const Words parks_label = vocabulary::kContextLayers[vocabulary::context_layer_order("parks")].label;
    const Words water_label = vocabulary::kContextLayers[vocabulary::context_layer_order("water")].label;
    const Words roads_label = vocabulary::kContextLayers[vocabulary::context_layer_order("roads")].label;
    const Words boundary_label = vocabulary::kContextLayers[vocabulary::context_layer_order("boundary")].label;
    std::string styles = tile_style(Words{"背景", "background"}.in(request.lang), "background", Geometry::polygon, "",
                                    fill_symbol(c.background, c.background, 0, 1)) +
                         tile_style(water_label.in(request.lang), "context", Geometry::polygon, "\"layer\" = 'water'", fill_symbol(c.water, c.water, 0, 1)) +
                         tile_style(parks_label.in(request.lang), "context", Geometry::polygon, "\"layer\" = 'parks'", fill_symbol(c.parks, c.parks, 0, 1)) +
                         tile_style(roads_label.in(request.lang), "context", Geometry::line, "\"layer\" = 'roads'", line_symbol(c.roads, 0.5, false)) +
                         tile_style(boundary_label.in(request.lang), "context", Geometry::line, "\"layer\" = 'boundary'", line_symbol(c.boundary, 0.4, true));
    // Below the parcel zoom tiles carry the heat layer's cells, not parcels.
    styles += tile_style(vocabulary::kParcelLocations.in(request.lang), "heat", Geometry::point, "",
                         marker_symbol(vocabulary::kParcelLocationColor, 1.4), -1, request.parcel_zoom - 1);
    for (const ParcelClass& parcel_class : parcel_classes(request)) {
        styles += tile_style(parcel_class.name, "parcels", Geometry::polygon, parcel_class.expression,
                             fill_symbol(parcel_class.colour, "#ffffff", 0.2, 0.8), request.parcel_zoom);
        // The renderer draws a style's symbol for any geometry its filter
        // lets through: points are kept apart by the filter, as QGIS's own
        // style converter does.
        styles += tile_style(parcel_class.name, "parcels", Geometry::point, "_geom_type IS 'Point' AND " + parcel_class.expression,
                             marker_symbol(parcel_class.colour, 2.4), request.parcel_zoom);
    }
    return styles;
}

// Park and water names, as the web map labels them.
std::string tile_labels(const QgisProjectRequest& request) {
    return "<labeling type=\"basic\"><styles><style name=\"" + xml(Words{"名称", "names"}.in(request.lang)) +
           "\" layer=\"context\" geometry=\"0\" enabled=\"1\" expression=\"" + xml("\"layer\" IN ('parks', 'water') AND \"name\" IS NOT NULL") +
           "\" min-zoom=\"11\" max-zoom=\"-1\"><settings><text-style fieldName=\"name\" fontFamily=\"Noto Sans CJK SC\" fontSize=\"9\" "
           "textColor=\"77,107,60,255\"><text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferColor=\"255,255,255,255\"/></text-style>"
           "<placement placement=\"1\"/></settings></style></styles></labeling>";
}

// ---- the document ---------------------------------------------------------------

// CRSs as QGIS reads them: by authid, with its internal srsid beside.
constexpr std::string_view kMercator = "<spatialrefsys><srsid>3857</srsid><authid>EPSG:3857</authid></spatialrefsys>";
constexpr std::string_view kWgs84 = "<spatialrefsys><srsid>3452</srsid><authid>EPSG:4326</authid></spatialrefsys>";

std::string query_suffix(const filter::Filter& filter) {
    const std::string query = filter::canonical_query(filter);
    return query.empty() ? "" : "?" + query;
}

std::string tile_layer_name(const QgisProjectRequest& request) {
    if (!request.industry) return std::string(Words{"招商地图 · 招商状态", "Investment map · deal status"}.in(request.lang));
    return std::string(Words{"招商地图 · 适合度 · ", "Investment map · fit · "}.in(request.lang)) +
           (request.lang == "en" ? request.industry->name_en : request.industry->name_zh);
}

std::string tile_layer(const QgisProjectRequest& request) {
    // The data source as QGIS writes it: its own URL-encoded key=value list.
    const std::string tiles = filter::percent_encode(request.server_url + "/tiles/{z}/{x}/{y}.mvt" + query_suffix(request.filter));
    const std::string source = "type=xyz&url=" + tiles + "&zmin=0&zmax=22";
    return "<maplayer type=\"vector-tile\"><id>investmap_tiles</id><datasource>" + xml(source) + "</datasource><layername>" +
           xml(tile_layer_name(request)) + "</layername><srs>" + std::string(kMercator) + "</srs><renderer type=\"basic\"><styles>" + tile_styles(request) + "</styles></renderer>" +
           tile_labels(request) + "</maplayer>";
}

constexpr Words kDataLayerName = {"地块数据（OGC API）", "Parcels (OGC API)"};

std::string data_layer(const QgisProjectRequest& request) {
    const std::string source = "url='" + request.server_url + "/api' typename='parcels'";
    return "<maplayer type=\"vector\" geometry=\"Polygon\"><id>investmap_parcels</id><datasource>" + xml(source) +
           "</datasource><provider>OAPIF</provider><layername>" + xml(kDataLayerName.in(request.lang)) +
           "</layername><srs>" + std::string(kWgs84) + "</srs><renderer-v2 type=\"singleSymbol\"><symbols>" + fill_symbol(std::nullopt, "#3c3c3c", 0.4, 1) + "</symbols></renderer-v2></maplayer>";
}

std::string view_extent(const std::optional<geo::LonLatBox>& extent) {
    if (!extent) return "";
    const geo::Mercator low = geo::to_mercator(extent->west, extent->south);
    const geo::Mercator high = geo::to_mercator(extent->east, extent->north);
    const double margin = std::max(high.x - low.x, high.y - low.y) * 0.05;
    return "<ProjectViewSettings UseProjectScales=\"0\" rotation=\"0\"><DefaultViewExtent xmin=\"" + std::to_string(low.x - margin) +
           "\" ymin=\"" + std::to_string(low.y - margin) + "\" xmax=\"" + std::to_string(high.x + margin) + "\" ymax=\"" +
           std::to_string(high.y + margin) + "\">" + std::string(kMercator) + "</DefaultViewExtent></ProjectViewSettings>";
}

}  // namespace

std::string qgis_project(const QgisProjectRequest& request) {
    if (request.filter.industry && !request.industry) throw std::invalid_argument("the filter names an industry the request lacks");
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<qgis version=\"3.22.0\" projectname=\"investmap\">\n"
           "<title>" + xml(tile_layer_name(request)) + "</title>\n"
           // QGIS reads the project CRS only when projections are on.
           "<properties><SpatialRefSys><ProjectionsEnabled type=\"int\">1</ProjectionsEnabled></SpatialRefSys></properties>\n"
           "<projectCrs>" + std::string(kMercator) + "</projectCrs>\n" +
           view_extent(request.extent) + "\n<projectlayers>\n" + tile_layer(request) + "\n" + data_layer(request) +
           "\n</projectlayers>\n"
           // The data layer above the tiles: its outlines over their colours.
           "<layer-tree-group><layer-tree-layer id=\"investmap_parcels\" name=\"" + xml(kDataLayerName.in(request.lang)) +
           "\" checked=\"Qt::Checked\" expanded=\"0\"/><layer-tree-layer id=\"investmap_tiles\" name=\"" + xml(tile_layer_name(request)) +
           "\" checked=\"Qt::Checked\" expanded=\"1\"/></layer-tree-group>\n</qgis>\n";
}

}  // namespace investmap::exporting
