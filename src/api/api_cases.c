/*
 * api_cases.c — the case register's API (/api/v1/cases, include/ivp/cases.h),
 * the same library calls as `ivp cases`: GET the list, POST a registration,
 * GET /api/v1/cases/{id} one case as rows of
 * sections (?reason= when the signed-in member is not its handler), POST /api/v1/cases/{id} a change (form field op), GET
 * …/{id}/export the export, POST …/{id}/person a correction of the person
 * (JSON or form: name, birth, bsn, address, duplicate_ok, reason), GET /api/v1/cases/counts the counts without
 * persons. The library decides every access for the session's user (the
 * request's actor); a case the user may not see answers 404 not_found, as
 * one that does not exist.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api/api.h"
#include "ivp/cases.h"
#include "ivp/registers.h"

/* Answer with *t (freed here) or the error of rc. A pointer, not the table:
 * the callers pass it in the same call that fills it. */
static void answer_table(http_req *r, ivp_rc rc, ivp_table **tp)
{
	ivp_table *t = *tp;

	if (rc)
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
	else
		http_table(r, t);
	ivp_table_free(t);
}

void api_cases(http_req *r)
{
	ivp_table *t = NULL;

	answer_table(r, ivp_cases_list(r->ctx, &t), &t);
}

void api_case_counts(http_req *r)
{
	const char *by = http_query_get(&r->q, "by");
	ivp_table *t = NULL;

	answer_table(r, ivp_case_counts(r->ctx, by ? by : "status", &t), &t);
}

/* Both registers' expiry lists (the path names the register): a
 * non-member's 404 is the library's IVP_ENOTFOUND. */
void api_reg_expiry(http_req *r)
{
	const char *reg = !strncmp(r->route->path, "/api/v1/signals", 15) ? "signals" : "cases";
	ivp_table *t = NULL;

	answer_table(r, ivp_retention_expiring(r->ctx, reg, http_query_get(&r->q, "as_of"), &t), &t);
}

void api_case_export(http_req *r)
{
	ivp_table *t = NULL;

	answer_table(r, ivp_case_export(r->ctx, r->path_id, http_query_get(&r->q, "reason"), &t), &t);
}

void api_case(http_req *r)
{
	ivp_table *t = NULL;

	answer_table(r, ivp_case_read(r->ctx, r->path_id, http_query_get(&r->q, "reason"), &t), &t);
}

static const char *field(http_req *r, const char *name)
{
	const char *v = http_field(r, name);

	return v && *v ? v : NULL;
}

void api_case_add(http_req *r)
{
	ivp_case_new n;
	char id[IVP_CASE_ID_MAX], *json;
	int dup = 0;
	const char *d = field(r, "duplicate_ok");

	memset(&n, 0, sizeof(n));
	n.registered = field(r, "registered");
	n.reason = field(r, "reason");
	n.criteria = field(r, "criteria");
	n.name = field(r, "name");
	n.birth = field(r, "birth");
	n.bsn = field(r, "bsn");
	n.address = field(r, "address");
	n.goal = field(r, "goal");
	n.wijk = field(r, "wijk");
	n.director = field(r, "director");
	n.duplicate_ok = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	if (ivp_case_add(r->ctx, &n, id, &dup)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return;
	}
	json = NULL;
	{
		json_t *o = json_pack("{s:s, s:b}", "id", id, "duplicate", dup);

		if (o)
			json = json_dumps(o, JSON_COMPACT);
		json_decref(o);
	}
	if (!json) {
		http_oom(r, "the answer");
		return;
	}
	http_json(r, 201, json);
}

/* The change a form asks for (field op): 0, or -1 for an unknown op. */
int api_case_change_of(http_req *r, ivp_case_change *ch)
{
	static const struct {
		const char *op;
		ivp_case_op v;
	} ops[] = {
		{ "org_add", IVP_CASE_ORG_ADD },
		{ "org_leave", IVP_CASE_ORG_LEAVE },
		{ "director", IVP_CASE_DIRECTOR },
		{ "domain", IVP_CASE_DOMAIN },
		{ "agreement", IVP_CASE_AGREEMENT },
		{ "agreement_done", IVP_CASE_AGREEMENT_DONE },
		{ "meeting", IVP_CASE_MEETING },
		{ "note", IVP_CASE_NOTE },
		{ "status", IVP_CASE_STATUS },
	};
	const char *op = field(r, "op"), *v;
	size_t i;

	memset(ch, 0, sizeof(*ch));
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (op && !strcmp(op, ops[i].op)) {
			ch->op = ops[i].v;
			break;
		}
	if (i == sizeof(ops) / sizeof(ops[0]))
		return -1;
	ch->org = field(r, "org");
	ch->orgs = field(r, "orgs");
	ch->user = field(r, "user");
	ch->domain = field(r, "domain");
	ch->date = field(r, "date");
	ch->text = field(r, "text");
	ch->status = field(r, "status");
	ch->own_org = (v = field(r, "own_org")) && (!strcmp(v, "1") || !strcmp(v, "true") || !strcmp(v, "on"));
	ch->done = !((v = field(r, "done")) && (!strcmp(v, "0") || !strcmp(v, "false")));
	v = field(r, "score");
	ch->score = v && v[0] >= '1' && v[0] <= '5' && !v[1] ? v[0] - '0' : 0;
	v = field(r, "n");
	ch->n = v ? strtoll(v, NULL, 10) : 0;
	return 0;
}

void api_case_change(http_req *r)
{
	ivp_case_change ch;
	long long n = 0;
	char *json = NULL;
	json_t *o;

	if (api_case_change_of(r, &ch)) {
		http_error(r, 400, "input_error", "unknown op",
			   "op is one of org_add, org_leave, director, domain, agreement, agreement_done, meeting, note, status.",
			   NULL);
		return;
	}
	if (ivp_case_change_apply(r->ctx, r->path_id, &ch, field(r, "reason"), &n)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return;
	}
	if ((o = json_pack("{s:s, s:I}", "id", r->path_id, "entry", (json_int_t)n)))
		json = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!json) {
		http_oom(r, "the answer");
		return;
	}
	http_json(r, 200, json);
}

/* POST /api/v1/cases/{id}/person: the fields given replace the person's. */
void api_case_person(http_req *r)
{
	const char *d = field(r, "duplicate_ok");
	ivp_case_person p;
	char changed[64], *json = NULL;
	json_t *o;

	memset(&p, 0, sizeof(p));
	p.name = http_field(r, "name");
	p.birth = http_field(r, "birth");
	p.bsn = http_field(r, "bsn");
	p.address = http_field(r, "address");
	p.duplicate_ok = d && (!strcmp(d, "1") || !strcmp(d, "true"));
	if (ivp_case_person_set(r->ctx, r->path_id, &p, field(r, "reason"), changed)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return;
	}
	if ((o = json_pack("{s:s, s:s}", "id", r->path_id, "changed", changed)))
		json = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!json) {
		http_oom(r, "the answer");
		return;
	}
	http_json(r, 200, json);
}
