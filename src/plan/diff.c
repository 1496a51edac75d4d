/*
 * diff.c — "wat is er gewijzigd": the difference between two plans as a
 * reader sees it, item by item, where ivp_plan_diff (plan_api.c) compares
 * flattened paths.
 *
 * Both plans are cut into items (the plan's own fields, partners,
 * priorities, ambitions, goals, implementation plans, measures, budget
 * years), each with its kind, id, title, the item it sits under and its
 * schema (plan_schema.c). Items are matched by kind and id through a map,
 * so an item moved to another priority is one item whose "parent" changed,
 * not a removal and an addition. For an item in both, every field of its
 * schema is compared as text (the plan file's notation); a struct's parts
 * are named with a dot (target.value), a measure's budget per year as
 * budget.2024, and sequences that are not items themselves (a measure's
 * progress entries, its outputs) element by element as progress[2]. The
 * order is the newer plan's, then what only the older one had.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/diff.h"

#define AT(base, f) ((const char *)(base) + (f)->off)
#define TXT_MAX (1u << 20)

typedef struct item {
	const char *object;
	char id[128];
	const char *title;
	const char *parent;
	const pl_schema *sc;
	const void *base;
} item;

typedef struct items {
	item *v;
	int n, cap;
	ivp__map idx; /* "object\037id" -> index */
} items;

/* Kinds in output order. */
static const char *const kinds[] = { "plan", "partner", "priority", "ambition", "goal",
				     "implementation", "measure", "budget" };

static int is_item_schema(const pl_schema *sc)
{
	return sc == &ivp__pl_partner_schema || sc == &ivp__pl_priority_schema ||
	       sc == &ivp__pl_ambition_schema || sc == &ivp__pl_goal_schema ||
	       sc == &ivp__pl_impl_schema || sc == &ivp__pl_measure_schema ||
	       sc == &ivp__pl_budget_schema;
}

static int add(items *l, const char *object, const char *id, const char *title,
	       const char *parent, const pl_schema *sc, const void *base)
{
	char key[300];
	int64_t *slot;
	int existed;
	item *it;

	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		item *v = realloc(l->v, (size_t)cap * sizeof(*v));

		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	it = &l->v[l->n];
	memset(it, 0, sizeof(*it));
	it->object = object;
	snprintf(it->id, sizeof(it->id), "%s", id ? id : "");
	it->title = title;
	it->parent = parent;
	it->sc = sc;
	it->base = base;
	snprintf(key, sizeof(key), "%s\037%s", object, it->id);
	if (ivp__map_put(&l->idx, key, l->n, &slot, &existed))
		return -1;
	/* a duplicate id (refused by the checks, but a stored plan is not
	 * trusted here): the first one counts */
	if (!existed)
		l->n++;
	return 0;
}

/* T is a type: it cannot be parenthesised */
#define EACH(arr, T, var, i) for ((i) = 0; (i) < (arr).n && ((var) = &((T *)(arr).v)[i]); (i)++) // NOLINT(bugprone-macro-parentheses)

static int collect(const pl_plan *p, items *l)
{
	const pl_partner *pa;
	const pl_priority *pr;
	const pl_ambition *am;
	const pl_goal *g;
	const pl_impl *im;
	const pl_measure *m;
	const pl_budget *bu;
	char y[16];
	int i, k, j;

	memset(l, 0, sizeof(*l));
	ivp__map_init(&l->idx);
	if (add(l, "plan", p->id, p->title, NULL, &ivp__pl_plan_schema, p))
		return -1;
	EACH(p->partners, pl_partner, pa, i)
	if (add(l, "partner", pa->id, pa->name, NULL, &ivp__pl_partner_schema, pa))
		return -1;
	EACH(p->priorities, pl_priority, pr, i)
	{
		if (add(l, "priority", pr->id, pr->title, NULL, &ivp__pl_priority_schema, pr))
			return -1;
		EACH(pr->ambitions, pl_ambition, am, k)
		{
			if (add(l, "ambition", am->id, am->title, pr->id, &ivp__pl_ambition_schema, am))
				return -1;
			EACH(am->goals, pl_goal, g, j)
			if (add(l, "goal", g->id, g->title, am->id, &ivp__pl_goal_schema, g))
				return -1;
		}
	}
	EACH(p->implementation, pl_impl, im, i)
	{
		if (add(l, "implementation", im->id, im->title, NULL, &ivp__pl_impl_schema, im))
			return -1;
		EACH(im->measures, pl_measure, m, k)
		if (add(l, "measure", m->id, m->title, im->id, &ivp__pl_measure_schema, m))
			return -1;
	}
	EACH(p->budget, pl_budget, bu, i)
	{
		snprintf(y, sizeof(y), "%d", bu->year);
		if (add(l, "budget", y, bu->document, NULL, &ivp__pl_budget_schema, bu))
			return -1;
	}
	return 0;
}

