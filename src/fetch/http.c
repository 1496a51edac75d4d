/*
 * http.c — one GET with libcurl, the way `ivp fetch` needs it.
 *
 * Limits: a connect time-out and a total time-out per attempt, a maximum
 * response size (the transfer is stopped as soon as it is passed), only
 * http and https (also after a redirect, at most 5 of them). TLS peer and
 * host verification stay on: nothing here turns them off.
 *
 * Retries: a 5xx or 429 answer, a time-out, a reset connection or a cut
 * transfer is tried again, at most `retries` more times, after waiting
 * backoff, 2·backoff, 4·backoff … (at most 30 s each). Anything else (DNS
 * failure, connection refused, 4xx, TLS failure, too large) fails at once:
 * trying again would not help. A failure is an IVP_EIO error with a code
 * (docs/errors.md), the URL in its detail, and a hint.
 */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fetch/fetch_int.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_global_rc = CURLE_OK;

static void curl_start(void)
{
	curl_global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

ivp_rc ivp__http_init(ivp_ctx *ctx, ivp__http *h, const ivp_fetch_opts *o)
{
	memset(h, 0, sizeof(*h));
	pthread_once(&curl_once, curl_start);
	if (curl_global_rc != CURLE_OK)
		return ivp__fail(ctx, IVP_EINTERNAL, "libcurl could not start: %s",
				 curl_easy_strerror(curl_global_rc));
	h->connect_ms = o && o->connect_timeout_ms > 0 ? o->connect_timeout_ms : IVP_FETCH_CONNECT_TIMEOUT_MS;
	h->timeout_ms = o && o->timeout_ms > 0 ? o->timeout_ms : IVP_FETCH_TIMEOUT_MS;
	h->backoff_ms = o && o->backoff_ms > 0 ? o->backoff_ms : IVP_FETCH_BACKOFF_MS;
	h->max_bytes = o && o->max_bytes > 0 ? o->max_bytes : IVP_FETCH_MAX_BYTES;
	h->retries = o && o->retries >= 0 ? o->retries : IVP_FETCH_RETRIES;
	if (h->retries > 10)
		h->retries = 10;
	h->curl = curl_easy_init();
	if (!h->curl)
		return ivp__oom(ctx, "libcurl could not set up a transfer.");
	return IVP_OK;
}

void ivp__http_free(ivp__http *h)
{
	if (h->curl)
		curl_easy_cleanup(h->curl);
	h->curl = NULL;
}

int ivp__http_retriable(long curl_code, long status)
{
	switch ((CURLcode)curl_code) {
	case CURLE_OK:
		return status >= 500 || status == 429;
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
		return 1;
	default:
		return 0;
	}
}

long ivp__http_backoff_ms(long base, int n)
{
	long ms = base > 0 ? base : 0;

	for (int i = 1; i < n && ms < 30000; i++)
		ms *= 2;
	return ms > 30000 ? 30000 : ms;
}

typedef struct sink {
	ivp__buf *body;
	int over; /* the body passed max_bytes */
	int oom;
} sink;

static size_t on_data(char *p, size_t size, size_t nmemb, void *ud)
{
	sink *s = ud;
	size_t n = size * nmemb;
	int r = ivp__buf_add(s->body, p, n);

	if (r == -1)
		s->over = 1;
	else if (r == -2)
		s->oom = 1;
	return r ? 0 : n; /* 0 stops the transfer (CURLE_WRITE_ERROR) */
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts))
		;
}

/* One attempt; *status the HTTP status (0 when none came). */
static CURLcode attempt(ivp__http *h, const char *url, sink *s, long *status, char *errbuf)
{
	CURL *c = h->curl;
	CURLcode rc;

	curl_easy_reset(c);
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, h->connect_ms);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, h->timeout_ms);
	curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)h->max_bytes);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, ""); /* gzip/deflate as libcurl has them */
	curl_easy_setopt(c, CURLOPT_USERAGENT, "ivp-fetch/0.1 (+https://github.com/)");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 0L);
	ivp__buf_reset(s->body);
	s->over = s->oom = 0;
	*status = 0;
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	h->attempts++;
	return rc;
}

