/*
 * output.c — rendering an ivp_table as an aligned table, CSV or JSON.
 *
 * The human table shows the columns flagged "brief", right-aligns numbers,
 * pads by display width (UTF-8 aware) and prints the table's notes under
 * it, in the output's language (headers, words and numbers in Dutch by
 * default). CSV (in its dialect) and JSON carry every column (JSON through
 * jansson, with the library's plain values).
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Integer columns that are codes or years rather than amounts: never grouped. */
static int plain_int(const char *name)
{
	static const char *const plain[] = { "year", "id", "import", "version", "rank", "order", "line", "column" };
	size_t i, n = strlen(name);

	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		size_t k = strlen(plain[i]);

		if (!strcmp(name, plain[i]) ||
		    (n > k && name[n - k - 1] == '_' && !strcmp(name + n - k, plain[i])))
			return 1;
	}
	return 0;
}

/*
 * The Dutch of a text cell: a source kind ("codes", "groups") by its
 * entry "kind:…", as the same word can be a header too (the column
 * "codes"); any other text by its own entry, else as it is.
 */
static const char *cell_word(const char *col, const char *text)
{
	char key[96];
	const char *w;

	if (text && !strcmp(col, "kind") && snprintf(key, sizeof(key), "kind:%s", text) < (int)sizeof(key) &&
	    strcmp(w = cli_tr(key), key))
		return w;
	return cli_tr(text);
}

/*
 * A cell as the table shows it: in Dutch numbers the Dutch way (1.771;
 * 30,57) and the library's English words of a cell (status codes such as
 * "on track", "illustration") in the catalogue's Dutch; in English as the
 * library has them.
 */
static void cell_text(const ivp_table *t, int r, int c, char *buf, size_t n)
{
	int nl = !strcmp(cli_lang(), "nl");

	switch (ivp_table_cell_type(t, r, c)) {
	case IVP_CELL_INT:
		if (nl && !plain_int(ivp_table_colname(t, c)))
			ivp_format_number("nl", (double)ivp_table_int(t, r, c), 0, buf, n);
		else
			snprintf(buf, n, "%lld", (long long)ivp_table_int(t, r, c));
		break;
	case IVP_CELL_REAL:
		if (nl)
			ivp_format_number("nl", ivp_table_real(t, r, c), ivp_table_col_decimals(t, c), buf, n);
		else
			snprintf(buf, n, "%.*f", ivp_table_col_decimals(t, c), ivp_table_real(t, r, c));
		break;
	case IVP_CELL_TEXT:
		snprintf(buf, n, "%s", nl ? cell_word(ivp_table_colname(t, c), ivp_table_text(t, r, c)) : ivp_table_text(t, r, c));
		break;
	default:
		buf[0] = '\0';
	}
}

/*
 * The header of a column: the catalogue's words for its name in Dutch
 * ("per_1000" -> "per 1.000"; "vs_NL01" -> "t.o.v. NL01"), the name
 * itself in English (what --columns takes).
 */
static const char *header(const ivp_table *t, int c, char *buf, size_t n)
{
	const char *name = ivp_table_colname(t, c);
	size_t len = strlen(name);

	if (strcmp(cli_lang(), "nl")) {
		snprintf(buf, n, "%s", name);
		return buf;
	}
	if (!strncmp(name, "vs_", 3) && strcmp(name, "vs_all")) {
		snprintf(buf, n, "%s %s", cli_tr("vs"), name + 3);
		return buf;
	}
	if (len > 9 && !strcmp(name + len - 9, "_per_1000") && strcmp(name, "prev_per_1000") &&
	    strcmp(name, "baseline_per_1000")) {
		snprintf(buf, n, "%.*s %s", (int)(len - 9), name, cli_tr("per_1000"));
		return buf;
	}
	snprintf(buf, n, "%s", cli_tr(name));
	return buf;
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
		w[c] = width(header(t, c, buf, sizeof(buf)));
		for (r = 0; r < nr; r++) {
			cell_text(t, r, c, buf, sizeof(buf));
			if (width(buf) > w[c])
				w[c] = width(buf);
		}
	}
	first = 1;
	for (k = 0; k < n; k++) {
		c = cols[k];
		header(t, c, buf, sizeof(buf));
		fprintf(out, "%s%s%*s", first ? "" : "  ", buf, (int)(w[c] - width(buf)), "");
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
			fprintf(out, "%s%s: %s\n", first ? "\n" : "", buf, cli_tr(ivp_table_text(t, r, c)));
			first = 0;
		}
	}
	for (r = 0; notes && r < ivp_table_nnotes(t); r++)
		fprintf(out, "%s%s\n", r ? "" : "\n", cli_tr(ivp_table_note(t, r)));
	free(w);
	return 0;
}

static void csv_field(FILE *out, const char *s, char sep)
{
	const char special[] = { sep, '"', '\n', '\r', '\0' };

	if (!strpbrk(s, special)) {
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

/*
 * CSV in the dialect of cli_csv_dialect(): "en" as before (',' between
 * fields, 30.57), "nl" for a Dutch spreadsheet (';' between fields, the
 * decimal comma 30,57, no thousands separator). The header is the
 * columns' names in both (what --columns and scripts use).
 */
static int print_csv(FILE *out, const ivp_table *t, const int *cols, int n)
{
	int nr = ivp_table_nrows(t), r, c, k, nl = !strcmp(cli_csv_dialect(), "nl");
	char buf[1024], sep = nl ? ';' : ',';

	for (k = 0; k < n; k++) {
		if (k)
			fputc(sep, out);
		csv_field(out, ivp_table_colname(t, cols[k]), sep);
	}
	fputc('\n', out);
	for (r = 0; r < nr; r++) {
		for (k = 0; k < n; k++) {
			c = cols[k];
			if (k)
				fputc(sep, out);
			if (ivp_table_cell_type(t, r, c) == IVP_CELL_REAL) {
				char *dot;

				snprintf(buf, sizeof(buf), "%.6g", ivp_table_real(t, r, c));
				if (nl && (dot = strchr(buf, '.')))
					*dot = ',';
			} else if (ivp_table_cell_type(t, r, c) == IVP_CELL_INT) {
				snprintf(buf, sizeof(buf), "%lld", (long long)ivp_table_int(t, r, c));
			} else {
				cell_text(t, r, c, buf, sizeof(buf));
			}
			csv_field(out, buf, sep);
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
			fprintf(stderr, cli_tr("unknown column \"%.*s\"; the result has:"), (int)len, columns);
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
