/*
 * core.c — errors, growable buffers, small string helpers.
 *
 * Errors follow PostgreSQL's message style: a short lower-case message, a
 * detail sentence, a hint. They are recorded on the context, in its
 * language (the catalogue's text for the English format, i18n.c); the
 * library never prints.
 */
#include "core/core.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *ivp_strerror(ivp_rc rc)
{
	switch (rc) {
	case IVP_OK: return "ok";
	case IVP_EINPUT: return "invalid input";
	case IVP_ENOTFOUND: return "not found";
	case IVP_ENOMEM: return "out of memory";
	case IVP_EIO: return "input/output error";
	case IVP_EDB: return "database error";
	case IVP_EINTERNAL: return "internal error";
	}
	return "unknown error";
}

int ivp_rc_is_user_error(ivp_rc rc)
{
	return rc == IVP_EINPUT || rc == IVP_ENOTFOUND || rc == IVP_EIO;
}

const ivp_error *ivp_last_error(const ivp_ctx *ctx)
{
	return &ctx->err;
}

void ivp__error_clear(ivp_error *e)
{
	memset(e, 0, sizeof(*e));
}

const char *ivp__rc_code(ivp_rc rc)
{
	switch (rc) {
	case IVP_OK: return "";
	case IVP_EINPUT: return "input_error";
	case IVP_ENOTFOUND: return "not_found";
	case IVP_ENOMEM: return "out_of_memory";
	case IVP_EIO: return "io_error";
	case IVP_EDB: return "database_error";
	case IVP_EINTERNAL: return "internal_error";
	}
	return "internal_error";
}

ivp_rc ivp__fail(ivp_ctx *ctx, ivp_rc rc, const char *fmt, ...)
{
	va_list ap;

	ivp__error_clear(&ctx->err);
	ctx->err.rc = rc;
	snprintf(ctx->err.code, sizeof(ctx->err.code), "%s", ivp__rc_code(rc));
	va_start(ap, fmt);
	vsnprintf(ctx->err.message, sizeof(ctx->err.message), ivp_msg_tr(ivp_lang(ctx), fmt), ap);
	va_end(ap);
	return rc;
}

ivp_rc ivp__oom(ivp_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(ctx->err.detail, sizeof(ctx->err.detail), ivp_msg_tr(ivp_lang(ctx), fmt), ap);
		va_end(ap);
	}
	ivp__hint(ctx, "Free memory or raise the limit (ulimit -v), then try again.");
	return IVP_ENOMEM;
}

void ivp__code(ivp_ctx *ctx, const char *code)
{
	snprintf(ctx->err.code, sizeof(ctx->err.code), "%s", code);
}

ivp_rc ivp__coded(ivp_ctx *ctx, const char *code, ivp_rc rc)
{
	ivp__code(ctx, code);
	return rc;
}

void ivp__option(ivp_ctx *ctx, const char *name)
{
	snprintf(ctx->err.field, sizeof(ctx->err.field), "%s", name ? name : "");
	ctx->err.option = name && *name;
}

void ivp__column(ivp_ctx *ctx, long column)
{
	ctx->err.column = column;
}

void ivp__detail(ivp_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->err.detail, sizeof(ctx->err.detail), ivp_msg_tr(ivp_lang(ctx), fmt), ap);
	va_end(ap);
}

void ivp__hint(ivp_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->err.hint, sizeof(ctx->err.hint), ivp_msg_tr(ivp_lang(ctx), fmt), ap);
	va_end(ap);
}

void ivp__where(ivp_ctx *ctx, const char *file, long line, const char *field)
{
	snprintf(ctx->err.file, sizeof(ctx->err.file), "%s", file ? file : "");
	ctx->err.line = line;
	snprintf(ctx->err.field, sizeof(ctx->err.field), "%s", field ? field : "");
}

/* ---- buffers ------------------------------------------------------------- */

void ivp__buf_init(ivp__buf *b, size_t max)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

