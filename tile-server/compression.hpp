#pragma once
#include <string>
#include <string_view>

namespace investmap::server {

// gzip (RFC 1952) through zlib.
std::string gzip_compress(std::string_view data);
// Whether an Accept-Encoding header allows gzip (and does not forbid it with q=0).
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace investmap::server
