/*
 * csv.c — the streaming tokenizer behind every text importer (see csv.h).
 *
 * State per record: the unescaped bytes of all fields go into one buffer,
 * each followed by a NUL; `offs` remembers where each field starts, and the
 * field pointers are fixed up when the record ends (the buffer may move
 * while it grows). UTF-8 is checked on the fly with a small DFA-like
 * counter of pending continuation bytes.
 */
#include "ingest/csv.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"

#define BLOCK 65536

struct ivp__csv {
	FILE *f;
	const unsigned char *mem; /* memory source, or NULL */
	size_t memlen;
	unsigned char *blk; /* read block for FILE sources */
	const unsigned char *cur, *end;
	uint64_t blkbase;
	int eof;
	char delim;
	int bom;
	long line;    /* line of the next unread byte */
	long recline; /* line where the current record starts */
	/* where the current record starts, as cur and blkbase were then (two
	 * stores per record; positions inside it are found only for errors) */
	const unsigned char *rec_cur;
	uint64_t rec_base;
	int64_t fbase; /* file offset of the first byte read (FILE), -1 unknown */
	ivp__buf rec;
	size_t *offs;
	size_t *lens;
	unsigned char *quoted;
	size_t nfields, capfields, fieldcap;
	ivp__csv_field *fields;
	char err[256];
	ivp__csv_err errcode;
	long errline, errcol;
	int utf8_pending;		/* continuation bytes still expected */
	unsigned char utf8_lo, utf8_hi; /* range of the next continuation byte */
	int started;
	unsigned char plain[256]; /* bytes copied in runs: ASCII text but delim and quote */
};

static uint64_t offset(const ivp__csv *c)
{
	if (c->mem)
		return (uint64_t)(c->cur - c->mem);
	return c->blkbase + (uint64_t)(c->cur - c->blk);
}

static uint64_t rec_start(const ivp__csv *c)
{
	if (c->mem)
		return (uint64_t)(c->rec_cur - c->mem);
	return c->rec_base + (uint64_t)(c->rec_cur - c->blk);
}

#define SCAN_MAX (64u << 10) /* positions are found within a record's first 64 KiB */

/*
 * Scan the current record again from its start (from memory, or with
 * pread, which leaves the FILE's position alone) up to the byte at offset
 * `at`, or to the start of field number `field` (the other one UINT64_MAX
 * or SIZE_MAX). *line and *col get that place's line and 1-based byte
 * column; *col is 0 when it is not found within SCAN_MAX bytes or the
 * input cannot be read again (a pipe). Only errors call this: the
 * tokenizer keeps no positions of its own.
 */
static void scan(const ivp__csv *c, uint64_t at, size_t field, long *line, long *col)
{
	unsigned char buf[8192];
	uint64_t pos = rec_start(c), end = pos + SCAN_MAX;
	size_t idx = 0;
	long ln = c->recline, cl = 1;
	int inq = 0, cr = 0;

	*line = c->recline;
	*col = 0;
	if (c->mem && end > c->memlen)
		end = c->memlen;
	while (pos < end) {
		const unsigned char *p, *q;
		size_t n;

		if (c->mem) {
			p = c->mem + pos;
			n = (size_t)(end - pos);
		} else {
			ssize_t r;

			if (c->fbase < 0)
				return;
			r = pread(fileno(c->f), buf, sizeof(buf), (off_t)(c->fbase + (int64_t)pos));
			if (r <= 0)
				return;
			p = buf;
			n = (size_t)r;
		}
		for (q = p; q < p + n; q++, pos++) {
			if (pos == at || (field != SIZE_MAX && idx == field)) {
				*line = ln;
				*col = cl;
				return;
			}
			if (*q == '\n' && cr) { /* the LF of a CRLF */
				cr = 0;
				continue;
			}
			cr = *q == '\r';
			if (*q == '\n' || *q == '\r') {
				if (!inq)
					return; /* the record ends first */
				ln++;
				cl = 1;
				continue;
			}
			cl++;
			if (*q == '"')
				inq = !inq;
			else if (!inq && (char)*q == c->delim)
				idx++;
		}
	}
	if (pos == at) {
		*line = ln;
		*col = cl;
	}
}

