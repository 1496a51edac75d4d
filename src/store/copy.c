/*
 * copy.c — ivp_copy (ivp.h): a whole database from one engine into an
 * empty one of another, through the door (copy_store.h), and the check
 * that the copy says the same.
 *
 * The copy keeps every id, so that what refers to ids — the import of a
 * series' year inside its stored value, a session's user — still holds.
 * It is one transaction of the destination (nothing is half-copied), read
 * in one snapshot of the source. The check compares, per table, the
 * number of rows and a SHA-256 over the rows in key order with numbers
 * normalized (SQLite hands 3.0 as "3.0", PostgreSQL as "3"), then the
 * indicator and ranking queries of both databases as JSON, byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/copy_store.h"
#include "store/store.h"

typedef struct copy_ud {
	ivp_ctx *to;
	int t;
	int64_t rows;
	ivp_rc rc;
} copy_ud;

static int put_row(void *ud, const char *const *cols, int n)
{
	copy_ud *c = ud;

	(void)n;
	c->rc = ivp__store_table_put(c->to, c->t, cols);
	c->rows++;
	return c->rc != IVP_OK;
}

static int any_row(void *ud, const char *const *cols, int n)
{
	(void)cols;
	(void)n;
	*(int *)ud = 1;
	return 1;
}

/* The first table of `to` that holds rows (those the migrations seed
 * excepted), or -1. */
static ivp_rc first_full(ivp_ctx *to, int *which)
{
	int t;

	*which = -1;
	for (t = 0; t < ivp__copy_ntables; t++) {
		int has = 0;
		ivp_rc rc;

		if (ivp__copy_seeded(t))
			continue;
		rc = ivp__store_table_rows(to, t, any_row, &has);
		if (has) {
			ivp__error_clear(&to->err); /* the stop is not an error */
			*which = t;
			return IVP_OK;
		}
		if (rc)
			return rc;
	}
	return IVP_OK;
}

typedef struct digest_ud {
	const char *kinds;
	ivp__sha256 *h;
	int64_t rows;
} digest_ud;

static int digest_row(void *ud, const char *const *cols, int n)
{
	digest_ud *d = ud;
	char num[40];
	int k;

	for (k = 0; k < n && d->kinds[k]; k++) {
		const char *v = cols[k];

		if (v && d->kinds[k] == 'r') {
			snprintf(num, sizeof(num), "%.17g", strtod(v, NULL));
			v = num;
		}
		if (v)
			ivp__sha256_update(d->h, v, strlen(v));
		ivp__sha256_update(d->h, v ? "\x1f" : "\x1e\x1f", v ? 1 : 2);
	}
	ivp__sha256_update(d->h, "\n", 1);
	d->rows++;
	return 0;
}

static ivp_rc digest(ivp_ctx *ctx, int t, int64_t *rows, char hex[65])
{
	digest_ud d = { ivp__copy_tables[t].kinds, ivp__sha256_new(), 0 };
	ivp_rc rc;

	if (!d.h)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	rc = ivp__store_table_rows(ctx, t, digest_row, &d);
	ivp__sha256_final(d.h, hex); /* frees d.h */
	*rows = d.rows;
	return rc;
}

static ivp_rc differs(ivp_ctx *to, const char *what)
{
	ivp__fail(to, IVP_EDB, "the copy differs from its source");
	ivp__detail(to, "%s", what);
	ivp__hint(to, "Nothing was removed from the source; drop the copy's database and run ivp copy again.");
	return ivp__coded(to, "copy_differs", IVP_EDB);
}

/* The result of one query on a database as text: its JSON, or its error. */
static char *answer(ivp_ctx *ctx, ivp_rc rc, ivp_table *t)
{
	char *s;

	if (rc) {
		const ivp_error *e = ivp_last_error(ctx);
		size_t n = strlen(e->message) + strlen(e->detail) + 32;

		s = malloc(n);
		if (s)
			snprintf(s, n, "error %d %s %s", (int)rc, e->message, e->detail);
		return s;
	}
	s = ivp_table_json(t, NULL, 0, IVP_JSON_COMPACT);
	ivp_table_free(t);
	return s;
}

typedef struct areas_ud {
	char (*codes)[16];
	int n, cap;
	int year; /* the newest year with a JJ00 period */
} areas_ud;

static int gm_row(void *ud, const char *const *cols, int n)
{
	areas_ud *a = ud;

	if (n < 4 || !cols[1] || !cols[3] || strcmp(cols[3], "GM"))
		return 0;
	if (a->n == a->cap) {
		int cap = a->cap ? a->cap * 2 : 64;
		void *p = realloc(a->codes, (size_t)cap * sizeof(*a->codes));

		if (!p)
			return 1;
		a->codes = p;
		a->cap = cap;
	}
	snprintf(a->codes[a->n++], sizeof(a->codes[0]), "%s", cols[1]);
	return 0;
}

static int period_row(void *ud, const char *const *cols, int n)
{
	areas_ud *a = ud;
	long p = n > 0 && cols[0] ? strtol(cols[0], NULL, 10) : 0;

	if (p % 100 == 0 && p / 100 > a->year)
		a->year = (int)(p / 100);
	return 0;
}

