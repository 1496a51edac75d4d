/*
 * signal_store.h — storage functions of the signals register of the
 * ondermijningsoverleg (issue 13, src/registers/signals.c): the signals
 * (tables sig_signal, sig_status of migration 13), the meetings of the
 * consultation and their agenda (sig_meeting, sig_agenda), and the
 * weighing of each signal (sig_weighing). Functions of the door like
 * store.h (the engines' side: engine.h).
 *
 * The store never sees a personal or free-text value: the register seals
 * them with the record's data key (registers.h) and hands them here as
 * the lower-case hex of the sealed blob (fields named *_x); categorical
 * fields, codes, user names and dates are in clear, for lists, need-to-
 * know decisions and counts. Results as in store.h: IVP_OK, IVP_ENOTFOUND
 * where noted (ctx->err untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_SIGNAL_STORE_H
#define IVP_STORE_SIGNAL_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__sig_rec {
	const char *id;							 /* "S-2026-0007" */
	const char *received;						 /* YYYY-MM-DD */
	const char *source;						 /* resident, anonymous, department, police, partner */
	const char *phenomenon;						 /* drugs, money_laundering, trafficking, real_estate,
				 * care_fraud, omg, other */
	const char *buurt;						 /* BU code or NULL */
	const char *wijk;						 /* its WK code or NULL */
	const char *address_x, *description_x, *persons_x, *companies_x; /* sealed (hex), NULL: none */
	const char *status;						 /* the first status of a new signal ("received") */
	const char *intake;						 /* the member who took it in */
	const char *at;							 /* when (ivp_now) */
	int64_t import_id;						 /* the import that wrote it, 0: none */
} ivp__sig_rec;

typedef struct ivp__sig_weighing {
	const char *signal;
	const char *date;	       /* YYYY-MM-DD of the weighing */
	int64_t meeting;	       /* the meeting it was weighed in, 0: none */
	int concrete, recent, pattern; /* 0/1 */
	const char *outcome;	       /* none, department, riec, police, inquiry */
	const char *department;	       /* outcome department: bibob, enforcement, permits, other; else "" */
	const char *checks_x;	       /* sealed: the hit/no-hit checks, or NULL */
	const char *followup;	       /* YYYY-MM-DD or NULL */
	const char *result_x;	       /* sealed: the follow-up's result, or NULL */
	const char *by, *at;
} ivp__sig_weighing;

/* Insert a signal, or update the intake fields of an existing one (status,
 * handler and weighing stay). A new signal's first status goes into its
 * history. *dup = 1 (nothing changes) when the same import wrote that id
 * before (an id given twice in one file). */
ivp_rc ivp__store_sig_put(ivp_ctx *ctx, const ivp__sig_rec *r, int *dup) IVP_WUR;
/* The highest number n of the ids "S-<year>-n" (0: none that year). */
ivp_rc ivp__store_sig_last(ivp_ctx *ctx, int year, int64_t *n) IVP_WUR;
/* rows: id, received, source, phenomenon, buurt, wijk, address_x,
 * description_x, persons_x, companies_x, status, intake, handler,
 * created_at, updated_at, outcome (of its weighing) — one signal (id
 * non-NULL; IVP_ENOTFOUND: none) or every signal, by id; NULL for what is
 * not there (no buurt, not weighed, no handler) */
ivp_rc ivp__store_sig_rows(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: signal, date, meeting, concrete, recent, pattern, outcome,
 * department, checks_x, followup, result_x, weighed_by, at — the weighing
 * of one signal (none when not weighed) or of every signal (id NULL), by signal */
ivp_rc ivp__store_sig_weighings(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud) IVP_WUR;
/* A new status with its history row. IVP_ENOTFOUND: no such signal. */
ivp_rc ivp__store_sig_status(ivp_ctx *ctx, const char *id, const char *status, const char *by,
			     const char *at) IVP_WUR;
/* rows: seq, status, by, at — the signal's history, oldest first */
ivp_rc ivp__store_sig_history(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud) IVP_WUR;
/* The named department handler (a user; NULL: none). IVP_ENOTFOUND: no such signal. */
ivp_rc ivp__store_sig_handler(ivp_ctx *ctx, const char *id, const char *handler,
			      const char *at) IVP_WUR;
/* Insert or replace the signal's weighing. IVP_ENOTFOUND: the signal (or
 * the meeting, when not 0) is unknown. */
ivp_rc ivp__store_sig_weigh(ivp_ctx *ctx, const ivp__sig_weighing *w) IVP_WUR;
/* A meeting of the consultation; *id its number. */
ivp_rc ivp__store_sig_meeting_add(ivp_ctx *ctx, const char *date, const char *orgs,
				  const char *by, int64_t *id) IVP_WUR;
/* rows: id, date, orgs, signals on its agenda — by date, id */
ivp_rc ivp__store_sig_meetings(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* Put a signal on a meeting's agenda; *dup = 1 when it was on it.
 * IVP_ENOTFOUND: the meeting or the signal is unknown. */
ivp_rc ivp__store_sig_agenda_add(ivp_ctx *ctx, int64_t meeting, const char *signal,
				 int *dup) IVP_WUR;
/* rows: meeting, date, signal — the agenda of one meeting (0: of every
 * meeting), by date, meeting, signal */
ivp_rc ivp__store_sig_agenda(ivp_ctx *ctx, int64_t meeting, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: phenomenon, outcome, month (YYYY-MM of the weighing), wijk ("" none), n
 * — the weighed signals, grouped, by those columns */
ivp_rc ivp__store_sig_counts(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: id, weighed — signals weighed with outcome `outcome` on or
 * before `until` (YYYY-MM-DD), by weighed, id */
ivp_rc ivp__store_sig_weighed_by(ivp_ctx *ctx, const char *outcome, const char *until,
				 ivp__row_cb cb, void *ud) IVP_WUR;
/* Delete the signal with its weighing, agenda rows and history (the
 * content of crypto-shredding; the caller shreds the key in the same
 * transaction). IVP_ENOTFOUND: no such signal. */
ivp_rc ivp__store_sig_delete(ivp_ctx *ctx, const char *id) IVP_WUR;

#endif /* IVP_STORE_SIGNAL_STORE_H */
