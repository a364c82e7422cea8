// The access log's writer: lines come out whole and in order, and a reader
// that stops reading never makes a request wait — lines past the bound are
// dropped and counted instead, and the end of the server is not held up.
// Real pipes, as standard error is one under systemd and in the tests.
#include "access_log_writer.hpp"

#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <string>
#include <thread>

using namespace investmap::server;
using namespace std::chrono_literals;

namespace {

struct Pipe {
    int read_end = -1;
    int write_end = -1;
    Pipe() {
        int ends[2];
        BOOST_REQUIRE(::pipe(ends) == 0);
        read_end = ends[0];
        write_end = ends[1];
    }
};

// Everything that arrives on `fd` until its writers close it.
std::string read_all(int fd) {
    std::string text;
    char buffer[65536];
    ssize_t got;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(got));
    ::close(fd);
    return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_line_comes_out_whole_and_in_order) {
    Pipe pipe;
    std::string text;
    std::thread reader([&] { text = read_all(pipe.read_end); });
    {
        AccessLogWriter writer(pipe.write_end);
        for (int i = 0; i < 20000; ++i) writer.write("line " + std::to_string(i));
    }
    ::close(pipe.write_end);
    reader.join();
    std::istringstream lines(text);
    std::string line;
    int expected = 0;
    while (std::getline(lines, line)) BOOST_TEST(line == "line " + std::to_string(expected++));
    BOOST_TEST(expected == 20000);
}

BOOST_AUTO_TEST_CASE(a_stalled_reader_costs_lines_not_waiting_and_the_loss_is_said) {
    Pipe pipe;  // nobody reads yet: the pipe holds 64 KiB, then writes block
    std::string text;
    std::thread reader;
    {
        AccessLogWriter writer(pipe.write_end, 100'000, 5s);
        const auto started = std::chrono::steady_clock::now();
        for (int i = 0; i < 50000; ++i) writer.write("request " + std::to_string(i));  // ~750 KB
        BOOST_TEST((std::chrono::steady_clock::now() - started < 2s), "writing never waited for the reader");
        reader = std::thread([&] { text = read_all(pipe.read_end); });
    }
    ::close(pipe.write_end);
    reader.join();
    BOOST_TEST(text.starts_with("request 0\n"), "the first lines are kept");
    BOOST_TEST(text.find("lines dropped") != std::string::npos, "the loss is said");
    // What the pipe held, the chunk the thread was blocked writing (at most
    // the bound), what filled the bound meanwhile, and the count.
    BOOST_TEST(text.size() < 64 * 1024 + 2 * 100'000 + 200);
}

BOOST_AUTO_TEST_CASE(a_reader_that_never_returns_does_not_hold_the_end) {
    Pipe pipe;  // never read, never closed: the writer's thread stays blocked on it, as at a process's exit
    const auto started = std::chrono::steady_clock::now();
    {
        AccessLogWriter writer(pipe.write_end, 1u << 20, 100ms);
        for (int i = 0; i < 10000; ++i) writer.write(std::string(100, 'x'));  // 1 MB: more than the pipe holds
    }
    BOOST_TEST((std::chrono::steady_clock::now() - started < 2s));
    BOOST_TEST(!write_line_within(pipe.write_end, "stopped", 100ms), "a full pipe takes no last line either");
}

BOOST_AUTO_TEST_CASE(the_last_line_goes_out_when_there_is_room) {
    Pipe pipe;
    BOOST_TEST(write_line_within(pipe.write_end, "地图服务已停止 stopped", 100ms));
    ::close(pipe.write_end);
    BOOST_TEST(read_all(pipe.read_end) == "地图服务已停止 stopped\n");
}
