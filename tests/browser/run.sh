#!/usr/bin/env bash
# Browser tests against a live `ivp serve` on a free loopback port with a
# fresh database loaded like scripts/run-example.sh, but without the 2024
# police figures (the test uploads them). Needs /usr/bin/chromium and
# tests/browser/node_modules (scripts/install-deps.sh installs both).
# Screenshots go to SHOTS (default: ./screenshots, under the ctest build dir).
# usage: run.sh IVP_BINARY [SHOTS]
set -uo pipefail
SHOTS=$(realpath -m "${2:-screenshots}")
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../http/lib.sh"
D="$ROOT/examples/pijnacker-nootdorp/data"
[ -x /usr/bin/chromium ] || { echo "FAIL /usr/bin/chromium is missing: run scripts/install-deps.sh"; exit 1; }
[ -d "$HERE/node_modules/playwright-core" ] && [ -d "$HERE/node_modules/axe-core" ] ||
  { echo "FAIL tests/browser/node_modules is missing: run scripts/install-deps.sh"; exit 1; }
[ -d "$ROOT/web/node_modules/@utrecht/component-library-css" ] ||
  { echo "FAIL web/node_modules is missing: run scripts/install-deps.sh"; exit 1; }

{
  "$IVP" init
  "$IVP" import codes "$D/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$D/crime__WijkenEnBuurten.csv"
  "$IVP" import codes "$D/soortmisdrijf_83648NED_cbs.csv"
  "$IVP" import population "$D/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import population "$D/population__Population85984_2024.csv" --year 2024
  "$IVP" import population "$D/population__Population85618_2023_GM1926.csv" --year 2023
  "$IVP" import crime "$D/misdrijven_2022_2023.csv"
  "$IVP" import long "$D/47018NED_2023_totaal_misdrijven_per_buurt_haaglanden.csv"
  "$IVP" import groups "$ROOT/data/groups/haaglanden.csv"
  "$IVP" region import "$ROOT/examples/haaglanden/regio.yaml"
  "$IVP" import long "$D/83648NED_totaal_gemeenten_2010-2020.csv"
  "$IVP" import boundaries "$ROOT/examples/boundaries/gemeenten_2022.geojson" --skip-unknown-regions
  "$IVP" import boundaries "$ROOT/tests/data/boundaries/wijken_GM1926_rd.geojson"
  "$IVP" import values "$ROOT/examples/pijnacker-nootdorp/values.csv"
  # a panel whose 2023 wave is below the minimum it states (issue 14: "too small")
  printf '%s\n' 'key,area,year,value,unit,margin,source,definition_version,name,respondents,min_respondents' \
    'panel_onveilig,GM1926,2021,14,%,2.5,ILLUSTRATIE - testpanel,1,Voelt zich onveilig (panel; ILLUSTRATIE),612,300' \
    'panel_onveilig,GM1926,2023,12,%,4.8,ILLUSTRATIE - testpanel,1,Voelt zich onveilig (panel; ILLUSTRATIE),148,300' >"$W/panel.csv"
  "$IVP" import values "$W/panel.csv"
  "$ROOT/examples/pijnacker-nootdorp/organisations.sh" "$IVP"
  "$IVP" plan import "$ROOT/examples/pijnacker-nootdorp/plan.yaml"
  for k in "matrix matrix" "trajectory traject" "activities activiteiten" "inputs inbreng" "evaluation evaluatie-2018-2022"; do
    set -- $k; "$IVP" participation import "$1" "$ROOT/examples/pijnacker-nootdorp/participatie/$2.csv"
  done
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
export IVP_TEST_PASSWORD="browser-test-$(head -c 9 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$IVP_TEST_PASSWORD" | "$IVP" user add anna --role editor >>"$W/setup.log" 2>&1 ||
  { echo "FAIL user add"; cat "$W/setup.log"; exit 1; }
# partners: zora of the Zorg- en Veiligheidshuis (owner of M-casus), hans of Halt (owns or shares none),
# piet of the police (a partner of M-digi, which has output figures)
for u in "zora zvh" "hans halt" "piet politie"; do
  set -- $u
  printf '%s\n' "$IVP_TEST_PASSWORD" | "$IVP" user add "$1" --role partner --org "$2" >>"$W/setup.log" 2>&1 ||
    { echo "FAIL user add $1"; cat "$W/setup.log"; exit 1; }
done

serve "$W/log" --threads 4 --web-root "$ROOT/web"
rm -rf "$SHOTS"
timeout 400 node "$HERE/web.test.js" "$U" "$SHOTS" "$D/Misdrijven_2024.csv"
rc=$?
if [ $rc -ne 0 ]; then echo "--- server log (last 30 lines)"; tail -30 "$W/log"; fi
exit $rc
