// Browser test of the signals register (issue 13): a member of the
// ondermijningsoverleg, signed in with password and TOTP, takes a signal in
// on /signalen/nieuw (an empty description refused beside its field first),
// opens it, weighs it on its weighing form (a further inquiry without its
// hit/no-hit checks refused beside the field first) with the outcome
// "municipal department", Bibob, and a named handler, and sees the outcome
// and the history on the signal's page; then the list, the consultation and
// the counts, and what expires in the coming month. Every page visited and every error state: axe-core (WCAG 2.1
// A/AA), a screenshot and its HTML for the Nu HTML checker (signals.sh).
// usage: node signals.test.js BASE_URL SHOT_DIR TOTP_SECRET
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const [base, shots, secret] = process.argv.slice(2);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const results = [];
let n = 0;

function check(name, ok, detail) {
  results.push({ name, ok: !!ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${!ok && detail ? ': ' + detail : ''}`);
}

// the RFC 6238 code of a base32 secret now
function totp(s) {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of s.toUpperCase()) bits += a.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const ctr = Buffer.alloc(8);
  ctr.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const h = crypto.createHmac('sha1', key).update(ctr).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function visit(page, name) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const v = r.violations.map((x) => `${x.id} (${x.impact}): ${x.nodes.length}× ${x.nodes[0].target.join(' ')}`);
  check(`axe ${name}: no WCAG 2.1 A/AA violation`, v.length === 0, v.join('; '));
  n++;
  const stem = path.join(shots, `${String(n).padStart(2, '0')}-${name}`);
  fs.writeFileSync(`${stem}.html`, await page.content());
  await page.screenshot({ path: `${stem}.png`, fullPage: true });
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ivp-chromium-'));
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
    // a member signs in with the second factor (the API's sign-in sets the browser's cookie)
    const si = await page.request.post(base + '/api/v1/session', {
      form: { name: 'mona', password: process.env.IVP_TEST_PASSWORD, totp: totp(secret) },
    });
    check('the member signs in with password and TOTP', si.status() === 200, String(si.status()));

    // ---- intake ------------------------------------------------------------------------
    let res = await page.goto(base + '/signalen/nieuw?lang=nl');
    check('the intake form answers 200 in Dutch', res.status() === 200 &&
      (await page.getAttribute('html', 'lang')) === 'nl' && (await page.textContent('main')).includes('Nieuw signaal'));
    await visit(page, 'signal-new');
    await page.fill('#s-received', '2026-03-02');
    await page.selectOption('#s-source', 'resident');
    await page.selectOption('#s-phenomenon', 'drugs');
    await page.fill('#s-buurt', 'BU19260101');
    await page.fill('#s-address', 'Kerkweg 7');
    await page.fill('#s-persons', 'Karel Appel');
    // the browser would refuse the empty required field itself; the server's check is what is tested
    await page.evaluate(() => document.querySelector('#s-description').removeAttribute('required'));
    await page.click('form.ivp-signal-form button[type=submit]');
    check('an empty description is refused beside its field, the input kept',
      (await page.locator('#s-description-error').count()) === 1 &&
      (await page.getAttribute('#s-description', 'aria-invalid')) === 'true' &&
      (await page.inputValue('#s-address')) === 'Kerkweg 7' && (await page.inputValue('#s-buurt')) === 'BU19260101',
      await page.textContent('main'));
    await visit(page, 'signal-new-error');
    await page.fill('#s-description', 'Hennepgeur uit schuur\nSinds februari elke avond');
    await page.click('form.ivp-signal-form button[type=submit]');
    check('taken in: the signal\'s page opens with its fields in clear',
      page.url().endsWith('/signalen/S-2026-0001') && (await page.textContent('main')).includes('Hennepgeur uit schuur') &&
      (await page.textContent('main')).includes('WK192601'), page.url());
    check('the description of two lines is shown on two lines',
      (await page.innerHTML('main')).includes('Hennepgeur uit schuur<br>'), await page.innerHTML('main dl'));
    await visit(page, 'signal');

    // ---- weighing ----------------------------------------------------------------------
    await page.click('main a[href="/signalen/S-2026-0001/weging"]');
    check('the weighing form opens', page.url().endsWith('/signalen/S-2026-0001/weging') &&
      (await page.locator('form.ivp-weigh-form').count()) === 1);
    check('the weighing\'s checkboxes keep their labels on one line',
      (await page.locator('label[for=s-pattern]').boundingBox()).height < 40);
    check('the date fields are text fields with the hint, not the browser\'s mm/dd/yyyy',
      (await page.getAttribute('#s-date', 'type')) === 'text');
    await visit(page, 'signal-weighing');
    await page.fill('#s-date', '2026-03-12');
    await page.check('#s-concrete');
    await page.check('#s-recent');
    await page.selectOption('#s-outcome', 'inquiry');
    await page.click('form.ivp-weigh-form button[type=submit]');
    check('a further inquiry without its hit/no-hit checks is refused beside the field, in Dutch',
      (await page.textContent('#s-checks-error')).includes('hit/no-hit') &&
      (await page.getAttribute('#s-checks', 'aria-invalid')) === 'true' &&
      (await page.isChecked('#s-concrete')) && (await page.inputValue('#s-outcome')) === 'inquiry');
    await visit(page, 'signal-weighing-error');
    await page.selectOption('#s-outcome', 'department');
    await page.selectOption('#s-department', 'bibob');
    await page.fill('#s-handler', 'dirk');
    await page.fill('#s-followup', '2026-06-01');
    await page.click('form.ivp-weigh-form button[type=submit]');
    const main = await page.textContent('main');
    check('weighed: the outcome, the department and the handler on the signal\'s page',
      page.url().includes('/signalen/S-2026-0001?gewogen=1') && main.includes('De weging is vastgelegd') &&
      main.includes('gemeentelijke afdeling') && main.includes('Bibob') && main.includes('dirk'), main.slice(0, 400));
    check('the history: received, then handed over',
      (await page.textContent('#geschiedenis + .ivp-table-wrap')).includes('overgedragen'));
    await visit(page, 'signal-weighed');

    // ---- list, consultation, counts ----------------------------------------------------------
    await page.goto(base + '/signalen');
    check('the list shows the signal with its outcome',
      (await page.textContent('main table')).includes('S-2026-0001') &&
      (await page.textContent('main table')).includes('gemeentelijke afdeling'));
    await visit(page, 'signals');
    await page.goto(base + '/signalen/overleg');
    await page.fill('#s-date', '2026-03-12');
    await page.fill('#s-orgs', 'gemeente');
    await page.click('form.ivp-meeting-form button[type=submit]');
    // the date in the reader's format, ISO only in <time datetime> (issue 13's leftover, issue 15)
    check('a meeting added, its date read as 12 maart 2026',
      (await page.textContent('main table')).includes('12 maart 2026') &&
      await page.locator('main table time[datetime="2026-03-12"]').count() === 1 &&
      !(await page.textContent('main table')).includes('2026-03-12'));
    check('the meetings table under the page heading "Overleg" does not repeat it as its caption',
      await page.locator('main table caption').count() === 0 &&
      await page.getAttribute('main table', 'aria-label') === 'Overleg');
    await visit(page, 'signal-meetings');
    await page.goto(base + '/signalen/cijfers');
    const counts = await page.textContent('main');
    check('the counts: "< 5" and the rule beside them', counts.includes('< 5') && counts.includes('secundaire onderdrukking'));
    await visit(page, 'signal-counts');
    await page.goto(base + '/signalen/cijfers?lang=en');
    check('the counts in English', (await page.textContent('main')).includes('secondary suppression'));
    await visit(page, 'signal-counts-en');

    // ---- what expires in the coming month ------------------------------------------------------
    await page.goto(base + '/signalen?lang=nl');
    await page.click('nav.ivp-subnav a[href="/signalen/verloop"]');
    const exp = await page.textContent('main');
    check('the expiry list: the signal weighed "no action", its rule, not the new one nor any content',
      page.url().endsWith('/signalen/verloop') && exp.includes('S-2025-0900') && !exp.includes('S-2026-0001') &&
      exp.includes('niet opgepakt: 12 maanden na de weging') && !exp.includes('ouder signaal'), exp.slice(0, 400));
    await visit(page, 'signal-expiry');
    await page.goto(base + '/signalen/verloop?lang=en');
    check('the expiry list in English', (await page.textContent('main')).includes('not taken up: 12 months'));
    await visit(page, 'signal-expiry-en');
  } catch (e) {
    check('the test ran to its end', false, e.stack);
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const bad = results.filter((r) => !r.ok).length;
  console.log(`signals browser: ${results.length - bad} passed, ${bad} failed`);
  process.exit(bad ? 1 : 0);
}
main();
