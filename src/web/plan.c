/*
 * plan.c — the plan page: priority → ambition → goal (status, value,
 * target) → measures (status, budget, spent), from the latest plan version
 * (its YAML as JSON) and ivp_plan_progress; illustrations are labelled.
 * A signed-in user whom the route table lets update measures (asked
 * through http_authorize, the one authorization function) gets a small
 * form per measure; its POST records the progress as `ivp measure update`
 * does and redirects back with a message.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "web/web.h"

/* The row of t whose column col is id; -1 when none. */
static int find_row(const ivp_table *t, const char *col, const char *id)
{
	int c = web_col(t, col), i;

	for (i = 0; id && c >= 0 && i < ivp_table_nrows(t); i++) {
		const char *v = ivp_table_text(t, i, c);

		if (v && !strcmp(v, id))
			return i;
	}
	return -1;
}

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static void illustration(html *h, const char *lang, const json_t *o)
{
	if (!json_is_true(json_object_get(o, "illustration")))
		return;
	html_raw(h, " <span class=\"utrecht-badge-status ivp-badge\">");
	html_text(h, web_t(lang, W_ILLUSTRATION));
	html_raw(h, "</span>");
}

static void th(html *h, const char *lang, web_msg m)
{
	html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, web_t(lang, m));
	html_raw(h, "</th>");
}

static void td(html *h, const char *s)
{
	html_raw(h, "<td class=\"utrecht-table__cell\">");
	html_text(h, s);
	html_raw(h, "</td>");
}

