#pragma once
// Finished responses kept in memory, least recently used out first, bounded
// in bytes. Keys hold everything that changes the bytes: tile, canonical
// filter, role and data version, so an edit never meets a stale entry.
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
};

}  // namespace investmap::server
