// Accept-Encoding as a table, and gzip that zlib reads back.
#include "compression.hpp"

#include <boost/test/unit_test.hpp>
#include <zlib.h>

using investmap::server::accepts_gzip;

BOOST_AUTO_TEST_CASE(accept_encoding_table) {
    const struct {
        const char* header;
        bool gzip;
    } cases[] = {
        {"gzip", true},
        {"gzip, deflate, br", true},
        {"br;q=1.0, gzip;q=0.8", true},
        {"GZIP", true},
        {" gzip ; q = 0.5 ", true},
        {"*", true},
        {"*;q=0.1", true},
        {"gzip;q=0", false},
        {"gzip;q=0.000", false},
        {"*, gzip;q=0", false},
        {"gzip;q=0, *", false},
        {"*;q=0", false},
        {"deflate, br", false},
        {"identity", false},
        {"", false},
        {",,,", false},
        {"gzipx", false},
        {"x-gzip", false},
        {"gzip;q=abc", false},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.header) { BOOST_TEST(accepts_gzip(c.header) == c.gzip); }
    }
}

BOOST_AUTO_TEST_CASE(gzip_is_read_back_by_zlib) {
    const std::string text(100000, 'x');
    const std::string packed = investmap::server::gzip_compress(text);
    BOOST_TEST(packed.size() < text.size() / 10);
    z_stream stream{};
    BOOST_REQUIRE(inflateInit2(&stream, 16 + MAX_WBITS) == Z_OK);  // 16: expect a gzip header
    std::string out(text.size() + 1, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    stream.avail_in = static_cast<uInt>(packed.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    BOOST_TEST(inflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    inflateEnd(&stream);
    BOOST_TEST(out == text);
}
