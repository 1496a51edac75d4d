/*
 * server.c — the HTTP server on libmicrohttpd: threads, connections,
 * uploads, responses and the access log. What a request means is decided
 * in request.c and by the handlers of the route table the layer above
 * gives (http_server_opts.app; src/serve/); this file only moves bytes.
 *
 * Threads: MHD runs a pool of `threads` epoll threads; each connection
 * stays on one thread, and a thread's handlers use that thread's own
 * ivp_ctx (ivp_ctx is not thread-safe), opened on the thread's first
 * request and kept in a pthread key. All contexts are listed so that
 * http_server_stop closes them after MHD has joined its threads.
 *
 * One request, in the access handler's calls:
 *   URI callback       a struct conn is made, with the raw URI (query too)
 *   first call         http_prepare; a refusal is answered at once (the
 *                      body, if any, is never read); a GET is answered
 *   upload calls       bytes go to the multipart parser, the file part to
 *                      a fresh private temporary directory; past
 *                      max_upload the rest is dropped and 413 answered
 *   last call          the handler runs on the stored upload
 *   completed callback one access-log line; the temporary files go
 *
 * Limits: header block 32 KiB (HTTP_MAX_HEADERS: 431; beyond MHD's 64 KiB
 * per-connection memory MHD answers 431 itself), URI 4 KiB (414), body
 * max_upload (413), idle timeout, whole-request time max_time (the
 * connection is closed), 1024 connections, per_address of them from one
 * client address (MHD refuses more at accept), and header_timeout for a
 * request's line and headers (the reaper below: MHD's idle timeout alone
 * lets a client that sends a byte a second hold a connection for ever).
 *
 * The reaper: MHD tells us of every connection that opens and closes
 * (on_conn); each has a struct track with its socket and the time its
 * current request began (the connection's start, or the end of the
 * request before: keep-alive). Once a second a thread shuts down the
 * socket of every connection whose request has not got past its headers
 * within header_timeout; MHD then sees the end of the stream and closes
 * it. The list has one mutex, and a track leaves it (on_conn CLOSED)
 * before MHD closes the socket, so a shut-down socket is always ours.
 *
 * The slow pool: routes flagged HTTP_SLOW (sign-in: one argon2id costs
 * 64 MiB and a third of a second) are not run on the MHD thread, which
 * serves many connections and would make them all wait. The connection
 * is suspended and queued; one of signin_threads pool threads runs the
 * handler (with its own ivp_ctx) and resumes the connection, whose next
 * access-handler call sends the answer. The queue is bounded
 * (SLOW_QUEUE_MAX; beyond: 503 with Retry-After), so sign-ins wait in
 * line and at most signin_threads argon2id run at once, whatever comes.
 *
 * TLS: with tls_cert and tls_key MHD speaks TLS (GnuTLS); such answers
 * carry Strict-Transport-Security and Secure cookies. Behind a reverse
 * proxy, X-Forwarded-For (its last entry) and X-Forwarded-Proto are taken
 * only from trusted_proxy's address; from anyone else they are ignored.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http/cache.h"
#include "ivp/audit.h"
#include "ivp/registers.h"
#include "http/http.h"
#include "http/http_int.h"
#include "http/multipart.h"

struct http_server {
	struct MHD_Daemon *d;
	char *db;
	char *keys;	     /* the registers' key file; NULL: none */
	const http_app *app; /* the routes and the error hook (src/serve/) */
	void *app_data;	     /* handed to every request as r->app_data */
	size_t max_upload;
	unsigned max_time;
	int access_log;
	int port;
	pthread_key_t key;
	pthread_mutex_t mu;
	ivp_ctx **ctxs;
	int nctx;
	ivp_ctx *main_ctx;
	http_cache *cache;	  /* anonymous GET answers of public routes; NULL: off */
	const http_reads *reads;  /* read replicas (http.h); NULL: none */
	int cache_stats;	  /* IVP_CACHE_STATS=1: an X-Cache-Size header */
	int tls;		  /* 1: MHD speaks TLS */
	char *tls_cert, *tls_key; /* PEM, read at start; MHD uses them until stop */
	char proxy[64];		  /* the trusted proxy's address, or "" */
	/* the reaper (see the top) */
	unsigned header_timeout;
	pthread_mutex_t tmu;
	struct track *tracks;
	pthread_t reaper;
	int reaper_on, reaper_stop;
	pthread_cond_t rcv;
	/* the slow pool (see the top) */
	pthread_mutex_t pmu;
	pthread_cond_t pcv;
	pthread_t *pool;
	int npool, pool_stop, queued;
	struct conn *qhead, *qtail;
};

#define SLOW_QUEUE_MAX 256

typedef struct track {
	struct track *prev, *next;
	int fd;
	struct timespec begun; /* the current request's start (CLOCK_MONOTONIC) */
	int in_head;	       /* 1: its line and headers are still coming */
	int shut;	       /* 1: the reaper shut it down */
} track;

typedef struct upload {
	http_mp mp;
	char dir[64];
	char path[384];
	char name[256]; /* the file part's own name (display_name) */
	int fd;		/* the file part being written, or -1 */
	int field;	/* the small field being read, or -1 */
	char names[HTTP_MAX_FIELDS][64];
	char values[HTTP_MAX_FIELDS][HTTP_MAX_FIELD + 1];
	size_t vlen[HTTP_MAX_FIELDS];
	const http_param *spec;
	char why[160];
} upload;

