/*
 * account.c — sign-in and sign-out as HTML forms, and the import page.
 *
 * Sign-in posts name and password to /login, which starts a session as
 * POST /api/v1/session does (ivp_session_start: rate limit, argon2id) and
 * redirects to the plan with the same cookie. Sign-out and imports are
 * writes: their forms carry the session's CSRF token (field csrf), which
 * the request steps check before the handler runs (http/request.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

static void field(html *h, const char *lang, const char *name, web_msg label, const char *type,
		  const char *extra)
{
	html_raw(h, "<div class=\"utrecht-form-field\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"");
	html_raw(h, name);
	html_raw(h, "\">");
	html_text(h, web_t(lang, label));
	html_fmt(h, "</label></p><p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" type=\"%s\" id=\"%s\" name=\"%s\" %s></p></div>",
		 type, name, name, extra);
}

static void login_page(http_req *r, const char *lang, const char *alert, int status)
{
	html h = { 0 };

	web_page_begin(r, &h, lang, web_t(lang, W_LOGIN_TITLE));
	if (alert) {
		html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">");
		html_text(&h, alert);
		html_raw(&h, "</p></div>");
	}
	html_raw(&h, "<form class=\"ivp-form\" method=\"post\" action=\"/login\">");
	field(&h, lang, "name", W_NAME, "text", "autocomplete=\"username\" required");
	field(&h, lang, "password", W_PASSWORD, "password", "autocomplete=\"current-password\" required");
	html_raw(&h, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(&h, web_t(lang, W_LOGIN_TITLE));
	html_raw(&h, "</button></form>");
	web_page_end(r, &h, status);
}

void web_login(http_req *r)
{
	login_page(r, web_lang(r), NULL, 200);
}

void web_login_post(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_session s;
	ivp_signin_status st;
	int retry = 0;
	char msg[256];
	ivp_rc rc = ivp_session_start(r->ctx, http_field(r, "name"), http_field(r, "password"),
				      r->client[0] ? r->client : NULL, &s, &st, &retry);

	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	if (st == IVP_SIGNIN_LIMITED) {
		snprintf(msg, sizeof(msg), web_t(lang, W_LOGIN_LIMITED), retry > 0 ? retry : 1);
		r->retry_after = retry > 0 ? retry : 1;
		login_page(r, lang, msg, 429);
		return;
	}
	if (st != IVP_SIGNIN_OK) {
		login_page(r, lang, web_t(lang, W_LOGIN_FAILED), 401);
		return;
	}
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "ivp_session=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s", s.token,
		 IVP_SESSION_SECONDS, r->secure ? "; Secure" : "");
	memset(&s, 0, sizeof(s));
	web_redirect(r, "/plan");
}

void web_logout_post(http_req *r)
{
	ivp_rc rc = ivp_session_end(r->ctx, r->session ? r->session->token : NULL);

	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "ivp_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict%s", r->secure ? "; Secure" : "");
	web_redirect(r, "/");
}

static void import_form(http_req *r, html *h, const char *lang)
{
	static const struct { const char *v; web_msg m; } kinds[] = {
		{ "crime", W_KIND_CRIME }, { "population", W_KIND_POPULATION },
		{ "codes", W_KIND_CODES }, { "long", W_KIND_LONG },
	};
	size_t k;

	html_raw(h, "<p class=\"utrecht-paragraph\">");
	html_text(h, web_t(lang, W_IMPORT_INTRO));
	html_raw(h, "</p><form class=\"ivp-form\" method=\"post\" action=\"/import\" enctype=\"multipart/form-data\">"
		 "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session->csrf);
	html_raw(h, "\"><div class=\"utrecht-form-field\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"kind\">");
	html_text(h, web_t(lang, W_IMPORT_KIND));
	html_raw(h, "</label></p><p class=\"utrecht-form-field__input\"><select class=\"utrecht-select\" id=\"kind\" name=\"kind\">");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		html_fmt(h, "<option value=\"%s\">", kinds[k].v);
		html_text(h, web_t(lang, kinds[k].m));
		html_raw(h, "</option>");
	}
	html_raw(h, "</select></p></div>");
	field(h, lang, "file", W_IMPORT_FILE, "file", "required");
	field(h, lang, "year", W_IMPORT_YEAR, "text", "inputmode=\"numeric\" pattern=\"[0-9]{4}\"");
	html_raw(h, "<div class=\"utrecht-form-field\"><p class=\"utrecht-form-field__input\">"
		 "<input class=\"utrecht-checkbox\" type=\"checkbox\" id=\"skip\" name=\"skip_unknown_regions\" value=\"true\"> "
		 "<label class=\"utrecht-form-label utrecht-form-label--checkbox\" for=\"skip\">");
	html_text(h, web_t(lang, W_IMPORT_SKIP));
	html_raw(h, "</label></p></div><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(h, web_t(lang, W_IMPORT_SUBMIT));
	html_raw(h, "</button></form>");
}

/* May this request's user import? Asked of the route table and http_authorize. */
static int can_import(const http_req *r)
{
	char allow[64];
	int st = 0;
	const http_route *rt = http_route_find("POST", "/import", 7, &st, allow, sizeof(allow));

	return r->session && rt && http_authorize(rt, r->session) == 0;
}

void web_import(http_req *r)
{
	const char *lang = web_lang(r);
	html h = { 0 };

	web_page_begin(r, &h, lang, web_t(lang, W_IMPORT_TITLE));
	if (can_import(r)) {
		import_form(r, &h, lang);
	} else {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_IMPORT_NEEDS));
		html_raw(&h, " <a class=\"utrecht-link\" href=\"/login\">");
		html_text(&h, web_t(lang, W_NAV_LOGIN));
		html_raw(&h, "</a></p>");
	}
	web_page_end(r, &h, 200);
}

void web_import_post(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_import_result res;
	html h = { 0 };
	char msg[512];

	if (http_import_run(r, &res))
		return;	/* the error page is in r */
	web_page_begin(r, &h, lang, web_t(lang, W_IMPORT_TITLE));
	if (res.unchanged)
		snprintf(msg, sizeof(msg), web_t(lang, W_IMPORT_SAME), (long long)res.import_id);
	else
		snprintf(msg, sizeof(msg), web_t(lang, W_IMPORT_DONE), (long long)res.import_id,
			 (long long)res.rows, res.layout);
	html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--ok ivp-alert\" role=\"status\"><p class=\"utrecht-paragraph ivp-import-result\">");
	html_text(&h, msg);
	html_raw(&h, "</p>");
	if (res.note[0]) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, res.note);
		html_raw(&h, "</p>");
	}
	html_raw(&h, "</div><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">");
	html_text(&h, web_t(lang, W_IMPORT_SEE));
	html_raw(&h, "</a></p>");
	import_form(r, &h, lang);
	web_page_end(r, &h, res.unchanged ? 200 : 201);
}
