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

// axe, the HTML and a screenshot: what every page gets
async function visit(page, name) {
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
    check('CSV download works', csvRes.status() === 200 && (await csvRes.text()).startsWith('year,area,indicator,count'));
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
    check('buurten page without wijk/buurt boundaries says the map needs a boundaries file',
          (await page.textContent('main')).includes('ivp import boundaries') && await page.locator('main svg').count() === 0);
    // the map of the gemeenten (boundaries imported by run.sh): areas with titles, a legend, the table
    await page.goto(base + '/kaart?year=2023');
    check('kaart draws 341 gemeenten', await page.locator('main svg path').count() === 341);
    check('kaart names each area in a <title>', (await page.locator('main svg path title').first().textContent()).includes('per 1.000'));
    check('kaart has a legend with five classes', await page.locator('main .ivp-map__keys li').count() === 6);
    check('kaart is followed by its table', await page.locator('main tbody tr').count() === 341);
    await visit(page, 'kaart');
    await page.goto(base + '/sources');
    check('sources page lists the imports', await page.locator('main tbody tr').count() >= 5);
    await visit(page, 'sources');
    res = await page.goto(base + '/no-such-page');
    check('unknown page: 404 as an HTML page', res.status() === 404 && (await page.locator('h1').count()) === 1);
    await visit(page, 'error-404');

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
    await row.locator('button[type=submit]').click();
    check('after the update the plan shows the message', page.url().includes('/plan?done=M-digi') &&
      (await page.textContent('main [role=status]')).includes('M-digi'));
    check('the measure shows its new status (gestopt) and note',
      (await page.textContent('#measure-M-digi .ivp-measure-status')).trim() === 'gestopt' &&
      (await page.textContent('#measure-M-digi')).includes('gestopt in de browsertest'));
    await visit(page, 'plan-editor');

    // ---- upload a CSV -------------------------------------------------------------------------------------------
    await page.goto(base + '/import');
    await visit(page, 'import');
    await page.selectOption('#kind', 'crime');
    await page.setInputFiles('#file', csv);
    await page.click('main button[type=submit]');
    // the import runs in the background: the form leads to its status page, which is
    // looked at again with its Vernieuwen link (no script, no meta refresh) until it ends
    check('the upload leads to the status page', /\/import\/status\?id=\d+$/.test(page.url()), page.url());
    check('the status page has a polite live region',
      await page.locator('main [role=status][aria-live=polite]').count() === 1);
    check('the status page does not refresh by itself (no meta refresh)',
      await page.locator('meta[http-equiv]').count() === 0);
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

    // ---- sign out ----------------------------------------------------------------------------------------------------
    await page.click('header form[action="/logout"] button');
    check('signing out ends the session', (await page.locator('header form[action="/logout"]').count()) === 0 &&
      (await page.request.post(base + '/plan/measures/M-digi', { form: { status: 'done' } })).status() === 401);
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
