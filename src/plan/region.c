/*
 * region.c — the regional plan as data: the region file (YAML, read by
 * plan_yaml.c's schema walker with the schema below; docs/region-file.md),
 * its import (one job: transaction, provenance, a re-import of the same
 * file changes nothing), `ivp region show`, the check of a municipality's
 * plan against its region's themes (a priority's `regional_themes`), and
 * the side-by-side of the region: every theme × every municipality of the
 * region with the priorities of its latest plan that name the theme.
 *
 * A regional plan belongs to a region, which is a comparison group of
 * kind region (docs/groups.md): its id is the group's name ("haaglanden"),
 * and its municipalities are the group's members. The group must be
 * imported first; the plan's themes are replaced whole by each import.
 * A municipality without a plan in the database has "no plan" in the
 * side-by-side: nothing is ever made up for it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "plan/plan.h"
#include "store/group_store.h"
#include "store/plan_store.h"

#define F(st, name, type, req, sub)                                   \
	{                                                             \
#name, type, offsetof(st, name), req, sub, NULL, 0, 0 \
	}
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define ARR(a, T, i) (&((T *)(a).v)[i])
#define ID_MAX 48
#define MAX_REGION_FILE (1u << 20)

typedef struct rg_theme {
	pl_hdr h;
	char *id;
	char *title;
	char *description;
} rg_theme;

typedef struct rg_file {
	pl_hdr h;
	int format; /* ivp_region: 1 */
	char *region;
	char *title;
	int from;
	int to;
	char *source;
	pl_arr themes; /* rg_theme */
} rg_file;

static const pl_field theme_f[] = {
	F(rg_theme, id, PL_STR, 1, NULL),
	F(rg_theme, title, PL_STR, 1, NULL),
	F(rg_theme, description, PL_STR, 0, NULL),
};
static const pl_schema theme_schema = { IVP__N("regional theme"), sizeof(rg_theme), theme_f, N(theme_f), "id" };

static const pl_field file_f[] = {
	{ "ivp_region", PL_INT, offsetof(rg_file, format), 1, NULL, NULL, 1, 1 },
	F(rg_file, region, PL_STR, 1, NULL),
	F(rg_file, title, PL_STR, 1, NULL),
	F(rg_file, from, PL_YEAR, 1, NULL),
	F(rg_file, to, PL_YEAR, 1, NULL),
	F(rg_file, source, PL_STR, 0, NULL),
	F(rg_file, themes, PL_SEQ, 1, &theme_schema),
};
static const pl_schema file_schema = { IVP__N("regional plan"), sizeof(rg_file), file_f, N(file_f), NULL };

/* An id of a region or theme: 1-48 lower-case letters, digits, '-', '_',
 * beginning with a letter (the group name's rule). */
static int id_ok(const char *s)
{
	size_t i, n = s ? strlen(s) : 0;

	if (!n || n > ID_MAX || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '_'))
			return 0;
	return 1;
}

