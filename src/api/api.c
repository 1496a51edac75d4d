/*
 * api.c — the handlers of /api/v1/. Each reads its (already checked)
 * parameters, calls the same library function as the matching CLI command
 * and renders the ivp_table with ivp_table_json, so the API and
 * `ivp … --format json` give the same rows.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

int api_private(http_req *r, const char *what)
{
	char det[200];

	if (http_private_ok(r))
		return 0;
	if (r->session && r->session->foreign) { /* another municipality's: it does not exist */
		http_error(r, 404, "not_found", "not found",
			   "There is no such page or object in the municipality you work for.", NULL);
		return -1;
	}
	snprintf(det, sizeof(det), "%s is not public: only signed-in users (the council, partners, staff) may see it.", what);
	http_error(r, 401, "unauthorized", "sign in to see this", det,
		   "Sign in (POST /api/v1/session); published, definitief reports are public.");
	return -1;
}

static void answer(http_req *r, ivp_rc rc, ivp_table *t)
{
	if (rc)
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
	else
		http_table(r, t);
	ivp_table_free(t);
}

static int truthy(const char *v)
{
	return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

void api_areas(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_areas(r->ctx, http_query_get(&r->q, "under"), &t);

	answer(r, rc, t);
}

void api_sources(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_sources(r->ctx, &t);

	if (!rc && !http_private_ok(r)) /* who imported: staff names, not for anonymous readers */
		(void)ivp_table_blank(t, "imported_by");
	answer(r, rc, t);
}

void api_definitions(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_definitions(r->ctx, &t);

	answer(r, rc, t);
}

void api_indicators(http_req *r)
{
	ivp_indicator_query q;
	const char *cmp[32], *v;
	char buf[HTTP_MAX_VALUE + 1];
	ivp_table *t = NULL;
	ivp_rc rc;
	int n = 0;

	memset(&q, 0, sizeof(q));
	q.small_threshold = -1;
	q.area = http_query_get(&r->q, "area");
	(void)http_parse_year(http_query_get(&r->q, "year"), &q.year);
	if ((v = http_query_get(&r->q, "baseline")))
		(void)http_parse_year(v, &q.baseline);
	if ((v = http_query_get(&r->q, "compare"))) {
		char *p, *save = NULL;

		snprintf(buf, sizeof(buf), "%s", v);
		for (p = strtok_r(buf, ",", &save); p && n < 32; p = strtok_r(NULL, ",", &save))
			cmp[n++] = p;
	}
	q.compare = cmp;
	q.ncompare = n;
	q.indicator = http_query_get(&r->q, "indicator");
	q.all_types = truthy(http_query_get(&r->q, "all_types"));
	if ((v = http_query_get(&r->q, "small")))
		q.small_threshold = strtoll(v, NULL, 10); /* HTTP_P_COUNT: digits */
	q.lang = http_query_get(&r->q, "lang");
	rc = ivp_indicators(r->ctx, &q, &t);
	answer(r, rc, t);
}

void api_ranking(http_req *r)
{
	ivp_ranking_query q;
	ivp_table *t = NULL;
	const char *v, *ref[32];
	char buf[HTTP_MAX_VALUE + 1];
	ivp_rc rc;
	int n = 0;

	memset(&q, 0, sizeof(q));
	q.small_threshold = -1;
	q.under = http_query_get(&r->q, "area");
	(void)http_parse_year(http_query_get(&r->q, "year"), &q.year);
	q.level = http_query_get(&r->q, "level");
	q.indicator = http_query_get(&r->q, "indicator");
	if ((v = http_query_get(&r->q, "small")))
		q.small_threshold = strtoll(v, NULL, 10); /* HTTP_P_COUNT: digits */
	if ((v = http_query_get(&r->q, "population_year")))
		(void)http_parse_year(v, &q.population_year);
	if ((v = http_query_get(&r->q, "min_population")))
		q.min_population = strtoll(v, NULL, 10); /* HTTP_P_COUNT; 0: the default */
	if ((v = http_query_get(&r->q, "reference"))) {
		char *p, *save = NULL;

		snprintf(buf, sizeof(buf), "%s", v);
		for (p = strtok_r(buf, ",", &save); p && n < 32; p = strtok_r(NULL, ",", &save))
			ref[n++] = p;
	}
	q.reference = ref;
	q.nreference = n;
	q.lang = http_query_get(&r->q, "lang");
	rc = ivp_ranking(r->ctx, &q, &t);
	answer(r, rc, t);
}

void api_series(http_req *r)
{
	ivp_series_query q;
	ivp_table *t = NULL;
	ivp_rc rc;

	memset(&q, 0, sizeof(q));
	q.area = http_query_get(&r->q, "area");
	q.type = http_query_get(&r->q, "type");
	(void)http_parse_month(http_query_get(&r->q, "from"), &q.from);
	(void)http_parse_month(http_query_get(&r->q, "to"), &q.to);
	if (q.to < q.from) {
		http_error(r, 400, "bad_parameter", "\"to\" lies before \"from\"",
			   "The series runs from the month \"from\" up to and including \"to\".",
			   "Swap the two months.");
		return;
	}
	rc = ivp_series(r->ctx, &q, &t);
	answer(r, rc, t);
}

int api_import_form(http_req *r, ivp_import_kind *kp, ivp_import_opts *op)
{
	static const struct {
		const char *name;
		ivp_import_kind kind;
	} kinds[] = {
		{ "crime", IVP_IMPORT_CRIME },
		{ "population", IVP_IMPORT_POPULATION },
		{ "codes", IVP_IMPORT_CODES },
		{ "long", IVP_IMPORT_LONG },
		{ "groups", IVP_IMPORT_GROUPS },
	};
	const char *kind = http_field(r, "kind"), *year = http_field(r, "year");
	ivp_import_kind k = IVP_IMPORT_AUTO;
	size_t i;

	memset(op, 0, sizeof(*op));
	for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kind, kinds[i].name))
			k = kinds[i].kind;
	if (k == IVP_IMPORT_AUTO || !r->upload_file) {
		http_error(r, 400, "bad_parameter", !r->upload_file ? "the form has no file" : "form field \"kind\" is missing or unknown",
			   "An import needs the fields kind (crime, population, codes, long or groups) and file.",
			   "Send kind=crime and file=@FILE as multipart/form-data.");
		return 400;
	}
	if (year && *year && http_parse_year(year, &op->year)) {
		http_error(r, 400, "bad_parameter", "form field \"year\" has a bad value",
			   "It is not a year such as 2024.", "Give the 1 January year of the population list.");
		return 400;
	}
	op->skip_unknown_regions = truthy(http_field(r, "skip_unknown_regions"));
	op->file_name = r->upload_name; /* recorded, never the temporary path */
	*kp = k;
	return 0;
}

