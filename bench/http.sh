#!/usr/bin/env bash
# HTTP benchmark (not part of make test): wrk, 64 connections, 30 s each, on
# loopback, against `ivp serve` (release build, the make-run example) and
# against nginx serving the very same bytes as static files, in the same
# run: the indicator API call, the areas call, the start page `/` and the
# indicator page. Prints requests/s, p50, p99 and errors per URL and server,
# the ratio ivp/nginx, the server's RSS before and after, and the response
# cache's hits (X-Cache). IVP_CACHE_KB=0 bench/http.sh measures without it.
# usage: bench/http.sh [SECONDS] (default 30); needs root for apt-get.
set -euo pipefail
# the operator every write names (ivp refuses writes without one; docs/audit.md)
export IVP_USER=${IVP_USER:-bench}
cd "$(dirname "$0")/.."
SECS=${1:-30}
CONNS=64
THREADS=${THREADS:-2}
. bench/wrk_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVP_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null

W=$(mktemp -d)
IVP_PID= NGX_PID=
cleanup() {
  [ -n "$IVP_PID" ] && kill -TERM "$IVP_PID" 2>/dev/null
  [ -n "$NGX_PID" ] && kill -QUIT "$NGX_PID" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT

# ivp: the make-run example, whose last step is `ivp serve`
P1=$(free_port)
LISTEN=127.0.0.1:$P1 scripts/run-example.sh build/ivp "$W/ivp.db" >"$W/example.log" 2>"$W/ivp.log" &
IVP_PID=$!
for _ in $(seq 1 600); do grep -q "listening on" "$W/ivp.log" 2>/dev/null && break; sleep 0.2; done
grep -q "listening on" "$W/ivp.log" || { echo "ivp did not start"; cat "$W/ivp.log"; exit 1; }
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$IVP_PID/status"; }

KEYS="indicators areas home indicator_page"
declare -A URL=(
  [indicators]="/api/v1/indicators?area=GM1926&year=2024&baseline=2022&compare=NL01"
  [areas]="/api/v1/areas?under=GM1926"
  [home]="/"
  [indicator_page]="/indicator?area=GM1926&key=totaal"
)
declare -A FILE=([indicators]=indicators.json [areas]=areas.json [home]=home.html
  [indicator_page]=indicator.html)
# nginx: the same bytes as static files (pages as text/html, JSON as application/json)
mkdir -p "$W/www" "$W/ngx/logs"
for k in $KEYS; do curl -sf "http://127.0.0.1:$P1${URL[$k]}" -o "$W/www/${FILE[$k]}"; done
chmod 755 "$W" "$W/www"; chmod 644 "$W/www/"*	# nginx workers are not root
P2=$(free_port)
ngx_conf "  server { listen 127.0.0.1:$P2; root $W/www; }"
nginx -p "$W/ngx" -c "$W/ngx/nginx.conf" &
NGX_PID=$!
sleep 0.5

# run LABEL URL: wrk, then one line of results
run() { wrk_run "$1" "$2" '%-22s %12s %10s %10s  non2xx=%d %s\n'; } # LABEL URL
echo "wrk: $CONNS connections, $THREADS threads, ${SECS}s each, loopback, $(nproc) CPUs"
RSS0=$(rss)
printf "%-22s %12s %10s %10s\n" "" "requests/s" "p50" "p99"
for k in $KEYS; do
  run "ivp $k" "http://127.0.0.1:$P1${URL[$k]}" | tee -a "$W/table"
  run "nginx $k" "http://127.0.0.1:$P2/${FILE[$k]}" | tee -a "$W/table"
done
RSS1=$(rss)
echo "ivp RSS before: $RSS0, after: $RSS1"
for k in $KEYS; do
  awk -v k="$k" '$2 == k {r[$1]=$3} END {if (r["nginx"]) printf "%s: ivp/nginx throughput = %.4f\n", k, r["ivp"]/r["nginx"]}' "$W/table"
done
for k in $KEYS; do printf "bytes %s: %s  " "$k" "$(wc -c <"$W/www/${FILE[$k]}")"; done; echo
echo "cache: $(curl -s -D - -o /dev/null "http://127.0.0.1:$P1${URL[home]}" | grep -i '^X-Cache' | tr -d '\r')"
