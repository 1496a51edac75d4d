/*
 * evaluation.h — the verdict of a previous plan's goal (evaluation.c),
 * shared by `ivp plan evaluate` and the priority matrix's evaluation
 * criterion (participation_view.c), open to unit tests.
 */
#ifndef IVP_PLAN_EVALUATION_H
#define IVP_PLAN_EVALUATION_H

enum {
	IVP__EV_ACHIEVED = 0,
	IVP__EV_NOT_ACHIEVED = 1,
	IVP__EV_NOT_MEASURABLE = 2
};

/* The verdict of a goal: direction "lower" or "higher", target and result
 * (NaN: not measured), margin the result's 95% half-width (NaN: none). */
int ivp__eval_verdict(const char *direction, double target, double result, double margin);

#endif /* IVP_PLAN_EVALUATION_H */
