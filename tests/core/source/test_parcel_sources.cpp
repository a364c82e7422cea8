// The two parcel sources give the same rows: for hundreds of random
// filters, boxes and visibilities over parcels with missing values,
// mixed-case text and scores (and filters naming texts no parcel has), the
// memory index (its matcher) and SQLite (filter::to_sql) find the same
// parcels in the same order, with the same attributes, fit and outline,
// and the same context.
#include "source/memory_source.hpp"
#include "source/sqlite_source.hpp"

#include "fit/fit_store.hpp"
#include "index/parcel_index.hpp"
#include "store/parcel_store.hpp"
#include "store/schema.hpp"
#include "geos_wkb.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <random>
#include <vector>

using namespace investmap;
using investmap::testing::TempDir;
using store::field;

namespace {

constexpr std::array<std::string_view, 6> kAllStatuses = {"available", "negotiating", "reserved", "signed", "settled", "withdrawn"};
constexpr std::array<std::string_view, 2> kPublic = {"available", "negotiating"};

template <typename T>
const T& pick(const std::vector<T>& items, std::mt19937& random) {
    return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(random)];
}

bool coin(std::mt19937& random, double chance = 0.5) { return std::bernoulli_distribution(chance)(random); }

std::string square(double west, double south, double side) {
    const std::string w = std::to_string(west), s = std::to_string(south), e = std::to_string(west + side),
                      n = std::to_string(south + side);
    return "POLYGON ((" + w + " " + s + ", " + e + " " + s + ", " + e + " " + n + ", " + w + " " + n + ", " + w + " " + s + "))";
}

store::ParcelRecord random_parcel(int number, std::mt19937& random) {
    store::ParcelRecord record;
    record[field("code")] = "Park-" + std::to_string(number);
    record[field("kind")] = pick<std::string>({"land", "factory", "office"}, random);
    record[field("status")] = std::string(kAllStatuses[number % kAllStatuses.size()]);
    if (coin(random, 0.8)) record[field("land_use")] = pick<std::string>({"M1", "M2", "W1", "B2"}, random);
    if (coin(random, 0.8)) record[field("park")] = pick<std::string>({"金山工业区", "Nanjiang Hub", "海峡园"}, random);
    if (coin(random, 0.7)) record[field("name")] = pick<std::string>({"标准厂房 A", "Smart Tower", "SMART lab", "仓库"}, random);
    if (coin(random, 0.5)) record[field("address")] = pick<std::string>({"福峡路 208 号", "Harbour Rd 5"}, random);
    if (coin(random, 0.8)) record[field("area_m2")] = std::uniform_real_distribution<double>(100, 20000)(random);
    if (coin(random, 0.6)) record[field("rent_yuan_m2_month")] = std::uniform_real_distribution<double>(10, 80)(random);
    if (coin(random, 0.6)) record[field("power_kva")] = std::uniform_real_distribution<double>(50, 2000)(random);
    if (coin(random, 0.6)) record[field("available_from")] = pick<std::string>({"2026-01-01", "2026-12-31", "2027-06-30"}, random);
    // Squares of 20–200 m, and a few points, over about 2 × 2 km.
    const double west = std::uniform_real_distribution<double>(119.29, 119.31)(random);
    const double south = std::uniform_real_distribution<double>(26.02, 26.04)(random);
    const double side = std::uniform_real_distribution<double>(0.0002, 0.002)(random);
    record.wkb = testing::wkb_from_wkt(coin(random, 0.1) ? "POINT (" + std::to_string(west) + " " + std::to_string(south) + ")"
                                                         : square(west, south, side));
    return record;
}

