/*
 * auth.c — authorization, in one place: who is this request from, may
 * they call this route, and does a write carry its CSRF token?
 *
 * Deny by default: a route is open to anonymous callers only when the
 * route table marks it HTTP_PUBLIC; every other route needs a session
 * whose role ranks at least as high as the route's (viewer < partner <
 * editor < admin). A route that changes data (any method but GET/HEAD)
 * and needs a session must also carry the session's CSRF token, as header
 * X-CSRF-Token or form field "csrf", compared in constant time. Sessions
 * come from the ivp_session cookie through the library (src/auth/):
 * random tokens stored hashed, with an expiry.
 *
 * The need-to-know rules of the restricted registers and the audit log
 * hook in here, nowhere else.
 */
#include <stdio.h>
#include <string.h>

#include "http/http_int.h"

int http_authorize(const http_route *rt, const http_session *s)
{
	if (!rt)
		return 403;
	if (rt->role == HTTP_PUBLIC)
		return 0;
	if (!s)
		return 401;
	switch (rt->role) {
	case HTTP_ROLE_VIEWER:
	case HTTP_ROLE_PARTNER:
	case HTTP_ROLE_EDITOR:
	case HTTP_ROLE_ADMIN:
		return s->role >= rt->role ? 0 : 403;
	default:
		return 403;
	}
}

int http_csrf_check(const http_route *rt, const http_session *s, const char *given)
{
	if (!rt)
		return 403;
	if (rt->role == HTTP_PUBLIC || !strcmp(rt->method, "GET"))
		return 0;
	if (!s)
		return 403;
	return ivp_csrf_equal(s->csrf, given) ? 0 : 403;
}

static http_role role_of(ivp_role r)
{
	switch (r) {
	case IVP_ROLE_VIEWER:
		return HTTP_ROLE_VIEWER;
	case IVP_ROLE_PARTNER:
		return HTTP_ROLE_PARTNER;
	case IVP_ROLE_EDITOR:
		return HTTP_ROLE_EDITOR;
	case IVP_ROLE_ADMIN:
		return HTTP_ROLE_ADMIN;
	default:
		return HTTP_PUBLIC;
	}
}

const http_session *http_session_lookup(ivp_ctx *ctx, const char *cookie, http_session *out)
{
	ivp_session s;
	int valid = 0;

	if (!ctx || !cookie || !*cookie)
		return NULL;
	if (ivp_session_check(ctx, cookie, &s, &valid) || !valid || role_of(s.role) == HTTP_PUBLIC)
		return NULL;
	memset(out, 0, sizeof(*out));
	memcpy(out->user, s.user, sizeof(out->user));
	out->role = role_of(s.role);
	memcpy(out->token, s.token, sizeof(out->token));
	memcpy(out->csrf, s.csrf, sizeof(out->csrf));
	return out;
}

/* The session cookie's attributes, in one place (docs/security.md). */
static void session_cookie(http_req *r, const char *token, int max_age)
{
	snprintf(r->set_cookie, sizeof(r->set_cookie),
		 "ivp_session=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict%s",
		 token, max_age, r->secure ? "; Secure" : "");
}

int http_signin(http_req *r, ivp_session *s, ivp_signin_status *st)
{
	int retry = 0;
	ivp_signin_req q = { http_field(r, "name"), http_field(r, "password"), http_field(r, "totp"),
			     r->client[0] ? r->client : NULL };
	ivp_rc rc = ivp_signin(r->ctx, &q, s, st, &retry);

	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return -1;
	}
	if (*st == IVP_SIGNIN_LIMITED)
		r->retry_after = retry > 0 ? retry : 1;
	else if (*st == IVP_SIGNIN_OK)
		session_cookie(r, s->token, IVP_SESSION_SECONDS);
	return 0;
}

int http_signout(http_req *r)
{
	ivp_rc rc = ivp_session_end(r->ctx, r->session ? r->session->token : NULL);

	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return -1;
	}
	session_cookie(r, "", 0);
	return 0;
}
