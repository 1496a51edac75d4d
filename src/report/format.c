/*
 * format.c — the report's small tools: an arena for its strings, and
 * numbers, money and dates written the Dutch way (1.234,5; € 190.000;
 * 29 juni 2023) or the English way for --lang en — the library's one
 * formatter (src/core/numbers.c) under the report's names.
 *
 * Every report string lives in the arena of its model or document and is
 * freed with it, so building a document needs no free() per string.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

struct rp_chunk {
	rp_chunk *next;
	size_t used, cap;
	max_align_t data[];
};

#define RP_CHUNK ((size_t)64 * 1024)

void *ivp__rp_alloc(rp_arena *a, size_t n)
{
	rp_chunk *c = a->head;
	size_t al = sizeof(max_align_t);
	void *p;

	n = (n + al - 1) / al * al;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > RP_CHUNK ? n : RP_CHUNK;

		c = malloc(sizeof(*c) + cap);
		if (!c) {
			a->oom = 1;
			return NULL;
		}
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *ivp__rp_strdup(rp_arena *a, const char *s)
{
	char *p;

	if (!s)
		return NULL;
	p = ivp__rp_alloc(a, strlen(s) + 1);
	if (p)
		memcpy(p, s, strlen(s) + 1);
	return p;
}

char *ivp__rp_printf(rp_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		a->oom = 1;
		return NULL;
	}
	p = ivp__rp_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void ivp__rp_arena_free(rp_arena *a)
{
	while (a->head) {
		rp_chunk *c = a->head;

		a->head = c->next;
		free(c);
	}
}

void ivp__rp_num(const char *lang, double v, int dec, char *out, size_t n)
{
	ivp_format_number(lang, v, dec, out, n);
}

void ivp__rp_money(const char *lang, int64_t cents, char *out, size_t n)
{
	ivp_format_money(lang, cents, out, n);
}

int ivp__rp_parse_date(const char *s, int *y, int *m, int *d)
{
	int i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	*y = (int)strtol(s, NULL, 10);
	*m = (int)strtol(s + 5, NULL, 10);
	*d = (int)strtol(s + 8, NULL, 10);
	return *y >= 1900 && *y <= 2199 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31 ? 0 : -1;
}

void ivp__rp_date(const char *lang, const char *iso, char *out, size_t n)
{
	if (ivp__rp_parse_date(iso, &(int){ 0 }, &(int){ 0 }, &(int){ 0 })) {
		snprintf(out, n, "%s", iso ? iso : "");
		return;
	}
	ivp_format_date(lang, iso, out, n);
}

void ivp__rp_pct_change(const char *lang, double ratio, char *out, size_t n)
{
	char num[48];
	double pct = (ratio - 1.0) * 100.0;

	if (!isfinite(pct)) {
		snprintf(out, n, "–");
		return;
	}
	ivp__rp_num(lang, fabs(pct), 1, num, sizeof(num));
	/* the minus sign U+2212, as typeset; plus for a rise */
	snprintf(out, n, "%s%s%%", strcmp(num, lang && !strcmp(lang, "en") ? "0.0" : "0,0") == 0 ? "" : pct < 0 ? "−" :
														  "+",
		 num);
}
