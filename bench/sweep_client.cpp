// investmap-sweep-client: fetches a list of tiles from a server over HTTP/1.1
// on one keep-alive connection and prints each tile's status, size and time.
// bench/run sweeps investmap with it, so the sweep's time is the server's
// plus what HTTP itself costs; a client in Node added a few hundred
// microseconds of its own event loop to every tile, which PostGIS, timed
// inside its own session, never pays.
//
//   investmap-sweep-client --port PORT --tiles FILE [--query Q] [--ahead N] [--sleep] [--repeat N]
//
// FILE holds one "z x y" a line; PATH is /tiles/z/x/y.mvt[?Q]. --ahead N
// sends up to N requests ahead of the reply being read (HTTP/1.1
// pipelining, RFC 9112 §9.3.2); 0, the default, one request at a time. The
// server still answers one request at a time on one thread, in order: with
// a request queued it goes from one tile to the next as a SQL session goes
// from one query to the next, instead of waiting for the client to read a
// reply and send again (on this kind of virtual machine, two wake-ups of
// some 10–15 µs each a tile).
//
// The client waits for a reply by polling its non-blocking socket for up to
// 100 µs before it sleeps in poll(2) (--sleep: always sleeps). On this kind
// of virtual machine a wake-up is dear for both sides: the server's send
// wakes a sleeping client from inside the kernel's loopback path (with
// pipelining, half of the server's time on empty tiles went to sendmsg, a
// third of it waking the client), and the client's own wake-up is some
// 10 µs of its own. A large tile, which takes longer, finds the client
// asleep and its core free for the server's helper thread.
//
// Prints one line a tile, "z x y status bytes microseconds" (the time since
// the reply before was read, or since the start, to this reply read), then
// "total SECONDS" for the whole list; with --repeat N, just "total SECONDS"
// for each of N runs (an empty tile's round trip, for instance). Replies
// are parsed by Boost.Beast, the parser nobody here wrote; requests the
// server did not answer before closing the connection (it ends one after so
// many requests) are sent again on a new one.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <CLI/CLI.hpp>

#include <poll.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Tile {
    long long z, x, y;
};

std::vector<Tile> read_tiles(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Tile> tiles;
    Tile tile{};
    while (in >> tile.z >> tile.x >> tile.y) tiles.push_back(tile);
    return tiles;
}

// The socket as Beast's synchronous reads and writes see it: on a
// non-blocking socket, a read that finds nothing yet asks again at once,
// for up to kPollFor, then sleeps until there is something to read (on a
// blocking socket it just waits).
class PollingStream {
public:
    using executor_type = tcp::socket::executor_type;
    explicit PollingStream(tcp::socket& socket) : socket_(socket) {}
    executor_type get_executor() { return socket_.get_executor(); }

    static constexpr std::chrono::microseconds kPollFor{100};

    template <typename Buffers>
    std::size_t read_some(const Buffers& buffers, boost::system::error_code& error) {
        const auto started = Clock::now();
        for (;;) {
            const std::size_t read = socket_.read_some(buffers, error);
            if (error != asio::error::would_block) return read;
            if (Clock::now() - started > kPollFor) wait_until_ready(POLLIN);
        }
    }
    template <typename Buffers>
    std::size_t write_some(const Buffers& buffers, boost::system::error_code& error) {
        for (;;) {
            const std::size_t written = socket_.write_some(buffers, error);
            if (error != asio::error::would_block) return written;
            wait_until_ready(POLLOUT);
        }
    }
    // The throwing forms a stream must also have (Beast's algorithms use the others).
    template <typename Buffers>
    std::size_t read_some(const Buffers& buffers) {
        return or_throw([&](boost::system::error_code& error) { return read_some(buffers, error); });
    }
    template <typename Buffers>
    std::size_t write_some(const Buffers& buffers) {
        return or_throw([&](boost::system::error_code& error) { return write_some(buffers, error); });
    }

private:
    template <typename Operation>
    static std::size_t or_throw(Operation&& operation) {
        boost::system::error_code error;
        const std::size_t done = operation(error);
        if (error) throw boost::system::system_error(error);
        return done;
    }

    // poll(2) itself: Asio's socket.wait() does not sleep on a socket the
    // user made non-blocking (it polls with a zero timeout and says
    // would_block), which would make the 100 µs of polling endless.
    void wait_until_ready(short events) {
        pollfd ready{socket_.native_handle(), events, 0};
        ::poll(&ready, 1, -1);
    }

    tcp::socket& socket_;
};

class Client {
public:
    Client(unsigned short port, std::size_t ahead, bool poll)
        : endpoint_(asio::ip::make_address("127.0.0.1"), port), ahead_(ahead), poll_(poll) {}

    struct Reply {
        unsigned status;
        std::size_t bytes;
    };

