/*
 * report.c — the reports page (/rapport): pick a report (kind and year),
 * see its status (concept with the missing texts named, compleet, or
 * definitief since its date), read it as HTML and download it as PDF,
 * HTML or XLSX (the API's GET /api/v1/reports/{kind-year}), and read its
 * texts with their versions — a concept (not yet definitief) and its texts
 * only signed in (http_private_ok: they are not public). Editors (whom the route table lets write,
 * asked through http_authorize) get a form per text — a textarea, the
 * earlier versions beside it — and, for a complete report, the button
 * that makes it definitief. Both forms carry the session's CSRF token.
 *
 * A form with an error is shown again with status 400: the error names the
 * field, the field is marked (aria-invalid, aria-describedby) and keeps
 * what was typed. Every word on the page comes from messages.def, so a
 * Dutch page has no English (the library's English messages are mapped
 * to Dutch ones by their code).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "web/web.h"

static const char *const kinds[] = { "voortgang", "veiligheidsbeeld", "raadsvoorstel" };
static const web_msg kind_names[] = { W_RP_VOORTGANG, W_RP_VEILIGHEIDSBEELD, W_RP_RAADSVOORSTEL };

typedef struct form_err { /* a form shown again with its error */
	const char *key;  /* the text whose form failed; NULL: the finalize form */
	const char *text; /* what was typed */
	const char *msg;  /* the error, in the page's language */
} form_err;

static int kind_index(const char *k)
{
	size_t i;

	for (i = 0; k && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(k, kinds[i]))
			return (int)i;
	return -1;
}

/* May this request's user write report texts? Asked of the route table and http_authorize. */
static int can_write(const http_req *r)
{
	char allow[64];
	int st = 0;
	const char *p = "/rapport/tekst";
	const http_route *rt = http_route_find(r->app, "POST", p, strlen(p), &st, allow, sizeof(allow));

	return r->session && rt && http_authorize(rt, r->session) == 0;
}

/* A text as paragraphs: one per run of lines between blank lines. */
static void paragraphs(html *h, const char *s)
{
	while (s && *s) {
		const char *end, *e;

		while (*s == '\n' || *s == '\r')
			s++;
		if (!*s)
			break;
		end = strstr(s, "\n\n");
		e = end ? end : s + strlen(s);
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		while (s < e) {
			const char *nl = memchr(s, '\n', (size_t)(e - s));
			char line[1024];
			size_t n = (size_t)((nl ? nl : e) - s);

			while (n > 0) {
				size_t k = n < sizeof(line) - 1 ? n : sizeof(line) - 1;

				memcpy(line, s, k);
				line[k] = '\0';
				html_text(h, line);
				s += k;
				n -= k;
			}
			if (nl) {
				html_raw(h, " ");
				s = nl + 1;
			}
		}
		html_raw(h, "</p>");
		s = e;
	}
}

