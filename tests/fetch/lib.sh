# Sourced by the fetch e2e cases (tests/e2e/cases/6xx-*): start the replay
# server (replay.js) on a free loopback port over a recording made by
# shape.js from the repository's real files, and stop it when the case ends.
# usage: start_replay [--fault KIND:PREFIX]…   sets REPLAY (base URL) and REPLAY_LOG
FETCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
start_replay() {
  local root rec
  root=$(cd "$FETCH_DIR/../.." && pwd)
  rec=$(mktemp -d)
  node "$FETCH_DIR/shape.js" "$root" "$rec"
  REPLAY_LOG="$rec/requests.log"
  : >"$REPLAY_LOG"
  node "$FETCH_DIR/replay.js" --dir "$rec" --port-file "$rec/port" --log "$REPLAY_LOG" "$@" &
  REPLAY_PID=$!
  trap 'kill $REPLAY_PID 2>/dev/null; wait $REPLAY_PID 2>/dev/null; rm -rf "'"$rec"'"' EXIT
  for _ in $(seq 100); do [ -s "$rec/port" ] && break; sleep 0.05; done
  REPLAY="http://127.0.0.1:$(cat "$rec/port")"
  export REPLAY REPLAY_LOG
}
# The tables a full fetch of the recording holds (PDOK boundaries are not recorded for GM1926).
FETCH_TABLES=codes,37230ned,kwb,47013NED,47018NED,83648NED
