#pragma once
// The server's services, made once at start. Routes take the few they use
// (routes/routes.hpp), so a route's signature says what it touches.
#include "auth/authenticator.hpp"
#include "config.hpp"
#include "industries_in_force.hpp"
#include "metrics.hpp"
#include "parcel_index_keeper.hpp"
#include "shared_database.hpp"
#include "tile_cache.hpp"

#include "mvt/drawing_helpers.hpp"

#include <ostream>
#include <string>

namespace investmap::server {

// What tiles and static maps are made from and kept in: the memory index,
// the cache, and the helpers that draw part of a large tile.
struct Tiles {
    Tiles(const ServerConfig& config, const std::string& db_path, std::ostream& log)
        : cache(config.cache_bytes), index(db_path, log), helpers(worker_threads(config) - 1) {}

    TileCache cache;
    ParcelIndexKeeper index;  // started by serve when config.memory_index
    // One thread fewer than the workers, so `threads = 1` keeps the server on one core.
    mvt::DrawingHelpers helpers;
};

struct App {
    App(ServerConfig settings, std::string db_path, std::ostream& log)
        : config(std::move(settings)), database(std::move(db_path)), tiles(config, database.path(), log) {}

    const ServerConfig config;
    SharedDatabase database;
    IndustriesInForce industries;
    Tiles tiles;
    SignInGuard sign_in;
    Metrics metrics;
};

}  // namespace investmap::server
