/*
 * replicas.c — `ivp serve --read-db REPLICA[,REPLICA…]`: public reads
 * answered by PostgreSQL streaming replicas, everything else by the
 * primary (--db), through the transport's http_reads hook (http.h).
 *
 * Which requests: a GET or HEAD of a public route without a session (the
 * requests the response cache may hold). A signed-in user's pages stay on
 * the primary: they may write (sessions, the audit trail of what was
 * read) and a replica is read-only; so do uploads and every other method.
 *
 * Which replica: round robin over the list, skipping one that is down
 * (its connection failed: not tried again for DOWN_SECONDS on that
 * thread) or that lags: it has not replayed all the primary has written
 * and its last replayed transaction is older than --max-lag. When none
 * is fit, the primary answers. Each pick asks the primary for its log
 * position and the replica for its replayed position and age
 * (ivp_replication): two round trips, only on a cache miss.
 *
 * Read-your-writes: after a request that may have written (any method but
 * GET and HEAD), that client — its address, since such a request has no
 * session or its next reads stay on the primary anyway — reads from the
 * primary until a replica has replayed past the primary's log position
 * after the write, or --max-lag has passed (the table `writers`, a fixed
 * number of slots; a full table forgets the oldest).
 *
 * An answer of a replica goes into the response cache only when that
 * replica had replayed everything the primary had written (*fresh): the
 * cache's generation follows the primary, and a lagging replica's page
 * must not outlive the generation it was made in.
 *
 * Threads: each worker thread has its own context per replica (ivp_ctx is
 * not thread-safe), opened on first use and closed by serve_replicas_free
 * after the transport has stopped; the writers' table has a mutex.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve/replicas.h"

#define MAX_REPLICAS 16
#define WRITERS 256
#define DOWN_SECONDS 1.0

typedef struct writer {
	char client[64];
	int64_t lsn; /* the primary's log after the write */
	double at;   /* when (monotonic seconds) */
} writer;

/* one worker thread's contexts, one per replica */
typedef struct slot {
	ivp_ctx *ctx[MAX_REPLICAS];
	double down_until[MAX_REPLICAS];
	struct slot *next; /* every thread's, for freeing */
} slot;

