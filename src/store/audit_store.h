/*
 * audit_store.h — storage functions of the audit trail, of backups and of
 * pruning plan history, functions of the door like store.h (the engines'
 * side: engine.h; SQLite: sqlite/sqlite_audit.c, table audit_entry of
 * migration 9).
 *
 * The audit trail is append-only: the door has no function that changes
 * or removes an entry. An entry is sealed (its seq, prev and hash filled
 * in, src/audit/audit.c) by a callback the engine calls while it holds
 * the database's write lock, after it read the newest entry: two writers
 * can never chain onto the same entry. What the hash covers and how an
 * entry is encoded: docs/audit.md.
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_AUDIT_STORE_H
#define IVP_STORE_AUDIT_STORE_H

#include <stdint.h>

#include "store/store.h"

typedef struct ivp__audit_rec {
	int64_t seq;	  /* 1, 2, … in the order of appending */
	char at[32];	  /* UTC, ISO 8601 with seconds ("2026-12-01T15:06:51Z") */
	char user[64];	  /* who ("" when nobody signed in or no operator was given) */
	char org[64];	  /* the user's organisation ("" until organisations exist) */
	char addr[64];	  /* client address, or "cli os:ACCOUNT" for the command line */
	char action[48];  /* "import", "plan.import", "signin.failed", … (docs/audit.md) */
	char object[256]; /* what it acted on: "plan:pn-2023", "user:anna", … */
	char before[65];  /* SHA-256 (hex) of the object before, "" when none */
	char after[65];	  /* SHA-256 (hex) of the object after, "" when none */
	char prev[65];	  /* hash of the entry before (64 zeros for the first) */
	char hash[65];	  /* SHA-256 of this entry's canonical encoding */
	char reason[256]; /* why, as the user gave it when a register record was
			   * opened without being its handler ("" when none was
			   * needed; docs/audit.md: then the encoding is unchanged) */
	/* not sealed (the hash covers none of these two): */
	char municipality[64]; /* the municipality the entry concerns: the
				* ctx's when written (docs/tenancy.md), '' the
				* deployment's; set by the engine on append */
	int visible;	       /* read back: 1 when the ctx's scope sees it (the
				* engine's ivp_tenant_ok), the rule listings
				* keep to; a walk itself hands out every entry */
} ivp__audit_rec;

/*
 * Seal *r as the entry after `last` (NULL: r is the first entry): fill in
 * r->seq, r->prev and r->hash. 0; -2 out of memory (IVP_ENOMEM), any
 * other nonzero to write nothing (IVP_EDB "audit entry not sealed").
 */
typedef int (*ivp__audit_seal_fn)(void *ud, const ivp__audit_rec *last, ivp__audit_rec *r);

/*
 * Append r, sealed by seal under the write lock. Inside the caller's
 * transaction when one is open (the entry goes or stays with it), else
 * in one of its own. A seal that fails writes nothing (see the seal).
 */
ivp_rc ivp__store_audit_append(ivp_ctx *ctx, ivp__audit_rec *r, ivp__audit_seal_fn seal,
			       void *ud) IVP_WUR;
/* The newest entry. IVP_ENOTFOUND: the trail is empty. */
ivp_rc ivp__store_audit_last(ivp_ctx *ctx, ivp__audit_rec *out) IVP_WUR;
/*
 * Every entry with seq >= from_seq in the order of seq, handed to cb (a
 * nonzero return stops: IVP_ENOMEM as for row callbacks). The filters
 * (NULL: any) select by user, by object and by time (at >= from).
 */
ivp_rc ivp__store_audit_walk(ivp_ctx *ctx, int64_t from_seq, const char *user,
			     const char *object, const char *from,
			     int (*cb)(void *ud, const ivp__audit_rec *r), void *ud) IVP_WUR;

/* The seq of the first entry after seq `after` whose hash is `hash`.
 * IVP_ENOTFOUND: none. (Safe to call from inside a walk's callback.) */
ivp_rc ivp__store_audit_find(ivp_ctx *ctx, int64_t after, const char *hash, int64_t *seq) IVP_WUR;

/*
 * Copy the whole database, consistent as of one moment, into the file
 * `path`, which must not exist; it is created readable by its owner only
 * (0600). Writers go on meanwhile (SQLite: the online backup API).
 */
ivp_rc ivp__store_backup(ivp_ctx *ctx, const char *path) IVP_WUR;
/* 1 when the engine's backup is an archive (PostgreSQL: pg_dump's custom
 * format, checked by pg_restore --list) rather than a database file ivp
 * opens and checks (SQLite); a restore of an archive goes into an empty
 * database only. */
int ivp__store_backup_dump(ivp_ctx *ctx);
/*
 * Replace the whole database by the one in the file `path`, in one
 * transaction: other connections see the old or the new one, never a
 * mixture. The caller checked the file first.
 */
ivp_rc ivp__store_restore(ivp_ctx *ctx, const char *path) IVP_WUR;
/*
 * The engine's own consistency check (SQLite: PRAGMA integrity_check):
 * *ok 1, or 0 with its first complaint in why (n bytes).
 */
ivp_rc ivp__store_integrity(ivp_ctx *ctx, int *ok, char *why, size_t n) IVP_WUR;

/* rows: version, kind, created_at, referenced — every plan version, oldest
 * first; referenced is 1 when a definitief report's snapshot names it */
ivp_rc ivp__store_plan_versions_refs(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;
/* Remove one plan version (the pruning rule is the caller's).
 * IVP_ENOTFOUND: there is none of that number. */
ivp_rc ivp__store_plan_version_delete(ivp_ctx *ctx, int64_t version) IVP_WUR;

#endif /* IVP_STORE_AUDIT_STORE_H */
