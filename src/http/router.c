/*
 * router.c — finding the route for a method and path in the route table
 * the layer above gave (http_app; src/serve/routes.c).
 *
 * Paths match exactly and byte for byte (no decoding, no trailing-slash
 * folding): a path with %XX in it matches nothing and is a 404. A "{id}"
 * segment of a route matches 1-127 of A-Z a-z 0-9 . _ - (http_path_id
 * copies it out). HEAD is answered as GET (libmicrohttpd leaves the body
 * out).
 */
#include <stdio.h>
#include <string.h>

#include "http/http_int.h"

const char *http_role_name(http_role r)
{
	switch (r) {
	case HTTP_PUBLIC:
		return "public";
	case HTTP_ROLE_VIEWER:
		return "viewer";
	case HTTP_ROLE_PARTNER:
		return "partner";
	case HTTP_ROLE_EDITOR:
		return "editor";
	case HTTP_ROLE_ADMIN:
		return "admin";
	}
	return "?";
}

static int id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-';
}

/* Does path[0..n) match route? The {…} segment's text goes to id (may be NULL). */
static int path_match(const char *route, const char *path, size_t n, char *id, size_t idsz)
{
	size_t i = 0, k;

	while (*route) {
		if (*route == '{') {
			for (k = 0; i + k < n && id_char(path[i + k]); k++)
				;
			if (k == 0 || k >= 128 || (i + k < n && path[i + k] != '/'))
				return 0;
			if (id && idsz)
				snprintf(id, idsz, "%.*s", (int)k, path + i);
			i += k;
			route = strchr(route, '}');
			if (!route)
				return 0;
			route++;
			continue;
		}
		if (i >= n || path[i] != *route)
			return 0;
		i++;
		route++;
	}
	return i == n;
}

static int path_is(const char *route, const char *path, size_t n)
{
	return path_match(route, path, n, NULL, 0);
}

int http_path_id(const char *route, const char *path, size_t n, char *id, size_t idsz)
{
	if (idsz)
		id[0] = '\0';
	return path_match(route, path, n, id, idsz) ? 0 : -1;
}

const http_route *http_route_find(const http_app *app, const char *method, const char *path,
				  size_t pathlen, int *status, char *allow, size_t allowsz)
{
	const char *m = strcmp(method, "HEAD") ? method : "GET";
	size_t i, used = 0;
	int seen = 0;

	if (allowsz)
		allow[0] = '\0';
	for (i = 0; app && i < app->nroutes; i++) {
		const http_route *rt = &app->routes[i];

		if (!path_is(rt->path, path, pathlen))
			continue;
		if (!strcmp(rt->method, m))
			return rt;
		if (used < allowsz) {
			int k = snprintf(allow + used, allowsz - used, "%s%s%s", seen ? ", " : "",
					 rt->method, strcmp(rt->method, "GET") ? "" : ", HEAD");

			used += k > 0 ? (size_t)k : 0;
		}
		seen = 1;
	}
	*status = seen ? 405 : 404;
	return NULL;
}

void http_routes_print(const http_app *app, FILE *out)
{
	size_t i;

	for (i = 0; i < app->nroutes; i++)
		fprintf(out, "%s %s %s %s\n", app->routes[i].method, app->routes[i].path,
			http_role_name(app->routes[i].role), app->routes[i].summary);
}
