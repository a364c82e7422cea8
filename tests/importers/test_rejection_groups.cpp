#include "importers/rejection_groups.hpp"

#include "importers/field_mapping.hpp"
#include "importers/value_parsing.hpp"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace investmap::importers;

namespace {

// The rejection parse_status gives for `label`, as an import records it.
Rejection unknown_status(std::int64_t feature, const std::string& label) {
    try {
        parse_status(label);
    } catch (const UnknownLabel& error) {
        return {"a.xlsx", feature, "C-" + std::to_string(feature), "status", error.what(), error.label};
    }
    throw std::logic_error("the status is known: " + label);
}

std::string written(const RejectionGroups& groups, std::size_t shown = 20) {
    std::ostringstream out;
    groups.write(out, shown);
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_label_repeated_on_145_rows_is_one_line_with_its_count_and_first_features) {
    RejectionGroups groups;
    for (int row = 0; row < 145; ++row) groups.add(unknown_status(row, "搁置"));
    const std::string text = written(groups);
    BOOST_TEST(text.find("拒绝 rejected 145 行 rows · status: 未知状态“搁置”") != std::string::npos, text);
    BOOST_TEST(text.find("要素 features 0, 1, 2, 3, 4 …\n") != std::string::npos, text);
    BOOST_TEST(text.find("rejected", text.find("rejected") + 1) == std::string::npos, "one line only:\n" << text);
}

BOOST_AUTO_TEST_CASE(unknown_labels_come_with_mapping_lines_that_parse_once_filled_in) {
    RejectionGroups groups;
    groups.add(unknown_status(1, "暂缓出让"));      // holds 暂缓: a guess
    groups.add(unknown_status(2, "卖掉了"));        // nothing to guess from
    groups.add(unknown_status(3, "say \"sold\""));  // quotes must be escaped
    groups.add({"a.xlsx", 4, "C-4", "geometry", "几何为空\n  geometry is empty", ""});
    const std::string text = written(groups);
    BOOST_TEST(text.find("[values.status]\n\"暂缓出让\" = \"withdrawn\"  # 猜测") != std::string::npos, text);
    BOOST_TEST(text.find("\"卖掉了\" = \"\"  # 请填写 fill in one of: available, negotiating") != std::string::npos, text);
    BOOST_TEST(text.find("\"say \\\"sold\\\"\" = \"\"") != std::string::npos, text);
    // Filled in, the lines are a mapping file the importer reads back.
    const std::string lines = text.substr(text.find("\n[values.status]\n") + 1);
    std::string filled;
    std::istringstream in(lines);
    for (std::string line; std::getline(in, line);) {
        if (const auto empty = line.find("= \"\""); empty != std::string::npos) line.replace(empty, 4, "= \"reserved\"");
        filled += line + '\n';
    }
    const MappingFile mapping = parse_mapping(filled, "pasted.toml");
    BOOST_TEST(mapping.status_labels.at("暂缓出让") == "withdrawn");
    BOOST_TEST(mapping.status_labels.at("卖掉了") == "reserved");
    BOOST_TEST(parse_status("say \"sold\"", mapping.status_labels) == "reserved");
}

BOOST_AUTO_TEST_CASE(many_kinds_of_problem_are_cut_short_with_a_pointer_to_the_report) {
    RejectionGroups groups;
    for (int row = 0; row < 30; ++row) groups.add(unknown_status(row, "状态" + std::to_string(row)));
    const std::string text = written(groups, 20);
    BOOST_TEST(text.find("另有 10 种原因 and 10 more kinds of problem (--report R.csv") != std::string::npos, text);
    BOOST_TEST(text.find("\"状态29\" = ") != std::string::npos, "every unknown label gets its mapping line:\n" << text);
}

BOOST_AUTO_TEST_CASE(toml_quoting_escapes_what_toml_would_misread) {
    BOOST_TEST(toml_quoted("a\\b") == "\"a\\\\b\"");
    BOOST_TEST(toml_quoted(std::string("tab\there\n", 9)) == "\"tab\\u0009here\\u000A\"");
    BOOST_TEST(toml_quoted("闲置") == "\"闲置\"");
}
