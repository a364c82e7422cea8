// Strict UTF-8 (RFC 3629): a table of well-formed and hostile byte strings.
#include "text/utf8.hpp"

#include <boost/test/unit_test.hpp>

using investmap::text::is_valid_utf8;
using investmap::text::sanitized_utf8;

namespace {

struct Case {
    const char* name;
    std::string bytes;
    bool valid;
};

const Case kCases[] = {
    {"empty", "", true},
    {"ascii", "abc 123", true},
    {"two-byte", "\xC2\xA9", true},
    {"chinese", "\xE9\x97\xB2\xE7\xBD\xAE", true},  // 闲置
    {"four-byte emoji", "\xF0\x9F\x98\x80", true},
    {"last code point U+10FFFF", "\xF4\x8F\xBF\xBF", true},
    {"U+FFFD", "\xEF\xBF\xBD", true},
    {"nul is ascii", std::string("a\0b", 3), true},
    {"overlong slash C0 AF", "\xC0\xAF", false},
    {"overlong dot C0 AE", "\xC0\xAE", false},
    {"overlong C1", "\xC1\xBF", false},
    {"overlong three-byte E0 80 80", "\xE0\x80\x80", false},
    {"overlong three-byte E0 9F BF", "\xE0\x9F\xBF", false},
    {"overlong four-byte F0 8F BF BF", "\xF0\x8F\xBF\xBF", false},
    {"surrogate D800", "\xED\xA0\x80", false},
    {"surrogate DFFF", "\xED\xBF\xBF", false},
    {"above U+10FFFF", "\xF4\x90\x80\x80", false},
    {"F5 lead", "\xF5\x80\x80\x80", false},
    {"FF byte", "\xFF", false},
    {"FE byte", "\xFE", false},
    {"lone continuation", "\x80", false},
    {"truncated two-byte", "\xC2", false},
    {"truncated three-byte", "\xE9\x97", false},
    {"truncated four-byte", "\xF0\x9F\x98", false},
    {"bad continuation", "\xE9\x41\xB2", false},
    {"valid then bad", "ok\xE9\x97\xB2\xC0\xAE", false},
};

}  // namespace

BOOST_AUTO_TEST_CASE(each_case_is_judged_as_rfc_3629_says) {
    for (const Case& c : kCases) {
        BOOST_TEST_CONTEXT(c.name) { BOOST_TEST(is_valid_utf8(c.bytes) == c.valid); }
    }
}

BOOST_AUTO_TEST_CASE(sanitized_text_is_always_valid_and_keeps_good_text) {
    for (const Case& c : kCases) {
        BOOST_TEST_CONTEXT(c.name) {
            const std::string clean = sanitized_utf8(c.bytes);
            BOOST_TEST(is_valid_utf8(clean));
            if (c.valid) BOOST_TEST(clean == c.bytes);
            else BOOST_TEST(clean.find("\xEF\xBF\xBD") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_single_byte_and_pair_is_judged_without_reading_past_the_end) {
    // Under ASan this would catch a read past the end of a short string.
    for (int a = 0; a < 256; ++a) {
        const std::string one(1, static_cast<char>(a));
        BOOST_TEST(is_valid_utf8(one) == (a < 0x80));
        for (int b = 0; b < 256; ++b) {
            const std::string two{static_cast<char>(a), static_cast<char>(b)};
            const bool expected = (a < 0x80 && b < 0x80) || (a >= 0xC2 && a <= 0xDF && b >= 0x80 && b <= 0xBF);
            if (is_valid_utf8(two) != expected) BOOST_FAIL("pair " << a << "," << b);
        }
    }
}
