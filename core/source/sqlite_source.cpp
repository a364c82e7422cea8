#include "source/sqlite_source.hpp"

#include "store/parcel_query.hpp"

#include <string>
#include <vector>

namespace investmap::source {
namespace {

// The columns of a row, in the order parcel_query() selects them.
enum Column { kId, kCode, kName, kKind, kStatus, kLandUse, kArea, kFloorArea, kRent, kPower, kPark, kXmin, kXmax, kYmin, kYmax, kFit, kWkb };

// Every row the condition lets through whose R*Tree box meets the box
// (bound to ?1–?4), in id order as tiles list them; the outline too when asked.
std::string parcel_query(const filter::SqlCondition& condition, bool with_shapes) {
    return std::string(R"sql(
    SELECT p.id, p.code, p.name, p.kind, p.status, p.land_use, p.area_m2, p.floor_area_m2, p.rent_yuan_m2_month,
           p.power_kva, p.park, i.xmin, i.xmax, i.ymin, i.ymax)sql") +
           (condition.joins_fit ? ", fit.score" : ", 100") + (with_shapes ? ", AsBinary(p.geom)" : "") +
           store::parcels_in_box(condition) + " ORDER BY p.id";
}

constexpr std::string_view kContextQuery = R"sql(
    SELECT c.layer, c.name, AsBinary(c.geom)
    FROM idx_context_features_geom AS i CROSS JOIN context_features AS c ON c.id = i.pkid
    WHERE i.xmin <= ? AND i.xmax >= ? AND i.ymin <= ? AND i.ymax >= ?
    ORDER BY c.id)sql";

std::optional<std::string_view> view(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return std::string_view(*text);
}

// A row as read, owning its texts and outline.
struct StoredRow {
    std::int64_t id = 0;
    std::string code, kind, status;
    std::optional<std::string> name, land_use, park;
    std::optional<double> area_m2, floor_area_m2, rent, power_kva;
    int fit = 100;
    geo::LonLatBox box{};
    std::string wkb;  // empty unless the outlines came with the rows
};

StoredRow read_row(const store::Statement& rows, bool with_shapes) {
    StoredRow row;
    row.id = rows.column_int64(kId);
    row.code = rows.column_text(kCode);
    row.kind = rows.column_text(kKind);
    row.status = rows.column_text(kStatus);
    row.name = rows.optional_text(kName);
    row.land_use = rows.optional_text(kLandUse);
    row.park = rows.optional_text(kPark);
    row.area_m2 = rows.optional_double(kArea);
    row.floor_area_m2 = rows.optional_double(kFloorArea);
    row.rent = rows.optional_double(kRent);
    row.power_kva = rows.optional_double(kPower);
    row.box = {rows.column_double(kXmin), rows.column_double(kYmin), rows.column_double(kXmax), rows.column_double(kYmax)};
    row.fit = static_cast<int>(rows.column_int64(kFit));
    if (with_shapes) {
        const auto blob = rows.column_blob(kWkb);
        row.wkb.assign(reinterpret_cast<const char*>(blob.data()), blob.size());
    }
    return row;
}

// The rows, read whole when the query runs (the filter is in the SQL: every
// candidate matches). Outlines not read with them are read one by one when
// asked for, on the source's thread.
class SqliteRows final : public ParcelRows {
public:
    SqliteRows(store::Database& db, std::vector<StoredRow> rows, bool with_shapes)
        : db_(db), rows_(std::move(rows)), with_shapes_(with_shapes) {}

    std::size_t size() const override { return rows_.size(); }

    std::optional<ParcelRow> row(std::size_t k) const override {
        const StoredRow& r = rows_[k];
        ParcelRow row{r.id, r.code, r.kind, r.status, view(r.name), view(r.land_use), view(r.park)};
        row.area_m2 = r.area_m2;
        row.floor_area_m2 = r.floor_area_m2;
        row.rent_yuan_m2_month = r.rent;
        row.power_kva = r.power_kva;
        row.fit = r.fit;
        row.box = r.box;
        row.centre = geo::to_mercator((r.box.west + r.box.east) / 2, (r.box.south + r.box.north) / 2);
        return row;
    }

    Shape shape(std::size_t k) const override {
        StoredRow& r = rows_[k];
        if (!with_shapes_ && r.wkb.empty()) r.wkb = outline(r.id);
        return {nullptr, r.wkb};
    }

    bool shareable() const override { return with_shapes_; }  // else shape() reads and writes

private:
    std::string outline(std::int64_t id) const {
        if (!outline_query_) outline_query_.emplace(db_.prepare("SELECT AsBinary(geom) FROM parcels WHERE id = ?"));
        store::Statement& query = *outline_query_;
        query.bind(1, id);
        std::string wkb;
        if (query.step()) {
            const auto blob = query.column_blob(0);
            wkb.assign(reinterpret_cast<const char*>(blob.data()), blob.size());
        }
        query.reset();
        return wkb;
    }

    store::Database& db_;
    mutable std::vector<StoredRow> rows_;
    bool with_shapes_;
    mutable std::optional<store::Statement> outline_query_;
};

}  // namespace

std::unique_ptr<ParcelRows> SqliteSource::parcels_in(const geo::LonLatBox& box, const ParcelQuery& query, bool with_shapes) const {
    const filter::SqlCondition condition = filter::to_sql(query.filter, query.visible_statuses);
    auto statement = db_.prepare(parcel_query(condition, with_shapes));
    store::bind_box(statement, box);
    filter::bind_condition(statement, condition, 5);
    std::vector<StoredRow> rows;
    while (statement.step()) rows.push_back(read_row(statement, with_shapes));
    return std::make_unique<SqliteRows>(db_, std::move(rows), with_shapes);
}

void SqliteSource::for_each_context(const geo::LonLatBox& box, const std::function<void(const ContextRow&)>& visit) const {
    auto rows = db_.prepare(kContextQuery);
    store::bind_box(rows, box);
    while (rows.step()) {
        const std::string layer = rows.column_text(0);
        const std::string name = rows.is_null(1) ? "" : rows.column_text(1);
        const auto blob = rows.column_blob(2);
        visit({layer, name, {nullptr, std::string_view(reinterpret_cast<const char*>(blob.data()), blob.size())}});
    }
}

}  // namespace investmap::source
