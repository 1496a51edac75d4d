/*
 * measure.c — the page of one measure (`GET /plan/measures/{id}`): what
 * it is (priority, owner and partners by their organisation's name,
 * period, status, budget and spending per year, output figures), its
 * progress entries and its history (who changed what when, from the plan
 * versions: the field-by-field difference of each version with the one
 * before, kept to this measure's fields), and, for whom the one
 * authorization function lets change it (a partner of its owner or
 * partners, an editor, an admin), the form: status, an optional note and
 * the money spent in a year of the plan.
 *
 * The form posts to `POST /plan/measures/{id}` (web_measure_post in
 * plan.c). When the update is refused the page is made again by
 * web_measure_render with what was typed kept and the message beside its
 * field (the NL Design System form-field error pattern: the field marked
 * utrecht-form-field--invalid, the message in
 * utrecht-form-field-error-message, the control aria-invalid and
 * aria-describedby the message); a message that belongs to no field
 * stands above the form as an alert. Notes and the history are not public:
 * anonymous readers see the measure without them.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "web/web.h"

#define HISTORY_MAX 40 /* versions whose difference is shown, newest first */

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* The measure `id` of the plan as JSON (borrowed from plan), or NULL. */
static json_t *find_measure(json_t *plan, const char *id)
{
	json_t *up, *mo;
	size_t i, j;

	json_array_foreach(json_object_get(plan, "implementation"), i, up)
		json_array_foreach(json_object_get(up, "measures"), j, mo)
			if (!strcmp(jstr(mo, "id"), id))
				return mo;
	return NULL;
}

/* The name of organisation id (orgs: ivp_orgs), else the id itself. */
static const char *org_name(const ivp_table *orgs, const char *id)
{
	int i;

	for (i = 0; orgs && i < ivp_table_nrows(orgs); i++)
		if (!strcmp(ivp_table_text(orgs, i, 0), id))
			return ivp_table_text(orgs, i, 1);
	return id;
}

static void dt_dd(html *h, const char *lang, web_msg m, const char *v)
{
	html_raw(h, "<dt>");
	html_text(h, web_t(lang, m));
	html_raw(h, "</dt><dd>");
	html_text(h, v && *v ? v : "—");
	html_raw(h, "</dd>");
}

/* euros from a JSON number, the page's way (€ 12.500) */
static void money(char *out, size_t n, const json_t *v, const char *lang)
{
	if (!json_is_number(v)) {
		snprintf(out, n, "—");
		return;
	}
	ivp_format_money(lang, (int64_t)(json_number_value(v) * 100.0 + 0.5), out, n);
}

/* The table of a year → amount object (budget, spent). */
static void years_table(html *h, const char *lang, const json_t *budget, const json_t *spent)
{
	const char *y;
	json_t *v;
	int years[64], n = 0, i, k;
	char b[64];

	json_object_foreach((json_t *)budget, y, v)
		if (n < 64)
			years[n++] = (int)strtol(y, NULL, 10);
	json_object_foreach((json_t *)spent, y, v) {
		int yy = (int)strtol(y, NULL, 10), dup = 0;

		for (k = 0; k < n; k++)
			dup |= years[k] == yy;
		if (!dup && n < 64)
			years[n++] = yy;
	}
	for (i = 1; i < n; i++) /* a handful: insertion sort */
		for (k = i; k > 0 && years[k - 1] > years[k]; k--) {
			int t = years[k];

			years[k] = years[k - 1];
			years[k - 1] = t;
		}
	html_raw(h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\" id=\"geld\"><caption class=\"utrecht-table__caption\">");
	html_text(h, web_t(lang, W_MS_MONEY_CAPTION));
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, web_t(lang, W_MS_YEAR));
	html_raw(h, "</th><th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, web_t(lang, W_BUDGET));
	html_raw(h, "</th><th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, web_t(lang, W_SPENT));
	html_raw(h, "</th></tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < n; i++) {
		char ys[16];

		snprintf(ys, sizeof(ys), "%d", years[i]);
		html_fmt(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">%d</th>",
			 years[i]);
		money(b, sizeof(b), json_object_get(budget, ys), lang);
		html_raw(h, "<td class=\"utrecht-table__cell\">");
		html_text(h, b);
		money(b, sizeof(b), json_object_get(spent, ys), lang);
		html_raw(h, "</td><td class=\"utrecht-table__cell\">");
		html_text(h, b);
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table></div>");
}

static void progress_list(html *h, const char *lang, const json_t *mo, int private)
{
	const json_t *pe;
	size_t i;

	html_raw(h, "<h2 class=\"utrecht-heading-2\" id=\"voortgang\">");
	html_text(h, web_t(lang, W_MS_PROGRESS));
	html_raw(h, "</h2>");
	if (!json_array_size(json_object_get(mo, "progress"))) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, web_t(lang, W_MS_NO_PROGRESS));
		html_raw(h, "</p>");
		return;
	}
	html_raw(h, "<ul class=\"utrecht-unordered-list\">");
	json_array_foreach(json_object_get(mo, "progress"), i, pe) {
		html_raw(h, "<li class=\"utrecht-unordered-list__item\">");
		html_text(h, jstr(pe, "date"));
		html_raw(h, ": ");
		html_text(h, web_word(lang, jstr(pe, "status")));
		if (private && jstr(pe, "note")[0]) {
			html_raw(h, " — ");
			html_text(h, jstr(pe, "note"));
		}
		if (private && jstr(pe, "by")[0]) {
			html_raw(h, " (");
			html_text(h, jstr(pe, "by"));
			html_raw(h, ")");
		}
		html_raw(h, "</li>");
	}
	html_raw(h, "</ul>");
	if (!private) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, web_t(lang, W_MS_NOTES_SIGNIN));
		html_raw(h, "</p>");
	}
}

