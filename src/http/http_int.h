/*
 * http_int.h — the HTTP transport's pieces that know nothing of sockets:
 * the route type, the request being answered, parameter checking, error
 * bodies and authorization. server.c puts them on libmicrohttpd; the fuzz
 * target and the tests call them directly.
 *
 * The transport knows no route of its own: the layer above (src/serve/)
 * hands it an http_app — the route table, whose rows name the handlers of
 * src/api/ and src/web/, and a hook that renders errors (pages for the
 * web app) — as libuv calls back through uv_*_cb rather than knowing its
 * caller. Nothing here includes a header of those layers.
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
#include <stdio.h>

#include "ivp/ivp.h"
#include "registers/registers.h" /* the need-to-know decision of object kind "register" */

#define HTTP_MAX_URI 4096      /* request target, bytes (414 above) */
#define HTTP_MAX_PARAMS 32     /* query parameters */
#define HTTP_MAX_VALUE 1024    /* one decoded query value */
#define HTTP_MAX_FIELDS 8      /* small multipart form fields */
#define HTTP_MAX_FIELD 256     /* one small form field's value */
#define HTTP_MAX_BODY 8192     /* a JSON or urlencoded body (sign-in, updates) */
#define HTTP_MAX_HEADERS 32768 /* the request's header block, bytes (431 above) */

/* ---- parameters ------------------------------------------------------- */

typedef enum http_ptype {
	HTTP_P_TEXT = 0, /* any text without control characters */
	HTTP_P_YEAR,	 /* 1900..2199 */
	HTTP_P_MONTH,	 /* YYYY-MM */
	HTTP_P_COUNT,	 /* a non-negative integer below 10^9 */
	HTTP_P_LIST,	 /* comma-separated texts, at most 32 */
	HTTP_P_BOOL,	 /* true/false/1/0 */
	HTTP_P_ENUM,	 /* one of `values` (comma-separated) */
	HTTP_P_FILE,	 /* a multipart file part */
	HTTP_P_SEARCH,	 /* a text that may be empty: a GET form's optional field */
	HTTP_P_PROSE,	 /* a long text of a multipart body (a textarea, or a file part):
			  * newlines allowed, stored like a file part (r->upload_file),
			  * at most --max-upload bytes */
	HTTP_P_LINES	 /* a form body's text of one or more lines (a textarea): may
			  * be empty; CR and LF allowed, CRLF (and a lone CR) stored
			  * as LF; every other control character refused as anywhere.
			  * Only in a form body: every other field and a query string
			  * refuse CR and LF (form.c) */
} http_ptype;

typedef struct http_param {
	const char *name;
	http_ptype type;
	int required;
	const char *values;  /* HTTP_P_ENUM: "nl,en" */
	const char *example; /* shown in the OpenAPI document; may be NULL */
	const char *description;
} http_param;

/* Who may call a route. authorize() in auth.c is the only place that reads it. */
typedef enum http_role {
	HTTP_PUBLIC = 0, /* anyone, also without a session */
	HTTP_ROLE_VIEWER,
	HTTP_ROLE_PARTNER, /* reads as a viewer; a route of this role changes the
			    * measure its {id} names: partners of the measure's
			    * organisations, editors and admins (auth.c) */
	HTTP_ROLE_EDITOR,
	HTTP_ROLE_ADMIN
} http_role;

const char *http_role_name(http_role r);

typedef struct http_req http_req;
typedef void (*http_handler)(http_req *r);

/* The JSON type of a column of a table answer (for the OpenAPI document). */
typedef enum http_ctype {
	HTTP_C_TEXT = 0, /* a string */
	HTTP_C_INT,	 /* an integer */
	HTTP_C_REAL,	 /* a number */
	HTTP_C_REAL_TEXT /* a number, or a word such as "inf" or "total" */
} http_ctype;

/*
 * One column of the rows a table route answers with: its name (a name with
 * "{area}" in it stands for one column per compared area, e.g.
 * "vs_{area}"), its JSON type, whether it may be null, and what it holds.
 */
typedef struct http_col {
	const char *name;
	http_ctype type;
	int nullable;
	const char *description;
} http_col;

