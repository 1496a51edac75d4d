/*
 * engine.h — the storage engines' tables of functions, private to store/.
 *
 * Only the files of src/store/ (the door store.c, and store_api.c) and
 * the engines (store/sqlite/, store/pg/) include this header; every
 * other caller goes through the door of store.h (and plan_store.h, auth_store.h,
 * geo_store.h), which calls these functions and turns their failures into
 * the context's ivp_error once.
 *
 * Engine conventions: every function returns 0 on success, a negative
 * number on failure and, where noted, 1 for "not found" (or "exists").
 * After a failure errcode() says what kind it was (IVP__SE_*) and errmsg()
 * gives the engine's own message, both until the next failure. An engine
 * reports running out of memory — its own allocations or its library's
 * (SQLITE_NOMEM) — as IVP__SE_NOMEM, and a row callback that returned
 * nonzero as IVP__SE_STOP (the walk ends there).
 *
 * Writes happen between begin() and commit(); rollback() undoes them all.
 * An import is exactly one such transaction.
 */
#ifndef IVP_STORE_ENGINE_H
#define IVP_STORE_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "store/audit_store.h"
#include "store/auth_store.h"
#include "store/case_store.h"
#include "store/org_store.h"
#include "store/copy_store.h"
#include "store/geo_store.h"
#include "store/group_store.h"
#include "store/particip_store.h"
#include "store/plan_store.h"
#include "store/reg_store.h"
#include "store/report_store.h"
#include "store/signal_store.h"
#include "store/store.h"

/* What the last failure of an engine was (errcode()). */
enum {
	IVP__SE_ERROR = 1, /* the database failed; errmsg() says why */
	IVP__SE_NOMEM = 2, /* out of memory */
	IVP__SE_STOP = 3   /* a row callback returned nonzero */
};

/* open(): failure results */
#define IVP__SE_OPEN_FAIL (-1) /* message in err */
#define IVP__SE_OPEN_NOMEM (-2)

typedef struct ivp__plan_ops {
	/* Add a version; *version is its number (1, 2, … across the database). */
	int (*version_add)(ivp__store *s, const ivp__plan_version *v, int64_t *version);
	/* version 0: the latest. 1: none. out->doc is malloc'd. municipality
	 * "": any; else only that municipality's versions */
	int (*version_get)(ivp__store *s, int64_t version, const char *municipality,
			   ivp__plan_version *out);
	/* rows: version, plan_id, kind, source, summary, created_by,
	 * created_at (municipality "": every version) */
	int (*versions_list)(ivp__store *s, const char *municipality, ivp__row_cb cb, void *ud);
	/* rows: municipality, version, plan_id, created_at of each
	 * municipality's latest version, ordered by municipality */
	int (*latest_each)(ivp__store *s, ivp__row_cb cb, void *ud);
	/* the municipality of the earliest version that names one; 1: none */
	int (*first_municipality)(ivp__store *s, char out[64]);

	/* result: IVP__PUT_NEW / _SAME / _CHANGED / _DUP_SAME / _DUP_DIFF as in store.h */
	int (*value_put)(ivp__store *s, const ivp__local_value *v, int64_t import_id,
			 int *result);
	/* rows: year, value, unit, margin (NULL when none), source,
	 * definition_version, import_id, name — ordered by year, unit */
	int (*values_get)(ivp__store *s, const char *key, const char *area,
			  ivp__row_cb cb, void *ud);
	/* rows: key, year, value, unit, margin (NULL when none), source,
	 * definition_version, import_id, name — every value of the area,
	 * ordered by key, year, unit */
	int (*area_values)(ivp__store *s, const char *area, ivp__row_cb cb, void *ud);
	/* 1 when any value has this key */
	int (*value_key_exists)(ivp__store *s, const char *key, int *exists);

	/* Release the engine's plan statements (called from the engine's close). */
	void (*close)(ivp__store *s);
} ivp__plan_ops;

