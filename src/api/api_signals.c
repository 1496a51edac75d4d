/*
 * api_signals.c — the signals register over HTTP (/api/v1/signals…), as
 * `ivp signals … --format json` (include/ivp/signals.h): the list, one
 * signal, the intake, the weighing, the department handler, the status,
 * the meetings and their agenda, the counts without persons and the
 * export. The signed-in user is the actor (set by the transport); the
 * library decides every record with the register's need-to-know rule, so
 * a signal the user may not see is 404 (never 403) and one they may open
 * only with a reason is 403 reason_required until the request gives one
 * (the contract of http_authorize_record, http/http_int.h, which every
 * route of one signal calls first through api_reg_authorize: form field
 * `reden` or header X-Reason; also `reason`, a form field or, on a GET,
 * a query parameter whose value the access log hides).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "ivp/signals.h"

static const char *lang_of(http_req *r)
{
	return http_query_get(&r->q, "lang");
}

/* The reason the request gives: reden / X-Reason (http_reason), else reason. */
static const char *reason_of(http_req *r)
{
	const char *v = http_reason(r);

	if (!v)
		v = http_field(r, "reason");
	if (!v)
		v = http_query_get(&r->q, "reason");
	return v && *v ? v : NULL;
}

/* The library's error; a reason still to give is 403 reason_required as
 * for every register record (http_authorize_record). */
static void lib_error(http_req *r, ivp_rc rc)
{
	const ivp_error *e = ivp_last_error(r->ctx);

	if (rc == IVP_EINPUT && !strcmp(e->code, "reason_required")) {
		http_error(r, 403, "reason_required", e->message, e->detail, e->hint);
		return;
	}
	http_ivp_error(r, rc, e);
}

int api_reg_authorize(http_req *r, ivp__reg reg, const char *id, ivp__reg_act act, const char *reason, int answer)
{
	ivp__reg_rel rel;
	http_object o;
	ivp_rc rc = ivp__reg_relation(r->ctx, reg, id ? id : "", &rel);
	int st;

	if (rc && rc != IVP_ENOTFOUND) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.kind = "register", o.id = id, o.reg = reg, o.rel = rc ? NULL : &rel, o.act = act, o.reason = reason;
	if (answer)
		return http_authorize_record(r, &o);
	st = http_authorize_object(r->route, r->session, &o);
	return st == 403 || !st ? st : http_authorize_record(r, &o);
}

/* This signal, by the one authorization; 0 to go on (r answered else). */
static int may(http_req *r, const char *id, ivp__reg_act act)
{
	return api_reg_authorize(r, IVP__REG_SIGNALS, id, act, reason_of(r), 1);
}

static void table_or_error(http_req *r, ivp_rc rc, ivp_table *t)
{
	if (rc) {
		lib_error(r, rc);
		return;
	}
	http_table(r, t);
	ivp_table_free(t);
}

/* {"id": id, "done": what} */
static void done(http_req *r, int status, const char *id, const char *what)
{
	json_t *o = json_pack("{s:s,s:s}", "id", id, "done", what);
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;

	json_decref(o);
	if (!s) {
		http_oom(r, "the answer");
		return;
	}
	http_json(r, status, s);
}

void api_signals(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_signals_list(r->ctx, lang_of(r), &t);

	table_or_error(r, rc, t);
}

void api_signal(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc;

	if (may(r, r->path_id, IVP__REG_READ))
		return;
	rc = ivp_signal_show(r->ctx, r->path_id, reason_of(r), lang_of(r), &t, NULL);

	table_or_error(r, rc, t);
}

void api_signal_history(http_req *r)
{
	ivp_table *t = NULL, *h = NULL;
	ivp_rc rc;

	if (may(r, r->path_id, IVP__REG_READ))
		return;
	rc = ivp_signal_show(r->ctx, r->path_id, reason_of(r), lang_of(r), &t, &h);

	ivp_table_free(t);
	table_or_error(r, rc, h);
}

