/*
 * html.c — the report as one self-contained HTML file: the same document
 * as the PDF, with lang="nl", a table of contents of links, accessible
 * tables (caption, th scope="col" / scope="row"), charts as inline SVG
 * drawn from the same chart model as the PDF (role="img" with a title; the
 * chart's numbers are in the table after it), and a print style sheet
 * (A4, every chapter on a new page, table headers repeated).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/funnel.h"
#include "report/report.h"

static void esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/* the funnel plot's SVG writer (funnel.c) writes through this */
static void file_out(void *ud, const char *s)
{
	fputs(s, ud);
}

static const char style[] =
	"body{font-family:'DejaVu Sans',Verdana,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1f;"
	"max-width:60em;margin:0 auto;padding:1em 1.5em}\n"
	"h1,h2,h3{color:#154273;line-height:1.25}h1{font-size:2em;margin-top:2em}h2{font-size:1.5em;margin-top:2em}"
	"h3{font-size:1.15em}\n"
	"table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.85em}"
	"caption{text-align:left;font-weight:bold;padding:.3em 0}\n"
	"th,td{border-bottom:1px solid #c0c2c7;padding:.3em .4em;text-align:left;vertical-align:top}"
	"thead th{background:#e6ebf2}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
	"tr.total th,tr.total td{font-weight:bold;border-top:2px solid #888}\n"
	"tbody th{font-weight:normal}.note{color:#555;font-style:italic;border-left:3px solid #c0c2c7;padding-left:.6em}"
	"figure{margin:1em 0}figcaption{color:#555;font-size:.85em}svg{max-width:100%;height:auto}\n"
	"nav ol{list-style:none;padding-left:0}nav ol ol{padding-left:1.5em}a{color:#154273}\n"
	"@media print{@page{size:A4;margin:2cm 2cm 2.5cm}body{max-width:none;font-size:10pt;padding:0}"
	"body.chapters h2{break-before:page}thead{display:table-header-group}tr,figure{break-inside:avoid}"
	"nav a{text-decoration:none;color:inherit}}\n";

static void num(FILE *f, const char *lang, double v, int dec)
{
	char s[64];

	ivp__rp_num(lang, v, dec, s, sizeof(s));
	esc(f, s);
}

