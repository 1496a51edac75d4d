/*
 * layout.c — what every page shares: its language (?lang= or the
 * ivp_lang cookie), the frame (skip link, header with the menu, the
 * language switch and who is signed in, <main>, footer) styled by the NL
 * Design System (Utrecht) classes, redirects, error pages and small
 * helpers for reading ivp_table cells.
 *
 * Accessibility rules kept here for every page: <html lang>, one <h1>
 * per page (the title), landmarks header/nav/main/footer, a skip link as
 * the first focusable element, the language link with its own lang.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

/* The page's language (remembered in the cookie on ?lang=). */
static const char *page_lang(http_req *r)
{
	const char *q = http_query_get(&r->q, "lang");

	if (q && (!strcmp(q, "nl") || !strcmp(q, "en"))) {
		/* the language link: remember the choice for the next pages */
		snprintf(r->set_cookie, sizeof(r->set_cookie),
			 "ivp_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax%s", q,
			 r->secure ? "; Secure" : "");
		return q;
	}
	if (r->lang_cookie && !strcmp(r->lang_cookie, "en"))
		return "en";
	return "nl";
}

const char *web_lang(http_req *r)
{
	const char *lang = page_lang(r);

	/* the library's errors and notes on this page in its language */
	if (r->ctx && ivp_set_lang(r->ctx, lang))
		return lang;
	return lang;
}

/* s percent-encoded for a query value, escaped for an attribute. */
static void url_value(html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		char b[4];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~' || c == ',' || c == ':') {
			b[0] = (char)c;
			b[1] = '\0';
		} else {
			b[0] = '%';
			b[1] = hex[c >> 4];
			b[2] = hex[c & 15];
			b[3] = '\0';
		}
		html_raw(h, b);
	}
}

/* The link to this page in the other language: the same query, lang switched. */
static void lang_link(http_req *r, html *h, const char *lang)
{
	const char *other = strcmp(lang, "en") ? "en" : "nl";
	int i;

	html_raw(h, "<nav class=\"ivp-lang\" aria-label=\"");
	html_text(h, web_t(lang, W_LANGNAV));
	html_raw(h, "\"><a class=\"utrecht-link\" href=\"");
	if (r->route && r->method && !strcmp(r->method, "GET") && strchr(r->route->path, '{') && r->uri) {
		char p[HTTP_MAX_URI + 1]; /* a path with an {id}: the one asked for */

		snprintf(p, sizeof(p), "%.*s", (int)strcspn(r->uri, "?#"), r->uri);
		html_text(h, p);
	} else {
		html_text(h, r->route && r->method && !strcmp(r->method, "GET") ? r->route->path : "/");
	}
	html_raw(h, "?");
	for (i = 0; r->method && !strcmp(r->method, "GET") && i < r->q.n; i++) {
		if (!strcmp(r->q.kv[i].name, "lang") || !strcmp(r->q.kv[i].name, "done"))
			continue;
		url_value(h, r->q.kv[i].name);
		html_raw(h, "=");
		url_value(h, r->q.kv[i].value);
		html_raw(h, "&amp;");
	}
	html_fmt(h, "lang=%s\" lang=\"%s\" hreflang=\"%s\">", other, other, other);
	html_text(h, web_t(lang, W_OTHER_LANG));
	html_raw(h, "</a></nav>");
}

static void nav_item(html *h, const char *href, const char *text, int current)
{
	html_raw(h, "<li class=\"ivp-nav__item\"><a class=\"utrecht-link\" href=\"");
	html_raw(h, href);
	html_raw(h, current ? "\" aria-current=\"page\">" : "\">");
	html_text(h, text);
	html_raw(h, "</a></li>");
}

void web_head_add(html *h, const char *markup)
{
	char *end = h->p && !h->oom ? strstr(h->p, "</head>") : NULL;
	size_t at, n = strlen(markup);

	if (!end)
		return;
	at = (size_t)(end - h->p);
	html_raw(h, markup); /* grow by n, then move the rest up */
	if (h->oom)
		return;
	memmove(h->p + at + n, h->p + at, h->n - n - at);
	memcpy(h->p + at, markup, n);
}

