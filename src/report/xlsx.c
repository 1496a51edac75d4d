/*
 * xlsx.c — every table of the report as a worksheet (libxlsxwriter): the
 * caption in the first row, the header in the second, then the rows.
 * Numbers are numbers with Dutch number formats ([$€-413] #,##0 for money,
 * 0.0 for rates, 0% for shares: Excel shows them with the reader's
 * separators, in a Dutch Excel € 190.000 and 30,6); text stays text.
 *
 * Reproducible: the workbook's created date is the report date (at
 * midnight UTC), so the same document gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "report/report.h"

static time_t report_time(const char *date)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (ivp__rp_parse_date(date, &tm.tm_year, &tm.tm_mon, &tm.tm_mday))
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique. */
static void sheet_name(const char *want, char names[][32], int n, char *out)
{
	char base[32];
	int i, k, dup, v = 1;
	size_t len = 0;

	for (i = 0; want && want[i] && len < 28; i++) {
		unsigned char ch = (unsigned char)want[i];

		if (strchr("[]:*?/\\'", ch))
			continue;
		if (ch >= 0x80) { /* keep whole UTF-8 sequences; count bytes conservatively */
			size_t sl = (ch & 0xE0) == 0xC0 ? 2 : (ch & 0xF0) == 0xE0 ? 3 :
										    4;

			if (len + sl > 28)
				break;
			memcpy(base + len, want + i, sl);
			len += sl;
			i += (int)sl - 1;
			continue;
		}
		base[len++] = (char)ch;
	}
	base[len] = '\0';
	if (!len)
		snprintf(base, sizeof(base), "Tabel");
	snprintf(out, 32, "%s", base);
	do {
		dup = 0;
		for (k = 0; k < n; k++)
			if (!strcmp(names[k], out))
				dup = 1;
		if (dup)
			snprintf(out, 32, "%.27s %d", base, ++v);
	} while (dup);
}

ivp_rc ivp__rp_xlsx_write(ivp_ctx *ctx, const rp_doc *d, const char *path)
{
	lxw_workbook_options opts = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
	lxw_doc_properties props;
	lxw_workbook *wb;
	lxw_format *bold, *head, *headnum, *fmt[RP_YEAR + 1], *fmtb[RP_YEAR + 1];
	static const char *const codes[RP_YEAR + 1] = { NULL, "#,##0", "#,##0.0", "#,##0.00", "[$€-413] #,##0", "0%", "0" };
	char(*names)[32];
	int i, nt = 0, k;
	lxw_error e;

	for (i = 0; i < d->n; i++)
		nt += d->b[i].kind == RB_TABLE;
	names = calloc((size_t)nt + 1, sizeof(*names));
	if (!names)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	wb = workbook_new_opt(path, &opts);
	if (!wb) {
		free(names);
		ivp__fail(ctx, IVP_EIO, "cannot write \"%s\"", path);
		return IVP_EIO;
	}
	memset(&props, 0, sizeof(props));
	props.title = (char *)d->title;
	props.subject = (char *)d->subject;
	props.author = (char *)d->author;
	props.keywords = (char *)d->keywords;
	props.comments = (char *)d->subtitle;
	props.created = report_time(d->date);
	workbook_set_properties(wb, &props);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xE6EBF2);
	format_set_bottom(head, LXW_BORDER_THIN);
	format_set_text_wrap(head);
	headnum = workbook_add_format(wb);
	format_set_bold(headnum);
	format_set_bg_color(headnum, 0xE6EBF2);
	format_set_bottom(headnum, LXW_BORDER_THIN);
	format_set_text_wrap(headnum);
	format_set_align(headnum, LXW_ALIGN_RIGHT);
	for (k = 0; k <= RP_YEAR; k++) {
		fmt[k] = workbook_add_format(wb);
		fmtb[k] = workbook_add_format(wb);
		format_set_bold(fmtb[k]);
		format_set_text_wrap(fmt[k]);
		format_set_align(fmt[k], LXW_ALIGN_VERTICAL_TOP);
		if (codes[k]) {
			format_set_num_format(fmt[k], codes[k]);
			format_set_num_format(fmtb[k], codes[k]);
		}
	}
	nt = 0;
	for (i = 0; i < d->n; i++) {
		const rp_table *t = d->b[i].table;
		lxw_worksheet *ws;
		int r, c;

		if (d->b[i].kind != RB_TABLE)
			continue;
		sheet_name(t->sheet, names, nt, names[nt]);
		ws = workbook_add_worksheet(wb, names[nt++]);
		if (!ws)
			continue;
		worksheet_write_string(ws, 0, 0, t->caption ? t->caption : "", bold);
		for (c = 0; c < t->ncols; c++) {
			double w = t->width ? t->width[c] : 1;

			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, 8 + 7 * w, NULL);
			worksheet_write_string(ws, 1, (lxw_col_t)c, t->head[c], t->right && t->right[c] ? headnum : head);
		}
		for (r = 0; r < t->nrows; r++) {
			int total = t->last_total && r == t->nrows - 1;

			for (c = 0; c < t->ncols; c++) {
				const rp_cell *x = &t->cells[r * t->ncols + c];
				lxw_format *f = total ? fmtb[x->fmt] : fmt[x->fmt];

				if (x->fmt != RP_TEXT)
					worksheet_write_number(ws, (lxw_row_t)(r + 2), (lxw_col_t)c, x->num, f);
				else if (x->text && *x->text)
					worksheet_write_string(ws, (lxw_row_t)(r + 2), (lxw_col_t)c, x->text, f);
			}
		}
		worksheet_freeze_panes(ws, 2, 0);
	}
	free(names);
	e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		ivp__fail(ctx, e == LXW_ERROR_MEMORY_MALLOC_FAILED ? IVP_ENOMEM : IVP_EIO, "cannot write \"%s\"", path);
		ivp__detail(ctx, "libxlsxwriter: %s.", lxw_strerror(e));
		return ctx->err.rc;
	}
	return IVP_OK;
}
