/*
 * store_api.c — the public functions of ivp.h that belong to storage:
 * opening and closing a database (ivp_open picks the engine and opens it),
 * its schema and data versions, and the simple listing queries (areas,
 * sources, an area's name). They live here, not in core/, because core/
 * includes nothing above it; like every other caller they reach the
 * engine through the door (store.h), except open and close, which create
 * and end the engine's connection itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/engine.h"
#include "store/store.h"

/* path for a message: a password in a connection string as *** (the
 * PostgreSQL engine refuses such strings, but says so without it) */
static void redact(const char *path, char *out, size_t outsz)
{
	const char *at, *colon, *pw;

	snprintf(out, outsz, "%s", path);
	if ((colon = strstr(path, "://")) && (at = strchr(colon + 3, '@')) &&
	    (colon = memchr(colon + 3, ':', (size_t)(at - colon - 3))))
		snprintf(out, outsz, "%.*s:***%s", (int)(colon - path), path, at);
	else if ((pw = strstr(path, "password")) && (pw = strchr(pw, '=')))
		snprintf(out, outsz, "%.*s=***", (int)(pw - path), path);
}

ivp_rc ivp_open(const char *path, ivp_ctx **out, ivp_error *err)
{
	const ivp__store_ops *ops;
	const char *rest;
	ivp_ctx *ctx;
	char msg[512], shown[256];
	int r;

	*out = NULL;
	if (err)
		ivp__error_clear(err);
	if (ivp__lib_init()) /* OpenSSL, libsodium, GSL: once, here (core/init.c) */
		goto oom;
	ops = ivp__store_engine(path, &rest);
	if (!ops) {
		if (err) {
			err->rc = IVP_EINPUT;
			snprintf(err->code, sizeof(err->code), "unknown_engine");
			snprintf(err->message, sizeof(err->message), "database engine not available for \"%s\"", path);
			snprintf(err->hint, sizeof(err->hint), "Use a SQLite file path or a postgresql:// connection string.");
		}
		return IVP_EINPUT;
	}
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		goto oom;
	r = ops->open(rest, &ctx->store, msg, sizeof(msg));
	if (r == IVP__SE_OPEN_NOMEM) {
		free(ctx);
		goto oom;
	}
	if (r) {
		if (err) {
			err->rc = IVP_EDB;
			snprintf(err->code, sizeof(err->code), "database_open");
			redact(rest, shown, sizeof(shown));
			snprintf(err->message, sizeof(err->message), "cannot open database \"%s\"", shown);
			snprintf(err->detail, sizeof(err->detail), "%s", msg);
			if (ops == &ivp__pg_ops)
				snprintf(err->hint, sizeof(err->hint), "Check that the PostgreSQL server runs and that the "
								       "connection string names a database you may use; a password "
								       "goes in PGPASSFILE, not in --db.");
			else
				snprintf(err->hint, sizeof(err->hint), "Check that the directory exists and is writable, or pass another --db.");
		}
		free(ctx);
		return IVP_EDB;
	}
	*out = ctx;
	return IVP_OK;
oom:
	if (err) {
		err->rc = IVP_ENOMEM;
		snprintf(err->code, sizeof(err->code), "%s", ivp__rc_code(IVP_ENOMEM));
		snprintf(err->message, sizeof(err->message), "out of memory");
	}
	return IVP_ENOMEM;
}

void ivp_close(ivp_ctx *ctx)
{
	if (!ctx)
		return;
	if (ctx->store)
		ctx->store->ops->close(ctx->store);
	if (ctx->vault && ctx->vault_free)
		ctx->vault_free(ctx->vault);
	free(ctx);
}

int ivp_schema_version(ivp_ctx *ctx)
{
	return ctx->store->ops->schema_version(ctx->store);
}

ivp_rc ivp_data_version(ivp_ctx *ctx, int64_t *version)
{
	return ivp__store_data_version(ctx, version);
}

