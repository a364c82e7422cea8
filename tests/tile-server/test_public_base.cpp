// Where documents say the server is: public_url, what a trusted proxy
// forwards, or the address the client reached. A Host or X-Forwarded-Host
// a client makes up never gets into a document.
#include "public_base.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::server;

namespace {

Request request_from(std::string peer, std::map<std::string, std::string> headers, std::string reached = "127.0.0.1:8080") {
    Request request;
    request.remote_address = std::move(peer);
    request.local_address = std::move(reached);
    request.headers = std::move(headers);
    return request;
}

ServerConfig behind_proxy() {
    ServerConfig config;
    config.trust_proxy = true;
    config.trusted_proxies = {"127.0.0.1", "10.1.0.0/16", "fd00::/8"};
    return config;
}

}  // namespace

BOOST_AUTO_TEST_CASE(public_urls_are_http_or_https_a_host_and_a_clean_path) {
    const auto url = parse_public_url("https://ZSDT.example.gov.cn/heatmap/");
    BOOST_REQUIRE(url);
    BOOST_TEST(url->base() == "https://zsdt.example.gov.cn/heatmap");
    BOOST_TEST(parse_public_url("http://10.0.0.5:8080")->base() == "http://10.0.0.5:8080");
    BOOST_TEST(parse_public_url("https://[2001:db8::1]:8443/a/b/")->base() == "https://[2001:db8::1]:8443/a/b");
    BOOST_TEST(parse_public_url("https://map.example.cn/")->prefix == "");
    for (const char* bad : {"", "zsdt.example.gov.cn", "ftp://example.cn", "javascript://example.cn", "https://", "https://user@example.cn",
                            "https://example.cn/a?b=1", "https://example.cn/#x", "https://example.cn:0", "https://example.cn:99999",
                            "https://exa mple.cn", "https://example.cn/../etc", "https://example.cn//x", "https://example.cn/a/./b",
                            "https://example.cn/%2e%2e", "https://-example.cn", "https://ex..ample.cn", "https://[::1", "https://[zz]:80",
                            "https://example.cn\\@evil.example", "https://例子.中国"}) {
        BOOST_TEST(!parse_public_url(bad), bad);
    }
}

BOOST_AUTO_TEST_CASE(trusted_proxies_are_addresses_or_networks) {
    const std::vector<std::string> trusted = {"127.0.0.1", "10.1.0.0/16", "fd00::/8", "not an address"};
    for (const char* yes : {"127.0.0.1", "10.1.2.3", "10.1.255.255", "fd12::5", "::ffff:10.1.0.9"}) BOOST_TEST(is_trusted_proxy(trusted, yes), yes);
    for (const char* no : {"127.0.0.2", "10.2.0.1", "::1", "fe80::1", "", "10.1.2.3.4", "localhost"}) BOOST_TEST(!is_trusted_proxy(trusted, no), no);
    for (const char* entry : {"127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"}) BOOST_TEST(is_proxy_entry(entry), entry);
    for (const char* entry : {"", "10.0.0.0/33", "10.0.0.0/", "proxy.local", "*"}) BOOST_TEST(!is_proxy_entry(entry), entry);
}

BOOST_AUTO_TEST_CASE(what_a_proxy_forwards_is_checked_part_by_part) {
    BOOST_TEST(forwarded_scheme(" HTTPS ").value() == "https");
    BOOST_TEST(!forwarded_scheme("javascript"));
    BOOST_TEST(forwarded_host("Map.Example.cn:8443").value() == "map.example.cn:8443");
    for (const char* bad : {"evil.example/x", "a b", "evil.example@x", "", "evil.example:", "\"quoted\"", "a\r\nb"}) BOOST_TEST(!forwarded_host(bad), bad);
    BOOST_TEST(!forwarded_host(std::string("[::1\0junk]:80", 14)));
    BOOST_TEST(forwarded_prefix("/heatmap/").value() == "/heatmap");
    BOOST_TEST(forwarded_prefix("/").value() == "");
    for (const char* bad : {"heatmap", "/a/../b", "//evil.example", "/a?b", "/<script>"}) BOOST_TEST(!forwarded_prefix(bad), bad);
}

BOOST_AUTO_TEST_CASE(public_url_wins_over_every_header) {
    ServerConfig config = behind_proxy();
    config.public_url = "https://zsdt.example.gov.cn/heatmap/";
    const Request request = request_from("127.0.0.1", {{"host", "evil.example"}, {"x-forwarded-host", "evil.example"}, {"x-forwarded-proto", "http"}});
    BOOST_TEST(base_url(config, request) == "https://zsdt.example.gov.cn/heatmap");
}

