/*
 * api_plan.c — the plan over HTTP: the latest version as JSON, its
 * progress, its history (GET, public like the published plan) and measure
 * progress updates (POST, an editor's write). Each calls the same library
 * function as the matching CLI command (ivp plan export|progress|history,
 * ivp measure update); updates record the signed-in user as who.
 */
#include <jansson.h>
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

/* The canonical YAML of the plan as a jansson value; NULL when it cannot be converted. */
json_t *api_yaml_json(const char *yaml)
{
	struct fy_document *d = fy_document_build_from_string(NULL, yaml, strlen(yaml));
	char *s = d ? fy_emit_document_to_string(d, FYECF_MODE_JSON_ONELINE) : NULL;
	json_t *j = s ? json_loads(s, 0, NULL) : NULL;

	free(s);
	fy_document_destroy(d);
	return j;
}

void api_plan_public(json_t *plan)
{
	json_t *up, *mo, *pe;
	size_t i, j, k;

	json_array_foreach(json_object_get(plan, "implementation"), i, up)
		json_array_foreach(json_object_get(up, "measures"), j, mo)
			json_array_foreach(json_object_get(mo, "progress"), k, pe) {
				(void)json_object_del(pe, "note"); /* absent when none: nothing to delete */
				(void)json_object_del(pe, "by");
			}
}

