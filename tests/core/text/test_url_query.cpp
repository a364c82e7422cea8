// Percent-decoding and query strings: what every request and
// `investmap render --filters` go through. Hostile escapes and bytes are
// refused with UrlError, never passed on.
#include "text/url_query.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::text;

BOOST_AUTO_TEST_CASE(hostile_escapes_and_bytes_are_refused) {
    const std::string refused[] = {
        "%c0%ae",         // overlong '.'
        "%C0%AE",
        "%ed%a0%80",      // surrogate
        "%f4%90%80%80",   // past U+10FFFF
        "%e0%80%80",      // overlong NUL
        "%00",            // NUL
        "a%00b",
        "%",              // cut escapes
        "%4",
        "a%4",
        "%zz",
        "%g1",
        "%+1",
        "\xff",           // raw bad bytes
        "\xc3",
        std::string("a\0b", 3),
    };
    for (const std::string& text : refused) {
        BOOST_TEST_CONTEXT(text) {
            BOOST_CHECK_THROW(percent_decode(text, false), UrlError);
            BOOST_CHECK_THROW(parse_query("x=" + text), UrlError);
            BOOST_CHECK_THROW(parse_query(text + "=1"), UrlError);
        }
    }
}

BOOST_AUTO_TEST_CASE(escapes_decode_and_plus_is_a_space_only_in_queries) {
    BOOST_TEST(percent_decode("%E4%B8%AD%e6%96%87", false) == "中文");
    BOOST_TEST(percent_decode("a+b%2B", false) == "a+b+");
    BOOST_TEST(percent_decode("a+b%2B", true) == "a b+");
    BOOST_TEST(percent_decode("", true) == "");
    BOOST_TEST(percent_decode("%25", true) == "%");  // decoded once, not twice
    BOOST_TEST(percent_decode("%2525", true) == "%25");
}

BOOST_AUTO_TEST_CASE(queries_keep_order_repeats_and_empty_values) {
    const auto pairs = parse_query("x=1&y=%E4%B8%AD+%E6%96%87&&z&=v&x=2&a=b=c");
    BOOST_REQUIRE(pairs.size() == 6u);
    BOOST_TEST(pairs[0].first == "x");
    BOOST_TEST(pairs[0].second == "1");
    BOOST_TEST(pairs[1].second == "中 文");
    BOOST_TEST(pairs[2].first == "z");
    BOOST_TEST(pairs[2].second == "");
    BOOST_TEST(pairs[3].first == "");
    BOOST_TEST(pairs[3].second == "v");
    BOOST_TEST(pairs[4].second == "2");  // a repeat is kept: the filter refuses it by name
    BOOST_TEST(pairs[5].second == "b=c");
    BOOST_TEST(parse_query("").empty());
    BOOST_TEST(parse_query("&&&").empty());
}
