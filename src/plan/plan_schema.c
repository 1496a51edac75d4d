/*
 * plan_schema.c — the plan file's schema (field names, types, which are
 * required) and the walks over it that do not parse: canonical YAML
 * writing, flattening to "path<TAB>value" lines for diffs, and freeing.
 *
 * The order of fields here is the order of the canonical file. Adding a
 * field is one line here plus the struct member in plan.h; reader, writer,
 * diff and free follow. docs/plan-file.md describes the same fields.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"

#define F(st, name, type, req, sub, en)                             \
	{                                                           \
#name, type, offsetof(st, name), req, sub, en, 0, 0 \
	}
#define FN(st, name, member, type, req, sub, en)                     \
	{                                                            \
		name, type, offsetof(st, member), req, sub, en, 0, 0 \
	}
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const kinds[] = { "effect", "output", NULL };
static const char *const directions[] = { "lower", "higher", NULL };
static const char *const statuses[] = { "planned", "running", "done", "stopped", NULL };

static const pl_field yv_f[] = {
	F(pl_yv, value, PL_NUM, 1, NULL, NULL),
	F(pl_yv, year, PL_YEAR, 1, NULL, NULL),
	F(pl_yv, margin, PL_NUM, 0, NULL, NULL),
};
const pl_schema ivp__pl_yv_schema = { IVP__N("value"), sizeof(pl_yv), yv_f, N(yv_f), NULL };

static const pl_field budget_f[] = {
	F(pl_budget, year, PL_YEAR, 1, NULL, NULL),
	FN(pl_budget, "amount", cents, PL_MONEY, 1, NULL, NULL),
	F(pl_budget, source, PL_STR, 1, NULL, NULL),
	F(pl_budget, document, PL_STR, 1, NULL, NULL),
	F(pl_budget, structural, PL_BOOL, 0, NULL, NULL),
};
const pl_schema ivp__pl_budget_schema = { IVP__N("budget"), sizeof(pl_budget), budget_f, N(budget_f), "year" };

static const pl_field progress_f[] = {
	F(pl_progress, date, PL_DATE, 1, NULL, NULL),
	F(pl_progress, status, PL_ENUM, 1, NULL, statuses),
	F(pl_progress, note, PL_STR, 0, NULL, NULL),
	F(pl_progress, by, PL_STR, 0, NULL, NULL),
};
const pl_schema ivp__pl_progress_schema = { IVP__N("progress entry"), sizeof(pl_progress), progress_f, N(progress_f), NULL };

static const pl_field output_f[] = {
	F(pl_output, name, PL_STR, 1, NULL, NULL),
	F(pl_output, year, PL_YEAR, 1, NULL, NULL),
	F(pl_output, value, PL_NUM, 1, NULL, NULL),
};
const pl_schema ivp__pl_output_schema = { IVP__N("output"), sizeof(pl_output), output_f, N(output_f), NULL };

static const pl_field measure_f[] = {
	F(pl_measure, id, PL_STR, 1, NULL, NULL),
	F(pl_measure, title, PL_STR, 1, NULL, NULL),
	F(pl_measure, priority, PL_STR, 1, NULL, NULL),
	F(pl_measure, goals, PL_STRS, 0, NULL, NULL),
	F(pl_measure, owner, PL_STR, 1, NULL, NULL),
	F(pl_measure, partners, PL_STRS, 0, NULL, NULL),
	F(pl_measure, start, PL_DATE, 0, NULL, NULL),
	F(pl_measure, end, PL_DATE, 0, NULL, NULL),
	F(pl_measure, status, PL_ENUM, 1, NULL, statuses),
	F(pl_measure, progress, PL_SEQ, 0, &ivp__pl_progress_schema, NULL),
	F(pl_measure, outputs, PL_SEQ, 0, &ivp__pl_output_schema, NULL),
	F(pl_measure, budget, PL_YEARMAP, 0, NULL, NULL),
	F(pl_measure, spent, PL_YEARMAP, 0, NULL, NULL),
	F(pl_measure, illustration, PL_BOOL, 0, NULL, NULL),
};
const pl_schema ivp__pl_measure_schema = { IVP__N("measure"), sizeof(pl_measure), measure_f, N(measure_f), "id" };

static const pl_field impl_f[] = {
	F(pl_impl, id, PL_STR, 1, NULL, NULL),
	F(pl_impl, title, PL_STR, 1, NULL, NULL),
	F(pl_impl, from, PL_YEAR, 1, NULL, NULL),
	F(pl_impl, to, PL_YEAR, 1, NULL, NULL),
	F(pl_impl, adopted_by, PL_STR, 0, NULL, NULL),
	F(pl_impl, adopted, PL_DATE, 0, NULL, NULL),
	F(pl_impl, themes, PL_STRS, 0, NULL, NULL),
	F(pl_impl, measures, PL_SEQ, 0, &ivp__pl_measure_schema, NULL),
};
const pl_schema ivp__pl_impl_schema = { IVP__N("implementation plan"), sizeof(pl_impl), impl_f, N(impl_f), "id" };

static const pl_field goal_f[] = {
	F(pl_goal, id, PL_STR, 1, NULL, NULL),
	F(pl_goal, title, PL_STR, 1, NULL, NULL),
	F(pl_goal, kind, PL_ENUM, 1, NULL, kinds),
	F(pl_goal, indicator, PL_STR, 1, NULL, NULL),
	F(pl_goal, unit, PL_STR, 0, NULL, NULL),
	F(pl_goal, direction, PL_ENUM, 1, NULL, directions),
	F(pl_goal, baseline, PL_STRUCT, 1, &ivp__pl_yv_schema, NULL),
	F(pl_goal, target, PL_STRUCT, 1, &ivp__pl_yv_schema, NULL),
	F(pl_goal, illustration, PL_BOOL, 0, NULL, NULL),
	F(pl_goal, note, PL_STR, 0, NULL, NULL),
};
const pl_schema ivp__pl_goal_schema = { IVP__N("goal"), sizeof(pl_goal), goal_f, N(goal_f), "id" };

static const pl_field ambition_f[] = {
	F(pl_ambition, id, PL_STR, 1, NULL, NULL),
	F(pl_ambition, title, PL_STR, 1, NULL, NULL),
	F(pl_ambition, goals, PL_SEQ, 0, &ivp__pl_goal_schema, NULL),
};
const pl_schema ivp__pl_ambition_schema = { IVP__N("ambition"), sizeof(pl_ambition), ambition_f, N(ambition_f), "id" };

static const pl_field priority_f[] = {
	F(pl_priority, id, PL_STR, 1, NULL, NULL),
	F(pl_priority, title, PL_STR, 1, NULL, NULL),
	{ "fields", PL_INTS, offsetof(pl_priority, fields), 0, NULL, NULL, 1, 5 },
	F(pl_priority, cross_cutting, PL_BOOL, 0, NULL, NULL),
	F(pl_priority, regional_themes, PL_STRS, 0, NULL, NULL), /* region.c checks them */
	F(pl_priority, ambitions, PL_SEQ, 0, &ivp__pl_ambition_schema, NULL),
};
const pl_schema ivp__pl_priority_schema = { IVP__N("priority"), sizeof(pl_priority), priority_f, N(priority_f), "id" };

