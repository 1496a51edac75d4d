/*
 * diff.h — the readable difference between two plans (diff.c): item by
 * item (priorities, ambitions, goals, implementation plans, measures, the
 * budget per year, partners and the plan's own fields), each change field
 * by field with the old and the new text. Internal to the library; the
 * public face is ivp_plan_changes (ivp/plan_edit.h).
 */
#ifndef IVP_PLAN_DIFF_H
#define IVP_PLAN_DIFF_H

#include "plan/plan.h"

/*
 * One change. object: "plan", "partner", "priority", "ambition", "goal",
 * "implementation", "measure" or "budget"; id the item's id (a budget: its
 * year); title its title in the newer plan (else the older); change
 * "added", "removed" or "changed"; field NULL for a whole item, "parent"
 * when it moved under another item, else the field's name as in the plan
 * file ("target.value", "budget.2024", "progress[2]"); old and new the
 * texts (NULL: not there). Return non-zero to stop.
 */
typedef int (*ivp__pdiff_cb)(void *ud, const char *object, const char *id, const char *title,
			     const char *change, const char *field, const char *old,
			     const char *new_);

/* Walk every change from a to b in the plan's order (b's order, then what
 * only a had). 0 when done, -1 out of memory, 1 when cb stopped. */
int ivp__plan_diff(const pl_plan *a, const pl_plan *b, ivp__pdiff_cb cb, void *ud);

#endif /* IVP_PLAN_DIFF_H */
