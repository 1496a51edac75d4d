#!/usr/bin/env node
// replay.js — the stand-in for the CBS/Politie OData services and PDOK in the
// fetch tests: a loopback HTTP server that answers from a recording directory
// (made by shape.js from real files), never from the internet.
//
// A request for PATH?QUERY is answered with DIR/PATH[@skip=N][@gemeentecode=G][@cursor=C].json
// ($skip, gemeentecode and cursor are the query parameters that select a page; the
// rest of the query is logged, so tests can check the exact URLs asked). In the
// bodies, the real services' base URLs are replaced by this server's, as a
// recorded nextLink must lead back here. 404 when there is no such file.
//
// Faults, each --fault KIND:PREFIX (PREFIX: start of the path, e.g. /cbs/37230ned):
//   500once   the first matching request gets 500, later ones the recording
//   500       every matching request gets 500
//   truncate  the first half of the body, then a normal end (invalid JSON)
//   cut       Content-Length of the whole body, half of it, then the
//             connection is closed (the client sees a partial transfer)
//   sleep     wait 30 s before answering (beyond any client time-out in the tests)
//
// usage: node replay.js --dir DIR --port-file FILE [--log FILE] [--fault K:P]…
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
let dir = null, portFile = null, logFile = null;
const faults = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i], v = args[i + 1];
  if (a === '--dir') { dir = v; i++; }
  else if (a === '--port-file') { portFile = v; i++; }
  else if (a === '--log') { logFile = v; i++; }
  else if (a === '--fault') {
    const k = v.indexOf(':');
    faults.push({ kind: v.slice(0, k), prefix: v.slice(k + 1), hits: 0 });
    i++;
  } else { console.error('replay.js: unknown argument ' + a); process.exit(2); }
}
if (!dir || !portFile) { console.error('usage: replay.js --dir DIR --port-file FILE'); process.exit(2); }

const server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://127.0.0.1');
  if (logFile) fs.appendFileSync(logFile, req.method + ' ' + req.url + '\n');
  let key = u.pathname;
  for (const p of ['$skip', 'gemeentecode', 'cursor'])
    if (u.searchParams.has(p)) key += '@' + p.replace('$', '') + '=' + u.searchParams.get(p);
  const f = faults.find((x) => u.pathname.startsWith(x.prefix));
  if (f) f.hits++;
  if (f && (f.kind === '500' || (f.kind === '500once' && f.hits === 1))) {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end('Internal Server Error (replay fault)\n');
    return;
  }
  const file = path.join(dir, key + '.json');
  if (!file.startsWith(path.resolve(dir) + path.sep) && !file.startsWith(dir + '/')) {
    res.writeHead(400); res.end(); return;
  }
  let body;
  try { body = fs.readFileSync(file, 'utf8'); } catch (e) {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"odata.error":{"code":"","message":{"lang":"en-US","value":"not in the recording"}}}');
    return;
  }
  const here = 'http://127.0.0.1:' + server.address().port;
  body = body.split('https://dataderden.cbs.nl/ODataApi/odata').join(here + '/politie')
    .split('https://opendata.cbs.nl/ODataApi/odata').join(here + '/cbs')
    .split('https://api.pdok.nl').join(here + '/pdok');
  const buf = Buffer.from(body, 'utf8');
  const send = () => {
    if (f && f.kind === 'truncate') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(buf.subarray(0, buf.length >> 1));
    } else if (f && f.kind === 'cut') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': buf.length });
      res.write(buf.subarray(0, buf.length >> 1), () => req.socket.destroy());
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json;charset=utf-8', 'Content-Length': buf.length });
      res.end(buf);
    }
  };
  if (f && f.kind === 'sleep') setTimeout(send, 30000); else send();
});
server.keepAliveTimeout = 2000;
server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(portFile + '.tmp', String(server.address().port));
  fs.renameSync(portFile + '.tmp', portFile);
});
process.on('SIGTERM', () => process.exit(0));
