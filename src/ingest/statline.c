/*
 * statline.c — the CSV export a person downloads from the StatLine website.
 *
 * Shape of the file (';'-separated, quoted):
 *
 *   "Title of the table"
 *   "Soort misdrijf: Totaal misdrijven"      <- filters: "Dimension: value"
 *   ""                                       <- blank line
 *   header rows, in one of two shapes:
 *   A: "Onderwerp";"Geregistreerde misdrijven";...   column dimensions,
 *      "Perioden";"2022";"2023"                      one row each,
 *      "Regio's";"aantal";"aantal"                   row dimension + units
 *   B: "";"";"";"Perioden"                          k leading empty cells,
 *      "Regio's";"Onderwerp";"";"2002";...          row dims, unit, labels
 *   data rows: row labels, then one value per column ('.' missing)
 *   "Bron: CBS"                                      trailer
 *
 * Every value cell gets four coordinates — region, crime type, topic,
 * period — each from a filter, a column header or a row label. Regions
 * come by name and are resolved through the loaded code lists; types by
 * title ("1.1.1 Diefstal/inbraak woning" or "Totaal misdrijven").
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest/ingest.h"

enum {
	D_REGION,
	D_TYPE,
	D_TOPIC,
	D_PERIOD,
	ND,
	D_UNIT = ND,
	D_OTHER
};

static const char *const dim_label[ND] = { "Regio's", "Soort misdrijf", "Onderwerp", "Perioden" };

static int dim_of(const char *s)
{
	static const struct {
		const char *name;
		int dim;
	} map[] = {
		{ "Regio's", D_REGION },
		{ "Regio", D_REGION },
		{ "Regios", D_REGION },
		{ "Wijken en buurten", D_REGION },
		{ "Gemeenten", D_REGION },
		{ "Gemeente", D_REGION },
		{ "Soort misdrijf", D_TYPE },
		{ "Soort misdrijven", D_TYPE },
		{ "Onderwerp", D_TOPIC },
		{ "Onderwerpen", D_TOPIC },
		{ "Perioden", D_PERIOD },
		{ "Periode", D_PERIOD },
		{ "", D_UNIT },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcasecmp(s, map[i].name))
			return map[i].dim;
	return D_OTHER;
}

/* Text of up to `ncols` header labels per dimension. */
typedef struct cols {
	char **label[ND]; /* label[dim][j], NULL when not a column dim */
	size_t nlab[ND];  /* entries in label[dim] */
	size_t n;	  /* widest header row */
} cols;

typedef struct sl {
	ivp__job *j;
	ivp_import_kind kind;
	char title[512];
	char *filter[ND];
	int rowdim_at[ND]; /* data column holding the row label, -1 */
	size_t k;	   /* first value column */
	cols c;
	char other_topic[256];
} sl;