typedef struct conn {
	struct timespec t0;
	char *uri;
	char method[16];
	int started;
	int status; /* the status sent, for the log */
	size_t sent;
	uint64_t received;
	upload *up;
	char *small; /* a "form" body being read (HTTP_MAX_BODY at most) */
	size_t small_len;
	char ct[160];		   /* its Content-Type */
	char csrf[64];		   /* the X-CSRF-Token header */
	char xreason[256];	   /* the X-Reason header (a register record's reason) */
	char lang[8];		   /* the ivp_lang cookie */
	http_session sess;	   /* who the request is from, when signed in */
	const char *xcache;	   /* "hit" or "miss" when the cache was asked; else NULL */
	http_cached hit;	   /* the cached answer's headers (the body went to req) */
	char origin[256];	   /* the Origin header */
	char fsite[32];		   /* the Sec-Fetch-Site header */
	char host[256];		   /* the Host header */
	int slow;		   /* 1: queued on the slow pool; 2: run there, answer now */
	struct MHD_Connection *mc; /* while queued: to resume */
	struct conn *qnext;
	http_req req;
} conn;

/* ---- per-thread contexts ---------------------------------------------------- */

/* This thread's context; NULL with *rc and *err (IVP_ENOMEM: err unset) when none can be had. */
static ivp_ctx *thread_ctx(http_server *s, ivp_rc *rc, ivp_error *err)
{
	ivp_ctx *ctx = pthread_getspecific(s->key), **n;

	if (ctx)
		return ctx;
	if ((*rc = ivp_open(s->db, &ctx, err)))
		return NULL;
	ivp_set_keys(ctx, s->keys); /* read when a register is first asked for */
	pthread_mutex_lock(&s->mu);
	n = realloc(s->ctxs, (size_t)(s->nctx + 1) * sizeof(ivp_ctx *));
	if (n) {
		s->ctxs = n;
		s->ctxs[s->nctx++] = ctx;
	}
	pthread_mutex_unlock(&s->mu);
	if (!n) {
		ivp_close(ctx);
		*rc = IVP_ENOMEM;
		return NULL;
	}
	pthread_setspecific(s->key, ctx);
	return ctx;
}

/* ---- the access log ------------------------------------------------------------ */

static int sensitive(const char *name, size_t n)
{
	static const char *const words[] = { "pass", "pw", "wachtwoord", "token", "csrf",
					     "session", "secret", "geheim", "key", "auth",
					     "cookie", "sig", "otp", "credential",
					     "reason", "reden" };
	char low[64];
	size_t i;

	if (n >= sizeof(low))
		n = sizeof(low) - 1;
	for (i = 0; i < n; i++)
		low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
	low[n] = '\0';
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(low, words[i]))
			return 1;
	return 0;
}

/* The URI for the log: printable ASCII only, values of sensitive names hidden. */
static void log_uri(const char *uri, char *out, size_t outsz)
{
	size_t o = 0;
	const char *p, *name = NULL;
	int hide = 0, inq = 0;

	for (p = uri; p && *p && o + 5 < outsz; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '?' && !inq) {
			inq = 1;
			name = p + 1;
		} else if (inq && c == '&') {
			hide = 0;
			name = p + 1;
		} else if (inq && c == '=' && name && !hide) {
			hide = sensitive(name, (size_t)(p - name));
			if (hide) {
				out[o++] = '=';
				out[o++] = '*';
				out[o++] = '*';
				out[o++] = '*';
				continue;
			}
		}
		if (hide)
			continue;
		if (c < 33 || c > 126 || c == '"') {
			o += (size_t)snprintf(out + o, outsz - o, "%%%02X", c);
			continue;
		}
		out[o++] = (char)c;
	}
	if (p && *p && o + 4 < outsz)
		o += (size_t)snprintf(out + o, outsz - o, "...");
	out[o] = '\0';
}

