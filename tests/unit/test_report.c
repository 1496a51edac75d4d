/*
 * test_report.c — unit tests of the report (src/report/): the model of the
 * example's 2024 progress report (status counts per priority, budget sums,
 * the default year and date), the document's chapters in order, the Dutch
 * formats, and the refusals (a year without a plan, an area
 * the plan is not for, no plan at all); the narrative texts (keys, the
 * check of a text, paragraphs, the missing ones named) and the snapshot of
 * a definitief report (read back to the same bytes and the same HTML).
 *
 * The database is built from the bundled example (examples/pijnacker-
 * nootdorp) through the public import API, in a temporary directory.
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

#include "report/funnel.h"
#include "report/report.h"

#define EXAMPLE IVP_SOURCE_DIR "/examples/pijnacker-nootdorp"

static char dir[256];

static void import(ivp_ctx *ctx, ivp_import_kind kind, const char *file, int skip)
{
	ivp_import_opts o;
	ivp_import_result r;
	const char *paths[1];

	memset(&o, 0, sizeof(o));
	o.skip_unknown_regions = skip;
	paths[0] = file;
	if (ivp_import(ctx, kind, paths, 1, &o, &r))
		fail_msg("import %s: %s", file, ivp_last_error(ctx)->message);
}

static int setup(void **state)
{
	char db[300];
	ivp_ctx *ctx;
	ivp_error e;
	ivp_import_result r;
	ivp_plan_result pr;
	ivp_table *probs = NULL;
	ivp_import_opts o;

	snprintf(dir, sizeof(dir), "/tmp/ivp-test-report-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof(db), "%s/ivp.db", dir);
	if (ivp_open(db, &ctx, &e))
		return -1;
	import(ctx, IVP_IMPORT_CODES, EXAMPLE "/data/allemisdrijven_metadata_21122025.csv", 0);
	import(ctx, IVP_IMPORT_POPULATION, EXAMPLE "/data/bevolkingeindeperiod_jaren_22122025.csv", 1);
	import(ctx, IVP_IMPORT_CRIME, EXAMPLE "/data/misdrijven_2022_2023.csv", 0);
	import(ctx, IVP_IMPORT_CRIME, EXAMPLE "/data/Misdrijven_2024.csv", 0);
	if (ivp_import_values(ctx, EXAMPLE "/values.csv", NULL, &r))
		fail_msg("values: %s", ivp_last_error(ctx)->message);
	memset(&o, 0, sizeof(o));
	o.user = "test";
	if (ivp_plan_import(ctx, EXAMPLE "/plan.yaml", &o, &probs, &pr))
		fail_msg("plan: %s", ivp_last_error(ctx)->message);
	ivp_table_free(probs);
	*state = ctx;
	return 0;
}

static int teardown(void **state)
{
	static const char *const files[] = { "ivp.db", "ivp.db-wal", "ivp.db-shm" };
	char path[400];
	size_t i;

	ivp_close(*state);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	return rmdir(dir);
}

static rp_model *model(ivp_ctx *ctx, int year, const char *lang)
{
	rp_query q;
	rp_model *m = NULL;

	memset(&q, 0, sizeof(q));
	q.kind = RP_VOORTGANG;
	q.year = year;
	q.lang = lang;
	if (ivp__rp_model(ctx, &q, &m))
		fail_msg("model: %s (%s)", ivp_last_error(ctx)->message, ivp_last_error(ctx)->detail);
	return m;
}

static void test_status_counts(void **state)
{
	/* per priority a-d: on, at risk, off, no data, no status (the example's 2024 progress) */
	static const int want[4][5] = { { 0, 0, 1, 0, 0 }, { 0, 0, 0, 1, 1 }, { 0, 1, 0, 1, 0 }, { 2, 0, 0, 1, 0 } };
	static const char *const ids[4] = { "ondermijning", "jeugd", "zorg", "digitaal" };
	rp_model *m = model(*state, 2024, NULL);
	int i;

	assert_int_equal(m->year, 2024);
	assert_string_equal(m->area, "GM1926");
	assert_string_equal(m->area_name, "Pijnacker-Nootdorp");
	assert_int_equal(m->npriorities, 4);
	assert_int_equal(m->ngoals, 8);
	for (i = 0; i < 4; i++) {
		const rp_priority *p = &m->priorities[i];

		assert_string_equal(p->id, ids[i]);
		assert_int_equal(p->order, i + 1);
		assert_int_equal(p->counts[RP_ON], want[i][0]);
		assert_int_equal(p->counts[RP_RISK], want[i][1]);
		assert_int_equal(p->counts[RP_OFF], want[i][2]);
		assert_int_equal(p->counts[RP_NODATA], want[i][3]);
		assert_int_equal(p->counts[RP_NOSTATUS], want[i][4]);
	}
	assert_int_equal(m->counts[RP_ON], 2);
	assert_int_equal(m->counts[RP_RISK], 1);
	assert_int_equal(m->counts[RP_OFF], 1);
	assert_int_equal(m->counts[RP_NODATA], 3);
	assert_int_equal(m->counts[RP_NOSTATUS], 1);
	/* G-totaal: 1771 crimes on 57,932 inhabitants in 2024 */
	assert_string_equal(m->goals[0].id, "G-totaal");
	assert_true(m->goals[0].engine);
	assert_int_equal(m->goals[0].year, 2024);
	assert_true(fabs(m->goals[0].value - 30.5703) < 1e-3);
	assert_int_equal(m->goals[0].npoints, 3); /* 2022, 2023, 2024 */
	assert_int_equal(m->goals[0].points[0].year, 2022);
	assert_true(m->illustrations);
	ivp__rp_model_free(m);
}