static void items_free(items *l)
{
	free(l->v);
	ivp__map_free(&l->idx);
}

static const item *find(const items *l, const item *it)
{
	char key[300];
	const int64_t *ix;

	snprintf(key, sizeof(key), "%s\037%s", it->object, it->id);
	ix = ivp__map_get(&l->idx, key);
	return ix ? &l->v[*ix] : NULL;
}

/* Shortest text that reads back as the same double (as the writer). */
static int num_text(ivp__buf *b, double v)
{
	char t[64];
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(t, sizeof(t), "%.*g", prec, v);
		if (strtod(t, NULL) == v)
			break;
	}
	return ivp__buf_add(b, t, strlen(t));
}

static int money_text(ivp__buf *b, int64_t cents)
{
	char t[40];

	ivp__money_format(cents, t, sizeof(t));
	return ivp__buf_add(b, t, strlen(t));
}

/* A scalar or a list field as text into b (emptied first): 1 when set, 0
 * when not there, -1 out of memory. Not for structs and sequences. */
static int text_of(const pl_field *f, const void *base, int set, ivp__buf *b)
{
	const void *p = AT(base, f);
	const pl_arr *a = p;
	int k, r = 0;

	b->len = 0;
	if (!set)
		return 0;
	switch (f->type) {
	case PL_STR:
	case PL_DATE:
	case PL_ENUM: {
		const char *s = *(char *const *)p;

		if (!s)
			return 0;
		r = ivp__buf_add(b, s, strlen(s));
		break;
	}
	case PL_YEAR:
	case PL_INT:
		r = ivp__buf_printf(b, "%d", *(const int *)p);
		break;
	case PL_NUM:
		r = num_text(b, *(const double *)p);
		break;
	case PL_MONEY:
		r = money_text(b, *(const int64_t *)p);
		break;
	case PL_BOOL:
		if (!*(const int *)p)
			return 0; /* false is the default: the writer leaves it out */
		r = ivp__buf_add(b, "true", 4);
		break;
	case PL_STRS:
	case PL_INTS:
		if (!a->n)
			return 0;
		for (k = 0; k < a->n && !r; k++)
			r = f->type == PL_STRS ? ivp__buf_printf(b, "%s%s", k ? ", " : "", ((char *const *)a->v)[k]) :
						 ivp__buf_printf(b, "%s%d", k ? ", " : "", ((const int *)a->v)[k]);
		break;
	default:
		return 0;
	}
	if (r || ivp__buf_addc(b, '\0'))
		return -1;
	b->len--;
	return 1;
}

/* An element of a sequence that is not an item (progress entry, output,
 * extension): its set fields' texts, "; "-separated. */
static int elem_text(const pl_schema *sc, const void *e, ivp__buf *b)
{
	const pl_hdr *h = e;
	ivp__buf v;
	int i, r = 0, any = 0;

	b->len = 0;
	ivp__buf_init(&v, TXT_MAX);
	for (i = 0; i < sc->nfields && !r; i++) {
		int s = text_of(&sc->fields[i], e, (int)((h->set >> i) & 1u), &v);

		if (s < 0)
			r = -1;
		else if (s)
			r = ivp__buf_printf(b, "%s%s", any++ ? "; " : "", ivp__buf_str(&v));
	}
	ivp__buf_free(&v);
	if (r || ivp__buf_addc(b, '\0'))
		return -1;
	b->len--;
	return 0;
}

typedef struct walk {
	ivp__pdiff_cb cb;
	void *ud;
	const item *it; /* the newer side's item, else the older's */
	ivp__buf x, y;
} walk;

static int emit(walk *w, const char *field, const char *old, const char *nw)
{
	if (old && nw && !strcmp(old, nw))
		return 0;
	if (!old && !nw)
		return 0;
	return w->cb(w->ud, w->it->object, w->it->id, w->it->title, "changed", field, old, nw) ? 1 : 0;
}

static int amount_of(const pl_arr *a, int year, int64_t *cents)
{
	int k;

	for (k = 0; k < a->n; k++)
		if (((const pl_amount *)a->v)[k].year == year) {
			*cents = ((const pl_amount *)a->v)[k].cents;
			return 1;
		}
	return 0;
}

/* A year map (budget, spent) year by year: the years of b in order, then
 * those only a has. */
static int cmp_yearmap(walk *w, const char *name, const pl_arr *a, const pl_arr *b)
{
	char field[200], ta[40], tb[40];
	int64_t c;
	int k, r;

	for (k = 0; k < b->n; k++) {
		const pl_amount *m = &((const pl_amount *)b->v)[k];
		int had = amount_of(a, m->year, &c);

		snprintf(field, sizeof(field), "%s.%d", name, m->year);
		ivp__money_format(m->cents, tb, sizeof(tb));
		if (had)
			ivp__money_format(c, ta, sizeof(ta));
		if ((r = emit(w, field, had ? ta : NULL, tb)))
			return r;
	}
	for (k = 0; k < a->n; k++) {
		const pl_amount *m = &((const pl_amount *)a->v)[k];

		if (amount_of(b, m->year, &c))
			continue;
		snprintf(field, sizeof(field), "%s.%d", name, m->year);
		ivp__money_format(m->cents, ta, sizeof(ta));
		if ((r = emit(w, field, ta, NULL)))
			return r;
	}
	return 0;
}

