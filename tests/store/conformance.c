/*
 * conformance.c — the storage conformance suite: every function of the
 * door (store.h, plan_store.h, auth_store.h, geo_store.h, group_store.h, report_store.h,
 * copy_store.h, reg_store.h) on a fresh
 * database of the engine under test, through the door and the public API
 * only (never an engine's own calls), so that it runs unchanged on every
 * engine: `store_conformance sqlite`, later `store_conformance
 * postgresql://…` (factory.h makes the databases; README.md).
 *
 * Each test names the door functions it covers in covers[] below. The last
 * test reads the door's headers and fails when a declared function is
 * covered by no test, when covers[] names a function the headers do not
 * declare, or when a test does not call a function it claims; the table is
 * printed at the start of every run.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/core.h"
#include "factory.h"
#include "store/audit_store.h"
#include "store/auth_store.h"
#include "store/case_store.h"
#include "store/copy_store.h"
#include "store/geo_store.h"
#include "store/org_store.h"
#include "store/group_store.h"
#include "store/particip_store.h"
#include "store/plan_store.h"
#include "store/reg_store.h"
#include "store/report_store.h"
#include "store/signal_store.h"
#include "store/store.h"

/* ---- what each test covers ----------------------------------------------- */

typedef struct cover {
	const char *test;
	const char *fns; /* door functions, space-separated */
} cover;

static const cover covers[] = {
	{ "test_signals", "ivp__store_sig_put ivp__store_sig_last ivp__store_sig_rows ivp__store_sig_weighings "
			  "ivp__store_sig_status ivp__store_sig_history ivp__store_sig_handler ivp__store_sig_weigh "
			  "ivp__store_sig_meeting_add ivp__store_sig_meetings ivp__store_sig_agenda_add "
			  "ivp__store_sig_agenda ivp__store_sig_counts ivp__store_sig_weighed_by "
			  "ivp__store_sig_delete ivp__store_begin ivp__store_commit" },
	{ "test_tenant_registers", "ivp__store_sig_put ivp__store_sig_last ivp__store_sig_rows ivp__store_sig_weighings "
				   "ivp__store_sig_status ivp__store_sig_history ivp__store_sig_handler "
				   "ivp__store_sig_weigh ivp__store_sig_meeting_add ivp__store_sig_meetings "
				   "ivp__store_sig_agenda_add ivp__store_sig_agenda ivp__store_sig_counts "
				   "ivp__store_sig_weighed_by ivp__store_sig_delete ivp__store_case_put "
				   "ivp__store_case_get ivp__store_cases_list ivp__store_case_next "
				   "ivp__store_case_find_blind ivp__store_case_org_put ivp__store_case_orgs "
				   "ivp__store_case_domain_put ivp__store_case_domains ivp__store_case_entry_add "
				   "ivp__store_case_entry_done ivp__store_case_entries ivp__store_case_delete "
				   "ivp__store_pt_theme_put ivp__store_pt_themes_list ivp__store_pt_trajectory_put "
				   "ivp__store_pt_trajectories_list ivp__store_pt_activity_put "
				   "ivp__store_pt_activities_list ivp__store_pt_input_put ivp__store_pt_inputs_list "
				   "ivp__store_pt_theme_counts ivp__store_pt_entry_put ivp__store_pt_entries_list "
				   "ivp__store_pt_eval_put ivp__store_pt_evals_list ivp__store_pt_eval_plans "
				   "ivp__store_audit_walk ivp__store_audit_last ivp__store_begin ivp__store_commit ivp__store_rollback" },
	{ "test_audit_trail", "ivp__store_audit_append ivp__store_audit_last ivp__store_audit_walk "
			      "ivp__store_audit_find ivp__store_begin ivp__store_rollback" },
	{ "test_backup_restore", "ivp__store_backup ivp__store_restore ivp__store_integrity ivp__store_backup_dump "
				 "ivp__store_plan_version_add ivp__store_plan_version_get" },
	{ "test_plan_history_refs", "ivp__store_plan_versions_refs ivp__store_plan_version_delete "
				    "ivp__store_plan_version_add ivp__store_final_add ivp__store_begin "
				    "ivp__store_commit" },
	{ "test_empty_database", "ivp__store_counts ivp__store_areas_list ivp__store_sources_list "
				 "ivp__store_defs_list ivp__store_plan_versions_list ivp__store_users_list "
				 "ivp__store_boundaries_list ivp__store_types_list" },
	{ "test_transactions", "ivp__store_begin ivp__store_commit ivp__store_rollback "
			       "ivp__store_abort ivp__store_area_put ivp__store_area_get ivp__store_type_put "
			       "ivp__store_type_get ivp__store_import_find "
			       "ivp__store_import_finish ivp__store_fact_put ivp__store_pop_put ivp__store_population "
			       "ivp__store_def_add ivp__store_defs_list ivp__store_plan_version_add "
			       "ivp__store_plan_version_get ivp__store_value_put ivp__store_value_key_exists "
			       "ivp__store_user_add ivp__store_user_get ivp__store_boundary_put "
			       "ivp__store_boundaries_list" },
	{ "test_read_snapshot", "ivp__store_read_begin ivp__store_read_end ivp__store_area_get "
				"ivp__store_begin ivp__store_commit ivp__store_area_put" },
	{ "test_data_version", "ivp__store_data_version ivp__store_begin ivp__store_commit "
			       "ivp__store_area_put ivp__store_replication" },
	{ "test_fact_put_results", "ivp__store_fact_put" },
	{ "test_year_and_month_counts", "ivp__store_year_counts ivp__store_month_counts "
					"ivp__store_has_classification" },
	{ "test_level_years", "ivp__store_level_years ivp__store_areas_under ivp__store_pop_put" },
	{ "test_imports", "ivp__store_import_add ivp__store_import_find ivp__store_import_finish "
			  "ivp__store_sources_list" },
	{ "test_code_lists", "ivp__store_area_put ivp__store_area_get ivp__store_area_by_name "
			     "ivp__store_areas_under ivp__store_areas_list ivp__store_type_put ivp__store_type_get "
			     "ivp__store_type_by_title ivp__store_types_list ivp__store_period_put "
			     "ivp__store_defs_list" },
	{ "test_population", "ivp__store_pop_put ivp__store_population ivp__store_areas_list" },
	{ "test_definitions", "ivp__store_def_add ivp__store_defs_list" },
	{ "test_plan_versions", "ivp__store_plan_version_add ivp__store_plan_version_get "
				"ivp__store_plan_versions_list" },
	{ "test_plan_municipalities", "ivp__store_plan_version_get "
				      "ivp__store_plan_versions_list ivp__store_plan_latest_each ivp__store_scope "
				      "ivp__store_plan_first_municipality ivp__store_user_municipality_set "
				      "ivp__store_first_municipality" },
	{ "test_local_values", "ivp__store_value_put ivp__store_values_get "
			       "ivp__store_value_key_exists" },
	{ "test_area_values", "ivp__store_value_put ivp__store_area_values" },
	{ "test_orgs", "ivp__store_org_put ivp__store_org_get ivp__store_org_remove ivp__store_orgs_list "
		       "ivp__store_member_set ivp__store_member_get ivp__store_members_list ivp__store_user_add "
		       "ivp__store_user_remove ivp__store_begin ivp__store_rollback" },
	{ "test_org_municipalities", "ivp__store_org_put ivp__store_org_municipality_put "
				     "ivp__store_org_municipality_del ivp__store_org_municipalities "
				     "ivp__store_org_remove ivp__store_begin ivp__store_rollback" },
	{ "test_users", "ivp__store_user_add ivp__store_user_get ivp__store_user_set_password "
			"ivp__store_user_remove ivp__store_users_list ivp__store_session_add "
			"ivp__store_session_get" },
	{ "test_sessions", "ivp__store_session_add ivp__store_session_get "
			   "ivp__store_session_delete ivp__store_sessions_prune ivp__store_users_list" },
	{ "test_attempts", "ivp__store_attempt_add ivp__store_attempt_fails "
			   "ivp__store_attempts_prune" },
	{ "test_attempts_pair", "ivp__store_attempt_fails_pair ivp__store_attempt_begin "
				"ivp__store_attempt_end ivp__store_attempt_add" },
	{ "test_attempt_lock", "ivp__store_attempt_lock ivp__store_attempt_begin ivp__store_attempt_fails_pair "
			       "ivp__store_begin ivp__store_commit ivp__store_abort" },
	{ "test_sessions_trim", "ivp__store_sessions_trim ivp__store_session_add ivp__store_session_get" },
	{ "test_totp_store", "ivp__store_user_totp_set ivp__store_user_totp_use ivp__store_user_get" },
	{ "test_boundaries", "ivp__store_boundary_put ivp__store_boundaries_list" },
	{ "test_participation", "ivp__store_pt_theme_put ivp__store_pt_themes_list ivp__store_pt_trajectory_put "
				"ivp__store_pt_trajectories_list ivp__store_pt_activity_put ivp__store_pt_activities_list "
				"ivp__store_pt_input_put ivp__store_pt_inputs_list ivp__store_pt_theme_counts "
				"ivp__store_pt_entry_put ivp__store_pt_entries_list ivp__store_rollback "
				"ivp__store_pt_eval_put ivp__store_pt_evals_list ivp__store_pt_eval_plans" },
	{ "test_cases", "ivp__store_case_put ivp__store_case_get ivp__store_cases_list ivp__store_case_next "
			"ivp__store_case_find_blind ivp__store_case_org_put ivp__store_case_orgs "
			"ivp__store_case_domain_put ivp__store_case_domains ivp__store_case_entry_add "
			"ivp__store_case_entry_done ivp__store_case_entries ivp__store_case_delete "
			"ivp__store_begin ivp__store_rollback ivp__store_commit" },
	{ "test_groups", "ivp__store_group_put ivp__store_group_member_add ivp__store_groups_list "
			 "ivp__store_group_members ivp__store_groups_of ivp__store_rollback" },
	{ "test_region_plans", "ivp__store_region_put ivp__store_region_theme_add ivp__store_regions_list "
			       "ivp__store_region_themes ivp__store_begin ivp__store_commit ivp__store_rollback" },
	{ "test_level_population", "ivp__store_level_population ivp__store_pop_put" },
	{ "test_report_texts", "ivp__store_text_add ivp__store_texts_list ivp__store_text_history "
			       "ivp__store_begin ivp__store_rollback ivp__store_commit" },
	{ "test_report_finals", "ivp__store_final_add ivp__store_final_get ivp__store_finals_list" },
	{ "test_callback_stop", "ivp__store_areas_list ivp__store_defs_list ivp__store_level_years "
				"ivp__store_month_counts" },
	{ "test_reg_store", "ivp__store_vault_meta_get ivp__store_vault_meta_put ivp__store_dek_put "
			    "ivp__store_dek_get ivp__store_dek_delete ivp__store_deks_list ivp__store_dek_counts "
			    "ivp__store_reg_member_add ivp__store_reg_member_remove ivp__store_reg_member_is "
			    "ivp__store_reg_members_list ivp__store_reg_setting_put ivp__store_reg_setting_get "
			    "ivp__store_user_add ivp__store_user_remove ivp__store_member_set ivp__store_begin "
			    "ivp__store_rollback" },
	{ "test_copy_tables", "ivp__store_table_rows ivp__store_table_put ivp__store_copy_begin "
			      "ivp__store_copy_end ivp__store_begin ivp__store_commit "
			      "ivp__store_user_add ivp__store_user_get" },
};

/* ---- helpers ------------------------------------------------------------------ */

#define CTX (((tdb *)*state)->ctx)

static void check_ok(ivp_ctx *ctx, ivp_rc rc, const char *what, int line)
{
	if (rc != IVP_OK) {
		print_error("line %d: %s: %s (rc %d): %s; %s\n", line, what, ivp_strerror(rc), rc,
			    ivp_last_error(ctx)->message, ivp_last_error(ctx)->detail);
		fail();
	}
}

/* a door function must succeed */
#define OK(call) check_ok(ctx, (call), #call, __LINE__)

/* "not found" comes back as IVP_ENOTFOUND and leaves ctx->err alone */
static void check_notfound(ivp_ctx *ctx, ivp_rc rc, const char *what, int line)
{
	if (rc != IVP_ENOTFOUND || strcmp(ivp_last_error(ctx)->message, "sentinel")) {
		print_error("line %d: %s: rc %d, error \"%s\"; want IVP_ENOTFOUND and the error untouched\n",
			    line, what, rc, ivp_last_error(ctx)->message);
		fail();
	}
}

#define NOTFOUND(call)                                        \
	do {                                                  \
		ivp__fail(ctx, IVP_EINPUT, "sentinel");       \
		check_notfound(ctx, (call), #call, __LINE__); \
	} while (0)

/* rows of a row callback as "c0|c1|…;" (NULL as "~") */
static int rows_cb(void *ud, const char *const *cols, int n)
{
	ivp__buf *b = ud;
	int i;

	for (i = 0; i < n; i++)
		if (ivp__buf_printf(b, "%s%s", i ? "|" : "", cols[i] ? cols[i] : "~"))
			return -1;
	return ivp__buf_addc(b, ';');
}

static void want_text(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want)) {
		print_error("%s:\n got  %s\n want %s\n", what, got, want);
		fail();
	}
}

/* the first column of each row as "c0;" */
static int first_col_cb(void *ud, const char *const *cols, int n)
{
	ivp__buf *b = ud;

	return n < 1 || ivp__buf_printf(b, "%s;", cols[0] ? cols[0] : "~");
}

/* the last column of each row as "cN;" */
static int last_col_cb(void *ud, const char *const *cols, int n)
{
	ivp__buf *b = ud;

	return n < 1 || ivp__buf_printf(b, "%s;", cols[n - 1] ? cols[n - 1] : "~");
}

/* rows of a listing, compared as text */
#define WANT_ROWS(what, call_with_b, want)               \
	do {                                             \
		ivp__buf b;                              \
		ivp__buf_init(&b, 1u << 20);             \
		OK(call_with_b);                         \
		want_text(what, ivp__buf_str(&b), want); \
		ivp__buf_free(&b);                       \
	} while (0)

static int64_t new_import(ivp_ctx *ctx, const char *kind, const char *sha)
{
	ivp__import_rec r = { kind, "test", "test.csv", sha, "", "conformance" };
	int64_t id = 0;

	OK(ivp__store_import_add(ctx, &r, &id));
	assert_true(id > 0);
	return id;
}

/* NL01 > GM0001 > WK000101 > BU00010101, BU00010102; GM0002; types 1.1.1,
 * 1.2.1 (police), CRI3000 (cbs); in their own committed import */
static int64_t codes(ivp_ctx *ctx)
{
	int64_t ci;

	OK(ivp__store_begin(ctx));
	ci = new_import(ctx, "codes", "codes-sha");
	OK(ivp__store_area_put(ctx, "NL01", "Nederland", "NL", NULL, ci));
	OK(ivp__store_area_put(ctx, "GM0001", "Een", "GM", "NL01", ci));
	OK(ivp__store_area_put(ctx, "GM0002", "Twee", "GM", "NL01", ci));
	OK(ivp__store_area_put(ctx, "WK000101", "Wijk 01", "WK", "GM0001", ci));
	OK(ivp__store_area_put(ctx, "BU00010101", "Buurt 01", "BU", "WK000101", ci));
	OK(ivp__store_area_put(ctx, "BU00010102", "Buurt 02", "BU", "WK000101", ci));
	OK(ivp__store_type_put(ctx, "police", "1.1.1", "Diefstal/inbraak woning", ci));
	OK(ivp__store_type_put(ctx, "police", "1.2.1", "Zakkenrollerij", ci));
	OK(ivp__store_type_put(ctx, "cbs", "CRI3000", "Geweld", ci));
	OK(ivp__store_import_finish(ctx, ci, 9, 0, 0, NULL));
	OK(ivp__store_commit(ctx));
	return ci;
}

static void put(ivp_ctx *ctx, const char *area, const char *type, int period, int64_t count,
		int prov, int64_t imp, int want)
{
	int res = -1;
	ivp_rc rc = ivp__store_fact_put(ctx, area, type, period, count, prov, imp, &res);

	if (rc != IVP_OK || res != want) {
		print_error("fact_put(%s, %s, %d, %lld, import %lld): rc %d result %d; want 0 and %d (%s)\n",
			    area, type, period, (long long)count, (long long)imp, rc, res, want,
			    ivp_last_error(ctx)->detail);
		fail();
	}
}

static void pop(ivp_ctx *ctx, const char *area, int year, const char *group, int64_t count,
		int64_t imp, int want)
{
	int res = -1;
	ivp_rc rc = ivp__store_pop_put(ctx, area, year, group, count, imp, &res);

	if (rc != IVP_OK || res != want) {
		print_error("pop_put(%s, %d, %s, %lld, import %lld): rc %d result %d; want 0 and %d (%s)\n",
			    area, year, group, (long long)count, (long long)imp, rc, res, want,
			    ivp_last_error(ctx)->detail);
		fail();
	}
}

static ivp__type_count year1(ivp_ctx *ctx, const char *area, const char *type, int year)
{
	ivp__type_count tc;

	memset(&tc, 0x5A, sizeof(tc));
	tc.code = type;
	OK(ivp__store_year_counts(ctx, area, year, &tc, 1));
	return tc;
}

static void want_year(const char *what, ivp__type_count tc, int has, int64_t count,
		      int from_months, int prov, int64_t imp)
{
	if (tc.has != has || tc.count != count || tc.from_months != from_months ||
	    tc.provisional != prov || tc.import_id != imp) {
		print_error("%s: has %d count %lld from_months %d provisional %d import %lld; "
			    "want %d %lld %d %d %lld\n",
			    what, tc.has, (long long)tc.count,
			    tc.from_months, tc.provisional, (long long)tc.import_id, has,
			    (long long)count, from_months, prov, (long long)imp);
		fail();
	}
}

static void want_counts(ivp_ctx *ctx, int64_t facts, int64_t areas, int64_t pops, int64_t types)
{
	int64_t f = -1, a = -1, p = -1, t = -1;

	OK(ivp__store_counts(ctx, &f, &a, &p, &t));
	if (f != facts || a != areas || p != pops || t != types) {
		print_error("counts: facts %lld areas %lld pops %lld types %lld; want %lld %lld %lld %lld\n",
			    (long long)f, (long long)a, (long long)p, (long long)t, (long long)facts,
			    (long long)areas, (long long)pops, (long long)types);
		fail();
	}
}

typedef struct defs {
	ivp__indicator_def d[64];
	int n;
} defs;

static int defs_cb(void *ud, const ivp__indicator_def *d)
{
	defs *ds = ud;

	if (ds->n >= 64)
		return -1;
	ds->d[ds->n++] = *d;
	return 0;
}

static int defs_has(const defs *ds, const char *key, const char *cls, int version)
{
	int i;

	for (i = 0; i < ds->n; i++)
		if (!strcmp(ds->d[i].key, key) && !strcmp(ds->d[i].classification, cls) &&
		    ds->d[i].version == version)
			return 1;
	return 0;
}

static int setup(void **state)
{
	tdb *t = calloc(1, sizeof(*t));

	if (!t || tdb_create(t)) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tdb_drop(*state);
	free(*state);
	return 0;
}

/* ---- the tests ------------------------------------------------------------------ */

/* A fresh database holds nothing but the built-in indicator definitions. */
static void test_empty_database(void **state)
{
	ivp_ctx *ctx = CTX;
	int64_t f = -1, a = -1, p = -1, t = -1;
	defs ds;

	assert_true(ivp_schema_version(ctx) > 0);
	OK(ivp__store_counts(ctx, &f, &a, &p, &t));
	assert_true(f == 0 && a == 0 && p == 0 && t == 0);
	WANT_ROWS("areas", ivp__store_areas_list(ctx, NULL, rows_cb, &b), "");
	WANT_ROWS("sources", ivp__store_sources_list(ctx, rows_cb, &b), "");
	WANT_ROWS("plan versions", ivp__store_plan_versions_list(ctx, rows_cb, &b), "");
	WANT_ROWS("users", ivp__store_users_list(ctx, 0, rows_cb, &b), "");
	WANT_ROWS("boundaries", ivp__store_boundaries_list(ctx, NULL, NULL, rows_cb, &b), "");
	WANT_ROWS("types", ivp__store_types_list(ctx, "police", rows_cb, &b), "");
	memset(&ds, 0, sizeof(ds));
	OK(ivp__store_defs_list(ctx, 1, defs_cb, &ds));
	assert_true(defs_has(&ds, "totaal", "police", 1));
	assert_true(defs_has(&ds, "totaal", "cbs", 1));
	/* the totals come first */
	assert_string_equal(ds.d[0].kind, "total");
}

/* A rollback undoes every kind of write; a commit keeps them; abort keeps
 * the error it follows; rollback outside a transaction does nothing. */
