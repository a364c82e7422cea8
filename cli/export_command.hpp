#pragma once
// `investmap export qgis-project OUT.qgs`: a QGIS project with the server's
// styled vector tiles and its OGC API parcels (core/export/qgis_project).
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

namespace investmap::cli {

struct ExportOptions {
    std::string db_path;
    std::string out;
    std::optional<std::string> url;      // the server's public URL; else the config's public_url
    std::optional<std::string> filters;  // as in URLs; industry=… colours by fit
    std::string lang = "zh";
    std::optional<std::string> config_path;
};

CLI::App* setup_export(CLI::App& app, ExportOptions& options);
int run_export(const ExportOptions& options);

}  // namespace investmap::cli
