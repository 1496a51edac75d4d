#!/usr/bin/env bash
# The isolation test of many municipalities in one deployment
# (docs/tenancy.md): two municipalities, Pijnacker-Nootdorp (A, GM1926, the
# deployment's first) and Delft (B, GM0503, the example plan under another
# id — an illustration), each with its plan, a progress note, a concept
# report's text and a user of every role. Then every route of
# tests/http/access.txt is asked by each of A's users for B's data (the
# row's request with ?gemeente=GM0503): the body never holds one of B's
# private strings, a non-public route answers 401, 403 or 404 (never
# anything else), and B's plan keeps its versions (no write went through).
# B's own users see B's private strings and none of A's; A's users see A's;
# an anonymous reader sees B's published plan without them. Then, with the
# registers' key file, both municipalities hold signals, a meeting with its
# agenda, a weighing, cases and a participation trajectory with inputs, all
# with personal strings: a member of both registers of each municipality,
# asking in its own requests and with ?gemeente= of either, sees none of the
# other's strings or record ids, the other's records are 404, its own shown
# (the store's own filter, docs/tenancy.md). Prints the number of cases. Runs on both engines (ctest http_tenant, http_tenant_pg).
# usage: tenant.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp"
M="$(dirname "$0")/access.txt"
PW='Zeer-geheim wachtwoord 42'
A_WHO=(vera zora anna adam) # A's viewer, partner, editor (unbound: the first municipality's), admin
B_WHO=(bea bart bob)         # B's viewer, partner, editor
declare -A COL=([vera]=1 [zora]=2 [anna]=4 [adam]=5) # their column in access.txt

sed -e 's/^id: "ivp-pn-2023-2026"/id: "ivp-delft-illustratie"/' -e 's/^municipality: "GM1926"/municipality: "GM0503"/' \
  -e 's/^title: .*/title: "Illustratie: een tweede plan in dezelfde installatie (GM0503)"/' "$EX/plan.yaml" >"$W/plan-b.yaml"
{
  "$IVP" import codes "$EX/data/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/data/crime__WijkenEnBuurten.csv"
  "$IVP" import population "$EX/data/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import crime "$EX/data/Misdrijven_2024.csv"
  "$IVP" import groups "$ROOT/data/groups/haaglanden.csv"
  "$IVP" import values "$EX/values.csv"
  "$EX/organisations.sh" "$IVP"
  "$IVP" org municipality zvh GM1926,GM0503 --user setup --lang en # orgs: bart's and zora's work for both
  "$IVP" plan import "$EX/plan.yaml" --user setup --lang en
  "$IVP" plan import "$W/plan-b.yaml" --user setup --lang en
  for u in "vera viewer gemeente GM1926" "zora partner zvh GM1926" "anna editor gemeente -" \
    "adam admin gemeente GM1926" "bea viewer gemeente GM0503" "bart partner zvh GM0503" \
    "bob editor gemeente GM0503"; do
    set -- $u
    m=(); [ "$4" != - ] && m=(--municipality "$4")
    printf '%s\n' "$PW" | "$IVP" user add "$1" --role "$2" --org "$3" "${m[@]}" --lang en
  done
  "$IVP" user totp adam --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/adam.totp"
  "$IVP" measure update M-casus --note "GEHEIM-A-NOTITIE" --user anna --municipality GM1926 --lang en
  "$IVP" measure update M-casus --note "GEHEIM-B-NOTITIE" --user bob --municipality GM0503 --lang en
  "$IVP" report text set --year 2024 --key inleiding --text "GEHEIM-A-TEKST" --user anna --municipality GM1926 --lang en
  "$IVP" report text set --year 2024 --key inleiding --text "GEHEIM-B-TEKST" --user bob --municipality GM0503 --lang en
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
[ -s "$W/adam.totp" ] || { echo "FAIL setup: no TOTP secret for adam"; cat "$W/setup.log"; exit 1; }
versions_b() { "$IVP" plan history --municipality GM0503 --format csv --columns version | wc -l; }
VB=$(versions_b)
[ "$VB" -ge 3 ] || fail "B's plan has $VB history lines, expected its import and its note"
# the CLI acting for one municipality sees its plan only
"$IVP" plan history --municipality GM1926 --format csv --columns summary | grep -q GEHEIM-B &&
  fail "A's plan history names B's note"

serve "$W/log" --threads 4 --timeout 10
declare -A ADDR=([anon]=127.0.0.40 [vera]=127.0.0.41 [zora]=127.0.0.42 [anna]=127.0.0.43 [adam]=127.0.0.44
  [bea]=127.0.0.45 [bart]=127.0.0.46 [bob]=127.0.0.47)
signin() { # WHO JAR: a session of WHO in JAR; prints its CSRF token
  local t=()
  [ -s "$W/$1.totp" ] && t=(--data-urlencode "totp=$(node "$(dirname "$0")/attack.js" totp "$(cat "$W/$1.totp")" 0)")
  curl -s --interface "${ADDR[$1]}" -c "$2" -o "$W/signin.json" --data-urlencode "name=$1" \
    --data-urlencode "password=$PW" "${t[@]}" "$U/api/v1/session" && jq -r .csrf "$W/signin.json"
}
declare -A CSRF
for w in "${A_WHO[@]}" "${B_WHO[@]}"; do
  CSRF[$w]=$(signin "$w" "$W/jar.$w")
  [ -n "${CSRF[$w]}" ] && [ "${CSRF[$w]}" != null ] || { fail "$w cannot sign in"; cat "$W/signin.json"; }
done

# ask WHO METHOD URL [KIND BODY]: the status of one request (as access.sh's REQUEST column)
ask() {
  local who=$1 method=$2 url=$3 kind=${4:-} body=${5:-} a=() f
  if [ "$who" != anon ]; then a+=(-b "$W/jar.$who"); fi
  local tok=${CSRF[$who]:-}
  case $kind in
  form) a+=(-H "X-CSRF-Token: $tok" --data "$body") ;;
  pageform) a+=(--data "$body${tok:+&csrf=$tok}") ;;
  multipart | pagemultipart)
    IFS=';' read -ra parts <<<"$body"
    for f in "${parts[@]}"; do a+=(-F "$f"); done
    if [ "$kind" = multipart ]; then a+=(-H "X-CSRF-Token: $tok"); else [ -n "$tok" ] && a+=(-F "csrf=$tok"); fi ;;
  delete) a+=(-H "X-CSRF-Token: $tok") ;;
  esac
  curl -s --interface "${ADDR[$who]}" -o "$W/body" -w '%{http_code}' -X "$method" "${a[@]}" "$U$url"
}
with_b() { case $1 in *'?'*) echo "$1&gemeente=GM0503" ;; *) echo "$1?gemeente=GM0503" ;; esac; }

