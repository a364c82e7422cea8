#include "http_server.hpp"

#include "router.hpp"

#include "media/media_probe.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/http/span_body.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace investmap::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// The body a route may take, decided from the request line before any body
// byte is read: a merge patch is small, an upload may be a video; nothing
// else has a body.
constexpr std::uint64_t kPatchLimit = 64 * 1024;
constexpr std::uint64_t kUploadLimit = media::kMaxVideoBytes;

std::uint64_t body_limit_for(const http::request_parser<http::string_body>::value_type& header) {
    if (header.method() == http::verb::patch) return kPatchLimit;
    if (header.method() == http::verb::post) return kUploadLimit;
    return 0;
}

// How often a connection's watchdog looks at its deadlines (and, once the
// server stops, whether it waits idle for a next request).
constexpr auto kWatchTick = std::chrono::milliseconds(250);
constexpr auto kWriteTimeout = std::chrono::seconds(30);  // a client that stops reading is dropped

// A thread and its io_context; `live` counts its connections. The guard
// keeps the thread running while it has none.
struct Worker {
    net::io_context io{1};
    net::executor_work_guard<net::io_context::executor_type> guard = net::make_work_guard(io);
    std::atomic<int> live{0};
};

struct Shared {
    App& app;
    // Where long requests run (see runs_long), as many threads as serve.
    net::thread_pool& long_requests;
    std::atomic<bool> stopping{false};
};

// Requests that may take long run on a pool of their own: a connection
// stays on one thread, and the tiles of the other connections of that thread
// should not wait behind them. Long: every write (SQLite's lock, the disk,
// an upload's probe), the API's queries (statistics over the whole district
// take a quarter of a second at 100 000 parcels), static maps, media files
// (a video is read whole). Answered in place: tiles, TileJSON, styles,
// glyphs, health and the pages.
bool runs_long(const http::request<http::string_body>& message) {
    const http::verb method = message.method();
    if (method != http::verb::get && method != http::verb::head && method != http::verb::options) return true;
    const std::string_view target(message.target().data(), message.target().size());
    return target.starts_with("/api/") || target.starts_with("/static/") || target.starts_with("/media/");
}

Request to_request(http::request<http::string_body>& message, const std::string& remote_address) {
    Request request;
    request.body = std::move(message.body());
    request.remote_address = remote_address;
    request.method = std::string(message.method_string());
    auto [path, query] = parse_target(std::string_view(message.target().data(), message.target().size()));
    request.path = std::move(path);
    request.query = std::move(query);
    for (const auto& field : message) {
        std::string name(field.name_string());
        std::ranges::transform(name, name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        request.headers[name] = std::string(field.value());
    }
    return request;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    // `live` counts the connections of the thread this one runs on.
    Session(tcp::socket socket, Shared& shared, std::atomic<int>& live)
        : socket_(std::move(socket)), watchdog_(socket_.get_executor()), shared_(shared), live_(live) {
        ++live_;
    }
    ~Session() { --live_; }

    void start() {
        net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
            self->watch();
            self->read();
        });
    }

