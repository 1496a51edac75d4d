/*
 * edit.c — the plan edited item by item (ivp/plan_edit.h): the web forms
 * and the JSON API change one priority, ambition, goal, measure or budget
 * year at a time; an earlier version can be made current again; and the
 * readable difference between two versions (diff.c) as a table.
 *
 * An edit, in one write transaction (BEGIN IMMEDIATE, so two editors'
 * saves are serialised):
 *   1. the latest version is read; when the form was made from another
 *      one the edit is refused (stale_version), nothing written;
 *   2. its plan is read twice (before, and the copy the edit changes);
 *   3. the named fields are read from text in the ctx's language into the
 *      copy along the schema (plan_schema.c); what cannot be read is a
 *      problem of that field;
 *   4. the copy must still have every required field and pass every check
 *      of a plan file (plan_check.c); each problem is named by the field of
 *      the edit when it is one, else by "";
 *   5. the copy is written as canonical YAML and stored as a new version
 *      (kind "update", source e.g. "web goal G1") with the author and a
 *      summary made from the difference (diff.c) — or nothing, when
 *      nothing changed.
 * A revert stores an earlier version's exact text as a new version (kind
 * "update", source "revert N", the summary "revert to version N …");
 * history is never deleted.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "ivp/plan_edit.h"
#include "plan/diff.h"
#include "plan/plan.h"
#include "store/plan_store.h"

#define AT(base, f) ((char *)(base) + (f)->off)
#define EDIT_VALUE_MAX 4096 /* one field's text */

int ivp__date_valid(const char *s);

/* ---- versions ---------------------------------------------------------------- */

static ivp_rc no_version(ivp_ctx *ctx, int64_t version)
{
	if (version) {
		ivp__fail(ctx, IVP_ENOTFOUND, "no plan version %lld", (long long)version);
		ivp__code(ctx, "unknown_version");
		ivp__hint(ctx, "ivp plan history lists the versions.");
	} else {
		ivp__fail(ctx, IVP_ENOTFOUND, "no plan imported yet");
		ivp__code(ctx, "no_plan");
		ivp__hint(ctx, "Import a plan first: ivp plan import FILE (docs/plan-file.md).");
	}
	return IVP_ENOTFOUND;
}

/* Version `version` (0: latest) into *v and, when out, its plan. */
static ivp_rc get_version(ivp_ctx *ctx, int64_t version, ivp__plan_version *v, pl_plan **out)
{
	pl_problems pr = { 0 };
	ivp_rc rc;
	int oom;

	memset(v, 0, sizeof(*v));
	if (out)
		*out = NULL;
	rc = ivp__store_plan_version_get(ctx, version, v);
	if (rc == IVP_ENOTFOUND)
		return no_version(ctx, version);
	if (rc || !out)
		return rc;
	*out = ivp__plan_read(v->doc, strlen(v->doc), &pr);
	oom = pr.oom;
	ivp__pl_problems_free(&pr);
	if (*out)
		return IVP_OK;
	if (oom)
		return ivp__oom(ctx, "The stored plan version could not be read into memory.");
	return ivp__fail(ctx, IVP_EINTERNAL, "stored plan version %lld cannot be read", (long long)v->version);
}

static ivp_rc check_base(ivp_ctx *ctx, int64_t base, const ivp__plan_version *cur)
{
	if (!base || base == cur->version)
		return IVP_OK;
	ivp__fail(ctx, IVP_EINPUT, "the plan changed after version %lld", (long long)base);
	ivp__code(ctx, "stale_version");
	ivp__detail(ctx, "Version %lld (%s, by %s) is the current one now; nothing was saved.",
		    (long long)cur->version, cur->created_at, cur->created_by);
	ivp__hint(ctx, "Open the form again: it shows the current version; make the change there once more.");
	return IVP_EINPUT;
}

ivp_rc ivp_plan_latest(ivp_ctx *ctx, int64_t *version)
{
	ivp__plan_version v;
	ivp_rc rc = ivp__store_plan_version_get(ctx, 0, &v);

	*version = 0;
	if (rc == IVP_ENOTFOUND)
		return IVP_OK;
	if (rc)
		return rc;
	*version = v.version;
	free(v.doc);
	return IVP_OK;
}

/* ---- the readable difference ------------------------------------------------- */

static int change_row(void *ud, const char *object, const char *id, const char *title,
		      const char *change, const char *field, const char *old, const char *nw)
{
	ivp_table *t = ud;

	return ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, object) ||
	       ivp__table_set_text(t, 1, id) || ivp__table_set_text(t, 2, title) ||
	       ivp__table_set_text(t, 3, change) || ivp__table_set_text(t, 4, field) ||
	       ivp__table_set_text(t, 5, old) || ivp__table_set_text(t, 6, nw);
}

