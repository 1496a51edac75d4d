/*
 * torture.c — the fault-injection sweep (curl's torture mode, SQLite's
 * malloc fault simulation): for N = 1, 2, … it fails the Nth allocation
 * (core/alloc.h; only in IVP_FAULT builds) during one call and checks that
 * the call
 *
 *   - does not crash (ASan/UBSan abort the run if it does),
 *   - leaks nothing: every block the hook handed out since the database
 *     was opened is freed once it is closed again, and LeakSanitizer
 *     finds nothing (checked every --lsan runs),
 *   - writes nothing half: a dump of the database through the public API
 *     is the one before the call, or — when the call succeeded anyway —
 *     the one after a good call (an HTTP write may also fail after its
 *     commit, when rendering the answer: then the write is whole),
 *   - says out of memory: IVP_ENOMEM with "out of memory" in the message;
 *     for HTTP status 500 whose body, if any, has code "out_of_memory",
 *
 * until a run completes without an injected failure, which must then
 * succeed. The scenarios: opening a database, an import of a small real
 * CSV, a plan import, server requests through the socket-free path
 * (http_int.h), and the registers' vault (vault:init, vault:seal,
 * vault:open, vault:rotate, vault:shred: keys init, a signal taken in and
 * opened, the keys rotated, a record crypto-shredded by retention). For
 * the vault the key file is part of the state: it is put back before
 * every run, and the dump holds the key status, whether the file exists,
 * and every signal opened through its data key — so after a failed rotate
 * the keys on disk must still open everything, and a failed init must
 * leave no key file behind.
 *
 * usage: torture --src DIR [--full] [--stride K] [--persist]
 *                 [--only SCENARIO] [--from N] [--to N]
 *                 [--lsan K] [--trace]
 *   --src     the source tree (test data, example files)
 *   --full    the larger inputs and every N (make torture); default the
 *             small ones, as make test runs them
 *   --stride  try every Kth N only (default 1)
 *   --persist fail the Nth allocation and every one after it
 *   --only    run one scenario (open, import, plan, http:<name>, vault:<name>)
 *             or, ending in ':', a family (vault:); the vault's scenarios
 *             run only so or with --full
 *   --from    start at N
 *   --to      stop after N
 *   --lsan    run LeakSanitizer's check every K runs (default 1; 0 never)
 *   --trace   print the stack of each allocation made to fail (ASan builds)
 *
 * Prints per scenario N (the allocations a good call makes), the runs and
 * the failures; exits 1 when any check failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "http/http_int.h"
#include "serve/serve_int.h"
#include "ivp/audit.h"
#include "ivp/ivp.h"
#include "ivp/registers.h"
#include "ivp/signals.h"
#include "store/auth_store.h"
#include "store/reg_store.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_LSAN 1
#endif
#endif
#ifdef HAVE_LSAN
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
#endif

#ifndef IVP_FAULT
#error "torture.c needs a build with -DIVP_FAULT=ON (scripts/test.sh)"
#endif

/* ---- small helpers --------------------------------------------------------- */

static const char *src = ".";
static char tmpdir[256];
static int failures;
static const char *cur_name = "";
static long cur_n;

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "torture: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(2);
}

/* A check failed: say where (scenario and N) and go on with the next N. */
static void fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "FAIL %s N=%ld: ", cur_name, cur_n);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	failures++;
}

#ifdef HAVE_LSAN
static void print_stack(void)
{
	fprintf(stderr, "torture: %s N=%ld: the allocation made to fail:\n", cur_name, cur_n);
	__sanitizer_print_stack_trace();
}

static void on_death(void)
{
	fprintf(stderr, "torture: died in scenario %s at N=%ld\n", cur_name, cur_n);
}
#endif

static void path_of(char *out, size_t n, const char *rel)
{
	snprintf(out, n, "%s/%s", src, rel);
}

