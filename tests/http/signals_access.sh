#!/usr/bin/env bash
# The signals register's access matrix per record (issue 13): one signal,
# S-2026-0001, taken in by mona and handed to the department handler dirk,
# asked for over the API by every kind of caller — its intake member (mona,
# a member of the register), a member who is not its handler (nina), a user
# of the same organisation who is no member (olga), a partner of another
# organisation (hans), its department handler who is no member (dirk), an
# admin (adam) and an anonymous caller — for every act of the need-to-know
# rule: read, list, count (below the threshold: the exact counts), write and
# export, without and with a reason. Every cell is asserted (status, and for
# list and export whether the signal is in the answer); then the pages give
# 404 and the reason form where the API does, the audit trail holds each
# allowed access with its reason and no refused one, and the chain verifies.
# Members and the admin sign in with TOTP. Prints the number of cells.
# usage: signals_access.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PW='Zeer-geheim wachtwoord 42'
export IVP_KEYS="$W/keys"
WHO=(mona nina olga hans dirk adam anon) # the columns of the matrix, in order
declare -A ADDR=([mona]=127.0.0.40 [nina]=127.0.0.41 [olga]=127.0.0.42 [hans]=127.0.0.43 [dirk]=127.0.0.44
  [adam]=127.0.0.45 [anon]=127.0.0.46)

