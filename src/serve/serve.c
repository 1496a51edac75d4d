/*
 * serve.c — `ivp serve` put together: the pages' state (static files,
 * background imports: web_env), the transport started with the route
 * table and the error hook (serve_app), and stopping it all in the right
 * order (the transport first, so that no request uses the pages' state
 * any more, then a running import, then the files).
 */
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "serve/replicas.h"
#include "serve/serve.h"
#include "serve/serve_int.h"
#include "web/jobs.h"
#include "web/web.h"

struct serve {
	http_server *http;
	serve_retention *retention; /* the daily retention run */
	web_env env;		    /* the pages' state; r->app_data of every request */
	serve_replicas *replicas;   /* --read-db, or NULL */
};

int serve_error(http_req *r, int status, const char *code, const char *message,
		const char *detail, const char *hint)
{
	(void)code; /* a page says it in words */
	if (!r->uri || !strncmp(r->uri, "/api/", 5))
		return -1;
	web_error(r, status, message, detail, hint);
	return 0;
}

serve *serve_start(const serve_opts *o, char *err, size_t errsz)
{
	serve *s = calloc(1, sizeof(*s));
	http_server_opts h;
	char *doc;

	if (!s) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	doc = serve_openapi_json(); /* made per request; made here once to fail early */
	if (!doc) {
		snprintf(err, errsz, "cannot build the OpenAPI document: out of memory");
		goto fail;
	}
	free(doc);
	/* the style sheets and other static files, read once (web/assets.c) */
	s->env.assets = web_assets_load(o->web_root, err, errsz);
	if (!s->env.assets)
		goto fail;
	s->env.jobs = web_jobs_new(o->db);
	if (!s->env.jobs) {
		snprintf(err, errsz, "out of memory");
		goto fail;
	}
	memset(&h, 0, sizeof(h));
	h.db = o->db;
	h.host = o->host;
	h.port = o->port;
	h.threads = o->threads;
	h.max_upload = o->max_upload;
	h.timeout = o->timeout;
	h.access_log = o->access_log;
	h.per_address = o->per_address;
	h.header_timeout = o->header_timeout;
	h.signin_threads = o->signin_threads;
	h.tls_cert = o->tls_cert;
	h.tls_key = o->tls_key;
	h.trusted_proxy = o->trusted_proxy;
	h.keys = o->keys;
	h.app = &serve_app;
	h.app_data = &s->env;
	/* issue 15 (replica): public reads on the replicas of --read-db */
	if (o->read_db && *o->read_db) {
		s->replicas = serve_replicas_new(o->read_db, o->max_lag > 0 ? o->max_lag : 5, err, errsz);
		if (!s->replicas)
			goto fail;
		h.reads = serve_replicas_hook(s->replicas);
	}
	s->http = http_server_start(&h, err, errsz);
	if (!s->http)
		goto fail;
	/* after the migrations (the transport ran them): the registers' retention */
	s->retention = serve_retention_start(o->db, o->keys, 0);
	if (!s->retention) {
		snprintf(err, errsz, "cannot start the retention thread");
		goto fail;
	}
	return s;
fail:
	serve_stop(s);
	return NULL;
}

int serve_port(const serve *s)
{
	return http_server_port(s->http);
}

void serve_stop(serve *s)
{
	if (!s)
		return;
	serve_retention_stop(s->retention); /* waits for a run in progress */
	http_server_stop(s->http);
	serve_replicas_free(s->replicas); /* no worker uses them any more */
	web_jobs_free(s->env.jobs);	  /* waits for a running import */
	web_assets_free(s->env.assets);
	free(s);
}

void serve_print_routes(FILE *out)
{
	http_routes_print(&serve_app, out);
}

int serve_print_openapi(FILE *out)
{
	char *doc = serve_openapi_json();

	if (!doc)
		return -1;
	fputs(doc, out);
	fputc('\n', out);
	free(doc);
	return 0;
}
