#pragma once
// `investmap import-context SOURCE --db DB --as LAYER`: the map's context
// (boundary, roads, parks, water), one layer replaced at a time.
#include "importers/context_import.hpp"

#include <CLI/CLI.hpp>

namespace investmap::cli {

CLI::App* setup_import_context(CLI::App& app, importers::ContextImportOptions& options);
int run_import_context(const importers::ContextImportOptions& options);

}  // namespace investmap::cli
