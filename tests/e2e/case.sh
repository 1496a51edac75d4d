#!/usr/bin/env bash
# Run one end-to-end case against the real ivp binary and a fresh
# database (SQLite; PostgreSQL with IVP_TEST_DB=postgresql). A case is a folder:
#   setup        (optional) bash lines run first; must succeed; output ignored
#   cmd          bash lines whose last command is the one under test
#   expect_exit  (optional) its expected exit code (default 0)
#   expect       (optional) fixed strings that must each appear in stdout+stderr
#   reject       (optional) fixed strings that must not appear
#   unchanged    (optional, empty) the database must be byte-for-byte the same
#                (as an SQL dump) before and after cmd
# Variables for the scripts: IVP (binary), DB, EX (example data), TD (tests/data),
# MAP (the police website delict code mapping).
# With IVP_TEST_DB=postgresql (ctest's e2e_pg_* runs) DB is a fresh database
# on the test cluster (PGHOST, PGUSER: tests/pg/cluster.sh), dropped at the
# end, and `unchanged` compares pg_dump's output (without the sequences'
# positions, which a rolled-back import moves and which hold no data, and
# pg_dump's random \\restrict key); a
# case whose scripts read SQLite's tables with the sqlite3 shell is skipped
# there (exit 77, ctest's SKIP_RETURN_CODE), and a case with a file
# `needs_pg` runs only there, a case with a file `sqlite_only` (its first
# line says why) only on SQLite.
# usage: case.sh CASE_DIR IVP_BINARY
set -uo pipefail
CASE=$(realpath "$1")
export IVP=$(realpath "$2")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export EX="$ROOT/examples/pijnacker-nootdorp/data"
export TD="$ROOT/tests/data"
export E2E="$ROOT/tests/e2e"
export MAP="$ROOT/examples/mappings/politie-website-delict-codes.csv"
WORK=$(mktemp -d)
name=$(basename "$CASE")
# the operator every write names (ivp refuses writes without one; docs/audit.md),
# common_setup.sh's imports into the PostgreSQL template included
export IVP_USER=e2e
PGDB_NAME=
if [ -f "$CASE/needs_pg" ] && [ "${IVP_TEST_DB:-sqlite}" != postgresql ]; then
  rm -rf "$WORK"; echo "skip $name: a PostgreSQL case (its e2e_pg_ run)"; exit 77
fi
if [ "${IVP_TEST_DB:-sqlite}" = postgresql ]; then
  # grep on the files (not cat | grep -q: under pipefail an early exit of grep
  # is a SIGPIPE of cat, and the skip would be missed)
  if grep -qs 'sqlite3 ' "$CASE/cmd" "$CASE/setup"; then
    rm -rf "$WORK"; echo "skip $name: it reads SQLite's tables with the sqlite3 shell"; exit 77
  fi
  if [ -f "$CASE/sqlite_only" ]; then
    rm -rf "$WORK"; echo "skip $name: $(head -1 "$CASE/sqlite_only")"; exit 77
  fi
  PGDB_NAME="ivp_e2e_$$_${RANDOM}"
  TEMPLATE=template0
  # Most cases start with common_setup.sh: on PostgreSQL its imports (about
  # 50,000 rows) run once per cluster into a template database that each
  # such case is created from, so they need not be repeated 97 times.
  if [ -f "$CASE/setup" ] && [ "$(grep -v '^#' "$CASE/setup" | head -1)" = '. "$E2E/common_setup.sh"' ]; then
    TEMPLATE="ivp_e2e_common_$(cat "$E2E/common_setup.sh" "$IVP" | md5sum | cut -c1-12)"
    (
      flock 9
      if [ "$(psql -X -qAt -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$TEMPLATE'")" != 1 ]; then
        createdb "${TEMPLATE}_new" && IVP_DB="postgresql:///${TEMPLATE}_new" bash -e "$E2E/common_setup.sh" >/dev/null 2>&1 &&
          psql -X -q -d postgres -c "ALTER DATABASE ${TEMPLATE}_new RENAME TO $TEMPLATE"
      fi
    ) 9>"${PGHOST:-/tmp}/e2e-common.lock"
    export IVP_E2E_COMMON_DONE=1
  fi
  ok=
  for _ in 1 2 3 4 5; do
    createdb -T "$TEMPLATE" "$PGDB_NAME" 2>"$WORK/createdb.err" && ok=1 && break
    sleep 1 # another case is being created from the same template
  done
  [ -n "$ok" ] || { cat "$WORK/createdb.err"; rm -rf "$WORK"; echo "FAIL $name: cannot create database $PGDB_NAME"; exit 1; }
  export DB="postgresql:///$PGDB_NAME"
else
  export DB="$WORK/ivp.db"
fi
trap 'cd /; rm -rf "$WORK"; [ -z "$PGDB_NAME" ] || dropdb --force "$PGDB_NAME"' EXIT
export IVP_DB="$DB"
cd "$WORK"
dump() {
  if [ -n "$PGDB_NAME" ]; then
    pg_dump --no-owner -d "$PGDB_NAME" 2>/dev/null | grep -Ev 'pg_catalog.setval|^\\(un)?restrict '
  else
    sqlite3 "$DB" .dump 2>/dev/null
  fi
}

if [ -f "$CASE/setup" ]; then
  if ! bash -e "$CASE/setup" >"$WORK/setup.out" 2>&1; then
    echo "FAIL $name: setup failed:"; cat "$WORK/setup.out"; exit 1
  fi
fi
[ -f "$CASE/unchanged" ] && dump >"$WORK/before.sql"
bash "$CASE/cmd" >"$WORK/out" 2>&1
code=$?
want=0
[ -f "$CASE/expect_exit" ] && want=$(tr -d '[:space:]' <"$CASE/expect_exit")
fail=0
if [ "$code" != "$want" ]; then
  echo "FAIL $name: exit code $code, expected $want"; fail=1
fi
if [ -f "$CASE/expect" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [ -z "$line" ] && continue
    if ! grep -qF -- "$line" "$WORK/out"; then
      echo "FAIL $name: output lacks: $line"; fail=1
    fi
  done <"$CASE/expect"
fi
if [ -f "$CASE/reject" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    [ -z "$line" ] && continue
    if grep -qF -- "$line" "$WORK/out"; then
      echo "FAIL $name: output has: $line"; fail=1
    fi
  done <"$CASE/reject"
fi
if [ -f "$CASE/unchanged" ]; then
  dump >"$WORK/after.sql"
  if ! cmp -s "$WORK/before.sql" "$WORK/after.sql"; then
    echo "FAIL $name: the database changed:"; diff "$WORK/before.sql" "$WORK/after.sql" | head -20; fail=1
  fi
fi
if [ $fail -ne 0 ]; then
  echo "--- output of $name:"; cat "$WORK/out"
  exit 1
fi
echo "ok $name"