static const pl_field partner_f[] = {
	F(pl_partner, id, PL_STR, 1, NULL, NULL),
	F(pl_partner, name, PL_STR, 1, NULL, NULL),
	F(pl_partner, kind, PL_STR, 0, NULL, NULL),
};
const pl_schema ivp__pl_partner_schema = { IVP__N("partner"), sizeof(pl_partner), partner_f, N(partner_f), "id" };

static const pl_field extension_f[] = {
	F(pl_extension, until, PL_DATE, 1, NULL, NULL),
	F(pl_extension, decided, PL_DATE, 0, NULL, NULL),
	F(pl_extension, note, PL_STR, 0, NULL, NULL),
};
const pl_schema ivp__pl_extension_schema = { IVP__N("extension"), sizeof(pl_extension), extension_f, N(extension_f), "until" };

static const pl_field pred_f[] = {
	F(pl_predecessor, title, PL_STR, 1, NULL, NULL),
	F(pl_predecessor, from, PL_YEAR, 1, NULL, NULL),
	F(pl_predecessor, to, PL_YEAR, 1, NULL, NULL),
	F(pl_predecessor, cvdr, PL_STR, 0, NULL, NULL),
	F(pl_predecessor, priorities, PL_STRS, 0, NULL, NULL),
	F(pl_predecessor, extensions, PL_SEQ, 0, &ivp__pl_extension_schema, NULL),
};
const pl_schema ivp__pl_pred_schema = { IVP__N("predecessor"), sizeof(pl_predecessor), pred_f, N(pred_f), NULL };

