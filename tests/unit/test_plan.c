/*
 * test_plan.c — unit tests of the plan module: the goal status rule on
 * constructed cases (including changes inside the noise), the canonical
 * YAML round trip, money parsing, and problems with line:column; a goal
 * fed by a register count: the names, the suppression of a year's count
 * (registers/plan_counts.h) and what it makes of the goal's value.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan/diff.h"
#include "plan/plan.h"
#include "plan/progress.h"
#include "registers/plan_counts.h"
#include "stats/suppress.h"

int ivp__money_parse(const char *s, int64_t *cents);

static pl_goal goal(const char *dir, double b, int y0, double t, int y1)
{
	pl_goal g;

	memset(&g, 0, sizeof(g));
	g.direction = (char *)dir;
	g.baseline.value = b;
	g.baseline.year = y0;
	g.target.value = t;
	g.target.year = y1;
	return g;
}

static obs seen(int year, double v, double lo, double hi, int base_sig)
{
	obs o;

	memset(&o, 0, sizeof(o));
	o.has = 1;
	o.year = year;
	o.v = v;
	o.lo = lo;
	o.hi = hi;
	o.base_sig = base_sig;
	o.base_known = 1;
	return o;
}

static const char *status(pl_goal g, obs o, double *e)
{
	static const char *const w[ST_N] = { "no data", "no status", "on track", "at risk", "off track" };
	char why[512];

	return w[ivp__plan_status(&g, &o, e, why, sizeof(why))];
}

static void test_status_rule(void **state)
{
	pl_goal g = goal("lower", 100, 2022, 80, 2026); /* expected 90 in 2024 */
	double e;

	(void)state;
	/* ahead of the line and beyond the noise */
	assert_string_equal(status(g, seen(2024, 85, 80, 89, 1), &e), "on track");
	assert_true(fabs(e - 90) < 1e-9);
	/* ahead of the line by the point, but the change since the baseline is
	 * inside the noise: not on track by itself */
	assert_string_equal(status(g, seen(2024, 88, 70, 106, 0), &e), "at risk");
	/* behind the line, interval reaches the line: at risk, not off track */
	assert_string_equal(status(g, seen(2024, 95, 88, 102, 0), &e), "at risk");
	/* behind the line beyond the noise */
	assert_string_equal(status(g, seen(2024, 101, 97, 105, 0), &e), "off track");
	/* a fall that is significant but slower than the line, interval touches the line */
	assert_string_equal(status(g, seen(2024, 93, 89.5, 96.5, 1), &e), "at risk");
	/* past the target year the line is the target */
	assert_string_equal(status(g, seen(2027, 79, 78, 80, 1), &e), "on track");
	assert_true(fabs(e - 80) < 1e-9);
	/* higher is better, mirrored */
	g = goal("higher", 0, 2022, 12, 2026);
	assert_string_equal(status(g, seen(2024, 8, 8, 8, 1), &e), "on track");
	assert_string_equal(status(g, seen(2024, 5, 5, 5, 1), &e), "off track");
	/* hold a level: target equals baseline */
	g = goal("lower", 5, 2022, 5, 2026);
	assert_string_equal(status(g, seen(2024, 4.8, 4, 5.6, 0), &e), "on track");
	assert_string_equal(status(g, seen(2024, 5.3, 4.5, 6.1, 0), &e), "at risk");
	assert_string_equal(status(g, seen(2024, 7, 6, 8, -1), &e), "off track");
}

static void test_status_no_data(void **state)
{
	pl_goal g = goal("lower", 100, 2022, 80, 2026);
	obs o;
	double e;

	(void)state;
	memset(&o, 0, sizeof(o));
	snprintf(o.why, sizeof(o.why), "no value for x");
	assert_string_equal(status(g, o, &e), "no data");
	assert_true(isnan(e));
	snprintf(o.why, sizeof(o.why), "values in different units are never compared");
	o.other_unit = 1; /* what progress.c sets with that reason */
	assert_string_equal(status(g, o, &e), "no status");
}

