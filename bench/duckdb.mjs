// duckdb.mjs — the DuckDB peer of bench/run.sh (@duckdb/node-api, bench/package.json).
//
//   node bench/duckdb.mjs load DB CSV
//       W1: CREATE TABLE t AS SELECT * FROM read_csv(CSV) into the database
//       file DB (made fresh); prints "rows N".
//   node bench/duckdb.mjs w2 DB POPCSV YEAR N DUMP GM [GM ...]
//       W2: from the t of W1, untimed: fact(area, type, period, count) with
//       period = year*100+month as in ivp, the population table pop(area,
//       year, population) from POPCSV (area,year,population) and the
//       indicator definitions def(key, code, ncodes). Timed: the indicator
//       set (count, rate per 1,000, previous year, verdict of the exact
//       conditional rate-ratio interval, as ivp) for the first GM, N times,
//       median per call; then for every GM at once (one GROUP BY query),
//       max(3, N/20) times, median. The verdict is computed in JavaScript
//       from the counts (verdict.mjs): SQL has no beta quantile. DUMP gets
//       the figures as CSV like bench/w2.c's.
//   node bench/duckdb.mjs w3 DB YEAR N DUMP GM
//       W3 (after w2, which made fact and pop): the buurten of GM ranked on
//       registered crime (0.0.0) per 1,000, each with the verdict of its rate
//       against all ranked buurten together (in JavaScript, as for W2), N
//       times, median; then every buurt of the country, max(3, N/20) times.
//       DUMP: both rankings as CSV like bench/w2.c --w3.
import { DuckDBInstance } from '@duckdb/node-api';
import { writeFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { verdict } from './verdict.mjs';

const [mode, db, ...rest] = process.argv.slice(2);
const median = (v) => {
  const s = [...v].sort((a, b) => a - b), n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const sqlstr = (s) => `'${String(s).replaceAll("'", "''")}'`;

// The default indicator set of ivp (migrations.c, version 1, police codes).
export const DEFS = {
  totaal: ['0.0.0'],
  bbv_geweld: ['1.4.1', '1.4.2', '1.4.3', '1.4.4', '1.4.5', '1.4.6', '1.4.7'],
  bbv_vernieling: ['2.2.1'],
  bbv_winkeldiefstal: ['2.5.2'],
  bbv_woning: ['1.1.1'],
  hic: ['1.1.1', '1.4.6', '1.4.7'],
};

// An indicator has a figure only when every one of its codes has a yearly
// row (ivp's rule; the generator writes every JJ00 row).
const Q_ONE = `
WITH f AS (
  SELECT d.key, d.ncodes, f.period, f.count FROM def d JOIN fact f ON f.type = d.code
  WHERE f.area = $area AND f.period IN ($cur, $prev)),
g AS (
  SELECT key,
    CASE WHEN count(*) FILTER (WHERE period = $cur) = max(ncodes) THEN sum(count) FILTER (WHERE period = $cur) END AS cnt,
    CASE WHEN count(*) FILTER (WHERE period = $prev) = max(ncodes) THEN sum(count) FILTER (WHERE period = $prev) END AS prev
  FROM f GROUP BY key)
SELECT $area AS area, g.key, g.cnt, g.cnt * 1000.0 / p1.population AS rate, g.prev,
       g.prev * 1000.0 / p0.population AS prev_rate, p1.population AS pop1, p0.population AS pop0
FROM g LEFT JOIN pop p1 ON p1.area = $area AND p1.year = $year
       LEFT JOIN pop p0 ON p0.area = $area AND p0.year = $year - 1
ORDER BY g.key`;

const Q_ALL = `
WITH f AS (
  SELECT f.area, d.key, d.ncodes, f.period, f.count FROM def d JOIN fact f ON f.type = d.code
  WHERE f.area LIKE 'GM%' AND f.period IN ($cur, $prev)),
g AS (
  SELECT area, key,
    CASE WHEN count(*) FILTER (WHERE period = $cur) = max(ncodes) THEN sum(count) FILTER (WHERE period = $cur) END AS cnt,
    CASE WHEN count(*) FILTER (WHERE period = $prev) = max(ncodes) THEN sum(count) FILTER (WHERE period = $prev) END AS prev
  FROM f GROUP BY area, key)
SELECT g.area, g.key, g.cnt, g.cnt * 1000.0 / p1.population AS rate, g.prev,
       g.prev * 1000.0 / p0.population AS prev_rate, p1.population AS pop1, p0.population AS pop0
FROM g LEFT JOIN pop p1 ON p1.area = g.area AND p1.year = $year
       LEFT JOIN pop p0 ON p0.area = g.area AND p0.year = $year - 1
ORDER BY g.area, g.key`;

// rows with the verdict added (the part SQL cannot do)
const finish = (rows) => rows.map((r) => {
  const [area, key, cnt, rate, prev, prevRate, pop1, pop0] = r;
  const c = cnt == null ? null : Number(cnt), p = prev == null ? null : Number(prev);
  return [area, key, c, rate, p, prevRate,
    c == null || p == null ? 'no data' : pop1 == null || pop0 == null ? 'no population'
      : verdict(c, Number(pop1), p, Number(pop0))];
});

// ivp_ranking ranks only areas of at least this many inhabitants (IVP_MIN_POPULATION_DEFAULT,
// include/ivp/ivp.h; docs/ranking.md); smaller ones follow unranked
const MIN_POPULATION = 500;

// the ranking of ivp_ranking: buurten with enough inhabitants, highest rate first
const Q_RANK = (where) => `
SELECT f.area, f.count, p.population, f.count * 1000.0 / p.population AS rate
FROM fact f JOIN pop p ON p.area = f.area AND p.year = $year
WHERE f.type = '0.0.0' AND f.period = $cur AND ${where} AND p.population >= $minpop
ORDER BY rate DESC, f.count DESC, f.area`;
const WORDS = { 'significant rise': 'significantly higher', 'significant fall': 'significantly lower',
  'no clear change': 'no clear difference', 'not computable': 'not computable' };
const ranked = (rows) => {
  let all = 0, allPop = 0;
  for (const r of rows) { all += Number(r[1]); allPop += Number(r[2]); }
  return rows.map((r, i) => [i + 1, r[0], Number(r[1]), Number(r[2]), r[3],
    WORDS[verdict(Number(r[1]), Number(r[2]), all, allPop)]]);
};

async function w3(con, year, n, dump, gm) {
  const reps = Math.max(3, Math.floor(n / 20));
  const one = await con.prepare(Q_RANK("f.area LIKE $prefix"));
  const bindOne = () => one.bind({ year, cur: year * 100, prefix: `BU${gm.slice(2)}%`, minpop: MIN_POPULATION });
  bindOne();
  let mine = ranked((await one.runAndReadAll()).getRows());	// warm-up
  const t1 = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    bindOne();
    mine = ranked((await one.runAndReadAll()).getRows());
    t1.push(performance.now() - t0);
  }
  const all = await con.prepare(Q_RANK("f.area LIKE 'BU%'"));
  let country = [];
  const t2 = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    all.bind({ year, cur: year * 100, minpop: MIN_POPULATION });
    country = ranked((await all.runAndReadAll()).getRows());
    t2.push(performance.now() - t0);
  }
  const csv = (scope, rows) => rows.map((r) => [scope, r[0], r[1], r[2], r[3], Number(r[4]).toFixed(6), r[5]].join(',')).join('\n');
  writeFileSync(dump, 'scope,rank,code,count,population,per_1000,vs_all\n' + csv(gm, mine) + '\n' + csv('NL01', country) + '\n');
  console.log(`one_ms ${median(t1).toFixed(4)}\nall_ms ${median(t2).toFixed(4)}\nbuurten ${country.length}`);
}