static const pl_field plan_f[] = {
	{ "ivp_plan", PL_INT, offsetof(pl_plan, format), 1, NULL, NULL, 1, 1 },
	F(pl_plan, id, PL_STR, 1, NULL, NULL),
	F(pl_plan, title, PL_STR, 1, NULL, NULL),
	F(pl_plan, municipality, PL_STR, 1, NULL, NULL),
	F(pl_plan, from, PL_YEAR, 1, NULL, NULL),
	F(pl_plan, to, PL_YEAR, 1, NULL, NULL),
	F(pl_plan, legal_basis, PL_STR, 0, NULL, NULL),
	F(pl_plan, college_proposal, PL_DATE, 0, NULL, NULL),
	F(pl_plan, sent_to_council, PL_DATE, 0, NULL, NULL),
	F(pl_plan, adopted, PL_DATE, 0, NULL, NULL),
	F(pl_plan, in_force, PL_DATE, 0, NULL, NULL),
	F(pl_plan, publication, PL_STR, 0, NULL, NULL),
	F(pl_plan, cvdr, PL_STR, 0, NULL, NULL),
	F(pl_plan, predecessor, PL_STRUCT, 0, &ivp__pl_pred_schema, NULL),
	F(pl_plan, partners, PL_SEQ, 0, &ivp__pl_partner_schema, NULL),
	F(pl_plan, priorities, PL_SEQ, 1, &ivp__pl_priority_schema, NULL),
	F(pl_plan, implementation, PL_SEQ, 0, &ivp__pl_impl_schema, NULL),
	F(pl_plan, budget, PL_SEQ, 0, &ivp__pl_budget_schema, NULL),
};
const pl_schema ivp__pl_plan_schema = { IVP__N("plan"), sizeof(pl_plan), plan_f, N(plan_f), NULL };

_Static_assert(N(plan_f) <= PL_MAXF, "raise PL_MAXF");
_Static_assert(N(measure_f) <= PL_MAXF, "raise PL_MAXF");

int ivp__pl_field_index(const pl_schema *sc, const char *name)
{
	int i;

	for (i = 0; i < sc->nfields; i++)
		if (!strcmp(sc->fields[i].name, name))
			return i;
	return -1;
}

pl_pos ivp__pl_pos(const pl_hdr *h, const pl_schema *sc, const char *name)
{
	int i = ivp__pl_field_index(sc, name);

	if (i >= 0 && (h->set & (1u << i)) && h->f[i].line)
		return h->f[i];
	return h->at;
}

int ivp__pl_has(const pl_hdr *h, const pl_schema *sc, const char *name)
{
	int i = ivp__pl_field_index(sc, name);

	return i >= 0 && (h->set & (1u << i));
}

/* ---- problems ----------------------------------------------------------------- */

void ivp__pl_vproblem(pl_problems *p, const char *code, pl_pos at, const char *field,
		      const char *detail, const char *hint, const char *fmt, va_list ap)
{
	pl_problem *e;

	if (p->n >= PL_MAX_PROBLEMS)
		return;
	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 8;
		pl_problem *v = realloc(p->v, (size_t)cap * sizeof(*v));

		if (!v) {
			p->oom = 1;
			return;
		}
		p->v = v;
		p->cap = cap;
	}
	e = &p->v[p->n++];
	memset(e, 0, sizeof(*e));
	e->line = at.line;
	e->col = at.col;
	snprintf(e->code, sizeof(e->code), "%s", code);
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	vsnprintf(e->message, sizeof(e->message), ivp__pl_tr(p, fmt), ap);
	snprintf(e->detail, sizeof(e->detail), "%s", detail ? ivp__pl_tr(p, detail) : "");
	snprintf(e->hint, sizeof(e->hint), "%s", hint ? ivp__pl_tr(p, hint) : "");
}

void ivp__pl_problem(pl_problems *p, const char *code, pl_pos at, const char *field,
		     const char *detail, const char *hint, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ivp__pl_vproblem(p, code, at, field, detail, hint, fmt, ap);
	va_end(ap);
}

const char *ivp__pl_tr(const pl_problems *p, const char *en)
{
	return ivp_msg_tr(p && p->lang ? p->lang : "en", en);
}

void ivp__pl_problems_free(pl_problems *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}

