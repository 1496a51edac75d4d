#!/usr/bin/env bash
# W4 on a region deployment (issue 15; not part of make test): wrk, 64
# connections, on loopback, against `ivp serve --db PRIMARY --read-db
# REPLICA` — a PostgreSQL primary and one streaming replica on this machine
# (tests/pg/cluster.sh for the primary, pg_basebackup -R for the replica,
# PostgreSQL's durable defaults) holding the make-run example — with the
# response cache (as deployed) and without it (IVP_CACHE_KB=0: every
# request read from the replica), and nginx serving the same bytes as
# static files, in the same run. The URLs are bench/http.sh's.
# usage: bench/w4replica.sh [SECONDS] (default 30); needs root for apt-get.
set -euo pipefail
export IVP_USER=${IVP_USER:-bench}
cd "$(dirname "$0")/.."
SECS=${1:-30}
CONNS=64
THREADS=${THREADS:-2}
. bench/wrk_deps.sh
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVP_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null

W=$(mktemp -d /tmp/ivp-w4replica-XXXXXX)
chmod 711 "$W"
P=$W/primary R=$W/replica
PIDS=() NGX_PID=
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u ivptest -- "$@"; else "$@"; fi; }
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  [ -n "$NGX_PID" ] && kill -QUIT "$NGX_PID" 2>/dev/null
  wait 2>/dev/null || true
  [ -d "$R/data" ] && as_server "$BIN/pg_ctl" -D "$R/data" -m fast -w stop >/dev/null 2>&1
  tests/pg/cluster.sh stop "$P"
  rm -rf "$W"
}
trap cleanup EXIT
# wait_log LOG: until the server in LOG listens
wait_log() {
  for _ in $(seq 1 600); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "the server did not start:"; cat "$1"; exit 1
}

IVP_PG_FAST=0 tests/pg/cluster.sh start "$P" >/dev/null
export PGUSER=ivp
createdb -h "$P" ivp
PDB="postgresql:///ivp?host=$P" RDB="postgresql:///ivp?host=$R"
# the example into the primary (run-example.sh ends serving it: stopped once it listens)
P0=$(free_port)
LISTEN=127.0.0.1:$P0 scripts/run-example.sh build/ivp "$PDB" >"$W/example.log" 2>"$W/example.err" &
EX_PID=$!
wait_log "$W/example.err"
kill -TERM "$EX_PID" && wait "$EX_PID" 2>/dev/null || true
mkdir -p "$R" && chmod 700 "$R"
[ "$(id -u)" -eq 0 ] && chown ivptest: "$R"
as_server "$BIN/pg_basebackup" -h "$P" -U ivp -D "$R/data" -R --wal-method=stream --checkpoint=fast
as_server "$BIN/pg_ctl" -D "$R/data" -l "$R/server.log" -w -t 60 start \
  -o "-c listen_addresses='' -c unix_socket_directories='$R' -c max_connections=200" >/dev/null

P1=$(free_port) P3=$(free_port)
IVP_CACHE_STATS=1 build/ivp serve --listen 127.0.0.1:$P1 --quiet --db "$PDB" --read-db "$RDB" 2>"$W/ivp.log" &
PIDS+=("$!")
IVP_CACHE_KB=0 build/ivp serve --listen 127.0.0.1:$P3 --quiet --db "$PDB" --read-db "$RDB" 2>"$W/ivp-nc.log" &
PIDS+=("$!")
wait_log "$W/ivp.log"
wait_log "$W/ivp-nc.log"

KEYS=${KEYS:-"indicators areas home indicator_page"} # the order of the runs
declare -A URL=(
  [indicators]="/api/v1/indicators?area=GM1926&year=2024&baseline=2022&compare=NL01"
  [areas]="/api/v1/areas?under=GM1926"
  [home]="/"
  [indicator_page]="/indicator?area=GM1926&key=totaal"
)
declare -A FILE=([indicators]=indicators.json [areas]=areas.json [home]=home.html
  [indicator_page]=indicator.html)
mkdir -p "$W/www" "$W/ngx/logs"
for k in $KEYS; do curl -sf "http://127.0.0.1:$P1${URL[$k]}" -o "$W/www/${FILE[$k]}"; done
chmod 755 "$W/www"; chmod 644 "$W/www/"*
P2=$(free_port)
ngx_conf "  server { listen 127.0.0.1:$P2; root $W/www; }"
nginx -p "$W/ngx" -c "$W/ngx/nginx.conf" &
NGX_PID=$!
sleep 0.5

run() { wrk_run "$1" "$2" '%-30s %12s %10s %10s  non2xx=%d %s\n'; } # LABEL URL
# the primary's log positions (insert, write, flush) and the replica's replayed one
lsns() {
  echo "  log: primary $(psql -X -qAt -h "$P" -d ivp -c "SELECT pg_current_wal_insert_lsn() || ' ' || pg_current_wal_lsn() || ' ' || pg_current_wal_flush_lsn()")," \
    "replica $(psql -X -qAt -h "$R" -d ivp -c "SELECT pg_last_wal_replay_lsn() || ' ' || COALESCE(round(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()))::text, '-') || ' s'")"
}
before=$(psql -X -qAt -h "$R" -d ivp -c "SELECT sum(xact_commit) FROM pg_stat_database")
echo "wrk: $CONNS connections, $THREADS threads, ${SECS}s each, loopback, $(nproc) CPUs; primary + 1 replica (PostgreSQL $("$BIN/postgres" --version | awk '{print $3}'))"
printf "%-30s %12s %10s %10s\n" "" "requests/s" "p50" "p99"
for k in $KEYS; do
  [ "${LSNS:-0}" = 1 ] && lsns
  run "ivp+replica $k" "http://127.0.0.1:$P1${URL[$k]}"
  # the cache's counts so far (hits, misses, stores: a miss not stored was
  # answered by a replica that had not replayed all of the primary's log)
  curl -s -D - -o /dev/null "http://127.0.0.1:$P1${URL[$k]}" | tr -d '\r' | sed -n 's/^X-Cache-Size: /  cache: /p'
  run "ivp+replica, no cache $k" "http://127.0.0.1:$P3${URL[$k]}"
  run "nginx $k" "http://127.0.0.1:$P2/${FILE[$k]}"
done
after=$(psql -X -qAt -h "$R" -d ivp -c "SELECT sum(xact_commit) FROM pg_stat_database")
echo "transactions on the replica during the run: $((after - before))"
