/*
 * groups.c — the reader of group files (docs/groups.md): named sets of
 * areas to compare with, such as the region Haaglanden with its nine
 * gemeenten. One row per member:
 *
 *   group,title,kind,area,source
 *   haaglanden,Haaglanden,region,GM0503,"Veiligheidsregio Haaglanden …"
 *
 * `group`, `title` and `area` are required columns, `kind` ("region" or
 * "group", default "group") and `source` optional. A group's title, kind
 * and source are those of its first row; a later row that says otherwise
 * is an error, as are an unknown area code and a member given twice. The
 * first row of a group replaces any stored group of that name (its old
 * members go); the job's one transaction makes that all or nothing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "store/group_store.h"

#define GROUP_NAME_MAX 48

/* Names --compare gives a meaning of its own; a group cannot take them. */
static const char *const reserved[] = { "grootteklasse", "sizeclass", "regio", "region", NULL };

typedef struct gcols {
	int group, title, kind, area, source;
} gcols;

/* The field at column col, or "" when the column is absent. */
static const char *cell(ivp__csv *c, int col)
{
	return col >= 0 && (size_t)col < ivp__csv_nfields(c) ? ivp__csv_field_at(c, (size_t)col)->p : "";
}

static ivp_rc header(ivp__job *j, ivp__csv *c, gcols *g)
{
	static const char *const G[] = { "group", "groep", NULL };
	static const char *const T[] = { "title", "naam", NULL };
	static const char *const K[] = { "kind", "soort", NULL };
	static const char *const A[] = { "area", "gebied", "code", NULL };
	static const char *const S[] = { "source", "bron", NULL };
	const char *miss;

	g->group = ivp__find_col(c, G);
	g->title = ivp__find_col(c, T);
	g->kind = ivp__find_col(c, K);
	g->area = ivp__find_col(c, A);
	g->source = ivp__find_col(c, S);
	miss = g->group < 0 ? "group" : g->title < 0 ? "title" :
				g->area < 0	     ? "area" :
						       NULL;
	if (!miss)
		return IVP_OK;
	ivp__job_fail(j, 1, miss, "missing column \"%s\"", miss);
	ivp__code(j->ctx, "missing_column");
	ivp__detail(j->ctx, "A group file has the header group,title,kind,area,source (kind and source may be left out).");
	ivp__hint(j->ctx, "Add the column to the first line; see docs/groups.md.");
	return IVP_EINPUT;
}

/* A group name: a lower-case letter, then letters, digits, '-' or '_'; not
 * an area code's shape, not a word --compare reserves. */
static ivp_rc check_name(ivp__job *j, long line, const char *s)
{
	size_t i, n = strlen(s);
	int ok = n > 0 && n <= GROUP_NAME_MAX && islower((unsigned char)s[0]);
	char code[16];

	for (i = 0; ok && i < n; i++)
		ok = islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-' ||
		     s[i] == '_';
	for (i = 0; ok && reserved[i]; i++)
		ok = strcmp(s, reserved[i]) != 0;
	if (ok && ivp__area_canon(s, n, code) == 0)
		ok = 0;
	if (ok)
		return IVP_OK;
	ivp__job_fail(j, line, "group", "\"%.60s\" cannot be a group name", s);
	ivp__code(j->ctx, "bad_group_name");
	ivp__detail(j->ctx, "A group name is 1 to %d lower-case letters, digits, '-' or '_', beginning with a letter; \"grootteklasse\" and \"regio\" have a meaning of their own in --compare.",
		    GROUP_NAME_MAX);
	ivp__hint(j->ctx, "Use a name such as haaglanden or buurgemeenten.");
	return IVP_EINPUT;
}

/* A later row of a group that already had its first row: title, kind and
 * source must be the same (empty kind and source: unsaid). */
static ivp_rc check_same(ivp__job *j, long line, const char *field, const char *first,
			 const char *now)
{
	if (!strcmp(first, now))
		return IVP_OK;
	ivp__job_fail(j, line, field, "the group's %s differs from its first row", field);
	ivp__code(j->ctx, "group_differs");
	ivp__detail(j->ctx, "Its first row says \"%.80s\", this row \"%.80s\".", first, now);
	ivp__hint(j->ctx, "Give every row of a group the same %s (or leave it empty on the later rows).", field);
	return IVP_EINPUT;
}

/* The stored values of one group of the file (by its row index in seen). */
typedef struct gfirst {
	char title[256], kind[16], source[512];
} gfirst;