ivp_table *ivp__pl_problems_table(const pl_problems *p, const char *file)
{
	ivp_table *t = ivp__table_new();
	int i;

	if (!t || ivp__table_col(t, "file", 0, 0) < 0 ||
	    ivp__table_col(t, "line", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "column", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "field", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "message", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "detail", 0, 0) < 0 ||
	    ivp__table_col(t, "hint", 0, 0) < 0 || ivp__table_col(t, "code", 0, 0) < 0)
		goto bad;
	for (i = 0; i < p->n; i++) {
		const pl_problem *e = &p->v[i];

		if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, file) ||
		    ivp__table_set_int(t, 1, e->line) || ivp__table_set_int(t, 2, e->col) ||
		    ivp__table_set_text(t, 3, e->field) || ivp__table_set_text(t, 4, e->message) ||
		    ivp__table_set_text(t, 5, e->detail[0] ? e->detail : NULL) ||
		    ivp__table_set_text(t, 6, e->hint[0] ? e->hint : NULL) ||
		    ivp__table_set_text(t, 7, e->code))
			goto bad;
	}
	return t;
bad:
	ivp_table_free(t);
	return NULL;
}

ivp_rc ivp__pl_problems_fail(ivp_ctx *ctx, const pl_problems *p, const char *file)
{
	const pl_problem *e = &p->v[0];

	if (p->oom || !p->n)
		return ivp__oom(ctx, "The plan file \"%s\" could not be checked.", file);
	ivp__fail(ctx, IVP_EINPUT, "%d:%d: %s", e->line, e->col, e->message);
	ivp__code(ctx, e->code);
	if (p->n > 1)
		ivp__detail(ctx, "%s%s(%d problems in all; ivp plan validate lists them.)",
			    e->detail, e->detail[0] ? " " : "", p->n);
	else if (e->detail[0])
		ivp__detail(ctx, "%s", e->detail);
	if (e->hint[0])
		ivp__hint(ctx, "%s", e->hint);
	ivp__where(ctx, file, e->line, e->field);
	ivp__column(ctx, e->col);
	return IVP_EINPUT;
}

/* ---- walking ------------------------------------------------------------------ */

#define AT(base, f) ((char *)(base) + (f)->off)

void ivp__money_format(int64_t cents, char *out, size_t n)
{
	int64_t a = cents < 0 ? -cents : cents;

	if (a % 100)
		snprintf(out, n, "%s%lld.%02lld", cents < 0 ? "-" : "",
			 (long long)(a / 100), (long long)(a % 100));
	else
		snprintf(out, n, "%lld", (long long)(cents / 100));
}

/* Shortest text that reads back as the same double; a whole number as
 * its digits (260, not %g's 2.6e+02, which a person would not write). */
static void num_format(double v, char *out, size_t n)
{
	int prec;

	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, n, "%.0f", v);
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static int put_str(ivp__buf *b, const char *s)
{
	int r = ivp__buf_addc(b, '"');

	for (; *s && !r; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			r = ivp__buf_printf(b, "\\%c", c);
		else if (c == '\n')
			r = ivp__buf_add(b, "\\n", 2);
		else if (c == '\t')
			r = ivp__buf_add(b, "\\t", 2);
		else if (c < 0x20 || c == 0x7f)
			r = ivp__buf_printf(b, "\\x%02x", c);
		else
			r = ivp__buf_addc(b, (char)c);
	}
	return r ? r : ivp__buf_addc(b, '"');
}

/* Text of a scalar field (not for sequences/structs). 0 when unset/empty. */
static int scalar_text(const pl_field *f, const void *base, char *out, size_t n, int *quote)
{
	const void *p = AT(base, f);

	*quote = 0;
	switch (f->type) {
	case PL_STR:
	case PL_DATE:
	case PL_ENUM: {
		const char *s = *(char *const *)p;

		if (!s)
			return 0;
		snprintf(out, n, "%s", s);
		*quote = f->type == PL_STR;
		return 1;
	}
	case PL_YEAR:
	case PL_INT:
		snprintf(out, n, "%d", *(const int *)p);
		return 1;
	case PL_NUM:
		num_format(*(const double *)p, out, n);
		return 1;
	case PL_MONEY:
		ivp__money_format(*(const int64_t *)p, out, n);
		return 1;
	case PL_BOOL:
		snprintf(out, n, "%s", *(const int *)p ? "true" : "false");
		return 1;
	default:
		return 0;
	}
}

static int indent(ivp__buf *b, int n)
{
	while (n-- > 0)
		if (ivp__buf_addc(b, ' '))
			return -1;
	return 0;
}

static int write_struct(ivp__buf *b, const pl_schema *sc, const void *base, int ind, int dash);

