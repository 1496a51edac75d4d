# W5 (issue 10): the PDF progress report, sourced by bench/run.sh after it
# has built ivp ($IVP) and generated the data ($CSV, $POP; names in $W).
#
# The database: the example's code lists, the generated crime of every
# gemeente, wijk and buurt, the Netherlands' yearly totals per type (NL01:
# the sum of every gemeente, GM0000 "onbekend" included, as the police
# count it), the generated population of every area and year (NL01: the
# sum of the gemeenten), and the example's plan and values — so the report
# of GM1926 reads its figures out of a national-scale database. Built once
# (untimed) into $W/w5-SCALE-YEARS.db and kept.
#
# Measured in one run, on the same database and the same report:
#   ivp   `ivp report --year 2024` (PDF, the progress report of GM1926)
#   peer  Chromium printing ivp's own HTML of that report to PDF
#         (`chromium --headless --no-sandbox --print-to-pdf`), the HTML
#         written beforehand (its time is given apart)
#   warm  hyperfine: W5WARMUP runs, then W5RUNS runs of each; median, min, max
#   cold  W5COLD times each, alternating: before every run `sync; echo 3 >
#         /proc/sys/vm/drop_caches` (the page cache: the database, the
#         binaries, their libraries, the fonts) when that is allowed, a fresh
#         process, a fresh copy of the database file (ivp) and a fresh profile
#         directory (Chromium); without drop_caches it says so
#   batch the safety picture (veiligheidsbeeld) of every gemeente with
#         inhabitants and registered crime in 2024 (`ivp report --areas all`),
#         one process; the time per report, and W5SEP separate `ivp report`
#         processes of the first gemeenten for comparison
# The table goes to $W/results-w5-SCALE.md.
# env: W5RUNS (10), W5WARMUP (2), W5COLD (3), W5SEP (10)

W5RUNS=${W5RUNS:-10}
W5WARMUP=${W5WARMUP:-2}
W5COLD=${W5COLD:-3}
W5SEP=${W5SEP:-10}
EXD=examples/pijnacker-nootdorp
grep -q '^GM1926,' "$POP" || { echo "W5: GM1926 is not in the $SCALE% sample; W5 needs bench/run.sh w5 100" >&2; exit 1; }
if ! command -v hyperfine >/dev/null; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hyperfine >/dev/null
fi
CHROME=$(command -v chromium) || { echo "chromium missing (scripts/install-deps.sh)" >&2; exit 1; }

# ---- the database (untimed, kept) ---------------------------------------------
W5DB=$W/w5-$SCALE-$YEARS.db
if [ ! -s "$W5DB" ] || [ "$CSV" -nt "$W5DB" ]; then
	log "W5 set-up (untimed): code lists, $ROWS rows, NL01, population, the example plan into $W5DB"
	rm -f "$W5DB" "$W5DB-wal" "$W5DB-shm" "$W5DB.tmp"
	for f in allemisdrijven_metadata_21122025.csv crime__WijkenEnBuurten.csv soortmisdrijf_83648NED_cbs.csv; do
		IVP_DB=$W5DB.tmp $IVP import codes "$EXD/data/$f" >/dev/null
	done
	IVP_DB=$W5DB.tmp $IVP import crime "$CSV" >"$W/w5-import.log"
	# the Netherlands: the yearly gemeente rows summed per type and year
	grep -F 'JJ00"' "$CSV" | awk -F, '$3 ~ /^"GM/ { gsub(/[" ]/, "", $2); gsub(/"/, "", $4); s[$2 "," $4] += $5 }
		END { print "area,type,period,count"; for (k in s) print "NL01," k "," s[k] }' >"$W/w5-nl01.csv"
	IVP_DB=$W5DB.tmp $IVP import long "$W/w5-nl01.csv" >/dev/null
	awk -F, 'NR == 1 { print; next } { print } $1 ~ /^GM/ { nl[$2] += $3 } END { for (y in nl) print "NL01," y "," nl[y] }' \
		"$POP" >"$W/w5-population.csv"
	IVP_DB=$W5DB.tmp $IVP import population "$W/w5-population.csv" >/dev/null
	IVP_DB=$W5DB.tmp $IVP import values "$EXD/values.csv" >/dev/null
	IVP_DB=$W5DB.tmp $IVP plan import "$EXD/plan.yaml" >/dev/null
	mv "$W5DB.tmp" "$W5DB"
