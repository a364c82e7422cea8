// Strict UTF-8: the validator agrees with a decoder written the slow way
// (code point by code point, RFC 3629 §3), and sanitising always gives valid
// text that equals the input when the input was valid.
#include "text/utf8.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

// Decodes by computing each code point and checking it, the way RFC 3629
// states the rules (not the table the validator uses).
bool decodes(std::string_view bytes) {
    for (std::size_t i = 0; i < bytes.size();) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[i + k]); };
        std::size_t length = 0;
        std::uint32_t point = 0;
        if (byte(0) < 0x80) length = 1, point = byte(0);
        else if ((byte(0) & 0xE0) == 0xC0) length = 2, point = byte(0) & 0x1F;
        else if ((byte(0) & 0xF0) == 0xE0) length = 3, point = byte(0) & 0x0F;
        else if ((byte(0) & 0xF8) == 0xF0) length = 4, point = byte(0) & 0x07;
        else return false;
        if (i + length > bytes.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((byte(k) & 0xC0) != 0x80) return false;
            point = point << 6 | (byte(k) & 0x3F);
        }
        const std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (point < smallest[length] || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return false;
        i += length;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const bool valid = investmap::text::is_valid_utf8(bytes);
    if (valid != decodes(bytes)) std::abort();
    const std::string clean = investmap::text::sanitized_utf8(bytes);
    if (!investmap::text::is_valid_utf8(clean)) std::abort();
    if (valid && clean != bytes) std::abort();
    return 0;
}
