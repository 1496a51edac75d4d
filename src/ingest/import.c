/*
 * import.c — ivp_import: the driver. It settles the options that identify
 * an import (the mapping file's hash, the year, skip-unknown-regions),
 * sniffs the layout of the first file, and runs the import job (job.c) with
 * the reader its table names for the kind asked for and the layout found.
 * A new source is a new row in `readers`, never a new pipeline.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"

typedef enum layout {
	L_UNKNOWN,
	L_JSON,
	L_STATLINE,
	L_TYPED,
	L_CODES,
	L_POPLIST,
	L_LONG,
	L_GEOJSON,
	L_GROUPS
} layout;

static const char *const layout_names[] = {
	"unknown", "odata-json", "statline-csv", "odata-csv", "code-list",
	"population-list", "ivp-long-csv", "geojson", "group-csv"
};

/* A TypedDataSet header names its columns exactly as CBS does; two such
 * names make one (a long CSV may have "perioden" too, in lower case). */
static int typed_header(ivp__csv *c)
{
	static const char *const cbs[] = { "ID", "Perioden", "RegioS",
					   "WijkenEnBuurten", "Gemeenten", "SoortMisdrijf", NULL };
	size_t i;
	int k, n = 0;

	for (i = 0; i < ivp__csv_nfields(c); i++)
		for (k = 0; cbs[k]; k++)
			n += !strcmp(ivp__csv_field_at(c, i)->p, cbs[k]);
	return n >= 2;
}