/* The error of a failed GET: message, code, detail with the URL, hint. */
static ivp_rc fail_get(ivp_ctx *ctx, const ivp__http *h, const char *url, CURLcode rc,
		       long status, const sink *s, const char *errbuf, int tries)
{
	const char *why = errbuf[0] ? errbuf : curl_easy_strerror(rc);

	if (s->oom)
		return ivp__oom(ctx, "The answer of %s could not be kept.", url);
	if (s->over || rc == CURLE_FILESIZE_EXCEEDED) {
		ivp__fail(ctx, IVP_EIO, "the answer is larger than %ld MiB", h->max_bytes >> 20);
		ivp__code(ctx, "fetch_too_large");
		ivp__detail(ctx, "The transfer was stopped at the size limit: GET %s", url);
		ivp__hint(ctx, "Ask for fewer rows (--from, --tables) or raise --max-mb.");
		return IVP_EIO;
	}
	switch (rc) {
	case CURLE_OK:
		ivp__fail(ctx, IVP_EIO, "the service answered HTTP %ld", status);
		ivp__code(ctx, "fetch_http_status");
		ivp__detail(ctx, tries > 1 ? "HTTP %ld on every attempt: GET %s" : "HTTP %ld: GET %s", status, url);
		ivp__hint(ctx, status >= 500 || status == 429 ?
				       "The service is busy or down: try again later." :
			       status == 404 ?
				       "Check the table name and the service URL (--cbs-url, --politie-url, --pdok-url); docs/fetch.md lists them." :
				       "Check the service URL and the options; docs/fetch.md lists what is asked.");
		return IVP_EIO;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		ivp__fail(ctx, IVP_EIO, "cannot reach the service (offline?)");
		ivp__code(ctx, "fetch_offline");
		ivp__detail(ctx, "%s: GET %s", why, url);
		ivp__hint(ctx, "Check the internet connection (and a proxy, if one is needed), or import downloaded files with ivp import.");
		return IVP_EIO;
	case CURLE_OPERATION_TIMEDOUT:
		ivp__fail(ctx, IVP_EIO, "the service did not answer in time");
		ivp__code(ctx, "fetch_timeout");
		ivp__detail(ctx,
			    tries == 1 ? "%s (%d attempt; time-out %ld ms, connect %ld ms): GET %s" :
					 "%s (%d attempts; time-out %ld ms, connect %ld ms): GET %s",
			    why, tries, h->timeout_ms, h->connect_ms, url);
		ivp__hint(ctx, "Try again later, or allow more time with --timeout SECONDS.");
		return IVP_EIO;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CACERT_BADFILE:
		ivp__fail(ctx, IVP_EIO, "the service's TLS certificate could not be verified");
		ivp__code(ctx, "fetch_tls");
		ivp__detail(ctx, "%s: GET %s", why, url);
		ivp__hint(ctx, "Check the system's CA certificates (Debian: ca-certificates) and the clock; ivp never turns verification off.");
		return IVP_EIO;
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
		ivp__fail(ctx, IVP_EIO, "the answer was cut off");
		ivp__code(ctx, "fetch_truncated");
		ivp__detail(ctx, tries == 1 ? "%s (%d attempt): GET %s" : "%s (%d attempts): GET %s", why, tries, url);
		ivp__hint(ctx, "Try again later; nothing of this table was imported.");
		return IVP_EIO;
	default:
		ivp__fail(ctx, IVP_EIO, "the download failed");
		ivp__code(ctx, "fetch_failed");
		ivp__detail(ctx, "%s: GET %s", why, url);
		ivp__hint(ctx, "Check the service URL; docs/fetch.md lists what is asked.");
		return IVP_EIO;
	}
}

ivp_rc ivp__http_get(ivp_ctx *ctx, ivp__http *h, const char *url, ivp__buf *body)
{
	char errbuf[CURL_ERROR_SIZE];
	sink s = { body, 0, 0 };
	long status = 0;
	CURLcode rc = CURLE_OK;
	int tries = 0;

	for (;;) {
		rc = attempt(h, url, &s, &status, errbuf);
		tries++;
		if (rc == CURLE_OK && status >= 200 && status < 300)
			return IVP_OK;
		if (s.over || s.oom || tries > h->retries || !ivp__http_retriable((long)rc, status))
			break;
		sleep_ms(ivp__http_backoff_ms(h->backoff_ms, tries));
	}
	return fail_get(ctx, h, url, rc, status, &s, errbuf, tries);
}
