// catalogue.mjs — every error text the library writes has its Dutch entry.
//
// The library translates an error's message, detail and hint by looking up
// its English format string in the catalogue (include/ivp/messages_lib.def,
// messages.def: M(id, nl, en)); a format string without an entry stays
// English after the Dutch "fout:". This reads every call of ivp__fail,
// ivp__job_fail, ivp__detail, ivp__hint and ivp__oom in src/, takes the
// string literals of its format argument (each branch of a `?:` too) and
// fails, naming file and line, for every one that is no catalogue entry's
// English text. Texts without a letter ("%s") need none.
// usage: node catalogue.mjs ROOT
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2] || new URL('../..', import.meta.url).pathname;
// the format's argument index per function
const CALLS = { ivp__fail: 2, ivp__job_fail: 3, ivp__detail: 1, ivp__hint: 1, ivp__oom: 1 };

// C tokens: strings (raw, between the quotes), chars, identifiers, punctuation
function tokens(src) {
	const out = [];
	let i = 0, line = 1;
	while (i < src.length) {
		const c = src[i];
		if (c === '\n') { line++; i++; continue; }
		if (/\s/.test(c)) { i++; continue; }
		if (src.startsWith('//', i)) { while (i < src.length && src[i] !== '\n') i++; continue; }
		if (src.startsWith('/*', i)) {
			const e = src.indexOf('*/', i + 2);
			for (let k = i; k < e; k++) if (src[k] === '\n') line++;
			i = e + 2; continue;
		}
		if (c === '#' && (out.length === 0 || out[out.length - 1].line !== line)) { // a preprocessor line
			while (i < src.length && src[i] !== '\n') { if (src[i] === '\\' && src[i + 1] === '\n') { i++; line++; } i++; }
			continue;
		}
		if (c === '"' || c === '\'') {
			let j = i + 1;
			while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
			out.push({ t: c === '"' ? 'str' : 'chr', v: src.slice(i + 1, j), line });
			i = j + 1; continue;
		}
		const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 80));
		if (m) { out.push({ t: 'id', v: m[0], line }); i += m[0].length; continue; }
		out.push({ t: 'p', v: c, line }); i++;
	}
	return out;
}

// the arguments of the call whose '(' is at tokens[k]: arrays of tokens
function args(ts, k) {
	const list = [[]];
	let depth = 0;
	for (let i = k; i < ts.length; i++) {
		const t = ts[i];
		if (t.t === 'p' && '([{'.includes(t.v)) { if (depth++ === 0) continue; }
		if (t.t === 'p' && ')]}'.includes(t.v)) { if (--depth === 0) return list; }
		if (depth === 1 && t.t === 'p' && t.v === ',') { list.push([]); continue; }
		list[list.length - 1].push(t);
	}
	return list;
}

// adjacent string literals joined: the texts an argument can be
function literals(arg) {
	const out = [];
	let cur = null;
	for (const t of arg) {
		if (t.t === 'str') { cur = cur === null ? t.v : cur + t.v; continue; }
		if (cur !== null) out.push(cur);
		cur = null;
	}
	if (cur !== null) out.push(cur);
	return out;
}

const english = new Set();
for (const f of ['include/ivp/messages_lib.def', 'include/ivp/messages.def']) {
	const ts = tokens(readFileSync(join(root, f), 'utf8'));
	for (let i = 0; i + 1 < ts.length; i++)
		if (ts[i].t === 'id' && ts[i].v === 'M' && ts[i + 1].v === '(') {
			const a = args(ts, i + 1);
			if (a.length === 3) for (const s of literals(a[2])) english.add(s);
		}
}
if (english.size < 300) { console.log(`FAIL: only ${english.size} catalogue entries read`); process.exit(1); }

function* files(dir) {
	for (const n of readdirSync(dir)) {
		const p = join(dir, n);
		if (statSync(p).isDirectory()) yield* files(p);
		else if (n.endsWith('.c')) yield p;
	}
}

const missing = [];
let checked = 0;
for (const f of files(join(root, 'src'))) {
	const ts = tokens(readFileSync(f, 'utf8'));
	for (let i = 0; i + 1 < ts.length; i++) {
		const t = ts[i];
		if (t.t !== 'id' || !(t.v in CALLS) || ts[i + 1].v !== '(') continue;
		if (i > 0 && ts[i - 1].t === 'id') continue; // its definition or declaration
		const a = args(ts, i + 1)[CALLS[t.v]];
		for (const s of a ? literals(a) : []) {
			if (!/[A-Za-z]{2}/.test(s.replace(/%[-+ #0-9.*]*(?:ll|l|z|h)?[a-zA-Z]/g, ''))) continue;
			checked++;
			if (!english.has(s)) missing.push(`${relative(root, f)}:${t.line}: ${t.v}: "${s}"`);
		}
	}
}
if (checked < 300) { console.log(`FAIL: only ${checked} texts found; has the way errors are written changed?`); process.exit(1); }
if (missing.length) {
	console.log(`FAIL: ${missing.length} of ${checked} error texts have no entry in include/ivp/messages_lib.def (they stay English in Dutch output):`);
	for (const m of missing) console.log('  ' + m);
	process.exit(1);
}
console.log(`ok: ${checked} error texts, each with its Dutch entry`);
