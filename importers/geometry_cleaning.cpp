#include "importers/geometry_cleaning.hpp"

#include "errors.hpp"
#include "importers/value_parsing.hpp"

#include <algorithm>
#include <vector>

namespace investmap::importers {
namespace {

OGRwkbGeometryType flat_type(OGRGeometryH geometry) { return wkbFlatten(OGR_G_GetGeometryType(geometry)); }

// 2D and without arcs, whatever the source wrote.
GeometryPtr simplify_representation(GeometryPtr geometry) {
    if (!geometry || OGR_G_IsEmpty(geometry.get())) {
        throw ValueError(zh_en("几何为空", "geometry is empty"));
    }
    if (OGR_G_HasCurveGeometry(geometry.get(), FALSE)) {
        geometry.reset(OGR_G_GetLinearGeometry(geometry.get(), 0, nullptr));
    }
    OGR_G_FlattenTo2D(geometry.get());
    return geometry;
}

void collect_parts(OGRGeometryH geometry, OGRwkbGeometryType single, std::vector<OGRGeometryH>& parts) {
    const OGRwkbGeometryType type = flat_type(geometry);
    if (type == single) {
        if (!OGR_G_IsEmpty(geometry)) parts.push_back(geometry);
        return;
    }
    if (OGR_GT_IsSubClassOf(type, wkbGeometryCollection)) {
        for (int i = 0; i < OGR_G_GetGeometryCount(geometry); ++i) {
            collect_parts(OGR_G_GetGeometryRef(geometry, i), single, parts);
        }
    }
}

// The parts of type `single` (Polygon or LineString) as one geometry: the
// part itself when alone, else a Multi… of all. Null when there are none.
GeometryPtr extract(OGRGeometryH geometry, OGRwkbGeometryType single, OGRwkbGeometryType multi) {
    std::vector<OGRGeometryH> parts;
    collect_parts(geometry, single, parts);
    if (parts.empty()) return nullptr;
    if (parts.size() == 1) return GeometryPtr(OGR_G_Clone(parts.front()));
    GeometryPtr collection(OGR_G_CreateGeometry(multi));
    for (OGRGeometryH part : parts) OGR_G_AddGeometry(collection.get(), part);
    return collection;
}

std::string to_wkb(OGRGeometryH geometry) {
    std::string wkb(static_cast<std::size_t>(OGR_G_WkbSize(geometry)), '\0');
    OGR_G_ExportToIsoWkb(geometry, wkbNDR, reinterpret_cast<unsigned char*>(wkb.data()));
    return wkb;
}

std::string type_name(OGRGeometryH geometry) { return OGR_G_GetGeometryName(geometry); }

// Polygonal parts, repaired when invalid. Sets `repaired`.
GeometryPtr valid_polygonal(OGRGeometryH geometry, bool& repaired) {
    GeometryPtr polygonal = extract(geometry, wkbPolygon, wkbMultiPolygon);
    if (!polygonal) return nullptr;
    if (OGR_G_IsValid(polygonal.get())) return polygonal;
    GeometryPtr made_valid(OGR_G_MakeValid(polygonal.get()));
    // MakeValid can leave lines or points where a polygon collapsed; keep the areas.
    GeometryPtr fixed = made_valid ? extract(made_valid.get(), wkbPolygon, wkbMultiPolygon) : nullptr;
    if (!fixed) {
        throw ValueError(zh_en("面几何无效且无法修复（面积为零）", "polygon is invalid and cannot be repaired (no area)"));
    }
    repaired = true;
    return fixed;
}

double polygon_area_m2(OGRGeometryH polygon, const geo::GeodesicArea& area) {
    double total = 0.0;
    std::vector<geo::LonLat> ring_points;
    for (int r = 0; r < OGR_G_GetGeometryCount(polygon); ++r) {
        OGRGeometryH ring = OGR_G_GetGeometryRef(polygon, r);
        const int count = OGR_G_GetPointCount(ring);
        ring_points.resize(static_cast<std::size_t>(count));
        OGR_G_GetPoints(ring, &ring_points[0].lon, sizeof(geo::LonLat), &ring_points[0].lat, sizeof(geo::LonLat),
                        nullptr, 0);
        const double ring_area = area.ring_m2(ring_points);
        total += r == 0 ? ring_area : -ring_area;  // rings after the first are holes
    }
    return total;
}

double polygonal_area_m2(OGRGeometryH geometry, const geo::GeodesicArea& area) {
    if (flat_type(geometry) == wkbPolygon) return polygon_area_m2(geometry, area);
    double total = 0.0;
    for (int i = 0; i < OGR_G_GetGeometryCount(geometry); ++i) {
        total += polygon_area_m2(OGR_G_GetGeometryRef(geometry, i), area);
    }
    return total;
}

// Points in the geometry and all its parts, counting up to `limit` only.
std::size_t vertex_count(OGRGeometryH geometry, std::size_t limit) {
    std::size_t count = static_cast<std::size_t>(std::max(0, OGR_G_GetPointCount(geometry)));
    for (int i = 0; i < OGR_G_GetGeometryCount(geometry) && count <= limit; ++i) {
        count += vertex_count(OGR_G_GetGeometryRef(geometry, i), limit - count);
    }
    return count;
}

}  // namespace

CleanGeometry clean_parcel_geometry(GeometryPtr geometry, const geo::GeodesicArea& area, MeasureArea measure,
                                    std::size_t max_vertices) {
    // Checked before repair and measuring, which cost in proportion: a
    // million-vertex parcel would cost a gigabyte here, a 39 MB item and a
    // two-second tile later. No parcel drawn by hand comes near the limit.
    if (vertex_count(geometry.get(), max_vertices) > max_vertices) {
        throw ValueError(zh_en("几何顶点超过 " + std::to_string(max_vertices) + " 个：请先简化（如 ogr2ogr -simplify），或用 --max-vertices 放宽",
                               "geometry has more than " + std::to_string(max_vertices) +
                                   " vertices: simplify it first (e.g. ogr2ogr -simplify) or raise --max-vertices"));
    }
    geometry = simplify_representation(std::move(geometry));
    CleanGeometry clean;
    const OGRwkbGeometryType type = flat_type(geometry.get());
    if (type == wkbPoint || (type == wkbMultiPoint && OGR_G_GetGeometryCount(geometry.get()) == 1)) {
        GeometryPtr point = type == wkbPoint ? std::move(geometry)
                                             : GeometryPtr(OGR_G_Clone(OGR_G_GetGeometryRef(geometry.get(), 0)));
        clean.wkb = to_wkb(point.get());
        return clean;
    }
    GeometryPtr polygonal = valid_polygonal(geometry.get(), clean.repaired);
    if (!polygonal) {
        throw ValueError(zh_en("几何类型 " + type_name(geometry.get()) + " 不能作地块：应为面或点",
                               "geometry type " + type_name(geometry.get()) + " cannot be a parcel: use polygons or points"));
    }
    clean.kind = GeometryClass::polygonal;
    if (measure == MeasureArea::yes) clean.area_m2 = polygonal_area_m2(polygonal.get(), area);
    clean.wkb = to_wkb(polygonal.get());
    return clean;
}

CleanGeometry clean_context_geometry(GeometryPtr geometry, bool lines) {
    geometry = simplify_representation(std::move(geometry));
    CleanGeometry clean;
    GeometryPtr usable = lines ? extract(geometry.get(), wkbLineString, wkbMultiLineString)
                               : valid_polygonal(geometry.get(), clean.repaired);
    if (!usable) {
        throw ValueError(zh_en("几何类型 " + type_name(geometry.get()) + " 不适合该图层：应为" + (lines ? "线" : "面"),
                               "geometry type " + type_name(geometry.get()) + " does not fit this layer: use " +
                                   (lines ? "lines" : "polygons")));
    }
    clean.kind = lines ? GeometryClass::lineal : GeometryClass::polygonal;
    clean.wkb = to_wkb(usable.get());
    return clean;
}

}  // namespace investmap::importers