static void test_budget_sums(void **state)
{
	rp_model *m = model(*state, 2024, NULL);
	static const int64_t pbudget[4] = { 65000, 15000, 30000, 25000 }, pspent[4] = { 59500, 12000, 0, 20000 };
	int i;

	/* the plan: 95,000 in 2023 and 190,000 a year from 2024 */
	assert_int_equal(m->nbudget, 4);
	assert_int_equal(m->budget_total, 66500000);
	assert_int_equal(m->budget_year, 19000000);
	assert_int_equal(m->budget[0].year, 2023);
	assert_int_equal(m->budget[0].amount, 9500000);
	assert_string_equal(m->budget[0].document, "Najaarsnota 2023");
	assert_string_equal(m->budget[1].document, "Begroting 2024");
	assert_int_equal(m->budget[1].measures_budget, 11000000);
	assert_int_equal(m->budget[1].measures_spent, 6900000);
	/* the measures: budget over the plan, spent up to 2024 */
	assert_int_equal(m->measures_budget, 13500000);
	assert_int_equal(m->measures_spent, 9150000);
	for (i = 0; i < 4; i++) {
		assert_int_equal(m->priorities[i].budget, pbudget[i] * 100);
		assert_int_equal(m->priorities[i].spent, pspent[i] * 100);
		assert_int_equal(m->priorities[i].nmeasures, 1);
	}
	assert_string_equal(m->priorities[0].measures[0]->owner, "Gemeente Pijnacker-Nootdorp (OOV)");
	assert_string_equal(m->priorities[0].measures[0]->partners, "Politie eenheid Den Haag, RIEC Haaglanden");
	assert_int_equal(m->priorities[0].measures[0]->nentries, 1);
	/* in 2023 less is spent */
	ivp__rp_model_free(m);
	m = model(*state, 2023, NULL);
	assert_int_equal(m->measures_spent, 2250000);
	assert_int_equal(m->priorities[0].measures[0]->nentries, 0); /* the entry of 2024-03-01 is later */
	ivp__rp_model_free(m);
}

static void test_defaults(void **state)
{
	rp_model *m = model(*state, 0, NULL);

	/* the last year with data is 2024; the date is that of the newest import (today) */
	assert_int_equal(m->year, 2024);
	assert_int_equal((int)strlen(m->date), 10);
	assert_int_equal(m->nsources, 6); /* the plan file is an import too */
	assert_string_equal(m->sources[5].kind, "plan");
	assert_string_equal(m->sources[5].file, "plan.yaml");
	assert_string_equal(m->sources[2].file, "misdrijven_2022_2023.csv");
	assert_int_equal((int)strlen(m->sources[2].sha256), 64);
	assert_true(m->ndefs >= 6); /* totaal, the BBV keys, hic, 3.7.4 */
	assert_int_equal(m->nindicators, 6);
	assert_string_equal(m->indicators[0].key, "totaal");
	assert_true(m->indicators[0].has);
	assert_true(m->indicators[0].c.has_nl);
	assert_true(fabs(m->indicators[0].c.nl - 44.8956) < 1e-3);
	assert_false(m->indicators[1].has);
	ivp__rp_model_free(m);
}

