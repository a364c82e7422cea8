#include "http_server.hpp"

#include "router.hpp"
#include "file_range_body.hpp"
#include "access_log.hpp"
#include "access_log_writer.hpp"
#include "log_line.hpp"
#include "auth/authenticator.hpp"
#include "text/ascii.hpp"

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
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/span_body.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
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

std::uint64_t import_limit(const ServerConfig& config) { return std::uint64_t{config.import_max_mb} << 20; }

// An upload may take as long as this rate needs (a shared 1 Mbit/s office
// line), on top of read_timeout_s.
constexpr std::uint64_t kSlowestUploadBytesPerSecond = 128 * 1024;

std::uint64_t body_limit_for(const http::request_parser<http::string_body>::value_type& header, const ServerConfig& config) {
    if (header.method() == http::verb::patch || header.method() == http::verb::put) return kPatchLimit;
    const std::string_view target(header.target().data(), header.target().size());
    const bool import = target == "/api/imports" || target.starts_with("/api/imports?");
    if (header.method() == http::verb::post) return import ? import_limit(config) : kUploadLimit;
    return 0;
}

// Bodies over this size are "large": only kMaxLargeBodies of them are read
// at once (each is held in memory until its route is done with it).
constexpr std::uint64_t kLargeBody = 1 << 20;
constexpr int kMaxLargeBodies = 2;

// Static maps waiting or being drawn, per static-map thread, before the
// next one is told to come back later (503 with Retry-After).
constexpr int kStaticMapsQueuedPerThread = 2;

// After the last reply on a connection, what the client sent meanwhile is
// read and dropped (for at most this long and this much) before the socket
// closes: closing with unread bytes makes the kernel send a reset, which can
// destroy replies the client has not read yet (pipelined requests).
constexpr auto kDrainTime = std::chrono::seconds(2);
constexpr std::size_t kDrainBytes = 1 << 20;

// Each connection holds a file descriptor. Past three quarters of the
// process's limit the server is crowded: a connection idle between requests
// for more than kCrowdedIdle is closed, so idle connections (a slow-loris
// client, 20 000 keep-alives) cannot take every descriptor and lock out
// /healthz and everyone else until their read timeout.
constexpr auto kCrowdedIdle = std::chrono::seconds(1);

int connection_capacity() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 1 << 20;
    return static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 1 << 24) * 3 / 4);
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

// Where a request is answered. A connection stays on one thread; requests
// that may take long run on pools of their own so that the tiles of the
// other connections of that thread never wait behind them, and each kind of
// long request has its own pool, so that a flood of one kind (static maps)
// cannot delay another (staff edits, the API).
enum class Lane {
    in_place,     // tiles, TileJSON, styles, glyphs, health, pages, media files (streamed)
    api_reads,    // the API's queries: statistics over the district take a quarter of a second
    writes,       // every write: SQLite's lock, the disk, an upload's probe
    static_maps,  // drawn with cairo: hundreds of milliseconds each
};

Lane lane_for(const http::request_header<>& message) {
    const http::verb method = message.method();
    if (method != http::verb::get && method != http::verb::head && method != http::verb::options) return Lane::writes;
    const std::string_view target(message.target().data(), message.target().size());
    if (target.starts_with("/api/")) return Lane::api_reads;
    if (target.starts_with("/static/")) return Lane::static_maps;
    return Lane::in_place;
}

struct Shared {
    Shared(App& served, unsigned threads)
        : app(served),
          api_reads(threads),
          writes(1),
          static_maps(std::max(1u, threads / 2)),
          static_map_capacity(static_cast<int>(std::max(1u, threads / 2)) * kStaticMapsQueuedPerThread) {}
    App& app;
    net::thread_pool api_reads;
    net::thread_pool writes;  // one: SQLite has one writer at a time anyway
    net::thread_pool static_maps;
    const int static_map_capacity;
    std::atomic<int> static_maps_queued{0};
    std::atomic<int> large_bodies{0};
    std::atomic<bool> stopping{false};
    std::atomic<int> connections{0};
    const int connection_capacity = server::connection_capacity();
    // Set when access_log is on; what it holds is written when the server ends.
    std::optional<AccessLogWriter> access_log;
    bool crowded() const { return connections.load(std::memory_order_relaxed) > connection_capacity; }

