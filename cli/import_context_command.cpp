#include "import_context_command.hpp"

#include "import_command.hpp"

#include "vocabulary/vocabulary.hpp"

#include <cstdio>
#include <iostream>

namespace investmap::cli {

using importers::ContextImportOptions;

CLI::App* setup_import_context(CLI::App& app, ContextImportOptions& options) {
    CLI::App* command = app.add_subcommand(
        "import-context", "导入底图要素（" + vocabulary::joined_labels_zh(vocabulary::kContextLayers) + "），替换该图层\nload map context (boundary, roads, parks, water), "
                          "replacing that layer");
    command->add_option("SOURCE", options.source, "源文件 source file")->required();
    command->add_option("--db", options.db_path, "数据库文件 database file")->required();
    command->add_option("--as", options.as, "图层 layer: " + vocabulary::joined_codes(vocabulary::kContextLayers))
        ->required()
        ->check(CLI::IsMember(vocabulary::codes_of(vocabulary::kContextLayers)));
    command->add_option("--layer", options.layer, "源图层名 source layer name");
    command->add_option("--s-srs", options.s_srs, "源坐标系 source CRS, e.g. EPSG:4547；高德、腾讯坐标 GCJ02，百度坐标 BD09");
    command->add_option("--encoding", options.encoding, "源数据编码 source encoding")
        ->transform(CLI::IsMember(kSourceEncodings, CLI::ignore_case));
    return command;
}

int run_import_context(const ContextImportOptions& options) {
    const importers::ContextImportSummary summary = importers::import_context(options, std::cerr);
    std::printf("底图图层 %s 已导入 context layer imported: %lld 要素 features · 修复 repaired %lld · %.2f s\n",
                options.as.c_str(), static_cast<long long>(summary.stored), static_cast<long long>(summary.repaired),
                summary.seconds);
    return 0;
}

}  // namespace investmap::cli
