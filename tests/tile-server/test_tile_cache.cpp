#include "tile_cache.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace investmap::server;

namespace {

std::shared_ptr<const CachedBody> body_of(std::size_t bytes) {
    auto body = std::make_shared<CachedBody>();
    body->identity.assign(bytes, 'x');
    return body;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_tile_is_kept_on_its_second_request_not_its_first) {
    TileCache cache(1 << 20);
    BOOST_TEST(!cache.offer("tile/14/1/1", body_of(100)));
    BOOST_TEST(!cache.find("tile/14/1/1"));
    BOOST_TEST(cache.bytes() == 0u);
    BOOST_TEST(cache.offer("tile/14/1/1", body_of(100)));
    BOOST_TEST(cache.find("tile/14/1/1"));
}

BOOST_AUTO_TEST_CASE(a_one_pass_scan_does_not_push_out_a_popular_tile) {
    TileCache cache(10'000);
    cache.offer("popular", body_of(4'000));
    BOOST_TEST(cache.offer("popular", body_of(4'000)));
    for (int i = 0; i < 5'000; ++i) BOOST_TEST(!cache.offer("scan/" + std::to_string(i), body_of(4'000)));
    BOOST_TEST(cache.find("popular"));
    BOOST_TEST(cache.bytes() == 4'000u + std::string("popular").size());
}

BOOST_AUTO_TEST_CASE(insert_keeps_at_once_and_the_least_recently_used_goes_first) {
    TileCache cache(2'500);  // room for two entries of 1 000 bytes (key included)
    cache.insert("a", body_of(999));
    cache.insert("b", body_of(999));
    BOOST_TEST(cache.find("a"));  // a is now the most recent
    cache.insert("c", body_of(999));
    BOOST_TEST(cache.find("a"));
    BOOST_TEST(!cache.find("b"));
    BOOST_TEST(cache.find("c"));
    cache.insert("huge", body_of(3'000));  // larger than the whole cache: not kept, nothing pushed out
    BOOST_TEST(!cache.find("huge"));
    BOOST_TEST(cache.find("a"));
}
