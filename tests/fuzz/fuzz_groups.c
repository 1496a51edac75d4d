/*
 * fuzz_groups.c — libFuzzer target: any bytes as `ivp import groups`
 * (src/ingest/groups.c; set-up in fuzz_common.h). Besides the common
 * check (a failed import leaves the counts alone), the stored groups and
 * their members must be exactly as before a failed import: a group file
 * replaces groups whole, so a bad row after a good one must undo that.
 */
#include "fuzz_common.h"
#include "store/group_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fz_row(void *ud, const char *const *c, int n)
{
	ivp__buf *b = ud;
	int i;

	for (i = 0; i < n; i++)
		if (ivp__buf_printf(b, "%s|", c[i] ? c[i] : "~"))
			return -1;
	return ivp__buf_addc(b, '\n');
}

/* name|title|kind|source|members|import per group, then its members */
static int fz_member_walk(void *ud, const char *const *c, int n)
{
	ivp__buf *b = ud;

	if (fz_row(ud, c, n) || n < 1 || !c[0])
		return -1;
	return ivp__store_group_members(fz_ctx, c[0], fz_row, b) ? -1 : 0;
}

static void fz_groups(ivp__buf *b)
{
	if (ivp__store_groups_list(fz_ctx, fz_member_walk, b))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ivp_import_result r;
	const char *p[1];
	ivp__buf before, after;
	ivp_rc rc;

	fz_setup();
	ivp__buf_init(&before, 1u << 24);
	ivp__buf_init(&after, 1u << 24);
	fz_groups(&before);
	fz_write(fz_path, data, size);
	p[0] = fz_path;
	rc = ivp_import(fz_ctx, IVP_IMPORT_GROUPS, p, 1, NULL, &r);
	fz_groups(&after);
	if (rc && strcmp(ivp__buf_str(&before), ivp__buf_str(&after)))
		abort(); /* a failed import changed the groups */
	unlink(fz_path);
	ivp__buf_free(&before);
	ivp__buf_free(&after);
	return 0;
}
