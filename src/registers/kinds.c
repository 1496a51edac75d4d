/*
 * kinds.c — the registers this build has, for retention and the counts
 * (registers.h ivp__reg_kinds): one line per register, added by the
 * register's own part (src/registers/signals*.c, cases*.c), each pointing
 * at its ivp__reg_kind. NULL ends the list.
 */
#include <stddef.h>

#include "registers/cases.h"
#include "registers/registers.h"
#include "registers/signals.h"

const ivp__reg_kind *const ivp__reg_kinds[] = {
	&ivp__sig_kind,	  /* signals.c: signals weighed as no action */
	&ivp__cases_kind, /* cases.c: closed and declined cases */
	NULL
};
