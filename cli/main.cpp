// `investmap`: one command line, many subcommands. This is the one place that
// turns exceptions into messages and exit statuses (PRODUCT.md):
// 0 success, 1 input rejected (nothing written), 2 usage error.
#include "backup_command.hpp"
#include "export_command.hpp"
#include "huge_page_heap.hpp"
#include "import_command.hpp"
#include "import_context_command.hpp"
#include "render_command.hpp"
#include "serve_command.hpp"
#include "token_command.hpp"

#include "errors.hpp"
#include "store/sqlite.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

constexpr int kInputRejected = 1;
constexpr int kUsageError = 2;

int report(const char* label, const std::exception& error, int status) {
    std::cerr << label << ' ' << error.what() << std::endl;
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace investmap;
    store::configure_sqlite_process();
    CLI::App app{"investmap — 招商热力图服务器 the investment heat-map server\n"
                 "闲置土地、厂房、楼宇的数据导入、矢量切片与地图 idle land, factories and offices on a map"};
    app.set_version_flag("--version", std::string(INVESTMAP_VERSION));
    app.require_subcommand(1);
    app.footer("每个子命令的帮助 help for a command: investmap COMMAND --help");

    importers::ImportOptions import_options;
    CLI::App* import_command = cli::setup_import(app, import_options);
    importers::ContextImportOptions context_options;
    CLI::App* context_command = cli::setup_import_context(app, context_options);
    cli::ServeOptions serve_options;
    CLI::App* serve_command = cli::setup_serve(app, serve_options);
    cli::TokenOptions token_options;
    CLI::App* token_command = cli::setup_token(app, token_options);
    cli::RenderOptions render_options;
    CLI::App* render_command = cli::setup_render(app, render_options);
    cli::BackupOptions backup_options;
    CLI::App* backup_command = cli::setup_backup(app, backup_options);
    cli::ExportOptions export_options;
    CLI::App* export_command = cli::setup_export(app, export_options);

    if (argc <= 1) {
        std::cout << app.help();
        return kUsageError;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int status = app.exit(error);  // prints help, version or the error
        return status == 0 ? 0 : kUsageError;
    }

    if (import_command->parsed()) cli::rerun_with_huge_page_heap(argv);  // a batch job filling a large heap
    try {
        if (import_command->parsed()) return cli::run_import(import_options);
        if (context_command->parsed()) return cli::run_import_context(context_options);
        if (serve_command->parsed()) return cli::run_serve(serve_options);
        if (backup_command->parsed()) return cli::run_backup(backup_options);
        if (token_command->parsed()) return cli::run_token(token_options);
        if (render_command->parsed()) return cli::run_render(render_options);
        if (export_command->parsed()) return cli::run_export(export_options);
    } catch (const UsageError& error) {
        return report("用法错误 usage error:", error, kUsageError);
    } catch (const InputError& error) {
        return report("错误 error:", error, kInputRejected);
    } catch (const store::DatabaseError& error) {
        return report("数据库错误 database error:", error, kInputRejected);
    } catch (const std::exception& error) {
        return report("意外错误 unexpected error:", error, kInputRejected);
    }
    return kUsageError;
}