static void access_log(const conn *c)
{
	struct timespec t1;
	char uri[600], line[800], when[32];
	struct tm tm;
	time_t now = time(NULL);
	double ms;
	int n;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - c->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - c->t0.tv_nsec) / 1e6;
	gmtime_r(&now, &tm);
	(void)strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm); /* 20 bytes */
	log_uri(c->uri, uri, sizeof(uri));
	n = snprintf(line, sizeof(line), "%s %s %s %s %s %d %.3fms %zuB\n", when,
		     c->req.client[0] ? c->req.client : "-",
		     c->req.session && c->req.session->user[0] ? c->req.session->user : "-",
		     c->method[0] ? c->method : "-", uri, c->status, ms, c->sent);
	if (n > 0)
		(void)!write(2, line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* ---- uploads ---------------------------------------------------------------------- */

static void safe_name(const char *in, char *out, size_t outsz)
{
	const char *b = in, *p;
	size_t o = 0;

	for (p = in; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	while (*b == '.')
		b++;
	for (; *b && o + 1 < outsz && o < 100; b++) {
		char c = *b;

		out[o++] = (char)((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
						  (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ?
					  c :
					  '_');
	}
	out[o] = '\0';
	if (!o)
		snprintf(out, outsz, "upload");
}

/* The uploaded file's own name for the import record: the base name as sent,
 * when it is printable UTF-8; else the name it is stored under. */
static void display_name(const char *in, const char *stored, char *out, size_t outsz)
{
	const unsigned char *b = (const unsigned char *)in, *p;
	int more = 0;

	for (p = b; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	for (p = b; *p; p++) {
		if (more) {
			if ((*p & 0xC0) != 0x80)
				break;
			more--;
		} else if (*p < 0x20 || *p == 0x7F) {
			break;
		} else if (*p >= 0x80) {
			if (*p >= 0xC2 && *p <= 0xDF)
				more = 1;
			else if (*p >= 0xE0 && *p <= 0xEF)
				more = 2;
			else if (*p >= 0xF0 && *p <= 0xF4)
				more = 3;
			else
				break;
		}
	}
	if (*p || more || !*b || (size_t)(p - b) >= outsz)
		snprintf(out, outsz, "%s", stored);
	else
		snprintf(out, outsz, "%s", (const char *)b);
}

static int up_part(void *ud, const http_mp_part *p)
{
	conn *c = ud;
	upload *u = c->up;
	const http_param *f;

	for (f = u->spec; f && f->name && strcmp(f->name, p->name); f++)
		;
	if (!f || !f->name) {
		snprintf(u->why, sizeof(u->why), "the form has an unknown field \"%.64s\"", p->name);
		return -1;
	}
	if (f->type == HTTP_P_FILE || f->type == HTTP_P_PROSE) {
		char name[128];

		if ((f->type == HTTP_P_FILE && !p->has_filename) || u->path[0]) {
			snprintf(u->why, sizeof(u->why), "field \"%s\" must be one file", f->name);
			return -1;
		}
		safe_name(p->has_filename ? p->filename : "text.txt", name, sizeof(name));
		display_name(p->has_filename ? p->filename : "text.txt", name, u->name, sizeof(u->name));
		snprintf(u->path, sizeof(u->path), "%s/%s", u->dir, name);
		u->fd = open(u->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (u->fd < 0) {
			snprintf(u->why, sizeof(u->why), "cannot store the upload: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	if (c->req.nfields >= HTTP_MAX_FIELDS) {
		snprintf(u->why, sizeof(u->why), "the form has too many fields");
		return -1;
	}
	u->field = c->req.nfields++;
	snprintf(u->names[u->field], sizeof(u->names[0]), "%s", f->name);
	u->vlen[u->field] = 0;
	c->req.fields[u->field].name = u->names[u->field];
	c->req.fields[u->field].value = u->values[u->field];
	return 0;
}

static int up_data(void *ud, const char *p, size_t n)
{
	conn *c = ud;
	upload *u = c->up;

	if (u->fd >= 0) {
		while (n > 0) {
			ssize_t w = write(u->fd, p, n);

			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				snprintf(u->why, sizeof(u->why), "cannot store the upload: %s", strerror(errno));
				return -1;
			}
			p += w;
			n -= (size_t)w;
		}
		return 0;
	}
	if (u->field < 0 || u->vlen[u->field] + n > HTTP_MAX_FIELD) {
		snprintf(u->why, sizeof(u->why), "a form field is longer than %d bytes", HTTP_MAX_FIELD);
		return -1;
	}
	memcpy(u->values[u->field] + u->vlen[u->field], p, n);
	u->vlen[u->field] += n;
	u->values[u->field][u->vlen[u->field]] = '\0';
	return 0;
}

static int up_end(void *ud)
{
	conn *c = ud;
	upload *u = c->up;

	if (u->fd >= 0 && close(u->fd)) {
		u->fd = -1;
		snprintf(u->why, sizeof(u->why), "cannot store the upload");
		return -1;
	}
	u->fd = -1;
	u->field = -1;
	return 0;
}

static int upload_start(conn *c, const char *ct)
{
	char b[71];
	http_mp_cb cb = { up_part, up_data, up_end, c };
	const char *tmp = getenv("TMPDIR");

	c->up = calloc(1, sizeof(*c->up));
	if (!c->up || http_mp_boundary(ct, b))
		return -1;
	c->up->fd = -1;
	c->up->field = -1;
	c->up->spec = c->req.route->fields;
	snprintf(c->up->dir, sizeof(c->up->dir), "%s/ivp-upload-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(c->up->dir)) {
		c->up->dir[0] = '\0';
		return -1;
	}
	http_mp_init(&c->up->mp, b, &cb);
	return 0;
}

static void upload_free(conn *c)
{
	upload *u = c->up;

	if (!u)
		return;
	if (u->fd >= 0)
		close(u->fd);
	if (u->path[0])
		unlink(u->path);
	if (u->dir[0])
		rmdir(u->dir);
	free(u);
	c->up = NULL;
}

/* ---- the reaper: a request's line and headers within header_timeout ------------------------ */

static void on_conn(void *cls, struct MHD_Connection *mc, void **socket_context,
		    enum MHD_ConnectionNotificationCode toe)
{
	http_server *s = cls;
	track *t = *socket_context;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *fd = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);

		t = calloc(1, sizeof(*t));
		if (!t || !fd) {
			free(t);
			return; /* not watched: MHD's own idle timeout still holds */
		}
		t->fd = fd->connect_fd;
		t->in_head = 1;
		clock_gettime(CLOCK_MONOTONIC, &t->begun);
		pthread_mutex_lock(&s->tmu);
		t->next = s->tracks;
		if (s->tracks)
			s->tracks->prev = t;
		s->tracks = t;
		pthread_mutex_unlock(&s->tmu);
		*socket_context = t;
		return;
	}
	if (!t)
		return;
	pthread_mutex_lock(&s->tmu);
	if (t->prev)
		t->prev->next = t->next;
	else
		s->tracks = t->next;
	if (t->next)
		t->next->prev = t->prev;
	pthread_mutex_unlock(&s->tmu);
	free(t);
	*socket_context = NULL;
}

static void track_headers_done(http_server *s, track *t)
{
	pthread_mutex_lock(&s->tmu);
	t->in_head = 0;
	pthread_mutex_unlock(&s->tmu);
}

/* A request ended: the next one on this connection has header_timeout from now. */
static void track_next_request(http_server *s, track *t)
{
	pthread_mutex_lock(&s->tmu);
	t->in_head = 1;
	clock_gettime(CLOCK_MONOTONIC, &t->begun);
	pthread_mutex_unlock(&s->tmu);
}

static void *reaper(void *arg)
{
	http_server *s = arg;
	struct timespec now, until;
	track *t;

	pthread_mutex_lock(&s->tmu);
	while (!s->reaper_stop) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		for (t = s->tracks; t; t = t->next)
			if (t->in_head && !t->shut && now.tv_sec - t->begun.tv_sec >= (time_t)s->header_timeout) {
				t->shut = 1;
				(void)shutdown(t->fd, SHUT_RDWR);
			}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&s->rcv, &s->tmu, &until);
	}
	pthread_mutex_unlock(&s->tmu);
	return NULL;
}

/* ---- the slow pool: HTTP_SLOW handlers off the MHD threads ----------------------------------- */

static void run(http_server *s, conn *c);

static void *pool_main(void *arg)
{
	http_server *s = arg;
	conn *c;

	for (;;) {
		pthread_mutex_lock(&s->pmu);
		while (!s->qhead && !s->pool_stop)
			pthread_cond_wait(&s->pcv, &s->pmu);
		c = s->qhead;
		if (c) {
			s->qhead = c->qnext;
			if (!s->qhead)
				s->qtail = NULL;
			s->queued--;
		}
		pthread_mutex_unlock(&s->pmu);
		if (!c)
			return NULL; /* stopping, and the queue is empty */
		run(s, c);
		c->slow = 2;
		MHD_resume_connection(c->mc);
	}
}

/*
 * Queue c's handler on the pool and suspend its connection: 1. Run here
 * when there is no pool or it stops: 0. The queue is full: -1, 503 set
 * in c.
 */
static int slow_queue(http_server *s, struct MHD_Connection *mc, conn *c)
{
	pthread_mutex_lock(&s->pmu);
	if (!s->npool || s->pool_stop) {
		pthread_mutex_unlock(&s->pmu);
		run(s, c);
		return 0;
	}
	if (s->queued >= SLOW_QUEUE_MAX) {
		pthread_mutex_unlock(&s->pmu);
		c->req.retry_after = 5;
		http_error(&c->req, 503, "server_busy", "too many sign-ins at once",
			   "The server checks a limited number of passwords at a time and its queue is full.",
			   "Try again in a few seconds.");
		return -1;
	}
	c->slow = 1;
	c->mc = mc;
	c->qnext = NULL;
	MHD_suspend_connection(mc);
	if (s->qtail)
		s->qtail->qnext = c;
	else
		s->qhead = c;
	s->qtail = c;
	s->queued++;
	pthread_cond_signal(&s->pcv);
	pthread_mutex_unlock(&s->pmu);
	return 1;
}

/* ---- responses ------------------------------------------------------------------------ */

static enum MHD_Result reply(http_server *s, struct MHD_Connection *mc, conn *c)
{
	http_req *r = &c->req;
	struct MHD_Response *res;
	enum MHD_Result ok;

	if (!r->body && !r->static_body)
		http_error(r, r->status ? r->status : 500, "internal_error", "no response",
			   "The request ended without an answer; this is a bug of the server.",
			   "Report the request that caused it.");
	if (!r->body && !r->static_body)
		return MHD_NO;
	if (r->static_body) /* a static file: the assets own it until the server stops */
		// MHD 0.9.75 has no const variant; with MHD_RESPMEM_PERSISTENT it never writes the buffer
		res = MHD_create_response_from_buffer(r->len, (void *)(uintptr_t)r->static_body, // NOLINT(performance-no-int-to-ptr)
						      MHD_RESPMEM_PERSISTENT);
	else
		res = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
	if (!res)
		return MHD_NO;
	c->sent = r->len;
	if (!r->static_body)
		r->body = NULL; /* MHD owns it now */
	MHD_add_response_header(res, "Content-Type", r->ctype ? r->ctype : "application/json; charset=utf-8");
	MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(res, "Cache-Control", r->cache ? r->cache : "no-store");
	/* pages take their style sheets from /static/ and post forms only here; no script at all */
	MHD_add_response_header(res, "Content-Security-Policy",
				r->ctype && !strncmp(r->ctype, "text/html", 9) ?
					"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
					"base-uri 'none'; frame-ancestors 'none'" :
					"default-src 'none'; frame-ancestors 'none'");
	if (r->location[0])
		MHD_add_response_header(res, "Location", r->location);
	if (r->disposition[0])
		MHD_add_response_header(res, "Content-Disposition", r->disposition);
	MHD_add_response_header(res, "Referrer-Policy", "no-referrer");
	if (r->secure)
		MHD_add_response_header(res, "Strict-Transport-Security", "max-age=31536000");
	if (r->status == 405 && r->allow[0])
		MHD_add_response_header(res, "Allow", r->allow);
	if (r->status == 401)
		MHD_add_response_header(res, "WWW-Authenticate", "Cookie realm=\"ivp\"");
	if (r->set_cookie[0])
		MHD_add_response_header(res, "Set-Cookie", r->set_cookie);
	if (c->xcache) {
		MHD_add_response_header(res, "X-Cache", c->xcache);
		if (s->cache_stats) {
			http_cache_stats st;
			char v[160];

			http_cache_stats_get(s->cache, &st);
			snprintf(v, sizeof(v), "bytes=%zu entries=%zu max=%zu hits=%llu misses=%llu stores=%llu evictions=%llu",
				 st.bytes, st.entries, st.max_bytes, (unsigned long long)st.hits,
				 (unsigned long long)st.misses, (unsigned long long)st.stores,
				 (unsigned long long)st.evictions);
			MHD_add_response_header(res, "X-Cache-Size", v);
		}
	}
	if ((r->status == 429 || r->status == 503) && r->retry_after > 0) {
		char ra[16];

		snprintf(ra, sizeof(ra), "%d", r->retry_after);
		MHD_add_response_header(res, "Retry-After", ra);
	}
	c->status = r->status;
	ok = MHD_queue_response(mc, (unsigned)r->status, res);
	MHD_destroy_response(res);
	return ok;
}

/*
 * The data version this thread's connection last saw. A change means that
 * another connection (another worker, the CLI) committed: the cache's
 * generation moves on. A thread's first look counts as a change, since
 * commits before it were seen by no one on its behalf.
 *
 * A thread looks at most once a millisecond (CACHE_LOOK_NS). On SQLite a
 * look is cheap, but on PostgreSQL it is a round trip to the primary, and
 * with one per cached answer a thread served half as many (13,000-19,000
 * a second against SQLite's 30,000) and waited on the server for every
 * answer, so a descheduled backend held up all the thread's connections:
 * p99 16-54 ms against SQLite's 12-13 ms (bench/RESULTS.md). So another
 * process's commit is seen within a millisecond, not at once; this
 * server's own writes bump the generation at once (run, below), and a
 * replica's answers lag more than that anyway.
 */
#define CACHE_LOOK_NS 1000000LL

static _Thread_local struct {
	const http_server *s;
	int64_t dv;
	int64_t looked; /* CLOCK_MONOTONIC ns of the last look */
} seen;

static int64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static uint64_t cache_generation(http_server *s, ivp_ctx *ctx)
{
	int64_t dv = 0, now = now_ns();

	if (seen.s == s && now - seen.looked < CACHE_LOOK_NS)
		return http_cache_generation(s->cache);
	if (ivp_data_version(ctx, &dv) || seen.s != s || seen.dv != dv) {
		http_cache_bump(s->cache);
		seen.s = s;
		seen.dv = dv;
	}
	seen.looked = now;
	return http_cache_generation(s->cache);
}

/*
 * May this request's answer come from, or go into, the cache? A GET or
 * HEAD of a public route without a session and without an upload; pages
 * for a signed-in user (forms, CSRF tokens, names) are never cached, nor
 * the static files (already in memory).
 */
static int cacheable(const http_server *s, const conn *c)
{
	const http_req *r = &c->req;

	return s->cache && r->route && r->route->role == HTTP_PUBLIC && !r->session &&
	       !r->route->body_type && !r->route->nocache &&
	       (!strcmp(c->method, "GET") || !strcmp(c->method, "HEAD"));
}

/* The cache key: method, the whole URI (path and query) and the language cookie. */
static void cache_key(const conn *c, char *key, size_t n)
{
	snprintf(key, n, "%s %s\n%s", !strcmp(c->method, "HEAD") ? "GET" : c->method,
		 c->uri ? c->uri : "", c->req.lang_cookie && !strcmp(c->req.lang_cookie, "en") ? "en" : "nl");
}

/* A public read a replica may answer: what the cache may hold, cache or not. */
static int replica_read(const http_server *s, const conn *c)
{
	const http_req *r = &c->req;

	return s->reads && r->route && r->route->role == HTTP_PUBLIC && !r->session && !r->route->body_type &&
	       !r->route->nocache && (!strcmp(c->method, "GET") || !strcmp(c->method, "HEAD"));
}

static void run(http_server *s, conn *c)
{
	http_req *r = &c->req;
	ivp_error e;
	ivp_rc rc = IVP_OK;
	char key[HTTP_MAX_URI + 64];
	uint64_t gen = 0;
	int cache = cacheable(s, c), fresh = 1;
	ivp_ctx *primary, *replica = NULL;

	primary = r->ctx = thread_ctx(s, &rc, &e);
	if (!r->ctx) {
		if (rc == IVP_ENOMEM)
			http_oom(r, "a database connection");
		else
			http_ivp_error(r, rc ? rc : IVP_EDB, &e);
		return;
	}
	if (c->up && c->up->path[0]) {
		r->upload_file = c->up->path;
		r->upload_name = c->up->name;
	}
	if (cache) {
		gen = cache_generation(s, r->ctx);
		cache_key(c, key, sizeof(key));
		if (http_cache_get(s->cache, key, gen, &c->hit)) {
			c->xcache = "hit";
			free(r->body);
			r->body = c->hit.body;
			r->len = c->hit.len;
			r->status = c->hit.status;
			r->ctype = c->hit.ctype[0] ? c->hit.ctype : NULL;
			r->cache = c->hit.cache[0] ? c->hit.cache : NULL;
			return;
		}
		c->xcache = "miss";
	}
	/* a public read on a replica (round robin, src/serve/replicas.c) */
	if (replica_read(s, c) && (replica = s->reads->pick(s->reads->ud, r->client, primary, &fresh)))
		r->ctx = replica;
	cache = cache && fresh;
	/* the ctx speaks English until a page (web_lang) says otherwise */
	rc = ivp_set_lang(r->ctx, "en");
	/* who this request acts for, in every audit entry it makes */
	ivp_set_actor(r->ctx, r->session ? r->session->user : NULL, r->session ? r->session->org : NULL,
		      r->client);
	/* and for which municipality (src/http/auth.c; docs/tenancy.md) */
	if (!http_scope(r, r->session ? &c->sess : NULL))
		http_run(r);
	if (cache && r->body && !r->static_body && !r->set_cookie[0] && !r->location[0] && !r->disposition[0] &&
	    (r->status == 200 || r->status == 404))
		http_cache_put(s->cache, key, gen, r->status, r->ctype, r->cache, r->body, r->len);
	if (strcmp(c->method, "GET") && strcmp(c->method, "HEAD") && s->cache)
		http_cache_bump(s->cache); /* a write by this server: after its commit */
	if (strcmp(c->method, "GET") && strcmp(c->method, "HEAD") && s->reads)
		s->reads->wrote(s->reads->ud, r->client, primary); /* its next reads: read-your-writes */
}

static double elapsed(const conn *c)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - c->t0.tv_sec) + (double)(t.tv_nsec - c->t0.tv_nsec) / 1e9;
}

static int chunked(const char *te)
{
	for (; te && *te; te++)
		if (!strncasecmp(te, "chunked", 7))
			return 1;
	return 0;
}

/* Counts the bytes of the request's header lines (name, ": ", value, CRLF). */
static enum MHD_Result header_bytes(void *cls, enum MHD_ValueKind kind, const char *key,
				    const char *value)
{
	size_t *n = cls;

	(void)kind;
	*n += (key ? strlen(key) : 0) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/*
 * The client as the trusted proxy names it: the last address of
 * X-Forwarded-For (the one the proxy added; those before it the client may
 * have written itself). Left as it is when the header is absent or its
 * last entry is not an address.
 */
static void forwarded_for(struct MHD_Connection *mc, char *client, size_t n)
{
	const char *xf = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-Forwarded-For");
	const char *p, *e;
	char a[64];
	unsigned char bin[16];
	size_t len;

	if (!xf)
		return;
	p = strrchr(xf, ',');
	p = p ? p + 1 : xf;
	while (*p == ' ' || *p == '\t')
		p++;
	for (e = p; *e && *e != ' ' && *e != '\t'; e++)
		;
	len = (size_t)(e - p);
	if (!len || len >= sizeof(a))
		return;
	memcpy(a, p, len);
	a[len] = '\0';
	if (inet_pton(AF_INET, a, bin) == 1 || inet_pton(AF_INET6, a, bin) == 1)
		snprintf(client, n, "%s", a);
}

/*
 * The first call only decides. Answering in it would make MHD close the
 * connection (it cannot know the body was read), so a request without a
 * body is answered in the next call and keep-alive holds; a refused
 * request with a body is answered at once, and its body never read.
 */
static enum MHD_Result first_call(http_server *s, struct MHD_Connection *mc, conn *c,
				  const char *method)
{
	const char *ct = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	const char *cl = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *te = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	const char *ck = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, "ivp_session");
	const char *xt = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token");
	const char *xr = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-Reason");
	const char *xp = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-Forwarded-Proto");
	const char *lg = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, "ivp_lang");
	const char *og = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Origin");
	const char *fs = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Sec-Fetch-Site");
	const char *ho = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const union MHD_ConnectionInfo *sc = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	size_t hbytes = 0;
	int from_proxy;
	ivp_error e;
	ivp_rc rc;
	const http_session *session = ck && *ck ? http_session_lookup(thread_ctx(s, &rc, &e), ck, &c->sess) : NULL;
	int64_t clen = cl ? strtoll(cl, NULL, 10) : -1;
	int body = chunked(te) || clen > 0;

	c->started = 1;
	if (sc && sc->socket_context)
		track_headers_done(s, sc->socket_context);
	snprintf(c->method, sizeof(c->method), "%s", method);
	snprintf(c->ct, sizeof(c->ct), "%s", ct ? ct : "");
	c->req.app_data = s->app_data;
	if (lg) {
		snprintf(c->lang, sizeof(c->lang), "%s", lg);
		c->req.lang_cookie = c->lang;
	}
	if (xt) {
		snprintf(c->csrf, sizeof(c->csrf), "%s", xt);
		c->req.csrf = c->csrf;
	}
	if (xr) {
		snprintf(c->xreason, sizeof(c->xreason), "%s", xr);
		c->req.reason_header = c->xreason;
	}
	if (og) {
		snprintf(c->origin, sizeof(c->origin), "%s", og);
		c->req.origin = c->origin;
	}
	if (fs) {
		snprintf(c->fsite, sizeof(c->fsite), "%s", fs);
		c->req.fetch_site = c->fsite;
	}
	if (ho) {
		snprintf(c->host, sizeof(c->host), "%s", ho);
		c->req.host = c->host;
	}
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
			  c->req.client, sizeof(c->req.client));
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr,
			  c->req.client, sizeof(c->req.client));
	from_proxy = s->proxy[0] && !strcmp(c->req.client, s->proxy);
	c->req.secure = s->tls || (from_proxy && xp && !strcasecmp(xp, "https"));
	if (from_proxy)
		forwarded_for(mc, c->req.client, sizeof(c->req.client));
	MHD_get_connection_values(mc, MHD_HEADER_KIND, header_bytes, &hbytes);
	if (hbytes > HTTP_MAX_HEADERS) {
		char det[160];

		c->req.app = s->app;
		snprintf(det, sizeof(det), "The request's headers hold %zu bytes; this server takes at most %d.",
			 hbytes, HTTP_MAX_HEADERS);
		http_error(&c->req, 431, "headers_too_large", "the request headers are too large", det,
			   "Send fewer or shorter headers (cookies included).");
		return body ? reply(s, mc, c) : MHD_YES;
	}
	if (!c->uri) { /* on_uri could not copy it */
		c->req.app = s->app;
		http_oom(&c->req, "a copy of the request target");
		return body ? reply(s, mc, c) : MHD_YES;
	}
	if (http_prepare(&c->req, s->app, method, c->uri, ct, clen, chunked(te),
			 s->max_upload, session))
		return body ? reply(s, mc, c) : MHD_YES;
	if (c->req.route->body_type && !strcmp(c->req.route->body_type, "form")) {
		c->small = malloc(HTTP_MAX_BODY + 1);
		if (!c->small) {
			http_oom(&c->req, "room for the request body");
			return reply(s, mc, c);
		}
	} else if (c->req.route->body_type && upload_start(c, ct)) {
		if (!c->up)
			http_oom(&c->req, "room for the upload");
		else
			http_error(&c->req, 500, "upload_failed", "cannot store the upload",
				   "No temporary directory could be made.", "Check TMPDIR and free space.");
		return reply(s, mc, c);
	}
	return MHD_YES;
}

