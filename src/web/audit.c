/*
 * audit.c — the page /audit: an object's audit trail (docs/audit.md) for
 * editors and admins (the route's role; deny by default for the rest).
 *
 * A GET form names the object ("measure:pn-2023/M-digi", "user:anna",
 * "report:voortgang-GM1926-2024"); without one the page shows the newest
 * entries of the whole trail. Each row: number, time, user, address,
 * action, object and the start of the hash after; the page says whether
 * the whole chain is intact (ivp_audit_verify), so a reader sees at once
 * when a row cannot be trusted.
 */
#include <stdio.h>
#include <string.h>

#include "ivp/audit.h"
#include "web/web.h"

#define AUDIT_PAGE_ROWS 200

static void head_cell(html *h, const char *lang, web_msg m)
{
	html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
	html_text(h, web_t(lang, m));
	html_raw(h, "</th>");
}

static void cell(html *h, const char *text)
{
	html_raw(h, "<td class=\"utrecht-table__cell\">");
	html_text(h, text && *text ? text : "–");
	html_raw(h, "</td>");
}

static void form(html *h, const char *lang, const char *object)
{
	html_raw(h, "<form class=\"ivp-form\" method=\"get\" action=\"/audit\">"
		    "<div class=\"utrecht-form-field\"><p class=\"utrecht-form-field__label\">"
		    "<label class=\"utrecht-form-label\" for=\"object\">");
	html_text(h, web_t(lang, W_AUDIT_OBJECT));
	html_raw(h, "</label></p><p class=\"utrecht-form-field__input\">"
		    "<input class=\"utrecht-textbox\" type=\"text\" id=\"object\" name=\"object\" value=\"");
	html_text(h, object ? object : "");
	html_raw(h, "\"></p></div><button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">");
	html_text(h, web_t(lang, W_AUDIT_SHOW));
	html_raw(h, "</button></form>");
}

static void chain_state(html *h, http_req *r, const char *lang)
{
	ivp_audit_check chk;
	char msg[400];
	int ok = ivp_audit_verify(r->ctx, NULL, &chk) == IVP_OK;

	if (ok)
		snprintf(msg, sizeof(msg), ivp_msg_plural(lang, W_AUDIT_WHOLE_ONE, W_AUDIT_WHOLE, chk.entries), (long long)chk.entries);
	else
		snprintf(msg, sizeof(msg), "%s. %s", ivp_last_error(r->ctx)->message, ivp_last_error(r->ctx)->detail);
	html_raw(h, ok ? "<div class=\"utrecht-alert ivp-alert\" role=\"status\"><p class=\"utrecht-paragraph\">" :
			 "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\" role=\"alert\"><p class=\"utrecht-paragraph\">");
	html_text(h, msg);
	html_raw(h, "</p></div>");
}

void web_audit(http_req *r)
{
	static const web_msg heads[] = { W_AUDIT_SEQ, W_WHEN, W_WHO, W_AUDIT_ADDR, W_AUDIT_ACTION,
					 W_AUDIT_OBJECT, W_AUDIT_AFTER, W_AUDIT_REASON };
	static const char *const cols[] = { "seq", "at", "user", "addr", "action", "object", "after", "reason" };
	const char *lang = web_lang(r);
	const char *object = http_query_get(&r->q, "object");
	ivp_audit_query q = { NULL, object && *object ? object : NULL, NULL, AUDIT_PAGE_ROWS };
	ivp_table *t = NULL;
	ivp_rc rc;
	html h = { 0 };
	size_t c;
	int i;

	if ((rc = ivp_audit_show(r->ctx, &q, &t))) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	web_page_begin(r, &h, lang, web_t(lang, W_AUDIT_TITLE));
	html_raw(&h, "<p class=\"utrecht-paragraph\">");
	html_text(&h, web_t(lang, W_AUDIT_INTRO));
	html_raw(&h, "</p>");
	form(&h, lang, q.object);
	chain_state(&h, r, lang);
	html_raw(&h, "<div class=\"ivp-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
	html_text(&h, web_t(lang, W_AUDIT_CAPTION));
	html_raw(&h, "\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(&h, web_t(lang, W_AUDIT_CAPTION));
	html_raw(&h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	for (c = 0; c < sizeof(heads) / sizeof(heads[0]); c++)
		head_cell(&h, lang, heads[c]);
	html_raw(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < ivp_table_nrows(t); i++) {
		char after[16];

		html_fmt(&h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">%lld</th>",
			 (long long)ivp_table_int(t, i, web_col(t, "seq")));
		for (c = 1; c < sizeof(cols) / sizeof(cols[0]); c++) {
			const char *v = ivp_table_text(t, i, web_col(t, cols[c]));

			if (!strcmp(cols[c], "after") && v) {
				snprintf(after, sizeof(after), "%.12s", v); /* the start identifies it */
				v = after;
			}
			cell(&h, v);
		}
		html_raw(&h, "</tr>");
	}
	html_raw(&h, "</tbody></table></div>");
	if (!ivp_table_nrows(t)) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_AUDIT_NONE));
		html_raw(&h, "</p>");
	}
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}
