#!/usr/bin/env bash
# The reports' API against a really running `ivp serve`: the list with each
# report's status, a report as PDF, HTML and XLSX with its Content-Type and
# Content-Disposition, its texts (a concept's only signed in, 401 for an
# anonymous reader; a definitief one public); text versions and finalize refused
# without a session (401) and without the CSRF token (403), done by a
# signed-in editor (author recorded), a bad key and an empty text refused
# (400, nothing written), finalize refused on a concept and twice, and a
# definitief report unchanged after a new plan version.
# usage: reports.sh IVP_BINARY
set -uo pipefail
. "$(dirname "$0")/lib.sh"
EX="$ROOT/examples/pijnacker-nootdorp"
PW='Zeer-geheim wachtwoord 42'

{
  "$IVP" import codes "$EX/data/allemisdrijven_metadata_21122025.csv"
  "$IVP" import codes "$EX/data/crime__WijkenEnBuurten.csv"
  "$IVP" import population "$EX/data/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
  "$IVP" import crime "$EX/data/misdrijven_2022_2023.csv"
  "$IVP" import crime "$EX/data/Misdrijven_2024.csv"
  "$IVP" import values "$EX/values.csv"
  "$IVP" plan import "$EX/plan.yaml" --user setup
  printf '%s\n' "$PW" | "$IVP" user add anna --role editor
} >"$W/setup.log" 2>&1 || { echo "FAIL setup"; cat "$W/setup.log"; exit 1; }
export LSAN_OPTIONS=suppressions=$ROOT/tests/e2e/lsan-fonts.supp:print_suppressions=0
serve "$W/log" --threads 2
R="$U/api/v1/reports"
n=0
# req NAME WANT_STATUS CURL_ARGS… : the body lands in $W/body, headers in $W/hdr
req() {
  local name=$1 want=$2 got; shift 2
  n=$((n + 1))
  got=$(curl -s -D "$W/hdr" -o "$W/body" -w '%{http_code}' "$@")
  if [ "$got" != "$want" ]; then
    fail "$name: status $got, expected $want"; head -c 400 "$W/body"; echo
    return 1
  fi
}
# jqt NAME FILTER : the filter must give true on $W/body
jqt() {
  jq -e "$2" "$W/body" >/dev/null 2>&1 || { fail "$1: $2 does not hold on:"; head -c 400 "$W/body"; echo; }
}
hdr() { grep -Eiq "$2" "$W/hdr" || { fail "$1: no header matching $2 in:"; cat "$W/hdr"; }; }

req list 200 "$R?lang=nl" &&
  jqt list '[.rows[] | select(.kind == "voortgang" and .year == 2024)][0] | .status == "concept" and .missing == 5' &&
  jqt list '[.rows[] | select(.kind == "raadsvoorstel")][0].year == 2023'
# a concept report and its texts are not public: signed in only (docs/security.md)
req concept-anon 401 "$R/voortgang-2024?format=html" && jqt concept-anon '.code == "unauthorized" and (.detail | contains("concept"))'
req concept-texts-anon 401 "$R/voortgang-2024/texts" && jqt concept-texts-anon '.code == "unauthorized"'
req signin 200 -c "$W/jar" --data-urlencode 'name=anna' --data-urlencode "password=$PW" "$U/api/v1/session"
CSRF=$(jq -r .csrf "$W/body")
S=(-b "$W/jar")
req pdf 200 "${S[@]}" "$R/voortgang-2024?date=2025-03-31" && hdr pdf-type '^Content-Type: application/pdf' &&
  hdr pdf-disposition '^Content-Disposition: attachment; filename="rapport-voortgang-GM1926-2024.pdf"'
head -c 5 "$W/body" | grep -q '%PDF-' || fail "pdf: not a PDF"
req html 200 "${S[@]}" "$R/voortgang-2024?format=html&lang=nl" && hdr html-type '^Content-Type: text/html' &&
  hdr html-disposition '^Content-Disposition: inline; filename="rapport-voortgang-GM1926-2024.html"'
grep -q 'Toelichting bij prioriteit b ontbreekt' "$W/body" || fail "html: the missing text is not named"
req xlsx 200 "${S[@]}" "$R/raadsvoorstel-2023?format=xlsx" &&
  hdr xlsx-type '^Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