static void test_money(void **state)
{
	int64_t c = -1;
	char buf[32];

	(void)state;
	assert_int_equal(ivp__money_parse("95000", &c), 0);
	assert_int_equal(c, 9500000);
	assert_int_equal(ivp__money_parse("12.5", &c), 0);
	assert_int_equal(c, 1250);
	assert_int_equal(ivp__money_parse("12.345", &c), -1);
	assert_int_equal(ivp__money_parse("1,000", &c), -1);
	assert_int_equal(ivp__money_parse("€5", &c), -1);
	assert_int_equal(ivp__money_parse("", &c), -1);
	ivp__money_format(1250, buf, sizeof(buf));
	assert_string_equal(buf, "12.50");
	ivp__money_format(66500000, buf, sizeof(buf));
	assert_string_equal(buf, "665000");
}

static const char plan_text[] =
	"ivp_plan: 1\nid: \"p\"\ntitle: \"T \\\"q\\\" \\u00e9\"\nmunicipality: GM1926\nfrom: 2023\nto: 2026\n"
	"priorities:\n  - id: a\n    title: A\n    cross_cutting: true\n"
	"budget:\n  - year: 2023\n    amount: 95000\n    source: s\n    document: d\n"
	"  - year: 2024\n    amount: 190000.5\n    source: s\n    document: d\n";

