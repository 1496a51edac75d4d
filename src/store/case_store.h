/*
 * case_store.h — storage functions of the case register of the Zorg- en
 * Veiligheidshuis (src/registers/cases.c, migration 14): the case, the
 * organisations taking part in it (joined, left), its life-domain scores
 * (the Zelfredzaamheid-Matrix), and its entries — agreements, meetings and
 * notes. Functions of the door like store.h (the engines' side: engine.h).
 *
 * The store knows nothing of encryption or access: every personal and
 * free-text field arrives here already sealed by the vault (the lower-case
 * hex of an ivp__vault_seal blob) and leaves as it came; what is clear
 * (dates, status, the complexity criteria, organisations, the wijk, the
 * blind index of the BSN) is what counts and access decisions need. The
 * register decides who may call what; these functions are its storage.
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_CASE_STORE_H
#define IVP_STORE_CASE_STORE_H

#include <stdint.h>

#include "store/store.h"

/* One case. Sealed: the hex of a vault blob, NULL when not given. */
typedef struct ivp__case_rec {
	const char *id;		/* "C-2026-0003" */
	const char *registered; /* YYYY-MM-DD */
	const char *reg_org;	/* the registering organisation */
	const char *reg_user;	/* the member who registered it */
	const char *criteria;	/* complexity criteria met: keys, comma-separated */
	const char *status;	/* registered, in_progress, closed, declined */
	const char *closed;	/* YYYY-MM-DD when closed or declined, else NULL */
	const char *wijk;	/* WK code (clear, for counts), or NULL */
	const char *director;	/* the process director (a user name), or NULL */
	const char *bsn_blind;	/* blind index of the BSN (64 hex), or NULL */
	/* sealed: the reason for registering, for closing, the goal of the
	 * consultation, and the person (name, date of birth, BSN, address as
	 * one sealed record, src/registers/cases.c) */
	const char *reason, *close_reason, *goal, *person;
} ivp__case_rec;

/* The columns of a case row (case_get, cases_list), in this order. */
enum {
	IVP__CASE_C_ID,
	IVP__CASE_C_REGISTERED,
	IVP__CASE_C_REG_ORG,
	IVP__CASE_C_REG_USER,
	IVP__CASE_C_CRITERIA,
	IVP__CASE_C_STATUS,
	IVP__CASE_C_CLOSED,
	IVP__CASE_C_WIJK,
	IVP__CASE_C_DIRECTOR,
	IVP__CASE_C_BSN_BLIND,
	IVP__CASE_C_REASON,
	IVP__CASE_C_CLOSE_REASON,
	IVP__CASE_C_GOAL,
	IVP__CASE_C_PERSON,
	IVP__CASE_NCOLS
};

/* One entry of a case: an agreement, a meeting or a note. */
typedef struct ivp__case_entry {
	int64_t n;	  /* its number within the case (1, 2, …), chosen by the register */
	const char *kind; /* agreement, meeting, note */
	const char *date; /* agreement: its deadline; meeting: its date; note: the day written */
	const char *org;  /* agreement: the owner organisation; note: the author's; meeting: "" */
	const char *orgs; /* meeting: the organisations present, comma-separated; else "" */
	const char *user; /* who wrote it */
	int done;	  /* agreement: 1 done */
	int own_org;	  /* note: 1 visible only to its own organisation (org) */
	const char *text; /* sealed */
} ivp__case_entry;

/* Insert the case or replace every field of it; *existed = 1 when the id was there. */
ivp_rc ivp__store_case_put(ivp_ctx *ctx, const ivp__case_rec *c, int *existed) IVP_WUR;
/* rows: the IVP__CASE_C_* columns (NULL for what is not there) of case id.
 * IVP_ENOTFOUND: no such case. */
ivp_rc ivp__store_case_get(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: the IVP__CASE_C_* columns of every case, by id */
ivp_rc ivp__store_cases_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* The next sequence number of the cases registered in year (1 for the first). */
ivp_rc ivp__store_case_next(ivp_ctx *ctx, int year, int64_t *n) IVP_WUR;
/* rows: id, status — the cases whose BSN has blind index blind, by id */
ivp_rc ivp__store_case_find_blind(ivp_ctx *ctx, const char *blind, ivp__row_cb cb,
				  void *ud) IVP_WUR;

/* The organisation takes part from joined (YYYY-MM-DD) until left (NULL:
 * still); replaces an earlier row of the pair. IVP_ENOTFOUND: no such case. */
ivp_rc ivp__store_case_org_put(ivp_ctx *ctx, const char *id, const char *org, const char *joined,
			       const char *left) IVP_WUR;
/* rows: case, org, joined, left (NULL: still taking part) — of case id,
 * or of every case when id is NULL; by case, joined, org */
ivp_rc ivp__store_case_orgs(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud) IVP_WUR;

/* The score (1-5) of life domain `domain` in the case, set by user on
 * date; replaces the earlier score. IVP_ENOTFOUND: no such case. */
ivp_rc ivp__store_case_domain_put(ivp_ctx *ctx, const char *id, const char *domain, int score,
				  const char *user, const char *date) IVP_WUR;
/* rows: domain, score, user, date — of case id, by domain */
ivp_rc ivp__store_case_domains(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud) IVP_WUR;

/* Add entry e->n (a number the case does not have yet: a database error
 * otherwise). IVP_ENOTFOUND: no such case. */
ivp_rc ivp__store_case_entry_add(ivp_ctx *ctx, const char *id, const ivp__case_entry *e) IVP_WUR;
/* Mark agreement n of the case done (1) or not (0). IVP_ENOTFOUND: no such agreement. */
ivp_rc ivp__store_case_entry_done(ivp_ctx *ctx, const char *id, int64_t n, int done) IVP_WUR;
/* rows: n, kind, date, org, orgs, user, done, own_org, text — of case id, by n */
ivp_rc ivp__store_case_entries(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud) IVP_WUR;

/* Delete the case with everything of it (organisations, scores, entries).
 * IVP_ENOTFOUND: no such case. */
ivp_rc ivp__store_case_delete(ivp_ctx *ctx, const char *id) IVP_WUR;

#endif /* IVP_STORE_CASE_STORE_H */
