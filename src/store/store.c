/*
 * store.c — the door to storage (store.h, plan_store.h, auth_store.h,
 * geo_store.h, group_store.h, report_store.h, org_store.h, copy_store.h, audit_store.h, particip_store.h, reg_store.h, signal_store.h): one function per engine operation, and the choice of
 * engine for a database path.
 *
 * Each function calls the engine of ctx's database through its table
 * (engine.h) and translates a failure into ctx->err in one place,
 * store_fail(): IVP__SE_NOMEM and IVP__SE_STOP as IVP_ENOMEM "out of
 * memory", anything else as IVP_EDB "database error" with the engine's
 * message as detail. An engine's "not found" (1) becomes IVP_ENOTFOUND
 * without touching ctx->err. On success nothing is formatted, so the
 * per-row fact_put of imports and the year_counts of queries pay one
 * extra direct call.
 *
 * "sqlite:FILE" or a plain path selects SQLite; "postgresql://…",
 * "postgres://…" or a libpq key=value string (its first word one of
 * libpq's keys: "host=… dbname=…") selects PostgreSQL (store/pg/).
 */
#include <ctype.h>
#include <string.h>

#include "core/core.h"
#include "store/engine.h"

/* "host=… dbname=…": a libpq key=value string, not a file name */
static int is_keyword_string(const char *p)
{
	static const char *const keys[] = { "host", "hostaddr", "port", "dbname", "user", "service",
					    "sslmode", "application_name", NULL };
	size_t n;
	int i;

	while (isspace((unsigned char)*p))
		p++;
	for (n = 0; p[n] && (isalnum((unsigned char)p[n]) || p[n] == '_'); n++)
		;
	if (!n)
		return 0;
	for (i = 0; keys[i]; i++)
		if (strlen(keys[i]) == n && !strncmp(p, keys[i], n)) {
			p += n;
			while (isspace((unsigned char)*p))
				p++;
			return *p == '=';
		}
	return 0;
}

const ivp__store_ops *ivp__store_engine(const char *path, const char **rest)
{
	if (!strncmp(path, "sqlite:", 7)) {
		*rest = path + 7;
		return &ivp__sqlite_ops;
	}
	if (!strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11) ||
	    is_keyword_string(path)) {
		*rest = path;
		return &ivp__pg_ops;
	}
	*rest = path;
	return &ivp__sqlite_ops;
}

/* The engine's failure as ctx's error. */
__attribute__((cold, noinline)) static ivp_rc store_fail(ivp_ctx *ctx)
{
	ivp__store *st = ctx->store;
	int code = st->ops->errcode(st);

	if (code == IVP__SE_NOMEM || code == IVP__SE_STOP)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	ivp__fail(ctx, IVP_EDB, "database error");
	ivp__detail(ctx, "%s", st->ops->errmsg(st));
	return IVP_EDB;
}

/* 0 ok, 1 not found, <0 failure */
static inline ivp_rc result(ivp_ctx *ctx, int r)
{
	if (__builtin_expect(r == 0, 1))
		return IVP_OK;
	return r > 0 ? IVP_ENOTFOUND : store_fail(ctx);
}

/* 0 ok, anything else a failure (no "not found" case) */
static inline ivp_rc done(ivp_ctx *ctx, int r)
{
	return __builtin_expect(r == 0, 1) ? IVP_OK : store_fail(ctx);
}

#define ST (ctx->store)
#define OPS (ctx->store->ops)

ivp_rc ivp__store_replication(ivp_ctx *ctx, int *standby, int64_t *lsn, double *age)
{
	*standby = 0;
	*lsn = 0;
	*age = 0;
	return OPS->replication ? done(ctx, OPS->replication(ST, standby, lsn, age)) : IVP_OK;
}

ivp_rc ivp__store_data_version(ivp_ctx *ctx, int64_t *version)
{
	if (!OPS->data_version)
		return ivp__fail(ctx, IVP_EINPUT, "the store cannot tell its data version");
	return done(ctx, OPS->data_version(ST, version));
}

/* ---- transactions ---------------------------------------------------------- */

ivp_rc ivp__store_begin(ivp_ctx *ctx)
{
	return done(ctx, OPS->begin(ST));
}

ivp_rc ivp__store_commit(ivp_ctx *ctx)
{
	ivp_rc rc = done(ctx, OPS->commit(ST));

	/* A COMMIT that did not happen (SQLite could not even prepare it when
	 * memory ran out) leaves the transaction open, and the next statement
	 * on the connection would see its writes: undo them, so a failed call
	 * has written nothing. After a commit that did happen there is nothing
	 * left to undo. The error stays the commit's. */
	if (rc)
		OPS->rollback(ST);
	return rc;
}

