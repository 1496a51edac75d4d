/*
 * reg_store.h — storage functions the restricted registers share
 * (src/registers/), functions of the door like store.h (the engines' side:
 * engine.h; SQLite: sqlite/sqlite_reg.c, PostgreSQL: pg/pg_reg.c; the
 * tables of migration 12).
 *
 *   vault_meta  (key, value)                  the key file's check values
 *   vault_dek   (register, record, version,   a record's data key, wrapped
 *                wrapped)                     by the register's key `version`
 *   reg_member  (register, user)              who is a member of a register
 *   reg_setting (register, rule, months)      retention set by an admin
 *
 * A wrapped key and a check value are hex text (never a key in clear: the
 * keys themselves live only in the key file). A register is its name
 * ("signals", "cases"), as ivp__reg_name gives it.
 *
 * Results as in store.h: IVP_OK, IVP_ENOTFOUND where noted (ctx->err
 * untouched), IVP_EDB, IVP_ENOMEM.
 */
#ifndef IVP_STORE_REG_STORE_H
#define IVP_STORE_REG_STORE_H

#include <stdint.h>

#include "store/store.h"

/* The value of vault_meta's key into value (n bytes). IVP_ENOTFOUND: none. */
ivp_rc ivp__store_vault_meta_get(ivp_ctx *ctx, const char *key, char *value, size_t n) IVP_WUR;
/* Insert or replace; value NULL deletes the row. */
ivp_rc ivp__store_vault_meta_put(ivp_ctx *ctx, const char *key, const char *value) IVP_WUR;
/* Insert the record's wrapped DEK, or replace it (a rewrap). */
ivp_rc ivp__store_dek_put(ivp_ctx *ctx, const char *reg, const char *rec, int version,
			  const char *wrapped) IVP_WUR;
/* The record's wrapped DEK (hex, up to 255 characters) and its key version.
 * IVP_ENOTFOUND: none. */
ivp_rc ivp__store_dek_get(ivp_ctx *ctx, const char *reg, const char *rec, int *version,
			  char wrapped[256]) IVP_WUR;
/* IVP_ENOTFOUND: there was none. */
ivp_rc ivp__store_dek_delete(ivp_ctx *ctx, const char *reg, const char *rec) IVP_WUR;
/* rows: record, version, wrapped — every DEK of reg, by record */
ivp_rc ivp__store_deks_list(ivp_ctx *ctx, const char *reg, ivp__row_cb cb, void *ud) IVP_WUR;
/* rows: register, version, deks — the number of DEKs per register and key version */
ivp_rc ivp__store_dek_counts(ivp_ctx *ctx, ivp__row_cb cb, void *ud) IVP_WUR;

/* Make user a member of reg (by, at: who granted it, when). *existed 1
 * when already one (nothing changes). IVP_ENOTFOUND: no such user. */
ivp_rc ivp__store_reg_member_add(ivp_ctx *ctx, const char *reg, const char *user, const char *by,
				 const char *at, int *existed) IVP_WUR;
/* IVP_ENOTFOUND: user was not a member. */
ivp_rc ivp__store_reg_member_remove(ivp_ctx *ctx, const char *reg, const char *user) IVP_WUR;
/* *yes 1 when user is a member of reg (reg NULL: of any register). */
ivp_rc ivp__store_reg_member_is(ivp_ctx *ctx, const char *reg, const char *user, int *yes) IVP_WUR;
/* rows: register, user, org (the user's organisation, "gemeente" without a
 * membership row), granted_by, granted_at — of reg (NULL: every register),
 * by register and user */
ivp_rc ivp__store_reg_members_list(ivp_ctx *ctx, const char *reg, ivp__row_cb cb, void *ud) IVP_WUR;

/* Set the retention of reg's rule (by, at: who, when). */
ivp_rc ivp__store_reg_setting_put(ivp_ctx *ctx, const char *reg, const char *rule, int months,
				  const char *by, const char *at) IVP_WUR;
/* IVP_ENOTFOUND: none set. */
ivp_rc ivp__store_reg_setting_get(ivp_ctx *ctx, const char *reg, const char *rule, int *months) IVP_WUR;

#endif /* IVP_STORE_REG_STORE_H */