static void test_transactions(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__indicator_def d;
	ivp__plan_version v, got;
	ivp__local_value lv = { "enquete_onveilig", "GM0001", 2023, 31.5, "percent", 0, 0,
				"enquete", "1", "Voelt zich wel eens onveilig", 0, 0 };
	ivp__boundary_rec br = { "GM0001", 0, 0, 10, 10, 5, "0,0 10,0 10,10 0,10 0,0", 0 };
	ivp__user_rec u;
	ivp__type_count tc;
	int64_t imp, id, cnt, pi, ver;
	char when[32];
	int res, same, exists, i;
	defs ds;

	OK(ivp__store_rollback(ctx)); /* none open: nothing happens */
	codes(ctx);
	want_counts(ctx, 0, 6, 0, 3);

	for (i = 0; i < 2; i++) { /* 0: rolled back, 1: committed */
		OK(ivp__store_begin(ctx));
		imp = new_import(ctx, "crime", i ? "sha-commit" : "sha-rollback");
		OK(ivp__store_area_put(ctx, "GM0003", "Drie", "GM", "NL01", imp));
		OK(ivp__store_type_put(ctx, "police", "9.9.9", "Negen", imp));
		put(ctx, "GM0001", "1.1.1", 202300, 42, 0, imp, IVP__PUT_NEW);
		put(ctx, "GM0003", "9.9.9", 202301, 3, 0, imp, IVP__PUT_NEW);
		OK(ivp__store_pop_put(ctx, "GM0001", 2023, "total", 1000, imp, &res));
		memset(&d, 0, sizeof(d));
		snprintf(d.key, sizeof(d.key), "totaal");
		d.version = 2;
		snprintf(d.classification, sizeof(d.classification), "police");
		snprintf(d.kind, sizeof(d.kind), "total");
		snprintf(d.codes, sizeof(d.codes), "0.0.0");
		d.per = 1000;
		snprintf(d.population_group, sizeof(d.population_group), "total");
		OK(ivp__store_def_add(ctx, &d));
		memset(&v, 0, sizeof(v));
		snprintf(v.plan_id, sizeof(v.plan_id), "een-2024");
		snprintf(v.kind, sizeof(v.kind), "import");
		v.doc = "id: een-2024\n";
		OK(ivp__store_plan_version_add(ctx, &v, &ver));
		OK(ivp__store_value_put(ctx, &lv, imp, &res));
		OK(ivp__store_user_add(ctx, "anna", "editor", "$argon2id$x", &exists));
		assert_int_equal(exists, 0);
		br.import_id = imp;
		OK(ivp__store_boundary_put(ctx, &br, &same));
		OK(ivp__store_import_finish(ctx, imp, 2, 0, 0, NULL));
		want_counts(ctx, 2, 7, 1, 4); /* the open transaction sees its writes */
		if (!i) {
			OK(ivp__store_rollback(ctx));
			continue;
		}
		OK(ivp__store_commit(ctx));
	}

	/* after the commit, each thing is there exactly once */
	want_counts(ctx, 2, 7, 1, 4);
	OK(ivp__store_area_get(ctx, "GM0003", NULL, NULL, NULL));
	OK(ivp__store_type_get(ctx, "9.9.9", NULL));
	tc = year1(ctx, "GM0001", "1.1.1", 2023);
	assert_int_equal(tc.count, 42);
	OK(ivp__store_population(ctx, "GM0001", 2023, "total", &cnt, &pi));
	assert_int_equal(cnt, 1000);
	OK(ivp__store_import_find(ctx, "crime", "sha-commit", "", &id, when));
	NOTFOUND(ivp__store_import_find(ctx, "crime", "sha-rollback", "", &id, when));
	memset(&ds, 0, sizeof(ds));
	OK(ivp__store_defs_list(ctx, 0, defs_cb, &ds));
	assert_true(defs_has(&ds, "totaal", "police", 2));
	memset(&got, 0, sizeof(got));
	OK(ivp__store_plan_version_get(ctx, 0, &got));
	assert_int_equal(got.version, ver);
	free(got.doc);
	got.doc = NULL;
	NOTFOUND(ivp__store_plan_version_get(ctx, ver + 1, &got));
	OK(ivp__store_value_key_exists(ctx, "enquete_onveilig", &exists));
	assert_int_equal(exists, 1);
	OK(ivp__store_user_get(ctx, "anna", &u));
	WANT_ROWS("boundaries after commit", ivp__store_boundaries_list(ctx, NULL, NULL, first_col_cb, &b),
		  "GM0001;");

	/* a failure, then abort: the first error stays */
	OK(ivp__store_begin(ctx));
	assert_int_equal(ivp__store_fact_put(ctx, "GM0001", "1.1.1", 202313, 1, 0, imp, &res), IVP_EDB);
	assert_string_equal(ivp_last_error(ctx)->message, "database error");
	assert_true(ivp_last_error(ctx)->detail[0] != '\0');
	ivp__store_abort(ctx);
	assert_int_equal(ivp_last_error(ctx)->rc, IVP_EDB);
	assert_string_equal(ivp_last_error(ctx)->message, "database error");
	/* and the transaction is gone: a new one begins */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_rollback(ctx));
	want_counts(ctx, 2, 7, 1, 4);
}

/* A read snapshot sees the database as it was when it began, also when
 * another connection commits meanwhile; inside a write transaction it
 * opens nothing. */
static void test_read_snapshot(void **state)
{
	ivp_ctx *ctx = CTX, *other = tdb_connect(*state);
	char name[256];
	int opened = -1;

	assert_non_null(other);
	codes(ctx);
	OK(ivp__store_read_begin(ctx, &opened));
	assert_int_equal(opened, 1);
	OK(ivp__store_area_get(ctx, "GM0002", name, NULL, NULL));
	assert_string_equal(name, "Twee");
	{
		ivp_ctx *c = ctx;

		ctx = other;
		OK(ivp__store_begin(ctx));
		OK(ivp__store_area_put(ctx, "GM0002", "Twee Nieuw", "GM", "NL01", 1));
		OK(ivp__store_commit(ctx));
		ctx = c;
	}
	OK(ivp__store_area_get(ctx, "GM0002", name, NULL, NULL));
	assert_string_equal(name, "Twee"); /* still the snapshot */
	ivp__store_read_end(ctx, opened);
	OK(ivp__store_area_get(ctx, "GM0002", name, NULL, NULL));
	assert_string_equal(name, "Twee Nieuw");

	/* inside a write transaction: nothing opened, read_end leaves it open */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_read_begin(ctx, &opened));
	assert_int_equal(opened, 0);
	OK(ivp__store_area_put(ctx, "GM0002", "Twee Derde", "GM", "NL01", 1));
	ivp__store_read_end(ctx, opened);
	OK(ivp__store_rollback(ctx));
	OK(ivp__store_area_get(ctx, "GM0002", name, NULL, NULL));
	assert_string_equal(name, "Twee Nieuw");
	ivp_close(other);
}

/* Inside one read snapshot an area's counts, population and row stay as
 * they were when it began, however often they are asked and whatever
 * another connection commits (PostgreSQL keeps what it fetched for the
 * snapshot: store/pg/pg_snap.c); in the next snapshot the new values are. */
static void test_snapshot_areas(void **state)
{
	ivp_ctx *ctx = CTX, *other = tdb_connect(*state), *me = ctx;
	int64_t imp, imp2, n = 0, pi = 0;
	int opened = -1, has = -1;
	char name[256];

	assert_non_null(other);
	codes(ctx);
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "crime", "snap-sha");
	put(ctx, "GM0001", "1.1.1", 202200, 17, 0, imp, IVP__PUT_NEW);
	pop(ctx, "GM0001", 2022, "total", 1000, imp, IVP__PUT_NEW);
	OK(ivp__store_commit(ctx));
	OK(ivp__store_read_begin(ctx, &opened));
	assert_int_equal(opened, 1);
	want_year("snapshot", year1(ctx, "GM0001", "1.1.1", 2022), 1, 17, 0, 0, imp);
	ctx = other;
	OK(ivp__store_begin(ctx));
	imp2 = new_import(ctx, "crime", "snap-sha-2");
	put(ctx, "GM0001", "1.1.1", 202200, 20, 0, imp2, IVP__PUT_CHANGED);
	put(ctx, "GM0001", "CRI3000", 202100, 3, 0, imp2, IVP__PUT_NEW);
	pop(ctx, "GM0001", 2022, "total", 1100, imp2, IVP__PUT_CHANGED);
	OK(ivp__store_area_put(ctx, "GM0001", "Een Nieuw", "GM", "NL01", imp2));
	OK(ivp__store_commit(ctx));
	ctx = me;
	want_year("the same snapshot", year1(ctx, "GM0001", "1.1.1", 2022), 1, 17, 0, 0, imp);
	OK(ivp__store_population(ctx, "GM0001", 2022, "total", &n, &pi));
	assert_int_equal(n, 1000);
	assert_int_equal(pi, imp);
	OK(ivp__store_has_classification(ctx, "GM0001", 2021, "cbs", &has));
	assert_int_equal(has, 0);
	OK(ivp__store_area_get(ctx, "GM0001", name, NULL, NULL));
	assert_string_equal(name, "Een");
	want_year("unknown area", year1(ctx, "GM9999", "1.1.1", 2022), 0, 0, 0, 0, 0);
	assert_int_equal(ivp__store_population(ctx, "GM9999", 2022, "total", &n, &pi), IVP_ENOTFOUND);
	ivp__store_read_end(ctx, opened);
	want_year("after the snapshot", year1(ctx, "GM0001", "1.1.1", 2022), 1, 20, 0, 0, imp2);
	OK(ivp__store_read_begin(ctx, &opened));
	OK(ivp__store_population(ctx, "GM0001", 2022, "total", &n, &pi));
	assert_int_equal(n, 1100);
	OK(ivp__store_has_classification(ctx, "GM0001", 2021, "cbs", &has));
	assert_int_equal(has, 1);
	OK(ivp__store_area_get(ctx, "GM0001", name, NULL, NULL));
	assert_string_equal(name, "Een Nieuw");
	ivp__store_read_end(ctx, opened);
	ivp_close(other);
}

/* The data version changes when another connection commits, not otherwise. */
static void test_data_version(void **state)
{
	ivp_ctx *ctx = CTX, *other = tdb_connect(*state);
	int64_t v1 = 0, v2 = 0, v3 = 0;

	assert_non_null(other);
	codes(ctx);
	OK(ivp__store_data_version(ctx, &v1));
	OK(ivp__store_data_version(ctx, &v2));
	assert_true(v1 == v2);
	{
		ivp_ctx *c = ctx;

		ctx = other;
		OK(ivp__store_begin(ctx));
		OK(ivp__store_area_put(ctx, "GM0009", "Negen", "GM", "NL01", 1));
		OK(ivp__store_commit(ctx));
		ctx = c;
	}
	OK(ivp__store_data_version(ctx, &v3));
	assert_true(v3 != v2);
	/* the public function says the same */
	assert_int_equal(ivp_data_version(ctx, &v1), IVP_OK);
	assert_true(v1 == v3);
	/* a primary (SQLite: without a log); PostgreSQL's log moves on with a commit */
	{
		int standby = -1;
		int64_t lsn = -1, lsn2 = -1;
		double age = -1;

		OK(ivp__store_replication(ctx, &standby, &lsn, &age));
		assert_int_equal(standby, 0);
		assert_true(age == 0);
		OK(ivp__store_begin(ctx));
		OK(ivp__store_area_put(ctx, "GM0010", "Tien", "GM", "NL01", 1));
		OK(ivp__store_commit(ctx));
		OK(ivp__store_replication(ctx, &standby, &lsn2, &age));
		if (!strncmp(tdb_engine, "sqlite", 6)) {
			assert_true(lsn == 0 && lsn2 == 0);
		} else if (lsn <= 0 || lsn2 <= lsn) {
			print_error("log position %lld, after a commit %lld\n", (long long)lsn, (long long)lsn2);
			fail();
		}
	}
	ivp_close(other);
}

/* fact_put's results across imports, unknown codes, a period without a slot. */
static void test_fact_put_results(void **state)
{
	ivp_ctx *ctx = CTX;
	int64_t i1, i2;
	int res = -1;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	i1 = new_import(ctx, "crime", "a");
	put(ctx, "GM0001", "1.1.1", 202301, 5, 0, i1, IVP__PUT_NEW);
	put(ctx, "GM0001", "1.1.1", 202301, 5, 0, i1, IVP__PUT_DUP_SAME);
	put(ctx, "GM0001", "1.1.1", 202301, 6, 0, i1, IVP__PUT_DUP_DIFF);
	put(ctx, "GM0001", "1.1.1", 202302, 7, 0, i1, IVP__PUT_NEW);
	NOTFOUND(ivp__store_fact_put(ctx, "GM9999", "1.1.1", 202301, 1, 0, i1, &res));
	NOTFOUND(ivp__store_fact_put(ctx, "GM0001", "8.8.8", 202301, 1, 0, i1, &res));
	NOTFOUND(ivp__store_fact_put(ctx, "", "1.1.1", 202301, 1, 0, i1, &res));
	assert_int_equal(ivp__store_fact_put(ctx, "GM0001", "1.1.1", 202313, 1, 0, i1, &res), IVP_EDB);
	assert_int_equal(ivp__store_fact_put(ctx, "GM0001", "1.1.1", 202301, -1, 0, i1, &res), IVP_EDB);
	OK(ivp__store_commit(ctx));
	want_counts(ctx, 2, 6, 0, 3);

	OK(ivp__store_begin(ctx));
	i2 = new_import(ctx, "crime", "b");
	put(ctx, "GM0001", "1.1.1", 202301, 5, 0, i2, IVP__PUT_SAME);
	put(ctx, "GM0001", "1.1.1", 202302, 8, 0, i2, IVP__PUT_CHANGED);
	put(ctx, "GM0001", "1.1.1", 202302, 8, 0, i2, IVP__PUT_DUP_SAME);
	put(ctx, "GM0001", "1.1.1", 202302, 9, 0, i2, IVP__PUT_DUP_DIFF);
	put(ctx, "GM0001", "1.1.1", 202303, 1, 0, i2, IVP__PUT_NEW);
	OK(ivp__store_commit(ctx));
	want_counts(ctx, 3, 6, 0, 3);
	/* the year's provenance: the newest import that added or changed a count */
	want_year("2023 (3 months)", year1(ctx, "GM0001", "1.1.1", 2023), 0, 0, 0, 0, 0);
}

/* Yearly figures from YYYYJJ00 or the sum of 12 months, month rows,
 * provisional flags, provenance and classifications. */
static void test_year_and_month_counts(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__type_count tc[3];
	int64_t i1, i2, sum = 0;
	int m, has = -1;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	i1 = new_import(ctx, "crime", "y1");
	for (m = 1; m <= 12; m++) {
		put(ctx, "GM0001", "1.1.1", 202200 + m, (int64_t)m * 10, 0, i1, IVP__PUT_NEW);
		sum += (int64_t)m * 10;
	}
	put(ctx, "GM0001", "1.1.1", 202100, 999, 0, i1, IVP__PUT_NEW); /* a year figure ... */
	for (m = 1; m <= 12; m++)				       /* ... wins over its months */
		put(ctx, "GM0001", "1.1.1", 202100 + m, 1, 0, i1, IVP__PUT_NEW);
	for (m = 1; m <= 11; m++) /* 11 months: no year */
		put(ctx, "GM0001", "1.2.1", 202200 + m, 1, 0, i1, IVP__PUT_NEW);
	put(ctx, "GM0002", "CRI3000", 202221, 17, 0, i1, IVP__PUT_NEW); /* a quarter only */
	OK(ivp__store_commit(ctx));
	OK(ivp__store_begin(ctx));
	i2 = new_import(ctx, "crime", "y2");
	put(ctx, "GM0001", "1.1.1", 202212, 120, 1, i2, IVP__PUT_SAME); /* same count, provisional */
	put(ctx, "GM0001", "1.2.1", 202212, 4, 1, i2, IVP__PUT_NEW);	/* the 12th month */
	OK(ivp__store_commit(ctx));

	want_year("summed from months", year1(ctx, "GM0001", "1.1.1", 2022), 1, sum, 1, 0, i1);
	want_year("year figure", year1(ctx, "GM0001", "1.1.1", 2021), 1, 999, 0, 0, i1);
	want_year("12th month from import 2, provisional", year1(ctx, "GM0001", "1.2.1", 2022),
		  1, 15, 1, 1, i2);
	want_year("a quarter is no year", year1(ctx, "GM0002", "CRI3000", 2022), 0, 0, 0, 0, 0);
	want_year("no data", year1(ctx, "GM0001", "1.1.1", 2020), 0, 0, 0, 0, 0);
	want_year("unknown area", year1(ctx, "GM9999", "1.1.1", 2022), 0, 0, 0, 0, 0);
	want_year("unknown type", year1(ctx, "GM0001", "7.7.7", 2022), 0, 0, 0, 0, 0);
	memset(tc, 0x5A, sizeof(tc));
	tc[0].code = "1.2.1";
	tc[1].code = "CRI3000";
	tc[2].code = "1.1.1";
	OK(ivp__store_year_counts(ctx, "GM0001", 2022, tc, 3));
	want_year("three types: 1.2.1", tc[0], 1, 15, 1, 1, i2);
	want_year("three types: CRI3000", tc[1], 0, 0, 0, 0, 0);
	want_year("three types: 1.1.1", tc[2], 1, sum, 1, 0, i1);

	{
		char want[256];

		/* period, count, import (the year's: the newest behind it) */
		snprintf(want, sizeof(want), "202203|30|%lld;202204|40|%lld;202205|50|%lld;",
			 (long long)i1, (long long)i1, (long long)i1);
		WANT_ROWS("months 3..5",
			  ivp__store_month_counts(ctx, "GM0001", "1.1.1", 202203, 202205, rows_cb, &b), want);
		snprintf(want, sizeof(want), "202101|1|%lld;202102|1|%lld;", (long long)i1, (long long)i1);
		WANT_ROWS("months of a year with a year figure",
			  ivp__store_month_counts(ctx, "GM0001", "1.1.1", 202101, 202102, rows_cb, &b), want);
		snprintf(want, sizeof(want), "202211|1|%lld;202212|4|%lld;", (long long)i2, (long long)i2);
		WANT_ROWS("months of 1.2.1",
			  ivp__store_month_counts(ctx, "GM0001", "1.2.1", 202211, 202212, rows_cb, &b), want);
	}
	WANT_ROWS("unknown area", ivp__store_month_counts(ctx, "GM9999", "1.1.1", 202201, 202212, rows_cb, &b), "");
	WANT_ROWS("unknown type", ivp__store_month_counts(ctx, "GM0001", "7.7.7", 202201, 202212, rows_cb, &b), "");
	WANT_ROWS("no months in range", ivp__store_month_counts(ctx, "GM0001", "1.1.1", 202301, 202312, rows_cb, &b), "");

	OK(ivp__store_has_classification(ctx, "GM0001", 2022, "police", &has));
	assert_int_equal(has, 1);
	OK(ivp__store_has_classification(ctx, "GM0001", 2022, "cbs", &has));
	assert_int_equal(has, 0);
	OK(ivp__store_has_classification(ctx, "GM0002", 2022, "cbs", &has));
	assert_int_equal(has, 1); /* a quarter counts as data of the year */
	OK(ivp__store_has_classification(ctx, "GM0002", 2023, "cbs", &has));
	assert_int_equal(has, 0);
	OK(ivp__store_has_classification(ctx, "GM9999", 2022, "police", &has));
	assert_int_equal(has, 0);
}

typedef struct seen {
	char out[2048];
	size_t n;
} seen;

static int level_cb(void *ud, const ivp__area_year *a)
{
	seen *s = ud;
	int k;

	s->n += (size_t)snprintf(s->out + s->n, sizeof(s->out) - s->n, "%s %s pop %d/%lld/%lld:",
				 a->code, a->name, a->has_pop, (long long)a->pop,
				 (long long)a->pop_import);
	for (k = 0; k < a->ntypes; k++)
		s->n += (size_t)snprintf(s->out + s->n, sizeof(s->out) - s->n, " %s=%d/%lld/%d/%lld",
					 a->types[k].code, a->types[k].has,
					 (long long)a->types[k].count, a->types[k].from_months,
					 (long long)a->types[k].import_id);
	s->n += (size_t)snprintf(s->out + s->n, sizeof(s->out) - s->n, ";");
	return 0;
}

/* Every area of a level under an area, with counts and population, in one pass. */
static void test_level_years(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__type_count tc[2];
	int64_t imp;
	int res, m;
	seen s;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "crime", "lv");
	put(ctx, "BU00010101", "1.1.1", 202300, 4, 0, imp, IVP__PUT_NEW);
	for (m = 1; m <= 12; m++)
		put(ctx, "BU00010102", "1.1.1", 202300 + m, 1, 0, imp, IVP__PUT_NEW);
	put(ctx, "BU00010102", "1.2.1", 202300, 2, 0, imp, IVP__PUT_NEW);
	OK(ivp__store_pop_put(ctx, "BU00010101", 2023, "total", 100, imp, &res));
	OK(ivp__store_pop_put(ctx, "BU00010102", 2022, "total", 50, imp, &res)); /* other year */
	OK(ivp__store_commit(ctx));

	tc[0].code = "1.1.1";
	tc[1].code = "1.2.1";
	memset(&s, 0, sizeof(s));
	OK(ivp__store_level_years(ctx, "GM0001", "BU", 2023, 2023, "total", tc, 2, level_cb, &s));
	{
		char want[512];
		long long i = (long long)imp;

		snprintf(want, sizeof(want), "BU00010101 Buurt 01 pop 1/100/%lld: 1.1.1=1/4/0/%lld 1.2.1=0/0/0/0;"
					     "BU00010102 Buurt 02 pop 0/0/0: 1.1.1=1/12/1/%lld 1.2.1=1/2/0/%lld;",
			 i, i, i, i);
		want_text("buurten of GM0001", s.out, want);
	}
	memset(&s, 0, sizeof(s)); /* from the root of the hierarchy */
	OK(ivp__store_level_years(ctx, "NL01", "GM", 2023, 2023, "total", tc, 1, level_cb, &s));
	want_text("gemeenten of NL01", s.out,
		  "GM0001 Een pop 0/0/0: 1.1.1=0/0/0/0;GM0002 Twee pop 0/0/0: 1.1.1=0/0/0/0;");
	memset(&s, 0, sizeof(s));
	OK(ivp__store_level_years(ctx, "GM0002", "BU", 2023, 2023, "total", tc, 1, level_cb, &s));
	want_text("none under GM0002", s.out, "");
	WANT_ROWS("buurten under GM0001", ivp__store_areas_under(ctx, "GM0001", "BU", rows_cb, &b),
		  "BU00010101;BU00010102;");
}

/* Import records: identity, finishing, the list of sources. */
static void test_imports(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__import_rec r1 = { "crime", "statline", "a.csv", "pending", "year=2023", "anna" };
	ivp__import_rec r2 = { "population", "list", "p.csv", "ppp", NULL, NULL };
	int64_t a, b2, id = 0;
	char when[32] = "";

	OK(ivp__store_begin(ctx));
	OK(ivp__store_import_add(ctx, &r1, &a));
	OK(ivp__store_import_add(ctx, &r2, &b2));
	assert_true(b2 > a);
	/* not finished: not found */
	NOTFOUND(ivp__store_import_find(ctx, "crime", "aaa", "year=2023", &id, when));
	OK(ivp__store_import_finish(ctx, a, 10, 2, 1, "aaa")); /* the hash known at the end */
	OK(ivp__store_import_finish(ctx, b2, 3, 0, 0, NULL));
	OK(ivp__store_commit(ctx));

	OK(ivp__store_import_find(ctx, "crime", "aaa", "year=2023", &id, when));
	assert_int_equal(id, a);
	assert_int_equal(strlen(when), 20); /* 2026-01-01T00:00:00Z */
	assert_int_equal(when[10], 'T');
	/* each part of the identity counts */
	NOTFOUND(ivp__store_import_find(ctx, "crime", "aaa", "", &id, when));
	NOTFOUND(ivp__store_import_find(ctx, "crime", "pending", "year=2023", &id, when));
	NOTFOUND(ivp__store_import_find(ctx, "population", "aaa", "year=2023", &id, when));
	/* NULL options are "" */
	OK(ivp__store_import_find(ctx, "population", "ppp", NULL, &id, when));
	assert_int_equal(id, b2);
	OK(ivp__store_import_find(ctx, "population", "ppp", "", &id, when));

	{
		ivp__buf b;
		char want[512];

		ivp__buf_init(&b, 1u << 16);
		OK(ivp__store_sources_list(ctx, rows_cb, &b));
		/* id, kind, layout, file, sha256, options, rows, missing, skipped, by, started, finished */
		snprintf(want, sizeof(want), "%lld|crime|statline|a.csv|aaa|year=2023|10|2|1|anna|", (long long)a);
		assert_memory_equal(ivp__buf_str(&b), want, strlen(want));
		snprintf(want, sizeof(want), ";%lld|population|list|p.csv|ppp||3|0|0|unknown|", (long long)b2);
		assert_non_null(strstr(ivp__buf_str(&b), want));
		ivp__buf_free(&b);
	}
}