ivp_rc ivp__store_rollback(ivp_ctx *ctx)
{
	return done(ctx, OPS->rollback(ST));
}

void ivp__store_abort(ivp_ctx *ctx)
{
	OPS->rollback(ST);
}

ivp_rc ivp__store_read_begin(ivp_ctx *ctx, int *opened)
{
	int r = OPS->read_begin(ST);

	*opened = r > 0;
	return r < 0 ? store_fail(ctx) : IVP_OK;
}

void ivp__store_read_end(ivp_ctx *ctx, int opened)
{
	OPS->read_end(ST, opened);
}

/* ---- imports --------------------------------------------------------------- */

ivp_rc ivp__store_import_find(ivp_ctx *ctx, const char *kind, const char *sha256,
			      const char *options, int64_t *id, char when[32])
{
	return result(ctx, OPS->import_find(ST, kind, sha256, options, id, when));
}

ivp_rc ivp__store_import_add(ivp_ctx *ctx, const ivp__import_rec *r, int64_t *id)
{
	return done(ctx, OPS->import_add(ST, r, id));
}

ivp_rc ivp__store_import_finish(ivp_ctx *ctx, int64_t id, int64_t rows, int64_t missing,
				int64_t skipped, const char *sha256)
{
	return done(ctx, OPS->import_finish(ST, id, rows, missing, skipped, sha256));
}

/* ---- code lists ------------------------------------------------------------ */

ivp_rc ivp__store_area_put(ivp_ctx *ctx, const char *code, const char *name,
			   const char *level, const char *parent, int64_t import_id)
{
	return done(ctx, OPS->area_put(ST, code, name, level, parent, import_id));
}

ivp_rc ivp__store_area_by_name(ivp_ctx *ctx, const char *name, char code[16], int *ambiguous)
{
	return result(ctx, OPS->area_by_name(ST, name, code, ambiguous));
}

ivp_rc ivp__store_area_get(ivp_ctx *ctx, const char *code, char name[256], char level[4],
			   char parent[16])
{
	return result(ctx, OPS->area_get(ST, code, name, level, parent));
}

ivp_rc ivp__store_type_put(ivp_ctx *ctx, const char *classification, const char *code,
			   const char *title, int64_t import_id)
{
	return done(ctx, OPS->type_put(ST, classification, code, title, import_id));
}

ivp_rc ivp__store_type_by_title(ivp_ctx *ctx, const char *title, char code[16])
{
	return result(ctx, OPS->type_by_title(ST, title, code));
}

ivp_rc ivp__store_type_get(ivp_ctx *ctx, const char *code, char title[256])
{
	return result(ctx, OPS->type_get(ST, code, title));
}

ivp_rc ivp__store_period_put(ivp_ctx *ctx, int period, const char *title, const char *status,
			     int64_t import_id)
{
	return done(ctx, OPS->period_put(ST, period, title, status, import_id));
}

/* ---- facts and population ---------------------------------------------------- */

ivp_rc ivp__store_fact_put(ivp_ctx *ctx, const char *area, const char *type, int period,
			   int64_t count, int provisional, int64_t import_id, int *res)
{
	return result(ctx, OPS->fact_put(ST, area, type, period, count, provisional,
					 import_id, res));
}

ivp_rc ivp__store_pop_put(ivp_ctx *ctx, const char *area, int year, const char *group,
			  int64_t count, int64_t import_id, int *res)
{
	return result(ctx, OPS->pop_put(ST, area, year, group, count, import_id, res));
}

/* ---- queries ----------------------------------------------------------------- */

ivp_rc ivp__store_year_counts(ivp_ctx *ctx, const char *area, int year,
			      ivp__type_count *types, int ntypes)
{
	return done(ctx, OPS->year_counts(ST, area, year, types, ntypes));
}

ivp_rc ivp__store_population(ivp_ctx *ctx, const char *area, int year, const char *group,
			     int64_t *count, int64_t *import_id)
{
	return result(ctx, OPS->population(ST, area, year, group, count, import_id));
}

ivp_rc ivp__store_has_classification(ivp_ctx *ctx, const char *area, int year,
				     const char *classification, int *has)
{
	return done(ctx, OPS->has_classification(ST, area, year, classification, has));
}

ivp_rc ivp__store_level_years(ivp_ctx *ctx, const char *under, const char *level, int year,
			      int pop_year, const char *group, ivp__type_count *types, int ntypes,
			      int (*cb)(void *ud, const ivp__area_year *a), void *ud)
{
	return done(ctx, OPS->level_years(ST, under, level, year, pop_year, group, types, ntypes, cb, ud));
}

