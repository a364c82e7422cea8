#!/usr/bin/env bash
# Installs what is missing, builds, loads the sample district (仓山区, Fuzhou)
# into build/sample.sqlite and serves it on http://127.0.0.1:8080 (Ctrl-C stops).
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
echo "打开 open http://127.0.0.1:8080  (Ctrl-C 停止 stops)"
exec "$investmap" serve --db "$db" --listen 127.0.0.1:8080
