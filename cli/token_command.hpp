#pragma once
// `investmap token create|list|revoke`: API tokens for staff and admins.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

namespace investmap::cli {

struct TokenOptions {
    std::string db_path;
    std::string name;
    std::string role = "staff";
    std::int64_t id = 0;
    CLI::App* create = nullptr;
    CLI::App* list = nullptr;
    CLI::App* revoke = nullptr;
};

CLI::App* setup_token(CLI::App& app, TokenOptions& options);
int run_token(const TokenOptions& options);

}  // namespace investmap::cli
