#!/usr/bin/env bash
# Load the example's report texts: every FILE.md under texts/KIND-YEAR/ as
# the text of key FILE (prioriteit-a: prioriteit:a, doel-G-halt: doel:G-halt)
# of the report KIND of YEAR, by "voorbeeld" (docs/report.md "Texts").
# usage: load.sh IVP_BINARY   (the database from $IVP_DB or --db as usual)
set -euo pipefail
IVP=${1:-build/ivp}
here=$(cd "$(dirname "$0")" && pwd)
for dir in "$here"/*-*/; do
	report=$(basename "$dir")
	kind=${report%-*}
	year=${report##*-}
	for f in "$dir"*.md; do
		key=$(basename "$f" .md)
		case $key in
		prioriteit-* | doel-*) key=${key/-/:} ;;
		esac
		"$IVP" report text set --kind "$kind" --year "$year" --key "$key" --file "$f" --user voorbeeld --lang nl
	done
done
