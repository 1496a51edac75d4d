/*
 * json.c — an ivp_table as JSON, the one writer the CLI (`--format json`)
 * and the HTTP API share.
 *
 * The document is {"rows": [{column: value, …}, …], "notes": [text, …]}:
 * INT cells become JSON integers, REAL cells numbers with ten significant
 * digits (null when not finite), TEXT cells strings and NULL cells null; every row carries the
 * chosen columns in the order given. Built with jansson, which keeps keys
 * in insertion order.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "ivp/ivp.h"

static json_t *cell(const ivp_table *t, int r, int c)
{
	switch (ivp_table_cell_type(t, r, c)) {
	case IVP_CELL_INT:
		return json_integer(ivp_table_int(t, r, c));
	case IVP_CELL_REAL: /* JSON has no number for inf or nan: null */
		return isfinite(ivp_table_real(t, r, c)) ? json_real(ivp_table_real(t, r, c)) :
							   json_null();
	case IVP_CELL_TEXT:
		return json_string(ivp_table_text(t, r, c));
	default:
		return json_null();
	}
}

static int add_rows(json_t *rows, const ivp_table *t, const int *cols, int n)
{
	int nr = ivp_table_nrows(t), r, k;

	for (r = 0; r < nr; r++) {
		json_t *o = json_object();

		if (!o || json_array_append_new(rows, o))
			return -1;
		for (k = 0; k < n; k++) {
			int c = cols ? cols[k] : k;

			if (c < 0 || c >= ivp_table_ncols(t))
				return -1;
			if (json_object_set_new(o, ivp_table_colname(t, c), cell(t, r, c)))
				return -1;
		}
	}
	return 0;
}

char *ivp_table_json(const ivp_table *t, const int *cols, int ncols, unsigned flags)
{
	json_t *root = json_object(), *rows = json_array(), *notes = json_array();
	char *s = NULL;
	size_t jf = JSON_REAL_PRECISION(10);
	int i, n = cols ? ncols : ivp_table_ncols(t);

	if (!root || !rows || !notes || !t || n < 0)
		goto out;
	if (add_rows(rows, t, cols, n))
		goto out;
	for (i = 0; i < ivp_table_nnotes(t); i++)
		if (json_array_append_new(notes, json_string(ivp_table_note(t, i))))
			goto out;
	if (json_object_set(root, "rows", rows) || json_object_set(root, "notes", notes))
		goto out;
	jf |= (flags & IVP_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT;
	s = json_dumps(root, jf);
out:
	json_decref(rows);
	json_decref(notes);
	json_decref(root);
	return s;
}
