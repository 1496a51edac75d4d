/*
 * backup.c — ivp_backup, ivp_restore and ivp_plan_prune (include/ivp/audit.h,
 * docs/backup.md).
 *
 * A backup is written next to its target under a temporary name, checked
 * (the engine's integrity check and the whole audit chain, on a connection
 * of its own to the copy) and only then linked into place, so a backup
 * file that exists is one that passed; link() also refuses to replace a
 * file that appeared meanwhile. A restore checks the file the same way
 * before the store copies it over the live database in one transaction.
 * Both are audit entries: the backup in the live trail (with the SHA-256
 * of the file), the restore in the restored one.
 *
 * On PostgreSQL a backup is pg_dump's archive (ivp__store_backup_dump), not
 * a database to open: the engine checks that it reads back (pg_restore
 * --list), the audit chain is checked on the live database before the
 * dump (whose snapshot holds at least those entries), and a restore goes
 * into an empty database and checks the chain it restored.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit/audit.h"

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* The error of another context as ctx's. */
static ivp_rc take_error(ivp_ctx *ctx, const ivp_error *e)
{
	ctx->err = *e;
	return e->rc ? e->rc : IVP_EINTERNAL;
}

static ivp_rc corrupt(ivp_ctx *ctx, const char *path, const char *why)
{
	ivp__fail(ctx, IVP_EINPUT, "\"%s\" is not a sound ivp database", path);
	ivp__code(ctx, "backup_corrupt");
	ivp__detail(ctx, "The integrity check says: %s.", why);
	ivp__hint(ctx, "Take another backup; a file copied while the server ran may be torn (ivp backup copies consistently).");
	return IVP_EINPUT;
}

/* Open path on a connection of its own and check it: integrity, audit chain. */
static ivp_rc check_file(ivp_ctx *ctx, const char *path, ivp_backup_result *out)
{
	ivp_ctx *c = NULL;
	ivp_error e;
	ivp_audit_check chk;
	char why[256];
	int ok = 0;
	ivp_rc rc;

	memset(&e, 0, sizeof(e));
	if (ivp_open(path, &c, &e)) {
		if (e.rc == IVP_ENOMEM)
			return take_error(ctx, &e);
		return corrupt(ctx, path, e.detail[0] ? e.detail : e.message);
	}
	if (ivp_set_lang(c, *ctx->lang ? ctx->lang : "en"))
		ivp__error_clear(&c->err);
	if ((rc = ivp__store_integrity(c, &ok, why, sizeof(why)))) {
		rc = rc == IVP_ENOMEM ? take_error(ctx, &c->err) : corrupt(ctx, path, c->err.detail);
		ivp_close(c);
		return rc;
	}
	if (!ok) {
		ivp_close(c);
		return corrupt(ctx, path, why);
	}
	if (ivp_audit_verify(c, NULL, &chk)) {
		rc = take_error(ctx, &c->err);
		ivp__hint(ctx, "The audit trail in \"%s\" was changed after it was written; take the backup again.", path);
		ivp_close(c);
		return rc;
	}
	ivp_close(c);
	if (out) {
		out->entries = chk.entries;
		snprintf(out->head, sizeof(out->head), "%s", chk.head_hash);
	}
	return IVP_OK;
}

/* The audit chain of ctx's own database, into out. */
static ivp_rc chain(ivp_ctx *ctx, ivp_backup_result *out)
{
	ivp_audit_check chk;

	if (ivp_audit_verify(ctx, NULL, &chk))
		return ctx->err.rc ? ctx->err.rc : IVP_EINTERNAL;
	out->entries = chk.entries;
	snprintf(out->head, sizeof(out->head), "%s", chk.head_hash);
	return IVP_OK;
}

static ivp_rc file_hash(ivp_ctx *ctx, const char *path, char hex[65], int64_t *bytes)
{
	const char *p[1] = { path };
	struct stat st;
	int bad = 0;

	if (ivp__sha256_paths(p, 1, hex, &bad))
		return bad < 0 ? ivp__oom(ctx, "the hash of %s", path) : ivp__fail(ctx, IVP_EIO, "cannot read \"%s\"", path);
	if (bytes)
		*bytes = stat(path, &st) ? 0 : (int64_t)st.st_size;
	return IVP_OK;
}

