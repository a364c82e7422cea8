#pragma once
// One line per answered request, for the operator (journald, a log file):
//   access 2026-12-07T21:50:01.123Z 203.0.113.5 "GET /tiles/13/6848/3584.mvt?status=available" 200 1234 0.8ms
// time (UTC) · the client's address (the one a trusted proxy forwarded) ·
// method and target as sent · status · body bytes · milliseconds spent
// answering ("-" for what is not known: a request line that did not
// parse). Everything in it came from a client: bytes a terminal or a
// log reader would act on (newlines, escapes, quotes, non-ASCII) are
// written as \xHH, so a request cannot forge or hide a line, and the
// target is cut at kMaxLoggedTarget bytes. Values of query parameters
// that could carry a token (token=, key= …) are written as "***": the
// server refuses them, but the log must not keep them either.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace investmap::server {

inline constexpr std::size_t kMaxLoggedTarget = 1024;

struct AccessRecord {
    std::chrono::system_clock::time_point at;
    std::string_view client;
    std::string_view method;
    std::string_view target;  // as sent: path and query, percent-encoded
    unsigned status = 0;
    std::size_t bytes = 0;
    double seconds = 0;
};

std::string access_log_line(const AccessRecord& record);

// The target as it goes into the log: token values masked, unsafe bytes
// escaped, at most kMaxLoggedTarget bytes of it (then "…").
std::string loggable_target(std::string_view target);

// Bytes a log reader could act on written as \xHH; the rest as they are.
std::string escaped_for_log(std::string_view text);

}  // namespace investmap::server