/* The line start of a field: the first field of a "- " item gets the dash. */
static int lead(ivp__buf *b, int ind, int *dash)
{
	if (*dash) {
		*dash = 0;
		return indent(b, ind - 2) || ivp__buf_add(b, "- ", 2);
	}
	return indent(b, ind);
}

static int write_field(ivp__buf *b, const pl_field *f, const void *base, int ind, int *dash)
{
	const char *p = AT(base, f);
	const pl_arr *a = (const pl_arr *)p;
	char txt[128];
	int q, i;

	switch (f->type) {
	case PL_STRS:
	case PL_INTS:
		if (!a->n)
			return 0;
		if (lead(b, ind, dash) || ivp__buf_printf(b, "%s: [", f->name))
			return -1;
		for (i = 0; i < a->n; i++) {
			if (i && ivp__buf_add(b, ", ", 2))
				return -1;
			if (f->type == PL_STRS ? put_str(b, ((char **)a->v)[i]) : ivp__buf_printf(b, "%d", ((int *)a->v)[i]))
				return -1;
		}
		return ivp__buf_add(b, "]\n", 2);
	case PL_YEARMAP:
		if (!a->n)
			return 0;
		if (lead(b, ind, dash) || ivp__buf_printf(b, "%s:\n", f->name))
			return -1;
		for (i = 0; i < a->n; i++) {
			const pl_amount *m = &((const pl_amount *)a->v)[i];

			ivp__money_format(m->cents, txt, sizeof(txt));
			if (indent(b, ind + 2) || ivp__buf_printf(b, "%d: %s\n", m->year, txt))
				return -1;
		}
		return 0;
	case PL_SEQ:
		if (!a->n)
			return 0;
		if (lead(b, ind, dash) || ivp__buf_printf(b, "%s:\n", f->name))
			return -1;
		for (i = 0; i < a->n; i++)
			if (write_struct(b, f->sub, (const char *)a->v + (size_t)i * f->sub->size,
					 ind + 4, 1))
				return -1;
		return 0;
	case PL_STRUCT:
		if (lead(b, ind, dash) || ivp__buf_printf(b, "%s:\n", f->name))
			return -1;
		return write_struct(b, f->sub, p, ind + 2, 0);
	default:
		if (!scalar_text(f, base, txt, sizeof(txt), &q))
			return 0;
		if (lead(b, ind, dash) || ivp__buf_printf(b, "%s: ", f->name))
			return -1;
		if (q) {
			if (put_str(b, *(char *const *)p))
				return -1;
		} else if (ivp__buf_add(b, txt, strlen(txt))) {
			return -1;
		}
		return ivp__buf_addc(b, '\n');
	}
}

static int write_struct(ivp__buf *b, const pl_schema *sc, const void *base, int ind, int dash)
{
	const pl_hdr *h = base;
	int i;

	for (i = 0; i < sc->nfields; i++) {
		const pl_field *f = &sc->fields[i];

		if (!(h->set & (1u << i)))
			continue;
		/* booleans are written only when true; false is the default */
		if (f->type == PL_BOOL && !*(const int *)AT(base, f))
			continue;
		if (write_field(b, f, base, ind, &dash))
			return -1;
	}
	return 0;
}

int ivp__plan_write(const pl_plan *p, char **out)
{
	ivp__buf b;

	*out = NULL;
	ivp__buf_init(&b, 64u << 20);
	if (ivp__buf_add(&b, "# ivp plan file (docs/plan-file.md)\n", 36) ||
	    write_struct(&b, &ivp__pl_plan_schema, p, 0, 0) || ivp__buf_addc(&b, '\0')) {
		ivp__buf_free(&b);
		return -1;
	}
	*out = b.p;
	return 0;
}

/* ---- flatten ------------------------------------------------------------------ */

static int flat_struct(ivp__buf *b, const pl_schema *sc, const void *base, const char *path);

static int flat_line(ivp__buf *b, const char *path, const char *name, const char *v)
{
	return ivp__buf_printf(b, "%s%s%s\t%s\n", path, path[0] ? "." : "", name, v);
}

/* The key of a sequence element: its id/year field, else its index. */
static void elem_key(const pl_schema *sc, const void *e, int i, char *out, size_t n)
{
	int k = sc->key ? ivp__pl_field_index(sc, sc->key) : -1;
	int q;

	if (k < 0 || !scalar_text(&sc->fields[k], e, out, n, &q))
		snprintf(out, n, "%d", i + 1);
}

