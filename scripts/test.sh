#!/usr/bin/env bash
# Installs what is missing, builds (release preset) and runs every test through
# CTest: unit tests (Boost.Test) and end-to-end tests (node --test against the
# real binary). The same command CI runs. Extra arguments go to ctest, e.g.
#   scripts/test.sh -L unit        only the unit tests
#   scripts/test.sh -R import      only tests whose name contains "import"
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"
ctest --preset release -j "$(nproc)" "$@"
