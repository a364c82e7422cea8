#pragma once
// What every route shares: settings, the database path (one read-only
// connection per thread), the tile cache and the metrics.
#include "auth/authenticator.hpp"
#include "config.hpp"
#include "metrics.hpp"
#include "parcel_index_keeper.hpp"
#include "tile_cache.hpp"

#include "fit/industry_profile.hpp"
#include "mvt/drawing_helpers.hpp"
#include "store/sqlite.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include <sys/types.h>
#include <string>

namespace investmap::server {

struct App {
    App(ServerConfig settings, std::string database, std::ostream& log)
        : config(std::move(settings)),
          db_path(std::move(database)),
          cache(config.cache_bytes),
          parcel_index(db_path, log),
          drawing_helpers(worker_threads(config) - 1),
          db_identity_(file_identity(db_path)) {}

    ServerConfig config;
    std::string db_path;
    TileCache cache;
    Metrics metrics;
    FailedAttempts failed_attempts;
    TokenUseNotes token_use;
    ParcelIndexKeeper parcel_index;  // started by serve when config.memory_index
    // Help a large tile draw while its worker writes it: one thread fewer
    // than the workers, so `threads = 1` keeps the server on one core.
    mvt::DrawingHelpers drawing_helpers;

    // This thread's connection (SQLite connections are not shared between threads).
    store::Database& db() const;
    // The database's data version, through this thread's prepared statement:
    // read on every tile request, so an edit by any process shows at once.
    std::int64_t data_version() const;
    // The data version and the public version (bumped only by changes
    // anonymous callers can see), read together.
    struct Versions {
        std::int64_t data = 0;
        std::int64_t published = 0;
    };
    Versions versions() const;

    // The industry profiles in force; replaced whole when the file changes.
    std::shared_ptr<const fit::IndustryProfiles> industries() const;
    void set_industries(std::shared_ptr<const fit::IndustryProfiles> profiles);

    // Runs `work` on the one writing connection, one writer at a time
    // (SQLite allows one anyway; the lock saves busy retries). Throws
    // HttpError 503 when the database file is not the one the server opened
    // (deleted or replaced), before the work and after it: a write that went
    // into a deleted file is never answered as saved. A full disk is a 507.
    void write(const std::function<void(store::Database&)>& work);

    // Whether the database path still names the file opened at start (same
    // device and inode, still linked): one stat(), so /healthz asks it on
    // every call.
    bool database_file_intact() const;

    // A file's device and inode; nullopt when it cannot be stat()ed.
    struct FileIdentity {
        dev_t device = 0;
        ino_t inode = 0;
        bool operator==(const FileIdentity&) const = default;
    };
    static std::optional<FileIdentity> file_identity(const std::string& path);

private:
    mutable std::mutex industries_mutex_;
    std::shared_ptr<const fit::IndustryProfiles> industries_ = std::make_shared<fit::IndustryProfiles>();
    std::mutex writer_mutex_;
    std::unique_ptr<store::Database> writer_;
    std::optional<FileIdentity> db_identity_;
};

}  // namespace investmap::server
