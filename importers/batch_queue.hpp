#pragma once
// Hands batches of items from one producing thread to one consuming thread,
// holding at most a few batches so a fast producer cannot fill the memory.
// An import reads rows and cleans their geometry on one thread while another
// converts and writes them to SQLite: on two cores that takes the longer of
// the two, not their sum.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace investmap::importers {

template <typename Item>
class BatchQueue {
public:
    explicit BatchQueue(std::size_t max_batches) : max_batches_(max_batches) {}

    // Producer: waits while the queue is full. False when the consumer has
    // left (cancel), so the producer should stop.
    bool push(std::vector<Item>&& batch) {
        std::unique_lock lock(mutex_);
        room_.wait(lock, [this] { return cancelled_ || batches_.size() < max_batches_; });
        if (cancelled_) return false;
        batches_.push_back(std::move(batch));
        ready_.notify_one();
        return true;
    }

    // Producer: no more batches; with an error, pop() rethrows it once the
    // batches before it are taken.
    void finish(std::exception_ptr error = nullptr) {
        std::lock_guard lock(mutex_);
        finished_ = true;
        error_ = error;
        ready_.notify_one();
    }

    // Consumer: the next batch, or nullopt once the producer has finished
    // and every batch is taken.
    std::optional<std::vector<Item>> pop() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return finished_ || !batches_.empty(); });
        if (batches_.empty()) {
            if (error_) std::rethrow_exception(error_);
            return std::nullopt;
        }
        std::vector<Item> batch = std::move(batches_.front());
        batches_.pop_front();
        room_.notify_one();
        return batch;
    }

    // Consumer: hands a batch it is done with back to the producer to free.
    // Memory goes back to the allocator of the thread that took it; freed on
    // the other thread, every string costs a trip through a locked arena.
    void give_back(std::vector<Item>&& batch) {
        std::lock_guard lock(mutex_);
        spent_.push_back(std::move(batch));
    }

    // Producer: the batches given back so far, to be destroyed by the caller.
    std::vector<std::vector<Item>> take_back() {
        std::lock_guard lock(mutex_);
        return std::exchange(spent_, {});
    }

    // Consumer: stops taking batches (it failed); a waiting producer wakes.
    void cancel() {
        std::lock_guard lock(mutex_);
        cancelled_ = true;
        room_.notify_one();
    }

private:
    const std::size_t max_batches_;
    std::mutex mutex_;
    std::condition_variable room_;   // a batch was taken, or the consumer left
    std::condition_variable ready_;  // a batch arrived, or the producer finished
    std::deque<std::vector<Item>> batches_;
    std::vector<std::vector<Item>> spent_;
    std::exception_ptr error_;
    bool finished_ = false;
    bool cancelled_ = false;
};

}  // namespace investmap::importers
