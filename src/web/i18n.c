/*
 * i18n.c — the web app in Dutch (default) and English: the texts of
 * messages.def, and the library's status words translated.
 */
#include <string.h>

#include "web/web.h"

static const char *const texts[W_NMSG][2] = {
#define M(id, nl, en) [id] = { nl, en },
#include "ivp/messages.def"
#undef M
};

const char *web_t(const char *lang, web_msg m)
{
	if (m < 0 || m >= W_NMSG)
		return "";
	return texts[m][lang && !strcmp(lang, "en") ? 1 : 0];
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