filter::Filter random_filter(std::mt19937& random) {
    filter::Filter f;
    if (coin(random, 0.3)) f.statuses = {pick<std::string>({"available", "signed", "withdrawn", "negotiating"}, random)};
    if (coin(random, 0.3)) f.kinds = {pick<std::string>({"land", "factory", "office"}, random), "office"};
    // R9 and 无此园区: values no parcel has (the matcher compares the index's shared copies).
    if (coin(random, 0.3)) f.land_uses = {pick<std::string>({"M1", "M2", "B2", "R9"}, random)};
    if (coin(random, 0.2)) f.parks = {pick<std::string>({"金山工业区", "Nanjiang Hub", "无此园区"}, random)};
    if (coin(random, 0.3)) f.area_min = std::uniform_real_distribution<double>(0, 15000)(random);
    if (coin(random, 0.2)) f.area_max = std::uniform_real_distribution<double>(5000, 20000)(random);
    if (coin(random, 0.3)) f.rent_max = std::uniform_real_distribution<double>(10, 80)(random);
    if (coin(random, 0.3)) f.power_min = std::uniform_real_distribution<double>(0, 2000)(random);
    if (coin(random, 0.3)) f.available_by = pick<std::string>({"2026-06-01", "2026-12-31", "2028-01-01"}, random);
    if (coin(random, 0.3)) f.text = pick<std::string>({"smart", "厂房", "ARK-1", "harbour", "工业", "%", "_"}, random);
    if (coin(random, 0.4)) {
        f.industry = pick<std::string>({"logistics", "software", "unscored"}, random);
        if (coin(random)) f.min_fit = std::uniform_int_distribution<int>(0, 100)(random);
    }
    return f;
}

geo::LonLatBox random_box(std::mt19937& random) {
    const double west = std::uniform_real_distribution<double>(119.285, 119.315)(random);
    const double south = std::uniform_real_distribution<double>(26.015, 26.045)(random);
    const double width = std::uniform_real_distribution<double>(0.0005, 0.03)(random);
    return {west, south, west + width, south + width * std::uniform_real_distribution<double>(0.5, 2)(random)};
}

// What a row says, as one comparable value.
struct Seen {
    std::int64_t id;
    std::string code, kind, status;
    std::optional<std::string> name, land_use, park;
    std::optional<double> area_m2, floor_area_m2, rent, power_kva;
    int fit;
    double west, south, east, north, centre_x, centre_y;
    std::vector<geo::Mercator> outline;
    bool operator==(const Seen& other) const {
        const auto same_points = [](const std::vector<geo::Mercator>& a, const std::vector<geo::Mercator>& b) {
            return std::ranges::equal(a, b, [](geo::Mercator p, geo::Mercator q) { return p.x == q.x && p.y == q.y; });
        };
        return std::tie(id, code, kind, status, name, land_use, park, area_m2, floor_area_m2, rent, power_kva, fit, west, south, east,
                        north, centre_x, centre_y) ==
                   std::tie(other.id, other.code, other.kind, other.status, other.name, other.land_use, other.park, other.area_m2,
                            other.floor_area_m2, other.rent, other.power_kva, other.fit, other.west, other.south, other.east,
                            other.north, other.centre_x, other.centre_y) &&
               same_points(outline, other.outline);
    }
};

std::optional<std::string> owned(const std::optional<std::string_view>& text) {
    return text ? std::optional<std::string>(*text) : std::nullopt;
}

std::vector<Seen> seen(const source::ParcelSource& source, const geo::LonLatBox& box, const source::ParcelQuery& query) {
    const auto rows = source.parcels_in(box, query, true);
    std::vector<Seen> out;
    for (std::size_t k = 0; k < rows->size(); ++k) {
        const auto row = rows->row(k);
        if (!row) continue;
        const source::Shape shape = rows->shape(k);
        const geo::ProjectedShape outline = shape.projected ? *shape.projected : geo::project_wkb(shape.wkb);
        out.push_back({row->id, std::string(row->code), std::string(row->kind), std::string(row->status), owned(row->name),
                       owned(row->land_use), owned(row->park), row->area_m2, row->floor_area_m2, row->rent_yuan_m2_month,
                       row->power_kva, row->fit, row->box.west, row->box.south, row->box.east, row->box.north, row->centre.x,
                       row->centre.y, outline.points});
    }
    return out;
}

