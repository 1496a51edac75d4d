/*
 * html.c — the HTML writer: a growable buffer with a hard limit
 * (HTML_MAX) that fails once and stays failed, text escaping, and numbers
 * in Dutch or English style. Every text that does not come from this
 * code's literals goes through html_text.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

static void put(html *h, const char *s, size_t n)
{
	if (h->oom)
		return;
	if (h->n + n + 1 > h->cap) {
		size_t cap = h->cap ? h->cap : 16384;
		char *p;

		while (cap < h->n + n + 1)
			cap *= 2;
		if (cap > HTML_MAX || !(p = realloc(h->p, cap))) {
			h->oom = 1;
			return;
		}
		h->p = p;
		h->cap = cap;
	}
	memcpy(h->p + h->n, s, n);
	h->n += n;
	h->p[h->n] = '\0';
}

void html_raw(html *h, const char *s)
{
	put(h, s, strlen(s));
}

void html_fmt(html *h, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		put(h, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* s escaped; lines: each LF a <br> too */
static void escape(html *h, const char *s, int lines)
{
	const char *p, *run;

	if (!s)
		return;
	for (p = run = s; *p; p++) {
		const char *e = NULL;

		switch (*p) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		case '\n': e = lines ? "<br>\n" : NULL; break;
		default: break;
		}
		if (!e)
			continue;
		put(h, run, (size_t)(p - run));
		html_raw(h, e);
		run = p + 1;
	}
	put(h, run, (size_t)(p - run));
}

void html_text(html *h, const char *s)
{
	escape(h, s, 0);
}

void html_lines(html *h, const char *s)
{
	escape(h, s, 1);
}

void html_num(html *h, double v, int dec, const char *lang)
{
	char out[96];

	if (isnan(v))
		return;
	ivp_format_number(lang && !strcmp(lang, "nl") ? "nl" : "en", v, dec, out, sizeof(out));
	html_raw(h, out);
}