static void copy_file(const char *from, const char *to)
{
	char buf[1 << 16];
	ssize_t k;
	int in = open(from, O_RDONLY), out;

	if (in < 0)
		die("cannot open %s: %s", from, strerror(errno));
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0)
		die("cannot create %s: %s", to, strerror(errno));
	while ((k = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)k) != k)
			die("cannot write %s", to);
	close(in);
	close(out);
}

/* Remove db and its WAL files. */
static void rm_db(const char *db)
{
	char p[512];

	unlink(db);
	snprintf(p, sizeof(p), "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	unlink(p);
}

/* A growable string of the harness (libc's allocator: never failed, never counted). */
typedef struct str {
	char *p;
	size_t len, cap;
} str;

static void str_add(str *s, const char *t)
{
	size_t n = strlen(t);

	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		s->p = realloc(s->p, s->cap);
		if (!s->p)
			die("out of memory in the harness");
	}
	memcpy(s->p + s->len, t, n + 1);
	s->len += n;
}

/* ---- the dump: what the database holds, through the public API ---------- */

/* A table as JSON, without the columns of clock times (…_at, at, when): a run an
 * hour later writes the same rows at another time. */
static void dump_table(str *s, const char *what, ivp_rc rc, ivp_table *t)
{
	char h[128];
	char *j;
	int cols[64], n = 0, c;

	snprintf(h, sizeof(h), "\n== %s rc=%d\n", what, (int)rc);
	str_add(s, h);
	if (rc || !t)
		return;
	for (c = 0; c < ivp_table_ncols(t) && n < 64; c++) {
		const char *name = ivp_table_colname(t, c);
		size_t len = strlen(name);

		if (strcmp(name, "when") && strcmp(name, "at") && (len < 3 || strcmp(name + len - 3, "_at")))
			cols[n++] = c;
	}
	j = ivp_table_json(t, cols, n, IVP_JSON_COMPACT);
	if (!j)
		die("cannot render %s", what);
	str_add(s, j);
	ivp_free(j); /* the library's block: its free, which the hook sees */
	ivp_table_free(t);
}

static int dump_vault;	    /* the scenario is the vault's: dump_keys too */
static char keys_work[512]; /* the key file of the run (the template's: keys_tmpl) */
static char keys_tmpl[512];

/* The vault's state: the key status (path left out: it is the run's), whether
 * the key file is there, and every signal opened (export: each one's data
 * key unwrapped by the keys on disk and every sealed field opened). */
static void dump_keys(ivp_ctx *ctx, str *s)
{
	static const char *const keep[] = { "register", "version", "current", "in_file", "deks" };
	ivp_table *t = NULL;
	ivp_rc rc;

	rc = ivp_keys_status(ctx, &t);
	str_add(s, access(keys_work, F_OK) ? "\n== key file: none" : "\n== key file: there");
	if (!rc && t) {
		char h[160];

		for (int i = 0; i < ivp_table_nrows(t); i++) {
			char v[5][32];

			for (size_t k = 0; k < sizeof(keep) / sizeof(keep[0]); k++) {
				int c;

				for (c = 0; c < ivp_table_ncols(t) && strcmp(ivp_table_colname(t, c), keep[k]); c++)
					;
				if (c == ivp_table_ncols(t))
					snprintf(v[k], sizeof(v[k]), "~");
				else if (ivp_table_text(t, i, c))
					snprintf(v[k], sizeof(v[k]), "%s", ivp_table_text(t, i, c));
				else
					snprintf(v[k], sizeof(v[k]), "%lld", (long long)ivp_table_int(t, i, c));
			}
			/* a version only in the file, wrapping nothing and not current: what a
			 * rotation that failed before its commit leaves (the file's first step
			 * holds the old and the new version); the old one still opens all,
			 * which the export below shows */
			if (!strcmp(v[2], "0") && !strcmp(v[3], "1") && !strcmp(v[4], "0"))
				continue;
			snprintf(h, sizeof(h), "\n%s=%s %s=%s %s=%s %s=%s %s=%s", keep[0], v[0], keep[1], v[1], keep[2],
				 v[2], keep[3], v[3], keep[4], v[4]);
			str_add(s, h);
		}
		ivp_table_free(t);
	} else {
		dump_table(s, "keys status", rc, t);
	}
	t = NULL;
	rc = ivp_signals_export(ctx, "torture", "en", &t);
	dump_table(s, "signals opened", rc, t);
}

