#pragma once
// Threads that help write a large tile: a tile of many parcels offers part
// of its parcels to an idle helper while its own thread goes on in id
// order. Help is optional: a task may run late or never, so each task must
// be harmless when it runs after its tile is done (parcel_tile.cpp's chunks
// are claimed, never assigned).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace investmap::mvt {

class DrawingHelpers {
public:
    // No threads at all when `threads` is 0: offer() then refuses.
    explicit DrawingHelpers(unsigned threads);
    ~DrawingHelpers();
    DrawingHelpers(const DrawingHelpers&) = delete;
    DrawingHelpers& operator=(const DrawingHelpers&) = delete;

    // Queues `task` for the next idle helper; false when there is no helper
    // or as much help is queued as there are helpers (they are busy with
    // other tiles: the tile then writes on its own). `task` must not throw.
    bool offer(std::function<void()> task);
    std::size_t threads() const { return threads_.size(); }

private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> tasks_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace investmap::mvt
