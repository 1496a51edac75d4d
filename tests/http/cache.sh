#!/usr/bin/env bash
# The response cache (src/http/cache.c) against a really running `ivp serve`:
# the second identical anonymous GET is a hit (X-Cache) with the same bytes;
# an import through the API and one by another process (the CLI) make the
# next answer a miss with the new figure; a signed-in editor never gets the
# anonymous page (the forms are there) and never fills the cache; answers
# that set a cookie are not cached; the language cookie is part of the key;
# and the cache stays within its bound (IVP_CACHE_KB, IVP_CACHE_STATS).
# usage: cache.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp"
D="$EX/data"
PID2=
PW='correct horse battery staple'

# ---- data: everything but the 2024 crime file and the buurt file ------------
{
  "$IVP" import codes "$D/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$D/crime__WijkenEnBuurten.csv"
  "$IVP" import population "$D/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import population "$D/population__Population85984_2024.csv" --year 2024
  "$IVP" import crime "$D/misdrijven_2022_2023.csv"
  "$IVP" import values "$EX/values.csv"
  "$IVP" plan import "$EX/plan.yaml"
  printf '%s\n' "$PW" | "$IVP" user add anna --role editor
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }

# get NAME WANT_XCACHE CURL_ARGS… : body in $W/body, headers in $W/hdr;
# WANT_XCACHE is hit, miss or none (no X-Cache header at all)
get() {
  local name=$1 want=$2; shift 2
  n=$((n + 1))
  curl -s -D "$W/hdr" -o "$W/body" "$@" || { fail "$name: curl failed"; return 1; }
  local got
  got=$(grep -i '^X-Cache:' "$W/hdr" | sed 's/^[^:]*: *//' | tr -d '\r')
  [ "$got" = "${want/none/}" ] || { fail "$name: X-Cache '${got:-none}', expected $want"; return 1; }
  return 0
}
has() { grep -q -- "$2" "$W/body" || fail "$1: the body lacks $2"; }
lacks() { ! grep -q -- "$2" "$W/body" || fail "$1: the body has $2"; }

# One worker thread, so that "the second request" meets the same thread's
# view of the data (a thread's first look at the data version starts a new
# generation; see src/http/README.md).
serve "$W/log" --threads 1

# ---- hit after miss, same bytes -------------------------------------------------
IND="$U/indicator?area=GM1926&key=totaal"
get ind-1 miss "$IND" && has ind-1 '>2023</th>' && lacks ind-1 '>2024</th>'
cp "$W/body" "$W/ind1"
get ind-2 hit "$IND" && cmp -s "$W/body" "$W/ind1" || fail "ind-2: the cached page differs"
grep -qi '^Content-Type: text/html' "$W/hdr" || fail "ind-2: no HTML content type on the hit"
grep -qi '^Content-Security-Policy:' "$W/hdr" || fail "ind-2: no CSP on the hit"
API="$U/api/v1/indicators?area=GM1926&year=2024&compare=NL01"
get api-1 miss "$API"; cp "$W/body" "$W/api1"
get api-2 hit "$API" && cmp -s "$W/body" "$W/api1" || fail "api-2: the cached answer differs"
jq -e '.rows[0].count == null' "$W/body" >/dev/null 2>&1 || jq -e 'type == "array" or type == "object"' "$W/body" >/dev/null || fail "api-2: not JSON"
get home-1 miss "$U/"; get home-2 hit "$U/"
# another query string is another entry
get ind-en-q miss "$IND&year=2023"

# ---- an import through the API invalidates ------------------------------------
curl -s -D "$W/hdr" -o "$W/body" -H 'Content-Type: application/json' \
  -d "$(jq -nc --arg p "$PW" '{name:"anna", password:$p}')" "$U/api/v1/session"
