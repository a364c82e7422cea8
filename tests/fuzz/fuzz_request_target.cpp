// The request target: percent-decoding, the query split and strict UTF-8.
// Whatever the bytes, parse_target either throws HttpError 400 or returns a
// path and parameters of valid UTF-8 without NUL; an error body quoting the
// bytes is always valid JSON; the access log's line for it is one line of
// printable ASCII with the request inside one pair of quotes.
#include "access_log.hpp"
#include "http.hpp"
#include "text/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace investmap;

namespace {

void check_access_line(std::string_view target) {
    const server::AccessRecord record{.client = "127.0.0.1", .method = target.substr(0, 8), .target = target, .status = 400};
    std::string line = server::access_log_line(record);
    const std::string_view cut_mark = "…";  // the one non-ASCII text the log writes itself, after a cut target
    if (const auto mark = line.find(cut_mark); mark != std::string::npos) line.erase(mark, cut_mark.size());
    if (!std::ranges::all_of(line, [](char c) { return c >= 0x20 && c < 0x7f; })) std::abort();
    if (std::ranges::count(line, '"') != 2) std::abort();
    if (server::loggable_target(target).size() > 4 * server::kMaxLoggedTarget + cut_mark.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view target(reinterpret_cast<const char*>(data), size);
    try {
        const auto [path, query] = server::parse_target(target);
        if (!text::is_valid_utf8(path) || path.find('\0') != std::string::npos) std::abort();
        for (const auto& [name, value] : query) {
            if (!text::is_valid_utf8(name) || !text::is_valid_utf8(value)) std::abort();
        }
    } catch (const server::HttpError& error) {
        if (error.status() != 400) std::abort();
    }
    const server::Response response = server::error_response(400, target, target);
    if (!nlohmann::json::accept(response.body)) std::abort();
    check_access_line(target);
    return 0;
}