/* Areas, crime types and periods: upserts, look-ups, names, lists. */
static void test_code_lists(void **state)
{
	ivp_ctx *ctx = CTX;
	char name[256], level[4], parent[16], code[16], title[256];
	int64_t ci;
	int amb = -1;
	defs ds;

	ci = codes(ctx);
	OK(ivp__store_area_get(ctx, "WK000101", name, level, parent));
	assert_string_equal(name, "Wijk 01");
	assert_string_equal(level, "WK");
	assert_string_equal(parent, "GM0001");
	OK(ivp__store_area_get(ctx, "NL01", name, level, parent));
	assert_string_equal(parent, "");
	NOTFOUND(ivp__store_area_get(ctx, "GM9999", name, level, parent));

	OK(ivp__store_begin(ctx));
	/* a new name; parent NULL keeps the stored one */
	OK(ivp__store_area_put(ctx, "GM0002", "Twee-Oost", "GM", NULL, ci));
	OK(ivp__store_area_put(ctx, "GM0003", "Bergen", "GM", "NL01", ci));
	OK(ivp__store_area_put(ctx, "GM0004", "Bergen", "GM", "NL01", ci));
	OK(ivp__store_area_put(ctx, "PV20", "Utrecht", "PV", "NL01", ci));
	OK(ivp__store_area_put(ctx, "GM0344", "Utrecht", "GM", "PV20", ci));
	OK(ivp__store_area_put(ctx, "WK000102", "Centrum", "WK", "GM0001", ci));
	OK(ivp__store_type_put(ctx, "police", "1.2.1", "Zakkenrollerij (nieuw)", ci));
	OK(ivp__store_period_put(ctx, 202300, "2023", "Voorlopig", ci));
	OK(ivp__store_period_put(ctx, 202300, "2023", "Definitief", ci)); /* an upsert */
	OK(ivp__store_commit(ctx));
	OK(ivp__store_area_get(ctx, "GM0002", name, NULL, parent));
	assert_string_equal(name, "Twee-Oost");
	assert_string_equal(parent, "NL01");

	OK(ivp__store_area_by_name(ctx, "Een", code, &amb));
	assert_string_equal(code, "GM0001");
	assert_int_equal(amb, 0);
	OK(ivp__store_area_by_name(ctx, "Bergen", code, &amb));
	assert_int_equal(amb, 1);
	assert_true(!strcmp(code, "GM0003") || !strcmp(code, "GM0004"));
	OK(ivp__store_area_by_name(ctx, "Utrecht", code, &amb)); /* the larger region */
	assert_string_equal(code, "PV20");
	assert_int_equal(amb, 0);
	NOTFOUND(ivp__store_area_by_name(ctx, "Centrum", code, &amb)); /* wijk names do not count */
	NOTFOUND(ivp__store_area_by_name(ctx, "Nergenshuizen", code, &amb));

	OK(ivp__store_type_get(ctx, "1.2.1", title));
	assert_string_equal(title, "Zakkenrollerij (nieuw)");
	NOTFOUND(ivp__store_type_get(ctx, "7.7.7", title));
	OK(ivp__store_type_by_title(ctx, "geweld", code)); /* case does not matter */
	assert_string_equal(code, "CRI3000");
	NOTFOUND(ivp__store_type_by_title(ctx, "Onbekend", code));
	WANT_ROWS("police types", ivp__store_types_list(ctx, "police", rows_cb, &b),
		  "1.1.1|Diefstal/inbraak woning;1.2.1|Zakkenrollerij (nieuw);");
	WANT_ROWS("cbs types", ivp__store_types_list(ctx, "cbs", rows_cb, &b), "CRI3000|Geweld;");
	/* every code is an indicator of its own */
	memset(&ds, 0, sizeof(ds));
	OK(ivp__store_defs_list(ctx, 1, defs_cb, &ds));
	assert_true(defs_has(&ds, "1.1.1", "police", 1));
	assert_true(defs_has(&ds, "CRI3000", "cbs", 1));

	WANT_ROWS("everything under GM0001", ivp__store_areas_under(ctx, "GM0001", "WK", rows_cb, &b),
		  "WK000101;WK000102;");
	WANT_ROWS("buurten under NL01", ivp__store_areas_under(ctx, "NL01", "BU", rows_cb, &b),
		  "BU00010101;BU00010102;");
	WANT_ROWS("areas under WK000101", ivp__store_areas_list(ctx, "WK000101", rows_cb, &b),
		  "BU00010101|Buurt 01|BU|WK000101|~|~;BU00010102|Buurt 02|BU|WK000101|~|~;");
	WANT_ROWS("all areas, larger first", ivp__store_areas_list(ctx, NULL, rows_cb, &b),
		  "NL01|Nederland|NL|~|~|~;PV20|Utrecht|PV|NL01|~|~;GM0001|Een|GM|NL01|~|~;"
		  "GM0002|Twee-Oost|GM|NL01|~|~;GM0003|Bergen|GM|NL01|~|~;GM0004|Bergen|GM|NL01|~|~;"
		  "GM0344|Utrecht|GM|PV20|~|~;WK000101|Wijk 01|WK|GM0001|~|~;"
		  "WK000102|Centrum|WK|GM0001|~|~;BU00010101|Buurt 01|BU|WK000101|~|~;"
		  "BU00010102|Buurt 02|BU|WK000101|~|~;");
}

/* Population figures: results like facts, look-ups, the latest in lists. */
static void test_population(void **state)
{
	ivp_ctx *ctx = CTX;
	int64_t i1, i2, c = 0, pi = 0;
	int res = -1;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	i1 = new_import(ctx, "population", "p1");
	pop(ctx, "GM0001", 2022, "total", 1000, i1, IVP__PUT_NEW);
	pop(ctx, "GM0001", 2022, "total", 1000, i1, IVP__PUT_DUP_SAME);
	pop(ctx, "GM0001", 2022, "total", 1001, i1, IVP__PUT_DUP_DIFF);
	pop(ctx, "GM0001", 2022, "12-17", 80, i1, IVP__PUT_NEW);
	NOTFOUND(ivp__store_pop_put(ctx, "GM9999", 2022, "total", 1, i1, &res));
	OK(ivp__store_commit(ctx));
	OK(ivp__store_begin(ctx));
	i2 = new_import(ctx, "population", "p2");
	pop(ctx, "GM0001", 2022, "total", 1000, i2, IVP__PUT_SAME);
	pop(ctx, "GM0001", 2022, "12-17", 81, i2, IVP__PUT_CHANGED);
	pop(ctx, "GM0001", 2023, "total", 1010, i2, IVP__PUT_NEW);
	OK(ivp__store_commit(ctx));

	OK(ivp__store_population(ctx, "GM0001", 2022, "total", &c, &pi));
	assert_int_equal(c, 1000);
	assert_int_equal(pi, i1); /* SAME keeps the provenance */
	OK(ivp__store_population(ctx, "GM0001", 2022, "12-17", &c, &pi));
	assert_int_equal(c, 81);
	assert_int_equal(pi, i2);
	NOTFOUND(ivp__store_population(ctx, "GM0001", 2021, "total", &c, &pi));
	NOTFOUND(ivp__store_population(ctx, "GM0002", 2022, "total", &c, &pi));
	NOTFOUND(ivp__store_population(ctx, "GM9999", 2022, "total", &c, &pi));
	want_counts(ctx, 0, 6, 3, 3);
	WANT_ROWS("areas under NL01 with their latest population",
		  ivp__store_areas_list(ctx, "NL01", rows_cb, &b),
		  "BU00010101|Buurt 01|BU|WK000101|~|~;BU00010102|Buurt 02|BU|WK000101|~|~;"
		  "GM0001|Een|GM|NL01|1010|2023;GM0002|Twee|GM|NL01|~|~;WK000101|Wijk 01|WK|GM0001|~|~;");
}

/* Indicator definitions: versions, the latest of each key. */
static void test_definitions(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__indicator_def d;
	defs all, latest;
	int i, n0;

	memset(&all, 0, sizeof(all));
	OK(ivp__store_defs_list(ctx, 0, defs_cb, &all));
	n0 = all.n;
	memset(&d, 0, sizeof(d));
	snprintf(d.key, sizeof(d.key), "eigen");
	snprintf(d.classification, sizeof(d.classification), "police");
	snprintf(d.kind, sizeof(d.kind), "bbv");
	snprintf(d.name_nl, sizeof(d.name_nl), "Eigen indicator");
	snprintf(d.name_en, sizeof(d.name_en), "Own indicator");
	snprintf(d.codes, sizeof(d.codes), "1.1.1,1.2.1");
	d.per = 1000;
	snprintf(d.population_group, sizeof(d.population_group), "12-17");
	snprintf(d.source_tables, sizeof(d.source_tables), "47013NED");
	snprintf(d.note, sizeof(d.note), "a test");
	OK(ivp__store_begin(ctx));
	for (i = 1; i <= 3; i++) {
		d.version = i;
		snprintf(d.codes, sizeof(d.codes), "1.1.%d", i);
		OK(ivp__store_def_add(ctx, &d));
	}
	OK(ivp__store_commit(ctx));
	memset(&all, 0, sizeof(all));
	OK(ivp__store_defs_list(ctx, 0, defs_cb, &all));
	assert_int_equal(all.n, n0 + 3);
	assert_true(defs_has(&all, "eigen", "police", 1) && defs_has(&all, "eigen", "police", 2) &&
		    defs_has(&all, "eigen", "police", 3));
	memset(&latest, 0, sizeof(latest));
	OK(ivp__store_defs_list(ctx, 1, defs_cb, &latest));
	assert_true(defs_has(&latest, "eigen", "police", 3));
	assert_false(defs_has(&latest, "eigen", "police", 2));
	for (i = 0; i < latest.n; i++)
		if (!strcmp(latest.d[i].key, "eigen")) {
			assert_string_equal(latest.d[i].codes, "1.1.3");
			assert_string_equal(latest.d[i].kind, "bbv");
			assert_string_equal(latest.d[i].name_en, "Own indicator");
			assert_int_equal(latest.d[i].per, 1000);
			assert_string_equal(latest.d[i].population_group, "12-17");
			assert_string_equal(latest.d[i].source_tables, "47013NED");
			assert_string_equal(latest.d[i].note, "a test");
		}
	/* totals, then bbv, then hic, then the rest */
	for (i = 1; i < latest.n; i++) {
		static const char *const order[] = { "total", "bbv", "hic" };
		int a = 3, b = 3, k;

		for (k = 0; k < 3; k++) {
			if (!strcmp(latest.d[i - 1].kind, order[k]))
				a = k;
			if (!strcmp(latest.d[i].kind, order[k]))
				b = k;
		}
		assert_true(a <= b);
	}
}

/* Plan versions: numbering, the latest, a given one, the list. */
static void test_plan_versions(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__plan_version v, got;
	int64_t v1, v2;

	memset(&got, 0, sizeof(got));
	NOTFOUND(ivp__store_plan_version_get(ctx, 0, &got));
	memset(&v, 0, sizeof(v));
	snprintf(v.plan_id, sizeof(v.plan_id), "een-2024");
	snprintf(v.kind, sizeof(v.kind), "import");
	snprintf(v.source, sizeof(v.source), "plan.yaml sha256:abc");
	snprintf(v.summary, sizeof(v.summary), "import of plan.yaml");
	snprintf(v.created_by, sizeof(v.created_by), "anna");
	v.doc = "id: een-2024\nversion: 1\n";
	OK(ivp__store_begin(ctx));
	OK(ivp__store_plan_version_add(ctx, &v, &v1));
	OK(ivp__store_commit(ctx));
	snprintf(v.kind, sizeof(v.kind), "update");
	snprintf(v.summary, sizeof(v.summary), "measure m1: done");
	v.doc = "id: een-2024\nversion: 2\n";
	OK(ivp__store_begin(ctx));
	OK(ivp__store_plan_version_add(ctx, &v, &v2));
	OK(ivp__store_commit(ctx));
	assert_true(v1 >= 1);
	assert_int_equal(v2, v1 + 1);

	OK(ivp__store_plan_version_get(ctx, 0, &got));
	assert_int_equal(got.version, v2);
	assert_string_equal(got.kind, "update");
	assert_string_equal(got.doc, "id: een-2024\nversion: 2\n");
	assert_string_equal(got.created_by, "anna");
	assert_int_equal(strlen(got.created_at), 20);
	free(got.doc);
	OK(ivp__store_plan_version_get(ctx, v1, &got));
	assert_string_equal(got.plan_id, "een-2024");
	assert_string_equal(got.source, "plan.yaml sha256:abc");
	assert_string_equal(got.summary, "import of plan.yaml");
	assert_string_equal(got.doc, "id: een-2024\nversion: 1\n");
	free(got.doc);
	got.doc = NULL;
	NOTFOUND(ivp__store_plan_version_get(ctx, v2 + 1, &got));
	{
		ivp__buf b;
		char want[256];

		ivp__buf_init(&b, 1u << 16);
		OK(ivp__store_plan_versions_list(ctx, rows_cb, &b));
		snprintf(want, sizeof(want), "%lld|een-2024|import|plan.yaml sha256:abc|import of plan.yaml|anna|",
			 (long long)v1);
		assert_memory_equal(ivp__buf_str(&b), want, strlen(want));
		snprintf(want, sizeof(want), ";%lld|een-2024|update|plan.yaml sha256:abc|measure m1: done|anna|",
			 (long long)v2);
		assert_non_null(strstr(ivp__buf_str(&b), want));
		ivp__buf_free(&b);
	}
}

/* Many municipalities (migration 17, docs/tenancy.md): each version is bound
 * to its doc's municipality; a ctx acting for one sees only its versions. */
static void add_doc(ivp_ctx *ctx, const char *doc, int64_t *v)
{
	ivp__plan_version pv;

	memset(&pv, 0, sizeof(pv));
	snprintf(pv.plan_id, sizeof(pv.plan_id), "p");
	snprintf(pv.kind, sizeof(pv.kind), "import");
	snprintf(pv.created_by, sizeof(pv.created_by), "anna");
	pv.doc = (char *)doc;
	OK(ivp__store_begin(ctx));
	OK(ivp__store_plan_version_add(ctx, &pv, v));
	OK(ivp__store_commit(ctx));
}

static void test_plan_municipalities(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__plan_version got;
	ivp__buf b;
	int64_t n0, a1, b1, a2, n;
	char want[256], first[64];

	memset(&got, 0, sizeof(got));
	NOTFOUND(ivp__store_plan_first_municipality(ctx, first));
	add_doc(ctx, "id: p\n", &n0); /* names none: not the first municipality */
	add_doc(ctx, "id: p\nmunicipality: \"GM1926\"\n", &a1);
	add_doc(ctx, "id: p\nmunicipality: GM0503\ntitle: x\n", &b1);
	add_doc(ctx, "id: p\n  municipality: GM0000\nmunicipality: 'GM1926'\n", &a2);
	add_doc(ctx, "id: p\n", &n); /* names none: bound to none */
	OK(ivp__store_plan_first_municipality(ctx, first));
	assert_string_equal(first, "GM1926");
	OK(ivp__store_first_municipality(ctx, first)); /* kept on the ctx from now on */
	assert_string_equal(first, "GM1926");
	/* a user's binding */
	{
		ivp__user_rec u;
		int exists = 0;

		OK(ivp__store_user_add(ctx, "bob", "editor", "x", &exists));
		OK(ivp__store_user_get(ctx, "bob", &u));
		assert_string_equal(u.municipality, "");
		OK(ivp__store_user_municipality_set(ctx, "bob", "haaglanden"));
		OK(ivp__store_user_get(ctx, "bob", &u));
		assert_string_equal(u.municipality, "haaglanden");
		NOTFOUND(ivp__store_user_municipality_set(ctx, "nobody", "GM0503"));
	}
	/* unscoped: today's behaviour, the latest of the database */
	OK(ivp__store_plan_version_get(ctx, 0, &got));
	assert_int_equal(got.version, n);
	assert_string_equal(got.municipality, "");
	free(got.doc);
	OK(ivp_set_municipality(ctx, "GM0503"));
	OK(ivp__store_plan_version_get(ctx, 0, &got));
	assert_int_equal(got.version, b1);
	assert_string_equal(got.municipality, "GM0503");
	free(got.doc);
	got.doc = NULL;
	NOTFOUND(ivp__store_plan_version_get(ctx, a1, &got)); /* another's version */
	OK(ivp_set_municipality(ctx, "GM1926"));
	OK(ivp__store_plan_version_get(ctx, 0, &got));
	assert_int_equal(got.version, a2); /* an indented key is not the plan's */
	free(got.doc);
	ivp__buf_init(&b, 1u << 16);
	OK(ivp__store_plan_versions_list(ctx, rows_cb, &b));
	snprintf(want, sizeof(want), "%lld|p|", (long long)a1);
	assert_memory_equal(ivp__buf_str(&b), want, strlen(want));
	snprintf(want, sizeof(want), ";%lld|p|", (long long)a2);
	assert_non_null(strstr(ivp__buf_str(&b), want));
	snprintf(want, sizeof(want), "%lld|p|", (long long)b1);
	assert_null(strstr(ivp__buf_str(&b), want));
	ivp__buf_reset(&b);
	/* the latest of each, whatever the ctx acts for */
	OK(ivp__store_plan_latest_each(ctx, rows_cb, &b));
	snprintf(want, sizeof(want), "GM0503|%lld|p|", (long long)b1);
	assert_memory_equal(ivp__buf_str(&b), want, strlen(want));
	snprintf(want, sizeof(want), ";GM1926|%lld|p|", (long long)a2);
	assert_non_null(strstr(ivp__buf_str(&b), want));
	assert_int_equal(strlen(strstr(ivp__buf_str(&b), want)) - strlen(want), 21); /* created_at; and no more rows */
	ivp__buf_free(&b);
	assert_int_equal(ivp_set_municipality(ctx, "Delft"), IVP_EINPUT);
	assert_string_equal(ivp_municipality(ctx), "GM1926");
	OK(ivp_set_municipality(ctx, "haaglanden"));
	NOTFOUND(ivp__store_plan_version_get(ctx, 0, &got));
	OK(ivp_set_municipality(ctx, NULL));
	OK(ivp__store_scope(ctx));
	OK(ivp__store_plan_version_get(ctx, 0, &got));
	assert_int_equal(got.version, n);
	free(got.doc);
}

/* values_get rows with the numbers (value, margin) written the same on every engine */
static int value_cb(void *ud, const char *const *c, int n)
{
	ivp__buf *b = ud;

	if (n != 10)
		return -1;
	return ivp__buf_printf(b, "%s|%.2f|%s|", c[0], c[1] ? strtod(c[1], NULL) : -1, c[2]) ||
	       (c[3] ? ivp__buf_printf(b, "%.2f|", strtod(c[3], NULL)) : ivp__buf_printf(b, "~|")) ||
	       ivp__buf_printf(b, "%s|%s|%s|%s", c[4], c[5], c[6], c[7]) ||
	       (c[8] || c[9] ? ivp__buf_printf(b, "|n=%s/%s", c[8] ? c[8] : "~", c[9] ? c[9] : "~") : 0) ||
	       ivp__buf_printf(b, ";");
}

/* area_values rows: key first, then values_get's columns */
static int area_value_cb(void *ud, const char *const *c, int n)
{
	ivp__buf *b = ud;

	if (n != 11)
		return -1;
	return ivp__buf_printf(b, "%s|%s|%.2f|%s|", c[0], c[1], c[2] ? strtod(c[2], NULL) : -1, c[3]) ||
	       (c[4] ? ivp__buf_printf(b, "%.2f|", strtod(c[4], NULL)) : ivp__buf_printf(b, "~|")) ||
	       ivp__buf_printf(b, "%s|%s|%s;", c[5], c[6], c[8] ? c[8] : "~");
}

/* Every registered value of one area (the start page's list), by key, year, unit; no other area's. */
static void test_area_values(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__local_value a = { "vm_onveilig", "GM0001", 2023, 15, "percent", 1, 2.4, "VM", "VM 2023", "Onveilig", 0, 0 };
	ivp__local_value b = { "halt", "GM0001", 2022, 85, "per 10000", 0, 0, "Halt", "1", NULL, 0, 0 };
	ivp__local_value c = { "halt", "GM0002", 2022, 70, "per 10000", 0, 0, "Halt", "1", NULL, 0, 0 };
	int64_t i1;
	int res = -1;
	ivp__buf buf;

	OK(ivp__store_begin(ctx));
	i1 = new_import(ctx, "values", "v1");
	OK(ivp__store_value_put(ctx, &a, i1, &res));
	a.year = 2021;
	a.value = 16;
	OK(ivp__store_value_put(ctx, &a, i1, &res));
	OK(ivp__store_value_put(ctx, &b, i1, &res));
	OK(ivp__store_value_put(ctx, &c, i1, &res));
	OK(ivp__store_commit(ctx));
	ivp__buf_init(&buf, 1u << 16);
	OK(ivp__store_area_values(ctx, "GM0001", area_value_cb, &buf));
	want_text("values of GM0001", ivp__buf_str(&buf),
		  "halt|2022|85.00|per 10000|~|Halt|1|~;"
		  "vm_onveilig|2021|16.00|percent|2.40|VM|VM 2023|Onveilig;"
		  "vm_onveilig|2023|15.00|percent|2.40|VM|VM 2023|Onveilig;");
	ivp__buf_free(&buf);
	ivp__buf_init(&buf, 1u << 16);
	OK(ivp__store_area_values(ctx, "GM9999", area_value_cb, &buf));
	want_text("values of an area without any", ivp__buf_str(&buf), "");
	ivp__buf_free(&buf);
}