static void problem(pl_problems *c, const char *code, const pl_hdr *h, const pl_schema *sc,
		    const char *field, const char *detail, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
static void problem(pl_problems *c, const char *code, const pl_hdr *h, const pl_schema *sc,
		    const char *field, const char *detail, const char *hint, const char *fmt, ...)
{
	char fp[600];
	va_list ap;

	snprintf(fp, sizeof(fp), "%s%s%s", h->path ? h->path : "", h->path && h->path[0] ? "." : "", field);
	va_start(ap, fmt);
	ivp__pl_vproblem(c, code, ivp__pl_pos(h, sc, field), fp, detail, hint, fmt, ap);
	va_end(ap);
}

/* ---- the groups: is the region a region? ---------------------------------------- */

typedef struct kind_walk {
	const char *name;
	char kind[16];
	int found;
} kind_walk;

static int kind_cb(void *ud, const char *const *c, int n)
{
	kind_walk *w = ud;

	if (n >= 3 && c[0] && !strcmp(c[0], w->name)) {
		w->found = 1;
		snprintf(w->kind, sizeof(w->kind), "%s", c[2] ? c[2] : "");
	}
	return 0;
}

/* The checks across fields of a well-shaped file: ids, period, the region
 * a group of kind region, themes unique. -1: the store failed. */
static int check_file(ivp_ctx *ctx, const rg_file *f, pl_problems *c)
{
	kind_walk w = { f->region, "", 0 };
	ivp__map seen;
	int i, existed, r = 0;
	int64_t *slot;

	if (!id_ok(f->region))
		problem(c, "region_bad_id", &f->h, &file_schema, "region", NULL,
			"Use the name of the region's comparison group, e.g. haaglanden (ivp groups).",
			"\"%.60s\" cannot be a region id", f->region);
	else if (ivp__store_groups_list(ctx, kind_cb, &w))
		return -1;
	else if (!w.found || strcmp(w.kind, "region"))
		problem(c, "region_unknown", &f->h, &file_schema, "region",
			w.found ? "The group exists but is not of kind region." : "No comparison group has that name.",
			"Import the region's group first (ivp import groups data/groups/haaglanden.csv; docs/groups.md).",
			"the region \"%s\" is not a region of ivp groups", f->region);
	if (f->from > f->to)
		problem(c, "plan_end_before_start", &f->h, &file_schema, "to", NULL,
			"Give the first and last year of the plan.", "the plan period ends before it starts");
	ivp__map_init(&seen);
	for (i = 0; i < f->themes.n && !r; i++) {
		const rg_theme *t = ARR(f->themes, rg_theme, i);

		if (!id_ok(t->id)) {
			problem(c, "region_bad_theme_id", &t->h, &theme_schema, "id", NULL,
				"Use 1 to 48 lower-case letters, digits, '-' or '_', beginning with a letter, e.g. ondermijning.",
				"\"%.60s\" cannot be a theme id", t->id);
			continue;
		}
		if (ivp__map_put(&seen, t->id, i, &slot, &existed)) {
			r = -2;
			break;
		}
		if (existed)
			problem(c, "plan_duplicate_id", &t->h, &theme_schema, "id", NULL,
				"Give every theme its own id.", "theme id \"%s\" is used twice", t->id);
	}
	ivp__map_free(&seen);
	if (r == -2)
		c->oom = 1;
	return 0;
}

/* ---- the import ----------------------------------------------------------------- */

typedef struct region_import {
	ivp_table **problems;
} region_import;

static ivp_rc read_text(ivp_ctx *ctx, const char *path, const char *name, char **out, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	ivp__buf b;
	char chunk[16384];
	size_t n;

	*out = NULL;
	if (!fp) {
		ivp__fail(ctx, IVP_EIO, "cannot open \"%s\"", name);
		ivp__code(ctx, "file_unreadable");
		ivp__hint(ctx, "Check the file name.");
		return IVP_EIO;
	}
	ivp__buf_init(&b, MAX_REGION_FILE);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		int r = ivp__buf_add(&b, chunk, n);

		if (r) {
			(void)fclose(fp); /* read only */
			ivp__buf_free(&b);
			if (r == -2)
				return ivp__oom(ctx, "The region file could not be read into memory.");
			ivp__fail(ctx, IVP_EINPUT, "region file \"%s\" is larger than 1 MiB", name);
			ivp__code(ctx, "file_too_large");
			ivp__hint(ctx, "A region file is a few kilobytes; check that this is the region file.");
			return IVP_EINPUT;
		}
	}
	if (ferror(fp)) {
		(void)fclose(fp); /* read only */
		ivp__buf_free(&b);
		return ivp__fail(ctx, IVP_EIO, "cannot read \"%s\"", name);
	}
	(void)fclose(fp); /* read only */
	*len = b.len;
	if (ivp__buf_addc(&b, '\0')) {
		ivp__buf_free(&b);
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	*out = b.p;
	return IVP_OK;
}

/* Read and check a region file's text; problems name the file `name`. */
static ivp_rc load_region(ivp_ctx *ctx, const char *text, size_t len, const char *name,
			  ivp_table **problems, rg_file *f)
{
	pl_problems pr = { .lang = ivp_lang(ctx) };
	ivp_rc rc = IVP_OK;

	if (!ivp__pl_read_doc(text, len, &file_schema, f, &pr) && check_file(ctx, f, &pr)) {
		rc = ctx->err.rc;
		goto out;
	}
	if (pr.oom) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	if (pr.n) {
		if (problems && !(*problems = ivp__pl_problems_table(&pr, name))) {
			rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
			goto out;
		}
		rc = ivp__pl_problems_fail(ctx, &pr, name);
	}
out:
	ivp__pl_problems_free(&pr);
	return rc;
}

static ivp_rc read_region(ivp__job *j, void *ud)
{
	region_import *ri = ud;
	ivp_ctx *ctx = j->ctx;
	rg_file f;
	char *text = NULL;
	size_t len = 0;
	ivp_rc rc;
	int i, existed;

	memset(&f, 0, sizeof(f));
	if ((rc = read_text(ctx, j->path, ivp__job_name(j), &text, &len)) ||
	    (rc = load_region(ctx, text, len, ivp__job_name(j), ri->problems, &f)))
		goto out;
	{
		ivp__region_rec rec = { f.region, f.title, f.from, f.to, f.source, j->import_id };

		if ((rc = ivp__store_region_put(ctx, &rec, &existed))) {
			rc = ivp__job_store(j, rc);
			goto out;
		}
	}
	for (i = 0; i < f.themes.n; i++) {
		const rg_theme *t = ARR(f.themes, rg_theme, i);
		ivp__region_theme_rec tr = { t->id, t->title, t->description, i + 1 };

		if ((rc = ivp__store_region_theme_add(ctx, f.region, &tr))) {
			rc = ivp__job_store(j, rc);
			goto out;
		}
		j->res->rows++;
	}
out:
	ivp__pl_struct_free(&file_schema, &f);
	free(text);
	return rc;
}

ivp_rc ivp_region_import(ivp_ctx *ctx, const char *path, const ivp_import_opts *opts,
			 ivp_table **problems, ivp_import_result *out)
{
	region_import ri = { problems };
	ivp__job_spec spec;

	*problems = NULL;
	memset(&spec, 0, sizeof(spec));
	spec.kind = "region";
	spec.layout = "region-yaml";
	spec.paths = &path;
	spec.npaths = 1;
	spec.read = read_region;
	spec.ud = &ri;
	return ivp__job_run(ctx, &spec, opts, out);
}

/* ---- show ----------------------------------------------------------------------- */

typedef struct plan_row {
	char region[64], title[256], source[512];
	int from, to, found;
} plan_row;

/* The first regional plan (want NULL) or the one of want. */
static int plan_cb(void *ud, const char *const *c, int n)
{
	plan_row *p = ud;
	const char *want = p->found < 0 ? p->region : NULL;

	if (n < 5 || !c[0] || p->found > 0 || (want && want[0] && strcmp(c[0], want)))
		return 0;
	snprintf(p->region, sizeof(p->region), "%s", c[0]);
	snprintf(p->title, sizeof(p->title), "%s", c[1] ? c[1] : "");
	p->from = c[2] ? (int)strtol(c[2], NULL, 10) : 0;
	p->to = c[3] ? (int)strtol(c[3], NULL, 10) : 0;
	snprintf(p->source, sizeof(p->source), "%s", c[4] ? c[4] : "");
	p->found = 1;
	return 0;
}

/* The regional plan of region (NULL or "": the first by id) into *p;
 * IVP_ENOTFOUND with the error set when there is none. */
static ivp_rc find_plan(ivp_ctx *ctx, const char *region, plan_row *p)
{
	memset(p, 0, sizeof(*p));
	p->found = -1;
	snprintf(p->region, sizeof(p->region), "%s", region ? region : "");
	if (ivp__store_regions_list(ctx, plan_cb, p))
		return ctx->err.rc ? ctx->err.rc : IVP_ENOMEM;
	if (p->found > 0)
		return IVP_OK;
	if (region && region[0]) {
		ivp__fail(ctx, IVP_ENOTFOUND, "no regional plan of \"%.60s\"", region);
		ivp__code(ctx, "region_not_found");
		ivp__hint(ctx, "ivp region show lists the regional plan; import one with ivp region import FILE.");
	} else {
		ivp__fail(ctx, IVP_ENOTFOUND, "no regional plan has been imported");
		ivp__code(ctx, "region_not_found");
		ivp__hint(ctx, "Import one with ivp region import FILE (docs/region-file.md).");
	}
	return IVP_ENOTFOUND;
}

typedef struct show_walk {
	ivp_table *t;
	const plan_row *p;
	int oom;
} show_walk;

static int show_cb(void *ud, const char *const *c, int n)
{
	show_walk *w = ud;
	ivp_table *t = w->t;

	if (n < 4)
		return 0;
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, w->p->region) ||
	    ivp__table_set_text(t, 1, w->p->title) || ivp__table_set_int(t, 2, w->p->from) ||
	    ivp__table_set_int(t, 3, w->p->to) || ivp__table_set_text(t, 4, w->p->source) ||
	    ivp__table_set_int(t, 5, c[3] ? strtol(c[3], NULL, 10) : 0) || ivp__table_set_text(t, 6, c[0]) ||
	    ivp__table_set_text(t, 7, c[1]) ||
	    ivp__table_set_text(t, 8, c[2] && c[2][0] ? c[2] : NULL)) {
		w->oom = 1;
		return -1;
	}
	return 0;
}

