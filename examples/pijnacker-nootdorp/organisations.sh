#!/usr/bin/env bash
# Load the example's organisations: the municipality and the kinds of
# safety partners Pijnacker-Nootdorp's IVP works with (shared/DOMAIN.md),
# with `ivp org add` (docs/security.md "Organisations"). The plan's
# measures name them as owner and partners; which partner owns or shares
# which measure is part of the illustrative measures (illustration: true
# in plan.yaml), not the municipality's real division of work.
# usage: organisations.sh IVP_BINARY   (the database from $IVP_DB or --db as usual)
set -euo pipefail
IVP=${1:-build/ivp}
add() { "$IVP" org add "$1" "$2" --kind "$3" --lang nl >/dev/null; }
add gemeente "Gemeente Pijnacker-Nootdorp" municipality
add politie "Politie eenheid Den Haag" police
add zvh "Zorg- en Veiligheidshuis Haaglanden" "care and safety"
add halt "Halt" "youth justice"
add jongerenwerk "Jongerenwerk" "youth work"
add woningcorporatie "Woningcorporatie" housing
add riec "RIEC Haaglanden" riec