/* Locally registered values: the unit is part of the key; results like facts. */
static void test_local_values(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__local_value v = { "enquete_onveilig", "GM0001", 2023, 31.5, "percent", 1, 2.5,
			       "Veiligheidsmonitor", "2", "Voelt zich wel eens onveilig", 0, 0 };
	int64_t i1, i2, i3, i4;
	int res = -1, exists = -1;

	OK(ivp__store_value_key_exists(ctx, "enquete_onveilig", &exists));
	assert_int_equal(exists, 0);
	OK(ivp__store_begin(ctx));
	i1 = new_import(ctx, "values", "v1");
	OK(ivp__store_value_put(ctx, &v, i1, &res));
	assert_int_equal(res, IVP__PUT_NEW);
	OK(ivp__store_value_put(ctx, &v, i1, &res));
	assert_int_equal(res, IVP__PUT_DUP_SAME);
	v.value = 32;
	OK(ivp__store_value_put(ctx, &v, i1, &res));
	assert_int_equal(res, IVP__PUT_DUP_DIFF);
	v.unit = "count"; /* another unit: another value */
	v.value = 120;
	v.has_margin = 0;
	OK(ivp__store_value_put(ctx, &v, i1, &res));
	assert_int_equal(res, IVP__PUT_NEW);
	OK(ivp__store_commit(ctx));
	OK(ivp__store_begin(ctx));
	i2 = new_import(ctx, "values", "v2");
	OK(ivp__store_value_put(ctx, &v, i2, &res));
	assert_int_equal(res, IVP__PUT_SAME);
	v.unit = "percent";
	v.value = 31.5;
	v.has_margin = 1;
	v.margin = 3; /* the margin is part of the value */
	OK(ivp__store_value_put(ctx, &v, i2, &res));
	assert_int_equal(res, IVP__PUT_CHANGED);
	v.year = 2021;
	OK(ivp__store_value_put(ctx, &v, i2, &res));
	assert_int_equal(res, IVP__PUT_NEW);
	OK(ivp__store_commit(ctx));

	OK(ivp__store_value_key_exists(ctx, "enquete_onveilig", &exists));
	assert_int_equal(exists, 1);
	OK(ivp__store_value_key_exists(ctx, "iets_anders", &exists));
	assert_int_equal(exists, 0);
	{
		ivp__buf b;
		char want[1024];

		ivp__buf_init(&b, 1u << 16);
		OK(ivp__store_values_get(ctx, "enquete_onveilig", "GM0001", value_cb, &b));
		/* year, value, unit, margin, source, definition_version, import_id, name; by year, unit */
		snprintf(want, sizeof(want),
			 "2021|31.50|percent|3.00|Veiligheidsmonitor|2|%lld|Voelt zich wel eens onveilig;"
			 "2023|120.00|count|~|Veiligheidsmonitor|2|%lld|Voelt zich wel eens onveilig;"
			 "2023|31.50|percent|3.00|Veiligheidsmonitor|2|%lld|Voelt zich wel eens onveilig;",
			 (long long)i2, (long long)i1, (long long)i2);
		want_text("values of GM0001", ivp__buf_str(&b), want);
		ivp__buf_free(&b);
	}
	WANT_ROWS("another area", ivp__store_values_get(ctx, "enquete_onveilig", "GM0002", rows_cb, &b), "");
	/* a survey's respondents and its stated minimum (migration 16) are
	 * part of the value: the same figure with them is a change */
	OK(ivp__store_begin(ctx));
	i3 = new_import(ctx, "values", "v3");
	v.year = 2023;
	v.respondents = 48;
	v.min_respondents = 100;
	OK(ivp__store_value_put(ctx, &v, i3, &res));
	assert_int_equal(res, IVP__PUT_CHANGED);
	OK(ivp__store_commit(ctx));
	OK(ivp__store_begin(ctx));
	i4 = new_import(ctx, "values", "v4");
	OK(ivp__store_value_put(ctx, &v, i4, &res));
	assert_int_equal(res, IVP__PUT_SAME);
	v.respondents = 0; /* not known again */
	OK(ivp__store_value_put(ctx, &v, new_import(ctx, "values", "v5"), &res));
	assert_int_equal(res, IVP__PUT_CHANGED);
	v.respondents = 480;
	i4 = new_import(ctx, "values", "v6");
	OK(ivp__store_value_put(ctx, &v, i4, &res));
	assert_int_equal(res, IVP__PUT_CHANGED);
	OK(ivp__store_commit(ctx));
	{
		ivp__buf b;
		char want[1024];

		ivp__buf_init(&b, 1u << 16);
		OK(ivp__store_values_get(ctx, "enquete_onveilig", "GM0001", value_cb, &b));
		snprintf(want, sizeof(want),
			 "2021|31.50|percent|3.00|Veiligheidsmonitor|2|%lld|Voelt zich wel eens onveilig;"
			 "2023|120.00|count|~|Veiligheidsmonitor|2|%lld|Voelt zich wel eens onveilig;"
			 "2023|31.50|percent|3.00|Veiligheidsmonitor|2|%lld|Voelt zich wel eens onveilig|n=480/100;",
			 (long long)i2, (long long)i1, (long long)i4);
		want_text("values with respondents", ivp__buf_str(&b), want);
		ivp__buf_free(&b);
	}
}

/* Users: add (exists), get, new password (ends sessions), remove, list. */
static void test_users(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__user_rec u;
	char user[64], role[16];
	int64_t exp = 0;
	int exists = -1;

	OK(ivp__store_user_add(ctx, "anna", "editor", "$argon2id$a", &exists));
	assert_int_equal(exists, 0);
	OK(ivp__store_user_add(ctx, "anna", "viewer", "$argon2id$b", &exists));
	assert_int_equal(exists, 1);
	OK(ivp__store_user_add(ctx, "bert", "admin", "$argon2id$c", &exists));
	assert_int_equal(exists, 0);
	OK(ivp__store_user_get(ctx, "anna", &u));
	assert_true(u.id > 0);
	assert_string_equal(u.name, "anna");
	assert_string_equal(u.role, "editor"); /* the second add changed nothing */
	assert_string_equal(u.pwhash, "$argon2id$a");
	NOTFOUND(ivp__store_user_get(ctx, "carla", &u));

	OK(ivp__store_user_get(ctx, "anna", &u));
	OK(ivp__store_session_add(ctx, "hash-anna", u.id, 1000, 5000));
	OK(ivp__store_session_get(ctx, "hash-anna", 2000, user, role, &exp));
	OK(ivp__store_user_set_password(ctx, "anna", "$argon2id$new"));
	OK(ivp__store_user_get(ctx, "anna", &u));
	assert_string_equal(u.pwhash, "$argon2id$new");
	NOTFOUND(ivp__store_session_get(ctx, "hash-anna", 2000, user, role, &exp));
	NOTFOUND(ivp__store_user_set_password(ctx, "carla", "$argon2id$x"));

	OK(ivp__store_user_get(ctx, "bert", &u));
	OK(ivp__store_session_add(ctx, "hash-bert-1", u.id, 1000, 5000));
	OK(ivp__store_session_add(ctx, "hash-bert-2", u.id, 1000, 1500));
	{
		ivp__buf b;
		const char *s;

		ivp__buf_init(&b, 1u << 16);
		OK(ivp__store_users_list(ctx, 2000, rows_cb, &b));
		s = ivp__buf_str(&b);
		/* name, role, created_at, updated_at, sessions active at `now` — by name */
		assert_int_equal(strncmp(s, "anna|editor|", 12), 0);
		assert_non_null(strstr(s, "|0;bert|admin|"));
		assert_int_equal(strcmp(s + strlen(s) - 3, "|1;"), 0);
		ivp__buf_free(&b);
	}
	OK(ivp__store_user_remove(ctx, "bert")); /* with their sessions */
	NOTFOUND(ivp__store_user_get(ctx, "bert", &u));
	NOTFOUND(ivp__store_session_get(ctx, "hash-bert-1", 2000, user, role, &exp));
	NOTFOUND(ivp__store_user_remove(ctx, "bert"));
	WANT_ROWS("users after removal", ivp__store_users_list(ctx, 2000, first_col_cb, &b), "anna;");
}

/* Sessions: live until their expiry, deleted, pruned. */
static void test_sessions(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__user_rec u;
	char user[64] = "", role[16] = "";
	int64_t exp = 0;
	int exists;

	OK(ivp__store_user_add(ctx, "anna", "editor", "$argon2id$a", &exists));
	OK(ivp__store_user_get(ctx, "anna", &u));
	OK(ivp__store_session_add(ctx, "h1", u.id, 1000, 2000));
	OK(ivp__store_session_add(ctx, "h2", u.id, 1000, 3000));
	OK(ivp__store_session_get(ctx, "h1", 1999, user, role, &exp));
	assert_string_equal(user, "anna");
	assert_string_equal(role, "editor");
	assert_int_equal(exp, 2000);
	NOTFOUND(ivp__store_session_get(ctx, "h1", 2000, user, role, &exp)); /* expired */
	NOTFOUND(ivp__store_session_get(ctx, "nope", 1500, user, role, &exp));
	WANT_ROWS("two live sessions", ivp__store_users_list(ctx, 1500, last_col_cb, &b), "2;");
	OK(ivp__store_sessions_prune(ctx, 2000)); /* h1 expired at 2000 */
	WANT_ROWS("h1 pruned", ivp__store_users_list(ctx, 0, last_col_cb, &b), "1;");
	OK(ivp__store_session_get(ctx, "h2", 2500, user, role, &exp));
	OK(ivp__store_session_delete(ctx, "h2"));
	NOTFOUND(ivp__store_session_get(ctx, "h2", 2500, user, role, &exp));
	OK(ivp__store_session_delete(ctx, "h2")); /* gone already: nothing to do */
	WANT_ROWS("no sessions", ivp__store_users_list(ctx, 0, last_col_cb, &b), "0;");
}

static void want_times(const char *what, const int64_t *t, int n, const char *want)
{
	char got[256] = "";
	size_t o = 0;
	int i;

	for (i = 0; i < n; i++)
		o += (size_t)snprintf(got + o, sizeof(got) - o, "%lld;", (long long)t[i]);
	want_text(what, got, want);
}

/* Sign-in attempts: failures in a window, newest first, by name (after the
 * last good sign-in) or by address (all), pruning. */
static void test_attempts(void **state)
{
	ivp_ctx *ctx = CTX;
	int64_t t[8];
	int n = -1;

	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.1", 100, 0));
	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.1", 110, 0));
	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.2", 120, 1)); /* a good one */
	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.1", 130, 0));
	OK(ivp__store_attempt_add(ctx, "bert", "10.0.0.1", 140, 0));
	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.1", 150, 0));

	OK(ivp__store_attempt_fails(ctx, 0, "anna", 0, t, 8, &n));
	want_times("anna's failures after her last good sign-in", t, n, "150;130;");
	OK(ivp__store_attempt_fails(ctx, 1, "10.0.0.1", 0, t, 8, &n));
	want_times("all failures from 10.0.0.1", t, n, "150;140;130;110;100;");
	OK(ivp__store_attempt_fails(ctx, 1, "10.0.0.1", 0, t, 2, &n));
	want_times("at most 2", t, n, "150;140;");
	OK(ivp__store_attempt_fails(ctx, 1, "10.0.0.1", 130, t, 8, &n));
	want_times("since 130", t, n, "150;140;130;");
	OK(ivp__store_attempt_fails(ctx, 1, "10.0.0.2", 0, t, 8, &n));
	want_times("no failures from 10.0.0.2", t, n, "");
	OK(ivp__store_attempts_prune(ctx, 140));
	OK(ivp__store_attempt_fails(ctx, 1, "10.0.0.1", 0, t, 8, &n));
	want_times("after pruning before 140", t, n, "150;140;");
	OK(ivp__store_attempt_fails(ctx, 0, "anna", 0, t, 8, &n));
	want_times("anna after pruning (her good sign-in went too)", t, n, "150;");
}

/* Failures of one name from one address; attempts begun as failures and ended. */
static void test_attempts_pair(void **state)
{
	ivp_ctx *ctx = CTX;
	int64_t t[8], id1 = 0, id2 = 0;
	int n = -1;

	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.1", 100, 0));
	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.2", 105, 0)); /* another address */
	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.1", 110, 1)); /* good: the count starts anew */
	OK(ivp__store_attempt_add(ctx, "anna", "10.0.0.1", 120, 0));
	OK(ivp__store_attempt_add(ctx, "bert", "10.0.0.1", 125, 0)); /* another name */
	OK(ivp__store_attempt_fails_pair(ctx, "anna", "10.0.0.1", 0, t, 8, &n));
	want_times("anna from 10.0.0.1 after her good sign-in there", t, n, "120;");
	OK(ivp__store_attempt_fails_pair(ctx, "anna", "10.0.0.2", 0, t, 8, &n));
	want_times("anna from 10.0.0.2 (the good one elsewhere does not end it)", t, n, "105;");
	/* begun: a failure until ended */
	OK(ivp__store_attempt_begin(ctx, "anna", "10.0.0.1", 130, &id1));
	OK(ivp__store_attempt_begin(ctx, "anna", "10.0.0.1", 140, &id2));
	assert_true(id1 > 0 && id2 > id1);
	OK(ivp__store_attempt_fails_pair(ctx, "anna", "10.0.0.1", 0, t, 8, &n));
	want_times("two begun count as failures", t, n, "140;130;120;");
	OK(ivp__store_attempt_end(ctx, id1, 0)); /* forgotten */
	OK(ivp__store_attempt_fails_pair(ctx, "anna", "10.0.0.1", 0, t, 8, &n));
	want_times("one forgotten", t, n, "140;120;");
	OK(ivp__store_attempt_end(ctx, id2, 1)); /* succeeded */
	OK(ivp__store_attempt_fails_pair(ctx, "anna", "10.0.0.1", 0, t, 8, &n));
	want_times("after the success none count", t, n, "");
	OK(ivp__store_attempt_fails(ctx, 1, "10.0.0.1", 0, t, 8, &n));
	want_times("the address keeps its failures", t, n, "125;120;100;");
}

/* The throttle's lock: refused outside a write transaction; inside one it
 * holds, and the decision it guards (count, then record) commits or rolls
 * back as one. (That a second server waits for it: tests/http/throttle2.sh.) */
static void test_attempt_lock(void **state)
{
	ivp_ctx *ctx = CTX;
	int64_t t[8], id = 0;
	int n = -1;

	assert_int_equal(ivp__store_attempt_lock(ctx), IVP_EDB); /* no transaction */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_attempt_lock(ctx));
	OK(ivp__store_attempt_fails_pair(ctx, "anna", "10.0.0.1", 0, t, 8, &n));
	want_times("none yet", t, n, "");
	OK(ivp__store_attempt_begin(ctx, "anna", "10.0.0.1", 100, &id));
	assert_true(id > 0);
	OK(ivp__store_commit(ctx));
	OK(ivp__store_attempt_fails_pair(ctx, "anna", "10.0.0.1", 0, t, 8, &n));
	want_times("the committed decision", t, n, "100;");
	/* a decision rolled back leaves nothing; the lock goes with it */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_attempt_lock(ctx));
	OK(ivp__store_attempt_begin(ctx, "anna", "10.0.0.1", 110, &id));
	ivp__store_abort(ctx);
	OK(ivp__store_attempt_fails_pair(ctx, "anna", "10.0.0.1", 0, t, 8, &n));
	want_times("the rolled-back one is gone", t, n, "100;");
	assert_int_equal(ivp__store_attempt_lock(ctx), IVP_EDB); /* the transaction ended */
	OK(ivp__store_begin(ctx));				 /* and the lock can be taken again */
	OK(ivp__store_attempt_lock(ctx));
	OK(ivp__store_commit(ctx));
}

/* The oldest sessions of a user beyond a limit end; other users' stay. */
static void test_sessions_trim(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__user_rec a, b;
	char user[64], role[16];
	int64_t exp;
	int exists;

	OK(ivp__store_user_add(ctx, "anna", "editor", "$argon2id$a", &exists));
	OK(ivp__store_user_add(ctx, "bert", "editor", "$argon2id$b", &exists));
	OK(ivp__store_user_get(ctx, "anna", &a));
	OK(ivp__store_user_get(ctx, "bert", &b));
	OK(ivp__store_session_add(ctx, "a1", a.id, 1000, 9000));
	OK(ivp__store_session_add(ctx, "a2", a.id, 1001, 9000));
	OK(ivp__store_session_add(ctx, "a3", a.id, 1002, 9000));
	OK(ivp__store_session_add(ctx, "b1", b.id, 900, 9000));
	OK(ivp__store_sessions_trim(ctx, a.id, 2));
	assert_int_equal(ivp__store_session_get(ctx, "a1", 2000, user, role, &exp), IVP_ENOTFOUND);
	OK(ivp__store_session_get(ctx, "a2", 2000, user, role, &exp));
	OK(ivp__store_session_get(ctx, "a3", 2000, user, role, &exp));
	OK(ivp__store_session_get(ctx, "b1", 2000, user, role, &exp));
	assert_string_equal(user, "bert");
}

/* A TOTP secret set, read back, removed; each time step used once, in order. */
static void test_totp_store(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__user_rec u;
	int exists;

	OK(ivp__store_user_add(ctx, "anna", "admin", "$argon2id$a", &exists));
	OK(ivp__store_user_get(ctx, "anna", &u));
	assert_string_equal(u.totp, "");
	assert_int_equal(u.totp_required, 0);
	assert_int_equal(ivp__store_user_totp_set(ctx, "nobody", "ABC", 1), IVP_ENOTFOUND);
	OK(ivp__store_user_totp_set(ctx, "anna", "JBSWY3DPEHPK3PXP", 1));
	OK(ivp__store_user_get(ctx, "anna", &u));
	assert_string_equal(u.totp, "JBSWY3DPEHPK3PXP");
	assert_int_equal(u.totp_required, 1);
	OK(ivp__store_user_totp_use(ctx, u.id, 1000));
	assert_int_equal(ivp__store_user_totp_use(ctx, u.id, 1000), IVP_ENOTFOUND); /* a replay */
	assert_int_equal(ivp__store_user_totp_use(ctx, u.id, 999), IVP_ENOTFOUND);  /* an older one */
	OK(ivp__store_user_totp_use(ctx, u.id, 1001));
	OK(ivp__store_user_get(ctx, "anna", &u));
	assert_int_equal(u.totp_last, 1001);
	OK(ivp__store_user_totp_set(ctx, "anna", NULL, 0));
	OK(ivp__store_user_get(ctx, "anna", &u));
	assert_string_equal(u.totp, "");
	assert_int_equal(u.totp_last, 0);
}

/* boundaries_list rows with the numbers written the same on every engine */
static int boundary_cb(void *ud, const char *const *c, int n)
{
	ivp__buf *b = ud;

	if (n != 9)
		return -1;
	return ivp__buf_printf(b, "%s|%s|%s|%.1f|%.1f|%.1f|%.1f|%s|%s;", c[0], c[1], c[2],
			       strtod(c[3], NULL), strtod(c[4], NULL), strtod(c[5], NULL),
			       strtod(c[6], NULL), c[7], c[8]);
}

/* Area boundaries: insert, replace, "same", unknown areas, filters. */
static void test_boundaries(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__boundary_rec r = { "GM0001", 0, 0, 100, 50, 5, "0,0 100,0 100,50 0,50 0,0", 0 };
	int64_t imp;
	int same = -1;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "boundaries", "g1");
	r.import_id = imp;
	OK(ivp__store_boundary_put(ctx, &r, &same));
	assert_int_equal(same, 0);
	OK(ivp__store_boundary_put(ctx, &r, &same));
	assert_int_equal(same, 1);
	r.area = "BU00010101";
	r.geom = "0,0 10,0 10,10 0,0";
	r.maxx = r.maxy = 10;
	r.npoints = 4;
	OK(ivp__store_boundary_put(ctx, &r, &same));
	r.area = "GM0002";
	r.geom = "200,0 300,0 300,50 200,0";
	r.minx = 200;
	r.maxx = 300;
	r.maxy = 50;
	OK(ivp__store_boundary_put(ctx, &r, &same));
	r.geom = "200,0 310,0 310,50 200,0"; /* replaced */
	r.maxx = 310;
	OK(ivp__store_boundary_put(ctx, &r, &same));
	assert_int_equal(same, 0);
	r.area = "GM9999";
	NOTFOUND(ivp__store_boundary_put(ctx, &r, &same));
	OK(ivp__store_commit(ctx));

	WANT_ROWS("every boundary", ivp__store_boundaries_list(ctx, NULL, NULL, boundary_cb, &b),
		  "BU00010101|Buurt 01|BU|0.0|0.0|10.0|10.0|4|0,0 10,0 10,10 0,0;"
		  "GM0001|Een|GM|0.0|0.0|100.0|50.0|5|0,0 100,0 100,50 0,50 0,0;"
		  "GM0002|Twee|GM|200.0|0.0|310.0|50.0|4|200,0 310,0 310,50 200,0;");
	WANT_ROWS("gemeenten", ivp__store_boundaries_list(ctx, NULL, "GM", first_col_cb, &b),
		  "GM0001;GM0002;");
	WANT_ROWS("under GM0001", ivp__store_boundaries_list(ctx, "GM0001", NULL, first_col_cb, &b),
		  "BU00010101;");
	WANT_ROWS("wijken under GM0001", ivp__store_boundaries_list(ctx, "GM0001", "WK", first_col_cb, &b), "");
}

/* the themes of one's own only (the built-in Kernbeleid list is long) */
static int own_theme_cb(void *ud, const char *const *cols, int n)
{
	if (n < 4 || !cols[3] || strcmp(cols[3], "1"))
		return 0;
	return rows_cb(ud, cols, n);
}

/* The participation trajectory: themes (built in and own), a trajectory, its
 * activities and inputs with their themes, counts per theme and wijk, matrix
 * entries; duplicates within one import, unknown references, replacement by a
 * later import, a rollback. */
/* The case register's storage (case_store.h): a case with sealed fields
 * handed through as they are, its organisations, scores and entries, the
 * sequence of ids per year, the blind-index lookup, deletion of everything
 * of a case, and a rollback that leaves nothing. */