void api_signal_add(http_req *r)
{
	ivp_signal_in in;
	char id[64];
	ivp_rc rc;

	memset(&in, 0, sizeof(in));
	in.received = http_field(r, "received"), in.source = http_field(r, "source");
	in.phenomenon = http_field(r, "phenomenon"), in.buurt = http_field(r, "buurt");
	in.address = http_field(r, "address"), in.description = http_field(r, "description");
	in.persons = http_field(r, "persons"), in.companies = http_field(r, "companies");
	if ((rc = ivp_signal_add(r->ctx, &in, id))) {
		lib_error(r, rc);
		return;
	}
	done(r, 200, id, "created");
}

/* "1", "on", "yes", "ja", "true": 1 */
static int flag(const char *v)
{
	return v && (!strcmp(v, "1") || !strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "ja") ||
		     !strcmp(v, "true"));
}

void api_signal_weigh(http_req *r)
{
	ivp_signal_weighing w;
	const char *m = http_field(r, "meeting");
	ivp_rc rc;

	if (may(r, r->path_id, IVP__REG_WRITE))
		return;
	memset(&w, 0, sizeof(w));
	w.date = http_field(r, "date"), w.outcome = http_field(r, "outcome");
	w.department = http_field(r, "department"), w.checks = http_field(r, "checks");
	w.followup = http_field(r, "followup"), w.result = http_field(r, "result");
	w.concrete = flag(http_field(r, "concrete")), w.recent = flag(http_field(r, "recent"));
	w.pattern = flag(http_field(r, "pattern"));
	w.meeting = m && *m ? strtoll(m, NULL, 10) : 0;
	if ((rc = ivp_signal_weigh(r->ctx, r->path_id, &w, reason_of(r)))) {
		lib_error(r, rc);
		return;
	}
	done(r, 200, r->path_id, "weighed");
}

void api_signal_handler(http_req *r)
{
	const char *u = http_field(r, "handler");
	ivp_rc rc;

	if (may(r, r->path_id, IVP__REG_WRITE))
		return;
	rc = ivp_signal_handler(r->ctx, r->path_id, u && *u && strcmp(u, "none") ? u : NULL, reason_of(r));
	if (rc) {
		lib_error(r, rc);
		return;
	}
	done(r, 200, r->path_id, "handler");
}

void api_signal_status(http_req *r)
{
	ivp_rc rc;

	if (may(r, r->path_id, IVP__REG_WRITE))
		return;
	rc = ivp_signal_status(r->ctx, r->path_id, http_field(r, "status"), reason_of(r));
	if (rc) {
		lib_error(r, rc);
		return;
	}
	done(r, 200, r->path_id, "status");
}

void api_signal_counts(http_req *r)
{
	ivp_table *t = NULL;
	const char *exact = http_query_get(&r->q, "exact"), *p = r->route ? r->route->path : "";
	const char *what = !strcmp(p, "/api/v1/signals/counts/quarter") ? "quarter" :
			   !strcmp(p, "/api/v1/signals/counts/wijk")	? "wijk" :
									  "phenomenon";
	ivp_rc rc = ivp_signals_counts(r->ctx, what, flag(exact), lang_of(r), &t);

	table_or_error(r, rc, t);
}

void api_signal_export(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_signals_export(r->ctx, reason_of(r), lang_of(r), &t);

	table_or_error(r, rc, t);
}

void api_signal_meetings(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_signal_meetings(r->ctx, &t);

	table_or_error(r, rc, t);
}

void api_signal_meeting_add(http_req *r)
{
	char num[32];
	int64_t id = 0;
	ivp_rc rc = ivp_signal_meeting_add(r->ctx, http_field(r, "date"), http_field(r, "orgs"), &id);

	if (rc) {
		lib_error(r, rc);
		return;
	}
	snprintf(num, sizeof(num), "%lld", (long long)id);
	done(r, 200, num, "created");
}

void api_signal_agenda(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_signal_agenda(r->ctx, strtoll(r->path_id, NULL, 10), lang_of(r), &t);

	table_or_error(r, rc, t);
}

void api_signal_agenda_add(http_req *r)
{
	const char *sig = http_field(r, "signal");
	ivp_rc rc = ivp_signal_agenda_add(r->ctx, strtoll(r->path_id, NULL, 10), sig, reason_of(r));

	if (rc) {
		lib_error(r, rc);
		return;
	}
	done(r, 200, sig ? sig : "", "agenda");
}
