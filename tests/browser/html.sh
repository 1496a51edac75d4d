#!/usr/bin/env bash
# The W3C Nu HTML checker (vnu-jar from tests/browser/node_modules, on Java;
# scripts/install-deps.sh installs both) on every page the browser test
# visited, as the server sent it: signed out and signed in (the forms).
# web.test.js saved them as SHOTS/NN-name.html; errors and warnings alike
# fail the test.
# usage: html.sh SHOTS
set -uo pipefail
SHOTS=$(realpath -m "${1:-screenshots}")
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$HERE/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$JAR" ] || { echo "FAIL $JAR is missing: run scripts/install-deps.sh"; exit 1; }
command -v java >/dev/null || { echo "FAIL java is missing: run scripts/install-deps.sh"; exit 1; }
shopt -s nullglob
pages=("$SHOTS"/*.html)
# the browser test visits 15 pages; fewer means it did not run to its end
[ ${#pages[@]} -ge 15 ] || { echo "FAIL only ${#pages[@]} pages in $SHOTS (the browser test saves 15)"; exit 1; }
grep -l 'action="/logout"' "${pages[@]}" >/dev/null || { echo "FAIL no signed-in page among them"; exit 1; }
# the checker itself can fail: a page with a skipped heading level is refused
printf '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><h1>a</h1><h3>b</h3></body></html>\n' >"$SHOTS/bad.html.probe"
if java -jar "$JAR" --format gnu --stdout - <"$SHOTS/bad.html.probe" >/dev/null 2>&1; then
  echo "FAIL vnu accepted a page with a skipped heading level"; rm -f "$SHOTS/bad.html.probe"; exit 1
fi
rm -f "$SHOTS/bad.html.probe"
java -jar "$JAR" --format gnu "${pages[@]}" >"$SHOTS/vnu.txt" 2>&1
rc=$?
fails=$(grep -c . "$SHOTS/vnu.txt")
for p in "${pages[@]}"; do
  if grep -qF "$(basename "$p")\"" "$SHOTS/vnu.txt"; then echo "FAIL $(basename "$p")"; else echo "PASS $(basename "$p")"; fi
done
cat "$SHOTS/vnu.txt"
if [ $rc -ne 0 ] || [ "$fails" -ne 0 ]; then
  echo "html: Nu HTML checker: $fails messages on ${#pages[@]} pages"; exit 1
fi
echo "html: ${#pages[@]} passed, 0 failed"
