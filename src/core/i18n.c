/*
 * i18n.c — the message catalogue (include/ivp/messages_lib.def and
 * messages.def) looked up by id or by its English text, and the language
 * of a ctx.
 *
 * The library writes its errors with the English format string as it
 * always did (ivp__fail(ctx, rc, "unknown area \"%s\"", …)); core.c asks
 * ivp_msg_tr for the ctx's language, which finds the entry whose English
 * text is that format and gives its Dutch one. An English text without
 * an entry passes as it is, so a missing translation shows English rather
 * than nothing. Both texts of an entry take the same printf arguments in
 * the same order (tests/unit/test_core.c checks every entry).
 *
 * Plurals: a count and its noun ("1 rij", "2 rijen") are two entries, the
 * singular and the plural, and the caller picks by the count
 * (ivp_msg_plural by id, ivp_msg_trn by English text). Dutch and English
 * share the rule "1 is singular, anything else (0 too) plural", so no
 * plural-form expression as in gettext is needed.
 */
#include <string.h>

#include "core/core.h"

static const char *const texts[IVP_NMSG][2] = {
#define M(id, nl, en) [id] = { nl, en },
#include "ivp/messages_lib.def"
#include "ivp/messages.def"
#undef M
};

static int is_en(const char *lang)
{
	return lang && !strcmp(lang, "en");
}

const char *ivp_lang_parse(const char *s)
{
	if (!s || !*s)
		return NULL;
	if (!strncmp(s, "nl", 2) && (!s[2] || s[2] == '_' || s[2] == '-' || s[2] == '.'))
		return "nl";
	if (!strncmp(s, "en", 2) && (!s[2] || s[2] == '_' || s[2] == '-' || s[2] == '.'))
		return "en";
	return NULL;
}

const char *ivp_msg_text(const char *lang, ivp_msg m)
{
	if ((unsigned)m >= (unsigned)IVP_NMSG)
		return "";
	return texts[m][is_en(lang) ? 1 : 0];
}

const char *ivp_msg_plural(const char *lang, ivp_msg one, ivp_msg many, long long n)
{
	return ivp_msg_text(lang, n == 1 ? one : many);
}

const char *ivp_msg_tr(const char *lang, const char *en)
{
	int i;

	if (!en || is_en(lang))
		return en;
	for (i = 0; i < IVP_NMSG; i++)
		if (!strcmp(texts[i][1], en))
			return texts[i][0];
	return en;
}

const char *ivp_msg_trn(const char *lang, const char *one, const char *many, long long n)
{
	return ivp_msg_tr(lang, n == 1 ? one : many);
}

void ivp_text_params(const char *s, ivp_param_fn present, void *ud, char *out, size_t n)
{
	size_t k = 0;

	if (!n)
		return;
	while (s && *s && k + 1 < n) {
		size_t len = 0;

		if (*s == '{')
			while ((s[1 + len] >= 'a' && s[1 + len] <= 'z') || s[1 + len] == '_')
				len++;
		if (*s == '{' && len > 0 && len < 64 && s[1 + len] == '}') {
			char name[64], buf[128];
			const char *t;

			memcpy(name, s + 1, len);
			name[len] = '\0';
			if (present) {
				t = present(ud, name, buf, sizeof(buf));
			} else {
				snprintf(buf, sizeof(buf), "‘%s’", name);
				t = buf;
			}
			k += (size_t)snprintf(out + k, n - k, "%s", t ? t : name);
			if (k >= n)
				k = n - 1;
			s += len + 2;
			continue;
		}
		out[k++] = *s++;
	}
	out[k] = '\0';
}

ivp_rc ivp_set_lang(ivp_ctx *ctx, const char *lang)
{
	const char *l = lang && (!strcmp(lang, "nl") || !strcmp(lang, "en")) ? lang : NULL;

	if (!l) {
		ivp__fail(ctx, IVP_EINPUT, "unknown language \"%s\"", lang ? lang : "");
		ivp__code(ctx, "unknown_language");
		ivp__hint(ctx, "Use nl or en.");
		return IVP_EINPUT;
	}
	snprintf(ctx->lang, sizeof(ctx->lang), "%s", l);
	return IVP_OK;
}

const char *ivp_lang(const ivp_ctx *ctx)
{
	return ctx && !strcmp(ctx->lang, "nl") ? "nl" : "en";
}
