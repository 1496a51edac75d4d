/*
 * cases.c — the pages of the case register of the Zorg- en
 * Veiligheidshuis (/casussen, include/ivp/cases.h): the list of the cases
 * the signed-in member may see, the registration form, one case with its
 * organisations, life domains, agreements, meetings and notes and a form
 * for each change, and the counts without persons.
 *
 * The library decides every access for the session's user: a case one may
 * not see is the 404 page, as one that does not exist (never 403); when
 * a reason is needed (not the case's handler) the page asks for it with a
 * form that posts to the case (POST /casussen/{id}, field reason) and
 * answers with the case; every form of that page carries the reason on, so
 * each change is audited with it. The reason never travels in a URL (it
 * would land in access logs). Errors stand beside their form field (the
 * NL Design System pattern of measure.c); a BSN with a wrong check digit
 * names the field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "ivp/cases.h"
#include "web/web.h"

#define W(en) web_word(lang, en)

/* What a refused form gets back: the form (op), its field, the message. */
typedef struct cs_form {
	const char *op;	   /* "register" or a change's op */
	const char *field; /* the field the error belongs to, or "" */
	const char *error, *hint;
} cs_form;

static const char *const criteria[][2] = {
	{ "multi_domain", "problems on more than one life domain that lead to crime or nuisance" },
	{ "chains", "several chains (care, safety, justice) are needed" },
	{ "family_system", "impact on the family system" },
	{ "local_safety", "a serious local safety problem" },
};

static const char *const domains[][2] = {
	{ "financien", "Finances" },
	{ "werk_opleiding", "Work and education" },
	{ "tijdsbesteding", "Use of time" },
	{ "huisvesting", "Housing" },
	{ "huiselijke_relaties", "Domestic relations" },
	{ "geestelijke_gezondheid", "Mental health" },
	{ "lichamelijke_gezondheid", "Physical health" },
	{ "middelengebruik", "Substance use" },
	{ "basale_adl", "Basic activities of daily living" },
	{ "instrumentele_adl", "Instrumental activities of daily living" },
	{ "sociaal_netwerk", "Social network" },
	{ "maatschappelijke_participatie", "Participation in society" },
	{ "justitie", "Justice" },
};

static const char *status_word(const char *lang, const char *s)
{
	if (!s)
		return "";
	if (!strcmp(s, "registered"))
		return W("registered");
	if (!strcmp(s, "in_progress"))
		return W("in progress");
	if (!strcmp(s, "closed"))
		return W("closed");
	if (!strcmp(s, "declined"))
		return W("declined");
	return s;
}

static void alert(html *h, const char *cls, const char *text, const char *hint)
{
	html_fmt(h, "<div class=\"utrecht-alert utrecht-alert--%s ivp-alert\" role=\"%s\"><p class=\"utrecht-paragraph\">",
		 cls, !strcmp(cls, "error") ? "alert" : "status");
	html_text(h, text);
	if (hint && *hint) {
		html_raw(h, " ");
		html_text(h, hint);
	}
	html_raw(h, "</p></div>");
}

/* A field's frame with its label and the error beside it; 1 when invalid. */
static int field_begin(html *h, const char *id, const char *label, const cs_form *f, const char *op,
		       const char *name)
{
	int bad = f && f->error && f->op && !strcmp(f->op, op) && f->field && !strcmp(f->field, name);

	html_fmt(h, "<div class=\"utrecht-form-field%s\"><p class=\"utrecht-form-field__label\">"
		    "<label class=\"utrecht-form-label\" for=\"%s\">",
		 bad ? " utrecht-form-field--invalid" : "", id);
	html_text(h, label);
	html_raw(h, "</label></p>");
	if (bad) {
		html_fmt(h, "<p class=\"utrecht-form-field-error-message ivp-field-error\" id=\"%s-error\">", id);
		html_text(h, f->error);
		if (f->hint && *f->hint) {
			html_raw(h, " ");
			html_text(h, f->hint);
		}
		html_raw(h, "</p>");
	}
	return bad;
}