ivp_rc ivp_plan_changes(ivp_ctx *ctx, int64_t v1, int64_t v2, ivp_table **out)
{
	static const char *const cols[] = { "object", "id", "title", "change", "field", "old", "new" };
	ivp__plan_version a, b;
	pl_plan *pa = NULL, *pb = NULL;
	ivp_table *t = NULL;
	ivp_rc rc;
	size_t i;

	*out = NULL;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (v1 <= 0 || v2 <= 0) {
		ivp__fail(ctx, IVP_EINPUT, "versions must be positive numbers");
		ivp__code(ctx, "bad_version");
		ivp__hint(ctx, "ivp plan history lists the versions.");
		return IVP_EINPUT;
	}
	if ((rc = get_version(ctx, v1, &a, &pa)) || (rc = get_version(ctx, v2, &b, &pb)))
		goto out;
	if (!(t = ivp__table_new()))
		goto oom;
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (ivp__table_col(t, cols[i], IVP__COL_BRIEF, 0) < 0)
			goto oom;
	if (ivp__plan_diff(pa, pb, change_row, t) ||
	    ivp__table_note(t, ivp_msg_tr(ivp_lang(ctx), "v1 = version %lld (%s by %s, %s); v2 = version %lld (%s by %s, %s)"),
			    (long long)a.version, a.kind, a.created_by, a.created_at,
			    (long long)b.version, b.kind, b.created_by, b.created_at) ||
	    (!ivp_table_nrows(t) && ivp__table_note(t, "%s", ivp_msg_tr(ivp_lang(ctx), "no differences"))))
		goto oom;
	*out = t;
	t = NULL;
	goto out;
oom:
	rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
out:
	ivp_table_free(t);
	ivp__plan_free(pa);
	ivp__plan_free(pb);
	free(a.doc);
	free(b.doc);
	return rc;
}

/* ---- summary of a change ----------------------------------------------------- */

typedef struct summ {
	char *out;
	size_t n, len;
	int count;
} summ;

static int summ_cb(void *ud, const char *object, const char *id, const char *title,
		   const char *change, const char *field, const char *old, const char *nw)
{
	summ *s = ud;
	int w;

	(void)title;
	if (s->len + 8 >= s->n)
		return 0;
	if (!field)
		w = snprintf(s->out + s->len, s->n - s->len, "%s%s %s %s", s->count ? "; " : "", object, id, change);
	else
		w = snprintf(s->out + s->len, s->n - s->len, "%s%s %s %s %.60s -> %.60s", s->count ? "; " : "",
			     object, id, field, old ? old : "-", nw ? nw : "-");
	s->count++;
	if (w > 0)
		s->len += (size_t)w < s->n - s->len ? (size_t)w : s->n - s->len - 1;
	return 0;
}

/* "words (changes)" or the changes; returns how many changes. -1 out of memory. */
static int summarize(const pl_plan *a, const pl_plan *b, const char *words, char *out, size_t n)
{
	summ s = { out, n, 0, 0 };
	int r;

	out[0] = '\0';
	if (words && *words)
		s.len = (size_t)snprintf(out, n, "%.300s: ", words);
	if (s.len >= n)
		s.len = n - 1;
	r = ivp__plan_diff(a, b, summ_cb, &s);
	return r < 0 ? -1 : s.count;
}

/* ---- problems of an edit ----------------------------------------------------- */

typedef struct eprobs {
	ivp_table *t;
	const char *lang;
	int n, oom;
} eprobs;