ivp_rc ivp__store_areas_under(ivp_ctx *ctx, const char *parent, const char *level,
			      ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->areas_under(ST, parent, level, cb, ud));
}

ivp_rc ivp__store_areas_list(ivp_ctx *ctx, const char *under, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->areas_list(ST, under, cb, ud));
}

ivp_rc ivp__store_sources_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->sources_list(ST, cb, ud));
}

ivp_rc ivp__store_month_counts(ivp_ctx *ctx, const char *area, const char *type, int from,
			       int to, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->month_counts(ST, area, type, from, to, cb, ud));
}

ivp_rc ivp__store_defs_list(ivp_ctx *ctx, int latest_only,
			    int (*cb)(void *ud, const ivp__indicator_def *d), void *ud)
{
	return done(ctx, OPS->defs_list(ST, latest_only, cb, ud));
}

ivp_rc ivp__store_def_add(ivp_ctx *ctx, const ivp__indicator_def *d)
{
	return done(ctx, OPS->def_add(ST, d));
}

ivp_rc ivp__store_types_list(ivp_ctx *ctx, const char *classification, ivp__row_cb cb,
			     void *ud)
{
	return done(ctx, OPS->types_list(ST, classification, cb, ud));
}

ivp_rc ivp__store_counts(ivp_ctx *ctx, int64_t *facts, int64_t *areas, int64_t *pops,
			 int64_t *types)
{
	return done(ctx, OPS->counts(ST, facts, areas, pops, types));
}

/* ---- the plan ---------------------------------------------------------------- */

ivp_rc ivp__store_plan_version_add(ivp_ctx *ctx, const ivp__plan_version *v, int64_t *version)
{
	ivp__plan_version b;

	if (v->municipality[0])
		return done(ctx, OPS->plan->version_add(ST, v, version));
	b = *v; /* bound to the municipality its own text names */
	(void)ivp__doc_municipality(b.doc, b.municipality, sizeof(b.municipality));
	return done(ctx, OPS->plan->version_add(ST, &b, version));
}

ivp_rc ivp__store_plan_version_get(ivp_ctx *ctx, int64_t version, ivp__plan_version *out)
{
	return result(ctx, OPS->plan->version_get(ST, version, ctx->municipality, out));
}

ivp_rc ivp__store_plan_versions_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->plan->versions_list(ST, ctx->municipality, cb, ud));
}

ivp_rc ivp__store_plan_latest_each(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->plan->latest_each(ST, cb, ud));
}

ivp_rc ivp__store_plan_first_municipality(ivp_ctx *ctx, char out[64])
{
	return result(ctx, OPS->plan->first_municipality(ST, out));
}

/* The deployment's first municipality, kept on ctx once known; read with
 * the whole deployment in view (the engine's wall would hide it), then
 * ctx's own scope again. */
ivp_rc ivp__store_first_municipality(ivp_ctx *ctx, char out[64])
{
	ivp_rc rc;

	if (!ctx->first_municipality[0]) {
		if (OPS->scope && (rc = done(ctx, OPS->scope(ST, "", 1))))
			return rc;
		rc = ivp__store_plan_first_municipality(ctx, ctx->first_municipality);
		if (rc && rc != IVP_ENOTFOUND)
			return rc;
		if ((rc = ivp__store_scope(ctx)))
			return rc;
	}
	memcpy(out, ctx->first_municipality, 64);
	return IVP_OK;
}

ivp_rc ivp__store_scope(ivp_ctx *ctx)
{
	ivp_rc rc;

	if (!OPS->scope)
		return IVP_OK;
	if (!ctx->municipality[0])
		return done(ctx, OPS->scope(ST, "", 1));
	if (!ctx->first_municipality[0]) { /* once per ctx, with the whole deployment in view */
		if ((rc = done(ctx, OPS->scope(ST, "", 1))))
			return rc;
		rc = ivp__store_plan_first_municipality(ctx, ctx->first_municipality);
		if (rc && rc != IVP_ENOTFOUND)
			return rc;
	}
	return done(ctx, OPS->scope(ST, ctx->municipality, !strcmp(ctx->first_municipality, ctx->municipality)));
}

ivp_rc ivp__store_value_put(ivp_ctx *ctx, const ivp__local_value *v, int64_t import_id,
			    int *res)
{
	return done(ctx, OPS->plan->value_put(ST, v, import_id, res));
}

ivp_rc ivp__store_values_get(ivp_ctx *ctx, const char *key, const char *area, ivp__row_cb cb,
			     void *ud)
{
	return done(ctx, OPS->plan->values_get(ST, key, area, cb, ud));
}

