#!/usr/bin/env node
// shape.js — make the replay server's recording (replay.js) for Pijnacker-
// Nootdorp (GM1926) from the real files bundled in the repository: what the
// CBS and Politie OData services answer to the requests of `ivp fetch --area
// GM1926 --from 2012 --to 2024` (docs/fetch.md), page by page. The two
// 47018NED pages are the OData JSON pages of tests/data as they are; every
// other answer is a real file reshaped into the OData JSON layout — the
// figures and codes are the real ones, only the layout differs
// (tests/fetch/README.md says which file became which answer).
//
// usage: node shape.js REPO_ROOT OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');

const [root, out] = process.argv.slice(2);
if (!root || !out) { console.error('usage: shape.js REPO_ROOT OUT_DIR'); process.exit(2); }
const EX = path.join(root, 'examples/pijnacker-nootdorp/data');
const TD = path.join(root, 'tests/data');
const POL = 'https://dataderden.cbs.nl/ODataApi/odata';
const CBS = 'https://opendata.cbs.nl/ODataApi/odata';
const AREAS = ['GM1926']; // the municipality; with NL01 where the table has the country

// CSV with quotes (doubled quotes inside, fields spanning lines), any delimiter.
function csv(text, delim) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows = []; let row = [], f = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"') { if (text[i + 1] === '"') { f += '"'; i++; } else q = false; }
      else f += c;
    } else if (c === '"') q = true;
    else if (c === delim) { row.push(f); f = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(f); rows.push(row); row = []; f = '';
    } else f += c;
  }
  if (f !== '' || row.length) { row.push(f); rows.push(row); }
  return rows;
}

function write(rel, obj) {
  const p = path.join(out, rel + '.json');
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, JSON.stringify(obj, null, 1));
}

// An OData v3 answer of rows, in pages of `size` rows linked by odata.nextLink.
function pages(rel, base, table, part, rows, size) {
  const meta = base + '/' + table + '/$metadata#Cbs.OData.WebAPI.' + part;
  for (let s = 0; s < rows.length || s === 0; s += size) {
    const page = { 'odata.metadata': meta, value: rows.slice(s, s + size) };
    if (s + size < rows.length)
      page['odata.nextLink'] = base + '/' + table + '/' + part + '?$format=json&$skip=' + (s + size);
    write(rel + (s ? '@skip=' + s : ''), page);
  }
}

function tableinfos(rel, base, table, info) {
  pages(rel + '/TableInfos', base, table, 'TableInfos', [Object.assign({ ID: 0 }, info)], 10000);
}

// ---- 47013NED metadata (StatLine metadata CSV with sections) -------------------
const meta = csv(fs.readFileSync(path.join(EX, 'allemisdrijven_metadata_21122025.csv'), 'utf8'), ';');
function section(name) {
  const i = meta.findIndex((r) => r[0] === name && r.slice(1).every((x) => x === ''));
  const head = meta[i + 1].filter((x) => x !== '');
  const rows = [];
  for (let k = i + 2; k < meta.length; k++) {
    const r = meta[k];
    if (r.slice(1).every((x) => x === '') && /^[A-Za-z]+$/.test(r[0])) break;
    if (r.every((x) => x === '')) continue;
    const o = {};
    head.forEach((h, j) => { o[h] = r[j] === undefined ? '' : r[j]; });
    rows.push(o);
  }
  return rows;
}
const ti = section('TableInfos')[0];
tableinfos('politie/47013NED', POL, '47013NED',
  { Title: ti.Title, Identifier: ti.Identifier, Modified: ti.Modified, Catalog: ti.Catalog });
const regios = section('RegioS');
for (const part of ['SoortMisdrijf', 'RegioS', 'Perioden'])
  pages('politie/47013NED/' + part, POL, '47013NED', part, section(part), 10000);

