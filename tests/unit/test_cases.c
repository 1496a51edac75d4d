/*
 * test_cases.c — unit tests of the case register's parsers
 * (src/registers/cases_parse.c), each against values worked out by hand:
 * the BSN's 11-proef (valid numbers, a wrong check digit, wrong lengths and
 * characters), dates, months added for retention, the Zelfredzaamheid-
 * Matrix's domains by key and title, scores, complexity criteria, and wijk
 * codes from a buurt code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ivp/cases.h"
#include "registers/cases.h"

static int bsn(const char *s, char out[10])
{
	return ivp__bsn_parse(s, strlen(s), out);
}

static void test_bsn_valid(void **state)
{
	char d[10];

	(void)state;
	/* 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 3 = 66 = 6·11 */
	assert_int_equal(bsn("111222333", d), 0);
	assert_string_equal(d, "111222333");
	/* 9 + 16 + 21 + 24 + 25 + 24 + 21 + 16 − 2 = 154 = 14·11 */
	assert_int_equal(bsn("123456782", d), 0);
	/* 9·44 − 0 = 396 = 36·11 */
	assert_int_equal(bsn("999999990", d), 0);
	/* the groups people write */
	assert_int_equal(bsn("1112.22.333", d), 0);
	assert_string_equal(d, "111222333");
	assert_int_equal(bsn("111 222 333", d), 0);
	assert_true(ivp_bsn_valid("123456782"));
	assert_false(ivp_bsn_valid("1234.56.782")); /* the public check wants the nine digits */
}

static void test_bsn_check_digit(void **state)
{
	char d[10];

	(void)state;
	assert_int_equal(bsn("111222334", d), -2); /* 67 */
	assert_int_equal(bsn("123456781", d), -2); /* 155 */
	assert_int_equal(bsn("123456783", d), -2); /* 153 */
	assert_int_equal(bsn("000000000", d), -2); /* 0, but no one's number */
	assert_false(ivp_bsn_valid("111222334"));
}

static void test_bsn_length(void **state)
{
	char d[10];

	(void)state;
	assert_int_equal(bsn("11122233", d), -1);   /* 8 digits */
	assert_int_equal(bsn("1112223330", d), -1); /* 10 */
	assert_int_equal(bsn("", d), -1);
	assert_int_equal(bsn(" 111222333", d), -1); /* a separator before the first digit */
	assert_int_equal(bsn("111222333 ", d), -1); /* … or after the last */
	assert_int_equal(bsn("11122233a", d), -1);
	assert_int_equal(bsn("111-222-333", d), -1);
	assert_int_equal(ivp__bsn_parse("111222333", 8, d), -1); /* n bytes, not the NUL */
	assert_false(ivp_bsn_valid(NULL));
}

static void test_dates(void **state)
{
	char d[11];

	(void)state;
	assert_int_equal(ivp__case_date_parse("2026-03-01", 10, d), 0);
	assert_string_equal(d, "2026-03-01");
	assert_int_equal(ivp__case_date_parse("2024-02-29", 10, d), 0);
	assert_int_equal(ivp__case_date_parse("2026-02-29", 10, d), -1);
	assert_int_equal(ivp__case_date_parse("1900-02-29", 10, d), -1);
	assert_int_equal(ivp__case_date_parse("2000-02-29", 10, d), 0);
	assert_int_equal(ivp__case_date_parse("2026-04-31", 10, d), -1);
	assert_int_equal(ivp__case_date_parse("2026-13-01", 10, d), -1);
	assert_int_equal(ivp__case_date_parse("2026-3-01", 9, d), -1);
	assert_int_equal(ivp__case_date_parse("1899-12-31", 10, d), -1);
	assert_int_equal(ivp__case_date_parse("2026/03/01", 10, d), -1);
	assert_int_equal(ivp__reg_date_add_months("2026-01-31", 1, d), 0);
	assert_string_equal(d, "2026-02-28");
	assert_int_equal(ivp__reg_date_add_months("2026-06-15", 24, d), 0);
	assert_string_equal(d, "2028-06-15");
	assert_int_equal(ivp__reg_date_add_months("2026-11-30", 3, d), 0);
	assert_string_equal(d, "2027-02-28");
	assert_int_equal(ivp__reg_date_add_months("2027-12-31", 2, d), 0);
	assert_string_equal(d, "2028-02-29");
	assert_int_equal(ivp__reg_date_add_months("2026-05-01", 0, d), 0);
	assert_string_equal(d, "2026-05-01");
}

static void test_domains_scores(void **state)
{
	int s = 0;

	(void)state;
	assert_int_equal(IVP__CASE_NDOMAINS, 13);
	assert_int_equal(ivp__case_domain_find("financien", 9), 0);
	assert_int_equal(ivp__case_domain_find("justitie", 8), 12);
	assert_int_equal(ivp__case_domain_find("Housing", 7), 3);
	assert_int_equal(ivp__case_domain_find("huisvesting", 11), 3);
	assert_int_equal(ivp__case_domain_find("Financiën", strlen("Financiën")), 0); /* its Dutch title */
	assert_int_equal(ivp__case_domain_find("wonen", 5), -1);
	assert_int_equal(ivp__case_score_parse("1", 1, &s), 0);
	assert_int_equal(s, 1);
	assert_int_equal(ivp__case_score_parse("5", 1, &s), 0);
	assert_int_equal(s, 5);
	assert_int_equal(ivp__case_score_parse("0", 1, &s), -1);
	assert_int_equal(ivp__case_score_parse("6", 1, &s), -1);
	assert_int_equal(ivp__case_score_parse("12", 2, &s), -1);
}

static void test_criteria_wijk(void **state)
{
	char c[96], w[9];

	(void)state;
	assert_int_equal(ivp__case_criteria_parse("chains, multi_domain", 20, c), 0);
	assert_string_equal(c, "multi_domain,chains"); /* the list's order */
	assert_int_equal(ivp__case_criteria_parse("", 0, c), 0);
	assert_string_equal(c, "");
	assert_int_equal(ivp__case_criteria_parse("local_safety,family_system,chains,multi_domain", 46, c), 0);
	assert_string_equal(c, "multi_domain,chains,family_system,local_safety");
	assert_int_equal(ivp__case_criteria_parse("chains,chains", 13, c), -1);
	assert_int_equal(ivp__case_criteria_parse("chains,", 7, c), -1);
	assert_int_equal(ivp__case_criteria_parse(",chains", 7, c), -1);
	assert_int_equal(ivp__case_criteria_parse("drugs", 5, c), -1);
	assert_int_equal(ivp__case_wijk_parse("WK192601", 8, w), 0);
	assert_string_equal(w, "WK192601");
	assert_int_equal(ivp__case_wijk_parse("BU19260103", 10, w), 0);
	assert_string_equal(w, "WK192601");
	assert_int_equal(ivp__case_wijk_parse("GM1926", 6, w), -1);
	assert_int_equal(ivp__case_wijk_parse("WK19260x", 8, w), -1);
	assert_int_equal(ivp__case_wijk_parse("BU192601", 8, w), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bsn_valid),
		cmocka_unit_test(test_bsn_check_digit),
		cmocka_unit_test(test_bsn_length),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_domains_scores),
		cmocka_unit_test(test_criteria_wijk),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