fi

# ---- the single report: ivp against Chromium ------------------------------------
R=$W/w5
rm -rf "$R" && mkdir -p "$R/batch"
export IVP_DB=$R/ivp.db
cp "$W5DB" "$IVP_DB"
OPTS=(report --year 2024 --date 2025-03-31 --lang nl)
t0=$(date +%s.%N)
$IVP "${OPTS[@]}" --format html --output "$R/rapport.html" >/dev/null
HTML_S=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
$IVP "${OPTS[@]}" --output "$R/ivp.pdf" >/dev/null
CHROMEARGS=(--headless --no-sandbox --disable-gpu --no-pdf-header-footer)
peer() { # peer OUT PROFILE
	"$CHROME" "${CHROMEARGS[@]}" --user-data-dir="$2" --print-to-pdf="$1" "file://$(realpath "$R/rapport.html")" >/dev/null 2>&1
}
peer "$R/peer.pdf" "$R/profile"
for f in ivp peer; do
	pdftotext "$R/$f.pdf" "$R/$f.txt"
	grep -q 'Voortgangsrapportage veiligheid 2024' "$R/$f.txt" && grep -q 'Bronnen en methode' "$R/$f.txt" ||
		{ echo "W5: $f.pdf is not the report" >&2; exit 1; }
done
IVP_PAGES=$(pdfinfo "$R/ivp.pdf" | awk '/^Pages:/ { print $2 }')
PEER_PAGES=$(pdfinfo "$R/peer.pdf" | awk '/^Pages:/ { print $2 }')
log "W5 warm: hyperfine, $W5WARMUP warm-up runs and $W5RUNS runs each"
hyperfine -N --style none --warmup "$W5WARMUP" --runs "$W5RUNS" --export-json "$R/warm.json" \
	-n ivp "$IVP ${OPTS[*]} --output $R/w.pdf" \
	-n chromium "$CHROME ${CHROMEARGS[*]} --user-data-dir=$R/profile --print-to-pdf=$R/p.pdf file://$(realpath "$R/rapport.html")" \
	>"$R/warm.log" 2>&1 || { cat "$R/warm.log" >&2; exit 1; }
cmp -s "$R/w.pdf" "$R/ivp.pdf" || { echo "W5: the warm runs wrote another PDF" >&2; exit 1; }
# stat NAME FIELD: from hyperfine's JSON
hstat() { jq -r --arg n "$1" ".results[] | select(.command == \$n) | .$2" "$R/warm.json"; }
DROP=no
sync && echo 3 2>/dev/null >/proc/sys/vm/drop_caches && DROP=yes
log "W5 cold: $W5COLD runs each (drop_caches: $DROP)"
: >"$R/cold-ivp" && : >"$R/cold-peer"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }
for r in $(seq 1 "$W5COLD"); do
	rm -f "$R/cold.db" && cp "$W5DB" "$R/cold.db"
	[ $DROP = yes ] && sync && echo 3 >/proc/sys/vm/drop_caches
	t0=$(now)
	IVP_DB=$R/cold.db $IVP "${OPTS[@]}" --output "$R/c.pdf" >/dev/null
	since "$t0" >>"$R/cold-ivp"
	rm -rf "$R/cold-profile"
	[ $DROP = yes ] && sync && echo 3 >/proc/sys/vm/drop_caches
	t0=$(now)
	peer "$R/c-peer.pdf" "$R/cold-profile"
	since "$t0" >>"$R/cold-peer"
