/*
 * report_api.c — ivp_report(): check the options, read the model, build
 * the document and hand it to the back end of the format asked for.
 *
 * The file appears whole or not at all: the back end writes a temporary
 * file in the output's own directory (so the rename stays on one file
 * system) and only a complete file is renamed over the output; on any
 * error the temporary file is removed and an existing output is left as
 * it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "report/report.h"
#include "store/report_store.h"

static const char *const exts[] = { "pdf", "html", "xlsx" };

static ivp_rc temp_beside(ivp_ctx *ctx, const char *path, char *tmp, size_t n)
{
	const char *slash = strrchr(path, '/');
	int fd;

	if (slash)
		snprintf(tmp, n, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		snprintf(tmp, n, ".%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;

		ivp__fail(ctx, IVP_EIO, "cannot write \"%s\"", path);
		ivp__code(ctx, "report_unwritable");
		ivp__detail(ctx, "%s.", strerror(e));
		ivp__hint(ctx, "Give --output a file in a directory that exists and that you may write to.");
		tmp[0] = '\0';
		return IVP_EIO;
	}
	close(fd);
	return IVP_OK;
}

/* Check the options into a query (kind, format, language). */
ivp_rc ivp__rp_opts(ivp_ctx *ctx, const ivp_report_opts *o, rp_query *q)
{
	int kind;

	ivp__error_clear(&ctx->err);
	kind = ivp__rp_kind_parse(o->kind ? o->kind : "voortgang");
	if (kind < 0) {
		ivp__fail(ctx, IVP_EINPUT, "unknown report kind \"%s\"", o->kind);
		ivp__code(ctx, "report_unknown_kind");
		ivp__detail(ctx, "ivp writes the yearly progress report (voortgang), the safety picture (veiligheidsbeeld) and the council proposal to adopt the plan (raadsvoorstel).");
		ivp__hint(ctx, "Use --kind voortgang, veiligheidsbeeld or raadsvoorstel.");
		return IVP_EINPUT;
	}
	if ((unsigned)o->format > IVP_REPORT_XLSX)
		return ivp__fail(ctx, IVP_EINPUT, "unknown report format %d", (int)o->format);
	if (o->lang && strcmp(o->lang, "nl") && strcmp(o->lang, "en")) {
		ivp__fail(ctx, IVP_EINPUT, "unknown language \"%s\"", o->lang);
		ivp__hint(ctx, "Use --lang nl or --lang en.");
		return IVP_EINPUT;
	}
	memset(q, 0, sizeof(*q));
	q->kind = (rp_kind)kind;
	q->area = o->area;
	q->year = o->year;
	q->lang = o->lang;
	q->date = o->date;
	return IVP_OK;
}

/* The model of a definitief report from its snapshot, checked against its SHA-256. */
static ivp_rc from_snapshot(ivp_ctx *ctx, ivp__final_rec *f, const char *lang, rp_model **out)
{
	ivp__sha256 *h = ivp__sha256_new();
	char hex[65], err[256];
	size_t len = strlen(f->snapshot);

	if (!h)
		return ivp__oom(ctx, "reading the snapshot of a definitief report");
	ivp__sha256_update(h, f->snapshot, len);
	ivp__sha256_final(h, hex);
	if (strcmp(hex, f->sha256)) {
		ivp__fail(ctx, IVP_EDB, "the snapshot of the definitief %s report %d of %s is damaged", f->kind, f->year,
			  f->area);
		ivp__code(ctx, "report_snapshot_damaged");
		ivp__detail(ctx, "Its SHA-256 is %s; %s was stored when it was frozen.", hex, f->sha256);
		ivp__hint(ctx, "Restore the database from a backup.");
		return IVP_EDB;
	}
	*out = ivp__rp_snapshot_model(f->snapshot, len, lang, err, sizeof(err));
	if (!*out) {
		if (!strcmp(err, "out of memory"))
			return ivp__oom(ctx, "reading the snapshot of a definitief report");
		ivp__fail(ctx, IVP_EINTERNAL, "the snapshot of the definitief %s report %d of %s cannot be read", f->kind,
			  f->year, f->area);
		ivp__code(ctx, "report_snapshot_damaged");
		ivp__detail(ctx, "%s.", err);
		return IVP_EINTERNAL;
	}
	return IVP_OK;
}

ivp_rc ivp__rp_load(ivp_ctx *ctx, const rp_query *q, rp_model **out)
{
	ivp__final_rec f;
	rp_model *m = NULL;
	char area[16];
	int year = q->year;
	ivp_rc rc;

	*out = NULL;
	memset(&f, 0, sizeof(f));
	snprintf(area, sizeof(area), "%s", q->area ? q->area : "");
	if (!q->area || !q->year) {
		if ((rc = ivp__rp_model(ctx, q, &m)))
			return rc;
		snprintf(area, sizeof(area), "%s", m->area);
		year = m->year;
	}
	rc = ivp__store_final_get(ctx, ivp__rp_kind_name(q->kind), area, year, &f);
	if (rc == IVP_ENOTFOUND) {
		if (!m && (rc = ivp__rp_model(ctx, q, &m)))
			return rc;
		*out = m;
		return IVP_OK;
	}
	ivp__rp_model_free(m);
	if (rc)
		return rc;
	rc = from_snapshot(ctx, &f, q->lang && !strcmp(q->lang, "en") ? "en" : "nl", out);
	free(f.snapshot);
	return rc;
}

ivp_rc ivp_report(ivp_ctx *ctx, const ivp_report_opts *o, ivp_report_result *out)
{
	return ivp__rp_report(ctx, o, NULL, out);
}