async function main() {
  if (mode === 'load') {
    const [csv] = rest;
    rmSync(db, { force: true });
    rmSync(db + '.wal', { force: true });
    const inst = await DuckDBInstance.create(db);
    const con = await inst.connect();
    await con.run(`CREATE TABLE t AS SELECT * FROM read_csv(${sqlstr(csv)})`);
    const r = await con.runAndReadAll('SELECT count(*) FROM t');
    console.log(`rows ${r.getRows()[0][0]}`);
    con.closeSync();
    return;
  }
  if (mode === 'w3') {
    const [yearS, nS, dump, gm] = rest;
    const inst = await DuckDBInstance.create(db);
    const con = await inst.connect();
    await w3(con, Number(yearS), Number(nS), dump, gm);
    con.closeSync();
    return;
  }
  if (mode !== 'w2') throw new Error('usage: duckdb.mjs load DB CSV | w2 DB POPCSV YEAR N DUMP GM... | w3 DB YEAR N DUMP GM');
  const [popcsv, yearS, nS, dump, ...gms] = rest;
  const year = Number(yearS), n = Number(nS), reps = Math.max(3, Math.floor(n / 20));
  const inst = await DuckDBInstance.create(db);
  const con = await inst.connect();
  // untimed set-up: the analyst's cleaned tables
  await con.run(`CREATE OR REPLACE TABLE fact AS SELECT trim(WijkenEnBuurten) AS area, trim(SoortMisdrijf) AS type,
      CAST(substr(Perioden, 1, 4) AS INTEGER) * 100 + CAST(substr(Perioden, 7, 2) AS INTEGER) AS period,
      GeregistreerdeMisdrijven_1 AS count FROM t`);
  await con.run(`CREATE OR REPLACE TABLE pop AS SELECT area, year, population FROM read_csv(${sqlstr(popcsv)})`);
  await con.run('CREATE OR REPLACE TABLE def (key VARCHAR, code VARCHAR, ncodes INTEGER)');
  for (const [k, codes] of Object.entries(DEFS))
    for (const c of codes) await con.run(`INSERT INTO def VALUES (${sqlstr(k)}, ${sqlstr(c)}, ${codes.length})`);
  await con.run('CHECKPOINT');

  const one = await con.prepare(Q_ONE);
  const bindOne = (gm) => one.bind({ area: gm, cur: year * 100, prev: (year - 1) * 100, year });
  bindOne(gms[0]);
  finish((await one.runAndReadAll()).getRows());	// warm-up
  const t1 = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    bindOne(gms[0]);
    finish((await one.runAndReadAll()).getRows());
    t1.push(performance.now() - t0);
  }
  const all = await con.prepare(Q_ALL);
  all.bind({ cur: year * 100, prev: (year - 1) * 100, year });
  let rows = finish((await all.runAndReadAll()).getRows());
  const t2 = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    all.bind({ cur: year * 100, prev: (year - 1) * 100, year });
    rows = finish((await all.runAndReadAll()).getRows());
    t2.push(performance.now() - t0);
  }
  if (dump !== '-')
    writeFileSync(dump, 'gm,indicator,count,per_1000,prev_count,prev_per_1000,verdict\n' +
      rows.map((r) => r.map((x, i) => x == null ? '' : (i === 3 || i === 5) ? Number(x).toFixed(6) : x).join(',')).join('\n') + '\n');
  console.log(`one_ms ${median(t1).toFixed(4)}\nall_ms ${median(t2).toFixed(4)}\nindicators ${rows.length}`);
  con.closeSync();
}

await main();
