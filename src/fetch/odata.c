/*
 * odata.c — what `ivp fetch` says to the services and how it reads their
 * answers, without any network: escaping a query value, the OData $filter
 * of a request, and the parser of one response page.
 *
 * A page is checked whole before it is kept: valid JSON (a cut-off page is
 * fetch_truncated), the rows where they belong ("value" for OData, the
 * "features" of a GeoJSON FeatureCollection for OGC API Features), and the
 * link to the next page: odata.nextLink (OData v3, as CBS serves it) or
 * @odata.nextLink (v4), or the links entry with rel "next" (OGC API). A next
 * link must lie under the service the table came from, and must not point
 * back to the page itself: a service cannot send ivp elsewhere or round in
 * a loop. The fuzz target tests/fuzz/fuzz_fetch.c feeds this parser.
 */
#include <ctype.h>
#include <jansson.h>
#include <string.h>

#include "fetch/fetch_int.h"

int ivp__url_escape(ivp__buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
			if (ivp__buf_addc(b, (char)c))
				return -1;
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };

			if (ivp__buf_add(b, e, 3))
				return -1;
		}
	}
	return 0;
}

static int key_ok(const char *k)
{
	if (!*k || strlen(k) > 16)
		return 0;
	for (; *k; k++)
		if (!isalnum((unsigned char)*k))
			return 0;
	return 1;
}

int ivp__odata_keys(ivp__buf *b, const char *dim, const char *const *keys, int n)
{
	if (n < 1 || ivp__buf_addc(b, '('))
		return -1;
	for (int i = 0; i < n; i++) {
		if (!key_ok(keys[i]))
			return -1;
		if (ivp__buf_printf(b, "%ssubstringof('%s',%s)", i ? " or " : "", keys[i], dim))
			return -1;
	}
	return ivp__buf_addc(b, ')') ? -1 : 0;
}

int ivp__odata_years(ivp__buf *b, int from, int to)
{
	if (from < 1900 || to > 9999 || from > to || ivp__buf_addc(b, '('))
		return -1;
	for (int y = from; y <= to; y++)
		if (ivp__buf_printf(b, "%sPerioden eq '%04dJJ00'", y > from ? " or " : "", y))
			return -1;
	return ivp__buf_addc(b, ')') ? -1 : 0;
}

static ivp_rc bad_page(ivp_ctx *ctx, const char *url, const char *msg, const char *detail)
{
	ivp__fail(ctx, IVP_EINPUT, "%s", msg);
	ivp__code(ctx, "fetch_bad_page");
	ivp__detail(ctx, "%s GET %.1500s", detail, url);
	ivp__hint(ctx, "Check the service URL; docs/fetch.md says what each request expects. Nothing of this table was imported.");
	return IVP_EINPUT;
}

/* The next link of an OGC API page: links[i].href where rel is "next". */
static json_t *ogc_next(json_t *root)
{
	json_t *links = json_object_get(root, "links"), *l;
	size_t i;

	json_array_foreach(links, i, l) {
		if (json_is_object(l) && json_is_string(json_object_get(l, "rel")) &&
		    !strcmp(json_string_value(json_object_get(l, "rel")), "next"))
			return json_object_get(l, "href");
	}
	return NULL;
}

/* Does next lie under base? "http://h/a" is under "http://h/a" itself, or
 * followed by '/' or '?'; never another host. */
static int under_base(const char *base, const char *next)
{
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	return n && !strncmp(next, base, n) && (next[n] == '/' || next[n] == '?' || next[n] == '\0');
}

ivp_rc ivp__page_parse(ivp_ctx *ctx, const char *body, size_t n, const char *url,
		       const char *base, ivp__page_kind kind, ivp__page *out)
{
	json_error_t e;
	json_t *root, *rows, *next = NULL;
	ivp_rc rc = IVP_OK;

	memset(out, 0, sizeof(*out));
	root = json_loadb(body, n, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		if (json_error_code(&e) == json_error_out_of_memory)
			return ivp__oom(ctx, "The answer of %.1500s could not be read.", url);
		if (json_error_code(&e) == json_error_premature_end_of_input) {
			ivp__fail(ctx, IVP_EINPUT, "the page was cut off");
			ivp__code(ctx, "fetch_truncated");
			ivp__detail(ctx, "The JSON ends after %zu bytes, inside a value (%s): GET %.1500s",
				    n, e.text, url);
			ivp__hint(ctx, "Try again later; nothing of this table was imported.");
			return IVP_EINPUT;
		}
		ivp__fail(ctx, IVP_EINPUT, "the answer is not valid JSON");
		ivp__code(ctx, "fetch_bad_page");
		ivp__detail(ctx, "%s at line %d, column %d: GET %.1500s", e.text, e.line, e.column, url);
		ivp__hint(ctx, "Check the service URL; a proxy or a maintenance page may answer instead of the service.");
		return IVP_EINPUT;
	}
	if (!json_is_object(root)) {
		rc = bad_page(ctx, url, "the answer is not a JSON object", "An OData or GeoJSON page is an object.");
		goto out;
	}
	if (kind == IVP__PAGE_OGC) {
		rows = json_object_get(root, "features");
		if (!json_is_array(rows)) {
			rc = bad_page(ctx, url, "the answer has no \"features\" array",
				      "An OGC API Features page is a GeoJSON FeatureCollection.");
			goto out;
		}
		next = ogc_next(root);
	} else {
		rows = json_object_get(root, "value");
		if (!json_is_array(rows)) {
			rc = bad_page(ctx, url, "the answer has no \"value\" array",
				      "An OData page is an object {\"value\": [...]}.");
			goto out;
		}
		next = json_object_get(root, "odata.nextLink");
		if (!next)
			next = json_object_get(root, "@odata.nextLink");
	}
	out->rows = (long)json_array_size(rows);
	if (next) {
		const char *s = json_string_value(next);

		if (!s || !*s || strlen(s) >= sizeof(out->next)) {
			rc = bad_page(ctx, url, "the link to the next page is not a URL",
				      "odata.nextLink (or the \"next\" link) must be a string of at most 2047 bytes.");
			goto out;
		}
		if (!under_base(base, s) || !strcmp(s, url)) {
			ivp__fail(ctx, IVP_EINPUT,
				  strcmp(s, url) ? "the next page lies outside the service" :
						   "the next page lies at the same URL (a loop)");
			ivp__code(ctx, "fetch_bad_next_link");
			ivp__detail(ctx, "The next link is %.700s (the service: %.200s); the page: GET %.700s", s, base, url);
			ivp__hint(ctx, "ivp follows next links only within the service it asked; check --cbs-url, --politie-url and --pdok-url.");
			rc = IVP_EINPUT;
			goto out;
		}
		snprintf(out->next, sizeof(out->next), "%s", s);
	}
	if (kind == IVP__PAGE_TABLEINFOS) {
		json_t *m = json_object_get(json_array_get(rows, 0), "Modified");

		if (json_is_string(m))
			snprintf(out->modified, sizeof(out->modified), "%s", json_string_value(m));
	}
out:
	json_decref(root);
	return rc;
}
