/*
 * core.h — library-wide internals: the context, error recording, growable
 * buffers with hard limits, result tables, period codes.
 *
 * Nothing here is public; the CLI and tests reach it only through
 * include/ivp/ivp.h (unit tests may include this header directly).
 */
#ifndef IVP_CORE_H
#define IVP_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ivp/ivp.h"

struct ivp__store;

/* Marks an English catalogue text (include/ivp/messages_lib.def) kept as it is
 * here and translated where it is shown (ivp_msg_tr), so that
 * tests/errors/catalogue.mjs finds it — gettext's N_(). */
#define IVP__N(s) (s)

struct ivp_ctx {
	struct ivp__store *store;
	ivp_error err;
	char lang[4]; /* "nl" or "en" ("": en) — the language of its texts (i18n.c) */
	/* who the calls act for, in every audit entry (ivp_set_actor, src/audit/) */
	char actor_user[64], actor_org[64], actor_addr[64];
	/* the municipality (a CBS code "GM1926") or region (an area_group
	 * name, "haaglanden") the calls act for (ivp_set_municipality,
	 * docs/tenancy.md); "": the whole deployment, today's behaviour */
	char municipality[64];
	char first_municipality[64]; /* the deployment's first, once known (store.c) */
	/* the restricted registers' key file (ivp_set_keys; "" none) and the
	 * keys read from it, freed (wiped) by vault_free at ivp_close */
	char keys_path[1024];
	void *vault;
	void (*vault_free)(void *vault);
};

/*
 * Start the libraries libivp uses (OpenSSL, libsodium, GSL; core/init.c),
 * once per process; ivp_open calls it. 0, or -1 when one could not start.
 */
int ivp__lib_init(void);
/* Did an allocation of jansson fail on this thread since the last call? (clears it) */
int ivp__json_oom(void);

/* Record an error on ctx and return rc. Any of the strings may be NULL.
 * The error's code is the default of rc (ivp__rc_code) until ivp__code
 * names the condition. */
