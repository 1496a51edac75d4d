/*
 * api_plan_edit.c — the plan edited over HTTP, the JSON counterparts of
 * the editor's pages (src/web/plan_edit.c): POST /api/v1/plan/edits (one
 * item's fields, as ivp_plan_edit_apply), POST /api/v1/plan/revert (as
 * ivp plan revert) and GET /api/v1/plan/changes (as ivp plan diff --items).
 * Writes record the signed-in user as author. A refused edit answers 400
 * plan_edit_invalid with a "problems" array naming each field, or 409
 * stale_version when the plan changed after the version the client read.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "ivp/plan_edit.h"

/* The fields an edit may name: those of every object (routes.c declares
 * the same names as the route's form fields). */
static const char *const edit_fields[] = {
	"id", "title", "fields", "cross_cutting", "kind", "indicator", "unit", "direction",
	"baseline.value", "baseline.year", "baseline.margin", "target.value", "target.year",
	"target.margin", "illustration", "note", "priority", "goals", "owner", "partners",
	"start", "end", "status", "budget", "year", "amount", "source", "document", "structural"
};

static void result(http_req *r, const ivp_plan_result *res)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:b}", "version", (json_int_t)res->version, "plan_id",
			      res->plan_id, "summary", res->summary, "unchanged", res->unchanged);

	http_json(r, 200, o ? json_dumps(o, JSON_COMPACT) : NULL);
	json_decref(o);
}

/* 409 for a stale version, 400 with the problems, else the usual error. */
static void refused(http_req *r, const ivp_table *probs)
{
	const ivp_error *e = ivp_last_error(r->ctx);
	json_t *o, *a;
	int i;

	if (!strcmp(e->code, "stale_version")) {
		http_error(r, 409, "stale_version", e->message, e->detail, e->hint);
		return;
	}
	if (!probs) {
		http_ivp_error(r, e->rc, e);
		return;
	}
	a = json_array();
	for (i = 0; a && i < ivp_table_nrows(probs); i++) {
		json_t *p = json_pack("{s:s, s:s, s:s}", "field", ivp_table_text(probs, i, 0) ? ivp_table_text(probs, i, 0) : "",
				      "message", ivp_table_text(probs, i, 1) ? ivp_table_text(probs, i, 1) : "",
				      "code", ivp_table_text(probs, i, 2) ? ivp_table_text(probs, i, 2) : "");

		if (p && ivp_table_text(probs, i, 3))
			json_object_set_new(p, "hint", json_string(ivp_table_text(probs, i, 3)));
		if (!p || json_array_append_new(a, p)) {
			json_decref(a);
			a = NULL;
		}
	}
	o = a ? json_pack("{s:s, s:s, s:s, s:s, s:o}", "code", "plan_edit_invalid", "message", e->message,
			  "detail", e->detail, "hint", e->hint, "problems", a) :
		NULL;
	http_json(r, 400, o ? json_dumps(o, JSON_COMPACT) : NULL);
	json_decref(o);
}

void api_plan_edit(http_req *r)
{
	const char *base = http_field(r, "base"), *remove = http_field(r, "remove");
	ivp_plan_edit e;
	ivp_plan_result res;
	ivp_table *probs = NULL;
	size_t i;

	memset(&e, 0, sizeof(e));
	e.object = http_field(r, "object");
	e.orig = http_field(r, "orig");
	e.parent = http_field(r, "parent");
	e.base = base ? strtoll(base, NULL, 10) : 0;
	e.remove = remove && (!strcmp(remove, "true") || !strcmp(remove, "1"));
	e.user = r->session ? r->session->user : NULL;
	e.summary = http_field(r, "summary");
	e.source = "api";
	for (i = 0; i < sizeof(edit_fields) / sizeof(edit_fields[0]) && e.nfields < IVP_EDIT_MAX_FIELDS; i++) {
		const char *v = http_field(r, edit_fields[i]);

		if (!v)
			continue;
		e.name[e.nfields] = edit_fields[i];
		e.value[e.nfields++] = v;
	}
	if (ivp_plan_edit_apply(r->ctx, &e, &probs, &res)) {
		refused(r, probs);
		ivp_table_free(probs);
		return;
	}
	result(r, &res);
}

void api_plan_revert(http_req *r)
{
	const char *v = http_field(r, "version"), *base = http_field(r, "base");
	ivp_plan_result res;

	if (ivp_plan_revert(r->ctx, v ? strtoll(v, NULL, 10) : 0, base ? strtoll(base, NULL, 10) : 0,
			    r->session ? r->session->user : NULL, &res)) {
		refused(r, NULL);
		return;
	}
	result(r, &res);
}

/* The changes as anonymous readers get them: a progress entry's row keeps
 * that it changed, not its text (date, status, note, author: the notes and
 * who wrote them are not public). */
static void changes_public(http_req *r, const ivp_table *t)
{
	char *s = ivp_table_json(t, NULL, 0, IVP_JSON_COMPACT);
	json_t *o = s ? json_loads(s, 0, NULL) : NULL, *row;
	size_t i;

	free(s);
	json_array_foreach(json_object_get(o, "rows"), i, row) {
		const char *f = json_string_value(json_object_get(row, "field"));

		if (f && !strncmp(f, "progress", 8)) {
			(void)json_object_set_new(row, "old", json_null());
			(void)json_object_set_new(row, "new", json_null());
		}
	}
	http_json(r, 200, o ? json_dumps(o, JSON_COMPACT) : NULL);
	json_decref(o);
}

void api_plan_changes(http_req *r)
{
	const char *a = http_query_get(&r->q, "from"), *b = http_query_get(&r->q, "to");
	ivp_table *t = NULL;
	int64_t latest = 0, to;
	ivp_rc rc;

	if ((rc = ivp_plan_latest(r->ctx, &latest))) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	if (!latest) { /* no plan: the 404 no_plan of export */
		char *y = NULL;

		rc = ivp_plan_export(r->ctx, 0, &y);
		ivp_free(y);
		http_ivp_error(r, rc ? rc : IVP_EINTERNAL, ivp_last_error(r->ctx));
		return;
	}
	to = b ? strtoll(b, NULL, 10) : latest;
	rc = ivp_plan_changes(r->ctx, a ? strtoll(a, NULL, 10) : to > 1 ? to - 1 :
									  to,
			      to, &t);
	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	if (http_private_ok(r))
		http_table(r, t);
	else
		changes_public(r, t);
	ivp_table_free(t);
}
