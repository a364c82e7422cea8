#pragma once
// Finished responses kept in memory, least recently used out first, bounded
// in bytes. Keys hold everything that changes the bytes: tile, canonical
// filter, role and data version, so an edit never meets a stale entry.
#include <array>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace investmap::server {

// One coding of a tile: `identity` or `gzip` is filled, the other empty.
struct CachedBody {
    std::string identity;
    std::string gzip;
};

class TileCache {
public:
    explicit TileCache(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

    std::shared_ptr<const CachedBody> find(const std::string& key);
    void insert(const std::string& key, std::shared_ptr<const CachedBody> body);
    // Keeps `body` only when its key was offered before, recently: a tile
    // asked for once (a crawler's, a sweep's, a pan across the district)
    // neither pushes out the tiles people keep looking at nor costs fresh
    // memory, which on a cold cache is most of a small tile's cost (page
    // faults). Returns whether it was kept.
    bool offer(const std::string& key, std::shared_ptr<const CachedBody> body);
    std::size_t bytes() const;

private:
    using Order = std::list<std::string>;
    struct Entry {
        std::shared_ptr<const CachedBody> body;
        Order::iterator position;
        std::size_t bytes;
    };
    mutable std::mutex mutex_;
    std::size_t capacity_;
    std::size_t bytes_ = 0;
    Order order_;  // most recent first
    std::unordered_map<std::string, Entry> entries_;
    // Keys offered once, by hash: a direct-mapped table, so a key is
    // forgotten when another with the same slot comes (it then waits for
    // a third request), and it never grows.
    static constexpr std::size_t kSeenSlots = 1 << 16;
    std::unique_ptr<std::array<std::uint64_t, kSeenSlots>> seen_ = std::make_unique<std::array<std::uint64_t, kSeenSlots>>();
};

}  // namespace investmap::server
