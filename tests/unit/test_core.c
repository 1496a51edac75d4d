/*
 * test_core.c — unit tests for period and code parsing, the CSV tokenizer
 * and the small containers. Each assertion names the input it checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"
#include "ingest/csv.h"

static int period(const char *s)
{
	int p = -1, prov = -1;

	if (ivp__period_parse(s, strlen(s), &p, &prov))
		return -1;
	return p;
}

static void test_period_codes(void **state)
{
	char out[16];
	int p, prov;

	(void)state;
	assert_int_equal(period("2024JJ00"), 202400);
	assert_int_equal(period("2024MM03"), 202403);
	assert_int_equal(period("2024MM12"), 202412);
	assert_int_equal(period("2024KW01"), 202421);
	assert_int_equal(period("2024KW04"), 202424);
	assert_int_equal(period("2024"), 202400);
	assert_int_equal(period("2024-03"), 202403);
	assert_int_equal(period("2025 januari*"), 202501);
	assert_int_equal(period("2025 april *"), 202504);
	assert_int_equal(period("2024 3e kwartaal"), 202423);
	assert_int_equal(period(" 2023 "), 202300);
	/* rejected */
	assert_int_equal(period("2024MM13"), -1);
	assert_int_equal(period("2024MM00"), -1);
	assert_int_equal(period("2024KW05"), -1);
	assert_int_equal(period("2024JJ01"), -1);
	assert_int_equal(period("1899"), -1);
	assert_int_equal(period("24"), -1);
	assert_int_equal(period("2024 smarch"), -1);
	assert_int_equal(period(""), -1);
	assert_int_equal(period("2024-13"), -1);
	/* provisional flag */
	assert_int_equal(ivp__period_parse("2024*", 5, &p, &prov), 0);
	assert_int_equal(prov, 1);
	assert_int_equal(ivp__period_parse("2024", 4, &p, &prov), 0);
	assert_int_equal(prov, 0);
	/* round trip */
	ivp__period_format(202400, out);
	assert_string_equal(out, "2024JJ00");
	ivp__period_format(201603, out);
	assert_string_equal(out, "2016MM03");
	ivp__period_format(202422, out);
	assert_string_equal(out, "2024KW02");
}

static void test_codes(void **state)
{
	char c[16];

	(void)state;
	assert_int_equal(ivp__code_trim("GM1926    ", 10, c, sizeof(c)), 6);
	assert_string_equal(c, "GM1926");
	assert_int_equal(ivp__code_trim("0.0.0 ", 6, c, sizeof(c)), 5);
	assert_string_equal(c, "0.0.0");
	assert_int_equal(ivp__code_trim("BU1926010112345678", 18, c, 8), -1);
	assert_string_equal(ivp__area_level("GM1926"), "GM");
	assert_string_equal(ivp__area_level("WK192601"), "WK");
	assert_string_equal(ivp__area_level("BU19260101"), "BU");
	assert_string_equal(ivp__area_level("NL01"), "NL");
	assert_string_equal(ivp__area_level("RE06"), "RE");
	assert_null(ivp__area_level("GM19260"));
	assert_null(ivp__area_level("BU1926010"));
	assert_null(ivp__area_level("XX1926"));
	assert_null(ivp__area_level("GM19x6"));
	assert_int_equal(ivp__type_classification("0.0.0"), 1);
	assert_int_equal(ivp__type_classification("1.4.5"), 1);
	assert_int_equal(ivp__type_classification("2.6.10"), 1);
	assert_int_equal(ivp__type_classification("CRI3000"), 2);
	assert_int_equal(ivp__type_classification("T001161"), 2);
	assert_int_equal(ivp__type_classification("1.4"), 0);
	assert_int_equal(ivp__type_classification("1..4"), 0);
	assert_int_equal(ivp__type_classification("1.4.5."), 0);
	assert_int_equal(ivp__type_classification("104"), 0);
	assert_int_equal(ivp__type_classification("CRI30"), 0);
}