static void eproblem(eprobs *p, const char *field, const char *code, const char *hint,
		     const char *detail, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void eproblem(eprobs *p, const char *field, const char *code, const char *hint,
		     const char *detail, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->n++;
	if (ivp__table_row(p->t) < 0 || ivp__table_set_text(p->t, 0, field) ||
	    ivp__table_set_text(p->t, 1, msg) || ivp__table_set_text(p->t, 2, code) ||
	    ivp__table_set_text(p->t, 3, hint && *hint ? ivp_msg_tr(p->lang, hint) : NULL) ||
	    ivp__table_set_text(p->t, 4, detail && *detail ? detail : NULL))
		p->oom = 1;
}

#define TR(p, s) ivp_msg_tr((p)->lang, (s))

/* The words of a check's problem for a person at a form, by its code. */
static const char *check_words(const char *code)
{
	static const struct {
		const char *code, *en;
	} w[] = {
		{ "plan_duplicate_id", "another item of this kind has this id already" },
		{ "plan_year_outside_period", "this year lies outside the plan's period" },
		{ "plan_baseline_after_target", "the baseline year must come before the target year" },
		{ "plan_baseline_after_period", "the baseline year lies after the plan's period" },
		{ "plan_negative_margin", "a margin cannot be negative" },
		{ "plan_missing_unit", "a locally registered value needs its unit" },
		{ "plan_unknown_indicator", "this is neither an indicator nor a registered value" },
		{ "plan_unknown_reference", "this names something the plan does not have" },
		{ "plan_end_before_start", "the end date lies before the start date" },
		{ "plan_dates_out_of_order", "the dates are out of order" },
		{ "plan_priority_without_field", "choose at least one safety field or mark it cross-cutting" },
		{ "plan_bad_municipality", "this is not a municipality's CBS code" },
	};
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (!strcmp(w[i].code, code))
			return w[i].en;
	return NULL;
}

/* ---- finding the item --------------------------------------------------------- */

typedef struct target {
	pl_arr *arr;	     /* the array it is (or goes) in */
	const pl_schema *sc; /* its schema */
	int index;	     /* its index in arr; -1 before it exists */
	const char *parent;  /* the id of the item above it (for messages) */
} target;

#define ARR(a, T, i) (&((T *)(a).v)[i])

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Find e's item (orig) in p, or where a new one goes; -1 when neither. */
static int locate(pl_plan *p, const ivp_plan_edit *e, target *t)
{
	const char *o = e->object, *id = e->orig && *e->orig ? e->orig : NULL;
	const char *par = e->parent && *e->parent ? e->parent : NULL;
	int i, k, j;

	memset(t, 0, sizeof(*t));
	t->index = -1;
	if (!strcmp(o, "priority")) {
		t->arr = &p->priorities;
		t->sc = &ivp__pl_priority_schema;
		for (i = 0; id && i < p->priorities.n; i++)
			if (same(ARR(p->priorities, pl_priority, i)->id, id))
				t->index = i;
		return id && t->index < 0 ? -1 : 0;
	}
	if (!strcmp(o, "budget")) {
		t->arr = &p->budget;
		t->sc = &ivp__pl_budget_schema;
		for (i = 0; id && i < p->budget.n; i++)
			if (ARR(p->budget, pl_budget, i)->year == (int)strtol(id, NULL, 10))
				t->index = i;
		return id && t->index < 0 ? -1 : 0;
	}
	if (!strcmp(o, "ambition")) {
		t->sc = &ivp__pl_ambition_schema;
		for (i = 0; i < p->priorities.n; i++) {
			pl_priority *pr = ARR(p->priorities, pl_priority, i);

			for (k = 0; id && k < pr->ambitions.n; k++)
				if (same(ARR(pr->ambitions, pl_ambition, k)->id, id)) {
					t->arr = &pr->ambitions, t->index = k, t->parent = pr->id;
					return 0;
				}
			if (!id && (!par ? !t->arr : same(pr->id, par)))
				t->arr = &pr->ambitions, t->parent = pr->id;
		}
		return id || !t->arr ? -1 : 0;
	}
	if (!strcmp(o, "goal")) {
		t->sc = &ivp__pl_goal_schema;
		for (i = 0; i < p->priorities.n; i++) {
			pl_priority *pr = ARR(p->priorities, pl_priority, i);

			for (k = 0; k < pr->ambitions.n; k++) {
				pl_ambition *am = ARR(pr->ambitions, pl_ambition, k);

				for (j = 0; id && j < am->goals.n; j++)
					if (same(ARR(am->goals, pl_goal, j)->id, id)) {
						t->arr = &am->goals, t->index = j, t->parent = am->id;
						return 0;
					}
				if (!id && (!par ? !t->arr : same(am->id, par)))
					t->arr = &am->goals, t->parent = am->id;
			}
		}
		return id || !t->arr ? -1 : 0;
	}
	if (!strcmp(o, "measure")) {
		t->sc = &ivp__pl_measure_schema;
		for (i = 0; i < p->implementation.n; i++) {
			pl_impl *im = ARR(p->implementation, pl_impl, i);

			for (k = 0; id && k < im->measures.n; k++)
				if (same(ARR(im->measures, pl_measure, k)->id, id)) {
					t->arr = &im->measures, t->index = k, t->parent = im->id;
					return 0;
				}
			if (!id && (!par ? !t->arr : same(im->id, par)))
				t->arr = &im->measures, t->parent = im->id;
		}
		return id || !t->arr ? -1 : 0;
	}
	return -1;
}

/* A new zeroed element at the end of t->arr; its index into t. -1 OOM. */
static int append(target *t)
{
	size_t sz = t->sc->size;
	char *v;

	if (t->arr->n >= 100000)
		return -1;
	v = realloc(t->arr->v, (size_t)(t->arr->n + 1) * sz);
	if (!v)
		return -1;
	t->arr->v = v;
	memset(v + (size_t)t->arr->n * sz, 0, sz);
	t->index = t->arr->n++;
	return 0;
}

static void *elem(const target *t)
{
	return (char *)t->arr->v + (size_t)t->index * t->sc->size;
}

static void drop(target *t)
{
	size_t sz = t->sc->size;
	char *v = t->arr->v;

	ivp__pl_struct_free(t->sc, elem(t));
	memmove(v + (size_t)t->index * sz, v + (size_t)(t->index + 1) * sz,
		(size_t)(t->arr->n - t->index - 1) * sz);
	t->arr->n--;
	t->index = -1;
}

/* Give the item (and its structs) paths, so that the checks' problems name
 * fields under it: "edit" + ".baseline". -1 OOM. */
static int set_paths(const pl_schema *sc, void *base, const char *path)
{
	pl_hdr *h = base;
	int i;

	free(h->path);
	if (!(h->path = strdup(path)))
		return -1;
	for (i = 0; i < sc->nfields; i++) {
		const pl_field *f = &sc->fields[i];
		char sub[300];

		if (f->type != PL_STRUCT)
			continue;
		snprintf(sub, sizeof(sub), "%s.%s", path, f->name);
		if (set_paths(f->sub, AT(base, f), sub))
			return -1;
	}
	return 0;
}

#define EDIT_PATH "\001edit"

/* ---- reading a field from text ------------------------------------------------ */

static const char *trim(const char *s, char *buf, size_t n)
{
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	snprintf(buf, n, "%s", s);
	len = strlen(buf);
	while (len && isspace((unsigned char)buf[len - 1]))
		buf[--len] = '\0';
	return buf;
}

/* A number as a person types it: 27,5 or 27.5 (no thousands separators). */
static int read_num(const char *s, double *out)
{
	char b[64], *end;
	size_t i;

	if (!*s || strlen(s) >= sizeof(b))
		return -1;
	snprintf(b, sizeof(b), "%s", s);
	if (strchr(b, ',') && strchr(b, '.'))
		return -1;
	for (i = 0; b[i]; i++)
		if (b[i] == ',')
			b[i] = '.';
		else if (!strchr("0123456789.-+eE", b[i]))
			return -1;
	*out = strtod(b, &end);
	return *end || end == b ? -1 : 0;
}

static int read_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int read_bool(const char *s, int *out)
{
	static const char *const yes[] = { "true", "1", "on", "yes", "ja" };
	static const char *const no[] = { "false", "0", "off", "no", "nee", "" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcmp(s, yes[i]))
			return *out = 1, 0;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcmp(s, no[i]))
			return *out = 0, 0;
	return -1;
}