req unknown-kind 400 "${S[@]}" "$R/jaarverslag-2024" && jqt unknown-kind '.reason == "report_unknown_kind"'
req bad-id 404 "$R/voortgang" && jqt bad-id '.code == "not_found"'
req no-plan-year 400 "${S[@]}" "$R/voortgang-2030" && jqt no-plan-year '.reason == "report_year_without_plan"'
req texts 200 "${S[@]}" "$R/voortgang-2024/texts?lang=nl" &&
  jqt texts '(.rows | length) == 13 and .rows[0].key == "inleiding" and .rows[0].status == "ontbreekt"'

# writes: no session 401, no CSRF 403
req text-anon 401 -F key=inleiding -F text=x "$R/voortgang-2024/texts"
req text-nocsrf 403 -b "$W/jar" -F key=inleiding -F text=x "$R/voortgang-2024/texts"
req text-badkey 400 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -F key=prioriteit:z -F text=x "$R/voortgang-2024/texts" &&
  jqt text-badkey '.reason == "report_unknown_text"'
req text-empty 400 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -F key=inleiding -F 'text=  ' "$R/voortgang-2024/texts" &&
  jqt text-empty '.reason == "report_bad_text"'
[ "$(dbq 'SELECT COUNT(*) FROM report_text')" = 0 ] || fail "a refused text was written"
req finalize-concept 400 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -d date=2025-03-31 "$R/voortgang-2024/finalize" &&
  jqt finalize-concept '.reason == "report_concept" and (.detail | contains("prioriteit:jeugd"))'
for k in inleiding prioriteit:a prioriteit:b prioriteit:c prioriteit:d; do
  req "text $k" 200 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -F "key=$k" \
    -F "text=Voorbeeldtekst bij $k: de doelen en maatregelen zijn illustraties." "$R/voortgang-2024/texts" &&
    jqt "text $k" '.version == 1 and .by == "anna" and .final == false'
done
printf 'Tweede versie,\nin twee alinea\xe2\x80\x99s.\n\nDe tweede alinea.\n' >"$W/tekst.md"
req text-v2 200 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -F key=inleiding -F "text=@$W/tekst.md" "$R/voortgang-2024/texts" &&
  jqt text-v2 '.version == 2 and .key == "inleiding"'
req texts-after 200 "${S[@]}" "$R/voortgang-2024/texts" &&
  jqt texts-after '.rows[0].version == 2 and .rows[0].author == "anna" and (.rows[0].body | startswith("Tweede versie,\nin twee")) and (.rows[0].body | endswith("De tweede alinea.\n"))'
req finalize 200 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -d date=2025-03-31 "$R/voortgang-2024/finalize" &&
  jqt finalize '.status == "definitief" and .date == "2025-03-31" and (.sha256 | length) == 64'
req finalize-twice 400 -b "$W/jar" -H "X-CSRF-Token: $CSRF" -d date=2025-03-31 "$R/voortgang-2024/finalize" &&
  jqt finalize-twice '.reason == "report_already_final"'
req html-final 200 "$R/voortgang-2024?format=html" && cp "$W/body" "$W/final.html" # definitief: public
req texts-final 200 "$R/voortgang-2024/texts" && jqt texts-final '.rows[0].version == 2'
req concept-still-private 401 "$R/voortgang-2023?format=html"
grep -q 'data-status="definitief"' "$W/final.html" || fail "html-final: not definitief"
"$IVP" measure update M-digi --status done --note later --date 2025-02-01 >/dev/null 2>&1 || fail "measure update"
req html-later 200 "$R/voortgang-2024?format=html" && cmp -s "$W/body" "$W/final.html" ||
  fail "the definitief report changed after a new plan version"
req list-final 200 "$R" &&
  jqt list-final '[.rows[] | select(.kind == "voortgang" and .year == 2024)][0] | .status == "definitief" and .final_date == "2025-03-31"'

if [ $fails -ne 0 ]; then
  echo "--- server log:"; tail -30 "$W/log"
  echo "$fails of $n requests/checks failed"; exit 1
fi
echo "ok reports: $n requests"
