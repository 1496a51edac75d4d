/*
 * query.c — the query string: decoding it (bounded, no allocation) and
 * checking it against a route's parameter list.
 *
 * Decoding writes names and values, NUL-terminated, into the fixed buffer
 * of http_query; since decoding never lengthens text, a URI within
 * HTTP_MAX_URI always fits. Anything that could surprise a handler is
 * refused here: %00, control characters, bad escapes, more than
 * HTTP_MAX_PARAMS pairs, a value longer than HTTP_MAX_VALUE.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode s[0..n) into out (room for n+1); -1 with why on a bad byte.
 * lines: CR and LF pass (a form body's value; form.c checks them per field). */
static int decode(const char *s, size_t n, char *out, char *why, size_t whysz, int lines)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int h, l;

			if (i + 2 >= n) {
				snprintf(why, whysz, "a %% escape is cut off");
				return -1;
			}
			h = hexval(s[i + 1]);
			l = hexval(s[i + 2]);
			if (h < 0 || l < 0) {
				snprintf(why, whysz, "\"%%%c%c\" is not a %%XX escape",
					 s[i + 1] >= 32 && s[i + 1] < 127 ? s[i + 1] : '?',
					 s[i + 2] >= 32 && s[i + 2] < 127 ? s[i + 2] : '?');
				return -1;
			}
			c = h * 16 + l;
			i += 2;
		}
		if ((c < 32 && !(lines && (c == '\n' || c == '\r'))) || c == 127) {
			snprintf(why, whysz, "the query holds a control character (byte %d)", c);
			return -1;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return (int)o;
}

static int parse(const char *s, size_t n, http_query *q, char *why, size_t whysz, int lines)
{
	size_t pos = 0, used = 0;

	q->n = 0;
	if (n > HTTP_MAX_URI) {
		snprintf(why, whysz, "the query string is longer than %d bytes", HTTP_MAX_URI);
		return -1;
	}
	while (pos < n) {
		const char *pair = s + pos, *amp = memchr(pair, '&', n - pos), *eq;
		size_t plen = amp ? (size_t)(amp - pair) : n - pos, nlen, vlen;
		int dn, dv;

		pos += plen + 1;
		if (!plen)
			continue;
		if (q->n >= HTTP_MAX_PARAMS) {
			snprintf(why, whysz, "more than %d query parameters", HTTP_MAX_PARAMS);
			return -1;
		}
		eq = memchr(pair, '=', plen);
		nlen = eq ? (size_t)(eq - pair) : plen;
		vlen = eq ? plen - nlen - 1 : 0;
		if (used + nlen + vlen + 2 > sizeof(q->buf)) {
			snprintf(why, whysz, "the query string is too long");
			return -1;
		}
		if ((dn = decode(pair, nlen, q->buf + used, why, whysz, 0)) < 0)
			return -1;
		q->kv[q->n].name = q->buf + used;
		used += (size_t)dn + 1;
		if ((dv = decode(eq ? eq + 1 : "", vlen, q->buf + used, why, whysz, lines)) < 0)
			return -1;
		if (dv > HTTP_MAX_VALUE) {
			snprintf(why, whysz, "the value of \"%.64s\" is longer than %d bytes",
				 q->kv[q->n].name, HTTP_MAX_VALUE);
			return -1;
		}
		q->kv[q->n].value = q->buf + used;
		used += (size_t)dv + 1;
		q->n++;
	}
	return 0;
}

int http_query_parse(const char *s, size_t n, http_query *q, char *why, size_t whysz)
{
	return parse(s, n, q, why, whysz, 0);
}

int http_body_parse(const char *s, size_t n, http_query *q, char *why, size_t whysz)
{
	return parse(s, n, q, why, whysz, 1);
}

const char *http_query_get(const http_query *q, const char *name)
{
	int i;

	for (i = 0; i < q->n; i++)
		if (!strcmp(q->kv[i].name, name))
			return q->kv[i].value;
	return NULL;
}

/* ---- values --------------------------------------------------------------- */

static int all_digits(const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return 0;
	return n > 0;
}

int http_parse_year(const char *v, int *year)
{
	if (strlen(v) != 4 || !all_digits(v, 4))
		return -1;
	*year = (int)strtol(v, NULL, 10);
	return *year >= 1900 && *year <= 2199 ? 0 : -1;
}

int http_parse_month(const char *v, int *yyyymm)
{
	int y, m;

	if (strlen(v) != 7 || !all_digits(v, 4) || v[4] != '-' || !all_digits(v + 5, 2))
		return -1;
	y = (int)strtol(v, NULL, 10);
	m = (int)strtol(v + 5, NULL, 10);
	if (y < 1900 || y > 2199 || m < 1 || m > 12)
		return -1;
	*yyyymm = y * 100 + m;
	return 0;
}

