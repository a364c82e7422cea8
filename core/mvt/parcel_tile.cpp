#include "mvt/parcel_tile.hpp"

#include "mvt/encoder.hpp"
#include "store/parcel_query.hpp"

#include <array>
#include <cmath>
#include <map>

namespace investmap::mvt {
namespace {

// One row per parcel whose bounding box meets the buffered tile. The heat
// point is the box's centre: cheap, and inside the parcel for the compact
// shapes parcels have. With an industry, the score comes by primary key.
std::string parcel_query(const filter::SqlCondition& condition) {
    return std::string(R"sql(
    SELECT p.id, p.code, p.name, p.kind, p.status, p.land_use, coalesce(p.area_m2, p.floor_area_m2), p.rent_yuan_m2_month,
           p.power_kva, p.park, AsBinary(p.geom), (i.xmin + i.xmax) / 2, (i.ymin + i.ymax) / 2)sql") +
           (condition.joins_fit ? ", fit.score" : ", 100") + store::parcels_in_box(condition);
}

constexpr std::string_view kContextQuery = R"sql(
    SELECT c.layer, c.name, AsBinary(c.geom)
    FROM idx_context_features_geom AS i CROSS JOIN context_features AS c ON c.id = i.pkid
    WHERE i.xmin <= ? AND i.xmax >= ? AND i.ymin <= ? AND i.ymax >= ?)sql";

void bind_bounds(store::Statement& statement, const geo::Bounds& b) {
    store::bind_box(statement, {b.min_x, b.min_y, b.max_x, b.max_y});
}

// Heat summed per grid cell: weight, count and area, at the cell's
// weight-averaged position.
class HeatGrid {
public:
    explicit HeatGrid(std::uint32_t cells, std::uint32_t extent) : cell_size_(static_cast<std::int32_t>(extent / cells)) {}

    void add(TilePoint point, double weight, double area) {
        Cell& cell = cells_by_index_[{point.x / cell_size_, point.y / cell_size_}];
        cell.weight += weight;
        cell.area += area;
        cell.count += 1;
        cell.weighted_x += weight * point.x;
        cell.weighted_y += weight * point.y;
    }

    void encode(LayerEncoder& layer) const {
        for (const auto& [index, cell] : cells_by_index_) {
            const double cx = cell.weight > 0 ? cell.weighted_x / cell.weight : (index.first + 0.5) * cell_size_;
            const double cy = cell.weight > 0 ? cell.weighted_y / cell.weight : (index.second + 0.5) * cell_size_;
            const TileGeometry point{GeometryType::point, {{{static_cast<std::int32_t>(std::lround(cx)),
                                                             static_cast<std::int32_t>(std::lround(cy))}}}};
            const std::array<Property, 3> properties{{{"weight", cell.weight},
                                                      {"count", static_cast<std::int64_t>(cell.count)},
                                                      {"area_m2", cell.area}}};
            layer.add(std::nullopt, point, properties);
        }
    }

private:
    struct Cell {
        double weight = 0, area = 0, weighted_x = 0, weighted_y = 0;
        std::int64_t count = 0;
    };
    std::int32_t cell_size_;
    std::map<std::pair<std::int32_t, std::int32_t>, Cell> cells_by_index_;
};

bool inside_tile(TilePoint point, std::uint32_t extent) {
    return point.x >= 0 && point.y >= 0 && point.x < static_cast<std::int32_t>(extent) &&
           point.y < static_cast<std::int32_t>(extent);
}

void add_parcels(store::Database& db, geo::TileId tile, const filter::SqlCondition& condition,
                 const TileSettings& settings, const TileGeometryBuilder& builder, LayerEncoder& parcels,
                 LayerEncoder& heat) {
    const bool detailed = tile.z >= settings.parcel_zoom;
    auto rows = db.prepare(parcel_query(condition));
    bind_bounds(rows, geo::lonlat_bounds(tile, static_cast<double>(settings.buffer) / settings.extent));
    filter::bind_condition(rows, condition, 5);
    HeatGrid grid(settings.heat_cells, settings.extent);
    while (rows.step()) {
        const double area = rows.is_null(6) ? 0.0 : rows.column_double(6);
        const std::int64_t fit = rows.column_int64(13);  // 100 without an industry
        const double weight = area * static_cast<double>(fit) / 100.0;
        // Heat counts each parcel once: in the tile that holds its centre.
        const TilePoint centre = builder.point(rows.column_double(11), rows.column_double(12));
        if (inside_tile(centre, settings.extent)) {
            if (detailed) {
                const std::array<Property, 2> properties{{{"weight", weight}, {"code", rows.column_text(1)}}};
                heat.add(static_cast<std::uint64_t>(rows.column_int64(0)), {GeometryType::point, {{centre}}}, properties);
            } else {
                grid.add(centre, weight, area);
            }
        }
        if (!detailed) continue;
        const auto blob = rows.column_blob(10);
        const auto geometry = builder.from_wkb({reinterpret_cast<const char*>(blob.data()), blob.size()});
        if (!geometry) continue;  // too small to draw at this zoom: it still counted in heat
        std::vector<Property> properties{
            {"code", rows.column_text(1)}, {"kind", rows.column_text(3)}, {"status", rows.column_text(4)}};
        if (!rows.is_null(2)) properties.push_back({"name", rows.column_text(2)});
        if (!rows.is_null(5)) properties.push_back({"land_use", rows.column_text(5)});
        if (!rows.is_null(6)) properties.push_back({"area_m2", area});
        if (!rows.is_null(7)) properties.push_back({"rent", rows.column_double(7)});
        if (!rows.is_null(8)) properties.push_back({"power_kva", rows.column_double(8)});
        if (!rows.is_null(9)) properties.push_back({"park", rows.column_text(9)});
        if (condition.joins_fit) properties.push_back({"fit", fit});
        parcels.add(static_cast<std::uint64_t>(rows.column_int64(0)), *geometry, properties);
    }
    if (!detailed) grid.encode(heat);
}

void add_context(store::Database& db, geo::TileId tile, const TileSettings& settings,
                 const TileGeometryBuilder& builder, LayerEncoder& context) {
    auto rows = db.prepare(kContextQuery);
    bind_bounds(rows, geo::lonlat_bounds(tile, static_cast<double>(settings.buffer) / settings.extent));
    while (rows.step()) {
        const auto blob = rows.column_blob(2);
        const auto geometry = builder.from_wkb({reinterpret_cast<const char*>(blob.data()), blob.size()});
        if (!geometry) continue;
        const std::array<Property, 2> properties{{{"layer", rows.column_text(0)}, {"name", rows.column_text(1)}}};
        context.add(std::nullopt, *geometry, properties);
    }
}

}  // namespace

std::string build_parcel_tile(store::Database& db, geo::TileId tile, const filter::SqlCondition& condition,
                              const TileSettings& settings) {
    const TileGeometryBuilder builder({tile, settings.extent, settings.buffer});
    LayerEncoder parcels("parcels", settings.extent), heat("heat", settings.extent), context("context", settings.extent);
    add_parcels(db, tile, condition, settings, builder, parcels, heat);
    add_context(db, tile, settings, builder, context);
    std::string encoded;
    context.append_to(encoded);  // drawn first, under the parcels
    heat.append_to(encoded);
    parcels.append_to(encoded);
    return encoded;
}

}  // namespace investmap::mvt
