/*
 * request.c — the steps every request goes through before and after its
 * handler (see http_int.h), and the error answers: through the app's
 * error hook (src/serve/ renders pages there), else as JSON bodies with a
 * stable machine code (docs/errors.md, "HTTP").
 *
 * Order of the checks: which route (404/405), is the URI sound (414/400),
 * are the parameters right (400), is the body of the right kind and size
 * (400/411/413/415), may the caller do this (401/403). Cheap refusals that
 * reveal nothing come before authorization, so a client learns "too big"
 * or "wrong type" without first signing in.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "http/http_int.h"
#include "http/multipart.h"

/*
 * Text for a JSON error: error messages may quote the request (a path, a
 * parameter value), which need not be UTF-8, and jansson refuses invalid
 * UTF-8 — so copy it with every invalid byte replaced by '?' (found by
 * fuzz_http: a 404 for a path with 0xFF bytes had no body).
 */
static const char *utf8_safe(const char *in, char *out, size_t n)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t left = strlen((const char *)s), o = 0, k;

	while (left && o + 5 < n) {
		k = ivp__utf8_seq(s, left);
		if (!k) {
			out[o++] = '?';
			k = 1;
		} else {
			memcpy(out + o, s, k);
			o += k;
		}
		s += k;
		left -= k;
	}
	out[o] = '\0';
	return out;
}

/* The JSON error body {code, message, detail, hint}; never NULL unless out of memory. */
static json_t *error_object(const char *code, const char *message, const char *detail,
			    const char *hint)
{
	char m[512], d[1024], h[1024];

	return json_pack("{s:s, s:s, s:s, s:s}", "code", code,
			 "message", utf8_safe(message, m, sizeof(m)),
			 "detail", utf8_safe(detail, d, sizeof(d)),
			 "hint", utf8_safe(hint, h, sizeof(h)));
}

const char http_oom_body[] =
	"{\"code\":\"out_of_memory\",\"message\":\"out of memory\","
	"\"detail\":\"The server ran out of memory answering this request.\","
	"\"hint\":\"Try again later; if it persists, the server needs more memory.\"}";

/* r's response becomes the JSON error o (consumed); NULL (out of memory): 500 out_of_memory. */
static void set_error(http_req *r, int status, json_t *o)
{
	free(r->body);
	r->static_body = NULL;
	r->body = o ? json_dumps(o, JSON_COMPACT) : NULL;
	r->len = r->body ? strlen(r->body) : 0;
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
	json_decref(o);
	if (!r->body) {
		r->static_body = http_oom_body;
		r->len = strlen(http_oom_body);
		r->status = 500;
	}
}

/* The app's error hook, asked first; 1 when it answered r. */
static int hooked(http_req *r, int status, const char *code, const char *message,
		  const char *detail, const char *hint)
{
	return !r->json_errors && r->app && r->app->error &&
	       r->app->error(r, status, code, message, detail, hint) == 0;
}

void http_error(http_req *r, int status, const char *code, const char *message,
		const char *detail, const char *hint)
{
	if (hooked(r, status, code, message, detail, hint))
		return;
	set_error(r, status, error_object(code, message, detail, hint));
}

void http_oom(http_req *r, const char *what)
{
	char det[160];

	snprintf(det, sizeof(det), "The server ran out of memory making %s.", what);
	http_error(r, 500, "out_of_memory", "out of memory", det,
		   "Try again later; if it persists, the server needs more memory.");
}

int http_rc_status(ivp_rc rc, const char **code)
{
	switch (rc) {
	case IVP_EINPUT:
		*code = "input_error";
		return 400;
	case IVP_ENOTFOUND:
		*code = "not_found";
		return 404;
	case IVP_EIO:
		*code = "io_error";
		return 400;
	case IVP_ENOMEM:
		*code = "out_of_memory";
		return 500;
	case IVP_EDB:
		*code = "database_error";
		return 500;
	default:
		*code = ivp_rc_is_user_error(rc) ? "input_error" : "internal_error";
		return ivp_rc_is_user_error(rc) ? 400 : 500;
	}
}

void http_ivp_error(http_req *r, ivp_rc rc, const ivp_error *e)
{
	const char *code;
	char msg[300], detail[600], hint[600];
	int status = http_rc_status(rc, &code);
	json_t *o;

	/* {year} in a library text: the parameter (form field) ‘year’, never a CLI flag */
	ivp_text_params(e && e->message[0] ? e->message : ivp_strerror(rc), NULL, NULL, msg, sizeof(msg));
	ivp_text_params(e ? e->detail : "", NULL, NULL, detail, sizeof(detail));
	ivp_text_params(e ? e->hint : "", NULL, NULL, hint, sizeof(hint));
	if (hooked(r, status, code, msg, detail, hint))
		return;
	o = error_object(code, msg, detail, hint);
	/* `code` is the HTTP class (not_found, input_error, …); `reason` the
	 * library's own machine code for the condition (docs/errors.md) */
	if (o && e && e->rc == rc && e->code[0])
		json_object_set_new(o, "reason", json_string(e->code));
	if (o && e && e->file[0]) {
		/* import errors name where: the file as uploaded, line, field */
		const char *base = strrchr(e->file, '/');
		char f[512], fl[256];

		json_object_set_new(o, "file", json_string(utf8_safe(base ? base + 1 : e->file, f, sizeof(f))));
		json_object_set_new(o, "line", json_integer(e->line));
		json_object_set_new(o, "column", json_integer(e->column));
		json_object_set_new(o, "field", json_string(utf8_safe(e->field, fl, sizeof(fl))));
	} else if (o && e && e->option && e->field[0]) {
		char fl[256]; /* a parameter of the call: the form field it came from */

		json_object_set_new(o, "field", json_string(utf8_safe(e->field, fl, sizeof(fl))));
	}
	set_error(r, status, o);
}

