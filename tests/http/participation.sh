#!/usr/bin/env bash
# The priority matrix through the API against a running `ivp serve`
# (issue 14): GET /api/v1/participation/matrix and …/sensitivity are for
# signed-in users (401 without a session), give the same JSON as
# `ivp participation matrix|sensitivity --format json`, and carry the
# example's scores with their sources as computed by hand in e2e 850
# (ondermijning 3.75 first, digitale-criminaliteit and jeugdgroepen 3.17
# sharing rank 2, zorg-veiligheid 2.80 fourth); the routes table names each
# target by its title in the plan; the /participatie page's inputs name
# their themes by title.
# usage: participation.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PW='Zeer-geheim wachtwoord 42'
EX="$ROOT/examples/pijnacker-nootdorp"
P="$EX/participatie"
export IVP_USER=setup
{
  "$IVP" init
  "$IVP" import codes "$EX/data/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/data/crime__WijkenEnBuurten.csv"
  "$IVP" import values "$EX/values.csv"
  "$IVP" plan import "$EX/plan.yaml"
  "$IVP" participation import matrix "$P/matrix.csv"
  "$IVP" participation import trajectory "$P/traject.csv"
  "$IVP" participation import activities "$P/activiteiten.csv"
  "$IVP" participation import inputs "$P/inbreng.csv"
  "$IVP" participation import evaluation "$P/evaluatie-2018-2022.csv"
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
printf '%s\n' "$PW" | "$IVP" user add vera --role viewer >/dev/null 2>&1 || fail "user add"
serve "$W/log"
C="$W/cookies"
code() { n=$((n + 1)); curl -s -o "$W/body" -w '%{http_code}' "$@"; }
jqt() { n=$((n + 1)); jq -e "$2" "$W/body" >/dev/null || fail "$1: $(head -c 400 "$W/body")"; }

for w in matrix sensitivity; do
  [ "$(code "$U/api/v1/participation/$w")" = 401 ] || fail "$w without a session: not 401"
done
curl -s -c "$C" --data-urlencode name=vera --data-urlencode "password=$PW" "$U/api/v1/session" >/dev/null
for w in matrix sensitivity; do
  [ "$(code -b "$C" "$U/api/v1/participation/$w?lang=en")" = 200 ] || fail "$w signed in: not 200"
  "$IVP" participation "$w" --lang en --format json >"$W/cli.json" 2>"$W/cli.err" || fail "ivp participation $w"
  cmp -s <(jq -S . "$W/cli.json") <(jq -S . "$W/body") || fail "$w: API and CLI differ"
done
code -b "$C" "$U/api/v1/participation/matrix?lang=en" >/dev/null
jqt matrix-ranks '[.rows[] | select(.theme == "ondermijning" or .theme == "digitale-criminaliteit" or .theme == "jeugdgroepen" or .theme == "zorg-veiligheid") | [.theme, (.total * 100 | round), .rank]] == [["ondermijning", 375, 1], ["digitale-criminaliteit", 317, 2], ["jeugdgroepen", 317, 2], ["zorg-veiligheid", 280, 4]]'
jqt matrix-sources '(.rows[] | select(.theme == "ondermijning")) as $o | $o.residents_from == "data" and $o.residents_source == "data: 3 inputs from residents" and ($o.evaluation_source | startswith("evaluation: 1 of 1")) and $o.chosen == "chosen"'
code -b "$C" "$U/api/v1/participation/sensitivity?lang=en" >/dev/null
jqt sensitivity '[.rows[] | select(.rank <= 4) | .rank_max <= 4] | all and length == 4'
[ "$(code "$U/api/v1/participation/routes?lang=en")" = 200 ] || fail "routes: not 200"
jqt route-titles '[.rows[] | select(.route == "priority" and .target == "ondermijning") | .target_title] | unique == ["De aanpak van ondermijnende criminaliteit"]'
jqt route-ids-gone '[.rows[] | select(.route == "measure" or .route == "priority" or .route == "goal") | .target_title != .target] | all'
# the inputs' theme column shows the themes' titles, not their keys (issue 11)
[ "$(code -b "$C" "$U/participatie")" = 200 ] || fail "participatie signed in: not 200"
grep -q '<td class="utrecht-table__cell">Jeugdgroepen; Ondermijnende criminaliteit</td>' "$W/body" ||
  fail "participatie: W-nootdorp 2's themes not by their titles: $(grep -o 'Nootdorp[^<]*' "$W/body" | head -3)"
! grep -q '>jeugdgroepen,ondermijning<\|>ondermijning<' "$W/body" || fail "participatie: a theme shown by its key"
code -b "$C" "$U/api/v1/participation/inputs?lang=nl" >/dev/null
jqt input-theme-titles '[.rows[] | select(.activity == "W-pijnacker" and .ref == "3") | .theme_titles] == ["Alcohol en drugs; Ondermijnende criminaliteit"]'

if [ $fails -ne 0 ]; then
  echo "--- server log:"; tail -30 "$W/log"
  echo "$fails of $n checks failed"; exit 1
fi
echo "ok participation: $n checks"