static void arr_clear(const pl_field *f, pl_arr *a)
{
	int k;

	if (f->type == PL_STRS)
		for (k = 0; k < a->n; k++)
			free(((char **)a->v)[k]);
	if (f->type == PL_YEARMAP)
		for (k = 0; k < a->n; k++)
			free(((pl_amount *)a->v)[k].h.path);
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

typedef struct reader {
	ivp_ctx *ctx;
	eprobs *pr;
	const char *name; /* the edit's field name */
	int oom;
} reader;

static void bad(reader *r, const char *hint, const char *what, const char *v)
{
	eproblem(r->pr, r->name, "plan_edit_bad_value", hint, NULL, TR(r->pr, "\"%.100s\" is not %s"), v,
		 TR(r->pr, what));
}

/* A comma-separated list into a (strings, or ints within f's range). */
static int read_list(reader *r, const pl_field *f, pl_arr *a, const char *s)
{
	char item[256];
	pl_arr n = { NULL, 0 };
	const char *p = s;

	while (*p) {
		size_t len = strcspn(p, ",");
		char raw[256];
		void *v;

		snprintf(raw, sizeof(raw), "%.*s", (int)(len < sizeof(raw) ? len : sizeof(raw) - 1), p);
		p += len + (p[len] == ',');
		trim(raw, item, sizeof(item));
		if (!*item)
			continue;
		if (n.n >= 1000 || !(v = realloc(n.v, (size_t)(n.n + 1) * (f->type == PL_STRS ? sizeof(char *) : sizeof(int)))))
			goto oom;
		n.v = v;
		if (f->type == PL_STRS) {
			if (!(((char **)n.v)[n.n] = strdup(item)))
				goto oom;
		} else {
			long l;

			if (read_int(item, f->lo < f->hi ? f->lo : -1000000, f->lo < f->hi ? f->hi : 1000000, &l)) {
				bad(r, "Write whole numbers separated by commas, such as 1, 3.", "a whole number in range", item);
				arr_clear(f, &n);
				return -1;
			}
			((int *)n.v)[n.n] = (int)l;
		}
		n.n++;
	}
	arr_clear(f, a);
	*a = n;
	return 0;
oom:
	arr_clear(f, &n);
	r->oom = 1;
	return -1;
}

/* "2024: 95.000; 2025: 190.000" (also "2024=95000", lines) into a year map. */
static int read_yearmap(reader *r, const pl_field *f, pl_arr *a, const char *s)
{
	pl_arr n = { NULL, 0 };
	const char *p = s;

	while (*p) {
		size_t len = strcspn(p, ";\n");
		char raw[128], part[128], *sep;
		const char *why = NULL;
		long year;
		int64_t cents;
		pl_amount *v;
		int k;

		snprintf(raw, sizeof(raw), "%.*s", (int)(len < sizeof(raw) ? len : sizeof(raw) - 1), p);
		p += len + (p[len] != '\0');
		trim(raw, part, sizeof(part));
		if (!*part)
			continue;
		sep = strpbrk(part, ":=");
		if (sep)
			*sep = '\0';
		{
			char yb[16], ab[100];

			trim(part, yb, sizeof(yb));
			if (!sep || read_int(yb, 1900, 2199, &year)) {
				bad(r, "Write one year and amount per line or between semicolons: 2024: 95.000; 2025: 190.000.",
				    "a year with an amount", raw);
				goto fail;
			}
			trim(sep + 1, ab, sizeof(ab));
			if (ivp_parse_money(ivp_lang(r->ctx), ab, &cents, &why)) {
				eproblem(r->pr, r->name, "plan_edit_bad_value", why, NULL,
					 TR(r->pr, "\"%.100s\" is not an amount for %ld"), ab, year);
				goto fail;
			}
		}
		for (k = 0; k < n.n; k++)
			if (((pl_amount *)n.v)[k].year == year) {
				eproblem(r->pr, r->name, "plan_edit_bad_value", NULL, NULL,
					 TR(r->pr, "the year %ld is given twice"), year);
				goto fail;
			}
		if (n.n >= 300 || !(v = realloc(n.v, (size_t)(n.n + 1) * sizeof(*v)))) {
			r->oom = 1;
			goto fail;
		}
		n.v = v;
		/* keep the years in order */
		for (k = n.n; k > 0 && v[k - 1].year > year; k--)
			v[k] = v[k - 1];
		memset(&v[k], 0, sizeof(v[k]));
		v[k].year = (int)year;
		v[k].cents = cents;
		n.n++;
	}
	arr_clear(f, a);
	*a = n;
	return 0;
fail:
	arr_clear(f, &n);
	return -1;
}

/* Set field f of base from text s (trimmed). 0 set or cleared, -1 a problem. */
static int read_field(reader *r, const pl_field *f, void *base, const char *s, int field_index)
{
	pl_hdr *h = base;
	void *p = AT(base, f);
	const char *why = NULL;
	int empty = !*s;

	if (empty && f->type != PL_BOOL) {
		if (f->required) {
			eproblem(r->pr, r->name, "plan_missing_field", NULL, NULL, "%s",
				 TR(r->pr, "this field is required"));
			return -1;
		}
		switch (f->type) {
		case PL_STR:
		case PL_DATE:
		case PL_ENUM:
			free(*(char **)p);
			*(char **)p = NULL;
			break;
		case PL_STRS:
		case PL_INTS:
		case PL_YEARMAP:
			arr_clear(f, p);
			break;
		default:
			break;
		}
		h->set &= ~(1u << field_index);
		return 0;
	}
	switch (f->type) {
	case PL_STR:
	case PL_DATE:
	case PL_ENUM: {
		char *c;

		if (f->type == PL_DATE && !ivp__date_valid(s)) {
			bad(r, "Write the date as YYYY-MM-DD, such as 2024-06-30.", "a date", s);
			return -1;
		}
		if (f->type == PL_ENUM) {
			int i, ok = 0;

			for (i = 0; f->enums[i]; i++)
				ok |= !strcmp(f->enums[i], s);
			if (!ok) {
				bad(r, "Choose one of the options.", "one of the options", s);
				return -1;
			}
		}
		if (!(c = strdup(s))) {
			r->oom = 1;
			return -1;
		}
		free(*(char **)p);
		*(char **)p = c;
		break;
	}
	case PL_YEAR:
	case PL_INT: {
		long l;

		if (read_int(s, f->type == PL_YEAR ? 1900 : f->lo < f->hi ? f->lo :
									    -2000000000L,
			     f->type == PL_YEAR ? 2199 : f->lo < f->hi ? f->hi :
									 2000000000L,
			     &l)) {
			bad(r, f->type == PL_YEAR ? "Write a year such as 2026." : "Write a whole number.",
			    f->type == PL_YEAR ? "a year" : "a whole number", s);
			return -1;
		}
		*(int *)p = (int)l;
		break;
	}
	case PL_NUM:
		if (read_num(s, p)) {
			bad(r, "Write a number such as 27,5 (a decimal comma or point, no thousands separators).",
			    "a number", s);
			return -1;
		}
		break;
	case PL_MONEY:
		if (ivp_parse_money(ivp_lang(r->ctx), s, p, &why)) {
			eproblem(r->pr, r->name, "plan_edit_bad_value", why, NULL, TR(r->pr, "\"%.100s\" is not %s"),
				 s, TR(r->pr, "an amount"));
			return -1;
		}
		break;
	case PL_BOOL:
		if (read_bool(s, p)) {
			bad(r, "Write true or false.", "true or false", s);
			return -1;
		}
		break;
	case PL_STRS:
	case PL_INTS:
		if (read_list(r, f, p, s))
			return -1;
		break;
	case PL_YEARMAP:
		if (read_yearmap(r, f, p, s))
			return -1;
		break;
	default:
		eproblem(r->pr, r->name, "plan_edit_bad_field", NULL, NULL, TR(r->pr, "the field \"%s\" cannot be edited here"),
			 r->name);
		return -1;
	}
	h->set |= 1u << field_index;
	return 0;
}

/* Fields edited in forms: not the sequences of an item's children, nor a
 * measure's progress entries and outputs (the progress form's). */
static int editable(const pl_field *f)
{
	return f->type != PL_SEQ;
}

/* Set the edit's field `name` ("title", "target.value") of item base. */
static int set_named(reader *r, const pl_schema *sc, void *base, const char *name, const char *value)
{
	const char *dot = strchr(name, '.');
	char head[64], v[EDIT_VALUE_MAX];
	int i;

	snprintf(head, sizeof(head), "%.*s", (int)(dot ? (size_t)(dot - name) : strlen(name)), name);
	i = ivp__pl_field_index(sc, head);
	if (i < 0 || !editable(&sc->fields[i]) || (dot && sc->fields[i].type != PL_STRUCT) ||
	    (!dot && sc->fields[i].type == PL_STRUCT)) {
		eproblem(r->pr, r->name, "plan_edit_bad_field", NULL, NULL,
			 TR(r->pr, "the field \"%s\" cannot be edited here"), r->name);
		return -1;
	}
	if (dot) {
		((pl_hdr *)base)->set |= 1u << i;
		return set_named(r, sc->fields[i].sub, AT(base, &sc->fields[i]), dot + 1, value);
	}
	return read_field(r, &sc->fields[i], base, trim(value, v, sizeof(v)), i);
}

/* 1 when field `name` has a problem already (a text that did not read). */
static int has_problem(const eprobs *p, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_nrows(p->t); i++) {
		const char *f = ivp_table_text(p->t, i, 0);

		if (f && !strcmp(f, name))
			return 1;
	}
	return 0;
}