static int table_index(const char *name)
{
	int t;

	for (t = 0; t < ivp__copy_ntables; t++)
		if (!strcmp(ivp__copy_tables[t].name, name))
			return t;
	return -1;
}

/* Compare one query on both; 0 same, 1 different (what in `what`), <0 out of memory. */
static int same_query(ivp_ctx *from, ivp_ctx *to, const ivp_indicator_query *iq,
		      const ivp_ranking_query *rq)
{
	ivp_table *a = NULL, *b = NULL;
	ivp_rc ra = iq ? ivp_indicators(from, iq, &a) : ivp_ranking(from, rq, &a);
	char *ja = answer(from, ra, a), *jb;
	ivp_rc rb = iq ? ivp_indicators(to, iq, &b) : ivp_ranking(to, rq, &b);
	int r;

	jb = answer(to, rb, b);
	r = !ja || !jb ? -1 : strcmp(ja, jb) != 0;
	free(ja);
	free(jb);
	return r;
}

static ivp_rc check_queries(ivp_ctx *from, ivp_ctx *to, ivp_copy_result *res)
{
	areas_ud a = { NULL, 0, 0, 0 };
	char what[160];
	ivp_rc rc;
	int i, r = 0, tp = table_index("period"), ta = table_index("area");

	if ((rc = ivp__store_table_rows(from, tp, period_row, &a)) ||
	    (rc = ivp__store_table_rows(from, ta, gm_row, &a)))
		goto out;
	for (i = 0; i <= a.n && a.year; i++) {
		ivp_ranking_query rq = { 0 };

		rq.year = a.year;
		rq.small_threshold = -1;
		rq.lang = "en";
		if (i < a.n) {
			ivp_indicator_query iq = { 0 };

			iq.area = a.codes[i];
			iq.year = a.year;
			iq.baseline = a.year - 1;
			iq.small_threshold = -1;
			iq.lang = "en";
			r = same_query(from, to, &iq, NULL);
			res->queries++;
			if (r) {
				snprintf(what, sizeof(what), "the indicators of %s for %d differ", a.codes[i], a.year);
				break;
			}
			rq.under = a.codes[i]; /* its buurten */
		} else {
			rq.under = "NL01"; /* the gemeenten of the country */
			rq.level = "GM";
		}
		r = same_query(from, to, NULL, &rq);
		res->queries++;
		if (r) {
			snprintf(what, sizeof(what), "the ranking under %s for %d differs", rq.under, a.year);
			break;
		}
	}
	if (r < 0)
		rc = ivp__fail(to, IVP_ENOMEM, "out of memory");
	else if (r)
		rc = differs(to, what);
out:
	free(a.codes);
	return rc;
}

static ivp_rc verify(ivp_ctx *from, ivp_ctx *to, ivp_copy_result *res)
{
	char ha[65], hb[65], what[160];
	int64_t na = 0, nb = 0;
	ivp_rc rc;
	int t;

	for (t = 0; t < ivp__copy_ntables; t++) {
		if ((rc = digest(from, t, &na, ha)))
			return rc;
		if ((rc = digest(to, t, &nb, hb)))
			return rc;
		if (na != nb || strcmp(ha, hb)) {
			snprintf(what, sizeof(what), "table %s: %lld rows in the source, %lld in the copy%s",
				 ivp__copy_tables[t].name, (long long)na, (long long)nb,
				 na == nb ? ", with other values" : "");
			return differs(to, what);
		}
	}
	return check_queries(from, to, res);
}

ivp_rc ivp_copy(ivp_ctx *from, ivp_ctx *to, ivp_copy_result *res)
{
	int64_t areas, pops, types;
	int t, full, opened = 0;
	ivp_rc rc;

	memset(res, 0, sizeof(*res));
	ivp__error_clear(&to->err);
	if ((rc = first_full(to, &full)))
		return rc;
	if (full >= 0) {
		ivp__fail(to, IVP_EINPUT, "the destination database is not empty");
		ivp__detail(to, "Its table %s holds rows; ivp copy writes only into a new, empty database.",
			    ivp__copy_tables[full].name);
		ivp__hint(to, "Create a new database (PostgreSQL: createdb) and name it in --to.");
		return ivp__coded(to, "copy_not_empty", IVP_EINPUT);
	}
	if ((rc = ivp__store_read_begin(from, &opened)))
		goto fail_from;
	if ((rc = ivp__store_begin(to)) || (rc = ivp__store_copy_begin(to)))
		goto fail;
	for (t = 0; t < ivp__copy_ntables; t++) {
		copy_ud c = { to, t, 0, IVP_OK };

		rc = ivp__store_table_rows(from, t, put_row, &c);
		if (c.rc) { /* the destination's failure, already in its error */
			rc = c.rc;
			goto fail;
		}
		if (rc)
			goto fail_from;
		res->rows += c.rows;
		res->tables++;
	}
	if ((rc = ivp__store_copy_end(to)) || (rc = ivp__store_commit(to)))
		goto fail;
	ivp__store_read_end(from, opened);
	if ((rc = ivp__store_counts(to, &res->facts, &areas, &pops, &types)))
		return rc;
	return verify(from, to, res);
fail_from: /* the source's failure, into the destination's error */
	to->err = from->err;
fail:
	ivp__store_abort(to);
	ivp__store_read_end(from, opened);
	return rc;
}
