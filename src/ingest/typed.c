/*
 * typed.c — the OData TypedDataSet layout, as CSV and as JSON pages.
 *
 * Columns (CSV header or JSON object keys): ID, SoortMisdrijf, RegioS or
 * WijkenEnBuurten, Perioden, and topics such as GeregistreerdeMisdrijven_1
 * (crime) or BevolkingAanHetEindVanDePeriode_8 / AantalInwoners_5
 * (population). Keys come padded with trailing spaces ("GM1926    ",
 * "0.0.0 "). JSON pages are {"value":[...]} objects; a page that carries
 * odata.nextLink must be followed by its next page in the same import.
 *
 * Both shapes feed one row function, so CSV and JSON cannot drift apart.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ingest/ingest.h"

#define MAX_JSON_BYTES ((size_t)512 << 20)

enum {
	T_CRIME,
	T_POP_BEGIN,
	T_POP_END,
	T_POP_INW,
	T_NONE
};

/* Topic of a column name: "GeregistreerdeMisdrijven_1" -> T_CRIME, ... */
static int topic_of(const char *name)
{
	static const struct {
		const char *stem;
		int t;
	} map[] = {
		{ "GeregistreerdeMisdrijven", T_CRIME },
		{ "TotaalGeregistreerdeMisdrijven", T_CRIME },
		{ "BevolkingAanHetBeginVanDePeriode", T_POP_BEGIN },
		{ "BevolkingOp1Januari", T_POP_BEGIN },
		{ "BevolkingAanHetEindVanDePeriode", T_POP_END },
		{ "AantalInwoners", T_POP_INW },
	};
	size_t n = strlen(name), i;
	const char *us = strrchr(name, '_');

	if (us && us[1] >= '0' && us[1] <= '9')
		n = (size_t)(us - name);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strlen(map[i].stem) == n && !strncasecmp(name, map[i].stem, n))
			return map[i].t;
	return T_NONE;
}

typedef struct tcols {
	int region, type, period, value, topic; /* indexes (CSV) */
	const char *region_name, *value_name;	/* key names (JSON) */
	/* the last region and type keys as written and their clean codes:
	 * rows come grouped, so most rows repeat both (national files: 99%) */
	char rraw[32], area[16], traw[32], tcode[16];
	size_t rn, tn;
	/* population without a Perioden column (Kerncijfers wijken en buurten:
	 * one table per year) and the import's year given: "2024JJ00" */
	char year_per[16];
} tcols;

/* No Perioden column: fine for a population table when the import names
 * its year (the Kerncijfers wijken en buurten have one table per year). */
static int period_from_year(ivp__job *j, ivp_import_kind kind, tcols *tc)
{
	if (kind != IVP_IMPORT_POPULATION || !j->opts || j->opts->year <= 0)
		return 0;
	snprintf(tc->year_per, sizeof(tc->year_per), "%04dJJ00", j->opts->year);
	return 1;
}

/* k (n bytes) is the key remembered in raw/rn */
static int same_key(const char *raw, size_t rn, const char *k, size_t n)
{
	return n == rn && n && n < 32 && !memcmp(raw, k, n);
}

static void remember(char raw[32], size_t *rn, const char *k, size_t n)
{
	*rn = n < 32 ? n : 0;
	if (*rn)
		memcpy(raw, k, n);
}

