#!/usr/bin/env bash
# Run one end-to-end case against the real ivp binary and a fresh SQLite
# database. A case is a folder:
#   setup        (optional) bash lines run first; must succeed; output ignored
#   cmd          bash lines whose last command is the one under test
#   expect_exit  (optional) its expected exit code (default 0)
#   expect       (optional) fixed strings that must each appear in stdout+stderr
#   reject       (optional) fixed strings that must not appear
#   unchanged    (optional, empty) the database must be byte-for-byte the same
#                (as an SQL dump) before and after cmd
# Variables for the scripts: IVP (binary), DB, EX (example data), TD (tests/data),
# MAP (the police website delict code mapping).
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
trap 'rm -rf "$WORK"' EXIT
export DB="$WORK/ivp.db"
export IVP_DB="$DB"
# the operator every write names (ivp refuses writes without one; docs/audit.md)
export IVP_USER=e2e
cd "$WORK"
name=$(basename "$CASE")

if [ -f "$CASE/setup" ]; then
  if ! bash -e "$CASE/setup" >"$WORK/setup.out" 2>&1; then
    echo "FAIL $name: setup failed:"; cat "$WORK/setup.out"; exit 1
  fi
fi
[ -f "$CASE/unchanged" ] && sqlite3 "$DB" .dump >"$WORK/before.sql" 2>/dev/null
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
  sqlite3 "$DB" .dump >"$WORK/after.sql" 2>/dev/null
  if ! cmp -s "$WORK/before.sql" "$WORK/after.sql"; then
    echo "FAIL $name: the database changed:"; diff "$WORK/before.sql" "$WORK/after.sql" | head -20; fail=1
  fi
fi
if [ $fail -ne 0 ]; then
  echo "--- output of $name:"; cat "$WORK/out"
  exit 1
fi
echo "ok $name"