{
  "$IVP" init
  "$IVP" org add halt "Halt" --kind partner
  for u in "mona viewer gemeente" "nina viewer gemeente" "olga viewer gemeente" "hans partner halt" \
    "dirk viewer gemeente" "adam admin gemeente"; do
    set -- $u
    printf '%s\n' "$PW" | "$IVP" user add "$1" --role "$2" --org "$3" --lang en
  done
  "$IVP" keys init --user adam --lang en
  for u in mona nina adam; do
    "$IVP" user totp "$u" --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/$u.totp"
  done
  "$IVP" registers grant signals mona --user adam --lang en
  "$IVP" registers grant signals nina --user adam --lang en
  "$IVP" signals add --user mona --lang en --received 2026-03-02 --source resident --phenomenon drugs \
    --buurt BU19260101 --address "Kerkweg 7" --description "Hennepgeur uit schuur" --persons "Karel Appel"
  "$IVP" signals weigh S-2026-0001 --user mona --lang en --date 2026-03-12 --concrete --recent \
    --outcome department --department bibob
  "$IVP" signals handler S-2026-0001 dirk --user mona --lang en
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
for u in mona nina adam; do [ -s "$W/$u.totp" ] || { echo "FAIL setup: no TOTP secret for $u"; exit 1; }; done

serve "$W/log" --threads 2 --timeout 10 --keys "$IVP_KEYS"

# signin WHO: a session in $W/jar.WHO; its CSRF token into CSRF[WHO]
declare -A CSRF
signin() {
  local t=()
  [ -s "$W/$1.totp" ] && t=(--data-urlencode "totp=$(node "$ROOT/tests/http/attack.js" totp "$(cat "$W/$1.totp")" 0)")
  curl -s --interface "${ADDR[$1]}" -c "$W/jar.$1" -o "$W/signin.json" --data-urlencode "name=$1" \
    --data-urlencode "password=$PW" "${t[@]}" "$U/api/v1/session"
  CSRF[$1]=$(jq -r .csrf "$W/signin.json")
  [ -n "${CSRF[$1]}" ] && [ "${CSRF[$1]}" != null ] || { fail "$1 cannot sign in"; cat "$W/signin.json"; }
}
for w in "${WHO[@]}"; do [ "$w" = anon ] || signin "$w"; done

# ask WHO METHOD URL [FORM]: the status; the body in $W/body
ask() {
  local a=()
  [ "$1" != anon ] && a+=(-b "$W/jar.$1")
  if [ "${4:-}" = HDR ]; then a+=(-H "X-Reason: weging in het overleg")
  elif [ -n "${4:-}" ]; then a+=(-H "X-CSRF-Token: ${CSRF[$1]:-none}" --data "$4"); fi
  curl -s --interface "${ADDR[$1]}" -o "$W/body" -w '%{http_code}' -X "$2" "${a[@]}" "$U$3"
}
# has: "+" when the body names the signal, "-" when not
has() { grep -q 'S-2026-0001' "$W/body" && echo + || echo -; }

S=/api/v1/signals/S-2026-0001
R='reason=weging%20in%20het%20overleg'
# ACT | CELLS (mona nina olga hans dirk adam anon) | METHOD URL [FORM]; a cell
# is the status, with + or - when the list or export does or does not hold the signal
MATRIX="read | 200 403 404 404 200 404 401 | GET $S
read+reason | 200 200 404 404 200 404 401 | GET $S?$R
list | 200+ 200+ 200- 200- 200+ 200- 401 | GET /api/v1/signals
count | 200 200 400 400 400 400 401 | GET /api/v1/signals/counts?exact=1
count-suppressed | 200 200 200 200 200 200 401 | GET /api/v1/signals/counts
write | 200 403 404 404 200 404 401 | POST $S/status status=handed_over
write+reason | 200 200 404 404 200 404 401 | POST $S/status status=handed_over&$R
export | 200+ 200- 200- 200- 200- 200- 401 | GET /api/v1/signals/export
export+reason | 200+ 200+ 200- 200- 200- 200- 401 | GET /api/v1/signals/export?$R
read+header | 200 200 404 404 200 404 401 | GET $S HDR
history | 200 403 404 404 200 404 401 | GET $S/history
page | 200 403 404 404 200 404 401 | GET /signalen/S-2026-0001
page+reason | 200 200 404 404 200 404 401 | POST /signalen/S-2026-0001 reason=weging&open=1"
cells=0
while IFS= read -r row; do
  act=${row%% | *}
  rest=${row#* | }
  read -ra want <<<"${rest%% | *}"
  req=${rest#* | }
  read -r method url form <<<"$req"
  [ "${#want[@]}" -eq 7 ] || { fail "$act: ${#want[@]} cells, not 7"; continue; }
  for i in 0 1 2 3 4 5 6; do
    who=${WHO[$i]}
    f=${form:-}
    [ -n "$f" ] && [ "$f" != HDR ] && [ "${url#/signalen}" != "$url" ] && f="$f&csrf=${CSRF[$who]:-none}"
    got=$(ask "$who" "$method" "$url" "$f")
    case ${want[$i]} in *+ | *-) [ "$got" = 200 ] && got="$got$(has)" ;; esac
    cells=$((cells + 1))
    [ "$got" = "${want[$i]}" ] || { fail "$act as $who: $got, expected ${want[$i]}"; head -c 300 "$W/body"; echo; }
    # what the page shows: the signal for whom may open it, the reason form for a member who is not its handler
    if [ "$act" = page ] && { [ "$got" = 200 ] || [ "$got" = 403 ]; }; then
      form_there=$(grep -c 'ivp-reason-form' "$W/body")
      [ "$form_there" = "$([ "$who" = nina ] && echo 1 || echo 0)" ] || fail "page as $who: reason form $form_there"
      [ "$who" = nina ] || grep -q 'Hennepgeur uit schuur' "$W/body" || fail "page as $who: the signal is not shown"
    fi
    # a refusal says nothing of the record
    case $got in 404 | 403 | 400) grep -q 'Hennepgeur\|Kerkweg\|Karel' "$W/body" && fail "$act as $who: content in a refusal" ;; esac
  done
done <<<"$MATRIX"

# the suppressed counts: one signal, department, is "< 5" for everyone
ask hans GET /api/v1/signals/counts >/dev/null
jq -e '.rows[] | select(.phenomenon == "drugs") | .department == "< 5"' "$W/body" >/dev/null ||
  fail "suppressed counts: $(head -c 300 "$W/body")"
ask mona GET '/api/v1/signals/counts?exact=1' >/dev/null
jq -e '.rows[] | select(.phenomenon == "drugs") | .department == "1"' "$W/body" >/dev/null ||
  fail "exact counts: $(head -c 300 "$W/body")"

# the audit trail: each allowed access by who, with nina's reason; nothing by those refused
"$IVP" audit show --object signal:S-2026-0001 --format csv --lang en >"$W/audit.csv"
grep -q ',nina,.*,signal.read,signal:S-2026-0001,.*,weging in het overleg$' "$W/audit.csv" || fail "nina's read with its reason not audited"
grep -q 'dirk,.*signal.read,' "$W/audit.csv" || fail "dirk's read not audited"
grep -q 'mona,.*signal.export,' "$W/audit.csv" || fail "mona's export not audited"
grep -Eq '^([^,]*,){2}(olga|hans|adam),' "$W/audit.csv" && fail "a refused access is in the audit trail"
grep -q 'Hennepgeur\|Kerkweg\|Karel' "$W/audit.csv" && fail "content in the audit trail"
"$IVP" audit verify --lang en >"$W/verify" 2>&1 || fail "the audit chain does not verify: $(cat "$W/verify")"

n=$cells
[ "$cells" -ge 80 ] || fail "only $cells cells"
echo "signals access: $cells cells, $fails failed"
[ "$fails" -eq 0 ]
