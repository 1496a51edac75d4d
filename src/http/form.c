/*
 * form.c — small request bodies (sign-in, measure updates) as form fields:
 * application/json (one object) or application/x-www-form-urlencoded, at
 * most HTTP_MAX_BODY bytes, decoded into the fixed buffer of r->form and
 * checked against the route's field list like a query string (unknown,
 * repeated, missing or ill-typed fields give 400). Browsers post forms
 * urlencoded; scripts may send JSON; both end as the same fields.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "http/http_int.h"

static int bad(http_req *r, const char *detail)
{
	http_error(r, 400, "bad_body", "the request body is malformed", detail,
		   "Send a JSON object of strings, or an HTML form (application/x-www-form-urlencoded).");
	return 400;
}

/* Append "name\0value\0" to q; -1 when it does not fit. */
static int put(http_query *q, size_t *used, const char *name, const char *v, size_t vlen)
{
	size_t nlen = strlen(name);

	if (q->n >= HTTP_MAX_PARAMS || vlen > HTTP_MAX_VALUE ||
	    *used + nlen + vlen + 2 > sizeof(q->buf) || memchr(v, '\0', vlen))
		return -1;
	memcpy(q->buf + *used, name, nlen + 1);
	q->kv[q->n].name = q->buf + *used;
	*used += nlen + 1;
	memcpy(q->buf + *used, v, vlen);
	q->buf[*used + vlen] = '\0';
	q->kv[q->n++].value = q->buf + *used;
	*used += vlen + 1;
	return 0;
}

static int json_fields(http_req *r, const char *body, size_t len)
{
	json_error_t e;
	json_t *o, *v;
	const char *k;
	size_t used = 0;
	char det[256], num[64];
	int rc = 0;

	(void)ivp__json_oom();
	o = json_loadb(body, len, JSON_REJECT_DUPLICATES, &e);
	/* jansson's lexer may call a failed allocation "invalid token" */
	if (!o && (json_error_code(&e) == json_error_out_of_memory || ivp__json_oom())) {
		http_oom(r, "room for the request body");
		return 500;
	}
	if (!o || !json_is_object(o)) {
		snprintf(det, sizeof(det), "The body is not a JSON object%s%.160s.", o ? "" : ": ",
			 o ? "" : e.text);
		json_decref(o);
		return bad(r, det);
	}
	r->form.n = 0;
	json_object_foreach(o, k, v) {
		char list[HTTP_MAX_VALUE + 1];
		const char *s = NULL;
		size_t n = 0, i;

		if (json_is_string(v)) {
			s = json_string_value(v);
			n = json_string_length(v);
		} else if (json_is_integer(v) || json_is_real(v)) {
			if (json_is_integer(v))
				n = (size_t)snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
			else
				n = (size_t)snprintf(num, sizeof(num), "%.17g", json_real_value(v));
			s = num;
		} else if (json_is_boolean(v)) {
			s = json_is_true(v) ? "true" : "false";
			n = strlen(s);
		} else if (json_is_array(v)) {
			json_t *x;

			list[0] = '\0';
			json_array_foreach(v, i, x) {
				if (!json_is_string(x) || n + json_string_length(x) + 1 >= sizeof(list)) {
					s = NULL;
					n = (size_t)-1;
					break;
				}
				n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? "," : "",
						      json_string_value(x));
				s = list;
			}
			if (!s && n != (size_t)-1)
				s = list;
		}
		if (!s || n == (size_t)-1 || put(&r->form, &used, k, s, n)) {
			snprintf(det, sizeof(det), "Field \"%.64s\" is not a short string, number, boolean or list of strings.", k);
			rc = bad(r, det);
			break;
		}
	}
	json_decref(o);
	return rc;
}

/*
 * Line breaks: a field of type HTTP_P_LINES (a textarea) keeps them, CRLF
 * and a lone CR made LF in place (decoding never lengthens); any other
 * field of an urlencoded body holding one is refused as a control
 * character, as before there were textareas of several lines. (A JSON
 * value's control characters are the library's to refuse, as they were.)
 */
static int line_breaks(http_req *r, const http_param *spec, int json)
{
	char det[160];
	int i;

	for (i = 0; i < r->form.n; i++) {
		const http_param *p;
		char *v = (char *)r->form.kv[i].value, *o;
		const char *c;

		for (p = spec; p->name && strcmp(p->name, r->form.kv[i].name); p++)
			;
		if (!strpbrk(v, "\r\n"))
			continue;
		if (!p->name || p->type != HTTP_P_LINES) {
			if (json)
				continue;
			snprintf(det, sizeof(det), "the value of \"%.64s\" holds a control character (byte %d)",
				 r->form.kv[i].name, *strpbrk(v, "\r\n"));
			return bad(r, det);
		}
		for (c = o = v; *c; c++) {
			if (*c == '\r') {
				*o++ = '\n';
				c += c[1] == '\n';
			} else {
				*o++ = *c;
			}
		}
		*o = '\0';
	}
	return 0;
}

int http_form_parse(http_req *r, const char *ct, const char *body, size_t len)
{
	const http_param *spec = r->route->fields;
	char why[160];
	int i, st;

	int json = http_media_is(ct, "application/json");

	if (json) {
		if ((st = json_fields(r, body, len)))
			return st;
	} else if (http_body_parse(body, len, &r->form, why, sizeof(why))) {
		return bad(r, why);
	}
	if ((st = line_breaks(r, spec, json)) || (st = http_params_check(r, spec, &r->form)))
		return st;
	r->nfields = 0;
	for (i = 0; i < r->form.n && r->nfields < HTTP_MAX_FIELDS; i++)
		r->fields[r->nfields++] = r->form.kv[i];
	return 0;
}

const char *http_field(const http_req *r, const char *name)
{
	int i;

	for (i = 0; i < r->nfields; i++)
		if (!strcmp(r->fields[i].name, name))
			return r->fields[i].value;
	/* a form body has more fields than r->fields holds (an item's form) */
	return http_query_get(&r->form, name);
}
