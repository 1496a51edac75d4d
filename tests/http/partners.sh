#!/usr/bin/env bash
# A partner records its own measure's output figures over the API
# (POST /api/v1/measures/{id}/progress with output_name, output_year,
# output_value; issue 12 item 1): piet of the police, a partner of M-digi,
# stores one, written the API's (English) way (1,250; 12.5; the measure
# page reads the page's language: the browser test), a new plan version by piet with its audit
# entry, shown in the progress; refused with the reason: an output the plan
# does not name (unknown_output), a year outside the plan, an ambiguous
# figure, the three fields incomplete (400, nothing written); hans of Halt,
# whose organisation neither owns nor shares it (403); anonymous (401).
# usage: partners.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp"
PW='Zeer-geheim wachtwoord 42'
{
  "$IVP" import codes "$EX/data/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/data/crime__WijkenEnBuurten.csv"
  "$IVP" import values "$EX/values.csv"
  "$EX/organisations.sh" "$IVP"
  "$IVP" plan import "$EX/plan.yaml" --user setup
  printf '%s\n' "$PW" | "$IVP" user add piet --role partner --org politie --lang en
  printf '%s\n' "$PW" | "$IVP" user add hans --role partner --org halt --lang en
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
serve "$W/log" --threads 2
n=0
# req NAME WANT CURL_ARGS… : the body in $W/body
req() {
  local name=$1 want=$2 got; shift 2
  n=$((n + 1))
  got=$(curl -s -o "$W/body" -w '%{http_code}' "$@")
  [ "$got" = "$want" ] || { fail "$name: status $got, expected $want: $(head -c 300 "$W/body")"; return 1; }
}
jqt() { jq -e "$2" "$W/body" >/dev/null 2>&1 || fail "$1: $2 does not hold on $(head -c 300 "$W/body")"; }
P="$U/api/v1/measures/M-digi/progress"
req anon 401 -d output_name=deelnemers -d output_year=2025 -d output_value=3 "$P"
req signin 200 -c "$W/jar" --data-urlencode name=piet --data-urlencode "password=$PW" "$U/api/v1/session"
T=$(jq -r .csrf "$W/body")
S=(-b "$W/jar" -H "X-CSRF-Token: $T")
v0=$(dbq "SELECT count(*) FROM plan_version")
req unknown 400 "${S[@]}" -d output_name=bezoekers -d output_year=2025 -d output_value=3 "$P" &&
  jqt unknown '.reason == "unknown_output" and (.message | contains("bezoekers"))'
req year 400 "${S[@]}" -d output_name=deelnemers -d output_year=2031 -d output_value=3 "$P" &&
  jqt year '.reason == "plan_year_outside_period"'
req ambiguous 400 "${S[@]}" -d output_name=deelnemers -d output_year=2025 -d output_value=12,50 "$P" &&
  jqt ambiguous '.reason == "bad_measure_update" and (.hint | contains("ambiguous"))'
req incomplete 400 "${S[@]}" -d output_name=deelnemers -d output_value=3 "$P" && jqt incomplete '.code == "bad_parameter"'
req signin-hans 200 -c "$W/jar2" --data-urlencode name=hans --data-urlencode "password=$PW" "$U/api/v1/session"
req other 403 -b "$W/jar2" -H "X-CSRF-Token: $(jq -r .csrf "$W/body")" -d output_name=deelnemers \
  -d output_year=2025 -d output_value=3 "$P" && jqt other '.code == "forbidden"'
[ "$(dbq "SELECT count(*) FROM plan_version")" = "$v0" ] || fail "a refused update wrote a plan version"
req stored 200 "${S[@]}" -d output_name=deelnemers -d output_year=2025 -d output_value=1,250 "$P" &&
  jqt stored '.by == "piet" and (.summary | contains("output deelnemers 2025 = 1,250"))'
req stored-decimal 200 "${S[@]}" -d output_name="voorlichtingsbijeenkomsten gehouden" -d output_year=2025 \
  -d output_value=12.5 -d status=running "$P" && jqt stored-decimal '.summary | contains("2025 = 12.5")'
req plan 200 "$U/api/v1/plan" &&
  jqt plan '[.plan | .. | objects | select(.id == "M-digi") | .outputs[] | select(.year == 2025) | .value] == [12.5, 1250]'
req progress 200 "$U/api/v1/plan/progress?year=2025" &&
  jqt progress '[.measures.rows[] | select(.measure == "M-digi") | .outputs | contains("deelnemers 1,250 (2025)")] == [true]'
"$IVP" audit show --object measure:ivp-pn-2023-2026/M-digi --format csv --columns user,action --lang en >"$W/audit" 2>&1
[ "$(grep -c '^piet,measure.update$' "$W/audit")" = 2 ] || fail "audit: $(cat "$W/audit")"
"$IVP" audit verify --lang en >"$W/verify" 2>&1 || fail "audit verify: $(cat "$W/verify")"
[ "$fails" -eq 0 ] && echo "partners: all $n requests passed" || { echo "partners: $fails failed"; exit 1; }
