// The access log: one line per request, whatever the request held. A
// client's bytes must not start a new line, move a terminal's cursor, close
// the quoted target early or leave a token in the log.
#include "access_log.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>

using namespace investmap::server;

namespace {

AccessRecord record_of(std::string_view method, std::string_view target) {
    using namespace std::chrono;
    return AccessRecord{.at = system_clock::time_point(milliseconds(1796680201123)),  // 2026-12-07T21:50:01.123Z
                        .client = "203.0.113.5",
                        .method = method,
                        .target = target,
                        .status = 200,
                        .bytes = 1234,
                        .seconds = 0.00084};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_line_holds_time_client_request_status_bytes_and_milliseconds) {
    BOOST_TEST(access_log_line(record_of("GET", "/tiles/13/6848/3584.mvt?status=available")) ==
               "access 2026-12-07T21:50:01.123Z 203.0.113.5 \"GET /tiles/13/6848/3584.mvt?status=available\" 200 1234 0.8ms");
}

BOOST_AUTO_TEST_CASE(what_is_not_known_is_a_dash) {
    AccessRecord record = record_of("", "");
    record.client = "";
    record.status = 400;
    BOOST_TEST(access_log_line(record) == "access 2026-12-07T21:50:01.123Z - \"-\" 400 1234 0.8ms");
}

BOOST_AUTO_TEST_CASE(hostile_targets_stay_on_one_line_and_inside_their_quotes) {
    struct Case {
        std::string_view target;
        std::string_view logged;
    };
    const Case cases[] = {
        {"/a\nb", "/a\\x0Ab"},                                       // a forged second line
        {"/a\r\naccess 2026 1.2.3.4 \"GET /\" 200", "/a\\x0D\\x0Aaccess\\x202026\\x201.2.3.4\\x20\\x22GET\\x20/\\x22\\x20200"},
        {"/\x1b[2J\x1b[H", "/\\x1B[2J\\x1B[H"},                      // terminal escapes
        {"/\"quoted\"", "/\\x22quoted\\x22"},                         // closing the quotes early
        {"/back\\slash", "/back\\x5Cslash"},                          // an escape that looks like ours
        {std::string_view("/nul\0byte", 9), "/nul\\x00byte"},
        {"/\xe4\xb8\xad", "/\\xE4\\xB8\\xAD"},                        // raw UTF-8 (browsers send it percent-encoded)
        {"/\xff\xfe", "/\\xFF\\xFE"},                                 // not UTF-8 at all
        {"/\x7f", "/\\x7F"},
        {"/tab\there", "/tab\\x09here"},
    };
    for (const auto& [target, logged] : cases) {
        BOOST_TEST_CONTEXT("target " << escaped_for_log(target)) {
            BOOST_TEST(loggable_target(target) == logged);
            const std::string line = access_log_line(record_of("GET", target));
            BOOST_TEST(line.find_first_of("\r\n") == std::string::npos);
            BOOST_TEST(std::count(line.begin(), line.end(), '"') == 2);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_hostile_method_is_escaped_too) {
    const std::string line = access_log_line(record_of("GE\"T\n", "/"));
    BOOST_TEST(line.find("\"GE\\x22T\\x0A /\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(token_values_in_the_query_are_masked_whatever_their_spelling) {
    struct Case {
        std::string_view target;
        std::string_view logged;
    };
    const Case cases[] = {
        {"/api?token=s3cret", "/api?token=***"},
        {"/api?status=available&access_token=s3cret&limit=5", "/api?status=available&access_token=***&limit=5"},
        {"/api?TOKEN=s3cret", "/api?TOKEN=***"},
        {"/api?%74oken=s3cret", "/api?%74oken=***"},                 // percent-encoded name
        {"/api?api_key=a&apikey=b&key=c", "/api?api_key=***&apikey=***&key=***"},
        {"/api?keys=visible&monkey=visible", "/api?keys=visible&monkey=visible"},
        {"/api?token", "/api?token"},                                 // no value to hide
        {"/api?token=", "/api?token=***"},
        {"/api?%zz=1&token=s3cret", "/api?%zz=1&token=***"},          // a bad escape elsewhere does not stop the masking
        {"/api?a=1&&token=x&", "/api?a=1&&token=***&"},
        {"/api?q=token%3Dx", "/api?q=token%3Dx"},                     // a value that only mentions a token
    };
    for (const auto& [target, logged] : cases) {
        BOOST_TEST_CONTEXT("target " << target) { BOOST_TEST(loggable_target(target) == logged); }
    }
}

BOOST_AUTO_TEST_CASE(a_long_target_is_cut_and_says_so) {
    const std::string target = "/" + std::string(5000, 'a');
    const std::string logged = loggable_target(target);
    BOOST_TEST(logged.size() == kMaxLoggedTarget + std::string("…").size());
    BOOST_TEST(logged.ends_with("…"));
}

BOOST_AUTO_TEST_CASE(a_token_cut_off_by_the_length_limit_is_still_masked) {
    const std::string target = "/api?" + std::string(kMaxLoggedTarget - 12, 'a') + "&token=s3cret-that-is-long";
    const std::string logged = loggable_target(target);
    BOOST_TEST(logged.find("s3cret") == std::string::npos);
    BOOST_TEST(logged.find("token=***") != std::string::npos);
}
