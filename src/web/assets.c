/*
 * assets.c — the static files under /static/, read once at start and
 * served from memory with a long cache lifetime: the NL Design System
 * style sheets from web/node_modules (installed by scripts/install-deps.sh
 * with npm ci) as utrecht.css and tokens.css, and every file of
 * web/static/ (ivp.css). Names are fixed at start, so a request can
 * never reach another file of the disk.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "web/web.h"

#ifndef IVP_WEB_ROOT
#define IVP_WEB_ROOT "web"
#endif
#define ASSETS_MAX 32
#define ASSET_MAX_BYTES (4u << 20)

typedef struct asset {
	char name[64];
	char *data;
	size_t len;
	const char *ctype;
} asset;

struct web_assets {
	asset a[ASSETS_MAX];
	int n;
};

static const char *ctype_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot && !strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (dot && !strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (dot && !strcmp(dot, ".png"))
		return "image/png";
	if (dot && !strcmp(dot, ".ico"))
		return "image/x-icon";
	if (dot && !strcmp(dot, ".txt"))
		return "text/plain; charset=utf-8";
	return "application/octet-stream";
}

/* Add the file at path as `name`; a missing or too large file is skipped. */
static void add(web_assets *w, const char *name, const char *path)
{
	FILE *f;
	struct stat st;
	asset *a;

	if (w->n >= ASSETS_MAX || strlen(name) >= sizeof(w->a[0].name) || stat(path, &st) ||
	    !S_ISREG(st.st_mode) || st.st_size > ASSET_MAX_BYTES || !(f = fopen(path, "rb")))
		return;
	a = &w->a[w->n];
	a->data = malloc((size_t)st.st_size + 1);
	if (a->data && fread(a->data, 1, (size_t)st.st_size, f) == (size_t)st.st_size) {
		a->len = (size_t)st.st_size;
		snprintf(a->name, sizeof(a->name), "%s", name);
		a->ctype = ctype_of(name);
		w->n++;
	} else {
		free(a->data);
		a->data = NULL;
	}
	(void)fclose(f); /* read only */
}

web_assets *web_assets_load(const char *web_root, char *err, size_t errsz)
{
	web_assets *w = calloc(1, sizeof(*w));
	const char *root = web_root && *web_root ? web_root : IVP_WEB_ROOT;
	char path[1024];
	DIR *d;
	struct dirent *e;

	if (!w) {
		snprintf(err, errsz, "out of memory");
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/node_modules/@utrecht/component-library-css/dist/index.css", root);
	add(w, "utrecht.css", path);
	snprintf(path, sizeof(path), "%s/node_modules/@utrecht/design-tokens/dist/index.css", root);
	add(w, "tokens.css", path);
	snprintf(path, sizeof(path), "%s/static", root);
	if ((d = opendir(path))) {
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/static/%s", root, e->d_name);
			add(w, e->d_name, path);
		}
		closedir(d);
	}
	return w;
}

void web_assets_free(web_assets *w)
{
	int i;

	if (!w)
		return;
	for (i = 0; i < w->n; i++)
		free(w->a[i].data);
	free(w);
}

void web_static(http_req *r)
{
	const web_env *env = r->app_data;
	const web_assets *w = env ? env->assets : NULL;
	int i;

	for (i = 0; w && i < w->n; i++) {
		if (strcmp(w->a[i].name, r->path_id))
			continue;
		r->static_body = w->a[i].data;
		r->len = w->a[i].len;
		r->status = 200;
		r->ctype = w->a[i].ctype;
		r->cache = "public, max-age=86400";
		return;
	}
	r->json_errors = 1; /* a missing style sheet is not a page */
	http_error(r, 404, "not_found", "no such static file",
		   "Only the files of web/static/ and the NL Design System style sheets are served.",
		   "Run scripts/install-deps.sh (npm ci in web/) and restart with --web-root.");
}
