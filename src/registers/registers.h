/*
 * registers.h — what the two restricted registers (signals of undermining
 * crime, src/registers/signals*.c; care-and-safety cases,
 * src/registers/cases*.c) share: the vault that encrypts their personal and
 * free-text fields (envelope encryption with libsodium), who is a member of
 * which register, the one need-to-know decision, the audit of every access
 * with its reason, and the hooks retention and the counts call per register.
 *
 * The vault (vault.c). The register keys live in a key file outside the
 * database (0600; its path from ivp_set_keys() / --keys / IVP_KEYS), never
 * in the database, the log or a backup. Each record has its own random data
 * key (DEK), stored only wrapped by its register's current key, in table
 * vault_dek (register, record, key version, wrapped key). A field is sealed
 * with the record's DEK (XChaCha20-Poly1305, associated data binding the
 * register, record and field, so a blob moved to another record or field
 * fails to open). Destroying a record deletes its wrapped DEK and its
 * content in one transaction (crypto-shredding): a copy of an older backup
 * still holds only ciphertext whose key is gone once the key file rotates.
 * A blind index (keyed BLAKE2b of a normalised value, its own key in the
 * key file, stable across rotations) finds duplicates, e.g. a BSN, without
 * the value in clear. A missing, unreadable, too open or wrong key file is
 * IVP_EINPUT with an error code keys_* (docs/errors.md) and message,
 * detail and hint; the registers stay closed and
 * every other part of ivp works without a key file.
 *
 * Need-to-know (access.c). ivp__reg_decide is the one decision for a record
 * of a register, pure, from the relation of the asking user to the record:
 * the HTTP authorization (src/http/auth.c, object kind "register") and the
 * CLI both call it. An admin manages memberships, never contents: being an
 * admin adds nothing here.
 *
 * Results as everywhere: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EINPUT, IVP_EDB, IVP_ENOMEM; a call against the contract
 * (an unknown register, an empty record id) is IVP_EINTERNAL (there is no
 * IVP_EINVAL; this said so first).
 */
#ifndef IVP_REGISTERS_REGISTERS_H
#define IVP_REGISTERS_REGISTERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "store/store.h"

typedef enum ivp__reg {
	IVP__REG_SIGNALS = 0, /* "signals": the ondermijningsoverleg */
	IVP__REG_CASES = 1    /* "cases": the Zorg- en Veiligheidshuis's case consultations */
} ivp__reg;
#define IVP__REG_N 2

/* "signals" / "cases"; NULL for anything else. */
const char *ivp__reg_name(ivp__reg reg);
/* 0 and *reg set, or -1 for an unknown name. */
int ivp__reg_parse(const char *name, ivp__reg *reg);

#define IVP__DEK_BYTES 32
#define IVP__RECID_MAX 64 /* a record id ("S-2026-0007") fits in this, NUL included */

/* ---- the vault (vault.c) ---------------------------------------------- */

/*
 * Open the key file for reg (once per ctx; later calls are cheap) and check
 * it belongs to this database (a check value in vault_meta written by
 * `ivp keys init`). IVP_EINPUT (code keys_*) when there is no key file configured, it is
 * missing, not 0600, malformed, or holds other keys than this database was
 * sealed with. Every register entry point calls this first.
 */
ivp_rc ivp__vault_ready(ivp_ctx *ctx, ivp__reg reg) IVP_WUR;
/* A new record's DEK: random, stored wrapped by reg's current key, inside
 * the caller's transaction. */
ivp_rc ivp__vault_new(ivp_ctx *ctx, ivp__reg reg, const char *rec,
		      unsigned char dek[IVP__DEK_BYTES]) IVP_WUR;
/* The record's DEK, unwrapped. IVP_ENOTFOUND: none (shredded). IVP_EINPUT
 * (keys_wrong): it does not unwrap (wrong key). */
ivp_rc ivp__vault_get(ivp_ctx *ctx, ivp__reg reg, const char *rec,
		      unsigned char dek[IVP__DEK_BYTES]) IVP_WUR;
/* Delete the record's wrapped DEK (inside the caller's transaction, which
 * deletes the content too). IVP_ENOTFOUND: there was none. */