void web_page_begin(http_req *r, html *h, const char *lang, const char *title)
{
	const char *path = r->route ? r->route->path : "";

	html_fmt(h, "<!DOCTYPE html>\n<html lang=\"%s\" class=\"utrecht-root\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
		 lang);
	html_text(h, title);
	html_raw(h, " — ");
	html_text(h, web_t(lang, W_SITE));
	html_raw(h, "</title>"
		    "<link rel=\"stylesheet\" href=\"/static/tokens.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/utrecht.css\">"
		    "<link rel=\"stylesheet\" href=\"/static/ivp.css\">"
		    "</head>\n<body class=\"utrecht-theme utrecht-body ivp\">"
		    "<a class=\"ivp-skip utrecht-link\" href=\"#inhoud\">");
	html_text(h, web_t(lang, W_SKIP));
	html_raw(h, "</a><header class=\"ivp-header\"><p class=\"ivp-brand\"><a class=\"utrecht-link\" href=\"/\">");
	html_text(h, web_t(lang, W_SITE));
	html_raw(h, "</a></p><nav class=\"ivp-nav\" aria-label=\"");
	html_text(h, web_t(lang, W_MENU));
	html_raw(h, "\"><ul class=\"ivp-nav__list\">");
	nav_item(h, "/", web_t(lang, W_NAV_HOME), !strcmp(path, "/"));
	nav_item(h, "/plan", web_t(lang, W_NAV_PLAN), !strcmp(path, "/plan"));
	nav_item(h, "/buurten", web_t(lang, W_NAV_BUURTEN), !strcmp(path, "/buurten"));
	nav_item(h, "/kaart", web_t(lang, W_NAV_KAART), !strcmp(path, "/kaart"));
	nav_item(h, "/regio", web_t(lang, W_NAV_REGION), !strncmp(path, "/regio", 6));
	nav_item(h, "/rapport", web_t(lang, W_NAV_RAPPORT), !strcmp(path, "/rapport"));
	nav_item(h, "/participatie/inbreng", web_t(lang, W_NAV_PARTICIP), !strncmp(path, "/participatie", 13) || !strcmp(path, "/prioriteiten"));
	nav_item(h, "/sources", web_t(lang, W_NAV_SOURCES), !strcmp(path, "/sources"));
	nav_item(h, "/import", web_t(lang, W_NAV_IMPORT), !strcmp(path, "/import"));
	if (!r->session)
		nav_item(h, "/login", web_t(lang, W_NAV_LOGIN), !strcmp(path, "/login"));
	html_raw(h, "</ul></nav>");
	lang_link(r, h, lang);
	if (r->session) {
		html_raw(h, "<form class=\"ivp-user\" method=\"post\" action=\"/logout\"><p>");
		html_text(h, web_t(lang, W_SIGNED_IN_AS));
		html_raw(h, " <strong>");
		html_text(h, r->session->user);
		html_raw(h, "</strong> <input type=\"hidden\" name=\"csrf\" value=\"");
		html_text(h, r->session->csrf);
		html_raw(h, "\"><button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">");
		html_text(h, web_t(lang, W_LOGOUT));
		html_raw(h, "</button></p></form>");
	}
	html_raw(h, "</header>\n<main id=\"inhoud\" class=\"ivp-main\"><h1 class=\"utrecht-heading-1\">");
	html_text(h, title);
	html_raw(h, "</h1>\n");
}

void web_page_end(http_req *r, html *h, int status)
{
	const char *lang = r->lang_cookie && !strcmp(r->lang_cookie, "en") ? "en" : "nl";
	const char *q = http_query_get(&r->q, "lang");

	if (q && (!strcmp(q, "nl") || !strcmp(q, "en")))
		lang = q;
	html_raw(h, "</main>\n<footer class=\"ivp-footer\"><p class=\"utrecht-paragraph\">");
	html_text(h, web_t(lang, W_FOOTER));
	html_raw(h, " <a class=\"utrecht-link\" href=\"/api/v1/openapi.json\">JSON API</a></p></footer></body></html>\n");
	free(r->body);
	r->body = NULL;
	if (h->oom) {
		free(h->p);
		h->p = NULL;
		r->json_errors = 1; /* the plain JSON error: a page cannot be made */
		http_oom(r, "the page");
		return;
	}
	r->body = h->p;
	r->len = h->n;
	h->p = NULL;
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
}

void web_redirect(http_req *r, const char *where)
{
	free(r->body);
	r->body = strdup("");
	r->len = 0;
	r->status = 303;
	r->ctype = "text/plain; charset=utf-8";
	snprintf(r->location, sizeof(r->location), "%s", where);
}

void web_error(http_req *r, int status, const char *message, const char *detail, const char *hint)
{
	html h = { 0 };
	const char *lang = r->lang_cookie && !strcmp(r->lang_cookie, "en") ? "en" : "nl";
	char title[64];

	snprintf(title, sizeof(title), "%s %d", web_t(lang, W_ERROR), status);
	web_page_begin(r, &h, lang, title);
	html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\" role=\"alert\"><p class=\"utrecht-paragraph\"><strong>");
	html_text(&h, message);
	html_raw(&h, "</strong></p>");
	if (detail && *detail) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, detail);
		html_raw(&h, "</p>");
	}
	if (hint && *hint) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, hint);
		html_raw(&h, "</p>");
	}
	html_raw(&h, "</div><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/\">");
	html_text(&h, web_t(lang, W_BACK_HOME));
	html_raw(&h, "</a></p>");
	web_page_end(r, &h, status);
}

