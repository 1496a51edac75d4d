/*
 * signals_import.c — the import of an existing spreadsheet of signals
 * (CSV with ';' or ',', docs/registers.md) into the signals register,
 * as one reader run by the import job (ingest/job.c): one transaction,
 * one recorded import of kind "signals", errors with file, line and field
 * and what to change, nothing half-written, the same file again
 * "unchanged".
 *
 *   id;received;source;phenomenon;buurt;address;description;persons;companies
 *
 * (or the Dutch names nummer, ontvangen, bron, fenomeen, buurt, adres,
 * omschrijving, personen, bedrijven). Required: received, source,
 * phenomenon, description; an empty id gets the next number of its year.
 * Every row is checked as an intake is (signals.c) and written sealed
 * with its own data key, with an audit entry "signal.import"; an error
 * message names the field, never its value when the value is personal.
 */
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "ingest/csv.h"
#include "ingest/ingest.h"
#include "registers/signals.h"
#include "store/signal_store.h"

enum {
	F_ID,
	F_RECEIVED,
	F_SOURCE,
	F_PHEN,
	F_BUURT,
	F_ADDRESS,
	F_DESC,
	F_PERSONS,
	F_COMPANIES,
	F_N
};

static const char *const names[F_N] = { "id", "received", "source", "phenomenon", "buurt",
					"address", "description", "persons", "companies" };
static const char *const names_nl[F_N] = { "nummer", "ontvangen", "bron", "fenomeen", "buurt",
					   "adres", "omschrijving", "personen", "bedrijven" };

typedef struct sig_cols {
	int col[F_N];
} sig_cols;

static ivp_rc header(ivp__job *j, ivp__csv *c, sig_cols *k)
{
	static const int required[] = { F_RECEIVED, F_SOURCE, F_PHEN, F_DESC };
	size_t f;
	int i, r;

	for (i = 0; i < F_N; i++)
		k->col[i] = -1;
	if ((r = ivp__csv_next(c)) < 0)
		return ivp__job_csv_fail(j, c);
	if (r == 0) {
		ivp__job_fail(j, 1, NULL, "the file is empty");
		ivp__code(j->ctx, "empty_file");
		ivp__hint(j->ctx, "The first line names the columns; see docs/registers.md.");
		return IVP_EINPUT;
	}
	for (f = 0; f < ivp__csv_nfields(c); f++)
		for (i = 0; i < F_N; i++)
			if (ivp__field_eq(ivp__csv_field_at(c, f), names[i]) ||
			    ivp__field_eq(ivp__csv_field_at(c, f), names_nl[i]))
				k->col[i] = (int)f;
	for (i = 0; i < 4; i++)
		if (k->col[required[i]] < 0) {
			ivp__job_fail(j, 1, names[required[i]], "missing column \"%s\"", names[required[i]]);
			ivp__code(j->ctx, "missing_column");
			ivp__hint(j->ctx, "Add the column to the first line; see docs/registers.md.");
			return IVP_EINPUT;
		}
	return IVP_OK;
}

static const char *fv(ivp__csv *c, const sig_cols *k, int i)
{
	int col = k->col[i];

	return col >= 0 && (size_t)col < ivp__csv_nfields(c) ? ivp__csv_field_at(c, (size_t)col)->p : "";
}

static const char *opt(ivp__csv *c, const sig_cols *k, int i)
{
	const char *v = fv(c, k, i);

	return *v ? v : NULL;
}

/* the error on ctx is about field `name` of this line */
static ivp_rc at(ivp__job *j, ivp__csv *c, const sig_cols *k, long line, const char *name)
{
	int i;

	ivp__where(j->ctx, ivp__job_name(j), line, name);
	for (i = 0; i < F_N; i++)
		if (!strcmp(names[i], name) && k->col[i] >= 0 && (size_t)k->col[i] < ivp__csv_nfields(c))
			ivp__column(j->ctx, ivp__csv_column(c, ivp__csv_field_at(c, (size_t)k->col[i])));
	return IVP_EINPUT;
}

static int exists_cb(void *ud, const char *const *cols, int n)
{
	(void)ud, (void)cols, (void)n;
	return 0;
}

/* An id of the file: given twice in it, or a signal the register holds
 * already (an import adds signals; an existing one changes through its
 * weighing and status, decided and audited per record). */
