/*
 * survey.c — survey figures compared beyond their combined margin
 * (survey.h has the rules).
 */
#include <math.h>

#include "stats/survey.h"

double ivp__survey_margin_of(double lo, double hi)
{
	return hi < lo ? -1 : (hi - lo) / 2;
}

double ivp__survey_combined(double ma, double mb)
{
	return sqrt(ma * ma + mb * mb);
}

int ivp__survey_beyond(double a, double ma, double b, double mb)
{
	return fabs(b - a) > ivp__survey_combined(ma, mb);
}

int ivp__survey_compare(const ivp__survey_fig *a, const ivp__survey_fig *b, int64_t min_respondents)
{
	if (ivp__survey_too_small(a->respondents, min_respondents) ||
	    ivp__survey_too_small(b->respondents, min_respondents))
		return IVP__SV_TOO_SMALL;
	if (!a->has_margin || !b->has_margin)
		return IVP__SV_UNKNOWN;
	if (!ivp__survey_beyond(a->value, a->margin, b->value, b->margin))
		return IVP__SV_SAME;
	return b->value > a->value ? IVP__SV_HIGHER : IVP__SV_LOWER;
}

int ivp__survey_too_small(int64_t respondents, int64_t min_respondents)
{
	return min_respondents > 0 && respondents > 0 && respondents < min_respondents;
}
