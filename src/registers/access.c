/*
 * access.c — who may see a record of a restricted register (registers.h):
 * membership of a register (granted and revoked by an admin, audited;
 * only users with a second factor), the one need-to-know decision
 * ivp__reg_decide, and the audit entry of every access with its reason.
 *
 * The decision, by register, relation and action (A allow, R allowed with
 * a reason, the access audited with it, H hidden: answered as if the
 * record did not exist):
 *
 *   signals                            read  list  count  write  export
 *   member, handler (intake or dept)    A     A     A      A      A
 *   member, not the handler             R     A     A      R      R
 *   department handler, not a member    A     A     H      A      H
 *   anyone else (admins included)       H     H     H      H      H
 *
 *   cases                              read  list  count  write  export
 *   member, handler (process director
 *     or the member who registered it)  A     A     A      A      A
 *   member of a participating org       R     A     A      R      R
 *   member, organisation not (or no
 *     longer) taking part               H     H     H      H      H
 *   anyone else (admins included)       H     H     H      H      H
 *
 * A department handler sees the one signal handed to their department,
 * not the consultation's figures (count) and takes nothing out (export).
 * A handler who is no longer a member of the register has no access
 * (revoking a membership ends it), except signals' department handler,
 * whose access comes from the hand-over, not from membership.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "ivp/registers.h"
#include "registers/registers.h"
#include "store/auth_store.h"
#include "store/reg_store.h"

int ivp__reg_decide(ivp__reg reg, const ivp__reg_rel *rel, ivp__reg_act act)
{
	int reason_acts = act == IVP__REG_READ || act == IVP__REG_WRITE || act == IVP__REG_EXPORT;

	if (!rel || (unsigned)act > IVP__REG_EXPORT)
		return IVP__NTK_HIDDEN;
	switch (reg) {
	case IVP__REG_SIGNALS:
		if (rel->member)
			return rel->handler || !reason_acts ? IVP__NTK_ALLOW : IVP__NTK_REASON;
		if (rel->dept_only && rel->handler)
			return act == IVP__REG_COUNT || act == IVP__REG_EXPORT ? IVP__NTK_HIDDEN :
										 IVP__NTK_ALLOW;
		return IVP__NTK_HIDDEN;
	case IVP__REG_CASES:
		if (!rel->member)
			return IVP__NTK_HIDDEN;
		if (rel->handler)
			return IVP__NTK_ALLOW;
		if (rel->participant)
			return reason_acts ? IVP__NTK_REASON : IVP__NTK_ALLOW;
		return IVP__NTK_HIDDEN;
	}
	return IVP__NTK_HIDDEN;
}

ivp_rc ivp__reg_is_member(ivp_ctx *ctx, ivp__reg reg, const char *user, int *yes)
{
	*yes = 0;
	if (!ivp__reg_name(reg))
		return ivp__fail(ctx, IVP_EINTERNAL, "unknown register");
	if (!user || !*user)
		return IVP_OK;
	return ivp__store_reg_member_is(ctx, ivp__reg_name(reg), user, yes);
}

ivp_rc ivp__reg_audit(ivp_ctx *ctx, ivp__reg reg, const char *action, const char *rec, const char *reason)
{
	char obj[IVP__RECID_MAX + 16];

	if (!ivp__reg_name(reg) || !action || !rec || !*rec)
		return ivp__fail(ctx, IVP_EINTERNAL, "an access needs its register, action and record");
	snprintf(obj, sizeof(obj), "%s:%s", reg == IVP__REG_SIGNALS ? "signal" : "case", rec);
	return ivp__audit_reason(ctx, action, obj, reason && *reason ? reason : NULL);
}

/* ---- the administrator's side (include/ivp/registers.h) ----------------------- */

static ivp_rc unknown_register(ivp_ctx *ctx, const char *name)
{
	ivp__fail(ctx, IVP_EINPUT, "unknown register \"%s\"", name ? name : "");
	ivp__code(ctx, "register_unknown");
	ivp__hint(ctx, "The registers are signals and cases.");
	return IVP_EINPUT;
}

ivp_rc ivp__reg_need_admin(ivp_ctx *ctx, const char *what)
{
	ivp__user_rec u;
	ivp_rc rc = IVP_ENOTFOUND;

	if (ctx->actor_user[0] && ivp__user_name_ok(ctx->actor_user))
		rc = ivp__store_user_get(ctx, ctx->actor_user, &u);
	if (rc && rc != IVP_ENOTFOUND)
		return rc;
	if (!rc) {
		int admin = ivp_role_parse(u.role) == IVP_ROLE_ADMIN;

		ivp__vault_wipe(&u, sizeof(u));
		if (admin)
			return IVP_OK;
	}
	ivp__fail(ctx, IVP_EINPUT, "only an admin %s", ivp_msg_tr(ctx->lang, what));
	ivp__code(ctx, "register_admin");
	ivp__detail(ctx, "The operator \"%s\" is not an admin of this database.", ctx->actor_user);
	ivp__hint(ctx, "Name an admin with --user NAME (or IVP_USER).");
	return IVP_EINPUT;
}

