// The case register in a real browser (run by tests/browser/cases.sh): a case
// with two organisations from registration to its agreements, meetings and
// notes, as its process director (dirk, zvh) and as a participant of the
// other organisation (pia, politie) who opens it with a reason. axe-core
// (WCAG 2.1 A/AA) on every page, a screenshot and the HTML of each.
// usage: node cases.test.js BASE_URL SCREENSHOT_DIR
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { chromium } = require('playwright-core');

const [base, shots] = process.argv.slice(2);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const results = [];
let n = 0;

function check(name, ok, detail) {
  results.push({ name, ok: !!ok });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${!ok && detail ? ': ' + detail : ''}`);
}

function totp(secret) {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.toUpperCase()) bits += a.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const ctr = Buffer.alloc(8);
  ctr.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const h = crypto.createHmac('sha1', key).update(ctr).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

// axe, a screenshot and the HTML as the server sent it (for the Nu HTML checker)
async function visit(page, name, html) {
  await page.evaluate(axeSource);
  const r = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const v = r.violations.map((x) => `${x.id} (${x.impact}): ${x.nodes.length}× ${x.nodes[0].target.join(' ')}`);
  check(`axe ${name}: no WCAG 2.1 A/AA violation`, v.length === 0, v.join('; '));
  n++;
  const stem = path.join(shots, `${String(n).padStart(2, '0')}-${name}`);
  await page.screenshot({ path: stem + '.png', fullPage: true });
  fs.writeFileSync(stem + '.html', html !== undefined ? html : await (await page.request.get(page.url())).text());
}

async function signin(ctx, name, secret) {
  const res = await ctx.request.post(base + '/api/v1/session', {
    form: { name, password: process.env.IVP_TEST_PASSWORD, totp: totp(secret) },
  });
  check(`${name} signs in with a TOTP code`, res.status() === 200, String(res.status()));
}

async function browser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ivp-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
  });
  return ctx;
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const dctx = await browser();
  const page = await dctx.newPage();
  page.setDefaultTimeout(15000);
  let pctx;
  try {
    await signin(dctx, 'dirk', process.env.IVP_TOTP_DIRK);
    let res = await page.goto(base + '/casussen');
    check('the case list answers 200 and is Dutch', res.status() === 200 && (await page.getAttribute('html', 'lang')) === 'nl');
    await visit(page, 'casussen-leeg');

    // ---- registration: a wrong check digit beside its field, then the case ----------
    await page.goto(base + '/casussen/nieuw');
    await page.fill('#f-register-name', 'Kees Browsertest');
    await page.fill('#f-register-birth', '1990-05-17');
    await page.fill('#f-register-bsn', '111222334');
    await page.fill('#f-register-wijk', 'WK192601');
    await page.fill('#f-register-reason', 'overlast en zorgen om de woning');
    await page.fill('#f-register-goal', 'een gezamenlijk plan van aanpak');
    await page.check('#f-register-criteria-multi_domain');
    await page.check('#f-register-criteria-chains');
    await page.fill('#f-register-director', 'dirk');
    await page.fill('#f-register-registered', '2026-03-02');
    await page.click('main form button[type=submit]');
    const err = await page.textContent('#f-register-bsn-error').catch(() => '');
    check('a wrong BSN check digit is named beside the BSN field', err.includes('11-proef'), err);
    check('the library\'s error is Dutch on a Dutch page', err.includes('controlecijfer') && !err.includes('check digit'), err);
    check('the BSN field is marked invalid', (await page.getAttribute('#f-register-bsn', 'aria-invalid')) === 'true');
    check('what was typed is kept', (await page.inputValue('#f-register-name')) === 'Kees Browsertest');
    check('the ticked criteria are kept', await page.isChecked('#f-register-criteria-chains'));
    const errHtml = await page.content();
    await visit(page, 'registratie-bsn-fout', '<!DOCTYPE html>\n' + errHtml.replace(/^<!DOCTYPE html>/i, ''));
    await page.fill('#f-register-bsn', '111222333');
    await page.click('main form button[type=submit]');
    await page.waitForURL(/\/casussen\/C-2026-0001$/);
    check('the registration leads to the case', page.url().endsWith('/casussen/C-2026-0001'));
    check('the case shows the person', (await page.textContent('main')).includes('Kees Browsertest'));
    await visit(page, 'casus-nieuw');

    // ---- the second organisation, a score, an agreement, a meeting, a note ---------------
    const submit = async (op, fill) => {
      const form = page.locator(`main form:has(input[name=op][value=${op}])`);
      for (const [sel, v] of fill) {
        if (v === true) await form.locator(sel).check();
        else if (sel.startsWith('select')) await form.locator(sel).selectOption(v);
        else await form.locator(sel).fill(v);
      }
      await form.locator('button[type=submit]').click();
      await page.waitForLoadState();
      return (await page.textContent('main'));
    };
    let text = await submit('org_add', [['input[name=org]', 'politie']]);
    check('politie joins the case', text.includes('Politie') || text.includes('politie'));
    text = await submit('domain', [['select[name=domain]', 'huisvesting'], ['select[name=score]', '2']]);
    check('a life domain is scored', /Huisvesting\s*2/.test(text.replace(/\s+/g, ' ')), text.slice(0, 200));
    text = await submit('agreement', [['input[name=org]', 'politie'], ['input[name=date]', '2026-04-15'],
      ['textarea[name=text]', 'huisbezoek plannen']]);
    check('an agreement is added', text.includes('huisbezoek plannen'));
    text = await submit('meeting', [['input[name=date]', '2026-03-09'], ['input[name=orgs]', 'zvh,politie'],
      ['textarea[name=text]', 'eerste casusoverleg']]);
    check('a meeting with both organisations is recorded', text.includes('eerste casusoverleg') && text.includes('zvh,politie'));
    text = await submit('note', [['textarea[name=text]', 'alleen-voor-het-zvh'], ['input[name=own_org]', true]]);
    check('a note limited to zvh is added', text.includes('alleen-voor-het-zvh'));
    text = await submit('agreement', [['input[name=org]', 'nergens'], ['input[name=date]', '2026-04-15'],
      ['textarea[name=text]', 'x']]);
    const orgErr = await page.textContent('#f-agreement-org-error').catch(() => '');
    check('an unknown owner organisation is named beside its field', orgErr.includes('nergens'), orgErr);
    // casefix: the person corrected; a bad BSN beside its field (axe on the refused form too)
    text = await submit('person', [['input[name=bsn]', '111222334']]);
    const bsnErr = await page.textContent('#f-person-bsn-error').catch(() => '');
    check('a corrected BSN failing the 11-proef is refused beside its field', bsnErr.includes('11-proef'), bsnErr);
    await visit(page, 'casus-persoon-fout', '<!DOCTYPE html>\n' + (await page.content()).replace(/^<!DOCTYPE html>/i, ''));
    await page.goto(base + '/casussen/C-2026-0001');
    text = await submit('person', [['input[name=address]', 'Verbeterlaan 2']]);
    check('the person is corrected (the address), the rest kept', text.includes('Verbeterlaan 2') && text.includes('Kees Browsertest'), text.slice(0, 200));
    await page.goto(base + '/casussen/C-2026-0001');
    const rows = await page.locator('main table').nth(0).locator('tbody tr').count();
    check('two organisations take part', rows === 2, String(rows));
    await visit(page, 'casus-twee-organisaties');
    await page.goto(base + '/casussen');
    check('the list shows the case', (await page.textContent('main')).includes('C-2026-0001'));
    await visit(page, 'casussen');
    await page.goto(base + '/casussen/tellingen');
    const counts = await page.textContent('main');
    check('the counts show "< 5" and state the rule', counts.includes('< 5') && counts.includes('5'));
    await visit(page, 'tellingen');
    await page.goto(base + '/casussen/C-2099-0001');
    check('an unknown case is the 404 page', (await page.request.get(base + '/casussen/C-2099-0001')).status() === 404);

    // ---- the other organisation: a reason first, the zvh note not shown -------------------
    pctx = await browser();
    const pp = await pctx.newPage();
    pp.setDefaultTimeout(15000);
    await signin(pctx, 'pia', process.env.IVP_TOTP_PIA);
    res = await pp.goto(base + '/casussen/C-2026-0001');
    check('pia gets the reason form, not the case', res.status() === 200 &&
      (await pp.locator('textarea[name=reason]').count()) === 1 && !(await pp.textContent('main')).includes('Kees'));
    await page.evaluate(() => 0);
    n++;
    await pp.evaluate(axeSource);
    const rr = await pp.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    check('axe reden: no WCAG 2.1 A/AA violation', rr.violations.length === 0, rr.violations.map((x) => x.id).join(' '));
    fs.writeFileSync(path.join(shots, `${String(n).padStart(2, '0')}-reden.html`), await (await pp.request.get(pp.url())).text());
    await pp.fill('textarea[name=reason]', 'voorbereiding casusoverleg');
    await pp.click('main form button[type=submit]');
    await pp.waitForLoadState();
    const pt = await pp.textContent('main');
    check('with a reason pia reads the case', pt.includes('Kees Browsertest') && pt.includes('huisbezoek plannen'));
    check('pia (politie) does not see the note limited to zvh', !pt.includes('alleen-voor-het-zvh'));
    check('the forms carry the reason on', (await pp.locator('main form input[type=hidden][name=reason]').count()) >= 5);
    n++;
    await pp.screenshot({ path: path.join(shots, `${String(n).padStart(2, '0')}-casus-politie.png`), fullPage: true });
    fs.writeFileSync(path.join(shots, `${String(n).padStart(2, '0')}-casus-politie.html`), '<!DOCTYPE html>\n' + (await pp.content()).replace(/^<!DOCTYPE html>/i, ''));

    // ---- closing with a reason of two lines; what expires in the coming month -------------
    await page.goto(base + '/casussen/C-2026-0001');
    await submit('status', [['select[name=status]', 'closed'], ['textarea[name=text]', 'doelen bereikt\nnazorg geregeld']]);
    check('closed with a reason of two lines, shown on two lines',
      (await page.innerHTML('main')).includes('doelen bereikt<br>'), (await page.textContent('main')).slice(0, 300));
    await visit(page, 'casus-gesloten');
    const soon = new Date();
    soon.setUTCMonth(soon.getUTCMonth() + 24);
    soon.setUTCDate(soon.getUTCDate() - 10);
    const asOf = soon.toISOString().slice(0, 10);
    await page.goto(base + '/casussen?lang=nl');
    await page.click('main a[href="/casussen/verloop"]');
    check('the expiry list of today: nothing yet', (await page.textContent('main')).includes('Er verloopt de komende maand niets'));
    await visit(page, 'verloop-leeg');
    await page.goto(base + '/casussen/verloop?lang=nl&as_of=' + asOf);
    const ex = await page.textContent('main');
    check('the expiry list 24 months on names the closed case and its rule, not the person',
      ex.includes('C-2026-0001') && ex.includes('gesloten of afgewezen: 24 maanden') && !ex.includes('Kees'), ex.slice(0, 400));
    await visit(page, 'verloop');
    await page.goto(base + '/casussen/verloop?lang=en&as_of=' + asOf);
    check('the expiry list in English', (await page.textContent('main')).includes('closed or declined: 24 months'));
    await visit(page, 'verloop-en');
  } finally {
    await dctx.close();
    if (pctx) await pctx.close();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`browser_cases: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
