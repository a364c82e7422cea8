#pragma once
// Makes an imported geometry fit for storage: 2D, linear, valid, of a type
// the layer takes. Invalid polygons are repaired with GEOS MakeValid (through
// OGR) and counted; what cannot be used throws ValueError with the reason.
#include "geo/geodesic_area.hpp"
#include "importers/gdal_handles.hpp"

#include <string>

namespace investmap::importers {

enum class GeometryClass { point, polygonal, lineal };

struct CleanGeometry {
    std::string wkb;  // 2D ISO WKB, little-endian
    GeometryClass kind = GeometryClass::point;
    bool repaired = false;
    double area_m2 = 0.0;  // geodesic, for polygons, when measured
};

// Whether to measure a parcel's geodesic area: a geodesic inverse problem per
// edge, the costliest step of cleaning, wasted when the row gives its area.
enum class MeasureArea { yes, no };

// The most vertices one parcel may have (all rings and parts together), by
// default (`investmap import --max-vertices`).
inline constexpr std::size_t kMaxParcelVertices = 100'000;

// Parcels: Point, or Polygon/MultiPolygon (polygons pulled out of collections).
CleanGeometry clean_parcel_geometry(GeometryPtr geometry, const geo::GeodesicArea& area,
                                    MeasureArea measure = MeasureArea::yes, std::size_t max_vertices = kMaxParcelVertices);
// Map context: lines for roads, polygons for boundary, parks and water.
CleanGeometry clean_context_geometry(GeometryPtr geometry, bool lines);

}  // namespace investmap::importers
