#pragma once
#include <CLI/CLI.hpp>

#include <string>

namespace investmap::cli {

struct BackupOptions {
    std::string db_path;
    std::string to;
};

CLI::App* setup_backup(CLI::App& app, BackupOptions& options);
int run_backup(const BackupOptions& options);

}  // namespace investmap::cli
