#!/usr/bin/env bash
# Sourced by the W4 benchmarks (http.sh, w4tls.sh, w4replica.sh) from the
# project's root: wrk, nginx and python3 (free_port) from Debian when one is missing (needs
# root for apt-get), then what the build needs (scripts/install-deps.sh);
# and the pieces they share, free_port, ngx_conf and wrk_run (below).
for p in wrk nginx python3; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk nginx python3 >/dev/null
    break
  fi
done
scripts/install-deps.sh

# ngx_conf SERVERS: $W/ngx/nginx.conf for nginx as the peer: static files,
# one worker per CPU, no access log, keep-alive without a limit; SERVERS
# are its server blocks (listen and root).
ngx_conf() {
  mkdir -p "$W/ngx/logs"
  cat >"$W/ngx/nginx.conf" <<NGX
worker_processes $(nproc);
daemon off;
pid $W/ngx/nginx.pid;
error_log $W/ngx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  types { text/html html; application/json json; }
  keepalive_requests 1000000;
  client_body_temp_path $W/ngx; proxy_temp_path $W/ngx; fastcgi_temp_path $W/ngx;
  uwsgi_temp_path $W/ngx; scgi_temp_path $W/ngx;
$1
}
NGX
}

# wrk_run LABEL URL FORMAT: wrk ($THREADS threads, $CONNS connections,
# $SECS seconds) on URL, then one line printed with the printf FORMAT of
# label, requests/s, p50, p99, the non-2xx count and wrk's socket errors.
wrk_run() {
  wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency "$2" >"$W/wrk.out" 2>&1
  awk -v l="$1" -v f="$3" '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    /Non-2xx/ {bad+=$NF} /Socket errors/ {err=$0}
    END {printf f, l, rps, p50, p99, bad, err}' "$W/wrk.out"
}

# free_port: a TCP port on 127.0.0.1 that is free now
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
