/*
 * expiry.c — the page of a restricted register that shows its members what
 * will be destroyed in the coming month (issue 13, retention), one page per
 * register: GET /signalen/verloop and GET /casussen/verloop, as `ivp
 * retention status` shows it on the command line.
 *
 * The list is the library's (ivp_retention_expiring): only the records the
 * member may see in a list (ivp__reg_decide), each with its number, the
 * date it expires and the rule that applies — never a personal field —
 * and the access is audited there. A non-member (an admin too) gets 404,
 * as for every page of a register it is not a member of. ?as_of=DATE
 * looks from another day than today (the tests' fixed clock).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivp/registers.h"
#include "web/web.h"

static const char *nonempty(const char *s)
{
	return s ? s : "";
}

/* The rule of a row in words: "not taken up: 12 months after …". */
static void rule_words(const char *lang, const char *rule, const char *months, char *out, size_t n)
{
	int m = months ? (int)strtol(months, NULL, 10) : 0;

	if (rule && !strcmp(rule, "not_taken_up"))
		snprintf(out, n, web_t(lang, W_EXP_RULE_SIG), m);
	else
		snprintf(out, n, web_t(lang, W_EXP_RULE_CASE), m);
}

void web_reg_expiry(http_req *r)
{
	const char *lang = web_lang(r), *as_of = http_query_get(&r->q, "as_of");
	int sig = !strncmp(r->route->path, "/signalen", 9);
	const char *base = sig ? "/signalen" : "/casussen";
	ivp_table *t = NULL;
	html h = { 0 };
	ivp_rc rc;
	int i;

	rc = ivp_retention_expiring(r->ctx, sig ? "signals" : "cases", as_of, &t);
	if (rc == IVP_ENOTFOUND) {
		web_error(r, 404, web_t(lang, W_SIG_NOT_FOUND), "", "");
		return;
	}
	if (rc) {
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
		return;
	}
	web_page_begin(r, &h, lang, web_t(lang, sig ? W_EXP_TITLE_SIG : W_EXP_TITLE_CASE));
	html_fmt(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"%s\">", base);
	html_text(&h, web_t(lang, sig ? W_EXP_BACK_SIG : W_EXP_BACK_CASE));
	html_raw(&h, "</a></p><p class=\"utrecht-paragraph\">");
	html_text(&h, web_t(lang, W_EXP_INTRO));
	html_raw(&h, "</p>");
	if (!ivp_table_nrows(t)) {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_EXP_NONE));
		html_raw(&h, "</p>");
	} else {
		html_raw(&h, "<div class=\"ivp-table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"");
		html_text(&h, web_t(lang, W_EXP_CAPTION));
		html_raw(&h, "\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
		html_text(&h, web_t(lang, W_EXP_CAPTION));
		html_raw(&h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
		{
			const web_msg heads[] = { W_EXP_RECORD, W_EXP_DATE, W_EXP_RULE };
			size_t k;

			for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
				html_raw(&h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
				html_text(&h, web_t(lang, heads[k]));
				html_raw(&h, "</th>");
			}
		}
		html_raw(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");
		for (i = 0; i < ivp_table_nrows(t); i++) {
			char date[64], rule[256], buf[32];
			const char *id = nonempty(ivp_table_text(t, i, web_col(t, "id")));

			ivp_format_date(lang, nonempty(ivp_table_text(t, i, web_col(t, "expires"))), date, sizeof(date));
			rule_words(lang, ivp_table_text(t, i, web_col(t, "rule")),
				   web_cell(t, i, "months", 0, lang, buf, sizeof(buf)), rule, sizeof(rule));
			html_fmt(&h, "<tr class=\"utrecht-table__row\"><td class=\"utrecht-table__cell\">"
				     "<a class=\"utrecht-link\" href=\"%s/",
				 base);
			html_text(&h, id);
			html_raw(&h, "\">");
			html_text(&h, id);
			html_raw(&h, "</a></td><td class=\"utrecht-table__cell\">");
			html_text(&h, date);
			html_raw(&h, "</td><td class=\"utrecht-table__cell\">");
			html_text(&h, rule);
			html_raw(&h, "</td></tr>");
		}
		html_raw(&h, "</tbody></table></div>");
	}
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}