/* 500 out_of_memory for a request that has no struct conn (a static body, nothing to free). */
static enum MHD_Result oom_reply(struct MHD_Connection *mc)
{
	struct MHD_Response *res = MHD_create_response_from_buffer(strlen(http_oom_body),
								   (void *)(uintptr_t)http_oom_body, // NOLINT(performance-no-int-to-ptr): MHD 0.9.75 takes void *; PERSISTENT never writes
								   MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ok;

	if (!res)
		return MHD_NO;
	MHD_add_response_header(res, "Content-Type", "application/json; charset=utf-8");
	MHD_add_response_header(res, "Cache-Control", "no-store");
	ok = MHD_queue_response(mc, 500, res);
	MHD_destroy_response(res);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url,
				  const char *method, const char *version,
				  const char *data, size_t *size, void **con_cls)
{
	http_server *s = cls;
	conn *c = *con_cls;

	(void)url;
	(void)version;
	if (!c) /* on_uri ran out of memory */
		return oom_reply(mc);
	if (c->slow == 2) /* the pool ran the handler and resumed us */
		return reply(s, mc, c);
	if (c->slow)
		return MHD_YES;
	if (!c->started)
		return first_call(s, mc, c, method);
	if (*size) {
		size_t n = *size;

		*size = 0;
		c->received += n;
		if (s->max_time && elapsed(c) > s->max_time)
			return MHD_NO; /* too slow: close the connection */
		if (c->req.status || (!c->up && !c->small))
			return MHD_YES; /* answered or refused: drop the rest */
		if (c->small) {
			if (c->small_len + n > HTTP_MAX_BODY)
				http_error(&c->req, 413, "too_large", "the body is too large",
					   "This endpoint takes at most 8192 bytes.", "Send only the fields.");
			else
				memcpy(c->small + c->small_len, data, n);
			c->small_len += n;
		} else if (c->received > s->max_upload) {
			char det[160];

			snprintf(det, sizeof(det), "The body is larger than the %zu bytes this server takes.",
				 s->max_upload);
			http_error(&c->req, 413, "too_large", "the upload is too large", det,
				   "Split the file, or start the server with a larger --max-upload.");
		} else if (http_mp_feed(&c->up->mp, data, n) < 0) {
			http_error(&c->req, 400, "bad_multipart", "the multipart body is malformed",
				   c->up->why[0] ? c->up->why : c->up->mp.err,
				   "Let the client (browser, curl -F) build the multipart body.");
		}
		return MHD_YES;
	}
	if (!c->req.status) {
		if (c->small) {
			if (http_form_parse(&c->req, c->ct, c->small, c->small_len))
				;
			else if (c->req.route->nocache & HTTP_SLOW) {
				if (slow_queue(s, mc, c) > 0)
					return MHD_YES; /* answered when the pool resumes us */
			} else
				run(s, c);
		} else if (c->up && http_mp_finish(&c->up->mp))
			http_error(&c->req, 400, "bad_multipart", "the multipart body is malformed",
				   c->up->why[0] ? c->up->why : c->up->mp.err,
				   "Let the client (browser, curl -F) build the multipart body.");
		else
			run(s, c);
	}
	return reply(s, mc, c);
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *mc)
{
	conn *c = calloc(1, sizeof(*c));

	(void)cls;
	(void)mc;
	if (!c)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &c->t0);
	c->uri = strndup(uri ? uri : "", HTTP_MAX_URI + 1);
	return c;
}