ivp_rc ivp__store_area_values(ivp_ctx *ctx, const char *area, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->plan->area_values(ST, area, cb, ud));
}

ivp_rc ivp__store_value_key_exists(ivp_ctx *ctx, const char *key, int *exists)
{
	return done(ctx, OPS->plan->value_key_exists(ST, key, exists));
}

/* ---- users, sessions, sign-in attempts ------------------------------------- */

ivp_rc ivp__store_user_add(ivp_ctx *ctx, const char *name, const char *role,
			   const char *pwhash, int *exists)
{
	int r = OPS->auth->user_add(ST, name, role, pwhash);

	*exists = r == 1;
	return r < 0 ? store_fail(ctx) : IVP_OK;
}

ivp_rc ivp__store_user_municipality_set(ivp_ctx *ctx, const char *name, const char *municipality)
{
	return result(ctx, OPS->auth->user_municipality_set(ST, name, municipality));
}

ivp_rc ivp__store_user_get(ivp_ctx *ctx, const char *name, ivp__user_rec *out)
{
	return result(ctx, OPS->auth->user_get(ST, name, out));
}

ivp_rc ivp__store_user_set_password(ivp_ctx *ctx, const char *name, const char *pwhash)
{
	return result(ctx, OPS->auth->user_set_password(ST, name, pwhash));
}

ivp_rc ivp__store_user_remove(ivp_ctx *ctx, const char *name)
{
	return result(ctx, OPS->auth->user_remove(ST, name));
}

ivp_rc ivp__store_users_list(ivp_ctx *ctx, int64_t now, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->auth->users_list(ST, now, cb, ud));
}

ivp_rc ivp__store_session_add(ivp_ctx *ctx, const char *token_hash, int64_t user_id,
			      int64_t created, int64_t expires)
{
	return done(ctx, OPS->auth->session_add(ST, token_hash, user_id, created, expires));
}

ivp_rc ivp__store_session_get(ivp_ctx *ctx, const char *token_hash, int64_t now,
			      char user[64], char role[16], int64_t *expires)
{
	return result(ctx, OPS->auth->session_get(ST, token_hash, now, user, role, expires));
}

ivp_rc ivp__store_session_delete(ivp_ctx *ctx, const char *token_hash)
{
	return done(ctx, OPS->auth->session_delete(ST, token_hash));
}

ivp_rc ivp__store_sessions_prune(ivp_ctx *ctx, int64_t now)
{
	return done(ctx, OPS->auth->sessions_prune(ST, now));
}

ivp_rc ivp__store_attempt_add(ivp_ctx *ctx, const char *name, const char *addr, int64_t at,
			      int ok)
{
	return done(ctx, OPS->auth->attempt_add(ST, name, addr, at, ok));
}

ivp_rc ivp__store_attempt_fails(ivp_ctx *ctx, int by_addr, const char *key, int64_t since,
				int64_t *times, int max, int *n)
{
	return done(ctx, OPS->auth->attempt_fails(ST, by_addr, key, since, times, max, n));
}

ivp_rc ivp__store_attempts_prune(ivp_ctx *ctx, int64_t before)
{
	return done(ctx, OPS->auth->attempts_prune(ST, before));
}

ivp_rc ivp__store_attempt_fails_pair(ivp_ctx *ctx, const char *name, const char *addr,
				     int64_t since, int64_t *times, int max, int *n)
{
	return done(ctx, OPS->auth->attempt_fails_pair(ST, name, addr, since, times, max, n));
}

ivp_rc ivp__store_attempt_begin(ivp_ctx *ctx, const char *name, const char *addr, int64_t at,
				int64_t *id)
{
	return done(ctx, OPS->auth->attempt_begin(ST, name, addr, at, id));
}

ivp_rc ivp__store_attempt_end(ivp_ctx *ctx, int64_t id, int ok)
{
	return done(ctx, OPS->auth->attempt_end(ST, id, ok));
}

ivp_rc ivp__store_attempt_lock(ivp_ctx *ctx)
{
	return done(ctx, OPS->auth->attempt_lock(ST));
}

ivp_rc ivp__store_sessions_trim(ivp_ctx *ctx, int64_t user_id, int keep)
{
	return done(ctx, OPS->auth->sessions_trim(ST, user_id, keep));
}

ivp_rc ivp__store_user_totp_set(ivp_ctx *ctx, const char *name, const char *secret, int required)
{
	return result(ctx, OPS->auth->user_totp_set(ST, name, secret, required));
}

