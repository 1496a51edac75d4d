#!/usr/bin/env bash
# The case register's per-record access matrix (docs/cases.md "Who sees a
# case"), on a live server: one case registered by zora (zvh) with dirk
# (zvh) as its process director, politie taking part, reclassering joined
# and left. Then every cell of 8 callers × 5 acts is asserted:
#
#   callers: pia   member of the register, politie (participant, not the handler)
#            mona  member of the register, halt (not in the case)
#            nina  politie, not a member of the register
#            otto  ggd (another organisation), not a member
#            dirk  the process director (member, zvh)
#            lena  member, reclassering (joined, then left the case)
#            adam  admin, not a member
#            anon  not signed in
#   acts:    read (GET /api/v1/cases/{id}, with a reason for pia), list (is the
#            case in GET /api/v1/cases), count (GET /api/v1/cases/counts: 1 case
#            is "< 5", never 1), write (POST a note), export (GET …/export)
#
# and the same decision on the CLI (ivp cases show/list/note/export for each
# signed-in caller); the pages answer 404, never 403, for a case one may not
# see; a note limited to its own organisation is not shown to another; a
# participant without a reason gets the reason form, not the case; every
# access is in the audit trail with its reason. Members sign in with TOTP.
# usage: cases_access.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PW='Zeer-geheim wachtwoord 42'
export IVP_KEYS="$W/keys"
ATT="$(dirname "$0")/attack.js"
WHO=(pia mona nina otto dirk lena adam anon)
MEMBERS=(zora dirk pia mona lena)
declare -A ORG=([zora]=zvh [dirk]=zvh [pia]=politie [mona]=halt [nina]=politie [otto]=ggd [lena]=reclassering
  [adam]=gemeente)
declare -A ADDR=([pia]=127.0.0.40 [mona]=127.0.0.41 [nina]=127.0.0.42 [otto]=127.0.0.43 [dirk]=127.0.0.44
  [lena]=127.0.0.45 [adam]=127.0.0.46 [anon]=127.0.0.47 [zora]=127.0.0.48)

{
  "$IVP" init
  for o in "zvh care" "politie police" "halt youth" "ggd care" "reclassering justice"; do
    set -- $o
    "$IVP" org add "$1" "Organisatie $1" --kind "$2" --lang en
  done
  for u in zora dirk pia mona nina otto lena; do
    printf '%s\n' "$PW" | "$IVP" user add "$u" --role viewer --org "${ORG[$u]}" --lang en
  done
  printf '%s\n' "$PW" | "$IVP" user add adam --role admin --org gemeente --lang en
  "$IVP" keys init --keys "$IVP_KEYS" --user adam --lang en
  for u in "${MEMBERS[@]}" adam; do
    "$IVP" user totp "$u" --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/$u.totp"
  done
  for u in "${MEMBERS[@]}"; do "$IVP" registers grant cases "$u" --user adam --lang en; done
  "$IVP" cases add --user zora --lang en --date 2026-03-02 --name "Kees Geheimnaam" --birth 1990-05-17 \
    --bsn 111222333 --address "Geheimstraat 17" --reason "overlast en verslaving" --goal "een plan van aanpak" \
    --criteria multi_domain,chains --wijk BU19260103 --director dirk
  "$IVP" cases org add C-2026-0001 politie --date 2026-03-03 --user dirk --lang en
  "$IVP" cases org add C-2026-0001 reclassering --date 2026-03-03 --user dirk --lang en
  "$IVP" cases org leave C-2026-0001 reclassering --date 2026-03-10 --user dirk --lang en
  "$IVP" cases note C-2026-0001 --text "alleen voor zvh: Vertrouwelijkzvh" --own-org --user dirk --lang en
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
for u in "${MEMBERS[@]}" adam; do
  [ -s "$W/$u.totp" ] || { echo "FAIL setup: no TOTP secret for $u"; cat "$W/setup.log"; exit 1; }
done
ID=C-2026-0001

# ---- the CLI: the same decision for the operator ---------------------------------------
# cli WHO ACT: exit status of the act on the command line
cli() {
  local who=$1 act=$2 r=()
  [ "$who" = pia ] && r=(--reason "weekly triage")
  case $act in
  read) "$IVP" cases show "$ID" --user "$who" --lang en "${r[@]}" >"$W/cli.out" 2>&1 ;;
  list) "$IVP" cases list --user "$who" --lang en --format csv >"$W/cli.out" 2>&1 && grep -q "^$ID," "$W/cli.out" ;;
  count) "$IVP" cases counts --by status --lang en --format csv >"$W/cli.out" 2>&1 &&
    grep -q '^registered,,< 5$' "$W/cli.out" ;;
  write) "$IVP" cases note "$ID" --text "cli note by $who" --user "$who" --lang en "${r[@]}" >"$W/cli.out" 2>&1 ;;
  export) "$IVP" cases export "$ID" --user "$who" --lang en "${r[@]}" >"$W/cli.out" 2>&1 ;;
  esac
}
# cells: 1 allowed (for pia: with a reason), 0 refused as not found
declare -A CLI=([pia]="1 1 1 1 1" [mona]="0 0 1 0 0" [nina]="0 0 1 0 0" [otto]="0 0 1 0 0" [dirk]="1 1 1 1 1"
  [lena]="0 0 1 0 0" [adam]="0 0 1 0 0")