ivp_rc ivp__vault_shred(ivp_ctx *ctx, ivp__reg reg, const char *rec) IVP_WUR;
/* Seal plain[0..len) as field `field` of record rec: out gets a blob
 * (format version, nonce, ciphertext and tag; binary). */
ivp_rc ivp__vault_seal(ivp_ctx *ctx, const unsigned char dek[IVP__DEK_BYTES], ivp__reg reg,
		       const char *rec, const char *field, const void *plain, size_t len,
		       ivp__buf *out) IVP_WUR;
/* Open a blob of ivp__vault_seal: out gets the plain bytes, NUL-terminated.
 * IVP_EINPUT (keys_wrong) when it does not authenticate (other key, record or field). */
ivp_rc ivp__vault_open(ivp_ctx *ctx, const unsigned char dek[IVP__DEK_BYTES], ivp__reg reg,
		       const char *rec, const char *field, const void *blob, size_t n,
		       ivp__buf *out) IVP_WUR;
/* Blind index of value (normalised by the caller, e.g. the 9 digits of a
 * BSN) for lookups of kind `kind` ("bsn") in reg: 64 hex digits. */
ivp_rc ivp__vault_blind(ivp_ctx *ctx, ivp__reg reg, const char *kind, const char *value,
			char hex[65]) IVP_WUR;
/* Wipe secret bytes (sodium_memzero). */
void ivp__vault_wipe(void *p, size_t n);

/* ---- membership and need-to-know (access.c) ---------------------------- */

/* Is user a member of reg (granted by an admin with `ivp registers grant`,
 * audited)? *yes 0 or 1. */
ivp_rc ivp__reg_is_member(ivp_ctx *ctx, ivp__reg reg, const char *user, int *yes) IVP_WUR;

typedef enum ivp__reg_act {
	IVP__REG_READ,	/* open one record */
	IVP__REG_LIST,	/* see it in a list (its existence) */
	IVP__REG_COUNT, /* see it counted below the suppression threshold */
	IVP__REG_WRITE, /* change it (weighing, agreements, status, notes) */
	IVP__REG_EXPORT /* take it out (CSV, report) */
} ivp__reg_act;

/* The asking user's relation to one record, filled in by its register. */
typedef struct ivp__reg_rel {
	int member;	 /* a member of the register */
	int handler;	 /* signals: its intake member or the named department
			  * handler of this signal; cases: its process director
			  * or the member who registered it */
	int dept_only;	 /* signals: the user is this signal's department handler
			  * and not a member of the consultation */
	int participant; /* cases: a member whose organisation takes part in this
			  * case (and has not left it) */
} ivp__reg_rel;

enum {
	IVP__NTK_ALLOW = 0,  /* go ahead */
	IVP__NTK_REASON = 1, /* allowed with a reason (not the handler): the
			      * access is audited with it; without one, refuse */
	IVP__NTK_HIDDEN = 2  /* refused as if the record did not exist (404, never 403) */
};
/* The one need-to-know decision for act by a user with relation rel. */
int ivp__reg_decide(ivp__reg reg, const ivp__reg_rel *rel, ivp__reg_act act);

/*
 * Record one access of a register record in the audit trail (src/audit/,
 * inside the caller's transaction for a write): action "signal.read",
 * "case.write", "signal.export", …, object "signal:ID"/"case:ID", and the
 * reason the user gave (NULL: none was needed). Nothing of the record's
 * content goes into the entry.
 */
ivp_rc ivp__reg_audit(ivp_ctx *ctx, ivp__reg reg, const char *action, const char *rec,
		      const char *reason) IVP_WUR;

/* ---- retention (retention.c) and what each register gives it (kinds.c) -- */

/*
 * The retention period in months of reg's rule `rule` ("not_taken_up" for
 * signals weighed as no action; "closed" for closed or declined cases): the
 * value an admin configured (`ivp retention set`, audited) or the
 * documented default (docs/registers.md names it and its source).
 * IVP_EINPUT for an unknown rule.
 */
ivp_rc ivp__reg_retention_months(ivp_ctx *ctx, ivp__reg reg, const char *rule,
				 int *months) IVP_WUR;

