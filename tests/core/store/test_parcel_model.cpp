#include "store/parcel_model.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::store;

BOOST_AUTO_TEST_CASE(status_moves_follow_the_table_in_product_md) {
    BOOST_TEST(may_move("available", "negotiating"));
    BOOST_TEST(may_move("negotiating", "signed"));
    BOOST_TEST(may_move("signed", "settled"));
    BOOST_TEST(may_move("settled", "available"));
    BOOST_TEST(!may_move("available", "signed"));
    BOOST_TEST(!may_move("withdrawn", "negotiating"));
    BOOST_TEST(!may_move("available", ""));
    BOOST_TEST(!may_move("unknown", "available"));
}

BOOST_AUTO_TEST_CASE(only_available_and_negotiating_are_public) {
    for (const StatusInfo& status : kStatuses) {
        const bool expected = status.code == "available" || status.code == "negotiating";
        BOOST_TEST(status.is_public == expected, status.code);
    }
}

BOOST_AUTO_TEST_CASE(field_lookup_is_an_allow_list) {
    BOOST_TEST(field_index("power_kva").has_value());
    BOOST_TEST(!field_index("power_kva; DROP TABLE parcels").has_value());
    BOOST_TEST(kParcelFields[field("notes")].staff_only);
    BOOST_TEST(!kParcelFields[field("rent_yuan_m2_month")].staff_only);
}
