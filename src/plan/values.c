/*
 * values.c — `ivp import values`: locally registered figures that are not
 * CBS crime counts (Veiligheidsmonitor percentages with their margins,
 * Halt referrals per 1,000 aged 12-17, survey results, Waarstaatjegemeente
 * indices, output counts).
 *
 * CSV with a header naming the columns key, area, year, value, unit,
 * source, definition_version (required) and margin, name, respondents,
 * min_respondents (optional), in any order. respondents is a survey's
 * number of respondents and min_respondents the minimum the survey states
 * (src/stats/survey.h): a figure of fewer respondents than its minimum is
 * "too small" — ivp_values says so, its page shows no figure for it and
 * the progress rules do not use it. The unit is part of a value's identity: the same key, area
 * and year in two units are two values, never one replacing the other.
 * A values file is read by a reader of the import job (ingest/job.c): one
 * transaction and one recorded import (kind "values": who, the file's
 * name, rows), the same file again "unchanged", nothing left on failure.
 * A ctx acting for one municipality (a request of `ivp serve`, the CLI's
 * --municipality) writes only its own areas: a row of another
 * municipality's gemeente, wijk or buurt refuses the whole file
 * (area_other_municipality, file:line:area; docs/tenancy.md).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "core/core.h"
#include "ingest/ingest.h"
#include "stats/survey.h"
#include "store/plan_store.h"

enum {
	V_KEY,
	V_AREA,
	V_YEAR,
	V_VALUE,
	V_UNIT,
	V_SOURCE,
	V_DEFVER,
	V_MARGIN,
	V_NAME,
	V_RESP,
	V_MINRESP,
	V_NCOLS
};

static const char *const colnames[V_NCOLS] = {
	"key", "area", "year", "value", "unit", "source", "definition_version", "margin", "name",
	"respondents", "min_respondents"
};

/* An input error at line, column (0: not known) and field. */
static ivp_rc fail_at(ivp__job *j, long line, long col, const char *field, const char *code,
		      const char *hint, const char *fmt, const char *v)
{
	ivp__job_fail(j, line, field, fmt, v);
	ivp__code(j->ctx, code);
	ivp__column(j->ctx, col);
	if (hint)
		ivp__hint(j->ctx, "%s", hint);
	return IVP_EINPUT;
}

static int num(const char *s, double *out)
{
	char *end;

	if (!*s)
		return -1;
	errno = 0;
	*out = strtod(s, &end);
	return *end || errno || !isfinite(*out) ? -1 : 0;
}

/* The header: where each column is. */
static ivp_rc header(ivp__job *j, ivp__csv *c, int col[V_NCOLS])
{
	int i, r;
	size_t k;

	for (i = 0; i < V_NCOLS; i++)
		col[i] = -1;
	if ((r = ivp__csv_next(c)) < 0)
		return ivp__job_csv_fail(j, c);
	if (r == 0)
		return fail_at(j, 1, 0, "", "empty_file", "The first line names the columns: key,area,year,value,unit,source,definition_version[,margin,name].",
			       "%sempty file", "");
	for (k = 0; k < ivp__csv_nfields(c); k++)
		for (i = 0; i < V_NCOLS; i++)
			if (!strcmp(ivp__csv_field_at(c, k)->p, colnames[i]))
				col[i] = (int)k;
	for (i = 0; i < V_MARGIN; i++)
		if (col[i] < 0)
			return fail_at(j, 1, 0, colnames[i], "missing_column",
				       "The header needs key, area, year, value, unit, source and definition_version (margin and name are optional).",
				       "missing column \"%s\"", colnames[i]);
	return IVP_OK;
}

