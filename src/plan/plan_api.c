/*
 * plan_api.c — the public plan functions of ivp.h: validate, import,
 * export, history, diff and measure updates.
 *
 * Versions. Every import of a changed plan and every measure update adds a
 * version holding the whole plan as canonical YAML (plan_schema.c), with
 * who, when and a summary; nothing is overwritten. Export returns a
 * version's text, which reads back to the same plan (import → export →
 * import gives the same text). A diff flattens two versions to
 * "path<TAB>value" lines and compares them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/org.h"
#include "audit/audit.h"
#include "ingest/ingest.h"
#include "plan/plan.h"
#include "store/plan_store.h"

#define MAX_PLAN_FILE (16u << 20)

int ivp__date_valid(const char *s);

void ivp_free(void *p)
{
	free(p);
}

static ivp_rc read_file(ivp_ctx *ctx, const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ivp__buf b;
	char chunk[65536];
	size_t n;

	*out = NULL;
	if (!f) {
		ivp__fail(ctx, IVP_EIO, "cannot open \"%s\"", path);
		ivp__code(ctx, "file_unreadable");
		ivp__hint(ctx, "Check the file name.");
		return IVP_EIO;
	}
	ivp__buf_init(&b, MAX_PLAN_FILE);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		int r = ivp__buf_add(&b, chunk, n);

		if (r) {
			(void)fclose(f); /* read only */
			ivp__buf_free(&b);
			if (r == -2)
				return ivp__oom(ctx, "The plan file \"%s\" could not be read into memory.", path);
			ivp__fail(ctx, IVP_EINPUT, "plan file \"%s\" is larger than 16 MiB", path);
			ivp__code(ctx, "file_too_large");
			ivp__hint(ctx, "A plan file is a few hundred kilobytes at most; check that this is the plan.");
			return IVP_EINPUT;
		}
	}
	if (ferror(f)) {
		(void)fclose(f); /* read only */
		ivp__buf_free(&b);
		return ivp__fail(ctx, IVP_EIO, "cannot read \"%s\"", path);
	}
	(void)fclose(f); /* read only */
	*len = b.len;
	if (ivp__buf_addc(&b, '\0')) {
		ivp__buf_free(&b);
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	*out = b.p;
	return IVP_OK;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Read and check a plan from text; on problems fill *problems. */
static ivp_rc load_text(ivp_ctx *ctx, const char *text, size_t len, const char *file,
			ivp_table **problems, pl_plan **out)
{
	pl_problems pr = { .lang = ivp_lang(ctx) };
	pl_plan *p;
	ivp_rc rc = IVP_OK;

	*out = NULL;
	p = ivp__plan_read(text, len, &pr);
	if (p && (rc = ivp__plan_check(ctx, p, &pr)))
		goto out;
	if (pr.oom) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	if (pr.n) {
		if (problems && !(*problems = ivp__pl_problems_table(&pr, file))) {
			rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
			goto out;
		}
		rc = ivp__pl_problems_fail(ctx, &pr, file);
		goto out;
	}
	*out = p;
	p = NULL;
out:
	ivp__plan_free(p);
	ivp__pl_problems_free(&pr);
	return rc;
}

/* Read and check the plan file at path; problems name it `name`. */
static ivp_rc load_file(ivp_ctx *ctx, const char *path, const char *name,
			ivp_table **problems, pl_plan **out)
{
	char *text = NULL;
	size_t len = 0;
	ivp_rc rc;

	if ((rc = read_file(ctx, path, &text, &len)))
		return rc;
	rc = load_text(ctx, text, len, name, problems, out);
	free(text);
	return rc;
}

ivp_rc ivp_plan_validate(ivp_ctx *ctx, const char *path, ivp_table **problems)
{
	pl_plan *p = NULL;
	ivp_rc rc;

	*problems = NULL;
	rc = load_file(ctx, path, path, problems, &p);
	ivp__plan_free(p);
	return rc;
}

/* ---- versions ------------------------------------------------------------------ */

/* Load a stored version (0: latest) as a plan. 1-style "none" -> ENOTFOUND. */
static ivp_rc load_version(ivp_ctx *ctx, int64_t version, ivp__plan_version *v, pl_plan **out)
{
	ivp_rc r = ivp__store_plan_version_get(ctx, version, v);

	if (out)
		*out = NULL;
	if (r && r != IVP_ENOTFOUND)
		return r;
	if (r) {
		if (version)
			ivp__fail(ctx, IVP_ENOTFOUND, "no plan version %lld", (long long)version);
		else
			ivp__fail(ctx, IVP_ENOTFOUND, "no plan imported yet");
		ivp__code(ctx, version ? "unknown_version" : "no_plan");
		ivp__hint(ctx, version ? "ivp plan history lists the versions." : "Import a plan first: ivp plan import FILE (docs/plan-file.md).");
		return IVP_ENOTFOUND;
	}
	if (!out)
		return IVP_OK;
	{
		pl_problems pr = { 0 };
		int oom;

		*out = ivp__plan_read(v->doc, strlen(v->doc), &pr);
		oom = pr.oom;
		ivp__pl_problems_free(&pr);
		if (!*out) {
			free(v->doc);
			v->doc = NULL;
			if (oom)
				return ivp__oom(ctx, "The stored plan version could not be read into memory.");
			ivp__fail(ctx, IVP_EINTERNAL, "stored plan version %lld cannot be read", (long long)v->version);
			return IVP_EINTERNAL;
		}
	}
	return IVP_OK;
}

typedef struct lines {
	char **v;
	int n;
	char *buf;
} lines;

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int flatten(const pl_plan *p, lines *l)
{
	ivp__buf b;
	char *s;
	int cap = 0;

	memset(l, 0, sizeof(*l));
	ivp__buf_init(&b, 64u << 20);
	if (ivp__plan_flatten(p, &b) || ivp__buf_addc(&b, '\0')) {
		ivp__buf_free(&b);
		return -1;
	}
	l->buf = b.p;
	for (s = l->buf; *s;) {
		char *nl = strchr(s, '\n');

		if (l->n == cap) {
			char **v = realloc(l->v, (size_t)(cap = cap ? cap * 2 : 64) * sizeof(*v));

			if (!v)
				return -1;
			l->v = v;
		}
		l->v[l->n++] = s;
		if (!nl)
			break;
		*nl = '\0';
		s = nl + 1;
	}
	if (l->n > 1) /* l->v is NULL for an empty text */
		qsort(l->v, (size_t)l->n, sizeof(*l->v), cmp_line);
	return 0;
}

static void lines_free(lines *l)
{
	free(l->v);
	free(l->buf);
}

/* Split "path\tvalue" (the tab becomes NUL in a copy). */
static int key_cmp(const char *a, const char *b)
{
	size_t na = strcspn(a, "\t"), nb = strcspn(b, "\t");
	int c = strncmp(a, b, na < nb ? na : nb);

	return c ? c : (na < nb ? -1 : na > nb);
}

typedef int (*diff_cb)(void *ud, const char *change, const char *a, const char *b);

static int diff_lines(const lines *x, const lines *y, diff_cb cb, void *ud)
{
	int i = 0, k = 0;

	while (i < x->n || k < y->n) {
		int c = i >= x->n ? 1 : k >= y->n ? -1 :
						    key_cmp(x->v[i], y->v[k]);

		if (c < 0) {
			if (cb(ud, "removed", x->v[i], NULL))
				return -1;
			i++;
		} else if (c > 0) {
			if (cb(ud, "added", NULL, y->v[k]))
				return -1;
			k++;
		} else {
			if (strcmp(x->v[i], y->v[k]) && cb(ud, "changed", x->v[i], y->v[k]))
				return -1;
			i++;
			k++;
		}
	}
	return 0;
}

typedef struct counts {
	int added, removed, changed;
} counts;

static int count_cb(void *ud, const char *change, const char *a, const char *b)
{
	counts *c = ud;

	(void)a;
	(void)b;
	if (change[0] == 'a')
		c->added++;
	else if (change[0] == 'r')
		c->removed++;
	else
		c->changed++;
	return 0;
}

static void plan_counts(const pl_plan *p, int *goals, int *measures)
{
	int i, k;

	*goals = *measures = 0;
	for (i = 0; i < p->priorities.n; i++) {
		pl_priority *pr = &((pl_priority *)p->priorities.v)[i];

		for (k = 0; k < pr->ambitions.n; k++)
			*goals += ((pl_ambition *)pr->ambitions.v)[k].goals.n;
	}
	for (i = 0; i < p->implementation.n; i++)
		*measures += ((pl_impl *)p->implementation.v)[i].measures.n;
}

/* A plan import as a reader of the import job (ingest/job.c). */
typedef struct plan_import {
	ivp_table **problems;
	ivp_plan_result *out;
} plan_import;

/* The summary of a new version: what changed since the latest one of the
 * same plan, or what the plan holds. */
static void summarize(const pl_plan *p, const ivp__plan_version *prev, int have_prev,
		      const char *name, char *out, size_t outsz)
{
	int g, m;

	plan_counts(p, &g, &m);
	if (have_prev && prev->doc && !strcmp(prev->plan_id, p->id)) {
		pl_problems pr = { 0 };
		pl_plan *old = ivp__plan_read(prev->doc, strlen(prev->doc), &pr);
		lines a, b;
		counts c = { 0, 0, 0 };

		ivp__pl_problems_free(&pr);
		if (old && !flatten(old, &a) && !flatten(p, &b))
			diff_lines(&a, &b, count_cb, &c);
		else
			memset(&a, 0, sizeof(a)), memset(&b, 0, sizeof(b));
		lines_free(&a);
		lines_free(&b);
		ivp__plan_free(old);
		snprintf(out, outsz, ivp__sum_import_diff, base_name(name), c.changed, c.added, c.removed, (long long)prev->version);
	} else {
		snprintf(out, outsz, ivp__sum_import_new, base_name(name), p->priorities.n, g, m, p->budget.n);
	}
}

/* Replace v->doc (a stored version: a file's own text or canonical YAML)
 * by its canonical YAML, for comparing plans. */
static ivp_rc canonical(ivp_ctx *ctx, ivp__plan_version *v)
{
	pl_problems pr = { 0 };
	pl_plan *p = v->doc ? ivp__plan_read(v->doc, strlen(v->doc), &pr) : NULL;
	char *c = NULL;
	int oom = pr.oom;

	ivp__pl_problems_free(&pr);
	if (!p && !oom)
		return ivp__fail(ctx, IVP_EINTERNAL, "stored plan version %lld cannot be read", (long long)v->version);
	if (!p || ivp__plan_write(p, &c)) {
		ivp__plan_free(p);
		return ivp__oom(ctx, "The stored plan version could not be read into memory.");
	}
	ivp__plan_free(p);
	free(v->doc);
	v->doc = c;
	return IVP_OK;
}

/* The version a plan import follows: the latest of the municipality the
 * plan names (docs/tenancy.md), whatever ctx acts for — a context acting
 * for one municipality refuses another's plan. */
static ivp_rc bind_municipality(ivp_ctx *ctx, const pl_plan *p, const char *name,
				ivp__plan_version *prev)
{
	const char *m = p->municipality ? p->municipality : "";
	char was[sizeof(ctx->municipality)];
	ivp_rc rc;

	if (ctx->municipality[0] && strcmp(ctx->municipality, m)) {
		rc = ivp__fail(ctx, IVP_EINPUT, "the plan is of municipality \"%s\", not of \"%s\"", m,
			       ctx->municipality);
		ivp__detail(ctx, "A plan version belongs to the municipality its file names, and this import acts for another one.");
		ivp__hint(ctx, "Import it for its own municipality, or correct municipality: in the file.");
		ivp__where(ctx, name, 0, "municipality");
		return ivp__coded(ctx, "plan_other_municipality", rc);
	}
	/* the scope is only narrowed for this one read (no engine call: an
	 * unscoped connection sees every municipality) */
	snprintf(was, sizeof(was), "%s", ctx->municipality);
	snprintf(ctx->municipality, sizeof(ctx->municipality), "%s", m);
	rc = ivp__store_plan_version_get(ctx, 0, prev);
	snprintf(ctx->municipality, sizeof(ctx->municipality), "%s", was);
	return rc;
}

static ivp_rc read_plan(ivp__job *j, void *ud)
{
	plan_import *pi = ud;
	ivp_ctx *ctx = j->ctx;
	ivp_plan_result *out = pi->out;
	const char *name = ivp__job_name(j), *sha;
	ivp__plan_version prev, nv;
	char obj[160];
	pl_plan *p = NULL;
	char *doc = NULL, *text = NULL;
	size_t len = 0;
	ivp_rc rc;
	int r, g, m;

	memset(&prev, 0, sizeof(prev));
	memset(&nv, 0, sizeof(nv));
	if ((rc = read_file(ctx, j->path, &text, &len)) ||
	    (rc = load_text(ctx, text, len, name, pi->problems, &p)))
		goto out;
	if (ivp__plan_write(p, &doc)) {
		rc = ivp__oom(ctx, "The plan could not be written as canonical YAML.");
		goto out;
	}
	snprintf(out->plan_id, sizeof(out->plan_id), "%s", p->id); // NOLINT(clang-analyzer-core.NullDereference): load_file gives p when it returns 0 (the analyzer does not see that ivp__fail returns its rc)
	rc = bind_municipality(ctx, p, name, &prev);
	if (rc == IVP_EINPUT)
		goto out;
	snprintf(nv.municipality, sizeof(nv.municipality), "%s", p->municipality ? p->municipality : "");
	if (rc && rc != IVP_ENOTFOUND) {
		rc = ivp__job_store(j, rc);
		goto out;
	}
	r = rc == IVP_OK && prev.doc ? 0 : 1; /* 0: a previous version is there */
	rc = r == 0 ? canonical(ctx, &prev) : IVP_OK;
	if (rc)
		goto out;
	if (r == 0 && !strcmp(prev.plan_id, p->id) && !strcmp(prev.doc, doc)) {
		out->version = prev.version;
		out->unchanged = 1;
		snprintf(out->summary, sizeof(out->summary), "same plan as version %lld (%s, by %s)",
			 (long long)prev.version, prev.created_at, prev.created_by);
		ivp__job_unchanged(j, "%s", out->summary);
		snprintf(out->summary, sizeof(out->summary), ivp_msg_tr(ivp_lang(ctx), "same plan as version %lld (%s, by %s)"),
			 (long long)prev.version, prev.created_at, prev.created_by);
		goto out;
	}
	if (!(sha = ivp__job_sha256(j))) {
		if (ivp__job_hash_oom(j))
			rc = ivp__oom(ctx, "The plan file could not be hashed.");
		else
			rc = ivp__fail(ctx, IVP_EIO, "cannot read \"%s\"", name);
		ivp__where(ctx, name, 0, NULL);
		goto out;
	}
	summarize(p, &prev, r == 0, name, nv.summary, sizeof(nv.summary));
	snprintf(nv.plan_id, sizeof(nv.plan_id), "%s", p->id);
	snprintf(nv.kind, sizeof(nv.kind), "import");
	snprintf(nv.source, sizeof(nv.source), "%s sha256:%s", base_name(name), sha);
	snprintf(nv.created_by, sizeof(nv.created_by), "%s",
		 j->opts && j->opts->user && *j->opts->user ? j->opts->user : "unknown");
	/* the file's own text: an export of this version gives the same bytes
	 * (comments and layout kept); text holds no NUL (ivp__plan_read refuses
	 * one) */
	nv.doc = text;
	snprintf(obj, sizeof(obj), "plan:%s", p->id);
	if ((rc = ivp__store_plan_version_add(ctx, &nv, &out->version)) ||
	    (rc = ivp__audit(ctx, "plan.import", obj, r == 0 ? prev.doc : NULL, text))) {
		rc = ivp__job_store(j, rc);
		goto out;
	}
	if ((rc = ivp__orgs_from_plan(ctx, p))) {
		rc = ivp__job_store(j, rc);
		goto out;
	}
	plan_counts(p, &g, &m);
	j->res->rows = p->priorities.n + g + m + p->budget.n;
	ivp__plan_summary_tr(ivp_lang(ctx), nv.summary, out->summary, sizeof(out->summary));
out:
	free(prev.doc);
	free(doc);
	free(text);
	ivp__plan_free(p);
	return rc;
}

ivp_rc ivp_plan_import(ivp_ctx *ctx, const char *path, const ivp_import_opts *opts,
		       ivp_table **problems, ivp_plan_result *out)
{
	plan_import pi = { problems, out };
	ivp__job_spec spec;
	ivp_import_result res;
	ivp_rc rc;

	memset(out, 0, sizeof(*out));
	*problems = NULL;
	memset(&spec, 0, sizeof(spec));
	spec.kind = "plan";
	spec.layout = "plan-yaml";
	spec.paths = &path;
	spec.npaths = 1;
	spec.flags = IVP__JOB_EMPTY_OK | IVP__JOB_READER_DEDUP;
	spec.read = read_plan;
	spec.ud = &pi;
	rc = ivp__job_run(ctx, &spec, opts, &res);
	if (rc)
		out->version = 0;
	return rc;
}

ivp_rc ivp_plan_export(ivp_ctx *ctx, int64_t version, char **yaml)
{
	ivp__plan_version v;
	ivp_rc rc;

	*yaml = NULL;
	if ((rc = load_version(ctx, version, &v, NULL)))
		return rc;
	*yaml = v.doc;
	return IVP_OK;
}

/* ---- history and diff ------------------------------------------------------------ */

typedef struct history {
	ivp_table *t;
	const char *lang; /* the summaries' (stored in English; summary.c) */
} history;

static int history_cb(void *ud, const char *const *c, int n)
{
	history *h = ud;
	ivp_table *t = h->t;
	char sum[2048];

	if (n < 7 || ivp__table_row(t) < 0)
		return -1;
	ivp__plan_summary_tr(h->lang, c[4], sum, sizeof(sum));
	return ivp__table_set_int(t, 0, c[0] ? strtoll(c[0], NULL, 10) : 0) ||
	       ivp__table_set_text(t, 1, c[1]) || ivp__table_set_text(t, 2, c[2]) ||
	       ivp__table_set_text(t, 3, c[5]) || ivp__table_set_text(t, 4, c[6]) ||
	       ivp__table_set_text(t, 5, c[4] ? sum : NULL) || ivp__table_set_text(t, 6, c[3]);
}

ivp_rc ivp_plan_history(ivp_ctx *ctx, ivp_table **out)
{
	ivp_table *t = ivp__table_new();
	history h = { t, ivp_lang(ctx) };
	ivp_rc rc;

	*out = NULL;
	if (!t || ivp__table_col(t, "version", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "plan", 0, 0) < 0 ||
	    ivp__table_col(t, "kind", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "by", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "at", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "summary", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "source", 0, 0) < 0) {
		ivp_table_free(t);
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	if ((rc = ivp__store_plan_versions_list(ctx, history_cb, &h))) {
		ivp_table_free(t);
		return rc;
	}
	if (!ivp_table_nrows(t))
		ivp__table_note(t, "%s", ivp_msg_tr(ivp_lang(ctx), "no plan imported yet: ivp plan import FILE"));
	*out = t;
	return IVP_OK;
}

static int diff_row(void *ud, const char *change, const char *a, const char *b)
{
	ivp_table *t = ud;
	const char *k = a ? a : b;
	size_t n;
	char path[1024];

	if (!k) /* diff_lines passes a line of one side at least */
		return -1;
	n = strcspn(k, "\t");
	snprintf(path, sizeof(path), "%.*s", (int)(n < sizeof(path) ? n : sizeof(path) - 1), k);
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, change) ||
	    ivp__table_set_text(t, 1, path) ||
	    ivp__table_set_text(t, 2, a ? a + n + 1 : NULL) ||
	    ivp__table_set_text(t, 3, b ? b + strcspn(b, "\t") + 1 : NULL))
		return -1;
	return 0;
}

