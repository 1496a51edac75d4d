#!/usr/bin/env bash
# Load the bundled example (real CBS/police data, examples/pijnacker-nootdorp;
# the region Haaglanden, data/groups) into a fresh database, print the indicators of the example municipality and
# the plan progress, write the council reports (PDF, here), then serve the JSON
# API in the foreground (LISTEN=HOST:PORT, default 127.0.0.1:8080) until Ctrl-C.
# usage: scripts/run-example.sh IVP_BINARY DB
set -euo pipefail
IVP=${1:-build/ivp}
DB=${2:-ivp.db}
D=examples/pijnacker-nootdorp/data

rm -f "$DB" "$DB-wal" "$DB-shm"
export IVP_DB="$DB"
# the operator every write names (ivp refuses writes without one; docs/audit.md)
export IVP_USER=${IVP_USER:-example}
"$IVP" init
# code lists: 47013NED metadata (SoortMisdrijf, RegioS, Perioden),
# the 47018NED wijk/buurt list (2024 indeling), the 83648NED CBS types
"$IVP" import codes "$D/allemisdrijven_metadata_21122025.csv"
"$IVP" import codes "$D/crime__WijkenEnBuurten.csv"
"$IVP" import codes "$D/soortmisdrijf_83648NED_cbs.csv"
# population: 37230ned end of year Y = 1 January Y+1 (former gemeenten are
# not in the current code lists and are left out); 85984NED buurten 1 Jan 2024;
# 85618NED: Pijnacker-Nootdorp's buurten on 1 Jan 2023, so that the 2023 buurt
# ranking has rates on the population of its own year
"$IVP" import population "$D/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
"$IVP" import population "$D/population__Population85984_2024.csv" --year 2024
"$IVP" import population "$D/population__Population85618_2023_GM1926.csv" --year 2023
# registered crime: 47013NED StatLine exports, total per gemeente 2022-2024;
# 47018NED total per buurt 2023 for the nine Haaglanden gemeenten (long CSV)
"$IVP" import crime "$D/misdrijven_2022_2023.csv"
"$IVP" import crime "$D/Misdrijven_2024.csv"
"$IVP" import long "$D/47018NED_2023_totaal_misdrijven_per_buurt_haaglanden.csv"
# the long trend: CBS 83648NED "Misdrijven, totaal" per gemeente 2010-2020 (the
# CBS classification: counts rounded to 5; scripts/convert-83648ned.sh made
# the long CSV from the StatLine extract); 2021 is in neither file
"$IVP" import long "$D/83648NED_totaal_gemeenten_2010-2020.csv"
# gemeente boundaries (2022 indeling, WGS84; examples/boundaries/README.md) for
# the map: 4 of its 345 gemeenten were merged since and are left out
"$IVP" import boundaries examples/boundaries/gemeenten_2022.geojson --skip-unknown-regions
# Delft's buurt polygons (CBS buurtkaart 2023) have names, no codes: matched by
# name within GM0503, so the region's buurt map shows them
"$IVP" import boundaries examples/boundaries/delft_buurten_2023.geojson --match-names GM0503
# comparison groups: the region Haaglanden (its nine gemeenten, docs/groups.md),
# the example's default region; size classes are computed from the population
"$IVP" import groups data/groups/haaglanden.csv
# the regional plan of Haaglanden, Coalitie voor veiligheid 2023-2026, with its
# five themes (examples/haaglanden; docs/region-file.md): the region pages
# /regio and /regio/veiligheidsbeeld; the plan's priorities link to its themes
"$IVP" region import examples/haaglanden/regio.yaml
echo
echo "== Pijnacker-Nootdorp (GM1926), 2024, baseline 2022, compared with the Netherlands,"
echo "   the rest of its region (Haaglanden) and the rest of its size class"
echo
"$IVP" indicators --area GM1926 --year 2024 --baseline 2022 --compare NL01,regio,grootteklasse
# the plan: illustrative local values (surveys, Halt, output counts), then the
# IVP 2023-2026 (adopted facts; goals and measures marked as illustrations)
"$IVP" import values examples/pijnacker-nootdorp/values.csv
# the organisations (the municipality and its partners) the plan's measures
# name as owner and partners, and users belong to
examples/pijnacker-nootdorp/organisations.sh "$IVP"
"$IVP" plan import examples/pijnacker-nootdorp/plan.yaml
# the participation trajectory and the priority matrix (ILLUSTRATION: the
# real session reports are not public; docs/participation.md): own themes and
# weights first, then the trajectory, its activities and their inputs
P=examples/pijnacker-nootdorp/participatie
"$IVP" participation import matrix "$P/matrix.csv"
"$IVP" participation import trajectory "$P/traject.csv"
"$IVP" participation import activities "$P/activiteiten.csv"
"$IVP" participation import inputs "$P/inbreng.csv"
# the evaluation of the predecessor IVP 2018-2022 (goals as illustrations): it
# feeds the matrix's evaluation criterion
"$IVP" participation import evaluation "$P/evaluatie-2018-2022.csv"
"$IVP" plan evaluate --plan ivp-pn-2018-2022
echo
echo "== Plan progress, report year 2024 (docs/progress-rules.md)"
echo
"$IVP" plan progress --year 2024
# the account to the council: the 2024 progress report and the 2023 proposal
# to adopt the plan, as PDF in this directory (docs/report.md)
echo
echo "== The reports to the council (docs/report.md)"
echo
# the example's texts of the 2024 progress report (examples/pijnacker-nootdorp/texts/),
# so that report is complete; the council proposal stays a concept and says which texts it lacks
examples/pijnacker-nootdorp/texts/load.sh "$IVP"
"$IVP" report --year 2024
"$IVP" report --kind raadsvoorstel
# the web app and the JSON API over the same database, in the foreground until Ctrl-C
LISTEN=${LISTEN:-127.0.0.1:8080}
echo
echo "== The web app and the JSON API (stop with Ctrl-C)"
echo
echo "open http://$LISTEN/   (the web app; ?lang=en for English)"
echo "     http://$LISTEN/api/v1/indicators?area=GM1926&year=2024"
echo "     http://$LISTEN/api/v1/areas?under=GM1926"
echo "     http://$LISTEN/buurten?area=GM1926&year=2023&reference=GM0503   (funnel plot and map)"
echo "     http://$LISTEN/api/v1/openapi.json   (every endpoint)"
echo
exec "$IVP" serve --listen "$LISTEN"
