/*
 * rows.c — what every reader does with a record: write a fact or a
 * population through the store, resolve a region name to its code, count
 * regions left out, and match header cells. Store outcomes (an unknown code,
 * a key given twice) become input errors naming line and field, each with
 * its machine code (docs/errors.md).
 */
#include <string.h>
#include <strings.h>

#include "ingest/ingest.h"

int ivp__area_canon(const char *raw, size_t n, char out[16])
{
	if (ivp__code_trim(raw, n, out, 16) < 0)
		return -1;
	if (!strcmp(out, "NL00")) /* WijkenEnBuurten's Nederland is RegioS's NL01 */
		memcpy(out, "NL01", sizeof("NL01"));
	return ivp__area_level(out) ? 0 : -1;
}

/*
 * A count or population for an area no code list knows: left out and
 * counted under skip_unknown_regions, else an input error at line/field.
 */
static ivp_rc unknown_area(ivp__job *j, long line, const char *field, const char *area,
			   const char *hint)
{
	if (j->opts && j->opts->skip_unknown_regions) {
		ivp__job_unknown_region(j, area);
		return IVP_OK;
	}
	ivp__job_fail(j, line, field, "unknown area code \"%s\"", area);
	ivp__code(j->ctx, "unknown_area");
	ivp__detail(j->ctx, "No loaded code list has this area.");
	ivp__hint(j->ctx, "%s", hint);
	return IVP_EINPUT;
}

ivp_rc ivp__ingest_fact(ivp__job *j, long line, const char *field,
			const char *area, const char *type, int period,
			int64_t count, int provisional)
{
	int result = 0, seen;
	ivp_rc rc;
	char per[16];

	if (!((j->res->rows + j->res->same) & 0xFFFF) && (seen = ivp__job_seen_before(j)))
		return seen < 0 ? j->ctx->err.rc : IVP_EINPUT; /* stopped: ivp_import reports "unchanged" */
	rc = ivp__store_fact_put(j->ctx, area, type, period, count, provisional,
				 j->import_id, &result);
	if (rc == IVP_ENOTFOUND) {
		rc = ivp__store_area_get(j->ctx, area, NULL, NULL, NULL);
		if (rc == IVP_ENOTFOUND)
			return unknown_area(j, line, field, area,
					    "Import the region code list first (ivp import codes WijkenEnBuurten.csv or the table's metadata), or correct the code.");
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
	if (rc)
		return unknown_area(j, line, field, area,
				    "Import the region code list first (ivp import codes …), or choose {skip_unknown_regions} to leave such areas out.");
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
		return; /* counted already (if the map ran out of memory: count again) */
	j->res->unknown_regions++;
	if (j->res->unknown_regions <= 5)
		snprintf(j->res->note + n, sizeof(j->res->note) - n, "%s%s",
			 n ? ", " : ivp_msg_tr(ivp_lang(j->ctx), "area(s) not in the code lists, left out: "), name);
	else if (j->res->unknown_regions == 6)
		snprintf(j->res->note + n, sizeof(j->res->note) - n, ", …");
}

ivp_rc ivp__ingest_region(ivp__job *j, long line, const char *field,
			  const char *name, char code[16])
{
	int ambiguous = 0;
	ivp_rc rc;

	if (j->last_name[0] && !strcmp(j->last_name, name)) {
		memcpy(code, j->last_code, sizeof(j->last_code)); /* both char[16] */
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
		ivp__hint(j->ctx, "Import the table's region code list first (ivp import codes METADATA.csv), correct the name, or choose {skip_unknown_regions} to leave out regions the code lists do not know (former gemeenten, for example).");
		return IVP_EINPUT;
	}
	snprintf(j->last_code, sizeof(j->last_code), "%s", code);
	return IVP_OK;
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