/* One row of a TypedDataSet, from either shape. */
static ivp_rc typed_row(ivp__job *j, ivp_import_kind kind, long line,
			const char *where, tcols *tc,
			const char *region, size_t rn, const char *type,
			size_t tn, const char *per, size_t pn, const char *val,
			size_t vn, int val_missing)
{
	char area[16], tcode[16], fbuf[64];
	const char *field = tc->value_name ? tc->value_name : "";
	int period, prov, year;
	int64_t count;

	if (where) {
		snprintf(fbuf, sizeof(fbuf), "%s%s", where, field);
		field = fbuf;
	}
	if (region && same_key(tc->rraw, tc->rn, region, rn)) {
		memcpy(area, tc->area, sizeof(area));
	} else if (region) {
		if (ivp__area_canon(region, rn, area)) {
			ivp__job_fail(j, line, tc->region_name, "\"%.*s\" is not an area code",
				      (int)(rn > 40 ? 40 : rn), region);
			ivp__code(j->ctx, "bad_area_code");
			ivp__hint(j->ctx, "Region keys look like NL01, GM1926, WK192601 or BU19260101.");
			return IVP_EINPUT;
		}
		remember(tc->rraw, &tc->rn, region, rn);
		memcpy(tc->area, area, sizeof(area));
	} else {
		memcpy(area, "NL01", sizeof("NL01")); /* national tables have no region dimension */
	}
	if (ivp__period_parse(per, pn, &period, &prov)) {
		ivp__job_fail(j, line, "Perioden", "unrecognised period \"%.*s\"",
			      (int)(pn > 40 ? 40 : pn), per);
		ivp__code(j->ctx, "bad_period");
		ivp__hint(j->ctx, "Periods look like 2024JJ00, 2024MM03 or 2024KW01.");
		return IVP_EINPUT;
	}
	if (val_missing || vn == 0 || (vn == 1 && (val[0] == '.' || val[0] == 'x'))) {
		j->res->missing++;
		return IVP_OK;
	}
	if (ivp__parse_count(val, vn, &count)) {
		ivp__job_fail(j, line, field, "the count \"%.*s\" is not a whole number",
			      (int)(vn > 40 ? 40 : vn), val);
		ivp__code(j->ctx, "bad_count");
		ivp__detail(j->ctx, "Counts are whole numbers; a missing value is empty or '.'.");
		ivp__hint(j->ctx, "Correct the value or download the data again.");
		return IVP_EINPUT;
	}
	if (kind == IVP_IMPORT_POPULATION) {
		int sub = IVP__PERIOD_SUB(period);

		year = IVP__PERIOD_YEAR(period);
		switch (tc->topic) {
		case T_POP_END:
			if (sub != 0 && sub != 12)
				goto skip;
			year++;
			break;
		case T_POP_BEGIN:
			if (sub != 0 && sub != 1)
				goto skip;
			break;
		default: /* AantalInwoners: on 1 January of the period's year */
			if (sub != 0)
				goto skip;
		}
		return ivp__ingest_pop(j, line, field, area, year, "total", count);
	}
	if (same_key(tc->traw, tc->tn, type, tn)) {
		memcpy(tcode, tc->tcode, sizeof(tcode));
	} else if (ivp__code_trim(type, tn, tcode, sizeof(tcode)) <= 0 ||
		   !ivp__type_classification(tcode)) {
		ivp__job_fail(j, line, "SoortMisdrijf", "\"%.*s\" is not a SoortMisdrijf code",
			      (int)(tn > 40 ? 40 : tn), type);
		ivp__code(j->ctx, "bad_type_code");
		ivp__hint(j->ctx, "Type keys look like 0.0.0, 1.1.1 (police tables) or CRI3000, T001161 (83648NED).");
		return IVP_EINPUT;
	} else {
		remember(tc->traw, &tc->tn, type, tn);
		memcpy(tc->tcode, tcode, sizeof(tcode));
	}
	return ivp__ingest_fact(j, line, field, area, tcode, period, count, prov);
skip:
	j->res->skipped++;
	return IVP_OK;
}

static ivp_rc missing_col(ivp__job *j, long line, const char *col)
{
	ivp__job_fail(j, line, col, "missing column \"%s\"", col);
	ivp__code(j->ctx, "missing_column");
	ivp__detail(j->ctx, "An OData TypedDataSet of registered crime has the columns ID, SoortMisdrijf, RegioS or WijkenEnBuurten, Perioden and GeregistreerdeMisdrijven_1.");
	ivp__hint(j->ctx, "Download the TypedDataSet with all its dimension columns, or import the file with the command for its table.");
	return IVP_EINPUT;
}

