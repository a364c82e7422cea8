#pragma once
// The command-line faces of the importers: setup_* declares a subcommand and
// its options (parsing is unit-tested without running anything); run_* does
// the work and returns the exit status.
#include "importers/context_import.hpp"
#include "importers/parcel_import.hpp"

#include <CLI/CLI.hpp>

#include <functional>

namespace investmap::importers {

CLI::App* setup_import(CLI::App& app, ImportOptions& options);
int run_import(const ImportOptions& options);

CLI::App* setup_import_context(CLI::App& app, ContextImportOptions& options);
int run_import_context(const ContextImportOptions& options);

}  // namespace investmap::importers
