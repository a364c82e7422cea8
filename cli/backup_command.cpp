#include "backup_command.hpp"

#include "store/backup.hpp"

#include <cstdio>

namespace investmap::cli {

CLI::App* setup_backup(CLI::App& app, BackupOptions& options) {
    CLI::App* command = app.add_subcommand(
        "backup", "在线备份：服务运行时也能得到一致的副本\nconsistent online copy, safe while the server writes");
    command->add_option("--db", options.db_path, "数据库文件 database file")->required()->check(CLI::ExistingFile);
    command->add_option("--to", options.to, "备份文件（不可已存在） backup file (must not exist)")->required();
    return command;
}

int run_backup(const BackupOptions& options) {
    const store::BackupResult result = store::backup_database(options.db_path, options.to);
    std::printf("备份完成 backup written: %s (%lld 页 pages, %lld 字节 bytes, integrity_check ok)\n", options.to.c_str(),
                static_cast<long long>(result.pages), static_cast<long long>(result.bytes));
    return 0;
}

}  // namespace investmap::cli
