#!/usr/bin/env bash
# rawbytes_test.sh — the vault's raw-bytes proof (issue 13, "Must show"):
# personal strings sealed through the vault (sealtool) are nowhere in the
# database file, its WAL (searched while the writer still has it open), a
# backup (ivp backup) or the logs (every command's output and a server's
# access log); the harness itself finds a planted string (so the search can
# fail); another database's key file opens nothing; and without a key file
# the rest of ivp runs.
# usage: rawbytes_test.sh IVP SEALTOOL
set -uo pipefail
IVP=$(realpath "$1")
SEAL=$(realpath "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
RAW="$HERE/rawbytes.sh"
W=$(mktemp -d)
SRV=
trap '[ -z "$SRV" ] || kill "$SRV" 2>/dev/null; rm -rf "$W"' EXIT
export IVP_USER=adam
fails=0 n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
no() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
DB=$W/ivp.db
L=$W/logs
mkdir -p "$L"
cat >"$W/strings" <<'EOF'
Jan de Vries
Dorpsstraat 14, 2631 Nootdorp
123456782
hennepkwekerij boven de garage
Zoë Çelik
06-12345678
EOF
{
	"$IVP" init --db "$DB" --lang en
	printf '%s\n' 'paars fietspad onweer 9' | "$IVP" user add adam --role admin --db "$DB" --lang en
	"$IVP" keys init --db "$DB" --keys "$W/keys" --lang en
} >"$L/setup.log" 2>&1 || { echo "setup failed:"; cat "$L/setup.log"; exit 1; }
[ "$(stat -c %a "$W/keys")" = 600 ] && ok "the key file is 0600" || no "the key file is $(stat -c %a "$W/keys")"

# seal the strings; while the database is still open, look at it and its WAL
if "$SEAL" seal "$DB" "$W/keys" "$W/strings" bash -c "
	ls \"$DB-wal\" >/dev/null 2>&1 || { echo 'no WAL while open'; exit 3; }
	\"$RAW\" \"$W/strings\" \"$DB\" >\"$L/open.txt\" 2>&1" 2>"$L/seal.log"; then
	ok "no string in the database or its WAL while the writer has it open"
else
	no "a string in the database or its WAL while open (or no WAL): $(cat "$L/open.txt" 2>/dev/null)"
fi
grep -q "6 records sealed" "$L/seal.log" && ok "six records sealed" || no "sealing: $(cat "$L/seal.log")"

# they open again with the key file, and say what was sealed
"$SEAL" open "$DB" "$W/keys" 6 >"$W/opened" 2>"$L/open.log"
if [ "$(cut -d' ' -f2- "$W/opened")" = "$(cat "$W/strings")" ]; then ok "every record opens with the key file"; else no "opened: $(cat "$W/opened" "$L/open.log")"; fi

# a backup, a server's access log, the status commands
"$IVP" backup "$W/backup.db" --db "$DB" --lang en >"$L/backup.log" 2>&1 || no "backup failed"
"$IVP" keys status --db "$DB" --keys "$W/keys" --lang en >"$L/status.log" 2>&1
"$IVP" audit show --db "$DB" --format csv --lang en >"$L/audit.log" 2>&1
"$IVP" serve --db "$DB" --keys "$W/keys" --listen 127.0.0.1:0 >"$L/serve.log" 2>&1 &
SRV=$!
for _ in $(seq 1 100); do grep -q "listening on" "$L/serve.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$L/serve.log")
[ -n "$port" ] && curl -s "http://127.0.0.1:$port/api/v1/areas" >/dev/null
kill "$SRV" 2>/dev/null
wait "$SRV" 2>/dev/null
SRV=
grep -q "GET /api/v1/areas" "$L/serve.log" && ok "the server's access log was written" || no "no access log: $(cat "$L/serve.log")"
if "$RAW" "$W/strings" "$DB" "$W/backup.db" "$L" >"$W/raw.txt" 2>&1; then
	ok "no string in the database, the backup or the logs ($(tail -1 "$W/raw.txt"))"
else
	no "strings found: $(cat "$W/raw.txt")"
fi
# a second factor enrolled with the key file is sealed: its secret is not in the database
"$IVP" user totp adam --db "$DB" --keys "$W/keys" --lang en >"$W/totp.out" 2>&1
sed -n 's/.*secret=\([A-Z2-7]*\)&.*/\1/p' "$W/totp.out" >"$W/totp.secret"
if [ -s "$W/totp.secret" ] && "$RAW" "$W/totp.secret" "$DB" >/dev/null 2>&1; then
	ok "a TOTP secret enrolled with the key file is sealed in the database"
else
	no "the TOTP secret: $(cat "$W/totp.out")"
fi
# the check can fail: the strings file itself, and a planted copy in a log, are found
cp "$W/strings" "$L/planted.log"
if "$RAW" "$W/strings" "$DB" "$L" >/dev/null 2>&1; then no "the harness missed a planted string"; else ok "the harness finds a planted string"; fi
"$RAW" --present "$W/strings" "$L/planted.log" >/dev/null 2>&1 && ok "--present finds every string" || no "--present"
rm -f "$L/planted.log"
"$RAW" "$W/strings" "$W/nonexistent.db" >/dev/null 2>&1
[ $? -eq 2 ] && ok "a missing file is a usage error, not a pass" || no "a missing file passed"

# another database's key file opens nothing, and says so
"$IVP" init --db "$W/other.db" --lang en >/dev/null 2>&1
printf '%s\n' 'paars fietspad onweer 9' | "$IVP" user add adam --role admin --db "$W/other.db" --lang en >/dev/null 2>&1
"$IVP" keys init --db "$W/other.db" --keys "$W/other.keys" --lang en >/dev/null 2>&1
"$SEAL" open "$DB" "$W/other.keys" 6 >"$W/wrong.out" 2>"$W/wrong.err"
if [ $? -ne 0 ] && [ ! -s "$W/wrong.out" ] && grep -q keys_wrong "$W/wrong.err"; then
	ok "the wrong key file opens nothing (keys_wrong)"
else
	no "wrong key: $(cat "$W/wrong.out" "$W/wrong.err")"
fi
"$IVP" keys status --db "$DB" --keys "$W/other.keys" --lang en >"$W/wrong.txt" 2>&1
grep -q "these keys are not this database's" "$W/wrong.txt" && ok "ivp keys status: these keys are not this database's" ||
	no "keys status with the wrong file: $(cat "$W/wrong.txt")"

# without a key file: the registers are closed, everything else runs
"$SEAL" open "$DB" "$W/none" 1 2>"$W/none.err" >/dev/null
grep -q keys_missing "$W/none.err" && ok "a missing key file: keys_missing" || no "missing key file: $(cat "$W/none.err")"
if env -u IVP_KEYS "$IVP" audit verify --db "$DB" --lang en >/dev/null 2>&1 &&
	env -u IVP_KEYS "$IVP" areas --db "$DB" --lang en >/dev/null 2>&1 &&
	env -u IVP_KEYS "$IVP" retention status --db "$DB" --lang en >/dev/null 2>&1 &&
	env -u IVP_KEYS "$IVP" keys status --db "$DB" --lang en >/dev/null 2>&1; then
	ok "without a key file ivp audit verify, areas, retention status and keys status run"
else
	no "a command failed without a key file"
fi
echo "rawbytes_test: $((n - fails)) passed, $fails failed"
[ $fails -eq 0 ]
