#include "importers/parcel_rows.hpp"

#include <boost/test/unit_test.hpp>

using namespace investmap::importers;
using investmap::store::field;
using investmap::store::FieldValue;

namespace {

struct Row {
    std::vector<std::string> columns;
    std::vector<std::string> values;

    ParcelRow build(std::vector<FieldProblem>& problems, MappingFile file = {},
                    std::optional<std::string> kind = std::nullopt) const {
        ParcelRowBuilder builder(resolve_mapping(columns, file), file, kind);
        return builder.build([this](int column) { return values[static_cast<std::size_t>(column)]; }, problems);
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_typical_district_row_becomes_a_parcel) {
    const Row row{{"地块编号", "类型", "状态", "面积_亩", "电力容量", "可用日期", "联系人", "联系电话"},
                  {"CS-1", "土地", "闲置", "30", "1,250 kVA", "2026年12月", "张三", "0591-1234567"}};
    std::vector<FieldProblem> problems;
    const ParcelRow parcel = row.build(problems);
    BOOST_TEST(problems.empty());
    BOOST_TEST(parcel.record.code() == "CS-1");
    BOOST_TEST(std::get<std::string>(parcel.record[field("kind")]) == "land");
    BOOST_TEST(std::get<std::string>(parcel.record[field("status")]) == "available");
    BOOST_TEST(std::get<double>(parcel.record[field("area_m2")]) == 20000.0);  // 30 亩
    BOOST_TEST(std::get<double>(parcel.record[field("power_kva")]) == 1250.0);
    BOOST_TEST(std::get<std::string>(parcel.record[field("available_from")]) == "2026-12-01");
    BOOST_TEST(std::get<std::string>(parcel.record[field("contact")]) == "张三 0591-1234567");
    BOOST_TEST(!parcel.provided[field("rent_yuan_m2_month")]);  // not in the source: an update keeps it
}

BOOST_AUTO_TEST_CASE(every_bad_field_of_a_row_is_reported) {
    const Row row{{"编号", "类型", "状态", "租金"}, {"", "车库", "卖了", "面议"}};
    std::vector<FieldProblem> problems;
    row.build(problems);
    std::vector<std::string> fields;
    for (const auto& problem : problems) fields.push_back(problem.field);
    BOOST_TEST((fields == std::vector<std::string>{"kind", "status", "rent_yuan_m2_month", "code"}));
}

BOOST_AUTO_TEST_CASE(kind_comes_from_the_command_line_and_status_defaults_to_available) {
    const Row row{{"编号"}, {"CS-9"}};
    std::vector<FieldProblem> problems;
    const ParcelRow parcel = row.build(problems, {}, "office");
    BOOST_TEST(problems.empty());
    BOOST_TEST(std::get<std::string>(parcel.record[field("kind")]) == "office");
    BOOST_TEST(std::get<std::string>(parcel.record[field("status")]) == "available");
    std::vector<FieldProblem> without_kind;
    row.build(without_kind);
    BOOST_TEST(without_kind.size() == 1u);
    BOOST_TEST(without_kind.front().field == "kind");
}

BOOST_AUTO_TEST_CASE(area_comes_from_the_geometry_only_when_the_row_has_none) {
    const Row row{{"编号", "类型"}, {"CS-1", "土地"}};
    std::vector<FieldProblem> problems;
    ParcelRow parcel = row.build(problems);
    ParcelRowBuilder::add_geometry(parcel, {.wkb = "x", .kind = GeometryClass::polygonal, .area_m2 = 1234.567});
    BOOST_TEST(std::get<double>(parcel.record[field("area_m2")]) == 1234.57);
    BOOST_TEST(parcel.provided[field("area_m2")]);
}

BOOST_AUTO_TEST_CASE(the_columns_read_are_those_some_field_maps) {
    const std::vector<std::string> columns{"无关列", "地块编号", "联系人", "类型", "联系电话", "另一无关列"};
    ParcelRowBuilder builder(resolve_mapping(columns, {}), {}, std::nullopt);
    BOOST_TEST((builder.columns_read() == std::vector<int>{1, 2, 3, 4}));  // the contact's two columns once each
}

BOOST_AUTO_TEST_CASE(a_row_gives_its_area_when_an_area_column_is_filled_or_defaulted) {
    const std::vector<std::string> columns{"地块编号", "面积_亩", "用地面积"};
    ParcelRowBuilder builder(resolve_mapping(columns, {}), {}, std::nullopt);
    const auto row = [](std::vector<std::string> values) {
        return [values](int column) { return values[static_cast<std::size_t>(column)]; };
    };
    BOOST_TEST(builder.gives_area(row({"A-1", "30", ""})));
    BOOST_TEST(builder.gives_area(row({"A-1", "", "1200"})));
    BOOST_TEST(builder.gives_area(row({"A-1", "三十", ""})));  // refused later by build(), not measured meanwhile
    BOOST_TEST(!builder.gives_area(row({"A-1", " ", ""})));

    MappingFile with_default;
    with_default.defaults[field("area_m2")] = "500";
    ParcelRowBuilder defaulted(resolve_mapping({"地块编号"}, with_default), with_default, std::nullopt);
    BOOST_TEST(defaulted.gives_area(row({"A-1"})));
}

BOOST_AUTO_TEST_CASE(numbers_past_a_fields_plausible_maximum_are_refused) {
    const Row row{{"编号", "类型", "租金", "电力容量", "面积_亩"}, {"CS-1", "厂房", "1e308", "2000000", "200000"}};
    std::vector<FieldProblem> problems;
    row.build(problems);
    std::vector<std::string> fields;
    for (const auto& problem : problems) fields.push_back(problem.field);
    BOOST_TEST((fields == std::vector<std::string>{"power_kva", "rent_yuan_m2_month", "area_mu"}));
    BOOST_REQUIRE(problems.size() == 3u);
    BOOST_TEST(problems[0].reason.find("1000000") != std::string::npos);
    BOOST_TEST(problems[1].reason.find("10000") != std::string::npos);
}