ivp_rc ivp__store_user_totp_use(ivp_ctx *ctx, int64_t user_id, int64_t step)
{
	return result(ctx, OPS->auth->user_totp_use(ST, user_id, step));
}

/* ---- area boundaries ----------------------------------------------------------- */

ivp_rc ivp__store_boundary_put(ivp_ctx *ctx, const ivp__boundary_rec *b, int *same)
{
	return result(ctx, OPS->geo->boundary_put(ST, b, same));
}

ivp_rc ivp__store_boundaries_list(ivp_ctx *ctx, const char *under, const char *level,
				  ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->geo->boundaries_list(ST, under, level, cb, ud));
}

/* ---- comparison groups ------------------------------------------------------------ */

ivp_rc ivp__store_group_put(ivp_ctx *ctx, const ivp__group_rec *g, int *existed)
{
	return done(ctx, OPS->group->group_put(ST, g, existed));
}

ivp_rc ivp__store_group_member_add(ivp_ctx *ctx, const char *group, const char *area, int *dup)
{
	return result(ctx, OPS->group->member_add(ST, group, area, dup));
}

ivp_rc ivp__store_groups_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->group->groups_list(ST, cb, ud));
}

ivp_rc ivp__store_group_members(ivp_ctx *ctx, const char *group, ivp__row_cb cb, void *ud)
{
	return result(ctx, OPS->group->members(ST, group, cb, ud));
}

ivp_rc ivp__store_groups_of(ivp_ctx *ctx, const char *area, const char *kind, ivp__row_cb cb,
			    void *ud)
{
	return done(ctx, OPS->group->groups_of(ST, area, kind, cb, ud));
}

ivp_rc ivp__store_level_population(ivp_ctx *ctx, const char *level, int year, const char *group,
				   ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->group->level_population(ST, level, year, group, cb, ud));
}

ivp_rc ivp__store_region_put(ivp_ctx *ctx, const ivp__region_rec *r, int *existed)
{
	return done(ctx, OPS->group->region_put(ST, r, existed));
}

ivp_rc ivp__store_region_theme_add(ivp_ctx *ctx, const char *region,
				   const ivp__region_theme_rec *t)
{
	return result(ctx, OPS->group->region_theme_add(ST, region, t));
}

ivp_rc ivp__store_regions_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->group->regions_list(ST, cb, ud));
}

ivp_rc ivp__store_region_themes(ivp_ctx *ctx, const char *region, ivp__row_cb cb, void *ud)
{
	return result(ctx, OPS->group->region_themes(ST, region, cb, ud));
}

/* ---- report texts and definitief snapshots ------------------------------------- */

ivp_rc ivp__store_text_add(ivp_ctx *ctx, const ivp__text_rec *t, int64_t *version)
{
	return done(ctx, OPS->report->text_add(ST, t, version));
}

ivp_rc ivp__store_texts_list(ivp_ctx *ctx, const char *kind, const char *area, int year,
			     ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->report->texts_list(ST, kind, area, year, cb, ud));
}

ivp_rc ivp__store_text_history(ivp_ctx *ctx, const char *kind, const char *area, int year,
			       const char *key, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->report->text_history(ST, kind, area, year, key, cb, ud));
}

ivp_rc ivp__store_final_add(ivp_ctx *ctx, const ivp__final_rec *f, int *exists)
{
	return done(ctx, OPS->report->final_add(ST, f, exists));
}

ivp_rc ivp__store_final_get(ivp_ctx *ctx, const char *kind, const char *area, int year,
			    ivp__final_rec *out)
{
	return result(ctx, OPS->report->final_get(ST, kind, area, year, out));
}

ivp_rc ivp__store_finals_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->report->finals_list(ST, cb, ud));
}

/* ---- organisations and membership ------------------------------------------------ */

ivp_rc ivp__store_org_put(ivp_ctx *ctx, const char *id, const char *name, const char *kind,
			  int *existed)
{
	return done(ctx, OPS->org->org_put(ST, id, name, kind, existed));
}

ivp_rc ivp__store_org_get(ivp_ctx *ctx, const char *id, ivp__org_rec *out)
{
	return result(ctx, OPS->org->org_get(ST, id, out));
}

ivp_rc ivp__store_org_remove(ivp_ctx *ctx, const char *id, int64_t *members)
{
	return result(ctx, OPS->org->org_remove(ST, id, members));
}

ivp_rc ivp__store_orgs_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->org->orgs_list(ST, cb, ud));
}

ivp_rc ivp__store_member_set(ivp_ctx *ctx, const char *user, const char *org)
{
	return result(ctx, OPS->org->member_set(ST, user, org));
}