/* Look at the start of the file and decide its layout. */
static ivp_rc sniff(ivp__job *j, FILE *f, layout *out)
{
	unsigned char head[4096];
	size_t n = fread(head, 1, sizeof(head), f), i = 0, k;
	ivp__csv *c = NULL;
	const ivp__csv_field *f0;
	ivp_rc rc = IVP_OK;
	int r;

	*out = L_UNKNOWN;
	rewind(f);
	if (n == 0) {
		ivp__job_fail(j, 1, NULL, "the file is empty");
		ivp__code(j->ctx, "empty_file");
		ivp__hint(j->ctx, "Download the table again; an export holds at least a header and one row.");
		return IVP_EINPUT;
	}
	if (n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
		i = 3;
	for (k = i; k < n; k++) {
		if (head[k] == 0) {
			ivp__job_fail(j, 1, NULL, "this is not a text file");
			ivp__code(j->ctx, "not_text");
			ivp__detail(j->ctx, "Byte %zu is a NUL byte; CSV and JSON exports never contain one.", k);
			ivp__hint(j->ctx, "Give the CSV or JSON file as downloaded from StatLine or the OData API (not a spreadsheet or archive).");
			return IVP_EINPUT;
		}
	}
	while (i < n && isspace(head[i]))
		i++;
	if (i < n && (head[i] == '{' || head[i] == '[')) {
		*out = L_JSON;
		return IVP_OK;
	}
	if ((rc = ivp__job_csv(j, f, &c)))
		return rc;
	r = ivp__csv_next(c);
	if (r < 0) {
		rc = ivp__job_csv_fail(j, c);
		goto out;
	}
	if (r == 0 || ivp__csv_blank(c)) {
		ivp__job_fail(j, 1, NULL, "the file has no header");
		ivp__code(j->ctx, "no_header");
		ivp__hint(j->ctx, "Give a CSV export whose first line is a header or a StatLine title.");
		rc = IVP_EINPUT;
		goto out;
	}
	f0 = ivp__csv_field_at(c, 0);
	if (ivp__csv_delim(c) == '\t' ||
	    (ivp__csv_nfields(c) == 1 && !f0->quoted &&
	     (strchr(f0->p, '\t') || strchr(f0->p, '|')))) {
		ivp__job_fail(j, 1, NULL,
			      strchr(f0->p, '|') ? "wrong delimiter: the file is separated by '|'" :
						   "wrong delimiter: the file is separated by tabs");
		ivp__code(j->ctx, "wrong_delimiter");
		ivp__detail(j->ctx, "ivp reads CSV separated by ';' (StatLine) or ',' (OData, ivp long CSV).");
		ivp__hint(j->ctx, "Export or save the file as CSV with ';' or ',' between fields.");
		rc = IVP_EINPUT;
		goto out;
	}
	if (ivp__field_eq(f0, "TableInfos") || ivp__field_eq(f0, "SoortMisdrijf") ||
	    ivp__field_eq(f0, "RegioS") || ivp__field_eq(f0, "WijkenEnBuurten") ||
	    ivp__field_eq(f0, "Perioden")) {
		int rest_empty = 1;

		for (k = 1; k < ivp__csv_nfields(c); k++)
			if (ivp__csv_field_at(c, k)->n)
				rest_empty = 0;
		if (rest_empty) {
			*out = L_CODES;
			goto out;
		}
	}
	{
		static const char *const key[] = { "Key", "code", NULL };
		static const char *const title[] = { "Title", "titel", NULL };
		static const char *const nhood[] = { "nhood_id", NULL };
		int nonempty = 0;

		for (k = 0; k < ivp__csv_nfields(c); k++)
			nonempty += ivp__csv_field_at(c, k)->n > 0;
		if (nonempty == 1 && f0->n) {
			*out = L_STATLINE;
		} else if (ivp__find_col(c, key) >= 0 && ivp__find_col(c, title) >= 0) {
			*out = L_CODES;
		} else if (typed_header(c)) {
			*out = L_TYPED;
		} else if (ivp__find_col(c, nhood) >= 0) {
			*out = L_POPLIST;
		} else {
			*out = L_LONG;
		}
	}
out:
	ivp__csv_close(c);
	rewind(f);
	return rc;
}

static const char *kind_name(ivp_import_kind k)
{
	switch (k) {
	case IVP_IMPORT_CRIME: return "crime";
	case IVP_IMPORT_POPULATION: return "population";
	case IVP_IMPORT_CODES: return "codes";
	case IVP_IMPORT_LONG: return "long";
	case IVP_IMPORT_BOUNDARIES: return "boundaries";
	case IVP_IMPORT_GROUPS: return "groups";
	default: return "auto";
	}
}

static ivp_rc wrong_kind(ivp__job *j, layout l, ivp_import_kind kind)
{
	ivp__job_fail(j, 1, NULL, "this %s file cannot be imported as %s",
		      layout_names[l], kind_name(kind));
	ivp__code(j->ctx, "wrong_kind");
	ivp__detail(j->ctx, "The first lines look like this: %s.",
		    l == L_CODES    ? "a CBS code list (metadata)" :
		    l == L_POPLIST  ? "a population list per buurt" :
		    l == L_STATLINE ? "a StatLine export" :
		    l == L_TYPED    ? "an OData TypedDataSet" :
				      "an ivp long CSV");
	ivp__hint(j->ctx, "Use %s.",
		  l == L_CODES	 ? "ivp import codes FILE" :
		  l == L_POPLIST ? "ivp import population FILE --year YYYY" :
				   "the import command for this table (crime, population, codes or long)");
	return IVP_EINPUT;
}

/* ---- the table of readers ------------------------------------------------------ */

#define K(k) (1u << (k))

typedef struct drive {
	ivp_import_kind kind;
	layout l;
	char options[160];
} drive;

/* A reader of one layout; f is the first file opened for reading (CSV
 * layouts), NULL for those that read the paths themselves. */
typedef struct reader {
	layout l;
	unsigned kinds; /* K(kind) for each kind this layout can be imported as */
	int csv;	/* 1: the driver opens the file and hands it over */
	ivp_rc (*read)(ivp__job *j, FILE *f, const drive *d);
} reader;

static ivp_rc rd_statline(ivp__job *j, FILE *f, const drive *d)
{
	return ivp__read_statline(j, f, d->kind);
}

static ivp_rc rd_typed_csv(ivp__job *j, FILE *f, const drive *d)
{
	return ivp__read_typed_csv(j, f, d->kind);
}

static ivp_rc rd_typed_json(ivp__job *j, FILE *f, const drive *d)
{
	(void)f;
	return ivp__read_typed_json(j, j->paths, j->npaths, d->kind);
}

static ivp_rc rd_codes(ivp__job *j, FILE *f, const drive *d)
{
	(void)d;
	return ivp__read_codes(j, f);
}

static ivp_rc rd_codes_json(ivp__job *j, FILE *f, const drive *d)
{
	(void)f;
	(void)d;
	return ivp__read_codes_json(j, j->paths, j->npaths);
}

static ivp_rc rd_population_list(ivp__job *j, FILE *f, const drive *d)
{
	(void)d;
	return ivp__read_population_list(j, f);
}

static ivp_rc rd_long(ivp__job *j, FILE *f, const drive *d)
{
	return ivp__read_long(j, f, d->kind == IVP_IMPORT_POPULATION,
			      d->kind == IVP_IMPORT_LONG && j->opts ? j->opts->map_path : NULL);
}

static ivp_rc rd_boundaries(ivp__job *j, FILE *f, const drive *d)
{
	(void)f;
	(void)d;
	return ivp__read_boundaries(j);
}

static ivp_rc rd_groups(ivp__job *j, FILE *f, const drive *d)
{
	(void)d;
	return ivp__read_groups(j, f);
}

static const reader readers[] = {
	{ L_JSON, K(IVP_IMPORT_CRIME) | K(IVP_IMPORT_POPULATION), 0, rd_typed_json },
	{ L_JSON, K(IVP_IMPORT_CODES), 0, rd_codes_json },
	{ L_STATLINE, K(IVP_IMPORT_CRIME) | K(IVP_IMPORT_POPULATION), 1, rd_statline },
	{ L_TYPED, K(IVP_IMPORT_CRIME) | K(IVP_IMPORT_POPULATION), 1, rd_typed_csv },
	{ L_CODES, K(IVP_IMPORT_CODES), 1, rd_codes },
	{ L_POPLIST, K(IVP_IMPORT_POPULATION), 1, rd_population_list },
	{ L_LONG, K(IVP_IMPORT_LONG) | K(IVP_IMPORT_POPULATION), 1, rd_long },
	{ L_GEOJSON, K(IVP_IMPORT_BOUNDARIES), 0, rd_boundaries },
	{ L_GROUPS, K(IVP_IMPORT_GROUPS), 1, rd_groups },
};

/* The layout cannot be imported as the kind asked for. */
static ivp_rc refuse(ivp__job *j, layout l, ivp_import_kind kind)
{
	if (l != L_LONG)
		return wrong_kind(j, l, kind);
	if (kind == IVP_IMPORT_CODES) {
		ivp__job_fail(j, 1, NULL, "this is not a CBS code list");
		ivp__code(j->ctx, "not_code_list");
		ivp__detail(j->ctx, "A code list has the columns Key and Title (CBS metadata) or code and titel.");
		ivp__hint(j->ctx, "Give the metadata CSV of the table (e.g. SoortMisdrijf.csv, WijkenEnBuurten.csv).");
		return IVP_EINPUT;
	}
	ivp__job_fail(j, 1, NULL, "the file is neither a StatLine export nor an OData TypedDataSet");
	ivp__code(j->ctx, "unknown_layout");
	ivp__detail(j->ctx, "A TypedDataSet has the columns ID, SoortMisdrijf, RegioS or WijkenEnBuurten, Perioden and topics such as GeregistreerdeMisdrijven_1; a StatLine export starts with the table title on its own line.");
	ivp__hint(j->ctx, "Check that a column is not missing or renamed, or import the file as ivp long CSV (ivp import long).");
	return IVP_EINPUT;
}

/* What identifies an import beside its kind and hash: the mapping file's
 * hash, the year, skip-unknown-regions. */
static ivp_rc drive_options(ivp__job *j, drive *d)
{
	const ivp_import_opts *opts = j->opts;
	size_t n;

	if (d->kind == IVP_IMPORT_LONG && opts && opts->map_path) {
		char msha[65];
		int bad;

		if (ivp__sha256_paths(&opts->map_path, 1, msha, &bad)) {
			if (bad < 0)
				return ivp__oom(j->ctx, "The mapping file could not be hashed.");
			ivp__fail(j->ctx, IVP_EIO, "cannot open \"%s\"", opts->map_path);
			ivp__code(j->ctx, "file_unreadable");
			ivp__detail(j->ctx, "The mapping file does not exist or is not readable.");
			ivp__hint(j->ctx, "Check the path of the mapping file ({map}).");
			ivp__where(j->ctx, opts->map_path, 0, NULL);
			return IVP_EIO;
		}
		snprintf(d->options, sizeof(d->options), "map=%s", msha);
	}
	n = strlen(d->options);
	if (opts && opts->year)
		snprintf(d->options + n, sizeof(d->options) - n, "%syear=%d", n ? ";" : "", opts->year);
	n = strlen(d->options);
	if (opts && opts->skip_unknown_regions)
		snprintf(d->options + n, sizeof(d->options) - n, "%sskip-unknown-regions", n ? ";" : "");
	n = strlen(d->options);
	if (opts && opts->match_names && d->kind == IVP_IMPORT_BOUNDARIES)
		snprintf(d->options + n, sizeof(d->options) - n, "%smatch-names=%.16s", n ? ";" : "",
			 opts->match_names);
	j->options = d->options;
	return IVP_OK;
}

/* The job's prepare step: the options, then sniff the first file
 * (boundaries are always GeoJSON, groups always a group CSV; their readers
 * say when the file is not). */
static ivp_rc drive_prepare(ivp__job *j, void *ud)
{
	drive *d = ud;
	FILE *f;
	ivp_rc rc;

	if ((rc = drive_options(j, d)))
		return rc;
	if (d->kind == IVP_IMPORT_BOUNDARIES) {
		d->l = L_GEOJSON;
	} else if (d->kind == IVP_IMPORT_GROUPS) {
		d->l = L_GROUPS; /* its reader checks the header */
	} else {
		f = fopen(j->path, "rb");
		if (!f) {
			ivp__fail(j->ctx, IVP_EIO, "cannot open \"%s\"", ivp__job_name(j));
			return IVP_EIO;
		}
		rc = sniff(j, f, &d->l);
		(void)fclose(f); /* read only */
		if (rc)
			return rc;
	}
	j->layout = layout_names[d->l];
	return IVP_OK;
}

/* The job's read step: the reader of the table for this kind and layout. */
static ivp_rc drive_read(ivp__job *j, void *ud)
{
	const drive *d = ud;
	const reader *r = NULL;
	FILE *f = NULL;
	ivp_rc rc;
	size_t i;

	/* the reader of this layout for this kind; else any of the layout (refused) */
	for (i = 0; i < sizeof(readers) / sizeof(readers[0]); i++)
		if (readers[i].l == d->l && (!r || (readers[i].kinds & K(d->kind))))
			r = &readers[i];
	if (!r)
		return ivp__fail(j->ctx, IVP_EINTERNAL, "no reader for the layout %s", layout_names[d->l]);
	if (!(r->kinds & K(d->kind)))
		return refuse(j, d->l, d->kind);
	if (r->csv) {
		if (j->npaths != 1)
			return ivp__fail(j->ctx, IVP_EINTERNAL, "one file per CSV import");
		f = fopen(j->path, "rb");
		if (!f) {
			ivp__fail(j->ctx, IVP_EIO, "cannot open \"%s\"", ivp__job_name(j));
			return IVP_EIO;
		}
	}
	rc = r->read(j, f, d);
	if (f)
		(void)fclose(f); /* read only */
	return rc;
}

ivp_rc ivp_import(ivp_ctx *ctx, ivp_import_kind kind, const char *const *paths,
		  int npaths, const ivp_import_opts *opts, ivp_import_result *out)
{
	drive d;
	ivp__job_spec spec;

	memset(&d, 0, sizeof(d));
	d.kind = kind;
	memset(&spec, 0, sizeof(spec));
	spec.kind = kind_name(kind);
	spec.paths = paths;
	spec.npaths = npaths;
	spec.flags = kind == IVP_IMPORT_CODES ? IVP__JOB_EMPTY_OK : 0;
	spec.prepare = drive_prepare;
	spec.read = drive_read;
	spec.ud = &d;
	return ivp__job_run(ctx, &spec, opts, out);
}