static void on_done(void *cls, struct MHD_Connection *mc, void **con_cls,
		    enum MHD_RequestTerminationCode why)
{
	http_server *s = cls;
	conn *c = *con_cls;

	const union MHD_ConnectionInfo *sc = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	(void)why; /* a request MHD ended itself (431, timeout) logs status 0 */
	if (sc && sc->socket_context)
		track_next_request(s, sc->socket_context);
	if (!c)
		return;
	if (s->access_log)
		access_log(c);
	upload_free(c);
	if (c->small) {
		memset(c->small, 0, c->small_len < HTTP_MAX_BODY ? c->small_len : HTTP_MAX_BODY);
		free(c->small);
	}
	memset(&c->sess, 0, sizeof(c->sess));
	memset(c->csrf, 0, sizeof(c->csrf));
	http_req_clear(&c->req);
	free(c->uri);
	free(c);
	*con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	int n;

	(void)cls;
	n = snprintf(line, sizeof(line), "ivp serve: ");
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	n = (int)strlen(line);
	if (n > 0 && line[n - 1] != '\n' && n + 1 < (int)sizeof(line))
		line[n++] = '\n';
	(void)!write(2, line, (size_t)n);
}

/* ---- start and stop --------------------------------------------------------------------- */

/* A PEM file, whole and NUL-ended (at most 1 MiB); NULL with the reason in err. */
static char *read_pem(const char *path, char *err, size_t errsz)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	size_t n = 0;

	if (!f) {
		snprintf(err, errsz, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	b = malloc((size_t)1 << 20);
	if (b)
		n = fread(b, 1, ((size_t)1 << 20) - 1, f);
	if (!b || ferror(f) || n == 0 || !feof(f)) {
		snprintf(err, errsz, "cannot read %s: %s", path, !b ? "out of memory" : n ? "larger than 1 MiB" :
											    "empty");
		free(b);
		b = NULL;
	} else {
		b[n] = '\0';
	}
	(void)fclose(f); /* read only: nothing to lose */
	return b;
}

static int tls_setup(http_server *s, const http_server_opts *o, char *err, size_t errsz)
{
	if (!o->tls_cert && !o->tls_key)
		return 0;
	if (!o->tls_cert || !o->tls_key) {
		snprintf(err, errsz, "TLS needs both a certificate and its key");
		return -1;
	}
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
		snprintf(err, errsz, "this libmicrohttpd was built without TLS");
		return -1;
	}
	if (!(s->tls_cert = read_pem(o->tls_cert, err, errsz)) || !(s->tls_key = read_pem(o->tls_key, err, errsz)))
		return -1;
	s->tls = 1;
	return 0;
}

