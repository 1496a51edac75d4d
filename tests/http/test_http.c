/*
 * test_http.c — unit tests of the socket-free parts of the HTTP server:
 * the query-string parser, parameter checking, the router, the multipart
 * parser (whole, split at every byte, and malformed), the error hook's
 * contract (on a route table of the test's own), the error codes and
 * out of memory, and the OpenAPI document's coverage of the route table
 * (src/serve/'s, the one the server runs).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "http/http_int.h"
#include "http/multipart.h"
#include "serve/serve_int.h"

/* ---- query ------------------------------------------------------------------ */

static void query_decodes(void **state)
{
	http_query q;
	char why[160];
	const char *s = "area=GM0503%2BGM0518&lang=nl&&x&name=Den+Haag%C3%A9";

	(void)state;
	assert_int_equal(http_query_parse(s, strlen(s), &q, why, sizeof(why)), 0);
	assert_int_equal(q.n, 4);
	assert_string_equal(http_query_get(&q, "area"), "GM0503+GM0518");
	assert_string_equal(http_query_get(&q, "lang"), "nl");
	assert_string_equal(http_query_get(&q, "x"), "");
	assert_string_equal(http_query_get(&q, "name"), "Den Haag\xc3\xa9");
	assert_null(http_query_get(&q, "nope"));
}

static void query_refuses(void **state)
{
	static const char *const bad[] = { "a=%", "a=%4", "a=%G1", "a=%00", "a=%0A", "a=\x01" };
	http_query q;
	char why[160], many[400] = "";
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		assert_int_equal(http_query_parse(bad[i], strlen(bad[i]), &q, why, sizeof(why)), -1);
		assert_true(strlen(why) > 0);
	}
	for (i = 0; i < 40; i++)
		memcpy(many + 4 * i, "a=1&", 5);
	assert_int_equal(http_query_parse(many, strlen(many), &q, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "more than"));
}

/* ---- parameters and routes ----------------------------------------------------- */

static int prepare(http_req *r, const char *method, const char *uri)
{
	http_req_clear(r);
	return http_prepare(r, &serve_app, method, uri, NULL, -1, 0, 1024, NULL);
}

static void params_checked(void **state)
{
	http_req r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(prepare(&r, "GET", "/api/v1/indicators?area=GM1926&year=2024&compare=NL01,GM0503&lang=nl&all_types=1"), 0);
	assert_string_equal(http_query_get(&r.q, "compare"), "NL01,GM0503");
	assert_int_equal(prepare(&r, "GET", "/api/v1/indicators?area=GM1926"), 400);
	assert_non_null(strstr(r.body, "year\\\" is required"));
	assert_int_equal(prepare(&r, "GET", "/api/v1/indicators?area=GM1926&year=1800"), 400);
	assert_int_equal(prepare(&r, "GET", "/api/v1/series?area=A&type=T&from=2024-1&to=2024-02"), 400);
	assert_int_equal(prepare(&r, "GET", "/api/v1/areas?under=GM1926&x=1"), 400);
	assert_non_null(strstr(r.body, "\"code\":\"bad_parameter\""));
	assert_int_equal(prepare(&r, "GET", "/api/v1/areas/"), 404);
	assert_int_equal(prepare(&r, "POST", "/api/v1/areas"), 405);
	assert_string_equal(r.allow, "GET, HEAD");
	assert_int_equal(prepare(&r, "HEAD", "/api/v1/areas"), 0);
	http_req_clear(&r);
}

static void writes_need_a_session(void **state)
{
	http_req r;
	http_session editor = { .user = "anna", .role = HTTP_ROLE_EDITOR },
		     viewer = { .user = "bob", .role = HTTP_ROLE_VIEWER };
	const char *ct = "multipart/form-data; boundary=xyz";

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/imports", ct, 100, 0, 1024, NULL), 401);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/imports", ct, 100, 0, 1024, &viewer), 403);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/imports", ct, 100, 0, 1024, &editor), 0);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/imports", ct, 2000, 0, 1024, &editor), 413);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/imports", "text/csv", 100, 0, 1024, &editor), 415);
	http_req_clear(&r);
	assert_int_equal(http_authorize(&serve_routes[0], NULL), 0);
	assert_null(http_session_lookup(NULL, "forged", &editor));
}

