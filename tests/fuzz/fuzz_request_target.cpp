// The request target: percent-decoding, the query split and strict UTF-8.
// Whatever the bytes, parse_target either throws HttpError 400 or returns a
// path and parameters of valid UTF-8 without NUL; an error body quoting the
// bytes is always valid JSON.
#include "http.hpp"
#include "text/utf8.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace investmap;

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
    return 0;
}
