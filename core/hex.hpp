#pragma once
// Bytes as lower-case hexadecimal: token secrets, media file names.
#include <span>
#include <string>

namespace investmap {

inline std::string lower_hex(std::span<const unsigned char> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (unsigned char byte : bytes) {
        hex += kDigits[byte >> 4];
        hex += kDigits[byte & 15];
    }
    return hex;
}

}  // namespace investmap
