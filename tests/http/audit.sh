#!/usr/bin/env bash
# The audit trail, the access log, file modes and backups against a really
# running `ivp serve` (issue 12 items 3 and 5, F4-F6): a failed and a good
# sign-in, a measure update and a sign-out are entries with the user and
# the client address; the access log line names both and no secret; /audit
# for an editor only; the database, -wal and -shm are 0600 under umask 022;
# backups taken while the server writes are consistent (integrity check and
# audit chain) and restore into another database, where a plain copy
# taken meanwhile is not guaranteed to be.
# usage: audit.sh IVP_BINARY
set -uo pipefail
umask 022
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp"
PW='Zeer-geheim wachtwoord 42'
VPW='viewer passphrase 7'

{
  "$IVP" import codes "$EX/data/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/data/crime__WijkenEnBuurten.csv"
  "$IVP" import values "$EX/values.csv"
  "$IVP" plan import "$EX/plan.yaml" --user setup
  printf '%s\n' "$PW" | "$IVP" user add anna --role editor --user setup
  printf '%s\n' "$VPW" | "$IVP" user add vera --role viewer --user setup
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
M=M-digi PLAN=ivp-pn-2023-2026 # a measure of the example plan, and the plan's id

serve "$W/log" --threads 2 --timeout 5

code() { n=$((n + 1)); curl -s -o "$W/body" -D "$W/hdr" -w '%{http_code}' "$@"; }
cookie_of() { grep -i '^Set-Cookie: ivp_session=' "$W/hdr" | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r'; }

# ---- sign-in, a write, sign-out ---------------------------------------------------
[ "$(code --data-urlencode name=anna --data-urlencode 'password=wrong password' "$U/api/v1/session")" = 401 ] ||
  fail "a wrong password was not refused"
[ "$(code --data-urlencode name=anna --data-urlencode "password=$PW" "$U/api/v1/session")" = 200 ] ||
  fail "anna could not sign in"
C="ivp_session=$(cookie_of)"; CSRF=$(jq -r .csrf "$W/body")
[ "$(code -b "$C" -H "X-CSRF-Token: $CSRF" -d status=running -d 'note=audit test' "$U/api/v1/measures/$M/progress")" = 200 ] ||
  fail "measure update: $(head -c 300 "$W/body")"
# /audit: editors only
[ "$(code -b "$C" "$U/audit?object=measure:$PLAN/$M")" = 200 ] || fail "/audit for an editor"
grep -q 'measure.update' "$W/body" || fail "/audit lacks the measure update"
[ "$(code "$U/audit")" = 401 ] || fail "/audit without a session is not refused"
[ "$(code --data-urlencode name=vera --data-urlencode "password=$VPW" "$U/api/v1/session")" = 200 ] || fail "vera"
V="ivp_session=$(cookie_of)"
[ "$(code -b "$V" "$U/audit")" = 403 ] || fail "/audit for a viewer is not refused"
[ "$(code -X DELETE -b "$C" -H "X-CSRF-Token: $CSRF" "$U/api/v1/session")" = 200 ] || fail "sign-out"

"$IVP" audit show --format json >"$W/trail.json"
for want in 'signin.failed|anna|127.0.0.1|user:anna' 'signin|anna|127.0.0.1|user:anna' \
            "measure.update|anna|127.0.0.1|measure:$PLAN/$M" 'signout|anna|127.0.0.1|session' \
            'signin|vera|127.0.0.1|user:vera' 'user.add|setup|cli os:'; do
  n=$((n + 1))
  jq -r '.rows[] | "\(.action)|\(.user)|\(.addr)|\(.object)"' "$W/trail.json" | grep -qF "$want" ||
    { fail "no audit entry $want in:"; jq -c '.rows[]' "$W/trail.json"; }
done
n=$((n + 1))
grep -q 'wrong password\|Zeer-geheim' "$W/trail.json" && fail "a password in the audit trail"
# the access log: client and user, never the password or the token
n=$((n + 1))
grep -qE "^[0-9TZ:-]+ 127\.0\.0\.1 anna POST /api/v1/measures/$M/progress 200 " "$W/log" ||
  { fail "access log lacks client and user:"; grep progress "$W/log"; }
grep -qE "^[0-9TZ:-]+ 127\.0\.0\.1 - POST /api/v1/session 401 " "$W/log" || fail "access log: anonymous sign-in line"
if grep -q 'Zeer-geheim\|wrong password' "$W/log" || grep -qF "${C#ivp_session=}" "$W/log"; then fail "a secret in the access log"; fi

# ---- the files are 0600 while the server holds them open (F4) --------------------------
for f in "$IVP_DB" "$IVP_DB-wal" "$IVP_DB-shm"; do
  n=$((n + 1))
  [ "$(stat -c %a "$f" 2>/dev/null)" = 600 ] || fail "$f is not 0600 under umask 022: $(stat -c %a "$f" 2>&1)"
done

# ---- backups while the server writes (F6) ----------------------------------------------
[ "$(code --data-urlencode name=anna --data-urlencode "password=$PW" "$U/api/v1/session")" = 200 ] || fail "anna again"
C="ivp_session=$(cookie_of)"; CSRF=$(jq -r .csrf "$W/body")
( for i in $(seq 1 40); do
    curl -s -o /dev/null -b "$C" -H "X-CSRF-Token: $CSRF" -d "note=stap $i" "$U/api/v1/measures/$M/progress"
  done ) &
WRITER=$!
for k in 1 2 3; do
  n=$((n + 1))
  "$IVP" backup "$W/b$k.db" >"$W/b$k.out" 2>&1 || fail "backup $k while writing: $(cat "$W/b$k.out")"
  [ "$(stat -c %a "$W/b$k.db" 2>/dev/null)" = 600 ] || fail "backup $k is not 0600"
  [ "$(sqlite3 "$W/b$k.db" 'PRAGMA integrity_check')" = ok ] || fail "backup $k fails integrity_check"
  "$IVP" audit verify --db "$W/b$k.db" >/dev/null 2>&1 || fail "backup $k: audit chain broken"
done
wait "$WRITER"
n=$((n + 1))
e1=$(sqlite3 "$W/b1.db" 'SELECT count(*) FROM audit_entry'); e3=$(sqlite3 "$W/b3.db" 'SELECT count(*) FROM audit_entry')
[ "$e3" -gt "$e1" ] || fail "the writes did not go on during the backups ($e1, $e3 entries)"
# the last backup restores into another database; its trail is whole there
n=$((n + 1))
"$IVP" init --db "$W/other.db" >/dev/null && "$IVP" restore "$W/b3.db" --db "$W/other.db" --user restorer >"$W/r.out" 2>&1 ||
  fail "restore into another database: $(cat "$W/r.out")"
"$IVP" audit verify --db "$W/other.db" >/dev/null 2>&1 || fail "the restored trail is broken"
[ "$("$IVP" audit show --db "$W/other.db" --limit 1 --format json | jq -r '.rows[0].action')" = restore ] ||
  fail "the restore is not the newest entry of the restored trail"
# the live trail is whole after all of it
n=$((n + 1))
"$IVP" audit verify >"$W/v.out" 2>&1 || fail "live trail: $(cat "$W/v.out")"

if [ $fails -ne 0 ]; then
  echo "--- server log:"; tail -30 "$W/log"
  echo "$fails of $n requests/checks failed"; exit 1
fi
echo "ok audit: $n requests/checks"