void api_plan(http_req *r)
{
	ivp_table *h = NULL;
	char *yaml = NULL;
	json_t *plan, *o;
	ivp_rc rc;
	int n;

	if ((rc = ivp_plan_history(r->ctx, &h)) || (rc = ivp_plan_export(r->ctx, 0, &yaml))) {
		ivp_table_free(h);
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	n = ivp_table_nrows(h);
	plan = api_yaml_json(yaml);
	ivp_free(yaml);
	if (!plan || !n) {
		ivp_table_free(h);
		json_decref(plan);
		http_error(r, 500, "internal_error", "the plan could not be rendered as JSON", "", "");
		return;
	}
	if (!http_private_ok(r))
		api_plan_public(plan);
	o = json_pack("{s:I, s:s, s:o}", "version", (json_int_t)ivp_table_int(h, n - 1, 0),
		      "plan_id", ivp_table_text(h, n - 1, 1) ? ivp_table_text(h, n - 1, 1) : "",
		      "plan", plan);
	ivp_table_free(h);
	http_json(r, 200, o ? json_dumps(o, JSON_COMPACT) : NULL);
	json_decref(o);
}

void api_plan_progress(http_req *r)
{
	static const char *const names[IVP_PROGRESS_NPARTS] = { "goals", "measures", "priorities", "budget" };
	ivp_table *t[IVP_PROGRESS_NPARTS];
	ivp_progress_query q;
	json_t *o = json_object();
	const char *v;
	ivp_rc rc;
	int i, ok = o != NULL;

	memset(&q, 0, sizeof(q));
	if ((v = http_query_get(&r->q, "year")))
		(void)http_parse_year(v, &q.year);
	rc = ivp_plan_progress(r->ctx, &q, t);
	if (rc) {
		json_decref(o);
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	if (!http_private_ok(r)) /* progress notes are not public */
		(void)ivp_table_blank(t[IVP_PROGRESS_MEASURES], "last_note");
	for (i = 0; i < IVP_PROGRESS_NPARTS; i++) {
		char *s = ok ? ivp_table_json(t[i], NULL, 0, IVP_JSON_COMPACT) : NULL;
		json_t *j = s ? json_loads(s, 0, NULL) : NULL;

		ok = ok && j && !json_object_set_new(o, names[i], j);
		free(s);
		ivp_table_free(t[i]);
	}
	http_json(r, 200, ok ? json_dumps(o, JSON_COMPACT) : NULL);
	json_decref(o);
}

/* The history as anonymous readers get it: no authors (staff names), and
 * an update's summary without the note of its progress entry, which it
 * ends with (" note: …", ivp_measure_update). */
static void history_public(http_req *r, ivp_table *t)
{
	char *s, *at;
	json_t *o, *row;
	size_t i;

	(void)ivp_table_blank(t, "by");
	s = ivp_table_json(t, NULL, 0, IVP_JSON_COMPACT);
	o = s ? json_loads(s, 0, NULL) : NULL;
	free(s);
	json_array_foreach(json_object_get(o, "rows"), i, row) {
		const char *sum = json_string_value(json_object_get(row, "summary"));
		const char *kind = json_string_value(json_object_get(row, "kind"));
		char *cut = sum && kind && !strcmp(kind, "update") ? strdup(sum) : NULL;

		if (cut && (at = strstr(cut, " note: "))) {
			*at = '\0';
			(void)json_object_set_new(row, "summary", json_string(cut));
		}
		free(cut);
	}
	http_json(r, 200, o ? json_dumps(o, JSON_COMPACT) : NULL);
	json_decref(o);
}

void api_plan_history(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_plan_history(r->ctx, &t);

	if (rc)
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
	else if (!http_private_ok(r)) /* authors and notes are not public */
		history_public(r, t);
	else
		http_table(r, t);
	ivp_table_free(t);
}

/* "2024=12500,2025=300" into u; -1 with nothing set on a bad item. */
static int parse_spent(const char *v, char *buf, size_t bufsz, ivp_measure_change *u)
{
	char *p, *save = NULL;

	snprintf(buf, bufsz, "%s", v);
	for (p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(p, '='), *end;
		long y = strtol(p, &end, 10);

		if (!eq || end != eq || eq - p != 4 || y < 1900 || y > 2199 || !eq[1] ||
		    u->nspent >= IVP_MEASURE_MAX_SPENT)
			return -1;
		u->spent_year[u->nspent] = (int)y;
		u->spent_amount[u->nspent++] = eq + 1;
	}
	return 0;
}

int api_measure_output(http_req *r, ivp_measure_change *u)
{
	const char *name = http_field(r, "output_name"), *year = http_field(r, "output_year");
	const char *value = http_field(r, "output_value");
	int y = 0;

	if (!(name && *name) && !(value && *value))
		return 0; /* no output figure */
	if (!name || !*name || !value || !*value || !year || http_parse_year(year, &y)) {
		http_error(r, 400, "bad_parameter", "an output figure needs output_name, output_year and output_value",
			   "output_name is one of the measure's outputs, output_year a year such as 2024, output_value the figure.",
			   "Send the three fields together, e.g. output_name=deelnemers&output_year=2024&output_value=260.");
		return -1;
	}
	u->noutputs = 1;
	u->output_name[0] = name;
	u->output_year[0] = y;
	u->output_value[0] = value;
	return 0;
}

void api_measure_progress(http_req *r)
{
	ivp_measure_change u;
	ivp_plan_result res;
	char spent[HTTP_MAX_VALUE + 1];
	const char *v;
	json_t *o;

	memset(&u, 0, sizeof(u));
	u.id = r->path_id;
	u.status = http_field(r, "status");
	u.note = http_field(r, "note");
	u.date = http_field(r, "date");
	u.user = r->session ? r->session->user : NULL;
	if ((v = http_field(r, "spent")) && parse_spent(v, spent, sizeof(spent), &u)) {
		char det[160];

		snprintf(det, sizeof(det), "At most %d items YEAR=AMOUNT such as 2024=12500.",
			 IVP_MEASURE_MAX_SPENT);
		http_error(r, 400, "bad_parameter", "field \"spent\" has a bad value", det,
			   "Separate several years with commas: 2024=12500,2025=3000.");
		return;
	}
	if (api_measure_output(r, &u))
		return;
	if (ivp_measure_update(r->ctx, &u, &res)) {
		const ivp_error *e = ivp_last_error(r->ctx);

		http_ivp_error(r, e->rc, e);
		return;
	}
	o = json_pack("{s:I, s:s, s:s, s:s}", "version", (json_int_t)res.version, "plan_id",
		      res.plan_id, "summary", res.summary, "by", u.user ? u.user : "");
	http_json(r, 200, o ? json_dumps(o, JSON_COMPACT) : NULL);
	json_decref(o);
}
