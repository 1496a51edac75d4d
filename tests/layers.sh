#!/usr/bin/env bash
# The server's layers include only downward: src/http/ (the transport)
# nothing of src/api/, src/web/, src/serve/ or src/cli/; src/api/ nothing of
# src/web/, src/serve/ or src/cli/; src/web/ nothing of src/serve/ or
# src/cli/; src/serve/ nothing of src/cli/; and src/cli/ only ivp/ (the
# public API), its own cli/ and serve/serve.h; libpq-fe.h only in
# src/store/pg/ and sqlite3.h only in src/store/sqlite/. (That the lower layers also
# link on their own is ctest layers_link_*.)
# usage: layers.sh
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
fails=0; n=0
# forbid DIR PATTERN WHY: no #include in DIR's files matches PATTERN
forbid() {
  local dir=$1 pat=$2 why=$3 hits
  n=$((n + 1))
  hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"($pat)" "$ROOT/$dir" --include='*.[ch]' --include='*.def')
  if [ -n "$hits" ]; then echo "FAIL $dir includes $why:"; echo "$hits"; fails=$((fails + 1)); fi
}
forbid src/http 'api/|web/|serve/|cli/' "a layer above the transport"
forbid src/api 'web/|serve/|cli/' "a layer above the API"
forbid src/web 'serve/|cli/' "a layer above the pages"
forbid src/serve 'cli/' "the CLI"
# libpq only in the PostgreSQL engine, like sqlite3.h only in the SQLite one
n=$((n + 1))
hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](libpq-fe|sqlite3)\.h' "$ROOT/src" --include='*.[ch]' |
  grep -vE "^$ROOT/src/store/pg/[^:]*:[0-9]+:.*libpq-fe\.h|^$ROOT/src/store/sqlite/[^:]*:[0-9]+:.*sqlite3\.h")
if [ -n "$hits" ]; then echo "FAIL libpq-fe.h or sqlite3.h outside its engine's folder:"; echo "$hits"; fails=$((fails + 1)); fi
n=$((n + 1))
hits=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"' "$ROOT/src/cli" --include='*.[ch]' |
  grep -vE '#[[:space:]]*include[[:space:]]+"(ivp/[a-z_]+\.h|cli/cli\.h|serve/serve\.h)"')
if [ -n "$hits" ]; then echo "FAIL src/cli includes more than ivp/, cli/cli.h and serve/serve.h:"; echo "$hits"; fails=$((fails + 1)); fi
# the check itself can fail: a forbidden include in a copy is found
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir -p "$T/src/http" && printf '#include "web/web.h"\n' >"$T/src/http/x.c"
n=$((n + 1))
grep -rqE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"(api/|web/|serve/|cli/)' "$T/src/http" ||
  { echo "FAIL the include check misses a planted include"; fails=$((fails + 1)); }
echo "layers: $((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
