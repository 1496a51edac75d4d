#!/usr/bin/env bash
# ctest browser_signals: the signals register in headless chromium against
# a live `ivp serve` with a key file and a member of the register (mona,
# TOTP enrolled; one older signal weighed "no action" that expires within
# a month): signals.test.js takes a signal in, weighs it and reads the
# outcome, sees what expires next month, axe on every page and error state; then the W3C Nu HTML checker
# on every page it saved (errors and warnings fail).
# usage: signals.sh IVP_BINARY [SHOTS]
set -uo pipefail
SHOTS=$(realpath -m "${2:-screenshots-signals}")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../http/lib.sh"
[ -x /usr/bin/chromium ] || { echo "FAIL /usr/bin/chromium is missing: run scripts/install-deps.sh"; exit 1; }
[ -d "$HERE/node_modules/playwright-core" ] || { echo "FAIL tests/browser/node_modules is missing"; exit 1; }
export IVP_KEYS="$W/keys"
export IVP_TEST_PASSWORD="browser-test-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
{
  "$IVP" init
  "$IVP" import codes "$ROOT/examples/pijnacker-nootdorp/data/crime__WijkenEnBuurten.csv"
  for u in "adam admin" "mona viewer" "dirk viewer"; do
    set -- $u
    printf '%s\n' "$IVP_TEST_PASSWORD" | "$IVP" user add "$1" --role "$2" --lang en
  done
  "$IVP" keys init --user adam --lang en
  "$IVP" user totp adam --lang en >/dev/null
  "$IVP" user totp mona --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/mona.totp"
  "$IVP" registers grant signals mona --user adam --lang en
  # a signal weighed "no action" 11 months ago: it expires within the coming month
  # (/signalen/verloop), after the server's start-up retention run
  "$IVP" signals add --id S-2025-0900 --received "$(date -u -d '-11 months -7 days' +%F)" --source police \
    --phenomenon other --description "ouder signaal" --user mona --lang en
  "$IVP" signals weigh S-2025-0900 --date "$(date -u -d '-11 months -5 days' +%F)" --outcome none --user mona --lang en
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
serve "$W/log" --threads 2 --web-root "$ROOT/web" --keys "$IVP_KEYS"
rm -rf "$SHOTS"
timeout 300 node "$HERE/signals.test.js" "$U" "$SHOTS" "$(cat "$W/mona.totp")"
rc=$?
if [ $rc -ne 0 ]; then echo "--- server log (last 20 lines)"; tail -20 "$W/log"; exit $rc; fi
JAR=$HERE/node_modules/vnu-jar/build/dist/vnu.jar
shopt -s nullglob
pages=("$SHOTS"/*.html)
[ ${#pages[@]} -ge 10 ] || { echo "FAIL only ${#pages[@]} pages saved"; exit 1; }
java -jar "$JAR" --format gnu "${pages[@]}" >"$SHOTS/vnu.txt" 2>&1
vr=$?
if [ $vr -ne 0 ] || [ -s "$SHOTS/vnu.txt" ]; then cat "$SHOTS/vnu.txt"; echo "FAIL Nu HTML checker on ${#pages[@]} pages"; exit 1; fi
echo "signals html: ${#pages[@]} pages valid"
