#pragma once
// `investmap render`: the static map without a server, for scripts and
// batch decks. The options become the /static endpoint's parameters.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace investmap::cli {

struct RenderOptions {
    std::string db_path;
    std::string out;
    std::string size = "1920x1080";
    int scale = 1;
    std::optional<std::string> bbox;
    std::optional<std::string> center;
    std::optional<std::string> zoom;
    std::string style = "heat";
    std::optional<std::string> title;
    std::string lang = "zh";
    std::optional<std::string> qr_url;
    std::optional<std::string> filters;
    std::string attribution = "© 区商务局 district commerce bureau";
    std::string approval_number;
    // The server's settings file: its parcel_zoom and public_statuses, so a
    // rendered map shows what the live one does.
    std::optional<std::string> config_path;
};

CLI::App* setup_render(CLI::App& app, RenderOptions& options);
int run_render(const RenderOptions& options);

}  // namespace investmap::cli