static void test_refusals(void **state)
{
	ivp_ctx *ctx = *state;
	rp_query q;
	rp_model *m = NULL;

	memset(&q, 0, sizeof(q));
	q.year = 2022;
	assert_int_equal(ivp__rp_model(ctx, &q, &m), IVP_EINPUT);
	assert_null(m);
	assert_string_equal(ivp_last_error(ctx)->message, "no plan for 2022");
	assert_string_equal(ivp_last_error(ctx)->code, "report_year_without_plan");
	assert_non_null(strstr(ivp_last_error(ctx)->hint, "2023 to 2026"));
	q.year = 2024;
	q.area = "GM0503";
	assert_int_equal(ivp__rp_model(ctx, &q, &m), IVP_EINPUT);
	assert_string_equal(ivp_last_error(ctx)->message, "the plan is not for GM0503");
	q.area = NULL;
	q.date = "2024-13-01";
	assert_int_equal(ivp__rp_model(ctx, &q, &m), IVP_EINPUT);
	assert_null(m);
}

static int count_headings(const rp_doc *d, int level)
{
	int i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->b[i].kind == RB_HEADING && d->b[i].level == level;
	return n;
}

static const rp_block *find_heading(const rp_doc *d, const char *text, int *at)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (d->b[i].kind == RB_HEADING && !strcmp(d->b[i].text, text)) {
			*at = i;
			return &d->b[i];
		}
	fail_msg("no heading \"%s\"", text);
	return NULL;
}

static const rp_table *table_after(const rp_doc *d, int at)
{
	int i;

	for (i = at; i < d->n; i++)
		if (d->b[i].kind == RB_TABLE)
			return d->b[i].table;
	fail_msg("no table after block %d", at);
	return NULL;
}

static void test_chapters(void **state)
{
	rp_model *m = model(*state, 2024, "nl");
	rp_doc *d = ivp__rp_doc(m);
	static const char *const chapters[] = {
		"1 Samenvatting", "2 Prioriteit a: De aanpak van ondermijnende criminaliteit",
		"3 Prioriteit b: Jeugd en veiligheid", "4 Prioriteit c: Zorg en veiligheid",
		"5 Prioriteit d: Weerbaarheid tegen digitale criminaliteit", "6 Financiën van het plan",
		"7 Veiligheidsindicatoren (BBV)", "8 Bronnen en methode"
	};
	const rp_table *t;
	int i, at = 0, prev = -1, k = 0;

	assert_non_null(d);
	assert_string_equal(d->title, "Voortgangsrapportage veiligheid 2024");
	for (i = 0; i < d->n; i++)
		if (d->b[i].kind == RB_HEADING && d->b[i].level == 1) {
			assert_true(k < 8);
			assert_string_equal(d->b[i].text, chapters[k++]);
		}
	assert_int_equal(k, 8);
	/* the BBV triad under every priority, in order */
	for (i = 0; i < 4; i++) {
		int j;

		for (j = prev + 1; j < d->n && !(d->b[j].kind == RB_HEADING && d->b[j].level == 1 &&
						 strstr(d->b[j].text, "Prioriteit"));
		     j++)
			;
		assert_true(j < d->n);
		assert_string_equal(d->b[j + 1].text, "Wat wilden we bereiken?");
		prev = j;
	}
	assert_int_equal(count_headings(d, 2), 4 * 3 + 4);
	/* the summary table: a total row with the sums */
	find_heading(d, "1 Samenvatting", &at);
	t = table_after(d, at);
	assert_int_equal(t->nrows, 5);
	assert_true(t->last_total);
	assert_string_equal(t->cells[4 * t->ncols + 0].text, "Totaal");
	assert_string_equal(t->cells[4 * t->ncols + 7].text, "€\u00a0135.000");
	assert_string_equal(t->cells[4 * t->ncols + 8].text, "€\u00a091.500");
	assert_int_equal(t->cells[4 * t->ncols + 8].fmt, RP_EUR);
	assert_true(t->cells[4 * t->ncols + 8].num == 91500);
	/* the finances: 665,000 over the plan, dekking and P&C document */
	find_heading(d, "6 Financiën van het plan", &at);
	t = table_after(d, at);
	assert_string_equal(t->cells[0 * t->ncols + 3].text, "Najaarsnota 2023");
	assert_string_equal(t->cells[4 * t->ncols + 1].text, "€\u00a0665.000");
	/* the BBV table: Indicator · Eenheid · gemeente · Nederland · Bron · Periode */
	find_heading(d, "7 Veiligheidsindicatoren (BBV)", &at);
	t = table_after(d, at);
	assert_string_equal(t->head[1], "Eenheid");
	assert_string_equal(t->head[2], "Pijnacker-Nootdorp");
	assert_string_equal(t->cells[0].text, "Geregistreerde misdrijven, totaal");
	assert_string_equal(t->cells[1].text, "per 1.000 inwoners");
	assert_string_equal(t->cells[2].text, "30,6");
	assert_string_equal(t->cells[3].text, "44,9");
	assert_string_equal(t->cells[t->ncols + 2].text, "–");
	ivp__rp_doc_free(d);
	ivp__rp_model_free(m);
	/* English */
	m = model(*state, 2024, "en");
	d = ivp__rp_doc(m);
	find_heading(d, "1 Summary", &at);
	find_heading(d, "2 Priority a: De aanpak van ondermijnende criminaliteit", &at);
	find_heading(d, "What did we want to achieve?", &at);
	ivp__rp_doc_free(d);
	ivp__rp_model_free(m);
}

