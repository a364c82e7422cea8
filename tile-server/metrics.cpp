#include "metrics.hpp"

#include <sstream>

namespace investmap::server {

void Metrics::record(const std::string& route, unsigned status, double seconds, std::size_t bytes) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    Latency& latency = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++latency.buckets[i];
    }
    ++latency.count;
    latency.sum += seconds;
    bytes_ += bytes;
}

std::string Metrics::render(std::size_t cache_bytes) const {
    std::ostringstream out;
    std::lock_guard lock(mutex_);
    out << "# HELP investmap_requests_total HTTP requests by route and status.\n# TYPE investmap_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        out << "investmap_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count << '\n';
    }
    out << "# HELP investmap_request_seconds Time to answer, by route.\n# TYPE investmap_request_seconds histogram\n";
    for (const auto& [route, latency] : latency_) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out << "investmap_request_seconds_bucket{route=\"" << route << "\",le=\"" << kBuckets[i] << "\"} " << latency.buckets[i] << '\n';
        }
        out << "investmap_request_seconds_bucket{route=\"" << route << "\",le=\"+Inf\"} " << latency.count << '\n'
            << "investmap_request_seconds_sum{route=\"" << route << "\"} " << latency.sum << '\n'
            << "investmap_request_seconds_count{route=\"" << route << "\"} " << latency.count << '\n';
    }
    out << "# HELP investmap_response_bytes_total Body bytes sent.\n# TYPE investmap_response_bytes_total counter\n"
        << "investmap_response_bytes_total " << bytes_ << '\n'
        << "# HELP investmap_tile_cache_hits_total Tile cache hits.\n# TYPE investmap_tile_cache_hits_total counter\n"
        << "investmap_tile_cache_hits_total " << cache_hits_.load() << '\n'
        << "# HELP investmap_tile_cache_misses_total Tile cache misses.\n# TYPE investmap_tile_cache_misses_total counter\n"
        << "investmap_tile_cache_misses_total " << cache_misses_.load() << '\n'
        << "# HELP investmap_tiles_from_memory_total Tiles built from the memory index (the rest of the misses from SQLite).\n"
        << "# TYPE investmap_tiles_from_memory_total counter\n"
        << "investmap_tiles_from_memory_total " << tiles_from_memory_.load() << '\n'
        << "# HELP investmap_tile_cache_bytes Bytes held by the tile cache.\n# TYPE investmap_tile_cache_bytes gauge\n"
        << "investmap_tile_cache_bytes " << cache_bytes << '\n';
    return out.str();
}

}  // namespace investmap::server
