/*
 * table.c — ivp_table, the one result shape every query returns.
 *
 * A table is named columns and rows of typed cells (null, int, real, text),
 * plus notes for the whole result. The CLI renders it as an aligned table,
 * CSV or JSON; the server will do the same. Cells are stored row-major in
 * one growing array; text is owned by the table.
 */
#include "core/core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct cell {
	ivp_cell_type type;
	union {
		int64_t i;
		double r;
		char *s;
	} v;
} cell;

typedef struct column {
	char *name;
	int flags;
	int decimals;
} column;

struct ivp_table {
	column *cols;
	int ncols;
	int capcols;
	cell *cells; /* nrows * ncols */
	int nrows;
	int caprows;
	char **notes;
	int nnotes;
};

ivp_table *ivp__table_new(void)
{
	return calloc(1, sizeof(ivp_table));
}

int ivp__table_col(ivp_table *t, const char *name, int flags, int decimals)
{
	if (t->nrows) /* columns are fixed once rows exist */
		return -1;
	if (t->ncols == t->capcols) {
		int cap = t->capcols ? t->capcols * 2 : 16;
		column *c = realloc(t->cols, (size_t)cap * sizeof(*c));

		if (!c)
			return -1;
		t->cols = c;
		t->capcols = cap;
	}
	t->cols[t->ncols].name = ivp__strdup(name);
	if (!t->cols[t->ncols].name)
		return -1;
	t->cols[t->ncols].flags = flags;
	t->cols[t->ncols].decimals = decimals;
	return t->ncols++;
}

int ivp__table_row(ivp_table *t)
{
	if (t->nrows == t->caprows) {
		int cap = t->caprows ? t->caprows * 2 : 16;
		cell *c = realloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof(*c));

		if (!c)
			return -1;
		t->cells = c;
		t->caprows = cap;
	}
	memset(t->cells + (size_t)t->nrows * (size_t)t->ncols, 0,
	       (size_t)t->ncols * sizeof(cell));
	return t->nrows++;
}

static cell *last(ivp_table *t, int col)
{
	if (!t->nrows || col < 0 || col >= t->ncols)
		return NULL;
	return &t->cells[(size_t)(t->nrows - 1) * (size_t)t->ncols + (size_t)col];
}

static void clear(cell *c)
{
	if (c->type == IVP_CELL_TEXT)
		free(c->v.s);
	c->type = IVP_CELL_NULL;
}

int ivp__table_set_int(ivp_table *t, int col, int64_t v)
{
	cell *c = last(t, col);

	if (!c)
		return -1;
	clear(c);
	c->type = IVP_CELL_INT;
	c->v.i = v;
	return 0;
}

int ivp__table_set_real(ivp_table *t, int col, double v)
{
	cell *c = last(t, col);

	if (!c)
		return -1;
	clear(c);
	if (isnan(v))
		return 0;
	c->type = IVP_CELL_REAL;
	c->v.r = v;
	return 0;
}

int ivp__table_set_text(ivp_table *t, int col, const char *s)
{
	cell *c = last(t, col);

	if (!c)
		return -1;
	clear(c);
	if (!s)
		return 0;
	c->v.s = ivp__strdup(s);
	if (!c->v.s)
		return -1;
	c->type = IVP_CELL_TEXT;
	return 0;
}

int ivp__table_note(ivp_table *t, const char *fmt, ...)
{
	char buf[1024];
	char **n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = realloc(t->notes, (size_t)(t->nnotes + 1) * sizeof(*n));
	if (!n)
		return -1;
	t->notes = n;
	t->notes[t->nnotes] = ivp__strdup(buf);
	if (!t->notes[t->nnotes])
		return -1;
	t->nnotes++;
	return 0;
}

int ivp_table_ncols(const ivp_table *t) { return t->ncols; }
int ivp_table_nrows(const ivp_table *t) { return t->nrows; }
int ivp_table_nnotes(const ivp_table *t) { return t->nnotes; }

const char *ivp_table_note(const ivp_table *t, int i)
{
	return i >= 0 && i < t->nnotes ? t->notes[i] : NULL;
}

const char *ivp_table_colname(const ivp_table *t, int col)
{
	return col >= 0 && col < t->ncols ? t->cols[col].name : NULL;
}

int ivp_table_col_brief(const ivp_table *t, int col)
{
	return col >= 0 && col < t->ncols && (t->cols[col].flags & IVP__COL_BRIEF);
}

int ivp_table_col_note(const ivp_table *t, int col)
{
	return col >= 0 && col < t->ncols && (t->cols[col].flags & IVP__COL_NOTE);
}

int ivp_table_col_decimals(const ivp_table *t, int col)
{
	return col >= 0 && col < t->ncols ? t->cols[col].decimals : 0;
}

static const cell *at(const ivp_table *t, int row, int col)
{
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return NULL;
	return &t->cells[(size_t)row * (size_t)t->ncols + (size_t)col];
}

ivp_cell_type ivp_table_cell_type(const ivp_table *t, int row, int col)
{
	const cell *c = at(t, row, col);

	return c ? c->type : IVP_CELL_NULL;
}

int64_t ivp_table_int(const ivp_table *t, int row, int col)
{
	const cell *c = at(t, row, col);

	if (!c)
		return 0;
	return c->type == IVP_CELL_INT	? c->v.i :
	       c->type == IVP_CELL_REAL ? (int64_t)c->v.r :
					  0;
}

double ivp_table_real(const ivp_table *t, int row, int col)
{
	const cell *c = at(t, row, col);

	if (!c)
		return NAN;
	return c->type == IVP_CELL_REAL ? c->v.r :
	       c->type == IVP_CELL_INT	? (double)c->v.i :
					  NAN;
}

const char *ivp_table_text(const ivp_table *t, int row, int col)
{
	const cell *c = at(t, row, col);

	return c && c->type == IVP_CELL_TEXT ? c->v.s : NULL;
}

void ivp_table_free(ivp_table *t)
{
	size_t i, n;

	if (!t)
		return;
	n = (size_t)t->nrows * (size_t)t->ncols;
	for (i = 0; i < n; i++)
		clear(&t->cells[i]);
	for (i = 0; i < (size_t)t->ncols; i++)
		free(t->cols[i].name);
	for (i = 0; i < (size_t)t->nnotes; i++)
		free(t->notes[i]);
	free(t->notes);
	free(t->cols);
	free(t->cells);
	free(t);
}

int ivp_table_blank(ivp_table *t, const char *name)
{
	int col, row;

	for (col = 0; t && col < t->ncols; col++)
		if (!strcmp(t->cols[col].name, name))
			break;
	if (!t || col >= t->ncols)
		return -1;
	for (row = 0; row < t->nrows; row++)
		clear(&t->cells[(size_t)row * (size_t)t->ncols + (size_t)col]);
	return t->nrows;
}
