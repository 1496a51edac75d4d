#!/usr/bin/env bash
# Users, sign-in and writes against a really running `ivp serve` on a fresh
# database: ivp user add; sign-in good and bad; the cookie's attributes;
# writes refused without a session (401), without or with a wrong CSRF
# token (403), for a viewer (403); an upload that makes a new figure
# visible; a measure update that ivp plan history shows with the user's
# name; sign-out that kills the cookie; the rate limit (429, Retry-After);
# the password in neither the log nor the database.
# usage: auth.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp"
PW='Zeer-geheim wachtwoord 42'
VPW='viewer passphrase 7'

# ---- a fresh database: code lists, population, values, the plan; users -------
{
  "$IVP" import codes "$EX/data/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/data/crime__WijkenEnBuurten.csv"
  "$IVP" import population "$EX/data/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import values "$EX/values.csv"
  "$IVP" plan import "$EX/plan.yaml" --user setup
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
printf '%s\n' "$PW" | "$IVP" user add anna --role editor >"$W/out" 2>&1 || fail "user add: $(cat "$W/out")"
printf '%s\n' "$VPW" | "$IVP" user add vera --role viewer >"$W/out" 2>&1 || fail "user add viewer: $(cat "$W/out")"
printf '%s\n' "$PW" | "$IVP" user add anna --role editor >/dev/null 2>&1 && fail "user add twice succeeded"
printf 'short\n' | "$IVP" user add bob --role editor >/dev/null 2>&1 && fail "user add with a short password succeeded"
"$IVP" user add carl --role editor --password "$PW" >/dev/null 2>&1 && fail "user add took the password as an argument"
"$IVP" user list --format json >"$W/users.json"
jq -e '[.rows[] | "\(.name):\(.role)"] == ["anna:editor", "vera:viewer"]' "$W/users.json" >/dev/null ||
  { fail "user list:"; cat "$W/users.json"; }
M=$("$IVP" plan progress --part measures --format json | jq -r '.rows[0].measure')
[ -n "$M" ] && [ "$M" != null ] || fail "no measure in the example plan"

# ---- start --------------------------------------------------------------------------
# 127.0.0.1 plays the TLS proxy in front (X-Forwarded-Proto is believed only from it)
serve "$W/log" --threads 2 --timeout 5 --trusted-proxy 127.0.0.1

# req NAME WANT_STATUS CURL_ARGS… : the body lands in $W/body, headers in $W/hdr
req() {
  local name=$1 want=$2; shift 2
  n=$((n + 1))
  local got
  got=$(curl -s -D "$W/hdr" -o "$W/body" -w '%{http_code}' "$@")
  if [ "$got" != "$want" ]; then
    fail "$name: status $got, expected $want"; head -c 400 "$W/body"; echo
    return 1
  fi
  return 0
}
jqt() {
  if ! jq -e "$2" "$W/body" >/dev/null 2>&1; then
    fail "$1: $2 does not hold on:"; head -c 400 "$W/body"; echo
  fi
}
hdr() {	# NAME REGEX : a response header line must match
  grep -Eiq "$2" "$W/hdr" || { fail "$1: no header matching $2 in:"; cat "$W/hdr"; }
}
cookie_of() { grep -i '^Set-Cookie: ivp_session=' "$W/hdr" | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r'; }

# ---- sign-in -------------------------------------------------------------------------
req signin-bad 401 -H 'Content-Type: application/json' \
  -d '{"name":"anna","password":"not the password"}' "$U/api/v1/session" &&
  jqt signin-bad '.code == "signin_failed" and (.hint|length) > 0'
grep -qi '^Set-Cookie' "$W/hdr" && fail "signin-bad set a cookie"
req signin-unknown 401 --data-urlencode 'name=nobody' --data-urlencode "password=$PW" "$U/api/v1/session"
req signin-json 200 -H 'Content-Type: application/json' \
  -d "$(jq -nc --arg p "$PW" '{name:"anna", password:$p}')" "$U/api/v1/session" &&
  jqt signin-json '.user == "anna" and .role == "editor" and (.csrf|length) == 43 and .expires > now'
hdr cookie-httponly '^Set-Cookie: ivp_session=[A-Za-z0-9_-]{43};.*; HttpOnly'
hdr cookie-samesite '^Set-Cookie: ivp_session=.*; SameSite=Strict'
hdr cookie-path '^Set-Cookie: ivp_session=.*; Path=/;'
hdr cookie-maxage '^Set-Cookie: ivp_session=.*; Max-Age=[0-9]+'
grep -i '^Set-Cookie' "$W/hdr" | grep -qi 'Secure' && fail "cookie Secure over plain HTTP"
# the form way, and behind a TLS proxy: Secure
req signin-form 200 -H 'X-Forwarded-Proto: https' --data-urlencode 'name=anna' --data-urlencode "password=$PW" "$U/api/v1/session"
hdr cookie-secure '^Set-Cookie: ivp_session=.*; Secure'
TOK=$(cookie_of); CSRF=$(jq -r .csrf "$W/body")
[ ${#TOK} = 43 ] || fail "session token is not 43 characters: '$TOK'"
C="ivp_session=$TOK"
req signin-vera 200 --data-urlencode 'name=vera' --data-urlencode "password=$VPW" "$U/api/v1/session"
VTOK=$(cookie_of); VCSRF=$(jq -r .csrf "$W/body")
[ "$VCSRF" != "$CSRF" ] || fail "two sessions share a CSRF token"

# ---- writes: the upload --------------------------------------------------------------
CSV="$EX/data/Misdrijven_2024.csv"
req figure-before 200 "$U/api/v1/indicators?area=GM1926&year=2024&indicator=totaal" && jqt figure-before '.rows[0].count == null'
req import-no-session 401 -F kind=crime -F "file=@$CSV" "$U/api/v1/imports" && jqt import-no-session '.code == "unauthorized"'
req import-no-csrf 403 -b "$C" -F kind=crime -F "file=@$CSV" "$U/api/v1/imports" && jqt import-no-csrf '.code == "csrf"'
req import-bad-csrf 403 -b "$C" -H "X-CSRF-Token: ${CSRF%?}x" -F kind=crime -F "file=@$CSV" "$U/api/v1/imports" &&
  jqt import-bad-csrf '.code == "csrf"'
req import-bad-csrf-field 403 -b "$C" -F csrf=wrong -F kind=crime -F "file=@$CSV" "$U/api/v1/imports"
req import-other-csrf 403 -b "$C" -H "X-CSRF-Token: $VCSRF" -F kind=crime -F "file=@$CSV" "$U/api/v1/imports"
req import-viewer 403 -b "ivp_session=$VTOK" -H "X-CSRF-Token: $VCSRF" -F kind=crime -F "file=@$CSV" "$U/api/v1/imports" &&
  jqt import-viewer '.code == "forbidden"'
req sources-unchanged 200 "$U/api/v1/sources" && jqt sources-unchanged '[.rows[] | select(.kind == "crime")] | length == 0'
req import 201 -b "$C" -H "X-CSRF-Token: $CSRF" -F kind=crime -F "file=@$CSV" "$U/api/v1/imports" &&
  jqt import '.rows > 0 and .unchanged == false'
req figure-after 200 "$U/api/v1/indicators?area=GM1926&year=2024&indicator=totaal" && jqt figure-after '.rows[0].count == 1771'
req sources-who 200 -b "$C" "$U/api/v1/sources" && jqt sources-who '[.rows[] | select(.kind == "crime") | .imported_by] == ["anna"]'
# who imported is a staff name: not for anonymous readers
req sources-who-anonymous 200 "$U/api/v1/sources" && jqt sources-who-anonymous '[.rows[] | .imported_by] | unique == [null]'
# the record holds the name uploaded, never the server's temporary copy
req sources-file 200 "$U/api/v1/sources" && jqt sources-file '[.rows[] | select(.kind == "crime") | .file] == ["Misdrijven_2024.csv"]'
# the token as form field does as well as the header
req import-csrf-field 200 -b "$C" -F "csrf=$CSRF" -F kind=crime -F "file=@$CSV" "$U/api/v1/imports" && jqt import-csrf-field '.unchanged == true'

# ---- writes: a measure's progress -----------------------------------------------------------
P="$U/api/v1/measures/$M/progress"
req measure-no-session 401 -d 'status=running' "$P"
req measure-no-csrf 403 -b "$C" -d 'status=running' "$P"
req measure-bad-csrf 403 -b "$C" -d "status=running&csrf=x$CSRF" "$P"
req measure-viewer 403 -b "ivp_session=$VTOK" -H "X-CSRF-Token: $VCSRF" -d 'status=running' "$P"
req measure-unknown 404 -b "$C" -H "X-CSRF-Token: $CSRF" -d 'status=running' "$U/api/v1/measures/M-none/progress"
req measure-bad-status 400 -b "$C" -H "X-CSRF-Token: $CSRF" -d 'status=finished' "$P"
req measure-bad-spent 400 -b "$C" -H "X-CSRF-Token: $CSRF" -d 'spent=24=1' "$P"
req measure 200 -b "$C" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
  -d '{"status":"stopped","note":"stopped via the API","spent":["2024=1234"]}' "$P" &&
  jqt measure '.by == "anna" and (.summary | test("stopped"))'
req measure-form 200 -b "$C" -d "note=second+entry&csrf=$CSRF" "$P"
"$IVP" plan history --format json >"$W/history.json"
jq -e '[.rows[] | select(.kind == "update") | .by] == ["anna", "anna"] and (.rows[-2].summary | test("stopped"))' "$W/history.json" >/dev/null ||
  { fail "ivp plan history does not show anna's updates:"; cat "$W/history.json"; }
req plan-history 200 "$U/api/v1/plan/history" && jqt plan-history '(.rows | length) == 3 and ([.rows[].by] | unique == [null])'
req plan-history-who 200 -b "$C" "$U/api/v1/plan/history" && jqt plan-history-who '[.rows[] | select(.kind == "update") | .by] == ["anna", "anna"]'
req plan 200 "$U/api/v1/plan" && jqt plan ".version == 3 and .plan.id == \"ivp-pn-2023-2026\" and ([.plan | .. | objects | select(.id == \"$M\") | .status] == [\"stopped\"])"
req plan-progress 200 "$U/api/v1/plan/progress?year=2024" &&
  jqt plan-progress "(.goals.rows | length) > 0 and ([.measures.rows[] | select(.measure == \"$M\") | .status] == [\"stopped\"]) and (.priorities.rows|length) > 0 and (.budget.rows|length) > 0"
req plan-progress-bad 400 "$U/api/v1/plan/progress?year=20x4"

# ---- sign-out ------------------------------------------------------------------------------------
req signout-no-csrf 403 -b "$C" -X DELETE "$U/api/v1/session"
req signout 200 -b "$C" -H "X-CSRF-Token: $CSRF" -X DELETE "$U/api/v1/session"
hdr signout-clears '^Set-Cookie: ivp_session=; .*Max-Age=0'
req after-signout 401 -b "$C" -H "X-CSRF-Token: $CSRF" -d 'status=running' "$P"
req after-signout-delete 401 -b "$C" -H "X-CSRF-Token: $CSRF" -X DELETE "$U/api/v1/session"

# ---- rate limit: 5 failures per 15 minutes per name and per address --------------------------------
# so far 2 failures from this address (signin-bad, signin-unknown); 3 more reach 5
for i in 1 2 3; do
  req "signin-fail-$i" 401 --data-urlencode 'name=anna' --data-urlencode "password=guess $i" "$U/api/v1/session"
done
req signin-limited 429 --data-urlencode 'name=anna' --data-urlencode "password=guess 4" "$U/api/v1/session" &&
  jqt signin-limited '.code == "too_many_attempts"'
hdr retry-after '^Retry-After: [1-9][0-9]*'
# the right password does not help while the limit holds (it is not even checked)
req signin-limited-good 429 --data-urlencode 'name=anna' --data-urlencode "password=$PW" "$U/api/v1/session"
req signin-limited-vera 429 --data-urlencode 'name=vera' --data-urlencode "password=$VPW" "$U/api/v1/session"
# the CLI can still end a lock-out's cause: a new password ends the sessions
printf '%s\n' "$VPW new" | "$IVP" user passwd vera >/dev/null 2>&1 || fail "user passwd"
req vera-after-passwd 401 -b "ivp_session=$VTOK" -H "X-CSRF-Token: $VCSRF" -X DELETE "$U/api/v1/session"

# ---- secrets: neither in the log nor in the database -------------------------------------------------
kill -TERM "$PID"; wait "$PID"; PID=
"$IVP" user remove vera >/dev/null || fail "user remove"
"$IVP" user list --format json | jq -e '[.rows[].name] == ["anna"]' >/dev/null || fail "user remove left vera"
grep -q 'POST /api/v1/session 200 ' "$W/log" || fail "access log lacks the sign-in"
for secret in "$PW" "$VPW" "$TOK" "$CSRF" "$VTOK"; do
  if grep -aqF "$secret" "$W/log"; then fail "the log holds a secret (${secret:0:4}…)"; fi
  if dbdump | grep -aqF "$secret"; then fail "the database holds a secret (${secret:0:4}…)"; fi
done
dbq "SELECT pwhash FROM app_user" | grep -q '^\$argon2id\$' || fail "the password is not an argon2id hash"

if [ $fails -ne 0 ]; then
  echo "--- server log:"; tail -30 "$W/log"
  echo "$fails of $n requests/checks failed"; exit 1
fi
echo "ok auth: $n requests"
