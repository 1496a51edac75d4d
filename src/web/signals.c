/*
 * signals.c — the pages of the signals register of the ondermijningsoverleg
 * (issue 13, include/ivp/signals.h), NL Design System like every page:
 *
 *   GET  /signalen               the signals the user may see
 *   GET  /signalen/nieuw         the intake form; POST takes the signal in
 *   GET  /signalen/{id}          one signal opened, its weighing and history;
 *                                a member who is not its handler first gets
 *                                the reason form, which POSTs to the same path
 *   GET  /signalen/{id}/weging   the weighing form; POST weighs (and names
 *                                the department handler)
 *   GET  /signalen/overleg       the meetings, their agenda, the forms to add
 *                                a meeting and a signal to an agenda (POST
 *                                /signalen/overleg, /signalen/overleg/agenda)
 *   GET  /signalen/cijfers       the counts without persons, suppressed, the
 *                                rule stated beside them
 *
 * A signal the user may not see is 404 (never 403), as is every page of
 * the register for a non-member (its existence is not shown either). The
 * pages of one signal ask the HTTP side's one authorization first
 * (api_reg_authorize → http_authorize_record), as its API does. An
 * error of a form is shown beside its field (the field the library names),
 * the input kept. The reason travels in POST bodies only, never in a URL.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "ivp/signals.h"
#include "web/web.h"

/* ---- small writers ------------------------------------------------------------------ */

static void para(html *h, const char *text)
{
	html_raw(h, "<p class=\"utrecht-paragraph\">");
	html_text(h, text);
	html_raw(h, "</p>");
}

static void h2(html *h, const char *id, const char *text)
{
	html_fmt(h, "<h2 class=\"utrecht-heading-2\" id=\"%s\">", id);
	html_text(h, text);
	html_raw(h, "</h2>");
}

static void alert(html *h, int ok, const char *text)
{
	html_fmt(h, "<div class=\"utrecht-alert utrecht-alert--%s ivp-alert\" role=\"%s\"><p class=\"utrecht-paragraph\">",
		 ok ? "ok" : "error", ok ? "status" : "alert");
	html_text(h, text);
	html_raw(h, "</p></div>");
}

static void th(html *h, const char *text)
{
	html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, text);
	html_raw(h, "</th>");
}

static void td(html *h, const char *text)
{
	html_raw(h, "<td class=\"utrecht-table__cell\">");
	html_text(h, text);
	html_raw(h, "</td>");
}

/* A date cell: the reader's format, ISO in <time datetime> (web_time). */
static void td_time(html *h, const char *lang, const char *iso)
{
	html_raw(h, "<td class=\"utrecht-table__cell\">");
	web_time(h, lang, iso);
	html_raw(h, "</td>");
}

/* A table right under a heading that already says what it is: no caption repeating it; named
 * by `attr` ("aria-labelledby" the heading's id, or "aria-label" its text) for assistive technology. */