ivp_rc ivp__store_member_get(ivp_ctx *ctx, const char *user, char org[32])
{
	return result(ctx, OPS->org->member_get(ST, user, org));
}

ivp_rc ivp__store_members_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->org->members_list(ST, cb, ud));
}

ivp_rc ivp__store_org_municipality_put(ivp_ctx *ctx, const char *org, const char *municipality,
				       int *changed)
{
	return result(ctx, OPS->org->org_municipality_put(ST, org, municipality, changed));
}

ivp_rc ivp__store_org_municipality_del(ivp_ctx *ctx, const char *org, const char *municipality,
				       int *changed)
{
	return done(ctx, OPS->org->org_municipality_del(ST, org, municipality, changed));
}

ivp_rc ivp__store_org_municipalities(ivp_ctx *ctx, const char *org, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->org->org_municipalities(ST, org, cb, ud));
}

/* ---- copying a whole database ------------------------------------------------------ */

static ivp_rc bad_table(ivp_ctx *ctx, int t)
{
	return ivp__fail(ctx, IVP_EINTERNAL, "no copy table %d", t);
}

ivp_rc ivp__store_table_rows(ivp_ctx *ctx, int t, ivp__row_cb cb, void *ud)
{
	if (t < 0 || t >= ivp__copy_ntables)
		return bad_table(ctx, t);
	return done(ctx, OPS->copy->rows(ST, t, cb, ud));
}

ivp_rc ivp__store_table_put(ivp_ctx *ctx, int t, const char *const *vals)
{
	if (t < 0 || t >= ivp__copy_ntables)
		return bad_table(ctx, t);
	return done(ctx, OPS->copy->put(ST, t, vals));
}

ivp_rc ivp__store_copy_begin(ivp_ctx *ctx)
{
	return done(ctx, OPS->copy->begin(ST));
}

ivp_rc ivp__store_copy_end(ivp_ctx *ctx)
{
	return done(ctx, OPS->copy->end(ST));
}

/* ---- the audit trail, backups, plan history ------------------------------------ */

ivp_rc ivp__store_audit_append(ivp_ctx *ctx, ivp__audit_rec *r, ivp__audit_seal_fn seal, void *ud)
{
	return done(ctx, OPS->audit->append(ST, r, seal, ud));
}

ivp_rc ivp__store_audit_last(ivp_ctx *ctx, ivp__audit_rec *out)
{
	return result(ctx, OPS->audit->last(ST, out));
}

ivp_rc ivp__store_audit_walk(ivp_ctx *ctx, int64_t from_seq, const char *user, const char *object,
			     const char *from, int (*cb)(void *ud, const ivp__audit_rec *r), void *ud)
{
	return done(ctx, OPS->audit->walk(ST, from_seq, user, object, from, cb, ud));
}

ivp_rc ivp__store_audit_find(ivp_ctx *ctx, int64_t after, const char *hash, int64_t *seq)
{
	return result(ctx, OPS->audit->find(ST, after, hash, seq));
}

ivp_rc ivp__store_backup(ivp_ctx *ctx, const char *path)
{
	return done(ctx, OPS->audit->backup(ST, path));
}

int ivp__store_backup_dump(ivp_ctx *ctx)
{
	return OPS->audit->backup_dump;
}

ivp_rc ivp__store_restore(ivp_ctx *ctx, const char *path)
{
	return done(ctx, OPS->audit->restore(ST, path));
}

ivp_rc ivp__store_integrity(ivp_ctx *ctx, int *ok, char *why, size_t n)
{
	return done(ctx, OPS->audit->integrity(ST, ok, why, n));
}

ivp_rc ivp__store_plan_versions_refs(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->audit->plan_refs(ST, cb, ud));
}

ivp_rc ivp__store_plan_version_delete(ivp_ctx *ctx, int64_t version)
{
	return result(ctx, OPS->audit->plan_delete(ST, version));
}

/* ---- the participation trajectory and the priority matrix ------------------------- */

ivp_rc ivp__store_pt_theme_put(ivp_ctx *ctx, const ivp__pt_theme *t, int *dup)
{
	return done(ctx, OPS->particip->theme_put(ST, t, dup));
}

ivp_rc ivp__store_pt_themes_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->particip->themes_list(ST, cb, ud));
}

ivp_rc ivp__store_pt_trajectory_put(ivp_ctx *ctx, const ivp__pt_trajectory *t, int *dup)
{
	return done(ctx, OPS->particip->trajectory_put(ST, t, dup));
}

ivp_rc ivp__store_pt_trajectories_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->particip->trajectories_list(ST, cb, ud));
}

