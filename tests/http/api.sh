#!/usr/bin/env bash
# API tests against a really running `ivp serve` on 127.0.0.1 (a free port
# the server picks itself and prints): every endpoint, every kind of error,
# writes refused without a session, the OpenAPI document in step with the
# route table, the access log, keep-alive and graceful shutdown.
# usage: api.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp/data"

# ---- data: code lists, population, crime of the example ------------------
{
  "$IVP" import codes "$EX/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/crime__WijkenEnBuurten.csv"
  "$IVP" import population "$EX/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import crime "$EX/misdrijven_2022_2023.csv"
  "$IVP" import crime "$EX/Misdrijven_2024.csv"
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }

# ---- start -------------------------------------------------------------------
serve "$W/log" --threads 2 --max-upload 2K --timeout 5

# req NAME WANT_STATUS CURL_ARGS… : the body lands in $W/body
req() {
  local name=$1 want=$2; shift 2
  n=$((n + 1))
  local got
  got=$(curl -s -o "$W/body" -w '%{http_code}' "$@")
  if [ "$got" != "$want" ]; then
    fail "$name: status $got, expected $want"; head -c 400 "$W/body"; echo
    return 1
  fi
  return 0
}
# jqt NAME FILTER : the filter must give true on $W/body
jqt() {
  if ! jq -e "$2" "$W/body" >/dev/null 2>&1; then
    fail "$1: $2 does not hold on:"; head -c 400 "$W/body"; echo
  fi
}
err() {	# NAME STATUS CODE CURL_ARGS… : an error with a full {code,message,detail,hint}
  local name=$1 st=$2 code=$3; shift 3
  req "$name" "$st" "$@" && jqt "$name" ".code == \"$code\" and (.message|length) > 0 and (.detail|type) == \"string\" and (.hint|length) > 0"
}

# ---- every endpoint ------------------------------------------------------------
req areas 200 "$U/api/v1/areas" && jqt areas '.rows | length > 100'
req areas-under 200 "$U/api/v1/areas?under=GM1926" &&
  jqt areas-under '[.rows[].code] | index("WK192601") != null and all(startswith("WK1926") or startswith("BU1926"))'
req indicators 200 "$U/api/v1/indicators?area=GM1926&year=2024&baseline=2022&compare=NL01&indicator=totaal" &&
  jqt indicators '.rows[0].count == 1771 and .rows[0].population == 57932 and .rows[0].verdict == "no clear change" and .rows[0].NL01_per_1000 != null'
req indicators-nl 200 "$U/api/v1/indicators?area=GM1926&year=2024&lang=nl&indicator=totaal" &&
  jqt indicators-nl '.rows[0].verdict == "geen duidelijke verandering"'
req indicators-all 200 "$U/api/v1/indicators?area=GM1926&year=2024&all_types=true&small=5" && jqt indicators-all '.rows | length > 10'
# the same engine as the CLI: the same rows (the API answers in English unless lang=nl)
"$IVP" indicators --area GM1926 --year 2024 --baseline 2022 --compare NL01 --format json --lang en >"$W/cli.json"
req indicators-default 200 "$U/api/v1/indicators?area=GM1926&year=2024&baseline=2022&compare=NL01"
if ! cmp -s <(jq -S . "$W/cli.json") <(jq -S . "$W/body"); then fail "indicators: API and CLI differ"; fi
req series 200 "$U/api/v1/series?area=GM1926&type=0.0.0&from=2024-01&to=2024-03" &&
  jqt series '[.rows[].month] == ["2024-01","2024-02","2024-03"]'
req ranking 200 "$U/api/v1/ranking?area=NL01&level=GM&year=2023" &&
  jqt ranking '.rows[0].code == "GM0277" and ([.rows[] | select(.code == "GM1926")][0] | .rank == 200 and .count == 1663 and .vs_all == "significantly lower")'
"$IVP" ranking --area NL01 --level GM --year 2023 --format json --lang en >"$W/cli.json"
if ! cmp -s <(jq -S . "$W/cli.json") <(jq -S . "$W/body"); then fail "ranking: API and CLI differ"; fi
req sources 200 "$U/api/v1/sources" && jqt sources '.rows | length == 5 and (.[0].sha256 | length) == 64'
req definitions 200 "$U/api/v1/definitions" && jqt definitions '[.rows[].key] | index("totaal") != null'
req head 200 -I "$U/api/v1/sources"
req openapi 200 "$U/api/v1/openapi.json" && jqt openapi '.openapi == "3.1.0" and (.paths | length) > 0'
cp "$W/body" "$W/openapi.json"

