#!/usr/bin/env bash
# ctest browser_cases: the case register in a real browser. A key file,
# the organisations zvh and politie, dirk (zvh, process director) and pia
# (politie) as members of the register with TOTP, then cases.test.js
# registers a case through the form (a wrong BSN check digit refused beside
# its field first), adds politie as the second organisation, scores a life
# domain, adds an agreement, a meeting and a note limited to zvh, and opens
# the case as pia with a reason (the zvh note not shown) — axe on every
# page; then the Nu HTML checker on every page it saved.
# usage: cases.sh IVP_BINARY [SHOTS]
set -uo pipefail
SHOTS=$(realpath -m "${2:-screenshots-cases}")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../http/lib.sh"
[ -x /usr/bin/chromium ] || { echo "FAIL /usr/bin/chromium is missing: run scripts/install-deps.sh"; exit 1; }
[ -d "$HERE/node_modules/playwright-core" ] && [ -d "$HERE/node_modules/axe-core" ] ||
  { echo "FAIL tests/browser/node_modules is missing: run scripts/install-deps.sh"; exit 1; }
JAR=$HERE/node_modules/vnu-jar/build/dist/vnu.jar
export IVP_KEYS="$W/keys"
export IVP_TEST_PASSWORD="browser-test-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
{
  "$IVP" init
  "$IVP" org add zvh "Zorg- en Veiligheidshuis Haaglanden" --kind "care and safety" --lang en
  "$IVP" org add politie "Politie eenheid Den Haag" --kind police --lang en
  printf '%s\n' "$IVP_TEST_PASSWORD" | "$IVP" user add adam --role admin --lang en
  # the key file first: with one configured, a TOTP secret is sealed by it
  "$IVP" keys init --keys "$IVP_KEYS" --user adam --lang en
  for u in dirk:zvh pia:politie; do
    printf '%s\n' "$IVP_TEST_PASSWORD" | "$IVP" user add "${u%%:*}" --role viewer --org "${u#*:}" --lang en
    "$IVP" user totp "${u%%:*}" --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/${u%%:*}.totp"
  done
  for u in dirk pia; do "$IVP" registers grant cases "$u" --user adam --lang en; done
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
serve "$W/log" --threads 4 --web-root "$ROOT/web" --keys "$IVP_KEYS"
rm -rf "$SHOTS"
IVP_TOTP_DIRK=$(cat "$W/dirk.totp") IVP_TOTP_PIA=$(cat "$W/pia.totp") \
  timeout 300 node "$HERE/cases.test.js" "$U" "$SHOTS"
rc=$?
if [ $rc -ne 0 ]; then echo "--- server log (last 30 lines)"; tail -30 "$W/log"; exit $rc; fi
# the Nu HTML checker on every page the test saved; errors and warnings fail
shopt -s nullglob
pages=("$SHOTS"/*.html)
[ ${#pages[@]} -ge 6 ] || { echo "FAIL only ${#pages[@]} pages saved"; exit 1; }
java -jar "$JAR" --format gnu "${pages[@]}" >"$SHOTS/vnu.txt" 2>&1
vrc=$?
if [ $vrc -ne 0 ] || [ -s "$SHOTS/vnu.txt" ]; then cat "$SHOTS/vnu.txt"; echo "FAIL Nu HTML checker"; exit 1; fi
echo "browser_cases: ${#pages[@]} pages passed the Nu HTML checker"