ivp_rc ivp__store_pt_activity_put(ivp_ctx *ctx, const ivp__pt_activity *a, int *dup)
{
	return result(ctx, OPS->particip->activity_put(ST, a, dup));
}

ivp_rc ivp__store_pt_activities_list(ivp_ctx *ctx, const char *trajectory, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->particip->activities_list(ST, trajectory, cb, ud));
}

ivp_rc ivp__store_pt_input_put(ivp_ctx *ctx, const ivp__pt_input *in, const char *const *themes, int n,
			       int *dup)
{
	return result(ctx, OPS->particip->input_put(ST, in, themes, n, dup));
}

ivp_rc ivp__store_pt_inputs_list(ivp_ctx *ctx, const char *trajectory, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->particip->inputs_list(ST, trajectory, cb, ud));
}

ivp_rc ivp__store_pt_theme_counts(ivp_ctx *ctx, const char *trajectory, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->particip->theme_counts(ST, trajectory, cb, ud));
}

ivp_rc ivp__store_pt_entry_put(ivp_ctx *ctx, const ivp__pt_entry *e, int *dup)
{
	return result(ctx, OPS->particip->entry_put(ST, e, dup));
}

ivp_rc ivp__store_pt_entries_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->particip->entries_list(ST, cb, ud));
}

ivp_rc ivp__store_pt_eval_put(ivp_ctx *ctx, const ivp__pt_eval *e, int *dup)
{
	return result(ctx, OPS->particip->eval_put(ST, e, dup));
}

ivp_rc ivp__store_pt_evals_list(ivp_ctx *ctx, const char *plan, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->particip->evals_list(ST, plan, cb, ud));
}

ivp_rc ivp__store_pt_eval_plans(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->particip->eval_plans(ST, cb, ud));
}

/* ---- the signals register (signal_store.h) ------------------------------------------ */

ivp_rc ivp__store_sig_put(ivp_ctx *ctx, const ivp__sig_rec *r, int *dup)
{
	return done(ctx, OPS->signal->put(ST, r, dup));
}

ivp_rc ivp__store_sig_last(ivp_ctx *ctx, int year, int64_t *n)
{
	return done(ctx, OPS->signal->last(ST, year, n));
}

ivp_rc ivp__store_sig_rows(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud)
{
	return result(ctx, OPS->signal->rows(ST, id, cb, ud));
}

ivp_rc ivp__store_sig_weighings(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->signal->weighings(ST, id, cb, ud));
}

ivp_rc ivp__store_sig_status(ivp_ctx *ctx, const char *id, const char *status, const char *by,
			     const char *at)
{
	return result(ctx, OPS->signal->status(ST, id, status, by, at));
}

ivp_rc ivp__store_sig_history(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->signal->history(ST, id, cb, ud));
}

ivp_rc ivp__store_sig_handler(ivp_ctx *ctx, const char *id, const char *handler, const char *at)
{
	return result(ctx, OPS->signal->handler(ST, id, handler, at));
}

ivp_rc ivp__store_sig_weigh(ivp_ctx *ctx, const ivp__sig_weighing *w)
{
	return result(ctx, OPS->signal->weigh(ST, w));
}

ivp_rc ivp__store_sig_meeting_add(ivp_ctx *ctx, const char *date, const char *orgs, const char *by,
				  int64_t *id)
{
	return done(ctx, OPS->signal->meeting_add(ST, date, orgs, by, id));
}

ivp_rc ivp__store_sig_meetings(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->signal->meetings(ST, cb, ud));
}

ivp_rc ivp__store_sig_agenda_add(ivp_ctx *ctx, int64_t meeting, const char *signal, int *dup)
{
	return result(ctx, OPS->signal->agenda_add(ST, meeting, signal, dup));
}

ivp_rc ivp__store_sig_agenda(ivp_ctx *ctx, int64_t meeting, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->signal->agenda(ST, meeting, cb, ud));
}

ivp_rc ivp__store_sig_counts(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->signal->counts(ST, cb, ud));
}

ivp_rc ivp__store_sig_weighed_by(ivp_ctx *ctx, const char *outcome, const char *until,
				 ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->signal->weighed_by(ST, outcome, until, cb, ud));
}

ivp_rc ivp__store_sig_delete(ivp_ctx *ctx, const char *id)
{
	return result(ctx, OPS->signal->del(ST, id));
}

/* ---- the restricted registers' shared tables (reg_store.h) ---------------- */

ivp_rc ivp__store_vault_meta_get(ivp_ctx *ctx, const char *key, char *value, size_t n)
{
	return result(ctx, OPS->reg->meta_get(ST, key, value, n));
}