private:
    // What the connection is doing, for its watchdog.
    enum class Phase { reading, handling, writing, closed };

    void read() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(shared_.app.config.max_header_bytes));
        enter(Phase::reading, std::chrono::seconds(shared_.app.config.read_timeout_s));
        http::async_read_header(socket_, buffer_, *parser_, beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    void enter(Phase phase, std::chrono::steady_clock::duration allowed) {
        phase_ = phase;
        deadline_ = std::chrono::steady_clock::now() + allowed;
    }

    // One timer for the connection's whole life, looking every tick: it ends
    // a read or a write that passed its deadline, and an idle wait for the
    // next request once the server stops (keep-alive clients would otherwise
    // hold the shutdown for the whole grace period). A timer armed and
    // cancelled around each request cost two system calls a request.
    // Everything of a connection runs on its one thread: no locking.
    void watch() {
        watchdog_.expires_after(kWatchTick);
        watchdog_.async_wait([self = shared_from_this()](beast::error_code error) {
            if (error || self->phase_ == Phase::closed) return;
            const bool reading = self->phase_ == Phase::reading;
            const bool idle_at_stop = reading && self->shared_.stopping && !self->parser_->got_some();
            const bool late = self->phase_ != Phase::handling && std::chrono::steady_clock::now() >= self->deadline_;
            if (late || idle_at_stop) {
                self->timed_out_ = reading;
                beast::error_code ignored;
                self->socket_.cancel(ignored);  // the pending read or write ends with an error
            }
            self->watch();
        });
    }

    void on_header(beast::error_code error, std::size_t bytes) {
        if (error) return on_read(error, bytes);
        const std::uint64_t limit = body_limit_for(parser_->get());
        // Writes need a token: without one, refuse before reading the body.
        if (limit > 0 && parser_->get().find(http::field::authorization) == parser_->get().end()) {
            return send_and_close(401, "unauthorized", "需要招商科令牌 / a staff token is required");
        }
        // Beast compares Content-Length with the limit while it finishes the
        // header, before this point; so a declared length is checked here,
        // and the parser's limit covers chunked bodies.
        if (parser_->content_length().value_or(0) > limit) {
            return send_and_close(413, "body_too_large", "请求体太大 / request body too large");
        }
        // A request without a body is whole already: reading on would only
        // post a completion (an extra turn of the event loop, a system call).
        if (parser_->is_done()) return on_read({}, bytes);
        parser_->body_limit(limit);
        http::async_read(socket_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code error, std::size_t) {
        phase_ = Phase::handling;
        if (timed_out_) {
            // Silence on an idle keep-alive connection is no request: just close.
            if (parser_->got_some()) return send_and_close(408, "request_timeout", "请求超时 / request timed out");
            return close();
        }
        if (error == http::error::header_limit) return send_and_close(431, "header_too_large", "请求头太大 / request header too large");
        if (error == http::error::body_limit) return send_and_close(413, "body_too_large", "请求体太大 / request body too large");
        if (error) return close();  // end of stream, timeout, reset: nothing to answer
        if (!runs_long(parser_->get())) return finish(answer());
        net::post(shared_.long_requests, [self = shared_from_this()] {
            Answer answer = self->answer();
            net::post(self->socket_.get_executor(), [self, answer = std::move(answer)]() mutable { self->finish(std::move(answer)); });
        });
    }

    struct Answer {
        Response response;
        std::string route = "bad_request";
        double seconds = 0;
    };

    // The route's answer to the request just read. Runs on the connection's
    // thread, or on the pool for long requests: the connection does nothing
    // else meanwhile, and its watchdog leaves a request being handled alone.
    Answer answer() {
        const auto started = std::chrono::steady_clock::now();
        Answer answer;
        try {
            if (!remote_address_) remote_address_ = remote_address();  // once a connection: a system call each
            Request request = to_request(parser_->get(), *remote_address_);
            answer.response = handle_request(shared_.app, request, answer.route);
        } catch (const HttpError& bad) {
            answer.response = error_response(bad.status(), bad.code(), bad.what());
        }
        answer.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return answer;
    }

    void finish(Answer answer) {
        const auto& message = parser_->get();
        ++served_;
        const bool keep_alive = message.keep_alive() && !shared_.stopping &&
                                served_ < shared_.app.config.max_requests_per_connection;
        const Response& response = answer.response;
        shared_.app.metrics.record(answer.route, response.status, answer.seconds,
                                   response.shared_body ? response.shared_body->size() : response.body.size());
        write(std::move(answer.response), keep_alive, message.method() == http::verb::head, message.version());
    }

    void write(Response response, bool keep_alive, bool head, unsigned version) {
        if (response.shared_body) {
            const auto bytes = response.shared_body;
            auto reply = start_reply<http::span_body<const char>>(response, keep_alive, version);
            reply->body() = head ? beast::span<const char>() : beast::span<const char>(bytes->data(), bytes->size());
            reply->content_length(bytes->size());
            return send(reply, keep_alive, bytes);
        }
        auto reply = start_reply<http::string_body>(response, keep_alive, version);
        reply->body() = std::move(response.body);
        reply->prepare_payload();
        if (head) reply->body().clear();  // HEAD: the headers of GET, Content-Length included
        send(reply, keep_alive, nullptr);
    }

    template <typename Body>
    std::shared_ptr<http::response<Body>> start_reply(const Response& response, bool keep_alive, unsigned version) {
        auto reply = std::make_shared<http::response<Body>>(static_cast<http::status>(response.status), version);
        reply->set(http::field::server, "investmap");
        if (response.status != 204 && response.status != 304) reply->set(http::field::content_type, response.content_type);
        for (const auto& [name, value] : response.headers) reply->insert(name, value);
        reply->keep_alive(keep_alive);
        return reply;
    }

    // Writes the reply; `keep` holds shared bytes the reply points into.
    template <typename Reply>
    void send(const std::shared_ptr<Reply>& reply, bool keep_alive, std::shared_ptr<const std::string> keep) {
        enter(Phase::writing, kWriteTimeout);
        http::async_write(socket_, *reply, [self = shared_from_this(), reply, keep, keep_alive](beast::error_code error, std::size_t) {
            if (error || !keep_alive) return self->close();
            self->read();
        });
    }

    void send_and_close(unsigned status, std::string_view code, std::string_view message) {
        shared_.app.metrics.record("refused", status, 0.0, 0);
        write(error_response(status, code, message), false, false, 11);
    }

    std::string remote_address() {
        beast::error_code error;
        const auto endpoint = socket_.remote_endpoint(error);
        return error ? std::string() : endpoint.address().to_string();
    }

    void close() {
        phase_ = Phase::closed;
        watchdog_.cancel();  // its handler holds this session: let it go
        beast::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_send, ignored);
    }

    tcp::socket socket_;  // deadlines are the watchdog's: no timer per operation
    net::steady_timer watchdog_;
    Phase phase_ = Phase::reading;
    std::chrono::steady_clock::time_point deadline_;
    bool timed_out_ = false;
    beast::flat_buffer buffer_;
    Shared& shared_;
    std::atomic<int>& live_;
    std::optional<http::request_parser<http::string_body>> parser_;
    unsigned served_ = 0;
    std::optional<std::string> remote_address_;
};