/* Record error `code` at byte offset `at` of the current line (`back` bytes
 * before the next unread one); returns -1. */
static int __attribute__((format(printf, 4, 5)))
fail(ivp__csv *c, ivp__csv_err code, uint64_t back, const char *fmt, ...)
{
	va_list ap;

	c->errcode = code;
	scan(c, offset(c) - back, SIZE_MAX, &c->errline, &c->errcol);
	if (!c->errcol)
		c->errline = c->line;
	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
	return -1;
}

static int fill(ivp__csv *c)
{
	size_t n;

	if (c->eof)
		return 0;
	if (c->mem) {
		c->eof = 1;
		return 0;
	}
	c->blkbase += (uint64_t)(c->end - c->blk);
	n = fread(c->blk, 1, BLOCK, c->f);
	c->cur = c->blk;
	c->end = c->blk + n;
	if (n == 0) {
		c->eof = 1;
		return 0;
	}
	return 1;
}

static ivp__csv *new_reader(char delim, size_t max_record)
{
	ivp__csv *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->delim = delim;
	c->line = 1;
	ivp__buf_init(&c->rec, max_record ? max_record : (1u << 20));
	return c;
}

/* Count delimiters outside quotes in the bytes we have buffered. */
static void detect(ivp__csv *c)
{
	const unsigned char *p = c->cur;
	size_t semi = 0, comma = 0, tab = 0;
	int inq = 0;

	for (; p < c->end; p++) {
		if (*p == '"')
			inq = !inq;
		else if (!inq && *p == ';')
			semi++;
		else if (!inq && *p == ',')
			comma++;
		else if (!inq && *p == '\t')
			tab++;
	}
	if (semi == 0 && comma == 0 && tab > 0)
		c->delim = '\t';
	else
		c->delim = semi >= comma && semi > 0 ? ';' : ',';
}

static void start(ivp__csv *c)
{
	c->started = 1;
	if (!c->mem)
		fill(c);
	if (c->end - c->cur >= 3 && c->cur[0] == 0xEF && c->cur[1] == 0xBB &&
	    c->cur[2] == 0xBF) {
		c->cur += 3;
		c->bom = 1;
	}
	if (!c->delim)
		detect(c);
	for (int b = 0x20; b < 0x80; b++)
		c->plain[b] = b != c->delim && b != '"';
}

ivp__csv *ivp__csv_open_file(FILE *f, char delim, size_t max_record)
{
	ivp__csv *c = new_reader(delim, max_record);

	if (!c)
		return NULL;
	c->f = f;
	c->fbase = ftello(f);
	c->blk = malloc(BLOCK);
	if (!c->blk) {
		free(c);
		return NULL;
	}
	c->cur = c->end = c->blk;
	return c;
}

ivp__csv *ivp__csv_open_mem(const char *p, size_t n, char delim, size_t max_record)
{
	ivp__csv *c = new_reader(delim, max_record);

	if (!c)
		return NULL;
	c->mem = (const unsigned char *)p;
	c->memlen = n;
	c->cur = c->mem;
	c->end = c->mem + n;
	return c;
}

void ivp__csv_close(ivp__csv *c)
{
	if (!c)
		return;
	ivp__buf_free(&c->rec);
	free(c->offs);
	free(c->lens);
	free(c->quoted);
	free(c->fields);
	free(c->blk);
	free(c);
}

/* Append to the record buffer: in place when it fits (the common case, kept
 * inline: the tokenizer's hottest path), else through ivp__buf_add, which
 * grows it up to its limit. The buffer stays NUL-terminated. */
static inline int rec_add(ivp__csv *c, const void *p, size_t n)
{
	ivp__buf *b = &c->rec;

	if (b->len + n + 1 <= b->cap && b->len + n <= b->max) {
		memcpy(b->p + b->len, p, n);
		b->len += n;
		b->p[b->len] = '\0';
		return 0;
	}
	return ivp__buf_add(b, p, n);
}

/* rec_add failed: the record would pass its limit, or could not grow. */
static int too_long(ivp__csv *c, int r)
{
	if (r == -2)
		return fail(c, IVP__CSV_NOMEM, 0, "out of memory");
	return fail(c, IVP__CSV_TOO_LONG, 0, "record longer than %zu bytes", c->rec.max);
}