/* The one authorization function: every role against every route role, with
 * and without a measure as object, own and other organisation; deny by default. */
static void authorization_table(void **state)
{
	static const http_role rr[] = { HTTP_PUBLIC, HTTP_ROLE_VIEWER, HTTP_ROLE_PARTNER, HTTP_ROLE_EDITOR,
					HTTP_ROLE_ADMIN };
	/* rows: anonymous, viewer, partner of zvh, partner of halt, editor, admin;
	 * columns: the route roles above; the object: measure M-casus (owner zvh,
	 * partners gemeente, politie) */
	static const int want_route[6][5] = {
		{ 0, 401, 401, 401, 401 },
		{ 0, 0, 403, 403, 403 },
		{ 0, 0, 0, 403, 403 },
		{ 0, 0, 0, 403, 403 },
		{ 0, 0, 0, 0, 403 },
		{ 0, 0, 0, 0, 0 },
	};
	static const int want_object[6][5] = {
		{ 0, 401, 401, 401, 401 },
		{ 0, 0, 403, 403, 403 },
		{ 0, 0, 0, 403, 403 },
		{ 0, 0, 403, 403, 403 },
		{ 0, 0, 0, 0, 403 },
		{ 0, 0, 0, 0, 0 },
	};
	http_session ss[6] = {
		{ .user = "" },
		{ .user = "vera", .role = HTTP_ROLE_VIEWER, .org = "gemeente" },
		{ .user = "zora", .role = HTTP_ROLE_PARTNER, .org = "zvh" },
		{ .user = "hans", .role = HTTP_ROLE_PARTNER, .org = "halt" },
		{ .user = "anna", .role = HTTP_ROLE_EDITOR, .org = "gemeente" },
		{ .user = "adam", .role = HTTP_ROLE_ADMIN, .org = "gemeente" },
	};
	ivp_measure_org m = { "zvh", 2, { "gemeente", "politie" } };
	http_object o = { .kind = "measure", .id = "M-casus", .orgs = &m }, priv = { .kind = "private" },
		    odd = { .kind = "dossier", .id = "x" }; /* "register" is known now (issue 13) */
	http_route rt = { 0 };
	int i, k, cases = 0;

	(void)state;
	for (i = 0; i < 6; i++)
		for (k = 0; k < 5; k++) {
			const http_session *s = i ? &ss[i] : NULL;

			rt.role = rr[k];
			rt.method = "POST";
			if (http_authorize(&rt, s) != want_route[i][k] ||
			    http_authorize_object(&rt, s, &o) != want_object[i][k])
				print_error("session %d, route role %d: %d / %d, expected %d / %d\n", i, k,
					    http_authorize(&rt, s), http_authorize_object(&rt, s, &o), want_route[i][k],
					    want_object[i][k]);
			assert_int_equal(http_authorize(&rt, s), want_route[i][k]);
			assert_int_equal(http_authorize_object(&rt, s, &o), want_object[i][k]);
			/* what is not public: every signed-in role, never anonymous */
			assert_int_equal(http_authorize_object(&rt, s, &priv), i ? 0 : 401);
			/* an object kind nobody knows: refused for everyone */
			assert_int_equal(http_authorize_object(&rt, s, &odd), 403);
			cases += 4;
		}
	/* a partner without an organisation, a role the table does not know, no route */
	ss[2].org[0] = '\0';
	rt.role = HTTP_ROLE_PARTNER;
	assert_int_equal(http_authorize_object(&rt, &ss[2], &o), 403);
	ss[2].role = (http_role)42;
	assert_int_equal(http_authorize_object(&rt, &ss[2], NULL), 403);
	rt.role = (http_role)42;
	assert_int_equal(http_authorize_object(&rt, &ss[4], NULL), 403);
	assert_int_equal(http_authorize_object(NULL, &ss[5], NULL), 403);
	print_message("authorization table: %d cases\n", cases + 4);
	/* every route of the table has a role the function knows */
	for (i = 0; i < (int)serve_nroutes; i++)
		assert_true(serve_routes[i].role >= HTTP_PUBLIC && serve_routes[i].role <= HTTP_ROLE_ADMIN);
}

