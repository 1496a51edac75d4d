#!/usr/bin/env bash
# The signals register at rest and without its key (issue 13): known
# personal strings written through the CLI, the API, the intake page and
# the spreadsheet import are found in none of the raw bytes of the
# database file, its WAL, a backup (ivp backup), the server's log with the
# access log on, or the audit trail — and come back in clear to their
# member. Then the key: without a key file every signals command refuses
# with keys_* (exit 1) while the rest of ivp works; another database's key
# file opens nothing (keys_wrong); an unreadable (too open) one is refused.
# usage: signals_raw.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
PW='Zeer-geheim wachtwoord 42'
export IVP_KEYS="$W/keys"
# the secrets: each unique, none a word the program writes itself
SECRETS=(Zwaluwstraat-4417 Wilhelmina-Qvortrup Hennepzolder-Xq7 BV-Kwartelkoning Vrijdagnacht-Pakket
  Oranjegracht-2281 Barbara-Yzermans Loods-Kw8-achter Importbedrijf-Zonnedauw Postvak-Ultramarijn)

{
  "$IVP" init
  printf '%s\n' "$PW" | "$IVP" user add adam --role admin --lang en
  printf '%s\n' "$PW" | "$IVP" user add mona --role viewer --lang en
  "$IVP" keys init --user adam --lang en
  "$IVP" user totp adam --lang en >/dev/null
  "$IVP" user totp mona --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/mona.totp"
  "$IVP" registers grant signals mona --user adam --lang en
  # 1: the CLI
  "$IVP" signals add --user mona --lang en --received 2026-02-01 --source police --phenomenon real_estate \
    --buurt BU19260101 --address "${SECRETS[0]}" --persons "${SECRETS[1]}" --description "${SECRETS[2]}" \
    --companies "${SECRETS[3]}"
  "$IVP" signals weigh S-2026-0001 --user mona --lang en --date 2026-02-10 --outcome inquiry \
    --checks "BRP: hit ${SECRETS[4]}" --followup 2026-04-01 --result "uitkomst ${SECRETS[4]}"
  # 4: the import
  printf 'ontvangen;bron;fenomeen;buurt;adres;omschrijving;personen;bedrijven\n2026-02-03;bewoner;witwassen;;%s;%s;;\n' \
    "${SECRETS[8]}" "${SECRETS[9]}" >"$W/import.csv"
  "$IVP" signals import "$W/import.csv" --user mona --lang en
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }

serve "$W/log" --threads 2 --timeout 10 --keys "$IVP_KEYS"
t=$(node "$ROOT/tests/http/attack.js" totp "$(cat "$W/mona.totp")" 0)
curl -s -c "$W/jar" -o "$W/signin.json" --data-urlencode name=mona --data-urlencode "password=$PW" \
  --data-urlencode "totp=$t" "$U/api/v1/session"
CSRF=$(jq -r .csrf "$W/signin.json")
[ -n "$CSRF" ] && [ "$CSRF" != null ] || { fail "mona cannot sign in: $(cat "$W/signin.json")"; exit 1; }
# 2: the API
st=$(curl -s -b "$W/jar" -H "X-CSRF-Token: $CSRF" -o "$W/body" -w '%{http_code}' \
  --data-urlencode received=2026-02-02 --data-urlencode source=partner --data-urlencode phenomenon=omg \
  --data-urlencode "address=${SECRETS[5]}" --data-urlencode "description=${SECRETS[6]}" "$U/api/v1/signals")
[ "$st" = 200 ] || fail "API intake: $st $(cat "$W/body")"
# 3: the intake page
st=$(curl -s -b "$W/jar" -o "$W/body" -w '%{http_code}' --data-urlencode received=2026-02-04 \
  --data-urlencode source=anonymous --data-urlencode phenomenon=drugs --data-urlencode "persons=${SECRETS[7]}" \
  --data-urlencode "description=melding" --data-urlencode "csrf=$CSRF" "$U/signalen/nieuw")
[ "$st" = 303 ] || fail "page intake: $st $(head -c 300 "$W/body")"
# read them all back once (the reads are logged too)
curl -s -b "$W/jar" -o "$W/export.json" "$U/api/v1/signals/export"
for s in "${SECRETS[@]}"; do
  grep -q -- "$s" "$W/export.json" || fail "$s does not come back in clear to its member"
