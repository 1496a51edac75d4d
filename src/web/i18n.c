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
	static const char *const words[][2] = {
		{ "on track", "op koers" },
		{ "at risk", "risico" },
		{ "off track", "uit koers" },
		{ "achieved", "behaald" },
		{ "no data", "geen gegevens" },
		{ "no status", "geen status" },
		{ "planned", "gepland" },
		{ "running", "lopend" },
		{ "done", "afgerond" },
		{ "stopped", "gestopt" },
	};
	size_t i;

	if (!en || !lang || strcmp(lang, "nl"))
		return en ? en : "";
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(en, words[i][0]))
			return words[i][1];
	return en;
}