static const char *body_code(const http_req *r, char *out, size_t n);

/* Another municipality's request (http_scope marked the session foreign):
 * the public routes as anonymous, everything else 404 — before the role,
 * the organisation or the register's relation (docs/tenancy.md). */
static void foreign_municipality(void **state)
{
	static const ivp__reg_rel handler = { 1, 1, 0, 0 };
	ivp_measure_org orgs = { .owner = "zvh" };
	http_session anna = { .user = "anna", .role = HTTP_ROLE_EDITOR, .org = "gemeente", .municipality = "GM0503" },
		     zora = { .user = "zora", .role = HTTP_ROLE_PARTNER, .org = "zvh", .municipality = "GM0503" };
	http_object priv = { .kind = "private" }, reg = { .kind = "register", .rel = &handler, .reg = IVP__REG_SIGNALS, .act = IVP__REG_READ },
		    meas = { .kind = "measure", .id = "M-1", .orgs = &orgs };
	http_route pub = { .method = "GET", .role = HTTP_PUBLIC }, view = { .method = "GET", .role = HTTP_ROLE_VIEWER },
		   part = { .method = "POST", .role = HTTP_ROLE_PARTNER },
		   edit = { .method = "POST", .role = HTTP_ROLE_EDITOR };

	(void)state;
	/* own municipality: as before */
	assert_int_equal(http_authorize_object(&pub, &anna, &priv), 0);
	assert_int_equal(http_authorize_object(&edit, &anna, NULL), 0);
	assert_int_equal(http_authorize_object(&view, &anna, &reg), 0);
	assert_int_equal(http_authorize_object(&part, &zora, &meas), 0);
	anna.foreign = zora.foreign = 1;
	assert_int_equal(http_authorize_object(&pub, &anna, NULL), 0); /* open figures are shared */
	assert_int_equal(http_authorize_object(&pub, &anna, &priv), 404);
	assert_int_equal(http_authorize_object(&view, &anna, &priv), 404);
	assert_int_equal(http_authorize_object(&view, &anna, NULL), 404);
	assert_int_equal(http_authorize_object(&edit, &anna, NULL), 404);
	assert_int_equal(http_authorize_object(&view, &anna, &reg), 404);
	assert_int_equal(http_authorize_object(&part, &zora, &meas), 404);
	assert_int_equal(http_authorize(&edit, &anna), 404);
}

/* Object kind "register": ivp__reg_decide through the transport — 401
 * anonymous, 404 hidden (never 403), 403 reason_required until a reason
 * comes, as form field "reden" or header X-Reason; admins see nothing. */
