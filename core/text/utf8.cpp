#include "text/utf8.hpp"

namespace investmap::text {
namespace {

bool continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the well-formed sequence at `at`, or 0. Table 3-7 of the
// Unicode standard: the second byte's range depends on the lead byte, which
// is what rules out overlongs, surrogates and code points past U+10FFFF.
std::size_t sequence_length(std::string_view bytes, std::size_t at) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(bytes[at + k]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return 1;
    const std::size_t left = bytes.size() - at;
    unsigned char second_min = 0x80, second_max = 0xBF;
    std::size_t length = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) second_min = 0xA0;  // below: overlong
        if (lead == 0xED) second_max = 0x9F;  // above: surrogates D800–DFFF
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) second_min = 0x90;  // below: overlong
        if (lead == 0xF4) second_max = 0x8F;  // above: past U+10FFFF
    } else {
        return 0;  // C0, C1, F5–FF, or a continuation byte with no lead
    }
    if (left < length) return 0;
    if (byte(1) < second_min || byte(1) > second_max) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (!continuation(byte(k))) return 0;
    }
    return length;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    for (std::size_t at = 0; at < bytes.size();) {
        const std::size_t length = sequence_length(bytes, at);
        if (length == 0) return false;
        at += length;
    }
    return true;
}

std::string sanitized_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t at = 0; at < bytes.size();) {
        const std::size_t length = sequence_length(bytes, at);
        if (length == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, one per bad byte
            ++at;
        } else {
            out.append(bytes.substr(at, length));
            at += length;
        }
    }
    return out;
}

}  // namespace investmap::text