cases=0
while IFS= read -r line; do
  case $line in '#'* | '') continue ;; esac
  route=${line%% | *}
  rest=${line#* | }
  rest=${rest#* | }
  read -ra want <<<"${rest%% | *}"
  spec=${rest#* | }
  url=${spec%% *} kind= body=
  [ "$spec" != "$url" ] && body=${spec#* } && kind=${body%%:*} && body=${body#*:}
  case $kind in signin | fresh) continue ;; esac # sessions themselves: no municipality's data
  for who in "${A_WHO[@]}"; do
    got=$(ask "$who" "${route%% *}" "$(with_b "$url")" "$kind" "$body")
    cases=$((cases + 1))
    if grep -q 'GEHEIM-B' "$W/body"; then fail "$route as $who for B: B's private data in the answer ($got)"; fi
    # not public: never answered for another municipality (a body that access.txt
    # makes invalid on purpose may be refused as such first: 400 there too)
    if [ "${want[0]}" != 200 ] && ! { [ "$got" = 400 ] && [ "${want[${COL[$who]}]}" = 400 ]; }; then
      case $got in 401 | 403 | 404) ;; *) fail "$route as $who for B: status $got, expected 401, 403 or 404" ;; esac
    fi
  done
done <"$M"
[ "$(versions_b)" = "$VB" ] || fail "a request of A's users changed B's plan"

# the private parts, each municipality's own: (URL, what shows the note or text)
PRIV=("/api/v1/plan" "/api/v1/plan/progress?year=2024" "/plan" "/plan/measures/M-casus"
  "/api/v1/reports/voortgang-2024/texts" "/rapport?kind=voortgang&year=2024")
for u in "${PRIV[@]}"; do
  for who in "${B_WHO[@]}"; do
    ask "$who" GET "$u" >/dev/null
    cases=$((cases + 1))
    grep -q 'GEHEIM-A' "$W/body" && fail "$u as $who (B): A's private data shown"
  done
  for who in "${A_WHO[@]}"; do
    ask "$who" GET "$u" >/dev/null
    cases=$((cases + 1))
    grep -q 'GEHEIM-B' "$W/body" && fail "$u as $who (A): B's private data shown"
  done
  ask anon GET "$(with_b "$u")" >/dev/null
  cases=$((cases + 1))
  grep -q 'GEHEIM-' "$W/body" && fail "$u?gemeente=GM0503 anonymous: private data shown"
done
# each sees its own: B's editor B's texts, A's editor A's
ask bob GET "/api/v1/reports/voortgang-2024/texts" >/dev/null
grep -q 'GEHEIM-B-TEKST' "$W/body" || fail "B's editor does not see B's concept text: $(head -c 300 "$W/body")"
ask anna GET "/api/v1/reports/voortgang-2024/texts" >/dev/null
grep -q 'GEHEIM-A-TEKST' "$W/body" || fail "A's editor does not see A's concept text: $(head -c 300 "$W/body")"
ask vera GET "/api/v1/plan" >/dev/null
grep -q 'GEHEIM-A-NOTITIE' "$W/body" || fail "A's viewer does not see A's note"
ask bea GET "/api/v1/plan" >/dev/null
grep -q 'GEHEIM-B-NOTITIE' "$W/body" || fail "B's viewer does not see B's note"
# another municipality's area named directly: not found, nothing of it
for who in anna adam; do
  got=$(ask "$who" GET "/api/v1/reports/voortgang-2024/texts?area=GM0503")
  cases=$((cases + 1))
  [ "$got" = 404 ] || fail "B's texts by ?area=GM0503 as $who: status $got, expected 404"
  grep -q 'GEHEIM-B' "$W/body" && fail "B's texts by ?area=GM0503 as $who: shown"
done
# the published plans are shared: B's title for anyone who asks for it
for who in anon vera; do
  ask "$who" GET "/api/v1/plan?gemeente=GM0503" >/dev/null
  cases=$((cases + 1))
  grep -q 'ivp-delft-illustratie' "$W/body" || fail "B's published plan not shown to $who"
done
ask anon GET "/api/v1/plan" >/dev/null
grep -q 'ivp-pn-2023-2026' "$W/body" || fail "the default municipality is not the first"

# ---- the registers and participation in both municipalities (docs/tenancy.md) ----------
# The server again, now with the registers' key file: a member of both registers
# in each municipality (rita of A, rob of B) takes in a signal, holds a meeting,
# weighs and registers a case with personal strings, and each municipality has
# a participation trajectory with inputs. The store's own filter decides: in its
# own requests, and asking with ?gemeente= of the other, neither member sees
# one of the other's strings or ids; each sees its own.
kill "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
export IVP_KEYS="$W/keys"
mkcsv() { # M: a trajectory of municipality M (A or B) in $W/pt-M-*.csv
  printf 'trajectory,plan,title,aims,illustration\nT-%s,plan-%s,Traject %s (illustratie),Doelen,ja\n' "$1" "$1" "$1" \
    >"$W/pt-$1-traject.csv"
  printf 'trajectory,activity,kind,date,place,wijk,organisations,participants,report,illustration\n%s\n' \
    "T-$1,G-$1,wijkgesprek,2022-10-04,Buurthuis,,,12,Verslag (illustratie),ja" >"$W/pt-$1-activiteiten.csv"
  printf 'activity,ref,statement,themes,wijk,route,target,reason\n%s\n' \
    "G-$1,1,GEHEIM-$1-INBRENG van een inwoner,ondermijning,,priority,ondermijning," >"$W/pt-$1-inbreng.csv"
}
{
  "$IVP" keys init --user adam --lang en
  for u in "rita GM1926" "rob GM0503"; do
    set -- $u
    printf '%s\n' "$PW" | "$IVP" user add "$1" --role viewer --org gemeente --municipality "$2" --lang en
    "$IVP" user totp "$1" --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/$1.totp"
    "$IVP" registers grant signals "$1" --user adam --lang en
    "$IVP" registers grant cases "$1" --user adam --lang en
  done
  for m in "A rita GM1926 BU19260101" "B rob GM0503 BU05030000"; do
    set -- $m
    mkcsv "$1"
    o=(--user "$2" --municipality "$3" --lang en)
    "$IVP" signals add "${o[@]}" --received 2026-03-02 --source resident --phenomenon drugs \
      --address "GEHEIM-$1-ADRES" --description "GEHEIM-$1-SIGNAAL" --persons "GEHEIM-$1-PERSOON"
    "$IVP" signals meeting add "${o[@]}" --date 2026-03-12 --orgs gemeente
    "$IVP" cases add "${o[@]}" --date 2026-03-02 --name "GEHEIM-$1-NAAM" --birth 1990-05-17 \
      --bsn 111222333 --address "GEHEIM-$1-WOONADRES" --reason "GEHEIM-$1-REDEN" --criteria multi_domain,chains
    for t in trajectory activities inputs; do
      f=$W/pt-$1-$([ $t = trajectory ] && echo traject || { [ $t = activities ] && echo activiteiten || echo inbreng; })
      "$IVP" participation import "$t" "$f.csv" "${o[@]}"
    done
  done
  # A's signal is S-2026-0001 and its case C-2026-0001, B's the next numbers
  "$IVP" signals weigh S-2026-0001 --user rita --municipality GM1926 --lang en --date 2026-03-12 --outcome none
  "$IVP" signals agenda add 1 S-2026-0001 --user rita --municipality GM1926 --lang en
  "$IVP" signals weigh S-2026-0002 --user rob --municipality GM0503 --lang en --date 2026-03-12 --outcome none
  "$IVP" signals agenda add 2 S-2026-0002 --user rob --municipality GM0503 --lang en
} >"$W/setup2.log" 2>&1 || { echo "FAIL register setup"; cat "$W/setup2.log"; exit 1; }
# the CLI acting for one municipality: its own records only
"$IVP" signals list --user rita --municipality GM1926 --format csv --lang en >"$W/cli.a" 2>&1
grep -q S-2026-0001 "$W/cli.a" && ! grep -q S-2026-0002 "$W/cli.a" ||
  fail "ivp signals list --municipality GM1926: $(cat "$W/cli.a")"
serve "$W/log2" --threads 4 --timeout 10 --keys "$IVP_KEYS"
ADDR[rita]=127.0.0.48 ADDR[rob]=127.0.0.49
for w in rita rob; do
  CSRF[$w]=$(signin "$w" "$W/jar.$w")
  [ -n "${CSRF[$w]}" ] && [ "${CSRF[$w]}" != null ] || { fail "$w cannot sign in"; cat "$W/signin.json"; }
done
with_a() { case $1 in *'?'*) echo "$1&gemeente=GM1926" ;; *) echo "$1?gemeente=GM1926" ;; esac; }
REG=("/api/v1/signals" "/api/v1/signals/export" "/api/v1/signals/meetings" "/api/v1/signals/meetings/1/agenda"
  "/api/v1/signals/meetings/2/agenda" "/api/v1/signals/counts?exact=1" "/api/v1/cases" "/api/v1/cases/counts?by=wijk"
  "/signalen" "/signalen/overleg" "/signalen/cijfers" "/casussen" "/api/v1/participation"
  "/api/v1/participation/activities" "/api/v1/participation/inputs" "/participatie" "/participatie/inbreng"
  "/api/v1/signals/S-2026-0001" "/api/v1/signals/S-2026-0002" "/api/v1/signals/S-2026-0001/history"
  "/api/v1/signals/S-2026-0002/history" "/api/v1/cases/C-2026-0001" "/api/v1/cases/C-2026-0002"
  "/signalen/S-2026-0001" "/signalen/S-2026-0002" "/casussen/C-2026-0001" "/casussen/C-2026-0002")