std::vector<std::string> context_seen(const source::ParcelSource& source, const geo::LonLatBox& box) {
    std::vector<std::string> out;
    source.for_each_context(box, [&](const source::ContextRow& row) {
        const geo::ProjectedShape shape = row.shape.projected ? *row.shape.projected : geo::project_wkb(row.shape.wkb);
        out.push_back(std::string(row.layer) + "/" + std::string(row.name) + "/" + std::to_string(shape.points.size()));
    });
    return out;
}

struct District {
    TempDir dir;
    std::unique_ptr<store::Database> db = store::open_store(dir.file("db.sqlite"), store::OpenMode::create);

    explicit District(std::mt19937& random) {
        store::ParcelStore store(*db);
        for (int i = 0; i < 400; ++i) store.insert(random_parcel(i, random), "test", "2026-11-26T00:00:00Z");
        fit::IndustryProfiles profiles;
        profiles.industries.push_back({.id = "logistics", .kinds = {{"land", 1.0}, {"factory", 0.6}}, .power_min_kva = 800});
        profiles.industries.push_back({.id = "software", .kinds = {{"office", 1.0}}, .rent_max_yuan_m2_month = 50});
        fit::rescore_all(*db, profiles);
        for (const auto& [layer, wkt] : {std::pair{"water", "POLYGON ((119.29 26.02, 119.30 26.02, 119.30 26.025, 119.29 26.02))"},
                                         std::pair{"roads", "LINESTRING (119.28 26.03, 119.32 26.031)"},
                                         std::pair{"boundary", "LINESTRING (119.28 26.01, 119.32 26.01, 119.32 26.05)"}}) {
            db->prepare("INSERT INTO context_features (layer, name, geom) VALUES (?, ?, GeomFromText(?, 4326))")
                .bind(1, layer).bind(2, std::string(layer) == "roads" ? "福峡路" : "").bind(3, wkt).run();
        }
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(random_queries_give_the_same_rows_from_memory_and_from_sqlite) {
    std::mt19937 random(2026);
    District district(random);
    const auto parcels = index::ParcelIndex::load(*district.db);
    const source::MemorySource memory(*parcels);
    const source::SqliteSource sqlite(*district.db);
    std::size_t non_empty = 0;
    for (int round = 0; round < 600; ++round) {
        const filter::Filter wanted = random_filter(random);
        const std::span<const std::string_view> visible = coin(random) ? std::span<const std::string_view>(kPublic)
                                                                       : std::span<const std::string_view>(kAllStatuses);
        const geo::LonLatBox box = coin(random, 0.2) ? geo::LonLatBox{-180, -90, 180, 90} : random_box(random);
        const source::ParcelQuery query{wanted, visible};
        const auto from_memory = seen(memory, box, query);
        const auto from_sqlite = seen(sqlite, box, query);
        BOOST_REQUIRE_MESSAGE(from_memory == from_sqlite, "filter " << filter::canonical_query(wanted) << ": " << from_memory.size()
                                                                    << " rows from memory, " << from_sqlite.size() << " from SQLite");
        BOOST_REQUIRE(std::ranges::is_sorted(from_sqlite, {}, &Seen::id));
        BOOST_REQUIRE((context_seen(memory, box) == context_seen(sqlite, box)));
        non_empty += from_sqlite.empty() ? 0 : 1;
    }
    BOOST_TEST(non_empty > 100u);  // the queries were not all too strict to mean anything
}

BOOST_AUTO_TEST_CASE(outlines_not_read_with_the_rows_are_read_when_asked) {
    std::mt19937 random(7);
    District district(random);
    const source::SqliteSource sqlite(*district.db);
    const filter::Filter everything;
    const source::ParcelQuery query{everything, kAllStatuses};
    const auto without = sqlite.parcels_in({-180, -90, 180, 90}, query, false);
    const auto with = sqlite.parcels_in({-180, -90, 180, 90}, query, true);
    BOOST_REQUIRE_EQUAL(without->size(), 400u);
    BOOST_TEST(!without->shareable());  // it reads outlines on its thread
    BOOST_TEST(with->shareable());
    for (std::size_t k = 0; k < without->size(); k += 37) BOOST_TEST(without->shape(k).wkb == with->shape(k).wkb);
}
