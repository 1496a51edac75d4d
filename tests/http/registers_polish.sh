#!/usr/bin/env bash
# What issue 13 asked of the registers beyond their first build (part
# regpolish), against a live server with a key file:
#  - the members' list of what expires next month (/signalen/verloop,
#    /casussen/verloop, /api/v1/{signals,cases}/expiry) with a fixed clock
#    (?as_of=): a record that expires in the month is there with its date
#    and rule, one that expires later is not, a case the member may not list
#    is not, no personal field is, non-members (an admin too) get 404, the
#    access is in the audit trail, and the registers' start pages link it;
#  - multi-line texts: a textarea's CRLF is stored as LF (API and pages, a
#    JSON body too) and shown with line breaks, escaped; a line break in a
#    one-line field and any other control character are still refused;
#  - correcting a case's person (casefix): the case page's form prefilled,
#    a bad BSN refused beside its field, a correction saved and shown, the
#    API's 404 for a member outside the case and for a non-member, and the
#    audit entry naming the fields without their values;
#  - issue 13's cosmetic leftovers (issue 15, part regchart): the list tables'
#    dates in the reader's format with ISO in <time datetime>, never an ISO
#    date as a cell's text; a note's kind "notitie" in the case's list as in
#    its form (not the column word "toelichting"); the signal's history under
#    its heading without a caption that repeats it.
# Members sign in with TOTP.
# usage: registers_polish.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PW='Zeer-geheim wachtwoord 42'
export IVP_KEYS="$W/keys"
declare -A ADDR=([mona]=127.0.0.60 [nina]=127.0.0.61 [olga]=127.0.0.62 [adam]=127.0.0.63 [anon]=127.0.0.64)

