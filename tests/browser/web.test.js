// Browser tests of the web app: Debian's headless chromium driven by
// playwright-core, every page checked by axe-core for WCAG 2.1 A/AA, a
// screenshot and the HTML of every page (checked by html.sh). Run by tests/browser/run.sh against a live
// `ivp serve`. usage: node web.test.js BASE_URL SCREENSHOT_DIR CSV_TO_UPLOAD
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [base, shots, csv] = process.argv.slice(2);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const results = [];
const screenshots = [];

function check(name, ok, detail) {
  results.push({ name, ok: !!ok, detail: detail || '' });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${!ok && detail ? ': ' + detail : ''}`);
}

async function axe(page, name) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const v = r.violations.map((x) => `${x.id} (${x.impact}): ${x.nodes.length}× ${x.nodes[0].target.join(' ')}`);
  check(`axe ${name}: no WCAG 2.1 A/AA violation`, v.length === 0, v.join('; '));
}

async function shot(page, name) {
  const file = path.join(shots, `${String(screenshots.length + 1).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  screenshots.push(file);
}

// The page's HTML as the server sends it (with the browser's cookies: signed
// in where the browser is), beside its screenshot, for the Nu HTML checker
// (tests/browser/html.sh).
async function save(page, name) {
  const res = await page.request.get(page.url());
  const file = path.join(shots, `${String(screenshots.length + 1).padStart(2, '0')}-${name}.html`);
  fs.writeFileSync(file, await res.text());
}

// The English-only texts of the message catalogue (include/ivp/messages*.def,
// M(id, nl, en)): the literal pieces (between printf conversions) of every
// English text that differs from its Dutch one, long enough to mean something
// (14+ characters with a space) and found in no Dutch text of the catalogue,
// so that a text the languages share never counts as English.
function englishOnly() {
  const dir = path.join(__dirname, '..', '..', 'include', 'ivp');
  const str = '"((?:[^"\\\\]|\\\\.)*)"';
  const re = new RegExp(`^M\\((\\w+), ${str}, ${str}\\)$`, 'gm');
  const unc = (t) => t.replace(/\\(.)/g, (m, c) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
  const entries = [];
  for (const f of fs.readdirSync(dir).filter((n) => /^messages.*\.def$/.test(n))) {
    for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(re)) entries.push([m[1], unc(m[2]), unc(m[3])]);
  }
  const dutch = entries.map((e) => e[1]).join('\n');
  const pieces = [];
  for (const [id, nl, en] of entries) {
    if (nl === en) continue;
    for (const p of en.replace(/%%/g, '%').split(/%[-+ #0-9.*]*(?:ll|l|z)?[a-zA-Z]|\{[a-z_]+\}/)) {
      const t = p.trim();
      if (t.length >= 14 && t.includes(' ') && !dutch.includes(t)) pieces.push([id, t]);
    }
  }
  return pieces;
}
const enOnly = englishOnly();

// A page in Dutch shows no text of the English catalogue (issue 11).
async function noEnglish(page, name) {
  if ((await page.getAttribute('html', 'lang')) !== 'nl') return;
  const text = (await page.evaluate(() => document.body.textContent)).replace(/\s+/g, ' ');
  const found = enOnly.filter(([, t]) => text.includes(t.replace(/\s+/g, ' ')));
  check(`${name} (nl): no English text of the catalogue`, found.length === 0,
    found.slice(0, 5).map(([id, t]) => `${id}: "${t}"`).join('; '));
}

// axe, the HTML and a screenshot: what every page gets
async function visit(page, name) {
  await noEnglish(page, name);
  await axe(page, name);
  await save(page, name);
  await shot(page, name);
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ivp-chromium-'));
  // a fresh profile (--user-data-dir, which playwright passes for a persistent context);
  // bypassCSP: the pages allow no script at all, axe is injected by the test only
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  try {
    // ---- start page (Dutch by default) -------------------------------------------
    let res = await page.goto(base + '/');
    check('start page answers 200', res.status() === 200, String(res.status()));
    check('start page is Dutch (html lang=nl, "Prioriteiten")', (await page.getAttribute('html', 'lang')) === 'nl' &&
      (await page.textContent('main')).includes('Prioriteiten'));
    check('start page has the key indicators table', await page.locator('main table').count() >= 2);
    check('start page shows the no-data notes', (await page.textContent('main')).includes('Politie 47013NED'));
    const heads = await page.locator('main table thead th').allTextContents();
    check('start page compares with Nederland, the rest of Haaglanden and of the size class',
      heads.includes('T.o.v. Nederland') && heads.includes('T.o.v. de rest van Haaglanden') &&
      heads.includes('T.o.v. de rest van de gemeenten met 50.000–100.000 inwoners'), heads.join(' | '));
    check('style sheets are served', (await page.request.get(base + '/static/utrecht.css')).status() === 200);
    await visit(page, 'start');

    // ---- follow to an indicator --------------------------------------------------------
    await page.click('main a[href^="/indicator?"]');
    check('indicator page opened from the start page', page.url().includes('/indicator?'));
    check('indicator page has an SVG chart', await page.locator('main svg[role="img"]').count() === 1);
    check('the chart is followed by its numbers as a table', await page.locator('main figure + .ivp-table-wrap table caption').count() === 1);
    const before = await page.textContent('main table');
    check('before the upload 2024 has no figure (1.771 absent)', !before.includes('1.771') && !before.includes('1,771'));
    const csvLink = await page.getAttribute('a[href^="/indicator.csv"]', 'href');
    const csvRes = await page.request.get(base + csvLink);
    const csvText = await csvRes.text();
    // Dutch by default: ';' and the decimal comma for a Dutch spreadsheet, a file name, a source line
    check('CSV download works (Dutch dialect)', csvRes.status() === 200 && csvText.startsWith('year;area;indicator;count'), csvText.slice(0, 80));
    check('the CSV download has a file name',
      /^attachment; filename="ivp-totaal-[A-Za-z0-9_]+\.csv"$/.test(csvRes.headers()['content-disposition'] || ''),
      csvRes.headers()['content-disposition']);
    check('the CSV ends with its source line', /\r\n"?Bron: politie .*\r\n$/.test(csvText), csvText.slice(-200));
    check('the CSV has decimal commas and Dutch verdicts', /;\d+,\d{4};/.test(csvText) && !/no clear change/.test(csvText));
    {
      // English (a fresh client without the page's cookie): ',' and the decimal point
      const en = await fetch(base + csvLink + '&lang=en');
      const enText = await en.text();
      check('CSV in English: commas and decimal points, an English source line',
        enText.startsWith('year,area,indicator,count') && /,\d+\.\d{4},/.test(enText) && /\r\n"?Source: police /.test(enText),
        enText.slice(0, 80));
    }
    await visit(page, 'indicator');

    // ---- charts on the shared chart model, provenance, registered values, goal pages (nl and en) ----
    // the ticks of a chart: numbers from 0 up in one step of 1, 2 or 5 times a power of ten
    const ticksOf = async (sel) => (await page.locator(sel + ' .ivp-chart__tick').allTextContents())
      .map((t) => Number(t.replace(/\./g, '').replace(',', '.')));
    const readable = (t) => {
      if (t.length < 2) return false;
      const step = t[1] - t[0], mag = Math.pow(10, Math.floor(Math.log10(step))), m = step / mag;
      return [1, 2, 5].some((k) => Math.abs(m - k) < 1e-9) &&
        t.every((v, i) => Math.abs(v - (t[0] + i * step)) < 1e-9);
    };
    await page.goto(base + '/?lang=nl');
    const trend = 'main figure svg[aria-labelledby^="trend-"]';
    check('start page: the long trend chart has its unit on the axis ("per 1.000 inwoners")',
      (await page.textContent(trend + ' .ivp-chart__unit')) === 'per 1.000 inwoners');
    const tt = await ticksOf(trend);
    check('start page: the long trend has readable ticks 0, 20, 40, 60', tt.join(',') === '0,20,40,60', tt.join(','));
    check('start page: 83648NED and 47013NED are two series with a break marker, not one line',
      await page.locator(trend + ' .ivp-chart__break').count() === 1 &&
      await page.locator(trend + ' polyline.ivp-chart__line').count() === 1 &&
      await page.locator(trend + ' polyline.ivp-chart__line2').count() === 1);
    const home = await page.textContent('main');
    check('start page: provenance beside the figures (CBS 83648NED 2010–2020, rounded to 5, Politie 47013NED, 37230ned)',
      home.includes('CBS 83648NED (2010–2020)') && home.includes('afgerond op 5') &&
      home.includes('Politie 47013NED (2022–2023)') && home.includes('CBS 37230ned'));
    check('start page: the long trend\'s numbers in a table beside the chart',
      await page.locator('main .ivp-figure figure + .ivp-table-wrap tbody tr').count() === 13);
    check('start page lists the registered values with unit and source',
      home.includes('Lokaal geregistreerde waarden') && home.includes('% van de inwoners 15+') && home.includes('ILLUSTRATIE'));
    await visit(page, 'start-trend');
    await page.goto(base + '/indicator?area=GM1926&key=totaal&lang=nl');
    check('indicator page: heading is the name, not the key',
      (await page.textContent('h1')).startsWith('Geregistreerde misdrijven, totaal'));
    check('indicator page: unit on the axis and readable ticks',
      (await page.textContent('main svg .ivp-chart__unit')) === 'per 1.000 inwoners' && readable(await ticksOf('main svg')));
    check('indicator page: a source per year in the table', (await page.textContent('main table')).includes('CBS 83648NED; afgerond op 5'));
    // issue 11 item 4: the note names the years with a count (the table's first and last), not
    // the range asked for (2000 to this year); each legend entry stays on one line
    {
      const years = (await page.locator('main table tbody tr th, main table tbody tr td:first-child').allTextContents())
        .map((t) => t.trim()).filter((t) => /^\d{4}$/.test(t)).map(Number);
      const main = (await page.textContent('main')).replace(/\s+/g, ' ');
      const want = `de jaren ${Math.min(...years)}-${Math.max(...years)} met een aantal`;
      check('indicator page: the note names the years with data', years.length > 5 && main.includes(want) &&
        !main.includes('de jaren 2000-'), `${want}; ${(main.match(/de jaren \d{4}-\d{4}/) || ['none'])[0]}`);
    }
    for (const lang of ['nl', 'en']) {
      await page.goto(base + `/indicator?area=GM1926&key=totaal&lang=${lang}`);
      await page.setViewportSize({ width: 420, height: 900 }); // a narrow screen: the legend wraps between entries
      const items = await page.locator('main .ivp-chart__legend .ivp-chart__item').evaluateAll((els) =>
        els.map((e) => [e.textContent.trim(), e.getClientRects().length]));
      await page.setViewportSize({ width: 1280, height: 900 });
      const band = items.find(([t]) => /95%.?interval/.test(t));
      check(`indicator page (${lang}): the legend's "95% interval" on one line`, band && items.every(([, n]) => n === 1),
        JSON.stringify(items));
    }
    await page.goto(base + '/indicator?area=GM1926&key=totaal&lang=nl');
    await page.goto(base + '/indicator?area=GM1926&key=bbv_geweld&lang=nl');
    check('indicator page without figures: heading is the name (Geweldsmisdrijven), not bbv_geweld',
      (await page.textContent('h1')).startsWith('Geweldsmisdrijven') && !(await page.textContent('h1')).includes('bbv_geweld'));
    await page.goto(base + '/indicator?area=GM1926&key=totaal&lang=en');
    check('indicator page (en): unit "per 1,000 inhabitants" and the break "another classification from 2022"',
      (await page.textContent('main svg .ivp-chart__unit')) === 'per 1,000 inhabitants' &&
      (await page.textContent('main svg')).includes('another classification from 2022'));
    await visit(page, 'indicator-en');
    for (const lang of ['nl', 'en']) {
      await page.goto(base + `/indicator?area=GM1926&key=vm_onveilig_buurt&lang=${lang}`);
      check(`registered value page (${lang}): heading is its name`,
        (await page.textContent('h1')).startsWith('Voelt zich onveilig in eigen buurt'));
      const t = await ticksOf('main svg');
      check(`registered value page (${lang}): unit on the axis and ticks 0, 5, … 20`,
        (await page.textContent('main svg .ivp-chart__unit')) === '% van de inwoners 15+' && t.join(',') === '0,5,10,15,20', t.join(','));
      check(`registered value page (${lang}): margin, unit and source in the table beside the chart`,
        (await page.textContent('main figure + .ivp-table-wrap table')).includes(lang === 'nl' ? '± 2,5' : '± 2.5') &&
        (await page.textContent('main table')).includes('ILLUSTRATIE'));
      await visit(page, `value-${lang}`);
    }
    for (const lang of ['nl', 'en']) { // a survey with fewer respondents than its minimum (issue 14)
      await page.goto(base + `/indicator?area=GM1926&key=panel_onveilig&lang=${lang}`);
      const tbl = await page.textContent('main table');
      check(`registered value page (${lang}): a wave below its minimum is "too small", its figure not shown, the rule said`,
        tbl.includes(lang === 'nl' ? 'te klein' : 'too small') && tbl.includes('148 (minimum 300)') && tbl.includes('612 (minimum 300)') &&
        !tbl.includes(lang === 'nl' ? '12,0' : '12.0') && tbl.includes(lang === 'nl' ? '14,0' : '14.0') &&
        await page.locator('#te-klein').count() === 1, tbl);
      await visit(page, `value-too-small-${lang}`);
    }
    await page.goto(base + '/plan?lang=nl');
    await page.click('main a[href*="goal=G-totaal"]');
    check('goal page opened from the plan', page.url().includes('goal=G-totaal'));
    check('goal page: the baseline-to-target line in the chart and said in words',
      await page.locator('main svg line.ivp-chart__target').count() === 1 &&
      (await page.textContent('main')).includes('Nulmeting 29,4 (2022), streefwaarde'));
    check('goal page: unit and readable ticks', (await page.textContent('main svg .ivp-chart__unit')) === 'per 1.000 inwoners' &&
      readable(await ticksOf('main svg')));
    await visit(page, 'goal');
    await page.goto(base + '/indicator?area=GM1926&key=vm_onveilig_buurt&goal=G-onveilig&lang=en');
    check('goal page of a registered value (en): the target line, "Baseline 16.0 (2021)"',
      await page.locator('main svg line.ivp-chart__target').count() === 1 &&
      (await page.textContent('main')).includes('Baseline 16.0 (2021)'));
    await visit(page, 'goal-value-en');
    await page.goto(base + '/?lang=en');
    check('start page (en): unit "per 1,000 inhabitants" on the trend axis',
      (await page.textContent(trend + ' .ivp-chart__unit')) === 'per 1,000 inhabitants');
    await page.goto(base + '/?lang=nl');

    // ---- follow to a goal ---------------------------------------------------------------------
    await page.goto(base + '/');
    await page.click('main a[href^="/plan#goal-"]');
    check('goal link leads to the plan', page.url().includes('/plan#goal-'));
    const goalId = page.url().split('#')[1];
    check(`goal ${goalId} is on the plan page`, await page.locator('#' + goalId).count() === 1);
    check('illustrations are labelled', (await page.textContent('main')).includes('illustratie'));
    check('no update form without signing in', await page.locator('form.ivp-measure-form').count() === 0);
    await visit(page, 'plan');

    // ---- switch language --------------------------------------------------------------------------
    await Promise.all([page.waitForURL(/lang=en/), page.click('.ivp-lang a')]);
    check('language link switches to English (lang=en, "Measures")', (await page.getAttribute('html', 'lang')) === 'en' &&
      (await page.textContent('main')).includes('Measures'));
    await page.goto(base + '/');
    check('English is remembered by the cookie ("Priorities and goals")', (await page.textContent('main')).includes('Priorities and goals'));
    await visit(page, 'start-en');
    {
      // the check itself can fail: the English page has texts of the English catalogue
      const text = (await page.evaluate(() => document.body.textContent)).replace(/\s+/g, ' ');
      check(`the English-only list (${enOnly.length} texts) finds English on the English page`,
        enOnly.length > 100 && enOnly.some(([, t]) => text.includes(t)));
    }
    await Promise.all([page.waitForURL(/lang=nl/), page.click('.ivp-lang a')]);
    check('and back to Dutch ("Kerncijfers")', (await page.textContent('main')).includes('Kerncijfers'));

    // ---- neighbourhoods, sources, an error page ------------------------------------------------------
    await page.goto(base + '/buurten?area=GM1926&key=totaal&year=2023');
    check('buurten page ranks wijken and buurten', await page.locator('main tbody tr').count() > 5);
    // the map's areas are the paths of class ivp-map__area; the region's gemeenten and the
    // own gemeente's outline are drawn around them (classes ivp-map__region, ivp-map__own)
    check('buurten page draws the map of the three wijken with boundaries (run.sh imports them)',
          await page.locator('main svg path.ivp-map__area').count() === 3);
    check('buurten map marks the own gemeente and shows the gemeenten around it',
          await page.locator('main svg path.ivp-map__own').count() === 1 &&
          await page.locator('main svg path.ivp-map__region').count() > 1);
    // three wijken give equal quantile breaks: no legend class that can hold nothing ("22,8 – < 22,8")
    const keys = await page.locator('main .ivp-map__keys li').allTextContents();
    check('the map legend has no empty class (' + keys.join(' | ') + ')',
          keys.length >= 3 && !keys.some((t) => /^(\S+) – < \1$/.test(t.trim())));
    // the funnel plot: PN's 24 buurten of 500 inhabitants or more on the 2023 population (run.sh)
    check('buurten page draws a funnel plot with a title, a description and one point per ranked buurt',
          await page.locator('main svg.ivp-funnel__svg title').first().textContent() !== '' &&
          await page.locator('main svg.ivp-funnel__svg desc').count() === 1 &&
          await page.locator('main svg.ivp-funnel__svg circle[class^="ivp-funnel__own"]').count() === 24);
    check('the funnel plot has its limits as curves (95% and 99.8%, both sides)',
          await page.locator('main svg.ivp-funnel__svg polyline').count() === 4);
    check('the limits are said in one sentence in Dutch',
          (await page.textContent('main')).includes('buiten de 95%-grens'));
    check('the table beside it ranks by rate with Rang, not Plaats',
          (await page.locator('main thead th').first().textContent()) === 'Rang' &&
          !(await page.textContent('main')).includes('Plaats'));
    check('small buurten are listed by count: te weinig inwoners voor een cijfer',
          (await page.textContent('main')).includes('te weinig inwoners voor een cijfer'));
    await visit(page, 'buurten');
    // the search field is a GET form: it works without script
    await page.fill('#q', 'Delfgauw');
    await Promise.all([page.waitForURL(/q=Delfgauw/), page.click('form.ivp-buurten-form button')]);
    check('search keeps only the matching buurten',
          (await page.locator('main table').first().locator('tbody tr').count()) >= 1 &&
          (await page.locator('main table').first().locator('tbody th').allTextContents()).every((t) => t.includes('Delfgauw')));
    // an explicit population year is said beside every rate
    await page.goto(base + '/buurten?area=GM1926&key=totaal&year=2023&population_year=2024');
    check('another population year is said on the page and in the rate column',
          (await page.textContent('main')).includes('inwoners op 1 januari 2024') &&
          (await page.textContent('main thead')).includes('(1 januari 2024)'));
    await page.goto(base + '/buurten?area=GM1926&key=totaal&year=2023&lang=en');
    check('buurten page in English: Funnel plot, Rank, the limits in one sentence',
          (await page.textContent('main')).includes('Funnel plot') &&
          (await page.locator('main thead th').first().textContent()) === 'Rank' &&
          (await page.textContent('main')).includes('beyond the 95% limit'));
    await visit(page, 'buurten-en');
    await page.goto(base + '/indicator?area=BU05031101&key=totaal&lang=nl');
    check('a buurt without any rate gets a sentence, not an empty chart',
          await page.locator('main svg').count() === 0 && (await page.textContent('main')).includes('Geen grafiek'));
    await visit(page, 'indicator-buurt');
    await page.goto(base + '/buurten?area=GM0503&key=totaal&year=2023');
    check('buurten page without wijk/buurt boundaries says the map needs a boundaries file, naming the import form, not a CLI command',
          (await page.textContent('main')).includes('Grenzen van gebieden') && !(await page.textContent('main')).includes('ivp import') &&
          await page.locator('main svg').count() === 0);
    // the map of the gemeenten (boundaries imported by run.sh): areas with titles, a legend, the table
    await page.goto(base + '/kaart?year=2023');
    check('kaart draws 341 gemeenten', await page.locator('main svg path').count() === 341);
    check('kaart names each area in a <title>', (await page.locator('main svg path title').first().textContent()).includes('per 1.000'));
    check('kaart has a legend with five classes', await page.locator('main .ivp-map__keys li').count() === 6);
    check('kaart is followed by its table', await page.locator('main tbody tr').count() === 341);
    await visit(page, 'kaart');
    // the same map in English (issue 11's "Must show": the map in nl and en)
    await page.goto(base + '/kaart?year=2023&lang=en');
    check('kaart in English names each area per 1,000 and has no Dutch heading',
          (await page.locator('main svg path title').first().textContent()).includes('per 1,000') &&
          !(await page.textContent('main')).includes('inwoners'));
    await visit(page, 'kaart-en');
    // the region pages (issue 15 item 3): the regional plan's themes against the municipalities,
    // "geen plan in ivp" for the eight whose plan ivp does not hold; the safety picture 2023
    await page.goto(base + '/regio?lang=nl'); // the map before was visited in English, and the choice sticks
    check('regio: five themes × nine gemeenten, scoped headers',
      await page.locator('main tbody th[scope=row]').count() === 5 && await page.locator('main thead th[scope=col]').count() === 10);
    check('regio: PN\'s four priorities linked, "geen plan in ivp" for the others',
      await page.locator('main tbody a[href="/plan?gemeente=GM1926"]').count() === 4 &&
      (await page.locator('main tbody td', { hasText: 'geen plan in ivp' }).count()) === 40);
    await visit(page, 'regio');
    await page.goto(base + '/regio?lang=en');
    check('regio in English: "no plan in ivp"', (await page.textContent('main tbody')).includes('no plan in ivp'));
    await visit(page, 'regio-en');
    await page.goto(base + '/regio/veiligheidsbeeld?year=2023&lang=nl');
    {
      // PN 2023: 1663 on 57672 = 28,84 against the rest of Haaglanden, 61273 on 1093125 = 56,05
      // (tests/e2e/cases/846 has the computation)
      const pn = await page.locator('main table').first().locator('tbody tr', { hasText: 'Pijnacker-Nootdorp' }).textContent();
      check('veiligheidsbeeld: PN against the rest of Haaglanden, 2023', pn.includes('28,84') && pn.includes('56,05') &&
        pn.includes('duidelijk lager'), pn);
      // its chart above the table: a bar per gemeente from the highest rate to the lowest, the
      // verdict in words, the whole region as a line; named by its title and desc
      const fig = page.locator('main figure.ivp-rows').first();
      const rows = await fig.locator('g.ivp-rows__row > title').allTextContents();
      check('veiligheidsbeeld chart: nine bars, highest first, PN last with 28,84 against 56,05',
        await fig.locator('rect.ivp-rows__bar').count() === 9 && rows.length === 9 && rows[0].startsWith("'s-Gravenhage: 66,60") &&
        rows[8].startsWith('Pijnacker-Nootdorp: 28,84') && rows[8].includes('56,05') && rows[8].includes('duidelijk lager'),
        rows.join(' | '));
      check('veiligheidsbeeld chart: title, desc, the order and the whole region in words',
        (await fig.locator('svg > title').textContent()).includes('elke gemeente t.o.v. de rest van Haaglanden') &&
        (await fig.locator('svg > desc').textContent()).includes('Gesorteerd van het hoogste naar het laagste cijfer') &&
        (await fig.locator('svg').textContent()).includes('Haaglanden (de hele regio): 54,69'));
    }
    await visit(page, 'regio-veiligheidsbeeld');
    await page.goto(base + '/regio/veiligheidsbeeld?year=2023&lang=en');
    check('veiligheidsbeeld in English', (await page.textContent('main h1')).includes('Safety picture of the region Haaglanden'));
    check('veiligheidsbeeld chart in English: 28.84, clearly lower',
      (await page.locator('main figure.ivp-rows g.ivp-rows__row > title').last().textContent())
        .startsWith('Pijnacker-Nootdorp: 28.84 per 1,000 inhabitants'));
    await visit(page, 'regio-veiligheidsbeeld-en');
    // readable at 420 px: the page itself does not scroll sideways, the wide table scrolls in its region
    await page.setViewportSize({ width: 420, height: 900 });
    for (const [u, n] of [['/regio?lang=nl', 'regio-420'], ['/regio/veiligheidsbeeld?year=2023&lang=nl', 'regio-veiligheidsbeeld-420']]) {
      await page.goto(base + u);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      check(`${n}: no sideways scrolling of the page at 420 px`, wide <= 420, `scrollWidth ${wide}`);
      await axe(page, n);
      await shot(page, n);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(base + '/sources');
    check('sources page lists the imports', await page.locator('main tbody tr').count() >= 5);
    await visit(page, 'sources');
    // ---- the reports page, anonymous: status with the missing texts, downloads, no forms ------------------
    await page.goto(base + '/rapport?kind=voortgang&year=2023&lang=nl');
    check('rapport: the 2023 progress report is a concept naming its missing texts',
      (await page.textContent('#status')).includes('Toelichting bij prioriteit b ontbreekt'));
    check('rapport: a concept is not public: no links to read or download it, a note to sign in instead',
      await page.locator('main .ivp-downloads a').count() === 0 && await page.locator('#concept-private').count() === 1 &&
      (await page.request.get(base + '/api/v1/reports/voortgang-2023?format=html')).status() === 401);
    check('rapport: no text forms without signing in', await page.locator('form.ivp-text-form').count() === 0);
    await visit(page, 'rapport');
    res = await page.goto(base + '/no-such-page');
    check('unknown page: 404 as an HTML page', res.status() === 404 && (await page.locator('h1').count()) === 1);
    await visit(page, 'error-404');

    // ---- the public participation page (issue 14) -------------------------------------------------------
    res = await page.goto(base + '/participatie/inbreng');
    check('participatie/inbreng: public, 200, "Wat is er met uw inbreng gedaan?"', res.status() === 200 &&
      (await page.textContent('h1')).includes('Wat is er met uw inbreng gedaan?'));
    check('participatie/inbreng: the suppression rule is stated beside the figures',
      (await page.textContent('#regel')).includes('< 5') && await page.locator('#regel + #themas-tabel table').count() === 1);
    check('participatie/inbreng: the example is marked as an illustration',
      (await page.textContent('main')).includes('ILLUSTRATIE') && await page.locator('main .ivp-badge').count() >= 1);
    check('participatie/inbreng: no statements of residents on the public page',
      !(await page.textContent('main')).includes('Hangjongeren bij het winkelcentrum'));
    await visit(page, 'participatie-inbreng');
    for (const p of ['/participatie', '/prioriteiten', '/api/v1/participation/inputs']) { // signed in only
      const r2 = await page.request.get(base + p);
      check(`${p} without signing in: 401`, r2.status() === 401, String(r2.status()));
    }

    // ---- writes refused without signing in ------------------------------------------------------------
    let post = await page.request.post(base + '/plan/measures/M-digi', { form: { status: 'stopped' } });
    check('measure update without a session is refused (401)', post.status() === 401, String(post.status()));
    await page.goto(base + '/import');
    check('import page without a session has no upload form', await page.locator('input[type=file]').count() === 0);
    await visit(page, 'import-anonymous');

    // ---- sign in -------------------------------------------------------------------------------------------
    await page.goto(base + '/login');
    await visit(page, 'login');
    await page.fill('#name', 'anna');
    await page.fill('#password', 'wrong password here');
    await page.click('main button[type=submit]');
    check('a wrong password is refused', (await page.textContent('main')).includes('Onjuiste naam of wachtwoord'));
    await page.fill('#name', 'anna');
    await page.fill('#password', process.env.IVP_TEST_PASSWORD);
    await page.click('main button[type=submit]');
    check('signing in leads to the plan', page.url().endsWith('/plan'));
    check('the header says who is signed in', (await page.textContent('header')).includes('anna'));
    check('an editor sees an update form per measure', await page.locator('form.ivp-measure-form').count() >= 1);
    post = await page.request.post(base + '/plan/measures/M-digi', { form: { status: 'stopped' } });
    check('a POST without the CSRF field is refused (403)', post.status() === 403, String(post.status()));

    // ---- update a measure -------------------------------------------------------------------------------------
    const row = page.locator('#measure-M-digi');
    await row.locator('select[name=status]').selectOption('stopped');
    await row.locator('input[name=note]').fill('gestopt in de browsertest');
    await row.locator('form.ivp-measure-form button[type=submit]').click();
    check('after the update the plan shows the message', page.url().includes('/plan?done=M-digi') &&
      (await page.textContent('main [role=status]')).includes('M-digi'));
    check('the measure shows its new status (gestopt) and note',
      (await page.textContent('#measure-M-digi .ivp-measure-status')).trim() === 'gestopt' &&
      (await page.textContent('#measure-M-digi')).includes('gestopt in de browsertest'));
    await visit(page, 'plan-editor');
    // ---- the measure's audit trail (issue 12 item 3): the update just made, by anna, from the browser's address
    await page.goto(base + '/audit?object=' + encodeURIComponent('measure:ivp-pn-2023-2026/M-digi'));
    check('audit: the measure update is an entry of anna from 127.0.0.1',
      (await page.locator('main tbody tr').count()) >= 1 &&
      (await page.textContent('main tbody')).includes('measure.update') &&
      (await page.textContent('main tbody')).includes('anna') &&
      (await page.textContent('main tbody')).includes('127.0.0.1'));
    check('audit: the page says the chain is whole', (await page.textContent('main [role=status]')).includes('De keten is heel'));
    await visit(page, 'audit');
    await page.goto(base + '/plan');

    // ---- the plan edited on the web: an editor adds a goal and sees the diff -------------------------------
    await page.goto(base + '/plan/bewerken');
    check('the edit page lists the items with an add-a-goal link per ambition',
      await page.locator('main a[href="/plan/bewerken?object=goal&parent=A-jeugd"]').count() === 1);
    await visit(page, 'plan-edit-list');
    await page.goto(base + '/plan/bewerken?object=measure&id=M-digi');
    check('a measure\'s form has its owner as a select of the plan\'s partners',
      await page.locator('main select[name=owner] option').count() >= 2);
    await visit(page, 'plan-edit-measure');
    await page.goto(base + '/plan/bewerken?object=budget&id=2024');
    await visit(page, 'plan-edit-budget');
    await page.goto(base + '/plan/bewerken');
    await page.click('main a[href="/plan/bewerken?object=goal&parent=A-jeugd"]');
    await visit(page, 'plan-edit-new-goal');
    await page.fill('#f-id', 'G-browser');
    await page.fill('#f-title', 'Doel uit de browsertest');
    await page.selectOption('#f-kind', 'effect');
    await page.fill('#f-indicator', 'totaal');
    await page.selectOption('#f-direction', 'lower');
    await page.fill('#f-baseline-value', '30,5');
    await page.fill('#f-baseline-year', '2022');
    await page.fill('#f-target-value', 'veel');
    await page.fill('#f-target-year', '2026');
    await page.selectOption('#f-illustration', 'true');
    await page.click('main form.ivp-edit-form button[type=submit]');
    check('a wrong number is refused beside its field, in Dutch, the input kept',
      (await page.textContent('#f-target-value-error')).includes('is geen getal') &&
      (await page.inputValue('#f-target-value')) === 'veel' &&
      (await page.inputValue('#f-title')) === 'Doel uit de browsertest' &&
      (await page.getAttribute('#f-target-value', 'aria-invalid')) === 'true');
    check('the error summary links to the field', await page.locator('#fouten a[href="#f-target-value"]').count() === 1);
    await axe(page, 'plan-edit-error');
    await shot(page, 'plan-edit-error');
    await page.fill('#f-target-value', '27,5');
    await page.fill('#f-summary', 'doel toegevoegd in de browsertest');
    await page.click('main form.ivp-edit-form button[type=submit]');
    {
      const text = (await page.textContent('#wijzigingen')).replace(/\s+/g, ' ');
      check('after saving, the versions page shows what changed: the new goal',
        page.url().includes('/plan/versies?v=') && text.includes('Wat is er gewijzigd') &&
        text.includes('Doel G-browser: Doel uit de browsertest') && text.includes('toegevoegd'), text.slice(0, 300));
    }
    await visit(page, 'plan-versions');
    await page.goto(base + '/plan/bewerken?object=goal&id=G-browser');
    check('the new goal\'s form shows its target with a decimal comma', (await page.inputValue('#f-target-value')) === '27,5');
    await page.fill('#f-target-value', '26');
    await page.click('main form.ivp-edit-form button[type=submit]');
    {
      const rows = (await page.locator('#wijzigingen table tbody tr').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
      check('a changed field is shown with old and new', rows.length === 1 && rows[0].includes('Streefwaarde: waarde') &&
        rows[0].includes('27,5') && rows[0].includes('26'), rows.join(' | '));
    }
    await page.goto(base + '/plan');
    check('the plan page shows the goal added on the web', (await page.textContent('main')).includes('Doel uit de browsertest'));

    // ---- a local value registered through the form (illustration data, as the example's) --------------------
    await page.goto(base + '/plan/waarden');
    await visit(page, 'plan-values');
    await page.fill('#v-key', 'halt_browsertest');
    await page.fill('#v-name', 'Halt-verwijzingen (browsertest)');
    await page.fill('#v-year', '20x3');
    await page.fill('#v-value', '7,5');
    await page.fill('#v-unit', 'per 1.000 jongeren 12-17');
    await page.fill('#v-source', 'ILLUSTRATIE - geen echte meting (browsertest)');
    await page.fill('#v-definition_version', 'Halt 2023');
    await page.click('main form.ivp-value-form button[type=submit]');
    check('a bad year is refused beside its field, the input kept',
      (await page.locator('#v-year-error').count()) === 1 && (await page.inputValue('#v-year')) === '20x3' &&
      (await page.inputValue('#v-value')) === '7,5');
    await axe(page, 'plan-values-error');
    await page.fill('#v-year', '2023');
    await page.click('main form.ivp-value-form button[type=submit]');
    check('a good value is registered as an import', page.url().includes('/plan/waarden?saved=') &&
      (await page.textContent('main [role=status]')).includes('Vastgelegd als import'));
    {
      const src = await (await page.request.get(base + '/api/v1/sources')).json();
      const last = src.rows.reduce((a, r) => (!a || r.import > a.import ? r : a), null);
      check('the value is recorded as kind values by the signed-in user', last && last.kind === 'values' &&
        last.imported_by === 'anna' && last.file === 'web form', JSON.stringify(last));
    }
    await page.goto(base + '/plan');

    // ---- money spent, typed the Dutch way --------------------------------------------------------------------
    // 12.50 could mean twelve and a half or twelve thousand five hundred: refused, saying what to type
    await page.locator('#measure-M-digi input[name=spent]').fill('12.50');
    await page.locator('#measure-M-digi form.ivp-spent-form button[type=submit]').click();
    {
      const text = await page.textContent('main');
      check('an ambiguous amount (12.50) is refused in Dutch, naming what to type and no CLI flag',
        text.includes('dubbelzinnig') && text.includes('12,50') && text.includes('12.500') && !text.includes('--spent'),
        text.slice(0, 300));
    }
    await visit(page, 'plan-spent-refused');
    await page.goto(base + '/plan');
    await page.locator('#measure-M-digi input[name=spent]').fill('12.500');
    await page.locator('#measure-M-digi form.ivp-spent-form button[type=submit]').click();
    {
      const year = new Date().getUTCFullYear();
      const pr = await (await page.request.get(base + `/api/v1/plan/progress?year=${year}`)).json();
      const m = ((pr.measures || {}).rows || []).find((x) => x.measure === 'M-digi');
      check('12.500 on the Dutch form is stored as twelve thousand five hundred euros',
        page.url().includes('/plan?done=M-digi') && m && m.spent_year === 12500, JSON.stringify(m));
    }

    // ---- upload a CSV -------------------------------------------------------------------------------------------
    await page.goto(base + '/import');
    await visit(page, 'import');
    await page.selectOption('#kind', 'crime');
    await page.setInputFiles('#file', csv);
    await page.click('main button[type=submit]');
    // the import runs in the background: the form leads to its status page, which
    // refreshes itself (meta refresh, no script) while it runs and has a Vernieuwen link
    check('the upload leads to the status page', /\/import\/status\?id=\d+$/.test(page.url()), page.url());
    check('the status page has a polite live region',
      await page.locator('main [role=status][aria-live=polite]').count() === 1);
    check('the status page refreshes itself (meta refresh) exactly while the import runs',
      await page.locator('meta[http-equiv=refresh]').count() === (await page.locator('main a.ivp-refresh').count() > 0 ? 1 : 0));
    for (let i = 0; i < 100 && await page.locator('main a.ivp-refresh').count() > 0; i++) {
      await page.waitForTimeout(100);
      await page.click('main a.ivp-refresh');
    }
    check('the upload is imported', (await page.textContent('main [role=status]')).includes('is opgeslagen'),
      (await page.textContent('main')).slice(0, 300));
    check('the status page links to the figures', await page.locator('main a[href="/"]').count() >= 1);
    {
      // the import record holds the name uploaded and who, never the server's temporary copy
      const src = await (await page.request.get(base + '/api/v1/sources')).json();
      const last = src.rows.reduce((a, r) => (!a || r.import > a.import ? r : a), null);
      check('the background import records the uploaded file name and the signed-in user',
        last && last.kind === 'crime' && last.file === path.basename(csv) && last.imported_by === 'anna',
        JSON.stringify(last));
      check('the finished status page names the import by its own number (as /sources has it)',
        (await page.textContent('main .ivp-import-id')).trim() === `Import ${last.import}` &&
        await page.locator('meta[http-equiv=refresh]').count() === 0,
        (await page.textContent('main')).slice(0, 300));
    }
    await visit(page, 'import-status');
    // the same upload again: the status page says nothing changed
    await page.goto(base + '/import');
    await page.selectOption('#kind', 'crime');
    await page.setInputFiles('#file', csv);
    await page.click('main button[type=submit]');
    for (let i = 0; i < 100 && await page.locator('main a.ivp-refresh').count() > 0; i++) {
      await page.waitForTimeout(100);
      await page.click('main a.ivp-refresh');
    }
    check('the same file again: the status page says nothing changed',
      (await page.textContent('main [role=status]')).includes('niets veranderd'));
    // a bad file: the status page names the error
    const bad = path.join(os.tmpdir(), `ivp-bad-${process.pid}.csv`);
    fs.writeFileSync(bad, 'no;such;layout\n1;2;3\n');
    await page.goto(base + '/import');
    await page.selectOption('#kind', 'crime');
    await page.setInputFiles('#file', bad);
    await page.click('main button[type=submit]');
    for (let i = 0; i < 100 && await page.locator('main a.ivp-refresh').count() > 0; i++) {
      await page.waitForTimeout(100);
      await page.click('main a.ivp-refresh');
    }
    fs.rmSync(bad, { force: true });
    check('a bad file: the status page says the import failed',
      (await page.textContent('main [role=status]')).includes('mislukt'),
      (await page.textContent('main')).slice(0, 300));
    await visit(page, 'import-status-failed');
    // someone else's or an unknown job is not shown
    res = await page.goto(base + '/import/status?id=999999');
    check('an unknown import job: 404 page', res.status() === 404);
    await page.goto(base + '/indicator?area=GM1926&key=totaal');
    const after = await page.textContent('main table');
    check('the indicator page shows the new figure 1.771 for 2024', after.includes('2024') && after.includes('1.771'));
    await visit(page, 'indicator-after-import');
    // PN 2024 against the rest of Haaglanden (62571 on 1104521 = 56,65) and of its size class
    // (172619 on 4281075 = 40,32): tests/e2e/cases/542 and 543 have the computation
    const row2024 = await page.locator('main table tbody tr', { hasText: '1.771' }).textContent();
    check('the indicator page has the rest of Haaglanden and of the size class for 2024',
      row2024.includes('56,65') && row2024.includes('40,32'), row2024);
    await page.goto(base + '/indicator?area=GM1926&key=totaal&lang=en');
    const headsEn = await page.locator('main table thead th').allTextContents();
    check('in English: "The rest of Haaglanden per 1,000"', headsEn.includes('The rest of Haaglanden per 1,000'), headsEn.join(' | '));
    await visit(page, 'indicator-groups-en');

    // ---- the reports page as an editor: a form per text, an error on it, a saved version ---------------------
    await page.goto(base + '/rapport?kind=voortgang&year=2023&lang=nl');
    check('rapport (editor): a form per text', await page.locator('form.ivp-text-form textarea').count() >= 5);
    check('rapport (editor): links to read and download the concept (HTML, PDF, XLSX)',
      await page.locator('main .ivp-downloads a[href^="/api/v1/reports/voortgang-2023?format="]').count() === 3 &&
      await page.locator('#concept-private').count() === 0);
    await visit(page, 'rapport-editor');
    await page.fill('#text-0', '   ');
    await page.click('#tekst-0 form button[type=submit]');
    check('rapport: an empty text gives the form again with the field named and marked',
      await page.locator('#text-0[aria-invalid=true]').count() === 1 &&
      (await page.textContent('#text-0-error')).includes('Vul een tekst in') &&
      (await page.textContent('label[for=text-0]')).includes('Inleiding'));
    {
      // the page of the error as the browser has it (a POST's answer cannot be fetched again)
      const file = path.join(shots, `${String(screenshots.length + 1).padStart(2, '0')}-rapport-error.html`);
      fs.writeFileSync(file, await page.content());
      await axe(page, 'rapport-error');
      await shot(page, 'rapport-error');
    }
    await page.fill('#text-0', 'Inleiding uit de browsertest.\n\nDe doelen en maatregelen zijn illustraties.');
    await page.click('#tekst-0 form button[type=submit]');
    check('rapport: the text is saved, shown with its version and author',
      page.url().includes('saved=0') && (await page.textContent('main [role=status]')).includes('Inleiding') &&
      (await page.textContent('#tekst-0')).includes('Versie 1, door anna') &&
      (await page.textContent('#tekst-0 .ivp-text-body')).includes('De doelen en maatregelen zijn illustraties.'));
    check('rapport: one text less is missing', !(await page.textContent('#status')).includes('Inleiding ontbreekt'));
    await visit(page, 'rapport-saved');

    // ---- a measure's page, signed in as an editor: owner and partners by name, history ------------------
    await page.goto(base + '/plan/measures/M-digi');
    check('measure page (editor): the form, the owner by name and the history of the browser test\'s update',
      await page.locator('form.ivp-measure-page-form').count() === 1 &&
      (await page.textContent('main dl')).includes('Gemeente Pijnacker-Nootdorp') &&
      (await page.textContent('#geschiedenis')).includes('anna'));
    await visit(page, 'measure-editor');
    // ---- the participation trajectory and the priority matrix, signed in (issue 14) ------------------------------------
    await page.goto(base + '/participatie');
    check('participatie: the trajectory with its activities and every input with its route',
      await page.locator('main table').count() === 2 && (await page.textContent('main')).includes('Hangjongeren bij het winkelcentrum'));
    check('participatie: the inputs without a route are named', (await page.textContent('#zonder-route')).includes('W-delfgauw/1'));
    await visit(page, 'participatie');
    {
      // the public page shows no suppressed count: every count on it is either the true
      // count (from the inputs, signed in) of 5 or more or 0, or hidden ("< 5" for 1-4);
      // and no row or column of the table has exactly one hidden figure
      const inputs = (await (await page.request.get(base + '/api/v1/participation/inputs')).json()).rows;
      const acts = (await (await page.request.get(base + '/api/v1/participation/activities')).json()).rows;
      const wijkOf = {}; for (const a of acts) wijkOf[a.activity] = a.wijk_name || '';
      await page.goto(base + '/participatie/inbreng');
      const heads = (await page.locator('#themas-tabel table thead th').allTextContents());
      const rows = await page.locator('#themas-tabel table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
      const truth = {};
      for (const i of inputs) for (const t of i.themes.split(',')) {
        const w = wijkOf[i.activity] || 'geen wijk';
        truth[t] = truth[t] || {}; truth[t][w] = (truth[t][w] || 0) + 1;
      }
      const titles = {}; for (const r of (await (await page.request.get(base + '/api/v1/participation?lang=nl')).json()).rows) if (r.theme) titles[r.title] = r.theme;
      let wrong = [], single = [];
      const colHidden = heads.slice(1).map(() => 0);
      for (const r of rows) {
        const key = titles[r[0]];
        let hidden = 0;
        r.slice(1).forEach((v, k) => {
          const isHidden = v === '< 5' || v === 'afgeschermd';
          if (isHidden) { hidden++; colHidden[k]++; }
          if (!key || k === heads.length - 2) return; // the totals row and column
          const n = (truth[key] || {})[heads[k + 1]] || 0;
          if (v === '< 5' && !(n >= 1 && n <= 4)) wrong.push(`${r[0]}/${heads[k + 1]}: < 5 for ${n}`);
          if (!isHidden && Number(v) !== n) wrong.push(`${r[0]}/${heads[k + 1]}: ${v} for ${n}`);
          if (!isHidden && n >= 1 && n <= 4) wrong.push(`${r[0]}/${heads[k + 1]}: ${v} shown`);
        });
        if (hidden === 1) single.push(r[0]);
      }
      colHidden.forEach((h, k) => { if (h === 1) single.push(heads[k + 1]); });
      check('participatie/inbreng shows no suppressed count: small true counts are "< 5", shown ones are true',
        rows.length >= 3 && inputs.length >= 20 && wrong.length === 0, wrong.join('; '));
      check('participatie/inbreng: no row or column with a single hidden figure (secondary suppression)',
        single.length === 0, single.join('; '));
      check('participatie/inbreng: some counts are suppressed in the example', rows.some((r) => r.includes('< 5')));
    }
    await page.goto(base + '/prioriteiten');
    check('prioriteiten: the matrix table with its chart beside it',
      await page.locator('#matrix ~ .ivp-matrix table').count() === 1 && await page.locator('.ivp-matrix svg[role=img]').count() === 1);
    {
      const first = (await page.locator('#matrix ~ .ivp-matrix table tbody tr').first().textContent());
      check('prioriteiten: Ondermijnende criminaliteit ranks first with 3,75 (hand-computed: 37,5 / 10; tests/e2e/cases/850)',
        first.includes('Ondermijnende criminaliteit') && first.includes('3,75'), first);
    }
    check('prioriteiten: the sensitivity view and the choices with reasoning',
      (await page.textContent('#gevoeligheid ~ .ivp-table-wrap')).includes('robuust') &&
      (await page.textContent('main')).includes('Verkeersveiligheidsplan'));
    await visit(page, 'prioriteiten');

    // ---- sign out ----------------------------------------------------------------------------------------------------
    await page.click('header form[action="/logout"] button');
    check('signing out ends the session', (await page.locator('header form[action="/logout"]').count()) === 0 &&
      (await page.request.post(base + '/plan/measures/M-digi', { form: { status: 'done' } })).status() === 401);

    // ---- the measure's page signed out: no form, no notes, no history -----------------------------------------
    await page.goto(base + '/plan/measures/M-casus');
    check('measure page (anonymous): owner by name, money per year, neither form nor history',
      (await page.textContent('main dl')).includes('Zorg- en Veiligheidshuis Haaglanden') &&
      await page.locator('#geld').count() === 1 && await page.locator('form.ivp-measure-page-form').count() === 0 &&
      await page.locator('#geschiedenis').count() === 0);
    await visit(page, 'measure-anonymous');

    // ---- a partner at work: zora of the Zorg- en Veiligheidshuis updates its own measure -----------------------
    await page.goto(base + '/login');
    await page.fill('#name', 'zora');
    await page.fill('#password', process.env.IVP_TEST_PASSWORD);
    await page.click('main button[type=submit]');
    check('partner: the plan page has a form for its own measure only',
      await page.locator('#measure-M-casus form.ivp-measure-form').count() === 1 &&
      await page.locator('#measure-M-digi form.ivp-measure-form').count() === 0);
    await visit(page, 'plan-partner');
    await page.goto(base + '/plan/measures/M-casus');
    await page.selectOption('#f-status', 'running');
    await page.click('form.ivp-measure-page-form button[type=submit]');
    check('partner: changing only the status works (no note, no amount)',
      page.url().includes('/plan/measures/M-casus?done=1') &&
      (await page.textContent('main [role=status]')).includes('M-casus'), page.url());
    await page.selectOption('#f-spent_year', '2024');
    await page.fill('#f-note', 'eerste casusoverleg');
    await page.fill('#f-spent', '25.00');
    await page.click('form.ivp-measure-page-form button[type=submit]');
    check('partner: an ambiguous amount is refused beside its field, in Dutch, with the input kept',
      (await page.textContent('#f-spent-error')).includes('dubbelzinnig') &&
      (await page.getAttribute('#f-spent', 'aria-invalid')) === 'true' &&
      (await page.getAttribute('#f-spent', 'aria-describedby')) === 'f-spent-error' &&
      (await page.inputValue('#f-spent')) === '25.00' && (await page.inputValue('#f-note')) === 'eerste casusoverleg' &&
      (await page.inputValue('#f-spent_year')) === '2024');
    await visit(page, 'measure-error');
    await page.fill('#f-spent', '25.000');
    await page.click('form.ivp-measure-page-form button[type=submit]');
    {
      const pr = await (await page.request.get(base + '/api/v1/plan/progress?year=2024')).json();
      const m = ((pr.measures || {}).rows || []).find((x) => x.measure === 'M-casus');
      check('partner: its spending of 2024 (25.000) is stored, the history names the partner',
        page.url().includes('done=1') && m && m.spent_year === 25000 &&
        (await page.textContent('#geschiedenis')).includes('zora'), JSON.stringify(m));
    }
    await visit(page, 'measure-partner');
    // another organisation's measure: no form, and a POST with the right CSRF token is refused
    await page.goto(base + '/plan/measures/M-digi');
    check('partner: no form on another organisation\'s measure',
      await page.locator('form.ivp-measure-page-form').count() === 0);
    await visit(page, 'measure-other');
    {
      await page.goto(base + '/plan/measures/M-casus');
      const csrf = await page.getAttribute('form.ivp-measure-page-form input[name=csrf]', 'value');
      const before = await (await page.request.get(base + '/api/v1/plan/progress?year=2024')).json();
      post = await page.request.post(base + '/plan/measures/M-digi',
        { form: { csrf, status: 'done', spent_year: '2024', spent: '1.000' } });
      const after = await (await page.request.get(base + '/api/v1/plan/progress?year=2024')).json();
      const digi = (t) => JSON.stringify(((t.measures || {}).rows || []).find((x) => x.measure === 'M-digi'));
      check('partner: updating another organisation\'s measure is refused (403) and changes nothing',
        post.status() === 403 && digi(before) === digi(after), String(post.status()));
    }
    await page.click('header form[action="/logout"] button');
    // hans of Halt owns or shares no measure: no forms at all
    await page.goto(base + '/login');
    await page.fill('#name', 'hans');
    await page.fill('#password', process.env.IVP_TEST_PASSWORD);
    await page.click('main button[type=submit]');
    check('partner of another organisation: no update form on the plan page',
      await page.locator('form.ivp-measure-form').count() === 0);
    await page.click('header form[action="/logout"] button');
    // piet of the police, a partner of M-digi, records an output figure the Dutch way
    await page.goto(base + '/login');
    await page.fill('#name', 'piet');
    await page.fill('#password', process.env.IVP_TEST_PASSWORD);
    await page.click('main button[type=submit]');
    await page.goto(base + '/plan/measures/M-digi');
    await page.selectOption('#f-output_name', 'deelnemers');
    await page.selectOption('#f-output_year', '2025');
    await page.fill('#f-output_value', '12.50');
    await page.click('form.ivp-measure-page-form button[type=submit]');
    check('partner: an ambiguous output figure is refused beside its field, in Dutch, with the input kept',
      (await page.textContent('#f-output_value-error')).includes('dubbelzinnig') &&
      (await page.getAttribute('#f-output_value', 'aria-invalid')) === 'true' &&
      (await page.getAttribute('#f-output_value', 'aria-describedby')) === 'f-output_value-error' &&
      (await page.inputValue('#f-output_value')) === '12.50' &&
      (await page.inputValue('#f-output_name')) === 'deelnemers' &&
      (await page.inputValue('#f-output_year')) === '2025');
    await visit(page, 'measure-output-error');
    await page.fill('#f-output_value', '1.250');
    await page.click('form.ivp-measure-page-form button[type=submit]');
    {
      const pr = await (await page.request.get(base + '/api/v1/plan/progress?year=2025')).json();
      const m = ((pr.measures || {}).rows || []).find((x) => x.measure === 'M-digi');
      const main = await page.textContent('main');
      check('partner: its output figure of 2025 (1.250) is stored, shown on the page and in the progress',
        page.url().includes('done=1') && main.includes('deelnemers (2025): 1.250') &&
        m && (m.outputs || '').includes('deelnemers 1,250 (2025)') &&
        (await page.textContent('#geschiedenis')).includes('piet'), JSON.stringify(m));
    }
    await visit(page, 'measure-output');
    await page.click('header form[action="/logout"] button');
  } catch (e) {
    check('the test ran to its end', false, e.stack || String(e));
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok);
  console.log('\nscreenshots:');
  for (const s of screenshots) console.log('  ' + s);
  console.log(`\nbrowser tests: ${results.length - failed.length} passed, ${failed.length} failed, ${screenshots.length} screenshots`);
  for (const f of failed) console.log(`  FAILED: ${f.name}`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
