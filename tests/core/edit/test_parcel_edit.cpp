// A staff edit's merge patch, checked before anything is locked or written:
// a table of good patches and hostile ones (each refused naming its field).
#include "edit/parcel_edit.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap;
using nlohmann::json;
using store::field;

namespace {

struct Refused {
    const char* patch;
    const char* field;  // the field the refusal names ("" for the body as a whole)
};

}  // namespace

BOOST_AUTO_TEST_CASE(good_patches_become_values_of_their_fields) {
    const auto checked = edit::check_patch(json::parse(
        R"({"rent_yuan_m2_month": 23.5, "status": "negotiating", "available_from": "2027-01-01", "owner": null,
            "contact": "", "video_url": "https://v.example.cn/a.mp4", "note": "客商来访"})"));
    BOOST_TEST(checked.note.value() == "客商来访");
    BOOST_REQUIRE_EQUAL(checked.values.size(), 6u);
    const auto value_of = [&](std::size_t index) {
        for (const auto& [i, value] : checked.values) {
            if (i == index) return value;
        }
        throw std::runtime_error("not in the patch");
    };
    BOOST_TEST(std::get<double>(value_of(field("rent_yuan_m2_month"))) == 23.5);
    BOOST_TEST(std::get<std::string>(value_of(field("status"))) == "negotiating");
    BOOST_TEST(std::get<std::string>(value_of(field("available_from"))) == "2027-01-01");
    BOOST_TEST(std::holds_alternative<std::monostate>(value_of(field("owner"))));    // null clears
    BOOST_TEST(std::holds_alternative<std::monostate>(value_of(field("contact"))));  // so does ""
    BOOST_TEST(edit::check_patch(json::object()).values.empty());
}

BOOST_AUTO_TEST_CASE(hostile_patches_are_refused_naming_the_field) {
    const std::string too_long(4001, 'x');
    const std::string note_too_long(1001, 'x');
    const std::vector<std::pair<std::string, std::string>> refused = {
        {"[]", ""},
        {"\"status\"", ""},
        {"null", ""},
        {R"({"code": "X-1"})", "code"},                         // imports own it
        {R"({"area_m2": 10})", "area_m2"},
        {R"j({"geom": "POINT(0 0)"})j", "geom"},                  // not a field at all
        {R"({"power_kva; DROP TABLE parcels": 1})", "power_kva; DROP TABLE parcels"},
        {R"({"rent_yuan_m2_month": "23"})", "rent_yuan_m2_month"},
        {R"({"rent_yuan_m2_month": -1})", "rent_yuan_m2_month"},
        {R"({"rent_yuan_m2_month": 1e308})", "rent_yuan_m2_month"},  // beyond the plausible maximum
        {R"({"land_price_wan_per_mu": true})", "land_price_wan_per_mu"},
        {R"({"contact": 12})", "contact"},
        {R"({"contact": ["a"]})", "contact"},
        {R"({"available_from": "2026-02-30"})", "available_from"},
        {R"({"available_from": "2026-1-5"})", "available_from"},
        {R"({"available_from": "next week"})", "available_from"},
        {R"({"status": "sold"})", "status"},
        {R"({"status": null})", "status"},
        {R"({"status": "AVAILABLE"})", "status"},
        {R"j({"video_url": "javascript:alert(1)"})j", "video_url"},
        {R"({"video_url": "https://a b"})", "video_url"},
        {R"({"video_url": "https://"})", "video_url"},
        {R"({"description": ")" + too_long + R"("})", "description"},
        {R"({"note": 5})", "note"},
        {R"({"note": ")" + note_too_long + R"("})", "note"},
    };
    for (const auto& [patch, name] : refused) {
        BOOST_TEST_CONTEXT(patch.substr(0, 80)) {
            try {
                edit::check_patch(json::parse(patch));
                BOOST_ERROR("accepted");
            } catch (const edit::EditError& error) {
                BOOST_TEST(error.field() == name);
                BOOST_TEST((error.kind() == edit::EditError::Kind::bad_field));
                BOOST_TEST(std::string(error.what()).find(" / ") != std::string::npos);  // Chinese / English
            }
        }
    }
}
