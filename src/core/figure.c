/*
 * figure.c — a figure typed by a person (a measure's output count: "1.250"
 * sessions, "12,5" hours in Dutch), read by the rules of an amount
 * (ivp_parse_money in numbers.c: groups of three, the language's decimal
 * mark, at most two decimals, not negative), with the refusal said about a
 * figure rather than about euros.
 */
#include "core/core.h"

int ivp_parse_figure(const char *lang, const char *s, double *v, const char **why)
{
	static const struct {
		ivp_msg money, figure;
	} map[] = {
		{ IVP_T_MONEY_EMPTY, IVP_T_FIGURE_EMPTY },
		{ IVP_T_MONEY_NEGATIVE, IVP_T_FIGURE_NEGATIVE },
		{ IVP_T_MONEY_CHARS, IVP_T_FIGURE_CHARS },
		{ IVP_T_MONEY_GROUPS, IVP_T_FIGURE_GROUPS },
		{ IVP_T_MONEY_AMBIGUOUS, IVP_T_FIGURE_AMBIGUOUS },
		{ IVP_T_MONEY_MIXED, IVP_T_FIGURE_MIXED },
		{ IVP_T_MONEY_DECIMALS, IVP_T_FIGURE_DECIMALS },
		{ IVP_T_MONEY_LARGE, IVP_T_FIGURE_LARGE },
	};
	const char *w = NULL;
	int64_t hundredths;
	size_t i;

	if (!ivp_parse_money(lang, s, &hundredths, &w)) {
		*v = (double)hundredths / 100.0;
		if (why)
			*why = NULL;
		return 0;
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (w == ivp_msg_text(lang, map[i].money))
			w = ivp_msg_text(lang, map[i].figure);
	if (why)
		*why = w;
	return -1;
}