static int flat_struct(ivp__buf *b, const pl_schema *sc, const void *base, const char *path)
{
	const pl_hdr *h = base;
	char sub[512], txt[128], key[128];
	int i, k, q;

	for (i = 0; i < sc->nfields; i++) {
		const pl_field *f = &sc->fields[i];
		const pl_arr *a = (const pl_arr *)AT(base, f);

		if (!(h->set & (1u << i)))
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", path, path[0] ? "." : "", f->name);
		switch (f->type) {
		case PL_STRS:
		case PL_INTS: {
			ivp__buf v;
			int r = 0;

			ivp__buf_init(&v, 1u << 20);
			for (k = 0; k < a->n && !r; k++)
				r = f->type == PL_STRS ?
					    ivp__buf_printf(&v, "%s%s", k ? ", " : "", ((char **)a->v)[k]) :
					    ivp__buf_printf(&v, "%s%d", k ? ", " : "", ((int *)a->v)[k]);
			r = r || flat_line(b, path, f->name, ivp__buf_str(&v));
			ivp__buf_free(&v);
			if (r)
				return -1;
			break;
		}
		case PL_YEARMAP:
			for (k = 0; k < a->n; k++) {
				const pl_amount *m = &((const pl_amount *)a->v)[k];

				ivp__money_format(m->cents, txt, sizeof(txt));
				if (ivp__buf_printf(b, "%s.%d\t%s\n", sub, m->year, txt))
					return -1;
			}
			break;
		case PL_SEQ:
			for (k = 0; k < a->n; k++) {
				const void *e = (const char *)a->v + (size_t)k * f->sub->size;
				char ep[640];

				elem_key(f->sub, e, k, key, sizeof(key));
				snprintf(ep, sizeof(ep), "%s[%s]", sub, key);
				if (flat_struct(b, f->sub, e, ep))
					return -1;
			}
			break;
		case PL_STRUCT:
			if (flat_struct(b, f->sub, AT(base, f), sub))
				return -1;
			break;
		default:
			if (f->type == PL_BOOL && !*(const int *)AT(base, f))
				break;
			if (scalar_text(f, base, txt, sizeof(txt), &q)) {
				const char *v = f->type == PL_STR ? *(char *const *)AT(base, f) : txt;

				if (flat_line(b, path, f->name, v))
					return -1;
			}
		}
	}
	return 0;
}

int ivp__plan_flatten(const pl_plan *p, ivp__buf *out)
{
	return flat_struct(out, &ivp__pl_plan_schema, p, "");
}

/* ---- free ---------------------------------------------------------------------- */

void ivp__pl_struct_free(const pl_schema *sc, void *base)
{
	pl_hdr *h = base;
	int i, k;

	for (i = 0; i < sc->nfields; i++) {
		const pl_field *f = &sc->fields[i];
		char *p = AT(base, f);
		pl_arr *a = (pl_arr *)p;

		switch (f->type) {
		case PL_STR:
		case PL_DATE:
		case PL_ENUM:
			free(*(char **)p);
			break;
		case PL_STRS:
			for (k = 0; k < a->n; k++)
				free(((char **)a->v)[k]);
			free(a->v);
			break;
		case PL_INTS:
		case PL_YEARMAP:
			if (f->type == PL_YEARMAP)
				for (k = 0; k < a->n; k++)
					free(((pl_amount *)a->v)[k].h.path);
			free(a->v);
			break;
		case PL_SEQ:
			for (k = 0; k < a->n; k++)
				ivp__pl_struct_free(f->sub, (char *)a->v + (size_t)k * f->sub->size);
			free(a->v);
			break;
		case PL_STRUCT:
			ivp__pl_struct_free(f->sub, p);
			break;
		default:
			break;
		}
	}
	free(h->path);
}

void ivp__plan_free(pl_plan *p)
{
	if (!p)
		return;
	ivp__pl_struct_free(&ivp__pl_plan_schema, p);
	free(p);
}

pl_measure *ivp__plan_measure(const pl_plan *p, const char *id)
{
	int i, k;

	for (i = 0; i < p->implementation.n; i++) {
		pl_impl *im = &((pl_impl *)p->implementation.v)[i];

		for (k = 0; k < im->measures.n; k++) {
			pl_measure *m = &((pl_measure *)im->measures.v)[k];

			if (m->id && !strcmp(m->id, id))
				return m;
		}
	}
	return NULL;
}
