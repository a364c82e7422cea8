#include "tile_cache.hpp"

namespace investmap::server {

std::shared_ptr<const CachedBody> TileCache::find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second.body;
}

void TileCache::insert(const std::string& key, std::shared_ptr<const CachedBody> body) {
    const std::size_t size = key.size() + body->identity.size() + body->gzip.size();
    if (size > capacity_) return;
    std::lock_guard lock(mutex_);
    if (entries_.contains(key)) return;
    while (bytes_ + size > capacity_ && !order_.empty()) {
        auto oldest = entries_.find(order_.back());
        bytes_ -= oldest->second.bytes;
        entries_.erase(oldest);
        order_.pop_back();
    }
    order_.push_front(key);
    entries_.emplace(key, Entry{std::move(body), order_.begin(), size});
    bytes_ += size;
}

bool TileCache::offer(const std::string& key, std::shared_ptr<const CachedBody> body) {
    const std::uint64_t hash = std::hash<std::string>{}(key) | 1;  // 0 marks an empty slot
    {
        std::lock_guard lock(mutex_);
        std::uint64_t& slot = (*seen_)[hash % kSeenSlots];
        if (slot != hash) {
            slot = hash;
            return false;
        }
        slot = 0;
    }
    insert(key, std::move(body));
    return true;
}

std::size_t TileCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

}  // namespace investmap::server