static void dump(ivp_ctx *ctx, str *s)
{
	ivp_indicator_query q;
	ivp_series_query sq;
	ivp_table *t = NULL;
	ivp_rc rc;
	char *yaml = NULL;

	s->len = 0;
	str_add(s, "");
	rc = ivp_sources(ctx, &t);
	dump_table(s, "sources", rc, t);
	t = NULL;
	rc = ivp_areas(ctx, "GM1926", &t);
	dump_table(s, "areas under GM1926", rc, t);
	t = NULL;
	rc = ivp_definitions(ctx, &t);
	dump_table(s, "definitions", rc, t);
	memset(&q, 0, sizeof(q));
	q.area = "buurten:GM1926";
	q.year = 2023;
	q.indicator = "totaal";
	q.small_threshold = -1;
	t = NULL;
	rc = ivp_indicators(ctx, &q, &t);
	dump_table(s, "indicators buurten:GM1926 2023", rc, t);
	q.area = "GM1926";
	q.indicator = NULL;
	t = NULL;
	rc = ivp_indicators(ctx, &q, &t);
	dump_table(s, "indicators GM1926 2023", rc, t);
	memset(&sq, 0, sizeof(sq));
	sq.area = "GM1926";
	sq.type = "totaal";
	sq.from = 202201;
	sq.to = 202412;
	t = NULL;
	rc = ivp_series(ctx, &sq, &t);
	dump_table(s, "series GM1926 totaal", rc, t);
	t = NULL;
	rc = ivp_plan_history(ctx, &t);
	dump_table(s, "plan history", rc, t);
	rc = ivp_plan_export(ctx, 0, &yaml);
	str_add(s, "\n== plan\n");
	if (!rc && yaml)
		str_add(s, yaml);
	ivp_free(yaml);
	t = NULL;
	rc = ivp_users(ctx, &t);
	dump_table(s, "users", rc, t);
	if (dump_vault)
		dump_keys(ctx, s);
}

/* Say where a and b differ first. */
static void diff(const char *what, const str *a, const str *b)
{
	size_t i = 0;

	while (a->p[i] && a->p[i] == b->p[i])
		i++;
	fail("%s: the database differs at byte %zu:\n  want …%.160s\n  got  …%.160s", what, i,
	     a->p + (i > 40 ? i - 40 : 0), b->p + (i > 40 ? i - 40 : 0));
}

/* ---- scenarios --------------------------------------------------------------- */

typedef struct outcome {
	int ok;		/* the call succeeded */
	int nomem;	/* it failed and said out of memory */
	char what[512]; /* how it failed, for the report */
} outcome;

typedef struct scenario {
	char name[64];
	void (*run)(const struct scenario *sc, ivp_ctx *ctx, outcome *o);
	const char *file; /* import, plan: the input (relative to src) */
	ivp_import_kind kind;
	const char *method, *uri, *ctype, *body; /* http */
	int commit_then_fail;			 /* http writes: the answer, made after the commit,
				 * may fail with the write done (a lost answer) */
	int vault;				 /* a vault scenario: 1 with the template's key file, 2 without one (init) */
} scenario;

static void lib_outcome(ivp_ctx *ctx, ivp_rc rc, outcome *o)
{
	const ivp_error *e = ivp_last_error(ctx);

	o->ok = rc == IVP_OK;
	o->nomem = rc == IVP_ENOMEM && strstr(e->message, "out of memory") != NULL;
	snprintf(o->what, sizeof(o->what), "rc %d (%s): %s; %s", (int)rc, ivp_strerror(rc),
		 e->message, e->detail);
}

static void run_import(const scenario *sc, ivp_ctx *ctx, outcome *o)
{
	ivp_import_opts opts;
	ivp_import_result res;
	char p[512];
	const char *paths[1] = { p };

	memset(&opts, 0, sizeof(opts));
	opts.user = "torture";
	path_of(p, sizeof(p), sc->file);
	lib_outcome(ctx, ivp_import(ctx, sc->kind, paths, 1, &opts, &res), o);
}

