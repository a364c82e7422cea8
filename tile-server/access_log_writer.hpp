#pragma once
// Writes access-log lines from a thread of its own, so a worker never waits
// on standard error: a reader that stops reading (a paused pipe, a stuck
// log collector) would otherwise fill the pipe and stop every request with
// it. Lines wait in a buffer of at most `max_bytes`; past that they are
// dropped and counted, and the count is written once the reader catches up.
// They go out with write(2) in pieces of whole lines of at most PIPE_BUF
// bytes, which a pipe takes whole: another thread's log line (written at
// the same time through std::cerr) can fall between two lines, never inside
// one, and no stdio lock is held while the reader stalls. At destruction
// what is buffered is written, waiting at most `drain_time` for a reader
// that has stopped (the process then ends without it).
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace investmap::server {

class AccessLogWriter {
public:
    static constexpr std::size_t kDefaultMaxBytes = 4u << 20;

    explicit AccessLogWriter(int fd, std::size_t max_bytes = kDefaultMaxBytes,
                             std::chrono::milliseconds drain_time = std::chrono::seconds(2));
    ~AccessLogWriter();
    AccessLogWriter(const AccessLogWriter&) = delete;
    AccessLogWriter& operator=(const AccessLogWriter&) = delete;

    // Queues one line (without its newline). Never blocks on the output.
    void write(const std::string& line);

    struct State;

private:
    std::shared_ptr<State> state_;  // shared with the thread, which may outlive this object at exit
    std::chrono::milliseconds drain_time_;
};

// Writes `line` and a newline to `fd` if it can within `wait`: the last line
// of a server whose log reader may have stopped. False when it could not.
bool write_line_within(int fd, const std::string& line, std::chrono::milliseconds wait);

}  // namespace investmap::server