ivp_rc ivp_backup(ivp_ctx *ctx, const char *path, ivp_backup_result *out)
{
	char tmp[4096], obj[300], hex[65];
	ivp_backup_result res;
	ivp_rc rc;

	memset(&res, 0, sizeof(res));
	if (out)
		memset(out, 0, sizeof(*out));
	if (!path || !*path || strlen(path) > sizeof(tmp) - 32)
		return ivp__fail(ctx, IVP_EINPUT, "no backup file given");
	if (!access(path, F_OK)) {
		ivp__fail(ctx, IVP_EINPUT, "\"%s\" exists", path);
		ivp__code(ctx, "backup_exists");
		ivp__hint(ctx, "A backup never replaces a file; name a new one, e.g. with the date in it.");
		return IVP_EINPUT;
	}
	snprintf(tmp, sizeof(tmp), "%s.part-%ld", path, (long)getpid());
	(void)unlink(tmp);
	if (ivp__store_backup_dump(ctx) && (rc = chain(ctx, &res)))
		return rc;
	if ((rc = ivp__store_backup(ctx, tmp)))
		goto fail;
	if (!ivp__store_backup_dump(ctx) && (rc = check_file(ctx, tmp, &res)))
		goto fail;
	if (link(tmp, path)) {
		int e = errno;

		rc = ivp__fail(ctx, e == EEXIST ? IVP_EINPUT : IVP_EIO, "cannot write \"%s\": %s", path, strerror(e));
		goto fail;
	}
	(void)unlink(tmp);
	if ((rc = file_hash(ctx, path, hex, &res.bytes)))
		return rc;
	snprintf(obj, sizeof(obj), "file:%s", base_name(path));
	if ((rc = ivp__audit_hex(ctx, "backup", obj, NULL, hex)))
		return rc;
	if (out)
		*out = res;
	return IVP_OK;
fail:
	(void)unlink(tmp);
	return rc;
}

ivp_rc ivp_restore(ivp_ctx *ctx, const char *path, ivp_backup_result *out)
{
	char obj[300], hex[65];
	ivp_backup_result res;
	ivp_rc rc;

	memset(&res, 0, sizeof(res));
	if (out)
		memset(out, 0, sizeof(*out));
	if (!path || !*path || access(path, R_OK)) {
		ivp__fail(ctx, IVP_EIO, "cannot read \"%s\"", path ? path : "");
		ivp__hint(ctx, "Name the file ivp backup wrote.");
		return IVP_EIO;
	}
	if ((rc = file_hash(ctx, path, hex, &res.bytes)))
		return rc;
	if (ivp__store_backup_dump(ctx)) { /* the archive's chain, once it is the database's */
		if ((rc = ivp__store_restore(ctx, path)) || (rc = chain(ctx, &res)))
			return rc;
	} else if ((rc = check_file(ctx, path, &res)) || (rc = ivp__store_restore(ctx, path))) {
		return rc;
	}
	snprintf(obj, sizeof(obj), "file:%s", base_name(path));
	if ((rc = ivp__audit_hex(ctx, "restore", obj, NULL, hex)))
		return rc;
	if (out)
		*out = res;
	return IVP_OK;
}

/* ---- plan history --------------------------------------------------------------- */

typedef struct pv {
	int64_t version;
	char day[11];
	int keep;
} pv;

typedef struct pvs {
	pv *v;
	size_t n, cap;
} pvs;

static int pv_cb(void *ud, const char *const *c, int n)
{
	pvs *l = ud;
	pv *p;

	if (n < 4)
		return -1;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		pv *nv = realloc(l->v, cap * sizeof(*nv));

		if (!nv)
			return -1;
		l->v = nv;
		l->cap = cap;
	}
	p = &l->v[l->n++];
	p->version = c[0] ? strtoll(c[0], NULL, 10) : 0;
	snprintf(p->day, sizeof(p->day), "%.10s", c[2] ? c[2] : "");
	/* an imported plan file (the adopted plan comes in as one), or one a
	 * definitief report names */
	p->keep = (c[1] && !strcmp(c[1], "import")) || (c[3] && !strcmp(c[3], "1"));
	return 0;
}

ivp_rc ivp_plan_prune(ivp_ctx *ctx, const ivp_prune_opts *o, ivp_prune_result *out)
{
	int keep_latest = o && o->keep_latest > 0 ? o->keep_latest : 10;
	pvs l = { NULL, 0, 0 };
	ivp__buf gone;
	size_t i;
	ivp_rc rc;

	memset(out, 0, sizeof(*out));
	ivp__buf_init(&gone, 1 << 20);
	if ((rc = ivp__store_begin(ctx)))
		return rc;
	if ((rc = ivp__store_plan_versions_refs(ctx, pv_cb, &l)))
		goto fail;
	for (i = 0; i < l.n; i++) {
		if (i + (size_t)keep_latest >= l.n)
			l.v[i].keep = 1; /* among the newest */
		if (i + 1 == l.n || strcmp(l.v[i].day, l.v[i + 1].day))
			l.v[i].keep = 1; /* the newest of its day */
	}
	out->versions = (int64_t)l.n;
	for (i = 0; i < l.n; i++) {
		if (l.v[i].keep) {
			out->kept++;
			continue;
		}
		out->removed++;
		if (ivp__buf_printf(&gone, "%s%" PRId64, gone.len ? "," : "", l.v[i].version)) {
			rc = ivp__oom(ctx, "the list of pruned versions");
			goto fail;
		}
		if (!(o && o->dry_run) && (rc = ivp__store_plan_version_delete(ctx, l.v[i].version)))
			goto fail;
	}
	if (o && o->dry_run) {
		ivp__store_abort(ctx);
		goto out;
	}
	if (out->removed && (rc = ivp__audit(ctx, "plan.prune", "plan", ivp__buf_str(&gone), NULL)))
		goto fail;
	if ((rc = ivp__store_commit(ctx)))
		goto fail;
out:
	free(l.v);
	ivp__buf_free(&gone);
	return IVP_OK;
fail:
	ivp__store_abort(ctx);
	free(l.v);
	ivp__buf_free(&gone);
	return rc;
}
