/*
 * audit.h — the audit trail inside libivp: the call every event site makes
 * (ivp__audit), the canonical encoding and hash of an entry, and the chain
 * checker that names the first entry changed, removed, inserted or
 * reordered (docs/audit.md has the encoding and the rules; the public side
 * is include/ivp/audit.h).
 *
 * The checker (chain.c) is pure: it is fed the entries in the order of seq
 * and asks the caller only one question, whether a later entry has a given
 * hash, so that it runs in constant memory over a trail of any length and
 * the unit tests can feed it arrays.
 */
#ifndef IVP_AUDIT_INT_H
#define IVP_AUDIT_INT_H

#include <stdint.h>

#include "core/core.h"
#include "ivp/audit.h"
#include "store/audit_store.h"

/* The prev of the first entry: the hash of no entry. */
#define IVP__AUDIT_ZERO "0000000000000000000000000000000000000000000000000000000000000000"

/*
 * Record one event as an entry of the trail, for the context's actor
 * (ivp_set_actor): action (docs/audit.md lists them: "import",
 * "plan.import", "measure.update", "user.add", "signin", …), object (what
 * it acted on: "plan:pn-2023", "user:anna", "report:voortgang-GM1926-2024"),
 * and the object's bytes before and after (NUL-terminated; NULL: there
 * was none, e.g. before a creation), of which only the SHA-256 is kept.
 * Call it inside the transaction of the write it records when there is
 * one: the entry then commits or rolls back with it. On failure ctx->err
 * holds why; a write should fail with it (no write without its entry).
 */
ivp_rc ivp__audit(ivp_ctx *ctx, const char *action, const char *object, const char *before,
		  const char *after) IVP_WUR;
/* As ivp__audit with the SHA-256 (hex) of before and after already known
 * (an import's file hash); NULL or "": none. */
ivp_rc ivp__audit_hex(ivp_ctx *ctx, const char *action, const char *object,
		      const char *before_hex, const char *after_hex) IVP_WUR;
/* An access with the reason the user gave (reason NULL or "": none; kept
 * up to 255 bytes), no before or after: the restricted registers' reads,
 * lists and exports (src/registers/registers.h ivp__reg_audit). */
ivp_rc ivp__audit_reason(ivp_ctx *ctx, const char *action, const char *object,
			 const char *reason) IVP_WUR;
/* As ivp__audit for another actor than the context's: a sign-in names the
 * user it was for and the client it came from. */
ivp_rc ivp__audit_as(ivp_ctx *ctx, const char *user, const char *addr, const char *action,
		     const char *object, const char *before, const char *after) IVP_WUR;

/* One-line forms for the event sites of src/auth/ (object "user:NAME"):
 * a user change by the context's actor (after: what the user is now, e.g.
 * "role=editor"; NULL: nothing to hash), and a sign-in attempt of `name`
 * from `client` (action "signin", "signin.failed" or "signin.limited"). */
ivp_rc ivp__audit_user(ivp_ctx *ctx, const char *action, const char *name, const char *after) IVP_WUR;
ivp_rc ivp__audit_signin(ivp_ctx *ctx, const char *action, const char *name,
			 const char *client) IVP_WUR;
/*
 * An export or a generated report (after_hex: the SHA-256 of what was
 * handed out): recorded when someone is named — a signed-in user or the
 * command line — and not for anonymous readers of public pages, whose
 * requests the access log has (an entry per anonymous page view would
 * make every read a write).
 */
ivp_rc ivp__audit_export(ivp_ctx *ctx, const char *action, const char *object,
			 const char *after_hex) IVP_WUR;

/*
 * The canonical encoding of r (docs/audit.md): "ivp-audit-1\n", then at,
 * user, org, addr, action, object, before, after and prev, each as its
 * length in bytes in decimal, ':', the bytes and '\n'; an entry with a
 * reason is "ivp-audit-2\n", the same fields and the reason as the tenth
 * (so entries without one hash as they always did). seq and hash are
 * not part of it. 0, or -1 when out is full or memory ran out.
 */
int ivp__audit_encode(const ivp__audit_rec *r, ivp__buf *out);
/* SHA-256 (hex) of r's encoding into hex; 0, or -1 out of memory. */
int ivp__audit_hash(const ivp__audit_rec *r, char hex[65]);

/* Does an entry after seq `after` have hash `hash`? 1 yes (its seq in
 * *seq), 0 no, -1 failed. */
typedef int (*ivp__audit_find_fn)(void *ud, int64_t after, const char *hash, int64_t *seq);

/* The checker's state: the last two entries seen and one waiting for its
 * successor (lookahead of one). */
typedef struct ivp__chain {
	ivp__audit_rec win[3]; /* [0] the one before [1], [1] before [2] */
	int have;	       /* entries in win (0..3) */
	int64_t entries;
	ivp_audit_fault fault;
	int64_t seq; /* the entry the fault names */
	int failed;  /* the find callback or a hash failed */
	ivp__audit_find_fn find;
	void *ud;
} ivp__chain;

void ivp__chain_init(ivp__chain *c, ivp__audit_find_fn find, void *ud);
/* Feed the next entry (in the order of seq); returns 1 once a fault is
 * found (c->fault, c->seq; the rest need not be fed), 0 to go on, -1 when
 * the check itself failed (out of memory, the find callback). */
int ivp__chain_feed(ivp__chain *c, const ivp__audit_rec *r);
/* The end of the trail: the waiting entry is judged. Same results. */
int ivp__chain_end(ivp__chain *c);

/* Parse a head line (ivp_audit_head's format): 0 with *seq and hash set,
 * or -1 when s is not one. */
int ivp__audit_head_parse(const char *s, size_t n, int64_t *seq, char hash[65]);

#endif /* IVP_AUDIT_INT_H */
