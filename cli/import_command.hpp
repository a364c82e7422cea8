#pragma once
// `investmap import SOURCE... --db DB`: setup_* declares the subcommand and
// its options (parsing is unit-tested without running anything); run_* does
// the work and returns the exit status.
#include "importers/parcel_import.hpp"
#include "importers/vector_source.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace investmap::cli {

// The encodings --encoding takes (shapefiles without a .cpg are often GBK).
using importers::kSourceEncodings;

CLI::App* setup_import(CLI::App& app, importers::ImportOptions& options);
int run_import(const importers::ImportOptions& options);

}  // namespace investmap::cli
