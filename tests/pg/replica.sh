#!/usr/bin/env bash
# Read replicas (issue 15 item 4): `ivp serve --db PRIMARY --read-db
# REPLICA` against streaming replication between two throw-away clusters
# of this test's own (Unix sockets only, as the unprivileged user ivptest
# when run as root): initdb and `ivp init` on the primary, pg_basebackup
# -R, pg_ctl start of the standby. Then, with replay paused on the standby:
# an anonymous public read is the replica's (it does not yet list an
# import the primary has), a client that has just written reads from the
# primary (read-your-writes), a second server with --max-lag 1s passes the
# lagging replica over; replay resumed, the replica shows the import; the
# replica stopped, the server keeps answering from the primary. The servers
# run without the response cache, so that every read asks a database, but
# for one: a replica's answer is cached right after a segment switch.
# Removes both clusters. usage: replica.sh IVP
set -uo pipefail
IVP=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/pg_basebackup" ] || { echo "PostgreSQL server binaries not found"; exit 1; }
W=$(mktemp -d /tmp/ivp-replica-XXXXXX)
chmod 711 "$W" # the server user (ivptest) reaches its clusters inside
P=$W/primary R=$W/replica
PIDS=()
as_server() { if [ "$(id -u)" -eq 0 ]; then runuser -u ivptest -- "$@"; else "$@"; fi; }
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  wait 2>/dev/null
  [ -d "$R/data" ] && as_server "$BIN/pg_ctl" -D "$R/data" -m immediate -w stop >/dev/null 2>&1
  "$ROOT/tests/pg/cluster.sh" stop "$P"
  rm -rf "$W"
}
trap cleanup EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
export IVP_USER=replica-test IVP_LANG=en PGUSER=ivp
unset PGHOST PGDATABASE
EX=$ROOT/examples/pijnacker-nootdorp/data
PDB="postgresql:///ivp?host=$P" RDB="postgresql:///ivp?host=$R"

"$ROOT/tests/pg/cluster.sh" start "$P" >/dev/null || exit 1
createdb -h "$P" ivp || exit 1
"$IVP" import codes "$EX/crime__WijkenEnBuurten.csv" --db "$PDB" >/dev/null || exit 1
mkdir -p "$R" && chmod 700 "$R"
[ "$(id -u)" -eq 0 ] && chown ivptest: "$R"
as_server "$BIN/pg_basebackup" -h "$P" -U ivp -D "$R/data" -R --wal-method=stream --checkpoint=fast >"$W/basebackup.log" 2>&1 ||
  { cat "$W/basebackup.log"; exit 1; }
as_server "$BIN/pg_ctl" -D "$R/data" -l "$R/server.log" -w -t 60 start \
  -o "-c listen_addresses='' -c unix_socket_directories='$R' -c max_connections=200 -c fsync=off" >/dev/null ||
  { cat "$R/server.log"; exit 1; }
[ "$(psql -X -qAt -h "$R" -d ivp -c 'SELECT pg_is_in_recovery()')" = t ] || fail "the replica is not a standby"

