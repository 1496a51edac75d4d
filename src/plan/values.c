/*
 * values.c — `ivp import values`: locally registered figures that are not
 * CBS crime counts (Veiligheidsmonitor percentages with their margins,
 * Halt referrals per 1,000 aged 12-17, survey results, Waarstaatjegemeente
 * indices, output counts).
 *
 * CSV with a header naming the columns key, area, year, value, unit,
 * source, definition_version (required) and margin, name (optional), in
 * any order. The unit is part of a value's identity: the same key, area
 * and year in two units are two values, never one replacing the other.
 * One file is one transaction and one recorded import; the same file again
 * changes nothing.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ingest/csv.h"
#include "store/plan_store.h"

enum { V_KEY, V_AREA, V_YEAR, V_VALUE, V_UNIT, V_SOURCE, V_DEFVER, V_MARGIN, V_NAME, V_NCOLS };

static const char *const colnames[V_NCOLS] = {
	"key", "area", "year", "value", "unit", "source", "definition_version", "margin", "name"
};

static ivp_rc fail_at(ivp_ctx *ctx, const char *path, long line, const char *field,
		      const char *hint, const char *fmt, const char *v)
{
	ivp__fail(ctx, IVP_EINPUT, fmt, v);
	if (hint)
		ivp__hint(ctx, "%s", hint);
	ivp__where(ctx, path, line, field);
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

static ivp_rc hash(ivp_ctx *ctx, const char *path, char sha[65])
{
	int bad;

	if (ivp__sha256_paths(&path, 1, sha, &bad)) {
		ivp__fail(ctx, IVP_EIO, "cannot open \"%s\"", path);
		ivp__hint(ctx, "Check the file name.");
		return IVP_EIO;
	}
	return IVP_OK;
}

static ivp_rc rows(ivp_ctx *ctx, ivp__csv *c, const char *path, int64_t import_id,
		   ivp_import_result *out)
{
	int col[V_NCOLS], i, r;
	ivp_rc rc;
	size_t k;

	for (i = 0; i < V_NCOLS; i++)
		col[i] = -1;
	if ((r = ivp__csv_next(c)) <= 0)
		return fail_at(ctx, path, 1, "", "The first line names the columns: key,area,year,value,unit,source,definition_version[,margin,name].",
			       "%sempty file", "");
	for (k = 0; k < ivp__csv_nfields(c); k++)
		for (i = 0; i < V_NCOLS; i++)
			if (!strcmp(ivp__csv_field_at(c, k)->p, colnames[i]))
				col[i] = (int)k;
	for (i = 0; i < V_MARGIN; i++)
		if (col[i] < 0)
			return fail_at(ctx, path, 1, colnames[i],
				       "The header needs key, area, year, value, unit, source and definition_version (margin and name are optional).",
				       "missing column \"%s\"", colnames[i]);
	while ((r = ivp__csv_next(c)) > 0) {
		long line = ivp__csv_line(c);
		const char *f[V_NCOLS];
		ivp__local_value v;
		double d;
		int res;

		if (ivp__csv_blank(c))
			continue;
		for (i = 0; i < V_NCOLS; i++)
			f[i] = col[i] >= 0 && (size_t)col[i] < ivp__csv_nfields(c) ?
				       ivp__csv_field_at(c, (size_t)col[i])->p : "";
		memset(&v, 0, sizeof(v));
		for (i = 0; i < V_MARGIN; i++)
			if (!f[i][0])
				return fail_at(ctx, path, line, colnames[i],
					       "Every value needs key, area, year, value, unit, source and definition_version.",
					       "empty %s", colnames[i]);
		v.key = f[V_KEY];
		v.area = f[V_AREA];
		v.unit = f[V_UNIT];
		v.source = f[V_SOURCE];
		v.definition_version = f[V_DEFVER];
		v.name = f[V_NAME][0] ? f[V_NAME] : NULL;
		if (num(f[V_YEAR], &d) || d != floor(d) || d < 1900 || d > 2199)
			return fail_at(ctx, path, line, "year", "Write the year as 2024.",
				       "invalid year \"%s\"", f[V_YEAR]);
		v.year = (int)d;
		if (num(f[V_VALUE], &v.value))
			return fail_at(ctx, path, line, "value",
				       "Write a number with a decimal point, e.g. 23.5 (no % sign, no decimal comma).",
				       "invalid value \"%s\"", f[V_VALUE]);
		if (f[V_MARGIN][0]) {
			if (num(f[V_MARGIN], &v.margin) || v.margin < 0)
				return fail_at(ctx, path, line, "margin",
					       "The margin is the half-width of the 95% interval, a number of 0 or more, in the value's unit; leave it empty when there is none.",
					       "invalid margin \"%s\"", f[V_MARGIN]);
			v.has_margin = 1;
		}
		if ((rc = ivp__store_value_put(ctx, &v, import_id, &res)))
			return rc;
		if (res == IVP__PUT_DUP_SAME || res == IVP__PUT_DUP_DIFF) {
			ivp__fail(ctx, IVP_EINPUT, "duplicate value for %s %s %d (%s)", v.key, v.area, v.year, v.unit);
			ivp__detail(ctx, "An earlier line of this file has the same key, area, year and unit.");
			ivp__hint(ctx, "Keep one line per key, area, year and unit.");
			ivp__where(ctx, path, line, "key");
			return IVP_EINPUT;
		}
		out->rows++;
		if (res == IVP__PUT_CHANGED)
			out->changed++;
		else if (res == IVP__PUT_SAME)
			out->same++;
	}
	if (r < 0) {
		ivp__fail(ctx, IVP_EINPUT, "%s", ivp__csv_error(c));
		ivp__where(ctx, path, ivp__csv_line(c), "");
		return IVP_EINPUT;
	}
	return IVP_OK;
}

ivp_rc ivp_import_values(ivp_ctx *ctx, const char *path, const ivp_import_opts *opts,
			 ivp_import_result *out)
{
	ivp__import_rec rec;
	ivp__csv *c = NULL;
	FILE *f = NULL;
	char when[32];
	const char *base = strrchr(path, '/');
	ivp_rc rc;

	memset(out, 0, sizeof(*out));
	snprintf(out->layout, sizeof(out->layout), "values-csv");
	if ((rc = hash(ctx, path, out->sha256)))
		return rc;
	rc = ivp__store_import_find(ctx, "values", out->sha256, "", &out->import_id, when);
	if (rc && rc != IVP_ENOTFOUND)
		return rc;
	if (rc == IVP_OK) {
		out->unchanged = 1;
		snprintf(out->note, sizeof(out->note), "the same file was imported as import %lld on %s",
			 (long long)out->import_id, when);
		return IVP_OK;
	}
	f = fopen(path, "rb");
	if (!f)
		return ivp__fail(ctx, IVP_EIO, "cannot open \"%s\"", path);
	c = ivp__csv_open_file(f, 0, 1u << 20);
	if (!c) {
		fclose(f);
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	memset(&rec, 0, sizeof(rec));
	rec.kind = "values";
	rec.layout = out->layout;
	rec.file_name = base ? base + 1 : path;
	rec.sha256 = out->sha256;
	rec.options = "";
	rec.user = opts && opts->user ? opts->user : "unknown";
	if ((rc = ivp__store_begin(ctx)))
		goto db;
	if ((rc = ivp__store_import_add(ctx, &rec, &out->import_id))) {
		ivp__store_abort(ctx);
		goto db;
	}
	if ((rc = rows(ctx, c, path, out->import_id, out)))
		goto bad;
	if ((rc = ivp__store_import_finish(ctx, out->import_id, out->rows, 0, 0, NULL)) ||
	    (rc = ivp__store_commit(ctx)))
		goto bad;
	ivp__csv_close(c);
	fclose(f);
	return IVP_OK;
bad:
	ivp__store_abort(ctx);
	ivp__csv_close(c);
	fclose(f);
	memset(out, 0, sizeof(*out));
	return rc;
db:
	ivp__csv_close(c);
	fclose(f);
	memset(out, 0, sizeof(*out));
	return rc;
}