int web_col(const ivp_table *t, const char *name)
{
	int i, n = t ? ivp_table_ncols(t) : 0;

	for (i = 0; i < n; i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	return -1;
}

int web_null(const ivp_table *t, int row, const char *col)
{
	int c = web_col(t, col);

	return c < 0 || ivp_table_cell_type(t, row, c) == IVP_CELL_NULL;
}

void web_time(html *h, const char *lang, const char *iso)
{
	char d[64], attr[24];
	int i, timed;

	if (!iso || !*iso)
		return;
	ivp_format_date(lang, iso, d, sizeof(d));
	if (!strcmp(d, iso)) { /* not a date ivp_format_date reads: as it is */
		html_text(h, iso);
		return;
	}
	/* "2026-11-30T12:05…" (UTC, as the registers store it): the time too */
	timed = strlen(iso) >= 16 && iso[10] == 'T' && iso[13] == ':';
	for (i = 11; timed && i < 16; i++)
		timed = i == 13 || (iso[i] >= '0' && iso[i] <= '9');
	snprintf(attr, sizeof(attr), timed ? "%.16sZ" : "%.10s", iso);
	html_raw(h, "<time datetime=\"");
	html_text(h, attr);
	html_raw(h, "\">");
	html_text(h, d);
	if (timed) {
		char hm[16];

		snprintf(hm, sizeof(hm), " %.5s UTC", iso + 11);
		html_text(h, hm);
	}
	html_raw(h, "</time>");
}

double web_real(const ivp_table *t, int row, const char *col)
{
	int c = t && row >= 0 ? web_col(t, col) : -1;

	if (c < 0)
		return NAN;
	switch (ivp_table_cell_type(t, row, c)) {
	case IVP_CELL_REAL:
		return ivp_table_real(t, row, c);
	case IVP_CELL_INT:
		return (double)ivp_table_int(t, row, c);
	default:
		return NAN;
	}
}

const char *web_cell(const ivp_table *t, int row, const char *col, int dec, const char *lang,
		     char *buf, size_t bufsz)
{
	int c = web_col(t, col);
	html h = { 0 };

	buf[0] = '\0';
	if (c < 0)
		return buf;
	switch (ivp_table_cell_type(t, row, c)) {
	case IVP_CELL_INT:
		html_num(&h, (double)ivp_table_int(t, row, c), 0, lang);
		break;
	case IVP_CELL_REAL:
		html_num(&h, ivp_table_real(t, row, c), dec, lang);
		break;
	case IVP_CELL_TEXT:
		snprintf(buf, bufsz, "%s", ivp_table_text(t, row, c));
		return buf;
	default:
		return buf;
	}
	snprintf(buf, bufsz, "%s", h.p ? h.p : "");
	free(h.p);
	return buf;
}