static void goals(html *h, const char *lang, const json_t *plan, const json_t *amb, const ivp_table *g)
{
	const json_t *gs = json_object_get(amb, "goals"), *go;
	char cap[512], b[1024];
	size_t i;

	if (!json_array_size(gs))
		return;
	snprintf(cap, sizeof(cap), web_t(lang, W_GOALS_CAPTION), jstr(amb, "id"));
	html_raw(h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, cap);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	th(h, lang, W_GOAL);
	th(h, lang, W_STATUS);
	th(h, lang, W_VALUE);
	th(h, lang, W_TARGET);
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	json_array_foreach(gs, i, go) {
		int row = find_row(g, "goal", jstr(go, "id"));
		char v[128] = "", t[160] = "";

		html_raw(h, "<tr class=\"utrecht-table__row\" id=\"goal-");
		html_text(h, jstr(go, "id"));
		html_raw(h, "\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(h, jstr(go, "title"));
		illustration(h, lang, go);
		if (jstr(go, "indicator")[0] && jstr(plan, "municipality")[0] &&
		    strncmp(jstr(go, "indicator"), "register:", 9)) {
			/* the goal's page: its indicator's chart with the line from baseline to target
			 * (a register count has no chart: its value, "< 5" included, stands here) */
			html_raw(h, "<br><a class=\"utrecht-link\" href=\"/indicator?area=");
			html_text(h, jstr(plan, "municipality"));
			html_raw(h, "&amp;key=");
			html_text(h, jstr(go, "indicator"));
			html_raw(h, "&amp;goal=");
			html_text(h, jstr(go, "id"));
			html_raw(h, "\">");
			html_text(h, web_t(lang, W_GOAL_CHART_LINK));
			html_raw(h, "</a>");
		}
		html_raw(h, "</th>");
		if (row >= 0) {
			web_cell(g, row, "value", 2, lang, v, sizeof(v));
			if (!web_null(g, row, "year")) {
				snprintf(b, sizeof(b), " (%lld)", (long long)ivp_table_int(g, row, web_col(g, "year")));
				strncat(v, b, sizeof(v) - strlen(v) - 1);
			}
			web_cell(g, row, "target", 2, lang, t, sizeof(t));
			if (!web_null(g, row, "target_year")) {
				snprintf(b, sizeof(b), " (%lld)", (long long)ivp_table_int(g, row, web_col(g, "target_year")));
				strncat(t, b, sizeof(t) - strlen(t) - 1);
			}
			html_raw(h, "<td class=\"utrecht-table__cell\"><strong>");
			html_text(h, web_word(lang, web_cell(g, row, "status", 0, lang, b, sizeof(b))));
			html_raw(h, "</strong><br><span class=\"ivp-reason\">");
			html_text(h, web_cell(g, row, "reason", 0, lang, b, sizeof(b)));
			html_raw(h, "</span></td>");
		} else {
			td(h, "—");
		}
		td(h, v);
		td(h, t);
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></div>");
}

/* Money spent this year, a form of its own (the amount is required there),
 * typed as the page's language writes amounts (12.500 in Dutch). */
static void spent_form(html *h, const char *lang, const http_req *r, const char *id)
{
	char label[160];
	time_t now = time(NULL);
	struct tm tm;
	int year = gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2024;

	snprintf(label, sizeof(label), web_t(lang, W_SPENT_FIELD), year);
	html_raw(h, "<form class=\"ivp-spent-form\" method=\"post\" action=\"/plan/measures/");
	html_text(h, id);
	html_raw(h, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session->csrf);
	html_fmt(h, "\"><input type=\"hidden\" name=\"spent_year\" value=\"%d\">", year);
	html_raw(h, "<div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"spent-");
	html_text(h, id);
	html_raw(h, "\">");
	html_text(h, label);
	html_raw(h, "</label> <input class=\"utrecht-textbox\" type=\"text\" inputmode=\"decimal\" required maxlength=\"20\" name=\"spent\" id=\"spent-");
	html_text(h, id);
	html_raw(h, "\"></div><button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">");
	html_text(h, web_t(lang, W_SAVE_SPENT));
	html_raw(h, "</button></form>");
}

static void measure_form(html *h, const char *lang, const http_req *r, const char *id,
			 const char *current)
{
	static const char *const st[] = { "planned", "running", "done", "stopped" };
	size_t k;

	html_raw(h, "<form class=\"ivp-measure-form\" method=\"post\" action=\"/plan/measures/");
	html_text(h, id);
	html_raw(h, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session->csrf);
	html_raw(h, "\"><div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"status-");
	html_text(h, id);
	html_raw(h, "\">");
	html_text(h, web_t(lang, W_NEW_STATUS));
	html_raw(h, "</label> <select class=\"utrecht-select\" name=\"status\" id=\"status-");
	html_text(h, id);
	html_raw(h, "\">");
	for (k = 0; k < sizeof(st) / sizeof(st[0]); k++) {
		html_fmt(h, "<option value=\"%s\"%s>", st[k],
			 current && !strcmp(current, st[k]) ? " selected" : "");
		html_text(h, web_word(lang, st[k]));
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></div><div class=\"utrecht-form-field\"><label class=\"utrecht-form-label\" for=\"note-");
	html_text(h, id);
	html_raw(h, "\">");
	html_text(h, web_t(lang, W_NOTE));
	html_raw(h, "</label> <input class=\"utrecht-textbox\" type=\"text\" maxlength=\"200\" name=\"note\" id=\"note-");
	html_text(h, id);
	html_raw(h, "\"></div><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(h, web_t(lang, W_SAVE));
	html_raw(h, "</button></form>");
	spent_form(h, lang, r, id);
}

/* Does measure mo work towards a goal of ambition amb? */
static int serves(const json_t *mo, const json_t *amb)
{
	const json_t *g, *ag;
	size_t i, j;

	json_array_foreach(json_object_get(mo, "goals"), i, g)
		json_array_foreach(json_object_get(amb, "goals"), j, ag)
			if (json_is_string(g) && !strcmp(json_string_value(g), jstr(ag, "id")))
				return 1;
	return 0;
}

/* The measures of the plan's implementation plans that serve a goal of amb, as an array (caller decrefs). */
static json_t *measures_of(const json_t *plan, const json_t *amb)
{
	json_t *out = json_array(), *up, *mo;
	size_t i, j;

	json_array_foreach(json_object_get(plan, "implementation"), i, up)
		json_array_foreach(json_object_get(up, "measures"), j, mo)
			if (serves(mo, amb))
				json_array_append(out, mo);
	return out;
}

/* The measure-update route (for asking the one authorization function). */
static const http_route *update_route(const http_req *r)
{
	char allow[64];
	int st = 0;
	const char *p = "/plan/measures/x";

	return http_route_find(r->app, "POST", p, strlen(p), &st, allow, sizeof(allow));
}

/* May this request's user update some measure (the route alone)? */
static int can_update(const http_req *r)
{
	const http_route *rt = update_route(r);

	return r->session && rt && http_authorize(rt, r->session) == 0;
}

/* May this request's user update measure mo (its organisations: the object)? */
static int can_update_measure(http_req *r, const json_t *mo)
{
	const http_route *rt = update_route(r);
	ivp_measure_org orgs;
	http_object o = { .kind = "measure", .id = jstr(mo, "id"), .orgs = &orgs };
	const json_t *p;
	size_t i;

	if (!r->session || !rt)
		return 0;
	memset(&orgs, 0, sizeof(orgs));
	snprintf(orgs.owner, sizeof(orgs.owner), "%s", jstr(mo, "owner"));
	json_array_foreach(json_object_get(mo, "partners"), i, p)
		if (json_is_string(p) && orgs.npartners < IVP_MEASURE_MAX_PARTNERS)
			snprintf(orgs.partners[orgs.npartners++], IVP_ORG_ID_MAX, "%s", json_string_value(p));
	return http_authorize_object(rt, r->session, &o) == 0;
}

static void measures(html *h, const char *lang, http_req *r, const json_t *plan,
		     const json_t *amb, const ivp_table *m, int can_edit)
{
	json_t *ms = measures_of(plan, amb), *mo;
	char cap[512], b[256];
	size_t i;

	if (!json_array_size(ms)) {
		json_decref(ms);
		return;
	}
	snprintf(cap, sizeof(cap), web_t(lang, W_MEASURES_CAPTION), jstr(amb, "id"));
	html_raw(h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, cap);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	th(h, lang, W_MEASURE);
	th(h, lang, W_STATUS);
	th(h, lang, W_BUDGET);
	th(h, lang, W_SPENT);
	th(h, lang, W_LAST_NOTE);
	if (can_edit)
		th(h, lang, W_UPDATE);
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	json_array_foreach(ms, i, mo) {
		const char *id = jstr(mo, "id");
		int row = find_row(m, "measure", id);

		html_raw(h, "<tr class=\"utrecht-table__row\" id=\"measure-");
		html_text(h, id);
		html_raw(h, "\"><th scope=\"row\" class=\"utrecht-table__header-cell\"><a class=\"utrecht-link\" href=\"/plan/measures/");
		html_text(h, id);
		html_raw(h, "\">");
		html_text(h, jstr(mo, "title"));
		html_raw(h, "</a>");
		illustration(h, lang, mo);
		html_raw(h, "</th><td class=\"utrecht-table__cell ivp-measure-status\">");
		html_text(h, row >= 0 ? web_word(lang, web_cell(m, row, "status", 0, lang, b, sizeof(b))) : "");
		html_raw(h, "</td>");
		td(h, row >= 0 ? web_cell(m, row, "budget", 0, lang, b, sizeof(b)) : "");
		td(h, row >= 0 ? web_cell(m, row, "spent", 0, lang, b, sizeof(b)) : "");
		td(h, row >= 0 ? web_cell(m, row, "last_note", 0, lang, b, sizeof(b)) : "");
		if (can_edit) {
			html_raw(h, "<td class=\"utrecht-table__cell\">");
			if (can_update_measure(r, mo))
				measure_form(h, lang, r, id, row >= 0 ? web_cell(m, row, "status", 0, "en", b, sizeof(b)) : NULL);
			else
				html_text(h, web_t(lang, W_MS_NOT_YOURS));
			html_raw(h, "</td>");
		}
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></div>");
	json_decref(ms);
}

void web_plan(http_req *r)
{
	const char *lang = web_lang(r), *done = http_query_get(&r->q, "done"), *year;
	ivp_table *t[IVP_PROGRESS_NPARTS] = { 0 };
	ivp_progress_query q;
	char *yaml = NULL;
	json_t *plan = NULL, *pr, *amb;
	html h = { 0 };
	size_t i, j;
	int edit = can_update(r);

	memset(&q, 0, sizeof(q));
	if ((year = http_query_get(&r->q, "year"))) /* the goals as they stood in that year, as the API's ?year= */
		(void)http_parse_year(year, &q.year);
	if (ivp_plan_export(r->ctx, 0, &yaml) || ivp_plan_progress(r->ctx, &q, t)) {
		ivp_free(yaml);
		web_page_begin(r, &h, lang, web_t(lang, W_PLAN_TITLE));
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_NO_PLAN));
		html_raw(&h, "</p>");
		web_page_end(r, &h, 200);
		return;
	}
	if (!http_private_ok(r)) /* progress notes are not public */
		(void)ivp_table_blank(t[IVP_PROGRESS_MEASURES], "last_note");
	plan = api_yaml_json(yaml);
	ivp_free(yaml);
	web_page_begin(r, &h, lang, plan ? jstr(plan, "title") : web_t(lang, W_PLAN_TITLE));
	if (done && *done) {
		char msg[256];

		snprintf(msg, sizeof(msg), web_t(lang, W_UPDATED), done);
		html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--ok ivp-alert\" role=\"status\"><p class=\"utrecht-paragraph\">");
		html_text(&h, msg);
		html_raw(&h, "</p></div>");
	}
	html_raw(&h, "<p class=\"utrecht-paragraph\">");
	html_text(&h, web_t(lang, W_ILLUSTRATION_NOTE));
	if (!edit) {
		html_raw(&h, " ");
		html_text(&h, web_t(lang, W_EDIT_HINT));
	}
	html_raw(&h, "</p>");
	web_explain(&h, lang, W_STATUS_EXPLAIN_TITLE, W_STATUS_EXPLAIN);
	json_array_foreach(json_object_get(plan, "priorities"), i, pr) {
		html_raw(&h, "<section class=\"ivp-priority\" id=\"priority-");
		html_text(&h, jstr(pr, "id"));
		html_raw(&h, "\"><h2 class=\"utrecht-heading-2\">");
		html_text(&h, jstr(pr, "title"));
		html_raw(&h, "</h2>");
		json_array_foreach(json_object_get(pr, "ambitions"), j, amb) {
			html_raw(&h, "<h3 class=\"utrecht-heading-3\">");
			html_text(&h, web_t(lang, W_AMBITION));
			html_raw(&h, ": ");
			html_text(&h, jstr(amb, "title"));
			html_raw(&h, "</h3>");
			goals(&h, lang, plan, amb, t[IVP_PROGRESS_GOALS]);
			measures(&h, lang, r, plan, amb, t[IVP_PROGRESS_MEASURES], edit);
		}
		html_raw(&h, "</section>");
	}
	json_decref(plan);
	for (i = 0; i < IVP_PROGRESS_NPARTS; i++)
		ivp_table_free(t[i]);
	web_page_end(r, &h, 200);
}

/* The form field an update error belongs to (the library names it as an option). */
static const char *error_field(const ivp_error *e)
{
	static const char *const fields[] = { "status", "note", "spent", "spent_year", "date" };
	size_t i;

	if (e->option && !strcmp(e->field, "output")) /* the output figure: its part by the code */
		return !strcmp(e->code, "unknown_output")	    ? "output_name" :
		       !strcmp(e->code, "plan_year_outside_period") ? "output_year" :
								      "output_value";
	if (e->option)
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			if (!strcmp(e->field, fields[i]))
				return !strcmp(fields[i], "date") ? "" : fields[i];
	if (!strcmp(e->code, "plan_year_outside_period"))
		return "spent_year";
	return "";
}

void web_measure_post(http_req *r)
{
	ivp_measure_change u;
	ivp_plan_result res;
	char where[256];
	const char *st = http_field(r, "status"), *spent = http_field(r, "spent");
	const char *sy = http_field(r, "spent_year"), *back = http_field(r, "back");
	const char *on = http_field(r, "output_name"), *ov = http_field(r, "output_value");
	const char *oy = http_field(r, "output_year");
	const char *lang = web_lang(r); /* the amount is read, and errors written, in the page's language */
	int year = sy && *sy ? (int)strtol(sy, NULL, 10) : 0;
	int oyear = oy && *oy ? (int)strtol(oy, NULL, 10) : 0;

	memset(&u, 0, sizeof(u));
	u.id = r->path_id;
	u.status = st && *st ? st : NULL;
	u.note = http_field(r, "note");
	if (u.note && !*u.note)
		u.note = NULL;
	u.user = r->session ? r->session->user : NULL;
	if (spent && *spent) {
		u.nspent = 1;
		u.spent_year[0] = year;
		u.spent_amount[0] = spent;
	}
	if (ov && *ov) { /* an output figure: the name and the year come from selects */
		u.noutputs = 1;
		u.output_name[0] = on ? on : "";
		u.output_year[0] = oyear;
		u.output_value[0] = ov;
	}
	if ((u.nspent && !year) || (u.noutputs && (!oyear || !on || !*on))) {
		int sp = u.nspent && !year;
		web_measure_form f = { st, http_field(r, "note"), spent, year, on, ov, oyear,
				       sp ? "spent_year" : !on || !*on ? "output_name" :
									 "output_year",
				       web_t(lang, sp ? W_MS_NEED_YEAR : W_MS_NEED_OUTPUT), NULL, 0 };

		web_measure_render(r, 400, &f);
		return;
	}
	if (ivp_measure_update(r->ctx, &u, &res)) {
		const ivp_error *e = ivp_last_error(r->ctx);
		web_measure_form f = { st, http_field(r, "note"), spent, year, on, ov, oyear, error_field(e),
				       e->message, e->hint, 0 };

		if (e->rc != IVP_EINPUT) { /* not the input: the error page */
			http_ivp_error(r, e->rc, e);
			return;
		}
		web_measure_render(r, 400, &f);
		return;
	}
	if (back && !strcmp(back, "measure"))
		snprintf(where, sizeof(where), "/plan/measures/%s?done=1", r->path_id);
	else
		snprintf(where, sizeof(where), "/plan?done=%s#measure-%s", r->path_id, r->path_id);
	web_redirect(r, where);
}
