#include "import_command.hpp"

#include "importers/generated_codes.hpp"
#include "vocabulary/vocabulary.hpp"

#include <unistd.h>

#include <cstdio>
#include <map>
#include <iostream>

namespace investmap::cli {

using importers::ImportOptions;

CLI::App* setup_import(CLI::App& app, ImportOptions& options) {
    CLI::App* command = app.add_subcommand(
        "import", "导入地块：从任何 GDAL 矢量数据（Shapefile、GeoPackage、GeoJSON、KML、CSV、Excel）载入数据库\n"
                  "load parcels from any GDAL vector source into the database");
    command->add_option("SOURCE", options.sources, "源文件 source file(s)")->required();
    command->add_option("--db", options.db_path, "数据库文件，不存在则新建 database file, created when missing")->required();
    command->add_option("--layer", options.layer, "图层名 layer name, when the source has several");
    command->add_option("--mapping", options.mapping_path,
                        "字段映射文件 field mapping (TOML; see data/mapping-example.toml)")
        ->check(CLI::ExistingFile);
    command->add_option("--s-srs", options.s_srs, "源坐标系，覆盖源数据所声明的 source CRS, e.g. EPSG:4547；高德、腾讯坐标 GCJ02，百度坐标 BD09；"
                        "城建坐标用 PROJ 管线 a city grid as a \"+proj=pipeline …\" (see README)");
    command->add_option("--encoding", options.encoding, "源数据编码（无 .cpg 的 Shapefile 常为 GBK） source encoding")
        ->transform(CLI::IsMember(kSourceEncodings, CLI::ignore_case));
    command->add_option("--kind", options.kind, "无类型列时的类型 kind for rows without one")
        ->check(CLI::IsMember(vocabulary::codes_of(vocabulary::kKinds)));
    command->add_flag("--replace", options.replace, "先删除全部地块再导入 drop every parcel first (default: upsert by code)");
    command->add_flag("--dry-run", options.dry_run, "只检查，不写入 check everything, write nothing");
    command->add_flag("--allow-unlocated", options.allow_unlocated,
                      "没有位置的行（只有地址）也导入，列入管理页“待定位”，定位前不公开 rows without a location are kept, "
                      "never public, in /admin's 待定位 list for staff to place on the map");
    command->add_flag("--skip-rejected", options.skip_rejected,
                      "导入其余各行，被拒行列入报告（默认：有一行被拒则全部不导入） write the good rows and report the "
                      "rest (default: one rejected row writes nothing)");
    command->add_option("--report", options.report_path, "被拒行的清单 CSV list of rejected rows");
    command->add_option("--max-vertices", options.max_vertices, "单个地块的最多顶点数 the most vertices one parcel may have")
        ->check(CLI::Range(std::size_t{4}, std::size_t{10'000'000}))
        ->capture_default_str();
    command->add_option("--cad-layer", options.cad.layer,
                        "CAD 图纸中作为地块的图层，如 用地红线（默认：全部闭合图形） the DXF/DWG layer whose closed shapes "
                        "are parcels (default: every closed shape)");
    command
        ->add_option_function<std::string>(
            "--cad-label",
            [&options](const std::string& label) {
                options.cad.label = label == "name" ? importers::CadLabel::name : importers::CadLabel::code;
            },
            "地块内的文字作为 code 编号或 name 名称 what a text inside a parcel is")
        ->check(CLI::IsMember({"code", "name"}))
        ->default_str("code");
    command->add_option("--generate-codes", options.generate_codes,
                        "无编号的行按名称和地址生成稳定编号 PREFIX-XXXXXXXX rows without a code get a stable one from "
                        "their name and address, e.g. --generate-codes CS")
        ->check([](const std::string& prefix) {
            return importers::generated_code_prefix_problem(prefix).value_or("");
        });
    command->add_option("--industries", options.industries_path,
                        "产业画像，据此重算全部适合度 industry profiles to score every parcel with (TOML; default: those "
                        "the server last used)")
        ->check(CLI::ExistingFile);
    return command;
}

int run_import(const ImportOptions& options) {
    ImportOptions with_progress = options;
    with_progress.progress = isatty(STDOUT_FILENO) != 0;
    const importers::ImportSummary summary = importers::import_parcels(with_progress, std::cerr);
    std::cout << importers::format_summary(summary) << std::endl;
    return 0;
}

}  // namespace investmap::cli