ivp_rc ivp_plan_diff(ivp_ctx *ctx, int64_t v1, int64_t v2, ivp_table **out)
{
	ivp__plan_version a, b;
	pl_plan *pa = NULL, *pb = NULL;
	lines la, lb;
	ivp_table *t = NULL;
	ivp_rc rc;

	*out = NULL;
	memset(&la, 0, sizeof(la));
	memset(&lb, 0, sizeof(lb));
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (v1 <= 0 || v2 <= 0) {
		ivp__fail(ctx, IVP_EINPUT, "versions must be positive numbers");
		ivp__code(ctx, "bad_version");
		ivp__hint(ctx, "ivp plan history lists the versions.");
		return IVP_EINPUT;
	}
	if ((rc = load_version(ctx, v1, &a, &pa)) || (rc = load_version(ctx, v2, &b, &pb)))
		goto out;
	t = ivp__table_new();
	if (!t || ivp__table_col(t, "change", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "path", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "v1", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "v2", IVP__COL_BRIEF, 0) < 0 ||
	    flatten(pa, &la) || flatten(pb, &lb) || diff_lines(&la, &lb, diff_row, t) ||
	    ivp__table_note(t, ivp_msg_tr(ivp_lang(ctx), "v1 = version %lld (%s by %s, %s); v2 = version %lld (%s by %s, %s)"),
			    (long long)a.version, a.kind, a.created_by, a.created_at,
			    (long long)b.version, b.kind, b.created_by, b.created_at) ||
	    (!ivp_table_nrows(t) && ivp__table_note(t, "%s", ivp_msg_tr(ivp_lang(ctx), "no differences")))) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	*out = t;
	t = NULL;
out:
	ivp_table_free(t);
	lines_free(&la);
	lines_free(&lb);
	ivp__plan_free(pa);
	ivp__plan_free(pb);
	free(a.doc);
	free(b.doc);
	return rc;
}

