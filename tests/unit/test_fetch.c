/*
 * test_fetch.c — unit tests of `ivp fetch`'s parts that need no network
 * (src/fetch/odata.c, the retry rules of http.c): query escaping, the OData
 * filters, the page parser with odata.nextLink, @odata.nextLink and the OGC
 * API "next" link, refused next links, cut-off pages, TableInfos Modified,
 * and the back-off. Each assertion names what it checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fetch/fetch_int.h"

static ivp_ctx ctx;

static const char *esc(const char *s)
{
	static ivp__buf b;

	ivp__buf_free(&b);
	ivp__buf_init(&b, 4096);
	assert_int_equal(ivp__url_escape(&b, s), 0);
	return ivp__buf_str(&b);
}

static void test_escape(void **state)
{
	(void)state;
	assert_string_equal(esc("abc-._~09"), "abc-._~09");
	assert_string_equal(esc("RegioS eq 'GM1926'"), "RegioS%20eq%20%27GM1926%27");
	assert_string_equal(esc("(a,b)&c=d/e?"), "%28a%2Cb%29%26c%3Dd%2Fe%3F");
	assert_string_equal(esc("é"), "%C3%A9");
}

static void test_filters(void **state)
{
	static const char *const keys[] = { "GM1926", "NL01" };
	static const char *const bad[] = { "GM1926') or (1 eq 1" };
	ivp__buf b;

	(void)state;
	ivp__buf_init(&b, 4096);
	assert_int_equal(ivp__odata_keys(&b, "RegioS", keys, 2), 0);
	assert_string_equal(ivp__buf_str(&b), "(substringof('GM1926',RegioS) or substringof('NL01',RegioS))");
	ivp__buf_reset(&b);
	assert_int_equal(ivp__odata_years(&b, 2022, 2024), 0);
	assert_string_equal(ivp__buf_str(&b),
			    "(Perioden eq '2022JJ00' or Perioden eq '2023JJ00' or Perioden eq '2024JJ00')");
	ivp__buf_reset(&b);
	/* a key that would change the filter is refused, not quoted */
	assert_int_equal(ivp__odata_keys(&b, "RegioS", bad, 1), -1);
	ivp__buf_reset(&b);
	assert_int_equal(ivp__odata_years(&b, 2024, 2022), -1);
	ivp__buf_free(&b);
	ivp__buf_init(&b, 20); /* too small a buffer fails instead of truncating */
	assert_int_equal(ivp__odata_keys(&b, "RegioS", keys, 2), -1);
	ivp__buf_free(&b);
}

#define BASE "https://dataderden.cbs.nl/ODataApi/odata"
#define URL1 BASE "/47018NED/TypedDataSet?$format=json"

static ivp_rc parse(const char *body, const char *url, ivp__page_kind k, ivp__page *pg)
{
	return ivp__page_parse(&ctx, body, strlen(body), url, BASE, k, pg);
}

static void test_next_links(void **state)
{
	ivp__page pg;

	(void)state;
	assert_int_equal(parse("{\"value\":[{\"a\":1},{\"a\":2}],\"odata.nextLink\":\"" BASE
			       "/47018NED/TypedDataSet?$skip=20\"}",
			       URL1, IVP__PAGE_ODATA, &pg),
			 IVP_OK);
	assert_int_equal(pg.rows, 2);
	assert_string_equal(pg.next, BASE "/47018NED/TypedDataSet?$skip=20");
	/* OData v4 */
	assert_int_equal(parse("{\"@odata.context\":\"x\",\"value\":[],\"@odata.nextLink\":\"" BASE
			       "/x?$skip=1\"}",
			       URL1, IVP__PAGE_ODATA, &pg),
			 IVP_OK);
	assert_string_equal(pg.next, BASE "/x?$skip=1");
	/* the last page */
	assert_int_equal(parse("{\"value\":[{\"a\":1}]}", URL1, IVP__PAGE_ODATA, &pg), IVP_OK);
	assert_string_equal(pg.next, "");
	assert_int_equal(pg.rows, 1);
	/* OGC API Features: links with rel next */
	assert_int_equal(ivp__page_parse(&ctx, "{\"type\":\"FeatureCollection\",\"features\":[{}],\"links\":[{\"rel\":\"self\",\"href\":\"https://api.pdok.nl/a\"},{\"rel\":\"next\",\"href\":\"https://api.pdok.nl/a?cursor=2\"}]}",
					 strlen("{\"type\":\"FeatureCollection\",\"features\":[{}],\"links\":[{\"rel\":\"self\",\"href\":\"https://api.pdok.nl/a\"},{\"rel\":\"next\",\"href\":\"https://api.pdok.nl/a?cursor=2\"}]}"),
					 "https://api.pdok.nl/a", "https://api.pdok.nl", IVP__PAGE_OGC, &pg),
			 IVP_OK);
	assert_string_equal(pg.next, "https://api.pdok.nl/a?cursor=2");
}

