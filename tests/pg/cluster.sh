#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `cluster.sh start DIR`
# makes DIR (initdb, superuser "ivp", trust on the Unix socket only), starts
# the server listening on no TCP address and on a Unix socket in DIR, and
# waits until it answers; `cluster.sh stop DIR` stops it and removes DIR.
# For tests it runs without fsync (a cluster whose loss costs nothing);
# IVP_PG_FAST=0 keeps PostgreSQL's durable defaults (the benchmarks).
# The server must not run as root: when started by root (CI), it runs as
# the unprivileged user ivptest (scripts/install-deps.sh creates it) through
# runuser, and DIR belongs to that user; root reaches the socket anyway.
# Clients use PGHOST=DIR PGUSER=ivp (tests/CMakeLists.txt sets them for the
# tests labelled pg).
# usage: cluster.sh start|stop DIR   (IVP_PG_FAST=0: durable settings, for bench/pg.sh)
set -euo pipefail
cmd=${1:?usage: cluster.sh start|stop DIR}
D=${2:?usage: cluster.sh start|stop DIR}
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql; scripts/install-deps.sh)" >&2; exit 1; }
as_server() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u ivptest -- "$@"; else "$@"; fi
}
case $cmd in
start)
  if [ -f "$D/data/postmaster.pid" ] && as_server "$BIN/pg_ctl" -D "$D/data" status >/dev/null 2>&1; then
    exit 0 # already running (a re-run of the fixture)
  fi
  rm -rf "$D"
  mkdir -p "$D"
  [ "$(id -u)" -eq 0 ] && chown ivptest: "$D"
  chmod 700 "$D"
  as_server "$BIN/initdb" -D "$D/data" -U ivp --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$D/initdb.log" 2>&1 ||
    { cat "$D/initdb.log" >&2; exit 1; }
  opts="-c listen_addresses='' -c unix_socket_directories='$D' -c max_connections=200"
  if [ "${IVP_PG_FAST:-1}" = 1 ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB"
  fi
  as_server "$BIN/pg_ctl" -D "$D/data" -l "$D/server.log" -w -t 60 start -o "$opts" >/dev/null ||
    { cat "$D/server.log" >&2; exit 1; }
  echo "PostgreSQL test cluster in $D"
  ;;
stop)
  if [ -d "$D/data" ]; then
    as_server "$BIN/pg_ctl" -D "$D/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$D"
  ;;
*) echo "usage: cluster.sh start|stop DIR" >&2; exit 1 ;;
esac