static void test_counts(void **state)
{
	int64_t v = -1;

	(void)state;
	assert_int_equal(ivp__parse_count("1771", 4, &v), 0);
	assert_int_equal(v, 1771);
	assert_int_equal(ivp__parse_count(" 0 ", 3, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(ivp__parse_count("56572.0", 7, &v), 0);
	assert_int_equal(v, 56572);
	assert_int_equal(ivp__parse_count("1.771,0", 7, &v), -1);
	assert_int_equal(ivp__parse_count("-3", 2, &v), -1);
	assert_int_equal(ivp__parse_count("", 0, &v), -1);
	assert_int_equal(ivp__parse_count("12a", 3, &v), -1);
	assert_int_equal(ivp__parse_count("9999999999999999", 16, &v), -1);
}

/* Read all records of s; return "f1|f2\n..." in out. */
static int csv_all(const char *s, size_t n, char delim, char *out, size_t outsz)
{
	ivp__csv *c = ivp__csv_open_mem(s, n, delim, 1024);
	size_t i, o = 0;
	int r;

	out[0] = '\0';
	while ((r = ivp__csv_next(c)) > 0) {
		for (i = 0; i < ivp__csv_nfields(c); i++)
			o += (size_t)snprintf(out + o, outsz - o, "%s%s", i ? "|" : "",
					      ivp__csv_field_at(c, i)->p);
		o += (size_t)snprintf(out + o, outsz - o, "\n");
	}
	ivp__csv_close(c);
	return r;
}

static void test_csv(void **state)
{
	char out[512];
	const char bom[] = "\xEF\xBB\xBF\"a\";\"b\"\r\n1;2\r\n";
	const char multi[] = "\"Key\";\"Description\"\n\"1.1.1 \";\"A20\nA30\"\n";
	ivp__csv *c;

	(void)state;
	assert_int_equal(csv_all("a,b\n1,\"x,y\"\n", 12, 0, out, sizeof(out)), 0);
	assert_string_equal(out, "a|b\n1|x,y\n");
	/* BOM, CRLF, semicolons detected */
	assert_int_equal(csv_all(bom, sizeof(bom) - 1, 0, out, sizeof(out)), 0);
	assert_string_equal(out, "a|b\n1|2\n");
	/* newline inside quotes, doubled quotes */
	assert_int_equal(csv_all(multi, sizeof(multi) - 1, 0, out, sizeof(out)), 0);
	assert_string_equal(out, "Key|Description\n1.1.1 |A20\nA30\n");
	assert_int_equal(csv_all("\"say \"\"hi\"\"\"\n", 13, ',', out, sizeof(out)), 0);
	assert_string_equal(out, "say \"hi\"\n");
	/* lone CR line ends */
	assert_int_equal(csv_all("a\rb\r", 4, ',', out, sizeof(out)), 0);
	assert_string_equal(out, "a\nb\n");
	/* unterminated quote: an error naming the opening line */
	c = ivp__csv_open_mem("a\n\"b\nc", 6, ',', 1024);
	assert_int_equal(ivp__csv_next(c), 1);
	assert_int_equal(ivp__csv_next(c), -1);
	assert_non_null(strstr(ivp__csv_error(c), "line 2"));
	ivp__csv_close(c);
	/* NUL byte and invalid UTF-8 */
	c = ivp__csv_open_mem("a\0b\n", 4, ',', 1024);
	assert_int_equal(ivp__csv_next(c), -1);
	assert_non_null(strstr(ivp__csv_error(c), "NUL"));
	ivp__csv_close(c);
	c = ivp__csv_open_mem("a\xff\n", 3, ',', 1024);
	assert_int_equal(ivp__csv_next(c), -1);
	assert_non_null(strstr(ivp__csv_error(c), "UTF-8"));
	ivp__csv_close(c);
	/* record limit */
	c = ivp__csv_open_mem("aaaaaaaaaaaaaaaaaaaa\n", 21, ',', 8);
	assert_int_equal(ivp__csv_next(c), -1);
	assert_non_null(strstr(ivp__csv_error(c), "longer than"));
	ivp__csv_close(c);
	/* tab detection */
	c = ivp__csv_open_mem("a\tb\n", 4, 0, 64);
	assert_int_equal(ivp__csv_next(c), 1);
	assert_int_equal(ivp__csv_delim(c), '\t');
	ivp__csv_close(c);
	/* line numbers count newlines inside quotes */
	c = ivp__csv_open_mem(multi, sizeof(multi) - 1, 0, 1024);
	assert_int_equal(ivp__csv_next(c), 1);
	assert_int_equal(ivp__csv_next(c), 1);
	assert_int_equal(ivp__csv_line(c), 2);
	assert_int_equal(ivp__csv_next(c), 0);
	ivp__csv_close(c);
}

/* Each tokenizer error has its kind and its position (line, byte column). */
static void test_csv_errors(void **state)
{
	static const struct {
		const char *in;
		size_t n;
		size_t max;
		ivp__csv_err err;
		long line, col;
	} cases[] = {
		{ "a,b\n1,\"x\n", 9, 1024, IVP__CSV_UNTERMINATED, 2, 3 }, /* the opening quote */
		{ "a\nbc,d\0e\n", 10, 1024, IVP__CSV_NUL, 2, 5 },
		{ "a\n\"q\nx\xff\"\n", 9, 1024, IVP__CSV_BAD_UTF8, 3, 2 }, /* inside a quoted field */
		{ "\xEF\xBB\xBF"
		  "ab\xC3\n",
		  7, 1024, IVP__CSV_BAD_UTF8, 1, 4 }, /* a cut sequence, after a BOM: the byte where a continuation byte was due */
		{ "ok\naaaaaaaaaaaaaaaaaaaa\n", 24, 8, IVP__CSV_TOO_LONG, 2, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ivp__csv *c = ivp__csv_open_mem(cases[i].in, cases[i].n, ',', cases[i].max);
		int r;

		while ((r = ivp__csv_next(c)) > 0)
			assert_int_equal(ivp__csv_errcode(c), IVP__CSV_OK);
		assert_int_equal(r, -1);
		assert_int_equal(ivp__csv_errcode(c), cases[i].err);
		assert_int_equal(ivp__csv_errline(c), cases[i].line);
		if (cases[i].col)
			assert_int_equal(ivp__csv_errcol(c), cases[i].col);
		else
			assert_true(ivp__csv_errcol(c) >= 1);
		ivp__csv_close(c);
	}
}

/* The column of a field, found again on demand, from memory and from a file. */
static void check_columns(ivp__csv *c)
{
	assert_int_equal(ivp__csv_next(c), 1);
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 0)), 1); /* after the BOM */
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 1)), 3); /* its opening quote */
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 2)), 7);
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 5)), 0); /* no such field */
	assert_int_equal(ivp__csv_next(c), 1);
	assert_int_equal(ivp__csv_line(c), 2);
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 0)), 1);
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 1)), 4); /* "p\nq" */
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 2)), 0); /* starts on line 3 */
	assert_int_equal(ivp__csv_next(c), 1);
	assert_int_equal(ivp__csv_line(c), 4);
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 1)), 5); /* "a""b" */
	assert_int_equal(ivp__csv_column(c, ivp__csv_field_at(c, 2)), 12);
	assert_int_equal(ivp__csv_next(c), 0);
}