static void input(html *h, const char *id, const char *name, const char *type, const char *value, int bad,
		  int required)
{
	html_fmt(h, "<p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" type=\"%s\" id=\"%s\" name=\"%s\"",
		 type, id, name);
	if (bad)
		html_fmt(h, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", id);
	if (required)
		html_raw(h, " required");
	html_raw(h, " value=\"");
	html_text(h, value);
	html_raw(h, "\"></p></div>");
}

static void textarea(html *h, const char *id, const char *name, const char *value, int bad)
{
	html_fmt(h, "<p class=\"utrecht-form-field__input\"><textarea class=\"utrecht-textarea\" id=\"%s\" name=\"%s\" rows=\"3\" cols=\"60\" maxlength=\"1000\"",
		 id, name);
	if (bad)
		html_fmt(h, " aria-invalid=\"true\" aria-describedby=\"%s-error\"", id);
	html_raw(h, ">");
	html_text(h, value);
	html_raw(h, "</textarea></p></div>");
}

/* A text field: label, error, control. */
static void text_field(html *h, const char *lang, const cs_form *f, const char *op, const char *name,
		       const char *label, const char *type, const char *value, int required)
{
	char id[64];
	int bad;

	snprintf(id, sizeof(id), "f-%s-%s", op, name);
	bad = field_begin(h, id, W(label), f, op, name);
	input(h, id, name, type, value, bad, required);
}

static void form_begin(http_req *r, html *h, const char *action, const char *op, const char *reason)
{
	html_raw(h, "<form class=\"ivp-form\" method=\"post\" action=\"");
	html_text(h, action);
	html_raw(h, "\"><input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session ? r->session->csrf : "");
	html_raw(h, "\">");
	if (op) {
		html_raw(h, "<input type=\"hidden\" name=\"op\" value=\"");
		html_text(h, op);
		html_raw(h, "\">");
	}
	if (reason && *reason) {
		html_raw(h, "<input type=\"hidden\" name=\"reason\" value=\"");
		html_text(h, reason);
		html_raw(h, "\">");
	}
}

/* A change form under its own heading (title: already in the page's language). */
static void titled_form(http_req *r, html *h, const char *title, const char *action, const char *op,
			const char *reason)
{
	html_raw(h, "<h3 class=\"utrecht-heading-3\">");
	html_text(h, title);
	html_raw(h, "</h3>");
	form_begin(r, h, action, op, reason);
}

static void form_end(html *h, const char *lang, const char *button)
{
	html_raw(h, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(h, W(button));
	html_raw(h, "</button></form>");
}

/* The columns of the case tables that hold a date (ISO in the library's rows). */
static int is_date_col(const char *col)
{
	static const char *const dates[] = { "registered", "joined", "left", "date", "closed" };
	size_t i;

	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		if (!strcmp(col, dates[i]))
			return 1;
	return 0;
}

/* A table of t's columns cols (names) with headers heads (English); dates in the reader's format. */
static void table(html *h, const char *lang, const char *caption, const ivp_table *t, const char *const *cols,
		  const char *const *heads, int link_col)
{
	int r, k, n;

	for (n = 0; cols[n]; n++)
		;
	html_raw(h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, W(caption));
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	for (k = 0; k < n; k++) {
		html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
		html_text(h, W(heads[k]));
		html_raw(h, "</th>");
	}
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (r = 0; r < ivp_table_nrows(t); r++) {
		html_raw(h, "<tr class=\"utrecht-table__row\">");
		for (k = 0; k < n; k++) {
			static _Thread_local char buf[8400];
			int c = web_col(t, cols[k]);
			const char *v = c >= 0 ? web_cell(t, r, cols[k], 0, lang, buf, sizeof(buf)) : "";

			html_raw(h, "<td class=\"utrecht-table__cell\">");
			if (!strcmp(cols[k], "status"))
				v = status_word(lang, v);
			else if (!strcmp(cols[k], "done"))
				v = !strcmp(v, "1") ? W("yes") : !strcmp(v, "0") ? W("no") :
										   v;
			else if (!strcmp(cols[k], "kind") && !strcmp(v, "note"))
				v = web_t(lang, W_CS_086); /* its form's word ("Notitie"), not the column's "toelichting" */
			else if (!strcmp(cols[k], "kind") || !strcmp(cols[k], "role"))
				v = W(v);	  /* agreement, meeting; handler, participant */
			if (is_date_col(cols[k])) /* the reader's format; ISO in <time datetime> */
				web_time(h, lang, v);
			else if (k == link_col) {
				html_raw(h, "<a class=\"utrecht-link\" href=\"/casussen/");
				html_text(h, v);
				html_raw(h, "\">");
				html_text(h, v);
				html_raw(h, "</a>");
			} else
				html_lines(h, v); /* a note of several lines */
			html_raw(h, "</td>");
		}
		html_raw(h, "</tr>");
	}
	html_raw(h, "</tbody></table></div>");
}

/* ---- the list ----------------------------------------------------------------------- */

void web_cases(http_req *r)
{
	static const char *const cols[] = { "id", "registered", "status", "org", "director", "wijk", "role", NULL };
	static const char *const heads[] = { "Case", "Registered", "Status", "Organisation", "Process director",
					     "Wijk", "Your role", NULL };
	const char *lang = web_lang(r);
	ivp_table *t = NULL;
	html h = { 0 };

	if (ivp_cases_list(r->ctx, &t)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return;
	}
	web_page_begin(r, &h, lang, W("Cases of the Zorg- en Veiligheidshuis"));
	html_raw(&h, "<p class=\"utrecht-paragraph\">");
	html_text(&h, W("You see the cases your organisation takes part in and those you direct. Every case you open is recorded in the audit trail."));
	html_raw(&h, "</p><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/casussen/nieuw\">");
	html_text(&h, W("Register a case"));
	html_raw(&h, "</a> · <a class=\"utrecht-link\" href=\"/casussen/tellingen\">");
	html_text(&h, W("Counts without persons"));
	html_raw(&h, "</a> · <a class=\"utrecht-link\" href=\"/casussen/verloop\">");
	html_text(&h, web_t(lang, W_EXP_LINK));
	html_raw(&h, "</a></p>");
	if (!ivp_table_nrows(t)) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, W("There are no cases for you."));
		html_raw(&h, "</p>");
	} else
		table(&h, lang, "Cases", t, cols, heads, 0);
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}

/* ---- registration -------------------------------------------------------------------- */

/* Is the checkbox of criterion key (field c_KEY) ticked? */
static int checked(http_req *r, const char *key)
{
	char name[40];
	const char *v;

	snprintf(name, sizeof(name), "c_%s", key);
	v = http_field(r, name);
	return v && !strcmp(v, "1");
}

static void register_page(http_req *r, int status, const cs_form *f)
{
	const char *lang = web_lang(r);
	html h = { 0 };
	size_t k;
	int bad;

	web_page_begin(r, &h, lang, W("Register a case"));
	if (f && f->error && (!f->field || !*f->field))
		alert(&h, "error", f->error, f->hint);
	form_begin(r, &h, "/casussen", NULL, NULL);
	text_field(&h, lang, f, "register", "name", "Name", "text", http_field(r, "name"), 1);
	text_field(&h, lang, f, "register", "birth", "Date of birth (YYYY-MM-DD)", "text", http_field(r, "birth"), 1);
	text_field(&h, lang, f, "register", "bsn", "BSN (citizen service number)", "text", http_field(r, "bsn"), 1);
	text_field(&h, lang, f, "register", "address", "Address", "text", http_field(r, "address"), 0);
	text_field(&h, lang, f, "register", "wijk", "Wijk or buurt code (e.g. WK192601)", "text", http_field(r, "wijk"), 0);
	bad = field_begin(&h, "f-register-reason", W("Reason for registering"), f, "register", "reason");
	textarea(&h, "f-register-reason", "reason", http_field(r, "reason"), bad);
	bad = field_begin(&h, "f-register-goal", W("Goal of the case consultation"), f, "register", "goal");
	textarea(&h, "f-register-goal", "goal", http_field(r, "goal"), bad);
	bad = f && f->error && f->field && !strcmp(f->field, "criteria");
	html_fmt(&h, "<fieldset class=\"utrecht-form-fieldset%s\"%s><legend class=\"utrecht-form-fieldset__legend\">",
		 bad ? " utrecht-form-fieldset--invalid" : "", bad ? " aria-describedby=\"f-register-criteria-error\"" : "");
	html_text(&h, W("Complexity criteria met"));
	html_raw(&h, "</legend>");
	if (bad) {
		html_raw(&h, "<p class=\"utrecht-form-field-error-message ivp-field-error\" id=\"f-register-criteria-error\">");
		html_text(&h, f->error);
		html_raw(&h, "</p>");
	}
	for (k = 0; k < sizeof(criteria) / sizeof(criteria[0]); k++) {
		html_fmt(&h, "<div class=\"utrecht-form-field utrecht-form-field--checkbox\"><p class=\"utrecht-form-field__input\">"
			     "<input class=\"utrecht-checkbox\" type=\"checkbox\" id=\"f-register-criteria-%s\" name=\"c_%s\" value=\"1\"%s>"
			     "</p><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"f-register-criteria-%s\">",
			 criteria[k][0], criteria[k][0], checked(r, criteria[k][0]) ? " checked" : "", criteria[k][0]);
		html_text(&h, W(criteria[k][1]));
		html_raw(&h, "</label></p></div>");
	}
	html_raw(&h, "</fieldset>");
	text_field(&h, lang, f, "register", "director", "Process director (user name, optional)", "text",
		   http_field(r, "director"), 0);
	text_field(&h, lang, f, "register", "registered", "Registration date (YYYY-MM-DD; empty: today)", "text",
		   http_field(r, "registered"), 0);
	html_raw(&h, "<div class=\"utrecht-form-field utrecht-form-field--checkbox\"><p class=\"utrecht-form-field__input\">"
		     "<input class=\"utrecht-checkbox\" type=\"checkbox\" id=\"f-register-duplicate_ok\" name=\"duplicate_ok\" value=\"1\">"
		     "</p><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"f-register-duplicate_ok\">");
	html_text(&h, W("Register even if this person has an open case"));
	html_raw(&h, "</label></p></div>");
	form_end(&h, lang, "Register");
	web_page_end(r, &h, status);
}

void web_case_new(http_req *r)
{
	register_page(r, 200, NULL);
}

/* The form field an error of the library belongs to ("" none). */
static const char *error_field(const ivp_error *e)
{
	return e->option && e->field[0] ? e->field : "";
}

void web_case_add(http_req *r)
{
	const char *d = http_field(r, "duplicate_ok");
	char id[IVP_CASE_ID_MAX], where[64], crit[96] = "";
	size_t k;
	ivp_case_new n;
	int dup = 0;

	(void)web_lang(r); /* first: the library answers in the page's language */
	memset(&n, 0, sizeof(n));
#define F(x) (http_field(r, x) && *http_field(r, x) ? http_field(r, x) : NULL)
	n.registered = F("registered");
	n.reason = F("reason");
	for (k = 0; k < sizeof(criteria) / sizeof(criteria[0]); k++)
		if (checked(r, criteria[k][0]))
			snprintf(crit + strlen(crit), sizeof(crit) - strlen(crit), "%s%s", crit[0] ? "," : "", criteria[k][0]);
	n.criteria = crit;
	n.name = F("name");
	n.birth = F("birth");
	n.bsn = F("bsn");
	n.address = F("address");
	n.goal = F("goal");
	n.wijk = F("wijk");
	n.director = F("director");
	n.duplicate_ok = d && !strcmp(d, "1");
	if (ivp_case_add(r->ctx, &n, id, &dup)) {
		const ivp_error *e = ivp_last_error(r->ctx);
		cs_form f = { "register", error_field(e), e->message, e->hint };

		if (e->rc != IVP_EINPUT) {
			http_ivp_error(r, e->rc, e);
			return;
		}
		register_page(r, 400, &f);
		return;
	}
	snprintf(where, sizeof(where), "/casussen/%s", id);
	web_redirect(r, where);
}

/* ---- one case ------------------------------------------------------------------------- */

static const char *fieldv(const ivp_table *f, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_nrows(f); i++)
		if (!strcmp(ivp_table_text(f, i, 0), name))
			return ivp_table_text(f, i, 1);
	return NULL;
}

