#!/usr/bin/env bash
# Build with AddressSanitizer + UndefinedBehaviorSanitizer and -Werror and
# run every test: cmocka unit tests, end-to-end cases on real files, fuzz
# corpus replays, the live-server tests; and those again against an ivp
# built with ThreadSanitizer (clang, in build-tsan/, only the ivp target).
# Ends with ctest's summary line.
# usage: scripts/test.sh [BUILD_DIR]   (IVP_TSAN_TESTS=0: no TSan build)
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build-test}
JOBS=$(nproc 2>/dev/null || echo 2)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
TSAN_IVP=
if [ "${IVP_TSAN_TESTS:-1}" != 0 ]; then
  T=${TSAN_BUILD:-build-tsan}
  CC=clang cmake -S . -B "$T" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVP_TSAN=ON -DIVP_TESTS=OFF -DIVP_WERROR=ON >/dev/null
  cmake --build "$T" -j "$JOBS" --target ivp >/dev/null
  TSAN_IVP=$PWD/$T/ivp
fi
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Debug -DIVP_SANITIZE=ON -DIVP_TESTS=ON -DIVP_WERROR=ON -DIVP_FAULT=ON \
  -DIVP_TSAN_IVP="$TSAN_IVP" >/dev/null
cmake --build "$B" -j "$JOBS" >/dev/null
cd "$B"
ctest --output-on-failure -j "$JOBS"
