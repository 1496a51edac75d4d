#!/usr/bin/env bash
# The region pages and API against a really running `ivp serve` (issue 15
# item 3): GET /api/v1/region (the regional plan's five themes), GET
# /api/v1/region/priorities (PN's four priorities under their themes, "no
# plan" for the eight other gemeenten, and a second, invented plan showing
# up in its municipality's column), /regio (the table with caption and th
# scope, "geen plan in ivp", nl and en) and /regio/veiligheidsbeeld (PN
# against the rest of Haaglanden in 2023, computed by hand below, the whole
# region and the Netherlands, in Dutch number format; its chart: the bars in order, PN's
# 28,84 against 56,05, the same bytes twice, a gemeente without a figure named), and the refusals.
# usage: region.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp/data"

{
  "$IVP" import codes "$EX/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/crime__WijkenEnBuurten.csv"
  "$IVP" import population "$EX/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import crime "$EX/misdrijven_2022_2023.csv"
  "$IVP" import groups "$ROOT/data/groups/haaglanden.csv"
  "$IVP" region import "$ROOT/examples/haaglanden/regio.yaml"
  "$IVP" import values "$ROOT/examples/pijnacker-nootdorp/values.csv"
  "$ROOT/examples/pijnacker-nootdorp/organisations.sh" "$IVP"
  "$IVP" plan import "$ROOT/examples/pijnacker-nootdorp/plan.yaml"
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
has() {	# NAME TEXT… : each fixed text must be in $W/body
  local name=$1; shift
  for t in "$@"; do grep -qF -- "$t" "$W/body" || fail "$name: no \"$t\""; done
}

req region 200 "$U/api/v1/region" &&
  jqt region '[.rows[].theme] == ["maatschappelijk-ongenoegen","cybercrime","jeugdcriminaliteit","zorg-en-veiligheid","ondermijning"]
    and .rows[0].title == "Coalitie voor veiligheid 2023–2026" and .rows[0].from == 2023 and .rows[0].to == 2026
    and (.rows[0].source | test("dsp-groep.nl")) and ([.rows[].description] | all(. == null))'
"$IVP" region show --format json --lang en >"$W/cli.json"
cmp -s <(jq -S . "$W/cli.json") <(jq -S . "$W/body") || fail "region: API and CLI differ"
req priorities 200 "$U/api/v1/region/priorities" &&
  jqt priorities '[.rows[] | select(.area == "GM1926" and .priority != null) | [.theme, .priority]] ==
      [["cybercrime","digitaal"],["jeugdcriminaliteit","jeugd"],["zorg-en-veiligheid","zorg"],["ondermijning","ondermijning"]]
    and ([.rows[] | select(.area != "GM1926")] | length) == 40 and ([.rows[] | select(.area != "GM1926") | .plan] | all(. == null))
    and ([.rows[] | select(.area == "GM1926" and .theme == "maatschappelijk-ongenoegen")][0] | .plan == "ivp-pn-2023-2026" and .priority == null)'
req unknown-region 404 "$U/api/v1/region?region=nergens" && jqt unknown-region '.reason == "region_not_found"'
req bad-param 400 "$U/api/v1/region?streek=haaglanden"

# /regio: the plan, the table with its caption and scopes, nl and en
req page-nl 200 "$U/regio?lang=nl" &&
  has page-nl '<html lang="nl"' 'Regio Haaglanden' 'Coalitie voor veiligheid 2023–2026 (planperiode 2023–2026)' \
    '<caption class="utrecht-table__caption">De thema&#39;s van Coalitie voor veiligheid 2023–2026' \
    '<th scope="col" class="utrecht-table__header-cell">Pijnacker-Nootdorp</th>' \
    '<th scope="row" class="utrecht-table__header-cell">Ondermijning</th>' \
    'De aanpak van ondermijnende criminaliteit</a>' 'geen plan in ivp' 'geen prioriteit bij dit thema' 'dsp-groep.nl'
[ "$(grep -o 'geen plan in ivp' "$W/body" | wc -l)" -ge 40 ] || fail "page-nl: fewer than 8 × 5 cells say geen plan in ivp"
req page-en 200 "$U/regio?lang=en" &&
  has page-en '<html lang="en"' 'Region Haaglanden' 'no plan in ivp' 'Regional theme' 'Weerbaarheid tegen digitale criminaliteit</a>'

# /regio/veiligheidsbeeld, 2023. Computed by hand from the real files
# (47013NED misdrijven_2022_2023.csv "Totaal misdrijven" 2023; 37230ned
# bevolkingeindeperiod_jaren_22122025.csv, end of 2022 = 1 January 2023):
#   PN GM1926: 1663 crimes / 57672 inhabitants = 28.835 per 1,000
#   the rest of Haaglanden: 5441+37483+3782+636+3348+1102+3898+5583 = 61273 crimes on
#   106086+562839+77753+19472+57997+27093+114887+126998 = 1093125 inhabitants = 56.053
#   the whole region: 62936 / 1150797 = 54.689; the Netherlands 805590 / 17811291 = 45.229
req picture-nl 200 "$U/regio/veiligheidsbeeld?year=2023&lang=nl" &&
  has picture-nl 'Veiligheidsbeeld van de regio Haaglanden, 2023' 'T.o.v. de rest van Haaglanden' \
    'Pijnacker-Nootdorp</a></th><td class="utrecht-table__cell utrecht-table__cell--numeric-data">1.663</td><td class="utrecht-table__cell utrecht-table__cell--numeric-data">28,84</td><td class="utrecht-table__cell utrecht-table__cell--numeric-data">56,05</td><td class="utrecht-table__cell">duidelijk lager</td>' \
    'Haaglanden (de hele regio)</th><td class="utrecht-table__cell utrecht-table__cell--numeric-data">62.936</td><td class="utrecht-table__cell utrecht-table__cell--numeric-data">54,69</td>' \
    'Nederland (NL01)</th><td class="utrecht-table__cell utrecht-table__cell--numeric-data">805.590</td><td class="utrecht-table__cell utrecht-table__cell--numeric-data">45,23</td>' \
    'Politie 47013NED' 'per 1.000 inwoners' '<th scope="col"'
req picture-en 200 "$U/regio/veiligheidsbeeld?year=2023&lang=en" &&
  has picture-en 'Safety picture of the region Haaglanden, 2023' 'Vs the rest of Haaglanden' '>28.84<' '>56.05<' 'clearly lower'
# the chart above the table (the shared chart model's comparison of areas, ivp__rows): a bar
# per gemeente from the highest rate to the lowest ('s-Gravenhage 66,60 first, PN 28,84 last),
# each with its interval, the rest of Haaglanden without it (PN: 56,05, as above) and the
# verdict in words; the whole region (54,69) as the line over them; title and desc; Dutch
# numbers on the axis (0, 20, … 80) and the labels; the same bytes on a second request
figure() { grep -o '<figure class="ivp-chart ivp-rows">.*</figure>' "$W/body" | sed 's|</figure>.*||'; }
req chart-nl 200 "$U/regio/veiligheidsbeeld?year=2023&lang=nl" && {
  figure >"$W/fig1"
  has chart-nl '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 700 302" role="img" aria-labelledby="rg-totaal-title rg-totaal-desc">' \
    '<title id="rg-totaal-title">Geregistreerde misdrijven, totaal, 2023: elke gemeente t.o.v. de rest van Haaglanden (per 1.000 inwoners)</title><desc id="rg-totaal-desc">' \
    '<title>Pijnacker-Nootdorp: 28,84 per 1.000 inwoners (95%-interval 27,47–30,26); de rest van Haaglanden, zonder de gemeente zelf: 56,05; duidelijk lager</title>' \
    '>Haaglanden (de hele regio): 54,69</text>' 'Gesorteerd van het hoogste naar het laagste cijfer' \
    'text-anchor="middle">20</text>' 'text-anchor="middle">80</text>' '>duidelijk hoger</text>'
  [ "$(grep -o 'class="ivp-rows__bar"' "$W/fig1" | wc -l)" = 9 ] || fail "chart-nl: not 9 bars"
  [ "$(grep -o 'class="ivp-rows__interval"' "$W/fig1" | wc -l)" = 9 ] || fail "chart-nl: not 9 intervals"
  [ "$(grep -o 'class="ivp-rows__cmp"' "$W/fig1" | wc -l)" = 9 ] || fail "chart-nl: not 9 marks of the rest"
  order=$(grep -o '<g class="ivp-rows__row"><title>[^:]*' "$W/fig1" | sed 's/.*<title>//' | paste -sd'|')
  [ "$order" = "&#39;s-Gravenhage|Rijswijk (ZH.)|Delft|Leidschendam-Voorburg|Zoetermeer|Wassenaar|Westland|Midden-Delfland|Pijnacker-Nootdorp" ] ||
    fail "chart-nl: rows not from the highest rate to the lowest: $order"
  # the chart comes before its table, and the table keeps its caption
  awk '/ivp-rows/ { f = index($0, "ivp-rows"); t = index($0, "<table"); exit !(f && t > f) }' "$W/body" || fail "chart-nl: the chart is not above the table"
}
req chart-nl-again 200 "$U/regio/veiligheidsbeeld?year=2023&lang=nl" && { figure | cmp -s - "$W/fig1" || fail "chart-nl: other bytes on a second request"; }
req chart-en 200 "$U/regio/veiligheidsbeeld?year=2023&lang=en" &&
  has chart-en '<title>Pijnacker-Nootdorp: 28.84 per 1,000 inhabitants (95% interval 27.47–30.26); the rest of Haaglanden, without the municipality itself: 56.05; clearly lower</title>' \
    '>Haaglanden (the whole region): 54.69</text>' 'Sorted from the highest to the lowest figure' '>clearly higher</text>'
# the same figures as the comparison groups' API
req picture-api 200 "$U/api/v1/indicators?area=GM1926&year=2023&indicator=totaal&compare=haaglanden&lang=en" &&
  jqt picture-api '.rows[0] | .count == 1663 and .population == 57672 and .cmp1_count == 61273 and .cmp1_population == 1093125'
req picture-bad-year 400 "$U/regio/veiligheidsbeeld?year=twee"

# a second municipality's plan (Delft, an invented illustration: tests/data/plan/delft_illustratie.yaml)
# shows up in its column once ivp holds it
if "$IVP" plan import "$ROOT/tests/data/plan/delft_illustratie.yaml" >"$W/delft.log" 2>&1; then
  req priorities-delft 200 "$U/api/v1/region/priorities" &&
    jqt priorities-delft '[.rows[] | select(.area == "GM0503" and .priority != null) | .priority] == ["ILL-jeugd","ILL-ondermijning"]
      and ([.rows[] | select(.area == "GM1926" and .priority != null)] | length) == 4'
  req page-delft 200 "$U/regio?lang=nl" && has page-delft 'Jeugdoverlast in de binnenstad (illustratie)</a>'
else
  fail "the Delft plan: $(cat "$W/delft.log")"
fi

# a gemeente without a figure is named in the chart, never drawn as 0: Delft's shop theft of 2017
# (the police website's yearly sums, tests/data/README.md) is the only figure of the region that year
if "$IVP" import long "$ROOT/tests/data/delft_yearly_per_delict_2011-2017.csv" \
     --map "$ROOT/examples/mappings/politie-website-delict-codes.csv" >"$W/delft-long.log" 2>&1; then
  req chart-nodata 200 "$U/regio/veiligheidsbeeld?year=2017&lang=nl" && {
    grep -o '<figure class="ivp-chart ivp-rows"><div class="ivp-rows__wrap"[^>]*><svg[^>]*aria-labelledby="rg-bbv_winkeldiefstal-title[^"]*">.*' "$W/body" |
      sed 's|</figure>.*||' >"$W/fig2"
    [ "$(grep -o 'class="ivp-rows__bar"' "$W/fig2" | wc -l)" = 1 ] || fail "chart-nodata: not one bar"
    [ "$(grep -o '<text class="ivp-chart__label ivp-rows__nodata" x="[0-9]*" y="[0-9.]*">geen cijfer</text>' "$W/fig2" | wc -l)" = 8 ] ||
      fail "chart-nodata: not eight gemeenten named without a figure"
    grep -qF '<title>Delft: 1,29 per 1.000 inwoners' "$W/fig2" || fail "chart-nodata: no bar of Delft 1,29"
    grep -qF '<title>Zoetermeer: geen cijfer</title>' "$W/fig2" || fail "chart-nodata: Zoetermeer not named without a figure"
  }
else
  fail "the Delft long file: $(cat "$W/delft-long.log")"
fi

[ $fails -eq 0 ] && echo "ok: $n region requests" || { echo "--- server log:"; tail -20 "$W/log"; exit 1; }
