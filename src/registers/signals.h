/*
 * signals.h — what the files of the signals register share
 * (signals.c: intake, weighing, access, retention; signals_import.c: the
 * spreadsheet reader; signals_counts.c: counts without persons): the
 * lists of categorical values with their labels, the checks of a
 * signal's fields, and the register's entry in ivp__reg_kinds[].
 */
#ifndef IVP_REGISTERS_SIGNALS_H
#define IVP_REGISTERS_SIGNALS_H

#include "ivp/signals.h"
#include "registers/registers.h"

/* A categorical value: its key and its English label (the catalogue has
 * the Dutch one, looked up by the English text). */
typedef struct ivp__sig_label {
	const char *key, *en;
} ivp__sig_label;

extern const ivp__sig_label ivp__sig_sources[];	    /* NULL-terminated */
extern const ivp__sig_label ivp__sig_phenomena[];   /* NULL-terminated */
extern const ivp__sig_label ivp__sig_outcomes[];    /* NULL-terminated */
extern const ivp__sig_label ivp__sig_departments[]; /* NULL-terminated */
extern const ivp__sig_label ivp__sig_statuses[];    /* NULL-terminated */

/* The key of v in l: v is a key or a label in Dutch or English (case and
 * spaces around ignored); NULL when it is none. */
const char *ivp__sig_key(const ivp__sig_label *l, const char *v);
/* The label of key in lang ("nl"/"en"), or key itself for lang NULL or an unknown key. */
const char *ivp__sig_label_of(const ivp__sig_label *l, const char *key, const char *lang);
/* 1 when s is a date YYYY-MM-DD of the calendar. */
int ivp__sig_date_ok(const char *s);

/* A signal's fields checked and normalised (keys, codes). */
typedef struct ivp__sig_norm {
	const char *source, *phenomenon; /* keys */
	char buurt[16], wijk[16];	 /* "" none */
} ivp__sig_norm;

/*
 * Check in (every field but id): IVP_OK with n filled, or IVP_EINPUT with
 * message and hint on ctx and *field the name of the field that is wrong
 * (received, source, phenomenon, buurt, description).
 */
ivp_rc ivp__sig_check(ivp_ctx *ctx, const ivp_signal_in *in, ivp__sig_norm *n, const char **field);
/* Check an id "S-YYYY-NNNN" (4 to 6 digits). */
int ivp__sig_id_ok(const char *id);

/*
 * Write one new or re-imported signal inside the caller's transaction:
 * its data key, its sealed fields, the row and the audit entry (action:
 * "signal.create" or "signal.import"). id NULL: the next number of its
 * year, into out_id. *dup as ivp__store_sig_put's.
 */
ivp_rc ivp__sig_write(ivp_ctx *ctx, const ivp_signal_in *in, const ivp__sig_norm *n, int64_t import_id,
		      const char *action, char out_id[64], int *dup);
/* May the actor take signals in (a member)? IVP_OK, or IVP_EINPUT code register_not_member. */
ivp_rc ivp__sig_need_member(ivp_ctx *ctx);

/* The register's retention hook (registers.h): signals weighed "no action". */
extern const ivp__reg_kind ivp__sig_kind;

#endif /* IVP_REGISTERS_SIGNALS_H */