for u in "${REG[@]}"; do
  for q in "$u" "$(with_a "$u")" "$(with_b "$u")"; do
    # a record's own URL may echo its id in the "not found"; a listing names none of the other's
    case $q in *-2026-000*) ids=0 ;; *) ids=1 ;; esac
    ask rob GET "$q" >/dev/null
    cases=$((cases + 1))
    grep -q 'GEHEIM-A' "$W/body" && fail "$q as rob (B's member): A's private data shown"
    [ $ids = 1 ] && grep -qE 'S-2026-0001|C-2026-0001' "$W/body" && fail "$q as rob (B's member): A's record named"
    ask rita GET "$q" >/dev/null
    cases=$((cases + 1))
    grep -q 'GEHEIM-B' "$W/body" && fail "$q as rita (A's member): B's private data shown"
    [ $ids = 1 ] && grep -qE 'S-2026-0002|C-2026-0002' "$W/body" && fail "$q as rita (A's member): B's record named"
  done
done
# another's record: not found, also by the municipality's own id in its own requests
for x in "rob /api/v1/signals/S-2026-0001" "rob /api/v1/cases/C-2026-0001" "rita /api/v1/signals/S-2026-0002" \
  "rita /api/v1/cases/C-2026-0002" "rob /signalen/S-2026-0001" "rita /casussen/C-2026-0002"; do
  set -- $x
  got=$(ask "$1" GET "$2")
  cases=$((cases + 1))
  [ "$got" = 404 ] || fail "$2 as $1: status $got, expected 404 (another municipality's record)"
