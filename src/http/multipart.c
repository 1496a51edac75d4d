/*
 * multipart.c — the streaming multipart/form-data parser (multipart.h).
 *
 * States and what moves them:
 *
 *   PREAMBLE --delimiter--> AFTER --"\r\n"--> HEADERS --"\r\n\r\n"--> BODY
 *                             |                                         |
 *                             +--"--"--> DONE        AFTER <--delimiter--+
 *
 * The delimiter is "\r\n--" plus the boundary; the window starts with a
 * virtual "\r\n" so a body that opens with "--boundary" matches too. In
 * BODY everything but the last dlen-1 bytes of the window (which might be
 * the start of a delimiter) is passed on at once, so the window never
 * holds more than one chunk plus a delimiter or one part's headers.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http/multipart.h"

enum {
	MP_PREAMBLE,
	MP_AFTER,
	MP_HEADERS,
	MP_BODY,
	MP_DONE,
	MP_ERROR
};

static int fail(http_mp *m, const char *why)
{
	snprintf(m->err, sizeof(m->err), "%s", why);
	m->state = MP_ERROR;
	return -1;
}

/* Position of needle in hay, or -1. */
static long find(const char *hay, size_t n, const char *needle, size_t k)
{
	size_t i;

	if (k == 0 || n < k)
		return -1;
	for (i = 0; i + k <= n; i++) {
		const char *c = memchr(hay + i, needle[0], n - k - i + 1);

		if (!c)
			return -1;
		i = (size_t)(c - hay);
		if (!memcmp(c, needle, k))
			return (long)i;
	}
	return -1;
}

static void consume(http_mp *m, size_t n)
{
	memmove(m->win, m->win + n, m->wlen - n);
	m->wlen -= n;
}

static int bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       strchr("'()+_,-./:=? ", c) != NULL;
}

int http_mp_boundary(const char *ct, char out[71])
{
	const char *p;
	size_t n = 0;

	if (!ct || strncasecmp(ct, "multipart/form-data", 19))
		return -1;
	for (p = ct + 19; (p = strchr(p, ';'));) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9))
			continue;
		p += 9;
		if (*p == '"') {
			for (p++; *p && *p != '"' && n < 71; p++)
				out[n++] = *p;
			if (*p != '"')
				return -1;
		} else {
			for (; *p && *p != ';' && *p != ' ' && *p != '\t' && n < 71; p++)
				out[n++] = *p;
		}
		if (n < 1 || n > 70 || out[n - 1] == ' ')
			return -1;
		out[n] = '\0';
		for (n = 0; out[n]; n++)
			if (!bchar((unsigned char)out[n]))
				return -1;
		return 0;
	}
	return -1;
}

void http_mp_init(http_mp *m, const char *boundary, const http_mp_cb *cb)
{
	memset(m, 0, sizeof(*m));
	m->dlen = (size_t)snprintf(m->delim, sizeof(m->delim), "\r\n--%.70s", boundary);
	m->cb = *cb;
	memcpy(m->win, "\r\n", 2);
	m->wlen = 2;
	m->state = MP_PREAMBLE;
}

/* Copy a Content-Disposition parameter value (quoted or token) into out. */
static void param_value(const char *v, const char *end, char *out, size_t outsz)
{
	size_t o = 0;

	if (v < end && *v == '"') {
		for (v++; v < end && *v != '"'; v++) {
			if (*v == '\\' && v + 1 < end)
				v++;
			if (o + 1 < outsz)
				out[o++] = *v;
		}
	} else {
		for (; v < end && *v != ';' && *v != ' ' && *v != '\t'; v++)
			if (o + 1 < outsz)
				out[o++] = *v;
	}
	out[o] = '\0';
}

static int disposition(http_mp_part *pt, const char *v, const char *end)
{
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	if ((size_t)(end - v) < 9 || strncasecmp(v, "form-data", 9))
		return -1;
	for (v += 9; v < end; v++) {
		if (*v != ';')
			continue;
		v++;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (end - v > 5 && !strncasecmp(v, "name=", 5)) {
			param_value(v + 5, end, pt->name, sizeof(pt->name));
		} else if (end - v > 9 && !strncasecmp(v, "filename=", 9)) {
			param_value(v + 9, end, pt->filename, sizeof(pt->filename));
			pt->has_filename = 1;
		}
		/* skip a quoted value so a ';' inside it does not split */
		while (v < end && *v != ';' && *v != '"')
			v++;
		if (v < end && *v == '"')
			for (v++; v < end && *v != '"'; v++)
				if (*v == '\\' && v + 1 < end)
					v++;
		if (v < end && *v == ';')
			v--;
	}
	return pt->name[0] ? 0 : -1;
}

