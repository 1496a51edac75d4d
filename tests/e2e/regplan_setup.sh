#!/usr/bin/env bash
# The set-up of cases 919-929 (register counts in the plan and the report),
# sourced after common_setup.sh in the case's work directory: the example's
# crime, values and a key file ./keys (IVP_KEYS); an admin adam and a
# member mona of both registers (with TOTP); 8 signals weighed in 2024
# (drugs: 5 no action and 2 to the RIEC in the first quarter; 1 real estate to the police, in
# the second quarter) and 6 cases registered in 2024 (4 closed in 2024, 1
# in progress, 1 declined); and plan.yaml: the example plan with four
# illustrative output goals fed by register counts — signals weighed (8 in
# 2024, shown), signals to the RIEC (2, "< 5"), cases registered (6) and
# cases closed (4, "< 5"). RY (default 2024) moves every date and id to
# another year (the live-server test takes the year its pages report).
set -e
RY=${RY:-2024}
export IVP_KEYS=$PWD/keys
"$IVP" import crime "$EX/misdrijven_2022_2023.csv" >/dev/null
"$IVP" import crime "$EX/Misdrijven_2024.csv" >/dev/null
"$IVP" import values "$EX/../values.csv" >/dev/null
"$IVP" org add zvh "Zorg- en Veiligheidshuis" --lang en >/dev/null
PW='Zeer-geheim wachtwoord 42'
printf '%s\n' "$PW" | "$IVP" user add adam --role admin --lang en >/dev/null
printf '%s\n' "$PW" | "$IVP" user add mona --role viewer --org zvh --lang en >/dev/null
"$IVP" keys init --user adam --lang en >/dev/null
for u in adam mona; do "$IVP" user totp "$u" --lang en >/dev/null; done
"$IVP" registers grant signals mona --user adam --lang en >/dev/null
"$IVP" registers grant cases mona --user adam --lang en >/dev/null
# keep every record whatever the clock says (ivp serve runs retention when it starts)
"$IVP" retention set signals not_taken_up 1200 --user adam --lang en >/dev/null
"$IVP" retention set cases closed 1200 --user adam --lang en >/dev/null
sig() { # N DATE PHENOMENON OUTCOME [BUURT]
  "$IVP" signals add --user mona --lang en --received "$2" --source police --phenomenon "$3" \
    --buurt "${5:-BU19260101}" --description "geheime omschrijving $1" >/dev/null
  "$IVP" signals weigh "S-$RY-000$1" --user mona --lang en --date "$2" --outcome "$4" >/dev/null
}
sig 1 $RY-01-10 drugs none
sig 2 $RY-01-17 drugs none
sig 3 $RY-02-07 drugs none
sig 4 $RY-02-21 drugs none
sig 5 $RY-03-06 drugs none
sig 6 $RY-03-13 drugs riec BU19260102
sig 7 $RY-03-20 drugs riec BU19260102
sig 8 $RY-04-10 real_estate police BU19260102
cas() { # N DATE BSN WIJK [STATUS]
  "$IVP" cases add --user mona --lang en --date "$2" --name "Persoon Geheim $1" --birth 1980-01-0"$1" \
    --bsn "$3" --reason "overlast $1" --criteria multi_domain --wijk "$4" --director mona >/dev/null
  [ -z "${5:-}" ] || "$IVP" cases status "C-$RY-000$1" "$5" --text "reden $1" --date "$RY-11-0$1" \
    --user mona --lang en >/dev/null
}
cas 1 $RY-01-15 111222333 BU19260101 closed
cas 2 $RY-02-15 123456782 BU19260101 closed
cas 3 $RY-04-15 100000009 BU19260102 closed
cas 4 $RY-05-15 100000010 BU19260102 closed
cas 5 $RY-07-15 100000022 BU19260103 in_progress
cas 6 $RY-10-15 100000034 BU19260103 declined
goal() { # ID TITLE INDICATOR UNIT TARGET
  printf '          - id: %s\n            title: "%s (illustratie)"\n            kind: output\n' "$1" "$2"
  printf '            indicator: "%s"\n            unit: "%s"\n            direction: higher\n' "$3" "$4"
  printf '            baseline:\n              value: 0\n              year: 2023\n'
  printf '            target:\n              value: %s\n              year: 2026\n            illustration: true\n' "$5"
}
awk -v s="$(goal G-gewogen "Gewogen signalen van ondermijning per jaar" register:signals/weighed signalen 12
            goal G-riec "Signalen per jaar naar het RIEC" register:signals/outcome/riec signalen 6)" \
    -v c="$(goal G-casussen "Casussen van het Zorg- en Veiligheidshuis per jaar" register:cases/registered casussen 10
            goal G-afgesloten "Afgesloten casussen per jaar" register:cases/closed casussen 8)" \
    '/^  - id: jeugd$/ { print s } /^  - id: digitaal$/ { print c } { print }' "$EX/../plan.yaml" >plan.yaml
"$IVP" plan import plan.yaml >/dev/null