typedef struct ivp__auth_ops {
	/* 1: a user of that name exists */
	int (*user_add)(ivp__store *s, const char *name, const char *role, const char *pwhash);
	/* 1: no such user */
	int (*user_get)(ivp__store *s, const char *name, ivp__user_rec *out);
	/* Bind the user to a municipality ("" none). 1: no such user */
	int (*user_municipality_set)(ivp__store *s, const char *name, const char *municipality);
	/* New password string; ends every session of the user. 1: no such user */
	int (*user_set_password)(ivp__store *s, const char *name, const char *pwhash);
	/* The user and their sessions. 1: no such user */
	int (*user_remove)(ivp__store *s, const char *name);
	/* rows: name, role, created_at, updated_at, sessions (active at `now`) */
	int (*users_list)(ivp__store *s, int64_t now, ivp__row_cb cb, void *ud);

	int (*session_add)(ivp__store *s, const char *token_hash, int64_t user_id,
			   int64_t created, int64_t expires);
	/* The live session's user (name, role) and expiry; 1: none or expired. */
	int (*session_get)(ivp__store *s, const char *token_hash, int64_t now,
			   char user[64], char role[16], int64_t *expires);
	int (*session_delete)(ivp__store *s, const char *token_hash);
	/* Drop sessions that expired before `now`. */
	int (*sessions_prune)(ivp__store *s, int64_t now);

	int (*attempt_add)(ivp__store *s, const char *name, const char *addr, int64_t at, int ok);
	/* as ivp__store_attempt_fails (auth_store.h) */
	int (*attempt_fails)(ivp__store *s, int by_addr, const char *key, int64_t since,
			     int64_t *times, int max, int *n);
	/* Forget every attempt before `before` (out of every window). */
	int (*attempts_prune)(ivp__store *s, int64_t before);
	/* as the ivp__store_ functions of the same names (auth_store.h); the
	 * 1 of totp_set: no such user; of totp_use: the step was used */
	int (*attempt_fails_pair)(ivp__store *s, const char *name, const char *addr, int64_t since,
				  int64_t *times, int max, int *n);
	int (*attempt_begin)(ivp__store *s, const char *name, const char *addr, int64_t at, int64_t *id);
	int (*attempt_end)(ivp__store *s, int64_t id, int ok);
	/* as ivp__store_attempt_lock (auth_store.h): -1 outside a write transaction */
	int (*attempt_lock)(ivp__store *s);
	int (*sessions_trim)(ivp__store *s, int64_t user_id, int keep);
	int (*user_totp_set)(ivp__store *s, const char *name, const char *secret, int required);
	int (*user_totp_use)(ivp__store *s, int64_t user_id, int64_t step);

	/* Release the engine's auth state (called from the engine's close). */
	void (*close)(ivp__store *s);
} ivp__auth_ops;

typedef struct ivp__geo_ops {
	/* Insert or replace; 1: the area code is unknown; *same = 1 when the
	 * stored geometry was already exactly this one. */
	int (*boundary_put)(ivp__store *s, const ivp__boundary_rec *b, int *same);
	/* as ivp__store_boundaries_list (geo_store.h) */
	int (*boundaries_list)(ivp__store *s, const char *under, const char *level,
			       ivp__row_cb cb, void *ud);
} ivp__geo_ops;

