#!/usr/bin/env bash
# The access matrix: every route of the route table (`ivp serve --routes`)
# tried on a live server as every kind of caller — anonymous, a viewer, a
# partner of the organisation that owns the measure, a partner of another
# organisation, an editor, an admin — on its own and on another's object,
# each answer's status against the cell of tests/http/access.txt. A route
# without a row there (a new route nobody thought about) fails the test, as
# does a row for a route that is not in the table. Then what the measure
# page shows each of them (the form only to whom may change the measure,
# notes and history only signed in), and what is not public — progress
# notes, who changed what, a concept report — shown to every signed-in
# role and to no anonymous reader. Prints the number of cases.
# usage: access.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp"
M="$(dirname "$0")/access.txt"
PW='Zeer-geheim wachtwoord 42'
WHO=(anon vera zora hans anna adam) # the columns of access.txt, in order

{
  "$IVP" import codes "$EX/data/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/data/crime__WijkenEnBuurten.csv"
  "$IVP" import population "$EX/data/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import crime "$EX/data/misdrijven_2022_2023.csv"
  "$IVP" import crime "$EX/data/Misdrijven_2024.csv"
  "$IVP" import groups "$ROOT/data/groups/haaglanden.csv"
  "$IVP" region import "$ROOT/examples/haaglanden/regio.yaml"
  "$IVP" import values "$EX/values.csv"
  "$EX/organisations.sh" "$IVP"
  "$IVP" plan import "$EX/plan.yaml" --user setup
  for u in "vera viewer gemeente" "zora partner zvh" "hans partner halt" "anna editor gemeente" \
    "adam admin gemeente"; do
    set -- $u
    printf '%s\n' "$PW" | "$IVP" user add "$1" --role "$2" --org "$3" --lang en
  done
  # an admin signs in only with a second factor (docs/security.md)
  "$IVP" user totp adam --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/adam.totp"
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
[ -s "$W/adam.totp" ] || { echo "FAIL setup: no TOTP secret for adam"; cat "$W/setup.log"; exit 1; }
# Each caller asks from an address of its own (127.0.0.20 + its column), so
# that the sign-in throttle, which counts failures per address, keeps one
# caller's refused sign-ins from delaying another's.
declare -A ADDR=([anon]=127.0.0.20 [vera]=127.0.0.21 [zora]=127.0.0.22 [hans]=127.0.0.23 [anna]=127.0.0.24
  [adam]=127.0.0.25)
# adam's codes: each time step is taken once, so his sign-ins use the steps
# before, at and after the current one, in that order (one step of drift is
# allowed either way); his sign-in rows send the password alone and get the
# second step (401), which is what an admin without a code must get.
# (signin runs in subshells: the next step is kept in a file)
echo -1 >"$W/adam.step"

# ---- every route has its row, every row its route ------------------------------
"$IVP" serve --routes | awk '{print $1, $2}' | sort -u >"$W/routes"
grep -v '^#' "$M" | grep -v '^$' | awk -F' [|] ' '{print $1}' | sort -u >"$W/rows"
while read -r r; do fail "route $r has no row in tests/http/access.txt (who may call it?)"; done \
  < <(comm -23 "$W/routes" "$W/rows")
while read -r r; do fail "access.txt has a row for $r, which is no route"; done \
  < <(comm -13 "$W/routes" "$W/rows")
[ "$(wc -l <"$W/routes")" -ge 40 ] || fail "only $(wc -l <"$W/routes") routes listed"

serve "$W/log" --threads 4 --timeout 10

# signin WHO JAR: a session of WHO in cookie jar JAR; prints its CSRF token
signin() {
  local t=()
  if [ "$1" = adam ]; then
    local k; k=$(cat "$W/adam.step")
    t=(--data-urlencode "totp=$(node "$(dirname "$0")/attack.js" totp "$(cat "$W/adam.totp")" "$k")")
    echo $((k + 1)) >"$W/adam.step"
  fi
  curl -s --interface "${ADDR[$1]}" -c "$2" -o "$W/signin.json" --data-urlencode "name=$1" \
    --data-urlencode "password=$PW" "${t[@]}" "$U/api/v1/session" && jq -r .csrf "$W/signin.json"
}
declare -A CSRF
for w in "${WHO[@]:1}"; do
  CSRF[$w]=$(signin "$w" "$W/jar.$w")
  [ -n "${CSRF[$w]}" ] && [ "${CSRF[$w]}" != null ] || { fail "$w cannot sign in"; cat "$W/signin.json"; }
done

# ask WHO METHOD SPEC: the status of one request (SPEC: the REQUEST column)
ask() {
  local who=$1 method=$2 url=${3%% *} body= kind= jar= tok= a=()
  [ "$3" != "$url" ] && body=${3#* } && kind=${body%%:*} && body=${body#*:}
  if [ "$who" != anon ]; then jar="$W/jar.$who"; tok=${CSRF[$who]}; fi
  if [ "$kind" = fresh ] && [ "$who" != anon ]; then
    jar="$W/fresh.$who"; tok=$(signin "$who" "$jar")
  fi
  [ -n "$jar" ] && a+=(-b "$jar")
  case $kind in
  form) a+=(-H "X-CSRF-Token: $tok" --data "$body") ;;
  pageform) a+=(--data "$body${tok:+&csrf=$tok}") ;;
  multipart | pagemultipart)
    local f
    IFS=';' read -ra parts <<<"$body"
    for f in "${parts[@]}"; do a+=(-F "$f"); done
    if [ "$kind" = multipart ]; then a+=(-H "X-CSRF-Token: $tok"); else [ -n "$tok" ] && a+=(-F "csrf=$tok"); fi ;;
  signin)
    local name=$who pw=$PW
    [ "$who" = anon ] && name=nobody && pw='not the password 1'
    a+=(--data-urlencode "name=$name" --data-urlencode "password=$pw") ;;
  fresh)
    if [ "$method" = DELETE ]; then a+=(-H "X-CSRF-Token: ${tok:-none}"); else a+=(--data "csrf=${tok:-none}"); fi ;;
  esac
  curl -s --interface "${ADDR[$who]}" -o "$W/body" -w '%{http_code}' -X "$method" "${a[@]}" "$U$url"
}