static void svg(FILE *f, const rp_doc *d, const rp_chart *c, int id)
{
	const double W = 640, H = 260, x0 = 70, x1 = 625, top = 14, bottom = 200;
	int i, j, k, yr;

#define X(year) ivp__chart_x(c, (year), x0, x1)
#define Y(v) ivp__chart_y(c, (v), top, bottom)
	fprintf(f, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"c%d\">"
		   "<title id=\"c%d\">",
		W, H, W, H, id, id);
	esc(f, c->title);
	fputs(" (", f);
	esc(f, c->unit);
	fputs(")</title>\n", f);
	for (i = 0; i < c->y.nticks; i++) {
		double v = c->y.lo + i * c->y.step;

		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c0c2c7\" stroke-width=\"0.6\"/>"
			   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">",
			x0, x1, Y(v), Y(v), x0 - 6, Y(v) + 4);
		num(f, d->lang, v, c->y.dec);
		fputs("</text>\n", f);
	}
	fprintf(f, "<text transform=\"translate(14 %.1f) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\">", (top + bottom) / 2);
	esc(f, c->unit);
	fputs("</text>\n", f);
	for (yr = c->xmin; yr <= c->xmax; yr++)
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%d</text>\n", X(yr), bottom + 16, yr);
	fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1a1a1f\"/>\n", x0, x1, bottom, bottom);
	for (i = 0; c->has_band && i < c->n; i = j + 1) { /* the band, per run of joined points */
		for (j = i; j + 1 < c->n && ivp__chart_joined(c, j + 1); j++)
			;
		if (isnan(c->p[i].v))
			continue;
		fputs("<path fill=\"#b8d1ed\" d=\"", f);
		if (j == i)
			fprintf(f, "M%.1f %.1fh12V%.1fh-12z", X(c->p[i].year) - 6, Y(c->p[i].hi), Y(c->p[i].lo));
		else {
			for (k = i; k <= j; k++)
				fprintf(f, "%c%.1f %.1f", k > i ? 'L' : 'M', X(c->p[k].year), Y(c->p[k].hi));
			for (k = j; k >= i; k--)
				fprintf(f, "L%.1f %.1f", X(c->p[k].year), Y(c->p[k].lo));
			fputc('Z', f);
		}
		fputs("\"/>\n", f);
	}
	if (c->break_year) { /* a change of classification: a marker between the two series */
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#545454\" stroke-dasharray=\"2 2\"/>"
			   "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#545454\">",
			X(c->break_year - 0.5), X(c->break_year - 0.5), top, bottom, X(c->break_year - 0.5) + 3, top + 8);
		esc(f, c->break_label);
		fputs("</text>\n", f);
	}
	if (c->has_target)
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#cc5a0d\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
			X(c->x0), Y(c->y0), X(c->x1), Y(c->y1));
	for (i = 0; i < c->n; i = j + 1) { /* the values, one polyline per run */
		const char *col = ivp__chart_series(c, i) ? "#1a734d" : "#154273";

		for (j = i; j + 1 < c->n && ivp__chart_joined(c, j + 1); j++)
			;
		if (isnan(c->p[i].v))
			continue;
		fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"", col);
		for (k = i; k <= j; k++)
			fprintf(f, "%s%.1f,%.1f", k > i ? " " : "", X(c->p[k].year), Y(c->p[k].v));
		fputs("\"/>\n", f);
	}
	for (i = 0; i < c->n; i++)
		if (!isnan(c->p[i].v))
			fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"/>\n", X(c->p[i].year), Y(c->p[i].v),
				ivp__chart_series(c, i) ? "#1a734d" : "#154273");
	fprintf(f, "<g font-size=\"11\"><rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"3\" fill=\"#154273\"/>"
		   "<text x=\"%.1f\" y=\"%.1f\">",
		x0, H - 26, x0 + 24, H - 21);
	esc(f, c->line_label);
	fputs("</text>", f);
	if (c->has_band) {
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"9\" fill=\"#b8d1ed\"/><text x=\"%.1f\" y=\"%.1f\">",
			x0 + 150, H - 29, x0 + 174, H - 21);
		esc(f, c->band_label);
		fputs("</text>", f);
	}
	if (c->has_target) {
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"3\" fill=\"#cc5a0d\"/><text x=\"%.1f\" y=\"%.1f\">",
			x0 + 300, H - 26, x0 + 324, H - 21);
		esc(f, c->target_label);
		fputs("</text>", f);
	}
	if (c->break_year) {
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"3\" fill=\"#1a734d\"/><text x=\"%.1f\" y=\"%.1f\">",
			x0, H - 11, x0 + 24, H - 6);
		esc(f, c->line2_label);
		fputs("</text>", f);
	}
	fputs("</g>\n</svg>\n", f);
#undef X
#undef Y
}