/* Decide the value column from topic columns; another table's file is an error. */
static ivp_rc pick_topic(ivp__job *j, ivp_import_kind kind, long line,
			 const char *const *names, size_t n, tcols *tc)
{
	size_t i;
	int best = -1, besttopic = T_NONE, rank, bestrank = 99;
	const char *other = NULL;

	for (i = 0; i < n; i++) {
		int t = topic_of(names[i]);

		if (t == T_NONE)
			continue;
		if (kind == IVP_IMPORT_CRIME) {
			if (t != T_CRIME) {
				other = names[i];
				continue;
			}
			rank = 0;
		} else {
			if (t == T_CRIME) {
				other = names[i];
				continue;
			}
			/* the figure on 1 January itself beats end-of-period */
			rank = t == T_POP_BEGIN ? 0 : t == T_POP_INW ? 1 :
								       2;
		}
		if (rank < bestrank) {
			bestrank = rank;
			best = (int)i;
			besttopic = t;
		}
	}
	if (best < 0) {
		if (other) {
			ivp__job_fail(j, line, other, "this is a file of another table");
			ivp__code(j->ctx, "other_table");
			ivp__detail(j->ctx, "Its topic column \"%s\" is not %s.", other,
				    kind == IVP_IMPORT_CRIME ? "GeregistreerdeMisdrijven (registered crime)" :
							       "a population count");
			ivp__hint(j->ctx, "Use %s for this file.",
				  kind == IVP_IMPORT_CRIME ? "ivp import population" : "ivp import crime");
			return IVP_EINPUT;
		}
		return missing_col(j, line, kind == IVP_IMPORT_CRIME ? "GeregistreerdeMisdrijven_1" : "BevolkingAanHetEindVanDePeriode_N or AantalInwoners_N");
	}
	tc->value = best;
	tc->topic = besttopic;
	tc->value_name = names[best];
	return IVP_OK;
}

ivp_rc ivp__read_typed_csv(ivp__job *j, FILE *f, ivp_import_kind kind)
{
	static const char *const rnames[] = { "RegioS", "WijkenEnBuurten", "Gemeenten", NULL };
	static const char *const tnames[] = { "SoortMisdrijf", NULL };
	static const char *const pnames[] = { "Perioden", NULL };
	ivp__csv *c = NULL;
	tcols tc;
	const char **names = NULL;
	char **owned = NULL;
	size_t n = 0, i;
	int r;
	ivp_rc rc;

	memset(&tc, 0, sizeof(tc));
	if ((rc = ivp__job_csv(j, f, &c)))
		return rc;
	if (ivp__csv_next(c) <= 0) {
		rc = ivp__job_csv_fail(j, c);
		goto out;
	}
	n = ivp__csv_nfields(c);
	names = calloc(n, sizeof(*names));
	owned = calloc(n, sizeof(*owned));
	if (!names || !owned) {
		rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		owned[i] = ivp__strdup(ivp__csv_field_at(c, i)->p);
		if (!owned[i]) {
			rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
			goto out;
		}
		names[i] = owned[i];
	}
	tc.region = ivp__find_col(c, rnames);
	tc.type = ivp__find_col(c, tnames);
	tc.period = ivp__find_col(c, pnames);
	tc.region_name = tc.region >= 0 ? names[tc.region] : "RegioS";
	if (tc.period < 0 && !period_from_year(j, kind, &tc)) {
		rc = missing_col(j, 1, "Perioden");
		goto out;
	}
	if ((rc = pick_topic(j, kind, 1, names, n, &tc)))
		goto out;
	if (kind == IVP_IMPORT_CRIME && tc.region < 0) {
		rc = missing_col(j, 1, "RegioS");
		goto out;
	}
	if (kind == IVP_IMPORT_CRIME && tc.type < 0) {
		rc = missing_col(j, 1, "SoortMisdrijf");
		goto out;
	}
	while ((r = ivp__csv_next(c)) > 0) {
		const ivp__csv_field *rf, *tf, *pf, *vf;

		if (ivp__csv_blank(c))
			continue;
		if (ivp__csv_nfields(c) != n) {
			rc = ivp__job_fail(j, ivp__csv_line(c), NULL,
					   "this row has %zu fields, the header has %zu",
					   ivp__csv_nfields(c), n);
			ivp__code(j->ctx, "field_count");
			ivp__detail(j->ctx, "Every row of a TypedDataSet has one field per column; a short row means a truncated or edited file.");
			ivp__hint(j->ctx, "Download the data again.");
			goto out;
		}
		rf = tc.region >= 0 ? ivp__csv_field_at(c, (size_t)tc.region) : NULL;
		tf = tc.type >= 0 ? ivp__csv_field_at(c, (size_t)tc.type) : NULL;
		pf = tc.period >= 0 ? ivp__csv_field_at(c, (size_t)tc.period) : NULL;
		vf = ivp__csv_field_at(c, (size_t)tc.value);
		rc = typed_row(j, kind, ivp__csv_line(c), NULL, &tc,
			       rf ? rf->p : NULL, rf ? rf->n : 0,
			       tf ? tf->p : "", tf ? tf->n : 0,
			       pf ? pf->p : tc.year_per, pf ? pf->n : strlen(tc.year_per),
			       vf->p, vf->n, 0);
		if (rc)
			goto out;
		ivp__job_progress(j, ivp__csv_offset(c));
	}
	if (r < 0)
		rc = ivp__job_csv_fail(j, c);
out:
	if (owned)
		for (i = 0; i < n; i++)
			free(owned[i]);
	free(owned);
	free(names);
	ivp__csv_close(c);
	return rc;
}

