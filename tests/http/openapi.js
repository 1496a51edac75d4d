// Validates the OpenAPI document of a live `ivp serve` (run by openapi.sh):
// the document itself with @apidevtools/swagger-parser (OpenAPI 3.1 structure,
// every $ref resolved), every Schema Object in it compiled by ajv as JSON
// Schema 2020-12 in strict mode (swagger-parser checks 3.1 schemas only for
// being objects), unique operationIds, and then real answers of the server
// against the schemas their operation documents: each GET with its required
// parameters' examples plus the extra requests openapi.sh names, 200 against
// the route's own row schema, errors against Error. Before all that it
// proves that these checks fail on a broken copy of the document.
// usage: node openapi.js BASE_URL DOCUMENT.json [PATH?QUERY STATUS]...
'use strict';
const fs = require('fs');
const SwaggerParser = require('@apidevtools/swagger-parser');
const Ajv2020 = require('ajv/dist/2020').default;

const [base, file, ...extra] = process.argv.slice(2);
const original = JSON.parse(fs.readFileSync(file, 'utf8'));
let fails = 0, checks = 0;
function check(name, ok, detail) {
  checks++;
  if (!ok) {
    fails++;
    console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`);
  }
}

// Every Schema Object of the document (components and inline), by JSON pointer.
function schemas(doc) {
  const out = [];
  for (const [n, s] of Object.entries(doc.components.schemas)) out.push([`#/components/schemas/${n}`, s]);
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      for (const prm of op.parameters || []) out.push([`${p} ${m} parameter ${prm.name}`, prm.schema]);
      for (const [ct, c] of Object.entries((op.requestBody || {}).content || {})) out.push([`${p} ${m} body ${ct}`, c.schema]);
    }
  }
  return out;
}

// ajv for the schemas of doc: JSON Schema 2020-12, strict, with the
// document's component schemas under the id "doc" (formats such as
// "password" are annotations here)
function newAjv(doc, opts) {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false, ...opts });
  ajv.addSchema({ $id: 'doc', $defs: doc.components.schemas });
  return ajv;
}
// s with its $refs into the document pointed at those component schemas
function local(s) {
  return JSON.parse(JSON.stringify(s).replaceAll('"#/components/schemas/', '"doc#/$defs/'));
}

// The problems of a document (an empty list when it is sound).
async function problems(doc) {
  const found = [];
  try {
    await SwaggerParser.validate(structuredClone(doc));
  } catch (e) {
    found.push(String(e.message).split('\n').slice(0, 5).join(' '));
  }
  let ajv;
  try {
    ajv = newAjv(doc);
  } catch (e) {
    found.push(`#/components/schemas: ${e.message}`);
    return found;
  }
  for (const [where, s] of schemas(doc)) {
    try {
      ajv.compile(local(s));
    } catch (e) {
      found.push(`${where}: ${e.message}`);
    }
  }
  const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (dup.length) found.push(`operationId used twice: ${dup.join(', ')}`);
  return found;
}

async function main() {
  // the checks can fail: broken copies must be refused
  const broken = [
    ['a column of unknown type', (d) => { d.components.schemas.listAreas.properties.rows.items.properties.code.type = 'strng'; }],
    ['required not a list', (d) => { d.components.schemas.listAreas.properties.rows.items.required = 'code'; }],
    ['an operationId twice', (d) => { d.paths['/api/v1/sources'].get.operationId = 'listAreas'; }],
    ['no info.title', (d) => { delete d.info.title; }],
    ['a $ref to nothing', (d) => { d.paths['/api/v1/areas'].get.responses['200'].content['application/json'].schema.$ref = '#/components/schemas/Nope'; }],
  ];
  for (const [what, spoil] of broken) {
    const d = structuredClone(original);
    spoil(d);
    check(`a document with ${what} is refused`, (await problems(d)).length > 0);
  }
  const p = await problems(original);
  check('the document is valid OpenAPI 3.1 with valid JSON Schema 2020-12 schemas', p.length === 0, p.join('; '));
  check('the document is OpenAPI 3.1', /^3\.1\./.test(original.openapi), original.openapi);

  // real answers against their operation's schema
  const ajv = newAjv(original, { allErrors: true });
  const reqs = [];
  for (const [path, item] of Object.entries(original.paths)) {
    if (!item.get || path.includes('{')) continue;
    const q = (item.get.parameters || []).filter((x) => x.required && x.in === 'query')
      .map((x) => `${x.name}=${encodeURIComponent(x.example)}`).join('&');
    // an operation that needs a session answers an anonymous request 401 (its Error schema)
    reqs.push([path + (q ? '?' + q : ''), item.get.security && item.get.security.length ? 401 : 200]);
  }
  for (let i = 0; i + 1 < extra.length; i += 2) reqs.push([extra[i], Number(extra[i + 1])]);
  let rows = 0;
  for (const [url, want] of reqs) {
    const path = url.split('?')[0];
    const op = original.paths[path] && original.paths[path].get;
    const res = await fetch(base + url);
    const body = await res.json();
    check(`GET ${url}: status ${want}`, res.status === want, `got ${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
    const r = op && op.responses[String(res.status)];
    if (!r) {
      check(`GET ${url}: status ${res.status} is documented`, false);
      continue;
    }
    const validate = ajv.compile(local(r.content['application/json'].schema));
    const ok = validate(body);
    check(`GET ${url}: the answer matches its schema`, ok,
      ok ? '' : ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 600));
    if (Array.isArray(body.rows)) rows += body.rows.length;
    for (const part of ['goals', 'measures', 'priorities', 'budget']) if (body[part]) rows += body[part].rows.length;
  }
  check('the answers checked hold rows', rows > 100, String(rows));
  console.log(`openapi: ${checks - fails} passed, ${fails} failed (${reqs.length} answers, ${rows} rows checked)`);
  process.exit(fails ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(2); });
