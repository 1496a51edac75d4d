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
 * CSV, a plan import, and server requests through the socket-free path
 * (http_int.h).
 *
 * usage: torture --src DIR [--full] [--stride K] [--persist]
 *                 [--only SCENARIO] [--from N] [--to N]
 *                 [--lsan K] [--trace]
 *   --src     the source tree (test data, example files)
 *   --full    the larger inputs and every N (make torture); default the
 *             small ones, as make test runs them
 *   --stride  try every Kth N only (default 1)
 *   --persist fail the Nth allocation and every one after it
 *   --only    run one scenario (open, import, plan, http:<name>)
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
#include "ivp/ivp.h"

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
	return ctx;
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
	snprintf(work_db, sizeof(work_db), "%s/work.db", tmpdir);
	/* twice: the first good call may start things lazily (caches of libraries) */
	for (int k = 0; k < 2; k++) {
		rm_db(db);
		copy_file(tmpl, db);
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
		if (dirty) {
			rm_db(db);
			copy_file(tmpl, db);
			dirty = 0;
		}
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

int main(int argc, char **argv)
{
	long stride = 1, from = 1;
	int full = 0, persist = 0, trace = 0, i;
	const char *only = NULL;
	char tmpl[512], tmpl_http[512];
	scenario sc[8];
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

	make_template(tmpl, 0, full);
	make_template(tmpl_http, 1, full);
	for (i = 0; i < nsc; i++) {
		stats st;

		if (only && strcmp(only, sc[i].name))
			continue;
		int before = failures;

		sweep(&sc[i], sc[i].run == run_http ? tmpl_http : tmpl, from, stride, persist, &st);
		printf("%-16s N=%ld allocations, %ld runs (stride %ld%s), %ld succeeded anyway, %d failures\n",
		       sc[i].name, st.n, st.runs, stride, persist ? ", persistent" : "", st.survived,
		       failures - before);
		(void)fflush(stdout);
	}
	rm_db(tmpl);
	rm_db(tmpl_http);
	{
		char p[600];

		snprintf(p, sizeof(p), "%s/work.db", tmpdir);
		rm_db(p);
	}
	rmdir(tmpdir);
	return failures ? 1 : 0;
}
