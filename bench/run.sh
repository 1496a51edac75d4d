#!/usr/bin/env bash
# The benchmark harness (issue 5): each workload for ivp and its peers on the
# same files, in the same run, REPS repetitions, one table of medians and the
# ratio ivp/peer against the targets of DESIGN.md.
#   W1 import   the TypedDataSet CSV of bench/gen: `ivp import crime` into a
#               fresh database holding the code lists, vs DuckDB (CREATE TABLE
#               t AS SELECT * FROM read_csv, bench/duckdb.mjs) vs the sqlite3
#               shell's `.import --csv` into a table with PRIMARY KEY (area,
#               type, period): wall seconds, rows/s, peak RSS (GNU time).
#   W2 indicators  total + BBV + hic with the previous year and the verdict,
#               warm: one gemeente (median per call) and every gemeente of the
#               sample (median per loop) — libivp directly (bench/w2.c) vs
#               the same SQL in DuckDB and SQLite on the tables of W1. The
#               peers' counts, rates and verdicts must equal ivp's (checked on
#               every gemeente of the sample; the run fails if not).
#   W5 report   the PDF progress report of GM1926 (the example's plan) on the
#               national-scale database, warm and cold, vs Chromium printing
#               ivp's own HTML of it to PDF; and the batch of every gemeente's
#               safety picture (bench/w5.sh). Needs GM1926 in the data: runs
#               at 100% only, at the end of `bench/run.sh 100` or alone.
# usage: bench/run.sh [SCALE]   SCALE in percent: 0.1, 1, 10 (default), 100
#        bench/run.sh w5 [SCALE]   W5 alone (default 100%): builds and
#               generates as below, then only W5 (bench/w5.sh; its env there)
#        bench/run.sh w4tls [SECONDS]   W4 with and without TLS (bench/w4tls.sh)
#        bench/run.sh attack   the attacks of issue 12 (bench/attack.sh; BEFORE=)
# env:   REPS (3), YEARS (2012-2025: the years generated), W2N (200 calls),
#        W2YEAR (2023: W2 is that year against the one before),
#        FROM=tree (measure the working tree, built in build/; default: HEAD),
#        KEEP_DATA=0 to regenerate the CSV even when bench/work has it,
#        W5=0 leaves W5 out of a 100% run,
#        PGBENCH=0 leaves out W1-W3 with ivp on PostgreSQL (bench/pg.sh),
#        PEERS ("duckdb sqlite3"; PEERS=duckdb leaves the sqlite3 peer out,
#        e.g. at 100%, where its .import into an indexed table takes hours).
#   W3 neighbourhoods  the buurten of one gemeente, and every buurt of the
#               country, ranked on registered crime per 1,000 with each
#               one's verdict against all together: ivp_ranking() vs one SQL
#               query per ranking in the peers (checked like W2).
# Output: the table on stdout and in bench/work/results-SCALE.md; logs and
# databases in bench/work/ (git-ignored). Needs root for apt-get/npm the
# first time.
set -euo pipefail
# the operator every write names (ivp refuses writes without one; docs/audit.md)
export IVP_USER=${IVP_USER:-bench}
cd "$(dirname "$0")/.."
# W4 with and without TLS against nginx, and the attacks of issue 12: their own scripts
if [ "${1:-}" = w4tls ]; then shift; exec bench/w4tls.sh "$@"; fi
if [ "${1:-}" = attack ]; then shift; exec bench/attack.sh "$@"; fi
# the checks below read the CLI's English lines ("N rows written")
export IVP_LANG=en
MODE=all
if [ "${1:-}" = w5 ]; then MODE=w5 && shift && set -- "${1:-100}"; fi
SCALE=${1:-10}
REPS=${REPS:-3}
YEARS=${YEARS:-2012-2025}
W2N=${W2N:-200}
PEERS=${PEERS:-duckdb sqlite3}
has() { case " $PEERS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
FRAC=$(awk -v s="$SCALE" 'BEGIN { if (!(s > 0 && s <= 100)) exit 1; printf "%g", s / 100 }') ||
	{ echo "usage: bench/run.sh [SCALE], SCALE in percent, 0 < SCALE <= 100" >&2; exit 1; }
# W2 compares a year with the one before: 2023 by default, the last year with
# real national totals behind the generator (2024 and 2025 repeat 2023).
W2YEAR=${W2YEAR:-2023}
[ "$W2YEAR" -gt "${YEARS%-*}" ] && [ "$W2YEAR" -le "${YEARS#*-}" ] || W2YEAR=${YEARS#*-}
W=bench/work
mkdir -p "$W"
log() { echo "[$(date +%T)] $*" >&2; }

# ---- tools and peers --------------------------------------------------------
scripts/install-deps.sh
if [ ! -x /usr/bin/time ] || ! command -v python3 >/dev/null; then # GNU time; python3 for the sqlite3 peer
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends time python3 >/dev/null
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 shell missing (scripts/install-deps.sh)" >&2; exit 1; }
command -v node >/dev/null || { echo "node (20 or later) is needed for the DuckDB peer" >&2; exit 1; }
if [ ! -d bench/node_modules/@duckdb/node-api ]; then
	log "npm ci in bench/ (@duckdb/node-api)"
	(cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
# What is measured: the committed library (HEAD, exported to $W/tree and
# built in $W/build), so that others' unfinished edits in the working tree
# neither break nor change the figures; FROM=tree measures the working tree
# instead, built in build/ like bench/http.sh.
if [ "${FROM:-head}" = tree ]; then
	S=. B=${BUILD:-build}
else
	S=$W/tree B=$W/build
	if [ "$(cat "$S/.commit" 2>/dev/null)" != "$(git rev-parse HEAD)" ]; then
		rm -rf "$S" && mkdir -p "$S"
		git archive HEAD | tar -x -C "$S"
		git rev-parse HEAD >"$S/.commit"
	fi
fi
REV=$(git rev-parse --short HEAD)$([ "${FROM:-head}" = tree ] && echo " + working tree" || true)
log "building ivp $(git rev-parse --short HEAD)${FROM:+ ($FROM)} (RelWithDebInfo, no sanitizers, $B/)"
cmake -S "$S" -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVP_TESTS=OFF -DIVP_SANITIZE=OFF -DIVP_FUZZ=OFF >/dev/null
cmake --build "$B" -j "$(nproc)" >/dev/null
# a copy, so that a rebuild of $B by someone else during the run changes nothing here
cp "$B/ivp" "$B"/ivp-*.so "$B/libivp.a" "$W/" # the modules beside the program (src/core/module.h)
if nm "$W/ivp" | grep -q __asan_init; then echo "$B/ivp is built with sanitizers; not measuring that" >&2; exit 1; fi
LIBS=$(pkg-config --libs sqlite3 libpq jansson libsodium libcrypto gsl libfyaml proj)
CFLAGS="-O2 -g -std=c17 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I$S/include -I$S/src"
# shellcheck disable=SC2086
cc $CFLAGS bench/gen.c "$W/libivp.a" $LIBS -lm -o "$W/gen"
# shellcheck disable=SC2086
cc $CFLAGS bench/w2.c "$W/libivp.a" $LIBS -lm -o "$W/w2"
IVP=$W/ivp

# ---- data -------------------------------------------------------------------
CSV=$W/crime-$SCALE-$YEARS.csv
POPB=$W/population-$SCALE-$YEARS.csv	# buurten, as bench/gen writes it
if [ "${KEEP_DATA:-1}" = 0 ] || [ ! -s "$CSV" ] || [ ! -s "$W/gen-$SCALE-$YEARS.err" ]; then
	log "generating $SCALE% ($FRAC), years $YEARS"
	"$W/gen" --scale "$FRAC" --layout typed --years "$YEARS" --population "$POPB" \
		>"$CSV" 2>"$W/gen-$SCALE-$YEARS.err"
fi
cat "$W/gen-$SCALE-$YEARS.err" >&2
ROWS=$(sed -n 's/.* \([0-9]*\) rows$/\1/p' "$W/gen-$SCALE-$YEARS.err")
EFF=$(sed -n 's/.*drawn: \([0-9.]*\) of all buurten.*/\1/p' "$W/gen-$SCALE-$YEARS.err")
[ -n "$ROWS" ] || { echo "generator said nothing" >&2; exit 1; }
MB=$(du -m "$CSV" | cut -f1)
# population of every area of the sample: buurten, and wijken and gemeenten
# as the sums of their buurten (area,year,population)
POP=$W/population-all-$SCALE-$YEARS.csv
awk -F, 'NR > 1 { b[$1","$2] = $3; w["WK" substr($1, 3, 6) "," $2] += $3; g["GM" substr($1, 3, 4) "," $2] += $3 }
	END { print "area,year,population"; for (k in g) print k "," g[k]; for (k in w) print k "," w[k]; for (k in b) print k "," b[k] }' \
	"$POPB" >"$POP"
GMS=$(awk -F, 'NR > 1 && $1 ~ /^GM/ { print $1 }' "$POP" | sort -u | tr '\n' ' ')
NGM=$(wc -w <<<"$GMS")
log "$ROWS rows ($MB MB), $NGM gemeenten: $GMS"
if [ $MODE = w5 ]; then
	. bench/w5.sh
	exit 0
fi

# ---- W1 import --------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# timed LABEL CMD...: one run under GNU time, appends "seconds rss_kB" to $W/w1-LABEL
timed() {
	local label=$1; shift
	/usr/bin/time -f "%e %M" -o "$W/time.out" "$@" >"$W/w1-$label.log" 2>&1 ||
		{ echo "$label failed:" >&2; cat "$W/w1-$label.log" >&2; exit 1; }
	tail -n 1 "$W/time.out" >>"$W/w1-$label"
	log "  $label: $(tail -n 1 "$W/time.out") (s, kB)"
}
rm -f "$W"/w1-ivp "$W"/w1-duckdb "$W"/w1-sqlite3
IDB=$W/ivp.db DDB=$W/duck.duckdb SDB=$W/sqlite.db
for r in $(seq 1 "$REPS"); do
	log "W1 repetition $r/$REPS"
	rm -f "$IDB" "$IDB-wal" "$IDB-shm"
	IVP_DB=$IDB $IVP import codes examples/pijnacker-nootdorp/data/crime__WijkenEnBuurten.csv >/dev/null
	IVP_DB=$IDB $IVP import codes tests/data/soortmisdrijf.csv >/dev/null
	IVP_DB=$IDB timed ivp $IVP import crime "$CSV"
	grep -q "$ROWS rows written" "$W/w1-ivp.log" ||
		{ echo "ivp did not import every row:" >&2; cat "$W/w1-ivp.log" >&2; exit 1; }
	timed duckdb node bench/duckdb.mjs load "$DDB" "$CSV"
	grep -qx "rows $ROWS" "$W/w1-duckdb.log" || { echo "DuckDB loaded another row count" >&2; exit 1; }
	has sqlite3 || continue
	rm -f "$SDB"
	sqlite3 "$SDB" "CREATE TABLE t (ID INTEGER, SoortMisdrijf TEXT, WijkenEnBuurten TEXT, Perioden TEXT,
		GeregistreerdeMisdrijven_1 INTEGER, PRIMARY KEY (WijkenEnBuurten, SoortMisdrijf, Perioden)) WITHOUT ROWID"
	timed sqlite3 sqlite3 "$SDB" ".import --csv --skip 1 $CSV t"
	[ "$(sqlite3 "$SDB" 'SELECT count(*) FROM t')" = "$ROWS" ] || { echo "sqlite3 imported another row count" >&2; exit 1; }
done

# ---- W2 indicators ----------------------------------------------------------
log "W2 set-up (untimed): population into ivp; cleaned tables in the peers"
for y in $((W2YEAR - 1)) "$W2YEAR"; do
	awk -F, -v y="$y" 'NR == 1 { print "nhood_id,population" } NR > 1 && $2 == y { print $1 "," $3 }' "$POP" >"$W/pop-$y.csv"
	IVP_DB=$IDB $IVP import population "$W/pop-$y.csv" --year "$y" >/dev/null
done
has sqlite3 && sqlite3 "$SDB" <<SQL
DROP TABLE IF EXISTS fact; DROP TABLE IF EXISTS pop; DROP TABLE IF EXISTS def;
CREATE TABLE fact (area TEXT, type TEXT, period INTEGER, count INTEGER, PRIMARY KEY (area, type, period)) WITHOUT ROWID;
INSERT INTO fact SELECT trim(WijkenEnBuurten), trim(SoortMisdrijf),
	CAST(substr(Perioden, 1, 4) AS INTEGER) * 100 + CAST(substr(Perioden, 7, 2) AS INTEGER), GeregistreerdeMisdrijven_1 FROM t;
CREATE TABLE pop (area TEXT, year INTEGER, population INTEGER, PRIMARY KEY (area, year)) WITHOUT ROWID;
.import --csv --skip 1 $POP pop
CREATE TABLE def (key TEXT, code TEXT, ncodes INTEGER, PRIMARY KEY (key, code)) WITHOUT ROWID;
INSERT INTO def VALUES ('totaal','0.0.0',1),('bbv_winkeldiefstal','2.5.2',1),('bbv_woning','1.1.1',1),
	('bbv_vernieling','2.2.1',1),('hic','1.1.1',3),('hic','1.4.6',3),('hic','1.4.7',3),
	('bbv_geweld','1.4.1',7),('bbv_geweld','1.4.2',7),('bbv_geweld','1.4.3',7),('bbv_geweld','1.4.4',7),
	('bbv_geweld','1.4.5',7),('bbv_geweld','1.4.6',7),('bbv_geweld','1.4.7',7);
ANALYZE;
SQL
GM1=${GMS%% *}
log "W2: ivp (libivp, $W2N calls for $GM1, the loop over $NGM gemeenten)"
# shellcheck disable=SC2086
"$W/w2" "$IDB" "$W2YEAR" "$W2N" "$W/w2-ivp.csv" $GMS >"$W/w2-ivp.out"
log "W2: DuckDB"
# shellcheck disable=SC2086
node bench/duckdb.mjs w2 "$DDB" "$POP" "$W2YEAR" "$W2N" "$W/w2-duckdb.csv" $GMS >"$W/w2-duckdb.out"
has sqlite3 && log "W2: SQLite"
# shellcheck disable=SC2086
has sqlite3 && python3 bench/sqlite_w2.py "$SDB" "$W2YEAR" "$W2N" "$W/w2-sqlite3.csv" $GMS >"$W/w2-sqlite3.out"

# check WHAT IVP_CSV PEER_CSV PEER KEYS NUMS: the peer's rows must be ivp's:
# the same keys (columns KEYS, e.g. 1,2), numbers in columns NUMS within
# 1e-5, every other column equal as text. Compared are the gemeenten (or
# scopes, column 1) ivp was asked for; the peers' GROUP BY also yields
# gemeenten without a population, such as GM0000 "Gemeente onbekend" at
# 100%: those are counted as "outside" and left out.
check() {
	awk -F, -v what="$1" -v peer="$4" -v keys="$5" -v nums="$6" '
		function key(   i, k) { k = ""; for (i = 1; i <= nk; i++) k = k "," $kc[i]; return k }
		BEGIN { nk = split(keys, kc, ","); split(nums, nc, ","); for (i in nc) num[nc[i]] = 1 }
		FNR == 1 { next }
		FILENAME == ARGV[1] { ref[key()] = $0; scope[$1] = 1; n++; next }
		!($1 in scope) { outside++; next }
		{
			k = key(); seen[k] = 1
			if (!(k in ref)) { print peer ": " k " not in ivp"; bad++; next }
			m = split(ref[k], a, ",")
			for (i = 1; i <= m || i <= NF; i++) {
				d = a[i] - $i
				if (i in num ? (d > 1e-5 || d < -1e-5) : a[i] != $i) {
					print peer " differs from ivp: ivp " ref[k] " | " peer " " $0; bad++; break
				}
			}
		}
		END {
			for (k in ref) if (!(k in seen)) { print peer ": " k " missing"; bad++ }
			printf "check %s: %d %s compared with ivp, %d differ (%d rows outside the sample)\n", peer, n, what, bad, outside
			exit bad > 0 || n == 0
		}' "$2" "$3" >&2 || { echo "FAIL: $4 does not compute what ivp computes ($1)" >&2; exit 1; }
}
for p in $PEERS; do
	check "indicator rows" "$W/w2-ivp.csv" "$W/w2-$p.csv" "$p" 1,2 4,6
done

# ---- W3 neighbourhood ranking ---------------------------------------------------
log "W3: the buurten of $GM1 ranked ($W2N calls), and every buurt of the country"
"$W/w2" --w3 "$IDB" "$W2YEAR" "$W2N" "$W/w3-ivp.csv" "$GM1" >"$W/w3-ivp.out"
node bench/duckdb.mjs w3 "$DDB" "$W2YEAR" "$W2N" "$W/w3-duckdb.csv" "$GM1" >"$W/w3-duckdb.out"
has sqlite3 && python3 bench/sqlite_w2.py --w3 "$SDB" "$W2YEAR" "$W2N" "$W/w3-sqlite3.csv" "$GM1" >"$W/w3-sqlite3.out"
for p in $PEERS; do
	check "ranked buurten (rank, count, population, rate, verdict)" "$W/w3-ivp.csv" "$W/w3-$p.csv" "$p" 1,3 6
done

# ---- W1-W3 on PostgreSQL (bench/pg.sh) ---------------------------------------------
[ "${PGBENCH:-1}" = 0 ] || . bench/pg.sh

# ---- the table --------------------------------------------------------------
val() { awk -v k="$2" '$1 == k { print $2 }' "$W/w2-$1.out"; }
val3() { awk -v k="$2" '$1 == k { print $2 }' "$W/w3-$1.out"; }
{
	echo "## ivp benchmarks, scale $SCALE% (drawn: $EFF of all buurten), years $YEARS"
	echo
	echo "$ROWS rows, $MB MB TypedDataSet CSV; $NGM gemeenten; W2 on $W2YEAR vs $((W2YEAR - 1)); $(nproc) CPUs; $(date -u +%Y-%m-%dT%H:%MZ); ivp $REV"
	echo "W1: median of $REPS runs (wall s, GNU time; peak RSS); W2: warm, median of $W2N calls (one) and of $(( W2N / 20 > 3 ? W2N / 20 : 3 )) loops (all)."
	echo
	echo "| workload | ivp median | peer | peer median | ratio ivp/peer | target (DESIGN.md) | met |"
	echo "|---|---|---|---|---|---|---|"
	it=$(cut -d' ' -f1 "$W/w1-ivp" | median); im=$(cut -d' ' -f2 "$W/w1-ivp" | median)
	for p in $PEERS; do
		pt=$(cut -d' ' -f1 "$W/w1-$p" | median); pm=$(cut -d' ' -f2 "$W/w1-$p" | median)
		awk -v p="$p" -v it="$it" -v im="$im" -v pt="$pt" -v pm="$pm" -v rows="$ROWS" 'BEGIN {
			tgt = p == "duckdb" ? "rows/s >= DuckDB'"'"'s; memory bounded" : "(none; reference)"
			met = p == "duckdb" ? (it <= pt ? "met" : "not met") : "-"
			printf "| W1 import | %.2f s, %.0f rows/s, %.0f MB RSS | %s | %.2f s, %.0f rows/s, %.0f MB RSS | %.2f (time) | %s | %s |\n",
				it, rows / it, im / 1024, p, pt, rows / pt, pm / 1024, it / pt, tgt, met }'
	done
	i1=$(val ivp one_ms); ia=$(val ivp all_ms)
	for p in $PEERS; do
		p1=$(val "$p" one_ms); pa=$(val "$p" all_ms)
		awk -v p="$p" -v i1="$i1" -v p1="$p1" 'BEGIN {
			tgt = p == "duckdb" ? "< 5 ms and faster than DuckDB" : "< 5 ms"
			met = (i1 < 5 && (p != "duckdb" || i1 < p1)) ? "met" : "not met"
			printf "| W2 indicators, one gemeente (warm) | %.3f ms | %s | %.3f ms | %.3f | %s | %s |\n", i1, p, p1, i1 / p1, tgt, met }'
		awk -v p="$p" -v ia="$ia" -v pa="$pa" -v n="$NGM" 'BEGIN {
			x = ia * 342 / n
			tgt = p == "duckdb" ? "< 1 s for 342 and faster than DuckDB" : "< 1 s for 342"
			met = (x < 1000 && (p != "duckdb" || ia < pa)) ? "met" : "not met"
			printf "| W2 indicators, all %d gemeenten of the sample | %.1f ms (x342/%d: %.0f ms) | %s | %.1f ms | %.3f | %s | %s |\n",
				n, ia, n, x, p, pa, ia / pa, tgt, met }'
	done
	b1=$(awk '$1 == "buurten" { print $2 }' "$W/w3-ivp.out")
	n1=$(awk -F, -v g="$GM1" '$1 == g' "$W/w3-ivp.csv" | wc -l)
	for p in $PEERS; do
		awk -v p="$p" -v i1="$(val3 ivp one_ms)" -v p1="$(val3 "$p" one_ms)" -v ia="$(val3 ivp all_ms)" \
			-v pa="$(val3 "$p" all_ms)" -v g="$GM1" -v n1="$n1" -v b="$b1" 'BEGIN {
			printf "| W3 ranking, the %d buurten of %s (warm) | %.3f ms | %s | %.3f ms | %.3f | (none; faster than the peers) | %s |\n",
				n1, g, i1, p, p1, i1 / p1, i1 < p1 ? "faster" : "slower"
			printf "| W3 ranking, every buurt of the country (%d) | %.1f ms | %s | %.1f ms | %.3f | (none; faster than the peers) | %s |\n",
				b, ia, p, pa, ia / pa, ia < pa ? "faster" : "slower" }'
	done
	echo
	echo "Peers: DuckDB $(node -e 'import("@duckdb/node-api").then(m=>console.log(m.version ? m.version() : ""))' 2>/dev/null || true)(@duckdb/node-api $(node -p 'require("./bench/node_modules/@duckdb/node-api/package.json").version'), all $(nproc) threads; W2 with one prepared statement)$(has sqlite3 && echo "; sqlite3 shell $(sqlite3 --version | cut -d' ' -f1) (W2 and W3 through Python's sqlite3 module on the same libsqlite3)" || echo "; the sqlite3 peer left out (PEERS=$PEERS)"). W2 'all' for the peers is one GROUP BY over every gemeente; for ivp the loop of ivp_indicators() over them. The verdict of the peers is computed from their SQL counts outside SQL (bench/verdict.mjs). Counts, rates and verdicts of the peers equal ivp's on every gemeente of the sample (checked). W3: registered crime (0.0.0) per 1,000, the buurten of at least 500 inhabitants ranked by rate, each with the verdict of its rate against all ranked buurten together; ivp through ivp_ranking() (which also gives the exact interval of every rate), the peers with one SQL query and the verdicts in the host language; ranks, counts, populations, rates and verdicts equal ivp's for every buurt (checked)."
} >"$W/results-$SCALE.md"
cat "$W/results-$SCALE.md"
if [ "$SCALE" = 100 ] && [ "${W5:-1}" != 0 ]; then
	. bench/w5.sh
fi
