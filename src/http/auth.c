/*
 * auth.c — authorization, in one place: who is this request from, may
 * they call this route on this object, and does a write carry its CSRF
 * token?
 *
 * One function decides, http_authorize_object: role × organisation ×
 * object, deny by default. The route's role (the route table) says who
 * may reach it:
 *
 *   route role       anonymous  viewer  partner            editor  admin
 *   HTTP_PUBLIC      yes        yes     yes                yes     yes
 *   HTTP_ROLE_VIEWER 401        yes     yes                yes     yes
 *   HTTP_ROLE_PARTNER 401       403     own measure only   yes     yes
 *   HTTP_ROLE_EDITOR 401        403     403                yes     yes
 *   HTTP_ROLE_ADMIN  401        403     403                403     yes
 *
 * "Own measure": a route of role HTTP_ROLE_PARTNER changes the measure its
 * {id} names (status, note, output figures, spending). A partner may call
 * it only for a measure whose owner or partners include the partner's
 * organisation (ivp_measure_orgs of the latest plan version); there is no
 * way to call such a route without that check, because http_run runs
 * http_authorize_request (the object step) before every handler of that
 * role. Asked for the route alone (o NULL), a partner may reach it: the
 * object step decides. Object kind "private" (drafts, progress notes, who
 * changed what) is for every signed-in role, never for anonymous callers.
 * An unknown role or an unknown object kind is refused.
 *
 * A route that changes data (any method but GET/HEAD) and needs a session
 * must also carry the session's CSRF token, as header X-CSRF-Token or form
 * field "csrf", compared in constant time. Sessions come from the
 * ivp_session cookie through the library (src/auth/): random tokens stored
 * hashed, with an expiry; the session carries the user's organisation.
 *
 * Object kind "register" is one record of a restricted register (signals,
 * cases; src/registers/): the decision is ivp__reg_decide's, from the
 * relation of the session's user to the record (member, handler,
 * department handler, participating organisation), never the role — an
 * admin has none and sees nothing. A hidden record answers 404, as one
 * that does not exist; a record the user may open only with a reason (not
 * its handler) answers 403 reason_required until the request carries one
 * (form field "reden" or header X-Reason), which the handler then records
 * with the access (ivp__reg_audit). Anonymous: 401. http_int.h
 * (http_authorize_record) has the contract the registers' pages follow.
 *
 * Many municipalities (docs/tenancy.md): every request acts for one
 * municipality (http_scope: ?area=, ?gemeente=, the user's binding, the
 * deployment's first), set on its ctx so that the library sees only that
 * municipality's plan. A signed-in user whose binding does not cover it is
 * "foreign" to the request: to the public routes and objects they are
 * anonymous (open figures and published plans are shared), everything else
 * — a non-public route, a private or register object — answers 404, before
 * any other rule: another municipality's non-public data does not exist
 * for them. A partner — a user of an organisation other than the
 * municipality's own (IVP_ORG_DEFAULT) — is foreign, too, to a
 * municipality its organisation does not work for (ivp_org_works_for:
 * `ivp org municipality`; without any, the deployment's first), even when
 * its own binding covers it: the police unit's user bound to the region
 * acts for the region's municipalities the police unit works for.
 */
#include <stdio.h>
#include <string.h>

#include "http/http_int.h"

static int known_role(http_role r)
{
	return r == HTTP_ROLE_VIEWER || r == HTTP_ROLE_PARTNER || r == HTTP_ROLE_EDITOR ||
	       r == HTTP_ROLE_ADMIN;
}

/* May a partner of s's organisation change the measure o? */
static int partner_object(const http_session *s, const http_object *o)
{
	if (!o)
		return 0; /* the route alone: the object step decides (see above) */
	if (!o->kind || strcmp(o->kind, "measure") || !o->orgs || !s->org[0])
		return 403;
	return ivp_measure_org_shares(o->orgs, s->org) ? 0 : 403;
}

