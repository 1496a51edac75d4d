/*
 * fuzz_participation.c — libFuzzer target: any bytes as one of the four
 * participation files (`ivp participation import`, src/plan/participation.c;
 * the first byte picks trajectory, activities, inputs or matrix). A trajectory
 * T and an activity A in wijk WK192601 are there before the first input, so
 * inputs and activities reach their deeper checks. A failed import must leave
 * the trajectories, activities, inputs and matrix entries exactly as before.
 */
#include "fuzz_common.h"
#include "store/particip_store.h"

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

static void fz_state(ivp__buf *b)
{
	if (ivp__store_pt_trajectories_list(fz_ctx, fz_row, b) || ivp__store_pt_activities_list(fz_ctx, "T", fz_row, b) ||
	    ivp__store_pt_inputs_list(fz_ctx, "T", fz_row, b) || ivp__store_pt_entries_list(fz_ctx, fz_row, b) ||
	    ivp__store_pt_themes_list(fz_ctx, fz_row, b))
		abort();
}

/* The seed files are the target's own: their failure is a bug of the set-up. */
static void fz_fail_seed(void)
{
	fprintf(stderr, "fuzz_participation: seed: %s\n", ivp_last_error(fz_ctx)->message);
	abort();
}

static void fz_seed(void)
{
	static int done;
	static const char traj[] = "trajectory,title\nT,Traject\n";
	static const char act[] = "trajectory,activity,kind,date,wijk\nT,A,wijkgesprek,2022-10-04,WK192601\n";
	ivp_import_result r;
	char path[80];

	if (done)
		return;
	done = 1;
	snprintf(path, sizeof(path), "%s.seed", fz_path);
	fz_write(path, traj, sizeof(traj) - 1);
	if (ivp_import_participation(fz_ctx, IVP_PT_TRAJECTORY, path, NULL, &r))
		fz_fail_seed();
	fz_write(path, act, sizeof(act) - 1);
	if (ivp_import_participation(fz_ctx, IVP_PT_ACTIVITIES, path, NULL, &r))
		fz_fail_seed();
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ivp_import_result r;
	ivp__buf before, after;
	ivp_rc rc;

	if (size < 1)
		return 0;
	fz_setup();
	fz_seed();
	ivp__buf_init(&before, 1u << 24);
	ivp__buf_init(&after, 1u << 24);
	fz_state(&before);
	fz_write(fz_path, data + 1, size - 1);
	rc = ivp_import_participation(fz_ctx, (ivp_pt_file)(data[0] % 4), fz_path, NULL, &r);
	fz_state(&after);
	if (rc && strcmp(ivp__buf_str(&before), ivp__buf_str(&after)))
		abort(); /* a failed import changed something */
	unlink(fz_path);
	ivp__buf_free(&before);
	ivp__buf_free(&after);
	return 0;
}
