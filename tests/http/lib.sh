# Sourced by the live-server test scripts (tests/http/*.sh, tests/browser/
# run.sh) right after `set -uo pipefail`, with the ivp binary as the
# script's first argument. Sets IVP, ROOT, a work directory W (removed at
# exit, after every server started with `serve` is stopped), IVP_DB in it,
# and fails/n with fail(). With IVP_TEST_DB=postgresql (ctest's *_pg runs)
# IVP_DB is instead a fresh database on the test cluster (PGHOST, PGUSER:
# tests/pg/cluster.sh), dropped at exit; dbq and dbdump read either engine.
IVP=$(realpath "$1")
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
W=$(mktemp -d)
PID=
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  wait 2>/dev/null
  cd /
  [ -n "${PGDB_NAME:-}" ] && dropdb --force "$PGDB_NAME" 2>/dev/null
  rm -rf "$W"
}
trap cleanup EXIT
PGDB_NAME=
if [ "${IVP_TEST_DB:-sqlite}" = postgresql ]; then
  PGDB_NAME="ivp_http_$$_${RANDOM}"
  createdb "$PGDB_NAME" || { echo "FAIL cannot create database $PGDB_NAME on the test cluster"; exit 1; }
  export IVP_DB="postgresql:///$PGDB_NAME"
else
  export IVP_DB="$W/ivp.db"
fi
# dbq SQL: one query's rows (|-separated) from the test database, either engine
dbq() {
  if [ -n "$PGDB_NAME" ]; then psql -X -qAt -d "$PGDB_NAME" -c "$1"; else sqlite3 "$IVP_DB" "$1"; fi
}
# dbdump: everything the database holds, as bytes to grep
dbdump() {
  if [ -n "$PGDB_NAME" ]; then pg_dump -d "$PGDB_NAME"; else cat "$IVP_DB"*; fi
}
# the operator every write names (ivp refuses writes without one; docs/audit.md)
export IVP_USER=${IVP_USER:-http-test}
fails=0; n=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

# serve LOG [ARGS…]: start `$IVP serve --listen 127.0.0.1:0 ARGS…` in the
# background with its log in LOG, wait until it listens; sets PID and U
# (the base URL), or prints the log and exits 1.
serve() {
  local log=$1; shift
  "$IVP" serve --listen 127.0.0.1:0 "$@" 2>"$log" &
  PID=$!
  PIDS+=("$PID")
  for _ in $(seq 1 100); do
    grep -q "listening on" "$log" && break
    sleep 0.1
  done
  U=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
  [ -n "$U" ] || { echo "FAIL server did not start"; cat "$log"; exit 1; }
}