/* A register record: 0, 401, 403 (a reason is needed) or 404 (hidden). */
static int register_object(const http_session *s, const http_object *o)
{
	int d;

	if (!s)
		return 401;
	if (!known_role(s->role))
		return 404;
	d = ivp__reg_decide(o->reg, o->rel, o->act);
	if (d == IVP__NTK_ALLOW)
		return 0;
	if (d == IVP__NTK_REASON)
		return o->reason && *o->reason ? 0 : 403;
	return 404;
}

int http_authorize_object(const http_route *rt, const http_session *s, const http_object *o)
{
	if (!rt)
		return 403;
	if (s && s->foreign) /* another municipality's request: public only, as anonymous */
		return rt->role != HTTP_PUBLIC || (o && o->kind && strcmp(o->kind, "measure")) ?
			       404 :
			       http_authorize_object(rt, NULL, o);
	if (o && o->kind && !strcmp(o->kind, "register"))
		return rt->role == HTTP_PUBLIC ? 403 : register_object(s, o); /* never on a public route */
	if (o && (!o->kind || (strcmp(o->kind, "measure") && strcmp(o->kind, "private"))))
		return 403;
	if (o && !strcmp(o->kind, "private"))
		return !s ? 401 : known_role(s->role) ? 0 :
							403;
	if (rt->role == HTTP_PUBLIC)
		return 0;
	if (!s)
		return 401;
	if (!known_role(s->role))
		return 403;
	switch (rt->role) {
	case HTTP_ROLE_VIEWER:
		return 0;
	case HTTP_ROLE_PARTNER:
		if (s->role >= HTTP_ROLE_EDITOR)
			return 0;
		return s->role == HTTP_ROLE_PARTNER ? partner_object(s, o) : 403;
	case HTTP_ROLE_EDITOR:
	case HTTP_ROLE_ADMIN:
		return s->role >= rt->role ? 0 : 403;
	default:
		return 403;
	}
}

int http_private_ok(const http_req *r)
{
	http_object o = { .kind = "private" };

	return r && http_authorize_object(r->route, r->session, &o) == 0;
}

int http_authorize(const http_route *rt, const http_session *s)
{
	return http_authorize_object(rt, s, NULL);
}

int http_authorize_request(http_req *r)
{
	ivp_measure_org orgs;
	http_object o = { .kind = "measure", .id = r->path_id, .orgs = &orgs };
	ivp_rc rc;

	if (!r->route || r->route->role != HTTP_ROLE_PARTNER || !r->session ||
	    r->session->role != HTTP_ROLE_PARTNER)
		return 0; /* decided in http_prepare */
	if (!r->ctx) {
		http_error(r, 403, "forbidden", "your organisation may not change this measure",
			   "The measure's organisations could not be looked up.", "Ask an editor.");
		return 403;
	}
	if ((rc = ivp_measure_orgs(r->ctx, r->path_id, &orgs))) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return r->status ? r->status : 500;
	}
	if (http_authorize_object(r->route, r->session, &o)) {
		/* a page answers in its language, the API in English */
		const char *q = http_query_get(&r->q, "lang"), *c = r->lang_cookie;
		const char *lang = strcmp(r->route->response_type ? r->route->response_type : "", "page") ? "en" :
				   q			 ? (strcmp(q, "en") ? "nl" : "en") :
				   c && !strcmp(c, "en") ? "en" :
							   "nl";
		char det[256];

		snprintf(det, sizeof(det),
			 ivp_msg_tr(lang, "A partner changes only the measures its organisation (%.40s) owns or shares; %.60s belongs to %.40s."),
			 r->session->org, r->path_id, orgs.owner);
		http_error(r, 403, "forbidden", ivp_msg_tr(lang, "your organisation may not change this measure"), det,
			   ivp_msg_tr(lang, "Ask the measure's owner or an editor to add your organisation as a partner."));
		return 403;
	}
	return 0;
}