static int pool_setup(http_server *s, const http_server_opts *o, long cpus, char *err, size_t errsz)
{
	int n = o->signin_threads > 0 ? o->signin_threads : cpus > 1 ? (int)(cpus / 2) :
								       1;

	s->pool = calloc((size_t)n, sizeof(pthread_t));
	if (!s->pool) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	for (s->npool = 0; s->npool < n; s->npool++)
		if (pthread_create(&s->pool[s->npool], NULL, pool_main, s)) {
			snprintf(err, errsz, "cannot start a thread");
			return -1;
		}
	return 0;
}

http_server *http_server_start(const http_server_opts *o, char *err, size_t errsz)
{
	http_server *s = calloc(1, sizeof(*s));
	struct sockaddr_in sin;
	ivp_error e;
	const union MHD_DaemonInfo *info;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct MHD_OptionItem tlsopt[3] = { { MHD_OPTION_END, 0, NULL }, { MHD_OPTION_END, 0, NULL }, { MHD_OPTION_END, 0, NULL } };
	unsigned threads = o->threads > 0 ? (unsigned)o->threads : cpus > 0 ? (unsigned)cpus :
									      2;

	if (!s) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_mutex_init(&s->tmu, NULL);
	pthread_cond_init(&s->rcv, NULL);
	pthread_mutex_init(&s->pmu, NULL);
	pthread_cond_init(&s->pcv, NULL);
	s->app = o->app;
	s->app_data = o->app_data;
	s->reads = o->reads;
	if (pthread_key_create(&s->key, NULL)) {
		snprintf(err, errsz, "cannot create a thread key");
		free(s);
		return NULL;
	}
	s->db = strdup(o->db);
	s->keys = o->keys && *o->keys ? strdup(o->keys) : NULL;
	s->max_upload = o->max_upload ? o->max_upload : (size_t)64 << 20;
	s->max_time = o->max_time ? o->max_time : 600;
	s->access_log = o->access_log;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)o->port);
	if (inet_pton(AF_INET, o->host, &sin.sin_addr) != 1) {
		snprintf(err, errsz, "\"%s\" is not an IPv4 address", o->host);
		goto fail;
	}
	/* migrations run once, here, before any worker opens the database */
	if (!s->db || ivp_open(s->db, &s->main_ctx, &e)) {
		snprintf(err, errsz, "cannot open the database %s: %s%s%s", o->db,
			 s->db ? e.message : "out of memory", s->db && e.detail[0] ? ": " : "",
			 s->db ? e.detail : "");
		goto fail;
	}
	/* the response cache: IVP_CACHE_KB (default 65536 = 64 MiB; 0: off) */
	{
		const char *kb = getenv("IVP_CACHE_KB"), *st = getenv("IVP_CACHE_STATS");
		long long n = kb && *kb ? strtoll(kb, NULL, 10) : 65536;

		s->cache_stats = st && !strcmp(st, "1");
		if (n > 0 && !(s->cache = http_cache_new((size_t)n * 1024))) {
			snprintf(err, errsz, "out of memory");
			goto fail;
		}
	}
	if (tls_setup(s, o, err, errsz) || pool_setup(s, o, cpus, err, errsz))
		goto fail;
	if (s->tls) {
		tlsopt[0] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_CERT, 0, s->tls_cert };
		tlsopt[1] = (struct MHD_OptionItem){ MHD_OPTION_HTTPS_MEM_KEY, 0, s->tls_key };
	}
	if (o->trusted_proxy && *o->trusted_proxy) {
		struct in_addr a;

		if (inet_pton(AF_INET, o->trusted_proxy, &a) != 1) {
			snprintf(err, errsz, "\"%s\" is not an IPv4 address", o->trusted_proxy);
			goto fail;
		}
		inet_ntop(AF_INET, &a, s->proxy, sizeof(s->proxy));
	}
	s->d = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME |
			(s->tls ? MHD_USE_TLS : 0),
		0, NULL, NULL,
		on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
		MHD_OPTION_THREAD_POOL_SIZE, threads,
		MHD_OPTION_CONNECTION_LIMIT, 1024u,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->per_address ? o->per_address : 128u,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
		MHD_OPTION_CONNECTION_TIMEOUT, o->timeout ? o->timeout : 30u,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, s,
		MHD_OPTION_NOTIFY_COMPLETED, on_done, s,
		MHD_OPTION_NOTIFY_CONNECTION, on_conn, s,
		MHD_OPTION_ARRAY, tlsopt,
		MHD_OPTION_END);
	if (!s->d) {
		snprintf(err, errsz, "cannot listen on %s:%d: %s", o->host, o->port,
			 errno ? strerror(errno) : "libmicrohttpd refused to start");
		goto fail;
	}
	info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : o->port;
	s->header_timeout = o->header_timeout ? o->header_timeout : 10u;
	if (pthread_create(&s->reaper, NULL, reaper, s)) {
		snprintf(err, errsz, "cannot start a thread");
		goto fail;
	}
	s->reaper_on = 1;
	return s;