    net::thread_pool& pool(Lane lane) {
        return lane == Lane::writes ? writes : lane == Lane::static_maps ? static_maps : api_reads;
    }
    void join() {
        api_reads.join();
        writes.join();
        static_maps.join();
    }
};

// One of a limited number of places (large bodies being read, static maps
// queued), held while a request uses it and given back however it ends.
class Slot {
public:
    Slot() = default;
    Slot(std::atomic<int>& count, int capacity) {
        if (count.fetch_add(1) < capacity) count_ = &count;
        else count.fetch_sub(1);
    }
    Slot(Slot&& other) noexcept : count_(std::exchange(other.count_, nullptr)) {}
    Slot& operator=(Slot&& other) noexcept {
        release();
        count_ = std::exchange(other.count_, nullptr);
        return *this;
    }
    ~Slot() { release(); }
    explicit operator bool() const { return count_ != nullptr; }
    void release() {
        if (count_) count_->fetch_sub(1);
        count_ = nullptr;
    }

private:
    std::atomic<int>* count_ = nullptr;
};

Request to_request(const http::request_header<>& message, std::string body, const std::string& remote_address,
                   const std::string& local_address) {
    Request request;
    request.body = std::move(body);
    request.remote_address = remote_address;
    request.local_address = local_address;
    request.method = std::string(message.method_string());
    auto [path, query] = parse_target(std::string_view(message.target().data(), message.target().size()));
    request.path = std::move(path);
    request.query = std::move(query);
    for (const auto& field : message) {
        const std::string_view name(field.name_string().data(), field.name_string().size());
        request.headers[text::ascii_lower(name)] = std::string(field.value());
    }
    return request;
}