/* ---- measure updates ------------------------------------------------------------- */

static void mark(pl_hdr *h, const pl_schema *sc, const char *field)
{
	int i = ivp__pl_field_index(sc, field);

	if (i >= 0)
		h->set |= 1u << i;
}

static int set_spent(pl_measure *m, int year, int64_t cents)
{
	pl_amount *v;
	int i, k;

	for (i = 0; i < m->spent.n; i++) {
		pl_amount *a = &((pl_amount *)m->spent.v)[i];

		if (a->year == year) {
			a->cents = cents;
			return 0;
		}
	}
	v = realloc(m->spent.v, (size_t)(m->spent.n + 1) * sizeof(*v));
	if (!v)
		return -1;
	m->spent.v = v;
	for (k = m->spent.n; k > 0 && v[k - 1].year > year; k--)
		v[k] = v[k - 1];
	memset(&v[k], 0, sizeof(v[k]));
	v[k].year = year;
	v[k].cents = cents;
	m->spent.n++;
	mark(&m->h, &ivp__pl_measure_schema, "spent");
	return 0;
}

/* 1 when the measure has an output called name (in any year). */
static int has_output(const pl_measure *m, const char *name)
{
	int i;

	for (i = 0; i < m->outputs.n; i++)
		if (!strcmp(((pl_output *)m->outputs.v)[i].name, name))
			return 1;
	return 0;
}

