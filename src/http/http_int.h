/*
 * http_int.h — the pieces of the HTTP front that know nothing of sockets:
 * the route table, the request being answered, parameter checking, error
 * bodies and authorization. server.c puts them on libmicrohttpd; the fuzz
 * target and the tests call them directly.
 *
 * A request goes through these steps (request.c), each of which may end it
 * with a status and a JSON error body:
 *
 *   http_prepare:  route (404, 405) → URI and query (414, 400) → body
 *                  shape (411, 413, 415, 400) → who may (401, 403)
 *   body:          multipart upload into a temporary directory (413, 400)
 *   http_run:      the route's handler on this thread's ivp_ctx
 *
 * Like the CLI this uses only the public API (ivp/ivp.h).
 */
#ifndef IVP_HTTP_INT_H
#define IVP_HTTP_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ivp/ivp.h"

#define HTTP_MAX_URI 4096	/* request target, bytes (414 above) */
#define HTTP_MAX_PARAMS 32	/* query parameters */
#define HTTP_MAX_VALUE 1024	/* one decoded query value */
#define HTTP_MAX_FIELDS 8	/* small multipart form fields */
#define HTTP_MAX_FIELD 256	/* one small form field's value */
#define HTTP_MAX_BODY 8192	/* a JSON or urlencoded body (sign-in, updates) */

/* ---- parameters ------------------------------------------------------- */

typedef enum http_ptype {
	HTTP_P_TEXT = 0,	/* any text without control characters */
	HTTP_P_YEAR,		/* 1900..2199 */
	HTTP_P_MONTH,		/* YYYY-MM */
	HTTP_P_COUNT,		/* a non-negative integer below 10^9 */
	HTTP_P_LIST,		/* comma-separated texts, at most 32 */
	HTTP_P_BOOL,		/* true/false/1/0 */
	HTTP_P_ENUM,		/* one of `values` (comma-separated) */
	HTTP_P_FILE		/* a multipart file part */
} http_ptype;

typedef struct http_param {
	const char *name;
	http_ptype type;
	int required;
	const char *values;	/* HTTP_P_ENUM: "nl,en" */
	const char *example;	/* shown in the OpenAPI document; may be NULL */
	const char *description;
} http_param;

/* Who may call a route. authorize() in auth.c is the only place that reads it. */
typedef enum http_role {
	HTTP_PUBLIC = 0,	/* anyone, also without a session */
	HTTP_ROLE_VIEWER,
	HTTP_ROLE_PARTNER,	/* reads as a viewer; writes to own measures later */
	HTTP_ROLE_EDITOR,
	HTTP_ROLE_ADMIN
} http_role;

const char *http_role_name(http_role r);

typedef struct http_req http_req;
typedef void (*http_handler)(http_req *r);

/*
 * One row of the route table. The dispatcher (router.c) and the OpenAPI
 * document (openapi.c) are both generated from http_routes[]; nothing else
 * names a route.
 */
typedef struct http_route {
	const char *method;	/* "GET", "POST" */
	const char *path;	/* exact path, e.g. "/api/v1/areas"; one segment may be
				 * "{id}" (1-127 of A-Z a-z 0-9 . _ -) */
	http_handler handler;
	const char *id;		/* OpenAPI operationId */
	const char *summary;
	http_role role;
	const http_param *params;	/* query parameters, ended by {NULL} */
	const char *body_type;	/* NULL: takes no body; "multipart/form-data" (streamed
				 * upload) or "form" (application/json or
				 * application/x-www-form-urlencoded, at most
				 * HTTP_MAX_BODY bytes) */
	const http_param *fields;	/* form fields of the body, ended by {NULL} */
	const char *response;	/* what the 200 response holds */
	const char *response_type;	/* "table", "openapi", "import", "session",
					 * "progress", "plan", "update" */
} http_route;

extern const http_route http_routes[];
extern const size_t http_nroutes;

/*
 * Find the route for method and path (the path without its query). Returns
 * it, or NULL with *status 404 (no such path) or 405 (the path exists for
 * other methods, which `allow` lists as "GET, HEAD"). HEAD finds GET routes.
 */