static ivp_rc id_free(ivp__job *j, ivp__csv *c, const sig_cols *k, long line, ivp__map *ids, const char *id)
{
	ivp_rc rc;
	int seen;

	if (ivp__map_get(ids, id)) {
		ivp__fail(j->ctx, IVP_EINPUT, "%s is given twice in this file", id);
		ivp__hint(j->ctx, "Keep one line per signal.");
		ivp__code(j->ctx, "duplicate_key");
		return at(j, c, k, line, "id");
	}
	rc = ivp__store_sig_rows(j->ctx, id, exists_cb, NULL);
	if (rc == IVP_ENOTFOUND)
		return IVP_OK;
	if (rc)
		return ivp__job_store(j, rc);
	/* the same file again is "unchanged", not a refusal: wait for its hash */
	(void)ivp__job_sha256(j);
	if ((seen = ivp__job_seen_before(j)))
		return seen < 0 ? j->ctx->err.rc : IVP_EINPUT; /* stopped: the job reports "unchanged" */
	ivp__fail(j->ctx, IVP_EINPUT, "signal %s is in the register already", id);
	ivp__hint(j->ctx, "An import adds new signals: leave the number out or give a new one; change an existing signal with ivp signals weigh or status.");
	ivp__code(j->ctx, "signal_exists");
	return at(j, c, k, line, "id");
}

static ivp_rc row(ivp__job *j, ivp__csv *c, const sig_cols *k, long line, ivp__map *seen)
{
	ivp_signal_in in;
	ivp__sig_norm n;
	const char *field = NULL;
	char id[64];
	int64_t *slot;
	int dup = 0, existed = 0;
	ivp_rc rc;

	memset(&in, 0, sizeof(in));
	in.id = opt(c, k, F_ID), in.received = fv(c, k, F_RECEIVED), in.source = fv(c, k, F_SOURCE);
	in.phenomenon = fv(c, k, F_PHEN), in.buurt = opt(c, k, F_BUURT), in.address = opt(c, k, F_ADDRESS);
	in.description = opt(c, k, F_DESC), in.persons = opt(c, k, F_PERSONS), in.companies = opt(c, k, F_COMPANIES);
	if (in.id && !ivp__sig_id_ok(in.id)) {
		ivp__fail(j->ctx, IVP_EINPUT, "\"%.40s\" is not a signal number", in.id);
		ivp__hint(j->ctx, "Leave the number out (the next one is given), or write S-YYYY-NNNN.");
		ivp__code(j->ctx, "bad_value");
		return at(j, c, k, line, "id");
	}
	if (in.id && (rc = id_free(j, c, k, line, seen, in.id)))
		return rc;
	if ((rc = ivp__sig_check(j->ctx, &in, &n, &field)))
		return rc == IVP_EINPUT ? at(j, c, k, line, field) : ivp__job_store(j, rc);
	if ((rc = ivp__sig_write(j->ctx, &in, &n, j->import_id, "signal.import", id, &dup)))
		return rc == IVP_EINPUT ? at(j, c, k, line, "id") : ivp__job_store(j, rc);
	if (dup) {
		ivp__fail(j->ctx, IVP_EINPUT, "%s is given twice in this file", id);
		ivp__hint(j->ctx, "Keep one line per signal.");
		ivp__code(j->ctx, "duplicate_key");
		return at(j, c, k, line, "id");
	}
	if (ivp__map_put(seen, id, 1, &slot, &existed) < 0)
		return ivp__oom(j->ctx, "The signals of \"%s\" could not be checked.", ivp__job_name(j));
	return IVP_OK;
}

static ivp_rc read_signals(ivp__job *j, void *ud)
{
	sig_cols k;
	ivp__map seen;
	ivp__csv *c = NULL;
	FILE *f;
	ivp_rc rc;
	int r;

	(void)ud;
	ivp__map_init(&seen);
	if (!(f = fopen(j->path, "rb"))) {
		ivp__fail(j->ctx, IVP_EIO, "cannot open \"%s\"", ivp__job_name(j));
		return IVP_EIO;
	}
	if (!(c = ivp__csv_open_file(f, 0, 1u << 20))) {
		(void)fclose(f); /* read only */
		return ivp__oom(j->ctx, "The CSV reader for \"%s\" could not be set up.", ivp__job_name(j));
	}
	if ((rc = header(j, c, &k)))
		goto out;
	while ((r = ivp__csv_next(c)) > 0) {
		if (ivp__csv_blank(c))
			continue;
		if ((rc = row(j, c, &k, ivp__csv_line(c), &seen)))
			goto out;
		j->res->rows++;
		ivp__job_progress(j, ivp__csv_offset(c));
	}
	if (r < 0)
		rc = ivp__job_csv_fail(j, c);
out:
	ivp__csv_close(c);
	(void)fclose(f); /* read only */
	ivp__map_free(&seen);
	return rc;
}

ivp_rc ivp_import_signals(ivp_ctx *ctx, const char *path, const ivp_import_opts *opts, ivp_import_result *out)
{
	ivp__job_spec spec;
	ivp_rc rc;

	if ((rc = ivp__vault_ready(ctx, IVP__REG_SIGNALS)) || (rc = ivp__sig_need_member(ctx)))
		return rc;
	memset(&spec, 0, sizeof(spec));
	spec.kind = "signals";
	spec.layout = "signals-csv";
	spec.paths = &path;
	spec.npaths = 1;
	spec.read = read_signals;
	return ivp__job_run(ctx, &spec, opts, out);
}