/* One version's changes of this measure ("status: planned → running"), as list items; 0 when none. */
static int version_changes(http_req *r, html *h, const char *lang, int64_t v, const char *needle)
{
	ivp_table *d = NULL;
	int i, n = 0, cp, c1, c2, word;

	if (ivp_plan_diff(r->ctx, v - 1, v, &d))
		return 0;
	cp = web_col(d, "path");
	c1 = web_col(d, "v1");
	c2 = web_col(d, "v2");
	for (i = 0; i < ivp_table_nrows(d); i++) {
		const char *p = ivp_table_text(d, i, cp), *at = p ? strstr(p, needle) : NULL;
		const char *a = ivp_table_text(d, i, c1), *b = ivp_table_text(d, i, c2);

		if (!at)
			continue;
		if (!n++)
			html_raw(h, "<ul class=\"utrecht-unordered-list\">");
		html_raw(h, "<li class=\"utrecht-unordered-list__item\"><code>");
		html_text(h, at + strlen(needle));
		html_raw(h, "</code>: ");
		word = strlen(p) >= 6 && !strcmp(p + strlen(p) - 6, "status"); /* a status: in words */
		html_text(h, a && *a ? (word ? web_word(lang, a) : a) : "—");
		html_raw(h, " → ");
		html_text(h, b && *b ? (word ? web_word(lang, b) : b) : "—");
		html_raw(h, "</li>");
	}
	if (n)
		html_raw(h, "</ul>");
	ivp_table_free(d);
	return n;
}

static void history(http_req *r, html *h, const char *lang, const char *id)
{
	ivp_table *t = NULL;
	char needle[160];
	int i, cv, cb, ca, shown = 0;

	html_raw(h, "<section id=\"geschiedenis\" aria-labelledby=\"geschiedenis-kop\"><h2 class=\"utrecht-heading-2\" id=\"geschiedenis-kop\">");
	html_text(h, web_t(lang, W_MS_HISTORY));
	html_raw(h, "</h2>");
	if (ivp_plan_history(r->ctx, &t)) {
		html_raw(h, "<p class=\"utrecht-paragraph\">—</p></section>");
		return;
	}
	snprintf(needle, sizeof(needle), ".measures[%s].", id);
	cv = web_col(t, "version");
	cb = web_col(t, "by");
	ca = web_col(t, "at");
	html_raw(h, "<ol class=\"utrecht-ordered-list ivp-history\" reversed>");
	for (i = ivp_table_nrows(t) - 1; i >= 1 && shown < HISTORY_MAX; i--) {
		int64_t v = ivp_table_int(t, i, cv);
		html pending = { 0 };
		char head[256];

		if (!version_changes(r, &pending, lang, v, needle)) {
			free(pending.p);
			continue;
		}
		snprintf(head, sizeof(head), web_t(lang, W_MS_HISTORY_ITEM), (long long)v, ivp_table_text(t, i, cb),
			 ivp_table_text(t, i, ca));
		html_raw(h, "<li class=\"utrecht-ordered-list__item\">");
		html_text(h, head);
		if (pending.p)
			html_raw(h, pending.p);
		h->oom |= pending.oom;
		free(pending.p);
		html_raw(h, "</li>");
		shown++;
	}
	html_raw(h, "</ol>");
	if (!shown) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, web_t(lang, W_MS_NO_HISTORY));
		html_raw(h, "</p>");
	}
	html_raw(h, "</section>");
	ivp_table_free(t);
}