// ---- 47013NED TypedDataSet: the StatLine exports, names -> RegioS keys ---------
const keyOf = {};
for (const r of regios) keyOf[r.Title] = r.Key;
const want = new Set(AREAS.concat(['NL01']));
const crime = [];
for (const f of ['misdrijven_2022_2023.csv', 'Misdrijven_2024.csv']) {
  const rows = csv(fs.readFileSync(path.join(EX, f), 'utf8'), ';');
  const years = rows[4].slice(1).map((y) => y.trim());
  for (const r of rows.slice(6)) {
    const k = keyOf[r[0]];
    if (!k || !want.has(k.trim())) continue;
    years.forEach((y, j) => {
      crime.push({ ID: crime.length, SoortMisdrijf: '0.0.0 ', RegioS: k, Perioden: y + 'JJ00',
                   GeregistreerdeMisdrijven_1: Number(r[j + 1]) });
    });
  }
}
pages('politie/47013NED/TypedDataSet', POL, '47013NED', 'TypedDataSet', crime, 10000);

// ---- 47018NED: TableInfos (real values of crime__TableInfos.csv, Aug 2024),
// the wijk/buurt list (crime__WijkenEnBuurten.csv), the real JSON pages ---------
tableinfos('politie/47018NED', POL, '47018NED',
  { Title: 'Geregistreerde misdrijven; soort misdrijf, wijk, buurt, jaarcijfers', Identifier: '47018NED',
    Modified: '2024-08-15T02:00:00', Catalog: 'Politie' });
const wb = csv(fs.readFileSync(path.join(EX, 'crime__WijkenEnBuurten.csv'), 'utf8'), ',');
const wbRows = wb.slice(1).filter((r) => r.length >= 5).map((r) => ({
  Key: r[0], Title: r[1], Description: r[2], Municipality: r[3], DetailRegionCode: r[4] }));
pages('politie/47018NED/WijkenEnBuurten', POL, '47018NED', 'WijkenEnBuurten', wbRows, 10000);
fs.copyFileSync(path.join(TD, '47018NED_typed_GM1926_2023_page1.json'),
  path.join(out, 'politie/47018NED/TypedDataSet.json'));
fs.copyFileSync(path.join(TD, '47018NED_typed_GM1926_2023_page2.json'),
  path.join(out, 'politie/47018NED/TypedDataSet@skip=20.json'));

// ---- 83648NED: the CBS classification and the 2022 totals ----------------------
tableinfos('cbs/83648NED', CBS, '83648NED', { Identifier: '83648NED' }); // no real TableInfos: no Modified
const cri = csv(fs.readFileSync(path.join(EX, 'soortmisdrijf_83648NED_cbs.csv'), 'utf8'), ',');
pages('cbs/83648NED/SoortMisdrijf', CBS, '83648NED', 'SoortMisdrijf',
  cri.slice(1).filter((r) => r.length >= 2).map((r) => ({ Key: r[0], Title: r[1], Description: r[3] || '' })), 10000);
const t83 = csv(fs.readFileSync(path.join(TD, '83648NED_typed_2022_T001161.csv'), 'utf8'), ',');
const h83 = t83[0];
const rows83 = t83.slice(1).filter((r) => r.length === h83.length && want.has(r[h83.indexOf('RegioS')].trim()))
  .map((r) => { const o = {}; h83.forEach((h, j) => { o[h] = /^\d+$/.test(r[j]) && h !== 'RegioS' ? Number(r[j]) : r[j]; }); return o; });
pages('cbs/83648NED/TypedDataSet', CBS, '83648NED', 'TypedDataSet', rows83, 10000);