static void run_plan(const scenario *sc, ivp_ctx *ctx, outcome *o)
{
	ivp_table *problems = NULL;
	ivp_plan_result res;
	char p[512];

	ivp_import_opts opts;

	memset(&opts, 0, sizeof(opts));
	opts.user = "torture";
	path_of(p, sizeof(p), sc->file);
	lib_outcome(ctx, ivp_plan_import(ctx, p, &opts, &problems, &res), o);
	ivp_table_free(problems);
}

static char work_db[512]; /* the database each run starts from */

/* A second context on the same database, opened and closed. */
static void run_open(const scenario *sc, ivp_ctx *ctx, outcome *o)
{
	ivp_ctx *c2 = NULL;
	ivp_error e;
	ivp_rc rc;

	(void)sc;
	(void)ctx;
	rc = ivp_open(work_db, &c2, &e);
	o->ok = rc == IVP_OK;
	o->nomem = rc == IVP_ENOMEM && strstr(e.message, "out of memory") != NULL;
	snprintf(o->what, sizeof(o->what), "rc %d (%s): %s; %s", (int)rc, ivp_strerror(rc), e.message,
		 e.detail);
	ivp_close(c2);
}

static void run_http(const scenario *sc, ivp_ctx *ctx, outcome *o)
{
	static http_req r; /* big: not on the stack */
	http_session editor = { "torture", HTTP_ROLE_EDITOR, "tok", "csrf-token", "gemeente", "", 0 };
	size_t blen = sc->body ? strlen(sc->body) : 0;
	int st;

	memset(&r, 0, sizeof(r));
	r.csrf = "csrf-token";
	st = http_prepare(&r, &serve_app, sc->method, sc->uri, sc->ctype, sc->body ? (int64_t)blen : -1, 0,
			  1 << 20, &editor);
	if (!st && sc->body)
		st = http_form_parse(&r, sc->ctype, sc->body, blen);
	if (!st) {
		r.ctx = ctx;
		http_run(&r);
		st = r.status;
	}
	o->ok = st == 200 || st == 201;
	o->nomem = st == 500 && (!r.body || strstr(r.body, "\"code\":\"out_of_memory\""));
	snprintf(o->what, sizeof(o->what), "status %d: %.400s", st, r.body ? r.body : "(no body)");
	http_req_clear(&r);
}

/* The vault's calls, as the admin adam (a member of the signals register too). */
static void run_vault(const scenario *sc, ivp_ctx *ctx, outcome *o)
{
	ivp_signal_in in;
	ivp_table *t = NULL;
	char id[64];
	ivp_rc rc;

	if (!strcmp(sc->name, "vault:init")) {
		rc = ivp_keys_init(ctx);
	} else if (!strcmp(sc->name, "vault:seal")) {
		memset(&in, 0, sizeof(in));
		in.received = "2026-03-05", in.source = "police", in.phenomenon = "money laundering";
		in.address = "Kerkweg 9", in.description = "contante aankopen\nsinds maart", in.persons = "Ferry F.";
		rc = ivp_signal_add(ctx, &in, id);
	} else if (!strcmp(sc->name, "vault:open")) {
		rc = ivp_signal_show(ctx, "S-2025-0001", NULL, "en", &t, NULL);
		ivp_table_free(t);
	} else if (!strcmp(sc->name, "vault:rotate")) {
		rc = ivp_keys_rotate(ctx);
	} else { /* vault:shred: S-2025-0001, weighed no action on 2025-01-10, expires 2026-01-10 */
		rc = ivp_retention_run(ctx, "2026-02-01", 0, &t);
		ivp_table_free(t);
	}
	lib_outcome(ctx, rc, o);
}

/* ---- the sweep ------------------------------------------------------------------ */

typedef struct stats {
	long n; /* allocations of a good call */
	long runs;
	long survived; /* runs whose call succeeded despite the failed allocation */
} stats;

