/*
 * plan_yaml.c — reading a plan file (YAML, libfyaml) into the plan model.
 *
 * libfyaml builds the document tree; this file walks it along the schema of
 * plan_schema.c and reports, with 1-based line:column, every problem of
 * shape: YAML syntax errors (collected from libfyaml's diagnostics, never
 * printed), unknown fields, missing required fields, wrong types (a text
 * where a number is due, a list where a mapping is due), values outside
 * their range. Checks across items (ids, periods, references) come after,
 * in plan_check.c. Anchors and aliases are refused: a plan file has no use
 * for them and they let small files expand without bound.
 */
#include <ctype.h>
#include <errno.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"

#define AT(base, f) ((char *)(base) + (f)->off)
#define MAX_ITEMS 100000

typedef struct rd {
	pl_problems *probs;
	int oom;
} rd;

static pl_pos node_pos(struct fy_node *n)
{
	pl_pos p = { 0, 0 };
	int guard = 0;

	while (n && guard++ < 64) {
		if (fy_node_is_scalar(n) || fy_node_is_alias(n)) {
			struct fy_token *t = fy_node_get_scalar_token(n);
			const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;

			if (m) {
				p.line = m->line + 1;
				p.col = m->column + 1;
			}
			return p;
		}
		if (fy_node_is_mapping(n)) {
			void *it = NULL;
			struct fy_node_pair *pr = fy_node_mapping_iterate(n, &it);

			n = pr ? fy_node_pair_key(pr) : NULL;
		} else if (fy_node_is_sequence(n)) {
			void *it = NULL;

			n = fy_node_sequence_iterate(n, &it);
		} else {
			break;
		}
	}
	return p;
}

/* Scalar text as a new string; NULL with *bad set when not a scalar. */
static char *scalar(rd *r, struct fy_node *n, int *bad)
{
	const char *s;
	size_t len;
	char *c;

	*bad = 0;
	if (!n || !fy_node_is_scalar(n) || fy_node_is_alias(n)) {
		*bad = 1;
		return NULL;
	}
	s = fy_node_get_scalar(n, &len);
	if (!s)
		s = "", len = 0;
	c = malloc(len + 1);
	if (!c) {
		r->oom = 1;
		return NULL;
	}
	memcpy(c, s, len);
	c[len] = '\0';
	return c;
}

static int parse_int(const char *s, long *out)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	return *end || errno ? -1 : 0;
}

static int parse_num(const char *s, double *out)
{
	char *end;

	if (!*s || isspace((unsigned char)*s) || !strcmp(s, ".nan") || strchr(s, 'n') || strchr(s, 'N') ||
	    strchr(s, 'x') || strchr(s, 'X'))
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	return *end || errno ? -1 : 0;
}

/* Euros: digits, optionally '.' and 1-2 decimals. */
int ivp__money_parse(const char *s, int64_t *cents);
int ivp__money_parse(const char *s, int64_t *cents)
{
	int64_t e = 0, c = 0;
	int nd = 0, nc = 0;

	for (; isdigit((unsigned char)*s); s++, nd++) {
		if (e > (INT64_MAX / 100 - 9) / 10)
			return -1;
		e = e * 10 + (*s - '0');
	}
	if (!nd)
		return -1;
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, nc++)
			if (nc < 2)
				c = c * 10 + (*s - '0');
			else if (*s != '0')
				return -1;
		if (!nc)
			return -1;
		if (nc == 1)
			c *= 10;
	}
	if (*s)
		return -1;
	*cents = e * 100 + c;
	return 0;
}

