/*
 * cases.h — internals of the case register (cases.c) open to its pages,
 * its fuzz target and its unit tests: the parsers of what a form or the
 * command line gives (BSN with the 11-proef, dates, life domains and their
 * scores, complexity criteria, area codes), and the two fixed lists the
 * register is built on — the complexity criteria of the national ZVH
 * framework and the 13 domains of the Zelfredzaamheid-Matrix (ZRM 2017).
 * The public side is include/ivp/cases.h.
 */
#ifndef IVP_REGISTERS_CASES_H
#define IVP_REGISTERS_CASES_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "registers/registers.h"

/* A complexity criterion (DOMAIN.md "The restricted registers"). */
typedef struct ivp__case_criterion {
	const char *key;      /* multi_domain, chains, family_system, local_safety */
	const char *title_en; /* the English text; ivp_msg_tr gives the Dutch */
} ivp__case_criterion;
#define IVP__CASE_NCRITERIA 4
extern const ivp__case_criterion ivp__case_criteria[IVP__CASE_NCRITERIA];

/* A life domain of the Zelfredzaamheid-Matrix (ZRM 2017, 13 domains). */
typedef struct ivp__case_domain {
	const char *key;      /* financien, werk_opleiding, … */
	const char *title_en; /* "Finances", … (ivp_msg_tr: "Financiën") */
} ivp__case_domain;
#define IVP__CASE_NDOMAINS 13
extern const ivp__case_domain ivp__case_domains[IVP__CASE_NDOMAINS];

/* The five ZRM scores (1 acute problems … 5 fully self-reliant), English. */
extern const char *const ivp__case_score_en[5];

/*
 * The parsers: each takes n bytes (not NUL-terminated; a form field or an
 * argument) and returns 0 with its output set, or -1 for anything else.
 */
/* A BSN: exactly 9 ASCII digits (spaces and dots between groups allowed,
 * "1234.56.782"), passing the 11-proef (9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0
 * mod 11, not all zeros). out: the 9 digits. -1 wrong length or
 * characters, -2 the check digit is wrong. */
int ivp__bsn_parse(const char *s, size_t n, char out[10]);
/* A calendar date YYYY-MM-DD (1900-2199, the day within its month). */
int ivp__case_date_parse(const char *s, size_t n, char out[11]);
/* The index of a life domain by key (also its Dutch or English title,
 * case-insensitively), or -1. */
int ivp__case_domain_find(const char *s, size_t n);
/* A score 1-5 (one digit). */
int ivp__case_score_parse(const char *s, size_t n, int *score);
/* Complexity criteria: keys separated by commas (spaces allowed), each at
 * most once, in any order; out: the keys in the order of the list, joined
 * by ','. "" is none. */
int ivp__case_criteria_parse(const char *s, size_t n, char out[96]);
/* A wijk or buurt code (WKnnnnnn or BUnnnnnnnn): out gets the wijk code
 * (a buurt's wijk is its code's first 6 digits). */
int ivp__case_wijk_parse(const char *s, size_t n, char out[9]);

/* The retention hook of the case register, and its entry in ivp__reg_kinds (kinds.c). */
ivp_rc ivp__cases_expire(ivp_ctx *ctx, const char *as_of, int dry_run, ivp__row_cb cb, void *ud,
			 int64_t *n) IVP_WUR;
extern const ivp__reg_kind ivp__cases_kind;

#endif /* IVP_REGISTERS_CASES_H */
