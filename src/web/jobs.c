/*
 * jobs.c — background imports for the import page (see jobs.h).
 *
 * Threads: at most one import thread at a time. It is joined by the next
 * web_jobs_start (when it has ended) or by web_jobs_free, never detached,
 * so that a stopping server waits for the import's transaction to end.
 * Everything the thread and the request threads share is in `jobs` and read
 * or written only with `mu` held; the thread's inputs are copied before it
 * starts and its ivp_ctx is its own.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivp/audit.h"
#include "web/jobs.h"

typedef struct job {
	web_job_view v; /* id 0: a free slot */
	time_t ended;	/* when it ended (DONE/FAILED) */
} job;

struct web_jobs {
	pthread_mutex_t mu;
	char *db;
	job jobs[WEB_JOBS_MAX];
	int64_t next;
	int thread_started; /* `thread` has to be joined */
	int busy;	    /* an import is waiting or running */
	pthread_t thread;
	/* the running import's inputs, owned by its thread until it ends */
	int64_t cur;
	ivp_import_kind kind;
	ivp_import_opts opts;
	char user[64];
	char client[64]; /* the uploader's address, for the audit trail */
	char lang[4];	 /* the language of its errors: the page's */
	char dir[64];
	char path[384];
	char name[256]; /* the upload's own name, for the record */
};

web_jobs *web_jobs_new(const char *db)
{
	web_jobs *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->db = strdup(db ? db : "");
	if (!j->db) {
		free(j);
		return NULL;
	}
	pthread_mutex_init(&j->mu, NULL);
	j->next = 1;
	return j;
}

void web_jobs_free(web_jobs *j)
{
	if (!j)
		return;
	if (j->thread_started)
		pthread_join(j->thread, NULL);
	pthread_mutex_destroy(&j->mu);
	free(j->db);
	free(j);
}

/* With mu held: the job with this id, or NULL. */
static job *find(web_jobs *j, int64_t id)
{
	int i;

	for (i = 0; id > 0 && i < WEB_JOBS_MAX; i++)
		if (j->jobs[i].v.id == id)
			return &j->jobs[i];
	return NULL;
}

/* With mu held: drop finished jobs older than WEB_JOBS_KEEP. */
static void expire(web_jobs *j, time_t now)
{
	int i;

	for (i = 0; i < WEB_JOBS_MAX; i++)
		if (j->jobs[i].v.id && j->jobs[i].ended && now - j->jobs[i].ended > WEB_JOBS_KEEP)
			memset(&j->jobs[i], 0, sizeof(j->jobs[i]));
}

/* With mu held: a free slot, else the one that ended first (never the running one). */
static job *slot(web_jobs *j)
{
	job *best = NULL;
	int i;

	for (i = 0; i < WEB_JOBS_MAX; i++) {
		if (!j->jobs[i].v.id)
			return &j->jobs[i];
		if (j->jobs[i].ended && (!best || j->jobs[i].ended < best->ended))
			best = &j->jobs[i];
	}
	if (best)
		memset(best, 0, sizeof(*best));
	return best;
}

static void on_progress(void *ud, const char *file, uint64_t done, uint64_t total, int64_t rows)
{
	web_jobs *j = ud;
	job *b;

	(void)file;
	pthread_mutex_lock(&j->mu);
	b = find(j, j->cur);
	if (b) {
		b->v.state = WEB_JOB_RUNNING;
		b->v.done = done;
		b->v.total = total;
		b->v.rows = rows;
	}
	pthread_mutex_unlock(&j->mu);
}