/* The figure of output name in year: replaced, or added after the last
 * figure of that name (the file keeps an output's years together). */
static int set_output(pl_measure *m, const char *name, int year, double value)
{
	const pl_schema *sc = &ivp__pl_output_schema;
	pl_output *v;
	int i, at = m->outputs.n;

	for (i = 0; i < m->outputs.n; i++) {
		pl_output *o = &((pl_output *)m->outputs.v)[i];

		if (!strcmp(o->name, name) && o->year == year) {
			o->value = value;
			return 0;
		}
		if (!strcmp(o->name, name) && o->year < year)
			at = i + 1;
	}
	v = realloc(m->outputs.v, (size_t)(m->outputs.n + 1) * sizeof(*v));
	if (!v)
		return -1;
	m->outputs.v = v;
	memmove(&v[at + 1], &v[at], (size_t)(m->outputs.n - at) * sizeof(*v));
	memset(&v[at], 0, sizeof(v[at]));
	m->outputs.n++;
	if (!(v[at].name = strdup(name)))
		return -1;
	v[at].year = year;
	v[at].value = value;
	mark(&v[at].h, sc, "name");
	mark(&v[at].h, sc, "year");
	mark(&v[at].h, sc, "value");
	mark(&m->h, &ivp__pl_measure_schema, "outputs");
	return 0;
}