typedef struct ivp__group_ops {
	/* as the doors of group_store.h; 1: not found where they say so */
	int (*group_put)(ivp__store *s, const ivp__group_rec *g, int *existed);
	int (*member_add)(ivp__store *s, const char *group, const char *area, int *dup);
	int (*groups_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*members)(ivp__store *s, const char *group, ivp__row_cb cb, void *ud);
	int (*groups_of)(ivp__store *s, const char *area, const char *kind, ivp__row_cb cb,
			 void *ud);
	int (*level_population)(ivp__store *s, const char *level, int year, const char *group,
				ivp__row_cb cb, void *ud);
	/* the regional plan (migration 18) */
	int (*region_put)(ivp__store *s, const ivp__region_rec *r, int *existed);
	int (*region_theme_add)(ivp__store *s, const char *region, const ivp__region_theme_rec *t);
	int (*regions_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*region_themes)(ivp__store *s, const char *region, ivp__row_cb cb, void *ud);
} ivp__group_ops;
typedef struct ivp__particip_ops {
	/* as the doors of particip_store.h; 1: not found where they say so */
	int (*theme_put)(ivp__store *s, const ivp__pt_theme *t, int *dup);
	int (*themes_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*trajectory_put)(ivp__store *s, const ivp__pt_trajectory *t, int *dup);
	int (*trajectories_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*activity_put)(ivp__store *s, const ivp__pt_activity *a, int *dup);
	int (*activities_list)(ivp__store *s, const char *trajectory, ivp__row_cb cb, void *ud);
	int (*input_put)(ivp__store *s, const ivp__pt_input *in, const char *const *themes, int n,
			 int *dup);
	int (*inputs_list)(ivp__store *s, const char *trajectory, ivp__row_cb cb, void *ud);
	int (*theme_counts)(ivp__store *s, const char *trajectory, ivp__row_cb cb, void *ud);
	int (*entry_put)(ivp__store *s, const ivp__pt_entry *e, int *dup);
	int (*entries_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*eval_put)(ivp__store *s, const ivp__pt_eval *e, int *dup);
	int (*evals_list)(ivp__store *s, const char *plan, ivp__row_cb cb, void *ud);
	int (*eval_plans)(ivp__store *s, ivp__row_cb cb, void *ud);
} ivp__particip_ops;
/* The signals register (signal_store.h); 1: not found where the doors say so. */
typedef struct ivp__signal_ops {
	int (*put)(ivp__store *s, const ivp__sig_rec *r, int *dup);
	int (*last)(ivp__store *s, int year, int64_t *n);
	int (*rows)(ivp__store *s, const char *id, ivp__row_cb cb, void *ud);
	int (*weighings)(ivp__store *s, const char *id, ivp__row_cb cb, void *ud);
	int (*status)(ivp__store *s, const char *id, const char *status, const char *by,
		      const char *at);
	int (*history)(ivp__store *s, const char *id, ivp__row_cb cb, void *ud);
	int (*handler)(ivp__store *s, const char *id, const char *handler, const char *at);
	int (*weigh)(ivp__store *s, const ivp__sig_weighing *w);
	int (*meeting_add)(ivp__store *s, const char *date, const char *orgs, const char *by,
			   int64_t *id);
	int (*meetings)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*agenda_add)(ivp__store *s, int64_t meeting, const char *signal, int *dup);
	int (*agenda)(ivp__store *s, int64_t meeting, ivp__row_cb cb, void *ud);
	int (*counts)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*weighed_by)(ivp__store *s, const char *outcome, const char *until, ivp__row_cb cb,
			  void *ud);
	int (*del)(ivp__store *s, const char *id);
} ivp__signal_ops;
typedef struct ivp__report_ops {
	/* *version: 1 + the highest of the key */
	int (*text_add)(ivp__store *s, const ivp__text_rec *t, int64_t *version);
	/* as ivp__store_texts_list / _text_history (report_store.h) */
	int (*texts_list)(ivp__store *s, const char *kind, const char *area, int year,
			  ivp__row_cb cb, void *ud);
	int (*text_history)(ivp__store *s, const char *kind, const char *area, int year,
			    const char *key, ivp__row_cb cb, void *ud);
	/* *exists = 1 when the report has a snapshot (nothing written) */
	int (*final_add)(ivp__store *s, const ivp__final_rec *f, int *exists);
	/* 1: none; out->snapshot is malloc'd */
	int (*final_get)(ivp__store *s, const char *kind, const char *area, int year,
			 ivp__final_rec *out);
	int (*finals_list)(ivp__store *s, ivp__row_cb cb, void *ud);

	/* Release the engine's report statements (called from the engine's close). */
	void (*close)(ivp__store *s);
} ivp__report_ops;

