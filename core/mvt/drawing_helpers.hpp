#pragma once
// Threads that help write a large tile: a tile of many parcels offers part
// of its parcels to an idle helper while its own thread goes on in id
// order. Help is optional: a task may run late or never, so each task must
// be harmless when it runs after its tile is done (parcel_tile.cpp's chunks
// are claimed, never assigned).
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <functional>
#include <optional>

namespace investmap::mvt {

class DrawingHelpers {
public:
    // No threads at all when `threads` is 0: offer() then refuses.
    explicit DrawingHelpers(unsigned threads);
    // Stops the helpers; tasks not yet started are dropped (help is optional).
    ~DrawingHelpers();
    DrawingHelpers(const DrawingHelpers&) = delete;
    DrawingHelpers& operator=(const DrawingHelpers&) = delete;

    // Queues `task` for the next idle helper; false when there is no helper
    // or as much help is waiting as there are helpers (they are busy with
    // other tiles: the tile then writes on its own). `task` must not throw.
    bool offer(std::function<void()> task);

private:
    unsigned threads_;
    std::atomic<unsigned> waiting_{0};  // offered, not started
    std::optional<boost::asio::thread_pool> pool_;
};

}  // namespace investmap::mvt