# caught_up: the replica has replayed everything the primary wrote
caught_up() {
  local want
  want=$(psql -X -qAt -h "$P" -d ivp -c 'SELECT pg_current_wal_insert_lsn()')
  for _ in $(seq 1 200); do
    [ "$(psql -X -qAt -h "$R" -d ivp -c "SELECT pg_last_wal_replay_lsn() >= '$want'")" = t ] && return 0
    sleep 0.05
  done
  fail "the replica did not replay up to $want"
  return 1
}
# serve LOG ARGS…: a server on a free port; sets U
serve() {
  local log=$1; shift
  IVP_CACHE_KB=0 "$IVP" serve --listen 127.0.0.1:0 --quiet --db "$PDB" --read-db "$RDB" "$@" 2>"$log" &
  PIDS+=("$!")
  for _ in $(seq 1 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
  U=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
  [ -n "$U" ] || { echo "FAIL server did not start"; cat "$log"; exit 1; }
}
# imports FROM URL: how many imports of $F the sources list shows
F=soortmisdrijf_83648NED_cbs.csv
imports() {
  curl -s --interface "$1" "$2/api/v1/sources" | grep -o "\"file\":\"[^\"]*$F\"" | wc -l
}

serve "$W/s1.log" --max-lag 60s
U1=$U
serve "$W/s2.log" --max-lag 1s
U2=$U
caught_up
[ "$(imports 127.0.0.2 "$U1")" = 0 ] || fail "an import before any was made"
# a recent transaction replayed, then replay paused: the replica lags from here on
"$IVP" import codes "$ROOT/tests/data/soortmisdrijf.csv" --db "$PDB" >/dev/null || fail "import codes"
caught_up
psql -X -qAt -h "$R" -d ivp -c 'SELECT pg_wal_replay_pause()' >/dev/null
"$IVP" import codes "$EX/$F" --db "$PDB" >/dev/null || fail "import codes on the primary"
[ "$(psql -X -qAt -h "$P" -d ivp -c "SELECT count(*) FROM import WHERE file_name LIKE '%$F'")" = 1 ] ||
  fail "the primary lacks the import"
a=$(imports 127.0.0.2 "$U1")
[ "$a" = 0 ] && echo "a public read is the replica's (replay paused: not yet the new import)" ||
  fail "a public read did not come from the paused replica ($a imports listed)"
# read-your-writes: a client that wrote (a sign-in attempt) reads from the primary
code=$(curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.3 --data-urlencode name=nobody \
  --data-urlencode 'password=wrong password 1' "$U1/api/v1/session")
[ "$code" = 401 ] || fail "the sign-in attempt answered $code"
a=$(imports 127.0.0.3 "$U1") b=$(imports 127.0.0.2 "$U1")
[ "$a" = 1 ] && [ "$b" = 0 ] && echo "the writer reads from the primary, another client from the replica" ||
  fail "read-your-writes: the writer saw $a imports, another client $b"
# --max-lag 1s: once the replica's last replayed transaction is older, the primary answers
sleep 1.5
a=$(imports 127.0.0.2 "$U2")
[ "$a" = 1 ] && echo "a replica lagging more than --max-lag is passed over" ||
  fail "--max-lag 1s: $a imports listed (the lagging replica answered)"
# replay resumed: the change reaches the replica and its readers
psql -X -qAt -h "$R" -d ivp -c 'SELECT pg_wal_replay_resume()' >/dev/null
caught_up
a=$(imports 127.0.0.2 "$U1")
[ "$a" = 1 ] && echo "the replica shows the import once it has replayed it" || fail "after replay: $a imports listed"
"$IVP" sources --db "$RDB" --format csv --csv-dialect en | grep -q "$F" ||
  fail "ivp sources on the replica itself"
# the response cache holds a replica's answers when the primary is idle
# right after a segment switch (as after every pg_basebackup): its insert
# position then counts the new segment's page header, which no replica
# replays; before the fix every replica looked behind there and nothing
# went into the cache
IVP_CACHE_STATS=1 "$IVP" serve --listen 127.0.0.1:0 --quiet --db "$PDB" --read-db "$RDB" 2>"$W/s3.log" &
PIDS+=("$!")
for _ in $(seq 1 100); do grep -q "listening on" "$W/s3.log" && break; sleep 0.1; done
U3=$(grep -o 'http://127.0.0.1:[0-9]*' "$W/s3.log" | head -1)
sleep 0.5 # the server's start-up writes (its retention run) before the switch
psql -X -qAt -h "$P" -d ivp -c 'SELECT pg_switch_wal()' >/dev/null
want=$(psql -X -qAt -h "$P" -d ivp -c 'SELECT pg_current_wal_lsn()')
for _ in $(seq 1 200); do
  [ "$(psql -X -qAt -h "$R" -d ivp -c "SELECT pg_last_wal_replay_lsn() >= '$want'")" = t ] && break
  sleep 0.05
done
at=$(psql -X -qAt -h "$P" -d ivp -c "SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint % 8192")
# twice on one connection (one worker thread: a thread's first look at the
# data version empties the cache)
x=$(curl -s -D - -o /dev/null -o /dev/null --interface 127.0.0.4 "$U3/api/v1/sources" "$U3/api/v1/sources" |
  tr -d '\r' | sed -n 's/^X-Cache: //p' | tail -1)
[ "$x" = hit ] && echo "after a segment switch (insert position $at bytes into its page) a replica's answer is cached" ||
  fail "after a segment switch (insert position $at bytes into its page) the second read was a $x"
# the replica stopped: the server keeps answering, from the primary
as_server "$BIN/pg_ctl" -D "$R/data" -m fast -w stop >/dev/null || fail "stopping the replica"
for i in 1 2 3; do
  code=$(curl -s -o "$W/body" -w '%{http_code}' --interface 127.0.0.2 "$U1/api/v1/sources")
  [ "$code" = 200 ] && grep -q "$F" "$W/body" || fail "replica down, request $i: $code"
done
[ "$fails" = 0 ] && echo "replica down: the server answers from the primary"
echo "$fails failed"
[ "$fails" = 0 ]
