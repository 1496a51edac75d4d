#!/usr/bin/env bash
# Comparison groups on the JSON API against a really running `ivp serve`:
# compare=haaglanden,grootteklasse,regio (the rest of the group when the area
# is in it), the same rows as the CLI, the self-comparison refused, a ratio
# against a year with 0 crimes answered with null and its reason (it used to
# be 500 "out of memory"), GET /api/v1/groups, and a group file imported
# through POST /api/v1/imports by an editor.
# usage: groups.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp/data"

{
  "$IVP" import codes "$EX/allemisdrijven_metadata_21122025.csv"
  "$IVP" import population "$EX/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import crime "$EX/misdrijven_2022_2023.csv"
  "$IVP" import crime "$EX/Misdrijven_2024.csv"
  "$IVP" import groups "$ROOT/data/groups/haaglanden.csv"
  # 1.1.1 of PN: 0 in 2023, 4 in 2024 (made up; the ratio against 0 is infinite)
  printf 'area,type,period,count\nGM1926,1.1.1,2023JJ00,0\nGM1926,1.1.1,2024JJ00,4\n' >"$W/zero.csv"
  "$IVP" import long "$W/zero.csv"
  printf 'secret-pass-phrase\n' | "$IVP" user add eva --role editor
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }

serve "$W/log" --threads 2

req() {	# NAME WANT_STATUS CURL_ARGS… : the body lands in $W/body
  local name=$1 want=$2 got; shift 2
  n=$((n + 1))
  got=$(curl -s -o "$W/body" -w '%{http_code}' "$@")
  [ "$got" = "$want" ] || { fail "$name: status $got, expected $want"; head -c 400 "$W/body"; echo; return 1; }
}
jqt() {	# NAME FILTER : must hold on $W/body
  jq -e "$2" "$W/body" >/dev/null 2>&1 || { fail "$1: $2 does not hold on:"; head -c 600 "$W/body"; echo; }
}

# PN against the rest of Haaglanden in 2024: 62571 crimes on 1104521 inhabitants (the
# eight other gemeenten; tests/e2e/cases/542 has the computation), 56.65 per 1,000.
req rest 200 "$U/api/v1/indicators?area=GM1926&year=2024&indicator=totaal&compare=haaglanden,grootteklasse&lang=en" &&
  jqt rest '.rows[0] | .cmp1_name == "the rest of Haaglanden" and .cmp1_count == 62571 and .cmp1_population == 1104521
    and (.haaglanden_per_1000 * 100 | round) == 5665 and .vs_haaglanden == "significantly lower"
    and .cmp2_name == "the rest of the municipalities of 50,000–100,000 inhabitants" and .cmp2_count == 172619
    and .cmp2_population == 4281075' &&
  jqt rest-note '.notes | index("vs_haaglanden: vs the rest of Haaglanden (8 areas; GM1926 itself left out)") != null'
req rest-nl 200 "$U/api/v1/indicators?area=GM1926&year=2024&indicator=totaal&compare=regio&lang=nl" &&
  jqt rest-nl '.rows[0].cmp1_name == "de rest van Haaglanden" and .rows[0].vs_regio == "significant lager"
    and (.notes | index("regio: t.o.v. de rest van Haaglanden (8 gebieden; GM1926 zelf niet meegeteld)") != null)'
# the CLI gives the same rows
"$IVP" indicators --area GM1926 --year 2024 --compare NL01,regio,grootteklasse --lang en --format json >"$W/cli.json"
req same-as-cli 200 "$U/api/v1/indicators?area=GM1926&year=2024&compare=NL01,regio,grootteklasse&lang=en"
cmp -s <(jq -S . "$W/cli.json") <(jq -S . "$W/body") || fail "indicators with groups: API and CLI differ"
# comparing an area with itself is refused
req self 400 "$U/api/v1/indicators?area=GM1926&year=2024&compare=GM1926" &&
  jqt self '.reason == "self_comparison" and (.message | test("itself")) and (.hint | length) > 0'
req no-region 404 "$U/api/v1/indicators?area=GM0344&year=2024&compare=regio" && jqt no-region '.reason == "no_region"'
# a ratio against 0: null with its reason, never 500 "out of memory"
req ratio-zero 200 "$U/api/v1/indicators?area=GM1926&year=2024&indicator=1.1.1&lang=en" &&
  jqt ratio-zero '.rows[0] | .change_ratio == null and .change == "no ratio (0 in 2023)" and (.note | test("change_ratio empty: 0 in 2023"))'
# the groups and their members
req groups 200 "$U/api/v1/groups?lang=en" &&
  jqt groups '[.rows[].group] == ["haaglanden","grootteklasse","regio"] and .rows[0].members == 9'
req members 200 "$U/api/v1/groups/members?name=haaglanden&year=2024" &&
  jqt members '(.rows | length) == 9 and ([.rows[] | select(.code == "GM1926")][0].population == 57932)'
req sizeclass 200 "$U/api/v1/groups/members?name=grootteklasse&area=GM1926&year=2024" && jqt sizeclass '(.rows | length) == 63'
req unknown-group 404 "$U/api/v1/groups/members?name=nergens" && jqt unknown-group '.reason == "unknown_group"'
# a group file through the API, by an editor; the same file again is unchanged
curl -s -c "$W/jar" -o "$W/session.json" -d 'name=eva&password=secret-pass-phrase' "$U/api/v1/session"
CSRF=$(jq -r .csrf "$W/session.json")
printf 'group,title,kind,area\nburen,Buren van PN,group,GM0503\nburen,Buren van PN,group,GM1916\n' >"$W/buren.csv"
req import 201 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -F kind=groups -F "file=@$W/buren.csv" "$U/api/v1/imports" &&
  jqt import '.rows == 2 and .layout == "group-csv" and .unchanged == false'
req import-again 200 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -F kind=groups -F "file=@$W/buren.csv" "$U/api/v1/imports" &&
  jqt import-again '.unchanged == true'
req buren 200 "$U/api/v1/indicators?area=GM1926&year=2024&indicator=totaal&compare=buren&lang=en" &&
  jqt buren '.rows[0].cmp1_name == "Buren van PN" and .rows[0].cmp1_count == (5799 + 3739)'
printf 'group,title,area\nburen,Buren,GM9999\n' >"$W/bad.csv"
req import-bad 400 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -F kind=groups -F "file=@$W/bad.csv" "$U/api/v1/imports" &&
  jqt import-bad '.reason == "unknown_area" and .line == 2 and .field == "area"'

[ $fails -eq 0 ] && echo "ok: $n group requests" || { echo "--- server log:"; tail -20 "$W/log"; exit 1; }