static int has_para(const rp_doc *d, const char *text)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (d->b[i].kind == RB_PARA && !strcmp(d->b[i].text, text))
			return 1;
	fprintf(stderr, "no paragraph \"%s\"\n", text);
	return 0;
}

static void test_proposal(void **state)
{
	rp_query q;
	rp_model *m = NULL;
	rp_doc *d;

	memset(&q, 0, sizeof(q));
	q.kind = RP_RAADSVOORSTEL;
	assert_int_equal(ivp__rp_model(*state, &q, &m), IVP_OK);
	assert_int_equal(m->year, 2023); /* the year the plan was adopted */
	assert_false(m->budget[0].structural);
	assert_true(m->budget[1].structural);
	d = ivp__rp_doc(m);
	assert_non_null(d);
	assert_string_equal(d->title, "Raadsvoorstel: vaststellen Integraal Veiligheidsplan 2023-2026");
	/* the beslispunten of CVDR699067, generated from the plan file */
	assert_true(has_para(d, "1. het Integraal Veiligheidsplan 2023-2026 vast te stellen met de daarbij horende prioriteiten"));
	assert_true(has_para(d, "    a. de aanpak van ondermijnende criminaliteit;"));
	assert_true(has_para(d, "    d. weerbaarheid tegen digitale criminaliteit;"));
	assert_true(has_para(d, "2. de financiële gevolgen voor 2023 van €\u00a095.000 te dekken uit de stelpost 'Enecogelden' en te verwerken in de Najaarsnota 2023;"));
	assert_true(has_para(d, "3. de structurele financiële gevolgen vanaf 2024 van €\u00a0190.000 te dekken uit de stelpost 'Enecogelden' en te verwerken in de Begroting 2024."));
	assert_false(d->chapter_pages);
	ivp__rp_doc_free(d);
	ivp__rp_model_free(m);
}

static void test_formats(void **state)
{
	char s[64];

	(void)state;
	ivp__rp_money("nl", 19000000, s, sizeof(s));
	assert_string_equal(s, "€\u00a0190.000");
	ivp__rp_money("en", 19000000, s, sizeof(s));
	assert_string_equal(s, "€190,000");
	ivp__rp_money("nl", 125050, s, sizeof(s));
	assert_string_equal(s, "€\u00a01.250,50");
	ivp__rp_num("nl", 30.5703, 1, s, sizeof(s));
	assert_string_equal(s, "30,6");
	ivp__rp_num("nl", 1234567.891, 2, s, sizeof(s));
	assert_string_equal(s, "1.234.567,89");
	ivp__rp_num("nl", -0.04, 1, s, sizeof(s));
	assert_string_equal(s, "0,0");
	ivp__rp_num("nl", -1234, 0, s, sizeof(s));
	assert_string_equal(s, "-1.234");
	ivp__rp_date("nl", "2023-06-29", s, sizeof(s));
	assert_string_equal(s, "29 juni 2023");
	ivp__rp_date("en", "2023-06-29", s, sizeof(s));
	assert_string_equal(s, "29 June 2023");
	ivp__rp_pct_change("nl", 1.0601634, s, sizeof(s));
	assert_string_equal(s, "+6,0%");
	ivp__rp_pct_change("nl", 0.990971815, s, sizeof(s));
	assert_string_equal(s, "−0,9%");
}