done
# each member sees its own: the signal, the case and the inputs
for x in "rita A S-2026-0001 C-2026-0001" "rob B S-2026-0002 C-2026-0002"; do
  set -- $x
  ask "$1" GET "/api/v1/signals/$3" >/dev/null
  grep -q "GEHEIM-$2-SIGNAAL" "$W/body" || fail "$1 does not see its own signal $3: $(head -c 300 "$W/body")"
  ask "$1" GET "/api/v1/signals" >/dev/null
  grep -q "$3" "$W/body" || fail "$1 does not list its own signal $3: $(head -c 300 "$W/body")"
  ask "$1" GET "/api/v1/cases/$4" >/dev/null
  grep -q "GEHEIM-$2-NAAM" "$W/body" || fail "$1 does not see its own case $4: $(head -c 300 "$W/body")"
  ask "$1" GET "/api/v1/participation/inputs" >/dev/null
  grep -q "GEHEIM-$2-INBRENG" "$W/body" || fail "$1 does not see its own inputs: $(head -c 300 "$W/body")"
done

# ---- orgs (issue 15, helper orgs): organisations per municipality, and B's area in A's form ----
# Partners of two organisations (illustrations), both bound to the region
# Haaglanden, so that their binding covers A and B: one organisation works
# only for A, the other for both. The first is foreign to B like B's
# strangers (404 off the public routes, no private strings); the second
# sees both. Then A's editor writes B's area through form fields that do
# not name it in the URL: refused by the library with the field named,
# and nothing written.
{
  "$IVP" org add orga "Partner van A (illustratie)" --municipality GM1926 --user setup --lang en
  "$IVP" org add orgab "Partner van A en B (illustratie)" --municipality GM1926,GM0503 --user setup --lang en
  printf '%s\n' "$PW" | "$IVP" user add pia --role partner --org orga --region haaglanden --user setup --lang en
  printf '%s\n' "$PW" | "$IVP" user add pab --role partner --org orgab --region haaglanden --user setup --lang en
} >>"$W/setup.log" 2>&1 || { fail "orgs setup"; tail -5 "$W/setup.log"; }
ADDR[pia]=127.0.0.50 ADDR[pab]=127.0.0.51
for w in pia pab; do
  CSRF[$w]=$(signin "$w" "$W/jar.$w")
  [ -n "${CSRF[$w]}" ] && [ "${CSRF[$w]}" != null ] || fail "$w cannot sign in"