const http_route *http_route_find(const char *method, const char *path, size_t pathlen,
				  int *status, char *allow, size_t allowsz);

/* Copy the {id} segment of path (as matched by route) into id; -1 when it does not match. */
int http_path_id(const char *route, const char *path, size_t n, char *id, size_t idsz);

/* ---- the query string ----------------------------------------------------- */

typedef struct http_kv {
	const char *name;
	const char *value;
} http_kv;

typedef struct http_query {
	http_kv kv[HTTP_MAX_PARAMS];
	int n;
	char buf[HTTP_MAX_URI + HTTP_MAX_PARAMS];	/* decoded names and values */
} http_query;

/*
 * Parse `s` (n bytes, after the '?') into q: '&'-separated name=value pairs,
 * %XX and '+' decoded. Empty pairs are skipped; a name without '=' has the
 * value "". Returns 0, or -1 with a message in why (bad escape, %00 or a
 * control character, too many parameters, a value too long).
 */
int http_query_parse(const char *s, size_t n, http_query *q, char *why, size_t whysz);
/* The value of `name`, or NULL. */
const char *http_query_get(const http_query *q, const char *name);

/* ---- the request ------------------------------------------------------------ */

typedef struct http_session {
	char user[64];
	http_role role;
	char token[48];		/* the cookie value (for sign-out); a secret */
	char csrf[48];		/* the CSRF token writes must carry; a secret */
} http_session;

struct http_req {
	/* in */
	const char *method;
	const http_route *route;
	http_query q;
	const http_session *session;	/* NULL: not signed in */
	const char *csrf;		/* the X-CSRF-Token header, or NULL (set before http_prepare) */
	int secure;			/* came over TLS (X-Forwarded-Proto: https) */
	char client[64];		/* the peer address, for the sign-in rate limit */
	char path_id[128];		/* the {id} segment of the path, if the route has one */
	int csrf_pending;		/* the CSRF token is to come as form field "csrf" */
	http_query form;		/* a JSON or urlencoded body, as fields */
	ivp_ctx *ctx;			/* this thread's database; set before http_run */
	const char *upload_dir;		/* set when a multipart body was stored */
	const char *upload_file;	/* path of the stored file part */
	const char *upload_name;	/* the file's own name as the client sent it
					 * (base name, printable UTF-8), for the record */
	http_kv fields[HTTP_MAX_FIELDS];	/* small form fields */
	int nfields;
	const char *openapi;		/* the document, made once at start */
	int page;			/* an HTML page (path not under /api/): errors as pages */
	const char *lang_cookie;	/* the ivp_lang cookie (web/), or NULL */
	const struct web_assets *assets;	/* the static files (web/assets.c), or NULL */
	struct http_jobs *jobs;		/* background imports (jobs.h), or NULL */
	/* out */
	int status;
	char *body;			/* malloc'd; the server frees it */
	size_t len;
	const char *ctype;
	char allow[64];			/* for 405 */
	char set_cookie[256];		/* a Set-Cookie header, or "" */
	int retry_after;		/* seconds, for 429 (0: none) */
	char location[512];		/* a Location header (303 after a form), or "" */
	const char *cache;		/* Cache-Control; NULL: no-store */
	const char *static_body;	/* a body the assets own (never freed); else body */
};

/*
 * Step one: route, query, body shape and authorization, from what the
 * request line and headers say. content_length is -1 when not given
 * (chunked). Returns 0 when the request goes on (to the body or to
 * http_run), or the status of the error response already in r.
 */
int http_prepare(http_req *r, const char *method, const char *uri,
		 const char *content_type, int64_t content_length, int chunked,
		 size_t max_upload, const http_session *session);
/* Run the route's handler; r->status and r->body are set afterwards. */
void http_run(http_req *r);
/* Free what r holds (body, query); r can be reused. */
void http_req_clear(http_req *r);

/* Set r's response to a JSON error {code, message, detail, hint}. */
void http_error(http_req *r, int status, const char *code, const char *message,
		const char *detail, const char *hint);