/* The criteria keys ("multi_domain,chains") as their words, "; " between. */
static const char *criteria_words(const char *lang, const char *keys, char *buf, size_t n)
{
	size_t k, used = 0;

	buf[0] = 0;
	for (k = 0; keys && k < sizeof(criteria) / sizeof(criteria[0]); k++) {
		const char *p = strstr(keys, criteria[k][0]);
		size_t len = strlen(criteria[k][0]);

		if (p && (p == keys || p[-1] == ',') && (p[len] == ',' || !p[len]))
			used += (size_t)snprintf(buf + used, used < n ? n - used : 0, "%s%s", used ? "; " : "",
						 W(criteria[k][1]));
		if (used >= n)
			break;
	}
	return buf[0] ? buf : keys;
}

/* A date YYYY-MM-DD in words ("17 mei 1990"); NULL or "" as it is. */
static const char *day(const char *lang, const char *iso, char *buf, size_t n)
{
	if (!iso || !*iso)
		return iso;
	ivp_format_date(lang, iso, buf, n);
	return buf;
}

static void dt(html *h, const char *lang, const char *label, const char *v)
{
	html_raw(h, "<dt>");
	html_text(h, W(label));
	html_raw(h, "</dt><dd>");
	html_lines(h, v && *v ? v : "–"); /* a reason or goal of several lines */
	html_raw(h, "</dd>");
}

