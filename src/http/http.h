/*
 * http.h — the HTTP transport as the layer above (src/serve/) sees it:
 * start it with a route table and error hook (http_app, http_int.h), ask
 * its port, stop it. Everything else of src/http/ is internal
 * (http_int.h).
 */
#ifndef IVP_HTTP_H
#define IVP_HTTP_H

#include <stddef.h>

typedef struct http_server http_server;
struct http_app;

typedef struct http_server_opts {
	const char *db;		    /* database path as for ivp_open */
	const char *host;	    /* IPv4 address to listen on, e.g. "127.0.0.1" */
	int port;		    /* 0: any free port (http_server_port says which) */
	int threads;		    /* worker threads, each with its own ivp_ctx; 0: CPUs */
	size_t max_upload;	    /* largest request body in bytes; 0: 64 MiB */
	unsigned timeout;	    /* idle seconds before a connection is closed; 0: 30 */
	unsigned max_time;	    /* seconds a request (upload) may take in all; 0: 600 */
	int access_log;		    /* 1: a line per request on stderr */
	const struct http_app *app; /* the routes and the error hook; must outlive the server */
	void *app_data;		    /* given to every request as r->app_data (the caller owns it) */
	unsigned per_address;	    /* connections at once from one client address; 0: 128 */
	unsigned header_timeout;    /* seconds a request's line and headers may take; 0: 10 */
	int signin_threads;	    /* threads of the bounded pool for HTTP_SLOW routes
				     * (argon2id); 0: half the CPUs, at least 1 */
	const char *tls_cert;	    /* PEM file of the certificate (chain); with tls_key: TLS */
	const char *tls_key;	    /* PEM file of its private key */
	const char *trusted_proxy;  /* IPv4 address whose X-Forwarded-For/-Proto are believed;
				     * NULL: none */
	const char *keys;	    /* the restricted registers' key file, set on every
				     * thread's ivp_ctx (ivp_set_keys); NULL: none */
} http_server_opts;

/*
 * Open the database (applying migrations once) and start listening. NULL
 * on failure, with the reason in err.
 */
http_server *http_server_start(const http_server_opts *o, char *err, size_t errsz);
int http_server_port(const http_server *s);
/* Stop accepting, finish the requests in flight, close every context. */
void http_server_stop(http_server *s);

#endif
