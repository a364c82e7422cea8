#pragma once
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace investmap::cli {

struct ServeOptions {
    std::string db_path;
    std::optional<std::string> config_path;
    std::optional<std::string> listen;
    std::optional<unsigned> threads;
    std::optional<std::string> industries_path;
};

CLI::App* setup_serve(CLI::App& app, ServeOptions& options);
int run_serve(const ServeOptions& options);

}  // namespace investmap::cli
