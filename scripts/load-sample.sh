#!/usr/bin/env bash
# Loads the committed sample district into a fresh database.
# Usage: scripts/load-sample.sh [DB] [INVESTMAP]   (defaults: build/sample.sqlite, build/cli/investmap)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-build/sample.sqlite}
investmap=${2:-build/cli/investmap}

rm -f "$db" "$db-wal" "$db-shm"  # always the committed sample, nothing left from before
"$investmap" import data/sample/parcels.geojson --db "$db"
for layer in boundary roads parks water; do
  "$investmap" import-context "data/sample/$layer.geojson" --db "$db" --as "$layer"
done
