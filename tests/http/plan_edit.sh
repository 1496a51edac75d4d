#!/usr/bin/env bash
# The plan edited on the web and through the API against a running `ivp
# serve`: the edit form without a session (401) and its POST without the
# CSRF token (403); a goal added from the page form (303 to its changes,
# which name it) and its author in the history; a wrong number kept in the
# form with its Dutch message beside the field (400); a save made from an
# older version refused (409, nothing written); the same through
# POST /api/v1/plan/edits (problems per field, 409 stale_version) and
# GET /api/v1/plan/changes; a revert; and the YAML round trip: import →
# web edit → export → import gives the same plan, unchanged.
# usage: plan_edit.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PW='Zeer-geheim wachtwoord 42'
n=0
{
  "$IVP" init
  "$IVP" plan import "$ROOT/tests/data/plan/min.yaml" --user setup
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
printf '%s\n' "$PW" | "$IVP" user add anna --role editor >/dev/null 2>&1 || fail "user add"
serve "$W/log"
C="$W/cookies"
code() { n=$((n + 1)); curl -s -o "$W/body" -w '%{http_code}' "$@"; }

[ "$(code "$U/plan/bewerken")" = 401 ] || fail "edit page without a session: not 401"
CSRF=$(curl -s -c "$C" --data-urlencode name=anna --data-urlencode "password=$PW" "$U/api/v1/session" | jq -r .csrf)
[ -n "$CSRF" ] && [ "$CSRF" != null ] || fail "sign-in gave no CSRF token"
[ "$(code -b "$C" "$U/plan/bewerken")" = 200 ] || fail "edit list: not 200"
grep -q 'href="/plan/bewerken?object=goal&amp;parent=a1"' "$W/body" || fail "edit list lacks the add-a-goal link"
[ "$(code -b "$C" "$U/plan/bewerken?object=goal&id=g1")" = 200 ] || fail "goal form: not 200"
grep -q 'name="target.value" id="f-target-value" required aria-describedby="f-target-value-help" value="27"' "$W/body" || fail "goal form lacks the target's value"

GOAL=(--data-urlencode object=goal --data-urlencode orig= --data-urlencode parent=a1 --data-urlencode id=g2
      --data-urlencode "title=Minder overlast" --data-urlencode kind=effect --data-urlencode indicator=totaal
      --data-urlencode direction=lower --data-urlencode baseline.value=30,5 --data-urlencode baseline.year=2022
      --data-urlencode target.year=2026 --data-urlencode illustration=true)
[ "$(code -b "$C" "${GOAL[@]}" --data-urlencode target.value=27 --data-urlencode base=1 "$U/plan/bewerken")" = 403 ] ||
  fail "edit without CSRF: not 403"
[ "$("$IVP" plan history --format csv | wc -l)" = 2 ] || fail "a refused edit wrote a version"
# a wrong number: the form again, the input kept, the message beside the field
[ "$(code -b "$C" "${GOAL[@]}" --data-urlencode target.value=veel --data-urlencode base=1 --data-urlencode "csrf=$CSRF" "$U/plan/bewerken")" = 400 ] ||
  fail "a bad number: not 400"
grep -q 'id="f-target-value-error">&quot;veel&quot; is geen getal' "$W/body" || fail "no Dutch message beside the target"
grep -q 'aria-invalid="true" aria-describedby="f-target-value-help f-target-value-error" value="veel"' "$W/body" ||
  fail "the target's input not kept or not marked"
grep -q 'value="Minder overlast"' "$W/body" || fail "the title typed was not kept"
# a good one: 303 to the version's changes, which name the new goal
[ "$(code -b "$C" "${GOAL[@]}" --data-urlencode target.value=27 --data-urlencode base=1 --data-urlencode "csrf=$CSRF" "$U/plan/bewerken")" = 303 ] ||
  fail "adding a goal: not 303"
[ "$(code -b "$C" "$U/plan/versies?v=2&lang=nl")" = 200 ] || fail "versions page: not 200"
grep -q 'Wat is er gewijzigd in versie 2' "$W/body" || fail "versions page lacks its heading"
tr -d '\n' <"$W/body" | grep -q 'Doel g2: Minder overlast</th><td class="utrecht-table__cell">toegevoegd' || fail "the changes lack the new goal"
"$IVP" plan history --lang en --format csv --columns version,by,source | grep -q '^2,anna,web goal (new)$' || fail "history lacks anna's version 2"
# a save made from version 1 while version 2 is current: refused, nothing lost
[ "$(code -b "$C" --data-urlencode object=goal --data-urlencode orig=g1 --data-urlencode title=Oud --data-urlencode base=1 --data-urlencode "csrf=$CSRF" "$U/plan/bewerken")" = 409 ] ||
  fail "a stale save: not 409"
grep -q 'het plan is intussen gewijzigd' "$W/body" || fail "the stale save's message is missing"
grep -q 'value="Oud"' "$W/body" || fail "the stale save's input was lost"
[ "$("$IVP" plan history --format csv | wc -l)" = 3 ] || fail "a stale save wrote a version"

# the API
[ "$(code -b "$C" -H "X-CSRF-Token: $CSRF" -d object=goal -d orig=g1 -d target.year=1800 -d base=2 "$U/api/v1/plan/edits")" = 400 ] ||
  fail "API bad year: not 400"
jq -e '.code == "plan_edit_invalid" and .problems[0].field == "target.year"' "$W/body" >/dev/null || fail "API problems: $(cat "$W/body")"
[ "$(code -b "$C" -H "X-CSRF-Token: $CSRF" -d object=goal -d orig=g1 -d target.value=26 -d base=1 "$U/api/v1/plan/edits")" = 409 ] ||
  fail "API stale: not 409"
jq -e '.code == "stale_version"' "$W/body" >/dev/null || fail "API stale code: $(cat "$W/body")"
[ "$(code -b "$C" -H "X-CSRF-Token: $CSRF" -d object=goal -d orig=g1 -d target.value=26 -d base=2 -d "summary=streefwaarde bijgesteld" "$U/api/v1/plan/edits")" = 200 ] ||
  fail "API edit: not 200: $(cat "$W/body")"
jq -e '.version == 3 and (.summary | startswith("streefwaarde bijgesteld: goal g1 target.value 27 -> 26"))' "$W/body" >/dev/null ||
  fail "API edit answer: $(cat "$W/body")"
[ "$(code -b "$C" "$U/api/v1/plan/changes?from=2&to=3")" = 200 ] || fail "API changes: not 200"
jq -e '.rows == [{"object":"goal","id":"g1","title":"G1","change":"changed","field":"target.value","old":"27","new":"26"}]' "$W/body" >/dev/null ||
  fail "API changes rows: $(cat "$W/body")"
[ "$(code "$U/api/v1/plan/changes")" = 200 ] || fail "API changes anonymous (public like the history): not 200"
jq -e '.rows | length == 1' "$W/body" >/dev/null || fail "API changes of the latest version: $(cat "$W/body")"

# the YAML round trip: the web-edited plan exports, and imports unchanged
"$IVP" plan export >"$W/edited.yaml"
"$IVP" plan import "$W/edited.yaml" --user anna --lang en >"$W/out" 2>&1
grep -q 'unchanged: same plan as version 3' "$W/out" || fail "import of the export: $(cat "$W/out")"
"$IVP" plan export | cmp -s - "$W/edited.yaml" || fail "export after the re-import differs"
grep -q 'id: "g2"' "$W/edited.yaml" || fail "the export lacks the goal added on the web"

# revert version 1 from the page: version 4 has version 1's text
[ "$(code -b "$C" --data-urlencode version=1 --data-urlencode base=3 --data-urlencode "csrf=$CSRF" "$U/plan/terugzetten")" = 303 ] ||
  fail "revert: not 303"
"$IVP" plan export | cmp -s - "$ROOT/tests/data/plan/min.yaml" || fail "after the revert the plan is not version 1's file"
[ "$(code -b "$C" --data-urlencode version=1 --data-urlencode base=3 --data-urlencode "csrf=$CSRF" "$U/plan/terugzetten")" = 409 ] ||
  fail "a stale revert: not 409"

# a new ambition, then a goal in it: a goal in an ambition that had none is stored
[ "$(code -b "$C" -H "X-CSRF-Token: $CSRF" -d object=ambition -d parent=p1 -d id=a2 -d title=A2 -d base=4 "$U/api/v1/plan/edits")" = 200 ] ||
  fail "API new ambition: $(cat "$W/body")"
[ "$(code -b "$C" -H "X-CSRF-Token: $CSRF" -d object=goal -d parent=a2 -d id=g3 -d title=G3 -d kind=output -d indicator=totaal \
      -d direction=higher -d baseline.value=1 -d baseline.year=2022 -d target.value=4 -d target.year=2025 -d base=5 "$U/api/v1/plan/edits")" = 200 ] ||
  fail "API goal in the new ambition: $(cat "$W/body")"
jq -e '.version == 6 and .unchanged == false' "$W/body" >/dev/null || fail "the goal in a new ambition was not stored: $(cat "$W/body")"
"$IVP" plan export | grep -q 'id: "g3"' || fail "the export lacks the goal of the new ambition"
# removing the only priority leaves no plan file: refused
[ "$(code -b "$C" -H "X-CSRF-Token: $CSRF" -d object=priority -d orig=p1 -d remove=true -d base=6 "$U/api/v1/plan/edits")" = 400 ] ||
  fail "removing the only priority: not 400: $(cat "$W/body")"

# a local value through the form (illustration data) and a values file through the upload
VAL=(--data-urlencode key=halt_test --data-urlencode area=GM1926 --data-urlencode value=7,5
     --data-urlencode "unit=per 1.000 jongeren 12-17" --data-urlencode "source=ILLUSTRATIE - geen echte meting"
     --data-urlencode "definition_version=Halt 2023")
[ "$(code -b "$C" "${VAL[@]}" --data-urlencode year=2023 "$U/plan/waarden")" = 403 ] || fail "a value without CSRF: not 403"
[ "$(code -b "$C" "${VAL[@]}" --data-urlencode year=20x3 --data-urlencode "csrf=$CSRF" "$U/plan/waarden")" = 400 ] ||
  fail "a value with a bad year: not 400"
grep -q 'id="v-year-error"' "$W/body" && grep -q 'value="20x3"' "$W/body" && grep -q 'value="7,5"' "$W/body" ||
  fail "the bad year is not marked beside its field with the input kept"
[ "$(code -b "$C" "${VAL[@]}" --data-urlencode year=2023 --data-urlencode "csrf=$CSRF" "$U/plan/waarden")" = 303 ] ||
  fail "a good value: not 303"
"$IVP" sources --lang en --format csv --columns kind,file,imported_by | grep -q '^values,web form,anna$' || fail "the value's import is not recorded"
printf 'key,area,year,value,unit,source,definition_version,margin
vm_test,GM1926,2023,15,%%,ILLUSTRATIE,VM 2023,2.4
' >"$W/values.csv"
[ "$(code -b "$C" -F "csrf=$CSRF" -F "file=@$W/values.csv" "$U/plan/waarden/bestand")" = 303 ] || fail "a values upload: not 303"
"$IVP" sources --lang en --format csv --columns kind,file,imported_by | grep -q '^values,values.csv,anna$' || fail "the upload's import is not recorded by its name"

n=$(grep -cE ' [0-9]{3} [0-9.]+ms' "$W/log")
if [ $fails -ne 0 ]; then
  echo "--- server log:"; tail -30 "$W/log"
  echo "$fails of $n requests/checks failed"; exit 1
fi
echo "ok plan_edit: $n requests"