done
cmp -s "$R/c.pdf" "$R/ivp.pdf" || { echo "W5: the cold run wrote another PDF" >&2; exit 1; }
spread() { sort -g "$1" | awk '{ v[NR] = $1 } END { printf "%.3f s (%.3f–%.3f)", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'; }
med() { sort -g "$1" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---- the batch: every gemeente's safety picture in one run -------------------------
log "W5 batch: the safety picture 2024 of every gemeente (one process)"
/usr/bin/time -f "%e %M" -o "$R/batch.time" $IVP report --kind veiligheidsbeeld --areas all --year 2024 \
	--date 2025-03-31 --lang nl --output-dir "$R/batch" >"$R/batch.log" 2>&1 ||
	{ cat "$R/batch.log" >&2; exit 1; }
NB=$(find "$R/batch" -name 'rapport-veiligheidsbeeld-*-2024.pdf' | wc -l)
[ "$NB" -gt 0 ] || { echo "W5: the batch wrote no report" >&2; exit 1; }
BATCH_S=$(cut -d' ' -f1 "$R/batch.time")
BATCH_MB=$(($(cut -d' ' -f2 "$R/batch.time") / 1024))
log "W5: $W5SEP separate processes of the same reports"
: >"$R/sep"
for g in $(find "$R/batch" -name '*.pdf' -printf '%f\n' | sort | head -n "$W5SEP" | cut -d- -f3); do
	t0=$(now)
	$IVP report --kind veiligheidsbeeld --area "$g" --year 2024 --date 2025-03-31 --lang nl --output "$R/sep.pdf" >/dev/null
	since "$t0" >>"$R/sep"
	cmp -s "$R/sep.pdf" "$R/batch/rapport-veiligheidsbeeld-$g-2024.pdf" ||
		{ echo "W5: $g alone differs from $g in the batch" >&2; exit 1; }
done

# ---- the table --------------------------------------------------------------------
{
	echo "## W5 report, scale $SCALE% ($ROWS rows), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ), ivp $REV"
	echo
	echo "The progress report 2024 of GM1926 (the example's plan) on the national-scale database: ivp $IVP_PAGES pages, Chromium $PEER_PAGES pages from ivp's HTML (written in $(printf %.3f "$HTML_S") s)."
	echo "Warm: hyperfine, $W5WARMUP warm-up + $W5RUNS runs, median (min–max). Cold: $W5COLD runs each, median (min–max); drop_caches before every run: $DROP; a fresh process, a fresh copy of the database (ivp), a fresh profile (Chromium)."
	echo
	echo "| W5 | ivp s | peer (Chromium) s | ratio ivp/peer | target | met |"
	echo "|---|---|---|---|---|---|"
	awk -v i="$(hstat ivp median)" -v il="$(hstat ivp min)" -v ih="$(hstat ivp max)" \
		-v p="$(hstat chromium median)" -v pl="$(hstat chromium min)" -v ph="$(hstat chromium max)" 'BEGIN {
		printf "| PDF progress report, warm | %.3f (%.3f–%.3f) | %.3f (%.3f–%.3f) | %.3f | < 0.5 s and <= 0.2 | %s |\n",
			i, il, ih, p, pl, ph, i / p, (i < 0.5 && i / p <= 0.2) ? "met" : "not met" }'
	awk -v i="$(med "$R/cold-ivp")" -v p="$(med "$R/cold-peer")" -v is="$(spread "$R/cold-ivp")" -v ps="$(spread "$R/cold-peer")" 'BEGIN {
		printf "| PDF progress report, cold | %s | %s | %.3f | < 0.5 s and <= 0.2 | %s |\n",
			is, ps, i / p, (i < 0.5 && i / p <= 0.2) ? "met" : "not met" }'
	echo
	awk -v n="$NB" -v t="$BATCH_S" -v mb="$BATCH_MB" -v s="$(med "$R/sep")" -v k="$W5SEP" 'BEGIN {
		printf "Batch: the safety picture 2024 of %d gemeenten (`ivp report --kind veiligheidsbeeld --areas all`), one process: %.1f s, %.3f s per report, peak RSS %d MB; one `ivp report` process per gemeente (median of the first %d): %.3f s per report.\n",
			n, t, t / n, mb, k, s }'
} >"$W/results-w5-$SCALE.md"
cat "$W/results-w5-$SCALE.md"