/* The report written to path as an audit entry (ivp__audit_export: when
 * someone is named). */
static ivp_rc audit_report(ivp_ctx *ctx, const rp_model *m, const char *path)
{
	const char *p[1] = { path };
	char obj[120], hex[65];
	int bad = 0;

	if (ivp__sha256_paths(p, 1, hex, &bad))
		return bad < 0 ? ivp__oom(ctx, "the hash of the report") : ivp__fail(ctx, IVP_EIO, "cannot read \"%s\"", path);
	snprintf(obj, sizeof(obj), "report:%s-%s-%d", ivp__rp_kind_name(m->kind), m->area, m->year);
	return ivp__audit_export(ctx, "report.generate", obj, hex);
}

/* ivp_report(), with the PDF's fonts kept in *fonts for the next report (batch.c); fonts NULL: none kept. */
ivp_rc ivp__rp_report(ivp_ctx *ctx, const ivp_report_opts *o, void **fonts, ivp_report_result *out)
{
	rp_query q;
	rp_model *m = NULL;
	rp_doc *d = NULL;
	char path[1024], tmp[1100] = "";
	ivp_rc rc;

	memset(out, 0, sizeof(*out));
	memset(&q, 0, sizeof(q));
	if ((rc = ivp__rp_opts(ctx, o, &q)))
		return rc;
	if ((rc = ivp__rp_load(ctx, &q, &m)))
		return rc;
	if (!m)
		return ivp__fail(ctx, IVP_EINTERNAL, "the report has no model");
	if (o->output && *o->output)
		snprintf(path, sizeof(path), "%s", o->output);
	else
		snprintf(path, sizeof(path), "rapport-%s-%s-%d.%s", ivp__rp_kind_name(m->kind), m->area, m->year,
			 exts[o->format]);
	if (!(d = ivp__rp_doc(m))) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	if ((rc = temp_beside(ctx, path, tmp, sizeof(tmp))))
		goto out;
	switch (o->format) {
	case IVP_REPORT_PDF:
		rc = fonts ? ivp__rp_pdf_fonts(ctx, d, tmp, fonts) : ivp__rp_pdf(ctx, d, tmp);
		break;
	case IVP_REPORT_HTML:
		rc = ivp__rp_html(ctx, d, tmp);
		break;
	default:
		rc = ivp__rp_xlsx(ctx, d, tmp);
		break;
	}
	if (rc)
		goto out;
	/* mkstemp made it 0600; a report is an ordinary file */
	{
		mode_t um = umask(0);

		umask(um);
		if (chmod(tmp, 0666 & ~um)) {
			rc = ivp__fail(ctx, IVP_EIO, "cannot write \"%s\"", path);
			ivp__detail(ctx, "%s.", strerror(errno));
			goto out;
		}
	}
	if (rename(tmp, path)) {
		int e = errno;

		rc = ivp__fail(ctx, IVP_EIO, "cannot write \"%s\"", path);
		ivp__code(ctx, "report_unwritable");
		ivp__detail(ctx, "%s.", strerror(e));
		ivp__hint(ctx, "Give --output a file you may write to.");
		goto out;
	}
	tmp[0] = '\0';
	if ((rc = audit_report(ctx, m, path)))
		goto out;
	snprintf(out->path, sizeof(out->path), "%s", path);
	snprintf(out->kind, sizeof(out->kind), "%s", ivp__rp_kind_name(m->kind));
	snprintf(out->area, sizeof(out->area), "%s", m->area);
	snprintf(out->date, sizeof(out->date), "%s", m->date);
	out->year = m->year;
	snprintf(out->status, sizeof(out->status), "%s", d->status);
	out->missing = m->final ? 0 : m->nmissing;
out:
	if (tmp[0])
		unlink(tmp);
	ivp__rp_doc_free(d);
	ivp__rp_model_free(m);
	return rc;
}

ivp_rc ivp_report_bytes(ivp_ctx *ctx, const ivp_report_opts *o, char **data, size_t *len,
			ivp_report_result *out)
{
	const char *dir = getenv("TMPDIR");
	char tmp[1024];
	ivp_report_opts oo = *o;
	FILE *f = NULL;
	char *buf = NULL;
	long n;
	int fd;
	ivp_rc rc;

	*data = NULL;
	*len = 0;
	memset(out, 0, sizeof(*out));
	snprintf(tmp, sizeof(tmp), "%s/ivp-report-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(tmp)) < 0) {
		ivp__fail(ctx, IVP_EIO, "cannot write a temporary file in %s", dir && *dir ? dir : "/tmp");
		ivp__detail(ctx, "%s.", strerror(errno));
		return IVP_EIO;
	}
	close(fd);
	oo.output = tmp;
	if ((rc = ivp_report(ctx, &oo, out)))
		goto out;
	if (!(f = fopen(tmp, "rb")) || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		rc = ivp__fail(ctx, IVP_EIO, "cannot read the report back from %s", tmp);
		goto out;
	}
	if (!(buf = malloc((size_t)n + 1))) {
		rc = ivp__oom(ctx, "reading the report back");
		goto out;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		rc = ivp__fail(ctx, IVP_EIO, "cannot read the report back from %s", tmp);
		goto out;
	}
	*data = buf;
	*len = (size_t)n;
	buf = NULL;
	snprintf(out->path, sizeof(out->path), "rapport-%s-%s-%d.%s", out->kind, out->area, out->year,
		 exts[o->format]);
out:
	if (f)
		(void)fclose(f); /* read only */
	free(buf);
	unlink(tmp);
	return rc;
}