typedef struct ivp__org_ops {
	/* as the doors of org_store.h; 1: not found where they say so */
	int (*org_put)(ivp__store *s, const char *id, const char *name, const char *kind,
		       int *existed);
	int (*org_get)(ivp__store *s, const char *id, ivp__org_rec *out);
	int (*org_remove)(ivp__store *s, const char *id, int64_t *members);
	int (*orgs_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*member_set)(ivp__store *s, const char *user, const char *org);
	int (*member_get)(ivp__store *s, const char *user, char org[32]);
	int (*members_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*org_municipality_put)(ivp__store *s, const char *org, const char *m, int *changed);
	int (*org_municipality_del)(ivp__store *s, const char *org, const char *m, int *changed);
	/* org NULL: of every organisation */
	int (*org_municipalities)(ivp__store *s, const char *org, ivp__row_cb cb, void *ud);
} ivp__org_ops;
/* Copying a whole database (copy_store.h; t indexes ivp__copy_tables). */
typedef struct ivp__copy_ops {
	int (*rows)(ivp__store *s, int t, ivp__row_cb cb, void *ud);
	int (*put)(ivp__store *s, int t, const char *const *vals);
	int (*begin)(ivp__store *s);
	int (*end)(ivp__store *s);
} ivp__copy_ops;
/* The restricted registers' shared tables (reg_store.h; migration 12). The
 * 1 of the getters, dek_delete and member_remove: none; of member_add: no
 * such user. */
typedef struct ivp__reg_ops {
	int (*meta_get)(ivp__store *s, const char *key, char *value, size_t n);
	int (*meta_put)(ivp__store *s, const char *key, const char *value);
	int (*dek_put)(ivp__store *s, const char *reg, const char *rec, int version,
		       const char *wrapped);
	int (*dek_get)(ivp__store *s, const char *reg, const char *rec, int *version,
		       char wrapped[256]);
	int (*dek_delete)(ivp__store *s, const char *reg, const char *rec);
	int (*deks_list)(ivp__store *s, const char *reg, ivp__row_cb cb, void *ud);
	int (*dek_counts)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*member_add)(ivp__store *s, const char *reg, const char *user, const char *by,
			  const char *at, int *existed);
	int (*member_remove)(ivp__store *s, const char *reg, const char *user);
	int (*member_is)(ivp__store *s, const char *reg, const char *user, int *yes);
	int (*members_list)(ivp__store *s, const char *reg, ivp__row_cb cb, void *ud);
	int (*setting_put)(ivp__store *s, const char *reg, const char *rule, int months,
			   const char *by, const char *at);
	int (*setting_get)(ivp__store *s, const char *reg, const char *rule, int *months);
} ivp__reg_ops;
typedef struct ivp__audit_ops {
	/* as the doors of audit_store.h; last: 1 when the trail is empty;
	 * append: a seal that returns nonzero is IVP__SE_ERROR "audit entry
	 * not sealed" (-2 from the seal: IVP__SE_NOMEM) and nothing is written */
	int (*append)(ivp__store *s, ivp__audit_rec *r, ivp__audit_seal_fn seal, void *ud);
	int (*last)(ivp__store *s, ivp__audit_rec *out);
	int (*walk)(ivp__store *s, int64_t from_seq, const char *user, const char *object,
		    const char *from, int (*cb)(void *ud, const ivp__audit_rec *r), void *ud);
	int (*find)(ivp__store *s, int64_t after, const char *hash, int64_t *seq); /* 1: none */
	int (*backup)(ivp__store *s, const char *path);
	int (*restore)(ivp__store *s, const char *path);
	int backup_dump; /* 1: a backup is an archive, not a database to open (PostgreSQL) */
	int (*integrity)(ivp__store *s, int *ok, char *why, size_t n);
	int (*plan_refs)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*plan_delete)(ivp__store *s, int64_t version); /* 1: none */

	/* Release the engine's audit statements (called from the engine's close). */
	void (*close)(ivp__store *s);
} ivp__audit_ops;

/* The semantics of each function are those of its door in store.h. */
/* the case register of the Zorg- en Veiligheidshuis (case_store.h) */
typedef struct ivp__case_ops {
	/* as the doors of case_store.h; 1: not found where they say so */
	int (*put)(ivp__store *s, const ivp__case_rec *c, int *existed);
	int (*get)(ivp__store *s, const char *id, ivp__row_cb cb, void *ud);
	int (*list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*next)(ivp__store *s, int year, int64_t *n);
	int (*find_blind)(ivp__store *s, const char *blind, ivp__row_cb cb, void *ud);
	int (*org_put)(ivp__store *s, const char *id, const char *org, const char *joined,
		       const char *left);
	int (*orgs)(ivp__store *s, const char *id, ivp__row_cb cb, void *ud);
	int (*domain_put)(ivp__store *s, const char *id, const char *domain, int score,
			  const char *user, const char *date);
	int (*domains)(ivp__store *s, const char *id, ivp__row_cb cb, void *ud);
	int (*entry_add)(ivp__store *s, const char *id, const ivp__case_entry *e);
	int (*entry_done)(ivp__store *s, const char *id, int64_t n, int done);
	int (*entries)(ivp__store *s, const char *id, ivp__row_cb cb, void *ud);
	int (*del)(ivp__store *s, const char *id);
} ivp__case_ops;

