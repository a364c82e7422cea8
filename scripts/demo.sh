#!/usr/bin/env bash
# Installs what is missing, builds, and loads the sample district (仓山区,
# Fuzhou) into build/sample.sqlite. The HTTP server (`investmap serve`) comes
# with its own issue; until it lands the demo stops after the import.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j "$(nproc)"

investmap=build/cli/investmap
db=build/sample.sqlite
scripts/load-sample.sh "$db" "$investmap"

echo
echo "示例区县已导入 $db  the sample district is in $db"
if "$investmap" --help | grep -q '^  serve '; then
  echo "地图 map: http://127.0.0.1:8080"
  exec "$investmap" serve --db "$db" --listen 127.0.0.1:8080
fi
echo "地图服务（investmap serve）尚未提供，演示到此为止。"
echo "The map server (investmap serve) is not built yet; the demo stops after the import."
