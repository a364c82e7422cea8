// A whole tile from a real SpatiaLite file: from SQLite and from the memory
// index, and from the memory index with a helper thread writing part of a
// large tile, the bytes are the same (a tile's ETag promises as much).
#include "mvt/parcel_tile.hpp"
#include "source/memory_source.hpp"
#include "source/sqlite_source.hpp"

#include "mvt/drawing_helpers.hpp"
#include "geos_wkb.hpp"
#include "temp_district.hpp"

#include <boost/test/unit_test.hpp>

#include <array>
#include <cmath>
#include <future>
#include <numbers>
#include <random>

using namespace investmap;
using store::field;

namespace {

// A z12 tile at about 119.2° E, 26° N, and the lon/lat box it covers.
geo::TileId tile_at(double lon, double lat, int z) {
    const double n = std::exp2(z), radians = lat * std::numbers::pi / 180.0;
    const auto x = static_cast<long long>((lon + 180.0) / 360.0 * n);
    const auto y = static_cast<long long>((1.0 - std::asinh(std::tan(radians)) / std::numbers::pi) / 2.0 * n);
    return *geo::make_tile(z, x, y);
}

// Small squares over the tile, some across its edge, with the attributes a
// tile carries: names that repeat and some that do not, land uses and parks
// some parcels lack, rents and power for a few.
store::ParcelRecord parcel(int number, const geo::LonLatBox& tile, std::mt19937& random) {
    std::uniform_real_distribution<double> lon(tile.west - 0.002, tile.east), lat(tile.south - 0.002, tile.north),
        side(0.0003, 0.0015);
    const double west = lon(random), south = lat(random), size = side(random);
    store::ParcelRecord record;
    record[field("code")] = "T-" + std::to_string(number);
    record[field("kind")] = std::string(number % 3 == 0 ? "land" : number % 3 == 1 ? "factory" : "office");
    record[field("status")] = std::string(number % 4 ? "available" : "negotiating");
    record[field("area_m2")] = 500.0 + number % 700;
    if (number % 5) record[field("name")] = number % 2 ? "地块 " + std::to_string(number) : std::string("闲置厂房");
    if (number % 3) record[field("land_use")] = std::string(number % 2 ? "M1" : "M2");
    if (number % 7) record[field("park")] = "园区 " + std::to_string(number % 6);
    if (number % 11 == 0) record[field("rent_yuan_m2_month")] = 20.0 + number % 9;
    if (number % 13 == 0) record[field("power_kva")] = 400.0;
    const auto corner = [](double x, double y) { return std::to_string(x) + " " + std::to_string(y); };
    record.wkb = testing::wkb_from_wkt("POLYGON ((" + corner(west, south) + ", " + corner(west + size, south) + ", " +
                                       corner(west + size, south + size) + ", " + corner(west, south + size) + ", " +
                                       corner(west, south) + "))");
    return record;
}

const geo::TileId kTile = tile_at(119.2, 26.0, 12);

struct District : testing::TempDistrict {
    geo::TileId tile = kTile;
    explicit District(int parcels)
        : TempDistrict(parcels, [bounds = geo::lonlat_bounds(kTile), random = std::mt19937(12)](int number) mutable {
              return parcel(number, bounds, random);
          }) {}
};

const std::array<std::string_view, 2> kPublic{"available", "negotiating"};

mvt::TileSettings settings() {
    mvt::TileSettings settings;
    settings.parcel_zoom = 12;
    return settings;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_large_tile_has_the_same_bytes_alone_with_a_helper_and_from_sqlite) {
    District district(3000);
    const auto index = index::ParcelIndex::load(*district.db);
    mvt::DrawingHelpers helpers(1);
    for (const std::string_view status : {std::string_view(""), std::string_view("available")}) {
        filter::Filter wanted;
        if (!status.empty()) wanted.statuses = {std::string(status)};
        const source::ParcelQuery query{wanted, kPublic};
        const source::MemorySource memory(*index);
        const std::string alone = mvt::build_parcel_tile(memory, district.tile, query, settings());
        BOOST_TEST_INFO("status filter: " << status);
        BOOST_TEST(alone.size() > 100'000u);  // a few thousand parcels: large enough to share
        BOOST_TEST((alone == mvt::build_parcel_tile(source::SqliteSource(*district.db), district.tile, query, settings())));
        // The helper starts at a different moment each time, so it takes a
        // different share of the chunks: the bytes must not change.
        for (int run = 0; run < 30; ++run) {
            BOOST_TEST((alone == mvt::build_parcel_tile(memory, district.tile, query, settings(), &helpers)));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_helper_that_comes_after_the_tile_is_done_touches_nothing) {
    District district(1500);
    const auto index = index::ParcelIndex::load(*district.db);
    mvt::DrawingHelpers helpers(1);
    // Keep the one helper busy: the tile's offer is queued behind it, and
    // the tile is written alone and gone before the helper comes to it.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    BOOST_REQUIRE(helpers.offer([released] { released.wait(); }));
    std::string late;
    const filter::Filter everything;
    const source::ParcelQuery query{everything, kPublic};
    {
        const source::MemorySource memory(*index);
        late = mvt::build_parcel_tile(memory, district.tile, query, settings(), &helpers);
    }
    release.set_value();
    const source::MemorySource memory(*index);
    BOOST_TEST((late == mvt::build_parcel_tile(memory, district.tile, query, settings())));
    BOOST_TEST((late == mvt::build_parcel_tile(memory, district.tile, query, settings(), &helpers)));
}

BOOST_AUTO_TEST_CASE(helpers_refuse_work_when_there_are_none_or_all_are_asked_already) {
    mvt::DrawingHelpers none(0);
    BOOST_TEST(!none.offer([] {}));
    mvt::DrawingHelpers one(1);
    std::promise<void> started, release;
    std::shared_future<void> released = release.get_future().share();
    BOOST_REQUIRE(one.offer([&started, released] {
        started.set_value();
        released.wait();
    }));
    started.get_future().wait();                  // the helper is busy
    BOOST_TEST(one.offer([] {}));                 // one queued behind it
    BOOST_TEST(!one.offer([] {}));                // and no more
    release.set_value();
}