static void test_cases(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__case_rec c = { "C-2026-0001", "2026-03-01", "zvh", "zora", "chains,multi_domain", "registered",
			    NULL, "WK000101", NULL, "b1", "00aa", NULL, "00bb", "00cc" };
	ivp__case_entry a = { 1, "agreement", "2026-04-01", "politie", "", "zora", 0, 0, "00dd" };
	ivp__case_entry m = { 2, "meeting", "2026-03-08", "", "zvh,politie", "zora", 0, 0, NULL };
	ivp__case_entry n = { 3, "note", "2026-03-09", "zvh", "", "zora", 0, 1, "00ee" };
	int64_t next = 0;
	int existed = -1;

	OK(ivp__store_case_next(ctx, 2026, &next));
	assert_int_equal(next, 1);
	OK(ivp__store_begin(ctx));
	OK(ivp__store_case_put(ctx, &c, &existed));
	assert_int_equal(existed, 0);
	OK(ivp__store_case_org_put(ctx, c.id, "zvh", "2026-03-01", NULL));
	OK(ivp__store_case_org_put(ctx, c.id, "politie", "2026-03-02", NULL));
	OK(ivp__store_case_domain_put(ctx, c.id, "huisvesting", 2, "zora", "2026-03-03"));
	OK(ivp__store_case_domain_put(ctx, c.id, "financien", 4, "zora", "2026-03-03"));
	OK(ivp__store_case_domain_put(ctx, c.id, "huisvesting", 3, "petra", "2026-03-04")); /* replaced */
	OK(ivp__store_case_entry_add(ctx, c.id, &a));
	OK(ivp__store_case_entry_add(ctx, c.id, &m));
	OK(ivp__store_case_entry_add(ctx, c.id, &n));
	NOTFOUND(ivp__store_case_org_put(ctx, "C-2026-0099", "zvh", "2026-03-01", NULL));
	NOTFOUND(ivp__store_case_domain_put(ctx, "C-2026-0099", "huisvesting", 1, "zora", "2026-03-01"));
	NOTFOUND(ivp__store_case_entry_add(ctx, "C-2026-0099", &a));
	OK(ivp__store_commit(ctx));

	WANT_ROWS("case", ivp__store_case_get(ctx, c.id, rows_cb, &b),
		  "C-2026-0001|2026-03-01|zvh|zora|chains,multi_domain|registered|~|WK000101|~|b1|00aa|~|00bb|00cc;");
	NOTFOUND(ivp__store_case_get(ctx, "C-2026-0099", rows_cb, NULL));
	OK(ivp__store_case_next(ctx, 2026, &next));
	assert_int_equal(next, 2);
	OK(ivp__store_case_next(ctx, 2027, &next));
	assert_int_equal(next, 1);
	WANT_ROWS("orgs", ivp__store_case_orgs(ctx, c.id, rows_cb, &b),
		  "C-2026-0001|zvh|2026-03-01|~;C-2026-0001|politie|2026-03-02|~;");
	WANT_ROWS("domains", ivp__store_case_domains(ctx, c.id, rows_cb, &b),
		  "financien|4|zora|2026-03-03;huisvesting|3|petra|2026-03-04;");
	WANT_ROWS("entries", ivp__store_case_entries(ctx, c.id, rows_cb, &b),
		  "1|agreement|2026-04-01|politie||zora|0|0|00dd;2|meeting|2026-03-08||zvh,politie|zora|0|0|~;"
		  "3|note|2026-03-09|zvh||zora|0|1|00ee;");

	/* politie leaves, agreement 1 done, the case closed; a meeting is no agreement */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_case_org_put(ctx, c.id, "politie", "2026-03-02", "2026-05-01"));
	OK(ivp__store_case_entry_done(ctx, c.id, 1, 1));
	NOTFOUND(ivp__store_case_entry_done(ctx, c.id, 2, 1));
	NOTFOUND(ivp__store_case_entry_done(ctx, c.id, 9, 1));
	c.status = "closed", c.closed = "2026-06-01", c.close_reason = "00ff", c.director = "petra";
	OK(ivp__store_case_put(ctx, &c, &existed));
	assert_int_equal(existed, 1);
	c.id = "C-2026-0002", c.status = "registered", c.closed = NULL, c.close_reason = NULL, c.bsn_blind = "b2";
	OK(ivp__store_case_put(ctx, &c, &existed));
	assert_int_equal(existed, 0);
	OK(ivp__store_commit(ctx));
	WANT_ROWS("orgs of every case", ivp__store_case_orgs(ctx, NULL, rows_cb, &b),
		  "C-2026-0001|zvh|2026-03-01|~;C-2026-0001|politie|2026-03-02|2026-05-01;");
	WANT_ROWS("entries after done", ivp__store_case_entries(ctx, "C-2026-0001", first_col_cb, &b), "1;2;3;");
	WANT_ROWS("agreement done", ivp__store_case_entries(ctx, "C-2026-0001", rows_cb, &b),
		  "1|agreement|2026-04-01|politie||zora|1|0|00dd;2|meeting|2026-03-08||zvh,politie|zora|0|0|~;"
		  "3|note|2026-03-09|zvh||zora|0|1|00ee;");
	WANT_ROWS("list", ivp__store_cases_list(ctx, rows_cb, &b),
		  "C-2026-0001|2026-03-01|zvh|zora|chains,multi_domain|closed|2026-06-01|WK000101|petra|b1|00aa|00ff|00bb|00cc;"
		  "C-2026-0002|2026-03-01|zvh|zora|chains,multi_domain|registered|~|WK000101|petra|b2|00aa|~|00bb|00cc;");
	WANT_ROWS("by blind index", ivp__store_case_find_blind(ctx, "b1", rows_cb, &b), "C-2026-0001|closed;");
	WANT_ROWS("no such blind index", ivp__store_case_find_blind(ctx, "b9", rows_cb, &b), "");
	OK(ivp__store_case_next(ctx, 2026, &next));
	assert_int_equal(next, 3);

	/* deleting a case takes everything of it, inside the transaction; a rollback keeps it */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_case_delete(ctx, "C-2026-0001"));
	OK(ivp__store_rollback(ctx));
	WANT_ROWS("kept after rollback", ivp__store_case_entries(ctx, "C-2026-0001", first_col_cb, &b), "1;2;3;");
	OK(ivp__store_begin(ctx));
	OK(ivp__store_case_delete(ctx, "C-2026-0001"));
	NOTFOUND(ivp__store_case_delete(ctx, "C-2026-0001"));
	OK(ivp__store_commit(ctx));
	NOTFOUND(ivp__store_case_get(ctx, "C-2026-0001", rows_cb, NULL));
	WANT_ROWS("orgs gone", ivp__store_case_orgs(ctx, NULL, rows_cb, &b), "");
	WANT_ROWS("domains gone", ivp__store_case_domains(ctx, "C-2026-0001", rows_cb, &b), "");
	WANT_ROWS("entries gone", ivp__store_case_entries(ctx, "C-2026-0001", rows_cb, &b), "");
	WANT_ROWS("the other stays", ivp__store_cases_list(ctx, first_col_cb, &b), "C-2026-0002;");
}

static void audit_add(ivp_ctx *ctx, const char *user, const char *action, const char *object,
		      const char *at);

/* audit entries as "seq|municipality|visible;" */
static int audit_scope_rows(void *ud, const ivp__audit_rec *r)
{
	return ivp__buf_printf(ud, "%lld|%s|%d;", (long long)r->seq, r->municipality, r->visible) ? 1 : 0;
}

/* A scoped write fails (another municipality holds the key) and says so */
static void check_foreign(ivp_ctx *ctx, ivp_rc rc, const char *what, int line)
{
	if (rc != IVP_EDB || !strstr(ivp_last_error(ctx)->detail, "belongs to another municipality")) {
		print_error("line %d: %s: rc %d, \"%s\" (%s); want IVP_EDB \"… belongs to another municipality\"\n",
			    line, what, rc, ivp_last_error(ctx)->message, ivp_last_error(ctx)->detail);
		fail();
	}
}
#define FOREIGN(call) check_foreign(ctx, (call), #call, __LINE__)

/* Many municipalities (docs/tenancy.md): records of the registers and of
 * participation written through a ctx acting for A or B are each scope's
 * only, the whole deployment sees them all, rows of '' (written unscoped)
 * are the first municipality's; children are out of reach through the
 * other scope; ids stay the deployment's; audit entries carry theirs. */
static void test_tenant_registers(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__sig_rec s0 = { "S-2026-0001", "2026-01-05", "resident", "drugs", NULL, NULL, "a0", "d0",
			    NULL, NULL, "received", "mona", "2026-01-05T10:00:00Z", 0 };
	ivp__sig_rec sa = { "S-2026-0002", "2026-01-06", "police", "drugs", NULL, NULL, "aa", "da",
			    NULL, NULL, "received", "mona", "2026-01-06T10:00:00Z", 0 };
	ivp__sig_rec sb = { "S-2026-0003", "2026-01-07", "police", "omg", NULL, NULL, "ab", "db",
			    NULL, NULL, "received", "bram", "2026-01-07T10:00:00Z", 0 };
	ivp__sig_weighing w = { "S-2026-0002", "2026-02-10", 0, 1, 1, 0, "none", "", "cc", NULL, NULL,
				"mona", "2026-02-10T12:00:00Z" };
	ivp__case_rec ca = { "C-2026-0001", "2026-03-01", "zvh", "zora", "chains", "registered",
			     NULL, NULL, NULL, "blind-a", "00aa", NULL, NULL, "00ab" };
	ivp__case_entry e = { 1, "agreement", "2026-04-01", "politie", "", "zora", 0, 0, "00dd" };
	ivp__pt_theme th = { "eigen-a", "Eigen thema van A", 0, 0 };
	ivp__pt_trajectory ta = { "TA", "plan-a", "Traject A", "", 0, 0 };
	ivp__pt_trajectory tb = { "TB", "plan-b", "Traject B", "", 0, 0 };
	ivp__pt_activity aa = { "AA", "TA", "wijkgesprek", "2022-10-04", "Pijnacker", "", "", NULL, 5, 0, 0 };
	ivp__pt_input in = { "AA", "1", "Persoonlijke uitspraak van A", NULL, "priority", "", "", 0 };
	ivp__pt_entry en = { "weight", "", "seriousness", 2.5, "van A", "", 0 };
	ivp__pt_eval ev = { "plan-a", "goal", "G1", "1", NULL, "Doel van A", "lower", "count", "",
			    NAN, NAN, NAN, NAN, NAN, NAN, -1, 0, 0 };
	const char *themes[] = { "eigen-a" };
	int64_t v, n = 0, ma = 0, mb = 0;
	int dup = -1, existed = -1;
	char first[64];

	codes(ctx);
	add_doc(ctx, "id: a\nmunicipality: GM1926\n", &v); /* the first municipality */
	add_doc(ctx, "id: b\nmunicipality: GM0503\n", &v);
	OK(ivp__store_first_municipality(ctx, first));
	assert_string_equal(first, "GM1926");

	/* unscoped: a row of '' */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_sig_put(ctx, &s0, &dup));
	OK(ivp__store_commit(ctx));
	audit_add(ctx, "op", "import", "import:1", "2026-01-01T10:00:00Z");

	/* acting for A */
	OK(ivp_set_municipality(ctx, "GM1926"));
	OK(ivp__store_begin(ctx));
	OK(ivp__store_sig_put(ctx, &sa, &dup));
	OK(ivp__store_sig_meeting_add(ctx, "2026-02-10", "gemeente", "mona", &ma));
	OK(ivp__store_sig_agenda_add(ctx, ma, "S-2026-0002", &dup));
	w.meeting = ma;
	OK(ivp__store_sig_weigh(ctx, &w));
	OK(ivp__store_case_put(ctx, &ca, &existed));
	OK(ivp__store_case_org_put(ctx, ca.id, "zvh", "2026-03-01", NULL));
	OK(ivp__store_case_domain_put(ctx, ca.id, "huisvesting", 2, "zora", "2026-03-03"));
	OK(ivp__store_case_entry_add(ctx, ca.id, &e));
	OK(ivp__store_pt_theme_put(ctx, &th, &dup));
	OK(ivp__store_pt_trajectory_put(ctx, &ta, &dup));
	OK(ivp__store_pt_activity_put(ctx, &aa, &dup));
	OK(ivp__store_pt_input_put(ctx, &in, themes, 1, &dup));
	OK(ivp__store_pt_entry_put(ctx, &en, &dup));
	OK(ivp__store_pt_eval_put(ctx, &ev, &dup));
	OK(ivp__store_commit(ctx));
	audit_add(ctx, "mona", "signal.add", "signal:S-2026-0002", "2026-01-06T10:00:00Z");

	/* acting for B: the numbers go on after A's, nothing of A is seen */
	OK(ivp_set_municipality(ctx, "GM0503"));
	OK(ivp__store_sig_last(ctx, 2026, &n));
	assert_int_equal(n, 2);
	OK(ivp__store_case_next(ctx, 2026, &n));
	assert_int_equal(n, 2);
	OK(ivp__store_begin(ctx));
	OK(ivp__store_sig_put(ctx, &sb, &dup));
	OK(ivp__store_sig_meeting_add(ctx, "2026-02-11", "gemeente", "bram", &mb));
	ca.id = "C-2026-0002", ca.bsn_blind = "blind-a", ca.reg_user = "bram";
	OK(ivp__store_case_put(ctx, &ca, &existed));
	assert_int_equal(existed, 0);
	OK(ivp__store_pt_trajectory_put(ctx, &tb, &dup));
	NOTFOUND(ivp__store_sig_status(ctx, "S-2026-0002", "weighed", "bram", "2026-03-01T00:00:00Z"));
	NOTFOUND(ivp__store_sig_handler(ctx, "S-2026-0002", "bram", "2026-03-01T00:00:00Z"));
	NOTFOUND(ivp__store_sig_agenda_add(ctx, ma, "S-2026-0003", &dup));
	NOTFOUND(ivp__store_sig_agenda_add(ctx, mb, "S-2026-0002", &dup));
	w.signal = "S-2026-0002", w.meeting = 0;
	NOTFOUND(ivp__store_sig_weigh(ctx, &w));
	NOTFOUND(ivp__store_case_org_put(ctx, "C-2026-0001", "politie", "2026-03-01", NULL));
	NOTFOUND(ivp__store_case_domain_put(ctx, "C-2026-0001", "financien", 1, "bram", "2026-03-01"));
	NOTFOUND(ivp__store_case_entry_add(ctx, "C-2026-0001", &e));
	NOTFOUND(ivp__store_case_entry_done(ctx, "C-2026-0001", 1, 1));
	aa.id = "AB", aa.trajectory = "TA";
	NOTFOUND(ivp__store_pt_activity_put(ctx, &aa, &dup));
	NOTFOUND(ivp__store_pt_input_put(ctx, &in, NULL, 0, &dup));
	NOTFOUND(ivp__store_sig_delete(ctx, "S-2026-0002"));
	NOTFOUND(ivp__store_case_delete(ctx, "C-2026-0001"));
	OK(ivp__store_commit(ctx));
	/* a key A holds: refused, A's record unchanged */
	OK(ivp__store_begin(ctx));
	sa.description_x = "overwritten";
	FOREIGN(ivp__store_sig_put(ctx, &sa, &dup));
	OK(ivp__store_rollback(ctx));
	OK(ivp__store_begin(ctx));
	ca.id = "C-2026-0001";
	FOREIGN(ivp__store_case_put(ctx, &ca, &existed));
	OK(ivp__store_rollback(ctx));
	OK(ivp__store_begin(ctx));
	ta.title = "overwritten";
	FOREIGN(ivp__store_pt_trajectory_put(ctx, &ta, &dup));
	OK(ivp__store_rollback(ctx));
	/* a matrix entry's key is per municipality (migration 20): B holds its own */
	OK(ivp__store_begin(ctx));
	en.text = "van B";
	OK(ivp__store_pt_entry_put(ctx, &en, &dup));
	OK(ivp__store_commit(ctx));
	audit_add(ctx, "bram", "signal.add", "signal:S-2026-0003", "2026-01-07T10:00:00Z");

	WANT_ROWS("B's signals", ivp__store_sig_rows(ctx, NULL, first_col_cb, &b), "S-2026-0003;");
	NOTFOUND(ivp__store_sig_rows(ctx, "S-2026-0002", rows_cb, NULL));
	NOTFOUND(ivp__store_sig_rows(ctx, "S-2026-0001", rows_cb, NULL));
	WANT_ROWS("B's weighings", ivp__store_sig_weighings(ctx, NULL, rows_cb, &b), "");
	WANT_ROWS("A's history through B", ivp__store_sig_history(ctx, "S-2026-0002", rows_cb, &b), "");
	WANT_ROWS("B's meetings", ivp__store_sig_meetings(ctx, rows_cb, &b), "2|2026-02-11|gemeente|0;");
	WANT_ROWS("A's agenda through B", ivp__store_sig_agenda(ctx, ma, rows_cb, &b), "");
	WANT_ROWS("every agenda through B", ivp__store_sig_agenda(ctx, 0, rows_cb, &b), "");
	WANT_ROWS("B's counts", ivp__store_sig_counts(ctx, rows_cb, &b), "");
	WANT_ROWS("B's weighed", ivp__store_sig_weighed_by(ctx, "none", "2026-12-31", rows_cb, &b), "");
	WANT_ROWS("B's cases", ivp__store_cases_list(ctx, first_col_cb, &b), "C-2026-0002;");
	NOTFOUND(ivp__store_case_get(ctx, "C-2026-0001", rows_cb, NULL));
	WANT_ROWS("B's blind index", ivp__store_case_find_blind(ctx, "blind-a", rows_cb, &b),
		  "C-2026-0002|registered;");
	WANT_ROWS("A's orgs through B", ivp__store_case_orgs(ctx, NULL, rows_cb, &b), "");
	WANT_ROWS("A's domains through B", ivp__store_case_domains(ctx, "C-2026-0001", rows_cb, &b), "");
	WANT_ROWS("A's entries through B", ivp__store_case_entries(ctx, "C-2026-0001", rows_cb, &b), "");
	WANT_ROWS("B's trajectories", ivp__store_pt_trajectories_list(ctx, first_col_cb, &b), "TB;");
	WANT_ROWS("A's activities through B", ivp__store_pt_activities_list(ctx, "TA", rows_cb, &b), "");
	WANT_ROWS("A's inputs through B", ivp__store_pt_inputs_list(ctx, "TA", rows_cb, &b), "");
	WANT_ROWS("A's theme counts through B", ivp__store_pt_theme_counts(ctx, "TA", rows_cb, &b), "");
	WANT_ROWS("B's entries", ivp__store_pt_entries_list(ctx, rows_cb, &b), "weight||seriousness|2.5|van B|;");
	WANT_ROWS("B's evaluations", ivp__store_pt_evals_list(ctx, NULL, rows_cb, &b), "");
	WANT_ROWS("B's evaluated plans", ivp__store_pt_eval_plans(ctx, rows_cb, &b), "");
	{
		ivp__buf t;

		ivp__buf_init(&t, 1u << 16);
		OK(ivp__store_pt_themes_list(ctx, first_col_cb, &t));
		assert_null(strstr(ivp__buf_str(&t), "eigen-a"));	    /* A's own theme */
		assert_non_null(strstr(ivp__buf_str(&t), "ondermijning;")); /* the shared list */
		ivp__buf_free(&t);
	}
	WANT_ROWS("audit as B sees it", ivp__store_audit_walk(ctx, 1, NULL, NULL, NULL, audit_scope_rows, &b),
		  "1||0;2|GM1926|0;3|GM0503|1;");

	/* acting for A, the first: its own and the rows of '' */
	OK(ivp_set_municipality(ctx, "GM1926"));
	WANT_ROWS("A's signals", ivp__store_sig_rows(ctx, NULL, first_col_cb, &b), "S-2026-0001;S-2026-0002;");
	WANT_ROWS("A's history", ivp__store_sig_history(ctx, "S-2026-0002", first_col_cb, &b), "1;");
	WANT_ROWS("A's meetings", ivp__store_sig_meetings(ctx, first_col_cb, &b), "1;");
	WANT_ROWS("A's agenda", ivp__store_sig_agenda(ctx, 0, rows_cb, &b), "1|2026-02-10|S-2026-0002;");
	WANT_ROWS("A's counts", ivp__store_sig_counts(ctx, rows_cb, &b), "drugs|none|2026-02||1;");
	WANT_ROWS("A's cases", ivp__store_cases_list(ctx, first_col_cb, &b), "C-2026-0001;");
	WANT_ROWS("A's blind index", ivp__store_case_find_blind(ctx, "blind-a", rows_cb, &b),
		  "C-2026-0001|registered;");
	WANT_ROWS("A's orgs", ivp__store_case_orgs(ctx, NULL, first_col_cb, &b), "C-2026-0001;");
	WANT_ROWS("A's entries", ivp__store_case_entries(ctx, "C-2026-0001", first_col_cb, &b), "1;");
	WANT_ROWS("A's trajectories", ivp__store_pt_trajectories_list(ctx, first_col_cb, &b), "TA;");
	WANT_ROWS("A's inputs", ivp__store_pt_inputs_list(ctx, "TA", first_col_cb, &b), "AA;");
	WANT_ROWS("A's entries", ivp__store_pt_entries_list(ctx, rows_cb, &b), "weight||seriousness|2.5|van A|;");
	WANT_ROWS("A's evaluated plans", ivp__store_pt_eval_plans(ctx, first_col_cb, &b), "plan-a;");
	WANT_ROWS("A's signal unchanged", ivp__store_sig_rows(ctx, "S-2026-0002", rows_cb, &b),
		  "S-2026-0002|2026-01-06|police|drugs|~|~|aa|da|~|~|received|mona|~|"
		  "2026-01-06T10:00:00Z|2026-01-06T10:00:00Z|none;");
	WANT_ROWS("audit as A sees it", ivp__store_audit_walk(ctx, 1, NULL, NULL, NULL, audit_scope_rows, &b),
		  "1||1;2|GM1926|1;3|GM0503|0;");
	{
		ivp__audit_rec last;

		OK(ivp__store_audit_last(ctx, &last));
		want_text("last's municipality", last.municipality, "GM0503");
	}

	/* a region acts for its own rows only */
	OK(ivp_set_municipality(ctx, "haaglanden"));
	WANT_ROWS("the region's signals", ivp__store_sig_rows(ctx, NULL, first_col_cb, &b), "");

	/* the whole deployment: everything */
	OK(ivp_set_municipality(ctx, NULL));
	WANT_ROWS("every signal", ivp__store_sig_rows(ctx, NULL, first_col_cb, &b),
		  "S-2026-0001;S-2026-0002;S-2026-0003;");
	WANT_ROWS("every case", ivp__store_cases_list(ctx, first_col_cb, &b), "C-2026-0001;C-2026-0002;");
	WANT_ROWS("every meeting", ivp__store_sig_meetings(ctx, first_col_cb, &b), "1;2;");
	WANT_ROWS("every trajectory", ivp__store_pt_trajectories_list(ctx, first_col_cb, &b), "TA;TB;");
	WANT_ROWS("every entry", ivp__store_pt_entries_list(ctx, first_col_cb, &b), "weight;weight;");
	/* the first municipality's entry is one row, written for it or for the whole deployment */
	OK(ivp__store_begin(ctx));
	en.text = "van A, door de CLI";
	OK(ivp__store_pt_entry_put(ctx, &en, &dup));
	OK(ivp__store_commit(ctx));
	OK(ivp_set_municipality(ctx, "GM1926"));
	WANT_ROWS("A's entry, rewritten", ivp__store_pt_entries_list(ctx, rows_cb, &b),
		  "weight||seriousness|2.5|van A, door de CLI|;");
	OK(ivp_set_municipality(ctx, "GM0503"));
	WANT_ROWS("B's entry, unchanged", ivp__store_pt_entries_list(ctx, rows_cb, &b),
		  "weight||seriousness|2.5|van B|;");
	OK(ivp_set_municipality(ctx, NULL));
	WANT_ROWS("every audit entry", ivp__store_audit_walk(ctx, 1, NULL, NULL, NULL, audit_scope_rows, &b),
		  "1||1;2|GM1926|1;3|GM0503|1;");
}

