/*
 * codes.c — CBS code lists: SoortMisdrijf, WijkenEnBuurten, RegioS, Perioden.
 *
 * Two shapes are read:
 *  - one list per file with a header naming Key and Title (CBS metadata,
 *    e.g. crime__WijkenEnBuurten.csv, SoortMisdrijf.csv; a leading unnamed
 *    index column is fine) or code and titel (our soortmisdrijf.csv);
 *  - StatLine's metadata download with several sections in one file, each
 *    starting with a line holding only its name ("SoortMisdrijf", "RegioS",
 *    "Perioden", ...) followed by its own header. Sections other than code
 *    lists (TableInfos, DataProperties) are passed over.
 * What a row is follows from the shape of its key: an area code (NL, LD, PV,
 * RE, CR, GM, WK, BU), a crime type code (police "1.4.5" or CBS "CRI3000",
 * "T001161"), or a period ("2024MM03"). The area hierarchy comes from the
 * codes themselves (BUggggwwbb lies in WKggggww, which lies in GMgggg) and,
 * for wijken, from the Municipality column where present.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ingest/ingest.h"

typedef struct cl {
	int key, title, muni, status; /* column indexes, -1 when absent */
	const char *section;	      /* NULL: plain list */
	int skip;		      /* in a section we do not read */
} cl;

static int section_name(ivp__csv *c)
{
	static const char *const names[] = { "TableInfos", "DataProperties",
					     "SoortMisdrijf", "RegioS", "WijkenEnBuurten", "Perioden", NULL };
	size_t i;
	int k;

	for (i = 1; i < ivp__csv_nfields(c); i++)
		if (ivp__csv_field_at(c, i)->n)
			return -1;
	for (k = 0; names[k]; k++)
		if (ivp__field_eq(ivp__csv_field_at(c, 0), names[k]))
			return k;
	/* any other single word followed by nothing: an unknown section */
	return ivp__csv_field_at(c, 0)->n && !strchr(ivp__csv_field_at(c, 0)->p, ' ') ? 100 : -1;
}

static void header(cl *l, ivp__csv *c)
{
	static const char *const key[] = { "Key", "code", NULL };
	static const char *const title[] = { "Title", "titel", NULL };
	static const char *const muni[] = { "Municipality", NULL };
	static const char *const status[] = { "Status", NULL };

	l->key = ivp__find_col(c, key);
	l->title = ivp__find_col(c, title);
	l->muni = ivp__find_col(c, muni);
	l->status = ivp__find_col(c, status);
}

/* Title with newlines folded and a leading "code " removed. */
static void clean_title(const char *code, const char *in, char *out, size_t outsz)
{
	size_t n = strlen(code), o = 0;
	const char *p = in;
	int space = 0;

	while (*p == ' ')
		p++;
	if (!strncmp(p, code, n) && p[n] == ' ')
		p += n + 1;
	for (; *p && o + 1 < outsz; p++) {
		if (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t') {
			space = 1;
			continue;
		}
		if (space && o)
			out[o++] = ' ';
		space = 0;
		if (o + 1 < outsz)
			out[o++] = *p;
	}
	out[o] = '\0';
}

/* One code of either shape: key (kn bytes, padded as CBS writes it),
 * title, municipality (may be NULL) and status (may be NULL or ""); line
 * and kcol locate it in a CSV (0 for JSON, where `where` names the row). */
typedef struct code_in {
	const char *key, *title, *muni, *status;
	size_t kn, mn;
	long line, kcol;
	const char *where; /* JSON: "value[12]."; NULL for CSV */
} code_in;

static const char *code_field(const code_in *in, const char *name, char buf[64])
{
	if (!in->where)
		return name;
	snprintf(buf, 64, "%s%s", in->where, name);
	return buf;
}

