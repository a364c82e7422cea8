#include "access_log_writer.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <condition_variable>
#include <mutex>
#include <string_view>
#include <thread>

namespace investmap::server {
namespace {

// All of `bytes`, retrying after signals and partial writes. False when the
// output is gone (EPIPE with SIGPIPE ignored, a closed descriptor).
bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

// `text` (whole lines) in pieces of whole lines of at most PIPE_BUF bytes
// (a longer line alone).
bool write_lines(int fd, std::string_view text) {
    while (!text.empty()) {
        std::size_t end = text.size();
        if (end > PIPE_BUF) {
            const std::size_t last_newline = text.rfind('\n', PIPE_BUF - 1);
            end = last_newline == std::string_view::npos ? text.find('\n') : last_newline;
            end = end == std::string_view::npos ? text.size() : end + 1;
        }
        if (!write_all(fd, text.substr(0, end))) return false;
        text.remove_prefix(end);
    }
    return true;
}

}  // namespace

struct AccessLogWriter::State {
    const int fd;
    const std::size_t max_bytes;
    std::mutex mutex;
    std::condition_variable wake;     // lines arrived, or stop
    std::condition_variable drained;  // the thread wrote everything and ended
    std::string pending;
    std::size_t dropped = 0;
    bool stop = false;
    bool done = false;

    State(int output, std::size_t limit) : fd(output), max_bytes(limit) {}

    // Takes what is pending and writes it, unlocked, until told to stop with
    // nothing left. Output that is gone is given up silently: there is
    // nowhere left to say so.
    void run() {
        std::unique_lock lock(mutex);
        bool writable = true;
        while (true) {
            wake.wait(lock, [&] { return stop || !pending.empty() || dropped > 0; });
            if (pending.empty() && dropped == 0) break;  // stop, and nothing left
            std::string chunk;
            chunk.swap(pending);
            if (dropped > 0) {
                chunk += "访问日志丢弃 " + std::to_string(dropped) + " 行 / access log: " + std::to_string(dropped) +
                         " lines dropped, standard error was not read fast enough\n";
                dropped = 0;
            }
            lock.unlock();
            if (writable) writable = write_lines(fd, chunk);  // may block on a slow reader: only this thread waits
            lock.lock();
        }
        done = true;
        drained.notify_all();
    }
};

AccessLogWriter::AccessLogWriter(int fd, std::size_t max_bytes, std::chrono::milliseconds drain_time)
    : state_(std::make_shared<State>(fd, max_bytes)), drain_time_(drain_time) {
    std::thread([state = state_] { state->run(); }).detach();
}

AccessLogWriter::~AccessLogWriter() {
    std::unique_lock lock(state_->mutex);
    state_->stop = true;
    state_->wake.notify_one();
    // A reader that never comes back must not hold the shutdown: the thread
    // keeps its state alive and ends with the process.
    state_->drained.wait_for(lock, drain_time_, [&] { return state_->done; });
}

void AccessLogWriter::write(const std::string& line) {
    bool was_empty = false;
    {
        std::lock_guard lock(state_->mutex);
        if (state_->pending.size() + line.size() + 1 > state_->max_bytes) {
            ++state_->dropped;
            return;
        }
        was_empty = state_->pending.empty();
        state_->pending.append(line).push_back('\n');
    }
    // The thread waits only when nothing is pending; otherwise it looks
    // again after its write. Waking it once per batch, not once per line,
    // spares a system call a request under load.
    if (was_empty) state_->wake.notify_one();
}

bool write_line_within(int fd, const std::string& line, std::chrono::milliseconds wait) {
    pollfd output{.fd = fd, .events = POLLOUT, .revents = 0};
    // Ready for writing means room for PIPE_BUF bytes on a pipe: a short
    // line then goes whole without blocking.
    if (::poll(&output, 1, static_cast<int>(wait.count())) != 1 || !(output.revents & POLLOUT)) return false;
    return write_all(fd, line + "\n");
}

}  // namespace investmap::server
