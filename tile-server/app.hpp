#pragma once
// What every route shares: settings, the database path (one read-only
// connection per thread), the tile cache and the metrics.
#include "config.hpp"
#include "metrics.hpp"
#include "tile_cache.hpp"

#include "store/sqlite.hpp"

#include <string>

namespace investmap::server {

struct App {
    App(ServerConfig settings, std::string database) : config(std::move(settings)), db_path(std::move(database)), cache(config.cache_bytes) {}

    ServerConfig config;
    std::string db_path;
    TileCache cache;
    Metrics metrics;

    // This thread's connection (SQLite connections are not shared between threads).
    store::Database& db() const;
    // The database's data version, through this thread's prepared statement:
    // read on every tile request, so an edit by any process shows at once.
    std::int64_t data_version() const;
};

}  // namespace investmap::server