static void reason_page(http_req *r, const char *id, const cs_form *f)
{
	const char *lang = web_lang(r);
	char action[64], title[128];
	html h = { 0 };
	int bad;

	snprintf(title, sizeof(title), "%s %s", W("Case"), id);
	web_page_begin(r, &h, lang, title);
	html_raw(&h, "<p class=\"utrecht-paragraph\">");
	html_text(&h, W("You are not the process director of this case nor the member who registered it. Say why you open it: the reason is recorded with your access in the audit trail."));
	html_raw(&h, "</p>");
	snprintf(action, sizeof(action), "/casussen/%s", id);
	form_begin(r, &h, action, NULL, NULL);
	bad = field_begin(&h, "f-open-reason", W("Reason for opening this case"), f, "open", "reason");
	textarea(&h, "f-open-reason", "reason", NULL, bad);
	form_end(&h, lang, "Open the case");
	web_page_end(r, &h, 200);
}

/* The value of the person form's field name: what was typed when that form
 * was refused, else the case's current value (the reader sees it already). */
static const char *person_value(http_req *r, const ivp_table *fs, const cs_form *f, const char *name)
{
	if (f && f->op && !strcmp(f->op, "person"))
		return http_field(r, name);
	return fieldv(fs, name);
}

/* "Correct the person": the four fields prefilled, each error beside its field. */
static void person_form(http_req *r, html *h, const char *lang, const char *action, const char *reason,
			const ivp_table *fs, const cs_form *f)
{
	titled_form(r, h, W("Correct the person"), action, "person", reason);
	text_field(h, lang, f, "person", "name", "Name", "text", person_value(r, fs, f, "name"), 1);
	text_field(h, lang, f, "person", "birth", "Date of birth (YYYY-MM-DD)", "text", person_value(r, fs, f, "birth"), 1);
	text_field(h, lang, f, "person", "bsn", "BSN (citizen service number)", "text", person_value(r, fs, f, "bsn"), 1);
	text_field(h, lang, f, "person", "address", "Address", "text", person_value(r, fs, f, "address"), 0);
	form_end(h, lang, "Save the correction");
}

