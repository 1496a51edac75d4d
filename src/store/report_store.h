/*
 * report_store.h — storage functions of the report's own data: the
 * narrative texts editors write for a report (versions, never
 * overwritten) and the snapshots of reports marked definitief, functions
 * of the door like store.h (the engines' side: engine.h).
 *
 * A text belongs to one report — kind ("voortgang", …), area code and
 * report year — and has a key ("inleiding", "prioriteit:jeugd",
 * "doel:G-halt", …; report/texts.c says which keys a report has). Every
 * save adds a version numbered 1, 2, … per (kind, area, year, key), with
 * who and when; the newest version is the text.
 *
 * A definitief report is frozen as one snapshot per (kind, area, year):
 * the report model as canonical JSON (report/snapshot.c), its SHA-256, the
 * report's date and who froze it. A snapshot is written once and never
 * replaced.
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_REPORT_STORE_H
#define IVP_STORE_REPORT_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__text_rec {
	const char *kind, *area;
	int year;
	const char *key;
	const char *body; /* UTF-8, not empty */
	const char *user; /* NULL or "": "unknown" */
} ivp__text_rec;

typedef struct ivp__final_rec {
	char kind[32];
	char area[16];
	int year;
	char date[16];	 /* the report's date (YYYY-MM-DD), from the data */
	char sha256[65]; /* of snapshot */
	char created_by[128];
	char created_at[32]; /* UTC, ISO 8601, set by the store */
	char *snapshot;	     /* canonical JSON; final_get: malloc'd, the caller frees */
} ivp__final_rec;

/* Add a version of a text; *version its number (1 for the first of that
 * key). Inside a transaction. */
ivp_rc ivp__store_text_add(ivp_ctx *ctx, const ivp__text_rec *t, int64_t *version) IVP_WUR;
/* rows: key, version, body, created_by, created_at — the newest version of
 * every key of the report, ordered by key */
ivp_rc ivp__store_texts_list(ivp_ctx *ctx, const char *kind, const char *area, int year,
			     ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: version, body, created_by, created_at — every version of one text,
 * oldest first (none for an unknown key) */
ivp_rc ivp__store_text_history(ivp_ctx *ctx, const char *kind, const char *area, int year,
			       const char *key, ivp__row_cb cb, void *ud) IVP_WUR;

/* Store the snapshot of a report (f->snapshot, f->sha256, f->date,
 * f->created_by; created_at is set by the store). *exists = 1 (and
 * nothing written) when the report has one already. */
ivp_rc ivp__store_final_add(ivp_ctx *ctx, const ivp__final_rec *f, int *exists) IVP_WUR;
/* The snapshot of (kind, area, year) into *out (out->snapshot malloc'd).
 * IVP_ENOTFOUND: the report is not definitief. */
ivp_rc ivp__store_final_get(ivp_ctx *ctx, const char *kind, const char *area, int year,
			    ivp__final_rec *out) IVP_WUR;
/* rows: kind, area, year, date, sha256, created_by, created_at — every
 * definitief report, by kind, area, year */
ivp_rc ivp__store_finals_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;

#endif /* IVP_STORE_REPORT_STORE_H */
