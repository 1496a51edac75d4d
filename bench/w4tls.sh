#!/usr/bin/env bash
# W4 with and without TLS (issue 12): wrk, 64 connections, on loopback,
# against `ivp serve` on the make-run example over plain HTTP and over TLS
# (--tls-cert/--tls-key, libmicrohttpd with GnuTLS), and nginx serving the
# very same bytes as static files, plain and with TLS (the same P-256
# certificate, made here by openssl), in the same run: the indicator API
# call and the start page. wrk keeps its connections, so the TLS rows
# measure encryption, not handshakes. Prints one table (requests/s, p50,
# p99, non-2xx, errors) and the ratios ivp/nginx, also written to
# bench/work/results-w4tls.md. Sourced by `bench/run.sh w4tls`, or alone.
# usage: bench/w4tls.sh [SECONDS] (default 20); needs root for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-20}
CONNS=64
THREADS=${THREADS:-2}
. bench/wrk_deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIVP_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null

W=$(mktemp -d)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT
wait_log() { for _ in $(seq 1 600); do grep -q "listening on" "$1" 2>/dev/null && return 0; sleep 0.2; done; cat "$1"; exit 1; }

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$W/key.pem" -out "$W/cert.pem" >/dev/null 2>&1

# ivp plain: the make-run example (its last step is `ivp serve`); ivp TLS: the same database
P1=$(free_port)
LISTEN=127.0.0.1:$P1 scripts/run-example.sh build/ivp "$W/ivp.db" >"$W/example.log" 2>"$W/ivp.log" &
PIDS+=($!)
wait_log "$W/ivp.log"
P2=$(free_port)
build/ivp serve --db "$W/ivp.db" --listen 127.0.0.1:$P2 --quiet --tls-cert "$W/cert.pem" --tls-key "$W/key.pem" 2>"$W/ivp-tls.log" &
PIDS+=($!)
wait_log "$W/ivp-tls.log"

KEYS="indicators home"
declare -A URL=([indicators]="/api/v1/indicators?area=GM1926&year=2024&baseline=2022&compare=NL01" [home]="/")
declare -A FILE=([indicators]=indicators.json [home]=home.html)
mkdir -p "$W/www" "$W/ngx/logs"
for k in $KEYS; do curl -sf "http://127.0.0.1:$P1${URL[$k]}" -o "$W/www/${FILE[$k]}"; done
cmp -s "$W/www/home.html" <(curl -sf --cacert "$W/cert.pem" "https://127.0.0.1:$P2/") ||
  { echo "ivp over TLS does not serve the same bytes"; exit 1; }
chmod 755 "$W" "$W/www"; chmod 644 "$W/www/"* "$W/cert.pem" "$W/key.pem" # nginx workers are not root
P3=$(free_port) P4=$(free_port)
ngx_conf "  server { listen 127.0.0.1:$P3; root $W/www; }
  server {
    listen 127.0.0.1:$P4 ssl; root $W/www;
    ssl_certificate $W/cert.pem; ssl_certificate_key $W/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
  }"
nginx -p "$W/ngx" -c "$W/ngx/nginx.conf" &
PIDS+=($!)
sleep 0.5

run() { wrk_run "$1" "$2" '| %-24s | %12s | %9s | %9s | %d | %s |\n'; } # LABEL URL
{
  echo "W4 with and without TLS: wrk $CONNS connections, $THREADS threads, ${SECS}s each, loopback, $(nproc) CPUs"
  echo
  echo "| server, URL | requests/s | p50 | p99 | non-2xx | errors |"
  echo "|---|---|---|---|---|---|"
} | tee "$W/table.md"
for k in $KEYS; do
  run "ivp $k" "http://127.0.0.1:$P1${URL[$k]}" | tee -a "$W/table.md"
  run "nginx $k" "http://127.0.0.1:$P3/${FILE[$k]}" | tee -a "$W/table.md"
  run "ivp-tls $k" "https://127.0.0.1:$P2${URL[$k]}" | tee -a "$W/table.md"
  run "nginx-tls $k" "https://127.0.0.1:$P4/${FILE[$k]}" | tee -a "$W/table.md"
done
echo | tee -a "$W/table.md"
for k in $KEYS; do
  awk -F'|' -v k="$k" '{gsub(/ /, "", $2); gsub(/ /, "", $3); r[$2]=$3}
    END {printf "%s: ivp/nginx %.3f plain, %.3f TLS; TLS/plain ivp %.3f, nginx %.3f\n", k,
      r["ivp" k]/r["nginx" k], r["ivp-tls" k]/r["nginx-tls" k], r["ivp-tls" k]/r["ivp" k], r["nginx-tls" k]/r["nginx" k]}' "$W/table.md"
done | tee -a "$W/table.md"
mkdir -p bench/work
cp "$W/table.md" bench/work/results-w4tls.md
