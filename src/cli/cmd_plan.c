/*
 * cmd_plan.c — the plan commands: `ivp plan validate|import|export|history|
 * diff|progress`, `ivp measure update` and `ivp import values`. Each parses
 * its options, calls the public plan API and prints; none holds domain
 * logic.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ivp/audit.h"
#include "ivp/plan_edit.h"

static int has_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

/* Print every problem PostgreSQL-style with FILE:LINE:COLUMN. */
static int print_problems(const char *cmd, ivp_ctx *ctx, ivp_rc rc, ivp_table *p)
{
	int r, n = p ? ivp_table_nrows(p) : 0;

	if (!n)
		return cli_error(cmd, rc, ivp_last_error(ctx));
	for (r = 0; r < n; r++) {
		const char *field = ivp_table_text(p, r, 3), *d = ivp_table_text(p, r, 5),
			   *h = ivp_table_text(p, r, 6);

		fprintf(stderr, "ivp %s: %s: %s:%lld:%lld: ", cmd, cli_tr("error"), ivp_table_text(p, r, 0),
			(long long)ivp_table_int(p, r, 1), (long long)ivp_table_int(p, r, 2));
		if (field && *field)
			fprintf(stderr, cli_tr("field \"%s\": "), field);
		fprintf(stderr, "%s\n", ivp_table_text(p, r, 4));
		if (d)
			fprintf(stderr, "DETAIL: %s\n", d);
		if (h)
			fprintf(stderr, "HINT: %s\n", h);
	}
	fprintf(stderr, cli_tr(n == 1 ? "%d problem; nothing was stored\n" : "%d problems; nothing was stored\n"), n);
	return EXIT_USER;
}

int cli_print_problems(const char *cmd, ivp_ctx *ctx, ivp_rc rc, ivp_table *p)
{
	return print_problems(cmd, ctx, rc, p);
}

static const char plan_help[] =
	"usage: ivp plan SUBCOMMAND [options]\n"
	"\n"
	"  validate FILE              check a plan file (YAML, docs/plan-file.md); every\n"
	"                             problem is named with line:column and field\n"
	"  import FILE [--user U]     store it as a new version (older versions are kept);\n"
	"                             who: --user, else $IVP_USER (required)\n"
	"  export [--version N]       print a version (default: the latest) as YAML\n"
	"  history                    every version: who, when, what\n"
	"  diff V1 V2 [--items]       what changed between two versions, field by field\n"
	"                             (--items: per priority, goal, measure, … with old and new)\n"
	"  revert N [--user U]        make version N the current plan again, as a new version\n"
	"  progress [--year Y] [--version N] [--part goals|measures|priorities|budget]\n"
	"                             goals with status (docs/progress-rules.md),\n"
	"                             measures, a summary per priority, the budget\n"
	"\n"
	"options: --db PATH, --format table|csv|json (csv prints one --part, default goals)\n";

static int parse_version(const char *cmd, const char *v, int64_t *out)
{
	long long n;

	if (cli_parse_int(v, 1, INT64_MAX, &n))
		return cli_usage(cmd, "a version is a positive number, not \"%s\"", v);
	*out = n;
	return 0;
}

static int progress_print(ivp_table *t[IVP_PROGRESS_NPARTS], const cli_common *c, int part)
{
	static const char *const names[IVP_PROGRESS_NPARTS] = { "goals", "measures", "priorities", "budget" };
	static const char *const heads[IVP_PROGRESS_NPARTS] = {
		"Goals: latest value, the line from baseline to target, status",
		"Measures: status and spending against budget",
		"Priorities: summary",
		"Budget per year"
	};
	int i, r = 0;

	if (c->format == FMT_CSV)
		return cli_print(stdout, t[part < 0 ? 0 : part], FMT_CSV, c->columns);
	if (c->format == FMT_JSON) {
		if (part >= 0)
			return cli_print(stdout, t[part], FMT_JSON, c->columns);
		fputc('{', stdout);
		for (i = 0; i < IVP_PROGRESS_NPARTS && !r; i++) {
			printf("%s\"%s\": ", i ? ", " : "", names[i]);
			r = cli_print(stdout, t[i], FMT_JSON, NULL);
		}
		puts("}");
		return r;
	}
	for (i = 0; i < IVP_PROGRESS_NPARTS && !r; i++) {
		if (part >= 0 && i != part)
			continue;
		printf("%s== %s\n\n", i && part < 0 ? "\n" : "", cli_tr(heads[i]));
		r = cli_print(stdout, t[i], FMT_TABLE, part >= 0 ? c->columns : NULL);
	}
	return r;
}