ivp_rc ivp__store_vault_meta_put(ivp_ctx *ctx, const char *key, const char *value)
{
	return done(ctx, OPS->reg->meta_put(ST, key, value));
}

ivp_rc ivp__store_dek_put(ivp_ctx *ctx, const char *reg, const char *rec, int version,
			  const char *wrapped)
{
	return done(ctx, OPS->reg->dek_put(ST, reg, rec, version, wrapped));
}

ivp_rc ivp__store_dek_get(ivp_ctx *ctx, const char *reg, const char *rec, int *version,
			  char wrapped[256])
{
	return result(ctx, OPS->reg->dek_get(ST, reg, rec, version, wrapped));
}

ivp_rc ivp__store_dek_delete(ivp_ctx *ctx, const char *reg, const char *rec)
{
	return result(ctx, OPS->reg->dek_delete(ST, reg, rec));
}

ivp_rc ivp__store_deks_list(ivp_ctx *ctx, const char *reg, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->reg->deks_list(ST, reg, cb, ud));
}

ivp_rc ivp__store_dek_counts(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->reg->dek_counts(ST, cb, ud));
}

ivp_rc ivp__store_reg_member_add(ivp_ctx *ctx, const char *reg, const char *user, const char *by,
				 const char *at, int *existed)
{
	return result(ctx, OPS->reg->member_add(ST, reg, user, by, at, existed));
}

ivp_rc ivp__store_reg_member_remove(ivp_ctx *ctx, const char *reg, const char *user)
{
	return result(ctx, OPS->reg->member_remove(ST, reg, user));
}

ivp_rc ivp__store_reg_member_is(ivp_ctx *ctx, const char *reg, const char *user, int *yes)
{
	return done(ctx, OPS->reg->member_is(ST, reg, user, yes));
}

ivp_rc ivp__store_reg_members_list(ivp_ctx *ctx, const char *reg, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->reg->members_list(ST, reg, cb, ud));
}

ivp_rc ivp__store_reg_setting_put(ivp_ctx *ctx, const char *reg, const char *rule, int months,
				  const char *by, const char *at)
{
	return done(ctx, OPS->reg->setting_put(ST, reg, rule, months, by, at));
}

ivp_rc ivp__store_reg_setting_get(ivp_ctx *ctx, const char *reg, const char *rule, int *months)
{
	return result(ctx, OPS->reg->setting_get(ST, reg, rule, months));
}

/* ---- the case register (case_store.h) ------------------------------------------- */

ivp_rc ivp__store_case_put(ivp_ctx *ctx, const ivp__case_rec *c, int *existed)
{
	return done(ctx, OPS->cases->put(ST, c, existed));
}

ivp_rc ivp__store_case_get(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud)
{
	return result(ctx, OPS->cases->get(ST, id, cb, ud));
}

ivp_rc ivp__store_cases_list(ivp_ctx *ctx, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->cases->list(ST, cb, ud));
}

ivp_rc ivp__store_case_next(ivp_ctx *ctx, int year, int64_t *n)
{
	return done(ctx, OPS->cases->next(ST, year, n));
}

ivp_rc ivp__store_case_find_blind(ivp_ctx *ctx, const char *blind, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->cases->find_blind(ST, blind, cb, ud));
}

ivp_rc ivp__store_case_org_put(ivp_ctx *ctx, const char *id, const char *org, const char *joined,
			       const char *left)
{
	return result(ctx, OPS->cases->org_put(ST, id, org, joined, left));
}

ivp_rc ivp__store_case_orgs(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->cases->orgs(ST, id, cb, ud));
}

ivp_rc ivp__store_case_domain_put(ivp_ctx *ctx, const char *id, const char *domain, int score,
				  const char *user, const char *date)
{
	return result(ctx, OPS->cases->domain_put(ST, id, domain, score, user, date));
}

ivp_rc ivp__store_case_domains(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->cases->domains(ST, id, cb, ud));
}

ivp_rc ivp__store_case_entry_add(ivp_ctx *ctx, const char *id, const ivp__case_entry *e)
{
	return result(ctx, OPS->cases->entry_add(ST, id, e));
}

ivp_rc ivp__store_case_entry_done(ivp_ctx *ctx, const char *id, int64_t n, int d)
{
	return result(ctx, OPS->cases->entry_done(ST, id, n, d));
}

ivp_rc ivp__store_case_entries(ivp_ctx *ctx, const char *id, ivp__row_cb cb, void *ud)
{
	return done(ctx, OPS->cases->entries(ST, id, cb, ud));
}

ivp_rc ivp__store_case_delete(ivp_ctx *ctx, const char *id)
{
	return result(ctx, OPS->cases->del(ST, id));
}