# ---- errors ------------------------------------------------------------------------
err bad-year 400 bad_parameter "$U/api/v1/indicators?area=GM1926&year=20x4"
err missing-year 400 bad_parameter "$U/api/v1/indicators?area=GM1926"
err unknown-param 400 bad_parameter "$U/api/v1/areas?under=GM1926&colour=red"
err twice 400 bad_parameter "$U/api/v1/areas?under=GM1926&under=GM0503"
err bad-lang 400 bad_parameter "$U/api/v1/indicators?area=GM1926&year=2024&lang=fr"
err bad-bool 400 bad_parameter "$U/api/v1/indicators?area=GM1926&year=2024&all_types=maybe"
err bad-list 400 bad_parameter "$U/api/v1/indicators?area=GM1926&year=2024&compare=NL01,,GM0503"
err bad-month 400 bad_parameter "$U/api/v1/series?area=GM1926&type=0.0.0&from=2024-13&to=2024-12"
err to-before-from 400 bad_parameter "$U/api/v1/series?area=GM1926&type=0.0.0&from=2024-05&to=2024-01"
err bad-escape 400 bad_query "$U/api/v1/areas?under=%ZZ"
err nul-escape 400 bad_query "$U/api/v1/areas?under=GM%001926"
err unknown-area 404 not_found "$U/api/v1/indicators?area=GM9999&year=2024"
# the library's own machine code rides along as `reason` (docs/errors.md)
jqt unknown-area '.reason == "unknown_area"'
err bad-ranking-level 400 bad_parameter "$U/api/v1/ranking?area=GM1926&year=2023&level=XX"
err unknown-ranking-area 404 not_found "$U/api/v1/ranking?area=GM9999&year=2023"
err unknown-under 404 not_found "$U/api/v1/areas?under=XX9999"
err unknown-series-area 404 not_found "$U/api/v1/series?area=BU99999999&type=0.0.0&from=2024-01&to=2024-02"
err unknown-route 404 not_found "$U/api/v1/nothing"
err unknown-api-root 404 not_found "$U/api/"
# outside /api/ are the pages (src/web/): HTML, also for errors
req page-root 200 "$U/" && grep -q '<html lang="nl"' "$W/body" || fail "page-root: not the Dutch start page"
req page-unknown 404 "$U/no-such-page" && grep -q '<h1' "$W/body" || fail "page-unknown: not an HTML error page"
err wrong-method 405 method_not_allowed -X DELETE "$U/api/v1/areas"
curl -s -D "$W/hdr" -o /dev/null -X PUT "$U/api/v1/areas"
grep -qi '^Allow: GET, HEAD' "$W/hdr" || fail "405 without Allow: GET, HEAD"
err body-on-get 400 unexpected_body -X GET --data 'x=1' "$U/api/v1/areas"
err uri-too-long 414 uri_too_long "$U/api/v1/areas?under=$(head -c 5000 /dev/zero | tr '\0' A)"
req header-too-large 431 -H "X-Big: $(head -c 70000 /dev/zero | tr '\0' a)" "$U/api/v1/areas"

# ---- writes -----------------------------------------------------------------------------
printf 'area,type,period,count\nGM1926,0.0.0,2024MM01,1\n' >"$W/small.csv"
head -c 4096 /dev/zero | tr '\0' 'x' >"$W/big.csv"
err import-no-session 401 unauthorized -F kind=long -F "file=@$W/small.csv" "$U/api/v1/imports"
curl -s -D "$W/hdr" -o /dev/null -F kind=long -F "file=@$W/small.csv" "$U/api/v1/imports"
grep -qi '^WWW-Authenticate:' "$W/hdr" || fail "401 without WWW-Authenticate"
err import-bad-cookie 401 unauthorized -b 'ivp_session=forged' -F kind=long -F "file=@$W/small.csv" "$U/api/v1/imports"
err import-too-large 413 too_large -F kind=long -F "file=@$W/big.csv" "$U/api/v1/imports"
err import-wrong-type 415 unsupported_media_type -H 'Content-Type: text/csv' --data-binary "@$W/small.csv" "$U/api/v1/imports"
err import-no-boundary 400 bad_multipart -H 'Content-Type: multipart/form-data' --data-binary "@$W/small.csv" "$U/api/v1/imports"
err import-bad-boundary 400 bad_multipart -H 'Content-Type: multipart/form-data; boundary="unterminated' --data-binary "@$W/small.csv" "$U/api/v1/imports"
err import-no-body 400 missing_body -X POST "$U/api/v1/imports"
err import-get 405 method_not_allowed "$U/api/v1/imports"
req sources-unchanged 200 "$U/api/v1/sources" && jqt sources-unchanged '.rows | length == 5'