/* The texts a progress report has: keys from the plan, required ones, the
 * letter of a priority, the Dutch names of what is missing. */
static void test_text_keys(void **state)
{
	rp_model *m = model(*state, 2024, "nl");
	const rp_text *t;
	char why[128];

	assert_int_equal(m->ntexts, 1 + 4 + m->ngoals);
	assert_string_equal(m->texts[0].key, "inleiding");
	assert_string_equal(m->texts[2].key, "prioriteit:jeugd");
	assert_string_equal(m->texts[2].label, "Toelichting bij prioriteit b");
	assert_string_equal(m->texts[2].missing, "Toelichting bij prioriteit b ontbreekt");
	assert_int_equal(m->texts[5].required, 0); /* a goal's comment */
	/* headed by the goal's title, not its id */
	assert_string_equal(m->texts[5].key, "doel:G-totaal");
	assert_string_equal(m->texts[5].label, "Commentaar bij doel: Minder geregistreerde misdrijven per 1.000 inwoners");
	assert_int_equal(m->nmissing, 5);
	t = ivp__rp_text_find(m, "prioriteit:b");
	assert_non_null(t);
	assert_string_equal(t->key, "prioriteit:jeugd");
	assert_null(ivp__rp_text_find(m, "prioriteit:e"));
	assert_null(ivp__rp_text_find(m, "prioriteit:"));
	assert_null(ivp__rp_text_find(m, "kanttekeningen")); /* the proposal's, not this report's */
	assert_int_equal(ivp__rp_text_check("Een tekst.\n\nTwee.\n", NULL, why, sizeof(why)), 0);
	assert_int_equal(ivp__rp_text_check(" \n\t ", NULL, why, sizeof(why)), -1);
	assert_string_equal(why, "the text is empty");
	assert_int_equal(ivp__rp_text_check("caf\xe9", NULL, why, sizeof(why)), -1);
	assert_string_equal(why, "byte 4 is not UTF-8");
	assert_int_equal(ivp__rp_text_check("a\x01"
					    "b",
					    NULL, why, sizeof(why)),
			 -1);
	assert_string_equal(why, "byte 2 is a control character (0x01)");
	/* the reasons in Dutch (issue 11) */
	assert_int_equal(ivp__rp_text_check("caf\xe9", "nl", why, sizeof(why)), -1);
	assert_string_equal(why, "byte 4 is geen UTF-8");
	assert_int_equal(ivp__rp_text_check("a\x01"
					    "b",
					    "nl", why, sizeof(why)),
			 -1);
	assert_string_equal(why, "byte 2 is een stuurteken (0x01)");
	assert_int_equal(ivp__rp_text_check(" ", "nl", why, sizeof(why)), -1);
	assert_string_equal(why, "de tekst is leeg");
	ivp__rp_model_free(m);
}

/* A text becomes paragraphs where an editor left a blank line; its lines
 * are joined; the concept notes name what is still missing. */
static void test_text_paragraphs(void **state)
{
	rp_model *m = model(*state, 2024, "nl");
	rp_doc *d;
	int i, p1 = -1, p2 = -1, missing_b = 0, missing_a = 0;

	m->texts[1].body = "Eerste regel\nloopt door.\n\n\nTweede alinea.  \n";
	m->nmissing--;
	d = ivp__rp_doc(m);
	assert_non_null(d);
	assert_string_equal(d->status, "concept");
	for (i = 0; i < d->n; i++) {
		const char *t = d->b[i].text ? d->b[i].text : "";

		if (d->b[i].kind == RB_PARA && !strcmp(t, "Eerste regel loopt door."))
			p1 = i;
		if (d->b[i].kind == RB_PARA && !strcmp(t, "Tweede alinea."))
			p2 = i;
		missing_b += d->b[i].kind == RB_NOTE && !strcmp(t, "Toelichting bij prioriteit b ontbreekt.");
		missing_a += d->b[i].kind == RB_NOTE && !strcmp(t, "Toelichting bij prioriteit a ontbreekt.");
	}
	assert_true(p1 > 0 && p2 == p1 + 1);
	assert_int_equal(missing_b, 1);
	assert_int_equal(missing_a, 0);
	assert_non_null(strstr(d->keywords, ", concept"));
	ivp__rp_doc_free(d);
	ivp__rp_model_free(m);
}

