// The attacks of issue 12 against a live `ivp serve` on loopback, each from
// its own 127.x address (localAddress), for tests/http/harden.sh and
// bench/attack.sh. Prints one JSON object with the counts and latencies;
// the caller asserts. No dependencies beyond node itself.
//
//   node attack.js slow  PORT N SECONDS   N connections from 127.0.0.2, each
//       sending a request line and then a header byte a second; meanwhile a
//       GET from 127.0.0.3 every 250 ms. {open_after_2s, refused (closed by
//       the server within 1.5 s), closed_by_timeout (later), open_at_end,
//       normal: {ok, failed, p50_ms, max_ms}}
//   node attack.js signin PORT N NAME PASSWORD FROM   N sign-ins at once from
//       address FROM; meanwhile a GET from 127.0.0.3 every 100 ms until they
//       are done. {status: {code: count}, normal: {...}, seconds}
//   node attack.js signin2 PORT1,PORT2 N NAME PASSWORD FROM   N sign-ins at once
//       from FROM, spread in turn over servers on several ports (one
//       database): {status: {code: count}, seconds}
//   node attack.js totp SECRET [K]   the 6-digit code of a base32 secret, K time steps from now (default 0)
'use strict';
const net = require('net');
const http = require('http');
const crypto = require('crypto');

const [mode, ...args] = process.argv.slice(2);

function get(port, path, from) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const req = http.get({ host: '127.0.0.1', port, path, localAddress: from, agent: false, timeout: 10000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
  });
}

function stats(list) {
  const ok = list.filter((r) => r.status === 200).map((r) => r.ms).sort((a, b) => a - b);
  return {
    ok: ok.length,
    failed: list.length - ok.length,
    p50_ms: ok.length ? +ok[Math.floor(ok.length / 2)].toFixed(2) : null,
    max_ms: ok.length ? +ok[ok.length - 1].toFixed(2) : null,
  };
}

// GETs from 127.0.0.3 every `every` ms while `running()` holds
async function normal(port, every, running) {
  const out = [];
  while (running()) {
    out.push(await get(port, '/api/v1/definitions', '127.0.0.3'));
    await new Promise((r) => setTimeout(r, every));
  }
  return out;
}

async function slow(port, n, seconds) {
  let refused = 0, reaped = 0, ended = false;
  const socks = [];
  for (let i = 0; i < n; i++) {
    const s = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' });
    s.on('connect', () => {
      s.at = Date.now();
      s.write('GET /api/v1/areas HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    });
    s.on('data', () => {});
    s.on('error', () => {});
    s.on('close', () => {
      if (ended || !s.at) return;
      // closed by the server: at once (over the per-address limit) or later (the header timeout)
      if (Date.now() - s.at < 1500) refused++;
      else reaped++;
    });
    socks.push(s);
  }
  const isOpen = (s) => !s.destroyed && s.readyState === 'open';
  const tick = setInterval(() => {
    for (const s of socks) if (isOpen(s)) s.write('a');
  }, 1000);
  let accepted = -1;
  const sample = setTimeout(() => { accepted = socks.filter(isOpen).length; }, 2000);
  const t0 = Date.now();
  const res = await normal(port, 250, () => Date.now() - t0 < seconds * 1000);
  ended = true;
  clearInterval(tick);
  clearTimeout(sample);
  const open = socks.filter(isOpen).length;
  for (const s of socks) s.destroy();
  return { connections: n, open_after_2s: accepted, refused, closed_by_timeout: reaped, open_at_end: open, normal: stats(res) };
}

function signin(port, name, password, from) {
  return new Promise((resolve) => {
    const body = new URLSearchParams({ name, password }).toString();
    const req = http.request({
      host: '127.0.0.1', port, path: '/api/v1/session', method: 'POST', localAddress: from, agent: false,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      timeout: 120000,
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function signins(port, n, name, password, from) {
  let pending = n;
  const t0 = Date.now();
  const all = Promise.all(Array.from({ length: n }, () => signin(port, name, password, from).then((s) => { pending--; return s; })));
  // let the sign-ins reach the server first, then measure beside them
  await new Promise((r) => setTimeout(r, 200));
  const res = await normal(port, 100, () => pending > 0);
  const codes = await all;
  const status = {};
  for (const c of codes) status[c] = (status[c] || 0) + 1;
  return { status, normal: stats(res), seconds: +((Date.now() - t0) / 1000).toFixed(2) };
}

// N sign-ins at once spread over several servers (ports), in turn: the statuses
async function signins2(ports, n, name, password, from) {
  const t0 = Date.now();
  const codes = await Promise.all(Array.from({ length: n }, (_, i) => signin(ports[i % ports.length], name, password, from)));
  const status = {};
  for (const c of codes) status[c] = (status[c] || 0) + 1;
  return { status, seconds: +((Date.now() - t0) / 1000).toFixed(2) };
}

function totp(secret, offset) {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.toUpperCase()) bits += a.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const ctr = Buffer.alloc(8);
  ctr.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + (offset || 0)));
  const h = crypto.createHmac('sha1', key).update(ctr).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1000000).padStart(6, '0');
}

(async () => {
  if (mode === 'slow') console.log(JSON.stringify(await slow(+args[0], +args[1], +args[2])));
  else if (mode === 'signin') console.log(JSON.stringify(await signins(+args[0], +args[1], args[2], args[3], args[4])));
  else if (mode === 'totp') console.log(totp(args[0], +(args[1] || 0)));
  else if (mode === 'signin2') console.log(JSON.stringify(await signins2(args[0].split(',').map(Number), +args[1], args[2], args[3], args[4])));
  else { console.error('usage: attack.js slow|signin|totp …'); process.exit(2); }
  process.exit(0);
})();
