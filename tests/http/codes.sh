#!/usr/bin/env bash
# docs/errors.md's section "HTTP" and the code agree: every machine code the
# server writes (an http_error(…, STATUS, "code", …) in src/http, src/api,
# src/web, src/serve, and the codes http_rc_status gives the library's result
# codes) is in the table with its status, and every code of the table is
# written somewhere.
# usage: codes.sh
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
fails=0
cd "$ROOT" || exit 1
# "STATUS code" of every error written, from the sources
{
  grep -rhoE 'http_error\([^,]+, *[0-9]{3}, *"[a-z_]+"' src/http src/api src/web src/serve |
    sed -E 's/.*, *([0-9]{3}), *"([a-z_]+)"/\1 \2/'
  # http_rc_status: *code = "x"; return NNN; (and the two-way default)
  awk '/^int http_rc_status/,/^}/' src/http/request.c |
    grep -oE '"[a-z_]+"|return [0-9]{3}|\? [0-9]{3} : [0-9]{3}' |
    awk '/^"/ { gsub(/"/, ""); code[++n] = $0; next }
         /^return/ { print $2, code[n]; next }
         /^\?/ { print $2, code[n - 1]; print $4, code[n] }'
  grep -hoE 'http_oom\(' src/http/*.c | head -1 | sed 's/.*/500 out_of_memory/'
} | sort -u >"${TMPDIR:-/tmp}/ivp-codes-src.$$"
# "STATUS code" of the table in the section "HTTP"
awk '/^## HTTP/ { on = 1; next } /^## / { on = 0 } on && /^\| `/' docs/errors.md |
  sed -E 's/^\| `([a-z_]+)` \| ([0-9]{3}) .*/\2 \1/' | sort -u >"${TMPDIR:-/tmp}/ivp-codes-doc.$$"
[ -s "${TMPDIR:-/tmp}/ivp-codes-src.$$" ] || { echo "FAIL no error code found in the sources"; fails=1; }
[ "$(wc -l <"${TMPDIR:-/tmp}/ivp-codes-src.$$")" -ge 15 ] || { echo "FAIL fewer than 15 codes found in the sources"; fails=1; }
if ! diff "${TMPDIR:-/tmp}/ivp-codes-src.$$" "${TMPDIR:-/tmp}/ivp-codes-doc.$$" >"${TMPDIR:-/tmp}/ivp-codes-diff.$$"; then
  echo "FAIL docs/errors.md (HTTP) and the code differ (< written, not documented; > documented, never written):"
  cat "${TMPDIR:-/tmp}/ivp-codes-diff.$$"
  fails=1
fi
n=$(wc -l <"${TMPDIR:-/tmp}/ivp-codes-doc.$$")
rm -f "${TMPDIR:-/tmp}"/ivp-codes-*.$$
[ $fails -eq 0 ] && echo "http error codes: $n passed, 0 failed"
exit $fails