static void test_refused_links(void **state)
{
	ivp__page pg;

	(void)state;
	/* another host */
	assert_int_equal(parse("{\"value\":[],\"odata.nextLink\":\"https://evil.example/47018NED?$skip=20\"}",
			       URL1, IVP__PAGE_ODATA, &pg),
			 IVP_EINPUT);
	assert_string_equal(ctx.err.code, "fetch_bad_next_link");
	/* a host that merely starts like the service's */
	assert_int_equal(parse("{\"value\":[],\"odata.nextLink\":\"https://dataderden.cbs.nl/ODataApi/odataX/a\"}",
			       URL1, IVP__PAGE_ODATA, &pg),
			 IVP_EINPUT);
	assert_string_equal(ctx.err.code, "fetch_bad_next_link");
	/* a loop */
	assert_int_equal(parse("{\"value\":[],\"odata.nextLink\":\"" URL1 "\"}", URL1, IVP__PAGE_ODATA, &pg),
			 IVP_EINPUT);
	assert_string_equal(ctx.err.code, "fetch_bad_next_link");
	/* not a string */
	assert_int_equal(parse("{\"value\":[],\"odata.nextLink\":42}", URL1, IVP__PAGE_ODATA, &pg), IVP_EINPUT);
	assert_string_equal(ctx.err.code, "fetch_bad_page");
}

static void test_bad_pages(void **state)
{
	ivp__page pg;

	(void)state;
	assert_int_equal(parse("{\"value\":[{\"ID\":0,\"Perioden\":\"20", URL1, IVP__PAGE_ODATA, &pg), IVP_EINPUT);
	assert_string_equal(ctx.err.code, "fetch_truncated");
	assert_non_null(strstr(ctx.err.detail, URL1));
	assert_int_equal(parse("<html>maintenance</html>", URL1, IVP__PAGE_ODATA, &pg), IVP_EINPUT);
	assert_string_equal(ctx.err.code, "fetch_bad_page");
	assert_int_equal(parse("{\"rows\":[]}", URL1, IVP__PAGE_ODATA, &pg), IVP_EINPUT);
	assert_string_equal(ctx.err.code, "fetch_bad_page");
	assert_int_equal(parse("[1,2]", URL1, IVP__PAGE_ODATA, &pg), IVP_EINPUT);
	assert_int_equal(parse("{\"value\":[]}", URL1, IVP__PAGE_OGC, &pg), IVP_EINPUT);
	assert_string_equal(ctx.err.code, "fetch_bad_page");
	/* duplicate keys are not taken on trust */
	assert_int_equal(parse("{\"value\":[],\"value\":[]}", URL1, IVP__PAGE_ODATA, &pg), IVP_EINPUT);
}

static void test_tableinfos(void **state)
{
	ivp__page pg;

	(void)state;
	assert_int_equal(parse("{\"value\":[{\"ID\":0,\"Identifier\":\"47018NED\",\"Modified\":\"2024-08-15T02:00:00\"}]}",
			       BASE "/47018NED/TableInfos", IVP__PAGE_TABLEINFOS, &pg),
			 IVP_OK);
	assert_string_equal(pg.modified, "2024-08-15T02:00:00");
	assert_int_equal(parse("{\"value\":[{\"ID\":0}]}", BASE "/x/TableInfos", IVP__PAGE_TABLEINFOS, &pg), IVP_OK);
	assert_string_equal(pg.modified, "");
}

static void test_retry_rules(void **state)
{
	(void)state;
	assert_int_equal(ivp__http_retriable(0, 500), 1);
	assert_int_equal(ivp__http_retriable(0, 503), 1);
	assert_int_equal(ivp__http_retriable(0, 429), 1);
	assert_int_equal(ivp__http_retriable(0, 404), 0);
	assert_int_equal(ivp__http_retriable(0, 400), 0);
	assert_int_equal(ivp__http_retriable(28, 0), 1); /* CURLE_OPERATION_TIMEDOUT */
	assert_int_equal(ivp__http_retriable(18, 0), 1); /* CURLE_PARTIAL_FILE */
	assert_int_equal(ivp__http_retriable(7, 0), 0);	 /* CURLE_COULDNT_CONNECT: offline */
	assert_int_equal(ivp__http_retriable(6, 0), 0);	 /* CURLE_COULDNT_RESOLVE_HOST */
	assert_int_equal(ivp__http_retriable(60, 0), 0); /* CURLE_PEER_FAILED_VERIFICATION */
	assert_int_equal(ivp__http_backoff_ms(1000, 1), 1000);
	assert_int_equal(ivp__http_backoff_ms(1000, 2), 2000);
	assert_int_equal(ivp__http_backoff_ms(1000, 3), 4000);
	assert_int_equal(ivp__http_backoff_ms(1000, 10), 30000); /* bounded */
}

static void test_region(void **state)
{
	const char *const *h = ivp_fetch_region("Haaglanden");
	int n = 0;

	(void)state;
	assert_non_null(h);
	while (h[n])
		n++;
	assert_int_equal(n, 9);
	assert_string_equal(h[4], "GM1926");
	assert_null(ivp_fetch_region("randstad"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_next_links),
		cmocka_unit_test(test_refused_links),
		cmocka_unit_test(test_bad_pages),
		cmocka_unit_test(test_tableinfos),
		cmocka_unit_test(test_retry_rules),
		cmocka_unit_test(test_region),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
