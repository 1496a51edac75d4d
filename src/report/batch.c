/*
 * batch.c — ivp_report_batch(): the report of many gemeenten in one run (a
 * region's or a province's safety pictures), one file per gemeente in one
 * directory, all of them or none.
 *
 * Each report is written the way ivp_report() writes it, so a report in a
 * batch is byte for byte the report of that gemeente alone; the batch
 * saves the start-up of a process per report (the libraries, fontconfig's
 * configuration, the database) and keeps one pango font map, with its
 * fonts, shaping and glyph caches, from the first PDF to the last (a
 * fifth less time per report than a font map per document). The files are staged in a hidden
 * directory inside the output directory (one file system, so a rename
 * moves them) and renamed to rapport-<kind>-<area>-<year>.<ext> only when
 * every report is complete; on an error the staged files and their
 * directory are removed and what the output directory held stays as it
 * was.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report.h"

static const char *const exts[] = { "pdf", "html", "xlsx" };

typedef struct staged {
	char tmp[1100];
	ivp_report_result r; /* r.path: the final name */
} staged;

/* A gemeente left out of "all": it has no registered crime for the year. */
static int no_data(const ivp_error *e)
{
	return !strcmp(e->code, "report_no_crime") || !strcmp(e->code, "report_year_before_data") ||
	       !strcmp(e->code, "report_year_after_data");
}

static ivp_rc unwritable(ivp_ctx *ctx, const char *dir, int e)
{
	ivp__fail(ctx, IVP_EIO, "cannot write into \"%s\"", dir);
	ivp__code(ctx, "report_unwritable");
	ivp__detail(ctx, "%s.", strerror(e));
	ivp__hint(ctx, "Give --output-dir a directory that exists and that you may write to.");
	return IVP_EIO;
}