static ivp_rc show(ivp_ctx *ctx, const char *region, ivp_table *t)
{
	static const char *const cols[] = { "region", "title", "from", "to", "source",
					    "order", "theme", "theme_title", "description" };
	static const int flags[] = { 0, 0, 0, 0, 0, IVP__COL_BRIEF, IVP__COL_BRIEF,
				     IVP__COL_BRIEF, 0 };
	plan_row p;
	show_walk w = { t, &p, 0 };
	size_t i;
	ivp_rc rc;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (ivp__table_col(t, cols[i], flags[i], 0) < 0)
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if ((rc = find_plan(ctx, region, &p)))
		return rc;
	rc = ivp__store_region_themes(ctx, p.region, show_cb, &w);
	if (w.oom)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if (rc)
		return rc == IVP_ENOTFOUND ? ivp__fail(ctx, IVP_EINTERNAL, "regional plan vanished") : rc;
	if (ivp__table_note(t, "%s: %s (%d-%d)", p.region, p.title, p.from, p.to) ||
	    (p.source[0] && ivp__table_note(t, "%s", p.source)))
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	return IVP_OK;
}

/* Run fn under one read snapshot into a new table. */
static ivp_rc in_snapshot(ivp_ctx *ctx, const char *region,
			  ivp_rc (*fn)(ivp_ctx *, const char *, ivp_table *), ivp_table **out)
{
	ivp_table *t = ivp__table_new();
	int opened;
	ivp_rc rc;

	*out = NULL;
	if (!t)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if ((rc = ivp__store_read_begin(ctx, &opened))) {
		ivp_table_free(t);
		return rc;
	}
	rc = fn(ctx, region, t);
	ivp__store_read_end(ctx, opened);
	if (rc) {
		ivp_table_free(t);
		return rc;
	}
	*out = t;
	return IVP_OK;
}