/* ---- JSON pages ------------------------------------------------------------ */

static const char *json_str(json_t *o, const char *k, size_t *n, int *missing)
{
	json_t *v = json_object_get(o, k);

	*missing = 0;
	if (json_is_string(v)) {
		*n = json_string_length(v);
		return json_string_value(v);
	}
	*n = 0;
	*missing = 1;
	return "";
}

/* A number or a string holding one, as text. */
static const char *json_num(json_t *v, char buf[48], size_t *n, int *missing)
{
	*missing = 0;
	if (json_is_integer(v)) {
		*n = (size_t)snprintf(buf, 48, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);

		if (d >= 0 && d < 1e15 && d == (double)(int64_t)d) {
			*n = (size_t)snprintf(buf, 48, "%lld", (long long)d);
			return buf;
		}
		*n = (size_t)snprintf(buf, 48, "%g", d);
		return buf;
	}
	if (json_is_string(v)) {
		*n = json_string_length(v);
		return json_string_value(v);
	}
	if (json_is_null(v) || !v) {
		*missing = 1;
		*n = 0;
		return "";
	}
	*n = (size_t)snprintf(buf, 48, "(%s)", json_is_object(v) ? "object" : json_is_array(v) ? "array" :
												 "boolean");
	return buf;
}

ivp_rc ivp__odata_page(ivp__job *j, const char *path, int last, const ivp__odata_words *w,
		       json_t **root, json_t **arr)
{
	json_error_t e;
	json_t *next;
	struct stat sb;

	/* the words are translated here: through "%s" the catalogue cannot find them */
	j->path = path;
	*root = *arr = NULL;
	if (stat(path, &sb) == 0 && (size_t)sb.st_size > w->max_bytes) {
		ivp__job_fail(j, 0, NULL, "JSON page larger than %zu MiB", w->max_bytes >> 20);
		ivp__code(j->ctx, "file_too_large");
		ivp__hint(j->ctx, "%s", ivp_msg_tr(ivp_lang(j->ctx), w->too_large_hint));
		return IVP_EINPUT;
	}
	*root = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	if (!*root)
		return ivp__job_json_fail(j, &e, "Give the JSON exactly as the OData API returned it.");
	*arr = json_is_object(*root) ? json_object_get(*root, "value") : NULL;
	if (!json_is_array(*arr)) {
		ivp__job_fail(j, 1, "value", "no \"value\" array");
		ivp__code(j->ctx, "odata_no_value");
		ivp__detail(j->ctx, "%s", ivp_msg_tr(ivp_lang(j->ctx), w->value_detail));
		ivp__hint(j->ctx, "%s", ivp_msg_tr(ivp_lang(j->ctx), w->value_hint));
		goto fail;
	}
	next = json_object_get(*root, "odata.nextLink");
	if (!next)
		next = json_object_get(*root, "@odata.nextLink");
	if (next && last) {
		ivp__job_fail(j, 0, "odata.nextLink", "this page is not the last one");
		ivp__code(j->ctx, "odata_missing_page");
		ivp__detail(j->ctx, w->more_detail, json_is_string(next) ? json_string_value(next) : "?");
		ivp__hint(j->ctx, "%s", ivp_msg_tr(ivp_lang(j->ctx), w->pages_hint));
		goto fail;
	}
	return IVP_OK;
fail:
	json_decref(*root);
	*root = *arr = NULL;
	return IVP_EINPUT;
}

static const ivp__odata_words typed_words = {
	MAX_JSON_BYTES,
	"Use the paged OData download (10,000 rows a page) or the CSV TypedDataSet.",
	"An OData page is an object {\"value\": [...]} with one object per row.",
	"Download the TypedDataSet from the OData API (…/TypedDataSet?$format=json).",
	"odata.nextLink points to more rows (%.200s), and no further page was given.",
	"Download every page and import them together: ivp import crime page1.json page2.json …",
};