done
# pia (orga: A only): A's private parts, none of B's (a region user names the municipality)
ask pia GET "/api/v1/plan?gemeente=GM1926" >/dev/null
grep -q 'GEHEIM-A-NOTITIE' "$W/body" || fail "pia (orga works for A) does not see A's note"
for u in "/api/v1/plan" "/plan/measures/M-casus" "/api/v1/plan/progress?year=2024" "/rapport?kind=voortgang&year=2024"; do
  got=$(ask pia GET "$(with_b "$u")")
  cases=$((cases + 1))
  [ "$got" = 200 ] || fail "$u for B as pia: status $got, expected 200 (public)"
  grep -q 'GEHEIM-B' "$W/body" && fail "$u for B as pia (orga works only for A): B's private data shown"
done
for u in "/api/v1/reports/voortgang-2024/texts" "/plan/versies" "/api/v1/participation/inputs"; do
  got=$(ask pia GET "$(with_b "$u")")
  cases=$((cases + 1))
  [ "$got" = 404 ] || fail "$u for B as pia: status $got, expected 404 (foreign to B)"
  grep -q 'GEHEIM-B' "$W/body" && fail "$u for B as pia: B's private data shown"
done
got=$(ask pia POST "$(with_b /api/v1/measures/M-casus/progress)" form "status=running&note=GEHEIM-VIA-PIA")
cases=$((cases + 1))
[ "$got" = 404 ] || fail "a measure update of B as pia: status $got, expected 404"
[ "$(versions_b)" = "$VB" ] || fail "pia's request changed B's plan"
# pab (orgab: A and B): both
ask pab GET "$(with_b /api/v1/plan)" >/dev/null
grep -q 'GEHEIM-B-NOTITIE' "$W/body" || fail "pab (orgab works for B) does not see B's note"
ask pab GET "/api/v1/plan?gemeente=GM1926" >/dev/null
grep -q 'GEHEIM-A-NOTITIE' "$W/body" || fail "pab (orgab works for A) does not see A's note"
got=$(ask pab GET "$(with_b /api/v1/reports/voortgang-2024/texts)")
cases=$((cases + 3))
[ "$got" = 200 ] && grep -q 'GEHEIM-B-TEKST' "$W/body" || fail "pab does not see B's concept text ($got)"