/* Parse the header block win[0..n) (lines ending in "\r\n"). */
static int headers(http_mp *m, size_t n)
{
	const char *p = m->win, *end = m->win + n;
	int have_cd = 0;

	memset(&m->cur, 0, sizeof(m->cur));
	while (p < end) {
		const char *eol = p, *colon;

		while (eol + 1 < end && !(eol[0] == '\r' && eol[1] == '\n'))
			eol++;
		if (eol + 1 >= end)
			eol = end;
		colon = memchr(p, ':', (size_t)(eol - p));
		if (!colon)
			return fail(m, "a part header line has no colon");
		if (colon - p == 19 && !strncasecmp(p, "Content-Disposition", 19)) {
			if (disposition(&m->cur, colon + 1, eol))
				return fail(m, "a part's Content-Disposition is not form-data with a name");
			have_cd = 1;
		} else if (colon - p == 12 && !strncasecmp(p, "Content-Type", 12)) {
			const char *v = colon + 1;
			size_t len;

			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			len = (size_t)(eol - v);
			if (len >= sizeof(m->cur.ctype))
				len = sizeof(m->cur.ctype) - 1;
			memcpy(m->cur.ctype, v, len);
			m->cur.ctype[len] = '\0';
		}
		p = eol + 2;
	}
	if (!have_cd)
		return fail(m, "a part has no Content-Disposition header");
	return 0;
}

static int step(http_mp *m)
{
	long pos;

	switch (m->state) {
	case MP_PREAMBLE:
		pos = find(m->win, m->wlen, m->delim, m->dlen);
		if (pos < 0) {
			if (m->wlen >= m->dlen)
				consume(m, m->wlen - (m->dlen - 1));
			return 0;
		}
		consume(m, (size_t)pos + m->dlen);
		m->state = MP_AFTER;
		return 2;
	case MP_AFTER:
		while (m->wlen > 0 && (m->win[0] == ' ' || m->win[0] == '\t'))
			consume(m, 1);
		if (m->wlen < 2)
			return 0;
		if (m->win[0] == '-' && m->win[1] == '-') {
			m->state = MP_DONE;
			m->wlen = 0;
			return 1;
		}
		if (m->win[0] != '\r' || m->win[1] != '\n')
			return fail(m, "a boundary is followed by neither CRLF nor \"--\"");
		consume(m, 2);
		m->state = MP_HEADERS;
		return 2;
	case MP_HEADERS:
		if (m->wlen >= 2 && m->win[0] == '\r' && m->win[1] == '\n')
			return fail(m, "a part has no headers");
		pos = find(m->win, m->wlen, "\r\n\r\n", 4);
		if (pos < 0) {
			if (m->wlen > HTTP_MP_HEADERS)
				return fail(m, "a part's headers are longer than 4096 bytes");
			return 0;
		}
		if (pos + 2 > HTTP_MP_HEADERS)
			return fail(m, "a part's headers are longer than 4096 bytes");
		if (headers(m, (size_t)pos + 2))
			return -1;
		if (++m->nparts > HTTP_MP_MAX_PARTS)
			return fail(m, "the body has more than 16 parts");
		consume(m, (size_t)pos + 4);
		if (m->cb.part && m->cb.part(m->cb.ud, &m->cur))
			return fail(m, "the part was refused");
		m->state = MP_BODY;
		return 2;
	case MP_BODY:
		pos = find(m->win, m->wlen, m->delim, m->dlen);
		if (pos < 0) {
			size_t keep = m->dlen - 1;

			if (m->wlen > keep) {
				size_t out = m->wlen - keep;

				if (m->cb.data && m->cb.data(m->cb.ud, m->win, out))
					return fail(m, "the part's data was refused");
				consume(m, out);
			}
			return 0;
		}
		if (pos > 0 && m->cb.data && m->cb.data(m->cb.ud, m->win, (size_t)pos))
			return fail(m, "the part's data was refused");
		if (m->cb.end && m->cb.end(m->cb.ud))
			return fail(m, "the part was refused");
		consume(m, (size_t)pos + m->dlen);
		m->state = MP_AFTER;
		return 2;
	case MP_DONE:
		m->wlen = 0;
		return 1;
	default:
		return -1;
	}
}

int http_mp_feed(http_mp *m, const char *p, size_t n)
{
	int rc;

	if (m->state == MP_ERROR)
		return -1;
	if (m->state == MP_DONE)
		return 1;
	while (n > 0) {
		size_t room = sizeof(m->win) - m->wlen, k = n < HTTP_MP_CHUNK ? n : HTTP_MP_CHUNK;

		if (k > room)
			k = room;
		if (k == 0)
			return fail(m, "internal: the window is full");
		memcpy(m->win + m->wlen, p, k);
		m->wlen += k;
		p += k;
		n -= k;
		while ((rc = step(m)) == 2)
			;
		if (rc)
			return rc;
	}
	return 0;
}

int http_mp_finish(http_mp *m)
{
	if (m->state == MP_DONE)
		return 0;
	if (m->state != MP_ERROR)
		fail(m, "the body ends before the closing boundary");
	return -1;
}
