#!/usr/bin/env bash
# The attacks of issue 12 as measurements (not part of make test), on a
# release build, each attacker on its own 127.x address (tests/http/
# attack.js): F1 1,100 slow connections from one address and a normal
# request's answers beside them; F2 five wrong passwords from one address,
# then the right one from another; F3 64 right sign-ins of a third user at
# once and an unrelated request's latency beside them (DESIGN.md: under
# 100 ms); F9 64 wrong sign-ins at once, on a server of its own with 8
# threads (4 of them for sign-ins), where a check-then-write race has room
# to show: how many reach the password. With BEFORE=PATH_TO_IVP the same
# against another build (e.g. main's, for the before/after figures of the
# report), started with the options it knows. Prints one table, also in
# bench/work/results-attack.md.
# usage: [BEFORE=/tmp/ivp-main/build/ivp] bench/attack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/wrk_deps.sh # install-deps.sh, python3, free_port
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVP_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" --target ivp >/dev/null
A=tests/http/attack.js
PW='paars fietspad onweer 9'
export IVP_USER=bench # the operator of the setup writes (every CLI write names one)
W=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT

start() { # LABEL IVP DB ARGS… : sets PID and port
  local label=$1 ivp=$2 db=$3
  shift 3
  port=$(free_port)
  IVP_DB=$db "$ivp" serve --listen 127.0.0.1:$port --quiet "$@" 2>"$W/$label.log" &
  PID=$!
  for _ in $(seq 1 100); do grep -q "listening on" "$W/$label.log" && break; sleep 0.1; done
}
stop() { kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

# measure LABEL IVP "SERVE_ARGS" "RACE_ARGS": the race on a server of its own with
# more threads, where a check-then-write race has room to show
measure() {
  local label=$1 ivp=$2 db=$W/$1.db u port
  IVP_DB=$db "$ivp" init >/dev/null
  for u in anna bert carl; do
    printf '%s\n' "$PW" | IVP_DB=$db "$ivp" user add $u --role editor >/dev/null
  done
  # shellcheck disable=SC2086
  start "$label" "$ivp" "$db" $3
  node $A slow "$port" 1100 15 >"$W/$label.slow.json"
  sleep 2 # the slow connections' ends
  for i in 1 2 3 4 5; do
    curl -s -m 60 -o /dev/null --interface 127.0.0.4 --data-urlencode name=anna --data-urlencode "password=guess $i" "http://127.0.0.1:$port/api/v1/session" || true
  done
  f2=$(curl -s -o /dev/null -w '%{http_code}' -m 60 --interface 127.0.0.5 --data-urlencode name=anna \
    --data-urlencode "password=$PW" "http://127.0.0.1:$port/api/v1/session" || true)
  node $A signin "$port" 64 carl "$PW" 127.0.0.7 >"$W/$label.flood.json"
  stop
  # shellcheck disable=SC2086
  start "$label-race" "$ivp" "$db" $4
  node $A signin "$port" 64 bert "not the password" 127.0.0.6 >"$W/$label.race.json"
  stop
  jq -r --arg l "$label" --arg f2 "$f2" --slurpfile s "$W/$label.slow.json" --slurpfile r "$W/$label.race.json" \
    --slurpfile f "$W/$label.flood.json" -n '
    "| \($l) | \($s[0].normal.ok) ok, \($s[0].normal.failed) failed, p50 \($s[0].normal.p50_ms) ms, max \($s[0].normal.max_ms) ms; \($s[0].open_after_2s) slow ones held, \($s[0].open_at_end) at the end | \($f2) | \($r[0].status["401"] // 0) of 64 reached the password (401), \($r[0].status["429"] // 0) × 429 | \($f[0].status["200"] // 0) × 200 in \($f[0].seconds) s; beside them p50 \($f[0].normal.p50_ms) ms, max \($f[0].normal.max_ms) ms (\($f[0].normal.ok) requests, \($f[0].normal.failed) failed) |"'
}

{
  echo "Attacks of issue 12 on loopback, $(nproc) CPUs (bench/attack.sh)"
  echo
  echo "| build | F1: GETs from 127.0.0.3 during 15 s of 1,100 slow connections from 127.0.0.2 | F2: right password from 127.0.0.5 after 5 wrong from 127.0.0.4 | F9: 64 wrong sign-ins at once | F3: 64 right sign-ins at once, GETs beside them |"
  echo "|---|---|---|---|---|"
  [ -n "${BEFORE:-}" ] && measure before "$BEFORE" "--threads 2" "--threads 8"
  measure after build/ivp "--threads 2" "--threads 8 --signin-threads 4"
} | tee "$W/table.md"
mkdir -p bench/work
cp "$W/table.md" bench/work/results-attack.md