int api_import_run(http_req *r, ivp_import_result *res)
{
	const char *paths[1];
	ivp_import_opts o;
	ivp_import_kind k;
	ivp_rc rc;

	memset(res, 0, sizeof(*res));
	if (api_import_form(r, &k, &o))
		return r->status;
	o.user = r->session ? r->session->user : NULL;
	paths[0] = r->upload_file;
	rc = ivp_import(r->ctx, k, paths, 1, &o, res);
	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return r->status;
	}
	return 0;
}

/*
 * POST /api/v1/imports: the body was stored by the server (server.c) as
 * r->upload_file plus the small fields; authorization was done before any
 * byte of the body was read.
 */
void api_import(http_req *r)
{
	ivp_import_result res;
	json_t *j;

	if (api_import_run(r, &res))
		return;
	j = json_pack("{s:I, s:b, s:s, s:s, s:I, s:I, s:I, s:s}", "import", (json_int_t)res.import_id,
		      "unchanged", res.unchanged, "layout", res.layout, "sha256", res.sha256,
		      "rows", (json_int_t)res.rows, "changed", (json_int_t)res.changed,
		      "unknown_regions", (json_int_t)res.unknown_regions, "note", res.note);
	http_json(r, res.unchanged ? 200 : 201, j ? json_dumps(j, JSON_COMPACT) : NULL);
	json_decref(j);
}