BOOST_AUTO_TEST_CASE(without_a_proxy_the_host_must_name_the_address_reached) {
    const ServerConfig config;  // trust_proxy = false
    BOOST_TEST(base_url(config, request_from("127.0.0.1", {{"host", "127.0.0.1:8080"}})) == "http://127.0.0.1:8080");
    BOOST_TEST(base_url(config, request_from("127.0.0.1", {{"host", "localhost:8080"}})) == "http://localhost:8080");
    BOOST_TEST(base_url(config, request_from("192.168.1.9", {{"host", "192.168.1.5:8080"}}, "192.168.1.5:8080")) == "http://192.168.1.5:8080");
    // Made up, or naming another address: the address reached instead.
    for (const char* host : {"evil.example", "evil.example:8080", "localhost:9999", "6.6.6.6:8080", "127.0.0.1:8080/x", ""}) {
        BOOST_TEST(base_url(config, request_from("127.0.0.1", {{"host", host}})) == "http://127.0.0.1:8080", host);
    }
    BOOST_TEST(base_url(config, request_from("192.168.1.9", {{"host", "localhost:8080"}}, "192.168.1.5:8080")) == "http://192.168.1.5:8080");
    // A proxy's headers from anyone else are ignored.
    BOOST_TEST(base_url(config, request_from("127.0.0.1", {{"x-forwarded-host", "evil.example"}, {"x-forwarded-proto", "https"}})) ==
               "http://127.0.0.1:8080");
    // No socket (a test calling the router): the listen address.
    BOOST_TEST(base_url(config, request_from("", {}, "")) == "http://127.0.0.1:8080");
}

BOOST_AUTO_TEST_CASE(a_trusted_proxy_says_scheme_host_and_prefix) {
    const ServerConfig config = behind_proxy();
    const auto from = [&](std::string peer, std::map<std::string, std::string> headers) { return base_url(config, request_from(std::move(peer), std::move(headers))); };
    BOOST_TEST(from("127.0.0.1", {{"x-forwarded-proto", "https"}, {"x-forwarded-host", "zsdt.example.gov.cn"}, {"x-forwarded-prefix", "/heatmap/"}}) ==
               "https://zsdt.example.gov.cn/heatmap");
    BOOST_TEST(from("10.1.3.4", {{"forwarded", "for=1.2.3.4;proto=https;host=\"map.example.cn\""}}) == "https://map.example.cn");
    // The last element is the nearest proxy's: ours.
    BOOST_TEST(from("10.1.3.4", {{"forwarded", "proto=http;host=evil.example, proto=https;host=map.example.cn"}}) == "https://map.example.cn");
    BOOST_TEST(from("127.0.0.1", {{"x-forwarded-proto", "http, https"}, {"x-forwarded-host", "evil.example, map.example.cn"}}) ==
               "https://map.example.cn");
    // A bad part falls back to what the connection says, part by part.
    BOOST_TEST(from("127.0.0.1", {{"x-forwarded-proto", "gopher"}, {"x-forwarded-host", "evil.example/x"}, {"x-forwarded-prefix", "/../x"}}) ==
               "http://127.0.0.1:8080");
    // The same headers from an address not listed: ignored.
    BOOST_TEST(from("10.2.0.1", {{"x-forwarded-proto", "https"}, {"x-forwarded-host", "evil.example"}}) == "http://127.0.0.1:8080");
}

BOOST_AUTO_TEST_CASE(the_client_address_is_the_forwarded_one_only_from_a_trusted_proxy) {
    const ServerConfig trusting = behind_proxy();
    const ServerConfig plain;
    const Request forwarded = request_from("127.0.0.1", {{"x-forwarded-for", "6.6.6.6, 203.0.113.7"}});
    BOOST_TEST(client_address(trusting, forwarded) == "203.0.113.7");  // the one our proxy saw, not what the client claimed
    BOOST_TEST(client_address(plain, forwarded) == "127.0.0.1");
    BOOST_TEST(client_address(trusting, request_from("10.1.0.1", {{"forwarded", "for=\"[2001:db8::7]:4711\""}})) == "2001:db8::7");
    BOOST_TEST(client_address(trusting, request_from("10.1.0.1", {{"forwarded", "for=198.51.100.3:5000;proto=https"}})) == "198.51.100.3");
    BOOST_TEST(client_address(trusting, request_from("10.1.0.1", {{"x-forwarded-for", "unknown"}})) == "10.1.0.1");
    BOOST_TEST(client_address(trusting, request_from("10.1.0.1", {{"forwarded", "for=_hidden"}})) == "10.1.0.1");
    // Found by fuzz_http_headers: inet_pton stops at a NUL byte, so the text after it rode along.
    BOOST_TEST(client_address(trusting, request_from("10.1.0.1", {{"forwarded", std::string("for=1.2.3.4\0\"h/x", 16)}})) == "10.1.0.1");
    BOOST_TEST(client_address(trusting, request_from("10.1.0.1", {{"x-forwarded-for", "2001:DB8::7"}})) == "2001:db8::7");  // canonical
}