static int lsan_every = 1;
static long to_n; /* --to: the last N to try (0: until done) */

static void leak_check(long run)
{
#ifdef HAVE_LSAN
	if (lsan_every > 0 && run % lsan_every == 0 && __lsan_do_recoverable_leak_check())
		fail("LeakSanitizer found a leak (above)");
#else
	(void)run;
#endif
}

static ivp_ctx *open_db(const char *db)
{
	ivp_ctx *ctx;
	ivp_error e;

	if (ivp_open(db, &ctx, &e))
		die("cannot open %s: %s (%s)", db, e.message, e.detail);
	if (dump_vault) {
		ivp_set_keys(ctx, keys_work);
		ivp_set_actor(ctx, "adam", NULL, "torture");
	}
	return ctx;
}

/* A vault scenario's key file as each run starts: the template's, or none (init). */
static void keys_reset(const scenario *sc)
{
	if (!sc->vault)
		return;
	unlink(keys_work);
	if (sc->vault == 1)
		copy_file(keys_tmpl, keys_work);
}

/*
 * One scenario: a good call for the reference dumps and N, then every
 * stride-th N until a run sees no injected failure.
 */
static void sweep(const scenario *sc, const char *tmpl, long from, long stride, int persist,
		  stats *st)
{
	char *db = work_db;
	str before = { 0 }, after = { 0 }, now = { 0 };
	ivp_ctx *ctx;
	outcome o;
	long n, c0, c_arm;
	int dirty = 1, done = 0;

	memset(st, 0, sizeof(*st));
	cur_name = sc->name;
	cur_n = 0;
	dump_vault = sc->vault != 0;
	snprintf(work_db, sizeof(work_db), "%s/work.db", tmpdir);
	/* twice: the first good call may start things lazily (caches of libraries) */
	for (int k = 0; k < 2; k++) {
		rm_db(db);
		copy_file(tmpl, db);
		keys_reset(sc);
		ivp__fault_start(0, 0);
		ctx = open_db(db);
		dump(ctx, &before);
		c0 = ivp__fault_count();
		memset(&o, 0, sizeof(o));
		sc->run(sc, ctx, &o);
		st->n = ivp__fault_count() - c0;
		if (!o.ok)
			die("%s: the call fails without fault injection: %s", sc->name, o.what);
		dump(ctx, &after);
		ivp_close(ctx);
		if (k && ivp__fault_live())
			fail("a good call leaves %ld blocks behind", ivp__fault_live());
	}
	ivp__fault_stop();
	for (n = from; !done && (!to_n || n <= to_n); n += stride) {
		long injected;

		cur_n = n;
		if (dirty || sc->vault) { /* the vault's: its key file with it, every run */
			rm_db(db);
			copy_file(tmpl, db);
			dirty = 0;
		}
		keys_reset(sc);
		ivp__fault_start(0, 0);
		ctx = open_db(db);
		c_arm = ivp__fault_count();
		ivp__fault_arm(n, persist);
		memset(&o, 0, sizeof(o));
		sc->run(sc, ctx, &o);
		ivp__fault_disarm();
		injected = ivp__fault_failed();
		if (!injected)
			st->n = ivp__fault_count() - c_arm; /* as the sweep ran it */
		dump(ctx, &now);
		if (!injected) {
			done = 1;
			if (!o.ok)
				fail("no allocation failed, yet the call failed: %s", o.what);
			else if (strcmp(now.p, after.p))
				diff("after a good call", &after, &now);
			dirty = 1;
		} else if (o.ok) {
			st->survived++;
			if (strcmp(now.p, after.p))
				diff("the call succeeded", &after, &now);
			dirty = 1;
		} else {
			if (!o.nomem)
				fail("not reported as out of memory: %s", o.what);
			if (strcmp(now.p, before.p)) {
				if (!sc->commit_then_fail || strcmp(now.p, after.p))
					diff("the call failed", &before, &now);
				dirty = 1; /* committed, the answer lost (http) */
			}
		}
		ivp_close(ctx);
		if (ivp__fault_live())
			fail("%ld blocks not freed (%s)", ivp__fault_live(), o.ok ? "call succeeded" : o.what);
		ivp__fault_stop();
		leak_check(++st->runs);
		if (st->runs % 1000 == 0)
			fprintf(stderr, "torture: %s: N=%ld …\n", sc->name, n);
	}
	free(before.p);
	free(after.p);
	free(now.p);
	dump_vault = 0;
}

