#!/usr/bin/env bash
# The sign-in throttle across processes (issue 12 item 4, docs/security.md):
# two `ivp serve` on one database, and 64 wrong sign-ins of one name from
# one address at once, spread over both (eight rounds). The throttle's count-and-decide is
# one step in the database (a write transaction holding its lock,
# ivp__store_attempt_lock), so the servers count each other's attempts:
# exactly IVP_SIGNIN_MAX_FAILS (5) reach the password (401), every other is
# refused before it (429) — never more, whichever server they hit. Then the
# right password from another address still signs in on either server.
# usage: throttle2.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
A="$ROOT/tests/http/attack.js"
PW='paars fietspad onweer 9'

{ "$IVP" init && printf '%s\n' "$PW" | "$IVP" user add bert --role editor; } >"$W/setup.log" 2>&1 ||
  { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
serve "$W/log1" --threads 4 --signin-threads 4
P1=${U##*:}
serve "$W/log2" --threads 4 --signin-threads 4
P2=${U##*:}
[ "$P1" != "$P2" ] || fail "the two servers share a port"

# eight rounds, each a name of its own from an address of its own (a race
# is a matter of timing: more rounds, more chances to catch one)
for k in 1 2 3 4 5 6 7 8; do
  node "$A" signin2 "$P1,$P2" 64 "bert$k" "not the password" "127.0.1.$k" >"$W/race.json" || fail "attack.js signin2"
  jq -e '.status["401"] == 5 and .status["429"] == 59' "$W/race.json" >/dev/null ||
    fail "round $k: two servers let more wrong sign-ins reach the password than the limit: $(cat "$W/race.json")"
  echo "round $k: 64 wrong sign-ins over two servers: $(jq -c .status "$W/race.json")"
  # the stored attempts agree: five failures, the refused ones not counted
  c=$(dbq "SELECT count(*) FROM login_attempt WHERE name = 'bert$k' AND ok = 0")
  [ "$c" = 5 ] || fail "round $k: $c stored failures, expected 5"
done
# the right password from another address: not locked out, on either server
for p in "$P1" "$P2"; do
  c=$(curl -s -m 60 --interface 127.0.0.9 -o "$W/body" -w '%{http_code}' --data-urlencode name=bert \
    --data-urlencode "password=$PW" "http://127.0.0.1:$p/api/v1/session")
  [ "$c" = 200 ] || fail "bert from 127.0.0.9 on port $p: $c $(head -c 200 "$W/body")"
done
[ "$fails" -eq 0 ] && echo "throttle2: all passed" || { echo "throttle2: $fails failed"; exit 1; }