static void table(FILE *f, const rp_table *t)
{
	int r, c;

	fputs("<table", f);
	if (t->id) {
		fputs(" id=\"", f);
		esc(f, t->id);
		fputc('"', f);
	}
	fputs("><caption>", f);
	esc(f, t->caption);
	fputs("</caption>\n<thead><tr>", f);
	for (c = 0; c < t->ncols; c++) {
		fprintf(f, "<th scope=\"col\"%s>", t->right && t->right[c] ? " class=\"num\"" : "");
		esc(f, t->head[c]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (r = 0; r < t->nrows; r++) {
		fprintf(f, "<tr%s>", t->last_total && r == t->nrows - 1 ? " class=\"total\"" : "");
		for (c = 0; c < t->ncols; c++) {
			const char *tag = c == 0 ? "th" : "td";

			fprintf(f, "<%s%s%s>", tag, c == 0 ? " scope=\"row\"" : "",
				t->right && t->right[c] ? " class=\"num\"" : "");
			esc(f, t->cells[r * t->ncols + c].text);
			fprintf(f, "</%s>", tag);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void toc(FILE *f, const rp_doc *d, int at)
{
	int i, open2 = 0, open1 = 0;

	fputs("<nav aria-labelledby=\"inhoud\"><h2 id=\"inhoud\">", f);
	esc(f, d->toc_title);
	fputs("</h2>\n<ol>\n", f);
	for (i = at + 1; i < d->n; i++) {
		const rp_block *b = &d->b[i];

		if (b->kind != RB_HEADING || b->level > 2)
			continue;
		if (b->level == 1) {
			if (open2)
				fputs("</ol>", f);
			if (open1)
				fputs("</li>\n", f);
			open2 = 0;
			open1 = 1;
		} else if (!open2) {
			fputs("<ol>", f);
			open2 = 1;
		}
		fputs("<li><a href=\"#", f);
		esc(f, b->id);
		fputs("\">", f);
		esc(f, b->text);
		fputs(b->level == 2 ? "</a></li>" : "</a>", f);
	}
	if (open2)
		fputs("</ol>", f);
	if (open1)
		fputs("</li>\n", f);
	fputs("</ol></nav>\n", f);
}

ivp_rc ivp__rp_html(ivp_ctx *ctx, const rp_doc *d, const char *path)
{
	FILE *f = fopen(path, "w");
	int i, charts = 0;

	if (!f) {
		ivp__fail(ctx, IVP_EIO, "cannot write \"%s\"", path);
		return IVP_EIO;
	}
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		d->lang);
	esc(f, d->title);
	fputs("</title>\n<meta name=\"author\" content=\"", f);
	esc(f, d->author);
	fputs("\">\n<meta name=\"description\" content=\"", f);
	esc(f, d->subject);
	fputs("\">\n<meta name=\"keywords\" content=\"", f);
	esc(f, d->keywords);
	fprintf(f, "\">\n<meta name=\"dcterms.created\" content=\"%s\">\n<meta name=\"generator\" content=\"ivp %s\">\n<style>\n%s</style>\n</head>\n<body data-status=\"%s\"%s>\n<main>\n",
		d->date, IVP_REPORT_VERSION, style, d->status ? d->status : "", d->chapter_pages ? " class=\"chapters\"" : "");
	for (i = 0; i < d->n; i++) {
		const rp_block *b = &d->b[i];

		switch (b->kind) {
		case RB_TITLE:
			fputs("<h1>", f);
			esc(f, b->text);
			fputs("</h1>\n", f);
			break;
		case RB_HEADING:
			fprintf(f, "<h%d id=\"", b->level + 1);
			esc(f, b->id);
			fputs("\">", f);
			esc(f, b->text);
			fprintf(f, "</h%d>\n", b->level + 1);
			break;
		case RB_PARA:
		case RB_NOTE:
			fputs(b->kind == RB_NOTE ? "<p class=\"note\">" : "<p>", f);
			esc(f, b->text);
			fputs("</p>\n", f);
			break;
		case RB_TABLE:
			table(f, b->table);
			break;
		case RB_FUNNEL:
			fputs("<figure>\n", f);
			ivp__rp_funnel_svg(b->funnel, b->fwords, d->lang, 100 + ++charts, file_out, f);
			fputs("<figcaption>", f);
			esc(f, b->text);
			fputs("</figcaption>\n</figure>\n", f);
			break;
		case RB_CHART:
			fputs("<figure>\n", f);
			svg(f, d, b->chart, ++charts);
			fputs("<figcaption>", f);
			esc(f, b->text);
			fputs("</figcaption>\n</figure>\n", f);
			break;
		case RB_TOC:
			toc(f, d, i);
			break;
		case RB_BREAK:
			break;
		}
	}
	fputs("</main>\n<footer><p>", f);
	esc(f, d->footer);
	fputs("</p></footer>\n</body>\n</html>\n", f);
	if (ferror(f) | fclose(f)) {
		ivp__fail(ctx, IVP_EIO, "cannot write \"%s\"", path);
		ivp__detail(ctx, "Writing the HTML failed (disk full?).");
		return IVP_EIO;
	}
	return IVP_OK;
}