static void register_records(void **state)
{
	static const ivp__reg_rel none = { 0, 0, 0, 0 }, member = { 1, 0, 0, 0 }, handler = { 1, 1, 0, 0 },
				  dept = { 0, 1, 1, 0 };
	http_session adam = { .user = "adam", .role = HTTP_ROLE_ADMIN, .org = "gemeente" },
		     sam = { .user = "sam", .role = HTTP_ROLE_VIEWER, .org = "gemeente" };
	http_object o = { .kind = "register", .id = "S-2026-0001", .reg = IVP__REG_SIGNALS, .act = IVP__REG_READ };
	http_route rt = { .method = "GET", .role = HTTP_ROLE_VIEWER };
	http_req r;
	char code[64];

	(void)state;
	o.rel = &none;
	assert_int_equal(http_authorize_object(&rt, NULL, &o), 401);
	assert_int_equal(http_authorize_object(&rt, &adam, &o), 404); /* an admin: no relation, hidden */
	o.rel = NULL;
	assert_int_equal(http_authorize_object(&rt, &sam, &o), 404);
	o.rel = &handler;
	assert_int_equal(http_authorize_object(&rt, &sam, &o), 0);
	o.rel = &dept;
	assert_int_equal(http_authorize_object(&rt, &sam, &o), 0);
	o.act = IVP__REG_EXPORT;
	assert_int_equal(http_authorize_object(&rt, &sam, &o), 404);
	o.act = IVP__REG_READ;
	o.rel = &member;
	assert_int_equal(http_authorize_object(&rt, &sam, &o), 403);
	o.reason = "   ";
	assert_int_equal(http_authorize_object(&rt, &sam, &o), 0); /* the caller trims: http_reason */
	o.reason = NULL;
	o.act = IVP__REG_LIST;
	assert_int_equal(http_authorize_object(&rt, &sam, &o), 0);
	o.act = IVP__REG_READ;
	/* never on a public route */
	rt.role = HTTP_PUBLIC;
	o.rel = &handler;
	assert_int_equal(http_authorize_object(&rt, &sam, &o), 403);
	rt.role = HTTP_ROLE_VIEWER;

	/* the answers, and where the reason comes from */
	memset(&r, 0, sizeof(r));
	r.route = &rt;
	r.session = &sam;
	o.rel = &member;
	assert_null(http_reason(&r));
	assert_int_equal(http_authorize_record(&r, &o), 403);
	assert_int_equal(r.status, 403);
	assert_string_equal(body_code(&r, code, sizeof(code)), "reason_required");
	http_req_clear(&r);
	memset(&r, 0, sizeof(r));
	r.route = &rt;
	r.session = &sam;
	r.reason_header = " \t ";
	assert_null(http_reason(&r)); /* blanks are no reason */
	r.reason_header = "weging in het overleg van 1 december";
	assert_string_equal(http_reason(&r), "weging in het overleg van 1 december");
	o.reason = http_reason(&r);
	assert_int_equal(http_authorize_record(&r, &o), 0);
	o.reason = NULL;
	o.rel = &none;
	assert_int_equal(http_authorize_record(&r, &o), 404);
	assert_string_equal(body_code(&r, code, sizeof(code)), "not_found");
	http_req_clear(&r);
	memset(&r, 0, sizeof(r));
	r.route = &rt;
	assert_int_equal(http_authorize_record(&r, &o), 401);
	assert_string_equal(body_code(&r, code, sizeof(code)), "unauthorized");
	http_req_clear(&r);
}

/* Writes carry the session's CSRF token: header, form field, or refused. */
static void writes_need_the_csrf_token(void **state)
{
	http_req r;
	http_session editor = { "anna", HTTP_ROLE_EDITOR, "tok", "the-right-token", "gemeente", "", 0 };
	const http_route *up = NULL, *del = NULL, *get = &serve_routes[0];
	const char *ct = "multipart/form-data; boundary=xyz";
	size_t i;

	(void)state;
	for (i = 0; i < serve_nroutes; i++) {
		if (!strcmp(serve_routes[i].path, "/api/v1/imports"))
			up = &serve_routes[i];
		if (!strcmp(serve_routes[i].method, "DELETE"))
			del = &serve_routes[i];
	}
	assert_non_null(up);
	assert_non_null(del);
	assert_int_equal(http_csrf_check(get, NULL, NULL), 0);
	assert_int_equal(http_csrf_check(up, &editor, "the-right-token"), 0);
	assert_int_equal(http_csrf_check(up, &editor, "the-right-tokeN"), 403);
	assert_int_equal(http_csrf_check(up, &editor, "the-right-token-"), 403);
	assert_int_equal(http_csrf_check(up, &editor, ""), 403);
	assert_int_equal(http_csrf_check(up, &editor, NULL), 403);
	assert_int_equal(http_csrf_check(del, NULL, "the-right-token"), 403);
	/* header given and wrong: refused before the body */
	memset(&r, 0, sizeof(r));
	r.csrf = "wrong";
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/imports", ct, 100, 0, 1024, &editor), 403);
	assert_non_null(strstr(r.body, "\"code\":\"csrf\""));
	http_req_clear(&r);
	/* no header on a form route: the form field decides, in http_run */
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/imports", ct, 100, 0, 1024, &editor), 0);
	assert_int_equal(r.csrf_pending, 1);
	http_run(&r);
	assert_int_equal(r.status, 403);
	http_req_clear(&r);
	/* no header and no form field possible: refused at once */
	assert_int_equal(http_prepare(&r, &serve_app, "DELETE", "/api/v1/session", NULL, -1, 0, 1024, &editor), 403);
	http_req_clear(&r);
	r.csrf = "the-right-token";
	assert_int_equal(http_prepare(&r, &serve_app, "DELETE", "/api/v1/session", NULL, -1, 0, 1024, &editor), 0);
	http_req_clear(&r);
}

