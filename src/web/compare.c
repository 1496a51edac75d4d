/*
 * compare.c — what the pages compare a municipality with: the
 * Netherlands, and, when they exist for it, its region (`regio`, the
 * group of kind region it is in: Haaglanden for Pijnacker-Nootdorp) and
 * its size class (`grootteklasse`). The engine compares an area inside a
 * group with the rest of the group and names it so ("de rest van
 * Haaglanden"); the pages take that name from the table for the column
 * headings. Used by the start page and the indicator page (pages.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "web/web.h"

/* 1 when ivp_groups can say what `name` is for area: a region exists, the
 * area is a gemeente (a year without its population has no class, which
 * the engine says per year). */
static int has_group(http_req *r, const char *name, const char *area, int year)
{
	ivp_table *t = NULL;
	int ok = !ivp_groups(r->ctx, name, area, year, "en", &t);

	ivp_table_free(t);
	return ok;
}

int web_compare_set(http_req *r, const char *area, int year, const char *cmp[WEB_NCMP])
{
	int n = 0;

	cmp[n++] = "NL01";
	if (!area)
		return n;
	if (has_group(r, "regio", area, 0))
		cmp[n++] = "regio";
	if (has_group(r, "grootteklasse", area, year ? year : 2000)) /* a gemeente */
		cmp[n++] = "grootteklasse";
	return n;
}

const char *web_compare_title(const ivp_table *t, int k, const char *lang, const char *fmt, char *out, size_t n)
{
	char col[32], name[300] = "";
	int c, i, len;

	snprintf(col, sizeof(col), "cmp%d_name", k + 1);
	c = web_col(t, col);
	for (i = 0; c >= 0 && i < ivp_table_nrows(t); i++)
		if (ivp_table_cell_type(t, i, c) == IVP_CELL_TEXT) {
			if (!name[0]) {
				snprintf(name, sizeof(name), "%s", ivp_table_text(t, i, c));
			} else if (strcmp(name, ivp_table_text(t, i, c))) {
				/* a size class that changes within a series: the notes name it per year */
				snprintf(name, sizeof(name), "%s", web_t(lang, W_SIZECLASS_EACH_YEAR));
				break;
			}
		}
	len = snprintf(out, n, fmt, name);
	if (len > 0 && islower((unsigned char)out[0]))
		out[0] = (char)toupper((unsigned char)out[0]);
	return out;
}