/* ---- set-up: the databases the calls start from -------------------------------- */

static void import_or_die(ivp_ctx *ctx, ivp_import_kind kind, const char *rel, int year, int skip)
{
	ivp_import_opts opts;
	ivp_import_result res;
	char p[512];
	const char *paths[1] = { p };

	memset(&opts, 0, sizeof(opts));
	opts.user = "torture";
	opts.year = year;
	opts.skip_unknown_regions = skip;
	path_of(p, sizeof(p), rel);
	if (ivp_import(ctx, kind, paths, 1, &opts, &res))
		die("set-up: import %s: %s", rel, ivp_last_error(ctx)->message);
}

#define EX "examples/pijnacker-nootdorp/data/"

/* Code lists and populations (as tests/e2e/common_setup.sh); with plan and crime for http. */
static void make_template(const char *db, int for_http, int full)
{
	ivp_ctx *ctx;

	rm_db(db);
	ctx = open_db(db);
	import_or_die(ctx, IVP_IMPORT_CODES, EX "allemisdrijven_metadata_21122025.csv", 0, 0);
	import_or_die(ctx, IVP_IMPORT_CODES, EX "crime__WijkenEnBuurten.csv", 0, 0);
	import_or_die(ctx, IVP_IMPORT_CODES, EX "soortmisdrijf_83648NED_cbs.csv", 0, 0);
	import_or_die(ctx, IVP_IMPORT_POPULATION, EX "bevolkingeindeperiod_jaren_22122025.csv", 0, 1);
	import_or_die(ctx, IVP_IMPORT_POPULATION, EX "population__Population85984_2024.csv", 2024, 0);
	if (full) {
		/* the example plan's goals name locally registered values */
		ivp_import_opts vo;
		ivp_import_result vr;
		char p[512];

		memset(&vo, 0, sizeof(vo));
		vo.user = "torture";
		path_of(p, sizeof(p), "examples/pijnacker-nootdorp/values.csv");
		if (ivp_import_values(ctx, p, &vo, &vr))
			die("set-up: values import: %s", ivp_last_error(ctx)->message);
	}
	if (for_http) {
		ivp_table *problems = NULL;
		ivp_plan_result pr;
		char p[512];

		import_or_die(ctx, IVP_IMPORT_CRIME, EX "misdrijven_2022_2023.csv", 0, 0);
		import_or_die(ctx, IVP_IMPORT_CRIME, "tests/data/47018NED_typed_GM1926_2023.csv", 0, 0);
		ivp_import_opts po;

		memset(&po, 0, sizeof(po));
		po.user = "torture";
		path_of(p, sizeof(p), "tests/data/plan/min.yaml");
		if (ivp_plan_import(ctx, p, &po, &problems, &pr))
			die("set-up: plan import: %s", ivp_last_error(ctx)->message);
		ivp_table_free(problems);
	}
	ivp_close(ctx);
}

/*
 * The vault's databases: users adam (admin, and a member of the signals
 * register: written through the store, as the fuzz target does, since a
 * grant needs a second factor) and mona; with_keys: a key file (keys_tmpl)
 * and two signals, S-2025-0001 weighed "no action" on 2025-01-10 and
 * S-2025-0002 handed to a department.
 */