/*
 * One row of the route table (src/serve/routes.c). The dispatcher
 * (router.c) and the OpenAPI document (src/serve/openapi.c) are both made
 * from that one table; nothing else names a route.
 */
typedef struct http_route {
	const char *method; /* "GET", "POST" */
	const char *path;   /* exact path, e.g. "/api/v1/areas"; one segment may be
				 * "{id}" (1-127 of A-Z a-z 0-9 . _ -) */
	http_handler handler;
	const char *id; /* OpenAPI operationId */
	const char *summary;
	http_role role;
	const http_param *params;  /* query parameters, ended by {NULL} */
	const char *body_type;	   /* NULL: takes no body; "multipart/form-data" (streamed
				 * upload) or "form" (application/json or
				 * application/x-www-form-urlencoded, at most
				 * HTTP_MAX_BODY bytes) */
	const http_param *fields;  /* form fields of the body, ended by {NULL} */
	const char *response;	   /* what the 200 response holds */
	const char *response_type; /* "table", "openapi", "import", "session",
					 * "progress", "plan", "update", "page" */
	const http_col *columns;   /* "table" and "progress": the columns of a row,
					 * ended by {NULL}; else NULL */
	int nocache;		   /* flags: HTTP_NOCACHE never from or into the response
				 * cache (static files, which are in memory already);
				 * HTTP_SLOW the handler runs on the server's bounded
				 * pool (sign-in: argon2id), the connection suspended
				 * meanwhile, so it never holds a worker thread */
} http_route;

#define HTTP_NOCACHE 1
#define HTTP_SLOW 2

/*
 * What the layer above gives the transport: the route table and the
 * error hook. `error` is asked first for every error the transport or a
 * handler writes (http_error, http_ivp_error): it returns 0 when it has
 * answered r itself (e.g. with an HTML page), -1 to let the transport
 * write the JSON body {code, message, detail, hint}. NULL: always JSON.
 */
typedef struct http_app {
	const http_route *routes;
	size_t nroutes;
	int (*error)(http_req *r, int status, const char *code, const char *message,
		     const char *detail, const char *hint);
	const char *described; /* for hints: where the routes are described, e.g.
				 * "GET /api/v1/openapi.json"; NULL: not said */
	const char *signin;    /* for the 401 hint: how to sign in; NULL: not said */
} http_app;

/*
 * Find the route of app for method and path (the path without its query).
 * Returns it, or NULL with *status 404 (no such path) or 405 (the path
 * exists for other methods, which `allow` lists as "GET, HEAD"). HEAD
 * finds GET routes.
 */
const http_route *http_route_find(const http_app *app, const char *method, const char *path,
				  size_t pathlen, int *status, char *allow, size_t allowsz);
/* Print app's route table, one "METHOD PATH ROLE SUMMARY" line per route. */
void http_routes_print(const http_app *app, FILE *out);

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
	char buf[HTTP_MAX_URI + HTTP_MAX_PARAMS]; /* decoded names and values */
} http_query;

/*
 * Parse `s` (n bytes, after the '?') into q: '&'-separated name=value pairs,
 * %XX and '+' decoded. Empty pairs are skipped; a name without '=' has the
 * value "". Returns 0, or -1 with a message in why (bad escape, %00 or a
 * control character, too many parameters, a value too long).
 */
int http_query_parse(const char *s, size_t n, http_query *q, char *why, size_t whysz);
/* The same for an urlencoded form body, whose values may hold CR and LF:
 * http_form_parse then lets them through in HTTP_P_LINES fields only. */
int http_body_parse(const char *s, size_t n, http_query *q, char *why, size_t whysz);
/* The value of `name`, or NULL. */
const char *http_query_get(const http_query *q, const char *name);

/* ---- the request ------------------------------------------------------------ */

typedef struct http_session {
	char user[64];
	http_role role;
	char token[48];		  /* the cookie value (for sign-out); a secret */
	char csrf[48];		  /* the CSRF token writes must carry; a secret */
	char org[IVP_ORG_ID_MAX]; /* the user's organisation (ivp_user_org) */
	char municipality[64];	  /* the user's binding (ivp_user_municipality; "" none) */
	int foreign;		  /* set by http_scope: this request acts for a
				   * municipality the binding does not cover, or
				   * the organisation does not work for */
} http_session;