/* A {id} segment matches one plain segment and is copied out. */
static void path_ids(void **state)
{
	http_req r;
	http_session editor = { "anna", HTTP_ROLE_EDITOR, "tok", "t", "gemeente", "", 0 };
	const char *ct = "application/json";

	(void)state;
	memset(&r, 0, sizeof(r));
	r.csrf = "t";
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/measures/M-jop/progress", ct, 10, 0, 1024, &editor), 0);
	assert_string_equal(r.path_id, "M-jop");
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/measures//progress", ct, 10, 0, 1024, &editor), 404);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/measures/a/b/progress", ct, 10, 0, 1024, &editor), 404);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/measures/%41/progress", ct, 10, 0, 1024, &editor), 404);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/measures/M1/progress", "text/plain", 10, 0, 1024, &editor), 415);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/measures/M1/progress", ct, 9000, 0, 1 << 20, &editor), 413);
	http_req_clear(&r);
}

/* JSON and urlencoded bodies become the same checked fields. */
static void form_bodies(void **state)
{
	http_req r;
	const char *j = "{\"name\":\"anna\",\"password\":\"p w\"}";

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/session", "application/json", 10, 0, 1024, NULL), 0);
	assert_int_equal(http_form_parse(&r, "application/json", j, strlen(j)), 0);
	assert_string_equal(http_field(&r, "password"), "p w");
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/session", "application/x-www-form-urlencoded", 10, 0, 1024, NULL), 0);
	assert_int_equal(http_form_parse(&r, "application/x-www-form-urlencoded", "name=anna&password=p+w", 22), 0);
	assert_string_equal(http_field(&r, "name"), "anna");
	assert_string_equal(http_field(&r, "password"), "p w");
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/session", "application/json", 10, 0, 1024, NULL), 0);
	assert_int_equal(http_form_parse(&r, "application/json", "[1]", 3), 400);
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/session", "application/json", 10, 0, 1024, NULL), 0);
	assert_int_equal(http_form_parse(&r, "application/json", "{\"name\":\"a\"}", 12), 400);
	assert_non_null(strstr(r.body, "password"));
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &serve_app, "POST", "/api/v1/session", "application/json", 10, 0, 1024, NULL), 0);
	assert_int_equal(http_form_parse(&r, "application/json", "{\"name\":{}}", 11), 400);
	http_req_clear(&r);
}

/* The code of a JSON error body in r. */
static const char *body_code(const http_req *r, char *out, size_t n)
{
	const char *b = r->body ? r->body : r->static_body;
	json_t *o = b ? json_loadb(b, r->len, 0, NULL) : NULL;

	snprintf(out, n, "%s", o && json_is_string(json_object_get(o, "code")) ? json_string_value(json_object_get(o, "code")) : "(none)");
	json_decref(o);
	return out;
}

/* ---- the transport on an app of its own: the error hook's contract ---- */

static int hook_calls;

/* Answers errors of paths under /own/ itself (a plain text), leaves the rest to JSON. */
static int own_error(http_req *r, int status, const char *code, const char *message,
		     const char *detail, const char *hint)
{
	(void)detail;
	(void)hint;
	hook_calls++;
	if (strncmp(r->uri, "/own/", 5))
		return -1;
	free(r->body);
	r->body = strdup(code);
	r->len = strlen(r->body);
	r->status = status;
	r->ctype = "text/plain";
	(void)message;
	return 0;
}

static void own_handler(http_req *r)
{
	http_error(r, 409, "own_conflict", "a conflict", "", "");
}

