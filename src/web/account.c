/*
 * account.c — sign-in and sign-out as HTML forms, and the import page.
 *
 * Sign-in posts name and password to /login, which starts a session as
 * POST /api/v1/session does (ivp_signin: throttle, argon2id, second
 * factor) and redirects to the plan with the same cookie. A user with a
 * second factor gets the form again as its second step, with the name
 * kept and a field for the code (the password typed once more: it is
 * never written into a page). Sign-out and imports are
 * writes: their forms carry the session's CSRF token (field csrf), which
 * the request steps check before the handler runs (http/request.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "web/jobs.h"
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

static void login_page(http_req *r, const char *lang, const char *alert, int status, int totp)
{
	html h = { 0 };

	web_page_begin(r, &h, lang, web_t(lang, W_LOGIN_TITLE));
	if (alert) {
		html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">");
		html_text(&h, alert);
		html_raw(&h, "</p></div>");
	}
	html_raw(&h, "<form class=\"ivp-form\" method=\"post\" action=\"/login\">");
	if (totp) {
		const char *name = http_field(r, "name");
		html v = { 0 };

		html_raw(&v, "autocomplete=\"username\" required value=\"");
		html_text(&v, name ? name : "");
		html_raw(&v, "\"");
		field(&h, lang, "name", W_NAME, "text", v.p && !v.oom ? v.p : "required");
		free(v.p);
	} else {
		field(&h, lang, "name", W_NAME, "text", "autocomplete=\"username\" required");
	}
	field(&h, lang, "password", W_PASSWORD, "password", "autocomplete=\"current-password\" required");
	if (totp)
		field(&h, lang, "totp", W_LOGIN_TOTP, "text",
		      "autocomplete=\"one-time-code\" inputmode=\"numeric\" pattern=\"[0-9]{6}\" maxlength=\"6\" required autofocus");
	html_raw(&h, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(&h, web_t(lang, W_LOGIN_TITLE));
	html_raw(&h, "</button></form>");
	web_page_end(r, &h, status);
}

void web_login(http_req *r)
{
	login_page(r, web_lang(r), NULL, 200, 0);
}

void web_login_post(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_session s;
	ivp_signin_status st;
	char msg[256];

	if (http_signin(r, &s, &st))
		return;
	if (st == IVP_SIGNIN_LIMITED) {
		snprintf(msg, sizeof(msg), ivp_msg_plural(lang, W_LOGIN_LIMITED_ONE, W_LOGIN_LIMITED, r->retry_after), r->retry_after);
		login_page(r, lang, msg, 429, 0);
		return;
	}
	if (st == IVP_SIGNIN_TOTP) {
		login_page(r, lang, web_t(lang, W_LOGIN_TOTP_NEEDED), 401, 1);
		return;
	}
	if (st == IVP_SIGNIN_ENROLL) {
		login_page(r, lang, web_t(lang, W_LOGIN_ENROL), 403, 0);
		return;
	}
	if (st != IVP_SIGNIN_OK) {
		login_page(r, lang, web_t(lang, W_LOGIN_FAILED), 401, 0);
		return;
	}
	memset(&s, 0, sizeof(s));
	web_redirect(r, "/plan");
}

void web_logout_post(http_req *r)
{
	if (http_signout(r))
		return;
	web_redirect(r, "/");
}

static void import_form(http_req *r, html *h, const char *lang)
{
	static const struct {
		const char *v;
		web_msg m;
	} kinds[] = {
		{ "crime", W_KIND_CRIME },
		{ "population", W_KIND_POPULATION },
		{ "codes", W_KIND_CODES },
		{ "long", W_KIND_LONG },
		{ "groups", W_KIND_GROUPS },
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
	const http_route *rt = http_route_find(r->app, "POST", "/import", 7, &st, allow, sizeof(allow));

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

/* The result of an import that ended well: the same text the page always showed. */
static void import_result(html *h, const char *lang, const ivp_import_result *res)
{
	char msg[512];

	if (res->unchanged)
		snprintf(msg, sizeof(msg), web_t(lang, W_IMPORT_SAME), (long long)res->import_id);
	else
		snprintf(msg, sizeof(msg), ivp_msg_plural(lang, W_IMPORT_DONE_ONE, W_IMPORT_DONE, res->rows),
			 (long long)res->import_id, (long long)res->rows, res->layout);
	html_raw(h, "<div class=\"utrecht-alert utrecht-alert--ok ivp-alert\"><p class=\"utrecht-paragraph ivp-import-result\">");
	html_text(h, msg);
	html_raw(h, "</p>");
	if (!res->unchanged && res->same > 0) {
		snprintf(msg, sizeof(msg), ivp_msg_plural(lang, W_JOB_ALREADY_ONE, W_JOB_ALREADY, res->same),
			 (long long)res->same);
		html_raw(h, "<p class=\"utrecht-paragraph ivp-import-same\">");
		html_text(h, msg);
		html_raw(h, "</p>");
	}
	if (res->note[0]) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, res->note);
		html_raw(h, "</p>");
	}
	html_raw(h, "</div><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">");
	html_text(h, web_t(lang, W_IMPORT_SEE));
	html_raw(h, "</a></p>");
}

