#!/usr/bin/env bash
# The 0.1% smoke run of the benchmark tools, part of `make test`:
#  1. bench/gen writes the 0.1% sample (year 2023) in the TypedDataSet layout;
#  2. the real ivp binary imports it cleanly, every row;
#  3. the per-type national totals it produces, scaled back by the share of
#     buurten drawn, are within 3% of the real 47013NED totals it was shaped
#     on (bench/data/NL_Crime.csv), for every type with at least 100 expected;
#  4. importing the same file again is "unchanged" and leaves the database as
#     it was (the hash is compared while the rows are read: import.c).
# usage: bench/smoke.sh GEN_BINARY IVP_BINARY   (run from anywhere)
set -euo pipefail
GEN=$(realpath "$1"); IVP=$(realpath "$2")
cd "$(dirname "$0")/.."
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export IVP_DB="$W/ivp.db"
# the operator every write names (ivp refuses writes without one; docs/audit.md)
export IVP_USER=${IVP_USER:-bench}

"$GEN" --scale 0.001 --years 2023-2023 >"$W/crime.csv" 2>"$W/gen.err"
cat "$W/gen.err"
eff=$(sed -n 's/.*drawn: \([0-9.]*\) of all buurten.*/\1/p' "$W/gen.err")
rows=$(sed -n 's/.* \([0-9]*\) rows$/\1/p' "$W/gen.err")
[ -n "$eff" ] && [ -n "$rows" ] || { echo "FAIL: generator said nothing"; exit 1; }

"$IVP" import codes examples/pijnacker-nootdorp/data/crime__WijkenEnBuurten.csv >/dev/null
"$IVP" import codes tests/data/soortmisdrijf.csv >/dev/null
out=$("$IVP" import crime "$W/crime.csv" --lang en) # its English line (issue 11: Dutch by default)
echo "$out"
echo "$out" | grep -q "import 3 (odata-csv): $rows rows written" || { echo "FAIL: not every row imported"; exit 1; }

# per-type sums over the gemeente rows of 2023, against the real totals x eff
awk -F, -v eff="$eff" '
  NR == FNR { if (FNR > 1 && $(NF-1) == 2023) { c = $1; gsub(/"/, "", c); split(c, a, " "); real[a[1]] = $NF } next }
  FNR > 1 && $3 ~ /"GM/ && $4 == "\"2023JJ00\"" { t = $2; gsub(/[" ]/, "", t); sum[t] += $5 }
  END {
    bad = 0; n = 0
    for (t in real) {
      if (t == "Totaal") continue
      e = real[t] * eff
      if (e < 100) continue
      n++
      d = (sum[t] - e) / e; if (d < 0) d = -d
      if (d > 0.03) { printf "FAIL: type %s: %d generated, %.0f expected\n", t, sum[t], e; bad++ }
    }
    printf "%d types checked, %d off by more than 3%%\n", n, bad
    exit bad > 0 || n < 10
  }' bench/data/NL_Crime.csv "$W/crime.csv"
# 4. the same file again: unchanged, nothing written
before=$(sqlite3 "$IVP_DB" "SELECT count(*), sum(nfacts), (SELECT count(*) FROM import) FROM series")
again=$("$IVP" import crime "$W/crime.csv" --lang en)
echo "$again"
echo "$again" | grep -q "unchanged: already imported as import 3" || { echo "FAIL: the re-import was not unchanged"; exit 1; }
after=$(sqlite3 "$IVP_DB" "SELECT count(*), sum(nfacts), (SELECT count(*) FROM import) FROM series")
[ "$before" = "$after" ] || { echo "FAIL: the re-import changed the database: $before -> $after"; exit 1; }
echo "smoke: ok"
