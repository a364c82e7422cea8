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

BOOST_AUTO_TEST_CASE(if_none_match) {
    BOOST_TEST(if_none_match_names("\"abc\"", "\"abc\""));
    BOOST_TEST(if_none_match_names("W/\"abc\"", "\"abc\""));
    BOOST_TEST(if_none_match_names("\"x\", \"abc-gzip\"", "\"abc\""));
    BOOST_TEST(if_none_match_names("*", "\"abc\""));
    BOOST_TEST(!if_none_match_names("\"abd\"", "\"abc\""));
    BOOST_TEST(!if_none_match_names("", "\"abc\""));
    BOOST_TEST(!if_none_match_names("\"abc\"", "\"\""));
    BOOST_TEST(!if_none_match_names("\"abc\"", ""));
}