// One io_context a thread, each run by its own thread: a connection lives
// on one thread from accept to close, so its handlers never pass between
// threads (with one io_context on all threads, each request woke another
// thread: a futex round trip). New connections go to the thread with the
// fewest. The cost: a long request (a static map) holds up the other
// connections of its thread, as in nginx's workers.
class Workers {
public:
    explicit Workers(unsigned count) {
        for (unsigned i = 0; i < count; ++i) workers_.push_back(std::make_unique<Worker>());
    }
    net::io_context& main() { return workers_.front()->io; }
    int connections() const {
        int total = 0;
        for (const auto& worker : workers_) total += worker->live.load();
        return total;
    }
    Worker& least_busy() {
        return **std::ranges::min_element(workers_, {}, [](const auto& worker) { return worker->live.load(); });
    }
    // Runs every io_context, the first on the calling thread, until stop().
    void run() {
        std::vector<std::thread> threads;
        for (std::size_t i = 1; i < workers_.size(); ++i) threads.emplace_back([&io = workers_[i]->io] { io.run(); });
        workers_.front()->io.run();
        for (auto& thread : threads) thread.join();
    }
    void stop() {
        for (auto& worker : workers_) worker->io.stop();
    }

private:
    std::vector<std::unique_ptr<Worker>> workers_;
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(Workers& workers, tcp::endpoint endpoint, Shared& shared)
        : workers_(workers), acceptor_(workers.main()), shared_(shared) {
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(net::socket_base::max_listen_connections);
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    void accept() {
        Worker& worker = workers_.least_busy();
        acceptor_.async_accept(worker.io, [self = shared_from_this(), &worker](beast::error_code error, tcp::socket socket) {
            if (!self->acceptor_.is_open()) return;
            if (!error) {
                // Each reply goes out in one write: Nagle's algorithm could
                // only hold its last segment back until the client's delayed
                // ACK (40 ms), which a client sending its next request before
                // reading the reply (pipelining) met now and then.
                beast::error_code ignored;
                socket.set_option(tcp::no_delay(true), ignored);
                std::make_shared<Session>(std::move(socket), self->shared_, worker.live)->start();
            }
            self->accept();
        });
    }
    void stop() {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->acceptor_.close(ignored);
        });
    }

private:
    Workers& workers_;
    tcp::acceptor acceptor_;
    Shared& shared_;
};

// After a signal: stop when no connection is left, or after a grace period.
void stop_when_idle(net::steady_timer& timer, Workers& workers, int checks_left) {
    timer.expires_after(std::chrono::milliseconds(100));
    timer.async_wait([&timer, &workers, checks_left](beast::error_code) {
        if (workers.connections() == 0 || checks_left == 0) return workers.stop();
        stop_when_idle(timer, workers, checks_left - 1);
    });
}

}  // namespace

// Each SIGHUP runs `on_hangup`, then waits for the next one.
void on_each_hangup(net::signal_set& hangups, const std::function<void()>& on_hangup) {
    hangups.async_wait([&hangups, &on_hangup](beast::error_code error, int) {
        if (error) return;  // cancelled at shutdown
        if (on_hangup) on_hangup();
        on_each_hangup(hangups, on_hangup);
    });
}

void serve_http(App& app, const std::function<void(unsigned short)>& on_listening, const std::function<void()>& on_hangup) {
    const unsigned threads = worker_threads(app.config);
    Workers workers(threads);
    net::io_context& io = workers.main();  // listening, signals and the stop timer
    net::thread_pool long_requests(threads);
    Shared shared{app, long_requests};
    const auto address = net::ip::make_address(app.config.host);
    auto listener = std::make_shared<Listener>(workers, tcp::endpoint(address, app.config.port), shared);
    listener->accept();

    // Signals are caught before anyone learns the port, so none is missed.
    net::signal_set signals(io, SIGINT, SIGTERM);
    net::steady_timer grace(io);
    net::signal_set hangups(io, SIGHUP);
    on_each_hangup(hangups, on_hangup);
    on_listening(listener->port());
    signals.async_wait([&](beast::error_code, int) {
        shared.stopping = true;
        hangups.cancel();
        listener->stop();
        stop_when_idle(grace, workers, 100);  // at most 10 s for requests in flight
    });
    workers.run();
    long_requests.join();  // idle by now: every session has ended
}

}  // namespace investmap::server
