// Range and If-None-Match as a table of header → answer.
#include "http_headers.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::server;
using Kind = RangeRequest::Kind;

BOOST_AUTO_TEST_CASE(ranges_of_a_100_byte_file) {
    const struct {
        const char* header;
        Kind kind;
        std::uint64_t first, last;
    } cases[] = {
        {"bytes=0-9", Kind::part, 0, 9},
        {"bytes=10-", Kind::part, 10, 99},
        {"bytes=-10", Kind::part, 90, 99},
        {"bytes=-1000", Kind::part, 0, 99},
        {"bytes=90-1000", Kind::part, 90, 99},
        {"bytes=99-99", Kind::part, 99, 99},
        {"bytes=5-2", Kind::unsatisfiable, 0, 0},
        {"bytes=-0", Kind::unsatisfiable, 0, 0},
        {"bytes=100-", Kind::unsatisfiable, 0, 0},
        {"bytes=100-200", Kind::unsatisfiable, 0, 0},
        {"bytes=0-1,5-6", Kind::whole, 0, 0},
        {"bytes=-", Kind::whole, 0, 0},
        {"bytes=a-b", Kind::whole, 0, 0},
        {"bytes=+1-2", Kind::whole, 0, 0},
        {"bytes=1-+2", Kind::whole, 0, 0},
        {"bytes= 1-2", Kind::whole, 0, 0},
        {"bytes=99999999999999999999999-", Kind::whole, 0, 0},
        {"items=0-1", Kind::whole, 0, 0},
        {"bytes=0x1-2", Kind::whole, 0, 0},
        {"", Kind::whole, 0, 0},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.header) {
            const RangeRequest answer = parse_range(c.header, 100);
            BOOST_TEST(static_cast<int>(answer.kind) == static_cast<int>(c.kind));
            if (c.kind == Kind::part) {
                BOOST_TEST(answer.range.first == c.first);
                BOOST_TEST(answer.range.last == c.last);
            }
        }
    }
    BOOST_TEST(static_cast<int>(parse_range(std::nullopt, 100).kind) == static_cast<int>(Kind::whole));
    BOOST_TEST(static_cast<int>(parse_range("bytes=-5", 0).kind) == static_cast<int>(Kind::unsatisfiable));
    BOOST_TEST(static_cast<int>(parse_range("bytes=0-", 0).kind) == static_cast<int>(Kind::unsatisfiable));
}

BOOST_AUTO_TEST_CASE(if_none_match_as_rfc_9110_lists_it) {
    const struct {
        const char* header;
        bool matches;  // does it name "abc"?
    } cases[] = {
        {"\"abc\"", true},
        {"W/\"abc\"", true},                // weak comparison: W/ does not matter
        {"\"x\", \"abc\"", true},
        {"\"x\",W/\"abc\" ,", true},
        {" * ", true},
        {"\"abc-gz\"", false},              // another representation
        {"\"ab\"", false},
        {"\"abcd\"", false},                // not a substring search
        {"abc", false},                     // no quotes: not an entity tag
        {"\"abc", false},
        {"\"a\"bc\"", false},
        {"\"abc\" junk", false},
        {"", false},
        {",,", false},
        {"w/\"abc\"", false},               // W/ is case-sensitive
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.header) { BOOST_TEST(if_none_match_names(c.header, "\"abc\"") == c.matches); }
    }
    BOOST_TEST(!if_none_match_names("\"v12\"", "\"v1\""));
}

BOOST_AUTO_TEST_CASE(if_match_compares_strongly) {
    BOOST_TEST(if_match_names("\"v1\"", "\"v1\""));
    BOOST_TEST(if_match_names("\"v0\", \"v1\"", "\"v1\""));
    BOOST_TEST(if_match_names("*", "\"v1\""));
    BOOST_TEST(!if_match_names("W/\"v1\"", "\"v1\""));
    BOOST_TEST(!if_match_names("\"v12\"", "\"v1\""));
    BOOST_TEST(!if_match_names("\"v1", "\"v1\""));
}
