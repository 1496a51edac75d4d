/*
 * test_i18n.c — the message catalogue and the Dutch numbers: every entry
 * has both languages with the same printf conversions in the same order;
 * errors come out in the ctx's language; amounts typed the Dutch way are
 * read as a Dutch reader means them and ambiguous ones refused; numbers,
 * money and dates are written the Dutch and the English way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static const struct {
	const char *id, *nl, *en;
} entries[] = {
#define M(id, nl, en) { #id, nl, en },
#include "ivp/messages_lib.def"
#include "ivp/messages.def"
#undef M
};
#define NENTRIES (sizeof(entries) / sizeof(entries[0]))

/* The printf conversions of fmt, one letter each ("%lld" -> 'd', "%%" none). */
static void conversions(const char *fmt, char *out, size_t n)
{
	size_t k = 0;

	for (; *fmt; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		if (*fmt == '%')
			continue;
		while (*fmt && !strchr("diouxXeEfgGcsp", *fmt))
			fmt++;
		if (!*fmt)
			break;
		if (k + 1 < n)
			out[k++] = *fmt;
	}
	out[k] = '\0';
}

static void test_catalogue_complete(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	assert_int_equal(NENTRIES, IVP_NMSG);
	for (i = 0; i < NENTRIES; i++) {
		char a[32], b[32];

		if (!entries[i].nl[0] || !entries[i].en[0]) {
			print_error("%s lacks its %s text\n", entries[i].id, entries[i].nl[0] ? "English" : "Dutch");
			bad++;
		}
		conversions(entries[i].nl, a, sizeof(a));
		conversions(entries[i].en, b, sizeof(b));
		if (strcmp(a, b)) {
			print_error("%s: conversions differ: nl \"%s\" (%s), en \"%s\" (%s)\n", entries[i].id, a,
				    entries[i].nl, b, entries[i].en);
			bad++;
		}
		/* the lookup gives back the entry's own texts */
		if (strcmp(ivp_msg_text("nl", (ivp_msg)i), entries[i].nl) ||
		    strcmp(ivp_msg_text("en", (ivp_msg)i), entries[i].en)) {
			print_error("%s: lookup differs\n", entries[i].id);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Plurals (issue 11, "1 rijen"): a count's singular is the entry X_ONE
 * beside its plural X or X_MANY (ivp_msg_plural, ivp_msg_trn). Each pair has the
 * same conversions, different texts in both languages, and the singular's
 * English finds its own Dutch (no other entry has that English). An X_ONE
 * without a number ("Eén waarde") is no such pair. */
static void test_plural_pairs(void **state)
{
	size_t i, j;
	int pairs = 0, bad = 0;

	(void)state;
	for (i = 0; i < NENTRIES; i++) {
		size_t len = strlen(entries[i].id);
		char a[32], b[32];

		conversions(entries[i].en, a, sizeof(a));
		if (len < 5 || strcmp(entries[i].id + len - 4, "_ONE") || (!strchr(a, 'd') && !strchr(a, 's')))
			continue;
		for (j = 0; j < NENTRIES; j++)
			if (!strncmp(entries[j].id, entries[i].id, len - 4) &&
			    (!entries[j].id[len - 4] || !strcmp(entries[j].id + len - 4, "_MANY")))
				break;
		if (j == NENTRIES) {
			print_error("%s has no plural %.*s\n", entries[i].id, (int)(len - 4), entries[i].id);
			bad++;
			continue;
		}
		conversions(entries[j].en, b, sizeof(b));
		if (strcmp(a, b) || !strcmp(entries[i].nl, entries[j].nl) || !strcmp(entries[i].en, entries[j].en)) {
			print_error("%s and %s: not a singular and its plural\n", entries[i].id, entries[j].id);
			bad++;
		}
		if (strcmp(ivp_msg_tr("nl", entries[i].en), entries[i].nl)) {
			print_error("%s: its English finds another entry's Dutch\n", entries[i].id);
			bad++;
		}
		pairs++;
	}
	assert_int_equal(bad, 0);
	assert_true(pairs >= 20);
	/* 1 and 2 of a few, both languages */
	assert_string_equal(ivp_msg_plural("nl", W_AUDIT_WHOLE_ONE, W_AUDIT_WHOLE, 1), "De keten is heel: %lld regel gecontroleerd.");
	assert_string_equal(ivp_msg_plural("nl", W_AUDIT_WHOLE_ONE, W_AUDIT_WHOLE, 2), "De keten is heel: %lld regels gecontroleerd.");
	assert_string_equal(ivp_msg_plural("en", W_LOGIN_LIMITED_ONE, W_LOGIN_LIMITED, 1), "Too many failed attempts; try again in %d second.");
	assert_string_equal(ivp_msg_plural("en", W_LOGIN_LIMITED_ONE, W_LOGIN_LIMITED, 2), "Too many failed attempts; try again in %d seconds.");
	assert_string_equal(ivp_msg_trn("nl", "%s area has no figure for %d and is left out", "%s areas have no figure for %d and are left out", 1),
			    "%s gebied heeft geen cijfer voor %d en is weggelaten");
	assert_string_equal(ivp_msg_trn("en", "%s area has no figure for %d and is left out", "%s areas have no figure for %d and are left out", 2),
			    "%s areas have no figure for %d and are left out");
}

/* The check itself fails on a planted entry without Dutch or with swapped arguments. */
static void test_catalogue_check_can_fail(void **state)
{
	char a[32], b[32];

	(void)state;
	conversions("%s heeft %d rijen", a, sizeof(a));
	conversions("%d rows in %s", b, sizeof(b));
	assert_string_not_equal(a, b);
	conversions("100%% van %lld, %.2f", a, sizeof(a));
	assert_string_equal(a, "df");
}

static void test_lookup(void **state)
{
	(void)state;
	assert_string_equal(ivp_msg_tr("nl", "on track"), "op koers");
	assert_string_equal(ivp_msg_tr("en", "on track"), "on track");
	assert_string_equal(ivp_msg_tr("nl", "no such text in the catalogue"), "no such text in the catalogue");
	assert_non_null(strstr(ivp_msg_plural("nl", W_IMPORT_DONE_ONE, W_IMPORT_DONE, 1), "%lld rij "));
	assert_non_null(strstr(ivp_msg_plural("nl", W_IMPORT_DONE_ONE, W_IMPORT_DONE, 2), "%lld rijen "));
	assert_non_null(strstr(ivp_msg_plural("en", W_IMPORT_DONE_ONE, W_IMPORT_DONE, 1), "%lld row "));
	/* the plural of a text looked up by its English: singular for 1 only */
	assert_string_equal(ivp_msg_trn("nl", "%d goal", "%d goals", 1), "%d doel");
	assert_string_equal(ivp_msg_trn("nl", "%d goal", "%d goals", 2), "%d doelen");
	assert_string_equal(ivp_msg_trn("nl", "%d goal", "%d goals", 0), "%d doelen");
	assert_string_equal(ivp_msg_trn("en", "%d goal", "%d goals", 1), "%d goal");
	assert_string_equal(ivp_msg_trn("en", "%d goal", "%d goals", 2), "%d goals");
	assert_string_equal(ivp_lang_parse("nl_NL.UTF-8"), "nl");
	assert_string_equal(ivp_lang_parse("en"), "en");
	assert_null(ivp_lang_parse("de"));
	assert_null(ivp_lang_parse("nlx"));
	assert_null(ivp_lang_parse(""));
}

static void test_error_language(void **state)
{
	struct ivp_ctx ctx;

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	assert_string_equal(ivp_lang(&ctx), "en");
	ivp__fail(&ctx, IVP_EINPUT, "unknown indicator \"%s\"", "x");
	assert_string_equal(ctx.err.message, "unknown indicator \"x\"");
	assert_int_equal(ivp_set_lang(&ctx, "nl"), IVP_OK);
	assert_string_equal(ivp_lang(&ctx), "nl");
	ivp__fail(&ctx, IVP_EINPUT, "unknown indicator \"%s\"", "x");
	ivp__hint(&ctx, "Use nl or en.");
	ivp__option(&ctx, "year");
	assert_string_equal(ctx.err.message, "onbekende indicator \"x\"");
	assert_string_equal(ctx.err.hint, "Kies nl of en.");
	assert_string_equal(ctx.err.field, "year");
	assert_int_equal(ctx.err.option, 1);
	assert_int_equal(ivp_set_lang(&ctx, "de"), IVP_EINPUT);
	assert_string_equal(ctx.err.code, "unknown_language");
	assert_string_equal(ivp_lang(&ctx), "nl");
}

static int64_t money(const char *lang, const char *s)
{
	int64_t c = -1;
	const char *why = "unset";

	if (ivp_parse_money(lang, s, &c, &why)) {
		assert_non_null(why);
		assert_true(strlen(why) > 20);
		return -1;
	}
	assert_null(why);
	return c;
}

static void test_money_nl(void **state)
{
	(void)state;
	assert_int_equal(money("nl", "12500"), 1250000);
	assert_int_equal(money("nl", "12.500"), 1250000);
	assert_int_equal(money("nl", "12,50"), 1250);
	assert_int_equal(money("nl", "12,5"), 1250);
	assert_int_equal(money("nl", "12.500,50"), 1250050);
	assert_int_equal(money("nl", "1.250.000"), 125000000);
	assert_int_equal(money("nl", "0,05"), 5);
	assert_int_equal(money("nl", "190000"), 19000000);
	/* ambiguous or malformed: refused */
	assert_int_equal(money("nl", "12.50"), -1);
	assert_int_equal(money("nl", "12.5"), -1);
	assert_int_equal(money("nl", "1.2.3"), -1);
	assert_int_equal(money("nl", "12,500.5"), -1);
	assert_int_equal(money("nl", "12,500"), -1);
	assert_int_equal(money("nl", "1234.567"), -1);
	assert_int_equal(money("nl", ".500"), -1);
	assert_int_equal(money("nl", "12."), -1);
	assert_int_equal(money("nl", "12,"), -1);
	assert_int_equal(money("nl", "12,50,1"), -1);
	assert_int_equal(money("nl", "-5"), -1);
	assert_int_equal(money("nl", "€ 12"), -1);
	assert_int_equal(money("nl", ""), -1);
	assert_int_equal(money("nl", "99999999999999"), -1);
}

static void test_money_en(void **state)
{
	const char *why = NULL;
	int64_t c;

	(void)state;
	assert_int_equal(money("en", "12500"), 1250000);
	assert_int_equal(money("en", "12,500"), 1250000);
	assert_int_equal(money("en", "12500.50"), 1250050);
	assert_int_equal(money("en", "12,500.50"), 1250050);
	assert_int_equal(money("en", "12.5"), 1250);
	assert_int_equal(money("en", "12,50"), -1);
	assert_int_equal(money("en", "12.500,5"), -1);
	/* the refusal says what to type, in the reader's language */
	assert_int_equal(ivp_parse_money("nl", "12.50", &c, &why), -1);
	assert_non_null(strstr(why, "12,50"));
	assert_non_null(strstr(why, "12.500"));
	assert_int_equal(ivp_parse_money("en", "12,50", &c, &why), -1);
	assert_non_null(strstr(why, "12.50"));
}

static void test_format(void **state)
{
	char b[64];

	(void)state;
	ivp_format_number("nl", 1771, 0, b, sizeof(b));
	assert_string_equal(b, "1.771");
	ivp_format_number("nl", 30.5703, 2, b, sizeof(b));
	assert_string_equal(b, "30,57");
	ivp_format_number("en", 1234567.891, 1, b, sizeof(b));
	assert_string_equal(b, "1,234,567.9");
	ivp_format_number("nl", -0.001, 1, b, sizeof(b));
	assert_string_equal(b, "0,0");
	ivp_format_number("nl", -1234, 0, b, sizeof(b));
	assert_string_equal(b, "-1.234");
	ivp_format_number("nl", NAN, 2, b, sizeof(b));
	assert_string_equal(b, "–");
	ivp_format_money("nl", 1250000, b, sizeof(b));
	assert_string_equal(b, "€\u00a012.500");
	ivp_format_money("nl", 1250050, b, sizeof(b));
	assert_string_equal(b, "€\u00a012.500,50");
	ivp_format_money("en", 1250000, b, sizeof(b));
	assert_string_equal(b, "€12,500");
	ivp_format_date("nl", "2023-06-29", b, sizeof(b));
	assert_string_equal(b, "29 juni 2023");
	ivp_format_date("en", "2023-06-29", b, sizeof(b));
	assert_string_equal(b, "29 June 2023");
	ivp_format_date("nl", "2023-13-01", b, sizeof(b));
	assert_string_equal(b, "2023-13-01");
	ivp_format_number("nl", 1234567, 0, b, 4); /* cut, still terminated */
	assert_true(strlen(b) < 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue_complete),
		cmocka_unit_test(test_catalogue_check_can_fail),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_plural_pairs),
		cmocka_unit_test(test_error_language),
		cmocka_unit_test(test_money_nl),
		cmocka_unit_test(test_money_en),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