ivp_rc ivp_region_show(ivp_ctx *ctx, const char *region, ivp_table **out)
{
	return in_snapshot(ctx, region, show, out);
}

/* ---- a municipality's plan against its region's themes ----------------------- */

typedef struct theme_set {
	ivp__map ids;
	char region[64];
	char list[1024]; /* "a, b, c" for the message */
	int any, oom;
} theme_set;

static int theme_cb(void *ud, const char *const *c, int n)
{
	theme_set *s = ud;
	int64_t *slot;
	int existed;
	size_t len = strlen(s->list);

	if (n < 1 || !c[0])
		return 0;
	if (ivp__map_put(&s->ids, c[0], 1, &slot, &existed)) {
		s->oom = 1;
		return -1;
	}
	snprintf(s->list + len, sizeof(s->list) - len, "%s%s", len ? ", " : "", c[0]);
	s->any = 1;
	return 0;
}

typedef struct region_of {
	ivp_ctx *ctx;
	theme_set *s;
	ivp_rc rc;
} region_of;

/* For each region of the municipality: its plan's themes, when loaded. */
static int region_of_cb(void *ud, const char *const *c, int n)
{
	region_of *w = ud;
	ivp_rc rc;

	if (n < 1 || !c[0] || w->s->any)
		return 0;
	rc = ivp__store_region_themes(w->ctx, c[0], theme_cb, w->s);
	if (rc == IVP_ENOTFOUND)
		return 0;
	if (rc || w->s->oom) {
		w->rc = rc ? rc : IVP_ENOMEM;
		return -1;
	}
	snprintf(w->s->region, sizeof(w->s->region), "%s", c[0]);
	return 0;
}

