#!/usr/bin/env bash
# The case register's raw-bytes proof (issue 13, "Must show"), with the
# registers' harness (tests/registers/rawbytes.sh): a case registered and
# worked on over HTTP and on the command line with known personal strings —
# the name, the BSN, the address, the reason, the goal, an agreement, a
# meeting's notes, a note, the reason for closing — none of which is in the
# database file, its WAL (searched while the server still has it open), a
# backup, the server's access log or any command's output; the harness
# finds the same strings in the case as the handler reads it (so the search
# can fail), and the case reads back whole. The person is then corrected
# over the API (JSON, casefix): neither the old name nor the new one is in
# any of those bytes, and the case reads back with the new name only.
# usage: cases_rawbytes.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
RAW="$ROOT/tests/registers/rawbytes.sh"
[ "${IVP_TEST_DB:-sqlite}" = sqlite ] || { echo "skip: the raw bytes of a SQLite file"; exit 77; }
PW='Zeer-geheim wachtwoord 42'
export IVP_KEYS="$W/keys"
L=$W/logs
mkdir -p "$L"
cat >"$W/strings" <<'S'
Wilhelmina Onvindbaar
111222333
Verborgenlaan 99, 2641 Pijnacker
hennepteelt en schulden
woonbegeleiding regelen
budgetcoach inschakelen
verslag-overleg-geheim
notitie-geheim-zvh
sluitreden-geheim
Wilhelmina Verbeterd
S
printf 'Wilhelmina Onvindbaar\n' >"$W/old"
{
  "$IVP" init
  "$IVP" org add zvh "Zorg- en Veiligheidshuis" --lang en
  printf '%s\n' "$PW" | "$IVP" user add adam --role admin --lang en
  printf '%s\n' "$PW" | "$IVP" user add dirk --role viewer --org zvh --lang en
  "$IVP" keys init --keys "$IVP_KEYS" --user adam --lang en
  "$IVP" user totp dirk --lang en | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2 >"$W/dirk.totp"
  "$IVP" registers grant cases dirk --user adam --lang en
} >"$L/setup.log" 2>&1 || { echo "FAIL setup"; cat "$L/setup.log"; exit 1; }
serve "$L/serve.log" --threads 2 --keys "$IVP_KEYS"
tok=$(curl -s -c "$W/jar" --data-urlencode name=dirk --data-urlencode "password=$PW" \
  --data-urlencode "totp=$(node "$(dirname "$0")/attack.js" totp "$(cat "$W/dirk.totp")" 0)" "$U/api/v1/session" | jq -r .csrf)
[ -n "$tok" ] && [ "$tok" != null ] || { echo "FAIL dirk cannot sign in"; exit 1; }
post() { curl -s -b "$W/jar" -H "X-CSRF-Token: $tok" -o "$W/post.json" -w '%{http_code}' "$@"; }
s=$(post --data-urlencode "name=Wilhelmina Onvindbaar" --data-urlencode birth=1970-02-03 --data-urlencode bsn=111222333 \
  --data-urlencode "address=Verborgenlaan 99, 2641 Pijnacker" --data-urlencode "reason=hennepteelt en schulden" \
  --data-urlencode "goal=woonbegeleiding regelen" --data-urlencode registered=2026-03-02 "$U/api/v1/cases")
[ "$s" = 201 ] || { fail "registration over HTTP: $s"; cat "$W/post.json"; }
ID=$(jq -r .id "$W/post.json")
for d in "op=agreement&org=zvh&date=2026-04-01&text=budgetcoach%20inschakelen" \
  "op=meeting&orgs=zvh&date=2026-03-09&text=verslag-overleg-geheim"; do
  s=$(post --data "$d" "$U/api/v1/cases/$ID"); [ "$s" = 200 ] || { fail "change $d: $s"; cat "$W/post.json"; }
done
"$IVP" cases note "$ID" --text notitie-geheim-zvh --own-org --user dirk --lang en >"$L/note.log" 2>&1 || fail "note"
# the person corrected after registration (JSON body): the old name goes, the new one is sealed
s=$(post -H 'Content-Type: application/json' --data '{"name":"Wilhelmina Verbeterd"}' "$U/api/v1/cases/$ID/person")
[ "$s" = 200 ] && [ "$(jq -r .changed "$W/post.json")" = name ] || { fail "person correction over HTTP: $s"; cat "$W/post.json"; }
# the WAL while the server has the database open
cp "$IVP_DB" "$W/live.db"; [ -f "$IVP_DB-wal" ] && cp "$IVP_DB-wal" "$W/live.db-wal"
"$RAW" "$W/strings" "$W/live.db" >"$W/raw.live" || { fail "a personal string in the live database or its WAL"; cat "$W/raw.live"; }
"$IVP" cases status "$ID" closed --text sluitreden-geheim --date 2026-09-01 --user dirk --lang en >"$L/status.log" 2>&1 || fail "close"
"$IVP" backup "$W/backup.db" --user adam --lang en >"$L/backup.log" 2>&1 || fail "backup"
"$IVP" cases list --user dirk --lang en >"$L/list.log" 2>&1 || fail "list"
"$IVP" cases counts --by wijk --lang en >"$L/counts.log" 2>&1 || fail "counts"
curl -s -b "$W/jar" -o /dev/null "$U/casussen" "$U/casussen/$ID" "$U/api/v1/cases/counts"
n=$((n + 1))
"$RAW" "$W/strings" "$IVP_DB" "$W/backup.db" "$L" >"$W/raw.out" ||
  { fail "a personal string in the database, its WAL, the backup or a log"; cat "$W/raw.out"; }
# the control: the handler's own reading holds every one of them (the search can find them)
"$IVP" cases export "$ID" --user dirk --lang en --format csv >"$W/export.csv" 2>&1 || fail "export"
n=$((n + 1))
grep -v '^Wilhelmina Onvindbaar$' "$W/strings" >"$W/strings.now"
"$RAW" --present "$W/strings.now" "$W/export.csv" >"$W/raw.present" ||
  { fail "the export lacks a string the case holds"; cat "$W/raw.present"; }
n=$((n + 1))
"$RAW" "$W/old" "$W/export.csv" >"$W/raw.old" || { fail "the corrected case still reads the old name"; cat "$W/raw.old"; }
echo "cases_rawbytes: $n checks"
[ "$fails" -eq 0 ] && echo "cases_rawbytes: all passed" || { echo "cases_rawbytes: $fails failed"; exit 1; }