ivp_rc ivp_replication(ivp_ctx *ctx, ivp_replication_state *out)
{
	memset(out, 0, sizeof(*out));
	return ivp__store_replication(ctx, &out->standby, &out->lsn, &out->age);
}

/* row callback: copy text columns into the table, numbers where the column is numeric */
typedef struct fill {
	ivp_table *t;
	const char *numeric; /* per column: 'i' integer, 't' text */
} fill;

static int fill_row(void *ud, const char *const *cols, int n)
{
	fill *f = ud;
	int i;

	if (ivp__table_row(f->t) < 0)
		return -1;
	for (i = 0; i < n && f->numeric[i]; i++) {
		if (!cols[i])
			continue;
		if (f->numeric[i] == 'i') {
			if (ivp__table_set_int(f->t, i, strtoll(cols[i], NULL, 10)))
				return -1;
		} else if (ivp__table_set_text(f->t, i, cols[i])) {
			return -1;
		}
	}
	return 0;
}

static ivp_rc new_table(ivp_ctx *ctx, const char *const *names, const char *brief,
			ivp_table **out)
{
	int i;

	*out = ivp__table_new();
	if (!*out)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	for (i = 0; names[i]; i++)
		if (ivp__table_col(*out, names[i], brief[i] == 'b' ? IVP__COL_BRIEF : 0, 0) < 0) {
			ivp_table_free(*out);
			*out = NULL;
			return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
		}
	return IVP_OK;
}

ivp_rc ivp_area_name(ivp_ctx *ctx, const char *code, char *name, size_t namesz)
{
	char n[256];
	ivp_rc rc = ivp__store_area_get(ctx, code, n, NULL, NULL);

	if (rc == IVP_ENOTFOUND)
		return ivp__coded(ctx, "unknown_area",
				  ivp__fail(ctx, IVP_ENOTFOUND, "unknown area \"%s\"", code));
	if (rc)
		return rc;
	snprintf(name, namesz, "%s", n);
	return IVP_OK;
}

ivp_rc ivp_areas(ivp_ctx *ctx, const char *under, ivp_table **out)
{
	static const char *const names[] = { "code", "name", "level", "parent",
					     "population", "population_1jan", NULL };
	fill f;
	ivp_rc rc;

	*out = NULL;
	if (under) {
		rc = ivp__store_area_get(ctx, under, NULL, NULL, NULL);
		if (rc == IVP_ENOTFOUND) {
			ivp__fail(ctx, IVP_ENOTFOUND, "unknown area \"%s\"", under);
			ivp__code(ctx, "unknown_area");
			ivp__hint(ctx, "List the loaded areas with ivp areas, or import the region code list.");
			return IVP_ENOTFOUND;
		}
		if (rc)
			return rc;
	}
	if ((rc = new_table(ctx, names, "bbbbbb", out)))
		return rc;
	f.t = *out;
	f.numeric = "ttttii";
	if ((rc = ivp__store_areas_list(ctx, under, fill_row, &f))) {
		ivp_table_free(*out);
		*out = NULL;
		return rc;
	}
	return IVP_OK;
}

ivp_rc ivp_sources(ivp_ctx *ctx, ivp_table **out)
{
	static const char *const names[] = { "import", "kind", "layout", "file",
					     "sha256", "options", "rows", "missing", "skipped", "imported_by",
					     "started_at", "finished_at", NULL };
	fill f;
	ivp_rc rc;

	if ((rc = new_table(ctx, names, "bbbb--bb-b-b", out)))
		return rc;
	f.t = *out;
	f.numeric = "itttttiiittt";
	if ((rc = ivp__store_sources_list(ctx, fill_row, &f))) {
		ivp_table_free(*out);
		*out = NULL;
		return rc;
	}
	return IVP_OK;
}

ivp_rc ivp_read_begin(ivp_ctx *ctx, int *opened)
{
	*opened = 0;
	return ivp__store_read_begin(ctx, opened);
}

void ivp_read_end(ivp_ctx *ctx, int opened)
{
	ivp__store_read_end(ctx, opened);
}
