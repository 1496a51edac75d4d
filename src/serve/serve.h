/*
 * serve.h — `ivp serve` as the CLI sees it: start the server (transport,
 * JSON API and pages together), ask its port, stop it; print the route
 * table or the OpenAPI document. The CLI includes this and
 * include/ivp/ivp.h, nothing else of src/.
 */
#ifndef IVP_SERVE_H
#define IVP_SERVE_H

#include <stddef.h>
#include <stdio.h>

typedef struct serve serve;

typedef struct serve_opts {
	const char *db;		 /* database path as for ivp_open */
	const char *host;	 /* IPv4 address to listen on, e.g. "127.0.0.1" */
	int port;		 /* 0: any free port (serve_port says which) */
	int threads;		 /* worker threads, each with its own ivp_ctx; 0: CPUs */
	size_t max_upload;	 /* largest request body in bytes; 0: 64 MiB */
	unsigned timeout;	 /* idle seconds before a connection is closed; 0: 30 */
	int access_log;		 /* 1: a line per request on stderr */
	const char *web_root;	 /* the web/ folder (node_modules/, static/); NULL: built-in default */
	unsigned per_address;	 /* connections from one address; 0: 128 */
	unsigned header_timeout; /* seconds for a request's headers; 0: 10 */
	int signin_threads;	 /* sign-ins (argon2id) at once; 0: half the CPUs */
	const char *tls_cert;	 /* PEM certificate and key files: TLS; NULL: plain HTTP */
	const char *tls_key;
	const char *trusted_proxy; /* IPv4 address of the reverse proxy; NULL: none */
	const char *keys;	   /* the restricted registers' key file; NULL: none (they stay closed) */
} serve_opts;

/*
 * Read the static files, make the background-import table, check that the
 * OpenAPI document can be made, open the database (migrations once) and
 * start listening. NULL on failure, with the reason in err. Stop with
 * serve_stop.
 */
serve *serve_start(const serve_opts *o, char *err, size_t errsz);
int serve_port(const serve *s);
/* Stop accepting, finish the requests in flight and a running import, free everything. */
void serve_stop(serve *s);

/* Print the route table, one "METHOD PATH ROLE SUMMARY" line per route. */
void serve_print_routes(FILE *out);
/* Print the OpenAPI document as GET /api/v1/openapi.json serves it. 0, or -1 when out of memory. */
int serve_print_openapi(FILE *out);

#endif /* IVP_SERVE_H */
