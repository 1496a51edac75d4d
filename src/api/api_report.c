/*
 * api_report.c — the reports over HTTP: which reports there are and their
 * status (GET /api/v1/reports), one report as PDF, HTML or XLSX with its
 * Content-Type and a Content-Disposition naming the file (GET
 * /api/v1/reports/{kind-year}), its texts (GET …/texts) and an editor's
 * writes: a new version of a text (POST …/texts) and marking the report
 * definitief (POST …/finalize), both by the signed-in user. Each calls the
 * same library function as the matching CLI command (ivp report, ivp
 * report list, ivp report text list|set, ivp report finalize).
 *
 * The report is named in the path as KIND-YEAR ("voortgang-2024",
 * "raadsvoorstel-2023"); the area is the query's or form's `area`
 * (default: the plan's municipality).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

int api_report_id(const char *id, char *kind, size_t n, int *year)
{
	const char *dash = strrchr(id, '-');
	char *end;
	long y;

	if (!dash || dash == id || (size_t)(dash - id) >= n)
		return -1;
	y = strtol(dash + 1, &end, 10);
	if (*end || end - dash != 5 || y < 1900 || y > 2199)
		return -1;
	snprintf(kind, n, "%.*s", (int)(dash - id), id);
	*year = (int)y;
	return 0;
}

/* The report the path names, with area and lang from the query or form: 0, or -1 with the error in r. */
static int report_opts(http_req *r, ivp_report_opts *o, char *kind, size_t n)
{
	const char *area = http_query_get(&r->q, "area");

	memset(o, 0, sizeof(*o));
	if (api_report_id(r->path_id, kind, n, &o->year)) {
		http_error(r, 404, "not_found", "no such report", "A report is named KIND-YEAR, e.g. voortgang-2024.",
			   "GET /api/v1/reports lists the reports there are.");
		return -1;
	}
	o->kind = kind;
	o->area = area && *area ? area : http_field(r, "area");
	if (o->area && !*o->area)
		o->area = NULL;
	o->lang = http_query_get(&r->q, "lang");
	return 0;
}

char *api_report_text_body(http_req *r)
{
	FILE *f = r->upload_file ? fopen(r->upload_file, "rb") : NULL;
	size_t n, cap = 32768 + 2;
	char *buf;

	if (!f)
		return NULL;
	buf = malloc(cap);
	if (buf) {
		n = fread(buf, 1, cap - 1, f);
		buf[n] = '\0';
		if (ferror(f) || memchr(buf, '\0', n)) {
			buf[0] = '\0'; /* a NUL or a read error: refused as not a text below */
			buf[1] = '\0';
			if (n)
				buf[0] = '\1';
		}
	}
	(void)fclose(f); /* read only */
	return buf;
}

void api_reports(http_req *r)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_reports(r->ctx, http_query_get(&r->q, "lang"), &t);

	if (rc)
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
	else
		http_table(r, t);
	ivp_table_free(t);
}

void api_report(http_req *r)
{
	static const char *const ctypes[] = { "application/pdf", "text/html; charset=utf-8",
					      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
	const char *f = http_query_get(&r->q, "format");
	ivp_report_opts o;
	ivp_report_result res;
	char kind[32], *data = NULL;
	size_t len = 0;

	if (report_opts(r, &o, kind, sizeof(kind)))
		return;
	o.format = !f || !strcmp(f, "pdf") ? IVP_REPORT_PDF : !strcmp(f, "html") ? IVP_REPORT_HTML :
										   IVP_REPORT_XLSX;
	o.date = http_query_get(&r->q, "date");
	if (ivp_report_bytes(r->ctx, &o, &data, &len, &res)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return;
	}
	if (strcmp(res.status, "definitief") && api_private(r, "A concept report (not yet definitief)")) {
		ivp_free(data);
		return;
	}
	r->status = 200;
	r->body = data;
	r->len = len;
	r->ctype = ctypes[o.format];
	snprintf(r->disposition, sizeof(r->disposition), "%s; filename=\"%s\"",
		 o.format == IVP_REPORT_HTML ? "inline" : "attachment", res.path);
}

static int col(const ivp_table *t, const char *name)
{
	int i;

	for (i = 0; i < ivp_table_ncols(t); i++)
		if (!strcmp(ivp_table_colname(t, i), name))
			return i;
	return -1;
}

/* Is the report of o (kind, year; the area is the plan's) definitief? */
static ivp_rc report_final(http_req *r, const ivp_report_opts *o, int *final)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_reports(r->ctx, "en", &t);
	int i, ck, cy, cs;

	*final = 0;
	if (rc)
		return rc;
	ck = col(t, "kind");
	cy = col(t, "year");
	cs = col(t, "status");
	for (i = 0; ck >= 0 && cy >= 0 && cs >= 0 && i < ivp_table_nrows(t); i++)
		if (!strcmp(ivp_table_text(t, i, ck) ? ivp_table_text(t, i, ck) : "", o->kind) &&
		    ivp_table_int(t, i, cy) == o->year)
			*final = !strcmp(ivp_table_text(t, i, cs) ? ivp_table_text(t, i, cs) : "", "definitief");
	ivp_table_free(t);
	return IVP_OK;
}

void api_report_texts(http_req *r)
{
	ivp_report_opts o;
	ivp_table *t = NULL;
	char kind[32];
	int final = 0;
	ivp_rc rc;

	if (report_opts(r, &o, kind, sizeof(kind)))
		return;
	/* the report's own errors first (no plan, an unknown kind), then whether it is public */
	if ((rc = ivp_report_texts(r->ctx, &o, &t)) || (rc = report_final(r, &o, &final)))
		http_ivp_error(r, rc, ivp_last_error(r->ctx));
	else if (final || !api_private(r, "The texts of a concept report"))
		http_table(r, t);
	ivp_table_free(t);
}

void api_report_text_set(http_req *r)
{
	ivp_report_text_result res;
	ivp_report_opts o;
	char kind[32];
	json_t *j;

	char *body;
	int bad;

	if (report_opts(r, &o, kind, sizeof(kind)))
		return;
	body = api_report_text_body(r);
	if (!body && r->upload_file) {
		http_oom(r, "the text");
		return;
	}
	bad = ivp_report_text_set(r->ctx, &o, http_field(r, "key"), body, r->session ? r->session->user : NULL, &res);
	free(body);
	if (bad) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return;
	}
	j = json_pack("{s:s, s:s, s:s, s:s, s:i, s:I, s:s, s:b}", "kind", res.kind, "area", res.area, "key", res.key,
		      "label", res.label, "year", res.year, "version", (json_int_t)res.version, "by",
		      r->session ? r->session->user : "", "final", res.final);
	http_json(r, 200, j ? json_dumps(j, JSON_COMPACT) : NULL);
	json_decref(j);
}

void api_report_finalize(http_req *r)
{
	ivp_report_final f;
	ivp_report_opts o;
	char kind[32];
	json_t *j;

	if (report_opts(r, &o, kind, sizeof(kind)))
		return;
	o.date = http_field(r, "date");
	if (ivp_report_finalize(r->ctx, &o, r->session ? r->session->user : NULL, &f)) {
		http_ivp_error(r, ivp_last_error(r->ctx)->rc, ivp_last_error(r->ctx));
		return;
	}
	j = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s}", "kind", f.kind, "area", f.area, "year", f.year, "date", f.date,
		      "sha256", f.sha256, "status", "definitief");
	http_json(r, 200, j ? json_dumps(j, JSON_COMPACT) : NULL);
	json_decref(j);
}