ivp_rc ivp_register_grant(ivp_ctx *ctx, const char *reg, const char *user, int *existed)
{
	ivp__user_rec u;
	char at[32], obj[96];
	ivp__reg r;
	int totp;
	ivp_rc rc;

	*existed = 0;
	if (ivp__reg_parse(reg, &r))
		return unknown_register(ctx, reg);
	if ((rc = ivp__reg_need_admin(ctx, "manages the members of a register")))
		return rc;
	rc = ivp__user_name_ok(user) ? ivp__store_user_get(ctx, user, &u) : IVP_ENOTFOUND;
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_EINPUT, "no user \"%s\"", user ? user : "");
		ivp__code(ctx, "unknown_user");
		ivp__hint(ctx, "ivp user list shows the users; ivp user add NAME adds one.");
		return IVP_EINPUT;
	}
	if (rc)
		return rc;
	totp = u.totp[0] != '\0';
	ivp__vault_wipe(&u, sizeof(u));
	if (!totp) {
		ivp__fail(ctx, IVP_EINPUT, "user %s has no second factor", user);
		ivp__code(ctx, "register_totp");
		ivp__detail(ctx, "Members of a restricted register sign in with a TOTP code, like admins.");
		ivp__hint(ctx, "Enrol one first with ivp user totp %s.", user);
		return IVP_EINPUT;
	}
	ivp__now_iso(at);
	snprintf(obj, sizeof(obj), "register:%s/%s", reg, user);
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	if (!(rc = ivp__store_reg_member_add(ctx, reg, user, ctx->actor_user, at, existed)) && !*existed)
		rc = ivp__audit(ctx, "register.grant", obj, NULL, "member");
	if (!rc)
		rc = ivp__store_commit(ctx);
	if (rc)
		ivp__store_abort(ctx);
	return rc == IVP_ENOTFOUND ? ivp__fail(ctx, IVP_EINPUT, "no user \"%s\"", user) : rc;
}

ivp_rc ivp_register_revoke(ivp_ctx *ctx, const char *reg, const char *user)
{
	char obj[96];
	ivp__reg r;
	ivp_rc rc;

	if (ivp__reg_parse(reg, &r))
		return unknown_register(ctx, reg);
	if ((rc = ivp__reg_need_admin(ctx, "manages the members of a register")))
		return rc;
	if (!ivp__user_name_ok(user))
		rc = IVP_ENOTFOUND;
	else if (!(rc = ivp__store_begin(ctx))) {
		snprintf(obj, sizeof(obj), "register:%s/%s", reg, user);
		if (!(rc = ivp__store_reg_member_remove(ctx, reg, user)))
			rc = ivp__audit(ctx, "register.revoke", obj, "member", NULL);
		if (!rc)
			rc = ivp__store_commit(ctx);
		if (rc)
			ivp__store_abort(ctx);
	}
	if (rc == IVP_ENOTFOUND) {
		ivp__fail(ctx, IVP_ENOTFOUND, "%s is not a member of register %s", user ? user : "", reg);
		ivp__code(ctx, "register_no_member");
		ivp__hint(ctx, "ivp registers list %s shows its members.", reg);
	}
	return rc;
}

typedef struct members {
	ivp_table *t;
} members;

static int member_row(void *ud, const char *const *cols, int ncols)
{
	members *m = ud;
	int i;

	if (ivp__table_row(m->t) < 0)
		return -1;
	for (i = 0; i < ncols && i < 5; i++)
		if (ivp__table_set_text(m->t, i, cols[i]))
			return -1;
	return 0;
}

ivp_rc ivp_register_members(ivp_ctx *ctx, const char *reg, ivp_table **out)
{
	static const char *const cols[] = { "register", "user", "org", "granted_by", "granted_at" };
	members m = { NULL };
	ivp__reg r;
	size_t i;
	ivp_rc rc;

	*out = NULL;
	if (reg && ivp__reg_parse(reg, &r))
		return unknown_register(ctx, reg);
	if ((rc = ivp__reg_need_admin(ctx, "sees the members of a register")))
		return rc;
	if (!(m.t = ivp__table_new()))
		return ivp__oom(ctx, "the members of a register");
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (ivp__table_col(m.t, cols[i], IVP__COL_BRIEF, 0) < 0) {
			ivp_table_free(m.t);
			return ivp__oom(ctx, "the members of a register");
		}
	if ((rc = ivp__store_reg_members_list(ctx, reg, member_row, &m))) {
		ivp_table_free(m.t);
		return rc == IVP_ENOMEM ? ivp__oom(ctx, "the members of a register") : rc;
	}
	*out = m.t;
	return IVP_OK;
}

/* ---- the relation, for the HTTP side ---------------------------------------------------- */

ivp_rc ivp__reg_relation(ivp_ctx *ctx, ivp__reg reg, const char *rec, ivp__reg_rel *rel)
{
	ivp_rc rc;
	int i;

	memset(rel, 0, sizeof(*rel));
	if (!ivp__reg_name(reg) || !rec)
		return ivp__fail(ctx, IVP_EINTERNAL, "a relation needs its register and record");
	if ((rc = ivp__vault_ready(ctx, reg)))
		return rc;
	for (i = 0; ivp__reg_kinds[i]; i++)
		if (ivp__reg_kinds[i]->reg == reg && ivp__reg_kinds[i]->relation)
			return ivp__reg_kinds[i]->relation(ctx, rec, rel);
	return ivp__fail(ctx, IVP_EINTERNAL, "register %s has no relation in this build", ivp__reg_name(reg));
}

/* ---- free text ------------------------------------------------------------------------- */

int ivp__reg_text_ok(const char *s, int lines)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; p && *p; p++)
		if ((*p < 0x20 && !(lines && (*p == '\n' || *p == '\r' || *p == '\t'))) || *p == 0x7f)
			return 0;
	return 1;
}

char *ivp__reg_text_lf(ivp_ctx *ctx, const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(n + 1), *o;

	if (!out) {
		if (ctx)
			(void)ivp__oom(ctx, "a text of %zu bytes", n);
		return NULL;
	}
	for (o = out; *s; s++) {
		if (*s == '\r') {
			*o++ = '\n';
			s += s[1] == '\n';
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}
