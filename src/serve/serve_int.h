/*
 * serve_int.h — inside src/serve/: the route table that names the JSON
 * API's handlers (src/api/) and the pages (src/web/), the http_app the
 * transport (src/http/) is started with, and the OpenAPI document made
 * from the table. The unit tests and the fuzz target use these to drive
 * the transport with the real routes.
 */
#ifndef IVP_SERVE_INT_H
#define IVP_SERVE_INT_H

#include "http/http_int.h"

/* Every route of the server (routes.c). */
extern const http_route serve_routes[];
extern const size_t serve_nroutes;

/* The routes plus the error hook (pages for paths outside /api/): what the transport is given. */
extern const http_app serve_app;

/*
 * The transport's error hook (serve.c): an error of a request outside
 * /api/ becomes an HTML error page (web_error); 0 then, else -1 (JSON).
 */
int serve_error(http_req *r, int status, const char *code, const char *message,
		const char *detail, const char *hint);

/* The OpenAPI 3.1 document of serve_routes[], as compact JSON (openapi.c). Caller frees. */
char *serve_openapi_json(void);
/* GET /api/v1/openapi.json */
void serve_openapi(http_req *r);

/* retention.c: the daily retention run of the restricted registers, on a
 * thread of its own (period seconds between runs; 0: a day). NULL when the
 * thread could not start. */
typedef struct serve_retention serve_retention;
serve_retention *serve_retention_start(const char *db, const char *keys, unsigned period);
/* Wake the thread, wait for a run in progress to end, free it. */
void serve_retention_stop(serve_retention *r);

#endif /* IVP_SERVE_INT_H */