/* The output figures of u into m (the summary grows by len); IVP_OK or the refusal. */
static ivp_rc update_outputs(ivp_ctx *ctx, const pl_plan *p, pl_measure *m,
			     const ivp_measure_change *u, char *sum, size_t cap, size_t *len)
{
	int i;

	for (i = 0; i < u->noutputs && i < IVP_MEASURE_MAX_OUTPUTS; i++) {
		const char *name = u->output_name[i] ? u->output_name[i] : "", *why = NULL;
		int year = u->output_year[i];
		double v;

		if (!has_output(m, name)) {
			ivp__fail(ctx, IVP_EINPUT, "measure %s has no output \"%s\"", m->id, name);
			ivp__code(ctx, "unknown_output");
			ivp__hint(ctx, "An output figure is recorded for one of the outputs the plan names for the measure; an editor adds a new one to the plan.");
			ivp__option(ctx, "output");
			return IVP_EINPUT;
		}
		if (year < p->from || year > p->to) {
			ivp__fail(ctx, IVP_EINPUT, "year %d is outside the plan's period %d-%d", year, p->from, p->to);
			ivp__code(ctx, "plan_year_outside_period");
			ivp__hint(ctx, "Record an output figure for a year of the plan.");
			ivp__option(ctx, "output");
			return IVP_EINPUT;
		}
		if (!u->output_value[i] || ivp_parse_figure(ivp_lang(ctx), u->output_value[i], &v, &why)) {
			ivp__fail(ctx, IVP_EINPUT, "invalid figure \"%s\" for output \"%s\" in %d",
				  u->output_value[i] ? u->output_value[i] : "", name, year);
			ivp__code(ctx, "bad_measure_update");
			ivp__hint(ctx, "%s", why ? why : "");
			ivp__option(ctx, "output");
			return IVP_EINPUT;
		}
		if (set_output(m, name, year, v))
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		if (*len < cap)
			*len += (size_t)snprintf(sum + *len, cap - *len, " output %s %d = %s;", name, year,
						 u->output_value[i]);
	}
	return IVP_OK;
}