static void test_csv_field_columns(void **state)
{
	static const char in[] = "\xEF\xBB\xBF"
				 "a,\"b\",ccc\nxy,\"p\nq\",z\nfoo,\"a\"\"b\",last\n";
	ivp__csv *c = ivp__csv_open_mem(in, sizeof(in) - 1, ',', 1024);
	FILE *f = tmpfile();

	(void)state;
	check_columns(c);
	ivp__csv_close(c);
	assert_non_null(f);
	assert_int_equal(fwrite(in, 1, sizeof(in) - 1, f), sizeof(in) - 1);
	rewind(f);
	c = ivp__csv_open_file(f, ',', 1024);
	check_columns(c);
	ivp__csv_close(c);
	(void)fclose(f); /* a tmpfile, read back already */
}

/* Every error carries a machine code: the rc's default until a site names one;
 * out of memory is never a user error. */
static void test_error_codes(void **state)
{
	ivp_ctx ctx;

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	assert_int_equal(ivp__fail(&ctx, IVP_EINPUT, "x"), IVP_EINPUT);
	assert_string_equal(ctx.err.code, "input_error");
	ivp__code(&ctx, "bad_count");
	assert_string_equal(ctx.err.code, "bad_count");
	assert_int_equal(ivp__oom(&ctx, "while %s", "testing"), IVP_ENOMEM);
	assert_string_equal(ctx.err.code, "out_of_memory");
	assert_string_equal(ctx.err.message, "out of memory");
	assert_string_equal(ctx.err.detail, "while testing");
	assert_int_equal(ctx.err.column, 0);
	assert_false(ivp_rc_is_user_error(IVP_ENOMEM));
	assert_true(ivp_rc_is_user_error(IVP_EINPUT));
	assert_string_equal(ivp__rc_code(IVP_EDB), "database_error");
	assert_string_equal(ivp__rc_code(IVP_ENOTFOUND), "not_found");
	assert_int_equal(ivp__coded(&ctx, "unknown_area", IVP_ENOTFOUND), IVP_ENOTFOUND);
	assert_string_equal(ctx.err.code, "unknown_area");
}