ivp_rc ivp__region_check_plan(ivp_ctx *ctx, const pl_plan *p, pl_problems *probs)
{
	pl_problems *c = probs;
	theme_set s;
	region_of w = { ctx, &s, IVP_OK };
	int i, k, linked = 0;

	for (i = 0; i < p->priorities.n; i++)
		linked += ARR(p->priorities, pl_priority, i)->regional_themes.n;
	if (!linked || !p->municipality)
		return IVP_OK;
	memset(&s, 0, sizeof(s));
	ivp__map_init(&s.ids);
	if (ivp__store_groups_of(ctx, p->municipality, "region", region_of_cb, &w) && !w.rc)
		w.rc = ctx->err.rc ? ctx->err.rc : IVP_ENOMEM;
	if (w.rc) {
		ivp__map_free(&s.ids);
		return w.rc == IVP_ENOMEM ? ivp__fail(ctx, IVP_ENOMEM, "out of memory") : w.rc;
	}
	/* no regional plan loaded for the municipality's region: nothing to check against */
	for (i = 0; s.any && i < p->priorities.n; i++) {
		const pl_priority *pr = ARR(p->priorities, pl_priority, i);

		for (k = 0; k < pr->regional_themes.n; k++) {
			const char *id = ((char **)pr->regional_themes.v)[k];
			char detail[1200];

			if (ivp__map_get(&s.ids, id))
				continue;
			snprintf(detail, sizeof(detail),
				 ivp__pl_tr(probs, "The regional plan of %s has the themes: %s."), s.region, s.list);
			problem(c, "plan_unknown_regional_theme", &pr->h, &ivp__pl_priority_schema,
				"regional_themes", detail,
				"Use the id of one of the region's themes (ivp region show), or leave it out.",
				"unknown regional theme \"%.60s\"", id);
		}
	}
	ivp__map_free(&s.ids);
	return IVP_OK;
}

/* ---- the side by side: themes × municipalities ------------------------------- */

typedef struct member {
	char code[16], name[128];
	pl_plan *plan; /* NULL: no plan in ivp */
} member;

typedef struct members {
	member *v;
	int n;
	int oom;
} members;

static int member_cb(void *ud, const char *const *c, int n)
{
	members *m = ud;
	member *nv;

	if (n < 2 || !c[0] || m->n >= 400)
		return 0;
	nv = realloc(m->v, (size_t)(m->n + 1) * sizeof(*nv));
	if (!nv) {
		m->oom = 1;
		return -1;
	}
	m->v = nv;
	memset(&m->v[m->n], 0, sizeof(member));
	snprintf(m->v[m->n].code, sizeof(m->v[m->n].code), "%s", c[0]);
	snprintf(m->v[m->n].name, sizeof(m->v[m->n].name), "%s", c[1] ? c[1] : c[0]);
	m->n++;
	return 0;
}

/* The latest version of each municipality that has a plan
 * (ivp__store_plan_latest_each: rows municipality, version, …), kept as
 * the version number of the member it belongs to. */
typedef struct latest_walk {
	members *m;
	int64_t *version; /* per member, 0: none */
} latest_walk;

static int latest_cb(void *ud, const char *const *c, int n)
{
	latest_walk *w = ud;
	int i;

	if (n < 2 || !c[0] || !c[1])
		return 0;
	for (i = 0; i < w->m->n; i++)
		if (!strcmp(w->m->v[i].code, c[0]))
			w->version[i] = strtoll(c[1], NULL, 10);
	return 0;
}

/* The latest plan of each member that has one, read back from its stored
 * version. A municipality's published plan is public: each is read acting
 * for its own municipality (a request acts for one, and the store gives
 * only its versions; docs/tenancy.md), and what ctx acted for is restored.
 * A stored version that does not read back is an internal error. */
static ivp_rc member_plans(ivp_ctx *ctx, members *m)
{
	latest_walk w = { m, calloc((size_t)m->n + 1, sizeof(int64_t)) };
	char was[sizeof(ctx->municipality)];
	ivp_rc rc = IVP_OK, rc2;
	int i;

	if (!w.version)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	snprintf(was, sizeof(was), "%s", ivp_municipality(ctx));
	if (ivp__store_plan_latest_each(ctx, latest_cb, &w))
		rc = ctx->err.rc ? ctx->err.rc : IVP_ENOMEM;
	for (i = 0; !rc && i < m->n; i++) {
		ivp__plan_version v;
		pl_problems pr = { 0 };

		if (!w.version[i])
			continue;
		memset(&v, 0, sizeof(v));
		if ((rc = ivp_set_municipality(ctx, m->v[i].code)) ||
		    (rc = ivp__store_plan_version_get(ctx, w.version[i], &v)))
			break;
		m->v[i].plan = ivp__plan_read(v.doc, strlen(v.doc), &pr);
		free(v.doc);
		if (!m->v[i].plan)
			rc = pr.oom ? ivp__fail(ctx, IVP_ENOMEM, "out of memory") : ivp__fail(ctx, IVP_EINTERNAL, "stored plan version %lld cannot be read", (long long)w.version[i]);
		ivp__pl_problems_free(&pr);
	}
	free(w.version);
	if ((rc2 = ivp_set_municipality(ctx, was)) && !rc)
		rc = rc2;
	return rc == IVP_ENOTFOUND ? ivp__fail(ctx, IVP_EINTERNAL, "plan version vanished") : rc;
}

