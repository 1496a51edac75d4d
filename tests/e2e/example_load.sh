# Sourced by the PostgreSQL cases (820-849): the whole example (code lists,
# population, crime 2010-2024, buurten, boundaries, groups, values, the plan)
# and the regional plan of Haaglanden loaded into the database --db "$1" names, as scripts/run-example.sh does.
ex_load() {
  local db=$1 R=$E2E/../..
  "$IVP" init --db "$db" >/dev/null
  for f in allemisdrijven_metadata_21122025.csv crime__WijkenEnBuurten.csv soortmisdrijf_83648NED_cbs.csv; do
    "$IVP" import codes "$EX/$f" --db "$db" >/dev/null
  done
  "$IVP" import population "$EX/bevolkingeindeperiod_jaren_22122025.csv" --skip-unknown-regions --db "$db" >/dev/null
  "$IVP" import population "$EX/population__Population85984_2024.csv" --year 2024 --db "$db" >/dev/null
  "$IVP" import population "$EX/population__Population85618_2023_GM1926.csv" --year 2023 --db "$db" >/dev/null
  "$IVP" import crime "$EX/misdrijven_2022_2023.csv" --db "$db" >/dev/null
  "$IVP" import crime "$EX/Misdrijven_2024.csv" --db "$db" >/dev/null
  "$IVP" import long "$EX/47018NED_2023_totaal_misdrijven_per_buurt_haaglanden.csv" --db "$db" >/dev/null
  "$IVP" import long "$EX/83648NED_totaal_gemeenten_2010-2020.csv" --db "$db" >/dev/null
  "$IVP" import boundaries "$R/examples/boundaries/gemeenten_2022.geojson" --skip-unknown-regions --db "$db" >/dev/null
  "$IVP" import groups "$R/data/groups/haaglanden.csv" --db "$db" >/dev/null
  "$IVP" region import "$R/examples/haaglanden/regio.yaml" --db "$db" >/dev/null
  "$IVP" import values "$R/examples/pijnacker-nootdorp/values.csv" --db "$db" >/dev/null
  "$IVP" plan import "$R/examples/pijnacker-nootdorp/plan.yaml" --db "$db" >/dev/null
}
