#!/usr/bin/env bash
# The OpenAPI document against a real validator (tests/http/openapi.js:
# @apidevtools/swagger-parser and ajv, from tests/http/node_modules, which
# scripts/install-deps.sh installs): `ivp serve --openapi` prints the same
# document the live server serves, and the server's real answers — every
# documented GET and the requests below, on the example data with a plan —
# match the schemas their routes document, row by row.
# usage: openapi.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
HERE=$ROOT/tests/http
EX="$ROOT/examples/pijnacker-nootdorp"
[ -d "$HERE/node_modules/@apidevtools/swagger-parser" ] && [ -d "$HERE/node_modules/ajv" ] ||
  { echo "FAIL tests/http/node_modules is missing: run scripts/install-deps.sh"; exit 1; }

{
  "$IVP" import codes "$EX/data/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/data/crime__WijkenEnBuurten.csv"
  "$IVP" import population "$EX/data/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import population "$EX/data/population__Population85984_2024.csv" --year 2024
  "$IVP" import crime "$EX/data/misdrijven_2022_2023.csv"
  "$IVP" import crime "$EX/data/Misdrijven_2024.csv"
  "$IVP" import long "$EX/data/47018NED_2023_totaal_misdrijven_per_buurt_haaglanden.csv"
  "$IVP" import values "$EX/values.csv"
  "$IVP" plan import "$EX/plan.yaml"
  "$IVP" import groups "$ROOT/data/groups/haaglanden.csv"
  "$IVP" region import "$ROOT/examples/haaglanden/regio.yaml"
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }

"$IVP" serve --openapi >"$W/cli.json" || fail "ivp serve --openapi failed"
serve "$W/log" --quiet
curl -sf -o "$W/openapi.json" "$U/api/v1/openapi.json" || fail "GET /api/v1/openapi.json"
cmp -s <(jq -S . "$W/cli.json") <(jq -S . "$W/openapi.json") || fail "ivp serve --openapi and /api/v1/openapi.json differ"
# English by default, Dutch descriptions with ?lang=nl (issue 11): the same document
# otherwise (paths, schemas, parameters), and a description without a Dutch entry stays English
curl -sf -o "$W/openapi-nl.json" "$U/api/v1/openapi.json?lang=nl" || fail "GET /api/v1/openapi.json?lang=nl"
jq -e '.info.description | startswith("Open figures of the integral safety plan")' "$W/openapi.json" >/dev/null ||
  fail "the default OpenAPI document is not English: $(jq .info.description "$W/openapi.json")"
jq -e '(.info.description | startswith("Open cijfers van het Integraal Veiligheidsplan")) and
  .paths["/api/v1/indicators"].get.summary == "Indicatoren van een gebied en jaar: aantallen, cijfers per 1.000, trends, oordelen, vergelijkingen" and
  .paths["/api/v1/indicators"].get.responses["400"].description == "een parameter of de body klopt niet"' "$W/openapi-nl.json" >/dev/null ||
  fail "the Dutch OpenAPI document: $(jq -c '[.info.description, .paths["/api/v1/indicators"].get.summary]' "$W/openapi-nl.json")"
# every description and summary has its Dutch text: the same in both documents only
# where the text is the same in both languages (add an M(…) line to
# include/ivp/messages_lib.def for a new one)
texts='[.. | objects | to_entries[] | select((.key == "description" or .key == "summary") and (.value | type) == "string") | .value]'
same=$(jq -n --slurpfile en "$W/openapi.json" --slurpfile nl "$W/openapi-nl.json" -r "
  [(\$en[0] | $texts), (\$nl[0] | $texts)] | transpose | map(select(.[0] == .[1]) | .[0]) | unique |
  map(select(. as \$t | [\"budget\", \"partner\", \"plan\", \"aanwezig / ontbreekt (en: present / missing)\",
    \"crime, population, codes, long, boundaries, values, …\", \"effect, output, …\", \"total, type, …\"] | index(\$t) | not)) | .[]")
[ -z "$same" ] || fail "OpenAPI texts without a Dutch entry in include/ivp/messages_lib.def: $same"
strip='walk(if type == "object" then del(.description, .summary) else . end)'
cmp -s <(jq -S "$strip" "$W/openapi.json") <(jq -S "$strip" "$W/openapi-nl.json") ||
  fail "the Dutch OpenAPI document differs in more than its texts"

cd "$HERE" && node openapi.js "$U" "$W/openapi.json" \
  "/api/v1/indicators?area=GM1926&year=2024&baseline=2022&compare=NL01,GM0503" 200 \
  "/api/v1/indicators?area=GM1926&year=2024&all_types=true&lang=nl" 200 \
  "/api/v1/indicators?area=buurten:GM1926&year=2023" 200 \
  "/api/v1/indicators?area=GM9999&year=2024" 404 \
  "/api/v1/indicators?area=GM1926&year=2024&compare=NL01,regio,grootteklasse&lang=nl" 200 \
  "/api/v1/indicators?area=GM1926&year=2024&compare=GM1926" 400 \
  "/api/v1/groups/members?name=haaglanden&year=2024" 200 \
  "/api/v1/groups/members?name=grootteklasse&area=GM1926&year=2024" 200 \
  "/api/v1/groups/members?name=nergens" 404 \
  "/api/v1/ranking?area=NL01&level=GM&year=2023" 200 \
  "/api/v1/ranking?area=GM1926&level=WK&year=2023" 200 \
  "/api/v1/series?area=GM1926&type=0.0.0&from=2023-01&to=2024-12" 200 \
  "/api/v1/areas?under=GM1926" 200 \
  "/api/v1/plan/progress?year=2024" 200 \
  "/api/v1/areas?colour=red" 400 || fails=$((fails + 1))
[ $fails -eq 0 ] || { echo "--- server log:"; tail -20 "$W/log"; exit 1; }