static void error_hook(void **state)
{
	static const http_param none[] = { { 0 } };
	static const http_route routes[] = {
		{ "GET", "/own/x", own_handler, "ownX", "x", HTTP_PUBLIC, none, NULL, NULL, "x", "page", NULL, 0 },
		{ "GET", "/json/x", own_handler, "jsonX", "x", HTTP_PUBLIC, none, NULL, NULL, "x", "table", NULL, 0 },
	};
	static const http_app app = { routes, 2, own_error, NULL, NULL };
	http_req r;
	char c[64];

	(void)state;
	memset(&r, 0, sizeof(r));
	hook_calls = 0;
	assert_int_equal(http_prepare(&r, &app, "GET", "/own/x", NULL, -1, 0, 1024, NULL), 0);
	http_run(&r); /* the handler's error: the hook answers */
	assert_int_equal(r.status, 409);
	assert_string_equal(r.body, "own_conflict");
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &app, "GET", "/json/x", NULL, -1, 0, 1024, NULL), 0);
	http_run(&r); /* the hook declines: JSON */
	assert_int_equal(r.status, 409);
	assert_string_equal(body_code(&r, c, sizeof(c)), "own_conflict");
	http_req_clear(&r);
	/* the transport's own refusals go through the hook as well */
	assert_int_equal(http_prepare(&r, &app, "POST", "/own/x", NULL, -1, 0, 1024, NULL), 405);
	assert_string_equal(r.body, "method_not_allowed");
	http_req_clear(&r);
	assert_int_equal(http_prepare(&r, &app, "GET", "/json/y", NULL, -1, 0, 1024, NULL), 404);
	assert_string_equal(body_code(&r, c, sizeof(c)), "not_found");
	http_req_clear(&r);
	assert_int_equal(hook_calls, 4);
	/* an app without a hook: always JSON */
	{
		static const http_app bare = { routes, 2, NULL, NULL, NULL };

		assert_int_equal(http_prepare(&r, &bare, "GET", "/own/z", NULL, -1, 0, 1024, NULL), 404);
		assert_string_equal(body_code(&r, c, sizeof(c)), "not_found");
		http_req_clear(&r);
	}
}

/* Out of memory is 500 out_of_memory, never a 400; every result code has its status and code. */
static void error_codes(void **state)
{
	static const struct {
		ivp_rc rc;
		int status;
		const char *code;
	} map[] = {
		{ IVP_EINPUT, 400, "input_error" },
		{ IVP_ENOTFOUND, 404, "not_found" },
		{ IVP_EIO, 400, "io_error" },
		{ IVP_ENOMEM, 500, "out_of_memory" },
		{ IVP_EDB, 500, "database_error" },
		{ IVP_EINTERNAL, 500, "internal_error" },
	};
	ivp_error e;
	http_req r;
	char c[64];
	const char *code;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		assert_int_equal(http_rc_status(map[i].rc, &code), map[i].status);
		assert_string_equal(code, map[i].code);
	}
	/* the library's out of memory through the API: JSON 500 out_of_memory */
	memset(&r, 0, sizeof(r)); /* prepare() clears r first: it must start empty */
	memset(&e, 0, sizeof(e));
	e.rc = IVP_ENOMEM;
	snprintf(e.message, sizeof(e.message), "out of memory");
	assert_int_equal(prepare(&r, "GET", "/api/v1/areas"), 0);
	http_ivp_error(&r, IVP_ENOMEM, &e);
	assert_int_equal(r.status, 500);
	assert_string_equal(body_code(&r, c, sizeof(c)), "out_of_memory");
	/* an answer that could not be made (NULL from the renderer): 500 out_of_memory */
	assert_int_equal(prepare(&r, "GET", "/api/v1/sources"), 0);
	http_json(&r, 200, NULL);
	assert_int_equal(r.status, 500);
	assert_string_equal(body_code(&r, c, sizeof(c)), "out_of_memory");
	/* a page's out of memory is a 500 page, through the error hook of src/serve/ */
	assert_int_equal(prepare(&r, "GET", "/sources"), 0);
	http_ivp_error(&r, IVP_ENOMEM, &e);
	assert_int_equal(r.status, 500);
	assert_non_null(r.ctype);
	assert_int_equal(strncmp(r.ctype, "text/html", 9), 0);
	/* without the hook (json_errors) the same error is JSON */
	assert_int_equal(prepare(&r, "GET", "/sources"), 0);
	r.json_errors = 1;
	http_ivp_error(&r, IVP_ENOMEM, &e);
	assert_int_equal(r.status, 500);
	assert_string_equal(body_code(&r, c, sizeof(c)), "out_of_memory");
	/* a transport error of the API: the code of its check */
	assert_int_equal(prepare(&r, "DELETE", "/api/v1/areas"), 405);
	assert_string_equal(body_code(&r, c, sizeof(c)), "method_not_allowed");
	assert_int_equal(prepare(&r, "GET", "/api/v1/nothing"), 404);
	assert_string_equal(body_code(&r, c, sizeof(c)), "not_found");
	http_req_clear(&r);
}