cases=0
while IFS= read -r line; do
  case $line in '#'* | '') continue ;; esac
  route=${line%% | *}
  rest=${line#* | }
  object=${rest%% | *}
  rest=${rest#* | }
  read -ra want <<<"${rest%% | *}"
  spec=${rest#* | }
  [ "${#want[@]}" -eq 6 ] || { fail "$route ($object): ${#want[@]} cells, not 6"; continue; }
  for i in 0 1 2 3 4 5; do
    got=$(ask "${WHO[$i]}" "${route%% *}" "$spec")
    cases=$((cases + 1))
    [ "$got" = "${want[$i]}" ] ||
      { fail "$route ($object) as ${WHO[$i]}: status $got, expected ${want[$i]}"; head -c 300 "$W/body"; echo; }
  done
done <"$M"

# ---- what the measure page shows each of them ------------------------------------
# cells: anon vera zora hans anna adam; 1 = the update form is there
declare -A FORM=([M-casus]="0 0 1 0 1 1" [M-digi]="0 0 0 0 1 1")
for m in M-casus M-digi; do
  read -ra want <<<"${FORM[$m]}"
  for i in 0 1 2 3 4 5; do
    ask "${WHO[$i]}" GET "/plan/measures/$m" >/dev/null
    has=$(grep -c 'class="ivp-form ivp-measure-page-form"' "$W/body")
    hist=$(grep -c 'id="geschiedenis"' "$W/body")
    cases=$((cases + 1))
    [ "$has" = "${want[$i]}" ] || fail "/plan/measures/$m as ${WHO[$i]}: update form $has, expected ${want[$i]}"
    [ "$hist" = "$([ "$i" = 0 ] && echo 0 || echo 1)" ] ||
      fail "/plan/measures/$m as ${WHO[$i]}: history shown $hist times"
  done
done
# ---- what is not public: notes, authors, concept reports (anonymous vs signed in) ----
# M-casus has a progress note ("matrix", the rows above); every signed-in role
# sees it, the anonymous reader never: one question decides (object kind
# "private" of http_authorize_object). cells: anon vera zora hans anna adam
declare -A PRIV=(
  ["/api/v1/plan/progress?year=2024"]='[.measures.rows[] | select(.measure == "M-casus") | .last_note] == ["matrix"]'
  ["/api/v1/plan"]='[.plan | .. | objects | select(.id == "M-casus") | .progress[] | .note // empty] | index("matrix") != null'
  ["/api/v1/plan/history"]='([.rows[] | .by // empty] | length > 0) or ([.rows[].summary | select(contains("note: matrix"))] | length > 0)'
  ["/api/v1/sources"]='[.rows[] | .imported_by // empty] | length > 0'
  ["/api/v1/plan/changes"]='[.rows[] | select(.field | startswith("progress")) | .new // empty] | length > 0'
)
for url in "${!PRIV[@]}"; do
  for i in 0 1 2 3 4 5; do
    ask "${WHO[$i]}" GET "$url" >/dev/null
    got=$(jq -e "${PRIV[$url]}" "$W/body" >/dev/null 2>&1 && echo 1 || echo 0)
    cases=$((cases + 1))
    [ "$got" = "$([ "$i" = 0 ] && echo 0 || echo 1)" ] ||
      fail "$url as ${WHO[$i]}: non-public part shown: $got"
  done
done
# the pages: the plan's last note, the concept report's texts and downloads
for i in 0 1 2 3 4 5; do
  ask "${WHO[$i]}" GET "/plan" >/dev/null
  note=$(grep -c '>matrix<' "$W/body")
  ask "${WHO[$i]}" GET "/rapport?kind=voortgang&year=2024" >/dev/null
  down=$(grep -c 'class="utrecht-unordered-list ivp-downloads"' "$W/body")
  priv=$(grep -c 'id="concept-private"' "$W/body")
  cases=$((cases + 2))
  want=$([ "$i" = 0 ] && echo "0 0 1" || echo "1 1 0")
  [ "$note $down $priv" = "$want" ] ||
    fail "/plan, /rapport as ${WHO[$i]}: note, downloads, concept notice $note $down $priv, expected $want"
done

# the partner's refused write changed nothing: M-digi has no entry by zora or hans
"$IVP" plan export >"$W/plan.yaml"
grep -A40 'id: M-digi' "$W/plan.yaml" | grep -E 'by: "(zora|hans)"' && fail "a refused partner wrote to M-digi"

echo "access matrix: $cases cases ($(wc -l <"$W/routes") routes × ${#WHO[@]} callers, own and other object)"
[ "$fails" -eq 0 ] && echo "access: all passed" || { echo "access: $fails failed"; exit 1; }
