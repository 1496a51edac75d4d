/*
 * job.c — the import job every reader runs in: one transaction, the import
 * record (provenance), unchanged-detection by SHA-256, progress, and errors
 * with file, line, column and field.
 *
 * Every kind of import goes through ivp__job_run(): the data files of
 * ivp_import (import.c, the driver with its table of readers), locally
 * registered values (plan/values.c), the plan file (plan/plan_api.c) and
 * boundaries. A reader only reads rows and writes them through the store;
 * who imported, under which name, how many rows, whether the same file was
 * imported before and what is left after a failure are decided here once.
 *
 * States of a job:
 *   PREPARE   the files exist and are readable; spec->prepare sniffs the
 *             layout and settles the options (nothing written yet)
 *   OPEN      a thread hashes the files while this one BEGINs, adds the
 *             import row (sha256 "pending") and runs spec->read
 *   FINISHED  hash known and not seen before -> row finished with counts
 *             and hash -> COMMIT
 *   UNCHANGED the same (kind, hash, options) imported before — noticed by
 *             the readers every 65,536 facts and at the end — or the reader
 *             said so (ivp__job_unchanged) -> ROLLBACK, result "unchanged"
 *   FAILED    any error -> ROLLBACK: the database holds exactly what it held
 * (Hashing first and reading after cost a second pass over the file: 5% of
 * a national import on one core.)
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit/audit.h"
#include "ingest/ingest.h"

/* ---- the hashing thread ------------------------------------------------------ */

typedef struct ivp__hasher {
	const char *const *paths;
	int n;
	pthread_t th;
	int started;
	int done; /* set last, with release order (__atomic) */
	int bad;  /* index of a path that could not be read, or -1 */
	int oom;  /* hashing ran out of memory */
	char sha[65];
} ivp__hasher;