static void openapi_covers_routes(void **state)
{
	char *s = serve_openapi_json();
	json_t *doc, *paths;
	json_error_t e;
	size_t i, ops = 0, api = 0;
	const char *k;
	json_t *v;

	(void)state;
	assert_non_null(s);
	doc = json_loads(s, 0, &e);
	assert_non_null(doc);
	paths = json_object_get(doc, "paths");
	for (i = 0; i < serve_nroutes; i++) {
		char m[8];
		size_t j;

		for (j = 0; serve_routes[i].method[j]; j++)
			m[j] = (char)(serve_routes[i].method[j] | 0x20);
		m[j] = '\0';
		if (strncmp(serve_routes[i].path, "/api/", 5)) { /* a page: kept out of the document */
			assert_null(json_object_get(paths, serve_routes[i].path));
			continue;
		}
		assert_non_null(json_object_get(json_object_get(paths, serve_routes[i].path), m));
	}
	json_object_foreach(paths, k, v)
		ops += json_object_size(v);
	for (i = 0; i < serve_nroutes; i++) /* every API route, and nothing else */
		api += !strncmp(serve_routes[i].path, "/api/", 5);
	assert_int_equal(ops, api);
	json_decref(doc);
	free(s);
}

/* ---- multipart ------------------------------------------------------------------- */

typedef struct sink {
	char log[4096];
	size_t n;
} sink;

static int s_part(void *ud, const http_mp_part *p)
{
	sink *s = ud;

	s->n += (size_t)snprintf(s->log + s->n, sizeof(s->log) - s->n, "[%s|%s|%s]", p->name,
				 p->filename, p->ctype);
	return 0;
}

static int s_data(void *ud, const char *p, size_t n)
{
	sink *s = ud;

	if (s->n + n >= sizeof(s->log))
		return -1;
	memcpy(s->log + s->n, p, n);
	s->n += n;
	s->log[s->n] = '\0';
	return 0;
}

static int s_end(void *ud)
{
	sink *s = ud;

	s->n += (size_t)snprintf(s->log + s->n, sizeof(s->log) - s->n, "$");
	return 0;
}

static const char body[] =
	"preamble\r\n"
	"--AaB03x\r\n"
	"Content-Disposition: form-data; name=\"kind\"\r\n"
	"\r\n"
	"crime\r\n"
	"--AaB03x  \r\n"
	"content-disposition: form-data; name=\"file\"; filename=\"C:\\\\data\\\\a;b.csv\"\r\n"
	"Content-Type: text/csv\r\n"
	"\r\n"
	"a,b\r\n--AaB03\r\n1,2\r\n"
	"--AaB03x--\r\n"
	"epilogue";
static const char want[] = "[kind||]crime$[file|C:\\data\\a;b.csv|text/csv]a,b\r\n--AaB03\r\n1,2$";

static int parse(const char *b, size_t n, size_t step, sink *s, http_mp *m)
{
	http_mp_cb cb = { s_part, s_data, s_end, s };
	size_t off;
	int rc = 0;

	memset(s, 0, sizeof(*s));
	http_mp_init(m, "AaB03x", &cb);
	for (off = 0; off < n && rc == 0; off += step)
		rc = http_mp_feed(m, b + off, n - off < step ? n - off : step);
	if (rc < 0)
		return -1;
	return http_mp_finish(m);
}

