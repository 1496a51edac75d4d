#!/usr/bin/env bash
# ctest `report_html`: the W3C Nu HTML checker (vnu-jar from
# tests/browser/node_modules, on Java, as html.sh) on the HTML report of
# every kind, written from the example into a fresh database: voortgang
# 2024 (nl and en), veiligheidsbeeld 2023 and raadsvoorstel 2023. Errors
# and warnings alike fail. The files and vnu's output stay in OUT.
# usage: report_html.sh IVP OUT
set -uo pipefail
IVP=$(realpath "$1")
OUT=$(realpath -m "${2:-report-html}")
HERE=$(cd "$(dirname "$0")" && pwd)
EX=$(cd "$HERE/../../examples/pijnacker-nootdorp" && pwd)
JAR=$HERE/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$JAR" ] || { echo "FAIL $JAR is missing: run scripts/install-deps.sh"; exit 1; }
command -v java >/dev/null || { echo "FAIL java is missing: run scripts/install-deps.sh"; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
export IVP_DB=$OUT/ivp.db
# the operator every write names (ivp refuses writes without one; docs/audit.md)
export IVP_USER=${IVP_USER:-browser-test}
export LSAN_OPTIONS=suppressions=$HERE/../e2e/lsan-fonts.supp:print_suppressions=0
{
	EX=$EX/data IVP=$IVP bash -e "$HERE/../e2e/common_setup.sh" &&
		"$IVP" import crime "$EX/data/misdrijven_2022_2023.csv" &&
		"$IVP" import crime "$EX/data/Misdrijven_2024.csv" &&
		"$IVP" import long "$EX/data/47018NED_2023_totaal_misdrijven_per_buurt_haaglanden.csv" &&
		"$IVP" import values "$EX/values.csv" &&
		"$IVP" plan import "$EX/plan.yaml"
} >"$OUT/setup.log" 2>&1 || { echo "FAIL loading the example:"; cat "$OUT/setup.log"; exit 1; }
r() { "$IVP" report --format html "$@" >>"$OUT/report.log" 2>&1 || { echo "FAIL ivp report $*:"; cat "$OUT/report.log"; exit 1; }; }
r --lang nl --year 2024 --date 2025-03-31 --output "$OUT/voortgang-2024.html"
r --lang en --year 2024 --date 2025-03-31 --output "$OUT/voortgang-2024-en.html"
r --lang nl --kind veiligheidsbeeld --area GM1926 --year 2023 --date 2025-01-15 --output "$OUT/veiligheidsbeeld-2023.html"
r --lang nl --kind raadsvoorstel --date 2023-05-09 --output "$OUT/raadsvoorstel-2023.html"
pages=("$OUT"/*.html)
[ ${#pages[@]} -eq 4 ] || { echo "FAIL ${#pages[@]} reports written, not 4"; exit 1; }
for p in "${pages[@]}"; do
	grep -q '<table' "$p" || { echo "FAIL $(basename "$p") has no table: not the report"; exit 1; }
done
# the checker itself can fail: a table cell outside a row is refused
printf '<!DOCTYPE html><html lang="nl"><head><title>t</title></head><body><table><td>a</td></table><p><b>b</p></b></body></html>\n' >"$OUT/bad.probe"
if java -jar "$JAR" --format gnu --stdout - <"$OUT/bad.probe" >/dev/null 2>&1; then
	echo "FAIL vnu accepted a page with misnested tags"; exit 1
fi
rm -f "$OUT/bad.probe"
java -jar "$JAR" --format gnu "${pages[@]}" >"$OUT/vnu.txt" 2>&1
rc=$?
fails=$(grep -c . "$OUT/vnu.txt")
for p in "${pages[@]}"; do
	if grep -qF "$(basename "$p")\"" "$OUT/vnu.txt"; then echo "FAIL $(basename "$p")"; else echo "PASS $(basename "$p")"; fi
done
cat "$OUT/vnu.txt"
if [ $rc -ne 0 ] || [ "$fails" -ne 0 ]; then
	echo "report_html: Nu HTML checker: $fails messages on ${#pages[@]} reports"; exit 1
fi
echo "report_html: ${#pages[@]} reports passed, 0 failed"
