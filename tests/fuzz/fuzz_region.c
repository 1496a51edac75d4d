/*
 * fuzz_region.c — libFuzzer target: any bytes as `ivp region import`
 * (src/plan/region.c; the region file of docs/region-file.md, set-up in
 * fuzz_common.h plus the group haaglanden of kind region). A failed import
 * leaves every regional plan and its themes exactly as they were; a
 * successful one is shown by ivp_region_show and its side by side by
 * ivp_region_priorities without error, and the same bytes again are
 * unchanged.
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

/* region|title|from|to|source|themes|import, then its themes */
static int fz_theme_walk(void *ud, const char *const *c, int n)
{
	if (fz_row(ud, c, n) || n < 1 || !c[0])
		return -1;
	return ivp__store_region_themes(fz_ctx, c[0], fz_row, ud) ? -1 : 0;
}

static void fz_regions(ivp__buf *b)
{
	if (ivp__store_regions_list(fz_ctx, fz_theme_walk, b))
		abort();
}

static void fz_region_setup(void)
{
	static int done;
	static const char g[] = "group,title,kind,area\nhaaglanden,Haaglanden,region,GM1926\n"
				"haaglanden,Haaglanden,region,GM0503\nburen,Buren,group,GM0503\n";
	ivp_import_result r;
	const char *p[1];

	fz_setup();
	if (done)
		return;
	fz_write(fz_path, g, sizeof(g) - 1);
	p[0] = fz_path;
	if (ivp_import(fz_ctx, IVP_IMPORT_GROUPS, p, 1, NULL, &r))
		abort();
	unlink(fz_path);
	done = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ivp_import_result r;
	ivp_table *probs = NULL, *t = NULL;
	ivp__buf before, after;
	ivp_rc rc;

	fz_region_setup();
	ivp__buf_init(&before, 1u << 24);
	ivp__buf_init(&after, 1u << 24);
	fz_regions(&before);
	fz_write(fz_path, data, size);
	rc = ivp_region_import(fz_ctx, fz_path, NULL, &probs, &r);
	ivp_table_free(probs);
	probs = NULL;
	fz_regions(&after);
	if (rc && strcmp(ivp__buf_str(&before), ivp__buf_str(&after)))
		abort(); /* a failed import changed the regional plans */
	if (!rc) {
		if (ivp_region_show(fz_ctx, NULL, &t) || !ivp_table_nrows(t))
			abort(); /* an imported plan has themes to show */
		ivp_table_free(t);
		t = NULL;
		if (ivp_region_priorities(fz_ctx, NULL, &t))
			abort();
		ivp_table_free(t);
		if (ivp_region_import(fz_ctx, fz_path, NULL, &probs, &r) || !r.unchanged)
			abort(); /* the same file again changes nothing */
		ivp_table_free(probs);
	}
	unlink(fz_path);
	ivp__buf_free(&before);
	ivp__buf_free(&after);
	return 0;
}
