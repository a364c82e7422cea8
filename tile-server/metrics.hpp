#pragma once
// Counters for /metrics in the Prometheus text format.
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace investmap::server {

class Metrics {
public:
    void record(const std::string& route, unsigned status, double seconds, std::size_t bytes);
    void cache_hit() { ++cache_hits_; }
    void cache_miss() { ++cache_misses_; }
    void tile_from_memory() { ++tiles_from_memory_; }
    std::string render(std::size_t cache_bytes) const;

private:
    static constexpr std::array<double, 8> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5};
    struct Latency {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, unsigned>, std::uint64_t> requests_;
    std::map<std::string, Latency> latency_;
    std::uint64_t bytes_ = 0;
    std::atomic<std::uint64_t> cache_hits_{0};
    std::atomic<std::uint64_t> cache_misses_{0};
    std::atomic<std::uint64_t> tiles_from_memory_{0};
};

}  // namespace investmap::server