// The last line of defence: the answer to a request whose handling threw
// something the router did not turn into a response. Built without
// anything that could throw again.
Response internal_error() {
    Response response;
    response.status = 500;
    response.body = R"({"error":{"code":"internal","message":"服务器内部错误 / internal server error"}})";
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    // `live` counts the connections of the thread this one runs on.
    Session(tcp::socket socket, Shared& shared, std::atomic<int>& live)
        : socket_(std::move(socket)), watchdog_(socket_.get_executor()), shared_(shared), live_(live) {
        ++live_;
        ++shared_.connections;
    }
    ~Session() {
        discard_upload();
        --live_;
        --shared_.connections;
    }

    void start() {
        net::dispatch(socket_.get_executor(), [self = shared_from_this()] {
            self->watch();
            self->read();
        });
    }

private:
    // What the connection is doing, for its watchdog.
    enum class Phase { reading, handling, writing, draining, closed };

    void read() {
        upload_.reset();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(shared_.app.config.max_header_bytes));
        // Beast checks a declared Content-Length against the body limit as it
        // finishes the header, before on_header sees it: the limit starts at
        // the largest any route takes and on_header tightens it per route.
        parser_->body_limit(std::max(kUploadLimit, import_limit(shared_.app.config)));
        enter(Phase::reading, std::chrono::seconds(shared_.app.config.read_timeout_s));
        http::async_read_header(socket_, buffer_, *parser_, beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    void enter(Phase phase, std::chrono::steady_clock::duration allowed) {
        phase_ = phase;
        entered_ = std::chrono::steady_clock::now();
        deadline_ = entered_ + allowed;
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
            const auto now = std::chrono::steady_clock::now();
            const bool idle = reading && !self->got_some();
            const bool idle_at_stop = idle && self->shared_.stopping;
            const bool idle_when_crowded = idle && now - self->entered_ > kCrowdedIdle && self->shared_.crowded();
            const bool late = self->phase_ != Phase::handling && now >= self->deadline_;
            if (late || idle_at_stop || idle_when_crowded) {
                self->timed_out_ = reading;
                beast::error_code ignored;
                self->socket_.cancel(ignored);  // the pending read or write ends with an error
            }
            self->watch();
        });
    }

    void on_header(beast::error_code error, std::size_t bytes) {
        if (error) return on_read(error, bytes);
        auto& header = parser_->get();
        const std::uint64_t limit = body_limit_for(header, shared_.app.config);
        const std::uint64_t declared = parser_->content_length().value_or(0);
        const bool has_body = declared > 0 || parser_->chunked();
        if (declared > limit || (has_body && limit == 0)) {
            return send_and_close(413, "body_too_large", "请求体太大 / request body too large");
        }
        // A request without a body is whole already: reading on would only
        // post a completion (an extra turn of the event loop, a system call).
        if (parser_->is_done()) return on_read({}, bytes);
        // Only staff send bodies: the token is checked before a body byte is
        // read, so a stranger cannot make the server hold 100 MB.
        if (auto refusal = refuse_before_body()) return send_and_close(std::move(*refusal));
        // The body has its own time: the request's deadline, plus what the
        // body takes at a slow office line's rate (staff only: the token
        // was checked above).
        const std::uint64_t expected = parser_->chunked() ? limit : declared;
        enter(Phase::reading, std::chrono::seconds(shared_.app.config.read_timeout_s + expected / kSlowestUploadBytesPerSecond));
        if (declared > kLargeBody || (parser_->chunked() && limit > kLargeBody)) {
            large_body_ = Slot(shared_.large_bodies, kMaxLargeBodies);
            if (!large_body_) return send_busy("正在接收其他大文件，请稍后再试 / other large uploads are in progress: try again shortly");
        }
        if (large_body_) return read_to_file(limit);
        parser_->body_limit(limit);
        http::async_read(socket_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    // A large body (an upload of up to 100 MB) goes to a temporary file in the
    // media folder as it arrives, never whole into memory; the route renames
    // it to its content hash, and whatever is left is removed in finish().
    void read_to_file(std::uint64_t limit) {
        namespace fs = std::filesystem;
        static std::atomic<std::uint64_t> uploads{0};
        const fs::path dir = shared_.app.config.media_dir;
        std::error_code made;
        fs::create_directories(dir, made);
        upload_path_ = dir / (".upload-" + std::to_string(::getpid()) + "-" + std::to_string(++uploads) + ".part");
        upload_.emplace(std::move(*parser_));
        upload_->body_limit(limit);
        beast::error_code error;
        upload_->get().body().open(upload_path_.c_str(), beast::file_mode::write_new, error);
        if (error) {
            upload_.reset();
            upload_path_.clear();
            return send_and_close(507, "disk_full", "无法保存上传的文件 / cannot store the upload: " + error.message());
        }
        http::async_read(socket_, buffer_, *upload_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    // Removes the temporary file of an upload, if there is one still.
    void discard_upload() {
        if (upload_path_.empty()) return;
        if (upload_) {
            beast::error_code ignored;
            upload_->get().body().file().close(ignored);
        }
        std::error_code ignored;
        std::filesystem::remove(upload_path_, ignored);
        upload_path_.clear();
    }

    // The request line and headers of the request being answered.
    const http::request_header<>& header() const {
        if (upload_) return upload_->get();
        return parser_->get();
    }

    bool got_some() const { return upload_ ? upload_->got_some() : parser_->got_some(); }
    // Whether the connection stays open after the answer to this request.
    bool keep_connection() const {
        const bool asked = upload_ ? upload_->get().keep_alive() : parser_->get().keep_alive();
        return asked && !shared_.stopping && served_ < shared_.app.config.max_requests_per_connection;
    }

    // The answer to a body-bearing request from its header alone: its target
    // parsed and its token checked (both before the body is read). Nothing
    // when the body may be read.
    std::optional<Response> refuse_before_body() {
        try {
            Request request = to_request(parser_->get(), {}, peer_address(), local_address());
            if (!authenticate(shared_.app.database, shared_.app.sign_in, request)) {
                throw HttpError(401, "unauthorized", "需要招商科令牌 / a staff token is required");
            }
            return std::nullopt;
        } catch (const HttpError& refused) {
            Response response = error_response(refused.status(), refused.code(), refused.what());
            if (refused.status() == 401) response.headers.emplace_back("WWW-Authenticate", "Bearer");
            return response;
        } catch (...) {
            return internal_error();
        }
    }

    void on_read(beast::error_code error, std::size_t) {
        phase_ = Phase::handling;
        large_body_.release();  // read whole (or failed): the route now holds it
        if (upload_) {
            beast::error_code ignored;
            upload_->get().body().file().close(ignored);  // written whole: the route reads it by name
            if (error || timed_out_) discard_upload();
        }
        if (timed_out_) {
            // Silence on an idle keep-alive connection is no request: just close.
            if (got_some()) return send_and_close(408, "request_timeout", "请求超时 / request timed out");
            return close();
        }
        if (error == http::error::header_limit) return send_and_close(431, "header_too_large", "请求头太大 / request header too large");
        if (error == http::error::body_limit) return send_and_close(413, "body_too_large", "请求体太大 / request body too large");
        if (error == http::error::bad_method || error == http::error::bad_target || error == http::error::bad_version ||
            error == http::error::bad_field || error == http::error::bad_value || error == http::error::bad_line_ending ||
            error == http::error::bad_content_length || error == http::error::bad_transfer_encoding ||
            error == http::error::bad_chunk || error == http::error::bad_obs_fold) {
            return send_and_close(400, "bad_request", "请求格式错误 / malformed HTTP request");
        }
        if (error) return close();  // end of stream, timeout, reset: nothing to answer
        const Lane lane = lane_for(header());
        if (lane == Lane::in_place) return finish(answer());
        Slot queued;
        if (lane == Lane::static_maps) {
            queued = Slot(shared_.static_maps_queued, shared_.static_map_capacity);
            if (!queued) return send_busy("静态地图正忙，请稍后再试 / static maps are busy: try again shortly", false);
        }
        net::post(shared_.pool(lane), [self = shared_from_this(), queued = std::move(queued)]() mutable {
            Answer answer = self->answer();
            queued.release();
            net::post(self->socket_.get_executor(), [self, answer = std::move(answer)]() mutable { self->finish(std::move(answer)); });
        });
    }

    struct Answer {
        Response response;
        std::string route = "bad_request";
        std::string client;  // for the access log: the forwarded address when a trusted proxy gave one
        double seconds = 0;
        bool close = false;  // after an unexpected failure: the connection's state is not to be trusted
    };

    // The route's answer to the request just read. Runs on the connection's
    // thread, or on a pool for long requests: the connection does nothing
    // else meanwhile, and its watchdog leaves a request being handled alone.
    // Never throws: no exception may leave a worker thread.
    Answer answer() noexcept {
        const auto started = std::chrono::steady_clock::now();
        Answer answer;
        try {
            Request request = upload_ ? to_request(upload_->get(), {}, peer_address(), local_address())
                                      : to_request(parser_->get(), std::move(parser_->get().body()), peer_address(), local_address());
            if (upload_) request.body_file = upload_path_.string();
            answer.response = handle_request(shared_.app, request, answer.route);
            answer.client = std::move(request.client_address);
        } catch (const HttpError& bad) {
            answer.response = error_response(bad.status(), bad.code(), bad.what());
        } catch (...) {
            answer.route = "internal";
            answer.response = internal_error();
            answer.close = true;
        }
        answer.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return answer;
    }

    void finish(Answer answer) {
        discard_upload();  // the route has moved it where it belongs, or it is not wanted
        const auto& message = header();
        ++served_;
        const bool keep_alive = !answer.close && keep_connection();
        const Response& response = answer.response;
        const std::size_t bytes = response.file ? response.file->length : response.shared_body ? response.shared_body->size() : response.body.size();
        shared_.app.metrics.record(answer.route, response.status, answer.seconds, bytes);
        log_access(response.status, bytes, answer.seconds, answer.client);
        write(std::move(answer.response), keep_alive, message.method() == http::verb::head, message.version());
    }

    void write(Response response, bool keep_alive, bool head, unsigned version) {
        if (response.file && !head) return write_file(std::move(response), keep_alive, version);
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
        if (response.file) reply->content_length(response.file->length);  // HEAD of a file
        if (head) reply->body().clear();  // HEAD: the headers of GET, Content-Length included
        send(reply, keep_alive, nullptr);
    }

    // A file streamed from disk in pieces (media): never whole in memory.
    void write_file(Response response, bool keep_alive, unsigned version) {
        FileRangeBody::value_type body;
        beast::error_code error;
        body.file.open(response.file->path.c_str(), beast::file_mode::scan, error);
        if (error) return write(error_response(404, "not_found", "没有这个文件 / no such file"), keep_alive, false, version);
        body.offset = response.file->offset;
        body.length = response.file->length;
        auto reply = start_reply<FileRangeBody>(response, keep_alive, version);
        reply->body() = std::move(body);
        reply->content_length(response.file->length);
        send(reply, keep_alive, nullptr);
    }

    template <typename Body>
    std::shared_ptr<http::response<Body>> start_reply(const Response& response, bool keep_alive, unsigned version) {
        auto reply = std::make_shared<http::response<Body>>(static_cast<http::status>(response.status), version);
        reply->set(http::field::server, "investmap");
        // No browser guesses a type other than the one we name: an upload
        // that is a PNG and HTML at once stays a PNG.
        reply->set("X-Content-Type-Options", "nosniff");
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
            if (error) return self->close();
            if (!keep_alive) return self->drain_and_close();
            self->read();
        });
    }

    void send_and_close(unsigned status, std::string_view code, std::string_view message) {
        send_and_close(error_response(status, code, message));
    }

    void send_and_close(Response response) {
        phase_ = Phase::handling;
        shared_.app.metrics.record("refused", response.status, 0.0, response.body.size());
        log_access(response.status, response.body.size(), 0.0, {});
        write(std::move(response), false, false, 11);
    }

    // 503 with Retry-After: a limited resource is in use; the client may
    // come back in a second. The connection stays open when its request was
    // read whole (`close_after` false).
    void send_busy(std::string_view message, bool close_after = true) {
        Response response = error_response(503, "busy", message);
        response.headers.emplace_back("Retry-After", "1");
        if (close_after) return send_and_close(std::move(response));
        phase_ = Phase::handling;
        ++served_;
        shared_.app.metrics.record("busy", 503, 0.0, response.body.size());
        log_access(503, response.body.size(), 0.0, {});
        const auto& message_read = header();
        const bool keep_alive = keep_connection();
        write(std::move(response), keep_alive, message_read.method() == http::verb::head, message_read.version());
    }

    // The request's line in the access log. `client` is empty when the
    // request was refused before the router saw it: the peer's address then.
    void log_access(unsigned status, std::size_t bytes, double seconds, std::string_view client) {
        if (!shared_.access_log) return;
        const auto& message = header();
        const AccessRecord record{.at = std::chrono::system_clock::now(),
                                  .client = client.empty() ? std::string_view(peer_address()) : client,
                                  .method = std::string_view(message.method_string().data(), message.method_string().size()),
                                  .target = std::string_view(message.target().data(), message.target().size()),
                                  .status = status,
                                  .bytes = bytes,
                                  .seconds = seconds};
        shared_.access_log->write(access_log_line(record));
    }

    // Where the peer reached us, as a URL's host: "127.0.0.1:8080", "[::1]:8080".
    const std::string& local_address() {
        if (!local_address_) {
            beast::error_code error;
            const auto endpoint = socket_.local_endpoint(error);
            const std::string address = error ? std::string() : endpoint.address().to_string();
            local_address_ = address.empty() ? std::string()
                             : endpoint.address().is_v6() ? "[" + address + "]:" + std::to_string(endpoint.port())
                                                           : address + ":" + std::to_string(endpoint.port());
        }
        return *local_address_;
    }

    const std::string& peer_address() {
        if (!remote_address_) {  // once a connection: a system call each
            beast::error_code error;
            const auto endpoint = socket_.remote_endpoint(error);
            remote_address_ = error ? std::string() : endpoint.address().to_string();
        }
        return *remote_address_;
    }

    // The last reply is written: stop sending, then read and drop whatever
    // the client still sends until it closes too (bounded in time and bytes),
    // so the kernel does not answer unread bytes with a reset.
    void drain_and_close() {
        beast::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_send, ignored);
        enter(Phase::draining, kDrainTime);
        drain();
    }

    void drain() {
        socket_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code error, std::size_t bytes) {
            self->drained_ += bytes;
            if (error || self->drained_ > kDrainBytes) return self->close();
            self->drain();
        });
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
    std::chrono::steady_clock::time_point entered_;
    std::chrono::steady_clock::time_point deadline_;
    bool timed_out_ = false;
    beast::flat_buffer buffer_;
    Shared& shared_;
    std::atomic<int>& live_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::optional<http::request_parser<http::file_body>> upload_;  // a large body being written to upload_path_
    std::filesystem::path upload_path_;
    Slot large_body_;
    unsigned served_ = 0;
    std::optional<std::string> remote_address_;
    std::optional<std::string> local_address_;
    std::array<char, 4096> drain_buffer_{};
    std::size_t drained_ = 0;
};