/*
 * POST /import: the upload goes to a background job (web/jobs.c) and the
 * browser to its status page. Without a job table (the fuzz target, unit
 * tests) the import runs here and the result is shown at once.
 */
void web_import_post(http_req *r)
{
	const web_env *env = r->app_data;
	const char *lang = web_lang(r);
	ivp_import_result res;
	ivp_import_opts o;
	ivp_import_kind k;
	html h = { 0 };
	char why[256], where[64];
	int64_t id = 0;
	int st;

	if (env && env->jobs) {
		if (api_import_form(r, &k, &o))
			return; /* the error page is in r */
		st = web_jobs_start(env->jobs, r->session ? r->session->user : NULL, r->client, lang, k, &o,
				    r->upload_file, &id, why, sizeof(why));
		if (st < 0) {
			web_error(r, 500, why, "", "");
			return;
		}
		if (st > 0) {
			web_error(r, 409, web_t(lang, W_IMPORT_BUSY), web_t(lang, W_IMPORT_BUSY_DETAIL),
				  web_t(lang, W_IMPORT_BUSY_HINT));
			return;
		}
		snprintf(where, sizeof(where), "/import/status?id=%lld", (long long)id);
		web_redirect(r, where);
		return;
	}
	if (api_import_run(r, &res))
		return; /* the error page is in r */
	web_page_begin(r, &h, lang, web_t(lang, W_IMPORT_TITLE));
	html_raw(&h, "<div role=\"status\">");
	import_result(&h, lang, &res);
	html_raw(&h, "</div>");
	import_form(r, &h, lang);
	web_page_end(r, &h, res.unchanged ? 200 : 201);
}

/*
 * GET /import/status?id=N: waiting, running (share of the bytes read and
 * rows so far, a link to look again; no refresh by itself, no script),
 * done (the result) or failed (the error with file, line, field, hint).
 * Only the user who started the job, or an admin, sees it; for anyone
 * else it does not exist.
 */
