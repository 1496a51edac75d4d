/*
 * jobs.h — imports from the web page that run in the background (one at a
 * time per server), so that the page can show their progress while they
 * run. The JSON API's POST /api/v1/imports stays synchronous.
 *
 * A job owns its file (moved out of the upload directory into a directory
 * of its own), opens its own ivp_ctx on its own thread, reports progress
 * through ivp_import_opts.progress and keeps its result or error. Jobs live
 * in memory only, in a small table behind one mutex; finished jobs are
 * dropped an hour after they ended (or earlier when the table is full).
 */
#ifndef IVP_WEB_JOBS_H
#define IVP_WEB_JOBS_H

#include <stdint.h>
#include <time.h>

#include "ivp/ivp.h"

typedef struct web_jobs web_jobs;

typedef enum web_job_state {
	WEB_JOB_WAITING = 0,
	WEB_JOB_RUNNING,
	WEB_JOB_DONE,
	WEB_JOB_FAILED
} web_job_state;

#define WEB_JOBS_MAX 32	   /* jobs kept */
#define WEB_JOBS_KEEP 3600 /* seconds a finished job is kept */

/* A copy of one job, as the status page shows it. */
typedef struct web_job_view {
	int64_t id;
	char user[64]; /* who started it */
	web_job_state state;
	uint64_t done, total;  /* bytes read of the file */
	int64_t rows;	       /* rows so far */
	ivp_import_result res; /* WEB_JOB_DONE */
	ivp_rc rc;	       /* WEB_JOB_FAILED */
	ivp_error err;	       /* WEB_JOB_FAILED; file is the name as uploaded */
} web_job_view;

/* A table of jobs whose imports open `db`. NULL: out of memory. */
web_jobs *web_jobs_new(const char *db);
/* Wait for a running import to end, then free everything. NULL: nothing. */
void web_jobs_free(web_jobs *j);

/*
 * Start importing `path` (moved into the job's own directory; the caller's
 * file is gone afterwards on success) with kind and opts (year and
 * skip_unknown_regions are copied; user is `user`; its errors and notes
 * in `lang`, the page's). 0 with *id set; 1 when
 * an import is already running (*id is that job); -1 on a system error
 * (why says what).
 */
int web_jobs_start(web_jobs *j, const char *user, const char *client, const char *lang, ivp_import_kind kind,
		   const ivp_import_opts *opts, const char *path, int64_t *id,
		   char *why, size_t whysz);

/* Copy job `id` into *out. 0, or -1 when there is no such job (or it expired). */
int web_jobs_get(web_jobs *j, int64_t id, web_job_view *out);

#endif /* IVP_WEB_JOBS_H */
