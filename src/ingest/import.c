/*
 * import.c — the import job: hash, "seen before?", one transaction,
 * layout detection, and the shared helpers every layout reader uses.
 *
 * Flow of ivp_import():
 *   a thread hashes the file(s) (SHA-256, core/sha256.c) while this one
 *   sniffs the layout, BEGINs, adds the import row and reads the rows;
 *   as soon as the hash is there (the readers ask every 65,536 facts, and
 *   at the end) the same (kind, hash, options) imported before means
 *   ROLLBACK and report `unchanged` -> otherwise finish the row with the
 *   hash -> COMMIT. Any error -> ROLLBACK, so the database holds exactly
 *   what it held before. (Hashing first and reading after cost a second
 *   pass over the file: 5% of a national import on one core.)
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <pwd.h>
#include <pthread.h>

#include "ingest/ingest.h"

/* ---- the hashing thread ------------------------------------------------------ */

typedef struct ivp__hasher {
	const char *const *paths;
	int n;
	pthread_t th;
	int started;
	int done;		/* set last, with release order (__atomic) */
	int bad;		/* index of a path that could not be read, or -1 */
	char sha[65];
} ivp__hasher;

static void *hash_main(void *ud)
{
	ivp__hasher *h = ud;

	if (ivp__sha256_paths(h->paths, h->n, h->sha, &h->bad) && h->bad < 0)
		h->bad = 0;	/* out of memory: reported as the first file */
	__atomic_store_n(&h->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static int hash_done(ivp__hasher *h)
{
	return __atomic_load_n(&h->done, __ATOMIC_ACQUIRE);
}

static void hash_join(ivp__hasher *h)
{
	if (h->started)
		pthread_join(h->th, NULL);
	h->started = 0;
}

int ivp__job_seen_before(ivp__job *j)
{
	int64_t id;
	char when[32];
	ivp_rc rc;

	if (!j->hash || j->hash_checked || !hash_done(j->hash) || j->hash->bad >= 0)
		return 0;
	j->hash_checked = 1;
	rc = ivp__store_import_find(j->ctx, j->kind_name, j->hash->sha, j->options, &id, when);
	if (rc == IVP_ENOTFOUND)
		return 0;	/* not seen */
	if (rc) {
		/* the look-up failed: go on importing (the commit says why if it
		 * fails too), without a stale error in the context */
		ivp__error_clear(&j->ctx->err);
		return 0;
	}
	j->dup = 1;
	j->res->import_id = id;
	snprintf(j->res->note, sizeof(j->res->note),
		 "already imported as import %lld on %s; nothing changed", (long long)id, when);
	return 1;
}

ivp_rc ivp__job_fail(ivp__job *j, long line, const char *field,
		     const char *fmt, ...)
{
	va_list ap;

	ivp__fail(j->ctx, IVP_EINPUT, "%s", "");
	va_start(ap, fmt);
	vsnprintf(j->ctx->err.message, sizeof(j->ctx->err.message), fmt, ap);
	va_end(ap);
	ivp__where(j->ctx, j->path, line, field);
	return IVP_EINPUT;
}

ivp_rc ivp__job_store(ivp__job *j, ivp_rc rc)
{
	ivp__where(j->ctx, j->path, 0, NULL);
	return rc;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ivp__job_progress(ivp__job *j, uint64_t done)
{
	double t;

	if (!j->opts || !j->opts->progress || (j->res->rows & 4095))
		return;
	t = now_s();
	if (t - j->last_progress < 1.0)
		return;
	j->last_progress = t;
	j->opts->progress(j->opts->progress_ud, j->path, done, j->size,
			  j->res->rows);
}

int ivp__area_canon(const char *raw, size_t n, char out[16])
{
	if (ivp__code_trim(raw, n, out, 16) < 0)
		return -1;
	if (!strcmp(out, "NL00"))	/* WijkenEnBuurten's Nederland is RegioS's NL01 */
		strcpy(out, "NL01");
	return ivp__area_level(out) ? 0 : -1;
}

ivp_rc ivp__ingest_fact(ivp__job *j, long line, const char *field,
			const char *area, const char *type, int period,
			int64_t count, int provisional)
{
	int result = 0;
	ivp_rc rc;
	char per[16];

	if (!((j->res->rows + j->res->same) & 0xFFFF) && ivp__job_seen_before(j))
		return IVP_EINPUT;	/* stopped: ivp_import reports "unchanged" */
	rc = ivp__store_fact_put(j->ctx, area, type, period, count, provisional,
				 j->import_id, &result);
	if (rc == IVP_ENOTFOUND) {
		rc = ivp__store_area_get(j->ctx, area, NULL, NULL, NULL);
		if (rc == IVP_ENOTFOUND) {
			if (j->opts && j->opts->skip_unknown_regions) {
				ivp__job_unknown_region(j, area);
				return IVP_OK;
			}
			ivp__job_fail(j, line, field, "unknown area code \"%s\"", area);
			ivp__code(j->ctx, "unknown_area");
			ivp__detail(j->ctx, "No loaded code list has this area.");
			ivp__hint(j->ctx, "Import the region code list first (ivp import codes WijkenEnBuurten.csv or the table's metadata), or correct the code.");
			return IVP_EINPUT;
		}
		if (!rc)
			rc = ivp__store_type_get(j->ctx, type, NULL);
		if (rc == IVP_ENOTFOUND) {
			ivp__job_fail(j, line, field, "unknown crime type code \"%s\"", type);
			ivp__code(j->ctx, "unknown_type");
			ivp__detail(j->ctx, "No loaded code list has this SoortMisdrijf code.");
			ivp__hint(j->ctx, "Import the SoortMisdrijf code list first (ivp import codes soortmisdrijf.csv), or correct the code.");
			return IVP_EINPUT;
		}
		if (!rc) {
			ivp__fail(j->ctx, IVP_EDB, "database error");
			ivp__detail(j->ctx, "The store found no area %s or type %s for a count, then found both.",
				    area, type);
			rc = IVP_EDB;
		}
	}
	if (rc)
		return ivp__job_store(j, rc);
	switch (result) {
	case IVP__PUT_DUP_DIFF:
		ivp__period_format(period, per);
		ivp__job_fail(j, line, field,
			      "the same key appears twice with different counts");
			ivp__code(j->ctx, "duplicate_key");
		ivp__detail(j->ctx, "Area %s, type %s, period %s was already given earlier in this file with another count (now %lld).",
			    area, type, per, (long long)count);
		ivp__hint(j->ctx, "Keep one row per area, crime type and period.");
		return IVP_EINPUT;
	case IVP__PUT_DUP_SAME:
		j->res->skipped++;
		return IVP_OK;
	case IVP__PUT_SAME:
		j->res->same++;
		return IVP_OK;
	case IVP__PUT_CHANGED:
		j->res->changed++;
		break;
	default:
		break;
	}
	j->res->rows++;
	return IVP_OK;
}

ivp_rc ivp__ingest_pop(ivp__job *j, long line, const char *field,
		       const char *area, int year, const char *group,
		       int64_t count)
{
	int result = 0;
	ivp_rc rc = ivp__store_pop_put(j->ctx, area, year, group, count, j->import_id, &result);

	if (rc && rc != IVP_ENOTFOUND)
		return ivp__job_store(j, rc);
	if (rc) {
		if (j->opts && j->opts->skip_unknown_regions) {
			ivp__job_unknown_region(j, area);
			return IVP_OK;
		}
		ivp__job_fail(j, line, field, "unknown area code \"%s\"", area);
		ivp__code(j->ctx, "unknown_area");
		ivp__detail(j->ctx, "No loaded code list has this area.");
		ivp__hint(j->ctx, "Import the region code list first (ivp import codes …), or pass --skip-unknown-regions to leave such areas out.");
		return IVP_EINPUT;
	}
	if (result == IVP__PUT_DUP_DIFF) {
		ivp__job_fail(j, line, field,
			      "the same key appears twice with different counts");
			ivp__code(j->ctx, "duplicate_key");
		ivp__detail(j->ctx, "Population of %s on 1 January %d was already given earlier in this file with another value (now %lld).",
			    area, year, (long long)count);
		ivp__hint(j->ctx, "Keep one row per area and year.");
		return IVP_EINPUT;
	}
	if (result == IVP__PUT_DUP_SAME) {
		j->res->skipped++;
		return IVP_OK;
	}
	if (result == IVP__PUT_SAME) {
		j->res->same++;
		return IVP_OK;
	}
	if (result == IVP__PUT_CHANGED)
		j->res->changed++;
	j->res->rows++;
	return IVP_OK;
}

void ivp__job_unknown_region(ivp__job *j, const char *name)
{
	size_t n = strlen(j->res->note);
	int64_t *slot;
	int existed = 0;

	if (ivp__map_put(&j->unknown, name, 0, &slot, &existed) == 0 && existed)
		return;	/* counted already (if the map ran out of memory: count again) */
	j->res->unknown_regions++;
	if (j->res->unknown_regions <= 5)
		snprintf(j->res->note + n, sizeof(j->res->note) - n, "%s%s",
			 n ? ", " : "area(s) not in the code lists, left out: ", name);
	else if (j->res->unknown_regions == 6)
		snprintf(j->res->note + n, sizeof(j->res->note) - n, ", …");
}

ivp_rc ivp__ingest_region(ivp__job *j, long line, const char *field,
			  const char *name, char code[16])
{
	int ambiguous = 0;
	ivp_rc rc;

	if (j->last_name[0] && !strcmp(j->last_name, name)) {
		strcpy(code, j->last_code);
		return code[0] ? IVP_OK : IVP_ENOTFOUND;
	}
	rc = ivp__store_area_by_name(j->ctx, name, code, &ambiguous);
	if (rc && rc != IVP_ENOTFOUND)
		return ivp__job_store(j, rc);
	if (rc == IVP_OK && ambiguous) {
		ivp__job_fail(j, line, field, "region name \"%s\" matches more than one code", name);
		ivp__code(j->ctx, "ambiguous_region");
		ivp__detail(j->ctx, "Several areas of the same level are called \"%s\" in the loaded code lists; one of them is %s.",
			    name, code);
		ivp__hint(j->ctx, "Export the table with region codes (OData TypedDataSet) instead of names.");
		return IVP_EINPUT;
	}
	snprintf(j->last_name, sizeof(j->last_name), "%s", name);
	if (rc == IVP_ENOTFOUND) {
		j->last_code[0] = '\0';
		code[0] = '\0';
		if (j->opts && j->opts->skip_unknown_regions)
			return IVP_ENOTFOUND;
		ivp__job_fail(j, line, field, "region name \"%s\" matches no code", name);
		ivp__code(j->ctx, "unknown_region");
		ivp__detail(j->ctx, "StatLine exports name regions; ivp resolves names through the loaded code lists (RegioS, WijkenEnBuurten), and none has this name.");
		ivp__hint(j->ctx, "Import the table's region code list first (ivp import codes METADATA.csv), correct the name, or pass --skip-unknown-regions to leave out regions the code lists do not know (former gemeenten, for example).");
		return IVP_EINPUT;
	}
	snprintf(j->last_code, sizeof(j->last_code), "%s", code);
	return IVP_OK;
}

ivp_rc ivp__job_csv(ivp__job *j, FILE *f, ivp__csv **out)
{
	*out = ivp__csv_open_file(f, 0, IVP__MAX_RECORD);
	if (!*out)
		return ivp__oom(j->ctx, "The CSV reader for \"%s\" could not be set up.", j->path);
	return IVP_OK;
}

ivp_rc ivp__job_csv_fail(ivp__job *j, ivp__csv *c)
{
	static const char *const codes[] = {
		[IVP__CSV_OK] = "internal_error",
		[IVP__CSV_NUL] = "csv_nul_byte",
		[IVP__CSV_BAD_UTF8] = "csv_bad_utf8",
		[IVP__CSV_UNTERMINATED] = "csv_unterminated_quote",
		[IVP__CSV_TOO_LONG] = "csv_record_too_long",
		[IVP__CSV_TOO_MANY_FIELDS] = "csv_too_many_fields",
		[IVP__CSV_NOMEM] = "out_of_memory",
	};
	ivp__csv_err e = ivp__csv_errcode(c);

	if (e == IVP__CSV_NOMEM) {
		ivp__oom(j->ctx, "A record of \"%s\" could not be read.", j->path);
		ivp__where(j->ctx, j->path, ivp__csv_errline(c), NULL);
		return IVP_ENOMEM;
	}
	if (e == IVP__CSV_OK)
		return ivp__fail(j->ctx, IVP_EINTERNAL, "the CSV reader failed without a reason");
	ivp__job_fail(j, ivp__csv_errline(c), NULL, "cannot read the file as CSV: %s",
		      ivp__csv_error(c));
	ivp__column(j->ctx, ivp__csv_errcol(c));
	ivp__code(j->ctx, codes[e]);
	switch (e) {
	case IVP__CSV_UNTERMINATED:
		ivp__hint(j->ctx, "The file seems truncated: download it again completely.");
		break;
	case IVP__CSV_BAD_UTF8:
	case IVP__CSV_NUL:
		ivp__hint(j->ctx, "Give a CSV text file saved as UTF-8 (StatLine: download as CSV).");
		break;
	default:
		ivp__hint(j->ctx, "Check the file around this line.");
	}
	return IVP_EINPUT;
}

ivp_rc ivp__job_json_fail(ivp__job *j, const json_error_t *e, const char *hint)
{
	enum json_error_code code = json_error_code(e);

	if (code == json_error_out_of_memory) {
		ivp__oom(j->ctx, "The JSON of \"%s\" could not be loaded.", j->path);
		ivp__where(j->ctx, j->path, 0, NULL);
		return IVP_ENOMEM;
	}
	ivp__job_fail(j, e->line, NULL, "invalid JSON: %s", e->text);
	ivp__detail(j->ctx, "The parser stopped at line %d, column %d.", e->line, e->column);
	ivp__column(j->ctx, e->column > 0 ? e->column : 0);
	if (code == json_error_premature_end_of_input) {
		ivp__code(j->ctx, "json_truncated");
		ivp__hint(j->ctx, "The file seems truncated: download it again.");
	} else {
		ivp__code(j->ctx, "json_syntax");
		ivp__hint(j->ctx, "%s", hint);
	}
	return IVP_EINPUT;
}

int ivp__field_eq(const ivp__csv_field *f, const char *s)
{
	const char *p = f->p;
	size_t n = f->n, m = strlen(s);

	while (n && *p == ' ') {
		p++;
		n--;
	}
	while (n && p[n - 1] == ' ')
		n--;
	return n == m && !strncasecmp(p, s, n);
}

int ivp__find_col(ivp__csv *c, const char *const *names)
{
	size_t i;
	int k;

	for (k = 0; names[k]; k++)
		for (i = 0; i < ivp__csv_nfields(c); i++)
			if (ivp__field_eq(ivp__csv_field_at(c, i), names[k]))
				return (int)i;
	return -1;
}

/* ---- the job ---------------------------------------------------------------- */

typedef enum layout {
	L_UNKNOWN, L_JSON, L_STATLINE, L_TYPED, L_CODES, L_POPLIST, L_LONG, L_GEOJSON
} layout;

static const char *const layout_names[] = {
	"unknown", "odata-json", "statline-csv", "odata-csv", "code-list",
	"population-list", "ivp-long-csv", "geojson"
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
		ivp__job_fail(j, 1, NULL, "wrong delimiter: the file is separated by %s",
			      strchr(f0->p, '|') ? "'|'" : "tabs");
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
	default: return "auto";
	}
}

static ivp_rc wrong_kind(ivp__job *j, layout l, ivp_import_kind kind)
{
	ivp__job_fail(j, 1, NULL, "this %s file cannot be imported as %s",
		      layout_names[l], kind_name(kind));
	ivp__code(j->ctx, "wrong_kind");
	ivp__detail(j->ctx, "The first lines look like this: %s.",
		    l == L_CODES ? "a CBS code list (metadata)" :
		    l == L_POPLIST ? "a population list per buurt" :
		    l == L_STATLINE ? "a StatLine export" :
		    l == L_TYPED ? "an OData TypedDataSet" : "an ivp long CSV");
	ivp__hint(j->ctx, "Use %s.",
		  l == L_CODES ? "ivp import codes FILE" :
		  l == L_POPLIST ? "ivp import population FILE --year YYYY" :
		  "the import command for this table (crime, population, codes or long)");
	return IVP_EINPUT;
}

static ivp_rc run(ivp__job *j, ivp_import_kind kind, const char *const *paths,
		  int n, layout l)
{
	FILE *f;
	ivp_rc rc;

	if (l == L_GEOJSON)
		return ivp__read_boundaries(j);
	if (kind == IVP_IMPORT_BOUNDARIES)
		return ivp__fail(j->ctx, IVP_EINTERNAL, "boundaries without the GeoJSON layout");
	if (l == L_JSON) {
		if (kind != IVP_IMPORT_CRIME && kind != IVP_IMPORT_POPULATION)
			return wrong_kind(j, l, kind);
		return ivp__read_typed_json(j, paths, n, kind);
	}
	if (n != 1)
		return ivp__fail(j->ctx, IVP_EINTERNAL, "one file per CSV import");
	f = fopen(paths[0], "rb");
	if (!f) {
		ivp__fail(j->ctx, IVP_EIO, "cannot open \"%s\"", paths[0]);
		return IVP_EIO;
	}
	switch (l) {
	case L_STATLINE:
		rc = kind == IVP_IMPORT_CRIME || kind == IVP_IMPORT_POPULATION ?
		     ivp__read_statline(j, f, kind) : wrong_kind(j, l, kind);
		break;
	case L_TYPED:
		rc = kind == IVP_IMPORT_CRIME || kind == IVP_IMPORT_POPULATION ?
		     ivp__read_typed_csv(j, f, kind) : wrong_kind(j, l, kind);
		break;
	case L_CODES:
		rc = kind == IVP_IMPORT_CODES ? ivp__read_codes(j, f) :
		     wrong_kind(j, l, kind);
		break;
	case L_POPLIST:
		rc = kind == IVP_IMPORT_POPULATION ? ivp__read_population_list(j, f) :
		     wrong_kind(j, l, kind);
		break;
	case L_LONG:
		if (kind == IVP_IMPORT_LONG || kind == IVP_IMPORT_POPULATION) {
			rc = ivp__read_long(j, f, kind == IVP_IMPORT_POPULATION,
					    kind == IVP_IMPORT_LONG ?
					    (j->opts ? j->opts->map_path : NULL) : NULL);
		} else if (kind == IVP_IMPORT_CODES) {
			ivp__job_fail(j, 1, NULL, "this is not a CBS code list");
			ivp__code(j->ctx, "not_code_list");
			ivp__detail(j->ctx, "A code list has the columns Key and Title (CBS metadata) or code and titel.");
			ivp__hint(j->ctx, "Give the metadata CSV of the table (e.g. SoortMisdrijf.csv, WijkenEnBuurten.csv).");
			rc = IVP_EINPUT;
		} else {
			ivp__job_fail(j, 1, NULL, "the file is neither a StatLine export nor an OData TypedDataSet");
			ivp__code(j->ctx, "unknown_layout");
			ivp__detail(j->ctx, "A TypedDataSet has the columns ID, SoortMisdrijf, RegioS or WijkenEnBuurten, Perioden and topics such as GeregistreerdeMisdrijven_1; a StatLine export starts with the table title on its own line.");
			ivp__hint(j->ctx, "Check that a column is not missing or renamed, or import the file as ivp long CSV (ivp import long).");
			rc = IVP_EINPUT;
		}
		break;
	default:
		rc = ivp__fail(j->ctx, IVP_EINTERNAL, "unknown layout");
	}
	fclose(f);
	return rc;
}

static const char *who(const ivp_import_opts *o)
{
	struct passwd *pw;

	if (o && o->user)
		return o->user;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "unknown";
}

ivp_rc ivp_import(ivp_ctx *ctx, ivp_import_kind kind, const char *const *paths,
		  int npaths, const ivp_import_opts *opts, ivp_import_result *out)
{
	ivp__job j;
	ivp__import_rec rec;
	char options[160] = "";
	ivp_rc rc;
	layout l = L_UNKNOWN;
	uint64_t size = 0;
	ivp__hasher hasher;
	FILE *f;

	memset(out, 0, sizeof(*out));
	memset(&j, 0, sizeof(j));
	ivp__error_clear(&ctx->err);
	if (npaths < 1)
		return ivp__fail(ctx, IVP_EINPUT, "no file to import");
	j.ctx = ctx;
	j.opts = opts;
	j.res = out;
	j.path = paths[0];
	for (int i = 0; i < npaths; i++) {
		struct stat sb;

		if (stat(paths[i], &sb) || access(paths[i], R_OK)) {
			ivp__fail(ctx, IVP_EIO, "cannot open \"%s\"", paths[i]);
			ivp__code(ctx, "file_unreadable");
			ivp__detail(ctx, "The file does not exist or is not readable.");
			ivp__hint(ctx, "Check the path.");
			ivp__where(ctx, paths[i], 0, NULL);
			return IVP_EIO;
		}
		size += (uint64_t)sb.st_size;
	}
	j.size = size;
	j.last_progress = now_s() + 1.0;	/* first progress line after ~2 s */
	if (kind == IVP_IMPORT_LONG && opts && opts->map_path) {
		char msha[65];
		int bad;

		if (ivp__sha256_paths(&opts->map_path, 1, msha, &bad)) {
			ivp__fail(ctx, IVP_EIO, "cannot open \"%s\"", opts->map_path);
			ivp__code(ctx, "file_unreadable");
			ivp__detail(ctx, "The mapping file does not exist or is not readable.");
			ivp__hint(ctx, "Check the path given with --map.");
			ivp__where(ctx, opts->map_path, 0, NULL);
			return IVP_EIO;
		}
		snprintf(options, sizeof(options), "map=%s", msha);
	}
	if (opts && opts->year)
		snprintf(options + strlen(options), sizeof(options) - strlen(options),
			 "%syear=%d", options[0] ? ";" : "", opts->year);
	if (opts && opts->skip_unknown_regions)
		snprintf(options + strlen(options), sizeof(options) - strlen(options),
			 "%sskip-unknown-regions", options[0] ? ";" : "");
	memset(&hasher, 0, sizeof(hasher));
	hasher.paths = paths;
	hasher.n = npaths;
	if (pthread_create(&hasher.th, NULL, hash_main, &hasher))
		return ivp__fail(ctx, IVP_EINTERNAL, "cannot start the hashing thread");
	hasher.started = 1;
	j.hash = &hasher;
	j.kind_name = kind_name(kind);
	j.options = options;
	f = fopen(paths[0], "rb");
	if (!f) {
		hash_join(&hasher);
		ivp__fail(ctx, IVP_EIO, "cannot open \"%s\"", paths[0]);
		return IVP_EIO;
	}
	/* boundaries are always GeoJSON; its reader says when the file is not */
	rc = kind == IVP_IMPORT_BOUNDARIES ? (l = L_GEOJSON, IVP_OK) : sniff(&j, f, &l);
	fclose(f);
	if (rc) {
		hash_join(&hasher);
		return rc;
	}
	snprintf(out->layout, sizeof(out->layout), "%s", layout_names[l]);
	rec.kind = kind_name(kind);
	rec.layout = layout_names[l];
	rec.file_name = paths[0];
	rec.sha256 = "pending";	/* the hash, once known, at import_finish */
	rec.options = options;
	rec.user = who(opts);
	if ((rc = ivp__store_begin(ctx))) {
		hash_join(&hasher);
		return ivp__job_store(&j, rc);
	}
	ivp__map_init(&j.unknown);
	if ((rc = ivp__store_import_add(ctx, &rec, &j.import_id))) {
		rc = ivp__job_store(&j, rc);
		goto fail;
	}
	out->import_id = j.import_id;
	rc = run(&j, kind, paths, npaths, l);
	hash_join(&hasher);
	if (j.dup || (!rc && ivp__job_seen_before(&j)))
		goto unchanged;
	if (hasher.bad >= 0) {
		ivp__fail(ctx, IVP_EIO, "cannot read \"%s\"", paths[hasher.bad]);
		ivp__where(ctx, paths[hasher.bad], 0, NULL);
		rc = IVP_EIO;
		goto fail;
	}
	if (rc)
		goto fail;
	snprintf(out->sha256, sizeof(out->sha256), "%s", hasher.sha);
	if (out->rows == 0 && out->same == 0 && kind != IVP_IMPORT_CODES) {
		rc = ivp__job_fail(&j, 0, NULL, "the file holds no figures ivp can store");
		ivp__code(ctx, "no_figures");
		ivp__detail(ctx, "All %lld cells were missing or outside what this import reads.",
			    (long long)(out->missing + out->skipped));
		ivp__hint(ctx, "Check that this is the right table and that the export contains values.");
		goto fail;
	}
	if ((rc = ivp__store_import_finish(ctx, j.import_id, out->rows, out->missing,
					   out->skipped, hasher.sha)) ||
	    (rc = ivp__store_commit(ctx))) {
		rc = ivp__job_store(&j, rc);
		goto fail;
	}
	ivp__map_free(&j.unknown);
	return IVP_OK;
unchanged:
	/* the same file imported before: nothing of this run stays */
	ivp__store_abort(ctx);
	ivp__map_free(&j.unknown);
	ivp__error_clear(&ctx->err);
	{
		int64_t id = out->import_id;
		char note[sizeof(out->note)];

		snprintf(note, sizeof(note), "%s", out->note);
		memset(out, 0, sizeof(*out));
		out->import_id = id;
		snprintf(out->note, sizeof(out->note), "%s", note);
		snprintf(out->layout, sizeof(out->layout), "%s", layout_names[l]);
		snprintf(out->sha256, sizeof(out->sha256), "%s", hasher.sha);
	}
	out->unchanged = 1;
	return IVP_OK;
fail:
	ivp__store_abort(ctx);
	ivp__map_free(&j.unknown);
	out->import_id = 0;
	return rc;
}