static ivp_rc json_page(ivp__job *j, ivp_import_kind kind, const char *path,
			int last, tcols *tc, int *have_cols)
{
	json_t *root, *arr, *o;
	size_t i, n;
	ivp_rc rc;

	if ((rc = ivp__odata_page(j, path, last, &typed_words, &root, &arr)))
		return rc;
	n = json_array_size(arr);
	for (i = 0; i < n; i++) {
		const char *rv, *tv, *pv, *vv;
		size_t rn = 0, tn = 0, pn = 0, vn = 0;
		int rm = 0, tm = 0, pm = 0, vm = 0;
		char buf[48], where[32];

		o = json_array_get(arr, i);
		snprintf(where, sizeof(where), "value[%zu].", i);
		if (!json_is_object(o)) {
			ivp__job_fail(j, 0, where, "row %zu is not an object", i);
			ivp__code(j->ctx, "odata_bad_row");
			rc = IVP_EINPUT;
			goto out;
		}
		if (!*have_cols) {
			/* the first row fixes the columns */
			const char *names[64], *k;
			size_t nn = 0;
			json_t *v;

			json_object_foreach(o, k, v) {
				(void)v;
				if (nn < 64)
					names[nn++] = k;
			}
			tc->region_name = json_object_get(o, "RegioS")		? "RegioS" :
					  json_object_get(o, "WijkenEnBuurten") ? "WijkenEnBuurten" :
					  json_object_get(o, "Gemeenten")	? "Gemeenten" :
										  NULL;
			if (!json_object_get(o, "Perioden") && !period_from_year(j, kind, tc)) {
				rc = missing_col(j, 0, "Perioden");
				goto out;
			}
			if ((rc = pick_topic(j, kind, 0, names, nn, tc)))
				goto out;
			/* names[] point into this page's objects: keep a copy */
			tc->value_name = ivp__strdup(tc->value_name);
			if (!tc->value_name) {
				rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
				goto out;
			}
			*have_cols = 1;
			if (kind == IVP_IMPORT_CRIME && !tc->region_name) {
				rc = missing_col(j, 0, "RegioS");
				goto out;
			}
			if (kind == IVP_IMPORT_CRIME && !json_object_get(o, "SoortMisdrijf")) {
				rc = missing_col(j, 0, "SoortMisdrijf");
				goto out;
			}
		}
		rv = tc->region_name ? json_str(o, tc->region_name, &rn, &rm) : NULL;
		tv = json_str(o, "SoortMisdrijf", &tn, &tm);
		if (tc->year_per[0]) {
			pv = tc->year_per;
			pn = strlen(pv);
		} else {
			pv = json_str(o, "Perioden", &pn, &pm);
		}
		vv = json_num(json_object_get(o, tc->value_name), buf, &vn, &vm);
		if ((tc->region_name && rm) || pm || (kind == IVP_IMPORT_CRIME && tm)) {
			ivp__job_fail(j, 0, where, "row %zu lacks %s", i,
				      pm ? "Perioden" : (tc->region_name && rm) ? tc->region_name :
										  "SoortMisdrijf");
			ivp__code(j->ctx, "odata_bad_row");
			ivp__hint(j->ctx, "Every row needs its dimension keys as strings.");
			rc = IVP_EINPUT;
			goto out;
		}
		rc = typed_row(j, kind, 0, where, tc, rv, rv ? rn : 0, tv, tn, pv, pn,
			       vv, vn, vm);
		if (rc)
			goto out;
	}
out:
	json_decref(root);
	return rc;
}

ivp_rc ivp__read_typed_json(ivp__job *j, const char *const *paths, int n,
			    ivp_import_kind kind)
{
	tcols tc;
	int have = 0, i;
	ivp_rc rc = IVP_OK;

	memset(&tc, 0, sizeof(tc));
	tc.region = tc.type = tc.period = tc.value = -1;
	for (i = 0; i < n && !rc; i++)
		rc = json_page(j, kind, paths[i], i == n - 1, &tc, &have);
	if (have)
		free((char *)tc.value_name);
	j->path = paths[0];
	if (rc && j->ctx->err.file[0] == '\0')
		ivp__where(j->ctx, paths[i - 1], j->ctx->err.line, j->ctx->err.field);
	return rc;
}