ivp_rc ivp__read_groups(ivp__job *j, FILE *f)
{
	ivp__csv *c = NULL;
	ivp__map seen;
	gfirst *firsts = NULL;
	int64_t nfirst = 0;
	gcols g;
	ivp_rc rc;
	int r;

	ivp__map_init(&seen);
	if ((rc = ivp__job_csv(j, f, &c)))
		return rc;
	if ((r = ivp__csv_next(c)) <= 0) {
		rc = r < 0 ? ivp__job_csv_fail(j, c) : ivp__job_fail(j, 1, NULL, "the file is empty");
		goto out;
	}
	if ((rc = header(j, c, &g)))
		goto out;
	while ((r = ivp__csv_next(c)) > 0) {
		long line = ivp__csv_line(c);
		const char *name = cell(c, g.group), *title = cell(c, g.title);
		const char *kind = cell(c, g.kind), *source = cell(c, g.source);
		const ivp__csv_field *af;
		char area[16];
		int64_t *slot;
		int existed, dup;

		if (ivp__csv_blank(c))
			continue;
		if ((rc = check_name(j, line, name)))
			goto out;
		if (strcmp(kind, "region") && strcmp(kind, "group") && kind[0]) {
			rc = ivp__job_fail(j, line, "kind", "unknown kind \"%.40s\"", kind);
			ivp__code(j->ctx, "bad_group_kind");
			ivp__hint(j->ctx, "Use region (the region a municipality belongs to) or group.");
			goto out;
		}
		af = (size_t)g.area < ivp__csv_nfields(c) ? ivp__csv_field_at(c, (size_t)g.area) : NULL;
		if (!af || ivp__area_canon(af->p, af->n, area)) {
			rc = ivp__job_fail(j, line, "area", "\"%.40s\" is not an area code", af ? af->p : "");
			ivp__code(j->ctx, "bad_area_code");
			ivp__hint(j->ctx, "Use CBS codes such as GM1926 (ivp areas lists them).");
			goto out;
		}
		if (ivp__map_put(&seen, name, nfirst, &slot, &existed)) {
			rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
			goto out;
		}
		if (!existed) {
			gfirst *nf = realloc(firsts, (size_t)(nfirst + 1) * sizeof(*nf));
			ivp__group_rec rec = { name, title, kind[0] ? kind : "group", source, j->import_id };

			if (!nf) {
				rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
				goto out;
			}
			firsts = nf;
			if (!title[0]) {
				rc = ivp__job_fail(j, line, "title", "the group \"%s\" has no title", name);
				ivp__code(j->ctx, "missing_group_title");
				ivp__hint(j->ctx, "Give the name to show, e.g. Haaglanden.");
				goto out;
			}
			snprintf(firsts[nfirst].title, sizeof(firsts[nfirst].title), "%s", title);
			snprintf(firsts[nfirst].kind, sizeof(firsts[nfirst].kind), "%s", rec.kind);
			snprintf(firsts[nfirst].source, sizeof(firsts[nfirst].source), "%s", source);
			nfirst++;
			if ((rc = ivp__store_group_put(j->ctx, &rec, &existed))) {
				rc = ivp__job_store(j, rc);
				goto out;
			}
		} else if (!firsts || *slot < 0 || *slot >= nfirst) { /* seen holds indexes of firsts */
			rc = ivp__fail(j->ctx, IVP_EINTERNAL, "group \"%s\" seen but not recorded", name);
			goto out;
		} else {
			const gfirst *fi = &firsts[*slot];

			if ((title[0] && (rc = check_same(j, line, "title", fi->title, title))) ||
			    (kind[0] && (rc = check_same(j, line, "kind", fi->kind, kind))) ||
			    (source[0] && (rc = check_same(j, line, "source", fi->source, source))))
				goto out;
		}
		rc = ivp__store_group_member_add(j->ctx, name, area, &dup);
		if (rc == IVP_ENOTFOUND) {
			rc = ivp__job_fail(j, line, "area", "unknown area code %s", area);
			ivp__code(j->ctx, "unknown_area");
			ivp__detail(j->ctx, "No loaded code list has %s.", area);
			ivp__hint(j->ctx, "Import the code list first (ivp import codes …), or correct the code.");
			goto out;
		}
		if (rc) {
			rc = ivp__job_store(j, rc);
			goto out;
		}
		if (dup) {
			rc = ivp__job_fail(j, line, "area", "%s is given twice as a member of \"%s\"", area, name);
			ivp__code(j->ctx, "duplicate_member");
			ivp__hint(j->ctx, "Keep one row per group and area.");
			goto out;
		}
		j->res->rows++;
		ivp__job_progress(j, ivp__csv_offset(c));
	}
	if (r < 0)
		rc = ivp__job_csv_fail(j, c);
out:
	ivp__csv_close(c);
	ivp__map_free(&seen);
	free(firsts);
	return rc;
}
