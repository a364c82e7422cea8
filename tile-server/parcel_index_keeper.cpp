#include "parcel_index_keeper.hpp"
#include "log_line.hpp"

#include "store/schema.hpp"

#include <chrono>
#include <exception>

namespace investmap::server {
namespace {

// Edits come in bursts (a form saved, a batch of statuses): wait this long
// after a change before rebuilding, so one rebuild covers the burst.
constexpr auto kSettle = std::chrono::milliseconds(200);
// After a failed build (a geometry the index cannot read, say), tiles come
// from SQLite and the next attempt waits this long: no busy retrying.
constexpr auto kRetryAfterFailure = std::chrono::seconds(30);

}  // namespace

ParcelIndexKeeper::ParcelIndexKeeper(std::string db_path, std::ostream& log) : db_path_(std::move(db_path)), log_(log) {}

ParcelIndexKeeper::~ParcelIndexKeeper() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void ParcelIndexKeeper::start() {
    std::lock_guard lock(mutex_);
    wanted_ = true;  // the first build, at once: tiles come from SQLite until it is ready
    worker_ = std::thread([this] { rebuild_when_asked(); });
}

std::shared_ptr<const index::ParcelIndex> ParcelIndexKeeper::latest() {
    std::lock_guard lock(mutex_);
    return current_;
}

std::shared_ptr<const index::ParcelIndex> ParcelIndexKeeper::at(std::int64_t data_version) {
    std::lock_guard lock(mutex_);
    if (!worker_.joinable()) return nullptr;  // never started: memory_index = false
    if (current_ && current_->data_version() == data_version) return current_;
    // A request that read the version just before a newer index came needs
    // no rebuild: the next request will find the index.
    const bool may_retry = std::chrono::steady_clock::now() >= retry_after_;
    if (!wanted_ && may_retry && (!current_ || current_->data_version() < data_version)) {
        wanted_ = true;
        wake_.notify_one();
    }
    return nullptr;
}

void ParcelIndexKeeper::build() {
    const auto started = std::chrono::steady_clock::now();
    try {
        // Its own connection, without mmap: reading every parcel through a
        // mapping would leave the whole file counted in the server's memory.
        const auto db = store::open_store(db_path_, store::OpenMode::read_only);
        std::shared_ptr<const index::ParcelIndex> previous;
        {
            std::lock_guard lock(mutex_);
            previous = current_;
        }
        auto index = previous ? index::ParcelIndex::refresh(*db, previous) : index::ParcelIndex::load(*db);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        std::lock_guard lock(mutex_);
        if (!current_) {  // the first one; later rebuilds are routine
            log_line(log_, "内存索引 memory index: " + std::to_string(index->size()) + " 地块 parcels, " + std::to_string(ms.count()) + " ms");
        }
        current_ = std::move(index);
    } catch (const std::exception& error) {
        {
            std::lock_guard lock(mutex_);
            retry_after_ = std::chrono::steady_clock::now() + kRetryAfterFailure;
        }
        log_line(log_, std::string("内存索引未能建立，瓦片改由数据库生成 / memory index not built, tiles come from the database: ") + error.what());
    }
}

void ParcelIndexKeeper::rebuild_when_asked() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return wanted_ || stopping_; });
        if (stopping_) return;
        if (current_) wake_.wait_for(lock, kSettle, [this] { return stopping_; });
        if (stopping_) return;
        wanted_ = false;
        lock.unlock();
        build();
        lock.lock();
    }
}

}  // namespace investmap::server