static void change_forms(http_req *r, html *h, const char *lang, const char *id, const char *reason,
			 const ivp_table *fs, const cs_form *f)
{
	char action[64];
	size_t k;
	int bad;

	snprintf(action, sizeof(action), "/casussen/%s", id);
	html_raw(h, "<h2 class=\"utrecht-heading-2\">");
	html_text(h, W("Changes"));
	html_raw(h, "</h2>");
	if (f && f->error && (!f->field || !*f->field))
		alert(h, "error", f->error, f->hint);

	person_form(r, h, lang, action, reason, fs, f);

	titled_form(r, h, W("Score a life domain"), action, "domain", reason);
	bad = field_begin(h, "f-domain-domain", W("Life domain"), f, "domain", "domain");
	html_fmt(h, "<p class=\"utrecht-form-field__input\"><select class=\"utrecht-select\" id=\"f-domain-domain\" name=\"domain\"%s>",
		 bad ? " aria-invalid=\"true\" aria-describedby=\"f-domain-domain-error\"" : "");
	for (k = 0; k < sizeof(domains) / sizeof(domains[0]); k++) {
		html_fmt(h, "<option value=\"%s\">", domains[k][0]);
		html_text(h, W(domains[k][1]));
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></p></div>");
	bad = field_begin(h, "f-domain-score", W("Score (1 acute problems – 5 fully self-reliant)"), f, "domain", "score");
	html_fmt(h, "<p class=\"utrecht-form-field__input\"><select class=\"utrecht-select\" id=\"f-domain-score\" name=\"score\"%s>",
		 bad ? " aria-invalid=\"true\" aria-describedby=\"f-domain-score-error\"" : "");
	for (k = 1; k <= 5; k++)
		html_fmt(h, "<option value=\"%zu\">%zu</option>", k, k);
	html_raw(h, "</select></p></div>");
	form_end(h, lang, "Save the score");

	titled_form(r, h, W("Add an agreement"), action, "agreement", reason);
	text_field(h, lang, f, "agreement", "org", "Owner organisation", "text", NULL, 1);
	text_field(h, lang, f, "agreement", "date", "Deadline (YYYY-MM-DD)", "text", NULL, 1);
	bad = field_begin(h, "f-agreement-text", W("Agreement"), f, "agreement", "text");
	textarea(h, "f-agreement-text", "text", NULL, bad);
	form_end(h, lang, "Add the agreement");

	titled_form(r, h, W("Mark an agreement done"), action, "agreement_done", reason);
	text_field(h, lang, f, "agreement_done", "n", "Number of the agreement", "text", NULL, 1);
	form_end(h, lang, "Mark done");

	titled_form(r, h, W("Record a meeting"), action, "meeting", reason);
	text_field(h, lang, f, "meeting", "date", "Date (YYYY-MM-DD)", "text", NULL, 1);
	text_field(h, lang, f, "meeting", "orgs", "Organisations present (comma-separated)", "text", NULL, 1);
	bad = field_begin(h, "f-meeting-text", W("Notes"), f, "meeting", "text");
	textarea(h, "f-meeting-text", "text", NULL, bad);
	form_end(h, lang, "Record the meeting");

	titled_form(r, h, W("Add a note"), action, "note", reason);
	bad = field_begin(h, "f-note-text", W("Note"), f, "note", "text");
	textarea(h, "f-note-text", "text", NULL, bad);
	html_raw(h, "<div class=\"utrecht-form-field utrecht-form-field--checkbox\"><p class=\"utrecht-form-field__input\">"
		    "<input class=\"utrecht-checkbox\" type=\"checkbox\" id=\"f-note-own_org\" name=\"own_org\" value=\"1\">"
		    "</p><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"f-note-own_org\">");
	html_text(h, W("Only my organisation may read this note"));
	html_raw(h, "</label></p></div>");
	form_end(h, lang, "Add the note");

	titled_form(r, h, W("Organisations"), action, "org_add", reason);
	text_field(h, lang, f, "org_add", "org", "Organisation that joins", "text", NULL, 1);
	form_end(h, lang, "Add the organisation");
	form_begin(r, h, action, "org_leave", reason);
	text_field(h, lang, f, "org_leave", "org", "Organisation that leaves", "text", NULL, 1);
	form_end(h, lang, "Record that it leaves");

	titled_form(r, h, W("Process director"), action, "director", reason);
	text_field(h, lang, f, "director", "user", "User name of the process director", "text", NULL, 1);
	form_end(h, lang, "Set the process director");

	titled_form(r, h, W("Status"), action, "status", reason);
	bad = field_begin(h, "f-status-status", W("New status"), f, "status", "status");
	html_fmt(h, "<p class=\"utrecht-form-field__input\"><select class=\"utrecht-select\" id=\"f-status-status\" name=\"status\"%s>",
		 bad ? " aria-invalid=\"true\" aria-describedby=\"f-status-status-error\"" : "");
	html_raw(h, "<option value=\"in_progress\">");
	html_text(h, W("in progress"));
	html_raw(h, "</option><option value=\"closed\">");
	html_text(h, W("closed"));
	html_raw(h, "</option><option value=\"declined\">");
	html_text(h, W("declined"));
	html_raw(h, "</option></select></p></div>");
	bad = field_begin(h, "f-status-text", W("Reason for closing or declining"), f, "status", "text");
	textarea(h, "f-status-text", "text", NULL, bad);
	form_end(h, lang, "Change the status");
}

static void case_page(http_req *r, const char *reason, const cs_form *f, int status)
{
	static const char *const oc[] = { "org", "joined", "left", NULL }, *const oh[] = { "Organisation", "Joined", "Left", NULL };
	static const char *const dc[] = { "name", "score", "user", "date", NULL },
				 *const dh[] = { "Life domain", "Score", "By", "Date", NULL };
	static const char *const ec[] = { "n", "kind", "date", "org", "orgs", "user", "done", "text", NULL },
				 *const eh[] = { "No.", "Kind", "Date", "Organisation", "Present", "By", "Done", "Text", NULL };
	const char *lang = web_lang(r), *id = r->path_id;
	ivp_table *fs, *o, *d, *e;
	char title[128], crit[512], date[64];
	html h = { 0 };

	if (ivp_case_show(r->ctx, id, reason, &fs, &o, &d, &e)) {
		const ivp_error *err = ivp_last_error(r->ctx);

		if (!strcmp(err->code, "case_reason_required")) {
			reason_page(r, id, NULL);
			return;
		}
		if (err->rc == IVP_ENOTFOUND) {
			web_error(r, 404, err->message, err->detail, NULL);
			return;
		}
		http_ivp_error(r, err->rc, err);
		return;
	}
	snprintf(title, sizeof(title), "%s %s", W("Case"), id);
	web_page_begin(r, &h, lang, title);
	if (!f && http_field(r, "op"))
		alert(&h, "ok", W("The change is saved."), NULL);
	html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/casussen\">");
	html_text(&h, W("All cases"));
	html_raw(&h, "</a></p><dl class=\"ivp-facts\">");
	dt(&h, lang, "Name", fieldv(fs, "name"));
	dt(&h, lang, "Date of birth", day(lang, fieldv(fs, "birth"), date, sizeof(date)));
	dt(&h, lang, "BSN", fieldv(fs, "bsn"));
	dt(&h, lang, "Address", fieldv(fs, "address"));
	dt(&h, lang, "Wijk", fieldv(fs, "wijk"));
	dt(&h, lang, "Registered", day(lang, fieldv(fs, "registered"), date, sizeof(date)));
	dt(&h, lang, "Registering organisation", fieldv(fs, "org"));
	dt(&h, lang, "Status", status_word(lang, fieldv(fs, "status")));
	dt(&h, lang, "Closed", day(lang, fieldv(fs, "closed"), date, sizeof(date)));
	dt(&h, lang, "Reason for closing", fieldv(fs, "close_reason"));
	dt(&h, lang, "Complexity criteria", criteria_words(lang, fieldv(fs, "criteria"), crit, sizeof(crit)));
	dt(&h, lang, "Process director", fieldv(fs, "director"));
	dt(&h, lang, "Reason for registering", fieldv(fs, "reason"));
	dt(&h, lang, "Goal of the case consultation", fieldv(fs, "goal"));
	html_raw(&h, "</dl>");
	table(&h, lang, "Organisations taking part", o, oc, oh, -1);
	table(&h, lang, "Life domains (Zelfredzaamheid-Matrix)", d, dc, dh, -1);
	table(&h, lang, "Agreements, meetings and notes", e, ec, eh, -1);
	change_forms(r, &h, lang, id, reason, fs, f);
	ivp_table_free(fs);
	ivp_table_free(o);
	ivp_table_free(d);
	ivp_table_free(e);
	web_page_end(r, &h, status);
}