/* A form field's frame: label, the error beside it (if any); returns 1 when invalid. */
static int field_begin(html *h, const char *lang, const web_measure_form *f, const char *name,
		       web_msg label)
{
	int bad = f && f->error && f->field && !strcmp(f->field, name);

	html_fmt(h, "<div class=\"utrecht-form-field%s\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"f-%s\">",
		 bad ? " utrecht-form-field--invalid" : "", name);
	html_text(h, web_t(lang, label));
	html_raw(h, "</label></p>");
	if (bad) {
		html_fmt(h, "<p class=\"utrecht-form-field-error-message ivp-field-error\" id=\"f-%s-error\">", name);
		html_text(h, f->error);
		if (f->hint && *f->hint) {
			html_raw(h, " ");
			html_text(h, f->hint);
		}
		html_raw(h, "</p>");
	}
	return bad;
}

static void invalid_attrs(html *h, int bad, const char *name)
{
	if (bad)
		html_fmt(h, " aria-invalid=\"true\" aria-describedby=\"f-%s-error\"", name);
}

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;

	return gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2024;
}

static void form(http_req *r, html *h, const char *lang, const json_t *plan, const json_t *mo,
		 const web_measure_form *f)
{
	static const char *const st[] = { "planned", "running", "done", "stopped" };
	const char *cur = f && f->status ? f->status : jstr(mo, "status");
	int from = (int)json_integer_value(json_object_get(plan, "from"));
	int to = (int)json_integer_value(json_object_get(plan, "to"));
	int year = f && f->spent_year ? f->spent_year : this_year(), y, bad;
	size_t k;

	if (year < from || year > to)
		year = year < from ? from : to;
	html_raw(h, "<h2 class=\"utrecht-heading-2\" id=\"bijwerken\">");
	html_text(h, web_t(lang, W_MS_FORM));
	html_raw(h, "</h2>");
	if (f && f->error && (!f->field || !*f->field)) {
		html_raw(h, "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\" role=\"alert\" id=\"f-error\"><p class=\"utrecht-paragraph\">");
		html_text(h, f->error);
		if (f->hint && *f->hint) {
			html_raw(h, " ");
			html_text(h, f->hint);
		}
		html_raw(h, "</p></div>");
	}
	html_raw(h, "<form class=\"ivp-form ivp-measure-page-form\" method=\"post\" action=\"/plan/measures/");
	html_text(h, jstr(mo, "id"));
	html_raw(h, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session->csrf);
	html_raw(h, "\"><input type=\"hidden\" name=\"back\" value=\"measure\">");
	bad = field_begin(h, lang, f, "status", W_NEW_STATUS);
	html_raw(h, "<p class=\"utrecht-form-field__input\"><select class=\"utrecht-select\" name=\"status\" id=\"f-status\"");
	invalid_attrs(h, bad, "status");
	html_raw(h, ">");
	for (k = 0; k < sizeof(st) / sizeof(st[0]); k++) {
		html_fmt(h, "<option value=\"%s\"%s>", st[k], !strcmp(cur, st[k]) ? " selected" : "");
		html_text(h, web_word(lang, st[k]));
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></p></div>");
	bad = field_begin(h, lang, f, "note", W_MS_NOTE_OPTIONAL);
	html_raw(h, "<p class=\"utrecht-form-field__input\"><textarea class=\"utrecht-textarea\" name=\"note\" id=\"f-note\" rows=\"3\" cols=\"60\" maxlength=\"200\"");
	invalid_attrs(h, bad, "note");
	html_raw(h, ">");
	html_text(h, f ? f->note : NULL);
	html_raw(h, "</textarea></p></div>");
	bad = field_begin(h, lang, f, "spent_year", W_MS_SPENT_YEAR);
	html_raw(h, "<p class=\"utrecht-form-field__input\"><select class=\"utrecht-select\" name=\"spent_year\" id=\"f-spent_year\"");
	invalid_attrs(h, bad, "spent_year");
	html_raw(h, ">");
	for (y = from; y <= to && to - from < 20; y++)
		html_fmt(h, "<option value=\"%d\"%s>%d</option>", y, y == year ? " selected" : "", y);
	html_raw(h, "</select></p></div>");
	bad = field_begin(h, lang, f, "spent", W_MS_SPENT_AMOUNT);
	html_raw(h, "<p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" type=\"text\" inputmode=\"decimal\" maxlength=\"20\" name=\"spent\" id=\"f-spent\"");
	invalid_attrs(h, bad, "spent");
	html_raw(h, " value=\"");
	html_text(h, f ? f->spent : NULL);
	html_raw(h, "\"></p></div><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(h, web_t(lang, W_SAVE));
	html_raw(h, "</button></form>");
}

/* May this request's user change measure mo? The one authorization function, on the object. */
static int may_change(http_req *r, const char *id)
{
	char allow[64];
	int st = 0;
	const char *p = "/plan/measures/x";
	const http_route *rt = http_route_find(r->app, "POST", p, strlen(p), &st, allow, sizeof(allow));
	ivp_measure_org orgs;
	http_object o = { .kind = "measure", .id = id, .orgs = &orgs };

	if (!r->session || !rt || ivp_measure_orgs(r->ctx, id, &orgs))
		return 0;
	return http_authorize_object(rt, r->session, &o) == 0;
}

void web_measure_render(http_req *r, int status, const web_measure_form *f)
{
	const char *lang = web_lang(r), *id = r->path_id;
	http_object priv = { .kind = "private", .id = id };
	ivp_table *orgs = NULL;
	char *yaml = NULL, title[512], b[512];
	json_t *plan = NULL, *mo, *v;
	html h = { 0 };
	size_t i;
	int private = http_authorize_object(r->route, r->session, &priv) == 0, edit;

	if (ivp_plan_export(r->ctx, 0, &yaml) || !(plan = api_yaml_json(yaml)) || !(mo = find_measure(plan, id))) {
		ivp_free(yaml);
		json_decref(plan);
		snprintf(b, sizeof(b), web_t(lang, W_MS_UNKNOWN), id);
		web_error(r, 404, b, NULL, web_t(lang, W_MS_UNKNOWN_HINT));
		return;
	}
	ivp_free(yaml);
	edit = may_change(r, id);
	if (ivp_orgs(r->ctx, &orgs))
		orgs = NULL;
	snprintf(title, sizeof(title), web_t(lang, W_MS_TITLE), jstr(mo, "title"));
	web_page_begin(r, &h, lang, title);
	if (f && f->done) {
		html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--ok ivp-alert\" role=\"status\"><p class=\"utrecht-paragraph\">");
		snprintf(b, sizeof(b), web_t(lang, W_UPDATED), id);
		html_text(&h, b);
		html_raw(&h, "</p></div>");
	}
	html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/plan#measure-");
	html_text(&h, id);
	html_raw(&h, "\">");
	html_text(&h, web_t(lang, W_MS_BACK));
	html_raw(&h, "</a>");
	if (json_is_true(json_object_get(mo, "illustration"))) {
		html_raw(&h, " <span class=\"utrecht-badge-status ivp-badge\">");
		html_text(&h, web_t(lang, W_ILLUSTRATION));
		html_raw(&h, "</span>");
	}
	html_raw(&h, "</p><dl class=\"ivp-facts\">");
	dt_dd(&h, lang, W_MS_ID, id);
	dt_dd(&h, lang, W_STATUS, web_word(lang, jstr(mo, "status")));
	dt_dd(&h, lang, W_MS_OWNER, org_name(orgs, jstr(mo, "owner")));
	b[0] = '\0';
	json_array_foreach(json_object_get(mo, "partners"), i, v) {
		if (i)
			strncat(b, ", ", sizeof(b) - strlen(b) - 1);
		strncat(b, org_name(orgs, json_string_value(v) ? json_string_value(v) : ""), sizeof(b) - strlen(b) - 1);
	}
	dt_dd(&h, lang, W_MS_PARTNERS, b);
	snprintf(b, sizeof(b), "%s – %s", jstr(mo, "start"), jstr(mo, "end"));
	dt_dd(&h, lang, W_MS_PERIOD, b);
	html_raw(&h, "</dl>");
	years_table(&h, lang, json_object_get(mo, "budget"), json_object_get(mo, "spent"));
	if (json_array_size(json_object_get(mo, "outputs"))) {
		html_raw(&h, "<h2 class=\"utrecht-heading-2\">");
		html_text(&h, web_t(lang, W_MS_OUTPUTS));
		html_raw(&h, "</h2><ul class=\"utrecht-unordered-list\">");
		json_array_foreach(json_object_get(mo, "outputs"), i, v) {
			html_raw(&h, "<li class=\"utrecht-unordered-list__item\">");
			html_text(&h, jstr(v, "name"));
			html_fmt(&h, " (%d): ", (int)json_integer_value(json_object_get(v, "year")));
			html_num(&h, json_number_value(json_object_get(v, "value")), 0, lang);
			html_raw(&h, "</li>");
		}
		html_raw(&h, "</ul>");
	}
	if (edit)
		form(r, &h, lang, plan, mo, f);
	else if (!r->session) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_MS_SIGNIN));
		html_raw(&h, "</p>");
	}
	progress_list(&h, lang, mo, private);
	if (private)
		history(r, &h, lang, id);
	ivp_table_free(orgs);
	json_decref(plan);
	web_page_end(r, &h, status);
}

void web_measure(http_req *r)
{
	const char *done = http_query_get(&r->q, "done");
	web_measure_form f;

	memset(&f, 0, sizeof(f));
	f.done = done && *done;
	web_measure_render(r, 200, &f);
}
