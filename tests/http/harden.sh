#!/usr/bin/env bash
# The attacks of issue 12 (F1-F3, F7, F9-F10, F13-F14) repeated on loopback
# against a real `ivp serve`, each attacker on its own 127.x address
# (curl --interface, node's localAddress in attack.js), bounded in count and
# time and with generous time bounds (a loaded 2-core machine, ASan):
# 1,100 slow connections from one address while another is answered; five
# wrong passwords from one address and the right one from another; 64
# parallel wrong sign-ins of which exactly the limit reach the password;
# 64 parallel right sign-ins beside an unrelated request (the < 100 ms
# figure itself is bench/attack.sh's), ending with the session limit;
# a 40 KB header (431); login CSRF (Origin, Sec-Fetch-Site); masking in the
# log; TOTP over HTTP; TLS with a certificate made here (HSTS, Secure
# cookie); X-Forwarded-* believed only from --trusted-proxy.
# usage: harden.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
A="$ROOT/tests/http/attack.js"
PW='paars fietspad onweer 9'
APW='groen kanaal lantaarn 4'

"$IVP" init >"$W/setup.log" 2>&1 || { echo "FAIL init"; cat "$W/setup.log"; exit 1; }
printf '%s\n' "$PW" | "$IVP" user add anna --role editor >>"$W/setup.log" 2>&1 || fail "user add anna"
printf '%s\n' "$PW" | "$IVP" user add bert --role editor >>"$W/setup.log" 2>&1 || fail "user add bert"
printf '%s\n' "$APW" | "$IVP" user add root --role admin >>"$W/setup.log" 2>&1 || fail "user add root"

# code NAME WANT CURL_ARGS… : the status only; the body in $W/body, headers in $W/hdr
code() {
  local name=$1 want=$2 got; shift 2
  n=$((n + 1))
  got=$(curl -s -m 30 -D "$W/hdr" -o "$W/body" -w '%{http_code}' "$@")
  [ "$got" = "$want" ] || { fail "$name: status $got, expected $want: $(head -c 300 "$W/body")"; return 1; }
}
signin() { # FROM NAME PASSWORD [CURL_ARGS…]
  local from=$1 name=$2 pw=$3; shift 3
  curl -s -m 60 --interface "$from" -D "$W/hdr" -o "$W/body" -w '%{http_code}' \
    --data-urlencode "name=$name" --data-urlencode "password=$pw" "$@" "$U/api/v1/session"
}