static void test_roundtrip(void **state)
{
	pl_problems pr = { 0 };
	pl_plan *p = ivp__plan_read(plan_text, sizeof(plan_text) - 1, &pr), *q;
	char *a = NULL, *b = NULL;

	(void)state;
	assert_non_null(p);
	assert_int_equal(pr.n, 0);
	assert_int_equal(p->budget.n, 2);
	assert_int_equal(((pl_budget *)p->budget.v)[1].cents, 19000050);
	assert_string_equal(p->title, "T \"q\" \xc3\xa9");
	assert_int_equal(ivp__plan_write(p, &a), 0);
	q = ivp__plan_read(a, strlen(a), &pr);
	assert_non_null(q);
	assert_int_equal(ivp__plan_write(q, &b), 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	ivp__plan_free(p);
	ivp__plan_free(q);
	ivp__pl_problems_free(&pr);
}

/* ---- the readable diff (diff.c) ---- */

static const char diff_a[] =
	"ivp_plan: 1\nid: t\ntitle: T\nmunicipality: GM1926\nfrom: 2023\nto: 2026\n"
	"partners:\n  - id: gem\n    name: G\n"
	"priorities:\n  - id: p1\n    title: P1\n    fields: [1]\n    ambitions:\n"
	"      - id: a1\n        title: A1\n        goals:\n"
	"          - id: g1\n            title: G1\n            kind: effect\n            indicator: totaal\n"
	"            direction: lower\n            baseline:\n              value: 30\n              year: 2022\n"
	"            target:\n              value: 27\n              year: 2026\n"
	"      - id: a2\n        title: A2\n"
	"implementation:\n  - id: up\n    title: UP\n    from: 2023\n    to: 2024\n    measures:\n"
	"      - id: m1\n        title: M1\n        priority: p1\n        owner: gem\n        status: planned\n"
	"        budget:\n          2023: 500\n          2024: 600\n"
	"budget:\n  - year: 2023\n    amount: 1000\n    source: s\n    document: d\n";

typedef struct seen_change {
	int n;
	char rows[16][256];
} seen_change;

static int record(void *ud, const char *object, const char *id, const char *title, const char *change,
		  const char *field, const char *old, const char *nw)
{
	seen_change *s = ud;

	(void)title;
	if (s->n < 16)
		snprintf(s->rows[s->n], sizeof(s->rows[0]), "%s %s %s %s %s -> %s", object, id, change,
			 field ? field : "-", old ? old : "-", nw ? nw : "-");
	s->n++;
	return 0;
}

static void test_diff(void **state)
{
	pl_problems pr = { 0 };
	pl_plan *a = ivp__plan_read(diff_a, sizeof(diff_a) - 1, &pr), *b;
	seen_change s;
	char *text;
	int i;

	(void)state;
	assert_non_null(a);
	/* the same plan: nothing */
	b = ivp__plan_read(diff_a, sizeof(diff_a) - 1, &pr);
	memset(&s, 0, sizeof(s));
	assert_int_equal(ivp__plan_diff(a, b, record, &s), 0);
	assert_int_equal(s.n, 0);
	ivp__plan_free(b);
	/* a target changed, the goal moved to a2, a budget year dropped and one
	 * changed, a measure added, the partner's name changed, the plan's title */
	text = strdup(diff_a);
	assert_non_null(text);
	{
		char *t = strstr(text, "value: 27"), *g, *m;

		t[8] = '6';
		/* move g1 from a1 to a2: cut the goals block and put it under a2 */
		g = strstr(text, "        goals:\n");
		m = strstr(text, "      - id: a2\n        title: A2\n");
		assert_non_null(g);
		assert_non_null(m);
		{
			size_t glen = (size_t)(m - g), alen = strlen("      - id: a2\n        title: A2\n");
			char *goals = strndup(g, glen), *rest = strdup(m + alen), *out = malloc(strlen(text) + 400);

			assert_non_null(out);
			snprintf(out, strlen(text) + 400, "%.*s      - id: a2\n        title: A2\n%s%s", (int)(g - text), text, goals, rest);
			free(goals);
			free(rest);
			free(text);
			text = out;
		}
	}
	{
		char *t = strstr(text, "          2024: 600\n"), *u;

		memmove(t, t + strlen("          2024: 600\n"), strlen(t + strlen("          2024: 600\n")) + 1);
		t = strstr(text, "2023: 500");
		t[6] = '7';
		u = strstr(text, "budget:\n  - year");
		{
			char *out = malloc(strlen(text) + 400);

			assert_non_null(out);
			snprintf(out, strlen(text) + 400,
				 "%.*s      - id: m2\n        title: M2\n        priority: p1\n        owner: gem\n        status: running\n%s",
				 (int)(u - text), text, u);
			free(text);
			text = out;
		}
	}
	b = ivp__plan_read(text, strlen(text), &pr);
	if (!b)
		for (i = 0; i < pr.n; i++)
			print_message("%d:%d %s\n", pr.v[i].line, pr.v[i].col, pr.v[i].message);
	assert_non_null(b);
	memset(&s, 0, sizeof(s));
	assert_int_equal(ivp__plan_diff(a, b, record, &s), 0);
	for (i = 0; i < s.n && i < 16; i++)
		print_message("%s\n", s.rows[i]);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.rows[0], "goal g1 changed parent a1 -> a2");
	assert_string_equal(s.rows[1], "goal g1 changed target.value 27 -> 26");
	assert_string_equal(s.rows[2], "measure m1 changed budget.2023 500 -> 700");
	assert_string_equal(s.rows[3], "measure m1 changed budget.2024 600 -> -");
	assert_string_equal(s.rows[4], "measure m2 added - - -> -");
	/* and back: the measure is removed */
	memset(&s, 0, sizeof(s));
	assert_int_equal(ivp__plan_diff(b, a, record, &s), 0);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.rows[4], "measure m2 removed - - -> -");
	free(text);
	ivp__plan_free(a);
	ivp__plan_free(b);
	ivp__pl_problems_free(&pr);
}