static int in_list(const char *values, const char *v)
{
	size_t n = strlen(v);

	while (values && *values) {
		const char *e = strchr(values, ',');
		size_t len = e ? (size_t)(e - values) : strlen(values);

		if (len == n && !memcmp(values, v, n))
			return 1;
		values = e ? e + 1 : NULL;
	}
	return 0;
}

/* NULL when v fits type; else what it should look like. */
static const char *check_value(const http_param *p, const char *v)
{
	int x;

	switch (p->type) {
	case HTTP_P_YEAR:
		return http_parse_year(v, &x) ? "a year such as 2024" : NULL;
	case HTTP_P_MONTH:
		return http_parse_month(v, &x) ? "a month as YYYY-MM, such as 2024-03" : NULL;
	case HTTP_P_COUNT:
		return strlen(v) > 9 || !all_digits(v, strlen(v)) ? "a whole number such as 10" : NULL;
	case HTTP_P_BOOL:
		return in_list("true,false,1,0", v) ? NULL : "true or false";
	case HTTP_P_ENUM:
		return in_list(p->values, v) ? NULL : "one of the listed values";
	case HTTP_P_LIST: {
		int items = 1;
		const char *c;

		if (!*v || v[strlen(v) - 1] == ',' || *v == ',' || strstr(v, ",,"))
			return "comma-separated names without empty items";
		for (c = v; *c; c++)
			items += *c == ',';
		return items > 32 ? "at most 32 comma-separated items" : NULL;
	}
	case HTTP_P_FILE:
		return "a file part of a multipart body";
	case HTTP_P_SEARCH:
	case HTTP_P_LINES:
		return NULL;
	case HTTP_P_PROSE:
		return "a text part of a multipart body";
	default:
		return *v ? NULL : "a non-empty text";
	}
}

static void list_names(const http_param *spec, char *out, size_t n)
{
	size_t used = 0;
	int k;

	out[0] = '\0';
	for (; spec->name && used < n; spec++) {
		k = snprintf(out + used, n - used, "%s%s", used ? ", " : "", spec->name);
		used += k > 0 ? (size_t)k : 0;
	}
	if (!out[0])
		snprintf(out, n, "none");
}

int http_params_check(http_req *r, const http_param *spec, const http_query *q)
{
	const http_param *p;
	char msg[256], det[512], hint[512], names[256];
	int i, j;

	list_names(spec, names, sizeof(names));
	for (i = 0; i < q->n; i++) {
		for (p = spec; p->name && strcmp(p->name, q->kv[i].name); p++)
			;
		/* every route's: the municipality it acts for, checked by http_scope */
		if (!p->name && !strcmp(q->kv[i].name, HTTP_PARAM_MUNICIPALITY))
			continue;
		if (!p->name) {
			snprintf(msg, sizeof(msg), "unknown parameter \"%.64s\"", q->kv[i].name);
			snprintf(det, sizeof(det), "%s %s takes no parameter of that name.",
				 r->route->method, r->route->path);
			if (r->app && r->app->described)
				snprintf(hint, sizeof(hint), "Use only: %s (%s describes them).", names,
					 r->app->described);
			else
				snprintf(hint, sizeof(hint), "Use only: %s.", names);
			http_error(r, 400, "bad_parameter", msg, det, hint);
			return 400;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(q->kv[j].name, q->kv[i].name)) {
				snprintf(msg, sizeof(msg), "parameter \"%.64s\" is given twice", p->name);
				http_error(r, 400, "bad_parameter", msg,
					   "Each parameter may appear once.",
					   p->type == HTTP_P_LIST ? "Separate several values with commas." :
								    "Give it once.");
				return 400;
			}
		{
			const char *want = check_value(p, q->kv[i].value);

			if (want) {
				snprintf(msg, sizeof(msg), "parameter \"%s\" has a bad value", p->name);
				snprintf(det, sizeof(det), "\"%.64s\" is not %s.", q->kv[i].value, want);
				if (p->type == HTTP_P_ENUM)
					snprintf(hint, sizeof(hint), "Use one of: %s.", p->values);
				else
					snprintf(hint, sizeof(hint), "%s: %s%s%s.", p->name, p->description,
						 p->example ? ", e.g. " : "", p->example ? p->example : "");
				http_error(r, 400, "bad_parameter", msg, det, hint);
				return 400;
			}
		}
	}
	for (p = spec; p->name; p++)
		if (p->required && !http_query_get(q, p->name)) {
			snprintf(msg, sizeof(msg), "parameter \"%s\" is required", p->name);
			snprintf(det, sizeof(det), "%s %s needs it: %s.", r->route->method,
				 r->route->path, p->description);
			snprintf(hint, sizeof(hint), "Add %s=%s to the query.", p->name,
				 p->example ? p->example : "…");
			http_error(r, 400, "bad_parameter", msg, det, hint);
			return 400;
		}
	return 0;
}
