#!/usr/bin/env bash
# Build with AddressSanitizer + UndefinedBehaviorSanitizer and run every
# test: cmocka unit tests, end-to-end cases on real files, fuzz corpus
# replays. Ends with ctest's summary line.
# usage: scripts/test.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build-test}
JOBS=$(nproc 2>/dev/null || echo 2)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Debug -DIVP_SANITIZE=ON -DIVP_TESTS=ON -DIVP_FAULT=ON >/dev/null
cmake --build "$B" -j "$JOBS" >/dev/null
cd "$B"
ctest --output-on-failure -j "$JOBS"