static void *worker(void *arg)
{
	web_jobs *j = arg;
	ivp_ctx *ctx = NULL;
	ivp_error e;
	ivp_import_result res;
	const char *paths[1] = { j->path };
	ivp_rc rc;
	job *b;

	memset(&e, 0, sizeof(e));
	memset(&res, 0, sizeof(res));
	pthread_mutex_lock(&j->mu);
	b = find(j, j->cur);
	if (b)
		b->v.state = WEB_JOB_RUNNING;
	pthread_mutex_unlock(&j->mu);
	rc = ivp_open(j->db, &ctx, &e);
	if (!rc) {
		ivp_set_actor(ctx, j->user, NULL, j->client); /* who the import's audit entry names */
		rc = ivp_set_lang(ctx, j->lang);
		if (!rc && j->user[0]) { /* for the uploader's municipality (docs/tenancy.md) */
			char m[64];

			rc = ivp_user_municipality(ctx, j->user, m);
			if (!rc)
				rc = ivp_set_municipality(ctx, m);
		}
		if (!rc)
			rc = ivp_import(ctx, j->kind, paths, 1, &j->opts, &res);
		if (rc)
			e = *ivp_last_error(ctx);
		ivp_close(ctx);
	}
	unlink(j->path);
	rmdir(j->dir);
	pthread_mutex_lock(&j->mu);
	b = find(j, j->cur);
	if (b) {
		b->ended = time(NULL);
		b->v.rows = rc ? b->v.rows : res.rows;
		if (rc) {
			const char *base = strrchr(e.file, '/');

			b->v.state = WEB_JOB_FAILED;
			b->v.rc = rc;
			b->v.err = e;
			/* the file as uploaded, not the server's temporary path */
			if (base)
				memmove(b->v.err.file, base + 1, strlen(base + 1) + 1);
		} else {
			b->v.state = WEB_JOB_DONE;
			b->v.res = res;
			if (b->v.total)
				b->v.done = b->v.total;
		}
	}
	j->busy = 0;
	pthread_mutex_unlock(&j->mu);
	return NULL;
}

int web_jobs_start(web_jobs *j, const char *user, const char *client, const char *lang, ivp_import_kind kind,
		   const ivp_import_opts *opts, const char *path, int64_t *id,
		   char *why, size_t whysz)
{
	const char *tmp = getenv("TMPDIR"), *base = strrchr(path, '/');
	job *b;

	pthread_mutex_lock(&j->mu);
	expire(j, time(NULL));
	if (j->busy) { /* one at a time */
		*id = j->cur;
		pthread_mutex_unlock(&j->mu);
		return 1;
	}
	if (j->thread_started) {
		pthread_join(j->thread, NULL); /* busy is 0: it has ended or is returning */
		j->thread_started = 0;
	}
	b = slot(j);
	if (!b) {
		pthread_mutex_unlock(&j->mu);
		snprintf(why, whysz, "too many imports are kept");
		return -1;
	}
	snprintf(j->dir, sizeof(j->dir), "%s/ivp-job-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(j->dir)) {
		pthread_mutex_unlock(&j->mu);
		snprintf(why, whysz, "cannot make a directory for the import: %s", strerror(errno));
		return -1;
	}
	snprintf(j->path, sizeof(j->path), "%s/%s", j->dir, base ? base + 1 : path);
	if (rename(path, j->path)) {
		snprintf(why, whysz, "cannot keep the upload for the import: %s", strerror(errno));
		rmdir(j->dir);
		pthread_mutex_unlock(&j->mu);
		return -1;
	}
	memset(&j->opts, 0, sizeof(j->opts));
	j->opts.year = opts ? opts->year : 0;
	j->opts.skip_unknown_regions = opts ? opts->skip_unknown_regions : 0;
	snprintf(j->name, sizeof(j->name), "%s", opts && opts->file_name ? opts->file_name : "");
	j->opts.file_name = j->name[0] ? j->name : NULL;
	j->opts.progress = on_progress;
	j->opts.progress_ud = j;
	snprintf(j->user, sizeof(j->user), "%s", user ? user : "");
	snprintf(j->client, sizeof(j->client), "%s", client ? client : "");
	snprintf(j->lang, sizeof(j->lang), "%s", lang && !strcmp(lang, "en") ? "en" : "nl");
	j->opts.user = j->user;
	j->kind = kind;
	j->cur = j->next++;
	memset(b, 0, sizeof(*b));
	b->v.id = j->cur;
	b->v.state = WEB_JOB_WAITING;
	snprintf(b->v.user, sizeof(b->v.user), "%s", j->user);
	j->busy = 1;
	if (pthread_create(&j->thread, NULL, worker, j)) {
		j->busy = 0;
		memset(b, 0, sizeof(*b));
		unlink(j->path);
		rmdir(j->dir);
		pthread_mutex_unlock(&j->mu);
		snprintf(why, whysz, "cannot start the import thread");
		return -1;
	}
	j->thread_started = 1;
	*id = j->cur;
	pthread_mutex_unlock(&j->mu);
	return 0;
}

int web_jobs_get(web_jobs *j, int64_t id, web_job_view *out)
{
	job *b;
	int rc = -1;

	pthread_mutex_lock(&j->mu);
	expire(j, time(NULL));
	b = find(j, id);
	if (b) {
		*out = b->v;
		rc = 0;
	}
	pthread_mutex_unlock(&j->mu);
	return rc;
}
