#include "import_command.hpp"
#include "import_context_command.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>

using namespace investmap::cli;
using investmap::importers::ContextImportOptions;
using investmap::importers::ImportOptions;
using investmap::testing::TempDir;

namespace {

// CLI11 takes the arguments of parse(vector) in reverse order.
void parse(CLI::App& app, std::vector<std::string> arguments) {
    std::reverse(arguments.begin(), arguments.end());
    app.parse(arguments);
}

}  // namespace

BOOST_AUTO_TEST_CASE(import_options_parse_from_the_command_line) {
    TempDir dir;
    std::ofstream(dir.file("a.shp")) << "x";
    CLI::App app;
    ImportOptions options;
    setup_import(app, options);
    parse(app, {"import", dir.file("a.shp"), "--db", "d.sqlite", "--encoding", "gbk", "--s-srs", "EPSG:4547", "--kind",
                "factory", "--dry-run", "--report", "r.csv"});
    BOOST_TEST(options.sources == std::vector<std::string>{dir.file("a.shp")});
    BOOST_TEST(options.db_path == "d.sqlite");
    BOOST_TEST(*options.encoding == "GBK");
    BOOST_TEST(*options.s_srs == "EPSG:4547");
    BOOST_TEST(*options.kind == "factory");
    BOOST_TEST(*options.report_path == "r.csv");
    BOOST_TEST(options.dry_run);
    BOOST_TEST(!options.replace);
}

BOOST_AUTO_TEST_CASE(the_officers_file_options_parse) {
    TempDir dir;
    std::ofstream(dir.file("plan.dxf")) << "x";
    CLI::App app;
    ImportOptions options;
    setup_import(app, options);
    BOOST_TEST((options.cad.label == investmap::importers::CadLabel::code), "code unless told");
    parse(app, {"import", dir.file("plan.dxf"), "--db", "d.sqlite", "--cad-layer", "用地红线", "--cad-label", "name",
                "--generate-codes", "仓山", "--allow-unlocated", "--skip-rejected"});
    BOOST_TEST(*options.cad.layer == "用地红线");
    BOOST_TEST((options.cad.label == investmap::importers::CadLabel::name));
    BOOST_TEST(*options.generate_codes == "仓山");
    BOOST_TEST(options.allow_unlocated);
    BOOST_TEST(options.skip_rejected);
}

BOOST_AUTO_TEST_CASE(bad_import_arguments_are_usage_errors) {
    TempDir dir;
    std::ofstream(dir.file("a.shp")) << "x";
    const auto refused = [&](std::vector<std::string> arguments) {
        CLI::App app;
        ImportOptions options;
        setup_import(app, options);
        try {
            parse(app, std::move(arguments));
        } catch (const CLI::ParseError&) {
            return true;
        }
        return false;
    };
    BOOST_TEST(refused({"import", dir.file("a.shp")}));                                   // no --db
    BOOST_TEST(refused({"import", dir.file("a.shp"), "--db", "d", "--kind", "house"}));  // not a kind
    BOOST_TEST(refused({"import", dir.file("a.shp"), "--db", "d", "--encoding", "EBCDIC"}));
    BOOST_TEST(refused({"import", dir.file("a.shp"), "--db", "d", "--cad-label", "height"}));
    BOOST_TEST(refused({"import", dir.file("a.shp"), "--db", "d", "--cad-label", "1"}));
    BOOST_TEST(refused({"import", dir.file("a.shp"), "--db", "d", "--generate-codes", "a/b"}));
}

BOOST_AUTO_TEST_CASE(import_context_takes_only_the_four_layers) {
    TempDir dir;
    std::ofstream(dir.file("roads.geojson")) << "{}";
    CLI::App app;
    ContextImportOptions options;
    setup_import_context(app, options);
    parse(app, {"import-context", dir.file("roads.geojson"), "--db", "d", "--as", "roads"});
    BOOST_TEST(options.as == "roads");
    CLI::App other;
    ContextImportOptions other_options;
    setup_import_context(other, other_options);
    BOOST_CHECK_THROW(parse(other, {"import-context", dir.file("roads.geojson"), "--db", "d", "--as", "rivers"}),
                      CLI::ParseError);
}
