#include "store/parcel_query.hpp"

namespace investmap::store {
namespace {

// "p.id IN (R*Tree candidates) AND ST_Intersects(…)" for a bbox, else "1".
std::string bbox_sql(const std::optional<geo::LonLatBox>& bbox) {
    if (!bbox) return "1";
    return "p.id IN (SELECT pkid FROM idx_parcels_geom WHERE xmin <= ? AND xmax >= ? AND ymin <= ? AND ymax >= ?) "
           "AND ST_Intersects(p.geom, BuildMbr(?, ?, ?, ?, 4326))";
}

int bind_all(Statement& statement, const filter::SqlCondition& condition, const std::optional<geo::LonLatBox>& bbox) {
    int parameter = 1;
    if (bbox) {
        for (double value : {bbox->east, bbox->west, bbox->north, bbox->south,    // R*Tree candidates
                             bbox->west, bbox->south, bbox->east, bbox->north}) {  // BuildMbr
            statement.bind(parameter++, value);
        }
    }
    return filter::bind_condition(statement, condition, parameter);
}

// The parcel's columns, then the fit score when the condition joins it.
std::string listed_columns(const filter::SqlCondition& condition) {
    return stored_parcel_columns("p.") + (condition.joins_fit ? ", fit.score" : "");
}

ListedParcel read_listed_parcel(const Statement& row, const filter::SqlCondition& condition, int fit_column) {
    ListedParcel listed{read_stored_parcel(row), std::nullopt};
    if (condition.joins_fit) listed.fit = static_cast<int>(row.column_int64(fit_column));
    return listed;
}

// After the attributes, geometry, version, updated_at, updated_by and photos.
int fit_column_index() { return static_cast<int>(kParcelFields.size()) + 5; }

std::string order_sql(SortOrder order) {
    switch (order) {
        case SortOrder::area_descending: return " ORDER BY coalesce(p.area_m2, p.floor_area_m2) DESC, p.id";
        case SortOrder::area_ascending: return " ORDER BY coalesce(p.area_m2, p.floor_area_m2), p.id";
        case SortOrder::fit_descending: return " ORDER BY fit.score DESC, p.id";
        case SortOrder::fit_ascending: return " ORDER BY fit.score, p.id";
        case SortOrder::code: return " ORDER BY p.code";
        case SortOrder::id: break;
    }
    return " ORDER BY p.id";
}

}  // namespace

std::string parcels_from(const filter::SqlCondition& condition) {
    return " FROM parcels AS p" + std::string(condition.joins_fit ? filter::kFitJoin : " ");
}

std::string parcels_in_box(const filter::SqlCondition& condition) {
    std::string sql = " FROM idx_parcels_geom AS i CROSS JOIN parcels AS p ON p.id = i.pkid";
    if (condition.joins_fit) sql += " CROSS" + std::string(filter::kFitJoin);
    return sql + " WHERE i.xmin <= ? AND i.xmax >= ? AND i.ymin <= ? AND i.ymax >= ? AND " + condition.sql;
}

void bind_box(Statement& statement, const geo::LonLatBox& box) {
    statement.bind(1, box.east).bind(2, box.west).bind(3, box.north).bind(4, box.south);
}

ParcelListing list_parcels(Database& db, const filter::SqlCondition& condition, const std::optional<geo::LonLatBox>& bbox,
                           std::int64_t limit, std::int64_t offset, SortOrder order) {
    // The condition's column names are unqualified; "p" is the only table here.
    const std::string where = parcels_from(condition) + " WHERE " + bbox_sql(bbox) + " AND " + condition.sql;
    ParcelListing listing;
    auto count = db.prepare("SELECT count(*)" + where);
    bind_all(count, condition, bbox);
    count.step();
    listing.matched = count.column_int64(0);
    auto page = db.prepare("SELECT " + listed_columns(condition) + where + order_sql(order) + " LIMIT ? OFFSET ?");
    const int parameter = bind_all(page, condition, bbox);
    page.bind(parameter, limit).bind(parameter + 1, offset);
    while (page.step()) listing.parcels.push_back(read_listed_parcel(page, condition, fit_column_index()));
    return listing;
}

std::optional<ListedParcel> find_parcel(Database& db, std::string_view code, const filter::SqlCondition& condition) {
    auto statement = db.prepare("SELECT " + listed_columns(condition) + parcels_from(condition) + " WHERE p.code = ? AND " + condition.sql);
    statement.bind(1, code);
    filter::bind_condition(statement, condition, 2);
    if (!statement.step()) return std::nullopt;
    return read_listed_parcel(statement, condition, fit_column_index());
}

std::optional<geo::LonLatBox> parcel_extent(Database& db, std::span<const std::string_view> statuses) {
    if (statuses.empty()) return std::nullopt;
    std::string places = "?";
    for (std::size_t i = 1; i < statuses.size(); ++i) places += ",?";
    auto statement = db.prepare(
        "SELECT min(r.xmin), min(r.ymin), max(r.xmax), max(r.ymax) FROM idx_parcels_geom r JOIN parcels p ON p.rowid = r.pkid "
        "WHERE p.status IN (" + places + ")");
    for (std::size_t i = 0; i < statuses.size(); ++i) statement.bind(static_cast<int>(i + 1), statuses[i]);
    statement.step();
    if (statement.is_null(0)) return std::nullopt;
    return geo::LonLatBox{statement.column_double(0), statement.column_double(1), statement.column_double(2), statement.column_double(3)};
}

std::optional<double> heaviest_parcel_weight(Database& db, const filter::SqlCondition& condition) {
    const std::string fit = condition.joins_fit ? " * fit.score / 100.0" : "";
    auto statement = db.prepare("SELECT max(coalesce(p.area_m2, p.floor_area_m2, 0)" + fit + ")" + parcels_from(condition) +
                                " WHERE " + condition.sql);
    filter::bind_condition(statement, condition, 1);
    statement.step();
    if (statement.is_null(0)) return std::nullopt;
    return statement.column_double(0);
}

std::optional<geo::LonLatBox> context_extent(Database& db) {
    auto statement = db.prepare("SELECT min(xmin), min(ymin), max(xmax), max(ymax) FROM idx_context_features_geom");
    statement.step();
    if (statement.is_null(0)) return std::nullopt;
    return geo::LonLatBox{statement.column_double(0), statement.column_double(1), statement.column_double(2), statement.column_double(3)};
}

}  // namespace investmap::store
