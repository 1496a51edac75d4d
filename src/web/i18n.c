/*
 * i18n.c — the web app in Dutch (default) and English: the texts of the
 * product's catalogue (include/ivp/messages.def, looked up by the
 * library's ivp_msg_text), and the library's status words translated.
 */
#include <string.h>

#include "web/web.h"

const char *web_t(const char *lang, web_msg m)
{
	return ivp_msg_text(lang, m);
}

const char *web_word(const char *lang, const char *en)
{
	if (!en)
		return "";
	return ivp_msg_tr(lang && !strcmp(lang, "en") ? "en" : "nl", en);
}

const char *web_verdict(const char *lang, const char *words, int vs_nl)
{
	/* the library's words, Dutch and English: over time, then against another area */
	static const struct {
		const char *nl, *en;
		web_msg m;
	} time[] = {
		{ "significante stijging", "significant rise", W_V_RISE },
		{ "significante daling", "significant fall", W_V_FALL },
		{ "geen duidelijke verandering", "no clear change", W_V_NOCHANGE },
		{ "niet te bepalen", "not computable", W_V_NONE },
	},
	  cmp[] = {
		  { "significant hoger", "significantly higher", W_V_HIGHER_NL },
		  { "significant lager", "significantly lower", W_V_LOWER_NL },
		  { "geen duidelijk verschil", "no clear difference", W_V_NODIFF_NL },
		  { "niet te bepalen", "not computable", W_V_NONE },
	  };
	/* against a group (the rest of a region, a size class): not "landelijk" */
	static const web_msg grp[] = { W_V_HIGHER, W_V_LOWER, W_V_NODIFF, W_V_NONE };
	size_t i;

	if (!words)
		return "";
	for (i = 0; i < 4; i++) {
		const char *nl = vs_nl ? cmp[i].nl : time[i].nl, *en = vs_nl ? cmp[i].en : time[i].en;

		if (!strcmp(words, nl) || !strcmp(words, en))
			return web_t(lang, vs_nl == 2 ? grp[i] : vs_nl ? cmp[i].m :
									 time[i].m);
	}
	return web_word(lang, words);
}

void web_explain(html *h, const char *lang, web_msg title, web_msg text)
{
	html_raw(h, "<details class=\"ivp-explain\"><summary>");
	html_text(h, web_t(lang, title));
	html_raw(h, "</summary><p class=\"utrecht-paragraph\">");
	html_text(h, web_t(lang, text));
	html_raw(h, "</p></details>");
}
