// The request target parser and the error body: hostile targets get a 400
// (never anything else), and an error body is valid JSON whatever it quotes.
#include "http.hpp"
#include "text/utf8.hpp"

#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>

using namespace investmap::server;

namespace {

unsigned status_of(std::string_view target) {
    try {
        parse_target(target);
        return 200;
    } catch (const HttpError& error) {
        return error.status();
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(hostile_targets_are_refused_with_400) {
    const char* refused[] = {
        "/%c0%ae",                       // overlong '.'
        "/%C0%AE",
        "/%ed%a0%80",                    // surrogate
        "/%f4%90%80%80",                 // past U+10FFFF
        "/%e0%80%80",                    // overlong NUL
        "/api/%c0%ae",
        "/tiles/1/0/0.mvt?industry=%c0%ae",
        "/api/collections/parcels/items?status=%c0%ae",
        "/api/collections/parcels/items?%c0%ae=1",
        "/api/stats?%ed%a0%80=1",
        "/styles/heat.json?kind=%c0%ae",
        "/tiles.json?land_use=%c0%ae",
        "/%00",                          // NUL, cut escapes, raw bad bytes: the decoder's own
        "/a?b=%g1",                      // table is tests/core/text/test_url_query.cpp
        "/\xff",
    };
    for (const char* target : refused) {
        BOOST_TEST_CONTEXT(target) { BOOST_TEST(status_of(target) == 400u); }
    }
}

BOOST_AUTO_TEST_CASE(good_targets_are_split_into_a_decoded_path_and_query) {
    // The query's own table is tests/core/text/test_url_query.cpp.
    const auto [path, query] = parse_target("/a%20b/c+d?y=%E4%B8%AD+%E6%96%87");
    BOOST_TEST(path == "/a b/c+d");  // '+' is a space only in the query
    BOOST_REQUIRE(query.size() == 1u);
    BOOST_TEST(query[0].second == "中 文");
    BOOST_TEST(parse_target("/x").second.empty());
}

BOOST_AUTO_TEST_CASE(error_bodies_are_valid_json_whatever_they_quote) {
    const std::string hostile[] = {"\xc0\xae", "\xed\xa0\x80", std::string("a\0b", 3), "\xff\xfe", "\"}\\", "闲置\xe9"};
    for (const std::string& text : hostile) {
        const Response response = error_response(400, text, "bad value " + text);
        BOOST_TEST(investmap::text::is_valid_utf8(response.body));
        const auto body = nlohmann::json::parse(response.body);
        BOOST_TEST(body["error"]["message"].get<std::string>().starts_with("bad value "));
    }
}