ACTS=(read list count write export)
for who in pia mona nina otto dirk lena adam; do
  read -ra want <<<"${CLI[$who]}"
  for k in 0 1 2 3 4; do
    n=$((n + 1))
    if cli "$who" "${ACTS[$k]}"; then got=1; else got=0; fi
    [ "$got" = "${want[$k]}" ] || { fail "cli ${ACTS[$k]} as $who: $got, expected ${want[$k]}"; cat "$W/cli.out"; }
    if [ "$got" = 0 ] && [ "${ACTS[$k]}" != list ] && [ "${ACTS[$k]}" != count ]; then
      grep -q "case $ID not found" "$W/cli.out" || { fail "cli ${ACTS[$k]} as $who: not the not-found message"; cat "$W/cli.out"; }
    fi
  done
done
# a participant without a reason is refused with case_reason_required, the handler is not
"$IVP" cases show "$ID" --user pia --lang en >"$W/cli.out" 2>&1 && fail "pia read the case without a reason"
grep -q "a reason is needed to open case $ID" "$W/cli.out" || { fail "pia: no reason message"; cat "$W/cli.out"; }
"$IVP" cases show "$ID" --user dirk --lang en >"$W/cli.out" 2>&1 || fail "dirk could not read his case"
grep -q "Kees Geheimnaam" "$W/cli.out" || fail "dirk's show lacks the name"

# ---- HTTP ---------------------------------------------------------------------------------
serve "$W/log" --threads 4 --timeout 10 --keys "$IVP_KEYS"
# signin WHO JAR: a session of WHO (members and the admin with their TOTP code); prints its CSRF token
signin() {
  local t=()
  [ -s "$W/$1.totp" ] && t=(--data-urlencode "totp=$(node "$ATT" totp "$(cat "$W/$1.totp")" 0)")
  curl -s --interface "${ADDR[$1]}" -c "$2" -o "$W/signin.json" --data-urlencode "name=$1" \
    --data-urlencode "password=$PW" "${t[@]}" "$U/api/v1/session" && jq -r .csrf "$W/signin.json"
}
declare -A CSRF
for w in "${WHO[@]}"; do
  [ "$w" = anon ] && continue
  CSRF[$w]=$(signin "$w" "$W/jar.$w")
  [ -n "${CSRF[$w]}" ] && [ "${CSRF[$w]}" != null ] || { fail "$w cannot sign in"; cat "$W/signin.json"; }
done
# req WHO METHOD PATH [DATA]: the status; the body in $W/body
req() {
  local who=$1 a=()
  [ "$who" != anon ] && a+=(-b "$W/jar.$who" -H "X-CSRF-Token: ${CSRF[$who]}")
  [ $# -ge 4 ] && a+=(--data "$4")
  curl -s --interface "${ADDR[$who]}" -o "$W/body" -w '%{http_code}' -X "$2" "${a[@]}" "$U$3"
}
reason() { [ "$1" = pia ] && echo "reason=weekly%20triage"; }
# http WHO ACT: the status and, for list and count, whether the cell holds
http() {
  local who=$1 q; q=$(reason "$who")
  case $2 in
  read) req "$who" GET "/api/v1/cases/$ID${q:+?$q}" ;;
  list) s=$(req "$who" GET /api/v1/cases); [ "$s" = 200 ] && { jq -e --arg id "$ID" 'any(.rows[]; .id == $id)' "$W/body" >/dev/null && echo in || echo out; } || echo "$s" ;;
  count) s=$(req "$who" GET "/api/v1/cases/counts?by=status"); [ "$s" = 200 ] &&
    jq -r '.rows[] | select(.group == "registered") | "\(.shown)|\(.n)"' "$W/body" || echo "$s" ;;
  write) req "$who" POST "/api/v1/cases/$ID" "op=note&text=http%20note%20by%20$who${q:+&$q}" ;;
  export) req "$who" GET "/api/v1/cases/$ID/export${q:+?$q}" ;;
  esac
}
# cells: read list count write export
declare -A HTTP=(
  [pia]="200 in <_5|null 200 200"
  [mona]="404 out <_5|null 404 404"
  [nina]="404 out <_5|null 404 404"
  [otto]="404 out <_5|null 404 404"
  [dirk]="200 in <_5|null 200 200"
  [lena]="404 out <_5|null 404 404"
  [adam]="404 out <_5|null 404 404"
  [anon]="401 401 401 401 401")