static int has_theme(const pl_priority *pr, const char *theme)
{
	int k;

	for (k = 0; k < pr->regional_themes.n; k++)
		if (!strcmp(((char **)pr->regional_themes.v)[k], theme))
			return 1;
	return 0;
}

/* One row: theme, theme_title, area, area_name, plan (NULL: none),
 * plan_title, priority, priority_title (NULL: no priority names it). */
static int matrix_row(ivp_table *t, const char *const *th, const member *mb,
		      const pl_priority *pr)
{
	return ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, th[0]) ||
	       ivp__table_set_text(t, 1, th[1]) || ivp__table_set_text(t, 2, mb->code) ||
	       ivp__table_set_text(t, 3, mb->name) ||
	       ivp__table_set_text(t, 4, mb->plan ? mb->plan->id : NULL) ||
	       ivp__table_set_text(t, 5, mb->plan ? mb->plan->title : NULL) ||
	       ivp__table_set_text(t, 6, pr ? pr->id : NULL) ||
	       ivp__table_set_text(t, 7, pr ? pr->title : NULL);
}

typedef struct matrix_walk {
	ivp_table *t;
	const members *m;
	int oom;
} matrix_walk;

static int matrix_cb(void *ud, const char *const *c, int n)
{
	matrix_walk *w = ud;
	const char *th[2];
	int i, k;

	if (n < 2 || !c[0])
		return 0;
	th[0] = c[0];
	th[1] = c[1];
	for (i = 0; i < w->m->n; i++) {
		const member *mb = &w->m->v[i];
		int any = 0;

		for (k = 0; mb->plan && k < mb->plan->priorities.n; k++) {
			const pl_priority *pr = ARR(mb->plan->priorities, pl_priority, k);

			if (!has_theme(pr, c[0]))
				continue;
			any = 1;
			if (matrix_row(w->t, th, mb, pr))
				goto oom;
		}
		if (!any && matrix_row(w->t, th, mb, NULL))
			goto oom;
	}
	return 0;
oom:
	w->oom = 1;
	return -1;
}

static ivp_rc matrix(ivp_ctx *ctx, const char *region, ivp_table *t)
{
	static const char *const cols[] = { "theme", "theme_title", "area", "area_name",
					    "plan", "plan_title", "priority", "priority_title" };
	static const int flags[] = { IVP__COL_BRIEF, 0, IVP__COL_BRIEF, IVP__COL_BRIEF,
				     IVP__COL_BRIEF, 0, IVP__COL_BRIEF, IVP__COL_BRIEF };
	members m = { NULL, 0, 0 };
	matrix_walk w = { t, &m, 0 };
	plan_row p;
	size_t i;
	ivp_rc rc;
	int k;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (ivp__table_col(t, cols[i], flags[i], 0) < 0)
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if ((rc = find_plan(ctx, region, &p)))
		return rc;
	rc = ivp__store_group_members(ctx, p.region, member_cb, &m);
	if (m.oom)
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if (!rc)
		rc = member_plans(ctx, &m);
	if (!rc) {
		rc = ivp__store_region_themes(ctx, p.region, matrix_cb, &w);
		if (w.oom)
			rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	if (rc == IVP_ENOTFOUND) /* the group left after its plan came */
		rc = ivp__fail(ctx, IVP_EINTERNAL, "the region \"%s\" has no members", p.region);
	if (!rc && ivp__table_note(t, "%s: %s (%d-%d)", p.region, p.title, p.from, p.to))
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	for (k = 0; k < m.n; k++)
		ivp__plan_free(m.v[k].plan);
	free(m.v);
	return rc;
}

ivp_rc ivp_region_priorities(ivp_ctx *ctx, const char *region, ivp_table **out)
{
	return in_snapshot(ctx, region, matrix, out);
}