int ivp__buf_add(ivp__buf *b, const void *p, size_t n)
{
	size_t need;

	if (n > b->max || b->len > b->max - n)
		return -1;
	need = b->len + n + 1;
	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		char *q;

		while (cap < need)
			cap *= 2;
		q = realloc(b->p, cap);
		if (!q)
			return -2;
		b->p = q;
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

int ivp__buf_addc(ivp__buf *b, char c)
{
	if (b->len + 1 < b->cap && b->len < b->max) {
		b->p[b->len++] = c;
		b->p[b->len] = '\0';
		return 0;
	}
	return ivp__buf_add(b, &c, 1);
}

int ivp__buf_printf(ivp__buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	if ((size_t)n < sizeof(tmp))
		return ivp__buf_add(b, tmp, (size_t)n);
	{
		char *big = malloc((size_t)n + 1);
		int rc;

		if (!big)
			return -2;
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		rc = ivp__buf_add(b, big, (size_t)n);
		free(big);
		return rc;
	}
}

const char *ivp__buf_str(ivp__buf *b)
{
	return b->p ? b->p : "";
}

void ivp__buf_reset(ivp__buf *b)
{
	b->len = 0;
	if (b->p)
		b->p[0] = '\0';
}

void ivp__buf_free(ivp__buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* ---- strings and codes ------------------------------------------------------ */

char *ivp__strdup(const char *s)
{
	size_t n;
	char *p;

	if (!s)
		return NULL;
	n = strlen(s);
	p = malloc(n + 1);
	if (p)
		memcpy(p, s, n + 1);
	return p;
}

int ivp__code_trim(const char *s, size_t n, char *out, size_t outsz)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n + 1 > outsz)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return (int)n;
}

static int all_digits(const char *s, size_t n)
{
	size_t i;

	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int all_alnum(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return n > 0;
}

/*
 * Area codes: a level prefix and a fixed length; gemeenten, wijken and
 * buurten start with the 4 gemeente digits (the hierarchy is read from the
 * code); the grouping levels allow letters too ("LDG4", West-Nederland
 * without G4).
 */
const char *ivp__area_level(const char *code)
{
	static const struct {
		const char *p;
		size_t min, max;
		int digits;
	} lv[] = {
		{ "NL", 2, 2, 0 },
		{ "LD", 2, 3, 0 },
		{ "PV", 2, 2, 0 },
		{ "RE", 2, 2, 0 },
		{ "CR", 2, 2, 0 },
		{ "GM", 4, 4, 1 },
		{ "WK", 6, 6, 1 },
		{ "BU", 8, 8, 1 },
	};
	size_t n = strlen(code), i;

	if (n < 3)
		return NULL;
	for (i = 0; i < sizeof(lv) / sizeof(lv[0]); i++) {
		if (code[0] != lv[i].p[0] || code[1] != lv[i].p[1] ||
		    n - 2 < lv[i].min || n - 2 > lv[i].max)
			continue;
		/* gemeente digits first; Amsterdam's wijken and buurten carry letters (WK0363AA) */
		if (lv[i].digits ? all_digits(code + 2, 4) && (n == 6 || all_alnum(code + 6, n - 6)) :
				   all_alnum(code + 2, n - 2))
			return lv[i].p;
	}
	return NULL;
}

int ivp__type_classification(const char *code)
{
	size_t n = strlen(code), i, parts = 1, run = 0;

	if (n == 7 && code[0] == 'C' && code[1] == 'R' && code[2] == 'I' &&
	    all_digits(code + 3, 4))
		return 2;
	if (n == 7 && code[0] == 'T' && all_digits(code + 1, 6))
		return 2;
	if (!n || n > 12)
		return 0;
	for (i = 0; i < n; i++) {
		if (code[i] == '.') {
			if (!run)
				return 0;
			parts++;
			run = 0;
		} else if (code[i] >= '0' && code[i] <= '9') {
			if (++run > 2)
				return 0;
		} else {
			return 0;
		}
	}
	return parts == 3 && run ? 1 : 0;
}

int ivp__parse_count(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;
	size_t i = 0;

	while (n && (*s == ' ')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		n--;
	/* "12.0" as written by some tools */
	if (n > 2 && s[n - 2] == '.' && s[n - 1] == '0')
		n -= 2;
	if (!n || n > 15)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

void ivp__utf8_second(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (c == 0xE0)
		*lo = 0xA0;
	else if (c == 0xED)
		*hi = 0x9F;
	else if (c == 0xF0)
		*lo = 0x90;
	else if (c == 0xF4)
		*hi = 0x8F;
}

size_t ivp__utf8_seq(const unsigned char *s, size_t n)
{
	size_t need, k;
	unsigned char lo, hi;

	if (!n || !s[0])
		return 0;
	if (s[0] < 0x80)
		return 1;
	need = (s[0] >= 0xC2 && s[0] <= 0xDF) ? 1 : (s[0] >= 0xE0 && s[0] <= 0xEF) ? 2 :
					    (s[0] >= 0xF0 && s[0] <= 0xF4)	   ? 3 :
										     0;
	if (!need || n < need + 1)
		return 0;
	ivp__utf8_second(s[0], &lo, &hi);
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (k = 2; k <= need; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	return need + 1;
}

void ivp__now_iso(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	(void)strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm); /* 20 bytes */
}