done
"$IVP" backup "$W/backup.db" --lang en >"$W/backup.log" 2>&1 || fail "backup: $(cat "$W/backup.log")"
"$IVP" audit show --lang en --format csv >"$W/audit.csv"

# the raw bytes (regcore's harness, tests/registers/rawbytes.sh): the database
# and its WAL while the server runs, the backup, the logs, the audit trail
printf '%s\n' "${SECRETS[@]}" >"$W/strings"
files=("$W/log" "$W/setup.log" "$W/audit.csv" "$W/backup.db")
if [ -n "${PGDB_NAME:-}" ]; then dbdump >"$W/dump.sql"; files+=("$W/dump.sql"); else
  files+=("$IVP_DB")
  [ -f "$IVP_DB-wal" ] || echo "note: no WAL file at the time of the check"
fi
"$ROOT/tests/registers/rawbytes.sh" "$W/strings" "${files[@]}" >"$W/raw.txt" 2>&1 ||
  fail "personal strings in the raw bytes: $(cat "$W/raw.txt")"
# the control: the same harness finds them in the member's export
"$ROOT/tests/registers/rawbytes.sh" --present "$W/strings" "$W/export.json" >"$W/raw2.txt" 2>&1 ||
  fail "the harness does not find the strings where they are: $(cat "$W/raw2.txt")"
checked=$((${#SECRETS[@]} * ${#files[@]}))
# the key file's contents are in none of them either
while read -r line; do
  k=${line##*=}
  [ ${#k} -ge 20 ] || continue
  for f in "${files[@]}"; do grep -a -q -- "$k" "$f" && fail "key material found in $(basename "$f")"; done
done <"$IVP_KEYS"
n=$checked

# ---- the key ---------------------------------------------------------------------------
# missing: every signals command refuses with keys_*, the rest of ivp works
for c in "list" "show S-2026-0001" "counts" "export" "meeting list"; do
  out=$(env -u IVP_KEYS "$IVP" signals $c --user mona --lang en --format json 2>&1)
  rc=$?
  [ "$rc" = 1 ] || fail "signals $c without a key file: exit $rc"
  grep -q 'key file' <<<"$out" || fail "signals $c without a key file: $out"
  grep -q -- "${SECRETS[0]}" <<<"$out" && fail "signals $c without a key: content"
done
env -u IVP_KEYS "$IVP" areas --lang en >/dev/null 2>&1 || fail "ivp areas fails without a key file"
env -u IVP_KEYS "$IVP" audit verify --lang en >/dev/null 2>&1 || fail "ivp audit verify fails without a key file"
# wrong: the key file of another database opens nothing
(
  export IVP_DB="$W/other.db" IVP_KEYS="$W/other.keys"
  "$IVP" init >/dev/null && printf '%s\n' "$PW" | "$IVP" user add adam --role admin --lang en >/dev/null &&
    "$IVP" keys init --user adam --lang en >/dev/null
) || fail "second database"
out=$(IVP_KEYS="$W/other.keys" "$IVP" signals show S-2026-0001 --user mona --lang en 2>&1)
rc=$?
[ "$rc" = 1 ] || fail "wrong key: exit $rc"
grep -q -- "${SECRETS[0]}\|${SECRETS[2]}" <<<"$out" && fail "wrong key: content shown"
grep -qi 'key' <<<"$out" || fail "wrong key: $out"
# too open: refused
cp "$IVP_KEYS" "$W/open.keys" && chmod 0644 "$W/open.keys"
out=$(IVP_KEYS="$W/open.keys" "$IVP" signals list --user mona --lang en 2>&1)
[ $? = 1 ] || fail "a key file readable by others is used: $out"
# the server without a key: the register closed, the rest served
kill -TERM "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
env -u IVP_KEYS true
( unset IVP_KEYS; serve "$W/log2" --threads 1 --timeout 10; echo "$U" >"$W/u2"; echo "$PID" >"$W/pid2"; wait "$PID" ) &
for _ in $(seq 1 100); do [ -s "$W/u2" ] && break; sleep 0.1; done
U2=$(cat "$W/u2")
st=$(curl -s -o /dev/null -w '%{http_code}' "$U2/api/v1/areas")
[ "$st" = 200 ] || fail "server without a key: /api/v1/areas $st"
kill -TERM "$(cat "$W/pid2")" 2>/dev/null
wait 2>/dev/null

echo "signals raw bytes: ${#SECRETS[@]} strings in ${#files[@]} files ($checked checks), $fails failed"
[ "$fails" -eq 0 ]
