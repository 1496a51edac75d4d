/*
 * sqlite_plan.c — the SQLite side of plan_store.h.
 */
#include "store/plan_store.h"
#include "store/sqlite/sqlite_int.h"

const ivp__plan_ops ivp__sqlite_plan_ops = { 0 };