static int add_entry(pl_measure *m, const char *date, const char *status,
		     const char *note, const char *by)
{
	const pl_schema *sc = &ivp__pl_progress_schema;
	pl_progress *v = realloc(m->progress.v, (size_t)(m->progress.n + 1) * sizeof(*v)), *e;

	if (!v)
		return -1;
	m->progress.v = v;
	e = &v[m->progress.n++];
	memset(e, 0, sizeof(*e));
	e->date = strdup(date);
	e->status = strdup(status);
	e->by = strdup(by);
	e->note = note ? strdup(note) : NULL;
	if (!e->date || !e->status || !e->by || (note && !e->note))
		return -1;
	mark(&e->h, sc, "date");
	mark(&e->h, sc, "status");
	mark(&e->h, sc, "by");
	if (note)
		mark(&e->h, sc, "note");
	mark(&m->h, &ivp__pl_measure_schema, "progress");
	return 0;
}

static ivp_rc bad_update(ivp_ctx *ctx, const char *field, const char *hint, const char *fmt,
			 const char *v)
{
	ivp__fail(ctx, IVP_EINPUT, fmt, v);
	ivp__code(ctx, "bad_measure_update");
	ivp__hint(ctx, "%s", ivp_msg_tr(ivp_lang(ctx), hint));
	ivp__option(ctx, field);
	return IVP_EINPUT;
}