typedef struct ivp__store_ops {
	const char *name;

	/* 0, or IVP__SE_OPEN_FAIL with a message in err, IVP__SE_OPEN_NOMEM */
	int (*open)(const char *path, ivp__store **out, char *err, size_t errsz);
	void (*close)(ivp__store *s);
	const char *(*errmsg)(ivp__store *s);
	int (*errcode)(ivp__store *s); /* IVP__SE_* of the last failure */
	int (*schema_version)(ivp__store *s);
	/* a number that changes when another connection commits; NULL when
	 * the engine cannot tell */
	int (*data_version)(ivp__store *s, int64_t *v);
	/* as ivp__store_replication (store.h); NULL: not replicated (SQLite) */
	int (*replication)(ivp__store *s, int *standby, int64_t *lsn, double *age);

	int (*begin)(ivp__store *s);
	int (*commit)(ivp__store *s);
	int (*rollback)(ivp__store *s);
	int (*read_begin)(ivp__store *s); /* 1 opened, 0 already in one, <0 */
	void (*read_end)(ivp__store *s, int opened);
	/* what the connection acts for from now on ("" the whole deployment;
	 * docs/tenancy.md); unbound: rows of no municipality ('') are its (it
	 * is the deployment's first), read by the engine's ivp_tenant_ok and
	 * ivp_tenant_default that its queries of the owned tables use (both
	 * engines; PostgreSQL's policies too); NULL: no wall of its own */
	int (*scope)(ivp__store *s, const char *municipality, int unbound);

	/* 1: no import has this identity */
	int (*import_find)(ivp__store *s, const char *kind, const char *sha256,
			   const char *options, int64_t *id, char when[32]);
	int (*import_add)(ivp__store *s, const ivp__import_rec *r, int64_t *id);
	int (*import_finish)(ivp__store *s, int64_t id, int64_t rows,
			     int64_t missing, int64_t skipped, const char *sha256);

	int (*area_put)(ivp__store *s, const char *code, const char *name,
			const char *level, const char *parent, int64_t import_id);
	int (*area_by_name)(ivp__store *s, const char *name, char code[16],
			    int *ambiguous); /* 1: not found */
	int (*area_get)(ivp__store *s, const char *code, char name[256],
			char level[4], char parent[16]); /* 1: not found */
	int (*type_put)(ivp__store *s, const char *classification,
			const char *code, const char *title, int64_t import_id);
	int (*type_by_title)(ivp__store *s, const char *title, char code[16]); /* 1 */
	int (*type_get)(ivp__store *s, const char *code, char title[256]);     /* 1 */
	int (*period_put)(ivp__store *s, int period, const char *title,
			  const char *status, int64_t import_id);

	/* 1 when the area or type code is unknown */
	int (*fact_put)(ivp__store *s, const char *area, const char *type,
			int period, int64_t count, int provisional,
			int64_t import_id, int *result);
	int (*pop_put)(ivp__store *s, const char *area, int year,
		       const char *group, int64_t count, int64_t import_id,
		       int *result);

	int (*year_counts)(ivp__store *s, const char *area, int year,
			   ivp__type_count *types, int ntypes);
	int (*population)(ivp__store *s, const char *area, int year,
			  const char *group, int64_t *count, int64_t *import_id); /* 1 */
	int (*has_classification)(ivp__store *s, const char *area, int year,
				  const char *classification, int *has);
	int (*level_years)(ivp__store *s, const char *under, const char *level,
			   int year, int pop_year, const char *group, ivp__type_count *types,
			   int ntypes, int (*cb)(void *ud, const ivp__area_year *a),
			   void *ud);
	int (*areas_under)(ivp__store *s, const char *parent, const char *level,
			   ivp__row_cb cb, void *ud);
	int (*areas_list)(ivp__store *s, const char *under, ivp__row_cb cb, void *ud);
	int (*sources_list)(ivp__store *s, ivp__row_cb cb, void *ud);
	int (*month_counts)(ivp__store *s, const char *area, const char *type,
			    int from, int to, ivp__row_cb cb, void *ud);
	int (*defs_list)(ivp__store *s, int latest_only,
			 int (*cb)(void *ud, const ivp__indicator_def *d), void *ud);
	int (*def_add)(ivp__store *s, const ivp__indicator_def *d);
	int (*types_list)(ivp__store *s, const char *classification,
			  ivp__row_cb cb, void *ud);
	int (*counts)(ivp__store *s, int64_t *facts, int64_t *areas,
		      int64_t *pops, int64_t *types);

	/* the plan (priorities, goals, measures, budget, values): its own table */
	const ivp__plan_ops *plan;
	/* users, sessions, sign-in attempts: its own table */
	const ivp__auth_ops *auth;
	/* area boundaries: its own table */
	const ivp__geo_ops *geo;
	/* comparison groups and the population behind size classes */
	const ivp__group_ops *group;
	/* report texts and definitief snapshots: its own table */
	const ivp__report_ops *report;
	/* organisations and the membership of users */
	const ivp__org_ops *org;
	/* every table's rows out and in, for ivp copy */
	const ivp__copy_ops *copy;
	/* the audit trail, backups, plan history pruning: its own table */
	const ivp__audit_ops *audit;
	/* the participation trajectory and the priority matrix */
	const ivp__particip_ops *particip;
	/* the signals register of the ondermijningsoverleg */
	const ivp__signal_ops *signal;
	/* the restricted registers' vault, membership and retention settings */
	const ivp__reg_ops *reg;
	/* the case register (issue 13) */
	const ivp__case_ops *cases;
} ivp__store_ops;