typedef struct ivp__reg_kind {
	ivp__reg reg;
	/*
	 * Retention: destroy (crypto-shred) every record expired on as_of
	 * (YYYY-MM-DD) under the register's rule, one audit entry per record
	 * ("signal.destroyed", object "signal:ID", no content), inside one
	 * transaction; dry_run: destroy nothing, report only. cb gets a row per
	 * record (id, kind of record, the date it expires/expired).
	 * *n the number of records.
	 */
	ivp_rc (*expire)(ivp_ctx *ctx, const char *as_of, int dry_run, ivp__row_cb cb, void *ud,
			 int64_t *n);
	/*
	 * The context actor's relation to record rec, for ivp__reg_decide (the
	 * expiry list asks it per record; the pages pass it to
	 * http_authorize_record). IVP_ENOTFOUND (error set) when there is no
	 * such record. NULL in a register without records of its own (the
	 * unit tests' fake): every record is then hidden.
	 */
	ivp_rc (*relation)(ivp_ctx *ctx, const char *rec, ivp__reg_rel *rel);
} ivp__reg_kind;

/* NULL-terminated: one entry per register that exists in this build. */
extern const ivp__reg_kind *const ivp__reg_kinds[];

/* ---- added after the first contract (backwards compatible) ---------------- */

/*
 * Is the context's actor (ivp_set_actor) an admin of this database? IVP_OK,
 * else IVP_EINPUT (code register_admin) "only an admin WHAT" ("manages the
 * members of a register"). For the registers' admin-only commands.
 */
ivp_rc ivp__reg_need_admin(ivp_ctx *ctx, const char *what) IVP_WUR;
/*
 * The users' TOTP secrets (src/auth/auth.c): sealed by the key file's TOTP
 * key when a key file is configured and has one (out "v1:HEX", at most
 * 255 bytes), else kept as given; opened back into out (NUL-terminated).
 * A sealed secret without a usable key file is IVP_EINPUT (keys_*): that
 * user cannot sign in until the server is given the key file.
 */
ivp_rc ivp__vault_totp_seal(ivp_ctx *ctx, const char *user, const char *secret, char out[256]) IVP_WUR;
ivp_rc ivp__vault_totp_open(ivp_ctx *ctx, const char *user, const char *stored, char out[65]) IVP_WUR;
/* A date YYYY-MM-DD: 0 with its parts, or -1 when it is none (a real
 * calendar date, year from 1900). */
int ivp__reg_date_parse(const char *s, int *y, int *m, int *d);
/* date + months (a day past the month's end becomes its last day, as
 * 2026-01-31 + 1 = 2026-02-28) into out; -1 for a bad date. For expire():
 * a record expires on ivp__reg_date_add_months(weighed, months). */
int ivp__reg_date_add_months(const char *date, int months, char out[11]);
/* ivp_retention_run / _status over the kinds given instead of
 * ivp__reg_kinds (the unit tests' fake register). */
ivp_rc ivp__reg_retention_run_kinds(ivp_ctx *ctx, const ivp__reg_kind *const *kinds,
				    const char *as_of, int dry_run, ivp_table **out) IVP_WUR;
ivp_rc ivp__reg_retention_status_kinds(ivp_ctx *ctx, const ivp__reg_kind *const *kinds,
				       const char *as_of, ivp_table **rules, ivp_table **soon) IVP_WUR;

/*
 * The context actor's relation to record rec of reg, for the HTTP side's one
 * authorization (http_authorize_record): the key file first (the registers
 * stay closed without it: IVP_EINPUT keys_*, as every entry point), then the
 * register's relation hook. IVP_ENOTFOUND (error set) for no such record.
 */
ivp_rc ivp__reg_relation(ivp_ctx *ctx, ivp__reg reg, const char *rec, ivp__reg_rel *rel) IVP_WUR;

/*
 * A register's free text as typed: 1 when s (NULL: none) holds no control
 * character — but, with lines (a description, a note, a reason for
 * closing, a weighing's texts: several lines), LF, CR and tab —, else 0.
 */
int ivp__reg_text_ok(const char *s, int lines);
/*
 * s with each CRLF and lone CR made LF, as it is sealed (a form's CRLF,
 * a spreadsheet's line break): a malloc'd copy the caller frees, or NULL
 * out of memory (ctx->err set; ctx may be NULL, the fuzz target's). s must
 * not be NULL.
 */
char *ivp__reg_text_lf(ivp_ctx *ctx, const char *s);

#endif /* IVP_REGISTERS_REGISTERS_H */
