#include "mvt/drawing_helpers.hpp"

#include <boost/asio/post.hpp>

namespace investmap::mvt {

DrawingHelpers::DrawingHelpers(unsigned threads) : threads_(threads) {
    if (threads > 0) pool_.emplace(threads);
}

DrawingHelpers::~DrawingHelpers() {
    if (!pool_) return;
    pool_->stop();
    pool_->join();
}

bool DrawingHelpers::offer(std::function<void()> task) {
    if (!pool_) return false;
    // By the time a busy helper came to more than this, the tile would be done.
    if (waiting_.fetch_add(1) >= threads_) {
        waiting_.fetch_sub(1);
        return false;
    }
    boost::asio::post(*pool_, [this, task = std::move(task)] {
        waiting_.fetch_sub(1);
        task();
    });
    return true;
}

}  // namespace investmap::mvt