static void multipart_parses_at_every_split(void **state)
{
	http_mp *m = malloc(sizeof(*m));
	sink s;
	size_t step;

	(void)state;
	for (step = 1; step <= sizeof(body); step++) {
		assert_int_equal(parse(body, sizeof(body) - 1, step, &s, m), 0);
		assert_string_equal(s.log, want);
	}
	free(m);
}

static void multipart_boundary(void **state)
{
	char b[71];

	(void)state;
	assert_int_equal(http_mp_boundary("multipart/form-data; boundary=AaB03x", b), 0);
	assert_string_equal(b, "AaB03x");
	assert_int_equal(http_mp_boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\"", b), 0);
	assert_string_equal(b, "a b:c");
	assert_int_equal(http_mp_boundary("multipart/form-data", b), -1);
	assert_int_equal(http_mp_boundary("multipart/form-data; boundary=", b), -1);
	assert_int_equal(http_mp_boundary("multipart/form-data; boundary=\"open", b), -1);
	assert_int_equal(http_mp_boundary("multipart/form-data; boundary=a<b", b), -1);
	assert_int_equal(http_mp_boundary("text/csv; boundary=x", b), -1);
	assert_int_equal(http_mp_boundary("multipart/form-data; boundary="
					  "12345678901234567890123456789012345678901234567890123456789012345678901",
					  b),
			 -1);
}

static void multipart_refuses_malformed(void **state)
{
	static const char *const bad[] = {
		"--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", /* no close */
		"--AaB03x\r\n\r\nx\r\n--AaB03x--",				   /* no headers */
		"--AaB03x\r\nX-Foo\r\n\r\nx\r\n--AaB03x--",			   /* no colon */
		"--AaB03x\r\nContent-Type: text/plain\r\n\r\nx\r\n--AaB03x--",	   /* no disposition */
		"--AaB03x\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--AaB03x--",
		"--AaB03x\r\nContent-Disposition: form-data\r\n\r\nx\r\n--AaB03x--", /* no name */
		"--AaB03xJUNK\r\n",
		"no boundary at all",
		"",
	};
	http_mp *m = malloc(sizeof(*m));
	char big[8000];
	sink s;
	size_t i;
	int n;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i], strlen(bad[i]), 7, &s, m), -1);
		assert_true(strlen(m->err) > 0);
	}
	/* headers over the limit */
	n = snprintf(big, sizeof(big), "--AaB03x\r\nContent-Disposition: form-data; name=\"a\"\r\nX: ");
	memset(big + n, 'h', 5000);
	memcpy(big + n + 5000, "\r\n\r\nx\r\n--AaB03x--", 17); // NOLINT(bugprone-not-null-terminated-result): parse() is given the length
	assert_int_equal(parse(big, (size_t)n + 5017, 1000, &s, m), -1);
	assert_non_null(strstr(m->err, "headers are longer"));
	/* too many parts */
	for (n = 0, i = 0; i < 20; i++)
		n += snprintf(big + n, sizeof(big) - (size_t)n,
			      "--AaB03x\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nx\r\n");
	n += snprintf(big + n, sizeof(big) - (size_t)n, "--AaB03x--");
	assert_int_equal(parse(big, (size_t)n, 64, &s, m), -1);
	assert_non_null(strstr(m->err, "more than 16 parts"));
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(query_decodes),
		cmocka_unit_test(query_refuses),
		cmocka_unit_test(params_checked),
		cmocka_unit_test(writes_need_a_session),
		cmocka_unit_test(authorization_table),
		cmocka_unit_test(register_records),
		cmocka_unit_test(foreign_municipality),
		cmocka_unit_test(writes_need_the_csrf_token),
		cmocka_unit_test(path_ids),
		cmocka_unit_test(form_bodies),
		cmocka_unit_test(error_codes),
		cmocka_unit_test(error_hook),
		cmocka_unit_test(openapi_covers_routes),
		cmocka_unit_test(multipart_parses_at_every_split),
		cmocka_unit_test(multipart_boundary),
		cmocka_unit_test(multipart_refuses_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