/* The snapshot of a report: written, read back in each language, written
 * again to the same bytes; the document of the model read back renders to
 * the same HTML as that of the model itself. */
static void test_snapshot_roundtrip(void **state)
{
	rp_model *nl = model(*state, 2024, "nl"), *en = model(*state, 2024, "en"), *nl2, *en2;
	char *a, *b, err[256], f1[320], f2[320];
	rp_doc *d1, *d2;
	FILE *x, *y;
	int c1, c2;

	nl->final = en->final = 1;
	nl->final_date = en->final_date = "2025-03-31";
	a = ivp__rp_snapshot(nl, en);
	assert_non_null(a);
	assert_non_null(strstr(a, "\"format\":1"));
	nl2 = ivp__rp_snapshot_model(a, strlen(a), "nl", err, sizeof(err));
	en2 = ivp__rp_snapshot_model(a, strlen(a), "en", err, sizeof(err));
	if (!nl2 || !en2) {
		fail_msg("snapshot: %s", err);
		return;
	}
	b = ivp__rp_snapshot(nl2, en2);
	assert_string_equal(a, b);
	assert_int_equal(nl2->npriorities, 4);
	assert_ptr_equal(nl2->priorities[1].goals[0], &nl2->goals[nl->priorities[1].goals[0] - nl->goals]);
	d1 = ivp__rp_doc(nl);
	d2 = ivp__rp_doc(nl2);
	assert_string_equal(d2->status, "definitief");
	snprintf(f1, sizeof(f1), "%s/a.html", dir);
	snprintf(f2, sizeof(f2), "%s/b.html", dir);
	assert_int_equal(ivp__rp_html(*state, d1, f1), IVP_OK);
	assert_int_equal(ivp__rp_html(*state, d2, f2), IVP_OK);
	x = fopen(f1, "rb");
	y = fopen(f2, "rb");
	assert_non_null(x);
	assert_non_null(y);
	do {
		c1 = fgetc(x);
		c2 = fgetc(y);
		assert_int_equal(c1, c2);
	} while (c1 != EOF);
	(void)fclose(x);
	(void)fclose(y);
	unlink(f1);
	unlink(f2);
	/* damaged snapshots are errors, never wrong pointers */
	assert_null(ivp__rp_snapshot_model(a, strlen(a) / 2, "nl", err, sizeof(err)));
	assert_null(ivp__rp_snapshot_model("{\"format\":2}", 12, "nl", err, sizeof(err)));
	assert_string_equal(err, "not a report snapshot of format 1");
	assert_null(ivp__rp_snapshot_model("{\"format\":1,\"models\":{}}", strlen("{\"format\":1,\"models\":{}}"), "nl", err, sizeof(err)));
	assert_string_equal(err, "the snapshot has no model in \"nl\"");
	ivp__rp_doc_free(d1);
	ivp__rp_doc_free(d2);
	free(a);
	free(b);
	nl->final_date = en->final_date = NULL;
	ivp__rp_model_free(nl);
	ivp__rp_model_free(en);
	ivp__rp_model_free(nl2);
	ivp__rp_model_free(en2);
}

/* A funnel plot by hand in m's arena: three buurten, one beyond the limits. */
static void add_funnel(rp_model *m)
{
	static const double pop[3] = { 480, 2150, 10400 }, rate[3] = { 61.25, 30.5, 44.0 / 3 };
	rp_funnel *f = ivp__rp_alloc(&m->a, sizeof(*f));
	int i;

	assert_non_null(f);
	f->p = ivp__rp_alloc(&m->a, 3 * sizeof(*f->p));
	assert_non_null(f->p);
	f->n = 3;
	for (i = 0; i < 3; i++) {
		rp_fpoint *p = &f->p[i];

		p->pop = pop[i];
		p->rate = rate[i];
		p->lim[0] = 30 - 60 / sqrt(pop[i]);
		p->lim[1] = 30 - 40 / sqrt(pop[i]);
		p->lim[2] = 30 + 40 / sqrt(pop[i]);
		p->lim[3] = 30 + 60 / sqrt(pop[i]);
		p->own = i != 1;
		p->side = i == 0 ? 2 : 0;
		snprintf(p->name, sizeof(p->name), "Buurt %c \"%s\"", 'A' + i, i == 2 ? "\xc3\x93" : "x");
	}
	f->target = 30.25;
	f->xlo = log10(200);
	f->xhi = log10(20000);
	f->nxt = 5;
	f->xt[0] = 200;
	f->xt[1] = 500;
	f->xt[2] = 1000;
	f->xt[3] = 5000;
	f->xt[4] = 20000;
	f->y.lo = 0;
	f->y.hi = 80;
	f->y.step = 20;
	f->y.nticks = 5;
	f->any_other = 1;
	m->funnel = f;
	m->ranking_year = 2023;
}