static void test_utf8(void **state)
{
	const unsigned char ok2[] = "\xC3\xA9", ok3[] = "\xE2\x82\xAC", ok4[] = "\xF0\x9F\x98\x80";
	const unsigned char over[] = "\xE0\x80\x80", surr[] = "\xED\xA0\x80";
	const unsigned char big[] = "\xF4\x90\x80\x80", c0[] = "\xC0\xAF", trunc[] = "\xE2\x82";
	ivp__csv *c;

	(void)state;
	assert_int_equal(ivp__utf8_seq((const unsigned char *)"a", 1), 1);
	assert_int_equal(ivp__utf8_seq(ok2, 2), 2);  /* é */
	assert_int_equal(ivp__utf8_seq(ok3, 3), 3);  /* € */
	assert_int_equal(ivp__utf8_seq(ok4, 4), 4);  /* U+1F600 */
	assert_int_equal(ivp__utf8_seq(over, 3), 0); /* overlong */
	assert_int_equal(ivp__utf8_seq(surr, 3), 0); /* surrogate */
	assert_int_equal(ivp__utf8_seq(big, 4), 0);  /* above U+10FFFF */
	assert_int_equal(ivp__utf8_seq(c0, 2), 0);
	assert_int_equal(ivp__utf8_seq(trunc, 2), 0);
	assert_int_equal(ivp__utf8_seq((const unsigned char *)"", 1), 0); /* NUL */
	/* the CSV reader is as strict (jansson would refuse such text later) */
	c = ivp__csv_open_mem("a\xF4\x90\x80\x80\n", 6, ',', 64);
	assert_int_equal(ivp__csv_next(c), -1);
	ivp__csv_close(c);
	c = ivp__csv_open_mem("\xED\xA0\x80\n", 4, ',', 64);
	assert_int_equal(ivp__csv_next(c), -1);
	ivp__csv_close(c);
	c = ivp__csv_open_mem("\xF0\x9F\x98\x80\n", 5, ',', 64);
	assert_int_equal(ivp__csv_next(c), 1);
	ivp__csv_close(c);
}

static void test_map(void **state)
{
	ivp__map m;
	int64_t *slot;
	int existed, i;
	char k[32];

	(void)state;
	ivp__map_init(&m);
	for (i = 0; i < 1000; i++) {
		snprintf(k, sizeof(k), "BU%08d|1.1.1|2016%02d", i, i % 12 + 1);
		assert_int_equal(ivp__map_put(&m, k, i, &slot, &existed), 0);
		assert_false(existed);
	}
	assert_int_equal(ivp__map_put(&m, "BU00000007|1.1.1|201608", 0, &slot, &existed), 0);
	assert_true(existed);
	assert_int_equal(*slot, 7);
	assert_null(ivp__map_get(&m, "nope"));
	assert_int_equal(m.n, 1000);
	ivp__map_free(&m);
}

static void test_table(void **state)
{
	ivp_table *t = ivp__table_new();

	(void)state;
	assert_int_equal(ivp__table_col(t, "a", IVP__COL_BRIEF, 0), 0);
	assert_int_equal(ivp__table_col(t, "b", 0, 2), 1);
	assert_int_equal(ivp__table_row(t), 0);
	assert_int_equal(ivp__table_set_int(t, 0, 42), 0);
	assert_int_equal(ivp__table_set_real(t, 1, NAN), 0);
	assert_int_equal(ivp_table_cell_type(t, 0, 1), IVP_CELL_NULL);
	assert_int_equal(ivp__table_set_text(t, 1, "x"), 0);
	assert_string_equal(ivp_table_text(t, 0, 1), "x");
	assert_int_equal(ivp_table_int(t, 0, 0), 42);
	assert_int_equal(ivp__table_col(t, "late", 0, 0), -1); /* columns fixed once rows exist */
	assert_true(ivp_table_col_brief(t, 0));
	assert_false(ivp_table_col_brief(t, 1));
	ivp_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_codes),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_csv_field_columns),
		cmocka_unit_test(test_error_codes),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