fail:
	http_server_stop(s);
	return NULL;
}

int http_server_port(const http_server *s)
{
	return s->port;
}

void http_server_stop(http_server *s)
{
	int i;

	if (!s)
		return;
	/* the pool first: every suspended connection resumed before MHD stops */
	pthread_mutex_lock(&s->pmu);
	s->pool_stop = 1;
	pthread_cond_broadcast(&s->pcv);
	pthread_mutex_unlock(&s->pmu);
	for (i = 0; i < s->npool; i++)
		pthread_join(s->pool[i], NULL);
	free(s->pool);
	if (s->reaper_on) {
		pthread_mutex_lock(&s->tmu);
		s->reaper_stop = 1;
		pthread_cond_signal(&s->rcv);
		pthread_mutex_unlock(&s->tmu);
		pthread_join(s->reaper, NULL);
	}
	if (s->d)
		MHD_stop_daemon(s->d);
	for (i = 0; i < s->nctx; i++)
		ivp_close(s->ctxs[i]);
	free(s->ctxs);
	ivp_close(s->main_ctx);
	pthread_key_delete(s->key);
	pthread_mutex_destroy(&s->mu);
	pthread_mutex_destroy(&s->tmu);
	pthread_cond_destroy(&s->rcv);
	pthread_mutex_destroy(&s->pmu);
	pthread_cond_destroy(&s->pcv);
	free(s->tls_cert);
	if (s->tls_key) {
		memset(s->tls_key, 0, strlen(s->tls_key));
		free(s->tls_key);
	}
	http_cache_free(s->cache);
	free(s->db);
	free(s->keys);
	free(s);
}