{
  "$IVP" init
  "$IVP" org add zvh "Zorg- en Veiligheidshuis" --kind care --lang en
  for u in "mona viewer gemeente" "nina viewer zvh" "olga viewer gemeente" "adam admin gemeente"; do
    set -- $u
    printf '%s\n' "$PW" | "$IVP" user add "$1" --role "$2" --org "$3" --lang en
  done
  "$IVP" keys init --user adam --lang en
  for u in mona nina adam; do
    "$IVP" user totp "$u" --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/$u.totp"
  done
  "$IVP" registers grant signals mona --user adam --lang en
  "$IVP" registers grant cases mona --user adam --lang en
  "$IVP" registers grant cases nina --user adam --lang en
  # S-2025-0001: weighed "no action" on 2025-12-10, expires 2026-12-10 (12 months)
  "$IVP" signals add --user mona --lang en --received 2025-12-01 --source resident --phenomenon drugs \
    --description "Hennepgeur Verloopgeheim" --persons "Piet Verloopnaam"
  "$IVP" signals weigh S-2025-0001 --user mona --lang en --date 2025-12-10 --outcome none
  # S-2026-0001: weighed on 2026-03-12, expires 2027-03-12: not in December's list
  "$IVP" signals add --user mona --lang en --received 2026-03-02 --source police --phenomenon other \
    --description "later"
  "$IVP" signals weigh S-2026-0001 --user mona --lang en --date 2026-03-12 --outcome none
  # C-2024-0001 (mona's, gemeente) closed 2024-12-15: expires 2026-12-15 (24 months);
  # C-2024-0002 (nina's, zvh only) closed 2024-12-20: mona may not list it
  "$IVP" cases add --user mona --lang en --date 2024-11-01 --name "Kees Verloopnaam" --birth 1990-05-17 \
    --bsn 111222333 --reason r
  "$IVP" cases status C-2024-0001 closed --text "klaar" --date 2024-12-15 --user mona --lang en
  "$IVP" cases add --user nina --lang en --date 2024-11-02 --name "Anna Ander" --birth 1991-01-01 \
    --bsn 100000009 --reason r
  "$IVP" cases status C-2024-0002 declined --text "geen casus" --date 2024-12-20 --user nina --lang en
  "$IVP" cases add --user mona --lang en --date 2026-03-01 --name "Open Zaak" --birth 1992-01-01 \
    --bsn 100000010 --reason r
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
for u in mona nina adam; do [ -s "$W/$u.totp" ] || { echo "FAIL setup: no TOTP secret for $u"; exit 1; }; done

serve "$W/log" --threads 2 --timeout 10 --keys "$IVP_KEYS"

declare -A CSRF
signin() {
  local t=()
  [ -s "$W/$1.totp" ] && t=(--data-urlencode "totp=$(node "$ROOT/tests/http/attack.js" totp "$(cat "$W/$1.totp")" 0)")
  curl -s --interface "${ADDR[$1]}" -c "$W/jar.$1" -o "$W/signin.json" --data-urlencode "name=$1" \
    --data-urlencode "password=$PW" "${t[@]}" "$U/api/v1/session"
  CSRF[$1]=$(jq -r .csrf "$W/signin.json")
  [ -n "${CSRF[$1]}" ] && [ "${CSRF[$1]}" != null ] || { fail "$1 cannot sign in"; cat "$W/signin.json"; }
}
for w in mona nina olga adam; do signin "$w"; done

# ask WHO METHOD URL [BODY [CONTENT-TYPE]]: the status; the body in $W/body
ask() {
  local a=()
  [ "$1" != anon ] && a+=(-b "$W/jar.$1")
  [ -n "${4:-}" ] && a+=(-H "X-CSRF-Token: ${CSRF[$1]:-none}" --data-binary "$4")
  [ -n "${5:-}" ] && a+=(-H "Content-Type: $5")
  curl -s --interface "${ADDR[$1]}" -o "$W/body" -w '%{http_code}' -X "$2" "${a[@]}" "$U$3"
}
# expect WHAT WANT GOT
expect() {
  n=$((n + 1))
  [ "$2" = "$3" ] || fail "$1: want $2, got $3 ($(head -c 300 "$W/body"))"
}
inbody() { # inbody WHAT STRING: the body holds STRING
  n=$((n + 1))
  grep -qF -- "$2" "$W/body" || fail "$1: no \"$2\" in $(head -c 400 "$W/body")"
}
notinbody() {
  n=$((n + 1))
  ! grep -qF -- "$2" "$W/body" || fail "$1: \"$2\" in the answer"
}

# ---- the expiry list, API ------------------------------------------------------------------
expect "signals expiry, member" 200 "$(ask mona GET '/api/v1/signals/expiry?as_of=2026-12-01')"
n=$((n + 1))
jq -e '.rows == [{"id":"S-2025-0001","kind":"signal","expires":"2026-12-10","rule":"not_taken_up","months":12}]' \
  "$W/body" >/dev/null || fail "signals expiry rows: $(jq -c .rows "$W/body")"
notinbody "signals expiry: no content" "Verloopgeheim"
expect "signals expiry a year on" 200 "$(ask mona GET '/api/v1/signals/expiry?as_of=2027-02-20')"
n=$((n + 1))
jq -e '[.rows[].id] == ["S-2025-0001","S-2026-0001"]' "$W/body" >/dev/null ||
  fail "signals expiry on 2027-02-20: $(jq -c .rows "$W/body")"
expect "signals expiry, non-member" 404 "$(ask olga GET '/api/v1/signals/expiry?as_of=2026-12-01')"
notinbody "signals expiry, non-member: nothing named" "S-2025-0001"
expect "signals expiry, member of the other register" 404 "$(ask nina GET '/api/v1/signals/expiry?as_of=2026-12-01')"
expect "signals expiry, admin" 404 "$(ask adam GET '/api/v1/signals/expiry?as_of=2026-12-01')"
expect "signals expiry, anonymous" 401 "$(ask anon GET '/api/v1/signals/expiry?as_of=2026-12-01')"
expect "signals expiry, bad date" 400 "$(ask mona GET '/api/v1/signals/expiry?as_of=2026-13-01')"

expect "cases expiry, mona" 200 "$(ask mona GET '/api/v1/cases/expiry?as_of=2026-12-01')"
n=$((n + 1))
jq -e '.rows == [{"id":"C-2024-0001","kind":"case","expires":"2026-12-15","rule":"closed","months":24}]' \
  "$W/body" >/dev/null || fail "cases expiry rows for mona: $(jq -c .rows "$W/body")"
notinbody "cases expiry: no person" "Verloopnaam"
expect "cases expiry, nina" 200 "$(ask nina GET '/api/v1/cases/expiry?as_of=2026-12-01')"
n=$((n + 1))
jq -e '[.rows[].id] == ["C-2024-0002"]' "$W/body" >/dev/null || fail "cases expiry rows for nina: $(jq -c .rows "$W/body")"
expect "cases expiry, non-member" 404 "$(ask olga GET '/api/v1/cases/expiry?as_of=2026-12-01')"
expect "cases expiry, admin" 404 "$(ask adam GET '/api/v1/cases/expiry?as_of=2026-12-01')"
expect "cases expiry in November: nothing yet" 200 "$(ask mona GET '/api/v1/cases/expiry?as_of=2026-11-01')"
n=$((n + 1))
jq -e '.rows == []' "$W/body" >/dev/null || fail "cases expiry on 2026-11-01: $(jq -c .rows "$W/body")"

# ---- the expiry pages ---------------------------------------------------------------------------
expect "signals expiry page nl" 200 "$(ask mona GET '/signalen/verloop?as_of=2026-12-01&lang=nl')"
inbody "signals expiry page nl: the date" "10 december 2026"
inbody "signals expiry page nl: the rule" "niet opgepakt: 12 maanden na de weging"
inbody "signals expiry page nl: the link" 'href="/signalen/S-2025-0001"'
notinbody "signals expiry page nl: the later signal" "S-2026-0001"
notinbody "signals expiry page nl: no content" "Verloopgeheim"
expect "signals expiry page en" 200 "$(ask mona GET '/signalen/verloop?as_of=2026-12-01&lang=en')"
inbody "signals expiry page en: the date" "10 December 2026"
inbody "signals expiry page en: the rule" "not taken up: 12 months after the weighing"
expect "cases expiry page nl" 200 "$(ask mona GET '/casussen/verloop?as_of=2026-12-01&lang=nl')"
inbody "cases expiry page nl" "15 december 2026"
inbody "cases expiry page nl: the rule" "gesloten of afgewezen: 24 maanden"
notinbody "cases expiry page nl: nina's case" "C-2024-0002"
notinbody "cases expiry page nl: no person" "Kees"
expect "cases expiry page, nothing" 200 "$(ask mona GET '/casussen/verloop?as_of=2026-10-01&lang=nl')"
inbody "cases expiry page, nothing" "Er verloopt de komende maand niets dat u mag zien."
expect "signals expiry page, non-member" 404 "$(ask olga GET '/signalen/verloop?lang=nl')"
expect "cases expiry page, admin" 404 "$(ask adam GET '/casussen/verloop?lang=nl')"
expect "signals start page" 200 "$(ask mona GET '/signalen?lang=nl')"
inbody "signals start page links the expiry" 'href="/signalen/verloop"'
expect "cases start page" 200 "$(ask mona GET '/casussen?lang=nl')"
inbody "cases start page links the expiry" 'href="/casussen/verloop"'
n=$((n + 1))
[ "$("$IVP" audit show --object signal:expiry --lang en --format csv | grep -c 'signal.expiry')" -ge 3 ] ||
  fail "the signals expiry list is not audited: $("$IVP" audit show --object signal:expiry --lang en --format csv)"
n=$((n + 1))
"$IVP" audit show --object case:expiry --lang en --format csv | grep -q ',nina,.*,case.expiry,case:expiry' ||
  fail "nina's cases expiry list is not audited"
n=$((n + 1))
! "$IVP" audit show --object signal:expiry --lang en --format csv | grep -q olga ||
  fail "a refused expiry list is audited"

# ---- multi-line texts -----------------------------------------------------------------------------
expect "API: a description of two lines" 200 "$(ask mona POST /api/v1/signals \
  'received=2026-04-01&source=resident&phenomenon=drugs&description=regel%20een%0D%0Aregel%20%3Ctwee%3E&persons=A.%0AB.')"
SID=$(jq -r '.rows[0].id // .id // empty' "$W/body")
[ -n "$SID" ] || SID=S-2026-0002
n=$((n + 1))
"$IVP" signals show "$SID" --user mona --lang en --format json >"$W/show.json" 2>&1
jq -e '.rows[0].description == "regel een\nregel <twee>" and .rows[0].persons == "A.\nB."' "$W/show.json" >/dev/null ||
  fail "the description is not stored with LF: $(cat "$W/show.json")"
expect "page: the signal" 200 "$(ask mona GET "/signalen/$SID?lang=nl")"
inbody "page: the lines with a break, escaped" "regel een<br>"
inbody "page: the second line escaped" "regel &lt;twee&gt;"
expect "API: a line break in the address" 400 "$(ask mona POST /api/v1/signals \
  'received=2026-04-01&source=resident&phenomenon=drugs&description=x&address=Kerkweg%0A7')"
expect "API: another control character" 400 "$(ask mona POST /api/v1/signals \
  'received=2026-04-01&source=resident&phenomenon=drugs&description=x%01y')"
expect "API JSON: a description of two lines" 200 "$(ask mona POST /api/v1/signals \
  '{"received":"2026-04-02","source":"resident","phenomenon":"drugs","description":"json een\r\njson twee"}' application/json)"
n=$((n + 1))
"$IVP" signals list --user mona --lang en --format csv | grep -q 2026-04-02 || fail "the JSON signal is missing"
expect "page form: a description of two lines" 303 "$(ask mona POST /signalen/nieuw \
  "received=2026-04-03&source=resident&phenomenon=drugs&description=pagina%20een%0D%0Apagina%20twee&csrf=${CSRF[mona]}")"
n=$((n + 1))
"$IVP" signals export --user mona --reason "test" --lang en --format json | jq -e \
  '[.rows[] | select(.description == "pagina een\npagina twee")] | length == 1' >/dev/null ||
  fail "the page's description is not stored with LF"
expect "weighing texts of several lines" 200 "$(ask mona POST "/api/v1/signals/$SID/weighing" \
  'date=2026-04-05&outcome=inquiry&checks=BRP%3A%20hit%0D%0AKvK%3A%20no%20hit&result=nog%0Aopen')"
expect "page: the weighing" 200 "$(ask mona GET "/signalen/$SID?lang=nl")"
inbody "page: the checks with a break" "BRP: hit<br>"
expect "case: a note of several lines" 200 "$(ask mona POST /api/v1/cases/C-2026-0001 \
  'op=note&text=eerste%20regel%0D%0Atweede%20regel')"
expect "case page" 200 "$(ask mona GET '/casussen/C-2026-0001?lang=nl')"
inbody "case page: the note with a break" "eerste regel<br>"
expect "case: a name of two lines" 400 "$(ask mona POST /api/v1/cases \
  'name=Jan%0AJansen&birth=1990-01-01&bsn=111222333&reason=r&duplicate_ok=1')"

# issue 13's cosmetic leftovers: dates, a note's kind, one heading per table
noiso() { # noiso WHAT: no table cell of the body shows an ISO date as its text
  n=$((n + 1))
  ! grep -Eq '<td class="utrecht-table__cell">[0-9]{4}-[0-9]{2}-[0-9]{2}' "$W/body" ||
    fail "$1: an ISO date as a cell's text: $(grep -Eo '<td class="utrecht-table__cell">[0-9]{4}-[0-9-]*' "$W/body" | head -3)"
}
expect "signals list nl" 200 "$(ask mona GET '/signalen?lang=nl')"
inbody "signals list nl: the date read and machine-readable" '<td class="utrecht-table__cell"><time datetime="2025-12-01">1 december 2025</time></td>'
noiso "signals list nl"
expect "signals list en" 200 "$(ask mona GET '/signalen?lang=en')"
inbody "signals list en: the date" '<time datetime="2026-03-02">2 March 2026</time>'
expect "signal page nl" 200 "$(ask mona GET '/signalen/S-2025-0001?lang=nl')"
inbody "signal page: the history under its heading" '<h2 class="utrecht-heading-2" id="geschiedenis">Statusgeschiedenis</h2><div class="ivp-table-wrap" role="region" tabindex="0" aria-labelledby="geschiedenis"><table class="utrecht-table" aria-labelledby="geschiedenis">'
notinbody "signal page: no caption repeating the heading" '<caption class="utrecht-table__caption">Statusgeschiedenis</caption>'
n=$((n + 1))
[ "$(grep -o '>Statusgeschiedenis<' "$W/body" | wc -l)" = 1 ] || fail "signal page: \"Statusgeschiedenis\" not once"
inbody "signal page: the history's time" '<time datetime="'
noiso "signal page"
expect "cases list nl" 200 "$(ask mona GET '/casussen?lang=nl')"
inbody "cases list nl: the date" '<td class="utrecht-table__cell"><time datetime="2026-03-01">1 maart 2026</time></td>'
noiso "cases list nl"
expect "case page nl: the notes" 200 "$(ask mona GET '/casussen/C-2026-0001?lang=nl')"
inbody "case page nl: a note's kind as its form says" '<td class="utrecht-table__cell">notitie</td>'
inbody "case page nl: the form's word" 'Notitie toevoegen'
notinbody "case page nl: not the column word" '<td class="utrecht-table__cell">toelichting</td>'
noiso "case page nl"
expect "case page en: the notes" 200 "$(ask mona GET '/casussen/C-2026-0001?lang=en')"
inbody "case page en: a note's kind" '<td class="utrecht-table__cell">note</td>'
inbody "case page en: the form's word" 'Add a note'

# casefix: correcting the person of mona's case C-2026-0001 ("Open Zaak")
expect "case page: the person form" 200 "$(ask mona GET '/casussen/C-2026-0001?lang=nl')"
inbody "case page: the form's heading" "Persoon corrigeren"
inbody "case page: the name prefilled" 'id="f-person-name" name="name" required value="Open Zaak"'
expect "case page: a BSN failing the 11-proef" 400 "$(ask mona POST /casussen/C-2026-0001 \
  "op=person&name=Open%20Zaak&birth=1992-01-01&bsn=100000011&csrf=${CSRF[mona]}")"
inbody "case page: the BSN error beside its field" 'id="f-person-bsn-error"'
inbody "case page: the BSN error as at registration" "11-proef"
expect "case page: the correction" 200 "$(ask mona POST /casussen/C-2026-0001 \
  "op=person&name=Open%20Verbeterd&birth=1992-01-02&bsn=100000010&address=&csrf=${CSRF[mona]}")"
inbody "case page: the corrected name" "Open Verbeterd"
expect "API: the person of a case outside one's organisation" 404 "$(ask nina POST /api/v1/cases/C-2026-0001/person \
  '{"name":"Iemand Anders"}' application/json)"
expect "API: the person by a non-member" 404 "$(ask olga POST /api/v1/cases/C-2026-0001/person 'name=Iemand')"
n=$((n + 1))
"$IVP" audit show --object case:C-2026-0001 --lang en --format csv >"$W/person.audit" 2>&1
grep -q 'person corrected: name,birth' "$W/person.audit" && ! grep -Eq 'Zaak|Verbeterd|Iemand|1992-01' "$W/person.audit" ||
  fail "the correction's audit entry: $(cat "$W/person.audit")"
n=$((n + 1))
"$IVP" audit verify --lang en >"$W/verify" 2>&1 || fail "the audit chain does not verify: $(cat "$W/verify")"

echo "registers_polish: $((n - fails)) of $n passed"
[ $fails -eq 0 ]
