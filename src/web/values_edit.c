/*
 * values_edit.c — locally registered values entered on the web by editors
 * (GET /plan/waarden): one value through a form (a survey result with its
 * margin, a Halt figure, an output count: key, area, year, value, unit,
 * margin, source, definition version, name) or a whole values file (the
 * CSV of `ivp import values`, docs/plan-file.md) through an upload. Both
 * go through ivp_import_values, so they are checked, recorded (who, the
 * file's or the form's name) and shown exactly like an import from the
 * command line: the form's fields are written as a one-row CSV in the
 * server's temporary directory first, and that copy is removed after.
 * An error is shown beside its field (the column the library names), the
 * input kept.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/web.h"

typedef struct vfield {
	const char *name; /* the form's field = the CSV column */
	web_msg label, help;
	int required, number;
} vfield;

static const vfield vfields[] = {
	{ "key", W_VE_KEY, W_VE_KEY_HELP, 1, 0 },
	{ "name", W_VE_NAME, 0, 0, 0 },
	{ "area", W_VE_AREA, W_VE_AREA_HELP, 1, 0 },
	{ "year", W_PE_YEAR, 0, 1, 0 },
	{ "value", W_VE_VALUE, W_PE_NUM_HELP, 1, 1 },
	{ "unit", W_PE_UNIT, W_VE_UNIT_HELP, 1, 0 },
	{ "margin", W_VE_MARGIN, W_PE_MARGIN_HELP, 0, 1 },
	{ "source", W_VE_SOURCE, W_VE_SOURCE_HELP, 1, 0 },
	{ "definition_version", W_VE_DEFVER, W_VE_DEFVER_HELP, 1, 0 },
};

#define NVF (sizeof(vfields) / sizeof(vfields[0]))

typedef struct vstate {
	int posted;	   /* the one-value form was sent: its values shown again */
	const char *field; /* the field of the error, or "" */
	const char *error; /* the error's message, or NULL */
	const char *done;  /* a message after a save */
	int upload_failed; /* the error is the upload's */
} vstate;