// One io_context a thread, each run by its own thread: a connection lives
// on one thread from accept to close, so its handlers never pass between
// threads (with one io_context on all threads, each request woke another
// thread: a futex round trip). New connections go to the thread with the
// fewest. The cost: a long request (a static map) holds up the other
// connections of its thread, as in nginx's workers.
// Runs `io` until it is stopped. An exception out of a handler (none is
// expected: answer() catches everything) is logged and the loop goes on, so
// it cannot end the thread or the process.
void run_until_stopped(net::io_context& io) {
    while (true) {
        try {
            io.run();
            return;
        } catch (const std::exception& error) {
            log_line(std::cerr, std::string("内部错误 internal error in the event loop: ") + error.what());
        } catch (...) {
            log_line(std::cerr, "内部错误 internal error in the event loop");
        }
    }
}

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
        for (std::size_t i = 1; i < workers_.size(); ++i) threads.emplace_back([&io = workers_[i]->io] { run_until_stopped(io); });
        run_until_stopped(workers_.front()->io);
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
        : workers_(workers), acceptor_(workers.main()), pause_(workers.main()), shared_(shared) {
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
            } else if (error == net::error::no_descriptors || error == net::error::no_buffer_space ||
                       error == net::error::no_memory) {
                // Out of file descriptors: accepting again at once fails again
                // at once and spins a core. Wait for connections to close.
                return self->accept_later(error);
            }
            self->accept();
        });
    }
    void accept_later(const beast::error_code& error) {
        if (!warned_) log_line(std::cerr, "连接过多，暂停接受新连接 too many connections, pausing accept: " + error.message());
        warned_ = true;
        pause_.expires_after(std::chrono::milliseconds(100));
        pause_.async_wait([self = shared_from_this()](beast::error_code) {
            if (self->acceptor_.is_open()) self->accept();
        });
    }
    void stop() {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->acceptor_.close(ignored);
            self->pause_.cancel();
        });
    }

private:
    Workers& workers_;
    tcp::acceptor acceptor_;
    net::steady_timer pause_;
    bool warned_ = false;
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

// Each connection is a file descriptor: the soft limit (often 1024) is
// raised to the hard one, so idle connections do not run the server out.
void raise_file_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

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
    raise_file_limit();
    // Sockets send with MSG_NOSIGNAL; this is for standard error: a log
    // reader that goes away makes its writes fail, not the server end.
    std::signal(SIGPIPE, SIG_IGN);
    Shared shared(app, threads);
    if (app.config.access_log) shared.access_log.emplace(STDERR_FILENO);
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
    shared.join();  // idle by now: every session has ended
}

}  // namespace investmap::server
