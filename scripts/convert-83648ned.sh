#!/usr/bin/env bash
# Convert the CBS 83648NED "Misdrijven, totaal" per gemeente extract
# (MarkYonan238/Dashboard-Misdrijven voorspelmodel.csv: SoortMisdrijf title,
# RegioS name as StatLine writes it, year, TotaalGeregistreerdeMisdrijven_1
# as "2590.0") into the ivp long CSV (docs/long-csv.md): the gemeente name is
# looked up in the RegioS code list of a 47013NED metadata file (the same
# StatLine titles, e.g. "'s-Gravenhage (gemeente)"), the type "Misdrijven,
# totaal" is the 83648NED code T001161, the count a whole number. Names the
# code list does not know (gemeenten merged since) are left out and counted
# on stderr. The output is what examples/pijnacker-nootdorp bundles.
# usage: scripts/convert-83648ned.sh EXTRACT.csv METADATA.csv > OUT.csv
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 EXTRACT.csv METADATA.csv" >&2; exit 1; }
awk -v meta="$2" '
BEGIN {
  FS = ";"
  while ((getline line < meta) > 0) {
    n = split(line, f, ";")
    if (f[1] ~ /^GM[0-9][0-9][0-9][0-9] *$/) { code = f[1]; sub(/ +$/, "", code); name = f[2]; gsub(/"/, "", name); gm[name] = code }
  }
  FS = ","; print "area,type,period,count"
}
FNR == 1 { next }
{
  # "Misdrijven, totaal",NAME,YEAR,COUNT,...  (the first field is quoted and holds a comma)
  if ($0 !~ /^"Misdrijven, totaal",/) { bad++; next }
  rest = substr($0, length("\"Misdrijven, totaal\",") + 1)
  n = split(rest, f, ",")
  name = f[1]; year = f[2]; count = f[3]
  if (!(name in gm)) { unknown[name] = 1; next }
  if (count == "") next
  sub(/\.0$/, "", count)
  printf "%s,T001161,%sJJ00,%s\n", gm[name], year, count
}
END {
  for (k in unknown) u++
  printf "%d gemeente names not in the code list left out%s\n", u, bad ? sprintf("; %d rows of another type", bad) : "" > "/dev/stderr"
}' "$1"