static inline int add_field(ivp__csv *c, int quoted)
{
	if (c->nfields == c->capfields) {
		size_t cap = c->capfields ? c->capfields * 2 : 32;
		size_t *o, *l;
		unsigned char *q;

		if (cap > 100000)
			return fail(c, IVP__CSV_TOO_MANY_FIELDS, 0,
				    "more than 100000 fields in one record");
		o = realloc(c->offs, cap * sizeof(*o));
		if (!o)
			goto oom;
		c->offs = o;
		l = realloc(c->lens, cap * sizeof(*l));
		if (!l)
			goto oom;
		c->lens = l;
		q = realloc(c->quoted, cap);
		if (!q)
			goto oom;
		c->quoted = q;
		c->capfields = cap;
	}
	c->offs[c->nfields] = c->rec.len;
	c->lens[c->nfields] = 0;
	c->quoted[c->nfields] = (unsigned char)quoted;
	c->nfields++;
	return 0;
oom:
	return fail(c, IVP__CSV_NOMEM, 0, "out of memory");
}

static int put(ivp__csv *c, unsigned char ch)
{
	int r;

	/* UTF-8 well-formedness, strict (RFC 3629): see ivp__utf8_seq */
	if (c->utf8_pending) {
		if (ch < c->utf8_lo || ch > c->utf8_hi)
			goto bad;
		c->utf8_pending--;
		c->utf8_lo = 0x80;
		c->utf8_hi = 0xBF;
	} else if (ch >= 0x80) {
		if (ch >= 0xC2 && ch <= 0xDF)
			c->utf8_pending = 1;
		else if (ch >= 0xE0 && ch <= 0xEF)
			c->utf8_pending = 2;
		else if (ch >= 0xF0 && ch <= 0xF4)
			c->utf8_pending = 3;
		else
			goto bad;
		ivp__utf8_second(ch, &c->utf8_lo, &c->utf8_hi);
	}
	if ((r = rec_add(c, &ch, 1)))
		return too_long(c, r);
	return 0;
bad:
	return fail(c, IVP__CSV_BAD_UTF8, 1, "invalid UTF-8 byte 0x%02X", (unsigned)ch);
}

static inline int end_field(ivp__csv *c)
{
	int r;

	if (c->utf8_pending)
		return fail(c, IVP__CSV_BAD_UTF8, 1, "truncated UTF-8 sequence");
	c->lens[c->nfields - 1] = c->rec.len - c->offs[c->nfields - 1];
	if ((r = rec_add(c, "", 1)))
		return too_long(c, r);
	return 0;
}

static int finish(ivp__csv *c)
{
	size_t i;

	if (c->fieldcap < c->capfields) {
		ivp__csv_field *f = realloc(c->fields, c->capfields * sizeof(*f));

		if (!f)
			return fail(c, IVP__CSV_NOMEM, 0, "out of memory");
		c->fields = f;
		c->fieldcap = c->capfields;
	}
	for (i = 0; i < c->nfields; i++) {
		c->fields[i].p = c->rec.p + c->offs[i];
		c->fields[i].n = c->lens[i];
		c->fields[i].quoted = c->quoted[i];
	}
	return 1;
}

/* Next byte, or -1 at end of input. */
static int getb(ivp__csv *c)
{
	if (c->cur == c->end && !fill(c))
		return -1;
	return *c->cur++;
}

static int peekb(ivp__csv *c)
{
	if (c->cur == c->end && !fill(c))
		return -1;
	return *c->cur;
}