/* Every engine's store begins with this. */
struct ivp__store {
	const ivp__store_ops *ops;
};

/* Pick the engine for a database path ("sqlite:…" or a file name: SQLite;
 * "postgresql://…", "postgres://…" or a libpq key=value string such as
 * "host=/run/postgresql dbname=ivp": PostgreSQL): its table and in *rest
 * what the engine opens; NULL when no engine built in serves the path. */
const ivp__store_ops *ivp__store_engine(const char *path, const char **rest);

extern const ivp__store_ops ivp__sqlite_ops;
extern const ivp__plan_ops ivp__sqlite_plan_ops;
extern const ivp__auth_ops ivp__sqlite_auth_ops;
extern const ivp__geo_ops ivp__sqlite_geo_ops;
extern const ivp__group_ops ivp__sqlite_group_ops;
extern const ivp__report_ops ivp__sqlite_report_ops;
extern const ivp__org_ops ivp__sqlite_org_ops;
extern const ivp__copy_ops ivp__sqlite_copy_ops;

extern const ivp__store_ops ivp__pg_ops;
extern const ivp__plan_ops ivp__pg_plan_ops;
extern const ivp__auth_ops ivp__pg_auth_ops;
extern const ivp__geo_ops ivp__pg_geo_ops;
extern const ivp__group_ops ivp__pg_group_ops;
extern const ivp__report_ops ivp__pg_report_ops;
extern const ivp__copy_ops ivp__pg_copy_ops;
extern const ivp__audit_ops ivp__sqlite_audit_ops;
extern const ivp__particip_ops ivp__sqlite_particip_ops;
extern const ivp__signal_ops ivp__sqlite_signal_ops;
extern const ivp__signal_ops ivp__pg_signal_ops;
extern const ivp__reg_ops ivp__sqlite_reg_ops;
extern const ivp__reg_ops ivp__pg_reg_ops;
extern const ivp__case_ops ivp__sqlite_case_ops;
extern const ivp__case_ops ivp__pg_case_ops;

#endif /* IVP_STORE_ENGINE_H */