static ivp_rc code_row(ivp__job *j, const code_in *in)
{
	char code[16], title[256], parent[16], fb[64];
	const char *level;
	int cls, period, prov;
	ivp_rc rc;

	if (ivp__code_trim(in->key, in->kn, code, sizeof(code)) <= 0)
		return ivp__coded(j->ctx, "bad_code", ivp__job_fail(j, in->line, code_field(in, "Key", fb), "empty or too long code \"%.20s\"", in->key));
	if (ivp__area_canon(in->key, in->kn, code) == 0) {
		level = ivp__area_level(code);
		clean_title("", in->title, title, sizeof(title));
		if (!title[0])
			return ivp__coded(j->ctx, "missing_name", ivp__job_fail(j, in->line, code_field(in, "Title", fb), "area %s has no name", code));
		parent[0] = '\0';
		if (!strcmp(level, "BU"))
			snprintf(parent, sizeof(parent), "WK%.6s", code + 2);
		else if (!strcmp(level, "WK")) {
			if (!in->muni || ivp__code_trim(in->muni, in->mn, parent, sizeof(parent)) <= 0 ||
			    !ivp__area_level(parent))
				snprintf(parent, sizeof(parent), "GM%.4s", code + 2);
		} else if (strcmp(level, "NL"))
			snprintf(parent, sizeof(parent), "NL01");
		if ((rc = ivp__store_area_put(j->ctx, code, title, level,
					      parent[0] ? parent : NULL, j->import_id)))
			return ivp__job_store(j, rc);
		j->res->rows++;
		return IVP_OK;
	}
	ivp__code_trim(in->key, in->kn, code, sizeof(code));
	if ((cls = ivp__type_classification(code))) {
		clean_title(code, in->title, title, sizeof(title));
		if (!title[0])
			return ivp__coded(j->ctx, "missing_name", ivp__job_fail(j, in->line, code_field(in, "Title", fb), "crime type %s has no title", code));
		if ((rc = ivp__store_type_put(j->ctx, cls == 1 ? "police" : "cbs", code,
					      title, j->import_id)))
			return ivp__job_store(j, rc);
		j->res->rows++;
		return IVP_OK;
	}
	if (ivp__period_parse(code, strlen(code), &period, &prov) == 0 &&
	    strlen(code) == 8) {
		clean_title("", in->title, title, sizeof(title));
		if ((rc = ivp__store_period_put(j->ctx, period, title,
						in->status && *in->status ? in->status : "Definitief",
						j->import_id)))
			return ivp__job_store(j, rc);
		j->res->rows++;
		return IVP_OK;
	}
	ivp__job_fail(j, in->line, code_field(in, "Key", fb), "\"%s\" is not an area, crime type or period code", code);
	ivp__code(j->ctx, "bad_code");
	ivp__column(j->ctx, in->kcol);
	ivp__detail(j->ctx, "Code lists hold area codes (GM1926, WK192601, BU19260101, NL01, PV28, RE06), SoortMisdrijf codes (1.4.5, CRI3000, T001161) or periods (2024JJ00).");
	ivp__hint(j->ctx, "Give the SoortMisdrijf, WijkenEnBuurten, RegioS or Perioden metadata of the table.");
	return IVP_EINPUT;
}

static ivp_rc row(ivp__job *j, cl *l, ivp__csv *c)
{
	const ivp__csv_field *kf = ivp__csv_field_at(c, (size_t)l->key);
	const ivp__csv_field *mf = l->muni >= 0 ? ivp__csv_field_at(c, (size_t)l->muni) : NULL;
	const ivp__csv_field *sf = l->status >= 0 ? ivp__csv_field_at(c, (size_t)l->status) : NULL;
	code_in in;

	memset(&in, 0, sizeof(in));
	in.key = kf->p;
	in.kn = kf->n;
	in.title = ivp__csv_field_at(c, (size_t)l->title)->p;
	in.muni = mf ? mf->p : NULL;
	in.mn = mf ? mf->n : 0;
	in.status = sf ? sf->p : NULL;
	in.line = ivp__csv_line(c);
	in.kcol = ivp__csv_column(c, kf);
	return code_row(j, &in);
}