static void test_problems_positions(void **state)
{
	static const char bad[] = "ivp_plan: 1\nid: p\ntitle: t\nmunicipality: GM1926\nfrom: 2023\nto: [1]\n"
				  "priorities:\n  - id: a\n    titel: A\n";
	pl_problems pr = { 0 };
	pl_plan *p = ivp__plan_read(bad, sizeof(bad) - 1, &pr);

	(void)state;
	assert_null(p);
	assert_int_equal(pr.n, 3);
	/* to: a list where a year is due */
	assert_int_equal(pr.v[0].line, 6);
	assert_int_equal(pr.v[0].col, 1);
	assert_string_equal(pr.v[0].field, "to");
	/* misspelt field */
	assert_int_equal(pr.v[1].line, 9);
	assert_int_equal(pr.v[1].col, 5);
	assert_string_equal(pr.v[1].message, "unknown field \"titel\" in priority");
	/* and so the title is missing, reported where the item starts */
	assert_string_equal(pr.v[2].message, "missing title in priority");
	assert_int_equal(pr.v[2].line, 8);
	ivp__pl_problems_free(&pr);
}

/* The same problems in Dutch: the reader formats them in the problems'
 * language, the detail and hint too (issue 11). */
static void test_problems_dutch(void **state)
{
	static const char bad[] = "ivp_plan: 1\nid: p\ntitle: t\nmunicipality: GM1926\nfrom: 2023\nto: [1]\n"
				  "priorities:\n  - id: a\n    titel: A\n";
	pl_problems pr = { .lang = "nl" };
	pl_plan *p = ivp__plan_read(bad, sizeof(bad) - 1, &pr);

	(void)state;
	assert_null(p);
	assert_int_equal(pr.n, 3);
	assert_string_equal(pr.v[0].message, "verkeerd soort waarde voor \"to\": verwacht een jaar zoals 2024");
	assert_string_equal(pr.v[0].detail, "Er staat een lijst.");
	assert_string_equal(pr.v[0].hint, "Schrijf een jaar zoals 2024 voor to.");
	assert_string_equal(pr.v[1].message, "onbekend veld \"titel\" in prioriteit");
	assert_string_equal(pr.v[2].message, "title ontbreekt in prioriteit");
	assert_string_equal(pr.v[2].hint, "Voeg \"title:\" toe met een tekst aan dit onderdeel (prioriteit).");
	ivp__pl_problems_free(&pr);
}

/* The names a plan may use after "register:" and nothing else. */
static void test_register_names(void **state)
{
	int i;

	(void)state;
	for (i = 0; ivp__reg_aggregates[i]; i++)
		assert_true(ivp__reg_aggregate_known(ivp__reg_aggregates[i]));
	assert_int_equal(i, 20);
	assert_true(ivp__reg_aggregate_known("signals/weighed"));
	assert_true(ivp__reg_aggregate_known("signals/outcome/riec"));
	assert_true(ivp__reg_aggregate_known("cases/status/in_progress"));
	assert_false(ivp__reg_aggregate_known("signals/outcome/RIEC"));
	assert_false(ivp__reg_aggregate_known("signals"));
	assert_false(ivp__reg_aggregate_known("cases/closed/"));
	assert_false(ivp__reg_aggregate_known(""));
	assert_false(ivp__reg_aggregate_known(NULL));
}

static ivp__reg_series series(int year0, int n, const int64_t *v, int total_flag)
{
	ivp__reg_series s;

	memset(&s, 0, sizeof(s));
	s.year0 = year0;
	s.n = n;
	memcpy(s.v, v, (size_t)n * sizeof(*v));
	s.total_flag = total_flag;
	return s;
}

/* A year's count: primary (1-4), secondary against the published total
 * and against its published quarters, and the two rules together. */
