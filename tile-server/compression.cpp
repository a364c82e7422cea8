#include "compression.hpp"

#include <zlib.h>

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace investmap::server {

std::string gzip_compress(std::string_view data) {
    z_stream stream{};
    constexpr int gzip_window = 15 + 16;  // 16 asks zlib for a gzip header
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip_window, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib deflateInit2 failed");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("zlib deflate failed");
    return out;
}

bool accepts_gzip(std::string_view header) {
    bool any = false;
    std::size_t start = 0;
    while (start < header.size()) {
        std::size_t end = header.find(',', start);
        if (end == std::string_view::npos) end = header.size();
        std::string item;
        for (char c : header.substr(start, end - start)) {
            if (!std::isspace(static_cast<unsigned char>(c))) item += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (item == "gzip") return true;
        if (item.starts_with("gzip;q=")) return std::strtod(item.c_str() + 7, nullptr) > 0.0;
        if (item == "*" || (item.starts_with("*;q=") && std::strtod(item.c_str() + 4, nullptr) > 0.0)) any = true;
        start = end + 1;
    }
    return any;  // no gzip entry: "*" (with q > 0) allows it
}

}  // namespace investmap::server