# ---- the OpenAPI document and the route table agree ---------------------------------
"$IVP" serve --routes | awk '$1 ~ /^[A-Z]+$/ && $2 ~ /^\/api\// {print $1, $2}' | sort >"$W/routes"
jq -r '.paths | to_entries[] | .key as $p | .value | keys[] | "\(ascii_upcase) \($p)"' "$W/openapi.json" | sort >"$W/documented"
if ! diff "$W/routes" "$W/documented" >"$W/drift"; then fail "route table and OpenAPI differ:"; cat "$W/drift"; fi
[ -s "$W/routes" ] || fail "ivp serve --routes printed no API route"
jq -e '[.paths[][] | has("operationId") and has("summary") and has("responses")] | all' "$W/openapi.json" >/dev/null ||
  fail "an OpenAPI operation lacks operationId, summary or responses"
jq -e '[.paths[][] | .responses | to_entries[] | select(.key != "200" and .key != "201") | .value.content["application/json"].schema["$ref"] == "#/components/schemas/Error"] | all' "$W/openapi.json" >/dev/null ||
  fail "an OpenAPI error response is not the Error schema"
# every documented operation is dispatched: GETs with their documented
# examples answer 200 (the plan's and a group's 404: this database has none), writes
# are refused (401) rather than unknown, sign-in takes no multipart (415)
while read -r m p; do
  q=$(jq -r --arg p "$p" --arg m "$(echo "$m" | tr A-Z a-z)" \
    '[.paths[$p][$m].parameters[] | select(.required and .in == "query") | "\(.name)=\(.example)"] | join("&")' "$W/openapi.json")
  u=${p//\{id\}/M-example}
  case "$m $p" in
  "GET /api/v1/plan"|"GET /api/v1/plan/progress")
    req "documented $m $p" 404 "$U$u" && jqt "documented $m $p" '.message == "no plan imported yet"' ;;
  "GET /api/v1/groups/members") # no group file in this database (tests/http/groups.sh has one)
    req "documented $m $p" 404 "$U$u?$q" && jqt "documented $m $p" '.reason == "unknown_group"' ;;
  "GET /api/v1/reports/{id}"|"GET /api/v1/reports/{id}/texts")
    req "documented $m $p" 404 "$U${p//\{id\}/voortgang-2024}" && jqt "documented $m $p" '.message == "no plan imported yet"' ;;
  "POST /api/v1/reports/{id}/finalize")
    req "documented $m $p" 401 -d key=inleiding "$U${p//\{id\}/voortgang-2024}" ;;
  "GET /api/v1/participation/inputs"|"GET /api/v1/participation/matrix"|"GET /api/v1/participation/sensitivity") # signed in only
    req "documented $m $p" 401 "$U$u" ;;
  "GET /api/v1/plan/changes") # no plan in this database (tests/http/plan_edit.sh has one)
    req "documented $m $p" 404 "$U$u" && jqt "documented $m $p" '.message == "no plan imported yet"' ;;
  "GET /api/v1/cases"*) # the case register: signed-in members only (tests/http/cases_access.sh)
    req "documented $m $p" 401 "$U$u${q:+?$q}" ;;
  "POST /api/v1/cases"*)
    req "documented $m $p" 401 -d op=note "$U$u" ;;
  "GET /api/v1/region"|"GET /api/v1/region/priorities") # no regional plan in this database (tests/http/region.sh has one)
    req "documented $m $p" 404 "$U$u${q:+?$q}" ;;
  "GET /api/v1/signals"*) # the signals register: signed-in members only (tests/http/signals_access.sh)
    req "documented $m $p" 401 "$U$u${q:+?$q}" ;;
  "POST /api/v1/signals"*)
    req "documented $m $p" 401 -d reason=x "$U$u" ;;
  GET*) req "documented $m $p" 200 "$U$u${q:+?$q}" ;;
  "POST /api/v1/session") req "documented $m $p" 415 -F kind=crime "$U$u" ;;
  DELETE*) req "documented $m $p" 401 -X "$m" "$U$u" ;;
  "POST /api/v1/measures/{id}/progress") req "documented $m $p" 401 -d status=running "$U$u" ;;
  "POST /api/v1/plan/edits") req "documented $m $p" 401 -d object=goal "$U$u" ;;
  "POST /api/v1/plan/revert") req "documented $m $p" 401 -d version=1 "$U$u" ;;
  *) req "documented $m $p" 401 -X "$m" -F kind=crime -F "file=@$W/small.csv" "$U${u//M-example/voortgang-2024}" ;;
  esac