static void test_participation(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__pt_theme th = { "eigen-thema", "Eigen thema", 0, 0 };
	ivp__pt_trajectory tr = { "T1", "plan-1", "Traject", "Doelen", 1, 0 };
	ivp__pt_activity a1 = { "A1", "T1", "wijkgesprek", "2022-10-04", "Pijnacker", "", "", "WK000101", 14, 1, 0 };
	ivp__pt_activity a2 = { "A2", "T1", "interview", "2022-09-13", "Gemeentehuis", "Politie", "", NULL, -1, 0, 0 };
	ivp__pt_input in = { "A1", "1", "Hangjongeren", NULL, "priority", "jeugd", "", 0 };
	ivp__pt_entry w = { "weight", "", "seriousness", 2.5, "toelichting", "", 0 };
	ivp__pt_entry sc = { "score", "ondermijning", "trend", 3.5, "reden", "", 0 };
	const char *t2[] = { "jeugdgroepen", "ondermijning" }, *bad[] = { "geen-thema" };
	int64_t imp;
	int dup = -1;

	codes(ctx);
	WANT_ROWS("built-in themes", ivp__store_pt_themes_list(ctx, first_col_cb, &b),
		  "commune-criminaliteit;high-impact-crime;onveiligheidsgevoelens;overlast;evenementen;uitgaan;"
		  "veilig-ondernemen;winkelgebieden;alcohol-drugs;jeugdgroepen;jeugdoverlast;schoolveiligheid;"
		  "brandveiligheid;crisisbeheersing;gevaarlijke-stoffen;verkeer;informatieveiligheid;integriteit;"
		  "ondermijning;polarisatie-radicalisering;veilige-publieke-taak;");
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "participation-trajectory", "pt1");
	th.import_id = tr.import_id = a1.import_id = a2.import_id = in.import_id = w.import_id = sc.import_id = imp;
	OK(ivp__store_pt_theme_put(ctx, &th, &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_pt_theme_put(ctx, &th, &dup));
	assert_int_equal(dup, 1); /* twice in one import */
	OK(ivp__store_pt_trajectory_put(ctx, &tr, &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_pt_activity_put(ctx, &a1, &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_pt_activity_put(ctx, &a2, &dup));
	OK(ivp__store_pt_activity_put(ctx, &a1, &dup));
	assert_int_equal(dup, 1);
	a2.trajectory = "T9";
	NOTFOUND(ivp__store_pt_activity_put(ctx, &a2, &dup));
	a2.trajectory = "T1";
	OK(ivp__store_pt_input_put(ctx, &in, t2, 2, &dup));
	assert_int_equal(dup, 0);
	NOTFOUND(ivp__store_pt_input_put(ctx, &in, bad, 1, &dup));
	in.activity = "A9";
	NOTFOUND(ivp__store_pt_input_put(ctx, &in, t2, 1, &dup));
	in.activity = "A2", in.ref = "1", in.statement = "Ondermijning", in.route = "", in.target = "";
	OK(ivp__store_pt_input_put(ctx, &in, t2 + 1, 1, &dup));
	in.ref = "2", in.statement = "Niets", in.route = "not_taken", in.reason = "geen probleem", in.wijk = "WK000101";
	OK(ivp__store_pt_input_put(ctx, &in, t2 + 1, 1, &dup));
	OK(ivp__store_pt_entry_put(ctx, &w, &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_pt_entry_put(ctx, &sc, &dup));
	OK(ivp__store_pt_entry_put(ctx, &sc, &dup));
	assert_int_equal(dup, 1);
	sc.theme = "geen-thema";
	NOTFOUND(ivp__store_pt_entry_put(ctx, &sc, &dup));
	OK(ivp__store_commit(ctx));

	WANT_ROWS("own themes", ivp__store_pt_themes_list(ctx, own_theme_cb, &b), "eigen-thema|Eigen thema|0|1;");
	WANT_ROWS("trajectories", ivp__store_pt_trajectories_list(ctx, rows_cb, &b), "T1|plan-1|Traject|Doelen|1|2|3;");
	WANT_ROWS("activities by date", ivp__store_pt_activities_list(ctx, "T1", rows_cb, &b),
		  "A2|interview|2022-09-13|Gemeentehuis|~|Politie|~||0|2;"
		  "A1|wijkgesprek|2022-10-04|Pijnacker|WK000101||14||1|1;");
	WANT_ROWS("inputs, the activity's wijk where the input has none",
		  ivp__store_pt_inputs_list(ctx, "T1", rows_cb, &b),
		  "A2|1|Ondermijning|ondermijning|||||interview;"
		  "A2|2|Niets|ondermijning|WK000101|not_taken||geen probleem|interview;"
		  "A1|1|Hangjongeren|jeugdgroepen,ondermijning|WK000101|priority|jeugd||wijkgesprek;");
	WANT_ROWS("counts per theme, wijk, kind, route and target",
		  ivp__store_pt_theme_counts(ctx, "T1", rows_cb, &b),
		  "jeugdgroepen|WK000101|wijkgesprek|priority|jeugd|1;"
		  "ondermijning||interview|||1;"
		  "ondermijning|WK000101|interview|not_taken||1;"
		  "ondermijning|WK000101|wijkgesprek|priority|jeugd|1;");
	WANT_ROWS("entries", ivp__store_pt_entries_list(ctx, rows_cb, &b),
		  "score|ondermijning|trend|3.5|reden|;weight||seriousness|2.5|toelichting|;");

	/* a later import replaces an input and its themes whole */
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "participation-inputs", "pt2");
	in.activity = "A1", in.ref = "1", in.statement = "Hangjongeren bij de school", in.wijk = NULL;
	in.route = "measure", in.target = "M-jop", in.reason = "", in.import_id = imp;
	OK(ivp__store_pt_input_put(ctx, &in, t2, 1, &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_commit(ctx));
	WANT_ROWS("replaced input", ivp__store_pt_theme_counts(ctx, "T1", first_col_cb, &b),
		  "jeugdgroepen;ondermijning;ondermijning;");

	/* the evaluation of a previous plan: goals, measures, conclusions, in that order */
	{
		ivp__pt_eval g = { .plan = "oud", .kind = "goal", .id = "G1", .priority = "p1", .theme = "ondermijning", .title = "Doel", .direction = "lower", .unit = "%", .text = "", .baseline = 18, .target = 15, .result = 16.5, .margin = 2.5, .budget = NAN, .spent = NAN, .done = -1, .illustration = 1 };
		ivp__pt_eval m = { .plan = "oud", .kind = "measure", .id = "M1", .priority = "p1", .title = "Maatregel", .text = "te duur", .baseline = NAN, .target = NAN, .result = NAN, .margin = NAN, .budget = 1000, .spent = 1250.5, .done = 1 };
		ivp__pt_eval c = { .plan = "oud", .kind = "conclusion", .id = "p1", .priority = "p1", .text = "conclusie", .baseline = NAN, .target = NAN, .result = NAN, .margin = NAN, .budget = NAN, .spent = NAN, .done = -1 };

		OK(ivp__store_begin(ctx));
		g.import_id = m.import_id = c.import_id = new_import(ctx, "participation-evaluation", "pe1");
		OK(ivp__store_pt_eval_put(ctx, &c, &dup));
		OK(ivp__store_pt_eval_put(ctx, &m, &dup));
		OK(ivp__store_pt_eval_put(ctx, &g, &dup));
		assert_int_equal(dup, 0);
		OK(ivp__store_pt_eval_put(ctx, &g, &dup));
		assert_int_equal(dup, 1);
		g.id = "G2", g.theme = "geen-thema";
		NOTFOUND(ivp__store_pt_eval_put(ctx, &g, &dup));
		OK(ivp__store_commit(ctx));
		WANT_ROWS("evaluation", ivp__store_pt_evals_list(ctx, "oud", rows_cb, &b),
			  "goal|G1|p1|ondermijning|Doel|lower|%|18.0|15.0|16.5|2.5|~|~|~||1;"
			  "measure|M1|p1|~|Maatregel|||~|~|~|~|1000.0|1250.5|1|te duur|0;"
			  "conclusion|p1|p1|~||||~|~|~|~|~|~|~|conclusie|0;");
		WANT_ROWS("evaluation of every plan", ivp__store_pt_evals_list(ctx, NULL, first_col_cb, &b),
			  "goal;measure;conclusion;");
		WANT_ROWS("evaluation of another plan", ivp__store_pt_evals_list(ctx, "nieuw", first_col_cb, &b), "");
		/* the plans with an evaluation, once each, by id */
		OK(ivp__store_begin(ctx));
		g.id = "G1", g.theme = "ondermijning", g.plan = "eerder";
		g.import_id = new_import(ctx, "participation-evaluation", "pe2");
		OK(ivp__store_pt_eval_put(ctx, &g, &dup));
		OK(ivp__store_commit(ctx));
		WANT_ROWS("evaluated plans", ivp__store_pt_eval_plans(ctx, first_col_cb, &b), "eerder;oud;");
	}

	/* a rollback leaves everything as it was */
	OK(ivp__store_begin(ctx));
	tr.title = "Anders";
	tr.import_id = new_import(ctx, "participation-trajectory", "pt3");
	OK(ivp__store_pt_trajectory_put(ctx, &tr, &dup));
	OK(ivp__store_rollback(ctx));
	WANT_ROWS("after rollback", ivp__store_pt_trajectories_list(ctx, rows_cb, &b), "T1|plan-1|Traject|Doelen|1|2|3;");
}

/* Groups: put, members, duplicates, unknown names and codes, replacement
 * by a second put, the groups of an area, a rollback. */
static void test_groups(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__group_rec g = { "regio", "De regio", "region", "bron 1", 0 };
	int existed = -1, dup = -1;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	g.import_id = new_import(ctx, "groups", "gr1");
	OK(ivp__store_group_put(ctx, &g, &existed));
	assert_int_equal(existed, 0);
	OK(ivp__store_group_member_add(ctx, "regio", "GM0002", &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_group_member_add(ctx, "regio", "GM0001", &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_group_member_add(ctx, "regio", "GM0001", &dup));
	assert_int_equal(dup, 1);
	NOTFOUND(ivp__store_group_member_add(ctx, "regio", "GM9999", &dup));
	NOTFOUND(ivp__store_group_member_add(ctx, "nergens", "GM0001", &dup));
	g.name = "eigen";
	g.title = "Eigen groep";
	g.kind = "group";
	g.source = "";
	OK(ivp__store_group_put(ctx, &g, &existed));
	OK(ivp__store_group_member_add(ctx, "eigen", "BU00010101", &dup));
	OK(ivp__store_commit(ctx));

	WANT_ROWS("groups", ivp__store_groups_list(ctx, rows_cb, &b),
		  "eigen|Eigen groep|group||1|2;regio|De regio|region|bron 1|2|2;");
	WANT_ROWS("members, by code", ivp__store_group_members(ctx, "regio", rows_cb, &b),
		  "GM0001|Een|GM;GM0002|Twee|GM;");
	NOTFOUND(ivp__store_group_members(ctx, "nergens", rows_cb, NULL));
	WANT_ROWS("groups of GM0001", ivp__store_groups_of(ctx, "GM0001", NULL, rows_cb, &b),
		  "regio|De regio|region;");
	WANT_ROWS("regions of BU00010101", ivp__store_groups_of(ctx, "BU00010101", "region", rows_cb, &b), "");
	WANT_ROWS("groups of BU00010101", ivp__store_groups_of(ctx, "BU00010101", "group", first_col_cb, &b),
		  "eigen;");

	/* a second put replaces the group whole: no members until added */
	OK(ivp__store_begin(ctx));
	g.name = "regio";
	g.title = "Regio";
	g.kind = "region";
	g.source = "bron 2";
	OK(ivp__store_group_put(ctx, &g, &existed));
	assert_int_equal(existed, 1);
	OK(ivp__store_group_member_add(ctx, "regio", "GM0002", &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_commit(ctx));
	WANT_ROWS("replaced", ivp__store_groups_list(ctx, rows_cb, &b),
		  "eigen|Eigen groep|group||1|2;regio|Regio|region|bron 2|1|2;");
	WANT_ROWS("GM0001 left it", ivp__store_groups_of(ctx, "GM0001", NULL, rows_cb, &b), "");

	/* a rollback leaves the group as it was */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_group_put(ctx, &g, &existed));
	OK(ivp__store_rollback(ctx));
	WANT_ROWS("after rollback", ivp__store_group_members(ctx, "regio", first_col_cb, &b), "GM0002;");
}

/* Regional plans (migration 18): put, themes in their order, a theme of a
 * region without a plan, replacement by a second put (the themes go), the
 * listing with its theme count, a rollback. */
static void test_region_plans(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__region_rec r = { "regio", "Samen veilig", 2023, 2026, "bron 1", 0 };
	ivp__region_theme_rec t1 = { "b-thema", "Thema B", "", 2 }, t2 = { "a-thema", "Thema A", "uitleg", 1 };
	int existed = -1;

	OK(ivp__store_begin(ctx));
	r.import_id = new_import(ctx, "region", "rg1");
	OK(ivp__store_region_put(ctx, &r, &existed));
	assert_int_equal(existed, 0);
	OK(ivp__store_region_theme_add(ctx, "regio", &t1));
	OK(ivp__store_region_theme_add(ctx, "regio", &t2));
	NOTFOUND(ivp__store_region_theme_add(ctx, "nergens", &t1));
	OK(ivp__store_commit(ctx));
	WANT_ROWS("plans", ivp__store_regions_list(ctx, rows_cb, &b), "regio|Samen veilig|2023|2026|bron 1|2|1;");
	WANT_ROWS("themes in their order", ivp__store_region_themes(ctx, "regio", rows_cb, &b),
		  "a-thema|Thema A|uitleg|1;b-thema|Thema B||2;");
	NOTFOUND(ivp__store_region_themes(ctx, "nergens", rows_cb, NULL));

	/* a second put replaces the plan whole: no themes until added */
	OK(ivp__store_begin(ctx));
	r.title = "Samen veiliger";
	r.source = "";
	OK(ivp__store_region_put(ctx, &r, &existed));
	assert_int_equal(existed, 1);
	OK(ivp__store_region_theme_add(ctx, "regio", &t1));
	OK(ivp__store_commit(ctx));
	WANT_ROWS("replaced", ivp__store_regions_list(ctx, rows_cb, &b), "regio|Samen veiliger|2023|2026||1|1;");
	WANT_ROWS("one theme", ivp__store_region_themes(ctx, "regio", first_col_cb, &b), "b-thema;");

	/* a rollback leaves the plan as it was */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_region_put(ctx, &r, &existed));
	OK(ivp__store_rollback(ctx));
	WANT_ROWS("after rollback", ivp__store_region_themes(ctx, "regio", first_col_cb, &b), "b-thema;");
}

/* Organisations and the membership of users: the default one of the
 * migration, put twice (renamed), a member moved, removal refused while
 * members remain, membership gone with its user, a rollback. */
static void test_orgs(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__org_rec o;
	char org[32];
	int64_t members = -1;
	int existed = -1, exists = -1;

	WANT_ROWS("the default", ivp__store_orgs_list(ctx, rows_cb, &b), "gemeente|Gemeente|municipality|0;");
	OK(ivp__store_org_put(ctx, "politie", "Politie", "police", &existed));
	assert_int_equal(existed, 0);
	OK(ivp__store_org_put(ctx, "politie", "Politie eenheid Den Haag", "police", &existed));
	assert_int_equal(existed, 1);
	OK(ivp__store_org_put(ctx, "zvh", "Zorg- en Veiligheidshuis", "", &existed));
	OK(ivp__store_org_get(ctx, "politie", &o));
	assert_string_equal(o.name, "Politie eenheid Den Haag");
	assert_string_equal(o.kind, "police");
	NOTFOUND(ivp__store_org_get(ctx, "halt", &o));

	OK(ivp__store_user_add(ctx, "piet", "partner", "$argon2id$p", &exists));
	OK(ivp__store_user_add(ctx, "anna", "editor", "$argon2id$a", &exists));
	NOTFOUND(ivp__store_member_get(ctx, "piet", org)); /* no row: the default's (org.c) */
	NOTFOUND(ivp__store_member_set(ctx, "piet", "halt"));
	NOTFOUND(ivp__store_member_set(ctx, "carla", "politie"));
	OK(ivp__store_member_set(ctx, "piet", "zvh"));
	OK(ivp__store_member_set(ctx, "piet", "politie")); /* moved: one organisation per user */
	OK(ivp__store_member_get(ctx, "piet", org));
	assert_string_equal(org, "politie");
	OK(ivp__store_member_set(ctx, "anna", "gemeente"));
	WANT_ROWS("members", ivp__store_members_list(ctx, rows_cb, &b), "anna|gemeente;piet|politie;");
	WANT_ROWS("with their members, by id", ivp__store_orgs_list(ctx, rows_cb, &b),
		  "gemeente|Gemeente|municipality|1;politie|Politie eenheid Den Haag|police|1;"
		  "zvh|Zorg- en Veiligheidshuis||0;");

	OK(ivp__store_org_remove(ctx, "politie", &members));
	assert_int_equal(members, 1); /* refused: nothing removed */
	OK(ivp__store_org_get(ctx, "politie", &o));
	NOTFOUND(ivp__store_org_remove(ctx, "halt", &members));
	OK(ivp__store_org_remove(ctx, "zvh", &members));
	assert_int_equal(members, 0);
	NOTFOUND(ivp__store_org_get(ctx, "zvh", &o));

	/* the membership goes with its user */
	OK(ivp__store_user_remove(ctx, "piet"));
	NOTFOUND(ivp__store_member_get(ctx, "piet", org));
	OK(ivp__store_org_remove(ctx, "politie", &members));
	assert_int_equal(members, 0);

	/* a rollback leaves them as they were */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_org_put(ctx, "halt", "Halt", "youth justice", &existed));
	OK(ivp__store_member_set(ctx, "anna", "halt"));
	OK(ivp__store_rollback(ctx));
	NOTFOUND(ivp__store_org_get(ctx, "halt", &o));
	OK(ivp__store_member_get(ctx, "anna", org));
	assert_string_equal(org, "gemeente");
}

/* The municipalities an organisation works for (org_municipality of
 * migration 17): added once (a second time changes nothing), an unknown
 * organisation, listed by organisation and municipality, one or all, taken
 * away (twice: the second changes nothing), a rollback, gone with the
 * organisation. */
static void test_org_municipalities(void **state)
{
	ivp_ctx *ctx = CTX;
	int changed = -1, existed = -1;
	int64_t members = -1;

	OK(ivp__store_org_put(ctx, "riec", "RIEC", "riec", &existed));
	OK(ivp__store_org_put(ctx, "politie", "Politie", "police", &existed));
	WANT_ROWS("none yet", ivp__store_org_municipalities(ctx, NULL, rows_cb, &b), "");
	OK(ivp__store_org_municipality_put(ctx, "riec", "GM1926", &changed));
	assert_int_equal(changed, 1);
	OK(ivp__store_org_municipality_put(ctx, "riec", "GM1926", &changed));
	assert_int_equal(changed, 0);
	OK(ivp__store_org_municipality_put(ctx, "riec", "GM0503", &changed));
	OK(ivp__store_org_municipality_put(ctx, "politie", "haaglanden", &changed));
	NOTFOUND(ivp__store_org_municipality_put(ctx, "halt", "GM1926", &changed));
	WANT_ROWS("all, by organisation", ivp__store_org_municipalities(ctx, NULL, rows_cb, &b),
		  "politie|haaglanden;riec|GM0503;riec|GM1926;");
	WANT_ROWS("one", ivp__store_org_municipalities(ctx, "riec", rows_cb, &b), "riec|GM0503;riec|GM1926;");
	WANT_ROWS("unknown: none", ivp__store_org_municipalities(ctx, "halt", rows_cb, &b), "");
	OK(ivp__store_org_municipality_del(ctx, "riec", "GM0503", &changed));
	assert_int_equal(changed, 1);
	OK(ivp__store_org_municipality_del(ctx, "riec", "GM0503", &changed));
	assert_int_equal(changed, 0);
	WANT_ROWS("taken away", ivp__store_org_municipalities(ctx, "riec", rows_cb, &b), "riec|GM1926;");

	OK(ivp__store_begin(ctx));
	OK(ivp__store_org_municipality_put(ctx, "riec", "GM0518", &changed));
	OK(ivp__store_org_municipality_del(ctx, "politie", "haaglanden", &changed));
	OK(ivp__store_rollback(ctx));
	WANT_ROWS("after rollback", ivp__store_org_municipalities(ctx, NULL, rows_cb, &b),
		  "politie|haaglanden;riec|GM1926;");

	OK(ivp__store_org_remove(ctx, "riec", &members));
	WANT_ROWS("gone with the organisation", ivp__store_org_municipalities(ctx, NULL, rows_cb, &b),
		  "politie|haaglanden;");
}

/* The restricted registers' shared tables (reg_store.h, migration 12). */
static void test_reg_store(void **state)
{
	ivp_ctx *ctx = CTX;
	char v[256];
	int version = -1, existed = -1, exists = -1, yes = -1, months = -1;

	NOTFOUND(ivp__store_vault_meta_get(ctx, "check:signals:index", v, sizeof(v)));
	OK(ivp__store_vault_meta_put(ctx, "check:signals:index", "aa"));
	OK(ivp__store_vault_meta_put(ctx, "check:signals:index", "bb")); /* replaced */
	OK(ivp__store_vault_meta_get(ctx, "check:signals:index", v, sizeof(v)));
	assert_string_equal(v, "bb");
	OK(ivp__store_vault_meta_put(ctx, "check:signals:index", NULL)); /* removed */
	NOTFOUND(ivp__store_vault_meta_get(ctx, "check:signals:index", v, sizeof(v)));

	NOTFOUND(ivp__store_dek_get(ctx, "signals", "S-1", &version, v));
	OK(ivp__store_dek_put(ctx, "signals", "S-1", 1, "w1"));
	OK(ivp__store_dek_put(ctx, "signals", "S-2", 1, "w2"));
	OK(ivp__store_dek_put(ctx, "cases", "S-1", 1, "c1"));	 /* another register, the same id */
	OK(ivp__store_dek_put(ctx, "signals", "S-2", 2, "w2b")); /* a rewrap */
	OK(ivp__store_dek_get(ctx, "signals", "S-2", &version, v));
	assert_int_equal(version, 2);
	assert_string_equal(v, "w2b");
	WANT_ROWS("deks of signals", ivp__store_deks_list(ctx, "signals", rows_cb, &b), "S-1|1|w1;S-2|2|w2b;");
	WANT_ROWS("per version", ivp__store_dek_counts(ctx, rows_cb, &b), "cases|1|1;signals|1|1;signals|2|1;");
	OK(ivp__store_dek_delete(ctx, "signals", "S-1"));
	NOTFOUND(ivp__store_dek_delete(ctx, "signals", "S-1"));
	NOTFOUND(ivp__store_dek_get(ctx, "signals", "S-1", &version, v));
	OK(ivp__store_dek_get(ctx, "cases", "S-1", &version, v));
	assert_string_equal(v, "c1");

	OK(ivp__store_user_add(ctx, "zora", "partner", "$argon2id$z", &exists));
	OK(ivp__store_user_add(ctx, "sam", "viewer", "$argon2id$s", &exists));
	OK(ivp__store_member_set(ctx, "zora", "gemeente"));
	NOTFOUND(ivp__store_reg_member_add(ctx, "cases", "nobody", "adam", "2026-12-01T10:00:00Z", &existed));
	OK(ivp__store_reg_member_add(ctx, "cases", "zora", "adam", "2026-12-01T10:00:00Z", &existed));
	assert_int_equal(existed, 0);
	OK(ivp__store_reg_member_add(ctx, "cases", "zora", "eve", "2026-12-02T10:00:00Z", &existed));
	assert_int_equal(existed, 1);
	OK(ivp__store_reg_member_add(ctx, "signals", "sam", "adam", "2026-12-01T11:00:00Z", &existed));
	OK(ivp__store_reg_member_is(ctx, "cases", "zora", &yes));
	assert_int_equal(yes, 1);
	OK(ivp__store_reg_member_is(ctx, "signals", "zora", &yes));
	assert_int_equal(yes, 0);
	OK(ivp__store_reg_member_is(ctx, NULL, "zora", &yes));
	assert_int_equal(yes, 1);
	WANT_ROWS("members", ivp__store_reg_members_list(ctx, NULL, rows_cb, &b),
		  "cases|zora|gemeente|adam|2026-12-01T10:00:00Z;signals|sam|gemeente|adam|2026-12-01T11:00:00Z;");
	WANT_ROWS("members of one", ivp__store_reg_members_list(ctx, "signals", rows_cb, &b),
		  "signals|sam|gemeente|adam|2026-12-01T11:00:00Z;");
	OK(ivp__store_reg_member_remove(ctx, "cases", "zora"));
	NOTFOUND(ivp__store_reg_member_remove(ctx, "cases", "zora"));
	OK(ivp__store_reg_member_is(ctx, NULL, "zora", &yes));
	assert_int_equal(yes, 0);
	OK(ivp__store_user_remove(ctx, "sam")); /* the membership goes with its user */
	WANT_ROWS("none left", ivp__store_reg_members_list(ctx, NULL, rows_cb, &b), "");

	NOTFOUND(ivp__store_reg_setting_get(ctx, "cases", "closed", &months));
	OK(ivp__store_reg_setting_put(ctx, "cases", "closed", 36, "adam", "2026-12-01T10:00:00Z"));
	OK(ivp__store_reg_setting_put(ctx, "cases", "closed", 30, "adam", "2026-12-01T10:00:01Z"));
	OK(ivp__store_reg_setting_get(ctx, "cases", "closed", &months));
	assert_int_equal(months, 30);
	/* a rollback keeps them as they were */
	OK(ivp__store_begin(ctx));
	OK(ivp__store_dek_put(ctx, "signals", "S-9", 1, "w9"));
	OK(ivp__store_reg_setting_put(ctx, "cases", "closed", 12, "adam", "2026-12-01T10:00:02Z"));
	OK(ivp__store_rollback(ctx));
	NOTFOUND(ivp__store_dek_get(ctx, "signals", "S-9", &version, v));
	OK(ivp__store_reg_setting_get(ctx, "cases", "closed", &months));
	assert_int_equal(months, 30);
}

/* The population of every area of a level in a year (size classes). */
static void test_level_population(void **state)
{
	ivp_ctx *ctx = CTX;
	int64_t imp;
	int res;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "population", "lp1");
	OK(ivp__store_pop_put(ctx, "GM0002", 2024, "total", 60000, imp, &res));
	OK(ivp__store_pop_put(ctx, "GM0001", 2024, "total", 19999, imp, &res));
	OK(ivp__store_pop_put(ctx, "GM0001", 2023, "total", 20001, imp, &res));
	OK(ivp__store_pop_put(ctx, "GM0001", 2024, "12-17", 1500, imp, &res));
	OK(ivp__store_pop_put(ctx, "BU00010101", 2024, "total", 500, imp, &res));
	OK(ivp__store_commit(ctx));
	WANT_ROWS("gemeenten 2024", ivp__store_level_population(ctx, "GM", 2024, "total", rows_cb, &b),
		  "GM0001|19999;GM0002|60000;");
	WANT_ROWS("gemeenten 2023", ivp__store_level_population(ctx, "GM", 2023, "total", rows_cb, &b),
		  "GM0001|20001;");
	WANT_ROWS("12-17", ivp__store_level_population(ctx, "GM", 2024, "12-17", rows_cb, &b),
		  "GM0001|1500;");
	WANT_ROWS("buurten", ivp__store_level_population(ctx, "BU", 2024, "total", rows_cb, &b),
		  "BU00010101|500;");
	WANT_ROWS("none", ivp__store_level_population(ctx, "GM", 2025, "total", rows_cb, &b), "");
}

static int stop_rows(void *ud, const char *const *cols, int n)
{
	(void)cols;
	(void)n;
	return ++*(int *)ud >= 2; /* stop at the second row */
}

static int stop_def(void *ud, const ivp__indicator_def *d)
{
	(void)d;
	return ++*(int *)ud >= 2;
}

static int stop_area(void *ud, const ivp__area_year *a)
{
	(void)a;
	return ++*(int *)ud >= 1;
}

/* A callback that returns nonzero stops the walk; the door says out of
 * memory (callbacks fail only for want of it). */
static void test_callback_stop(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__type_count tc[1] = { { .code = "1.1.1" } };
	int64_t imp;
	int calls = 0, m;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "crime", "cb");
	for (m = 1; m <= 3; m++)
		put(ctx, "GM0001", "1.1.1", 202300 + m, m, 0, imp, IVP__PUT_NEW);
	OK(ivp__store_commit(ctx));
	assert_int_equal(ivp__store_areas_list(ctx, NULL, stop_rows, &calls), IVP_ENOMEM);
	assert_int_equal(calls, 2);
	assert_string_equal(ivp_last_error(ctx)->message, "out of memory");
	calls = 0;
	assert_int_equal(ivp__store_defs_list(ctx, 0, stop_def, &calls), IVP_ENOMEM);
	assert_int_equal(calls, 2);
	calls = 0;
	assert_int_equal(ivp__store_level_years(ctx, "NL01", "GM", 2023, 2023, "total", tc, 1, stop_area, &calls),
			 IVP_ENOMEM);
	assert_int_equal(calls, 1);
	calls = 0;
	assert_int_equal(ivp__store_month_counts(ctx, "GM0001", "1.1.1", 202301, 202312, stop_rows, &calls),
			 IVP_ENOMEM);
	assert_int_equal(calls, 2);
	/* and the connection goes on */
	WANT_ROWS("after the stops", ivp__store_areas_under(ctx, "WK000101", "BU", rows_cb, &b),
		  "BU00010101;BU00010102;");
}

/* Report texts: every save a new version per key, numbered per key and per
 * report; the list gives the newest of each key, the history every
 * version; a rolled-back save leaves nothing. */
static void test_report_texts(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__text_rec t = { "voortgang", "GM0001", 2024, "prioriteit:jeugd", "Eerste tekst.", "anna" };
	int64_t v = 0;
	ivp__buf b;

	ivp__buf_init(&b, 1u << 16);
	OK(ivp__store_texts_list(ctx, "voortgang", "GM0001", 2024, rows_cb, &b));
	want_text("no texts", ivp__buf_str(&b), "");
	OK(ivp__store_begin(ctx));
	OK(ivp__store_text_add(ctx, &t, &v));
	assert_int_equal(v, 1);
	t.body = "Tweede tekst.";
	t.user = "bob";
	OK(ivp__store_text_add(ctx, &t, &v));
	assert_int_equal(v, 2);
	t.key = "inleiding";
	t.body = "Inleiding.";
	t.user = NULL;
	OK(ivp__store_text_add(ctx, &t, &v));
	assert_int_equal(v, 1);
	t.year = 2023; /* another report: its own numbering */
	OK(ivp__store_text_add(ctx, &t, &v));
	assert_int_equal(v, 1);
	OK(ivp__store_commit(ctx));

	OK(ivp__store_begin(ctx));
	t.body = "Teruggedraaid.";
	OK(ivp__store_text_add(ctx, &t, &v));
	OK(ivp__store_rollback(ctx));

	ivp__buf_reset(&b);
	OK(ivp__store_texts_list(ctx, "voortgang", "GM0001", 2024, first_col_cb, &b));
	want_text("keys", ivp__buf_str(&b), "inleiding;prioriteit:jeugd;");
	ivp__buf_reset(&b);
	OK(ivp__store_texts_list(ctx, "voortgang", "GM0001", 2024, rows_cb, &b));
	assert_non_null(strstr(ivp__buf_str(&b), "inleiding|1|Inleiding.|unknown|"));
	assert_non_null(strstr(ivp__buf_str(&b), ";prioriteit:jeugd|2|Tweede tekst.|bob|"));
	ivp__buf_reset(&b);
	OK(ivp__store_texts_list(ctx, "voortgang", "GM0001", 2023, rows_cb, &b));
	assert_non_null(strstr(ivp__buf_str(&b), "inleiding|1|Inleiding.|unknown|"));
	assert_null(strstr(ivp__buf_str(&b), "Teruggedraaid"));
	ivp__buf_reset(&b);
	OK(ivp__store_texts_list(ctx, "raadsvoorstel", "GM0001", 2024, rows_cb, &b));
	want_text("other kind", ivp__buf_str(&b), "");

	ivp__buf_reset(&b);
	OK(ivp__store_text_history(ctx, "voortgang", "GM0001", 2024, "prioriteit:jeugd", rows_cb, &b));
	assert_memory_equal(ivp__buf_str(&b), "1|Eerste tekst.|anna|", 20);
	assert_non_null(strstr(ivp__buf_str(&b), ";2|Tweede tekst.|bob|"));
	assert_int_equal(strlen(strstr(ivp__buf_str(&b), ";2|") + 1), strlen("2|Tweede tekst.|bob|2024-01-31T12:00:00Z;"));
	ivp__buf_reset(&b);
	OK(ivp__store_text_history(ctx, "voortgang", "GM0001", 2024, "doel:G-x", rows_cb, &b));
	want_text("unknown key", ivp__buf_str(&b), "");
	ivp__buf_free(&b);
}

/* A seal for the tests: numbers after the last, links to its hash, and a
 * hash that names the entry ("h1", "h2", …); ud non-NULL: refuse. */
/* cppcheck-suppress constParameter ; the seal's type (ivp__audit_seal_fn) takes void * */
static int test_seal(void *ud, const ivp__audit_rec *last, ivp__audit_rec *r)
{
	if (ud)
		return 1;
	r->seq = last ? last->seq + 1 : 1;
	snprintf(r->prev, sizeof(r->prev), "%s", last ? last->hash : "0");
	snprintf(r->hash, sizeof(r->hash), "h%lld", (long long)r->seq);
	return 0;
}

static int audit_rows(void *ud, const ivp__audit_rec *r)
{
	return ivp__buf_printf(ud, "%lld|%s|%s|%s|%s|%s|%s;", (long long)r->seq, r->user, r->addr,
			       r->action, r->object, r->prev, r->hash) ?
		       1 :
		       0;
}

static void audit_add(ivp_ctx *ctx, const char *user, const char *action, const char *object,
		      const char *at)
{
	ivp__audit_rec r;

	memset(&r, 0, sizeof(r));
	snprintf(r.at, sizeof(r.at), "%s", at);
	snprintf(r.user, sizeof(r.user), "%s", user);
	snprintf(r.addr, sizeof(r.addr), "127.0.0.1");
	snprintf(r.action, sizeof(r.action), "%s", action);
	snprintf(r.object, sizeof(r.object), "%s", object);
	snprintf(r.after, sizeof(r.after), "%064d", 7);
	OK(ivp__store_audit_append(ctx, &r, test_seal, NULL));
}

/* The audit trail: appended in order with the seal's numbers and links,
 * outside and inside a transaction (a rollback takes the entry with it),
 * a refused seal writes nothing; walked with each filter; found by hash. */
static void test_audit_trail(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__audit_rec last, r;
	ivp__buf b;
	int64_t seq = 0;

	ivp__buf_init(&b, 1u << 16);
	assert_int_equal(ivp__store_audit_last(ctx, &last), IVP_ENOTFOUND);
	audit_add(ctx, "anna", "signin", "user:anna", "2026-01-01T10:00:00Z");
	audit_add(ctx, "anna", "import", "import:1", "2026-01-02T10:00:00Z");
	OK(ivp__store_begin(ctx));
	audit_add(ctx, "bob", "measure.update", "measure:p/m1", "2026-01-03T10:00:00Z");
	OK(ivp__store_rollback(ctx));
	audit_add(ctx, "bob", "user.add", "user:anna", "2026-01-04T10:00:00Z");
	memset(&r, 0, sizeof(r));
	snprintf(r.action, sizeof(r.action), "refused");
	assert_int_equal(ivp__store_audit_append(ctx, &r, test_seal, &r), IVP_EDB);
	OK(ivp__store_audit_last(ctx, &last));
	assert_int_equal(last.seq, 3);
	want_text("last", last.hash, "h3");
	want_text("last's prev", last.prev, "h2");
	want_text("last's at", last.at, "2026-01-04T10:00:00Z");
	assert_int_equal(strlen(last.after), 64);
	OK(ivp__store_audit_walk(ctx, 1, NULL, NULL, NULL, audit_rows, &b));
	want_text("all", ivp__buf_str(&b),
		  "1|anna|127.0.0.1|signin|user:anna|0|h1;2|anna|127.0.0.1|import|import:1|h1|h2;"
		  "3|bob|127.0.0.1|user.add|user:anna|h2|h3;");
	ivp__buf_reset(&b);
	OK(ivp__store_audit_walk(ctx, 2, NULL, NULL, NULL, audit_rows, &b));
	assert_memory_equal(ivp__buf_str(&b), "2|", 2);
	ivp__buf_reset(&b);
	OK(ivp__store_audit_walk(ctx, 1, "bob", NULL, NULL, audit_rows, &b));
	want_text("by user", ivp__buf_str(&b), "3|bob|127.0.0.1|user.add|user:anna|h2|h3;");
	ivp__buf_reset(&b);
	OK(ivp__store_audit_walk(ctx, 1, NULL, "user:anna", NULL, audit_rows, &b));
	assert_non_null(strstr(ivp__buf_str(&b), "1|anna"));
	assert_non_null(strstr(ivp__buf_str(&b), ";3|bob"));
	ivp__buf_reset(&b);
	OK(ivp__store_audit_walk(ctx, 1, NULL, NULL, "2026-01-02", audit_rows, &b));
	assert_memory_equal(ivp__buf_str(&b), "2|anna", 6);
	OK(ivp__store_audit_find(ctx, 1, "h3", &seq));
	assert_int_equal(seq, 3);
	assert_int_equal(ivp__store_audit_find(ctx, 3, "h3", &seq), IVP_ENOTFOUND);
	assert_int_equal(ivp__store_audit_find(ctx, 0, "h9", &seq), IVP_ENOTFOUND);
	ivp__buf_free(&b);
}

/* A backup is the whole database of one moment in a new file; a second
 * backup onto it is refused; a restore puts it back whole. */
static void test_backup_restore(void **state)
{
	tdb *t = *state;
	ivp_ctx *ctx = t->ctx;
	ivp__plan_version v, got;
	char path[600], why[128];
	int64_t n = 0;
	int ok = 0;

	snprintf(path, sizeof(path), "%s/backup-%ld.db", t->dir[0] ? t->dir : "/tmp", (long)getpid());
	(void)remove(path);
	memset(&v, 0, sizeof(v));
	snprintf(v.plan_id, sizeof(v.plan_id), "p");
	snprintf(v.kind, sizeof(v.kind), "import");
	snprintf(v.created_by, sizeof(v.created_by), "anna");
	v.doc = "id: p\nversie: een\n";
	OK(ivp__store_plan_version_add(ctx, &v, &n));
	OK(ivp__store_integrity(ctx, &ok, why, sizeof(why)));
	assert_int_equal(ok, 1);
	assert_int_equal(ivp__store_backup_dump(ctx), strncmp(tdb_engine, "sqlite", 6) != 0);
	if (ivp__store_backup_dump(ctx)) {
		/* PostgreSQL: pg_dump's archive, restored only into an empty database */
		tdb dst;

		OK(ivp__store_backup(ctx, path));
		assert_int_equal(ivp__store_backup(ctx, path), IVP_EDB);  /* it exists */
		assert_int_equal(ivp__store_restore(ctx, path), IVP_EDB); /* this one holds rows */
		OK(ivp__store_plan_version_get(ctx, 0, &got));
		assert_int_equal(got.version, n);
		free(got.doc);
		assert_int_equal(tdb_create(&dst), 0);
		ctx = dst.ctx;
		OK(ivp__store_restore(ctx, path));
		OK(ivp__store_plan_version_get(ctx, 0, &got));
		assert_int_equal(got.version, 1);
		want_text("restored", got.doc, "id: p\nversie: een\n");
		free(got.doc);
		/* the restored database takes writes after the restored ids */
		OK(ivp__store_plan_version_add(ctx, &v, &n));
		assert_int_equal(n, 2);
		tdb_drop(&dst);
		(void)remove(path);
		return;
	}
	OK(ivp__store_backup(ctx, path));
	assert_int_equal(ivp__store_backup(ctx, path), IVP_EDB);
	v.doc = "id: p\nversie: twee\n";
	OK(ivp__store_plan_version_add(ctx, &v, &n));
	assert_int_equal(n, 2);
	OK(ivp__store_restore(ctx, path));
	assert_int_equal(ivp__store_plan_version_get(ctx, 2, &got), IVP_ENOTFOUND);
	OK(ivp__store_plan_version_get(ctx, 0, &got));
	assert_int_equal(got.version, 1);
	want_text("restored", got.doc, "id: p\nversie: een\n");
	free(got.doc);
	(void)remove(path);
}

/* Plan versions with whether a definitief report names them; one removed. */
static void test_plan_history_refs(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__plan_version v;
	ivp__final_rec f;
	int64_t n = 0;
	int exists = 0, i;
	ivp__buf b;

	ivp__buf_init(&b, 1u << 16);
	memset(&v, 0, sizeof(v));
	snprintf(v.plan_id, sizeof(v.plan_id), "p");
	snprintf(v.created_by, sizeof(v.created_by), "anna");
	v.doc = "id: p\n";
	OK(ivp__store_begin(ctx));
	for (i = 0; i < 3; i++) {
		snprintf(v.kind, sizeof(v.kind), "%s", i ? "update" : "import");
		OK(ivp__store_plan_version_add(ctx, &v, &n));
	}
	memset(&f, 0, sizeof(f));
	snprintf(f.kind, sizeof(f.kind), "voortgang");
	snprintf(f.area, sizeof(f.area), "GM0001");
	f.year = 2024;
	snprintf(f.date, sizeof(f.date), "2025-03-31");
	snprintf(f.sha256, sizeof(f.sha256), "%064d", 1);
	snprintf(f.created_by, sizeof(f.created_by), "anna");
	f.snapshot = "{\"plan_version\": 2, \"area\": \"GM0001\"}";
	OK(ivp__store_final_add(ctx, &f, &exists));
	OK(ivp__store_commit(ctx));
	OK(ivp__store_plan_versions_refs(ctx, first_col_cb, &b));
	want_text("versions", ivp__buf_str(&b), "1;2;3;");
	ivp__buf_reset(&b);
	OK(ivp__store_plan_versions_refs(ctx, rows_cb, &b));
	assert_memory_equal(ivp__buf_str(&b), "1|import|", 9);
	assert_non_null(strstr(ivp__buf_str(&b), ";2|update|"));
	assert_non_null(strstr(ivp__buf_str(&b), "|1;3|update|"));
	assert_int_equal(ivp__buf_str(&b)[strlen(ivp__buf_str(&b)) - 2], '0');
	OK(ivp__store_plan_version_delete(ctx, 3));
	assert_int_equal(ivp__store_plan_version_delete(ctx, 3), IVP_ENOTFOUND);
	ivp__buf_reset(&b);
	OK(ivp__store_plan_versions_refs(ctx, first_col_cb, &b));
	want_text("after delete", ivp__buf_str(&b), "1;2;");
	ivp__buf_free(&b);
}

/* Definitief snapshots: written once, read back whole, a second write
 * refused without changing the first, listed. */
static void test_report_finals(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__final_rec f, got;
	int exists = -1;
	ivp__buf b;

	memset(&f, 0, sizeof(f));
	memset(&got, 0, sizeof(got));
	snprintf(f.kind, sizeof(f.kind), "voortgang");
	snprintf(f.area, sizeof(f.area), "GM0001");
	f.year = 2024;
	snprintf(f.date, sizeof(f.date), "2025-03-31");
	snprintf(f.sha256, sizeof(f.sha256), "%064d", 7);
	snprintf(f.created_by, sizeof(f.created_by), "anna");
	f.snapshot = "{\"format\":1}";
	NOTFOUND(ivp__store_final_get(ctx, "voortgang", "GM0001", 2024, &got));
	OK(ivp__store_begin(ctx));
	OK(ivp__store_final_add(ctx, &f, &exists));
	assert_int_equal(exists, 0);
	f.snapshot = "{\"format\":2}";
	OK(ivp__store_final_add(ctx, &f, &exists));
	assert_int_equal(exists, 1);
	f.year = 2023;
	OK(ivp__store_final_add(ctx, &f, &exists));
	assert_int_equal(exists, 0);
	OK(ivp__store_commit(ctx));

	OK(ivp__store_final_get(ctx, "voortgang", "GM0001", 2024, &got));
	assert_string_equal(got.snapshot, "{\"format\":1}");
	assert_string_equal(got.date, "2025-03-31");
	assert_string_equal(got.created_by, "anna");
	assert_string_equal(got.sha256, f.sha256);
	assert_string_equal(got.kind, "voortgang");
	assert_string_equal(got.area, "GM0001");
	assert_int_equal(got.year, 2024);
	assert_int_equal(strlen(got.created_at), 20);
	free(got.snapshot);
	got.snapshot = NULL;
	NOTFOUND(ivp__store_final_get(ctx, "raadsvoorstel", "GM0001", 2024, &got));
	ivp__buf_init(&b, 1u << 16);
	OK(ivp__store_finals_list(ctx, rows_cb, &b));
	{
		char want[256];

		snprintf(want, sizeof(want), "voortgang|GM0001|2023|2025-03-31|%s|anna|", f.sha256);
		assert_memory_equal(ivp__buf_str(&b), want, strlen(want));
		snprintf(want, sizeof(want), ";voortgang|GM0001|2024|2025-03-31|%s|anna|", f.sha256);
		assert_non_null(strstr(ivp__buf_str(&b), want));
	}
	ivp__buf_free(&b);
}

/* ---- coverage: every function of the door is tested ------------------------------ */

#define MAXFN 256 /* door functions (the parse stops at this many) */

typedef struct names {
	char v[MAXFN][64];
	int n;
} names;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f) {
		print_error("cannot read %s\n", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		print_error("cannot read %s\n", path);
		(void)fclose(f);
		return NULL;
	}
	p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	if (p)
		p[n] = '\0';
	(void)fclose(f); /* read only */
	return p;
}

