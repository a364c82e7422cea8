// The matcher's text search is SQLite's LIKE. That the whole filter in
// memory means what it means in SQL is tests/core/source/test_parcel_sources
// (the memory source is the matcher, the SQLite source is filter::to_sql).
#include "index/parcel_matcher.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap;

BOOST_AUTO_TEST_CASE(text_search_is_like_sqlite_like) {
    BOOST_TEST(index::contains_like("Smart Tower", "sMART"));
    BOOST_TEST(index::contains_like("金山工业区", "工业"));
    BOOST_TEST(!index::contains_like("Harbour", "harbor"));
    BOOST_TEST(!index::contains_like("", "a"));
}