for who in "${WHO[@]}"; do
  read -ra want <<<"${HTTP[$who]}"
  for k in 0 1 2 3 4; do
    n=$((n + 1))
    got=$(http "$who" "${ACTS[$k]}")
    [ "$got" = "${want[$k]//_/ }" ] || { fail "http ${ACTS[$k]} as $who: $got, expected ${want[$k]//_/ }"; head -c 300 "$W/body"; echo; }
    if [ "$got" = 404 ]; then
      grep -q "Kees\|Geheim\|111222333" "$W/body" && fail "http ${ACTS[$k]} as $who: the 404 shows content"
    fi
  done
done
# what the handler reads: the person, the note of its own organisation
req dirk GET "/api/v1/cases/$ID" >/dev/null
grep -q "Kees Geheimnaam" "$W/body" || fail "dirk's read lacks the name"
grep -q "Vertrouwelijkzvh" "$W/body" || fail "dirk does not see zvh's own note"
# a note limited to its own organisation (zvh) is not shown to politie
req pia GET "/api/v1/cases/$ID?reason=weekly%20triage" >/dev/null
grep -q "Vertrouwelijkzvh" "$W/body" && fail "pia (politie) sees a note limited to zvh"
grep -q "http note by dirk" "$W/body" || fail "pia does not see dirk's ordinary note"
# the pages: 404 (never 403) for a case one may not see; the reason form for pia; the case for dirk
for who in mona nina otto lena adam; do
  n=$((n + 1))
  s=$(req "$who" GET "/casussen/$ID")
  [ "$s" = 404 ] || fail "page /casussen/$ID as $who: $s, expected 404"
done
n=$((n + 1))
s=$(req pia GET "/casussen/$ID")
[ "$s" = 200 ] && grep -q 'name="reason"' "$W/body" && ! grep -q "Kees" "$W/body" ||
  fail "pia without a reason: status $s, not the reason form"
s=$(req pia POST "/casussen/$ID" "reason=weekly%20triage&csrf=${CSRF[pia]}")
[ "$s" = 200 ] && grep -q "Kees Geheimnaam" "$W/body" || fail "pia with a reason: status $s, not the case"
grep -q "Vertrouwelijkzvh" "$W/body" && fail "the page shows pia zvh's own note"
s=$(req dirk GET "/casussen/$ID")
[ "$s" = 200 ] && grep -q "Kees Geheimnaam" "$W/body" && grep -q "Vertrouwelijkzvh" "$W/body" ||
  fail "dirk's page: status $s"
# a BSN with a wrong check digit: 400, the error beside the field bsn
# (zora signs in for this one)
CSRF[zora]=$(signin zora "$W/jar.zora")
s=$(req zora POST /casussen "name=X&birth=1990-01-01&bsn=111222334&reason=r&csrf=${CSRF[zora]}")
n=$((n + 1))
[ "$s" = 400 ] && grep -q 'id="f-register-bsn-error"' "$W/body" && grep -q 'aria-invalid="true" aria-describedby="f-register-bsn-error"' "$W/body" ||
  fail "wrong check digit: status $s, no error beside the bsn field"
# a duplicate registration: mona (not in the case) is told an open case exists, without its id
s=$(req mona POST /api/v1/cases "name=Y&birth=1990-05-17&bsn=111222333&reason=r")
n=$((n + 1))
[ "$s" = 400 ] && jq -e '.reason == "case_duplicate"' "$W/body" >/dev/null && ! grep -q "$ID" "$W/body" ||
  { fail "mona's duplicate: $s"; cat "$W/body"; }
s=$(req dirk POST /api/v1/cases "name=Y&birth=1990-05-17&bsn=111222333&reason=r")
[ "$s" = 400 ] && grep -q "$ID" "$W/body" || { fail "dirk's duplicate does not name $ID: $s"; cat "$W/body"; }

# ---- the audit trail: every access with its reason, nothing of the content -------------------
"$IVP" audit show --object "case:$ID" --format csv --lang en >"$W/audit.csv" 2>&1 || fail "audit show"
grep -q "case.read" "$W/audit.csv" || fail "no case.read entry"
grep -q "case.export" "$W/audit.csv" || fail "no case.export entry"
grep -q "case.duplicate" "$W/audit.csv" || fail "no case.duplicate entry"
grep -q "Kees\|Geheim\|111222333" "$W/audit.csv" && fail "the audit trail holds the case's content"
"$IVP" audit verify --lang en >/dev/null 2>&1 || fail "the audit chain does not verify"

echo "case access matrix: $n cases (8 callers × 5 acts on the CLI and over HTTP, pages, notes, duplicates)"
[ "$fails" -eq 0 ] && echo "cases_access: all passed" || { echo "cases_access: $fails failed"; exit 1; }