static void table_begin_named(html *h, const char *attr, const char *value)
{
	const char *a = !strcmp(attr, "aria-label") ? "aria-label" : "aria-labelledby";

	html_fmt(h, "<div class=\"ivp-table-wrap\" role=\"region\" tabindex=\"0\" %s=\"", a);
	html_text(h, value);
	html_fmt(h, "\"><table class=\"utrecht-table\" %s=\"", a);
	html_text(h, value);
	html_raw(h, "\"><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
}

static void table_begin(html *h, const char *caption)
{
	html_raw(h, "<div class=\"ivp-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(h, caption);
	html_raw(h, "\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, caption);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
}

static void table_body(html *h)
{
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
}

static void table_end(html *h)
{
	html_raw(h, "</tbody></table></div>");
}

static const char *cell(const ivp_table *t, int row, const char *col)
{
	int c = web_col(t, col);
	const char *s = c >= 0 && row < ivp_table_nrows(t) ? ivp_table_text(t, row, c) : NULL;

	return s ? s : "";
}

static void csrf(http_req *r, html *h)
{
	html_raw(h, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session ? r->session->csrf : "");
	html_raw(h, "\">");
}

static void submenu(html *h, const char *lang)
{
	html_raw(h, "<nav class=\"ivp-subnav\" aria-label=\"");
	html_text(h, web_t(lang, W_SIG_TITLE));
	html_raw(h, "\"><ul class=\"utrecht-unordered-list\"><li class=\"utrecht-unordered-list__item\"><a class=\"utrecht-link\" href=\"/signalen\">");
	html_text(h, web_t(lang, W_SIG_LIST));
	html_raw(h, "</a></li><li class=\"utrecht-unordered-list__item\"><a class=\"utrecht-link\" href=\"/signalen/nieuw\">");
	html_text(h, web_t(lang, W_SIG_NEW));
	html_raw(h, "</a></li><li class=\"utrecht-unordered-list__item\"><a class=\"utrecht-link\" href=\"/signalen/overleg\">");
	html_text(h, web_t(lang, W_SIG_MEETINGS));
	html_raw(h, "</a></li><li class=\"utrecht-unordered-list__item\"><a class=\"utrecht-link\" href=\"/signalen/cijfers\">");
	html_text(h, web_t(lang, W_SIG_COUNTS));
	html_raw(h, "</a></li><li class=\"utrecht-unordered-list__item\"><a class=\"utrecht-link\" href=\"/signalen/verloop\">");
	html_text(h, web_t(lang, W_EXP_LINK));
	html_raw(h, "</a></li></ul></nav>");
}

/* The library's error as a page: 404 for what one may not see, the key's
 * errors as they are, a form's error beside its field (the caller). */
static void lib_error(http_req *r, ivp_rc rc)
{
	http_ivp_error(r, rc, ivp_last_error(r->ctx));
}

/* Is the user a member? Answers 404 (and returns 0) when not. */
static int member_or_404(http_req *r, const char *lang)
{
	int yes = 0;
	ivp_rc rc = ivp_signals_member(r->ctx, &yes);

	if (rc) {
		lib_error(r, rc);
		return 0;
	}
	if (!yes) {
		web_error(r, 404, web_t(lang, W_SIG_NOT_FOUND), "", "");
		return 0;
	}
	return 1;
}

/* ---- form fields --------------------------------------------------------------------- */

typedef struct fstate {
	int posted;
	const char *field, *error; /* the field of the error ("" none) and its text */
} fstate;

static int bad_field(const fstate *f, const char *name)
{
	return f && f->error && f->field && !strcmp(f->field, name);
}

static const char *posted(http_req *r, const fstate *f, const char *name)
{
	const char *v = f && f->posted ? http_field(r, name) : NULL;

	return v ? v : "";
}

/* label, description, error; returns whether the field is in error */
static int field_begin(html *h, const char *lang, const fstate *f, const char *name, web_msg label, int required,
		       web_msg help)
{
	int bad = bad_field(f, name);

	html_fmt(h, "<div class=\"utrecht-form-field%s\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"s-%s\">",
		 bad ? " utrecht-form-field--invalid" : "", name);
	html_text(h, web_t(lang, label));
	if (!required)
		html_text(h, web_t(lang, W_PE_OPTIONAL));
	html_raw(h, "</label></p>");
	if (help) {
		html_fmt(h, "<p class=\"utrecht-form-field-description\" id=\"s-%s-help\">", name);
		html_text(h, web_t(lang, help));
		html_raw(h, "</p>");
	}
	if (bad && f) {
		html_fmt(h, "<p class=\"utrecht-form-field-error-message ivp-field-error\" id=\"s-%s-error\">", name);
		html_text(h, f->error);
		html_raw(h, "</p>");
	}
	return bad;
}

static void field_attrs(html *h, const char *name, int bad, int help, int required)
{
	if (required)
		html_raw(h, " required");
	if (bad)
		html_raw(h, " aria-invalid=\"true\"");
	if (bad || help) {
		html_raw(h, " aria-describedby=\"");
		if (help)
			html_fmt(h, "s-%s-help", name);
		if (bad)
			html_fmt(h, "%ss-%s-error", help ? " " : "", name);
		html_raw(h, "\"");
	}
}

static void text_field(http_req *r, html *h, const char *lang, const fstate *f, const char *name, const char *type,
		       web_msg label, int required, web_msg help)
{
	int bad = field_begin(h, lang, f, name, label, required, help);

	html_fmt(h, "<p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" type=\"%s\" name=\"%s\" id=\"s-%s\"",
		 type, name, name);
	field_attrs(h, name, bad, help != 0, required);
	html_raw(h, " value=\"");
	html_text(h, posted(r, f, name));
	html_raw(h, "\"></p></div>");
}

static void area_field(http_req *r, html *h, const char *lang, const fstate *f, const char *name, web_msg label,
		       int required, web_msg help)
{
	int bad = field_begin(h, lang, f, name, label, required, help);

	html_fmt(h, "<p class=\"utrecht-form-field__input\"><textarea class=\"utrecht-textarea\" name=\"%s\" id=\"s-%s\" rows=\"3\" cols=\"60\"",
		 name, name);
	field_attrs(h, name, bad, help != 0, required);
	html_raw(h, ">");
	html_text(h, posted(r, f, name));
	html_raw(h, "</textarea></p></div>");
}

typedef struct opt {
	const char *key;
	web_msg label;
} opt;

static void select_field(http_req *r, html *h, const char *lang, const fstate *f, const char *name, web_msg label,
			 const opt *opts, int n, int required)
{
	const char *cur = posted(r, f, name);
	int bad = field_begin(h, lang, f, name, label, required, 0), i;

	html_fmt(h, "<p class=\"utrecht-form-field__input\"><select class=\"utrecht-select\" name=\"%s\" id=\"s-%s\"", name,
		 name);
	field_attrs(h, name, bad, 0, required);
	html_raw(h, ">");
	html_raw(h, "<option value=\"\">");
	html_text(h, web_t(lang, required ? W_SIG_CHOOSE : W_SIG_NO_CHOICE));
	html_raw(h, "</option>");
	for (i = 0; i < n; i++) {
		html_fmt(h, "<option value=\"%s\"%s>", opts[i].key, !strcmp(cur, opts[i].key) ? " selected" : "");
		html_text(h, web_t(lang, opts[i].label));
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></p></div>");
}

static void check_field(http_req *r, html *h, const char *lang, const fstate *f, const char *name, web_msg label)
{
	const char *v = posted(r, f, name);

	html_fmt(h, "<div class=\"utrecht-form-field utrecht-form-field--checkbox\"><p class=\"utrecht-form-field__input\">"
		    "<input class=\"utrecht-checkbox\" type=\"checkbox\" name=\"%s\" id=\"s-%s\" value=\"1\"%s></p>"
		    "<p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label utrecht-form-label--checkbox\" for=\"s-%s\">",
		 name, name, *v ? " checked" : "", name);
	html_text(h, web_t(lang, label));
	html_raw(h, "</label></p></div>");
}

static void submit(html *h, const char *lang, web_msg label)
{
	html_raw(h, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(h, web_t(lang, label));
	html_raw(h, "</button>");
}

/* The library's error of a form: message, detail and hint as one text. */
static void form_error(http_req *r, fstate *f, char *buf, size_t n)
{
	const ivp_error *e = ivp_last_error(r->ctx);

	snprintf(buf, n, "%s%s%s%s%s", e->message, e->detail[0] ? ". " : "", e->detail, e->hint[0] ? " " : "", e->hint);
	f->error = buf;
	f->field = e->field;
	f->posted = 1;
}

/* ---- the list -------------------------------------------------------------------------- */

void web_signals(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_table *t = NULL;
	html h = { 0 };
	ivp_rc rc;
	int i;

	if ((rc = ivp_signals_list(r->ctx, lang, &t))) {
		lib_error(r, rc);
		return;
	}
	web_page_begin(r, &h, lang, web_t(lang, W_SIG_TITLE));
	submenu(&h, lang);
	para(&h, web_t(lang, W_SIG_INTRO));
	if (!ivp_table_nrows(t)) {
		para(&h, web_t(lang, W_SIG_NONE));
	} else {
		table_begin(&h, web_t(lang, W_SIG_LIST_CAPTION));
		th(&h, web_t(lang, W_SIG_NUMBER));
		th(&h, web_t(lang, W_SIG_RECEIVED));
		th(&h, web_t(lang, W_SIG_PHENOMENON));
		th(&h, web_t(lang, W_SIG_WIJK));
		th(&h, web_t(lang, W_SIG_STATUS));
		th(&h, web_t(lang, W_SIG_OUTCOME));
		table_body(&h);
		for (i = 0; i < ivp_table_nrows(t); i++) {
			html_raw(&h, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\"><a class=\"utrecht-link\" href=\"/signalen/");
			html_text(&h, cell(t, i, "id"));
			html_raw(&h, "\">");
			html_text(&h, cell(t, i, "id"));
			html_raw(&h, "</a></td>");
			td_time(&h, lang, cell(t, i, "received"));
			td(&h, cell(t, i, "phenomenon"));
			td(&h, cell(t, i, "wijk"));
			td(&h, cell(t, i, "status"));
			td(&h, cell(t, i, "outcome"));
			html_raw(&h, "</tr>");
		}
		table_end(&h);
	}
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}

/* ---- intake ------------------------------------------------------------------------------ */

static const opt sources[] = { { "resident", W_SIG_SRC_RESIDENT }, { "anonymous", W_SIG_SRC_ANONYMOUS }, { "department", W_SIG_SRC_DEPARTMENT }, { "police", W_SIG_SRC_POLICE }, { "partner", W_SIG_SRC_PARTNER } };
static const opt phenomena[] = { { "drugs", W_SIG_PH_DRUGS }, { "money_laundering", W_SIG_PH_MONEY }, { "trafficking", W_SIG_PH_TRAFFICKING }, { "real_estate", W_SIG_PH_REAL_ESTATE }, { "care_fraud", W_SIG_PH_CARE_FRAUD }, { "omg", W_SIG_PH_OMG }, { "other", W_SIG_PH_OTHER } };
static const opt outcomes[] = { { "none", W_SIG_OUT_NONE }, { "department", W_SIG_OUT_DEPARTMENT }, { "riec", W_SIG_OUT_RIEC }, { "police", W_SIG_OUT_POLICE }, { "inquiry", W_SIG_OUT_INQUIRY } };
static const opt departments[] = { { "bibob", W_SIG_DEP_BIBOB },
				   { "enforcement", W_SIG_DEP_ENFORCEMENT },
				   { "permits", W_SIG_DEP_PERMITS },
				   { "other", W_SIG_DEP_OTHER } };

static void intake_page(http_req *r, const char *lang, const fstate *f, int status)
{
	html h = { 0 };

	web_page_begin(r, &h, lang, web_t(lang, W_SIG_NEW));
	submenu(&h, lang);
	if (f && f->error)
		alert(&h, 0, web_t(lang, W_SIG_NOT_SAVED));
	para(&h, web_t(lang, W_SIG_NEW_INTRO));
	html_raw(&h, "<form class=\"ivp-form ivp-signal-form\" method=\"post\" action=\"/signalen/nieuw\">");
	csrf(r, &h);
	text_field(r, &h, lang, f, "received", "text", W_SIG_RECEIVED, 1, W_SIG_DATE_HELP);
	select_field(r, &h, lang, f, "source", W_SIG_SOURCE, sources, 5, 1);
	select_field(r, &h, lang, f, "phenomenon", W_SIG_PHENOMENON, phenomena, 7, 1);
	text_field(r, &h, lang, f, "buurt", "text", W_SIG_BUURT, 0, W_SIG_BUURT_HELP);
	text_field(r, &h, lang, f, "address", "text", W_SIG_ADDRESS, 0, W_SIG_SEALED_HELP);
	area_field(r, &h, lang, f, "description", W_SIG_DESCRIPTION, 1, W_SIG_SEALED_HELP);
	area_field(r, &h, lang, f, "persons", W_SIG_PERSONS, 0, 0);
	area_field(r, &h, lang, f, "companies", W_SIG_COMPANIES, 0, 0);
	submit(&h, lang, W_SIG_TAKE_IN);
	html_raw(&h, "</form>");
	web_page_end(r, &h, status);
}

void web_signal_new(http_req *r)
{
	const char *lang = web_lang(r);

	if (!member_or_404(r, lang))
		return;
	intake_page(r, lang, NULL, 200);
}

void web_signal_new_post(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_signal_in in;
	char id[64], where[96], buf[900];
	fstate f = { 0 };
	ivp_rc rc;

	if (!member_or_404(r, lang))
		return;
	memset(&in, 0, sizeof(in));
	in.received = http_field(r, "received"), in.source = http_field(r, "source");
	in.phenomenon = http_field(r, "phenomenon"), in.buurt = http_field(r, "buurt");
	in.address = http_field(r, "address"), in.description = http_field(r, "description");
	in.persons = http_field(r, "persons"), in.companies = http_field(r, "companies");
	rc = ivp_signal_add(r->ctx, &in, id);
	if (!rc) {
		snprintf(where, sizeof(where), "/signalen/%s", id);
		web_redirect(r, where);
		return;
	}
	if (!ivp_rc_is_user_error(rc) || strncmp(ivp_last_error(r->ctx)->code, "keys", 4) == 0 ||
	    !ivp_last_error(r->ctx)->field[0]) {
		lib_error(r, rc);
		return;
	}
	form_error(r, &f, buf, sizeof(buf));
	intake_page(r, lang, &f, 400);
}

/* ---- one signal ----------------------------------------------------------------------------- */

/* The reason form: asked before a member who is not the handler opens a signal. */
static void reason_page(http_req *r, const char *lang, const char *action, int status)
{
	html h = { 0 };

	web_page_begin(r, &h, lang, web_t(lang, W_SIG_REASON_TITLE));
	submenu(&h, lang);
	para(&h, web_t(lang, W_SIG_REASON_INTRO));
	html_raw(&h, "<form class=\"ivp-form ivp-reason-form\" method=\"post\" action=\"");
	html_text(&h, action);
	html_raw(&h, "\">");
	csrf(r, &h);
	html_raw(&h, "<input type=\"hidden\" name=\"open\" value=\"1\">");
	area_field(r, &h, lang, NULL, "reason", W_SIG_REASON, 1, W_SIG_REASON_HELP);
	submit(&h, lang, W_SIG_OPEN);
	html_raw(&h, "</form>");
	web_page_end(r, &h, status);
}

static void dl_row(html *h, const char *lang, web_msg label, const char *v)
{
	if (!v || !*v)
		return;
	html_raw(h, "<dt class=\"utrecht-data-list__item-key\">");
	html_text(h, web_t(lang, label));
	html_raw(h, "</dt><dd class=\"utrecht-data-list__item-value\">");
	html_lines(h, v); /* a description or a weighing's text of several lines */
	html_raw(h, "</dd>");
}

/* A date (YYYY-MM-DD) or a moment (…THH:MM:SSZ) in lang's words: "2 maart
 * 2026", "1 december 2026 21:48 UTC"; anything else as it is. */
static const char *when(const char *lang, const char *iso, char *buf, size_t n)
{
	char d[64];

	if (!iso || strlen(iso) < 10)
		return iso;
	ivp_format_date(lang, iso, d, sizeof(d));
	if (strlen(iso) >= 16 && iso[10] == 'T')
		snprintf(buf, n, "%s %.5s UTC", d, iso + 11);
	else
		snprintf(buf, n, "%s", d);
	return buf;
}

static const char *yesno(const char *lang, const char *v)
{
	if (!v || !*v)
		return NULL;
	return web_t(lang, strcmp(v, "1") ? W_SIG_NO : W_SIG_YES);
}

/* The reason carried by a form (hidden), so a non-handler's form posts it again. */
static void hidden_reason(html *h, const char *reason)
{
	if (!reason || !*reason)
		return;
	html_raw(h, "<input type=\"hidden\" name=\"reason\" value=\"");
	html_text(h, reason);
	html_raw(h, "\">");
}

static void weigh_form(http_req *r, html *h, const char *lang, const char *id, const char *reason, const fstate *f)
{
	html_raw(h, "<form class=\"ivp-form ivp-weigh-form\" method=\"post\" action=\"/signalen/");
	html_text(h, id);
	html_raw(h, "/weging\">");
	csrf(r, h);
	hidden_reason(h, reason);
	if (f && f->error && (!f->field || !f->field[0]))
		alert(h, 0, f->error);
	text_field(r, h, lang, f, "date", "text", W_SIG_WEIGH_DATE, 1, W_SIG_DATE_HELP);
	html_raw(h, "<fieldset class=\"utrecht-form-fieldset\"><legend class=\"utrecht-form-fieldset__legend\">");
	html_text(h, web_t(lang, W_SIG_CRITERIA));
	html_raw(h, "</legend>");
	check_field(r, h, lang, f, "concrete", W_SIG_CONCRETE);
	check_field(r, h, lang, f, "recent", W_SIG_RECENT);
	check_field(r, h, lang, f, "pattern", W_SIG_PATTERN);
	html_raw(h, "</fieldset>");
	select_field(r, h, lang, f, "outcome", W_SIG_OUTCOME, outcomes, 5, 1);
	select_field(r, h, lang, f, "department", W_SIG_DEPARTMENT, departments, 4, 0);
	text_field(r, h, lang, f, "handler", "text", W_SIG_HANDLER, 0, W_SIG_HANDLER_HELP);
	area_field(r, h, lang, f, "checks", W_SIG_CHECKS, 0, W_SIG_CHECKS_HELP);
	text_field(r, h, lang, f, "followup", "text", W_SIG_FOLLOWUP, 0, W_SIG_DATE_HELP);
	area_field(r, h, lang, f, "result", W_SIG_RESULT, 0, 0);
	submit(h, lang, W_SIG_WEIGH);
	html_raw(h, "</form>");
}

/* The signal's page (show, then its parts), or the reason form / 404. */
static void signal_page(http_req *r, const char *lang, const char *reason, int weigh_only, const fstate *f,
			int status)
{
	ivp_table *t = NULL, *hist = NULL;
	char action[96], title[128], date[96];
	const ivp_error *e;
	html h = { 0 };
	ivp_rc rc;
	int i;

	/* the one authorization first (http_authorize_record); a reason still to
	 * give is the library's reason_required below, which shows the form */
	i = api_reg_authorize(r, IVP__REG_SIGNALS, r->path_id, IVP__REG_READ, reason, 0);
	if (i && i != 403)
		return;
	rc = ivp_signal_show(r->ctx, r->path_id, reason, lang, &t, &hist);
	e = ivp_last_error(r->ctx);
	if (rc == IVP_EINPUT && !strcmp(e->code, "reason_required")) {
		snprintf(action, sizeof(action), "/signalen/%s%s", r->path_id, weigh_only ? "/weging" : "");
		reason_page(r, lang, action, 403);
		return;
	}
	if (rc) {
		lib_error(r, rc);
		return;
	}
	snprintf(title, sizeof(title), "%s %s", web_t(lang, W_SIG_ONE), r->path_id);
	web_page_begin(r, &h, lang, title);
	submenu(&h, lang);
	if (http_query_get(&r->q, "gewogen"))
		alert(&h, 1, web_t(lang, W_SIG_WEIGHED_DONE));
	if (!weigh_only) {
		html_raw(&h, "<dl class=\"utrecht-data-list\">");
		dl_row(&h, lang, W_SIG_RECEIVED, when(lang, cell(t, 0, "received"), date, sizeof(date)));
		dl_row(&h, lang, W_SIG_SOURCE, cell(t, 0, "source"));
		dl_row(&h, lang, W_SIG_PHENOMENON, cell(t, 0, "phenomenon"));
		dl_row(&h, lang, W_SIG_BUURT, cell(t, 0, "buurt"));
		dl_row(&h, lang, W_SIG_WIJK, cell(t, 0, "wijk"));
		dl_row(&h, lang, W_SIG_ADDRESS, cell(t, 0, "address"));
		dl_row(&h, lang, W_SIG_DESCRIPTION, cell(t, 0, "description"));
		dl_row(&h, lang, W_SIG_PERSONS, cell(t, 0, "persons"));
		dl_row(&h, lang, W_SIG_COMPANIES, cell(t, 0, "companies"));
		dl_row(&h, lang, W_SIG_STATUS, cell(t, 0, "status"));
		dl_row(&h, lang, W_SIG_INTAKE, cell(t, 0, "intake"));
		dl_row(&h, lang, W_SIG_HANDLER, cell(t, 0, "handler"));
		html_raw(&h, "</dl>");
		h2(&h, "weging", web_t(lang, W_SIG_WEIGHING));
		if (!cell(t, 0, "weighed")[0]) {
			para(&h, web_t(lang, W_SIG_NOT_WEIGHED));
		} else {
			html_raw(&h, "<dl class=\"utrecht-data-list\">");
			dl_row(&h, lang, W_SIG_WEIGH_DATE, when(lang, cell(t, 0, "weighed"), date, sizeof(date)));
			dl_row(&h, lang, W_SIG_CONCRETE, yesno(lang, cell(t, 0, "concrete")));
			dl_row(&h, lang, W_SIG_RECENT, yesno(lang, cell(t, 0, "recent")));
			dl_row(&h, lang, W_SIG_PATTERN, yesno(lang, cell(t, 0, "pattern")));
			dl_row(&h, lang, W_SIG_OUTCOME, cell(t, 0, "outcome"));
			dl_row(&h, lang, W_SIG_DEPARTMENT, cell(t, 0, "department"));
			dl_row(&h, lang, W_SIG_CHECKS, cell(t, 0, "checks"));
			dl_row(&h, lang, W_SIG_FOLLOWUP, when(lang, cell(t, 0, "followup"), date, sizeof(date)));
			dl_row(&h, lang, W_SIG_RESULT, cell(t, 0, "result"));
			html_raw(&h, "</dl>");
		}
		html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/signalen/");
		html_text(&h, r->path_id);
		html_raw(&h, "/weging\">");
		html_text(&h, web_t(lang, W_SIG_WEIGH));
		html_raw(&h, "</a></p>");
		h2(&h, "geschiedenis", web_t(lang, W_SIG_HISTORY));
		table_begin_named(&h, "aria-labelledby", "geschiedenis");
		th(&h, web_t(lang, W_SIG_STATUS));
		th(&h, web_t(lang, W_SIG_BY));
		th(&h, web_t(lang, W_SIG_AT));
		table_body(&h);
		for (i = 0; i < ivp_table_nrows(hist); i++) {
			html_raw(&h, "<tr class=\"utrecht-table__row\">");
			td(&h, cell(hist, i, "status"));
			td(&h, cell(hist, i, "by"));
			td_time(&h, lang, cell(hist, i, "at"));
			html_raw(&h, "</tr>");
		}
		table_end(&h);
	} else {
		h2(&h, "weging", web_t(lang, W_SIG_WEIGHING));
		para(&h, web_t(lang, W_SIG_WEIGH_INTRO));
		weigh_form(r, &h, lang, r->path_id, reason, f);
	}
	ivp_table_free(t);
	ivp_table_free(hist);
	web_page_end(r, &h, status);
}

void web_signal(http_req *r)
{
	signal_page(r, web_lang(r), NULL, 0, NULL, 200);
}

/* The reason a form gives: reden (http_reason) or reason. */
static const char *form_reason(http_req *r)
{
	const char *v = http_reason(r);

	return v ? v : http_field(r, "reason");
}

void web_signal_open(http_req *r)
{
	signal_page(r, web_lang(r), form_reason(r), 0, NULL, 200);
}

void web_signal_weighing(http_req *r)
{
	signal_page(r, web_lang(r), NULL, 1, NULL, 200);
}

void web_signal_weigh_post(http_req *r)
{
	const char *lang = web_lang(r), *reason = form_reason(r), *handler = http_field(r, "handler");
	const char *m = http_field(r, "meeting");
	ivp_signal_weighing w;
	char where[128], buf[900];
	fstate f = { 0 };
	ivp_rc rc;
	int st;

	/* the reason form of the weighing page posts here with open=1 */
	if (http_field(r, "open")) {
		signal_page(r, lang, reason, 1, NULL, 200);
		return;
	}
	st = api_reg_authorize(r, IVP__REG_SIGNALS, r->path_id, IVP__REG_WRITE, reason, 0);
	if (st && st != 403)
		return; /* 403: the library's reason_required below shows the reason form */
	memset(&w, 0, sizeof(w));
	w.date = http_field(r, "date"), w.outcome = http_field(r, "outcome");
	w.department = http_field(r, "department"), w.checks = http_field(r, "checks");
	w.followup = http_field(r, "followup"), w.result = http_field(r, "result");
	w.concrete = http_field(r, "concrete") != NULL, w.recent = http_field(r, "recent") != NULL;
	w.pattern = http_field(r, "pattern") != NULL;
	w.meeting = m && *m ? strtoll(m, NULL, 10) : 0;
	rc = ivp_signal_weigh(r->ctx, r->path_id, &w, reason);
	if (!rc && handler && *handler)
		rc = ivp_signal_handler(r->ctx, r->path_id, handler, reason);
	if (!rc) {
		snprintf(where, sizeof(where), "/signalen/%s?gewogen=1", r->path_id);
		web_redirect(r, where);
		return;
	}
	if (rc != IVP_EINPUT || !strcmp(ivp_last_error(r->ctx)->code, "reason_required") ||
	    !strncmp(ivp_last_error(r->ctx)->code, "keys", 4)) {
		if (rc == IVP_EINPUT && !strcmp(ivp_last_error(r->ctx)->code, "reason_required")) {
			char action[96];

			snprintf(action, sizeof(action), "/signalen/%s/weging", r->path_id);
			reason_page(r, lang, action, 403);
			return;
		}
		lib_error(r, rc);
		return;
	}
	form_error(r, &f, buf, sizeof(buf));
	signal_page(r, lang, reason, 1, &f, 400);
}

/* ---- the consultation -------------------------------------------------------------------------- */

static void meetings_page(http_req *r, const char *lang, const fstate *f, int status)
{
	ivp_table *m = NULL, *a = NULL;
	html h = { 0 };
	ivp_rc rc;
	int i;

	if ((rc = ivp_signal_meetings(r->ctx, &m)) || (rc = ivp_signal_agenda(r->ctx, 0, lang, &a))) {
		ivp_table_free(m);
		lib_error(r, rc);
		return;
	}
	web_page_begin(r, &h, lang, web_t(lang, W_SIG_MEETINGS));
	submenu(&h, lang);
	if (f && f->error)
		alert(&h, 0, web_t(lang, W_SIG_NOT_SAVED));
	if (!ivp_table_nrows(m)) {
		para(&h, web_t(lang, W_SIG_NO_MEETINGS));
	} else {
		table_begin_named(&h, "aria-label", web_t(lang, W_SIG_MEETINGS)); /* the page's heading says it */
		th(&h, web_t(lang, W_SIG_MEETING));
		th(&h, web_t(lang, W_SIG_DATE));
		th(&h, web_t(lang, W_SIG_ORGS));
		th(&h, web_t(lang, W_SIG_AGENDA));
		table_body(&h);
		for (i = 0; i < ivp_table_nrows(m); i++) {
			int k, first = 1;

			html_raw(&h, "<tr class=\"utrecht-table__row\">");
			td(&h, cell(m, i, "id"));
			td_time(&h, lang, cell(m, i, "date"));
			td(&h, cell(m, i, "orgs"));
			html_raw(&h, "<td class=\"utrecht-table__cell\">");
			for (k = 0; k < ivp_table_nrows(a); k++) {
				if (strcmp(cell(a, k, "meeting"), cell(m, i, "id")))
					continue;
				if (!first)
					html_raw(&h, ", ");
				first = 0;
				html_raw(&h, "<a class=\"utrecht-link\" href=\"/signalen/");
				html_text(&h, cell(a, k, "signal"));
				html_raw(&h, "\">");
				html_text(&h, cell(a, k, "signal"));
				html_raw(&h, "</a>");
			}
			html_raw(&h, "</td></tr>");
		}
		table_end(&h);
	}
	ivp_table_free(a);
	h2(&h, "nieuw-overleg", web_t(lang, W_SIG_MEETING_NEW));
	html_raw(&h, "<form class=\"ivp-form ivp-meeting-form\" method=\"post\" action=\"/signalen/overleg\">");
	csrf(r, &h);
	text_field(r, &h, lang, f, "date", "text", W_SIG_DATE, 1, W_SIG_DATE_HELP);
	text_field(r, &h, lang, f, "orgs", "text", W_SIG_ORGS, 0, W_SIG_ORGS_HELP);
	submit(&h, lang, W_SIG_MEETING_ADD);
	html_raw(&h, "</form>");
	h2(&h, "agenderen", web_t(lang, W_SIG_AGENDA_ADD));
	if (ivp_table_nrows(m)) {
		html_raw(&h, "<form class=\"ivp-form ivp-agenda-form\" method=\"post\" action=\"/signalen/overleg/agenda\">");
		csrf(r, &h);
		text_field(r, &h, lang, f, "meeting", "text", W_SIG_MEETING, 1, 0);
		text_field(r, &h, lang, f, "signal", "text", W_SIG_NUMBER, 1, 0);
		submit(&h, lang, W_SIG_AGENDA_ADD);
		html_raw(&h, "</form>");
	} else {
		para(&h, web_t(lang, W_SIG_NO_MEETINGS));
	}
	ivp_table_free(m);
	web_page_end(r, &h, status);
}

void web_signal_meetings(http_req *r)
{
	const char *lang = web_lang(r);

	if (!member_or_404(r, lang))
		return;
	meetings_page(r, lang, NULL, 200);
}

static void meeting_answer(http_req *r, const char *lang, ivp_rc rc)
{
	char buf[900];
	fstate f = { 0 };

	if (!rc) {
		web_redirect(r, "/signalen/overleg");
		return;
	}
	if (rc != IVP_EINPUT || !ivp_last_error(r->ctx)->field[0]) {
		lib_error(r, rc);
		return;
	}
	form_error(r, &f, buf, sizeof(buf));
	meetings_page(r, lang, &f, 400);
}

void web_signal_meeting_post(http_req *r)
{
	const char *lang = web_lang(r);
	int64_t id = 0;

	if (!member_or_404(r, lang))
		return;
	meeting_answer(r, lang, ivp_signal_meeting_add(r->ctx, http_field(r, "date"), http_field(r, "orgs"), &id));
}

void web_signal_agenda_post(http_req *r)
{
	const char *lang = web_lang(r), *m = http_field(r, "meeting");

	if (!member_or_404(r, lang))
		return;
	meeting_answer(r, lang,
		       ivp_signal_agenda_add(r->ctx, m ? strtoll(m, NULL, 10) : 0, http_field(r, "signal"),
					     form_reason(r)));
}

/* ---- counts ----------------------------------------------------------------------------------------- */

static void counts_table(html *h, const char *lang, const ivp_table *t, web_msg caption)
{
	int i, c;

	table_begin(h, web_t(lang, caption));
	for (c = 0; c < ivp_table_ncols(t); c++) {
		const char *n = ivp_table_colname(t, c);
		int k;

		for (k = 0; k < 5 && strcmp(outcomes[k].key, n); k++)
			;
		th(h, k < 5		       ? web_t(lang, outcomes[k].label) :
		      !strcmp(n, "phenomenon") ? web_t(lang, W_SIG_PHENOMENON) :
		      !strcmp(n, "quarter")    ? web_t(lang, W_SIG_QUARTER) :
		      !strcmp(n, "wijk")       ? web_t(lang, W_SIG_WIJK) :
		      !strcmp(n, "weighed")    ? web_t(lang, W_SIG_WEIGHED_N) :
						 web_t(lang, W_SIG_TOTAL));
	}
	table_body(h);
	for (i = 0; i < ivp_table_nrows(t); i++) {
		html_raw(h, "<tr class=\"utrecht-table__row\">");
		for (c = 0; c < ivp_table_ncols(t); c++) {
			const char *v = ivp_table_text(t, i, c);

			html_raw(h, c ? "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-data\">" :
					"<td class=\"utrecht-table__cell\">");
			html_text(h, v ? v : "");
			html_raw(h, "</td>");
		}
		html_raw(h, "</tr>");
	}
	table_end(h);
}

void web_signal_counts(http_req *r)
{
	const char *lang = web_lang(r);
	static const char *const what[] = { "phenomenon", "quarter", "wijk" };
	static const web_msg caps[] = { W_SIG_COUNT_PH, W_SIG_COUNT_Q, W_SIG_COUNT_WK };
	ivp_table *t[3] = { NULL, NULL, NULL };
	html h = { 0 };
	ivp_rc rc = IVP_OK;
	int i;

	for (i = 0; i < 3 && !rc; i++)
		rc = ivp_signals_counts(r->ctx, what[i], 0, lang, &t[i]);
	if (rc) {
		for (i = 0; i < 3; i++)
			ivp_table_free(t[i]);
		lib_error(r, rc);
		return;
	}
	web_page_begin(r, &h, lang, web_t(lang, W_SIG_COUNTS));
	submenu(&h, lang);
	para(&h, web_t(lang, W_SIG_COUNTS_INTRO));
	html_raw(&h, "<p class=\"utrecht-paragraph ivp-rule\"><strong>");
	html_text(&h, web_t(lang, W_SIG_RULE));
	html_raw(&h, "</strong></p>");
	for (i = 0; i < 3; i++) {
		counts_table(&h, lang, t[i], caps[i]);
		ivp_table_free(t[i]);
	}
	web_page_end(r, &h, 200);
}
