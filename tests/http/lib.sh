# Sourced by the live-server test scripts.
# serve LOG [ARGS…]: start `$IVP serve --listen 127.0.0.1:0 ARGS…` in the
# background with its log in LOG, wait until it listens; sets PID and U
# (the base URL), or prints the log and exits 1.
serve() {
  local log=$1; shift
  "$IVP" serve --listen 127.0.0.1:0 "$@" 2>"$log" &
  PID=$!
  for _ in $(seq 1 100); do
    grep -q "listening on" "$log" && break
    sleep 0.1
  done
  U=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
  [ -n "$U" ] || { echo "FAIL server did not start"; cat "$log"; exit 1; }
}
