#!/usr/bin/env bash
# Build the libFuzzer targets with clang (ASan + UBSan) and run each for
# SECONDS seconds, one after the other, starting from the committed seed
# corpus. New inputs stay in BUILD/corpus/<target>; a crash leaves its input
# in BUILD/artifacts/ and makes this script fail.
# usage: scripts/fuzz.sh [BUILD_DIR] [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build-fuzz}
SECS=${2:-60}
shift 2 || true
TARGETS=${*:-csv crime population codes long plan groups money}
CC=clang cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVP_SANITIZE=ON -DIVP_FUZZ=ON -DIVP_TESTS=ON >/dev/null
cmake --build "$B" -j "$(nproc)" >/dev/null
mkdir -p "$B/artifacts"
status=0
for t in $TARGETS; do
  mkdir -p "$B/corpus/$t"
  cp -n tests/fuzz/corpus/$t/* "$B/corpus/$t/" 2>/dev/null || true
  echo "== fuzz_$t for ${SECS}s"
  if ! "$B/tests/fuzz_$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$B/artifacts/$t-" \
       "$B/corpus/$t" 2>"$B/fuzz_$t.log"; then
    echo "fuzz_$t: FINDING (see $B/fuzz_$t.log and $B/artifacts/)"; status=1
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|Done [0-9]+ runs" "$B/fuzz_$t.log" || tail -3 "$B/fuzz_$t.log"
done
exit $status