/* Every gemeente of the code lists with a population: codes into *out (malloc'ed, each strdup'ed). */
static ivp_rc all_gemeenten(ivp_ctx *ctx, char ***out, int *n)
{
	ivp_table *t = NULL;
	int r, cc = -1, cl = -1, cp = -1, c;
	char **v;
	ivp_rc rc;

	*out = NULL;
	*n = 0;
	if ((rc = ivp_areas(ctx, NULL, &t)))
		return rc;
	for (c = 0; c < ivp_table_ncols(t); c++) {
		const char *name = ivp_table_colname(t, c);

		if (!strcmp(name, "code"))
			cc = c;
		else if (!strcmp(name, "level"))
			cl = c;
		else if (!strcmp(name, "population"))
			cp = c;
	}
	v = calloc((size_t)ivp_table_nrows(t) + 1, sizeof(char *));
	if (!v || cc < 0 || cl < 0 || cp < 0) {
		free(v);
		ivp_table_free(t);
		return v ? ivp__fail(ctx, IVP_EINTERNAL, "the area list lacks a column") :
			   ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	for (r = 0; r < ivp_table_nrows(t); r++) {
		const char *lv = ivp_table_text(t, r, cl);

		if (!lv || strcmp(lv, "GM") || ivp_table_cell_type(t, r, cp) == IVP_CELL_NULL)
			continue;
		if (!(v[*n] = strdup(ivp_table_text(t, r, cc)))) {
			while (*n > 0)
				free(v[--*n]);
			free(v);
			ivp_table_free(t);
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		}
		(*n)++;
	}
	ivp_table_free(t);
	*out = v;
	return IVP_OK;
}

static void unstage(staged *s, int n, const char *stage)
{
	int i;

	for (i = 0; i < n; i++)
		if (s[i].tmp[0])
			unlink(s[i].tmp);
	if (stage[0])
		rmdir(stage);
}

ivp_rc ivp_report_batch(ivp_ctx *ctx, const ivp_report_opts *o, const ivp_report_batch_opts *b)
{
	const char *dir = b->dir && *b->dir ? b->dir : ".";
	const char *const *areas = b->areas;
	char **all = NULL, stage[1024] = "";
	staged *s = NULL;
	int i, j, n = b->nareas, ns = 0, kind;
	ivp_report_opts one;
	void *fonts = NULL; /* the PDFs' font map, from the first report to the last */
	ivp_rc rc = IVP_OK;

	ivp__error_clear(&ctx->err);
	kind = ivp__rp_kind_parse(o->kind ? o->kind : "veiligheidsbeeld");
	if (kind >= 0 && kind != RP_VEILIGHEIDSBEELD) {
		ivp__fail(ctx, IVP_EINPUT, "a batch writes safety pictures, not the %s", o->kind);
		ivp__code(ctx, "report_batch_kind");
		ivp__detail(ctx, "A progress report and a council proposal account for the plan of one municipality; the safety picture (veiligheidsbeeld) is the report of any gemeente.");
		ivp__hint(ctx, "Use --kind veiligheidsbeeld with --areas, or leave out --areas.");
		return IVP_EINPUT;
	}
	if ((unsigned)o->format > IVP_REPORT_XLSX)
		return ivp__fail(ctx, IVP_EINPUT, "unknown report format %d", (int)o->format);
	if (o->area || o->output) {
		ivp__fail(ctx, IVP_EINPUT,
			  o->area ? "a batch takes its areas and its directory, not one area" :
				    "a batch takes its areas and its directory, not one output file");
		ivp__code(ctx, "report_batch_options");
		ivp__hint(ctx, "Give --areas and --output-dir, or --area and --output for one report.");
		return IVP_EINPUT;
	}
	if (!areas) {
		if ((rc = all_gemeenten(ctx, &all, &n)))
			return rc;
		areas = (const char *const *)all;
	}
	if (!areas)
		n = 0;
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			if (!strcmp(areas[i], areas[j])) {
				rc = ivp__fail(ctx, IVP_EINPUT, "%s is named twice", areas[i]);
				ivp__code(ctx, "report_batch_area_twice");
				ivp__hint(ctx, "Name every gemeente of --areas once.");
				goto out;
			}
	for (i = 0; !all && i < n; i++) { /* a given list: every code known before any work */
		char name[256];

		rc = ivp_area_name(ctx, areas[i], name, sizeof(name));
		if (rc == IVP_ENOTFOUND) {
			ivp__hint(ctx, "Every code of --areas must be an area of the code lists; ivp areas lists them.");
			goto out;
		}
		if (rc)
			goto out;
	}
	if (!(s = calloc((size_t)n + 1, sizeof(*s)))) {
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		goto out;
	}
	snprintf(stage, sizeof(stage), "%s/.ivp-batch.XXXXXX", dir);
	if (!mkdtemp(stage)) {
		int e = errno;

		stage[0] = '\0';
		rc = unwritable(ctx, dir, e);
		goto out;
	}
	for (i = 0; i < n; i++) {
		one = *o;
		one.kind = o->kind ? o->kind : "veiligheidsbeeld";
		one.area = areas[i];
		snprintf(s[ns].tmp, sizeof(s[ns].tmp), "%s/%d.%s", stage, i, exts[o->format]);
		one.output = s[ns].tmp;
		if ((rc = ivp__rp_report(ctx, &one, &fonts, &s[ns].r))) {
			s[ns].tmp[0] = '\0';
			if (all && rc == IVP_EINPUT && no_data(ivp_last_error(ctx))) {
				if (b->left_out)
					b->left_out(b->ud, areas[i], ivp_last_error(ctx));
				ivp__error_clear(&ctx->err);
				rc = IVP_OK;
				continue;
			}
			goto out;
		}
		snprintf(s[ns].r.path, sizeof(s[ns].r.path), "%s/rapport-%s-%s-%d.%s", dir, s[ns].r.kind, s[ns].r.area,
			 s[ns].r.year, exts[o->format]);
		ns++;
	}
	if (!ns) {
		rc = ivp__fail(ctx, IVP_EINPUT,
			       o->year ? "no gemeente has registered crime for that year" : "no gemeente has registered crime");
		ivp__code(ctx, "report_batch_empty");
		ivp__hint(ctx, "Import registered crime first (ivp import crime FILE), or choose another --year.");
		goto out;
	}
	/* nothing is renamed unless every name is free for a file */
	for (i = 0; i < ns; i++) {
		struct stat st;

		if (!stat(s[i].r.path, &st) && S_ISDIR(st.st_mode)) {
			rc = ivp__fail(ctx, IVP_EIO, "cannot write \"%s\"", s[i].r.path);
			ivp__code(ctx, "report_unwritable");
			ivp__detail(ctx, "It is a directory.");
			ivp__hint(ctx, "Move it away, or give another --output-dir.");
			goto out;
		}
	}
	for (i = 0; i < ns; i++) {
		if (rename(s[i].tmp, s[i].r.path)) {
			rc = unwritable(ctx, dir, errno);
			goto out;
		}
		s[i].tmp[0] = '\0';
	}
	for (i = 0; i < ns && b->written; i++)
		b->written(b->ud, &s[i].r);
out:
	if (s)
		unstage(s, ns, stage);
	else if (stage[0])
		rmdir(stage);
	for (i = 0; all && i < n; i++)
		free(all[i]);
	free(all);
	free(s);
	ivp__rp_fonts_free(fonts);
	return rc;
}