static void test_register_series(void **state)
{
	static const int64_t one[] = { 8 }, small[] = { 2 }, zero[] = { 0 }, two[] = { 1, 8 }, three[] = { 3, 9, 7 },
			     both_small[] = { 2, 3 }, q[] = { 6, 9 };
	ivp__reg_series s;

	(void)state;
	s = series(2024, 1, one, IVP__SHOW);
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__SHOW);
	assert_int_equal(ivp__reg_series_flag(&s, 2025), IVP__SHOW); /* no records: 0 */
	s = series(2024, 1, small, IVP__HIDE_SMALL);
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__HIDE_SMALL);
	s = series(2024, 1, zero, IVP__SHOW);
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__SHOW); /* 0 identifies nobody */
	/* 1 in 2023 and 8 in 2024 with the total 9 published: 9 - 8 would give the 1 back */
	s = series(2023, 2, two, IVP__SHOW);
	assert_int_equal(ivp__reg_series_flag(&s, 2023), IVP__HIDE_SMALL);
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__HIDE_SECOND);
	/* the same total hidden where it is published: nothing to give back */
	s = series(2023, 2, two, IVP__HIDE_SECOND);
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__SHOW);
	/* the smallest visible year is hidden, the others stay */
	s = series(2022, 3, three, IVP__SHOW);
	assert_int_equal(ivp__reg_series_flag(&s, 2022), IVP__HIDE_SMALL);
	assert_int_equal(ivp__reg_series_flag(&s, 2023), IVP__SHOW);
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__HIDE_SECOND);
	/* two hidden years leave no equation with one unknown */
	s = series(2023, 2, both_small, IVP__SHOW);
	assert_int_equal(ivp__reg_series_flag(&s, 2023), IVP__HIDE_SMALL);
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__HIDE_SMALL);
	/* quarters: one hidden quarter of 2024 in the published list hides the
	 * year; then the total (shown) and 2023 would give 2024 back: 2023 too */
	s = series(2023, 2, q, IVP__SHOW);
	s.has_q = 1;
	s.qflag[1][2] = IVP__HIDE_SMALL;
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__HIDE_SECOND);
	assert_int_equal(ivp__reg_series_flag(&s, 2023), IVP__HIDE_SECOND);
	/* two hidden quarters: the year may be shown */
	s.qflag[1][3] = IVP__HIDE_SECOND;
	assert_int_equal(ivp__reg_series_flag(&s, 2024), IVP__SHOW);
	assert_int_equal(ivp__reg_series_flag(&s, 2023), IVP__SHOW);
}

/* What a count makes of a goal: a shown count is an exact measured value;
 * a hidden one is no value, shown as "< 5" or "x", with the reason. */
static void test_register_obs(void **state)
{
	pl_goal g = goal("higher", 0, 2023, 12, 2026);
	obs o;
	double e;
	char why[700];

	(void)state;
	g.indicator = "register:signals/weighed";
	memset(&o, 0, sizeof(o));
	o.lang = "en";
	ivp__plan_register_obs(&g, 2024, 8, IVP__SHOW, &o);
	assert_true(o.has);
	assert_int_equal(o.year, 2024);
	assert_true(o.v == 8 && o.lo == 8 && o.hi == 8 && o.exact);
	assert_int_equal(o.base_sig, 1);
	assert_string_equal(o.shown, "");
	assert_string_equal(o.unit, "count");
	assert_string_equal(o.source, "register count signals/weighed of 2024 (counts without persons; 1 to 4 shown as \"< 5\")");
	/* 8 in 2024 is ahead of the line (4 expected) and beyond the baseline */
	assert_int_equal(ivp__plan_status(&g, &o, &e, why, sizeof(why)), ST_ON);
	assert_true(fabs(e - 4) < 1e-9);

	memset(&o, 0, sizeof(o));
	o.lang = "en";
	g.unit = "signalen";
	ivp__plan_register_obs(&g, 2024, 0, IVP__HIDE_SMALL, &o);
	assert_false(o.has);
	assert_string_equal(o.shown, "< 5");
	assert_string_equal(o.unit, "signalen");
	assert_string_equal(o.why, "the count signals/weighed of 2024 is below 5 and shown as \"< 5\" (counts of 1 to 4 are never shown): it is not used as a measured value");
	assert_int_equal(ivp__plan_status(&g, &o, &e, why, sizeof(why)), ST_NODATA);
	assert_string_equal(why, o.why);
	assert_true(isnan(e));

	memset(&o, 0, sizeof(o));
	o.lang = "nl";
	ivp__plan_register_obs(&g, 2025, 0, IVP__HIDE_SECOND, &o);
	assert_false(o.has);
	assert_string_equal(o.shown, "x");
	assert_string_equal(o.why, "de telling signals/weighed van 2025 is verborgen (\"x\") zodat geen totaal met zijn delen een aantal onder de 5 teruggeeft: ze telt niet als gemeten waarde");

	/* a count equal to the baseline is no change; one below it for a goal
	 * that asks for more is a change the wrong way */
	memset(&o, 0, sizeof(o));
	o.lang = "en";
	g.baseline.value = 6;
	ivp__plan_register_obs(&g, 2024, 6, IVP__SHOW, &o);
	assert_int_equal(o.base_sig, 0);
	ivp__plan_register_obs(&g, 2024, 5, IVP__SHOW, &o);
	assert_int_equal(o.base_sig, -1);
}

