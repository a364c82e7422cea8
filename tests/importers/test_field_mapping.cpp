#include "errors.hpp"
#include "importers/field_mapping.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>

using namespace investmap::importers;
using investmap::InputError;
using investmap::store::field;
using investmap::testing::TempDir;

BOOST_AUTO_TEST_CASE(names_are_normalised_before_matching) {
    BOOST_TEST(normalise_field_name("面积（亩）") == "面积亩");
    BOOST_TEST(normalise_field_name("面积_亩") == "面积亩");
    BOOST_TEST(normalise_field_name(" Power KVA ") == "powerkva");
}

BOOST_AUTO_TEST_CASE(chinese_and_english_aliases_find_their_fields) {
    const std::vector<std::string> columns = {"地块编号", "名称", "类型", "状态", "用地性质", "面积（亩）", "电力容量",
                                              "联系人",   "联系电话", "备注", "OBJECTID"};
    const ResolvedMapping mapping = resolve_mapping(columns, {});
    BOOST_TEST(mapping.sources[field("code")] == std::vector<int>{0});
    BOOST_TEST(mapping.sources[kAreaMu] == std::vector<int>{5});
    BOOST_TEST(mapping.sources[field("power_kva")] == std::vector<int>{6});
    BOOST_TEST((mapping.sources[field("contact")] == std::vector<int>{7, 8}));
    BOOST_TEST(mapping.sources[field("notes")] == std::vector<int>{9});  // 备注 is staff-only
    BOOST_TEST(mapping.unused == std::vector<std::string>{"OBJECTID"});
}

BOOST_AUTO_TEST_CASE(a_mapping_file_overrides_aliases_and_adds_labels_and_defaults) {
    TempDir dir;
    std::ofstream(dir.file("m.toml")) << "[fields]\ncode = \"DKBH\"\ncontact = [\"LXR\", \"LXDH\"]\n"
                                         "[values.status]\n\"招商中\" = \"available\"\n[defaults]\nkind = \"厂房\"\n";
    const MappingFile file = load_mapping_file(dir.file("m.toml"));
    BOOST_TEST(file.status_labels.at("招商中") == "available");
    BOOST_TEST(file.defaults.at(field("kind")) == "厂房");
    const ResolvedMapping mapping = resolve_mapping({"编号", "DKBH", "LXR", "LXDH"}, file);
    BOOST_TEST(mapping.sources[field("code")] == std::vector<int>{1});
    BOOST_TEST((mapping.sources[field("contact")] == std::vector<int>{2, 3}));
    BOOST_TEST(mapping.unused == std::vector<std::string>{"编号"});
}

BOOST_AUTO_TEST_CASE(mapping_file_errors_name_the_file_and_line) {
    TempDir dir;
    const auto refused = [&](const std::string& text, const std::string& expected) {
        std::ofstream(dir.file("bad.toml"), std::ios::trunc) << text;
        try {
            load_mapping_file(dir.file("bad.toml"));
        } catch (const InputError& error) {
            return std::string(error.what()).find(expected) != std::string::npos;
        }
        return false;
    };
    BOOST_TEST(refused("[fields]\ncode = \"A\"\npowr = \"B\"\n", "bad.toml:3"));
    BOOST_TEST(refused("[colours]\nx = \"y\"\n", "unknown section [colours]"));
    BOOST_TEST(refused("[values.status]\n\"x\" = \"sold\"\n", "bad.toml:2"));
    BOOST_TEST(refused("[fields\n", "not valid TOML"));
    BOOST_TEST(refused("crs = 4549\n", "bad.toml:1"));
    BOOST_TEST(refused("crs = \"\"\n", "crs must be a string"));
}

BOOST_AUTO_TEST_CASE(a_mapping_file_may_name_the_source_crs) {
    TempDir dir;
    std::ofstream(dir.file("m.toml")) << "crs = \"BD09\"\n[fields]\ncode = \"DKBH\"\n";
    BOOST_TEST(load_mapping_file(dir.file("m.toml")).crs.value_or("") == "BD09");
    std::ofstream(dir.file("n.toml")) << "[fields]\ncode = \"DKBH\"\n";
    BOOST_TEST(!load_mapping_file(dir.file("n.toml")).crs.has_value());
}

BOOST_AUTO_TEST_CASE(a_mapped_column_missing_from_the_source_is_an_error_listing_the_columns) {
    MappingFile file;
    file.fields[field("code")] = {"DKBH"};
    BOOST_CHECK_EXCEPTION(resolve_mapping({"编号", "名称"}, file), InputError, [](const InputError& error) {
        return std::string(error.what()).find("编号, 名称") != std::string::npos;
    });
}