/*
 * The object a request acts on, for the object-level part of
 * authorization: kind "measure" with its organisations (a partner may
 * change the measures its organisation owns or shares), or kind "private"
 * (what is not public: drafts, progress notes, who changed what — for
 * every signed-in role), or kind "register": one record of a restricted
 * register, decided by ivp__reg_decide from the session user's relation
 * to it (src/registers/registers.h; the contract is at http_authorize_record).
 */
typedef struct http_object {
	const char *kind;	     /* "measure", "private" or "register" */
	const char *id;		     /* the measure's id; "register": the record's id */
	const ivp_measure_org *orgs; /* "measure": its owner and partners */
	/* "register" only: */
	ivp__reg reg;		 /* which register */
	const ivp__reg_rel *rel; /* the session user's relation to the record (the
				   * register fills it in; NULL: none, hidden) */
	ivp__reg_act act;	 /* what the request does with it */
	const char *reason;	 /* the reason given (http_reason), or NULL */
} http_object;

struct http_req {
	/* in */
	const http_app *app; /* the routes and the error hook (set by http_prepare) */
	void *app_data;	     /* the layer above's state for this server; opaque here */
	const char *uri;     /* the request target as sent (set by http_prepare) */
	const char *method;
	const http_route *route;
	http_query q;
	const http_session *session;	 /* NULL: not signed in */
	const char *csrf;		 /* the X-CSRF-Token header, or NULL (set before http_prepare) */
	const char *reason_header;	 /* the X-Reason header, or NULL: the reason for opening a
					  * register record (http_reason) */
	int secure;			 /* came over TLS (ours, or X-Forwarded-Proto: https
					  * from the trusted proxy) */
	char client[64];		 /* the client address (the peer, or X-Forwarded-For
					  * from the trusted proxy), for the sign-in limit */
	const char *origin;		 /* the Origin header, or NULL */
	const char *fetch_site;		 /* the Sec-Fetch-Site header, or NULL */
	const char *host;		 /* the Host header, or NULL */
	char path_id[128];		 /* the {id} segment of the path, if the route has one */
	int csrf_pending;		 /* the CSRF token is to come as form field "csrf" */
	http_query form;		 /* a JSON or urlencoded body, as fields */
	ivp_ctx *ctx;			 /* this thread's database; set before http_run */
	const char *upload_dir;		 /* set when a multipart body was stored */
	const char *upload_file;	 /* path of the stored file part */
	const char *upload_name;	 /* the file's own name as the client sent it
					 * (base name, printable UTF-8), for the record */
	http_kv fields[HTTP_MAX_FIELDS]; /* small form fields */
	int nfields;
	int json_errors;	 /* 1: errors as JSON, past the error hook (a handler
					 * whose error page cannot be made) */
	const char *lang_cookie; /* the ivp_lang cookie, or NULL */
	/* out */
	int status;
	char *body; /* malloc'd; the server frees it */
	size_t len;
	const char *ctype;
	char allow[64];		 /* for 405 */
	char set_cookie[256];	 /* a Set-Cookie header, or "" */
	int retry_after;	 /* seconds, for 429 (0: none) */
	char location[512];	 /* a Location header (303 after a form), or "" */
	char disposition[192];	 /* a Content-Disposition header (a download; never cached), or "" */
	const char *cache;	 /* Cache-Control; NULL: no-store */
	const char *static_body; /* a body the assets own (never freed); else body */
};

/*
 * Step one: route (of app), query, body shape and authorization, from what
 * the request line and headers say. uri must stay valid while r is used.
 * content_length is -1 when not given (chunked). Returns 0 when the
 * request goes on (to the body or to http_run), or the status of the
 * error response already in r.
 */
int http_prepare(http_req *r, const http_app *app, const char *method, const char *uri,
		 const char *content_type, int64_t content_length, int chunked,
		 size_t max_upload, const http_session *session);
/* Run the route's handler; r->status and r->body are set afterwards. */
void http_run(http_req *r);
/* Free what r holds (body, query); r can be reused. */
void http_req_clear(http_req *r);

/*
 * Set r's response to an error: through the app's error hook, else the
 * JSON body {code, message, detail, hint}. `code` is one of the stable
 * machine codes of docs/errors.md ("HTTP").
 */