ivp_rc ivp_measure_update(ivp_ctx *ctx, const ivp_measure_change *u, ivp_plan_result *out)
{
	static const char *const statuses[] = { "planned", "running", "done", "stopped" };
	ivp__plan_version cur, nv;
	char obj[160];
	pl_plan *p = NULL;
	pl_measure *m;
	pl_problems pr = { .lang = ivp_lang(ctx) };
	char today[32], *doc = NULL, *old_status = NULL;
	const char *by = u->user && *u->user ? u->user : "unknown";
	size_t len;
	ivp_rc rc;
	int i, ok = 0;

	memset(out, 0, sizeof(*out));
	memset(&nv, 0, sizeof(nv));
	memset(&cur, 0, sizeof(cur));
	if (!u->id || !*u->id)
		return bad_update(ctx, "id", "Give the measure's id (ivp plan progress lists them).", "%smissing measure id", "");
	if (u->status) {
		for (i = 0; i < 4; i++)
			ok |= !strcmp(u->status, statuses[i]);
		if (!ok)
			return bad_update(ctx, "status", "Use planned, running, done or stopped.",
					  "unknown status \"%s\"", u->status);
	}
	if (u->date && !ivp__date_valid(u->date))
		return bad_update(ctx, "date", "Write the date as YYYY-MM-DD.", "invalid date \"%s\"", u->date);
	if (!u->status && !u->note && !u->nspent && !u->noutputs)
		return bad_update(ctx, "", "Give a new status, a note, money spent (YEAR=AMOUNT) or an output figure.", "%snothing to update", "");
	if ((rc = load_version(ctx, 0, &cur, &p)))
		goto out;
	m = ivp__plan_measure(p, u->id);
	if (!m) {
		rc = ivp__fail(ctx, IVP_ENOTFOUND, "no measure \"%s\" in plan %s", u->id, p->id);
		ivp__code(ctx, "unknown_measure");
		ivp__hint(ctx, "ivp plan progress lists the measures with their ids.");
		goto out;
	}
	if (u->date) {
		snprintf(today, sizeof(today), "%s", u->date);
	} else {
		ivp__now_iso(today);
		today[10] = '\0';
	}
	len = (size_t)snprintf(nv.summary, sizeof(nv.summary), ivp__sum_measure, m->id);
	if (u->status && strcmp(u->status, m->status)) {
		len += (size_t)snprintf(nv.summary + len, sizeof(nv.summary) - len, ivp__sum_status, m->status,
					u->status);
		old_status = m->status;
		m->status = strdup(u->status);
		if (!m->status) {
			m->status = old_status;
			old_status = NULL;
			goto oom;
		}
	}
	for (i = 0; i < u->nspent && i < IVP_MEASURE_MAX_SPENT; i++) {
		int64_t cents;
		char yb[16];
		const char *why = NULL;

		snprintf(yb, sizeof(yb), "%d", u->spent_year[i]);
		if (!u->spent_amount[i] || ivp_parse_money(ivp_lang(ctx), u->spent_amount[i], &cents, &why)) {
			rc = ivp__fail(ctx, IVP_EINPUT, "invalid amount \"%s\" spent in %s",
				       u->spent_amount[i] ? u->spent_amount[i] : "", yb);
			ivp__code(ctx, "bad_measure_update");
			ivp__hint(ctx, "%s", why ? why : "");
			ivp__option(ctx, "spent");
			goto out;
		}
		if (set_spent(m, u->spent_year[i], cents))
			goto oom;
		if (len < sizeof(nv.summary))
			len += (size_t)snprintf(nv.summary + len, sizeof(nv.summary) - len,
						ivp__sum_spent, u->spent_year[i], u->spent_amount[i]);
	}
	if ((rc = update_outputs(ctx, p, m, u, nv.summary, sizeof(nv.summary), &len)))
		goto out;
	if (u->note && len < sizeof(nv.summary))
		snprintf(nv.summary + len, sizeof(nv.summary) - len, ivp__sum_note, u->note);
	if (add_entry(m, today, m->status, u->note, by))
		goto oom;
	/* the changed plan must still pass every check (e.g. spent years) */
	if ((rc = ivp__plan_check(ctx, p, &pr)))
		goto out;
	if (pr.n) {
		pl_problem *e = &pr.v[0];

		rc = ivp__fail(ctx, IVP_EINPUT, "%s", e->message);
		ivp__code(ctx, e->code);
		ivp__hint(ctx, "%s", e->hint);
		goto out;
	}
	if (ivp__plan_write(p, &doc))
		goto oom;
	snprintf(nv.plan_id, sizeof(nv.plan_id), "%s", p->id);
	snprintf(nv.kind, sizeof(nv.kind), "update");
	snprintf(nv.source, sizeof(nv.source), "ivp measure update %s", m->id);
	snprintf(nv.created_by, sizeof(nv.created_by), "%s", by);
	nv.doc = doc;
	snprintf(obj, sizeof(obj), "measure:%s/%s", p->id, m->id);
	if ((rc = ivp__store_begin(ctx)) ||
	    (rc = ivp__store_plan_version_add(ctx, &nv, &out->version)) ||
	    (rc = ivp__audit(ctx, "measure.update", obj, cur.doc, doc)) ||
	    (rc = ivp__store_commit(ctx))) {
		ivp__store_abort(ctx);
		goto out;
	}
	snprintf(out->plan_id, sizeof(out->plan_id), "%s", p->id);
	ivp__plan_summary_tr(ivp_lang(ctx), nv.summary, out->summary, sizeof(out->summary));
	goto out;
oom:
	rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
out:
	free(old_status);
	free(doc);
	free(cur.doc);
	ivp__pl_problems_free(&pr);
	ivp__plan_free(p);
	return rc;
}