static int has_name(const names *ns, const char *s, size_t len)
{
	int i;

	for (i = 0; i < ns->n; i++)
		if (strlen(ns->v[i]) == len && !strncmp(ns->v[i], s, len))
			return 1;
	return 0;
}

/* The functions a door header declares: lines that begin (no indent, no
 * comment) with a type and then ivp__store_NAME( */
static void declared(const char *text, names *ns)
{
	const char *line = text;

	while (*line) {
		const char *end = strchr(line, '\n'), *p;

		if (!end)
			end = line + strlen(line);
		if (*line != ' ' && *line != '\t' && *line != '/' && *line != '*' && *line != '#' &&
		    (p = strstr(line, "ivp__store_")) && p < end) {
			size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz_0123456789");

			if (p[n] == '(' && !has_name(ns, p, n) && ns->n < MAXFN && n < 64) {
				memcpy(ns->v[ns->n], p, n);
				ns->v[ns->n++][n] = '\0';
			}
		}
		line = *end ? end + 1 : end;
	}
}

/* ---- copying a whole database -------------------------------------------------------- */

typedef struct copy_text {
	ivp__buf b;
	int n;
} copy_text;

static int copy_rows_cb(void *ud, const char *const *cols, int n)
{
	copy_text *r = ud;
	int k;

	for (k = 0; k < n; k++)
		ivp__buf_printf(&r->b, "%s|", cols[k] ? cols[k] : "NULL");
	ivp__buf_addc(&r->b, '\n');
	r->n++;
	return 0;
}

