/*
 * engine.h — the indicator engine's pieces shared by its files
 * (indicators.c: one area's indicator set; ranking.c: many areas on one).
 */
#ifndef IVP_STATS_ENGINE_H
#define IVP_STATS_ENGINE_H

#include "core/core.h"
#include "store/store.h"

#define IVP__MAX_CODES 64

/* One area: a code, or a name resolved through the code lists. */
ivp_rc ivp__stats_area(ivp_ctx *ctx, const char *s, char code[16], char name[256]);
/* Split "1.4.1,1.4.2" into codes; returns how many. */
int ivp__stats_split_codes(const char *codes, char out[IVP__MAX_CODES][16]);
/*
 * Yearly counts of one area for the codes of tc; a wijk without its own
 * figure takes the sum of its buurten (*rolled set). IVP_OK, or the
 * store's error (in ctx->err).
 */
ivp_rc ivp__stats_area_counts(ivp_ctx *ctx, const char *area, int year,
			      ivp__type_count *tc, int nc, int *rolled) IVP_WUR;

#endif /* IVP_STATS_ENGINE_H */
