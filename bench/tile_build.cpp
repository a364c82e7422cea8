// investmap-tile-build: builds a list of tiles in-process, from the memory
// index the server uses, with no HTTP and no cache, and prints how long that
// took. bench/run gives it the tiles of its sweep: the figure is the floor
// under the sweep's time, what is left once every transport cost is gone.
//
//   investmap-tile-build --db DB --tiles FILE [--filter QUERY] [--parcel-zoom Z] [--repeat N] [--helpers N] [--digest]
//
// FILE holds one "z x y" a line. QUERY is a tile URL's filter
// (status=available&land_use=M1,M2). --helpers: threads that help draw a
// large tile, as many as the server has (one fewer than its threads; by
// default one fewer than the cores). Prints one JSON line:
// {"tiles": n, "bytes": total, "seconds": fastest of the repeats, "index_seconds": load time}.
// --digest adds "digest": a hash of every tile's bytes, built once more
// after the timed runs, to show a change to the tile path left them alone.
#include "filter/filter.hpp"
#include "geo/tile.hpp"
#include "index/parcel_index.hpp"
#include "index/parcel_matcher.hpp"
#include "mvt/parcel_tile.hpp"
#include "source/memory_source.hpp"
#include "store/sqlite.hpp"
#include "tile-server/config.hpp"
#include "text/url_query.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace investmap;
using Clock = std::chrono::steady_clock;

std::vector<geo::TileId> read_tiles(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<geo::TileId> tiles;
    long long z = 0, x = 0, y = 0;
    while (in >> z >> x >> y) {
        const auto tile = geo::make_tile(z, x, y);
        if (!tile) throw std::runtime_error("not a tile: " + std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y));
        tiles.push_back(*tile);
    }
    return tiles;
}

// Builds each tile as the server does for an anonymous request (a matcher
// per tile, as the server makes one per request) and hands it to `use`.
template <typename Use>
void build_each(const index::ParcelIndex& parcels, const std::vector<geo::TileId>& tiles, const filter::Filter& wanted,
                std::span<const std::string_view> statuses, const mvt::TileSettings& settings,
                mvt::DrawingHelpers& helpers, Use&& use) {
    for (const geo::TileId& tile : tiles) {
        use(mvt::build_parcel_tile(source::MemorySource(parcels), tile, {wanted, statuses}, settings, &helpers));
    }
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"builds tiles in-process from the memory index and times it (bench/run)"};
    std::string db_path, tiles_path, query;
    int parcel_zoom = 12;
    int repeats = 3;
    bool with_digest = false;
    unsigned helper_threads = std::max(1u, std::thread::hardware_concurrency()) - 1;
    app.add_option("--db", db_path, "database")->required();
    app.add_option("--tiles", tiles_path, "file of \"z x y\" lines")->required();
    app.add_option("--filter", query, "a tile URL's filter, e.g. status=available&land_use=M1,M2");
    app.add_option("--parcel-zoom", parcel_zoom, "first zoom with parcel polygons (the server's parcel_zoom)");
    app.add_option("--repeat", repeats, "runs; the fastest is reported")->check(CLI::Range(1, 100));
    app.add_option("--helpers", helper_threads, "threads that help draw large tiles (default: cores − 1)")->check(CLI::Range(0u, 64u));
    app.add_flag("--digest", with_digest, "also print a hash of the tiles' bytes");
    CLI11_PARSE(app, argc, argv);

    try {
        const std::vector<geo::TileId> tiles = read_tiles(tiles_path);
        store::Database db(db_path, store::OpenMode::read_only);
        const auto load_started = Clock::now();
        const auto parcels = index::ParcelIndex::load(db);
        const double index_seconds = seconds_since(load_started);

        // Parsed as the server parses a tile URL's query; seen as an anonymous caller sees it.
        const filter::Filter wanted = filter::parse_filter(text::parse_query(query));
        const server::ServerConfig defaults;
        const std::vector<std::string_view> public_statuses(defaults.public_statuses.begin(), defaults.public_statuses.end());
        mvt::TileSettings settings;
        settings.parcel_zoom = parcel_zoom;
        mvt::DrawingHelpers helpers(helper_threads);
        double fastest = std::numeric_limits<double>::infinity();
        std::size_t bytes = 0;
        for (int run = 0; run < repeats; ++run) {
            bytes = 0;
            const auto started = Clock::now();
            build_each(*parcels, tiles, wanted, public_statuses, settings, helpers, [&](const std::string& tile) { bytes += tile.size(); });
            fastest = std::min(fastest, seconds_since(started));
        }
        std::printf("{\"tiles\": %zu, \"bytes\": %zu, \"seconds\": %.4f, \"index_seconds\": %.3f", tiles.size(), bytes,
                    fastest, index_seconds);
        if (with_digest) {
            // FNV-1a over the tiles in order, each preceded by its size; built once more, untimed.
            std::uint64_t digest = 14695981039346656037ULL;
            const auto mix = [&](std::string_view bytes_in) {
                for (const char c : bytes_in) digest = (digest ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
            };
            build_each(*parcels, tiles, wanted, public_statuses, settings, helpers, [&](const std::string& tile) {
                mix(std::to_string(tile.size()) + ":");
                mix(tile);
            });
            std::printf(", \"digest\": \"%016llx\"", static_cast<unsigned long long>(digest));
        }
        std::printf("}\n");
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "错误 error: %s\n", error.what());
        return 1;
    }
}