void web_case(http_req *r)
{
	case_page(r, NULL, NULL, 200);
}

/* A refused change: the reason form, 404, the error page, or the case
 * with the error beside its field. */
static void refused(http_req *r, const char *op, const char *reason)
{
	const ivp_error *e = ivp_last_error(r->ctx);
	cs_form f = { op, error_field(e), e->message, e->hint };

	if (!strcmp(e->code, "case_reason_required")) {
		reason_page(r, r->path_id, NULL);
		return;
	}
	if (e->rc == IVP_ENOTFOUND && !strcmp(e->code, "case_not_found")) {
		web_error(r, 404, e->message, e->detail, NULL);
		return;
	}
	if (e->rc != IVP_EINPUT) {
		http_ivp_error(r, e->rc, e);
		return;
	}
	case_page(r, reason, &f, 400);
}

/* op=person: the fields of the form replace the person's (an empty
 * address removes it; empty name, birth or BSN are refused as at
 * registration). */
static void person_post(http_req *r, const char *reason)
{
	const char *d = http_field(r, "duplicate_ok");
	ivp_case_person p;
	char changed[64];

	memset(&p, 0, sizeof(p));
	p.name = http_field(r, "name");
	p.birth = http_field(r, "birth");
	p.bsn = http_field(r, "bsn");
	p.address = http_field(r, "address");
	p.duplicate_ok = d && !strcmp(d, "1");
	if (ivp_case_person_set(r->ctx, r->path_id, &p, reason, changed)) {
		refused(r, "person", reason);
		return;
	}
	case_page(r, reason, NULL, 200);
}

