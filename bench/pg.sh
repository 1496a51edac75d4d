# Sourced by bench/run.sh after W3 (PGBENCH=0 leaves it out): W1-W3 with ivp
# on PostgreSQL, on the same files and in the same run as ivp on SQLite and
# DuckDB. A throw-away cluster (tests/pg/cluster.sh: Unix socket only, as the
# user ivptest when root; PostgreSQL's durable defaults: IVP_PG_FAST=0)
# in /tmp/ivp-bench-pg, removed at the end. W1: `ivp import crime`
# into a fresh database holding the code lists, REPS times, wall seconds and
# the ivp process's peak RSS (the server's memory is PostgreSQL's own and
# bounded by its settings). W2/W3: bench/w2 on postgresql:///ivpbench, its
# figures checked against ivp on SQLite like the peers'. The table goes to
# stdout and $W/results-pg-$SCALE.md.
PGD=/tmp/ivp-bench-pg
PGDB=ivpbench
log "PostgreSQL: a cluster in $PGD"
# durable, as in production (the tests' cluster runs without fsync)
IVP_PG_FAST=0 tests/pg/cluster.sh start "$PGD" >/dev/null
export PGHOST=$PGD PGUSER=ivp
PURL="postgresql:///$PGDB"
rm -f "$W/w1-ivp-pg"
for r in $(seq 1 "$REPS"); do
	log "W1 on PostgreSQL, repetition $r/$REPS"
	dropdb --if-exists --force "$PGDB" && createdb "$PGDB"
	IVP_DB=$PURL $IVP import codes examples/pijnacker-nootdorp/data/crime__WijkenEnBuurten.csv >/dev/null
	IVP_DB=$PURL $IVP import codes tests/data/soortmisdrijf.csv >/dev/null
	IVP_DB=$PURL timed ivp-pg $IVP import crime "$CSV"
	grep -q "$ROWS rows written" "$W/w1-ivp-pg.log" ||
		{ echo "ivp on PostgreSQL did not import every row:" >&2; cat "$W/w1-ivp-pg.log" >&2; exit 1; }
done
# a re-import changes nothing (and is timed too: the identity check only)
IVP_DB=$PURL $IVP import crime "$CSV" | grep -q "already imported" || { echo "re-import on PostgreSQL not unchanged" >&2; exit 1; }
PGSIZE=$(psql -X -qAt -d "$PGDB" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")
for y in $((W2YEAR - 1)) "$W2YEAR"; do
	IVP_DB=$PURL $IVP import population "$W/pop-$y.csv" --year "$y" >/dev/null
done
psql -X -q -d "$PGDB" -c "VACUUM ANALYZE" >/dev/null
log "W2 on PostgreSQL"
# shellcheck disable=SC2086
"$W/w2" "$PURL" "$W2YEAR" "$W2N" "$W/w2-pg.csv" $GMS >"$W/w2-pg.out"
check "indicator rows" "$W/w2-ivp.csv" "$W/w2-pg.csv" ivp-pg 1,2 4,6
log "W3 on PostgreSQL"
"$W/w2" --w3 "$PURL" "$W2YEAR" "$W2N" "$W/w3-pg.csv" "$GM1" >"$W/w3-pg.out"
check "ranked buurten" "$W/w3-ivp.csv" "$W/w3-pg.csv" ivp-pg 1,3 6
tests/pg/cluster.sh stop "$PGD"
unset PGHOST PGUSER
{
	m() { cut -d' ' -f"$2" "$W/w1-$1" | median; }
	w2v() { awk -v k="$2" '$1 == k { print $2 }' "$W/$1.out"; }
	pgt=$(m ivp-pg 1) pgm=$(m ivp-pg 2) sqt=$(m ivp 1) dkt=$(m duckdb 1)
	echo "## ivp on PostgreSQL, scale $SCALE%, years $YEARS ($ROWS rows; $NGM gemeenten; database $PGSIZE)"
	echo
	echo "| workload | ivp on PostgreSQL | ivp on SQLite | DuckDB | PG/DuckDB | PG/SQLite | target |"
	echo "|---|---|---|---|---|---|---|"
	awk -v a="$pgt" -v am="$pgm" -v b="$sqt" -v c="$dkt" -v r="$ROWS" 'BEGIN {
		printf "| W1 import (s; ivp RSS) | %.2f s, %.0f rows/s, %.0f MB | %.2f s | %.2f s | %.2f | %.2f | PG <= 1.5x DuckDB: %s |\n",
			a, r / a, am / 1024, b, c, a / c, a / b, a / c <= 1.5 ? "met" : "not met" }'
	for k in one_ms all_ms; do
		awk -v k="$k" -v a="$(w2v w2-pg "$k")" -v b="$(w2v w2-ivp "$k")" -v c="$(w2v w2-duckdb "$k")" -v n="$NGM" 'BEGIN {
			t = k == "one_ms" ? "one gemeente < 5 ms: " (a < 5 ? "met" : "not met") : sprintf("x342/%d = %.0f ms < 1 s: %s", n, a * 342 / n, a * 342 / n < 1000 ? "met" : "not met")
			printf "| W2 %s (ms) | %.3f | %.3f | %.3f | %.2f | %.2f | %s |\n", k == "one_ms" ? "one gemeente" : "all of the sample", a, b, c, a / c, a / b, t }'
	done
	for k in one_ms all_ms; do
		awk -v k="$k" -v a="$(w2v w3-pg "$k")" -v b="$(w2v w3-ivp "$k")" -v c="$(w2v w3-duckdb "$k")" 'BEGIN {
			printf "| W3 %s (ms) | %.3f | %.3f | %.3f | %.2f | %.2f | (none) |\n", k == "one_ms" ? "buurten of one gemeente" : "every buurt", a, b, c, a / c, a / b }'
	done
} | tee "$W/results-pg-$SCALE.md"