int ivp__csv_next(ivp__csv *c)
{
	int ch;
	enum {
		FIELD_START,
		UNQUOTED,
		QUOTED,
		QUOTE_IN_QUOTED
	} st = FIELD_START;

	if (!c->started)
		start(c);
	c->err[0] = '\0';
	c->errcode = IVP__CSV_OK;
	ivp__buf_reset(&c->rec);
	c->nfields = 0;
	c->utf8_pending = 0;
	if (peekb(c) < 0)
		return 0;
	c->recline = c->line;
	c->rec_cur = c->cur;
	c->rec_base = c->blkbase;
	if (add_field(c, 0))
		return -1;
	for (;;) {
		/* fast path: a run of plain ASCII inside a field, one copy */
		if ((st == UNQUOTED || st == QUOTED) && !c->utf8_pending) {
			const unsigned char *p = c->cur;

			while (p < c->end && c->plain[*p])
				p++;
			if (p > c->cur) {
				int r = rec_add(c, c->cur, (size_t)(p - c->cur));

				if (r)
					return too_long(c, r);
				c->cur = p;
			}
		}
		ch = getb(c);
		if (ch == 0)
			return fail(c, IVP__CSV_NUL, 1,
				    "NUL byte in the input: this is not a text file");
		switch (st) {
		case FIELD_START:
			if (ch == '"') {
				c->quoted[c->nfields - 1] = 1;
				st = QUOTED;
				break;
			}
			st = UNQUOTED;
			/* fall through */
		case UNQUOTED:
			if (ch < 0 || ch == '\n' || ch == '\r') {
				if (end_field(c))
					return -1;
				if (ch == '\r' && peekb(c) == '\n')
					getb(c);
				if (ch >= 0)
					c->line++;
				return finish(c);
			}
			if (ch == c->delim) {
				if (end_field(c) || add_field(c, 0))
					return -1;
				st = FIELD_START;
				break;
			}
			if (put(c, (unsigned char)ch))
				return -1;
			break;
		case QUOTED:
			if (ch < 0) {
				long qline, qcol;

				/* where the field left open starts: its opening quote */
				scan(c, UINT64_MAX, c->nfields - 1, &qline, &qcol);
				fail(c, IVP__CSV_UNTERMINATED, 0,
				     "quoted field opened on line %ld is not closed at the end of the file",
				     qline);
				c->errline = qline;
				c->errcol = qcol;
				return -1;
			}
			if (ch == '"') {
				st = QUOTE_IN_QUOTED;
				break;
			}
			if (ch == '\n' || (ch == '\r' && peekb(c) != '\n'))
				c->line++;
			if (put(c, (unsigned char)ch))
				return -1;
			break;
		case QUOTE_IN_QUOTED:
			if (ch == '"') {
				if (put(c, '"'))
					return -1;
				st = QUOTED;
				break;
			}
			/* closing quote: what follows must end the field */
			st = UNQUOTED;
			if (ch < 0 || ch == '\n' || ch == '\r' || ch == c->delim) {
				c->cur -= (ch >= 0); /* reprocess in UNQUOTED */
				break;
			}
			/* text after the closing quote: keep it (lenient) */
			if (put(c, (unsigned char)ch))
				return -1;
			break;
		}
	}
}

size_t ivp__csv_nfields(const ivp__csv *c) { return c->nfields; }

const ivp__csv_field *ivp__csv_field_at(const ivp__csv *c, size_t i)
{
	static const ivp__csv_field empty = { "", 0, 0 };

	return i < c->nfields ? &c->fields[i] : &empty;
}

long ivp__csv_line(const ivp__csv *c) { return c->recline; }
char ivp__csv_delim(const ivp__csv *c) { return c->delim; }
int ivp__csv_had_bom(const ivp__csv *c) { return c->bom; }
const char *ivp__csv_error(const ivp__csv *c) { return c->err; }
ivp__csv_err ivp__csv_errcode(const ivp__csv *c) { return c->errcode; }
long ivp__csv_errline(const ivp__csv *c) { return c->errline; }
long ivp__csv_errcol(const ivp__csv *c) { return c->errcol; }
uint64_t ivp__csv_offset(const ivp__csv *c) { return offset(c); }

long ivp__csv_column(const ivp__csv *c, const ivp__csv_field *f)
{
	long line, col;

	if (!f || !c->fields || f < c->fields || f >= c->fields + c->nfields)
		return 0;
	scan(c, UINT64_MAX, (size_t)(f - c->fields), &line, &col);
	return line == c->recline ? col : 0;
}

int ivp__csv_blank(const ivp__csv *c)
{
	size_t i;

	for (i = 0; i < c->nfields; i++)
		if (c->fields[i].n)
			return 0;
	return 1;
}
