/*
 * output.c — rendering an ivp_table as an aligned table, CSV or JSON.
 *
 * The human table shows the columns flagged "brief", right-aligns numbers,
 * pads by display width (UTF-8 aware) and prints the table's notes under
 * it. CSV and JSON carry every column (JSON through jansson).
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static void cell_text(const ivp_table *t, int r, int c, char *buf, size_t n)
{
	switch (ivp_table_cell_type(t, r, c)) {
	case IVP_CELL_INT:
		snprintf(buf, n, "%lld", (long long)ivp_table_int(t, r, c));
		break;
	case IVP_CELL_REAL:
		snprintf(buf, n, "%.*f", ivp_table_col_decimals(t, c), ivp_table_real(t, r, c));
		break;
	case IVP_CELL_TEXT:
		snprintf(buf, n, "%s", ivp_table_text(t, r, c));
		break;
	default:
		buf[0] = '\0';
	}
}

/* Display width of UTF-8 text (one column per code point). */
static size_t width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static int print_table(FILE *out, const ivp_table *t, const int *cols, int n,
		       int notes)
{
	int nc = ivp_table_ncols(t), nr = ivp_table_nrows(t), r, c, k, first;
	size_t *w = calloc((size_t)nc, sizeof(size_t));
	char buf[1024];

	if (!w)
		return CLI_PRINT_NOMEM;
	for (k = 0; k < n; k++) {
		c = cols[k];
		w[c] = width(ivp_table_colname(t, c));
		for (r = 0; r < nr; r++) {
			cell_text(t, r, c, buf, sizeof(buf));
			if (width(buf) > w[c])
				w[c] = width(buf);
		}
	}
	first = 1;
	for (k = 0; k < n; k++) {
		c = cols[k];
		fprintf(out, "%s%s%*s", first ? "" : "  ", ivp_table_colname(t, c),
			(int)(w[c] - width(ivp_table_colname(t, c))), "");
		first = 0;
	}
	fputc('\n', out);
	first = 1;
	for (k = 0; k < n; k++) {
		size_t d;

		c = cols[k];
		fputs(first ? "" : "  ", out);
		for (d = 0; d < w[c]; d++)
			fputc('-', out);
		first = 0;
	}
	fputc('\n', out);
	for (r = 0; r < nr; r++) {
		first = 1;
		for (k = 0; k < n; k++) {
			ivp_cell_type ty;
			int pad;

			c = cols[k];
			ty = ivp_table_cell_type(t, r, c);
			cell_text(t, r, c, buf, sizeof(buf));
			pad = (int)(w[c] - width(buf));
			if (ty == IVP_CELL_INT || ty == IVP_CELL_REAL)
				fprintf(out, "%s%*s%s", first ? "" : "  ", pad, "", buf);
			else
				fprintf(out, "%s%s%*s", first ? "" : "  ", buf, pad, "");
			first = 0;
		}
		fputc('\n', out);
	}
	/* per-row notes, keyed by the row's first shown column */
	first = 1;
	for (c = 0; c < nc && notes && n > 0; c++) {
		int key = cols[0];

		if (!ivp_table_col_note(t, c))
			continue;
		for (r = 0; r < nr; r++) {
			if (ivp_table_cell_type(t, r, c) != IVP_CELL_TEXT)
				continue;
			cell_text(t, r, key, buf, sizeof(buf));
			fprintf(out, "%s%s: %s\n", first ? "\n" : "", buf, ivp_table_text(t, r, c));
			first = 0;
		}
	}
	for (r = 0; notes && r < ivp_table_nnotes(t); r++)
		fprintf(out, "%s%s\n", r ? "" : "\n", ivp_table_note(t, r));
	free(w);
	return 0;
}

static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static int print_csv(FILE *out, const ivp_table *t, const int *cols, int n)
{
	int nr = ivp_table_nrows(t), r, c, k;
	char buf[1024];

	for (k = 0; k < n; k++) {
		fputs(k ? "," : "", out);
		csv_field(out, ivp_table_colname(t, cols[k]));
	}
	fputc('\n', out);
	for (r = 0; r < nr; r++) {
		for (k = 0; k < n; k++) {
			c = cols[k];
			fputs(k ? "," : "", out);
			if (ivp_table_cell_type(t, r, c) == IVP_CELL_REAL)
				snprintf(buf, sizeof(buf), "%.6g", ivp_table_real(t, r, c));
			else
				cell_text(t, r, c, buf, sizeof(buf));
			csv_field(out, buf);
		}
		fputc('\n', out);
	}
	return 0;
}

static int print_json(FILE *out, const ivp_table *t, const int *cols, int n)
{
	char *s = ivp_table_json(t, cols, n, IVP_JSON_PRETTY);
	int rc;

	if (!s) /* the columns are valid (pick): out of memory */
		return CLI_PRINT_NOMEM;
	rc = fputs(s, out) < 0 || fputc('\n', out) == EOF ? -1 : 0;
	free(s);
	return rc;
}

/* The columns to print: all (for the table: the brief ones), or --columns. */
static int pick(const ivp_table *t, const char *columns, int human, int *cols, int *n)
{
	int nc = ivp_table_ncols(t), c;

	*n = 0;
	if (!columns) {
		for (c = 0; c < nc; c++)
			if (!human || ivp_table_col_brief(t, c))
				cols[(*n)++] = c;
		return 0;
	}
	while (*columns) {
		const char *e = strchr(columns, ',');
		size_t len = e ? (size_t)(e - columns) : strlen(columns);

		for (c = 0; c < nc; c++)
			if (strlen(ivp_table_colname(t, c)) == len &&
			    !strncmp(ivp_table_colname(t, c), columns, len))
				break;
		if (c == nc) {
			fprintf(stderr, "unknown column \"%.*s\"; the result has:", (int)len, columns);
			for (c = 0; c < nc; c++)
				fprintf(stderr, " %s", ivp_table_colname(t, c));
			fputc('\n', stderr);
			return -2;
		}
		if (*n < nc)
			cols[(*n)++] = c;
		if (!e)
			break;
		columns = e + 1;
	}
	return 0;
}

int cli_print(FILE *out, const ivp_table *t, cli_format f, const char *columns)
{
	int *cols = calloc((size_t)ivp_table_ncols(t) + 1, sizeof(int)), n, rc;

	if (!cols)
		return CLI_PRINT_NOMEM;
	rc = pick(t, columns, f == FMT_TABLE, cols, &n);
	if (!rc) {
		switch (f) {
		case FMT_CSV:
			rc = print_csv(out, t, cols, n);
			break;
		case FMT_JSON:
			rc = print_json(out, t, cols, n);
			break;
		default:
			rc = print_table(out, t, cols, n, !columns);
		}
	}
	free(cols);
	return rc;
}
