/*
 * retention.c — the server's retention daemon: one thread, with its own
 * database context, that runs ivp_retention_run (include/ivp/registers.h)
 * once when `ivp serve` starts and then once a day, so that records of the
 * restricted registers are destroyed when their retention ends even when
 * nobody runs `ivp retention run`. serve_stop stops it: the thread waits on
 * a condition variable, never in a sleep, and is joined. A failed run is
 * one line on stderr (the next day tries again); the records destroyed
 * are in the audit trail, each with its own entry (the registers write
 * them), under the actor "ivp serve retention".
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ivp/audit.h"
#include "ivp/registers.h"
#include "serve/serve_int.h"

struct serve_retention {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	unsigned period; /* seconds between runs */
	char *db, *keys;
};

static void run_once(serve_retention *r)
{
	ivp_ctx *ctx = NULL;
	ivp_table *t = NULL;
	ivp_error e;

	if (ivp_open(r->db, &ctx, &e)) {
		fprintf(stderr, "ivp serve: retention: %s\n", e.message);
		return;
	}
	ivp_set_keys(ctx, r->keys);
	ivp_set_actor(ctx, NULL, NULL, "ivp serve retention");
	if (ivp_retention_run(ctx, NULL, 0, &t))
		fprintf(stderr, "ivp serve: retention: %s\n", ivp_last_error(ctx)->message);
	else if (ivp_table_nrows(t) > 0)
		fprintf(stderr, "ivp serve: retention: %d records destroyed\n", ivp_table_nrows(t));
	ivp_table_free(t);
	ivp_close(ctx);
}

static void *loop(void *ud)
{
	serve_retention *r = ud;
	struct timespec until;

	pthread_mutex_lock(&r->mu);
	while (!r->stop) {
		pthread_mutex_unlock(&r->mu);
		run_once(r);
		pthread_mutex_lock(&r->mu);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += r->period;
		while (!r->stop && pthread_cond_timedwait(&r->cv, &r->mu, &until) == 0)
			;
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

serve_retention *serve_retention_start(const char *db, const char *keys, unsigned period)
{
	serve_retention *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->period = period ? period : 24 * 3600;
	r->db = strdup(db);
	r->keys = keys && *keys ? strdup(keys) : NULL;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	if (!r->db || (keys && *keys && !r->keys) || pthread_create(&r->th, NULL, loop, r)) {
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
		free(r->db);
		free(r->keys);
		free(r);
		return NULL;
	}
	return r;
}

void serve_retention_stop(serve_retention *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = 1;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->th, NULL);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r->db);
	free(r->keys);
	free(r);
}