    // Fetches the targets in order, calling done(i, reply) as each reply is read.
    template <typename Done>
    void fetch_all(const std::vector<std::string>& targets, Done&& done) {
        std::size_t sent = 0, answered = 0;
        std::optional<std::size_t> failed_at;  // a request that failed once: a second failure is the server's
        while (answered < targets.size()) {
            if (!socket_) {
                connect();
                sent = answered;  // what was sent on the closed connection goes again
            }
            try {
                while (sent < targets.size() && sent <= answered + ahead_) send(targets[sent++]);
                done(answered, receive());
                ++answered;
            } catch (const boost::system::system_error&) {
                socket_.reset();  // closed before this request was answered
                if (failed_at == answered) throw;
                failed_at = answered;
            }
        }
    }

private:
    void connect() {
        socket_.emplace(io_);
        socket_->connect(endpoint_);
        socket_->set_option(tcp::no_delay(true));
        socket_->non_blocking(poll_);
        buffer_.clear();
        // Beast reads at most the buffer's free capacity a call: 512 bytes
        // by default, which cost a system call per 512 bytes of a tile.
        buffer_.reserve(1u << 16);
    }

    void send(const std::string& target) {
        http::request<http::empty_body> request(http::verb::get, target, 11);
        request.set(http::field::host, "127.0.0.1");
        PollingStream stream(*socket_);
        http::write(stream, request);
    }

    // The body is counted as it arrives, into one scratch buffer: collecting
    // it in a string (Beast's string_body) doubled a cached sweep's time.
    Reply receive() {
        http::response_parser<http::buffer_body> parser;
        parser.body_limit(64u << 20);
        PollingStream stream(*socket_);
        http::read_header(stream, buffer_, parser);
        std::size_t bytes = 0;
        while (!parser.is_done()) {
            parser.get().body().data = scratch_.data();
            parser.get().body().size = scratch_.size();
            boost::system::error_code error;
            http::read(stream, buffer_, parser, error);
            if (error && error != http::error::need_buffer) throw boost::system::system_error(error);
            bytes += scratch_.size() - parser.get().body().size;
        }
        const Reply reply{parser.get().result_int(), bytes};
        if (!parser.get().keep_alive()) socket_.reset();
        return reply;
    }

    asio::io_context io_;
    tcp::endpoint endpoint_;
    std::size_t ahead_;
    bool poll_;
    std::optional<tcp::socket> socket_;
    boost::beast::flat_buffer buffer_;
    std::vector<char> scratch_ = std::vector<char>(1u << 20);
};

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string target_of(const Tile& tile, const std::string& query) {
    return "/tiles/" + std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y) + ".mvt" +
           (query.empty() ? "" : "?" + query);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"fetches tiles over one HTTP connection and times each (bench/run)"};
    unsigned short port = 0;
    std::string tiles_path, query;
    int repeats = 0;
    std::size_t ahead = 0;
    bool sleep = false;
    app.add_option("--port", port, "the server's port on 127.0.0.1")->required();
    app.add_option("--tiles", tiles_path, "file of \"z x y\" lines")->required();
    app.add_option("--query", query, "a tile URL's query, e.g. status=available&land_use=M1,M2");
    app.add_option("--repeat", repeats, "fetch the list N times and print only the totals")->check(CLI::Range(1, 100000));
    app.add_option("--ahead", ahead, "requests sent ahead of the reply being read (HTTP/1.1 pipelining; default 0)")
        ->check(CLI::Range(0, 16));
    app.add_flag("--sleep", sleep, "wait for replies asleep in the kernel, without polling first");
    CLI11_PARSE(app, argc, argv);

    try {
        const std::vector<Tile> tiles = read_tiles(tiles_path);
        std::vector<std::string> targets;
        for (const Tile& tile : tiles) targets.push_back(target_of(tile, query));
        Client client(port, ahead, !sleep);
        const int runs = repeats > 0 ? repeats : 1;
        struct Sample {
            Client::Reply reply;
            double seconds;
        };
        std::vector<Sample> samples(tiles.size());  // printed after the run, not between requests
        for (int run = 0; run < runs; ++run) {
            const auto sweep_started = Clock::now();
            auto last = sweep_started;
            client.fetch_all(targets, [&](std::size_t i, const Client::Reply& reply) {
                const auto now = Clock::now();
                samples[i] = {reply, std::chrono::duration<double>(now - last).count()};
                last = now;
            });
            const double total = seconds_since(sweep_started);
            for (std::size_t i = 0; repeats == 0 && i < tiles.size(); ++i) {
                std::printf("%lld %lld %lld %u %zu %.1f\n", tiles[i].z, tiles[i].x, tiles[i].y, samples[i].reply.status,
                            samples[i].reply.bytes, samples[i].seconds * 1e6);
            }
            std::printf("total %.6f\n", total);
        }
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "错误 error: %s\n", error.what());
        return 1;
    }
}
