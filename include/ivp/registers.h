/*
 * registers.h (public) — what an administrator runs for the restricted
 * registers (signals of undermining crime, care-and-safety cases): the key
 * file (ivp_set_keys, ivp_keys_init / _rotate / _status), who is a member
 * of which register (ivp_register_grant / _revoke / _members), and
 * retention (ivp_retention_set / _run / _status). docs/registers.md says
 * how to run them; the library side is src/registers/registers.h.
 *
 * None of these ever hands out key material: a status lists versions and
 * counts. Errors as everywhere (ivp_last_error); codes keys_* and
 * register_* are in docs/errors.md.
 */
#ifndef IVP_REGISTERS_H
#define IVP_REGISTERS_H

#include "ivp/ivp.h"

/*
 * The key file of the registers (path copied; NULL or "": none). Without
 * one the registers stay closed (IVP_EINPUT, keys_none) and everything
 * else works. The file is read on first use, not here.
 */
void ivp_set_keys(ivp_ctx *ctx, const char *path);

/*
 * Create the key file at the ivp_set_keys path (0600; refused when it
 * exists) with a fresh key and blind-index key per register, and write
 * their check values into the database (refused when the database has
 * keys already).
 */
IVP_WUR ivp_rc ivp_keys_init(ivp_ctx *ctx);
/*
 * A new key version per register: every data key rewrapped in one
 * transaction, the key file replaced atomically (temp file + rename). The
 * old version stays in the file until the rewrap committed, then goes.
 */
IVP_WUR ivp_rc ivp_keys_rotate(ivp_ctx *ctx);
/* *out: one row per register and key version: path, mode, register,
 * version, current (0/1), in_file (0/1), deks; caller frees with
 * ivp_table_free. Works without a key file (path "", mode ""). */
IVP_WUR ivp_rc ivp_keys_status(ivp_ctx *ctx, ivp_table **out);

/* Make user a member of register ("signals" or "cases"); the user must
 * have TOTP enrolled. Audited ("register.grant"); the actor must be an
 * admin. *existed 1 when already a member (nothing written). */
IVP_WUR ivp_rc ivp_register_grant(ivp_ctx *ctx, const char *reg, const char *user, int *existed);
/* Audited ("register.revoke"). IVP_ENOTFOUND with an error: no member. */
IVP_WUR ivp_rc ivp_register_revoke(ivp_ctx *ctx, const char *reg, const char *user);
/* *out: register, user, org, granted_by, granted_at — of reg (NULL: every
 * register). The actor must be an admin. */
IVP_WUR ivp_rc ivp_register_members(ivp_ctx *ctx, const char *reg, ivp_table **out);

/* Set reg's retention rule (months 1..1200); admin, audited ("retention.set"). */
IVP_WUR ivp_rc ivp_retention_set(ivp_ctx *ctx, const char *reg, const char *rule, int months);
/*
 * Destroy every record expired on as_of (YYYY-MM-DD; NULL: today, UTC) in
 * every register of this build; dry_run: report only. *out: register, id,
 * kind, expires — one row per record.
 */
IVP_WUR ivp_rc ivp_retention_run(ivp_ctx *ctx, const char *as_of, int dry_run, ivp_table **out);
/* The rules (register, rule, months, source: "default" or "set") and, in
 * *soon, what expires in the month after as_of (as ivp_retention_run's
 * rows; a dry run a month on). Either may be NULL. */
IVP_WUR ivp_rc ivp_retention_status(ivp_ctx *ctx, const char *as_of, ivp_table **rules,
				    ivp_table **soon);

/*
 * What will be destroyed in the month after as_of (YYYY-MM-DD; NULL:
 * today, UTC) in register reg ("signals" or "cases"), for its members: a
 * row per record the actor may see in a list (ivp__reg_decide, act list)
 * — id, kind, expires (the date it is destroyed on or after; an earlier
 * one: expired, destroyed by the next run), rule, months — and nothing of
 * its content. One audit entry per call ("signal.expiry", "case.expiry").
 * IVP_ENOTFOUND (code register_not_member) for a non-member, an admin
 * too: the list is as hidden as the records. Caller frees *out.
 */
IVP_WUR ivp_rc ivp_retention_expiring(ivp_ctx *ctx, const char *reg, const char *as_of, ivp_table **out);

#endif /* IVP_REGISTERS_H */