static void make_vault_template(const char *db, int with_keys)
{
	ivp_signal_weighing w;
	ivp_signal_in in;
	ivp_ctx *ctx;
	char id[64];
	int exists = 0;

	rm_db(db);
	ctx = open_db(db);
	ivp_set_actor(ctx, "adam", NULL, "torture");
	if (ivp__store_user_add(ctx, "adam", "admin", "x", &exists) ||
	    ivp__store_reg_member_add(ctx, "signals", "adam", "torture", "2025-01-01T00:00:00Z", &exists))
		die("set-up: the vault's users: %s", ivp_last_error(ctx)->message);
	if (with_keys) {
		unlink(keys_tmpl);
		ivp_set_keys(ctx, keys_tmpl);
		if (ivp_keys_init(ctx))
			die("set-up: keys init: %s", ivp_last_error(ctx)->message);
		memset(&in, 0, sizeof(in));
		in.received = "2025-01-02", in.source = "resident", in.phenomenon = "drugs";
		in.description = "hennepgeur", in.persons = "Karel A.";
		memset(&w, 0, sizeof(w));
		w.date = "2025-01-10", w.outcome = "none";
		if (ivp_signal_add(ctx, &in, id) || ivp_signal_weigh(ctx, id, &w, NULL))
			die("set-up: a signal: %s", ivp_last_error(ctx)->message);
		in.received = "2025-02-02", in.description = "tweede", in.address = "Dorpsstraat 3";
		w.outcome = "department", w.department = "bibob";
		if (ivp_signal_add(ctx, &in, id) || ivp_signal_weigh(ctx, id, &w, NULL))
			die("set-up: a signal: %s", ivp_last_error(ctx)->message);
	}
	ivp_close(ctx);
}

int main(int argc, char **argv)
{
	long stride = 1, from = 1;
	int full = 0, persist = 0, trace = 0, i;
	const char *only = NULL;
	char tmpl[512], tmpl_http[512], tmpl_vault[512], tmpl_nokeys[512];
	scenario sc[16];
	int nsc = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--src") && i + 1 < argc)
			src = argv[++i];
		else if (!strcmp(argv[i], "--full"))
			full = 1;
		else if (!strcmp(argv[i], "--persist"))
			persist = 1;
		else if (!strcmp(argv[i], "--stride") && i + 1 < argc)
			stride = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--from") && i + 1 < argc)
			from = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--lsan") && i + 1 < argc)
			lsan_every = (int)strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "--to") && i + 1 < argc)
			to_n = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--trace"))
			trace = 1;
		else
			die("usage: torture --src DIR [--full] [--stride K] [--persist] [--only SCENARIO] [--from N] [--to N] [--lsan K] [--trace]");
	}
	if (stride < 1 || from < 1)
		die("--stride and --from take a number of at least 1");
#ifdef HAVE_LSAN
	__sanitizer_set_death_callback(on_death);
	if (trace)
		ivp__fault_on_fail(print_stack);
#else
	if (trace)
		die("--trace needs a build with AddressSanitizer (scripts/test.sh)");