static char *dup_n(const char *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

static void sl_free(sl *s)
{
	size_t d, j;

	for (d = 0; d < ND; d++) {
		free(s->filter[d]);
		if (s->c.label[d]) {
			for (j = 0; j < s->c.nlab[d]; j++)
				free(s->c.label[d][j]);
			free(s->c.label[d]);
		}
	}
}

static int nonempty(ivp__csv *c)
{
	size_t i;
	int n = 0;

	for (i = 0; i < ivp__csv_nfields(c); i++)
		n += ivp__csv_field_at(c, i)->n > 0;
	return n;
}

/* Take column labels of dimension d from the current record, from column k on. */
static int take_cols(sl *s, ivp__csv *c, int d, size_t k)
{
	size_t j, n = ivp__csv_nfields(c);

	if (s->c.label[d])
		return 0; /* first one wins */
	if (n > s->c.n)
		s->c.n = n;
	s->c.label[d] = calloc(n + 1, sizeof(char *));
	if (!s->c.label[d])
		return -1;
	s->c.nlab[d] = n;
	for (j = k; j < n; j++) {
		const ivp__csv_field *f = ivp__csv_field_at(c, j);

		s->c.label[d][j] = dup_n(f->p, f->n);
		if (!s->c.label[d][j])
			return -1;
	}
	return 0;
}

static void drop_cols(sl *s, int d)
{
	size_t j;

	if (!s->c.label[d])
		return;
	for (j = 0; j < s->c.nlab[d]; j++)
		free(s->c.label[d][j]);
	free(s->c.label[d]);
	s->c.label[d] = NULL;
	s->c.nlab[d] = 0;
}

static const char *col_label(sl *s, int d, size_t j)
{
	if (s->c.label[d] && j < s->c.nlab[d] && s->c.label[d][j])
		return s->c.label[d][j];
	return NULL;
}

static ivp_rc header_error(sl *s, long line, const char *what)
{
	ivp__job_fail(s->j, line, NULL, "not a StatLine export layout: %s", what);
	ivp__code(s->j->ctx, "statline_layout");
	ivp__detail(s->j->ctx, "A StatLine CSV export has a title line, filter lines, a blank line, header rows (Onderwerp, Perioden, Regio's) and then one row per region.");
	ivp__hint(s->j->ctx, "Download the table from StatLine as CSV without changing it, or use the OData TypedDataSet.");
	return IVP_EINPUT;
}

/* Read title, filters and header rows; leaves the first data row current. */
static ivp_rc read_header(sl *s, ivp__csv *c)
{
	int r, d;
	size_t i;

	for (d = 0; d < ND; d++)
		s->rowdim_at[d] = -1;
	if ((r = ivp__csv_next(c)) <= 0)
		return r < 0 ? ivp__job_csv_fail(s->j, c) : header_error(s, 1, "no title line");
	snprintf(s->title, sizeof(s->title), "%s", ivp__csv_field_at(c, 0)->p);
	/* filters and blank lines */
	for (;;) {
		const ivp__csv_field *f0;
		const char *colon;

		if ((r = ivp__csv_next(c)) < 0)
			return ivp__job_csv_fail(s->j, c);
		if (r == 0)
			return header_error(s, ivp__csv_line(c), "the file ends before the header rows (truncated?)");
		if (ivp__csv_blank(c))
			continue;
		f0 = ivp__csv_field_at(c, 0);
		if (nonempty(c) == 1 && f0->n && (colon = strstr(f0->p, ": "))) {
			char name[128];

			snprintf(name, sizeof(name), "%.*s", (int)(colon - f0->p), f0->p);
			d = dim_of(name);
			if (d < ND && !s->filter[d]) {
				s->filter[d] = ivp__strdup(colon + 2);
				if (!s->filter[d])
					return ivp__fail(s->j->ctx, IVP_ENOMEM, "out of memory");
			}
			continue;
		}
		break;
	}
	/* header rows */
	if (ivp__csv_field_at(c, 0)->n == 0) {
		/* shape B */
		int coldim;
		long line = ivp__csv_line(c);

		for (i = 0; i < ivp__csv_nfields(c) && !ivp__csv_field_at(c, i)->n; i++)
			;
		s->k = i;
		coldim = dim_of(ivp__csv_field_at(c, i)->p);
		if (coldim >= ND)
			return header_error(s, line, "unknown column dimension in the header");
		do {
			if ((r = ivp__csv_next(c)) <= 0)
				return r < 0 ? ivp__job_csv_fail(s->j, c) :
					       header_error(s, ivp__csv_line(c), "the file ends in the header (truncated?)");
		} while (ivp__csv_field_at(c, 0)->n == 0);
		for (i = 0; i < s->k; i++) {
			d = dim_of(ivp__csv_field_at(c, i)->p);
			if (d == D_OTHER)
				return header_error(s, ivp__csv_line(c), "unknown row dimension in the header");
			if (d < ND)
				s->rowdim_at[d] = (int)i;
		}
		if (take_cols(s, c, coldim, s->k))
			return ivp__fail(s->j->ctx, IVP_ENOMEM, "out of memory");
		if ((r = ivp__csv_next(c)) <= 0)
			return r < 0 ? ivp__job_csv_fail(s->j, c) :
				       header_error(s, ivp__csv_line(c), "no data rows (truncated?)");
		return IVP_OK;
	}
	/*
	 * Shape A: each row whose first cell names a dimension holds that
	 * dimension's column labels, except the last such row: it names the
	 * row dimension and its cells are units, so its labels are dropped.
	 */
	{
		int lastdim = -1;

		s->k = 1;
		while ((d = dim_of(ivp__csv_field_at(c, 0)->p)) < ND) {
			if (take_cols(s, c, d, 1))
				return ivp__fail(s->j->ctx, IVP_ENOMEM, "out of memory");
			lastdim = d;
			if ((r = ivp__csv_next(c)) <= 0)
				return r < 0 ? ivp__job_csv_fail(s->j, c) :
					       header_error(s, ivp__csv_line(c), "no data rows (truncated?)");
		}
		if (lastdim < 0)
			return header_error(s, ivp__csv_line(c), "no header rows (Onderwerp, Perioden, Regio's) after the filter lines");
		drop_cols(s, lastdim);
		s->rowdim_at[lastdim] = 0;
	}
	return IVP_OK;
}

/* The coordinate of dimension d for value column j of the current row. */
static const char *coord(sl *s, ivp__csv *c, int d, size_t j)
{
	const char *l;

	if (s->rowdim_at[d] >= 0)
		return ivp__csv_field_at(c, (size_t)s->rowdim_at[d])->p;
	if ((l = col_label(s, d, j)))
		return l;
	return s->filter[d];
}

static int is_missing(const ivp__csv_field *f)
{
	return f->n == 0 || ivp__field_eq(f, ".") || ivp__field_eq(f, "x") ||
	       ivp__field_eq(f, "?");
}

/* "1.1.1 Diefstal/inbraak woning" or "Totaal misdrijven" -> code */
static ivp_rc type_code(sl *s, long line, const char *field, const char *label,
			char code[16], char cache_label[256], char cache_code[16])
{
	const char *sp = strchr(label, ' ');
	char pre[16];
	ivp_rc rc;

	if (!strcmp(cache_label, label)) {
		memcpy(code, cache_code, 16); /* both char[16] */
		return IVP_OK;
	}
	if (sp && (size_t)(sp - label) < sizeof(pre)) {
		snprintf(pre, sizeof(pre), "%.*s", (int)(sp - label), label);
		if (ivp__type_classification(pre)) {
			rc = ivp__store_type_get(s->j->ctx, pre, NULL);
			if (rc && rc != IVP_ENOTFOUND)
				return ivp__job_store(s->j, rc);
			if (rc == IVP_OK) {
				memcpy(code, pre, sizeof(pre)); /* both char[16] */
				goto found;
			}
		}
	}
	rc = ivp__store_type_by_title(s->j->ctx, label, code);
	if (rc && rc != IVP_ENOTFOUND)
		return ivp__job_store(s->j, rc);
	if (rc == IVP_ENOTFOUND) {
		ivp__job_fail(s->j, line, field, "crime type \"%s\" matches no SoortMisdrijf code", label);
		ivp__code(s->j->ctx, "unknown_type");
		ivp__detail(s->j->ctx, "Types in StatLine exports are resolved by their title through the loaded SoortMisdrijf code list.");
		ivp__hint(s->j->ctx, "Import the SoortMisdrijf code list first (ivp import codes soortmisdrijf.csv), or correct the title.");
		return IVP_EINPUT;
	}
found:
	snprintf(cache_label, 256, "%s", label);
	snprintf(cache_code, 16, "%s", code);
	return IVP_OK;
}

/* Which 1 January a population topic and period give; 0: not a population figure. */
static int pop_year(const char *topic, int period)
{
	int y = IVP__PERIOD_YEAR(period), sub = IVP__PERIOD_SUB(period);

	if (!strcasecmp(topic, "Bevolking aan het einde van de periode") ||
	    !strcasecmp(topic, "Bevolking aan het einde van de periode (aantal)")) {
		if (sub == 0 || sub == 12)
			return y + 1;
		return 0;
	}
	if (!strcasecmp(topic, "Bevolking aan het begin van de periode") ||
	    !strcasecmp(topic, "Bevolking op 1 januari") ||
	    !strcasecmp(topic, "Bevolking op 1 januari (aantal)")) {
		if (sub == 0 || sub == 1)
			return y;
		return 0;
	}
	return -1;
}

static ivp_rc cell(sl *s, ivp__csv *c, size_t j, char rcache[2][256],
		   char tcache[2][256], int *row_unknown)
{
	ivp__job *jb = s->j;
	const ivp__csv_field *v = ivp__csv_field_at(c, j);
	const char *topic = coord(s, c, D_TOPIC, j);
	const char *plabel = coord(s, c, D_PERIOD, j);
	const char *region = coord(s, c, D_REGION, j);
	long line = ivp__csv_line(c);
	char field[160], code[16], tcode[16];
	int period, prov, year = 0;
	int64_t count;
	ivp_rc rc;

	snprintf(field, sizeof(field), "%s%s%s", topic ? topic : "",
		 topic && plabel ? " " : "", plabel ? plabel : "");
	if (s->kind == IVP_IMPORT_CRIME) {
		if (topic && strcasecmp(topic, "Geregistreerde misdrijven")) {
			snprintf(s->other_topic, sizeof(s->other_topic), "%s", topic);
			jb->res->skipped++;
			return IVP_OK;
		}
	} else if (!topic) {
		return ivp__coded(jb->ctx, "statline_layout", ivp__job_fail(jb, line, field, "the export does not say which population figure it holds"));
	}
	if (!plabel)
		return ivp__coded(jb->ctx, "statline_layout", ivp__job_fail(jb, line, field, "no period for this column (missing \"Perioden\" header row or filter)"));
	if (ivp__period_parse(plabel, strlen(plabel), &period, &prov)) {
		ivp__job_fail(jb, line, field, "unrecognised period \"%s\"", plabel);
		ivp__code(jb->ctx, "bad_period");
		ivp__hint(jb->ctx, "Periods look like 2024, 2024 maart, 2024 1e kwartaal (a trailing * marks a provisional figure).");
		return IVP_EINPUT;
	}
	if (s->kind == IVP_IMPORT_POPULATION) {
		year = pop_year(topic, period);
		if (year < 0) {
			snprintf(s->other_topic, sizeof(s->other_topic), "%s", topic);
			jb->res->skipped++;
			return IVP_OK;
		}
		if (year == 0) { /* a month other than the year's edge */
			jb->res->skipped++;
			return IVP_OK;
		}
	}
	if (is_missing(v)) {
		jb->res->missing++;
		return IVP_OK;
	}
	if (ivp__field_eq(v, "-")) {
		count = 0;
	} else if (ivp__parse_count(v->p, v->n, &count)) {
		ivp__job_fail(jb, line, field, "the count \"%.40s\" is not a whole number", v->p);
		ivp__code(jb->ctx, "bad_count");
		ivp__column(jb->ctx, ivp__csv_column(c, v));
		ivp__detail(jb->ctx, "Counts are whole numbers; StatLine writes '.' for a missing value.");
		ivp__hint(jb->ctx, "Correct the value or download the export again.");
		return IVP_EINPUT;
	}
	if (!region)
		return ivp__coded(jb->ctx, "statline_layout", ivp__job_fail(jb, line, field, "no region for this value (missing \"Regio's\" rows or filter)"));
	if (strcmp(rcache[0], region)) {
		rc = ivp__ingest_region(jb, line, dim_label[D_REGION], region, code);
		if (rc == IVP_ENOTFOUND) {
			*row_unknown = 1;
			return IVP_OK;
		}
		if (rc)
			return rc;
		snprintf(rcache[0], 256, "%s", region);
		snprintf(rcache[1], 256, "%s", code);
	}
	memcpy(code, rcache[1], 16); /* rcache[1] holds a code[16] (above) */
	if (s->kind == IVP_IMPORT_POPULATION)
		return ivp__ingest_pop(jb, line, field, code, year, "total", count);
	{
		const char *tl = coord(s, c, D_TYPE, j);

		if (!tl) {
			ivp__job_fail(jb, line, field, "the export does not say which crime type it holds");
			ivp__code(jb->ctx, "statline_layout");
			ivp__hint(jb->ctx, "Keep the \"Soort misdrijf\" filter line or column in the export.");
			return IVP_EINPUT;
		}
		if ((rc = type_code(s, line, dim_label[D_TYPE], tl, tcode, tcache[0], tcache[1])))
			return rc;
	}
	return ivp__ingest_fact(jb, line, field, code, tcode, period, count, prov);
}

ivp_rc ivp__read_statline(ivp__job *j, FILE *f, ivp_import_kind kind)
{
	sl s;
	ivp__csv *c = NULL;
	ivp_rc rc;
	int r = 0, trailer = 0;
	char rcache[2][256] = { "", "" }, tcache[2][256] = { "", "" };
	size_t i;

	memset(&s, 0, sizeof(s));
	s.j = j;
	s.kind = kind;
	if ((rc = ivp__job_csv(j, f, &c)))
		return rc;
	if ((rc = read_header(&s, c)))
		goto out;
	do {
		int unknown = 0;
		size_t nf = ivp__csv_nfields(c);
		const ivp__csv_field *f0 = ivp__csv_field_at(c, 0);

		if (ivp__csv_blank(c))
			continue;
		if (nonempty(c) == 1 && (!strncasecmp(f0->p, "Bron:", 5) ||
					 !strncasecmp(f0->p, "Bron :", 6) ||
					 !strncasecmp(f0->p, "Source:", 7))) {
			/* "Bron: CBS" ends the data; footnotes may follow */
			trailer = 1;
			break;
		}
		if (nf < s.c.n) {
			rc = ivp__job_fail(j, ivp__csv_line(c), NULL,
					   "this row has %zu fields, the header has %zu", nf, s.c.n);
			ivp__code(j->ctx, "field_count");
			ivp__detail(j->ctx, "A row with fewer fields than the header means a truncated or edited file.");
			ivp__hint(j->ctx, "Download the export again.");
			goto out;
		}
		for (i = s.k; i < nf && i < s.c.n; i++) {
			if ((rc = cell(&s, c, i, rcache, tcache, &unknown)))
				goto out;
			if (unknown)
				break;
		}
		if (unknown)
			ivp__job_unknown_region(j, coord(&s, c, D_REGION, s.k));
		ivp__job_progress(j, ivp__csv_offset(c));
	} while ((r = ivp__csv_next(c)) > 0);
	if (!trailer && r < 0) {
		rc = ivp__job_csv_fail(j, c);
		goto out;
	}
	if (!trailer) {
		rc = ivp__job_fail(j, ivp__csv_line(c), NULL, "the file ends without StatLine's closing \"Bron:\" line");
		ivp__code(j->ctx, "statline_truncated");
		ivp__detail(j->ctx, "Every StatLine CSV export ends with a line naming the source; this one stops after the data, so it is probably truncated.");
		ivp__hint(j->ctx, "Download the export again.");
		goto out;
	}
	if (j->res->rows == 0 && j->res->same == 0 && s.other_topic[0]) {
		rc = ivp__job_fail(j, 0, "Onderwerp", "this is an export of another table: \"%s\"", s.title);
		ivp__code(j->ctx, "other_table");
		ivp__detail(j->ctx, "Its topic \"%s\" is not %s.", s.other_topic,
			    kind == IVP_IMPORT_CRIME ? "Geregistreerde misdrijven (registered crime)" :
						       "a population count (Bevolking aan het begin/einde van de periode)");
		ivp__hint(j->ctx, "Use %s for this file, or export the right table.",
			  kind == IVP_IMPORT_CRIME ? "ivp import population" : "ivp import crime");
		goto out;
	}
	rc = IVP_OK;
out:
	ivp__csv_close(c);
	sl_free(&s);
	return rc;
}
