/*
 * plan_store.h — storage functions of the plan (priorities, ambitions,
 * goals, measures, budget, locally registered values), a table of
 * functions like store.h. Reached as store->ops->plan.
 */
#ifndef IVP_STORE_PLAN_STORE_H
#define IVP_STORE_PLAN_STORE_H

#include "store/store.h"

typedef struct ivp__plan_ops {
	int reserved;	/* filled in by the plan issue */
} ivp__plan_ops;

#endif
