/*
 * fetch.h — `ivp fetch`: download what a municipality needs from the CBS and
 * Politie open-data services (OData) and PDOK (OGC API Features), and import
 * each table through the normal import job (src/fetch/, docs/fetch.md).
 *
 * One table is one import: its pages are downloaded to temporary files
 * first (following odata.nextLink / @odata.nextLink, or the "next" link of
 * an OGC API page), then imported in one transaction; a table whose pages
 * are the same as before changes nothing ("unchanged"). A table that cannot
 * be downloaded whole is not imported at all. The provenance recorded for
 * each import is the service URL and the table's modification date
 * (TableInfos Modified), not a file path.
 *
 * The download is the module ivp-fetch.so (libcurl), which ivp_fetch()
 * opens on first use; the rest of libivp does not load libcurl.
 */
#ifndef IVP_FETCH_H
#define IVP_FETCH_H

#include "ivp/ivp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The real services (docs/fetch.md). */
#define IVP_FETCH_CBS_URL "https://opendata.cbs.nl/ODataApi/odata"
#define IVP_FETCH_POLITIE_URL "https://dataderden.cbs.nl/ODataApi/odata"
#define IVP_FETCH_PDOK_URL "https://api.pdok.nl"

#define IVP_FETCH_CONNECT_TIMEOUT_MS 10000L /* per attempt */
#define IVP_FETCH_TIMEOUT_MS 120000L	    /* per request, all of it */
#define IVP_FETCH_RETRIES 3		    /* extra attempts on 5xx, 429 and time-outs */
#define IVP_FETCH_BACKOFF_MS 1000L	    /* first wait; doubled each retry, at most 30 s */
#define IVP_FETCH_MAX_BYTES (64L << 20)	    /* one response */
#define IVP_FETCH_MAX_PAGES 1000	    /* pages of one table */

/* What one table of the fetch was, and what its import did. */
typedef struct ivp_fetch_item {
	char table[32];	   /* "47013NED", "37230ned", "wijkenbuurten2023" */
	char part[32];	   /* "TypedDataSet", "SoortMisdrijf", "buurten GM1926" */
	char url[2048];	   /* the first page's URL (what the import records) */
	char modified[40]; /* TableInfos Modified; "" when the service gave none */
	int pages;	   /* pages downloaded */
	int64_t bytes;	   /* bytes downloaded */
	int attempts;	   /* requests for the pages, retries included */
	ivp_import_result res;
} ivp_fetch_item;

/* Called after each table is imported (or found unchanged). */
typedef void (*ivp_fetch_fn)(void *ud, const ivp_fetch_item *item);

typedef struct ivp_fetch_opts {
	const char *area;	   /* the municipality, e.g. "GM1926" (required) */
	const char *const *region; /* the other gemeenten of its region; may be NULL */
	int nregion;
	const char *tables;	 /* comma-separated subset of the table names
					* (docs/fetch.md); NULL: all */
	int from;		 /* first year; 0: 2012 */
	int to;			 /* last year; 0: this year (UTC) */
	const char *cbs_url;	 /* NULL: IVP_FETCH_CBS_URL */
	const char *politie_url; /* NULL: IVP_FETCH_POLITIE_URL */
	const char *pdok_url;	 /* NULL: IVP_FETCH_PDOK_URL */
	long connect_timeout_ms; /* 0: default */
	long timeout_ms;	 /* 0: default */
	int retries;		 /* <0: default; 0: none */
	long backoff_ms;	 /* 0: default */
	long max_bytes;		 /* 0: default */
	const char *tmpdir;	 /* where pages wait for their import; NULL: $TMPDIR or /tmp */
	const char *user;	 /* recorded as who imported */
	ivp_fetch_fn done;	 /* may be NULL */
	void *ud;
} ivp_fetch_opts;

/*
 * Fetch and import every table o asks for, in order (code lists first).
 * Stops at the first table that fails: the tables before it stay imported
 * (each was its own transaction), the failing one leaves nothing, and the
 * context's error says which URL failed and why (offline, time-out, HTTP
 * status, truncated or malformed page) with a hint. *nitems (may be NULL)
 * receives how many tables were imported or unchanged.
 */
IVP_WUR ivp_rc ivp_fetch(ivp_ctx *ctx, const ivp_fetch_opts *o, int *nitems);

/* The gemeenten of a named region ("haaglanden"), NULL-terminated; NULL
 * when the name is unknown. Static storage. */
const char *const *ivp_fetch_region(const char *name);

#ifdef __cplusplus
}
#endif
#endif /* IVP_FETCH_H */