TOK=$(grep -i '^Set-Cookie: ivp_session=' "$W/hdr" | sed -E 's/^[^=]*=([^;]*).*/\1/' | tr -d '\r')
CSRF=$(jq -r .csrf "$W/body")
[ ${#TOK} = 43 ] || fail "sign-in gave no session"
st=$(curl -s -o "$W/body" -w '%{http_code}' -b "ivp_session=$TOK" -H "X-CSRF-Token: $CSRF" \
  -F kind=crime -F "file=@$D/Misdrijven_2024.csv" "$U/api/v1/imports")
[ "$st" = 201 ] || { fail "API import: status $st"; head -c 300 "$W/body"; echo; }
get ind-after-api miss "$IND" && has ind-after-api '>2024</th>'
get ind-after-api-2 hit "$IND" && has ind-after-api-2 '>2024</th>'

# ---- an import by another process (the CLI) invalidates ------------------------
WK="$U/indicator?area=WK192601&key=totaal"
get wk-1 miss "$WK" && lacks wk-1 '>2023</th>'
get wk-2 hit "$WK"
"$IVP" import long "$D/47018NED_2023_totaal_misdrijven_per_buurt_haaglanden.csv" >"$W/cli.log" 2>&1 ||
  { fail "CLI import"; cat "$W/cli.log"; }
get wk-after-cli miss "$WK" && has wk-after-cli '>2023</th>'
get wk-after-cli-2 hit "$WK"

# ---- the editor's pages never come from (or go into) the cache -----------------
get plan-anon-1 miss "$U/plan" && lacks plan-anon-1 'name="csrf"'
get plan-anon-2 hit "$U/plan"
get plan-editor-1 none -b "ivp_session=$TOK" "$U/plan" && has plan-editor-1 'name="csrf"' && has plan-editor-1 "$CSRF"
get plan-editor-2 none -b "ivp_session=$TOK" "$U/plan" && has plan-editor-2 'name="csrf"'
get plan-anon-3 hit "$U/plan" && lacks plan-anon-3 'name="csrf"' && lacks plan-anon-3 "$CSRF"
get api-editor none -b "ivp_session=$TOK" "$API"
# a bad session cookie is anonymous: the anonymous page, from the cache
get plan-badcookie hit -b "ivp_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$U/plan" && lacks plan-badcookie 'name="csrf"'

# ---- Set-Cookie answers are not cached; the language cookie is in the key -------
get lang-q-1 miss "$U/?lang=en"; grep -qi '^Set-Cookie: ivp_lang=en' "$W/hdr" || fail "lang-q-1: no language cookie"
get lang-q-2 miss "$U/?lang=en"
get lang-c-1 miss -b 'ivp_lang=en' "$U/" && has lang-c-1 'lang="en"'
get lang-c-2 hit -b 'ivp_lang=en' "$U/" && has lang-c-2 'lang="en"'
get lang-nl-1 miss "$U/" && has lang-nl-1 'lang="nl"'
get lang-nl-2 hit "$U/" && has lang-nl-2 'lang="nl"'
get lang-c-3 hit -b 'ivp_lang=en' "$U/" && has lang-c-3 'lang="en"'
# errors of a handler (404) are cached only until data changes; 4xx before a route never ask
get unknown-area-1 miss "$U/api/v1/indicators?area=GM9999&year=2024"
get unknown-area-2 hit "$U/api/v1/indicators?area=GM9999&year=2024"
get no-route none "$U/api/v1/nothing"
get bad-param none "$U/api/v1/indicators?area=GM1926&year=20x4"
get static none "$U/static/ivp.css"

# ---- bounded: a 128 KiB cache under 120 different pages -------------------------
# (an entry may take an eighth of the cache; an indicator page with its
# provenance and long trend is over 8 KiB)
IVP_CACHE_KB=128 IVP_CACHE_STATS=1 serve "$W/log2" --threads 2
PID2=$PID
for y in $(seq 1900 2019); do
  curl -s -D "$W/hdr" -o /dev/null "$U/indicator?area=GM1926&key=totaal&year=$y"
  b=$(grep -i '^X-Cache-Size:' "$W/hdr" | grep -o 'bytes=[0-9]*' | cut -d= -f2)
  [ -n "$b" ] && [ "$b" -le 131072 ] || { fail "bound: $b bytes after year $y"; break; }
done
n=$((n + 1))
grep -i '^X-Cache-Size:' "$W/hdr" | grep -q 'evictions=[1-9]' || fail "bound: no evictions: $(grep -i '^X-Cache-Size:' "$W/hdr")"
# a cache of 0 is off: no X-Cache at all
kill -TERM "$PID2"; wait "$PID2" 2>/dev/null; PID2=
IVP_CACHE_KB=0 serve "$W/log3" --threads 1
PID2=$PID
get off none "$U/indicator?area=GM1926&key=totaal"

echo "cache: $n checks, $fails failed"
[ "$fails" = 0 ]