#endif
	snprintf(tmpdir, sizeof(tmpdir), "%s/ivp-torture-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		die("cannot make a temporary directory");
	snprintf(tmpl, sizeof(tmpl), "%s/template.db", tmpdir);
	snprintf(tmpl_http, sizeof(tmpl_http), "%s/template-http.db", tmpdir);
	snprintf(tmpl_vault, sizeof(tmpl_vault), "%s/template-vault.db", tmpdir);
	snprintf(tmpl_nokeys, sizeof(tmpl_nokeys), "%s/template-nokeys.db", tmpdir);
	snprintf(keys_tmpl, sizeof(keys_tmpl), "%s/template.keys", tmpdir);
	snprintf(keys_work, sizeof(keys_work), "%s/work.keys", tmpdir);

	memset(sc, 0, sizeof(sc));
	snprintf(sc[nsc].name, sizeof(sc[nsc].name), "open");
	sc[nsc].run = run_open;
	nsc++;
	snprintf(sc[nsc].name, sizeof(sc[nsc].name), "import");
	sc[nsc].run = run_import;
	sc[nsc].kind = IVP_IMPORT_CRIME;
	sc[nsc].file = full ? EX "misdrijven_2022_2023.csv" : "tests/data/47018NED_typed_GM1926_2023.csv";
	nsc++;
	snprintf(sc[nsc].name, sizeof(sc[nsc].name), "plan");
	sc[nsc].run = run_plan;
	sc[nsc].file = full ? "examples/pijnacker-nootdorp/plan.yaml" : "tests/data/plan/min.yaml";
	nsc++;
	snprintf(sc[nsc].name, sizeof(sc[nsc].name), "http:indicators");
	sc[nsc].run = run_http;
	sc[nsc].method = "GET";
	sc[nsc].uri = "/api/v1/indicators?area=GM1926&year=2023";
	nsc++;
	snprintf(sc[nsc].name, sizeof(sc[nsc].name), "http:measure");
	sc[nsc].run = run_http;
	sc[nsc].method = "POST";
	sc[nsc].uri = "/api/v1/measures/m1/progress";
	sc[nsc].ctype = "application/json";
	sc[nsc].commit_then_fail = 1;
	sc[nsc].body = "{\"status\": \"running\", \"note\": \"torture\", \"date\": \"2024-05-01\", \"spent\": \"2023=100\"}";
	nsc++;
	if (full) {
		snprintf(sc[nsc].name, sizeof(sc[nsc].name), "http:progress");
		sc[nsc].run = run_http;
		sc[nsc].method = "GET";
		sc[nsc].uri = "/api/v1/plan/progress?year=2024";
		nsc++;
	}

	{
		static const char *const vault[] = { "vault:init", "vault:seal", "vault:open", "vault:rotate",
						     "vault:shred" };

		for (size_t k = 0; k < sizeof(vault) / sizeof(vault[0]); k++) {
			snprintf(sc[nsc].name, sizeof(sc[nsc].name), "%s", vault[k]);
			sc[nsc].run = run_vault;
			sc[nsc].vault = k ? 1 : 2;
			/* retention commits per register: the signals destroyed whole, then the
			 * cases' run may fail (a rerun finishes it); a rotation commits, then
			 * takes the old version out of the key file, which may fail (the old
			 * version left in the file opens nothing newer; a rerun drops it) */
			sc[nsc].commit_then_fail = !strcmp(vault[k], "vault:shred") || !strcmp(vault[k], "vault:rotate");
			nsc++;
		}
	}

	make_template(tmpl, 0, full);
	make_template(tmpl_http, 1, full);
	make_vault_template(tmpl_vault, 1);
	make_vault_template(tmpl_nokeys, 0);
	for (i = 0; i < nsc; i++) {
		stats st;

		/* --only NAME runs one scenario, --only PREFIX: (e.g. vault:) a family;
		 * without --only the vault's run only in --full (ctest torture_vault
		 * runs them apart, each ctest within its time) */
		if (only && strcmp(only, sc[i].name) &&
		    !(only[0] && only[strlen(only) - 1] == ':' && !strncmp(only, sc[i].name, strlen(only))))
			continue;
		if (!only && !full && sc[i].vault)
			continue;
		int before = failures;

		sweep(&sc[i], sc[i].run == run_http ? tmpl_http : sc[i].vault == 1 ? tmpl_vault :
							  sc[i].vault		   ? tmpl_nokeys :
										     tmpl,
		      from, stride, persist, &st);
		printf("%-16s N=%ld allocations, %ld runs (stride %ld%s), %ld succeeded anyway, %d failures\n",
		       sc[i].name, st.n, st.runs, stride, persist ? ", persistent" : "", st.survived,
		       failures - before);
		(void)fflush(stdout);
	}
	rm_db(tmpl);
	rm_db(tmpl_http);
	rm_db(tmpl_vault);
	rm_db(tmpl_nokeys);
	unlink(keys_tmpl);
	unlink(keys_work);
	{ /* what a rotation leaves beside the key file */
		char p[600];

		snprintf(p, sizeof(p), "%s.tmp", keys_work);
		unlink(p);
	}
	{
		char p[600];

		snprintf(p, sizeof(p), "%s/work.db", tmpdir);
		rm_db(p);
	}
	rmdir(tmpdir);
	return failures ? 1 : 0;
}
