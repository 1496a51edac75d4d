/*
 * replicas.h — read replicas for `ivp serve --read-db` (replicas.c): the
 * list of replica databases, the lag allowed, and the hook the transport
 * asks where a public read goes (http_reads in http/http.h).
 */
#ifndef IVP_SERVE_REPLICAS_H
#define IVP_SERVE_REPLICAS_H

#include <stddef.h>

#include "http/http.h"
#include "ivp/ivp.h"

typedef struct serve_replicas serve_replicas;

/* list: replica databases separated by commas (as for ivp_open; opened
 * on first use by each worker thread); max_lag: seconds a replica's last
 * replayed transaction may be behind when it has not replayed all of the
 * primary's log, and how long a writer's reads stay on the primary. NULL
 * on failure with the reason in err. Free with serve_replicas_free after
 * the transport has stopped. */
serve_replicas *serve_replicas_new(const char *list, double max_lag, char *err, size_t errsz);
/* The hook for http_server_opts.reads (NULL for NULL). */
const http_reads *serve_replicas_hook(serve_replicas *rs);
void serve_replicas_free(serve_replicas *rs);

#endif /* IVP_SERVE_REPLICAS_H */