void http_json(http_req *r, int status, char *json)
{
	free(r->body);
	r->static_body = NULL;
	r->body = json;
	if (!r->body) {
		http_oom(r, "the answer");
		return;
	}
	r->len = strlen(r->body);
	r->status = status;
	r->ctype = "application/json; charset=utf-8";
}

void http_table(http_req *r, const ivp_table *t)
{
	free(r->body);
	r->static_body = NULL;
	r->body = ivp_table_json(t, NULL, 0, IVP_JSON_COMPACT);
	if (!r->body) {
		http_oom(r, "the result");
		return;
	}
	r->len = strlen(r->body);
	r->status = 200;
	r->ctype = "application/json; charset=utf-8";
}

int http_media_is(const char *ct, const char *type)
{
	size_t n = strlen(type);

	return ct && !strncasecmp(ct, type, n) && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* A small body: JSON or urlencoded, at most HTTP_MAX_BODY bytes. */
static int check_form(http_req *r, const char *ct, int64_t clen, int has_body)
{
	char det[256];

	if (!has_body) {
		http_error(r, 400, "missing_body", "the request has no body",
			   "This endpoint takes its fields as a JSON object or an HTML form.",
			   "Send e.g. {\"name\": …} with Content-Type: application/json.");
		return 400;
	}
	if (clen > HTTP_MAX_BODY) {
		snprintf(det, sizeof(det), "The body is %lld bytes; this endpoint takes at most %d.",
			 (long long)clen, HTTP_MAX_BODY);
		http_error(r, 413, "too_large", "the body is too large", det, "Send only the fields.");
		return 413;
	}
	if (!http_media_is(ct, "application/json") && !http_media_is(ct, "application/x-www-form-urlencoded")) {
		snprintf(det, sizeof(det), "The body is %.100s; this endpoint takes application/json or application/x-www-form-urlencoded.",
			 ct && *ct ? ct : "of no declared type");
		http_error(r, 415, "unsupported_media_type", "wrong content type", det,
			   "Send a JSON object, or the fields as an HTML form.");
		return 415;
	}
	return 0;
}

static int check_body(http_req *r, const char *ct, int64_t clen, int chunked, size_t max)
{
	char det[256], b[71];
	int has_body = chunked || clen > 0;

	if (!r->route->body_type) {
		if (!has_body)
			return 0;
		http_error(r, 400, "unexpected_body", "this request takes no body",
			   "GET requests of this API read their parameters from the query string.",
			   "Send the parameters in the query string, without a body.");
		return 400;
	}
	if (!strcmp(r->route->body_type, "form"))
		return check_form(r, ct, clen, has_body);
	if (!has_body) {
		http_error(r, 400, "missing_body", "the request has no body",
			   "This endpoint takes a multipart/form-data upload.",
			   "Send the file as a form field named \"file\".");
		return 400;
	}
	if (clen > 0 && (uint64_t)clen > max) {
		snprintf(det, sizeof(det), "The body is %lld bytes; this server takes at most %zu.",
			 (long long)clen, max);
		http_error(r, 413, "too_large", "the upload is too large", det,
			   "Split the file, or start the server with a larger --max-upload.");
		return 413;
	}
	if (!http_media_is(ct, r->route->body_type)) {
		snprintf(det, sizeof(det), "The body is %.100s; this endpoint takes %s.",
			 ct && *ct ? ct : "of no declared type", r->route->body_type);
		http_error(r, 415, "unsupported_media_type", "wrong content type", det,
			   "Send the file as multipart/form-data (an HTML form with enctype=\"multipart/form-data\", or curl -F file=@FILE).");
		return 415;
	}
	if (http_mp_boundary(ct, b)) {
		http_error(r, 400, "bad_multipart", "the multipart boundary is missing or invalid",
			   "Content-Type must carry boundary=… of 1 to 70 allowed characters.",
			   "Let the client (browser, curl -F) build the multipart body.");
		return 400;
	}
	return 0;
}

static int has_field(const http_param *f, const char *name)
{
	for (; f->name; f++)
		if (!strcmp(f->name, name))
			return 1;
	return 0;
}

/* The CSRF rule (auth.c) on `given`; 403 with the error in r when broken. */
static int csrf(http_req *r, const char *given)
{
	if (!http_csrf_check(r->route, r->session, given))
		return 0;
	http_error(r, 403, "csrf", given && *given ? "the CSRF token is wrong" : "the CSRF token is missing",
		   "A request that changes data must carry the CSRF token of its session.",
		   "Send the csrf value that sign-in returned as header X-CSRF-Token (or form field csrf).");
	return 403;
}

/*
 * Writes from another site refused, sign-in too (login CSRF: another
 * site's page signing the browser in as the attacker): a browser names
 * the origin of a request, in Sec-Fetch-Site and Origin. Sec-Fetch-Site,
 * when sent, decides: same-origin or none (typed by the user). Without it
 * an Origin must be this server's (scheme://Host); "null" is refused. (With
 * our Referrer-Policy no-referrer browsers send Origin: null even for our
 * own forms, and Sec-Fetch-Site beside it.) A request with neither (curl, a
 * script) is not from a browser's page and goes on. 403 with the error in r.
 */
static int same_origin(http_req *r)
{
	const char *o = r->origin;
	int bad = 0;

	if (!strcmp(r->method, "GET") || !strcmp(r->method, "HEAD"))
		return 0;
	if (r->fetch_site)
		bad = strcmp(r->fetch_site, "same-origin") && strcmp(r->fetch_site, "none");
	else if (o) {
		if (!strncasecmp(o, "https://", 8))
			o += 8;
		else if (!strncasecmp(o, "http://", 7))
			o += 7;
		else
			o = NULL; /* "null" or another scheme */
		if (!o || !r->host || strcasecmp(o, r->host))
			bad = 1;
	}
	if (!bad)
		return 0;
	http_error(r, 403, "cross_site", "a request from another site is refused",
		   "This server takes sign-ins and changes only from its own pages.",
		   "Open the page on this server and send the form from there.");
	return 403;
}

int http_prepare(http_req *r, const http_app *app, const char *method, const char *uri,
		 const char *content_type, int64_t content_length, int chunked,
		 size_t max_upload, const http_session *session)
{
	const char *qm;
	size_t plen, ulen = strlen(uri);
	int status = 0, a;
	char why[160], det[256], hint[160];

	r->app = app;
	r->uri = uri;
	r->method = method;
	r->session = session;
	r->q.n = 0;
	if (ulen > HTTP_MAX_URI) {
		snprintf(det, sizeof(det), "The request target is %zu bytes; the limit is %d.", ulen, HTTP_MAX_URI);
		http_error(r, 414, "uri_too_long", "the URI is too long", det, "Ask for less in one request.");
		return 414;
	}
	qm = strchr(uri, '?');
	plen = qm ? (size_t)(qm - uri) : ulen;
	r->route = http_route_find(app, method, uri, plen, &status, r->allow, sizeof(r->allow));
	if (!r->route) {
		if (status == 405) {
			snprintf(det, sizeof(det), "%.60s %.*s is not supported; allowed: %s.", method,
				 (int)(plen > 100 ? 100 : plen), uri, r->allow);
			http_error(r, 405, "method_not_allowed", "method not allowed", det,
				   "Use one of the allowed methods.");
		} else {
			snprintf(det, sizeof(det), "There is no endpoint %.*s.", (int)(plen > 100 ? 100 : plen), uri);
			snprintf(hint, sizeof(hint), "%s lists the endpoints.",
				 app && app->described ? app->described : "The server's documentation");
			http_error(r, 404, "not_found", "no such endpoint", det, hint);
		}
		return status;
	}
	if (qm && http_query_parse(qm + 1, ulen - plen - 1, &r->q, why, sizeof(why))) {
		http_error(r, 400, "bad_query", "the query string is malformed", why,
			   "Encode values with %XX escapes (UTF-8), as browsers do.");
		return 400;
	}
	(void)http_path_id(r->route->path, uri, plen, r->path_id, sizeof(r->path_id));
	if ((status = http_params_check(r, r->route->params, &r->q)))
		return status;
	if ((status = check_body(r, content_type, content_length, chunked, max_upload)))
		return status;
	if ((status = same_origin(r)))
		return status;
	if ((a = http_authorize(r->route, session))) {
		if (a == 401)
			http_error(r, 401, "unauthorized", "sign in first",
				   "Changing data needs a user with a role of at least editor; this request has no session.",
				   app && app->signin ? app->signin : "Sign in first.");
		else
			http_error(r, 403, "forbidden", "your role may not do this",
				   "This endpoint needs a higher role.", "Ask an administrator for the role.");
		return a;
	}
	if (r->csrf || !r->route->fields || !has_field(r->route->fields, "csrf") ||
	    !http_csrf_check(r->route, session, NULL))
		return csrf(r, r->csrf);
	r->csrf_pending = 1; /* to come as form field "csrf", checked in http_run */
	return 0;
}

void http_run(http_req *r)
{
	r->status = 0;
	if (r->csrf_pending && csrf(r, http_field(r, "csrf")))
		return;
	if (http_authorize_request(r))
		return;
	r->route->handler(r);
	if (!r->status)
		http_error(r, 500, "internal_error", "the handler gave no answer",
			   "This is a bug of the server.", "Report the request that caused it.");
}

void http_req_clear(http_req *r)
{
	free(r->body);
	memset(r, 0, sizeof(*r));
}