const char *http_reason(const http_req *r)
{
	const char *v = http_field(r, "reden");
	const char *p;

	if (!v || !*v)
		v = r->reason_header;
	for (p = v; p && *p; p++)
		if (*p != ' ' && *p != '\t')
			return v;
	return NULL;
}

/* The language of r's answer: a page in the asked or remembered one, the API in English. */
static const char *answer_lang(const http_req *r)
{
	const char *q = http_query_get(&r->q, "lang"), *c = r->lang_cookie;

	if (!r->route || strcmp(r->route->response_type ? r->route->response_type : "", "page"))
		return "en";
	return q ? (strcmp(q, "en") ? "nl" : "en") : c && !strcmp(c, "en") ? "en" :
									     "nl";
}

int http_authorize_record(http_req *r, const http_object *o)
{
	const char *lang = answer_lang(r);
	int st = o && o->kind && !strcmp(o->kind, "register") ? http_authorize_object(r->route, r->session, o) : 403;

	switch (st) {
	case 0:
		return 0;
	case 401:
		http_error(r, 401, "unauthorized", ivp_msg_tr(lang, "sign in first"),
			   ivp_msg_tr(lang, "The restricted registers are for their members, who sign in with a second factor."),
			   r->app && r->app->signin ? r->app->signin : ivp_msg_tr(lang, "Sign in first."));
		return 401;
	case 404:
		http_error(r, 404, "not_found", ivp_msg_tr(lang, "not found"),
			   ivp_msg_tr(lang, "There is no such record, or it is not yours to see."), NULL);
		return 404;
	default:
		if (o && o->kind && !strcmp(o->kind, "register") && r->route && r->route->role != HTTP_PUBLIC) {
			http_error(r, 403, "reason_required", ivp_msg_tr(lang, "give the reason for opening this record"),
				   ivp_msg_tr(lang, "You are not this record's handler: opening it is recorded in the audit trail with the reason you give."),
				   ivp_msg_tr(lang, "Send the reason as form field reden or header X-Reason."));
			return 403;
		}
		http_error(r, 403, "forbidden", ivp_msg_tr(lang, "forbidden"), NULL, NULL);
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
	if (ivp_user_org(ctx, s.user, out->org) || /* no organisation known: no session */
	    ivp_user_municipality(ctx, s.user, out->municipality)) {
		memset(out, 0, sizeof(*out));
		return NULL;
	}
	return out;
}

int http_scope(http_req *r, http_session *s)
{
	const char *g = http_query_get(&r->q, HTTP_PARAM_MUNICIPALITY);
	char m[64] = "", am[16];
	int covers = 1;
	ivp_rc rc = IVP_OK;

	if (!r->ctx)
		return 0;
	if (ivp_area_municipality(http_query_get(&r->q, "area"), am))
		snprintf(m, sizeof(m), "%s", am);
	else if (g && *g)
		snprintf(m, sizeof(m), "%s", g);
	else if (s && s->municipality[0])
		snprintf(m, sizeof(m), "%s", s->municipality);
	else
		rc = ivp_default_municipality(r->ctx, m);
	/* the binding covers m, and a partner's organisation works for m */
	if (rc || (rc = ivp_set_municipality(r->ctx, m)) ||
	    (s && (rc = ivp_municipality_covers(r->ctx, s->municipality, m, &covers))) ||
	    (s && covers && (rc = ivp_org_works_for(r->ctx, s->org, m, &covers)))) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return r->status ? r->status : 500;
	}
	if (s)
		s->foreign = !covers;
	if (s && s->foreign && r->route && r->route->role != HTTP_PUBLIC) {
		const char *lang = answer_lang(r);

		http_error(r, 404, "not_found", ivp_msg_tr(lang, "not found"),
			   ivp_msg_tr(lang, "There is no such page or object in the municipality you work for."), NULL);
		return 404;
	}
	return 0;
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