// ---- 37230ned: population at the end of each year (StatLine export) ------------
tableinfos('cbs/37230ned', CBS, '37230ned', { Identifier: '37230ned', Title: 'Bevolkingsontwikkeling; regio per maand' });
const bev = csv(fs.readFileSync(path.join(EX, 'bevolkingeindeperiod_jaren_22122025.csv'), 'utf8'), ';');
const bh = bev[3];
const pop = [];
for (const r of bev.slice(4)) {
  const k = r[0] === 'Nederland' ? 'NL01' : keyOf[r[0]] && keyOf[r[0]].trim();
  if (!k || !want.has(k)) continue;
  for (let j = 3; j < bh.length; j++) {
    const y = Number(bh[j]);
    if (y < 2011 || y > 2024 || r[j] === undefined || r[j] === '') continue;
    pop.push({ ID: pop.length, RegioS: k.padEnd(10), Perioden: y + 'JJ00',
               BevolkingAanHetEindVanDePeriode_8: Number(r[j]) });
  }
}
pages('cbs/37230ned/TypedDataSet', CBS, '37230ned', 'TypedDataSet', pop, 10000);

// ---- Kerncijfers wijken en buurten: buurt population on 1 January --------------
function kwb(table, file, info) {
  tableinfos('cbs/' + table, CBS, table, info);
  const rows = csv(fs.readFileSync(file, 'utf8'), ',').slice(1)
    .filter((r) => r.length >= 3 && AREAS.some((g) => r[1].startsWith('BU' + g.slice(2))))
    .map((r) => ({ WijkenEnBuurten: r[1], AantalInwoners_5: Number(r[2]) }));
  pages('cbs/' + table + '/TypedDataSet', CBS, table, 'TypedDataSet', rows, 10000);
}
// 85984NED TableInfos: real values of population__TableInfos.csv
kwb('85984NED', path.join(EX, 'population__Population85984_2024.csv'),
  { Title: 'Kerncijfers wijken en buurten 2024', Identifier: '85984NED', Modified: '2024-08-16T02:00:00' });
kwb('85618NED', path.join(TD, 'population__Population85618_2023_GM1926.csv'), { Identifier: '85618NED' });

// ---- PDOK (OGC API Features): Delft's buurten of the wijk- en buurtkaart 2023 ---
// tests/data/delft_buurten_2023.geojson holds the real polygons with only
// BU_NAAM; each name is matched to its code within GM0503 in the 2024 code list
// (all 91 match one code each). Written as two OGC API pages (50 + 41 features,
// a "next" link between them) with buurtcode, buurtnaam and gemeentecode, the
// property names of PDOK's collection (not verified here). Delft's wijken are
// not bundled: that answer is an empty FeatureCollection.
{
  const PDOK = 'https://api.pdok.nl/cbs/wijken-en-buurten-2023/ogc/v1/collections';
  const code = {};
  for (const r of wbRows) if (r.Key.startsWith('BU0503')) code[r.Title] = r.Key.trim();
  const g = JSON.parse(fs.readFileSync(path.join(TD, 'delft_buurten_2023.geojson'), 'utf8'));
  const feats = g.features.map((f) => ({ type: 'Feature', geometry: f.geometry,
    properties: { buurtcode: code[f.properties.BU_NAAM], buurtnaam: f.properties.BU_NAAM, gemeentecode: 'GM0503' } }));
  const q = '/items?f=json&limit=1000&gemeentecode=GM0503';
  const one = (features, links) => ({ type: 'FeatureCollection', numberReturned: features.length, features, links });
  write('pdok/cbs/wijken-en-buurten-2023/ogc/v1/collections/buurten/items@gemeentecode=GM0503',
    one(feats.slice(0, 50), [{ rel: 'self', href: PDOK + '/buurten' + q },
      { rel: 'next', href: PDOK + '/buurten' + q + '&cursor=2' }]));
  write('pdok/cbs/wijken-en-buurten-2023/ogc/v1/collections/buurten/items@gemeentecode=GM0503@cursor=2',
    one(feats.slice(50), [{ rel: 'self', href: PDOK + '/buurten' + q + '&cursor=2' }]));
  write('pdok/cbs/wijken-en-buurten-2023/ogc/v1/collections/wijken/items@gemeentecode=GM0503',
    one([], [{ rel: 'self', href: PDOK + '/wijken' + q }]));
}