int ivp__date_valid(const char *s);
int ivp__date_valid(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = (int)strtol(s, NULL, 10);
	m = (int)strtol(s + 5, NULL, 10);
	d = (int)strtol(s + 8, NULL, 10);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

/* What a field's value must be: an English catalogue text. */
static const char *type_words(const pl_field *f)
{
	switch (f->type) {
	case PL_STR: return IVP__N("a text");
	case PL_DATE: return IVP__N("a date (YYYY-MM-DD)");
	case PL_YEAR: return IVP__N("a year such as 2024");
	case PL_INT: return IVP__N("a whole number");
	case PL_NUM: return IVP__N("a number such as 1.5");
	case PL_MONEY: return IVP__N("an amount in euros such as 95000 or 1250.50 (no currency sign, no thousands separator)");
	case PL_BOOL: return IVP__N("true or false (or yes or no)");
	case PL_ENUM: return IVP__N("one word of a fixed list");
	case PL_STRS: return IVP__N("a list of texts such as [a, b]");
	case PL_INTS: return IVP__N("a list of numbers such as [1, 5]");
	case PL_SEQ: return IVP__N("a list of items, each starting with '- '");
	case PL_STRUCT: return IVP__N("a mapping with its own fields");
	case PL_YEARMAP: return IVP__N("a mapping of years to amounts (2024: 10000)");
	}
	return "?";
}

static void wrong_type(rd *r, pl_pos at, const char *path, const pl_field *f, const char *got)
{
	const char *tw = ivp__pl_tr(r->probs, type_words(f));
	char hint[256];

	snprintf(hint, sizeof(hint), ivp__pl_tr(r->probs, "Write %s for %s."), tw, f->name);
	ivp__pl_problem(r->probs, "plan_wrong_type", at, path, got && *got ? got : NULL, hint,
			"wrong type for \"%s\": expected %s", f->name, tw);
}

static void list_fields(const pl_schema *sc, char *out, size_t n)
{
	size_t len = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < sc->nfields && len < n; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", sc->fields[i].name);
}

static int read_struct(rd *r, struct fy_node *n, const pl_schema *sc, void *base,
		       const char *path, pl_pos at);

static void join(char *out, size_t n, const char *path, const char *name)
{
	snprintf(out, n, "%s%s%s", path, path[0] ? "." : "", name);
}

/* Read one scalar-typed field into base. */
static void read_scalar(rd *r, struct fy_node *v, const pl_field *f, void *base,
			const char *fp, pl_pos at)
{
	void *p = AT(base, f);
	char *s;
	int bad;
	long l;

	s = scalar(r, v, &bad);
	if (bad) {
		wrong_type(r, at, fp, f, fy_node_is_sequence(v) ? "A list was given." : fy_node_is_mapping(v) ? "A mapping was given." :
														"An alias was given.");
		return;
	}
	if (!s)
		return;
	switch (f->type) {
	case PL_STR:
		*(char **)p = s;
		return;
	case PL_DATE:
		if (!ivp__date_valid(s)) {
			char d[300];

			snprintf(d, sizeof(d), ivp__pl_tr(r->probs, "\"%.200s\" is not a valid date."), s);
			wrong_type(r, at, fp, f, d);
			break;
		}
		*(char **)p = s;
		return;
	case PL_ENUM: {
		int i;
		char hint[256];
		size_t len = 0;

		for (i = 0; f->enums[i]; i++)
			if (!strcmp(f->enums[i], s)) {
				*(char **)p = s;
				return;
			}
		for (i = 0; f->enums[i]; i++)
			len += (size_t)snprintf(hint + len, sizeof(hint) - len, "%s%s",
						i ? ", " : ivp__pl_tr(r->probs, "Use one of: "), f->enums[i]);
		snprintf(hint + len, sizeof(hint) - len, ".");
		ivp__pl_problem(r->probs, "plan_unknown_value", at, fp, NULL, hint, "unknown %s \"%.100s\"", f->name, s);
		break;
	}
	case PL_YEAR:
	case PL_INT:
		if (parse_int(s, &l) || (f->type == PL_YEAR && (l < 1900 || l > 2199)) ||
		    (f->lo < f->hi && (l < f->lo || l > f->hi))) {
			char d[300];

			if (f->type == PL_INT && f->lo < f->hi && !parse_int(s, &l))
				snprintf(d, sizeof(d), ivp__pl_tr(r->probs, "%.100s is outside %d..%d."), s, f->lo, f->hi);
			else
				snprintf(d, sizeof(d), ivp__pl_tr(r->probs, "\"%.200s\" was given."), s);
			wrong_type(r, at, fp, f, d);
			break;
		}
		*(int *)p = (int)l;
		break;
	case PL_NUM: {
		double d;

		if (parse_num(s, &d)) {
			char t[300];

			snprintf(t, sizeof(t), ivp__pl_tr(r->probs, "\"%.200s\" was given."), s);
			wrong_type(r, at, fp, f, t);
			break;
		}
		*(double *)p = d;
		break;
	}
	case PL_MONEY:
		if (ivp__money_parse(s, (int64_t *)p)) {
			char t[300];

			snprintf(t, sizeof(t), ivp__pl_tr(r->probs, "\"%.200s\" was given."), s);
			wrong_type(r, at, fp, f, t);
		}
		break;
	case PL_BOOL:
		if (!strcmp(s, "true") || !strcmp(s, "yes"))
			*(int *)p = 1;
		else if (!strcmp(s, "false") || !strcmp(s, "no"))
			*(int *)p = 0;
		else {
			char t[300];

			snprintf(t, sizeof(t), ivp__pl_tr(r->probs, "\"%.200s\" was given."), s);
			wrong_type(r, at, fp, f, t);
		}
		break;
	default:
		break;
	}
	free(s);
}

static void *grow(rd *r, pl_arr *a, size_t size)
{
	char *v;

	if (a->n >= MAX_ITEMS)
		return NULL;
	v = realloc(a->v, (size_t)(a->n + 1) * size);
	if (!v) {
		r->oom = 1;
		return NULL;
	}
	a->v = v;
	memset(v + (size_t)a->n * size, 0, size);
	return v + (size_t)a->n++ * size;
}

static void read_list(rd *r, struct fy_node *v, const pl_field *f, void *base,
		      const char *fp, pl_pos at)
{
	pl_arr *a = (pl_arr *)AT(base, f);
	struct fy_node *it;
	void *iter = NULL;
	int i = 0;

	if (!v || !fy_node_is_sequence(v)) {
		wrong_type(r, at, fp, f, v && fy_node_is_mapping(v) ? "A mapping was given." : v && fy_node_is_scalar(v) ? "A single value was given." :
															   NULL);
		return;
	}
	while ((it = fy_node_sequence_iterate(v, &iter)) && !r->oom) {
		char ip[600];
		pl_pos ipos = node_pos(it);

		snprintf(ip, sizeof(ip), "%s[%d]", fp, i++);
		if (!ipos.line)
			ipos = at;
		if (f->type == PL_SEQ) {
			void *e = grow(r, a, f->sub->size);

			if (!e)
				return;
			read_struct(r, it, f->sub, e, ip, ipos);
		} else {
			pl_field one = *f;
			char *slot;

			one.type = f->type == PL_STRS ? PL_STR : PL_INT;
			one.off = 0;
			slot = grow(r, a, f->type == PL_STRS ? sizeof(char *) : sizeof(int));
			if (!slot)
				return;
			read_scalar(r, it, &one, slot, ip, ipos);
			if (f->type == PL_STRS && !*(char **)slot)
				a->n--; /* keep the array free of NULLs */
		}
	}
}

static void read_yearmap(rd *r, struct fy_node *v, const pl_field *f, void *base,
			 const char *fp, pl_pos at)
{
	pl_arr *a = (pl_arr *)AT(base, f);
	struct fy_node_pair *pr;
	void *iter = NULL;
	static const pl_field yf = { "year", PL_YEAR, offsetof(pl_amount, year), 1, NULL, NULL, 0, 0 };
	static const pl_field mf = { "amount", PL_MONEY, offsetof(pl_amount, cents), 1, NULL, NULL, 0, 0 };

	if (!v || !fy_node_is_mapping(v)) {
		wrong_type(r, at, fp, f, NULL);
		return;
	}
	while ((pr = fy_node_mapping_iterate(v, &iter)) && !r->oom) {
		pl_amount *m = grow(r, a, sizeof(pl_amount));
		pl_pos kp = node_pos(fy_node_pair_key(pr));
		char ip[600];

		if (!m)
			return;
		m->year = 0;
		m->h.at = kp;
		snprintf(ip, sizeof(ip), "%s", fp);
		read_scalar(r, fy_node_pair_key(pr), &yf, m, ip, kp);
		if (m->year)
			snprintf(ip, sizeof(ip), "%s.%d", fp, m->year);
		read_scalar(r, fy_node_pair_value(pr), &mf, m, ip, kp);
	}
}

static int read_struct(rd *r, struct fy_node *n, const pl_schema *sc, void *base,
		       const char *path, pl_pos at)
{
	pl_hdr *h = base;
	struct fy_node_pair *pr;
	void *iter = NULL;
	char known[512], fp[600];
	int i;

	h->at = at;
	h->path = strdup(path);
	if (!h->path) {
		r->oom = 1;
		return -1;
	}
	if (!n || !fy_node_is_mapping(n)) {
		char hint[700];

		list_fields(sc, known, sizeof(known));
		snprintf(hint, sizeof(hint), ivp__pl_tr(r->probs, "Write the %s as a mapping of fields: %s."),
			 ivp__pl_tr(r->probs, sc->name), known);
		ivp__pl_problem(r->probs, "plan_wrong_type", at, path, NULL, hint,
				"wrong type for %s: expected a mapping of fields", ivp__pl_tr(r->probs, sc->name));
		return 0;
	}
	while ((pr = fy_node_mapping_iterate(n, &iter)) && !r->oom) {
		struct fy_node *k = fy_node_pair_key(pr), *v = fy_node_pair_value(pr);
		pl_pos kp = node_pos(k);
		const char *ks;
		size_t kl;
		char name[64];
		const pl_field *f;

		ks = k && fy_node_is_scalar(k) ? fy_node_get_scalar(k, &kl) : NULL;
		if (!ks || kl >= sizeof(name)) {
			ivp__pl_problem(r->probs, "plan_bad_field_name", kp, path, NULL, "Field names are short words such as id or title.",
					"field name is not a short word");
			continue;
		}
		memcpy(name, ks, kl);
		name[kl] = '\0';
		i = ivp__pl_field_index(sc, name);
		join(fp, sizeof(fp), path, name);
		if (i < 0) {
			char hint[700];

			list_fields(sc, known, sizeof(known));
			snprintf(hint, sizeof(hint), ivp__pl_tr(r->probs, "A %s has the fields: %s (docs/plan-file.md)."),
				 ivp__pl_tr(r->probs, sc->name), known);
			ivp__pl_problem(r->probs, "plan_unknown_field", kp, fp, NULL, hint, "unknown field \"%s\" in %s", name,
					ivp__pl_tr(r->probs, sc->name));
			continue;
		}
		f = &sc->fields[i];
		h->f[i] = kp;
		if (!v || (fy_node_is_scalar(v) && fy_node_get_style(v) == FYNS_PLAIN &&
			   fy_node_get_scalar(v, &kl) && kl == 0)) {
			if (f->type == PL_STR) { /* an empty text is allowed */
				*(char **)AT(base, f) = strdup("");
				h->set |= 1u << i;
				continue;
			}
			ivp__pl_problem(r->probs, "plan_empty_field", kp, fp, NULL, "Give a value after the colon, or leave the field out.",
					"field \"%s\" has no value", name);
			continue;
		}
		if (fy_node_is_alias(v)) {
			ivp__pl_problem(r->probs, "plan_alias", kp, fp, NULL, "Write the value out in full.",
					"aliases (*name) are not supported in a plan file");
			continue;
		}
		h->set |= 1u << i;
		switch (f->type) {
		case PL_STRS:
		case PL_INTS:
		case PL_SEQ:
			read_list(r, v, f, base, fp, kp);
			break;
		case PL_YEARMAP:
			read_yearmap(r, v, f, base, fp, kp);
			break;
		case PL_STRUCT:
			read_struct(r, v, f->sub, AT(base, f), fp, kp);
			break;
		default:
			read_scalar(r, v, f, base, fp, kp);
		}
	}
	for (i = 0; i < sc->nfields && !r->oom; i++) {
		const pl_field *f = &sc->fields[i];
		char hint[300];

		if (!f->required || (h->set & (1u << i)))
			continue;
		join(fp, sizeof(fp), path, f->name);
		snprintf(hint, sizeof(hint), ivp__pl_tr(r->probs, "Add \"%s:\" with %s to this %s."), f->name,
			 ivp__pl_tr(r->probs, type_words(f)), ivp__pl_tr(r->probs, sc->name));
		ivp__pl_problem(r->probs, "plan_missing_field", at, fp, NULL, hint, "missing %s in %s", f->name,
				ivp__pl_tr(r->probs, sc->name));
	}
	return 0;
}

/*
 * libfyaml's own messages (libfyaml 0.7.12, Debian's libfyaml0) that a
 * person writing a plan file can realistically cause — found with
 * malformed copies of a plan: tabs, quotes, brackets, indentation, a
 * duplicate key, an escape, a missing colon — each as the catalogue's
 * English text: libfyaml's message, with "%s" where libfyaml puts a word
 * or character of the file. Their Dutch says what is wrong in plain
 * words. Any other message of libfyaml stays in its English, and the
 * Dutch sentence around it says it is the parser's (e2e 511, 512).
 */
static const char *const fy_known[] = {
	IVP__N("duplicate key"),
	IVP__N("duplicate mapping key"),
	IVP__N("invalid tab used as indentation"),
	IVP__N("invalid tab character as indent instead of space"),
	IVP__N("tab character may not be used as indentation"),
	IVP__N("invalid tab as indendation in a mapping"),
	IVP__N("cannot use tab for indentation of block entry"),
	IVP__N("double-quoted scalar without closing quote"),
	IVP__N("single-quoted scalar without closing quote"),
	IVP__N("wrongly indented double-quoted scalar"),
	IVP__N("wrongly indented single-quoted scalar"),
	IVP__N("invalid trailing content after double-quoted scalar"),
	IVP__N("invalid trailing content after single-quoted scalar"),
	IVP__N("invalid escape '%s' in double-quoted string"),
	IVP__N("double-quoted scalar has invalid hex escape"),
	IVP__N("flow sequence without a closing bracket"),
	IVP__N("flow sequence with invalid extra closing bracket"),
	IVP__N("missing comma in flow mapping"),
	IVP__N("missing comma in flow sequence"),
	IVP__N("did not find expected node content"),
	IVP__N("did not find expected '-' indicator"),
	IVP__N("did not find expected key"),
	IVP__N("could not find expected ':'"),
	IVP__N("missing ':'"),
	IVP__N("invalid nested block mapping on the same line"),
	IVP__N("block sequence on the same line as a mapping key"),
	IVP__N("invalid multiline plain key"),
	IVP__N("wrong indendation in sequence while in mapping"),
	IVP__N("wrongly indented sequence item"),
	IVP__N("invalid scalar at the end of block sequence"),
	IVP__N("invalid indentation in mapping"),
	IVP__N("plain scalar cannot start with '%s'"),
};

/* The catalogue's text, in probs' language, for libfyaml's message msg
 * (the file's word of a "%s" text filled in) into out (n bytes); 0 when
 * msg is none of fy_known. */
static int fy_message(const pl_problems *probs, const char *msg, char *out, size_t n)
{
	size_t i, len = strlen(msg);

	for (i = 0; i < sizeof(fy_known) / sizeof(fy_known[0]); i++) {
		const char *k = fy_known[i], *ph = strstr(k, "%s");
		size_t pre = ph ? (size_t)(ph - k) : 0, suf = ph ? strlen(ph + 2) : 0;
		char word[32] = "";

		if (!ph) {
			if (strcmp(msg, k))
				continue;
		} else {
			if (len <= pre + suf || len - pre - suf >= sizeof(word) || strncmp(msg, k, pre) ||
			    strcmp(msg + len - suf, ph + 2))
				continue;
			memcpy(word, msg + pre, len - pre - suf);
			word[len - pre - suf] = '\0';
		}
		snprintf(out, n, ivp__pl_tr(probs, k), word);
		return 1;
	}
	return 0;
}

static void syntax_problems(struct fy_diag *diag, pl_problems *probs)
{
	struct fy_diag_error *e;
	void *it = NULL;
	int any = 0;

	while ((e = fy_diag_errors_iterate(diag, &it))) {
		/* libfyaml's collected errors count lines and columns from 1
		 * (a tab in column 1 of line 10 is 10:2, the character after it) */
		pl_pos at = { e->line, e->column };
		char said[200];

		if (e->type < FYET_ERROR)
			continue;
		if (e->msg && fy_message(probs, e->msg, said, sizeof(said)))
			ivp__pl_problem(probs, "plan_syntax", at, "", "The file is not well-formed YAML.",
					"Check the indentation (spaces, not tabs) and the quotes around this place.",
					"YAML syntax error: %s", said);
		else
			ivp__pl_problem(probs, "plan_syntax", at, "", "The file is not well-formed YAML.",
					"Check the indentation (spaces, not tabs) and the quotes around this place.",
					"YAML syntax error, in the YAML parser's words: %s",
					e->msg ? e->msg : "invalid YAML");
		any = 1;
	}
	if (!any) {
		pl_pos at = { 1, 1 };

		ivp__pl_problem(probs, "plan_syntax", at, "", "The file is not well-formed YAML.", NULL,
				"YAML syntax error");
	}
}

/*
 * YAML is Unicode text: check UTF-8 and NUL bytes ourselves, with the line
 * and column, before libfyaml sees the text — libfyaml 0.7.12 can loop
 * forever on some invalid UTF-8 after a directive (found by fuzz_plan).
 * Returns 0 when the text is clean.
 */
static int text_problems(const char *text, size_t len, pl_problems *probs)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, k;
	pl_pos at = { 1, 1 };

	while (i < len) {
		k = ivp__utf8_seq(s + i, len - i);
		if (!k) {
			ivp__pl_problem(probs, "plan_bad_byte", at, "", "A plan file is UTF-8 text; this byte is a NUL or not valid UTF-8.",
					"Save the file as UTF-8 (without NUL bytes).",
					"invalid byte 0x%02X in the plan file", s[i]);
			return -1;
		}
		if (s[i] == '\n') {
			at.line++;
			at.col = 1;
		} else {
			at.col++;
		}
		i += k;
	}
	return 0;
}