/* Set r's response from an ivp error (status from its rc). */
void http_ivp_error(http_req *r, ivp_rc rc, const ivp_error *e);
/* Set r's response to `status` with `json` (malloc'd; r takes it; NULL: 500). */
void http_json(http_req *r, int status, char *json);
/* Is the media type of Content-Type `ct` (without parameters) `type`? */
int http_media_is(const char *ct, const char *type);
/* Set r's response to 200 with a table as JSON (frees nothing). */
void http_table(http_req *r, const ivp_table *t);

/*
 * Check q against the route's parameters: unknown, repeated or missing
 * names and values of the wrong type give 400 (set in r). 0 when fine.
 */
int http_params_check(http_req *r, const http_param *spec, const http_query *q);
/* Parse a value of a checked parameter. */
int http_parse_month(const char *v, int *yyyymm);
int http_parse_year(const char *v, int *year);

/*
 * Authorization, in one place (auth.c): may `s` (NULL: anonymous) call
 * route `rt`? Deny by default. Returns 0, 401 (sign in first) or 403.
 */
int http_authorize(const http_route *rt, const http_session *s);
/*
 * Sign in with the request's name and password fields (API and page alike).
 * Returns 0 with *st set: on IVP_SIGNIN_OK the session cookie is set and *s
 * holds the session (the caller wipes it); on IVP_SIGNIN_LIMITED
 * r->retry_after is set. Returns -1 after a library error (r answered).
 */
int http_signin(http_req *r, ivp_session *s, ivp_signin_status *st);
/* Sign out the request's session and clear the cookie; -1 after an error (r answered). */
int http_signout(http_req *r);
/*
 * The CSRF rule (auth.c): a route that changes data and needs a session
 * (not GET/HEAD, not public) must carry the session's CSRF token; `given`
 * is the X-CSRF-Token header or the form field "csrf". 0 when the route
 * needs none or the token matches (constant-time compare), else 403.
 */
int http_csrf_check(const http_route *rt, const http_session *s, const char *given);
/*
 * The session named by the value of the ivp_session cookie (NULL: none),
 * looked up on ctx, filled into *out and returned; NULL when there is no
 * valid session (or no ctx).
 */
const http_session *http_session_lookup(ivp_ctx *ctx, const char *cookie, http_session *out);

/*
 * A "form" body (form.c): JSON object or urlencoded, by content type, into
 * r->form and r->fields, checked against the route's fields (400 in r).
 * JSON values may be strings, numbers, booleans or arrays of strings
 * (joined by commas). Returns 0 or the status of the error in r.
 */
int http_form_parse(http_req *r, const char *ct, const char *body, size_t len);
/* The value of form field `name` (either kind of body), or NULL. */
const char *http_field(const http_req *r, const char *name);

/* The OpenAPI 3.0 document of http_routes[], as compact JSON. Caller frees. */
char *http_openapi(void);

/* The plan's canonical YAML as a jansson value; NULL when it cannot be converted. */
struct json_t *http_yaml_json(const char *yaml);

/*
 * Run an import of r->upload_file with the form fields kind, year and
 * skip_unknown_regions (POST /api/v1/imports and the import page). 0 with
 * *res filled, or the HTTP status of the error already set in r.
 */
int http_import_run(http_req *r, ivp_import_result *res);
/*
 * The checked form fields of an import (kind, year, skip_unknown_regions)
 * and that a file was sent: 0 with *k and *o set (o->user unset), or the
 * HTTP status of the error already set in r.
 */
int http_import_form(http_req *r, ivp_import_kind *k, ivp_import_opts *o);

/* Handlers (api.c). */
void http_api_areas(http_req *r);
void http_api_indicators(http_req *r);
void http_api_series(http_req *r);
void http_api_ranking(http_req *r);
void http_api_sources(http_req *r);
void http_api_definitions(http_req *r);
void http_api_openapi(http_req *r);
void http_api_import(http_req *r);
/* api_session.c */
void http_api_signin(http_req *r);
void http_api_signout(http_req *r);
/* api_plan.c */
void http_api_plan(http_req *r);
void http_api_plan_progress(http_req *r);
void http_api_plan_history(http_req *r);
void http_api_measure_progress(http_req *r);

#endif /* IVP_HTTP_INT_H */
