#!/usr/bin/env bash
# Register counts as a plan's output indicators on the live server (issue
# 13 item 7): with the example of e2e 919 (tests/e2e/regplan_setup.sh: 8
# signals weighed in 2024, 2 of them to the RIEC; 6 cases, 4 closed) the
# plan page (/plan?year=2024) and GET /api/v1/plan/progress?year=2024 show
# the goal fed by signals/weighed with its 8 and on track, and the goals
# fed by signals/outcome/riec and cases/closed as "< 5" without a status —
# for anonymous readers and signed-in ones alike, never the 2 or the 4;
# the page links no register goal to an indicator chart. Without the key
# file the signals' goals say the register is closed, the rest stays.
# usage: regplan.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
export EX="$ROOT/examples/pijnacker-nootdorp/data" E2E="$ROOT/tests/e2e"
cd "$W" || exit 1
{
  "$IVP" init
  . "$E2E/common_setup.sh"
  . "$E2E/regplan_setup.sh"
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; tail -20 "$W/setup.log"; exit 1; }
set +e # regplan_setup.sh's set -e would end the checks (and the clean-up) at the first refusal
serve "$W/log" --keys "$W/keys"
code() { n=$((n + 1)); curl -s -o "$W/body" -w '%{http_code}' "$@"; }
jqt() { n=$((n + 1)); jq -e "$2" "$W/body" >/dev/null || fail "$1: $(head -c 400 "$W/body")"; }
goal() { jq -c --arg g "$1" '[.goals.rows[] | select(.goal == $g) | [.year, .value, .status]][0]' "$W/body"; }

[ "$(code "$U/api/v1/plan/progress?year=2024")" = 200 ] || fail "progress: not 200"
[ "$(goal G-gewogen)" = '[2024,8,"on track"]' ] || fail "G-gewogen: $(goal G-gewogen)"
[ "$(goal G-riec)" = '[2024,"< 5","no data"]' ] || fail "G-riec: $(goal G-riec)"
[ "$(goal G-afgesloten)" = '[2024,"< 5","no data"]' ] || fail "G-afgesloten: $(goal G-afgesloten)"
[ "$(goal G-casussen)" = '[2024,6,"on track"]' ] || fail "G-casussen: $(goal G-casussen)"
jqt riec-reason '.goals.rows[] | select(.goal == "G-riec") | .reason | test("below 5 and shown as \"< 5\"")'
jqt no-small-figure '[.goals.rows[] | select(.goal == "G-riec" or .goal == "G-afgesloten") | .value, .lo, .hi, .expected] | map(select(. == 2 or . == 4)) | length == 0'
# the same answer for a signed-in reader
printf 'Zeer-geheim wachtwoord 42\n' | "$IVP" user add vera --role viewer >/dev/null 2>&1 || fail "user add"
curl -s -c "$W/c" --data-urlencode name=vera --data-urlencode 'password=Zeer-geheim wachtwoord 42' "$U/api/v1/session" >/dev/null
cp "$W/body" "$W/anon.json"
[ "$(code -b "$W/c" "$U/api/v1/plan/progress?year=2024")" = 200 ] || fail "progress signed in: not 200"
cmp -s <(jq -S .goals.rows "$W/anon.json") <(jq -S .goals.rows "$W/body") || fail "signed in: other goals than anonymous"
# the plan page
[ "$(code "$U/plan?year=2024&lang=nl")" = 200 ] || fail "/plan: not 200"
row() { tr -d '\n' <"$W/body" | grep -o "<tr class=\"utrecht-table__row\" id=\"goal-$1\">.*" | sed 's#</tr>.*##'; }
row G-gewogen | grep -q '<td class="utrecht-table__cell">8,00 (2024)</td>' || fail "page G-gewogen: $(row G-gewogen)"
row G-riec | grep -q '<td class="utrecht-table__cell">&lt; 5 (2024)</td>' || fail "page G-riec: $(row G-riec)"
row G-afgesloten | grep -q '&lt; 5 (2024)' || fail "page G-afgesloten: $(row G-afgesloten)"
n=$((n + 3))
grep -q 'key=register' "$W/body" && fail "page: a register goal links to an indicator chart"
# without the key file: the signals' goals are closed, the plan still answers
kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null
unset IVP_KEYS
serve "$W/log2"
[ "$(code "$U/api/v1/plan/progress?year=2024")" = 200 ] || fail "no keys: not 200"
jqt closed '.goals.rows[] | select(.goal == "G-gewogen") | .value == null and (.reason | startswith("no value: the register is closed"))'
[ "$(goal G-casussen)" = '[2024,6,"on track"]' ] || fail "no keys, G-casussen: $(goal G-casussen)"
[ "$(code "$U/plan?year=2024")" = 200 ] || fail "no keys: /plan not 200"

if [ $fails -ne 0 ]; then
  echo "--- server log:"; tail -30 "$W/log"
  echo "$fails of $n checks failed"; exit 1
fi
echo "ok regplan: $n checks"