struct serve_replicas {
	char *db[MAX_REPLICAS];
	int n;
	double max_lag;
	atomic_uint next;
	pthread_key_t key;
	pthread_mutex_t mu; /* slots, writers */
	slot *slots;
	writer writers[WRITERS];
	http_reads hook;
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static slot *thread_slot(serve_replicas *rs)
{
	slot *sl = pthread_getspecific(rs->key);

	if (sl || !(sl = calloc(1, sizeof(*sl))))
		return sl;
	if (pthread_setspecific(rs->key, sl)) {
		free(sl);
		return NULL;
	}
	pthread_mutex_lock(&rs->mu);
	sl->next = rs->slots;
	rs->slots = sl;
	pthread_mutex_unlock(&rs->mu);
	return sl;
}

/* the log position this client's reads must see, or -1 */
static int64_t writer_lsn(serve_replicas *rs, const char *client, double now)
{
	int64_t lsn = -1;
	int i;

	pthread_mutex_lock(&rs->mu);
	for (i = 0; i < WRITERS; i++) {
		writer *w = &rs->writers[i];

		if (!w->client[0] || strcmp(w->client, client))
			continue;
		if (now - w->at > rs->max_lag)
			w->client[0] = '\0'; /* long enough: reads may lag again */
		else
			lsn = w->lsn;
		break;
	}
	pthread_mutex_unlock(&rs->mu);
	return lsn;
}

static void wrote(void *ud, const char *client, ivp_ctx *primary)
{
	serve_replicas *rs = ud;
	ivp_replication_state st;
	int i, slot_i = 0;

	if (ivp_replication(primary, &st))
		st.lsn = INT64_MAX; /* not known: the primary until --max-lag has passed */
	pthread_mutex_lock(&rs->mu);
	for (i = 0; i < WRITERS && strcmp(rs->writers[i].client, client); i++)
		if (rs->writers[i].at < rs->writers[slot_i].at)
			slot_i = i; /* the oldest (or an empty slot) */
	if (i < WRITERS)
		slot_i = i; /* this client's own */
	snprintf(rs->writers[slot_i].client, sizeof(rs->writers[0].client), "%s", client);
	rs->writers[slot_i].lsn = st.lsn;
	rs->writers[slot_i].at = now_s();
	pthread_mutex_unlock(&rs->mu);
}

/* replica k of this thread, opened if need be; NULL when it is down */
static ivp_ctx *replica_ctx(serve_replicas *rs, slot *sl, int k, double now)
{
	ivp_error e;

	if (sl->down_until[k] > now)
		return NULL;
	if (!sl->ctx[k] && ivp_open(rs->db[k], &sl->ctx[k], &e)) {
		sl->ctx[k] = NULL;
		sl->down_until[k] = now + DOWN_SECONDS;
	}
	return sl->ctx[k];
}

static ivp_ctx *pick(void *ud, const char *client, ivp_ctx *primary, int *fresh)
{
	serve_replicas *rs = ud;
	slot *sl = thread_slot(rs);
	double now = now_s();
	int64_t must = writer_lsn(rs, client, now);
	ivp_replication_state p, st;
	unsigned start;
	int i;

	*fresh = 1;
	if (!sl || ivp_replication(primary, &p))
		return NULL;
	start = atomic_fetch_add(&rs->next, 1u);
	for (i = 0; i < rs->n; i++) {
		int k = (int)((start + (unsigned)i) % (unsigned)rs->n);
		ivp_ctx *ctx = replica_ctx(rs, sl, k, now);

		if (!ctx)
			continue;
		if (ivp_replication(ctx, &st)) { /* gone: its connection is tried again later */
			sl->down_until[k] = now + DOWN_SECONDS;
			continue;
		}
		if (!st.standby || st.lsn < must) /* promoted away, or before this client's write */
			continue;
		if (st.lsn < p.lsn && st.age > rs->max_lag)
			continue; /* lags */
		*fresh = st.lsn >= p.lsn;
		return ctx;
	}
	return NULL;
}

serve_replicas *serve_replicas_new(const char *list, double max_lag, char *err, size_t errsz)
{
	serve_replicas *rs = calloc(1, sizeof(*rs));
	const char *p = list;

	if (!rs) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&rs->mu, NULL);
	if (pthread_key_create(&rs->key, NULL)) {
		snprintf(err, errsz, "cannot create a thread key");
		pthread_mutex_destroy(&rs->mu);
		free(rs);
		return NULL;
	}
	rs->max_lag = max_lag;
	while (p && *p) {
		size_t len = strcspn(p, ",");

		if (len && rs->n == MAX_REPLICAS) {
			snprintf(err, errsz, "--read-db names more than %d replicas", MAX_REPLICAS);
			goto fail;
		}
		if (len && !(rs->db[rs->n++] = strndup(p, len))) {
			snprintf(err, errsz, "out of memory");
			goto fail;
		}
		p += len + (p[len] == ',');
	}
	if (!rs->n) {
		snprintf(err, errsz, "--read-db names no replica");
		goto fail;
	}
	rs->hook.pick = pick;
	rs->hook.wrote = wrote;
	rs->hook.ud = rs;
	return rs;
fail:
	serve_replicas_free(rs);
	return NULL;
}

const http_reads *serve_replicas_hook(serve_replicas *rs)
{
	return rs ? &rs->hook : NULL;
}

void serve_replicas_free(serve_replicas *rs)
{
	slot *sl, *next;
	int i;

	if (!rs)
		return;
	for (sl = rs->slots; sl; sl = next) {
		next = sl->next;
		for (i = 0; i < MAX_REPLICAS; i++)
			ivp_close(sl->ctx[i]);
		free(sl);
	}
	for (i = 0; i < rs->n; i++)
		free(rs->db[i]);
	pthread_key_delete(rs->key);
	pthread_mutex_destroy(&rs->mu);
	free(rs);
}
