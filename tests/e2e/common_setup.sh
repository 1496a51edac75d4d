# Sourced by case setup scripts: the code lists and populations of the example.
# (On PostgreSQL case.sh made the database from a template that holds them.)
[ -n "${IVP_E2E_COMMON_DONE:-}" ] && return 0
"$IVP" import codes "$EX/allemisdrijven_metadata_21122025.csv"
"$IVP" import codes "$EX/crime__WijkenEnBuurten.csv"
"$IVP" import codes "$EX/soortmisdrijf_83648NED_cbs.csv"
"$IVP" import population "$EX/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions
"$IVP" import population "$EX/population__Population85984_2024.csv" --year 2024