/* One record as a value; the store's answer counted in j->res. */
static ivp_rc row(ivp__job *j, ivp__csv *c, const int col[V_NCOLS])
{
	long line = ivp__csv_line(c);
	const char *f[V_NCOLS];
	const ivp__csv_field *cell[V_NCOLS];
	ivp__local_value v;
	double d;
	int i, res, ours;
	ivp_rc rc;

	for (i = 0; i < V_NCOLS; i++) {
		cell[i] = col[i] >= 0 && (size_t)col[i] < ivp__csv_nfields(c) ?
				  ivp__csv_field_at(c, (size_t)col[i]) :
				  NULL;
		f[i] = cell[i] ? cell[i]->p : "";
	}
	memset(&v, 0, sizeof(v));
	for (i = 0; i < V_MARGIN; i++)
		if (!f[i][0])
			return fail_at(j, line, ivp__csv_column(c, cell[i]), colnames[i], "missing_field",
				       "Every value needs key, area, year, value, unit, source and definition_version.",
				       "empty %s", colnames[i]);
	v.key = f[V_KEY];
	v.area = f[V_AREA];
	if ((rc = ivp__area_in_scope(j->ctx, v.area, &ours)))
		return ivp__job_store(j, rc);
	if (!ours) { /* another municipality's area: the whole file is refused */
		ivp__area_other(j->ctx, v.area);
		ivp__where(j->ctx, ivp__job_name(j), line, "area");
		ivp__column(j->ctx, ivp__csv_column(c, cell[V_AREA]));
		return IVP_EINPUT;
	}
	v.unit = f[V_UNIT];
	v.source = f[V_SOURCE];
	v.definition_version = f[V_DEFVER];
	v.name = f[V_NAME][0] ? f[V_NAME] : NULL;
	if (num(f[V_YEAR], &d) || d != floor(d) || d < 1900 || d > 2199)
		return fail_at(j, line, ivp__csv_column(c, cell[V_YEAR]), "year", "bad_year", "Write the year as 2024.",
			       "invalid year \"%s\"", f[V_YEAR]);
	v.year = (int)d;
	if (num(f[V_VALUE], &v.value))
		return fail_at(j, line, ivp__csv_column(c, cell[V_VALUE]), "value", "bad_value",
			       "Write a number with a decimal point, e.g. 23.5 (no % sign, no decimal comma).",
			       "invalid value \"%s\"", f[V_VALUE]);
	if (f[V_MARGIN][0]) {
		if (num(f[V_MARGIN], &v.margin) || v.margin < 0)
			return fail_at(j, line, ivp__csv_column(c, cell[V_MARGIN]), "margin", "bad_margin",
				       "The margin is the half-width of the 95% interval, a number of 0 or more, in the value's unit; leave it empty when there is none.",
				       "invalid margin \"%s\"", f[V_MARGIN]);
		v.has_margin = 1;
	}
	for (i = V_RESP; i <= V_MINRESP; i++) {
		int64_t *to = i == V_RESP ? &v.respondents : &v.min_respondents;

		if (!f[i][0])
			continue;
		if (num(f[i], &d) || d != floor(d) || d < 1 || d > 1e12)
			return fail_at(j, line, ivp__csv_column(c, cell[i]), colnames[i], "bad_respondents",
				       "Write a whole number of 1 or more (no thousands separator); leave it empty when it is not known.",
				       "invalid number of respondents \"%s\"", f[i]);
		*to = (int64_t)d;
	}
	if ((rc = ivp__store_value_put(j->ctx, &v, j->import_id, &res)))
		return ivp__job_store(j, rc);
	if (res == IVP__PUT_DUP_SAME || res == IVP__PUT_DUP_DIFF) {
		ivp__job_fail(j, line, "key", "duplicate value for %s %s %d (%s)", v.key, v.area, v.year, v.unit);
		ivp__code(j->ctx, "duplicate_key");
		ivp__detail(j->ctx, "An earlier line of this file has the same key, area, year and unit.");
		ivp__hint(j->ctx, "Keep one line per key, area, year and unit.");
		return IVP_EINPUT;
	}
	j->res->rows++;
	if (res == IVP__PUT_CHANGED)
		j->res->changed++;
	else if (res == IVP__PUT_SAME)
		j->res->same++;
	return IVP_OK;
}

/* The job's reader: every record of the file. */
static ivp_rc read_values(ivp__job *j, void *ud)
{
	ivp__csv *c = NULL;
	int col[V_NCOLS], r;
	FILE *f;
	ivp_rc rc;

	(void)ud;
	f = fopen(j->path, "rb");
	if (!f) {
		ivp__fail(j->ctx, IVP_EIO, "cannot open \"%s\"", ivp__job_name(j));
		return IVP_EIO;
	}
	c = ivp__csv_open_file(f, 0, 1u << 20);
	if (!c) {
		(void)fclose(f); /* read only */
		return ivp__oom(j->ctx, "The CSV reader for \"%s\" could not be set up.", ivp__job_name(j));
	}
	if ((rc = header(j, c, col)))
		goto out;
	while ((r = ivp__csv_next(c)) > 0) {
		if (ivp__csv_blank(c))
			continue;
		if ((rc = row(j, c, col)))
			goto out;
		ivp__job_progress(j, ivp__csv_offset(c));
	}
	if (r < 0)
		rc = ivp__job_csv_fail(j, c);
out:
	ivp__csv_close(c);
	(void)fclose(f); /* read only */
	return rc;
}

ivp_rc ivp_import_values(ivp_ctx *ctx, const char *path, const ivp_import_opts *opts,
			 ivp_import_result *out)
{
	ivp__job_spec spec;

	memset(&spec, 0, sizeof(spec));
	spec.kind = "values";
	spec.layout = "values-csv";
	spec.paths = &path;
	spec.npaths = 1;
	spec.flags = IVP__JOB_EMPTY_OK;
	spec.read = read_values;
	return ivp__job_run(ctx, &spec, opts, out);
}