void http_error(http_req *r, int status, const char *code, const char *message,
		const char *detail, const char *hint);
/*
 * Set r's response from an ivp error: IVP_EINPUT 400 input_error,
 * IVP_ENOTFOUND 404 not_found, IVP_EIO 400 io_error, IVP_ENOMEM 500
 * out_of_memory, IVP_EDB 500 database_error, else 500 internal_error (a
 * user error the library adds later: 400 input_error). The codes are the
 * defaults of the library's result codes (docs/errors.md).
 */
void http_ivp_error(http_req *r, ivp_rc rc, const ivp_error *e);
/* The status and code http_ivp_error gives rc. */
int http_rc_status(ivp_rc rc, const char **code);
/* Set r's response to 500 out_of_memory (what failed: `what`, e.g. "the answer"). */
void http_oom(http_req *r, const char *what);
/* The 500 out_of_memory body sent when not even an error body can be made (static). */
extern const char http_oom_body[];
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
 * route `rt` on object `o` (NULL: the route alone)? Role × organisation ×
 * object, deny by default; the table is at the top of auth.c. Returns 0,
 * 401 (sign in first) or 403.
 */
int http_authorize_object(const http_route *rt, const http_session *s, const http_object *o);
/*
 * What the request acts for (docs/tenancy.md), set on r->ctx before the
 * handler: the municipality of `?area=` (a GM, WK or BU code), else
 * `?gemeente=`, else the signed-in user's binding, else the deployment's
 * first municipality. s (the request's session, or NULL) is marked foreign
 * when its binding does not cover that municipality, or its organisation
 * (a partner's) does not work for it (ivp_org_works_for): its user is then
 * anonymous to the public routes and objects, and a non-public route or
 * object answers 404 (another municipality's data does not exist for it).
 * Returns 0, or the status it answered with (400 for a bad ?gemeente=,
 * 404, 500).
 */
int http_scope(http_req *r, http_session *s);
/* The query parameter every route takes besides its own (http_scope). */
#define HTTP_PARAM_MUNICIPALITY "gemeente"
/* May r's caller see what is not public (progress notes, who changed
 * what, concept reports and their texts, the plan's readable diff)?
 * http_authorize_object on the object kind "private": every signed-in
 * role, never an anonymous caller. Every such item asks this. */
int http_private_ok(const http_req *r);
/*
 * A record of a restricted register (object kind "register"; the signals
 * and cases pages and API call this before they show, list, count, change
 * or export a record). ivp__reg_decide says, and this answers r:
 *
 *   not signed in          401 unauthorized
 *   IVP__NTK_HIDDEN        404 not_found, exactly as for a record that does
 *                          not exist (never 403: its existence stays hidden)
 *   IVP__NTK_REASON and    403 reason_required: allowed once a reason is
 *     no reason given          given. A page shows a form asking the reason
 *                          (field `reden`) and sends it again; the API
 *                          sends it as form field `reden` or header
 *                          `X-Reason` (http_reason).
 *   IVP__NTK_ALLOW, or     0: the handler goes on, and records the access
 *     REASON with one         with ivp__reg_audit(…, o->reason) (NULL for
 *                             ALLOW is fine; the reason is kept either way)
 *
 * Returns 0 or the status of the error already in r. http_authorize_object
 * gives the same decision without answering (0, 401, 403, 404).
 */
int http_authorize_record(http_req *r, const http_object *o);
/* The reason the request gives for opening a register record: form field
 * "reden", else header X-Reason; NULL when neither or only blanks. */
const char *http_reason(const http_req *r);
/* http_authorize_object(rt, s, NULL): the route alone. */
int http_authorize(const http_route *rt, const http_session *s);
/*
 * The object step of a request (auth.c), run by http_run before the
 * handler: a route of role HTTP_ROLE_PARTNER changes the measure its {id}
 * names, so the measure's organisations are looked up on r->ctx and
 * http_authorize_object decides. 0 when the handler may run, else the
 * status of the error already in r (403, 404 for an unknown measure, 500).
 */
int http_authorize_request(http_req *r);
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

#endif /* IVP_HTTP_INT_H */
