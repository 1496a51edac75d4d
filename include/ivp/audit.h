/*
 * audit.h — the audit trail, backups and plan-history pruning (src/audit/,
 * docs/audit.md, docs/backup.md).
 *
 * Every write, sign-in and sign-out (failed ones too), user change,
 * export and report made through libivp is an entry of one append-only
 * trail: time, user, organisation, client address, action, object and the
 * SHA-256 of the object before and after. Each entry holds the hash of
 * the one before, so a change, removal, insertion or reordering of an
 * entry breaks the chain at that entry, and ivp_audit_verify names it;
 * removing the newest entries shows only against a head kept elsewhere
 * (ivp_audit_head).
 *
 * Who an entry names is the context's actor (ivp_set_actor): the CLI sets
 * its configured operator, the server the signed-in user and the client's
 * address for each request.
 */
#ifndef IVP_AUDIT_H
#define IVP_AUDIT_H

#include "ivp/ivp.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Who the following calls on ctx act for, until the next call: a user
 * name (NULL or "": nobody signed in / no operator), an organisation
 * (NULL or "": none) and the client's address ("127.0.0.1", or "cli
 * os:ACCOUNT" for the command line). Copied; longer strings are cut.
 */
void ivp_set_actor(ivp_ctx *ctx, const char *user, const char *org, const char *addr);

/*
 * Record that a front end handed out `data` (n bytes; the SHA-256 is kept)
 * as `action` of `object` — the CLI's `ivp plan export` ("plan.export",
 * "plan:3"). Recorded when the actor is named (a user, or the command
 * line). IVP_OK, or why the entry could not be written.
 */
IVP_WUR ivp_rc ivp_audit_record(ivp_ctx *ctx, const char *action, const char *object,
				const void *data, size_t n);

typedef enum ivp_audit_fault {
	IVP_AUDIT_OK = 0,    /* the chain is whole (and reaches the head, when given) */
	IVP_AUDIT_CHANGED,   /* an entry's contents no longer match its hash */
	IVP_AUDIT_REMOVED,   /* an entry is missing between two others */
	IVP_AUDIT_INSERTED,  /* an entry nothing links to was put in */
	IVP_AUDIT_REORDERED, /* an entry stands before one it links to */
	IVP_AUDIT_TRUNCATED  /* the newest entries up to the head are gone */
} ivp_audit_fault;

typedef struct ivp_audit_check {
	int64_t entries;    /* how many entries were read */
	int64_t head_seq;   /* the newest entry (0: the trail is empty) */
	char head_hash[65]; /* its hash ("" when empty) */
	ivp_audit_fault fault;
	int64_t seq; /* the first entry that is wrong (the fault's entry) */
} ivp_audit_check;

/*
 * Walk the whole trail and check every link and hash; with head (the text
 * ivp_audit_head wrote, NULL: none) also that the entry it names is still
 * there, unchanged; always the whole trail, whatever ctx's municipality
 * (the chain runs through every municipality's entries). IVP_OK with out->fault IVP_AUDIT_OK; IVP_EINPUT
 * "audit trail broken at entry N" (code audit_chain_broken, the detail
 * saying what happened to it) with out->fault and out->seq set;
 * IVP_EINPUT audit_head_invalid when head is not a head.
 */
IVP_WUR ivp_rc ivp_audit_verify(ivp_ctx *ctx, const char *head, ivp_audit_check *out);

/*
 * The chain head as one line of text to keep elsewhere (another machine,
 * paper): "ivp-audit-head 1 seq=N at=TIME hash=HEX\n" into out (n >= 160).
 * An empty trail has seq=0 and the hash of no entry (64 zeros).
 */
IVP_WUR ivp_rc ivp_audit_head(ivp_ctx *ctx, char *out, size_t n);

typedef struct ivp_audit_query {
	const char *user;   /* only this user's entries (NULL: all) */
	const char *object; /* only this object's ("plan:pn-2023", "user:anna"; NULL: all) */
	const char *from;   /* only from this time on ("2026-12-01" or ISO time; NULL: all) */
	int limit;	    /* at most this many, the newest (0: all) */
} ivp_audit_query;

/* The entries asked for, oldest first: seq, at, user, org, addr, action,
 * object, before, after, hash. Caller frees. A ctx acting for one
 * municipality (ivp_set_municipality) sees only the entries written for it
 * (and, for the deployment's first municipality, those of the whole
 * deployment, ''); unscoped, every entry. ivp_audit_verify and
 * ivp_audit_head always cover the whole chain (docs/tenancy.md). */
IVP_WUR ivp_rc ivp_audit_show(ivp_ctx *ctx, const ivp_audit_query *q, ivp_table **out);

typedef struct ivp_backup_result {
	int64_t entries; /* audit entries in the copy */
	char head[65];	 /* the hash of its newest entry */
	int64_t bytes;	 /* size of the file */
} ivp_backup_result;

/*
 * Write a copy of the open database into `path` (which must not exist),
 * consistent while others write (SQLite's online backup API), created
 * 0600. The copy is checked before it is put in place (integrity check
 * and audit chain); a copy that fails is removed, IVP_EDB. The backup is
 * an audit entry. IVP_EINPUT: path exists.
 */
IVP_WUR ivp_rc ivp_backup(ivp_ctx *ctx, const char *path, ivp_backup_result *out);

/*
 * Check the backup `path` (integrity check, audit chain) and, when both
 * pass, replace the open database by it in one transaction. A file that
 * fails is refused (IVP_EINPUT, code backup_corrupt or audit_chain_broken)
 * and nothing changes. The restore is an audit entry of the restored trail.
 */
IVP_WUR ivp_rc ivp_restore(ivp_ctx *ctx, const char *path, ivp_backup_result *out);

typedef struct ivp_prune_opts {
	int keep_latest; /* the newest this many versions stay (0: 10) */
	int dry_run;	 /* only count */
} ivp_prune_opts;

typedef struct ivp_prune_result {
	int64_t versions; /* plan versions before */
	int64_t kept;
	int64_t removed;
} ivp_prune_result;

/*
 * Thin the plan's history by the rule of docs/backup.md: every imported
 * plan file (kind import), every version a definitief report names, the
 * newest keep_latest versions and the newest version of each day stay;
 * the others go. Inside one transaction; an audit entry.
 */
IVP_WUR ivp_rc ivp_plan_prune(ivp_ctx *ctx, const ivp_prune_opts *o, ivp_prune_result *out);

#ifdef __cplusplus
}
#endif

#endif /* IVP_AUDIT_H */