static void hidden_csrf(http_req *r, html *h)
{
	html_raw(h, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_text(h, r->session ? r->session->csrf : "");
	html_raw(h, "\">");
}

static void field(http_req *r, html *h, const char *lang, const vfield *f, const vstate *vs)
{
	const char *v = vs->posted ? http_field(r, f->name) : NULL;
	int bad = vs->error && !vs->upload_failed && vs->field && !strcmp(vs->field, f->name);
	char area[16] = "";

	if (!vs->posted && !strcmp(f->name, "area")) {
		web_home_area(r, area, sizeof(area));
		v = area;
	}
	html_fmt(h, "<div class=\"utrecht-form-field%s\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"v-%s\">",
		 bad ? " utrecht-form-field--invalid" : "", f->name);
	html_text(h, web_t(lang, f->label));
	if (!f->required)
		html_text(h, web_t(lang, W_PE_OPTIONAL));
	html_raw(h, "</label></p>");
	if (f->help) {
		html_fmt(h, "<p class=\"utrecht-form-field-description\" id=\"v-%s-help\">", f->name);
		html_text(h, web_t(lang, f->help));
		html_raw(h, "</p>");
	}
	if (bad) {
		html_fmt(h, "<p class=\"utrecht-form-field-error-message ivp-field-error\" id=\"v-%s-error\">", f->name);
		html_text(h, vs->error);
		html_raw(h, "</p>");
	}
	html_fmt(h, "<p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" type=\"text\" name=\"%s\" id=\"v-%s\"%s%s",
		 f->name, f->name, f->required ? " required" : "", f->number ? " inputmode=\"decimal\"" : "");
	if (bad)
		html_raw(h, " aria-invalid=\"true\"");
	if (bad || f->help) {
		html_raw(h, " aria-describedby=\"");
		if (f->help)
			html_fmt(h, "v-%s-help", f->name);
		if (bad)
			html_fmt(h, "%sv-%s-error", f->help ? " " : "", f->name);
		html_raw(h, "\"");
	}
	html_raw(h, " value=\"");
	html_text(h, v ? v : "");
	html_raw(h, "\"></p></div>");
}

static void page(http_req *r, const char *lang, const vstate *vs, int status)
{
	html h = { 0 };
	size_t i;

	web_page_begin(r, &h, lang, web_t(lang, W_VE_TITLE));
	if (vs->done) {
		html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--ok ivp-alert\" role=\"status\"><p class=\"utrecht-paragraph\">");
		html_text(&h, vs->done);
		html_raw(&h, "</p></div>");
	}
	if (vs->error) {
		html_raw(&h, "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\" role=\"alert\"><p class=\"utrecht-paragraph\"><strong>");
		html_text(&h, web_t(lang, W_VE_NOT_SAVED));
		html_raw(&h, "</strong> ");
		html_text(&h, vs->error);
		html_raw(&h, "</p></div>");
	}
	html_raw(&h, "<p class=\"utrecht-paragraph\">");
	html_text(&h, web_t(lang, W_VE_INTRO));
	html_raw(&h, "</p><h2 class=\"utrecht-heading-2\">");
	html_text(&h, web_t(lang, W_VE_ONE));
	html_raw(&h, "</h2><form class=\"ivp-form ivp-value-form\" method=\"post\" action=\"/plan/waarden\">");
	hidden_csrf(r, &h);
	for (i = 0; i < NVF; i++)
		field(r, &h, lang, &vfields[i], vs);
	html_raw(&h, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(&h, web_t(lang, W_SAVE));
	html_raw(&h, "</button></form><h2 class=\"utrecht-heading-2\">");
	html_text(&h, web_t(lang, W_VE_FILE));
	html_raw(&h, "</h2><form class=\"ivp-form ivp-values-upload\" method=\"post\" action=\"/plan/waarden/bestand\" enctype=\"multipart/form-data\">");
	hidden_csrf(r, &h);
	html_fmt(&h, "<div class=\"utrecht-form-field%s\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"v-file\">",
		 vs->upload_failed ? " utrecht-form-field--invalid" : "");
	html_text(&h, web_t(lang, W_VE_FILE_LABEL));
	html_raw(&h, "</label></p><p class=\"utrecht-form-field-description\" id=\"v-file-help\">");
	html_text(&h, web_t(lang, W_VE_FILE_HELP));
	html_raw(&h, "</p>");
	if (vs->upload_failed) {
		html_raw(&h, "<p class=\"utrecht-form-field-error-message ivp-field-error\" id=\"v-file-error\">");
		html_text(&h, vs->error);
		html_raw(&h, "</p>");
	}
	html_fmt(&h, "<p class=\"utrecht-form-field__input\"><input class=\"utrecht-textbox\" type=\"file\" accept=\".csv,text/csv\" name=\"file\" id=\"v-file\" required aria-describedby=\"v-file-help%s\"%s></p></div>",
		 vs->upload_failed ? " v-file-error" : "", vs->upload_failed ? " aria-invalid=\"true\"" : "");
	html_raw(&h, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(&h, web_t(lang, W_VE_UPLOAD));
	html_raw(&h, "</button></form>");
	web_page_end(r, &h, status);
}

void web_values_edit(http_req *r)
{
	const char *lang = web_lang(r), *saved = http_query_get(&r->q, "saved");
	char msg[200];
	vstate vs;

	memset(&vs, 0, sizeof(vs));
	if (saved) {
		snprintf(msg, sizeof(msg), web_t(lang, W_VE_SAVED), saved);
		vs.done = msg;
	}
	page(r, lang, &vs, 200);
}

/* A CSV field, quoted (the value may hold commas and quotes). */
static void csv_field(FILE *f, const char *s, int last)
{
	fputc('"', f);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
	fputc(last ? '\n' : ',', f);
}

/* The one-value form as a values CSV in a temporary file; its path into
 * path. -1 when it cannot be written. A number's decimal comma becomes the
 * file's point. */
static int write_csv(http_req *r, char *path, size_t n)
{
	const char *dir = getenv("TMPDIR");
	FILE *f;
	size_t i;
	int fd;

	snprintf(path, n, "%s/ivp-value-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return -1;
	if (!(f = fdopen(fd, "w"))) {
		(void)close(fd); /* nothing written */
		(void)unlink(path);
		return -1;
	}
	for (i = 0; i < NVF; i++)
		csv_field(f, vfields[i].name, i + 1 == NVF);
	for (i = 0; i < NVF; i++) {
		const char *v = http_field(r, vfields[i].name);
		char b[128];

		if (vfields[i].number && v && strlen(v) < sizeof(b) && strchr(v, ',') && !strchr(v, '.')) {
			snprintf(b, sizeof(b), "%s", v);
			*strchr(b, ',') = '.';
			v = b;
		}
		csv_field(f, v ? v : "", i + 1 == NVF);
	}
	if (fclose(f)) {
		(void)unlink(path);
		return -1;
	}
	return 0;
}

static void answer(http_req *r, const char *lang, ivp_rc rc, const ivp_import_result *res, int upload)
{
	char where[96], msg[900];
	vstate vs;

	if (!rc) {
		snprintf(where, sizeof(where), "/plan/waarden?saved=%lld", (long long)res->import_id);
		web_redirect(r, where);
		return;
	}
	{
		const ivp_error *e = ivp_last_error(r->ctx);

		if (!ivp_rc_is_user_error(rc)) {
			http_ivp_error(r, rc, e);
			return;
		}
		memset(&vs, 0, sizeof(vs));
		snprintf(msg, sizeof(msg), "%s%s%s%s%s", e->message, e->detail[0] ? ". " : "", e->detail,
			 e->hint[0] ? " " : "", e->hint);
		vs.error = msg;
		vs.field = e->field;
		vs.posted = !upload;
		vs.upload_failed = upload;
		page(r, lang, &vs, 400);
	}
}

void web_values_post(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_import_opts o;
	ivp_import_result res;
	char path[512];
	ivp_rc rc;

	if (write_csv(r, path, sizeof(path))) {
		web_error(r, 500, web_t(lang, W_VE_NOT_SAVED), strerror(errno), "");
		return;
	}
	memset(&o, 0, sizeof(o));
	memset(&res, 0, sizeof(res));
	o.user = r->session ? r->session->user : NULL;
	o.file_name = "web form";
	rc = ivp_import_values(r->ctx, path, &o, &res);
	(void)unlink(path); /* the copy; the import is recorded by its name */
	answer(r, lang, rc, &res, 0);
}

void web_values_upload_post(http_req *r)
{
	const char *lang = web_lang(r);
	ivp_import_opts o;
	ivp_import_result res;
	ivp_rc rc;

	memset(&o, 0, sizeof(o));
	memset(&res, 0, sizeof(res));
	o.user = r->session ? r->session->user : NULL;
	o.file_name = r->upload_name;
	rc = ivp_import_values(r->ctx, r->upload_file, &o, &res);
	answer(r, lang, rc, &res, 1);
}
