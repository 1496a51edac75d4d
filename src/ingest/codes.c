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
#include <string.h>
#include <strings.h>

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

static ivp_rc row(ivp__job *j, cl *l, ivp__csv *c)
{
	const ivp__csv_field *kf = ivp__csv_field_at(c, (size_t)l->key);
	const ivp__csv_field *tf = ivp__csv_field_at(c, (size_t)l->title);
	long line = ivp__csv_line(c);
	char code[16], title[256], parent[16];
	const char *level;
	int cls, period, prov;
	ivp_rc rc;

	if (ivp__code_trim(kf->p, kf->n, code, sizeof(code)) <= 0)
		return ivp__coded(j->ctx, "bad_code", ivp__job_fail(j, line, "Key", "empty or too long code \"%.20s\"", kf->p));
	if (ivp__area_canon(kf->p, kf->n, code) == 0) {
		level = ivp__area_level(code);
		clean_title("", tf->p, title, sizeof(title));
		if (!title[0])
			return ivp__coded(j->ctx, "missing_name", ivp__job_fail(j, line, "Title", "area %s has no name", code));
		parent[0] = '\0';
		if (!strcmp(level, "BU"))
			snprintf(parent, sizeof(parent), "WK%.6s", code + 2);
		else if (!strcmp(level, "WK")) {
			const ivp__csv_field *m = l->muni >= 0 ?
							  ivp__csv_field_at(c, (size_t)l->muni) :
							  NULL;

			if (!m || ivp__code_trim(m->p, m->n, parent, sizeof(parent)) <= 0 ||
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
	ivp__code_trim(kf->p, kf->n, code, sizeof(code));
	if ((cls = ivp__type_classification(code))) {
		clean_title(code, tf->p, title, sizeof(title));
		if (!title[0])
			return ivp__coded(j->ctx, "missing_name", ivp__job_fail(j, line, "Title", "crime type %s has no title", code));
		if ((rc = ivp__store_type_put(j->ctx, cls == 1 ? "police" : "cbs", code,
					      title, j->import_id)))
			return ivp__job_store(j, rc);
		j->res->rows++;
		return IVP_OK;
	}
	if (ivp__period_parse(code, strlen(code), &period, &prov) == 0 &&
	    strlen(code) == 8) {
		const ivp__csv_field *sf = l->status >= 0 ?
						   ivp__csv_field_at(c, (size_t)l->status) :
						   NULL;

		clean_title("", tf->p, title, sizeof(title));
		if ((rc = ivp__store_period_put(j->ctx, period, title,
						sf && sf->n ? sf->p : "Definitief",
						j->import_id)))
			return ivp__job_store(j, rc);
		j->res->rows++;
		return IVP_OK;
	}
	ivp__job_fail(j, line, "Key", "\"%s\" is not an area, crime type or period code", code);
	ivp__code(j->ctx, "bad_code");
	ivp__column(j->ctx, ivp__csv_column(c, kf));
	ivp__detail(j->ctx, "Code lists hold area codes (GM1926, WK192601, BU19260101, NL01, PV28, RE06), SoortMisdrijf codes (1.4.5, CRI3000, T001161) or periods (2024JJ00).");
	ivp__hint(j->ctx, "Give the SoortMisdrijf, WijkenEnBuurten, RegioS or Perioden metadata of the table.");
	return IVP_EINPUT;
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
