#include "mvt/drawing_helpers.hpp"

namespace investmap::mvt {

DrawingHelpers::DrawingHelpers(unsigned threads) {
    threads_.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

DrawingHelpers::~DrawingHelpers() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& thread : threads_) thread.join();
}

bool DrawingHelpers::offer(std::function<void()> task) {
    if (threads_.empty()) return false;
    {
        std::lock_guard lock(mutex_);
        // By the time a busy helper came to it, the tile would be done.
        if (tasks_.size() >= threads_.size()) return false;
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
    return true;
}

void DrawingHelpers::run() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (stopping_) return;  // queued tasks are optional help: dropping them is safe
            task = std::move(tasks_.front());
            tasks_.pop_front();
        }
        task();
    }
}

}  // namespace investmap::mvt
