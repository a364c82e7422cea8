#pragma once
// Keeps the memory index of parcels (core/index) in step with the database.
// A tile uses the index only when the index is of the data version the tile
// request just read; otherwise the tile comes from SQLite, always correct,
// while a background thread builds the index of the new version. So an edit
// shows in the very next tile, and a quiet map is served from memory.
#include "index/parcel_index.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>

namespace investmap::server {

class ParcelIndexKeeper {
public:
    ParcelIndexKeeper(std::string db_path, std::ostream& log);
    ~ParcelIndexKeeper();
    ParcelIndexKeeper(const ParcelIndexKeeper&) = delete;
    ParcelIndexKeeper& operator=(const ParcelIndexKeeper&) = delete;

    // Starts the thread that builds the index, the first one at once (the
    // server listens meanwhile, tiles from SQLite), then after each change.
    // A failure is logged; tiles then come from SQLite.
    void start();
    // The index of `data_version`, or nullptr (and a rebuild is asked for);
    // always nullptr when the keeper was never started.
    std::shared_ptr<const index::ParcelIndex> at(std::int64_t data_version);
    // The newest index built, whatever its version (nullptr before the
    // first, and when never started).
    std::shared_ptr<const index::ParcelIndex> latest();

private:
    void build();
    void rebuild_when_asked();

    std::string db_path_;
    std::ostream& log_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::shared_ptr<const index::ParcelIndex> current_;
    bool wanted_ = false;
    std::chrono::steady_clock::time_point retry_after_{};
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace investmap::server