void web_case_post(http_req *r)
{
	const char *reason = http_field(r, "reason"), *op = http_field(r, "op");
	ivp_case_change ch;

	(void)web_lang(r); /* first: the library answers in the page's language */
	if (reason && !*reason)
		reason = NULL;
	if (!op || !*op) { /* the reason form */
		if (!reason) {
			cs_form f = { "open", "reason", web_word(web_lang(r), "Say why you open this case."), NULL };

			reason_page(r, r->path_id, &f);
			return;
		}
		case_page(r, reason, NULL, 200);
		return;
	}
	if (!strcmp(op, "person")) {
		person_post(r, reason);
		return;
	}
	if (api_case_change_of(r, &ch)) {
		cs_form f = { op, "", web_word(web_lang(r), "Unknown change."), NULL };

		case_page(r, reason, &f, 400);
		return;
	}
	if (ivp_case_change_apply(r->ctx, r->path_id, &ch, reason, NULL)) {
		const ivp_error *e = ivp_last_error(r->ctx);
		cs_form f = { op, error_field(e), e->message, e->hint };

		if (!strcmp(e->code, "case_reason_required")) {
			reason_page(r, r->path_id, NULL);
			return;
		}
		if (e->rc == IVP_ENOTFOUND && !strcmp(e->code, "case_not_found")) {
			web_error(r, 404, e->message, e->detail, NULL);
			return;
		}
		if (e->rc != IVP_EINPUT) {
			http_ivp_error(r, e->rc, e);
			return;
		}
		case_page(r, reason, &f, 400);
		return;
	}
	case_page(r, reason, NULL, 200);
}

/* ---- counts without persons ---------------------------------------------------------------- */

void web_case_counts(http_req *r)
{
	static const char *const by[] = { "status", "quarter", "wijk" };
	static const char *const caps[] = { "Cases per status", "Cases per quarter of registration", "Cases per wijk" };
	const char *lang = web_lang(r);
	html h = { 0 };
	size_t k;

	web_page_begin(r, &h, lang, W("Cases: counts without persons"));
	for (k = 0; k < 3; k++) {
		const char *cols[] = { "group", "shown", NULL }, *heads[] = { "Group", "Cases", NULL };
		ivp_table *t = NULL;

		if (ivp_case_counts(r->ctx, by[k], &t)) {
			free(h.p);
			http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
			return;
		}
		heads[0] = k == 0 ? "Status" : k == 1 ? "Quarter" :
							"Wijk";
		table(&h, lang, caps[k], t, cols, heads, -1);
		if (k == 0 && ivp_table_nnotes(t)) {
			html_raw(&h, "<p class=\"utrecht-paragraph ivp-rule\">");
			html_text(&h, ivp_table_note(t, 0));
			html_raw(&h, "</p>");
		}
		ivp_table_free(t);
	}
	web_page_end(r, &h, 200);
}