/* Every required field of the item (and of its structs) is there. */
static void required(reader *r, const pl_schema *sc, const void *base, const char *prefix)
{
	const pl_hdr *h = base;
	int i;

	for (i = 0; i < sc->nfields; i++) {
		const pl_field *f = &sc->fields[i];
		char name[128];

		snprintf(name, sizeof(name), "%s%s", prefix, f->name);
		if (f->type == PL_STRUCT && (h->set >> i) & 1u) {
			char sub[140];

			snprintf(sub, sizeof(sub), "%s.", name);
			required(r, f->sub, AT(base, f), sub);
		} else if (f->required && !((h->set >> i) & 1u) && !has_problem(r->pr, name)) {
			eproblem(r->pr, f->type == PL_STRUCT ? "" : name, "plan_missing_field", NULL, NULL,
				 TR(r->pr, "\"%s\" is required"), name);
			if (f->type == PL_STRUCT) {
				char sub[140];
				int k;

				for (k = 0; k < f->sub->nfields; k++)
					if (f->sub->fields[k].required) {
						snprintf(sub, sizeof(sub), "%s.%s", name, f->sub->fields[k].name);
						eproblem(r->pr, sub, "plan_missing_field", NULL, NULL, "%s",
							 TR(r->pr, "this field is required"));
					}
			}
		}
	}
}