/* ---- reading them back: ivp_values ------------------------------------------- */

enum {
	R_KEY,
	R_NAME,
	R_AREA,
	R_YEAR,
	R_VALUE,
	R_MARGIN,
	R_LO,
	R_HI,
	R_UNIT,
	R_SOURCE,
	R_DEFVER,
	R_IMPORT,
	R_RESP,
	R_MINRESP,
	R_SMALL,
	R_NCOLS
};

typedef struct values_ud {
	ivp_table *t;
	const char *area, *key; /* key NULL: every key */
	int failed;
} values_ud;

/* rows of the store: key, year, value, unit, margin, source, definition_version, import_id, name,
 * respondents, min_respondents */
static int value_row(void *ud, const char *const *c, int n)
{
	values_ud *u = ud;
	ivp_table *t = u->t;
	double v, m = NAN;

	if (n < 9 || !c[0] || !c[1] || !c[2] || (u->key && strcmp(c[0], u->key)))
		return 0;
	v = strtod(c[2], NULL);
	if (c[4])
		m = strtod(c[4], NULL);
	if (ivp__table_row(t) < 0 || ivp__table_set_text(t, R_KEY, c[0]) ||
	    ivp__table_set_text(t, R_NAME, c[8] ? c[8] : c[0]) || ivp__table_set_text(t, R_AREA, u->area) ||
	    ivp__table_set_int(t, R_YEAR, strtol(c[1], NULL, 10)) || ivp__table_set_real(t, R_VALUE, v) ||
	    ivp__table_set_real(t, R_MARGIN, m) || ivp__table_set_real(t, R_LO, v - m) ||
	    ivp__table_set_real(t, R_HI, v + m) || ivp__table_set_text(t, R_UNIT, c[3]) ||
	    ivp__table_set_text(t, R_SOURCE, c[5]) || ivp__table_set_text(t, R_DEFVER, c[6]) ||
	    (c[7] && ivp__table_set_int(t, R_IMPORT, strtoll(c[7], NULL, 10))) ||
	    (n > 9 && c[9] && ivp__table_set_int(t, R_RESP, strtoll(c[9], NULL, 10))) ||
	    (n > 10 && c[10] && ivp__table_set_int(t, R_MINRESP, strtoll(c[10], NULL, 10))) ||
	    ivp__table_set_int(t, R_SMALL, n > 10 && ivp__survey_too_small(c[9] ? strtoll(c[9], NULL, 10) : 0, c[10] ? strtoll(c[10], NULL, 10) : 0))) {
		u->failed = 1;
		return -1;
	}
	return 0;
}

ivp_rc ivp_values(ivp_ctx *ctx, const char *area, const char *key, ivp_table **out)
{
	static const struct {
		const char *name;
		int flags, dec;
	} cols[R_NCOLS] = {
		[R_KEY] = { "key", 0, 0 },
		[R_NAME] = { "name", IVP__COL_BRIEF, 0 },
		[R_AREA] = { "area", 0, 0 },
		[R_YEAR] = { "year", IVP__COL_BRIEF, 0 },
		[R_VALUE] = { "value", IVP__COL_BRIEF, 2 },
		[R_MARGIN] = { "margin", IVP__COL_BRIEF, 2 },
		[R_LO] = { "lo", 0, 2 },
		[R_HI] = { "hi", 0, 2 },
		[R_UNIT] = { "unit", IVP__COL_BRIEF, 0 },
		[R_SOURCE] = { "source", IVP__COL_BRIEF, 0 },
		[R_DEFVER] = { "definition_version", 0, 0 },
		[R_IMPORT] = { "import", 0, 0 },
		[R_RESP] = { "respondents", 0, 0 },
		[R_MINRESP] = { "min_respondents", 0, 0 },
		[R_SMALL] = { "too_small", 0, 0 },
	};
	values_ud u = { NULL, area, key, 0 };
	ivp_rc rc;
	int i;

	*out = NULL;
	if (!area) {
		ivp__fail(ctx, IVP_EINPUT, "no area given");
		ivp__code(ctx, "missing_option");
		ivp__hint(ctx, "Give the area of the values, e.g. GM1926.");
		return IVP_EINPUT;
	}
	if (!(u.t = ivp__table_new()))
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	for (i = 0; i < R_NCOLS; i++)
		if (ivp__table_col(u.t, cols[i].name, cols[i].flags, cols[i].dec) < 0) {
			ivp_table_free(u.t);
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		}
	rc = ivp__store_area_values(ctx, area, value_row, &u);
	if (u.failed) {
		ivp__error_clear(&ctx->err);
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	if (rc) {
		ivp_table_free(u.t);
		return rc;
	}
	*out = u.t;
	return IVP_OK;
}