static void *hash_main(void *ud)
{
	ivp__hasher *h = ud;

	if (ivp__sha256_paths(h->paths, h->n, h->sha, &h->bad) && h->bad < 0)
		h->oom = 1;
	__atomic_store_n(&h->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static int hash_done(ivp__hasher *h)
{
	return __atomic_load_n(&h->done, __ATOMIC_ACQUIRE);
}

static void hash_join(ivp__hasher *h)
{
	if (h->started)
		pthread_join(h->th, NULL);
	h->started = 0;
}

static int hash_ok(ivp__hasher *h)
{
	return hash_done(h) && h->bad < 0 && !h->oom;
}

const char *ivp__job_sha256(ivp__job *j)
{
	hash_join(j->hash);
	return hash_ok(j->hash) ? j->hash->sha : NULL;
}

int ivp__job_hash_oom(const ivp__job *j)
{
	return j->hash && j->hash->oom;
}

int ivp__job_seen_before(ivp__job *j)
{
	int64_t id;
	char when[32];
	ivp_rc rc;

	if (!j->hash || j->hash_checked || (j->flags & IVP__JOB_READER_DEDUP) ||
	    !hash_ok(j->hash))
		return 0;
	j->hash_checked = 1;
	rc = ivp__store_import_find(j->ctx, j->kind_name, j->hash->sha, j->options, &id, when);
	if (rc == IVP_ENOTFOUND)
		return 0; /* not seen */
	if (rc)
		return -1; /* the error is on the context: the import fails */
	j->dup = 1;
	j->res->import_id = id;
	snprintf(j->res->note, sizeof(j->res->note),
		 ivp_msg_tr(ivp_lang(j->ctx), "already imported as import %lld on %s; nothing changed"), (long long)id, when);
	return 1;
}

void ivp__job_unchanged(ivp__job *j, const char *fmt, ...)
{
	va_list ap;

	j->dup = 1;
	j->res->import_id = 0;
	va_start(ap, fmt);
	vsnprintf(j->res->note, sizeof(j->res->note), fmt, ap);
	va_end(ap);
}

/* ---- errors and progress ------------------------------------------------------ */

const char *ivp__job_name(const ivp__job *j)
{
	if (j->display && j->paths && j->path == j->paths[0])
		return j->display;
	return j->path;
}

ivp_rc ivp__job_fail(ivp__job *j, long line, const char *field,
		     const char *fmt, ...)
{
	va_list ap;

	ivp__fail(j->ctx, IVP_EINPUT, "%s", "");
	va_start(ap, fmt);
	vsnprintf(j->ctx->err.message, sizeof(j->ctx->err.message), ivp_msg_tr(ivp_lang(j->ctx), fmt), ap);
	va_end(ap);
	ivp__where(j->ctx, ivp__job_name(j), line, field);
	return IVP_EINPUT;
}

ivp_rc ivp__job_store(ivp__job *j, ivp_rc rc)
{
	ivp__where(j->ctx, ivp__job_name(j), 0, NULL);
	return rc;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ivp__job_progress(ivp__job *j, uint64_t done)
{
	double t;

	if (!j->opts || !j->opts->progress || (j->res->rows & 4095))
		return;
	t = now_s();
	if (t - j->last_progress < 1.0)
		return;
	j->last_progress = t;
	j->opts->progress(j->opts->progress_ud, ivp__job_name(j), done, j->size,
			  j->res->rows);
}

ivp_rc ivp__job_csv(ivp__job *j, FILE *f, ivp__csv **out)
{
	*out = ivp__csv_open_file(f, 0, IVP__MAX_RECORD);
	if (!*out)
		return ivp__oom(j->ctx, "The CSV reader for \"%s\" could not be set up.", ivp__job_name(j));
	return IVP_OK;
}

ivp_rc ivp__job_csv_fail(ivp__job *j, ivp__csv *c)
{
	static const char *const codes[] = {
		[IVP__CSV_OK] = "internal_error",
		[IVP__CSV_NUL] = "csv_nul_byte",
		[IVP__CSV_BAD_UTF8] = "csv_bad_utf8",
		[IVP__CSV_UNTERMINATED] = "csv_unterminated_quote",
		[IVP__CSV_TOO_LONG] = "csv_record_too_long",
		[IVP__CSV_TOO_MANY_FIELDS] = "csv_too_many_fields",
		[IVP__CSV_NOMEM] = "out_of_memory",
	};
	ivp__csv_err e = ivp__csv_errcode(c);

	if (e == IVP__CSV_NOMEM) {
		ivp__oom(j->ctx, "A record of \"%s\" could not be read.", ivp__job_name(j));
		ivp__where(j->ctx, ivp__job_name(j), ivp__csv_errline(c), NULL);
		return IVP_ENOMEM;
	}
	if (e == IVP__CSV_OK)
		return ivp__fail(j->ctx, IVP_EINTERNAL, "the CSV reader failed without a reason");
	ivp__job_fail(j, ivp__csv_errline(c), NULL, "cannot read the file as CSV: %s",
		      ivp__csv_error(c));
	ivp__column(j->ctx, ivp__csv_errcol(c));
	ivp__code(j->ctx, codes[e]);
	switch (e) {
	case IVP__CSV_UNTERMINATED:
		ivp__hint(j->ctx, "The file seems truncated: download it again completely.");
		break;
	case IVP__CSV_BAD_UTF8:
	case IVP__CSV_NUL:
		ivp__hint(j->ctx, "Give a CSV text file saved as UTF-8 (StatLine: download as CSV).");
		break;
	default:
		ivp__hint(j->ctx, "Check the file around this line.");
	}
	return IVP_EINPUT;
}

ivp_rc ivp__job_json_fail(ivp__job *j, const json_error_t *e, const char *hint)
{
	enum json_error_code code = json_error_code(e);

	if (code == json_error_out_of_memory) {
		ivp__oom(j->ctx, "The JSON of \"%s\" could not be loaded.", ivp__job_name(j));
		ivp__where(j->ctx, ivp__job_name(j), 0, NULL);
		return IVP_ENOMEM;
	}
	ivp__job_fail(j, e->line, NULL, "invalid JSON: %s", e->text);
	ivp__detail(j->ctx, "The parser stopped at line %d, column %d.", e->line, e->column);
	ivp__column(j->ctx, e->column > 0 ? e->column : 0);
	if (code == json_error_premature_end_of_input) {
		ivp__code(j->ctx, "json_truncated");
		ivp__hint(j->ctx, "The file seems truncated: download it again.");
	} else {
		ivp__code(j->ctx, "json_syntax");
		ivp__hint(j->ctx, "%s", hint);
	}
	return IVP_EINPUT;
}

/* ---- the job ---------------------------------------------------------------- */

/* Who is recorded: the caller names the user (the signed-in user, the CLI's
 * --user or its OS account as "os:NAME"); the library never guesses. */
static const char *who(const ivp_import_opts *o)
{
	return o && o->user && *o->user ? o->user : "unknown";
}

/* Every file exists and is readable; their total size for progress. */
static ivp_rc check_files(ivp_ctx *ctx, const ivp__job_spec *spec, const ivp_import_opts *opts,
			  uint64_t *size)
{
	*size = 0;
	for (int i = 0; i < spec->npaths; i++) {
		struct stat sb;
		const char *name = i == 0 && opts && opts->file_name ? opts->file_name : spec->paths[i];

		if (stat(spec->paths[i], &sb) || access(spec->paths[i], R_OK)) {
			ivp__fail(ctx, IVP_EIO, "cannot open \"%s\"", name);
			ivp__code(ctx, "file_unreadable");
			ivp__detail(ctx, "The file does not exist or is not readable.");
			ivp__hint(ctx, "Check the path.");
			ivp__where(ctx, name, 0, NULL);
			return IVP_EIO;
		}
		*size += (uint64_t)sb.st_size;
	}
	return IVP_OK;
}

/* The same file imported before (or the reader says nothing is new): only
 * the earlier import's id, the note, the layout and the hash remain. */
static void result_unchanged(ivp_import_result *out, const char *layout, const char *sha)
{
	int64_t id = out->import_id;
	char note[sizeof(out->note)];

	snprintf(note, sizeof(note), "%s", out->note);
	memset(out, 0, sizeof(*out));
	out->import_id = id;
	out->unchanged = 1;
	snprintf(out->note, sizeof(out->note), "%s", note);
	snprintf(out->layout, sizeof(out->layout), "%s", layout);
	snprintf(out->sha256, sizeof(out->sha256), "%s", sha);
}

ivp_rc ivp__job_run(ivp_ctx *ctx, const ivp__job_spec *spec, const ivp_import_opts *opts,
		    ivp_import_result *out)
{
	ivp__job j;
	ivp__import_rec rec;
	ivp__hasher hasher;
	char obj[64];
	ivp_rc rc;

	memset(out, 0, sizeof(*out));
	memset(&j, 0, sizeof(j));
	memset(&hasher, 0, sizeof(hasher));
	ivp__error_clear(&ctx->err);
	if (spec->npaths < 1)
		return ivp__fail(ctx, IVP_EINPUT, "no file to import");
	j.ctx = ctx;
	j.opts = opts;
	j.res = out;
	j.paths = spec->paths;
	j.npaths = spec->npaths;
	j.path = spec->paths[0];
	j.display = opts && opts->file_name && *opts->file_name ? opts->file_name : NULL;
	j.flags = spec->flags;
	j.kind_name = spec->kind;
	j.layout = spec->layout;
	j.options = spec->options ? spec->options : "";
	if ((rc = check_files(ctx, spec, opts, &j.size)))
		return rc;
	j.last_progress = now_s() + 1.0; /* first progress line after ~2 s */
	if (spec->prepare && (rc = spec->prepare(&j, spec->ud)))
		return rc;
	hasher.paths = spec->paths;
	hasher.n = spec->npaths;
	hasher.bad = -1;
	if (pthread_create(&hasher.th, NULL, hash_main, &hasher))
		return ivp__fail(ctx, IVP_EINTERNAL, "cannot start the hashing thread");
	hasher.started = 1;
	j.hash = &hasher;
	snprintf(out->layout, sizeof(out->layout), "%s", j.layout ? j.layout : "unknown");
	memset(&rec, 0, sizeof(rec));
	rec.kind = j.kind_name;
	rec.layout = out->layout;
	rec.file_name = ivp__job_name(&j);
	rec.sha256 = "pending"; /* the hash, once known, at import_finish */
	rec.options = j.options;
	rec.user = who(opts);
	if ((rc = ivp__store_begin(ctx))) {
		hash_join(&hasher);
		return ivp__job_store(&j, rc);
	}
	ivp__map_init(&j.unknown);
	if ((rc = ivp__store_import_add(ctx, &rec, &j.import_id))) {
		rc = ivp__job_store(&j, rc);
		goto fail;
	}
	out->import_id = j.import_id;
	rc = spec->read(&j, spec->ud);
	hash_join(&hasher);
	if (!rc && !j.dup && ivp__job_seen_before(&j) < 0)
		rc = ctx->err.rc;
	if (j.dup)
		goto unchanged;
	if (hasher.bad >= 0) {
		const char *name = hasher.bad == 0 ? ivp__job_name(&j) : spec->paths[hasher.bad];

		ivp__fail(ctx, IVP_EIO, "cannot read \"%s\"", name);
		ivp__where(ctx, name, 0, NULL);
		rc = IVP_EIO;
		goto fail;
	}
	if (rc)
		goto fail;
	if (hasher.oom) {
		rc = ivp__oom(ctx, "The files could not be hashed.");
		goto fail;
	}
	snprintf(out->sha256, sizeof(out->sha256), "%s", hasher.sha);
	if (out->rows == 0 && out->same == 0 && !(j.flags & IVP__JOB_EMPTY_OK)) {
		j.path = spec->paths[0];
		rc = ivp__job_fail(&j, 0, NULL, "the file holds no figures ivp can store");
		ivp__code(ctx, "no_figures");
		ivp__detail(ctx, "All %lld cells were missing or outside what this import reads.",
			    (long long)(out->missing + out->skipped));
		ivp__hint(ctx, "Check that this is the right table and that the export contains values.");
		goto fail;
	}
	snprintf(obj, sizeof(obj), "import:%lld", (long long)j.import_id);
	if ((rc = ivp__store_import_finish(ctx, j.import_id, out->rows, out->missing,
					   out->skipped, hasher.sha)) ||
	    (rc = ivp__audit_hex(ctx, "import", obj, NULL, hasher.sha)) ||
	    (rc = ivp__store_commit(ctx))) {
		rc = ivp__job_store(&j, rc);
		goto fail;
	}
	ivp__map_free(&j.unknown);
	return IVP_OK;
unchanged:
	/* nothing of this run stays */
	ivp__store_abort(ctx);
	ivp__map_free(&j.unknown);
	ivp__error_clear(&ctx->err);
	result_unchanged(out, j.layout ? j.layout : "unknown", hasher.sha);
	return IVP_OK;
fail:
	ivp__store_abort(ctx);
	hash_join(&hasher);
	ivp__map_free(&j.unknown);
	out->import_id = 0;
	return rc;
}
