/*
 * fetch_int.h — the parts of `ivp fetch` (src/fetch/), below the public
 * ivp_fetch() of include/ivp/fetch.h:
 *
 *   http.c   one GET with libcurl: time-outs, bounded retries with
 *            exponential back-off on 5xx/429/time-outs, a size limit, TLS
 *            verification always on; failures as coded errors (offline,
 *            time-out, HTTP status, too large) with detail and hint
 *   odata.c  no network: query escaping, the OData $filter of a request,
 *            and the parser of a response page (rows, odata.nextLink /
 *            @odata.nextLink or the OGC API "next" link, TableInfos
 *            Modified), which also refuses a next link to another service
 *   fetch.c  what a municipality needs (the list of tables and their URLs),
 *            paging into temporary files, and one import job per table
 */
#ifndef IVP_FETCH_INT_H
#define IVP_FETCH_INT_H

#include "core/core.h"
#include "ivp/fetch.h"

/* ---- http.c ---------------------------------------------------------------- */

typedef struct ivp__http {
	void *curl; /* CURL *, reused for keep-alive */
	long connect_ms, timeout_ms, backoff_ms, max_bytes;
	int retries;
	int attempts; /* requests made, retries included (for the caller's report) */
} ivp__http;

/* Set up a client with o's limits (defaults where 0). IVP_ENOMEM when
 * libcurl cannot start. Free with ivp__http_free. */
ivp_rc ivp__http_init(ivp_ctx *ctx, ivp__http *h, const ivp_fetch_opts *o);
void ivp__http_free(ivp__http *h);

/* GET url into body (reset first; at most h->max_bytes). A 2xx answer is
 * IVP_OK; anything else is IVP_EIO with a coded error naming the URL
 * (fetch_offline, fetch_timeout, fetch_http_status, fetch_too_large,
 * fetch_tls, fetch_truncated, fetch_failed). */
ivp_rc ivp__http_get(ivp_ctx *ctx, ivp__http *h, const char *url, ivp__buf *body);

/* Is a failure of this kind worth another attempt? (5xx, 429, time-out,
 * connection reset, cut transfer) — exposed for the unit tests. */
int ivp__http_retriable(long curl_code, long status);
/* The wait before retry `n` (1-based): base * 2^(n-1), at most 30 s. */
long ivp__http_backoff_ms(long base, int n);

/* ---- odata.c ---------------------------------------------------------------- */

/* Append s to b percent-encoded for a query value (RFC 3986 unreserved
 * kept; space as %20). 0, or -1 when b is full / out of memory. */
int ivp__url_escape(ivp__buf *b, const char *s);

/*
 * The OData $filter selecting the keys of one dimension: "(substringof('K1',
 * dim) or substringof('K2', dim) …)". substringof, not eq, because CBS pads
 * keys with spaces to a width that differs per table ("NL01  ",
 * "GM1926    "). Keys must be of [A-Za-z0-9]. 0, or -1 on a bad key or a
 * full buffer.
 */
int ivp__odata_keys(ivp__buf *b, const char *dim, const char *const *keys, int n);
/* "(Perioden eq 'YYYYJJ00' or …)" for the years from..to. 0 or -1. */
int ivp__odata_years(ivp__buf *b, int from, int to);

typedef struct ivp__page {
	long rows;	   /* rows ("value") or features in the page */
	char next[2048];   /* the next page's URL, "" when this is the last */
	char modified[40]; /* TableInfos: Modified of the first row, "" when none */
} ivp__page;

/* Shapes of response the parser knows. */
typedef enum ivp__page_kind {
	IVP__PAGE_ODATA = 0, /* {"value": [...], "odata.nextLink"?: URL} (v3 and v4) */
	IVP__PAGE_OGC,	     /* GeoJSON FeatureCollection, links [{rel: next, href}] */
	IVP__PAGE_TABLEINFOS /* an OData page whose first row has Modified */
} ivp__page_kind;

/*
 * Parse one response body (n bytes, need not be NUL-terminated) of `url`
 * as `kind`. A next link must lie under `base` (the same service): any
 * other is refused (fetch_bad_next_link), as is a next link equal to the
 * page's own URL (a loop). Errors are IVP_EINPUT with a code (fetch_truncated
 * for a cut-off page, fetch_bad_page otherwise) naming the URL.
 */
ivp_rc ivp__page_parse(ivp_ctx *ctx, const char *body, size_t n, const char *url,
		       const char *base, ivp__page_kind kind, ivp__page *out);

/*
 * ivp_fetch() is a wrapper (fetch_load.c, in the library) of this table,
 * the one export of the module ivp-fetch.so (fetch.c, http.c, odata.c:
 * libcurl; core/module.h), so only ivp fetch loads libcurl.
 */
typedef struct ivp__fetch_table {
	ivp_rc (*run)(ivp_ctx *ctx, const ivp_fetch_opts *o, int *nitems);
} ivp__fetch_table;
extern const ivp__fetch_table ivp__fetch_ops; /* in ivp-fetch.so */

#endif /* IVP_FETCH_INT_H */
