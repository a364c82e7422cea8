#!/usr/bin/env bash
# Installs every Debian and npm package investmap needs to build, test, demo and
# benchmark. Idempotent: when everything is present it only checks and returns.
# Usage: scripts/install-deps.sh [--no-npm] [--build | --runtime]
#   (none)      everything: build, tests, browser tests, benchmark peers, npm
#   --no-npm    Debian packages only
#   --build     only what compiling needs (the Docker image's build stage), and
#               node/npm to fetch the map library; no npm packages installed
#   --runtime   only what the built binary needs to run (the slim stage); no npm
set -euo pipefail
cd "$(dirname "$0")/.."

NPM=yes
PROFILE=all
for argument in "$@"; do
  case "$argument" in
    --no-npm) NPM=no ;;
    --build) PROFILE=build; NPM=no ;;
    --runtime) PROFILE=runtime; NPM=no ;;
    *) echo "install-deps: unknown option $argument (use --no-npm, --build or --runtime)" >&2; exit 2 ;;
  esac
done

# The shared libraries build/cli/investmap links, by package; to check after
# adding a dependency:
#   ldd build/cli/investmap | awk '/=>/{print $3}' | xargs -n1 readlink -f | xargs dpkg -S | cut -d: -f1 | sort -u
RUNTIME_PACKAGES=(
  libgdal32 libproj25 proj-data libgeos-c1v5 libsqlite3-0 libspatialite7 libsqlite3-mod-spatialite
  libtomlplusplus3 libssl3 zlib1g libcairo2 libpango-1.0-0 libpangocairo-1.0-0 fonts-noto-cjk libqrencode4 libpng16-16
  ca-certificates
  # the container's health check (Dockerfile HEALTHCHECK)
  curl
)

BUILD_PACKAGES=(
  # toolchain
  g++ cmake ninja-build pkg-config git ca-certificates
  # GDAL/OGR (readers, ogr2ogr, ogrinfo), PROJ, SQLite + SpatiaLite, GEOS
  libgdal-dev libproj-dev proj-bin
  libsqlite3-dev libspatialite-dev libsqlite3-mod-spatialite
  libgeos-dev
  # MVT protobuf, HTTP (Boost 1.74: 1.81 conflicts with libgdal-dev), tests
  libprotozero-dev libboost-dev libboost-test-dev
  # JSON, config, command line, hashing, compression
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libssl-dev zlib1g-dev
  # static maps
  libcairo2-dev libpango1.0-dev fonts-noto-cjk libqrencode-dev libpng-dev
)

CHECK_AND_BENCH_PACKAGES=(
  # tests: the sqlite3 shell reads databases, GDAL's tools make test files
  sqlite3 gdal-bin
  # static-map tests: PDFs are checked by rendering them with pdftoppm
  poppler-utils
  # browser tests
  chromium
  # QGIS 3.22 as the desktop client (PyQGIS, headless): the OGC API and the styles
  python3-qgis qgis-providers
  # fuzzing: clang with libFuzzer, ASan and UBSan (scripts/fuzz.sh)
  clang libfuzzer-14-dev
  # benchmark peers; nginx also fronts the deployment tests (deploy/), with a
  # certificate openssl makes, and the systemd units are checked by systemd-analyze
  postgresql-15-postgis-3 postgresql-15 nginx-light wrk openssl systemd
)

case "$PROFILE" in
  all) DEBIAN_PACKAGES=("${BUILD_PACKAGES[@]}" "${CHECK_AND_BENCH_PACKAGES[@]}") ;;
  build) DEBIAN_PACKAGES=("${BUILD_PACKAGES[@]}") ;;
  runtime) DEBIAN_PACKAGES=("${RUNTIME_PACKAGES[@]}") ;;
esac

# Node.js and npm: any Node >= 18 will do. Some machines carry a NodeSource
# build whose nodejs package bundles npm and conflicts with Debian's npm, so
# Debian's pair is added only when there is no node at all.
# The build profile needs npm too: MapLibre GL JS comes from npm.
[ "$PROFILE" != runtime ] && ! command -v node >/dev/null 2>&1 && DEBIAN_PACKAGES+=(nodejs npm)

missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be empty on a fresh machine.
  if ! apt-cache show "${missing[0]}" >/dev/null 2>&1; then
    $SUDO apt-get update -q
  fi
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#DEBIAN_PACKAGES[@]} Debian packages present"
fi

if [ "$NPM" = yes ] && [ -f package-lock.json ]; then
  # npm ci is slow even when nothing changed: after a successful install we
  # keep a copy of the lock file in node_modules and skip npm ci while it matches.
  if ! cmp -s package-lock.json node_modules/.package-lock.json.installed 2>/dev/null; then
    echo "install-deps: npm ci"
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.package-lock.json.installed
  else
    echo "install-deps: npm packages present"
  fi
fi
