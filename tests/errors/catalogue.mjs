// catalogue.mjs — every text the library translates has its Dutch entry.
//
// The library translates a text by looking up its English (format) string in
// the catalogue (include/ivp/messages_lib.def, messages.def: M(id, nl, en));
// a string without an entry stays English in Dutch output. This reads, in
// src/, every call of
//   - the error functions ivp__fail, ivp__job_fail, ivp__detail, ivp__hint
//     and ivp__oom (their format argument);
//   - a table's notes, ivp__table_note (its format: a literal note is English
//     in Dutch output; notes go through ivp_msg_tr, or pass "%s");
//   - the plan file's problems: ivp__pl_problem (message, detail, hint) and
//     plan_check.c's problem, in_period, unique and ref, plan_yaml.c's
//     wrong_type (the texts and item kinds they pass on to be translated);
//   - the translation itself: ivp_msg_tr, ivp_msg_trn (both its texts: the
//     singular and the plural), ivp__pl_tr, and every macro a file
//     defines as ivp_msg_tr(…) (L, TR: its last argument), so that a ranking
//     note, a help text or a report reason looked up there has its entry;
//   - IVP__N("…"), the mark of a text kept in English and translated where
//     it is shown (a stored summary, a schema's name);
//   - in src/cli/, every text that starts with "usage: ivp" (a command's
//     --help, printed through cli_tr) and every cli_tr("…");
// takes the string literals of that argument (each branch of a `?:` too) and
// fails, naming file and line, for every one that is no catalogue entry's
// English text. Texts without a letter ("%s") need none. Each class must be
// found at least a few times, so a renamed function cannot empty the check.
// usage: node catalogue.mjs ROOT
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = process.argv[2] || new URL('../..', import.meta.url).pathname;
// the translated arguments' indexes per function, and the class each counts for
const CALLS = {
	ivp__fail: [[2], 'error'], ivp__job_fail: [[3], 'error'], ivp__detail: [[1], 'error'],
	ivp__hint: [[1], 'error'], ivp__oom: [[1], 'error'],
	ivp__pl_problem: [[4, 5, 6], 'plan problem'], ivp__pl_tr: [[1], 'plan problem'],
	ivp__table_note: [[1], 'note'], ivp_msg_tr: [[1], 'translated'], ivp_msg_trn: [[1, 2], 'translated'], IVP__N: [[0], 'marked'],
};
// the CLI's own lookup (src/cli/main.c)
const CLI_CALLS = { cli_tr: [[0], 'cli'], cli_trn: [[0, 1], 'cli'], cli_usage: [[1], 'cli'] };
// functions of one file that pass their arguments on to be translated
const FILE_CALLS = {
	'src/plan/plan_check.c': { problem: [[5, 6, 7], 'plan problem'], in_period: [[5], 'plan problem'],
		unique: [[1], 'plan problem'], ref: [[1, 6], 'plan problem'] },
	'src/plan/plan_yaml.c': { wrong_type: [[4], 'plan problem'] },
	'src/plan/region.c': { problem: [[5, 6, 7], 'plan problem'] },
};
// words a call can follow (anything else that is a name before it is a type: a declaration)
const KEYWORDS = new Set(['return', 'case', 'else', 'do']);
// the least number of texts of each class (the check itself could otherwise go quiet)
const AT_LEAST = { error: 300, 'plan problem': 60, translated: 100, marked: 20, help: 20, cli: 20 };

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

// adjacent string literals joined: the texts an argument can be (each branch
// of a ?:), not those inside a call or parentheses within it (strcmp(x, "…"))
function literals(arg) {
	const out = [];
	let cur = null, depth = 0;
	for (const t of arg) {
		if (t.t === 'p' && '([{'.includes(t.v)) depth++;
		if (t.t === 'p' && ')]}'.includes(t.v)) depth--;
		if (t.t === 'str' && depth === 0) { cur = cur === null ? t.v : cur + t.v; continue; }
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
const count = {};
let checked = 0;
for (const f of files(join(root, 'src'))) {
	const src = readFileSync(f, 'utf8');
	const rel = relative(root, f);
	const cli = rel.startsWith('src/cli/');
	const calls = { ...CALLS, ...(cli ? CLI_CALLS : {}), ...(FILE_CALLS[rel] || {}) };
	// a macro of this file that translates its last argument: #define L(lang, fmt) ivp_msg_tr(…)
	for (const m of src.matchAll(/^#define\s+(\w+)\(([^)]*)\)\s+ivp_msg_tr\(/gm))
		calls[m[1]] = [[m[2].split(',').length - 1], 'translated'];
	const ts = tokens(src);
	// a command's --help: the joined literals that start with "usage: ivp"
	for (let i = 0; cli && i < ts.length; i++) {
		if (ts[i].t !== 'str' || (i > 0 && ts[i - 1].t === 'str')) continue;
		let text = '';
		for (let k = i; k < ts.length && ts[k].t === 'str'; k++) text += ts[k].v;
		if (!text.startsWith('usage: ivp')) continue;
		checked++;
		count.help = (count.help || 0) + 1;
		if (!english.has(text)) missing.push(`${rel}:${ts[i].line}: --help text without a Dutch entry: "${text.slice(0, 60)}…"`);
	}
	for (let i = 0; i + 1 < ts.length; i++) {
		const t = ts[i];
		if (t.t !== 'id' || !Object.hasOwn(calls, t.v) || ts[i + 1].v !== '(') continue;
		const prev = i > 0 ? ts[i - 1] : null; // after a type or a member's . or ->: its definition, declaration or a member
		if (prev && ((prev.t === 'id' && !KEYWORDS.has(prev.v)) || prev.v === '.' || prev.v === '>')) continue;
		const [idx, cls] = calls[t.v];
		const list = args(ts, i + 1);
		for (const k of idx) {
			for (const s of list[k] ? literals(list[k]) : []) {
				if (!/[A-Za-z]{2}/.test(s.replace(/%[-+ #0-9.*]*(?:ll|l|z|h)?[a-zA-Z]/g, ''))) continue;
				checked++;
				count[cls] = (count[cls] || 0) + 1;
				if (!english.has(s)) missing.push(`${rel}:${t.line}: ${t.v}: "${s}"`);
			}
		}
	}
}
if (missing.length) {
	console.log(`FAIL: ${missing.length} of ${checked} texts have no entry in include/ivp/messages_lib.def (they stay English in Dutch output):`);
	for (const m of missing) console.log('  ' + m);
	process.exit(1);
}
for (const [cls, n] of Object.entries(AT_LEAST)) {
	if ((count[cls] || 0) < n) {
		console.log(`FAIL: only ${count[cls] || 0} ${cls} texts found (at least ${n}); has the way they are written changed?`);
		process.exit(1);
	}
}
console.log(`ok: ${checked} texts, each with its Dutch entry (${Object.entries(count).map(([c, n]) => `${n} ${c}`).join(', ')})`);
