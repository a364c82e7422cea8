#include "huge_page_heap.hpp"

#include <boost/test/unit_test.hpp>

using investmap::cli::tunables_with_huge_pages;

BOOST_AUTO_TEST_CASE(the_tunable_is_added_to_what_the_user_set) {
    BOOST_TEST(tunables_with_huge_pages(nullptr).value() == "glibc.malloc.hugetlb=1");
    BOOST_TEST(tunables_with_huge_pages("").value() == "glibc.malloc.hugetlb=1");
    BOOST_TEST(tunables_with_huge_pages("glibc.malloc.check=0").value() == "glibc.malloc.check=0:glibc.malloc.hugetlb=1");
}

BOOST_AUTO_TEST_CASE(a_tunable_already_named_is_left_as_it_is_so_the_second_run_stops) {
    BOOST_TEST(!tunables_with_huge_pages("glibc.malloc.hugetlb=1").has_value());
    BOOST_TEST(!tunables_with_huge_pages("glibc.malloc.hugetlb=0").has_value());  // the user refused
    BOOST_TEST(!tunables_with_huge_pages("glibc.malloc.check=0:glibc.malloc.hugetlb=1").has_value());
}
