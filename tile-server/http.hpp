#pragma once
// The server's own request and response: what the router sees and returns,
// independent of Beast, so tests can call it without a socket.
#include "filter/filter.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace investmap::server {

// Who sent a request with a valid token (none: anonymous).
struct Caller {
    std::int64_t token_id = 0;
    std::string name;  // recorded as the actor of edits
    std::string role;  // staff | admin
};

struct Request {
    std::string method = "GET";
    std::string path;                  // percent-decoded
    filter::QueryParameters query;     // percent-decoded, in order
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    // A large upload is written to this file as it arrives instead of
    // `body` (which is then empty); the route may rename it, the server
    // removes what is left once the answer is written.
    std::string body_file;
    std::string remote_address;        // the peer's IP (a proxy's, behind one)
    std::string local_address;         // where the peer reached us, "127.0.0.1:8080" or "[::1]:8080"; "" without a socket
    std::string client_address;        // the client's IP for limits and logs: the peer's, or what a trusted proxy forwarded
    std::optional<Caller> caller;      // set by the router from Authorization

    std::optional<std::string_view> header(std::string_view name) const;
};

// Part of a file on disk, streamed to the client instead of `body`.
struct FilePart {
    std::string path;
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
};

struct Response {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    // Bytes shared with a cache instead of `body`: sent without a copy.
    std::shared_ptr<const std::string> shared_body;
    // Bytes read from disk while they are sent, instead of `body` (media).
    std::optional<FilePart> file;
    std::vector<std::pair<std::string, std::string>> headers;
};

// An error a request caused: becomes the JSON body
// {"error":{"code":…,"message":…}} with `status`.
class HttpError : public std::runtime_error {
public:
    HttpError(unsigned status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}
    unsigned status() const { return status_; }
    const std::string& code() const { return code_; }

private:
    unsigned status_;
    std::string code_;
};

// Never throws for any bytes in `code` or `message` (they may quote the
// request): ill-formed UTF-8 is replaced, not passed to the JSON writer.
Response error_response(unsigned status, std::string_view code, std::string_view message);

// Splits "/a%20b/c?x=1&y=%E4%B8%AD" into a decoded path and parameters.
// A bad percent escape, a NUL byte or invalid UTF-8 throws HttpError 400.
std::pair<std::string, filter::QueryParameters> parse_target(std::string_view target);

}  // namespace investmap::server