serve "$W/log" --threads 2 --max-per-address 64 --header-timeout 3 --signin-threads 2
P=${U##*:}

# ---- F1: 1,100 slow connections from 127.0.0.2, normal requests from 127.0.0.3 ----
node "$A" slow "$P" 1100 8 >"$W/slow.json" || fail "attack.js slow"
n=$((n + 1))
jq -e '.normal.ok >= 10 and .normal.failed == 0 and .normal.max_ms < 5000' "$W/slow.json" >/dev/null ||
  fail "F1: normal requests were not answered beside 1,100 slow connections: $(cat "$W/slow.json")"
jq -e '.open_after_2s <= 64 and .refused >= 1000' "$W/slow.json" >/dev/null ||
  fail "F1: more than 64 connections from one address: $(cat "$W/slow.json")"
jq -e '.open_at_end == 0 and .closed_by_timeout > 0' "$W/slow.json" >/dev/null ||
  fail "F1: the header timeout did not close the slow connections: $(cat "$W/slow.json")"
echo "slow connections: $(cat "$W/slow.json")"

# ---- F2: five wrong passwords from one address; the right one from another ------------
for i in 1 2 3 4 5; do
  got=$(signin 127.0.0.4 anna "guess $i"); n=$((n + 1))
  [ "$got" = 401 ] || fail "F2: wrong password $i from 127.0.0.4: $got"
done
got=$(signin 127.0.0.4 anna "$PW"); n=$((n + 1))
[ "$got" = 429 ] || fail "F2: the attacker's address is not held back: $got"
grep -Eiq '^Retry-After: [1-9][0-9]*' "$W/hdr" || fail "F2: no Retry-After"
got=$(signin 127.0.0.5 anna "$PW"); n=$((n + 1))
[ "$got" = 200 ] || fail "F2: the right password from another address was refused: $got $(cat "$W/body")"

# ---- F9: 64 wrong sign-ins at once from 127.0.0.6: exactly 5 reach the password ----------
node "$A" signin "$P" 64 bert "not bert's password" 127.0.0.6 >"$W/race.json" || fail "attack.js signin (race)"
n=$((n + 1))
jq -e '.status["401"] == 5 and .status["429"] == 59' "$W/race.json" >/dev/null ||
  fail "F9: raced sign-ins passed the limit: $(cat "$W/race.json")"
echo "raced wrong sign-ins: $(cat "$W/race.json")"

# ---- F3: 64 right sign-ins at once from 127.0.0.7, an unrelated request beside them ----
node "$A" signin "$P" 64 bert "$PW" 127.0.0.7 >"$W/flood.json" || fail "attack.js signin (flood)"
n=$((n + 1))
jq -e '.status["200"] == 64' "$W/flood.json" >/dev/null || fail "F3: not every sign-in got through: $(cat "$W/flood.json")"
# functional and robust: the other requests are answered while the sign-ins queue
# (bench/attack.sh measures the < 100 ms of DESIGN.md on a release build)
jq -e '.normal.ok >= 3 and .normal.failed == 0 and .normal.p50_ms < 250 and .normal.max_ms < 3000' "$W/flood.json" >/dev/null ||
  fail "F3: requests beside 64 sign-ins: $(cat "$W/flood.json")"
echo "parallel sign-ins: $(cat "$W/flood.json")"
# the session limit: 64 sign-ins leave bert 10 live sessions
"$IVP" user list --format json | jq -e '[.rows[] | select(.name == "bert") | .sessions] == [10]' >/dev/null ||
  fail "F3: bert does not have exactly 10 live sessions: $("$IVP" user list --format csv)"
n=$((n + 1))

# ---- F14: a 40 KB header is refused with 431 -------------------------------------------
head -c 40000 /dev/zero | tr '\0' a >"$W/big"
code header-40k 431 -H "X-Big: $(cat "$W/big")" "$U/api/v1/definitions" &&
  jq -e '.code == "headers_too_large"' "$W/body" >/dev/null || fail "header-40k: body $(head -c 200 "$W/body")"
code header-30k 200 -H "X-Big: $(head -c 30000 "$W/big")" "$U/api/v1/definitions"

# ---- F10: login CSRF -------------------------------------------------------------------
code csrf-origin 403 -H 'Origin: http://evil.example' --data-urlencode name=anna --data-urlencode "password=$PW" "$U/api/v1/session" &&
  jq -e '.code == "cross_site"' "$W/body" >/dev/null || fail "csrf-origin: $(cat "$W/body")"
grep -qi '^Set-Cookie' "$W/hdr" && fail "csrf-origin set a cookie"
code csrf-fetch-site 403 -H 'Sec-Fetch-Site: cross-site' --data-urlencode name=anna --data-urlencode "password=$PW" "$U/login"
code csrf-same-site 403 -H 'Sec-Fetch-Site: same-site' --data-urlencode name=anna --data-urlencode "password=$PW" "$U/login"
code csrf-null-origin 403 -H 'Origin: null' --data-urlencode name=anna --data-urlencode "password=$PW" "$U/api/v1/session"
# a browser's own form under Referrer-Policy: no-referrer: Origin null, Sec-Fetch-Site decides
code same-origin-null 303 -H 'Origin: null' -H 'Sec-Fetch-Site: same-origin' --data-urlencode name=anna --data-urlencode "password=$PW" "$U/login"
code cross-site-origin-ok 403 -H "Origin: $U" -H 'Sec-Fetch-Site: cross-site' --data-urlencode name=anna --data-urlencode "password=$PW" "$U/login"
code same-origin 200 -H "Origin: $U" -H 'Sec-Fetch-Site: same-origin' --data-urlencode name=anna --data-urlencode "password=$PW" "$U/api/v1/session"
code same-origin-form 303 -H "Origin: $U" --data-urlencode name=anna --data-urlencode "password=$PW" "$U/login"

# ---- F7: TOTP for an admin over HTTP ---------------------------------------------------------
code admin-without-totp 403 --data-urlencode name=root --data-urlencode "password=$APW" "$U/api/v1/session" &&
  jq -e '.code == "totp_enrol"' "$W/body" >/dev/null || fail "admin-without-totp: $(cat "$W/body")"
SECRET=$("$IVP" user totp root | grep -o 'secret=[A-Z2-7]*' | cut -d= -f2)
[ ${#SECRET} = 32 ] || fail "ivp user totp printed no secret"
code totp-missing 401 --data-urlencode name=root --data-urlencode "password=$APW" "$U/api/v1/session" &&
  jq -e '.code == "totp_required"' "$W/body" >/dev/null || fail "totp-missing: $(cat "$W/body")"
code totp-wrong 401 --data-urlencode name=root --data-urlencode "password=$APW" --data-urlencode totp=000000 "$U/api/v1/session"
for try in 1 2; do # the 30 s step may turn between making the code and checking it
  CODE=$(node "$A" totp "$SECRET")
  got=$(curl -s -o "$W/body" -w '%{http_code}' --data-urlencode name=root --data-urlencode "password=$APW" \
    --data-urlencode "totp=$CODE" "$U/api/v1/session")
  [ "$got" = 200 ] && break
done
n=$((n + 1))
[ "$got" = 200 ] && jq -e '.role == "admin"' "$W/body" >/dev/null || fail "totp-good: $got $(cat "$W/body")"
code totp-replay 401 --data-urlencode name=root --data-urlencode "password=$APW" --data-urlencode "totp=$CODE" "$U/api/v1/session"
# the form's second step: the code field appears, the name is kept, the password is not echoed
code totp-form-step 401 --data-urlencode name=root --data-urlencode "password=$APW" "$U/login"
grep -q 'name="totp"' "$W/body" && grep -q 'value="root"' "$W/body" || fail "the sign-in form has no second step"
grep -qF "$APW" "$W/body" && fail "the sign-in form echoes the password"

# ---- proxy headers from an untrusted peer are ignored -----------------------------------------
code xfp-untrusted 200 -H 'X-Forwarded-Proto: https' --data-urlencode name=anna --data-urlencode "password=$PW" "$U/api/v1/session"
grep -i '^Set-Cookie' "$W/hdr" | grep -qi Secure && fail "X-Forwarded-Proto from an untrusted peer made the cookie Secure"
grep -qi '^Strict-Transport-Security' "$W/hdr" && fail "HSTS over plain HTTP"
for i in 1 2 3 4 5; do signin 127.0.0.8 anna "guess $i" -H "X-Forwarded-For: 10.9.9.$i" >/dev/null; done
got=$(signin 127.0.0.8 anna "$PW" -H 'X-Forwarded-For: 10.9.9.99'); n=$((n + 1))
[ "$got" = 429 ] || fail "X-Forwarded-For from an untrusted peer changed the client address: $got"

# ---- F13: secret-like names masked in the log ---------------------------------------------------
curl -s -o /dev/null "$U/api/v1/definitions?pw=geheim-een&pwd=geheim-twee&wachtwoord=geheim-drie&totp=123456&user_secret=geheim-vier&Password=geheim-vijf"
kill -TERM "$PID"; wait "$PID"; PID=
grep -q 'pw=\*\*\*&pwd=\*\*\*&wachtwoord=\*\*\*&totp=\*\*\*&user_secret=\*\*\*&Password=\*\*\*' "$W/log" ||
  fail "the log does not mask every secret-like name: $(grep 'definitions?pw' "$W/log")"
for s in geheim-een geheim-twee geheim-drie 123456 geheim-vier geheim-vijf "$PW" "$APW" "$SECRET"; do
  grep -aqF -- "$s" "$W/log" && fail "the log holds a secret (${s:0:4}…)"
done
n=$((n + 1))

# ---- TLS with a certificate made here; a proxy trusted on 127.0.0.9 -----------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$W/key.pem" -out "$W/cert.pem" >/dev/null 2>&1 || fail "openssl req"
"$IVP" serve --listen 127.0.0.1:0 --threads 2 --tls-cert "$W/cert.pem" --tls-key "$W/key.pem" --trusted-proxy 127.0.0.9 2>"$W/tls.log" &
PID=$!; PIDS+=("$PID")
for _ in $(seq 1 100); do grep -q "listening on" "$W/tls.log" && break; sleep 0.1; done
T=$(grep -o 'https://127.0.0.1:[0-9]*' "$W/tls.log" | head -1)
[ -n "$T" ] || { fail "the TLS server did not start: $(cat "$W/tls.log")"; T=https://127.0.0.1:1; }
code tls-get 200 --cacert "$W/cert.pem" "$T/api/v1/definitions"
grep -Eiq '^Strict-Transport-Security: max-age=[0-9]+' "$W/hdr" || fail "no HSTS over TLS"
code tls-signin 200 --cacert "$W/cert.pem" --data-urlencode name=anna --data-urlencode "password=$PW" "$T/api/v1/session"
grep -Eiq '^Set-Cookie: ivp_session=.*; Secure' "$W/hdr" || fail "the cookie is not Secure over TLS"
code tls-unverified 000 "$T/api/v1/definitions" # curl refuses the self-made certificate without --cacert
code tls-plain 000 "${T/https:/http:}/api/v1/definitions"
# through the proxy: the client is X-Forwarded-For's last entry, so one client's
# failures hold back that client and not another behind the same proxy
U=$T
for i in 1 2 3 4 5; do
  signin 127.0.0.9 anna "guess $i" --cacert "$W/cert.pem" -H 'X-Forwarded-For: 198.51.100.7' >/dev/null
done
got=$(signin 127.0.0.9 anna "$PW" --cacert "$W/cert.pem" -H 'X-Forwarded-For: 203.0.113.1, 198.51.100.7'); n=$((n + 1))
[ "$got" = 429 ] || fail "proxy: the client behind the proxy is not held back: $got"
got=$(signin 127.0.0.9 anna "$PW" --cacert "$W/cert.pem" -H 'X-Forwarded-For: 198.51.100.8'); n=$((n + 1))
[ "$got" = 200 ] || fail "proxy: another client behind the proxy was refused: $got $(cat "$W/body")"

if [ $fails -ne 0 ]; then
  echo "--- server log:"; tail -20 "$W/log"
  echo "$fails of $n checks failed"; exit 1
fi
echo "ok harden: $n checks"