static int cmp_seq(walk *w, const char *name, const pl_field *f, const pl_arr *a, const pl_arr *b)
{
	char field[200];
	int k, r, n = a->n > b->n ? a->n : b->n;

	for (k = 0; k < n; k++) {
		const void *ea = k < a->n ? (const char *)a->v + (size_t)k * f->sub->size : NULL;
		const void *eb = k < b->n ? (const char *)b->v + (size_t)k * f->sub->size : NULL;

		if ((ea && elem_text(f->sub, ea, &w->x)) || (eb && elem_text(f->sub, eb, &w->y)))
			return -1;
		snprintf(field, sizeof(field), "%s[%d]", name, k + 1);
		if ((r = emit(w, field, ea ? w->x.p : NULL, eb ? w->y.p : NULL)))
			return r;
	}
	return 0;
}

/* Compare the fields of one struct of schema sc; prefix names a struct's parts. */
static int cmp_struct(walk *w, const pl_schema *sc, const void *a, const void *b, const char *prefix)
{
	const pl_hdr *ha = a, *hb = b;
	char name[200];
	int i, r;

	for (i = 0; i < sc->nfields; i++) {
		const pl_field *f = &sc->fields[i];
		int sa = (int)((ha->set >> i) & 1u), sb = (int)((hb->set >> i) & 1u), ra, rb;

		snprintf(name, sizeof(name), "%s%s", prefix, f->name);
		switch (f->type) {
		case PL_SEQ:
			if (is_item_schema(f->sub))
				continue;
			r = cmp_seq(w, name, f, (const pl_arr *)AT(a, f), (const pl_arr *)AT(b, f));
			break;
		case PL_STRUCT: {
			char sub[210];
			pl_hdr none;

			memset(&none, 0, sizeof(none));
			snprintf(sub, sizeof(sub), "%s.", name);
			/* an absent struct compares as one with no field set */
			if (!sa && !sb)
				continue;
			r = sa && sb ? cmp_struct(w, f->sub, AT(a, f), AT(b, f), sub) :
				       cmp_struct(w, f->sub, sa ? (const void *)AT(a, f) : (const void *)&none,
						  sb ? (const void *)AT(b, f) : (const void *)&none, sub);
			break;
		}
		case PL_YEARMAP:
			r = cmp_yearmap(w, name, (const pl_arr *)AT(a, f), (const pl_arr *)AT(b, f));
			break;
		default:
			ra = text_of(f, a, sa, &w->x);
			rb = text_of(f, b, sb, &w->y);
			if (ra < 0 || rb < 0)
				return -1;
			r = emit(w, name, ra ? w->x.p : NULL, rb ? w->y.p : NULL);
		}
		if (r)
			return r;
	}
	return 0;
}

int ivp__plan_diff(const pl_plan *a, const pl_plan *b, ivp__pdiff_cb cb, void *ud)
{
	items la, lb;
	walk w;
	size_t k;
	int i, r = 0;

	memset(&w, 0, sizeof(w));
	w.cb = cb;
	w.ud = ud;
	ivp__buf_init(&w.x, TXT_MAX);
	ivp__buf_init(&w.y, TXT_MAX);
	if (collect(a, &la) | collect(b, &lb)) {
		r = -1;
		goto out;
	}
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]) && !r; k++) {
		for (i = 0; i < lb.n && !r; i++) {
			const item *ib = &lb.v[i], *ia;

			if (strcmp(ib->object, kinds[k]))
				continue;
			w.it = ib;
			if (!(ia = find(&la, ib))) {
				r = cb(ud, ib->object, ib->id, ib->title, "added", NULL, NULL, NULL) ? 1 : 0;
				continue;
			}
			if (ia->parent && ib->parent && strcmp(ia->parent, ib->parent) &&
			    (r = emit(&w, "parent", ia->parent, ib->parent)))
				break;
			r = cmp_struct(&w, ib->sc, ia->base, ib->base, "");
		}
		for (i = 0; i < la.n && !r; i++) {
			const item *ia = &la.v[i];

			if (strcmp(ia->object, kinds[k]) || find(&lb, ia))
				continue;
			r = cb(ud, ia->object, ia->id, ia->title, "removed", NULL, NULL, NULL) ? 1 : 0;
		}
	}
out:
	items_free(&la);
	items_free(&lb);
	ivp__buf_free(&w.x);
	ivp__buf_free(&w.y);
	return r;
}