ivp_rc ivp__fail(ivp_ctx *ctx, ivp_rc rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Add the detail / hint sentences to the current error (printf style). */
void ivp__detail(ivp_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ivp__hint(ivp_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Set the input location of the current error. */
void ivp__where(ivp_ctx *ctx, const char *file, long line, const char *field);
/* The current error is about the call's parameter `name` ("year", "spent"):
 * field = name, option = 1 (ivp_error). */
void ivp__option(ivp_ctx *ctx, const char *name);
/* Set the 1-based column (byte in the line) of the current error; 0: none. */
void ivp__column(ivp_ctx *ctx, long column);
/* Name the condition of the current error with a stable machine code, one of
 * the codes docs/errors.md lists (tests/errors/codes.sh checks this). */
void ivp__code(ivp_ctx *ctx, const char *code);
/* ivp__code(ctx, code), then rc: `return ivp__coded(ctx, "x", fail(…));`. */
ivp_rc ivp__coded(ivp_ctx *ctx, const char *code, ivp_rc rc);
/* The code an error of rc has when no site names one ("input_error", …). */
const char *ivp__rc_code(ivp_rc rc);
/* An allocation failed: IVP_ENOMEM with the message "out of memory" and what
 * could not be done (printf style detail; NULL: none). */
ivp_rc ivp__oom(ivp_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ivp__error_clear(ivp_error *e);

/* ---- growable byte buffer with a hard limit (curl's dynbuf) ---------- */
typedef struct ivp__buf {
	char *p;
	size_t len;
	size_t cap;
	size_t max; /* hard limit in bytes; appending past it fails */
} ivp__buf;

void ivp__buf_init(ivp__buf *b, size_t max);
/* 0 ok, -1 over the limit, -2 out of memory. The buffer stays valid. */
int ivp__buf_add(ivp__buf *b, const void *p, size_t n);
int ivp__buf_addc(ivp__buf *b, char c);
int ivp__buf_printf(ivp__buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* NUL-terminated contents ("" when empty). */
const char *ivp__buf_str(ivp__buf *b);
void ivp__buf_reset(ivp__buf *b);
void ivp__buf_free(ivp__buf *b);

/* ---- result tables ---------------------------------------------------- */
/* Column flags */
#define IVP__COL_BRIEF 1 /* shown in the human-readable table */
#define IVP__COL_NOTE 2	 /* shown under the human-readable table, per row */

ivp_table *ivp__table_new(void);
/* Add a column; returns its index or -1 on out of memory. */
int ivp__table_col(ivp_table *t, const char *name, int flags, int decimals);
/* Start a new row (all cells NULL); returns its index or -1. */
int ivp__table_row(ivp_table *t);
/* Setters act on the last row; -1 on out of memory. */
int ivp__table_set_int(ivp_table *t, int col, int64_t v);
int ivp__table_set_real(ivp_table *t, int col, double v);      /* NaN -> NULL */
int ivp__table_set_text(ivp_table *t, int col, const char *s); /* NULL -> NULL */
int ivp__table_note(ivp_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- periods ------------------------------------------------------------
 * A period is an int: year*100 + sub, where sub is 0 for the whole year
 * (YYYYJJ00), 1..12 for a month (YYYYMMnn) and 21..24 for a quarter
 * (YYYYKWnn). This keeps periods sortable and cheap to index.
 */
#define IVP__PERIOD_YEAR(p) ((p) / 100)
#define IVP__PERIOD_SUB(p) ((p) % 100)
#define IVP__PERIOD_IS_YEAR(p) (IVP__PERIOD_SUB(p) == 0)
#define IVP__PERIOD_IS_MONTH(p) (IVP__PERIOD_SUB(p) >= 1 && IVP__PERIOD_SUB(p) <= 12)
#define IVP__PERIOD_IS_QUARTER(p) (IVP__PERIOD_SUB(p) >= 21 && IVP__PERIOD_SUB(p) <= 24)

/*
 * Parse a period code: "2024JJ00", "2024MM03", "2024KW01", and in exports
 * "2024", "2024 maart", "2024 3e kwartaal", "2024-03"; a trailing '*'
 * (provisional) and surrounding spaces are allowed. Years 1900..2199.
 * Returns 0 and sets *period (and *provisional when not NULL), or -1.
 */
int ivp__period_parse(const char *s, size_t n, int *period, int *provisional);
/* Write the CBS code ("2024MM03") of a period into out (>= 9 bytes). */
void ivp__period_format(int period, char out[16]);

/* ---- codes --------------------------------------------------------------- */
/*
 * Trim the padding CBS puts on keys ("GM1926    ", "0.0.0 ") into out
 * (size outsz). Returns the length, or -1 if it does not fit.
 */
int ivp__code_trim(const char *s, size_t n, char *out, size_t outsz);
/* Level of an area code: "NL","LD","PV","RE","GM","WK","BU","CR" ...; NULL if not an area code. */
const char *ivp__area_level(const char *code);
/* 1 for a police SoortMisdrijf code ("1.4.5", "0.0.0"), 2 for a CBS 83648NED
 * code ("CRI3000", "T001161"), 0 otherwise. */
int ivp__type_classification(const char *code);

/* ---- misc ------------------------------------------------------------------ */
/*
 * Length (1-4) of the well-formed UTF-8 sequence at s (n bytes available),
 * or 0 when it is not one: strict as RFC 3629 and jansson are — no overlong
 * forms, no surrogates, nothing above U+10FFFF, no NUL.
 */
size_t ivp__utf8_seq(const unsigned char *s, size_t n);
/* The range the first continuation byte after lead byte c must lie in. */
void ivp__utf8_second(unsigned char c, unsigned char *lo, unsigned char *hi);
char *ivp__strdup(const char *s);
/* Parse a non-negative integer count; allows a trailing ".0". -1 if not. */
int ivp__parse_count(const char *s, size_t n, int64_t *out);
/* UTC time as ISO 8601 into out (>= 21 bytes). */
void ivp__now_iso(char out[32]);

/* ---- SHA-256 (sha256.c, OpenSSL) ----------------------------------------- */
typedef struct ivp__sha256 ivp__sha256;

ivp__sha256 *ivp__sha256_new(void); /* NULL out of memory */
void ivp__sha256_update(ivp__sha256 *h, const void *p, size_t n);
/* Lower-case hex digest into hex; frees h. */
void ivp__sha256_final(ivp__sha256 *h, char hex[65]);
void ivp__sha256_free(ivp__sha256 *h);
/* Hash the rest of f, adding its length to *size (may be NULL): 0 or -1. */
int ivp__sha256_file(FILE *f, ivp__sha256 *h, uint64_t *size);
/* The files one after the other, as hex: 0, or -1 with *bad the index of a
 * file that cannot be opened or read (-1: out of memory). */
int ivp__sha256_paths(const char *const *paths, int n, char hex[65], int *bad);

/* ---- a small string -> int64 hash map (open addressing) ------------------ */
typedef struct ivp__map {
	char **keys;
	int64_t *vals;
	size_t cap; /* power of two */
	size_t n;
} ivp__map;

void ivp__map_init(ivp__map *m);
void ivp__map_free(ivp__map *m);
/* Pointer to the value of key (NULL if absent). */
int64_t *ivp__map_get(const ivp__map *m, const char *key);
/* Insert key with value v if absent; *slot points at its value. -1 on OOM. */
int ivp__map_put(ivp__map *m, const char *key, int64_t v, int64_t **slot, int *existed);
/* Iterate: i from 0; returns the next used index >= i or -1. */
long ivp__map_next(const ivp__map *m, long i);

#endif /* IVP_CORE_H */
