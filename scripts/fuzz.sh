#!/usr/bin/env bash
# Builds and runs the libFuzzer targets (tests/fuzz/) under ASan + UBSan.
#   scripts/fuzz.sh TARGET SECONDS   run one target, e.g. fuzz_media 3600
#   scripts/fuzz.sh all SECONDS      run every target, one after another
#   scripts/fuzz.sh list             the targets
#   scripts/fuzz.sh build            only build them (build-fuzz/)
#   scripts/fuzz.sh run TARGET SECONDS   run one without building (CTest's
#                                    fuzz/* tests, after fuzz/build)
# Each run starts from the committed seeds in tests/fuzz/corpus/TARGET and
# keeps what it finds in build-fuzz/corpus/TARGET; a crash is written to
# build-fuzz/crashes/TARGET/ and the script exits non-zero. Add a crash's
# input to the seeds once it is fixed, so it is tried on every run.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: scripts/fuzz.sh TARGET|all SECONDS | run TARGET SECONDS | list | build" >&2
  exit 2
}

targets() { sed -n 's/^investmap_fuzzer(\(fuzz_[a-z0-9_]*\) .*/\1/p' tests/fuzz/CMakeLists.txt; }

build() {
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$(nproc)"
}

run_one() {
  local target=$1 seconds=$2
  local corpus=build-fuzz/corpus/$target crashes=build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  echo "fuzz: $target for ${seconds}s"
  # -rss_limit_mb: a parser that allocates without bound fails the run too.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "build-fuzz/tests/fuzz/$target" "$corpus" "tests/fuzz/corpus/$target" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$crashes/" -print_final_stats=1 2>&1 | tail -n 12
  return "${PIPESTATUS[0]}"
}

[ $# -ge 1 ] || usage
case "$1" in
  list) targets ;;
  build) build ;;
  run)
    [ $# -eq 3 ] || usage
    [ -x "build-fuzz/tests/fuzz/$2" ] || { echo "fuzz: build-fuzz/tests/fuzz/$2 is not built: scripts/fuzz.sh build" >&2; exit 2; }
    run_one "$2" "$3"
    ;;
  all)
    [ $# -eq 2 ] || usage
    build
    failed=0
    for target in $(targets); do run_one "$target" "$2" || failed=1; done
    exit "$failed"
    ;;
  *)
    [ $# -eq 2 ] || usage
    targets | grep -qx "$1" || { echo "fuzz: no target $1; scripts/fuzz.sh list" >&2; exit 2; }
    build
    run_one "$1" "$2"
    ;;
esac