/* The checks' problems, each named by the edit's field when under the item. */
static void check_problems(eprobs *ep, const pl_problems *pr)
{
	size_t pl = strlen(EDIT_PATH);
	int i;

	for (i = 0; i < pr->n; i++) {
		const pl_problem *e = &pr->v[i];
		const char *field = !strncmp(e->field, EDIT_PATH, pl) && e->field[pl] == '.' ? e->field + pl + 1 : "";
		const char *w = check_words(e->code);
		int en = !strcmp(ep->lang, "en");

		if (en || !w)
			eproblem(ep, field, e->code, e->hint, e->detail, "%s", e->message);
		else
			eproblem(ep, field, e->code, NULL, NULL, "%s", TR(ep, w));
	}
}

static void sort_budget(pl_plan *p)
{
	int i, k;

	for (i = 1; i < p->budget.n; i++) /* insertion sort: a handful of years */
		for (k = i; k > 0 && ARR(p->budget, pl_budget, k - 1)->year > ARR(p->budget, pl_budget, k)->year; k--) {
			pl_budget t = *ARR(p->budget, pl_budget, k);

			*ARR(p->budget, pl_budget, k) = *ARR(p->budget, pl_budget, k - 1);
			*ARR(p->budget, pl_budget, k - 1) = t;
		}
}

/* Mark every sequence that holds elements as given, so that the writer
 * writes it: a goal added to an ambition that had none sits in an array
 * whose field was never set. */
static void mark_given(const pl_schema *sc, void *base)
{
	pl_hdr *h = base;
	int i, k;

	for (i = 0; i < sc->nfields; i++) {
		const pl_field *f = &sc->fields[i];
		pl_arr *a = (pl_arr *)AT(base, f);

		if (f->type == PL_SEQ) {
			if (a->n)
				h->set |= 1u << i;
			for (k = 0; k < a->n; k++)
				mark_given(f->sub, (char *)a->v + (size_t)k * f->sub->size);
		} else if (f->type == PL_STRUCT && (h->set >> i) & 1u) {
			mark_given(f->sub, AT(base, f));
		}
	}
}

/* The written plan must read back (a plan file's shape: e.g. at least one
 * priority); else its problems become the edit's. */
static int reads_back(eprobs *ep, const char *doc)
{
	pl_problems pr = { .lang = ep->lang };
	pl_plan *q = ivp__plan_read(doc, strlen(doc), &pr);
	int i, oom = pr.oom;

	for (i = 0; !q && i < pr.n; i++)
		eproblem(ep, "", pr.v[i].code, pr.v[i].hint, pr.v[i].detail, "%s", pr.v[i].message);
	ivp__pl_problems_free(&pr);
	ivp__plan_free(q);
	return oom ? -1 : 0;
}