int cmd_plan(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *sub, *file = NULL, *user = NULL, *v, *pos[2] = { NULL, NULL };
	int64_t version = 0;
	ivp_progress_query q;
	ivp_ctx *ctx = NULL;
	int i, r, err = 0, npos = 0, part = -1, ex = 0, items = 0;

	memset(&q, 0, sizeof(q));
	if (argc >= 2 && !strcmp(argv[1], "evaluate"))
		return cmd_plan_evaluate(argc, argv); /* cmd_participation.c */
	if (argc < 2 || (has_help(argc, argv) && argc < 3) || !strcmp(argv[1], "--help")) {
		fputs(cli_tr(plan_help), stdout);
		return argc < 2 ? EXIT_USER : 0;
	}
	if (has_help(argc, argv)) {
		fputs(cli_tr(plan_help), stdout);
		return 0;
	}
	sub = argv[1];
	if (!strcmp(sub, "prune"))
		return cmd_plan_prune(argc - 1, argv + 1);
	for (i = 2; i < argc; i++) {
		if ((r = cli_common_opt("plan", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--version", argc, argv, &i, &err))) {
			if (parse_version("plan", v, &version))
				return EXIT_USER;
		} else if (!err && (v = cli_optval("--user", argc, argv, &i, &err))) {
			user = v;
		} else if (!err && (v = cli_optval("--year", argc, argv, &i, &err))) {
			long long y;

			if (cli_parse_int(v, 1900, 2199, &y))
				return cli_usage("plan", "--year needs a year such as 2024, not \"%s\"", v);
			q.year = (int)y;
		} else if (!err && (v = cli_optval("--part", argc, argv, &i, &err))) {
			static const char *const parts[] = { "goals", "measures", "priorities", "budget" };

			for (part = 0; part < 4 && strcmp(parts[part], v); part++)
				;
			if (part == 4)
				return cli_usage("plan", "unknown --part \"%s\" (use goals, measures, priorities or budget)", v);
		} else if (!err && !strcmp(argv[i], "--items")) {
			items = 1;
		} else if (err) {
			return cli_usage("plan", "option %s needs a value", argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			return cli_usage("plan", "unknown option \"%s\"", argv[i]);
		} else if (npos < 2) {
			pos[npos++] = argv[i];
		} else {
			return cli_usage("plan", "too many arguments");
		}
	}
	file = pos[0];
	if ((!strcmp(sub, "validate") || !strcmp(sub, "import")) && (!file || npos != 1))
		return cli_usage("plan", "plan %s needs one FILE", sub);
	if (!strcmp(sub, "diff") && npos != 2)
		return cli_usage("plan", "plan diff needs two versions: ivp plan diff V1 V2");
	if (!strcmp(sub, "revert") && npos != 1)
		return cli_usage("plan", "plan revert needs one version: ivp plan revert N");
	if (strcmp(sub, "validate") && strcmp(sub, "import") && strcmp(sub, "export") &&
	    strcmp(sub, "history") && strcmp(sub, "diff") && strcmp(sub, "progress") &&
	    strcmp(sub, "revert"))
		return cli_usage("plan", "unknown subcommand \"%s\"", sub);
	if ((!strcmp(sub, "import") && !cli_operator("plan import", user)) ||
	    (!strcmp(sub, "revert") && !cli_operator("plan revert", user)))
		return EXIT_USER;
	if ((r = cli_open("plan", &c, &ctx)))
		return r;
	if (!strcmp(sub, "validate") || !strcmp(sub, "import")) {
		ivp_table *p = NULL;
		ivp_plan_result res = { 0 };
		ivp_import_opts o;
		ivp_rc rc;

		memset(&o, 0, sizeof(o));
		o.user = !strcmp(sub, "import") ? cli_operator("plan import", user) : NULL;
		rc = !strcmp(sub, "validate") ? ivp_plan_validate(ctx, file, &p) : ivp_plan_import(ctx, file, &o, &p, &res);

		if (rc)
			ex = print_problems(!strcmp(sub, "validate") ? "plan validate" : "plan import", ctx, rc, p);
		else if (!strcmp(sub, "validate"))
			printf(cli_tr("%s: valid plan file\n"), file);
		else if (res.unchanged)
			printf(cli_tr("%s: unchanged: %s\n"), file, res.summary);
		else
			printf(cli_tr("%s: plan %s version %lld: %s\n"), file, res.plan_id, (long long)res.version, res.summary);
		ivp_table_free(p);
	} else if (!strcmp(sub, "export")) {
		char *yaml = NULL, obj[40];
		ivp_rc rc = ivp_plan_export(ctx, version, &yaml);

		snprintf(obj, sizeof(obj), "plan:version-%lld", (long long)version);
		if (!rc)
			rc = ivp_audit_record(ctx, "plan.export", version ? obj : "plan:latest", yaml, strlen(yaml));
		if (rc)
			ex = cli_error("plan export", rc, ivp_last_error(ctx));
		else
			fputs(yaml, stdout);
		ivp_free(yaml);
	} else if (!strcmp(sub, "revert")) {
		ivp_plan_result res = { 0 };
		int64_t n = 0;

		if (parse_version("plan", pos[0], &n)) {
			ivp_close(ctx);
			return EXIT_USER;
		}
		if (ivp_plan_revert(ctx, n, 0, cli_operator("plan revert", user), &res))
			ex = cli_error("plan revert", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
		else if (res.unchanged)
			printf(cli_tr("unchanged: %s\n"), res.summary);
		else
			printf(cli_tr("plan %s version %lld: %s\n"), res.plan_id, (long long)res.version, res.summary);
	} else if (!strcmp(sub, "history") || !strcmp(sub, "diff")) {
		ivp_table *t = NULL;
		int64_t v1 = 0, v2 = 0;
		ivp_rc rc;

		if (!strcmp(sub, "diff") && (parse_version("plan", pos[0], &v1) || parse_version("plan", pos[1], &v2))) {
			ivp_close(ctx);
			return EXIT_USER;
		}
		rc = !strcmp(sub, "history") ? ivp_plan_history(ctx, &t) :
		     items		     ? ivp_plan_changes(ctx, v1, v2, &t) :
					       ivp_plan_diff(ctx, v1, v2, &t);
		if (rc)
			ex = cli_error(!strcmp(sub, "history") ? "plan history" : "plan diff", rc, ivp_last_error(ctx));
		else
			ex = cli_print_exit("plan", cli_print(stdout, t, c.format, c.columns));
		ivp_table_free(t);
	} else {
		ivp_table *t[IVP_PROGRESS_NPARTS];
		ivp_rc rc;

		q.version = version;
		rc = ivp_plan_progress(ctx, &q, t);
		if (rc) {
			ex = cli_error("plan progress", rc, ivp_last_error(ctx));
		} else {
			ex = cli_print_exit("plan", progress_print(t, &c, part));
			for (i = 0; i < IVP_PROGRESS_NPARTS; i++)
				ivp_table_free(t[i]);
		}
	}
	ivp_close(ctx);
	return ex;
}

/* ---- measure update -------------------------------------------------------------- */

/*
 * The confirmation of ivp measure update. The version's summary is the
 * plan history's own record (as the library writes it); in Dutch the line
 * is said from what was asked, in the catalogue's words.
 */
static void measure_done(const ivp_measure_change *u, const ivp_plan_result *res)
{
	int i;

	if (strcmp(cli_lang(), "nl")) {
		printf("plan %s version %lld: %s\n", res->plan_id, (long long)res->version, res->summary);
		return;
	}
	printf(cli_tr("plan %s version %lld: measure %s updated"), res->plan_id, (long long)res->version, u->id);
	if (u->status)
		printf(cli_tr("; status %s"), cli_tr(u->status));
	for (i = 0; i < u->nspent; i++)
		printf(cli_tr("; spent in %d: %s"), u->spent_year[i], u->spent_amount[i]);
	for (i = 0; i < u->noutputs; i++)
		printf(cli_tr("; %s in %d: %s"), u->output_name[i], u->output_year[i], u->output_value[i]);
	if (u->note)
		printf(cli_tr("; note: %s"), u->note);
	putchar('\n');
}

/* --output NAME:YEAR=VALUE into u (the name may hold ':'; the last one
 * before '=' ends it). 0, or the usage error's exit code. */
static int parse_output(const char *cmd, const char *v, ivp_measure_change *u)
{
	static char names[IVP_MEASURE_MAX_OUTPUTS][256];
	const char *eq = strchr(v, '='), *colon = NULL, *p;
	char year[8] = "";
	long long y = 0;

	for (p = v; eq && p < eq; p++)
		if (*p == ':')
			colon = p;
	if (colon && eq - colon == 5) {
		memcpy(year, colon + 1, 4);
		year[4] = '\0';
	}
	if (!eq || !colon || colon == v || (size_t)(colon - v) >= sizeof(names[0]) ||
	    cli_parse_int(year, 1900, 2199, &y))
		return cli_usage(cmd, "--output needs NAME:YEAR=VALUE such as \"controles gehouden:2024=14\", not \"%s\"", v);
	if (u->noutputs >= IVP_MEASURE_MAX_OUTPUTS)
		return cli_usage(cmd, "at most %d --output options", IVP_MEASURE_MAX_OUTPUTS);
	memcpy(names[u->noutputs], v, (size_t)(colon - v));
	names[u->noutputs][colon - v] = '\0';
	u->output_name[u->noutputs] = names[u->noutputs];
	u->output_year[u->noutputs] = (int)y;
	u->output_value[u->noutputs++] = eq + 1;
	return 0;
}

static const char measure_help[] =
	"usage: ivp measure update ID [--status planned|running|done|stopped] [--note TEXT]\n"
	"                             [--spent YEAR=AMOUNT]... [--output NAME:YEAR=VALUE]...\n"
	"                             [--date YYYY-MM-DD] [--user U]\n"
	"\n"
	"Record a measure's progress: a dated entry with the status and note, the\n"
	"money spent in a year (euros, e.g. --spent 2024=12500) and output figures of\n"
	"the outputs the plan names for it (--output \"controles gehouden:2024=14\").\n"
	"Amounts and figures are read in the language (--lang): 1.250 in Dutch, 1,250\n"
	"in English. Every update is a new plan version: ivp plan history shows who\n"
	"and when, ivp plan diff what.\n";

int cmd_measure(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_measure_change u;
	ivp_plan_result res;
	ivp_ctx *ctx;
	const char *v;
	int i, r, err = 0, ex = 0;

	memset(&u, 0, sizeof(u));
	if (has_help(argc, argv) || argc < 2) {
		fputs(cli_tr(measure_help), stdout);
		return argc < 2 ? EXIT_USER : 0;
	}
	if (strcmp(argv[1], "update"))
		return cli_usage("measure", "unknown subcommand \"%s\" (use update)", argv[1]);
	for (i = 2; i < argc; i++) {
		if ((r = cli_common_opt("measure", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--status", argc, argv, &i, &err))) {
			u.status = v;
		} else if (!err && (v = cli_optval("--note", argc, argv, &i, &err))) {
			u.note = v;
		} else if (!err && (v = cli_optval("--date", argc, argv, &i, &err))) {
			u.date = v;
		} else if (!err && (v = cli_optval("--user", argc, argv, &i, &err))) {
			u.user = v;
		} else if (!err && (v = cli_optval("--spent", argc, argv, &i, &err))) {
			const char *eq = strchr(v, '=');
			char year[8] = "";
			long long y = 0;

			if (eq && eq - v == 4) {
				memcpy(year, v, 4);
				year[4] = '\0';
			}
			if (!eq || cli_parse_int(year, 1900, 2199, &y))
				return cli_usage("measure", "--spent needs YEAR=AMOUNT such as 2024=12500, not \"%s\"", v);
			if (u.nspent >= IVP_MEASURE_MAX_SPENT)
				return cli_usage("measure", "at most %d --spent options", IVP_MEASURE_MAX_SPENT);
			u.spent_year[u.nspent] = (int)y;
			u.spent_amount[u.nspent++] = eq + 1;
		} else if (!err && (v = cli_optval("--output", argc, argv, &i, &err))) {
			if ((r = parse_output("measure", v, &u)))
				return r;
		} else if (err) {
			return cli_usage("measure", "option %s needs a value", argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			return cli_usage("measure", "unknown option \"%s\"", argv[i]);
		} else if (!u.id) {
			u.id = argv[i];
		} else {
			return cli_usage("measure", "one measure ID at a time");
		}
	}
	if (!u.id)
		return cli_usage("measure", "missing measure ID");
	if (!(u.user = cli_operator("measure update", u.user)))
		return EXIT_USER;
	if ((r = cli_open("measure", &c, &ctx)))
		return r;
	if (ivp_measure_update(ctx, &u, &res))
		ex = cli_error("measure update", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	else
		measure_done(&u, &res);
	ivp_close(ctx);
	return ex;
}

/* ---- import values ------------------------------------------------------------------ */

int cmd_import_values(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_import_opts o;
	ivp_ctx *ctx;
	const char *files[64], *user = NULL, *v;
	int i, r, n = 0, ex = 0, err = 0;

	memset(&o, 0, sizeof(o));
	if (has_help(argc, argv)) {
		puts(cli_tr("usage: ivp import values FILE… [--user NAME] [--db PATH]\n\n"
			    "Locally registered values: Veiligheidsmonitor percentages with margins, Halt\n"
			    "referrals per 1,000 aged 12-17, survey results, Waarstaatjegemeente indices,\n"
			    "output counts. CSV columns: key, area, year, value, unit, source,\n"
			    "definition_version, and optionally margin and name (docs/plan-file.md).\n"
			    "The unit is part of a value's identity: values in different units are never\n"
			    "compared.\n\n"
			    "  --user NAME   who imports (default: $IVP_USER; one of them is required)"));
		return 0;
	}
	for (i = 2; i < argc; i++) {
		if ((r = cli_common_opt("import", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--user", argc, argv, &i, &err))) {
			user = v;
			continue;
		}
		if (err)
			return cli_usage("import", "option %s needs a value", argv[i]);
		if (argv[i][0] == '-' && argv[i][1] == '-')
			return cli_usage("import", "unknown option \"%s\"", argv[i]);
		if (n == 64)
			return cli_usage("import", "at most 64 files at a time");
		files[n++] = argv[i];
	}
	if (!n)
		return cli_usage("import", "no FILE given");
	if (!(o.user = cli_operator("import", user)))
		return EXIT_USER;
	if ((r = cli_open("import", &c, &ctx)))
		return r;
	for (i = 0; i < n && !ex; i++) {
		ivp_import_result res;

		if (ivp_import_values(ctx, files[i], &o, &res))
			ex = cli_error("import", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
		else if (res.unchanged)
			printf(cli_tr("%s: unchanged: %s\n"), files[i], res.note);
		else
			printf(cli_trn("%s: import %lld (%s): %lld value written%s\n", "%s: import %lld (%s): %lld values written%s\n", res.rows), files[i], (long long)res.import_id,
			       res.layout, (long long)res.rows, res.changed ? cli_tr(" (some replaced earlier values)") : "");
	}
	ivp_close(ctx);
	return ex;
}