/* "2025-03-31" as "31 maart 2025" / "31 March 2025"; anything else as it is. */
static void date_words(const char *lang, const char *iso, char *out, size_t n)
{
	static const char *const nl[] = { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
					  "september", "oktober", "november", "december" };
	static const char *const en[] = { "January", "February", "March", "April", "May", "June", "July", "August",
					  "September", "October", "November", "December" };
	char *e1 = NULL, *e2 = NULL, *e3 = NULL;
	long y = strtol(iso, &e1, 10), m = *e1 == '-' ? strtol(e1 + 1, &e2, 10) : 0,
	     d = e2 && *e2 == '-' ? strtol(e2 + 1, &e3, 10) : 0;

	if (e3 && !*e3 && e1 - iso == 4 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		snprintf(out, n, "%ld %s %ld", d, strcmp(lang, "en") ? nl[m - 1] : en[m - 1], y);
	else
		snprintf(out, n, "%s", iso);
}

static void status_block(html *h, const char *lang, const ivp_table *list, int row, const ivp_table *texts)
{
	char b[64];
	const char *st = web_cell(list, row, "status", 0, lang, b, sizeof(b));
	int i, c = web_col(texts, "required"), s = web_col(texts, "body"), l = web_col(texts, "label");

	if (!strcmp(st, "definitief")) {
		char msg[256], d[32], w[64];

		date_words(lang, web_cell(list, row, "final_date", 0, lang, d, sizeof(d)), w, sizeof(w));
		snprintf(msg, sizeof(msg), web_t(lang, W_RP_FINAL_SINCE), w);
		html_raw(h, "<div class=\"utrecht-alert utrecht-alert--ok ivp-alert\" id=\"status\"><p class=\"utrecht-paragraph\"><strong>");
		html_text(h, msg);
		html_raw(h, "</strong></p></div>");
		return;
	}
	if (!strcmp(st, "compleet")) {
		html_raw(h, "<div class=\"utrecht-alert utrecht-alert--ok ivp-alert\" id=\"status\"><p class=\"utrecht-paragraph\">");
		html_text(h, web_t(lang, W_RP_COMPLETE));
		html_raw(h, "</p></div>");
		return;
	}
	html_raw(h, "<div class=\"utrecht-alert ivp-alert\" id=\"status\"><p class=\"utrecht-paragraph\"><strong>");
	html_text(h, web_t(lang, W_RP_CONCEPT));
	html_raw(h, "</strong></p><ul class=\"utrecht-unordered-list\">");
	for (i = 0; texts && i < ivp_table_nrows(texts); i++)
		if (ivp_table_int(texts, i, c) && ivp_table_cell_type(texts, i, s) == IVP_CELL_NULL) {
			char msg[256];

			snprintf(msg, sizeof(msg), web_t(lang, W_RP_MISSING), ivp_table_text(texts, i, l));
			html_raw(h, "<li class=\"utrecht-unordered-list__item\">");
			html_text(h, msg);
			html_raw(h, "</li>");
		}
	html_raw(h, "</ul></div>");
}

static void downloads(html *h, const char *lang, const char *kind, int year)
{
	static const char *const fmts[] = { "html", "pdf", "xlsx" };
	static const web_msg names[] = { W_RP_READ_HTML, W_RP_PDF, W_RP_XLSX };
	size_t i;

	html_raw(h, "<ul class=\"utrecht-unordered-list ivp-downloads\">");
	for (i = 0; i < 3; i++) {
		html_fmt(h, "<li class=\"utrecht-unordered-list__item\"><a class=\"utrecht-link\" href=\"/api/v1/reports/%s-%d?format=%s&amp;lang=%s\">",
			 kind, year, fmts[i], lang);
		html_text(h, web_t(lang, names[i]));
		html_raw(h, "</a></li>");
	}
	html_raw(h, "</ul>");
}

/* rows: version, author, saved_at, body */
static void history(http_req *r, html *h, const char *lang, const ivp_report_opts *o, const char *key)
{
	ivp_table *t = NULL;
	int i, n;

	if (ivp_report_text_history(r->ctx, o, key, &t)) {
		ivp_table_free(t);
		return;
	}
	n = ivp_table_nrows(t);
	if (n > 1) {
		char sum[128];

		snprintf(sum, sizeof(sum), web_t(lang, W_RP_OLDER), n - 1);
		html_raw(h, "<details class=\"ivp-history\"><summary>");
		html_text(h, sum);
		html_raw(h, "</summary><ol class=\"utrecht-ordered-list\" reversed>");
		for (i = n - 2; i >= 0; i--) {
			char v[256];

			snprintf(v, sizeof(v), web_t(lang, W_RP_VERSION_BY), (long long)ivp_table_int(t, i, 0),
				 ivp_table_text(t, i, 1) ? ivp_table_text(t, i, 1) : "", ivp_table_text(t, i, 2) ? ivp_table_text(t, i, 2) : "");
			html_raw(h, "<li class=\"utrecht-ordered-list__item\"><p class=\"utrecht-paragraph ivp-version\">");
			html_text(h, v);
			html_raw(h, "</p>");
			paragraphs(h, ivp_table_text(t, i, 3));
			html_raw(h, "</li>");
		}
		html_raw(h, "</ol></details>");
	}
	ivp_table_free(t);
}

static void text_form(http_req *r, html *h, const char *lang, const char *kind, int year, int i, const char *key,
		      const char *label, const char *current, const form_err *fe)
{
	int bad = fe && fe->msg && fe->key && !strcmp(fe->key, key);
	char lab[256];

	snprintf(lab, sizeof(lab), web_t(lang, W_RP_NEW_VERSION), label);
	html_raw(h, "<form class=\"ivp-form ivp-text-form\" method=\"post\" action=\"/rapport/tekst\" enctype=\"multipart/form-data\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session->csrf);
	html_fmt(h, "\"><input type=\"hidden\" name=\"kind\" value=\"%s\"><input type=\"hidden\" name=\"year\" value=\"%d\">"
		    "<input type=\"hidden\" name=\"key\" value=\"",
		 kind, year);
	html_text(h, key);
	html_fmt(h, "\"><div class=\"utrecht-form-field%s\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"text-%d\">",
		 bad ? " utrecht-form-field--invalid" : "", i);
	html_text(h, lab);
	html_raw(h, "</label></p>");
	if (bad) {
		html_fmt(h, "<p class=\"utrecht-form-field-error-message ivp-field-error\" id=\"text-%d-error\">", i);
		html_text(h, fe->msg);
		html_raw(h, "</p>");
	}
	html_fmt(h, "<p class=\"utrecht-form-field__input\"><textarea class=\"utrecht-textarea\" id=\"text-%d\" name=\"text\" rows=\"6\" cols=\"72\"",
		 i);
	if (bad)
		html_fmt(h, " aria-invalid=\"true\" aria-describedby=\"text-%d-error\"", i);
	html_raw(h, ">");
	html_text(h, bad ? fe->text : current);
	html_raw(h, "</textarea></p></div><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(h, web_t(lang, W_SAVE));
	html_raw(h, "</button></form>");
}

static void texts_section(http_req *r, html *h, const char *lang, const ivp_report_opts *o, const ivp_table *t,
			  int edit, int final, const form_err *fe)
{
	int i, ck = web_col(t, "key"), cl = web_col(t, "label"), cb = web_col(t, "body"), cv = web_col(t, "version"),
	       ca = web_col(t, "author"), cs = web_col(t, "saved_at"), cr = web_col(t, "required");

	html_raw(h, "<h2 class=\"utrecht-heading-2\" id=\"teksten\">");
	html_text(h, web_t(lang, W_RP_TEXTS));
	html_raw(h, "</h2><p class=\"utrecht-paragraph\">");
	html_text(h, web_t(lang, final ? W_RP_TEXTS_FINAL : edit ? W_RP_TEXTS_INTRO :
								   W_RP_TEXTS_SIGNIN));
	html_raw(h, "</p>");
	for (i = 0; i < ivp_table_nrows(t); i++) {
		const char *key = ivp_table_text(t, i, ck), *body = ivp_table_text(t, i, cb);
		char v[256];

		html_fmt(h, "<section class=\"ivp-report-text\" id=\"tekst-%d\"><h3 class=\"utrecht-heading-3\">", i);
		html_text(h, ivp_table_text(t, i, cl));
		if (!ivp_table_int(t, i, cr)) {
			html_raw(h, " <span class=\"ivp-optional\">(");
			html_text(h, web_t(lang, W_RP_OPTIONAL));
			html_raw(h, ")</span>");
		}
		html_raw(h, "</h3>");
		if (body) {
			snprintf(v, sizeof(v), web_t(lang, W_RP_VERSION_BY), (long long)ivp_table_int(t, i, cv),
				 ivp_table_text(t, i, ca) ? ivp_table_text(t, i, ca) : "",
				 ivp_table_text(t, i, cs) ? ivp_table_text(t, i, cs) : "");
			html_raw(h, "<p class=\"utrecht-paragraph ivp-version\">");
			html_text(h, v);
			html_raw(h, "</p><div class=\"ivp-text-body\">");
			paragraphs(h, body);
			html_raw(h, "</div>");
			if (ivp_table_int(t, i, cv) > 1) /* versions are 1, 2, …: the newest number says there are older */
				history(r, h, lang, o, key);
		} else {
			html_raw(h, "<p class=\"utrecht-paragraph ivp-missing\">");
			html_text(h, web_t(lang, W_RP_NO_TEXT));
			html_raw(h, "</p>");
		}
		if (edit)
			text_form(r, h, lang, o->kind, o->year, i, key, ivp_table_text(t, i, cl), body ? body : "", fe);
		html_raw(h, "</section>");
	}
}

static void finalize_form(http_req *r, html *h, const char *lang, const char *kind, int year, const form_err *fe)
{
	html_raw(h, "<h2 class=\"utrecht-heading-2\" id=\"definitief\">");
	html_text(h, web_t(lang, W_RP_FINALIZE_TITLE));
	html_raw(h, "</h2>");
	if (fe && fe->msg && !fe->key) {
		html_raw(h, "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">");
		html_text(h, fe->msg);
		html_raw(h, "</p></div>");
	}
	html_raw(h, "<form class=\"ivp-form\" method=\"post\" action=\"/rapport/definitief\"><input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session->csrf);
	html_fmt(h, "\"><input type=\"hidden\" name=\"kind\" value=\"%s\"><input type=\"hidden\" name=\"year\" value=\"%d\"><p class=\"utrecht-paragraph\">",
		 kind, year);
	html_text(h, web_t(lang, W_RP_FINALIZE_NOTE));
	html_raw(h, "</p><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(h, web_t(lang, W_RP_FINALIZE));
	html_raw(h, "</button></form>");
}

/* The picker: a GET form with the kind and the year, then every report with its status. */
static void picker(html *h, const char *lang, const ivp_table *list, int kind, int year)
{
	size_t k;
	int i;

	html_raw(h, "<form class=\"ivp-form ivp-picker\" method=\"get\" action=\"/rapport\"><div class=\"utrecht-form-field\">"
		    "<p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"kind\">");
	html_text(h, web_t(lang, W_RP_KIND));
	html_raw(h, "</label></p><p class=\"utrecht-form-field__input\"><select class=\"utrecht-select\" id=\"kind\" name=\"kind\">");
	for (k = 0; k < 3; k++) {
		html_fmt(h, "<option value=\"%s\"%s>", kinds[k], (int)k == kind ? " selected" : "");
		html_text(h, web_t(lang, kind_names[k]));
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></p></div><div class=\"utrecht-form-field\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"year\">");
	html_text(h, web_t(lang, W_RP_YEAR));
	html_fmt(h, "</label></p><p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" type=\"number\" id=\"year\" name=\"year\" min=\"1900\" max=\"2199\" value=\"%d\"></p></div>"
		    "<input type=\"hidden\" name=\"lang\" value=\"%s\"><button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">",
		 year, lang);
	html_text(h, web_t(lang, W_RP_SHOW));
	html_raw(h, "</button></form><div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(h, web_t(lang, W_RP_LIST_CAPTION));
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	{
		static const web_msg heads[] = { W_RP_KIND, W_RP_YEAR, W_STATUS, W_RP_MISSING_COL };

		for (k = 0; k < 4; k++) {
			html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
			html_text(h, web_t(lang, heads[k]));
			html_raw(h, "</th>");
		}
	}
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < ivp_table_nrows(list); i++) {
		char b[64], y[16];
		int ki = kind_index(web_cell(list, i, "kind", 0, lang, b, sizeof(b)));

		if (ki < 0)
			continue;
		snprintf(y, sizeof(y), "%lld", (long long)ivp_table_int(list, i, web_col(list, "year")));
		html_fmt(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\"><a class=\"utrecht-link\" href=\"/rapport?kind=%s&amp;year=%s&amp;lang=%s\">",
			 kinds[ki], y, lang);
		html_text(h, web_t(lang, kind_names[ki]));
		html_fmt(h, " %s</a></th><td class=\"utrecht-table__cell\">%s</td><td class=\"utrecht-table__cell\">", y, y);
		web_cell(list, i, "status", 0, lang, b, sizeof(b));
		html_text(h, web_t(lang, !strcmp(b, "definitief") ? W_RP_ST_FINAL : !strcmp(b, "compleet") ? W_RP_ST_COMPLETE :
													     W_RP_ST_CONCEPT));
		html_raw(h, "</td><td class=\"utrecht-table__cell\">");
		html_text(h, web_cell(list, i, "missing", 0, lang, b, sizeof(b)));
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table></div>");
}

/* The page, for kind/year (year 0: the newest report of the kind), with a form's error when fe. */
static void page(http_req *r, const char *lang, const char *kind_s, int year, const form_err *fe, int status)
{
	ivp_table *list = NULL, *texts = NULL;
	ivp_report_opts o;
	html h = { 0 };
	int kind = kind_index(kind_s), row = -1, i, edit = can_write(r), final = 0;
	const char *saved = http_query_get(&r->q, "saved");

	if (kind < 0)
		kind = 0;
	web_page_begin(r, &h, lang, web_t(lang, W_RP_TITLE));
	if (ivp_reports(r->ctx, lang, &list)) {
		ivp_table_free(list);
		list = NULL;
	}
	for (i = 0; list && i < ivp_table_nrows(list); i++) {
		char b[32];

		if (strcmp(web_cell(list, i, "kind", 0, "en", b, sizeof(b)), kinds[kind]))
			continue;
		if (!year || ivp_table_int(list, i, web_col(list, "year")) == year)
			row = i; /* year 0: the last (newest) of the kind */
	}
	if (row >= 0)
		year = (int)ivp_table_int(list, row, web_col(list, "year"));
	if (!list || !ivp_table_nrows(list)) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_RP_NONE));
		html_raw(&h, "</p>");
		web_page_end(r, &h, status);
		ivp_table_free(list);
		return;
	}
	picker(&h, lang, list, kind, year);
	if (row < 0) {
		char msg[256];

		snprintf(msg, sizeof(msg), web_t(lang, W_RP_NO_SUCH), web_t(lang, kind_names[kind]), year);
		html_raw(&h, "<p class=\"utrecht-paragraph\" id=\"status\">");
		html_text(&h, msg);
		html_raw(&h, "</p>");
		web_page_end(r, &h, status == 200 ? 404 : status);
		ivp_table_free(list);
		return;
	}
	{
		char st[32];

		final = !strcmp(web_cell(list, row, "status", 0, "en", st, sizeof(st)), "definitief");
	}
	memset(&o, 0, sizeof(o));
	o.kind = kinds[kind];
	o.year = year;
	o.lang = lang;
	if (ivp_report_texts(r->ctx, &o, &texts)) {
		ivp_table_free(texts);
		texts = NULL;
	}
	html_fmt(&h, "<h2 class=\"utrecht-heading-2\" id=\"rapport\">");
	html_text(&h, web_t(lang, kind_names[kind]));
	html_fmt(&h, " %d</h2>", year);
	/* saved: a count the route checked (HTTP_P_COUNT), the index of the text just saved */
	if (saved && *saved && texts && strtol(saved, NULL, 10) < ivp_table_nrows(texts)) {
		char msg[256];

		snprintf(msg, sizeof(msg), web_t(lang, W_RP_SAVED),
			 ivp_table_text(texts, (int)strtol(saved, NULL, 10), web_col(texts, "label")));
		html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--ok ivp-alert\" role=\"status\"><p class=\"utrecht-paragraph\">");
		html_text(&h, msg);
		html_raw(&h, "</p></div>");
	}
	status_block(&h, lang, list, row, texts);
	if (!final && !http_private_ok(r)) { /* a concept and its texts are not public */
		html_raw(&h, "<p class=\"utrecht-paragraph\" id=\"concept-private\">");
		html_text(&h, web_t(lang, W_RP_CONCEPT_PRIVATE));
		html_raw(&h, "</p>");
	} else {
		downloads(&h, lang, kinds[kind], year);
		if (texts)
			texts_section(r, &h, lang, &o, texts, edit && !final, final, fe);
	}
	if (edit && !final) {
		char st[32];

		if (!strcmp(web_cell(list, row, "status", 0, "en", st, sizeof(st)), "compleet") || (fe && fe->msg && !fe->key))
			finalize_form(r, &h, lang, kinds[kind], year, fe);
		else {
			html_raw(&h, "<p class=\"utrecht-paragraph\">");
			html_text(&h, web_t(lang, W_RP_FINALIZE_LATER));
			html_raw(&h, "</p>");
		}
	}
	ivp_table_free(texts);
	ivp_table_free(list);
	web_page_end(r, &h, status);
}

static int year_of(const char *v)
{
	int y = 0;

	return v && !http_parse_year(v, &y) ? y : 0;
}

void web_report(http_req *r)
{
	page(r, web_lang(r), http_query_get(&r->q, "kind"), year_of(http_query_get(&r->q, "year")), NULL, 200);
}

/* The library's error of a form as a sentence of the page's language. */
static const char *form_message(const char *lang, const ivp_error *e)
{
	if (!strcmp(e->code, "report_bad_text"))
		/* the library's detail is in the request's language (the catalogue's entry) */
		return web_t(lang, strstr(e->detail, "the text is empty") ||
						   strstr(e->detail, ivp_msg_tr("nl", "the text is empty")) ?
					   W_RP_ERR_EMPTY :
					   W_RP_ERR_BAD_TEXT);
	if (!strcmp(e->code, "report_unknown_text"))
		return web_t(lang, W_RP_ERR_UNKNOWN_KEY);
	if (!strcmp(e->code, "report_concept"))
		return web_t(lang, W_RP_ERR_CONCEPT);
	if (!strcmp(e->code, "report_already_final"))
		return web_t(lang, W_RP_ERR_FINAL);
	return web_t(lang, W_RP_ERR_OTHER);
}

void web_report_text_post(http_req *r)
{
	const char *lang = web_lang(r), *kind = http_field(r, "kind"), *key = http_field(r, "key");
	int year = year_of(http_field(r, "year"));
	ivp_report_text_result res;
	ivp_report_opts o;
	char *body = api_report_text_body(r), where[512], msg[512];
	form_err fe;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	o.year = year;
	o.lang = lang;
	if (!body && r->upload_file) {
		free(body);
		http_oom(r, "the text");
		return;
	}
	if (!ivp_report_text_set(r->ctx, &o, key, body ? body : "", r->session ? r->session->user : NULL, &res)) {
		int i = 0;
		ivp_table *t = NULL;

		if (!ivp_report_texts(r->ctx, &o, &t))
			for (i = 0; i < ivp_table_nrows(t) && strcmp(ivp_table_text(t, i, 0), res.key); i++)
				;
		ivp_table_free(t);
		free(body);
		snprintf(where, sizeof(where), "/rapport?kind=%s&year=%d&saved=%d#tekst-%d", res.kind, res.year, i, i);
		web_redirect(r, where);
		return;
	}
	/* shown again: the field named, what was typed kept */
	snprintf(msg, sizeof(msg), "%s", form_message(lang, ivp_last_error(r->ctx)));
	fe.key = key ? key : "";
	fe.text = body ? body : "";
	fe.msg = msg;
	if (!strcmp(ivp_last_error(r->ctx)->code, "report_unknown_text") || kind_index(kind) < 0 || !year) {
		free(body);
		web_error(r, 400, web_t(lang, W_RP_ERR_OTHER), "", "");
		return;
	}
	page(r, lang, kind, year, &fe, 400);
	free(body);
}

void web_report_final_post(http_req *r)
{
	const char *lang = web_lang(r), *kind = http_field(r, "kind");
	int year = year_of(http_field(r, "year"));
	ivp_report_final f;
	ivp_report_opts o;
	char where[256], msg[512];
	form_err fe;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	o.year = year;
	if (kind_index(kind) < 0 || !year) {
		web_error(r, 400, web_t(lang, W_RP_ERR_OTHER), "", "");
		return;
	}
	if (!ivp_report_finalize(r->ctx, &o, r->session ? r->session->user : NULL, &f)) {
		snprintf(where, sizeof(where), "/rapport?kind=%s&year=%d#status", f.kind, f.year);
		web_redirect(r, where);
		return;
	}
	snprintf(msg, sizeof(msg), "%s", form_message(lang, ivp_last_error(r->ctx)));
	fe.key = NULL;
	fe.text = NULL;
	fe.msg = msg;
	page(r, lang, kind, year, &fe, 400);
}