# A's editor names B's area in a form field, not in the URL: refused with the field named
SRC=$("$IVP" sources --format csv --lang en | wc -l)
got=$(ask anna POST /plan/waarden pageform "key=halt_tenant&area=WK050301&year=2023&value=1&unit=per%201000&source=ILLUSTRATIE&definition_version=2023")
cases=$((cases + 1))
[ "$got" = 400 ] || fail "a value of B's wijk by A's editor: status $got, expected 400"
grep -q 'id="v-area-error"' "$W/body" && grep -q 'WK050301' "$W/body" ||
  fail "the refusal of B's wijk is not marked beside the area field: $(grep -o 'utrecht-form-field-error[^<]*<[^<]*' "$W/body" | head -3)"
printf 'key,area,year,value,unit,source,definition_version\nhalt_tenant,GM1926,2023,1,per 1000,ILLUSTRATIE,2023\nhalt_tenant,BU05030101,2023,1,per 1000,ILLUSTRATIE,2023\n' >"$W/values-b.csv"
got=$(ask anna POST /plan/waarden/bestand pagemultipart "file=@$W/values-b.csv")
cases=$((cases + 1))
[ "$got" = 400 ] && grep -q 'BU05030101' "$W/body" || fail "a values file with B's buurt by A's editor: status $got, expected 400 naming it"
got=$(ask anna POST /api/v1/reports/veiligheidsbeeld-2024/texts multipart "key=inleiding;text=GEHEIM-B-VIA-A;area=GM0503")
cases=$((cases + 1))
[ "$got" = 400 ] && jq -e '.reason == "area_other_municipality" and .field == "area"' "$W/body" >/dev/null ||
  fail "a text of B's area by A's editor: status $got, expected 400 area_other_municipality on field area: $(cat "$W/body")"
[ "$("$IVP" sources --format csv --lang en | wc -l)" = "$SRC" ] || fail "a refused value of B's area was recorded as an import"
"$IVP" report text list --kind veiligheidsbeeld --year 2024 --area GM0503 --format csv --lang en 2>&1 | grep -q 'GEHEIM-B-VIA-A' &&
  fail "A's editor wrote a text of B's area"
ask bob GET "/api/v1/reports/veiligheidsbeeld-2024/texts?area=GM0503" >/dev/null
grep -q 'GEHEIM-B-VIA-A' "$W/body" && fail "A's editor's text shows in B's safety picture"
# ---- end of the orgs block ----

echo "tenant isolation: $cases cases (A's ${#A_WHO[@]} users for B on every route, each municipality's own)"
[ "$fails" -eq 0 ] && echo "tenant: all passed" || { echo "tenant: $fails failed"; exit 1; }
