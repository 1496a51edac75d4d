/*
 * cases.h — the case register of the Zorg- en Veiligheidshuis (issue 13,
 * src/registers/cases.c, docs/registers.md): registration of a person who
 * causes nuisance or offends and needs care as well, the organisations
 * that take part in the case, the life-domain scores of the
 * Zelfredzaamheid-Matrix, agreements, meetings, notes and the status.
 *
 * Every call acts for the context's actor (ivp_set_actor): what it may see
 * or change follows from its relation to the case (a member of the
 * register whose organisation takes part = participant; the process
 * director or the registering member = handler), decided by the one
 * need-to-know decision of the registers, and every read, write and
 * export is an audit entry with its reason. A case one may not see is
 * IVP_ENOTFOUND exactly as one that does not exist. An admin is no one
 * special here. Personal and free-text fields are encrypted at rest
 * (the registers' key file: ivp_set_keys / IVP_KEYS).
 */
#ifndef IVP_CASES_H
#define IVP_CASES_H

#include "ivp/ivp.h"

#define IVP_CASE_ID_MAX 16 /* "C-2026-0003" and its NUL fit */

typedef struct ivp_case_new {
	const char *registered; /* YYYY-MM-DD; NULL: today */
	const char *reason;	/* why the case is registered (required) */
	const char *criteria;	/* complexity criteria met, comma-separated keys (docs/registers.md) */
	const char *name;	/* the person (required) */
	const char *birth;	/* date of birth, YYYY-MM-DD (required) */
	const char *bsn;	/* 9 digits passing the 11-proef (required) */
	const char *address;	/* or NULL */
	const char *goal;	/* the goal of the consultation, or NULL */
	const char *wijk;	/* WK or BU code of the address (clear, for counts), or NULL */
	const char *director;	/* the process director (a user), or NULL: later */
	int duplicate_ok;	/* register even when an open case has this BSN */
} ivp_case_new;

/*
 * Register a case for the actor, a member of the register, with the
 * actor's organisation taking part from the registration date: *id gets
 * its id. When the BSN already has an open case (registered or in
 * progress) the registration is refused (code case_duplicate) unless
 * duplicate_ok; the message names the other case only to someone who may
 * see it (docs/registers.md "Duplicates"). *duplicate = 1 when a
 * duplicate was registered anyway.
 */
IVP_WUR ivp_rc ivp_case_add(ivp_ctx *ctx, const ivp_case_new *c, char id[IVP_CASE_ID_MAX],
			    int *duplicate);

/* Every case the actor may see in a list: id, registered, status, org
 * (registering), director, wijk, criteria, closed, role (handler,
 * participant) — no personal fields. Caller frees with ivp_table_free. */
IVP_WUR ivp_rc ivp_cases_list(ivp_ctx *ctx, ivp_table **out);

/* One case opened for reading (audited "case.read" with reason, required
 * when the actor is not its handler: code case_reason_required). Each table
 * is the caller's (ivp_table_free):
 *   fields:  field, value — id, registered, org, status, closed, criteria,
 *            wijk, director, reason, close_reason, goal, name, birth, bsn, address
 *   orgs:    org, joined, left
 *   domains: domain, name, score, user, date (every domain of the matrix; score NULL: not scored)
 *   entries: n, kind, date, org, orgs, user, done, own_org, text — notes
 *            limited to another organisation left out */
IVP_WUR ivp_rc ivp_case_show(ivp_ctx *ctx, const char *id, const char *reason, ivp_table **fields,
			     ivp_table **orgs, ivp_table **domains, ivp_table **entries);

typedef enum ivp_case_op {
	IVP_CASE_ORG_ADD,	 /* org takes part from date */
	IVP_CASE_ORG_LEAVE,	 /* org leaves on date: its members lose access */
	IVP_CASE_DIRECTOR,	 /* user becomes the process director */
	IVP_CASE_DOMAIN,	 /* domain gets score (1-5) */
	IVP_CASE_AGREEMENT,	 /* an agreement: owner org, deadline date, text */
	IVP_CASE_AGREEMENT_DONE, /* agreement n done (done 1) or not */
	IVP_CASE_MEETING,	 /* a meeting on date, orgs present, notes text */
	IVP_CASE_NOTE,		 /* a note (text), own_org: only the actor's organisation sees it */
	IVP_CASE_STATUS		 /* status (in_progress, closed, declined), text: the reason for closing, date */
} ivp_case_op;

typedef struct ivp_case_change {
	ivp_case_op op;
	const char *org, *orgs, *user, *domain, *date, *text, *status;
	int score, done, own_org;
	long long n;
} ivp_case_change;

/* Change a case (audited "case.write" with reason; the same rules as
 * ivp_case_show). *n (may be NULL) gets the number of a new entry. */
IVP_WUR ivp_rc ivp_case_change_apply(ivp_ctx *ctx, const char *id, const ivp_case_change *ch,
				     const char *reason, long long *n);

/* A correction of a case's person: each field given (non-NULL) replaces
 * the registered one (address "" removes it), the others stay as they are. */
typedef struct ivp_case_person {
	const char *name, *birth, *bsn, *address;
	int duplicate_ok; /* as at registration: correct anyway when another
			   * open case has the new BSN */
} ivp_case_person;

/* Correct case id's person (the write rule of ivp_case_change_apply): the
 * BSN checked with the 11-proef, its blind index and the duplicate rule
 * as at registration, the person re-sealed under the case's key, one
 * transaction, audited "case.write" naming the fields changed (never
 * their values). changed gets them ("name,bsn"; "" when nothing differs,
 * and then nothing is written). */
IVP_WUR ivp_rc ivp_case_person_set(ivp_ctx *ctx, const char *id, const ivp_case_person *p,
				   const char *reason, char changed[64]);

/* A case taken out whole (audited "case.export"): field, value rows of
 * the case, then one row per organisation, domain score and entry, as the
 * tables of ivp_case_show (section, key, value). */
IVP_WUR ivp_rc ivp_case_export(ivp_ctx *ctx, const char *id, const char *reason, ivp_table **out);
/* The same table opened for reading (audited "case.read"; the API's one case). */
IVP_WUR ivp_rc ivp_case_read(ivp_ctx *ctx, const char *id, const char *reason, ivp_table **out);

/* Counts without persons of every case, with small-cell suppression
 * (counts 1-4 "< 5", secondary suppression; stats/suppress.h): by
 * "status", "quarter" (of registration, 2026KW01) or "wijk": rows group,
 * n, shown ("< 5", "x" or the number), then the row "total"; the
 * table's note states the rule. Figures of counts hidden are NULL. */
IVP_WUR ivp_rc ivp_case_counts(ivp_ctx *ctx, const char *by, ivp_table **out);

/* 1 when bsn (exactly 9 digits) passes the 11-proef, 0 otherwise. */
int ivp_bsn_valid(const char *bsn);

#endif /* IVP_CASES_H */