/* A participation chapter and an evaluation by hand in m's arena: a hidden count, a NaN result. */
static void add_particip(rp_model *m)
{
	rp_particip *p = ivp__rp_alloc(&m->a, sizeof(*p));

	assert_non_null(p);
	p->id = "T1";
	p->title = "Traject \"1\"";
	p->illustration = 1;
	p->nactivities = 1;
	p->activities = ivp__rp_alloc(&m->a, sizeof(*p->activities));
	p->ncounts = 2;
	p->counts = ivp__rp_alloc(&m->a, 2 * sizeof(*p->counts));
	p->nevals = 1;
	p->evals = ivp__rp_alloc(&m->a, sizeof(*p->evals));
	assert_non_null(p->activities);
	assert_non_null(p->counts);
	assert_non_null(p->evals);
	p->activities[0].kind = "wijkgesprek";
	p->activities[0].participants = "< 5";
	p->activities[0].inputs = "7";
	p->counts[0].theme = "Overlast";
	p->counts[0].wijk = "Delfgauw";
	p->counts[0].shown = "< 5";
	p->counts[0].count = -1;
	p->counts[1].theme = "Overlast";
	p->counts[1].shown = "12";
	p->counts[1].count = 12;
	p->eval_plan = "ivp-x-2018-2022";
	p->evals[0].kind = "goal";
	p->evals[0].title = "Minder overlast";
	p->evals[0].target = 300;
	p->evals[0].result = NAN;
	p->evals[0].margin = NAN;
	p->evals[0].budget = p->evals[0].spent = p->evals[0].baseline = NAN;
	p->evals[0].outcome = 2;
	m->particip = p;
}

/* Both files hold the same bytes. */
static void assert_same_file(const char *f1, const char *f2)
{
	FILE *x = fopen(f1, "rb"), *y = fopen(f2, "rb");
	int c1, c2;
	long n = 0;

	assert_non_null(x);
	assert_non_null(y);
	do {
		c1 = fgetc(x);
		c2 = fgetc(y);
		if (c1 != c2)
			fail_msg("%s and %s differ at byte %ld", f1, f2, n);
		n++;
	} while (c1 != EOF);
	(void)fclose(x);
	(void)fclose(y);
	assert_true(n > 1000);
}

/* A safety picture's funnel plot is frozen with it: the snapshot holds
 * the plot (points, limits, names, axes), reads back to the same bytes,
 * and the picture read back renders the same HTML and PDF as the live one;
 * a snapshot written before the plot was frozen (no "funnel") reads as a
 * picture without one, and a damaged plot is an error. */