/* Every table's rows into a second, empty database with their ids: the
 * copy lists the same rows (organisations, members, own themes, inputs'
 * themes and the evaluation among them, the rows the destination's
 * migrations seeded replaced), answers year_counts with the source's
 * import ids, knows the user and their organisation, and continues ids
 * after the copied ones. The table list itself: one kind per column. */
static void test_copy_tables(void **state)
{
	ivp_ctx *ctx = CTX, *src = ctx;
	tdb dst;
	int64_t ci, ci2, imp;
	ivp__user_rec u;
	int t, w, nfilled = 0, exists = -1;
	/* tables the copy must carry with rows here (the test fills them) */
	static const char *const filled[] = { "import", "area", "crime_type", "population",
					      "indicator_def", "series", "app_user", "organisation",
					      "org_member", "pt_theme", "pt_trajectory", "pt_activity",
					      "pt_input", "pt_input_theme", "pt_eval" };

	for (t = 0; t < ivp__copy_ntables; t++) {
		const char *c = ivp__copy_tables[t].cols;
		int commas = 0;

		for (; *c; c++)
			commas += *c == ',';
		assert_int_equal((int)strlen(ivp__copy_tables[t].kinds), commas + 1);
	}
	ci = codes(ctx);
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "crime", "copy-sha");
	put(ctx, "GM0001", "1.1.1", 202200, 17, 0, imp, IVP__PUT_NEW);
	put(ctx, "BU00010101", "1.2.1", 202203, 4, 1, imp, IVP__PUT_NEW);
	pop(ctx, "GM0001", 2022, "total", 1000, imp, IVP__PUT_NEW);
	OK(ivp__store_import_finish(ctx, imp, 3, 0, 0, NULL));
	OK(ivp__store_commit(ctx));
	OK(ivp__store_user_add(ctx, "anna", "editor", "$argon2id$x", &exists));
	/* a row in each table of organisations and participation */
	OK(ivp__store_org_put(ctx, "politie", "Politie", "police", &exists));
	OK(ivp__store_member_set(ctx, "anna", "politie"));
	{
		ivp__pt_theme th = { "eigen-thema", "Eigen thema", 0, 0 };
		ivp__pt_trajectory tr = { "T1", "plan-1", "Traject", "Doelen", 1, 0 };
		ivp__pt_activity a = { "A1", "T1", "wijkgesprek", "2022-10-04", "Pijnacker", "", "", "WK000101", 14, 1, 0 };
		ivp__pt_input in = { "A1", "1", "Hangjongeren", NULL, "priority", "jeugd", "", 0 };
		ivp__pt_eval g = { .plan = "oud", .kind = "goal", .id = "G1", .priority = "p1", .theme = "eigen-thema", .title = "Doel", .direction = "lower", .unit = "%", .text = "tekst", .baseline = 18, .target = 15, .result = 16.5, .margin = 2.5, .budget = NAN, .spent = 1250.5, .done = 1, .illustration = 1 };
		const char *themes[] = { "eigen-thema", "ondermijning" };
		int dup = -1;

		OK(ivp__store_begin(ctx));
		th.import_id = tr.import_id = a.import_id = in.import_id = g.import_id = imp;
		OK(ivp__store_pt_theme_put(ctx, &th, &dup));
		OK(ivp__store_pt_trajectory_put(ctx, &tr, &dup));
		OK(ivp__store_pt_activity_put(ctx, &a, &dup));
		OK(ivp__store_pt_input_put(ctx, &in, themes, 2, &dup));
		OK(ivp__store_pt_eval_put(ctx, &g, &dup));
		OK(ivp__store_commit(ctx));
	}

	assert_int_equal(tdb_create(&dst), 0);
	ctx = dst.ctx;
	OK(ivp__store_begin(ctx));
	OK(ivp__store_copy_begin(ctx));
	for (t = 0; t < ivp__copy_ntables; t++) {
		copy_text r = { { 0 }, 0 };
		int i;
		char *line, *save = NULL;

		ivp__buf_init(&r.b, 1u << 24);
		ctx = src;
		OK(ivp__store_table_rows(ctx, t, copy_rows_cb, &r));
		ctx = dst.ctx;
		/* put each row back from its text (split at |) */
		for (line = strtok_r((char *)ivp__buf_str(&r.b), "\n", &save), i = 0; line;
		     line = strtok_r(NULL, "\n", &save), i++) {
			const char *vals[IVP__COPY_MAXCOLS];
			int k = 0;
			char *f = line, *bar;

			while ((bar = strchr(f, '|')) && k < IVP__COPY_MAXCOLS) {
				*bar = '\0';
				vals[k++] = strcmp(f, "NULL") ? f : NULL;
				f = bar + 1;
			}
			OK(ivp__store_table_put(ctx, t, vals));
		}
		assert_int_equal(i, r.n);
		ivp__buf_free(&r.b);
	}
	OK(ivp__store_copy_end(ctx));
	OK(ivp__store_commit(ctx));
	for (t = 0; t < ivp__copy_ntables; t++) {
		copy_text a = { { 0 }, 0 }, b = { { 0 }, 0 };

		ivp__buf_init(&a.b, 1u << 24);
		ivp__buf_init(&b.b, 1u << 24);
		ctx = src;
		OK(ivp__store_table_rows(ctx, t, copy_rows_cb, &a));
		ctx = dst.ctx;
		OK(ivp__store_table_rows(ctx, t, copy_rows_cb, &b));
		for (w = 0; w < (int)(sizeof(filled) / sizeof(filled[0])); w++) {
			if (strcmp(ivp__copy_tables[t].name, filled[w]))
				continue;
			nfilled++;
			if (!a.n) {
				print_error("table %s has no rows to copy in this test\n", filled[w]);
				fail();
			}
		}
		if (a.n != b.n || strcmp(ivp__buf_str(&a.b), ivp__buf_str(&b.b))) {
			print_error("table %s differs after the copy:\n%s---\n%s", ivp__copy_tables[t].name,
				    ivp__buf_str(&a.b), ivp__buf_str(&b.b));
			fail();
		}
		ivp__buf_free(&a.b);
		ivp__buf_free(&b.b);
	}
	/* each of them is in the list of tables copied */
	assert_int_equal(nfilled, (int)(sizeof(filled) / sizeof(filled[0])));
	ctx = dst.ctx;
	want_year("copied 1.1.1 2022", year1(ctx, "GM0001", "1.1.1", 2022), 1, 17, 0, 0, imp);
	OK(ivp__store_user_get(ctx, "anna", &u));
	assert_string_equal(u.role, "editor");
	{
		char org[32];

		OK(ivp__store_member_get(ctx, "anna", org));
		assert_string_equal(org, "politie");
	}
	/* new rows after the copied ids */
	OK(ivp__store_begin(ctx));
	ci2 = new_import(ctx, "codes", "after-copy-sha");
	OK(ivp__store_commit(ctx));
	assert_true(ci2 > imp && ci2 > ci);
	tdb_drop(&dst);
}

/* The signals register (signal_store.h): sealed fields are opaque text
 * here; a put of the same id by the same import is a duplicate; the
 * history starts with the first status; a weighing needs its signal and
 * meeting; counts group the weighed signals; delete takes every row. */
static void test_signals(void **state)
{
	ivp_ctx *ctx = CTX;
	ivp__sig_rec a = { "S-2026-0001", "2026-01-05", "resident", "drugs", "BU00010101", "WK000101",
			   "a1b2", "c3d4", NULL, NULL, "received", "mona", "2026-01-05T10:00:00Z", 0 };
	ivp__sig_rec c = { "S-2026-0012", "2026-02-01", "police", "real_estate", NULL, NULL,
			   NULL, "ee", "ff", "00", NULL, "mona", "2026-02-01T09:00:00Z", 0 };
	ivp__sig_weighing w = { "S-2026-0001", "2026-02-10", 0, 1, 1, 0, "none", "", "abcd", NULL, NULL,
				"mona", "2026-02-10T12:00:00Z" };
	int64_t imp, n = -1, m1 = 0, m2 = 0;
	int dup = -1;

	codes(ctx);
	OK(ivp__store_begin(ctx));
	imp = new_import(ctx, "signals", "sig1");
	a.import_id = imp;
	OK(ivp__store_sig_put(ctx, &a, &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_sig_put(ctx, &a, &dup));
	assert_int_equal(dup, 1); /* twice in one import */
	OK(ivp__store_sig_put(ctx, &c, &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_sig_last(ctx, 2026, &n));
	assert_int_equal(n, 12);
	OK(ivp__store_sig_last(ctx, 2025, &n));
	assert_int_equal(n, 0);
	OK(ivp__store_sig_meeting_add(ctx, "2026-02-10", "gemeente,politie", "mona", &m1));
	OK(ivp__store_sig_meeting_add(ctx, "2026-01-20", "gemeente", "mona", &m2));
	assert_true(m1 > 0 && m2 > m1);
	OK(ivp__store_sig_agenda_add(ctx, m1, "S-2026-0001", &dup));
	assert_int_equal(dup, 0);
	OK(ivp__store_sig_agenda_add(ctx, m1, "S-2026-0001", &dup));
	assert_int_equal(dup, 1);
	OK(ivp__store_sig_agenda_add(ctx, m2, "S-2026-0012", &dup));
	NOTFOUND(ivp__store_sig_agenda_add(ctx, m1, "S-2026-0099", &dup));
	NOTFOUND(ivp__store_sig_agenda_add(ctx, m1 + 100, "S-2026-0001", &dup));
	w.meeting = m1;
	OK(ivp__store_sig_weigh(ctx, &w));
	w.signal = "S-2026-0099";
	NOTFOUND(ivp__store_sig_weigh(ctx, &w));
	w.signal = "S-2026-0012", w.meeting = m1 + 100;
	NOTFOUND(ivp__store_sig_weigh(ctx, &w));
	w.meeting = 0, w.date = "2026-03-02", w.outcome = "department", w.department = "bibob",
	w.checks_x = NULL, w.followup = "2026-06-01", w.result_x = "99";
	OK(ivp__store_sig_weigh(ctx, &w));
	OK(ivp__store_sig_status(ctx, "S-2026-0001", "weighed", "mona", "2026-02-10T12:00:01Z"));
	NOTFOUND(ivp__store_sig_status(ctx, "S-2026-0099", "weighed", "mona", "2026-02-10T12:00:01Z"));
	OK(ivp__store_sig_handler(ctx, "S-2026-0012", "dirk", "2026-03-02T12:00:00Z"));
	NOTFOUND(ivp__store_sig_handler(ctx, "S-2026-0099", "dirk", "2026-03-02T12:00:00Z"));
	OK(ivp__store_commit(ctx));

	WANT_ROWS("one signal", ivp__store_sig_rows(ctx, "S-2026-0001", rows_cb, &b),
		  "S-2026-0001|2026-01-05|resident|drugs|BU00010101|WK000101|a1b2|c3d4|~|~|weighed|mona|~|"
		  "2026-01-05T10:00:00Z|2026-02-10T12:00:01Z|none;");
	WANT_ROWS("every signal", ivp__store_sig_rows(ctx, NULL, first_col_cb, &b), "S-2026-0001;S-2026-0012;");
	NOTFOUND(ivp__store_sig_rows(ctx, "S-2026-0099", rows_cb, NULL));
	WANT_ROWS("weighings", ivp__store_sig_weighings(ctx, NULL, rows_cb, &b),
		  "S-2026-0001|2026-02-10|1|1|1|0|none||abcd|~|~|mona|2026-02-10T12:00:00Z;"
		  "S-2026-0012|2026-03-02|~|1|1|0|department|bibob|~|2026-06-01|99|mona|2026-02-10T12:00:00Z;");
	WANT_ROWS("history", ivp__store_sig_history(ctx, "S-2026-0001", rows_cb, &b),
		  "1|received|mona|2026-01-05T10:00:00Z;2|weighed|mona|2026-02-10T12:00:01Z;");
	WANT_ROWS("meetings by date", ivp__store_sig_meetings(ctx, first_col_cb, &b), "2;1;");
	WANT_ROWS("agenda", ivp__store_sig_agenda(ctx, m1, rows_cb, &b), "1|2026-02-10|S-2026-0001;");
	WANT_ROWS("counts", ivp__store_sig_counts(ctx, rows_cb, &b),
		  "drugs|none|2026-02|WK000101|1;real_estate|department|2026-03||1;");
	WANT_ROWS("weighed no action until", ivp__store_sig_weighed_by(ctx, "none", "2026-02-10", rows_cb, &b),
		  "S-2026-0001|2026-02-10;");
	WANT_ROWS("not before", ivp__store_sig_weighed_by(ctx, "none", "2026-02-09", rows_cb, &b), "");
	OK(ivp__store_begin(ctx));
	OK(ivp__store_sig_delete(ctx, "S-2026-0001"));
	NOTFOUND(ivp__store_sig_delete(ctx, "S-2026-0001"));
	OK(ivp__store_commit(ctx));
	WANT_ROWS("deleted", ivp__store_sig_rows(ctx, NULL, first_col_cb, &b), "S-2026-0012;");
	WANT_ROWS("its history gone", ivp__store_sig_history(ctx, "S-2026-0001", rows_cb, &b), "");
	WANT_ROWS("its agenda row gone", ivp__store_sig_agenda(ctx, 0, rows_cb, &b), "2|2026-01-20|S-2026-0012;");
}

/* The body of `static void NAME(void **state)` in the suite's source. */
static const char *body_of(const char *src, const char *test, size_t *len)
{
	char head[128];
	const char *a, *b;

	snprintf(head, sizeof(head), "static void %s(void **state)\n{", test);
	if (!(a = strstr(src, head)) || !(b = strstr(a, "\n}\n")))
		return NULL;
	*len = (size_t)(b - a);
	return a;
}

static void test_every_door_function_covered(void **state)
{
	static const char *const headers[] = { "store.h", "plan_store.h", "auth_store.h", "geo_store.h",
					       "group_store.h", "report_store.h", "org_store.h", "copy_store.h", "audit_store.h", "particip_store.h",
					       "reg_store.h", "signal_store.h", "case_store.h" };
	names decl = { .n = 0 };
	char path[1024], *src;
	size_t i, k;
	int bad = 0, d;

	(void)state;
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		char *h;

		snprintf(path, sizeof(path), "%s/%s", IVP_STORE_HEADERS, headers[i]);
		h = slurp(path);
		assert_non_null(h);
		declared(h, &decl);
		free(h);
	}
	assert_true(decl.n >= 50); /* the parse found the door */
	src = slurp(IVP_CONFORMANCE_SRC);
	assert_non_null(src);
	/* every declared function is covered by a test */
	for (d = 0; d < decl.n; d++) {
		int found = 0;

		for (k = 0; k < sizeof(covers) / sizeof(covers[0]) && !found; k++) {
			const char *p = covers[k].fns;
			size_t n = strlen(decl.v[d]);

			while ((p = strstr(p, decl.v[d])))
				if ((p[n] == ' ' || !p[n]) && (p == covers[k].fns || p[-1] == ' ')) {
					found = 1;
					break;
				} else {
					p += n;
				}
		}
		if (!found) {
			print_error("%s is declared by the door but covered by no test (covers[] in %s)\n",
				    decl.v[d], IVP_CONFORMANCE_SRC);
			bad = 1;
		}
	}
	/* every name in covers[] is declared, and its test calls it */
	for (k = 0; k < sizeof(covers) / sizeof(covers[0]); k++) {
		const char *p = covers[k].fns, *body;
		size_t blen = 0;

		body = body_of(src, covers[k].test, &blen);
		if (!body) {
			print_error("covers[] names %s, which is not a test of the suite\n", covers[k].test);
			bad = 1;
			continue;
		}
		while (*p) {
			size_t n = strcspn(p, " ");
			char call[80];
			const char *q;
			int called = 0;

			if (!has_name(&decl, p, n)) {
				print_error("%s: %.*s is not a function of the door\n", covers[k].test, (int)n, p);
				bad = 1;
			}
			snprintf(call, sizeof(call), "%.*s(", (int)n, p);
			for (q = body; (q = strstr(q, call)) && q < body + blen; q++)
				called = 1;
			if (!called) {
				print_error("%s claims %.*s but does not call it\n", covers[k].test, (int)n, p);
				bad = 1;
			}
			p += n;
			p += strspn(p, " ");
		}
	}
	free(src);
	assert_int_equal(bad, 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_areas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fact_put_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_and_month_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_years, setup, teardown),
		cmocka_unit_test_setup_teardown(test_imports, setup, teardown),
		cmocka_unit_test_setup_teardown(test_code_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_population, setup, teardown),
		cmocka_unit_test_setup_teardown(test_definitions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_versions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_municipalities, setup, teardown),
		cmocka_unit_test_setup_teardown(test_local_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_area_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_users, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attempts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attempts_pair, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attempt_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions_trim, setup, teardown),
		cmocka_unit_test_setup_teardown(test_totp_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_boundaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_groups, setup, teardown),
		cmocka_unit_test_setup_teardown(test_region_plans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_orgs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_municipalities, setup, teardown),
		cmocka_unit_test_setup_teardown(test_level_population, setup, teardown),
		cmocka_unit_test_setup_teardown(test_participation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tenant_registers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_texts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_finals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_callback_stop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reg_store, setup, teardown),
		cmocka_unit_test_setup_teardown(test_copy_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_trail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_backup_restore, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_history_refs, setup, teardown),
		cmocka_unit_test(test_every_door_function_covered),
	};
	const char *env = getenv("IVP_TEST_DB");
	size_t k;

	if (argc > 1)
		tdb_engine = argv[1];
	else if (env && *env)
		tdb_engine = env;
	printf("storage conformance on engine \"%s\"; door functions covered:\n", tdb_engine);
	for (k = 0; k < sizeof(covers) / sizeof(covers[0]); k++)
		printf("  %s: %s\n", covers[k].test, covers[k].fns);
	(void)fflush(stdout); /* before cmocka's own output */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