done <"$W/documented"

# ---- keep-alive, access log, shutdown ------------------------------------------------------
curl -sv -o /dev/null -o /dev/null "$U/api/v1/sources" "$U/api/v1/definitions" 2>"$W/kv"
grep -q "Re-using existing connection" "$W/kv" || fail "keep-alive: the second request did not reuse the connection"
req log-secret 400 -b 'ivp_session=cookie-secret-1' "$U/api/v1/areas?token=query-secret-2&password=query-secret-3"
sleep 0.3
grep -q 'GET /api/v1/areas?under=GM1926 200 ' "$W/log" || fail "access log lacks method, path and status"
grep -Eq ' [0-9]+\.[0-9]{3}ms ' "$W/log" || fail "access log lacks the duration"
grep -q 'token=\*\*\*&password=\*\*\*' "$W/log" || fail "access log does not mask sensitive query values"
if grep -q 'secret-' "$W/log"; then fail "access log shows a cookie or secret"; fi
# ---- rankings on funnel limits (docs/ranking.md): Den Haag's buurten, 47018NED 2023 on
# the buurt population of 1 January 2024, chosen explicitly (population_year)
{
  "$IVP" import long "$EX/47018NED_2023_totaal_misdrijven_per_buurt_haaglanden.csv"
  "$IVP" import population "$EX/population__Population85984_2024.csv" --year 2024
} >>"$W/setup.log" 2>&1 || fail "funnel: setup"
req ranking-funnel 200 "$U/api/v1/ranking?area=GM0518&year=2023&population_year=2024&lang=en" &&
  jqt ranking-funnel '([.rows[] | select(.rank != null and .funnel != "within the limits")] | length) == 7 and ([.rows[] | select(.rank != null and .vs_all != "no clear difference")] | length) == 88 and .rows[0].population_year == 2024 and ([.rows[] | select(.funnel == "too few inhabitants for a rate")] | length) == 7'
"$IVP" ranking --area GM0518 --year 2023 --population-year 2024 --lang en --format json >"$W/cli.json"
if ! cmp -s <(jq -S . "$W/cli.json") <(jq -S . "$W/body"); then fail "ranking with population_year: API and CLI differ"; fi
req ranking-min-population 200 "$U/api/v1/ranking?area=GM0518&year=2023&population_year=2024&min_population=1&lang=en" &&
  jqt ranking-min-population '[.rows[] | select(.rank != null)] | length == 111'
req ranking-reference 200 "$U/api/v1/ranking?area=GM1926&year=2023&population_year=2024&reference=GM0503&lang=en" &&
  jqt ranking-reference '([.rows[] | select(.own == 1)] | length) == 32 and ([.rows[] | select(.own == 0)] | length) == 91'
err bad-population-year 400 bad_parameter "$U/api/v1/ranking?area=GM0518&year=2023&population_year=20x4"

kill -TERM "$PID"
wait "$PID"; code=$?
PID=
[ "$code" = 0 ] || fail "SIGTERM: exit code $code"
grep -q 'stopped' "$W/log" || fail "SIGTERM: no graceful stop in the log"

if [ $fails -ne 0 ]; then
  echo "--- server log:"; tail -30 "$W/log"
  echo "$fails of $n requests/checks failed"; exit 1
fi
echo "ok api: $n requests"