static void test_snapshot_funnel(void **state)
{
	rp_model *nl = model(*state, 2024, "nl"), *en = model(*state, 2024, "en"), *nl2, *en2, *old;
	char *a, *b, *c, err[256], f1[320], f2[320];
	const char *fmt[2] = { "html", "pdf" };
	rp_doc *d1, *d2;
	int k, plot = 0;

	nl->kind = en->kind = RP_VEILIGHEIDSBEELD;
	add_funnel(nl);
	add_funnel(en);
	add_particip(nl);
	add_particip(en);
	nl->final = en->final = 1;
	nl->final_date = en->final_date = "2025-03-31";
	a = ivp__rp_snapshot(nl, en);
	assert_non_null(a);
	assert_non_null(strstr(a, "\"funnel\":{"));
	nl2 = ivp__rp_snapshot_model(a, strlen(a), "nl", err, sizeof(err));
	en2 = ivp__rp_snapshot_model(a, strlen(a), "en", err, sizeof(err));
	if (!nl2 || !en2) {
		fail_msg("snapshot: %s", err);
		return;
	}
	assert_non_null(nl2->funnel);
	assert_int_equal(nl2->funnel->n, 3);
	assert_int_equal(nl2->funnel->nxt, 5);
	assert_string_equal(nl2->funnel->p[2].name, "Buurt C \"\xc3\x93\"");
	assert_true(nl2->funnel->p[2].rate == 44.0 / 3);
	assert_true(nl2->funnel->p[1].lim[3] == 30 + 60 / sqrt(2150));
	/* the participation chapter and the evaluation, frozen with it */
	assert_non_null(nl2->particip);
	assert_string_equal(nl2->particip->title, "Traject \"1\"");
	assert_int_equal(nl2->particip->ncounts, 2);
	assert_int_equal(nl2->particip->counts[0].count, -1);
	assert_string_equal(nl2->particip->counts[0].shown, "< 5");
	assert_null(nl2->particip->counts[1].wijk);
	assert_true(isnan(nl2->particip->evals[0].result));
	assert_int_equal(nl2->particip->evals[0].outcome, 2);
	b = ivp__rp_snapshot(nl2, en2);
	assert_string_equal(a, b);
	d1 = ivp__rp_doc(nl);
	d2 = ivp__rp_doc(nl2);
	assert_non_null(d1);
	assert_non_null(d2);
	for (k = 0; k < d1->n; k++)
		plot += d1->b[k].kind == RB_FUNNEL;
	assert_int_equal(plot, 1);
	for (k = 0; k < 2; k++) {
		snprintf(f1, sizeof(f1), "%s/a.%s", dir, fmt[k]);
		snprintf(f2, sizeof(f2), "%s/b.%s", dir, fmt[k]);
		assert_int_equal(k ? ivp__rp_pdf(*state, d1, f1) : ivp__rp_html(*state, d1, f1), IVP_OK);
		assert_int_equal(k ? ivp__rp_pdf(*state, d2, f2) : ivp__rp_html(*state, d2, f2), IVP_OK);
		assert_same_file(f1, f2);
		unlink(f1);
		unlink(f2);
	}
	/* an older snapshot without the key: no plot */
	c = strdup(a);
	assert_non_null(c);
	for (k = 0; k < 2; k++) { /* the en model's, then the nl model's */
		char *p = strstr(c, "\"funnel\":{"), *q = p ? strstr(p, "},\"goals\":") : NULL;

		if (!p || !q) {
			free(c);
			fail_msg("no funnel in the snapshot");
			return;
		}
		memmove(p, q + 2, strlen(q + 2) + 1);
	}
	assert_null(strstr(c, "\"funnel\""));
	old = ivp__rp_snapshot_model(c, strlen(c), "nl", err, sizeof(err));
	if (!old) {
		free(c);
		fail_msg("old snapshot: %s", err);
		return;
	}
	assert_null(old->funnel);
	assert_non_null(old->particip);
	ivp__rp_model_free(old);
	free(c);
	/* a damaged plot: a name too long, a side out of range */
	c = strdup(a);
	assert_non_null(c);
	for (char *p = c; (p = strstr(p, "\"side\":2"));)
		p[7] = '3'; /* "side":2 becomes "side":3 */
	assert_null(ivp__rp_snapshot_model(c, strlen(c), "nl", err, sizeof(err)));
	assert_string_equal(err, "\"side\" is out of range");
	free(c);
	ivp__rp_doc_free(d1);
	ivp__rp_doc_free(d2);
	free(a);
	free(b);
	nl->final_date = en->final_date = NULL;
	ivp__rp_model_free(nl);
	ivp__rp_model_free(en);
	ivp__rp_model_free(nl2);
	ivp__rp_model_free(en2);
}

int main(void)
{
	const struct CMUnitTest db[] = {
		cmocka_unit_test(test_status_counts),
		cmocka_unit_test(test_budget_sums),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_chapters),
		cmocka_unit_test(test_proposal),
		cmocka_unit_test(test_text_keys),
		cmocka_unit_test(test_text_paragraphs),
		cmocka_unit_test(test_snapshot_roundtrip),
		cmocka_unit_test(test_snapshot_funnel),
	};
	const struct CMUnitTest pure[] = {
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(pure, NULL, NULL) | cmocka_run_group_tests(db, setup, teardown);
}