void web_import_status(http_req *r)
{
	const web_env *env = r->app_data;
	const char *lang = web_lang(r);
	const char *v = http_query_get(&r->q, "id");
	long long id = v ? strtoll(v, NULL, 10) : 0;
	web_job_view *j = calloc(1, sizeof(*j));
	html h = { 0 };
	char msg[1024];
	int pct;

	if (!j) {
		web_error(r, 500, "out of memory", "", "");
		return;
	}
	if (!env || !env->jobs || !r->session || web_jobs_get(env->jobs, id, j) ||
	    (strcmp(j->user, r->session->user) && r->session->role < HTTP_ROLE_ADMIN)) {
		free(j);
		web_error(r, 404, web_t(lang, W_JOB_UNKNOWN), web_t(lang, W_JOB_UNKNOWN_DETAIL),
			  web_t(lang, W_JOB_UNKNOWN_HINT));
		return;
	}
	web_page_begin(r, &h, lang, web_t(lang, W_JOB_TITLE));
	/* while it runs the page looks again by itself, without script */
	if (j->state == WEB_JOB_WAITING || j->state == WEB_JOB_RUNNING)
		web_head_add(&h, "<meta http-equiv=\"refresh\" content=\"2\">");
	if (j->state == WEB_JOB_DONE) { /* its number is the import's, as /sources lists it */
		snprintf(msg, sizeof(msg), web_t(lang, W_JOB_HEADING), (long long)j->res.import_id);
		html_raw(&h, "<p class=\"utrecht-paragraph ivp-import-id\">");
		html_text(&h, msg);
		html_raw(&h, "</p>");
	}
	html_fmt(&h, "<div class=\"ivp-job\" id=\"job\" role=\"status\" aria-live=\"polite\" data-state=\"%s\">",
		 j->state == WEB_JOB_DONE ? "done" : j->state == WEB_JOB_FAILED ? "failed" :
					     j->state == WEB_JOB_RUNNING	? "running" :
										  "waiting");
	switch (j->state) {
	case WEB_JOB_WAITING:
	case WEB_JOB_RUNNING:
		pct = j->total ? (int)(j->done * 100 / j->total) : 0;
		if (pct > 100)
			pct = 100;
		if (j->state == WEB_JOB_WAITING)
			snprintf(msg, sizeof(msg), "%s", web_t(lang, W_JOB_WAITING));
		else
			snprintf(msg, sizeof(msg), ivp_msg_plural(lang, W_JOB_RUNNING_ONE, W_JOB_RUNNING, j->rows), pct,
				 (long long)j->rows);
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, msg);
		html_raw(&h, "</p><p class=\"utrecht-paragraph\"><progress class=\"ivp-progress\" max=\"100\" ");
		html_fmt(&h, "value=\"%d\" aria-label=\"", pct);
		html_text(&h, web_t(lang, W_JOB_PROGRESS));
		html_fmt(&h, "\">%d%%</progress></p>", pct);
		break;
	case WEB_JOB_DONE:
		import_result(&h, lang, &j->res);
		break;
	case WEB_JOB_FAILED:
		html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\"><p class=\"utrecht-paragraph\"><strong>");
		html_text(&h, web_t(lang, W_JOB_FAILED));
		html_raw(&h, "</strong></p><p class=\"utrecht-paragraph\">");
		ivp_text_params(j->err.message[0] ? j->err.message : ivp_strerror(j->rc), NULL, NULL, msg, sizeof(msg));
		html_text(&h, msg);
		html_raw(&h, "</p>");
		if (j->err.file[0]) {
			snprintf(msg, sizeof(msg), web_t(lang, W_JOB_WHERE), j->err.file, j->err.line,
				 j->err.field[0] ? j->err.field : "-");
			html_raw(&h, "<p class=\"utrecht-paragraph ivp-job-where\">");
			html_text(&h, msg);
			html_raw(&h, "</p>");
		}
		if (j->err.detail[0]) {
			html_raw(&h, "<p class=\"utrecht-paragraph\">");
			ivp_text_params(j->err.detail, NULL, NULL, msg, sizeof(msg));
			html_text(&h, msg);
			html_raw(&h, "</p>");
		}
		if (j->err.hint[0]) {
			html_raw(&h, "<p class=\"utrecht-paragraph\">");
			ivp_text_params(j->err.hint, NULL, NULL, msg, sizeof(msg));
			html_text(&h, msg);
			html_raw(&h, "</p>");
		}
		html_raw(&h, "</div>");
		break;
	}
	html_raw(&h, "</div>");
	if (j->state == WEB_JOB_WAITING || j->state == WEB_JOB_RUNNING) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_JOB_AUTO_REFRESH));
		html_fmt(&h, "</p><p class=\"utrecht-paragraph\"><a class=\"utrecht-button-link utrecht-button-link--primary-action ivp-refresh\" href=\"/import/status?id=%lld\">",
			 (long long)j->id);
		html_text(&h, web_t(lang, W_JOB_REFRESH));
		html_raw(&h, "</a></p>");
	} else {
		html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/import\">");
		html_text(&h, web_t(lang, W_JOB_AGAIN));
		html_raw(&h, "</a></p>");
	}
	free(j);
	web_page_end(r, &h, 200);
}
