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
# an anonymous reader sees B's published plan without them. Prints the
# number of cases. Runs on both engines (ctest http_tenant, http_tenant_pg).
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
  [ "$1" = adam ] && t=(--data-urlencode "totp=$(node "$(dirname "$0")/attack.js" totp "$(cat "$W/adam.totp")" 0)")
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

echo "tenant isolation: $cases cases (A's ${#A_WHO[@]} users for B on every route, each municipality's own)"
[ "$fails" -eq 0 ] && echo "tenant: all passed" || { echo "tenant: $fails failed"; exit 1; }