ivp_rc ivp__read_codes(ivp__job *j, FILE *f)
{
	ivp__csv *c = NULL;
	cl l = { -1, -1, -1, -1, NULL, 0 };
	int r, sec, want_header = 1;
	ivp_rc rc;

	if ((rc = ivp__job_csv(j, f, &c)))
		return rc;
	while ((r = ivp__csv_next(c)) > 0) {
		if (ivp__csv_blank(c))
			continue;
		sec = section_name(c);
		if (sec >= 0 && (want_header || l.section)) {
			/* a new section: read rows only of code-list sections */
			l.section = "section";
			l.skip = !(sec >= 2 && sec <= 5);
			want_header = 1;
			continue;
		}
		if (want_header) {
			if (l.skip) {
				want_header = 0;
				continue;
			}
			header(&l, c);
			if (l.key < 0 || l.title < 0) {
				rc = ivp__job_fail(j, ivp__csv_line(c), l.key < 0 ? "Key" : "Title",
						   "missing column \"%s\" in the code list header",
						   l.key < 0 ? "Key" : "Title");
				ivp__code(j->ctx, "missing_column");
				ivp__detail(j->ctx, "A CBS code list has the columns Key, Title (and Description).");
				ivp__hint(j->ctx, "Give the metadata CSV as downloaded (e.g. SoortMisdrijf.csv, WijkenEnBuurten.csv).");
				goto out;
			}
			want_header = 0;
			continue;
		}
		if (l.skip)
			continue;
		if ((rc = row(j, &l, c)))
			goto out;
		ivp__job_progress(j, ivp__csv_offset(c));
	}
	if (r < 0) {
		rc = ivp__job_csv_fail(j, c);
		goto out;
	}
	if (j->res->rows == 0) {
		rc = ivp__job_fail(j, ivp__csv_line(c), NULL, "the code list holds no codes");
		ivp__code(j->ctx, "no_figures");
		ivp__hint(j->ctx, "Give a complete metadata CSV.");
		goto out;
	}
	rc = IVP_OK;
out:
	ivp__csv_close(c);
	return rc;
}

/* ---- OData JSON code lists ---------------------------------------------------- */

#define MAX_CODES_JSON_BYTES ((size_t)256 << 20)

static const char *jstr(json_t *o, const char *k, size_t *n)
{
	json_t *v = json_object_get(o, k);

	*n = json_is_string(v) ? json_string_length(v) : 0;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One page {"value": [{"Key", "Title", "Municipality"?, "Status"?}, …]}. */
static const ivp__odata_words codes_words = {
	MAX_CODES_JSON_BYTES,
	"Download the code list in pages (odata.nextLink) or as CSV.",
	"An OData code list is an object {\"value\": [...]} with one object per code (Key, Title).",
	"Download the code list from the OData API (…/SoortMisdrijf?$format=json).",
	"odata.nextLink points to more codes (%.200s), and no further page was given.",
	"Download every page and import them together: ivp import codes page1.json page2.json …",
};

static ivp_rc codes_page(ivp__job *j, const char *path, int last)
{
	json_t *root, *arr;
	size_t i, n;
	ivp_rc rc;

	if ((rc = ivp__odata_page(j, path, last, &codes_words, &root, &arr)))
		return rc;
	n = json_array_size(arr);
	for (i = 0; i < n && !rc; i++) {
		json_t *o = json_array_get(arr, i);
		char where[32];
		code_in in;
		size_t tn, sn;

		snprintf(where, sizeof(where), "value[%zu].", i);
		memset(&in, 0, sizeof(in));
		in.where = where;
		in.key = json_is_object(o) ? jstr(o, "Key", &in.kn) : NULL;
		in.title = json_is_object(o) ? jstr(o, "Title", &tn) : NULL;
		if (!in.key || !in.title) {
			ivp__job_fail(j, 0, where, "code %zu lacks %s", i, !in.key ? "its Key" : "its Title");
			ivp__code(j->ctx, "odata_bad_row");
			ivp__hint(j->ctx, "Every code of an OData code list has Key and Title as strings.");
			rc = IVP_EINPUT;
			break;
		}
		in.muni = jstr(o, "Municipality", &in.mn);
		in.status = jstr(o, "Status", &sn);
		rc = code_row(j, &in);
	}
	json_decref(root);
	return rc;
}

ivp_rc ivp__read_codes_json(ivp__job *j, const char *const *paths, int n)
{
	ivp_rc rc = IVP_OK;
	int i;

	for (i = 0; i < n && !rc; i++)
		rc = codes_page(j, paths[i], i == n - 1);
	j->path = paths[0];
	if (rc && j->ctx->err.file[0] == '\0')
		ivp__where(j->ctx, paths[i - 1], j->ctx->err.line, j->ctx->err.field);
	if (!rc && j->res->rows == 0) {
		rc = ivp__job_fail(j, 0, "value", "the code list holds no codes");
		ivp__code(j->ctx, "no_figures");
		ivp__hint(j->ctx, "Give a complete code list.");
	}
	return rc;
}