/* A stored summary always says the plural ("1 priorities"); it is shown
 * with the singular for a count of one, in Dutch and in English, and the
 * plural for 2 (issue 11, "1 rijen"). */
static void test_summary_plurals(void **state)
{
	char out[256];

	(void)state;
	ivp__plan_summary_tr("nl", "import of a.yaml: 1 priorities, 2 goals, 1 measures, 2 budget years", out, sizeof(out));
	assert_string_equal(out, "import van a.yaml: 1 prioriteit, 2 doelen, 1 maatregel, 2 begrotingsjaren");
	ivp__plan_summary_tr("nl", "import of a.yaml: 2 priorities, 1 goals, 2 measures, 1 budget years", out, sizeof(out));
	assert_string_equal(out, "import van a.yaml: 2 prioriteiten, 1 doel, 2 maatregelen, 1 begrotingsjaar");
	ivp__plan_summary_tr("en", "import of a.yaml: 1 priorities, 2 goals, 1 measures, 2 budget years", out, sizeof(out));
	assert_string_equal(out, "import of a.yaml: 1 priority, 2 goals, 1 measure, 2 budget years");
	ivp__plan_summary_tr("en", "import of a.yaml: 2 priorities, 1 goals, 2 measures, 1 budget years", out, sizeof(out));
	assert_string_equal(out, "import of a.yaml: 2 priorities, 1 goal, 2 measures, 1 budget year");
	ivp__plan_summary_tr("nl", "import of b.yaml: 1 fields changed, 2 added, 0 removed since version 3", out, sizeof(out));
	assert_string_equal(out, "import van b.yaml: 1 veld veranderd, 2 toegevoegd, 0 verwijderd sinds versie 3");
	ivp__plan_summary_tr("en", "import of b.yaml: 2 fields changed, 0 added, 1 removed since version 3", out, sizeof(out));
	assert_string_equal(out, "import of b.yaml: 2 fields changed, 0 added, 1 removed since version 3");
	ivp__plan_summary_tr("en", "import of b.yaml: 1 fields changed, 0 added, 1 removed since version 3", out, sizeof(out));
	assert_string_equal(out, "import of b.yaml: 1 field changed, 0 added, 1 removed since version 3");
	/* another shape is shown as stored */
	ivp__plan_summary_tr("en", "import of c.yaml: 1 things", out, sizeof(out));
	assert_string_equal(out, "import of c.yaml: 1 things");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_rule),
		cmocka_unit_test(test_status_no_data),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_problems_positions),
		cmocka_unit_test(test_problems_dutch),
		cmocka_unit_test(test_summary_plurals),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_register_names),
		cmocka_unit_test(test_register_series),
		cmocka_unit_test(test_register_obs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