int ivp__pl_read_doc(const char *text, size_t len, const pl_schema *sc, void *base,
		     pl_problems *probs)
{
	struct fy_diag_cfg dc;
	struct fy_diag *diag = NULL;
	struct fy_parse_cfg pc;
	struct fy_document *doc = NULL;
	rd r = { probs, 0 };
	pl_pos top = { 1, 1 };
	int ok = -1;

	if (text_problems(text, len, probs))
		return -1;
	fy_diag_cfg_default(&dc);
	dc.fp = NULL;
	dc.output_fn = NULL;
	dc.colorize = false;
	diag = fy_diag_create(&dc);
	if (!diag) {
		probs->oom = 1;
		return -1;
	}
	fy_diag_set_collect_errors(diag, true);
	memset(&pc, 0, sizeof(pc));
	pc.flags = FYPCF_QUIET | FYPCF_COLLECT_DIAG;
	pc.diag = diag;
	doc = fy_document_build_from_string(&pc, text, len);
	if (!doc || fy_diag_got_error(diag)) {
		syntax_problems(diag, probs);
		goto out;
	}
	read_struct(&r, fy_document_root(doc), sc, base, "", top);
	if (r.oom)
		probs->oom = 1;
	ok = r.oom || probs->n ? -1 : 0;
out:
	fy_document_destroy(doc);
	fy_diag_destroy(diag);
	return ok;
}

pl_plan *ivp__plan_read(const char *text, size_t len, pl_problems *probs)
{
	pl_plan *p = calloc(1, sizeof(*p));

	if (!p) {
		probs->oom = 1;
		return NULL;
	}
	if (ivp__pl_read_doc(text, len, &ivp__pl_plan_schema, p, probs)) {
		ivp__plan_free(p);
		p = NULL;
	}
	return p;
}