static ivp_rc bad_edit(ivp_ctx *ctx, const char *fmt, const char *a, const char *b)
{
	ivp__fail(ctx, IVP_EINPUT, fmt, a, b);
	ivp__code(ctx, "bad_edit");
	ivp__hint(ctx, "The plan page names its priorities, ambitions, goals and measures with their ids.");
	return IVP_EINPUT;
}

static int new_problems(ivp_ctx *ctx, eprobs *ep)
{
	static const char *const cols[] = { "field", "message", "code", "hint", "detail" };
	size_t i;

	memset(ep, 0, sizeof(*ep));
	ep->lang = ivp_lang(ctx);
	if (!(ep->t = ivp__table_new()))
		return -1;
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (ivp__table_col(ep->t, cols[i], IVP__COL_BRIEF, 0) < 0)
			return -1;
	return 0;
}

/* Apply the fields (or the removal) of e to p. */
static ivp_rc apply(ivp_ctx *ctx, const ivp_plan_edit *e, pl_plan *p, eprobs *ep)
{
	target t;
	reader r;
	int i;

	if (locate(p, e, &t))
		return e->orig && *e->orig ? bad_edit(ctx, "no %s \"%s\" in the plan", e->object, e->orig) :
					     bad_edit(ctx, "no place for a new %s under \"%s\"", e->object,
						      e->parent && *e->parent ? e->parent : "-");
	if (e->remove) {
		if (t.index < 0)
			return bad_edit(ctx, "%snothing to remove: no %s given", "", e->object);
		drop(&t);
		mark_given(&ivp__pl_plan_schema, p);
		return IVP_OK;
	}
	if (t.index < 0 && append(&t))
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if (set_paths(t.sc, elem(&t), EDIT_PATH))
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.pr = ep;
	for (i = 0; i < e->nfields && i < IVP_EDIT_MAX_FIELDS; i++) {
		r.name = e->name[i];
		if (!e->name[i] || !e->value[i])
			continue;
		(void)set_named(&r, t.sc, elem(&t), e->name[i], e->value[i]);
		if (r.oom)
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	required(&r, t.sc, elem(&t), "");
	mark_given(&ivp__pl_plan_schema, p);
	if (!strcmp(e->object, "budget"))
		sort_budget(p);
	return IVP_OK;
}

/* A new version of the plan (prev: the current version's text) and its audit
 * entry, in the caller's transaction. */
static ivp_rc store_version(ivp_ctx *ctx, const pl_plan *p, const char *prev, const char *doc,
			    const char *kind, const char *source, const char *user,
			    const char *summary, ivp_plan_result *out)
{
	ivp__plan_version nv;
	char obj[96];
	ivp_rc rc;

	memset(&nv, 0, sizeof(nv));
	snprintf(nv.plan_id, sizeof(nv.plan_id), "%s", p->id);
	snprintf(nv.kind, sizeof(nv.kind), "%s", kind);
	snprintf(nv.source, sizeof(nv.source), "%s", source);
	snprintf(nv.created_by, sizeof(nv.created_by), "%s", user);
	snprintf(nv.summary, sizeof(nv.summary), "%s", summary);
	nv.doc = (char *)doc;
	snprintf(obj, sizeof(obj), "plan:%s", p->id);
	if ((rc = ivp__store_plan_version_add(ctx, &nv, &out->version)) ||
	    (rc = ivp__audit(ctx, !strncmp(source, "revert", 6) ? "plan.revert" : "plan.edit", obj, prev, doc)))
		return rc;
	snprintf(out->plan_id, sizeof(out->plan_id), "%s", p->id);
	ivp__plan_summary_tr(ivp_lang(ctx), nv.summary, out->summary, sizeof(out->summary));
	return IVP_OK;
}

static ivp_rc need_user(ivp_ctx *ctx, const char *user)
{
	if (user && *user)
		return IVP_OK;
	ivp__fail(ctx, IVP_EINPUT, "an edit needs its author");
	ivp__code(ctx, "no_user");
	ivp__hint(ctx, "Sign in (the web) or give --user (the CLI).");
	return IVP_EINPUT;
}

ivp_rc ivp_plan_edit_apply(ivp_ctx *ctx, const ivp_plan_edit *e, ivp_table **problems,
			   ivp_plan_result *out)
{
	ivp__plan_version cur;
	pl_plan *before = NULL, *p = NULL;
	pl_problems pr = { .lang = ivp_lang(ctx) };
	eprobs ep;
	char *doc0 = NULL, *doc = NULL, summary[1024], source[512];
	ivp_rc rc;
	int began = 0;

	*problems = NULL;
	memset(out, 0, sizeof(*out));
	memset(&cur, 0, sizeof(cur));
	memset(&ep, 0, sizeof(ep));
	if ((rc = need_user(ctx, e->user)))
		return rc;
	if (!e->object || !*e->object)
		return bad_edit(ctx, "%sno object given (priority, ambition, goal, measure or budget)%s", "", "");
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	began = 1;
	if ((rc = get_version(ctx, 0, &cur, &p)) || (rc = check_base(ctx, e->base, &cur)))
		goto out;
	{
		pl_problems pr0 = { 0 };

		before = ivp__plan_read(cur.doc, strlen(cur.doc), &pr0);
		ivp__pl_problems_free(&pr0);
	}
	if (!before || new_problems(ctx, &ep) || ivp__plan_write(before, &doc0))
		goto oom;
	if ((rc = apply(ctx, e, p, &ep)))
		goto out;
	if (ep.oom)
		goto oom;
	if (!ep.n) {
		if ((rc = ivp__plan_check(ctx, p, &pr)))
			goto out;
		if (pr.oom)
			goto oom;
		check_problems(&ep, &pr);
		if (ep.oom)
			goto oom;
	}
	if (ep.n) {
		const char *msg = ivp_table_text(ep.t, 0, 1);

		ivp__fail(ctx, IVP_EINPUT, "%s", msg ? msg : "");
		ivp__code(ctx, "plan_edit_invalid");
		ivp__option(ctx, ivp_table_text(ep.t, 0, 0));
		*problems = ep.t;
		ep.t = NULL;
		rc = IVP_EINPUT;
		goto out;
	}
	if (ivp__plan_write(p, &doc) || reads_back(&ep, doc))
		goto oom;
	if (ep.n) {
		ivp__fail(ctx, IVP_EINPUT, "%s", ivp_table_text(ep.t, 0, 1) ? ivp_table_text(ep.t, 0, 1) : "");
		ivp__code(ctx, "plan_edit_invalid");
		*problems = ep.t;
		ep.t = NULL;
		rc = IVP_EINPUT;
		goto out;
	}
	if (!strcmp(doc, doc0)) {
		out->version = cur.version;
		out->unchanged = 1;
		snprintf(out->plan_id, sizeof(out->plan_id), "%s", p->id);
		snprintf(out->summary, sizeof(out->summary), ivp_msg_tr(ivp_lang(ctx), "no change: the plan is version %lld"),
			 (long long)cur.version);
		goto out;
	}
	if (summarize(before, p, e->summary, summary, sizeof(summary)) < 0)
		goto oom;
	snprintf(source, sizeof(source), "%s %s %s", e->source && *e->source ? e->source : "edit", e->object,
		 e->orig && *e->orig ? e->orig : "(new)");
	if ((rc = store_version(ctx, p, cur.doc, doc, "update", source, e->user, summary, out)) ||
	    (rc = ivp__store_commit(ctx)))
		goto out;
	began = 0;
	goto out;
oom:
	rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
out:
	if (began)
		ivp__store_abort(ctx);
	ivp_table_free(ep.t);
	ivp__pl_problems_free(&pr);
	ivp__plan_free(before);
	ivp__plan_free(p);
	free(cur.doc);
	free(doc0);
	free(doc);
	return rc;
}

ivp_rc ivp_plan_revert(ivp_ctx *ctx, int64_t version, int64_t base, const char *user,
		       ivp_plan_result *out)
{
	ivp__plan_version cur, old;
	pl_plan *pc = NULL, *po = NULL;
	char *dc = NULL, *dold = NULL, summary[1024], source[64];
	ivp_rc rc;
	size_t len;
	int began = 0;

	memset(out, 0, sizeof(*out));
	memset(&cur, 0, sizeof(cur));
	memset(&old, 0, sizeof(old));
	if ((rc = need_user(ctx, user)))
		return rc;
	if (version <= 0) {
		ivp__fail(ctx, IVP_EINPUT, "versions must be positive numbers");
		ivp__code(ctx, "bad_version");
		ivp__hint(ctx, "ivp plan history lists the versions.");
		return IVP_EINPUT;
	}
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	began = 1;
	if ((rc = get_version(ctx, 0, &cur, &pc)) || (rc = check_base(ctx, base, &cur)) ||
	    (rc = get_version(ctx, version, &old, &po)))
		goto out;
	if (ivp__plan_write(pc, &dc) || ivp__plan_write(po, &dold))
		goto oom;
	if (!strcmp(dc, dold)) {
		out->version = cur.version;
		out->unchanged = 1;
		snprintf(out->plan_id, sizeof(out->plan_id), "%s", pc->id);
		snprintf(out->summary, sizeof(out->summary),
			 ivp_msg_tr(ivp_lang(ctx), "version %lld is the current plan already (version %lld)"),
			 (long long)version, (long long)cur.version);
		goto out;
	}
	len = (size_t)snprintf(summary, sizeof(summary), ivp__sum_revert,
			       (long long)old.version, old.created_at, old.created_by);
	if (len >= sizeof(summary))
		len = sizeof(summary) - 1;
	if (summarize(pc, po, NULL, summary + len, sizeof(summary) - len) < 0)
		goto oom;
	snprintf(source, sizeof(source), "revert %lld", (long long)old.version);
	if ((rc = store_version(ctx, po, cur.doc, old.doc, "update", source, user, summary, out)) ||
	    (rc = ivp__store_commit(ctx)))
		goto out;
	began = 0;
	goto out;
oom:
	rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
out:
	if (began)
		ivp__store_abort(ctx);
	ivp__plan_free(pc);
	ivp__plan_free(po);
	free(cur.doc);
	free(old.doc);
	free(dc);
	free(dold);
	return rc;
}
