/*
 * commands.c — the ivp subcommands: init, import, areas, indicators,
 * series, sources, definitions. Each parses its options, calls the
 * library and prints the result; none holds domain logic.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static int want_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

static int print_result(const char *cmd, ivp_ctx *ctx, ivp_rc rc, ivp_table *t,
			const cli_common *c)
{
	int ex = 0;

	if (rc) {
		ex = cli_error(cmd, rc, ivp_last_error(ctx));
	} else {
		ex = cli_print_exit(cmd, cli_print(stdout, t, c->format, c->columns));
	}
	ivp_table_free(t);
	ivp_close(ctx);
	return ex;
}

/* ---- init -------------------------------------------------------------------- */

int cmd_init(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_ctx *ctx;
	int i, r;

	if (want_help(argc, argv)) {
		puts(cli_tr("usage: ivp init [--db PATH]\n\n"
			    "Create the database, or apply the migrations it lacks. Safe to run again."));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("init", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (!r)
			return cli_usage("init", "unknown option \"%s\"", argv[i]);
	}
	if ((r = cli_open("init", &c, &ctx)))
		return r;
	printf(cli_tr("database ready (schema version %d)\n"), ivp_schema_version(ctx));
	ivp_close(ctx);
	return 0;
}

/* ---- import ------------------------------------------------------------------- */

static void progress(void *ud, const char *file, uint64_t done, uint64_t total,
		     int64_t rows)
{
	(void)ud;
	fprintf(stderr, cli_tr(rows == 1 ? "\r%s: %.0f%% (%lld row)" : "\r%s: %.0f%% (%lld rows)"), file,
		total ? 100.0 * (double)done / (double)total : 0.0, (long long)rows);
	(void)fflush(stderr); /* progress; nothing to do if it fails */
}

static const char import_help[] =
	"usage: ivp import KIND FILE… [options]\n"
	"\n"
	"KIND:\n"
	"  crime       registered crime: a StatLine CSV export (regions by name),\n"
	"              an OData TypedDataSet as CSV, or as JSON pages (give all pages)\n"
	"  population  inhabitants: the 37230ned StatLine export, a TypedDataSet,\n"
	"              the 85984NED buurt list (needs --year), or a long CSV\n"
	"              (area,year,population[,population_12_17])\n"
	"  codes       CBS code lists: SoortMisdrijf, WijkenEnBuurten, RegioS, Perioden\n"
	"              (single lists or StatLine's metadata download)\n"
	"  long        ivp long CSV: area,type,period,count (docs/long-csv.md)\n"
	"  boundaries  GeoJSON area polygons for the map\n"
	"  groups      comparison groups: group,title,kind,area,source (docs/groups.md)\n"
	"\n"
	"options:\n"
	"  --map FILE                long: map the source's own type codes to SoortMisdrijf\n"
	"  --year YYYY               population lists without a period: the 1 January year\n"
	"  --skip-unknown-regions    leave out regions (names or codes) no code list knows\n"
	"                            (such as former gemeenten) instead of failing\n"
	"  --match-names GMxxxx      boundaries without codes (only BU_NAAM, naam, …): match\n"
	"                            each feature by name within this gemeente; ambiguous\n"
	"                            or unknown names are refused\n"
	"  --user NAME               who imports, as ivp sources shows it (default:\n"
	"                            $IVP_USER; one of them is required)\n"
	"  --db PATH                 database (default: $IVP_DB, else ./ivp.db)\n"
	"\n"
	"Each file is one transaction: on any error nothing is written. Importing the\n"
	"same file again changes nothing and says so. JSON pages of one result are\n"
	"imported together as one import.\n";

/* A year option (1900-2199, digits only): 0, or the usage error's exit code. */
static int parse_year(const char *cmd, const char *opt, const char *v, int *out)
{
	long long y;

	if (cli_parse_int(v, 1900, 2199, &y))
		return cli_usage(cmd, "%s needs a year such as 2024, not \"%s\"", opt, v);
	*out = (int)y;
	return 0;
}

/* --small N: a count of 0 or more. */
static int parse_small(const char *cmd, const char *v, int64_t *out)
{
	long long n;

	if (cli_parse_int(v, 0, 1000000000LL, &n))
		return cli_usage(cmd, "--small needs a whole number of 0 or more such as 10, not \"%s\"", v);
	*out = n;
	return 0;
}

int cmd_import(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_import_opts o;
	ivp_import_kind kind;
	const char **files = NULL;
	int nfiles = 0, i, r, ex = 0, err = 0;
	ivp_ctx *ctx = NULL;
	const char *v, *user = NULL;

	memset(&o, 0, sizeof(o));
	if (want_help(argc, argv)) {
		fputs(cli_tr(import_help), stdout);
		return 0;
	}
	if (argc < 2)
		return cli_usage("import", "missing KIND (crime, population, codes, long, boundaries or groups)");
	if (!strcmp(argv[1], "values"))
		return cmd_import_values(argc, argv);
	if (!strcmp(argv[1], "crime"))
		kind = IVP_IMPORT_CRIME;
	else if (!strcmp(argv[1], "population"))
		kind = IVP_IMPORT_POPULATION;
	else if (!strcmp(argv[1], "codes"))
		kind = IVP_IMPORT_CODES;
	else if (!strcmp(argv[1], "long"))
		kind = IVP_IMPORT_LONG;
	else if (!strcmp(argv[1], "boundaries"))
		kind = IVP_IMPORT_BOUNDARIES;
	else if (!strcmp(argv[1], "groups"))
		kind = IVP_IMPORT_GROUPS;
	else
		return cli_usage("import", "unknown KIND \"%s\" (use crime, population, codes, long, boundaries or groups)", argv[1]);
	files = calloc((size_t)argc, sizeof(*files));
	if (!files)
		return cli_oom("import");
	for (i = 2; i < argc; i++) {
		if ((r = cli_common_opt("import", argc, argv, &i, &c)) < 0) {
			ex = EXIT_USER;
			goto out;
		}
		if (r)
			continue;
		if ((v = cli_optval("--map", argc, argv, &i, &err))) {
			o.map_path = v;
		} else if (!err && (v = cli_optval("--year", argc, argv, &i, &err))) {
			if (parse_year("import", "--year", v, &o.year)) {
				ex = EXIT_USER;
				goto out;
			}
		} else if (!err && (v = cli_optval("--user", argc, argv, &i, &err))) {
			user = v;
		} else if (!err && !strcmp(argv[i], "--skip-unknown-regions")) {
			o.skip_unknown_regions = 1;
		} else if (!err && (v = cli_optval("--match-names", argc, argv, &i, &err))) {
			o.match_names = v;
		} else if (err) {
			ex = cli_usage("import", "option %s needs a value", argv[i]);
			goto out;
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			ex = cli_usage("import", "unknown option \"%s\"", argv[i]);
			goto out;
		} else {
			files[nfiles++] = argv[i];
		}
	}
	if (!nfiles) {
		ex = cli_usage("import", "no FILE given");
		goto out;
	}
	if (o.map_path && kind != IVP_IMPORT_LONG) {
		ex = cli_usage("import", "--map applies to ivp import long only");
		goto out;
	}
	if (o.match_names && kind != IVP_IMPORT_BOUNDARIES) {
		ex = cli_usage("import", "--match-names applies to ivp import boundaries only");
		goto out;
	}
	if (!(o.user = cli_operator("import", user))) {
		ex = EXIT_USER;
		goto out;
	}
	if ((ex = cli_open("import", &c, &ctx)))
		goto out;
	if (isatty(2))
		o.progress = progress;
	/* JSON pages travel together; every other file is its own import */
	{
		int json = 1;

		for (i = 0; i < nfiles; i++) {
			size_t n = strlen(files[i]);

			if (n < 5 || strcmp(files[i] + n - 5, ".json"))
				json = 0;
		}
		for (i = 0; i < nfiles; i += json ? nfiles : 1) {
			ivp_import_result res;
			ivp_rc rc = ivp_import(ctx, kind, files + i, json ? nfiles : 1, &o, &res);

			if (o.progress)
				fputs("\r\033[K", stderr);
			if (rc) {
				ex = cli_error("import", rc, ivp_last_error(ctx));
				goto out;
			}
			if (res.unchanged) {
				printf(cli_tr("%s: unchanged: %s\n"), files[i], res.note);
				continue;
			}
			printf(cli_tr(res.rows == 1 ? "%s: import %lld (%s): %lld row written" :
						      "%s: import %lld (%s): %lld rows written"),
			       files[i],
			       (long long)res.import_id, res.layout, (long long)res.rows);
			if (res.changed)
				printf(cli_tr(" (%lld replaced a different earlier value)"), (long long)res.changed);
			if (res.same)
				printf(cli_tr(", %lld already present with the same value"), (long long)res.same);
			if (res.missing)
				printf(cli_trn(", %lld missing value ('.')", ", %lld missing values ('.')", res.missing), (long long)res.missing);
			if (res.skipped)
				printf(cli_tr(", %lld cells not read (other topics or periods)"), (long long)res.skipped);
			putchar('\n');
			if (kind == IVP_IMPORT_BOUNDARIES)
				printf("%s: %s\n", files[i], res.note); /* the code property, matched, left out */
			else if (res.unknown_regions)
				printf("%s: %lld %s\n", files[i], (long long)res.unknown_regions, res.note);
		}
	}
out:
	free(files);
	ivp_close(ctx);
	return ex;
}

/* ---- areas, sources, definitions ------------------------------------------------ */

int cmd_areas(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *under = NULL, *v;
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r, err = 0;

	if (want_help(argc, argv)) {
		puts(cli_tr("usage: ivp areas [--under CODE] [--format table|csv|json]\n\n"
			    "List the loaded areas with their level, parent and latest population.\n"
			    "--under GM1926 lists everything inside Pijnacker-Nootdorp (wijken and buurten)."));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("areas", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--under", argc, argv, &i, &err)))
			under = v;
		else
			return cli_usage("areas", err ? "option %s needs a value" : "unknown option \"%s\"", argv[i]);
	}
	if ((r = cli_open("areas", &c, &ctx)))
		return r;
	{
		ivp_rc rc = ivp_areas(ctx, under, &t);

		return print_result("areas", ctx, rc, t, &c);
	}
}

int cmd_groups(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *name = NULL, *area = NULL, *v;
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r, err = 0, year = 0;

	if (want_help(argc, argv)) {
		puts(cli_tr("usage: ivp groups [NAME] [--area AREA] [--year YYYY] [--format table|csv|json]\n\n"
			    "Without NAME: the comparison groups (imported with ivp import groups FILE,\n"
			    "docs/groups.md) and the derived ones, grootteklasse and regio. With NAME:\n"
			    "its members, with their population on 1 January of --year. grootteklasse\n"
			    "and regio are those of --area (a size class needs --year), e.g.\n"
			    "  ivp groups grootteklasse --area GM1926 --year 2024\n"
			    "Use the names in ivp indicators --compare haaglanden,grootteklasse."));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("groups", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--area", argc, argv, &i, &err))) {
			area = v;
		} else if (!err && (v = cli_optval("--year", argc, argv, &i, &err))) {
			if (parse_year("groups", "--year", v, &year))
				return EXIT_USER;
		} else if (!err && argv[i][0] != '-' && !name) {
			name = argv[i];
		} else {
			return cli_usage("groups", err ? "option %s needs a value" : "unknown option \"%s\"", argv[i]);
		}
	}
	if ((r = cli_open("groups", &c, &ctx)))
		return r;
	{
		ivp_rc rc = ivp_groups(ctx, name, area, year, c.lang, &t);

		return print_result("groups", ctx, rc, t, &c);
	}
}

int cmd_sources(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r;

	if (want_help(argc, argv)) {
		puts(cli_tr("usage: ivp sources [--format table|csv|json]\n\n"
			    "Every import: number, kind, layout, file, SHA-256, rows, who and when.\n"
			    "Indicator output names the import behind each figure."));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("sources", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (!r)
			return cli_usage("sources", "unknown option \"%s\"", argv[i]);
	}
	if ((r = cli_open("sources", &c, &ctx)))
		return r;
	{
		ivp_rc rc = ivp_sources(ctx, &t);

		return print_result("sources", ctx, rc, t, &c);
	}
}

int cmd_definitions(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *key = NULL, *codes = NULL, *note = NULL, *v;
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r, err = 0;

	if (want_help(argc, argv)) {
		puts(cli_tr("usage: ivp definitions [--format table|csv|json]\n"
			    "       ivp definitions --set KEY --codes CODE,CODE… [--note TEXT]\n\n"
			    "The indicator definitions table: every version of every indicator, with\n"
			    "the SoortMisdrijf codes it sums, its classification (police or CBS) and\n"
			    "the table to import for its data. --set makes a new version of an\n"
			    "indicator's police definition, e.g. the high-impact crime set:\n"
			    "  ivp definitions --set hic --codes 1.1.1,1.4.6,1.4.7,1.4.5\n"
			    "See docs/indicators.md."));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("definitions", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--set", argc, argv, &i, &err)))
			key = v;
		else if (!err && (v = cli_optval("--codes", argc, argv, &i, &err)))
			codes = v;
		else if (!err && (v = cli_optval("--note", argc, argv, &i, &err)))
			note = v;
		else
			return cli_usage("definitions", err ? "option %s needs a value" : "unknown option \"%s\"", argv[i]);
	}
	if (!key != !codes)
		return cli_usage("definitions", "--set and --codes go together");
	if ((r = cli_open("definitions", &c, &ctx)))
		return r;
	if (key) {
		int version;
		ivp_rc rc = ivp_definition_set(ctx, key, codes, note, &version);

		if (rc) {
			r = cli_error("definitions", rc, ivp_last_error(ctx));
		} else {
			printf(cli_tr("%s: version %d now sums %s\n"), key, version, codes);
			r = 0;
		}
		ivp_close(ctx);
		return r;
	}
	{
		ivp_rc rc = ivp_definitions(ctx, &t);

		return print_result("definitions", ctx, rc, t, &c);
	}
}

/* ---- indicators ----------------------------------------------------------------- */

int cmd_indicators(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_indicator_query q;
	const char *cmp[32], *v;
	char *cmpbuf = NULL;
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r, err = 0, ncmp = 0;

	memset(&q, 0, sizeof(q));
	q.small_threshold = -1;
	if (want_help(argc, argv)) {
		puts(cli_tr("usage: ivp indicators --area AREA --year YYYY [options]\n"
			    "\n"
			    "For each indicator: the count, the rate per 1,000 inhabitants (population on\n"
			    "1 January of the year), the previous year, the change with its 95% interval\n"
			    "and the verdict that follows from it (significant rise / significant fall /\n"
			    "no clear change).\n"
			    "\n"
			    "options:\n"
			    "  --area AREA          a code (GM1926), a name (Pijnacker-Nootdorp), a sum\n"
			    "                       (GM0503+GM0518) or buurten:GM1926 / wijken:GM1926\n"
			    "  --year YYYY          the year\n"
			    "  --baseline YYYY      also compare with this year (e.g. the plan's nulmeting)\n"
			    "  --compare A,B        compare with other areas (same rules as --area) or\n"
			    "                       groups: regio (the area's region), grootteklasse\n"
			    "                       (its size class), a group name (ivp groups); an\n"
			    "                       area inside a group is compared with the rest of it\n"
			    "  --indicator KEY      one indicator (ivp definitions lists the keys)\n"
			    "  --all-types          add every single SoortMisdrijf code\n"
			    "  --small N            flag counts below N as small (default 10)\n"
			    "  --format table|csv|json, --lang nl|en, --db PATH"));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("indicators", argc, argv, &i, &c)) < 0)
			goto usage;
		if (r)
			continue;
		if ((v = cli_optval("--area", argc, argv, &i, &err))) {
			q.area = v;
		} else if (!err && (v = cli_optval("--year", argc, argv, &i, &err))) {
			if (parse_year("indicators", "--year", v, &q.year))
				goto usage;
		} else if (!err && (v = cli_optval("--baseline", argc, argv, &i, &err))) {
			if (parse_year("indicators", "--baseline", v, &q.baseline))
				goto usage;
		} else if (!err && (v = cli_optval("--compare", argc, argv, &i, &err))) {
			char *p, *save = NULL;

			free(cmpbuf);
			cmpbuf = strdup(v);
			if (!cmpbuf) {
				r = cli_oom("indicators");
				goto out;
			}
			ncmp = 0;
			for (p = strtok_r(cmpbuf, ",", &save); p && ncmp < 32; p = strtok_r(NULL, ",", &save))
				cmp[ncmp++] = p;
		} else if (!err && (v = cli_optval("--indicator", argc, argv, &i, &err))) {
			q.indicator = v;
		} else if (!err && (v = cli_optval("--small", argc, argv, &i, &err))) {
			if (parse_small("indicators", v, &q.small_threshold))
				goto usage;
		} else if (!err && !strcmp(argv[i], "--all-types")) {
			q.all_types = 1;
		} else {
			cli_usage("indicators", err ? "option %s needs a value" : "unknown option \"%s\"", argv[i]);
			goto usage;
		}
	}
	if (!q.area || !q.year) {
		cli_usage("indicators", "--area and --year are required");
		goto usage;
	}
	q.compare = cmp;
	q.ncompare = ncmp;
	q.lang = cli_lang();
	if ((r = cli_open("indicators", &c, &ctx))) {
		free(cmpbuf);
		return r;
	}
	{
		ivp_rc rc = ivp_indicators(ctx, &q, &t);

		r = print_result("indicators", ctx, rc, t, &c);
	}
out:
	free(cmpbuf);
	return r;
usage:
	free(cmpbuf);
	return EXIT_USER;
}

/* ---- ranking -------------------------------------------------------------------- */

int cmd_ranking(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_ranking_query q;
	const char *v, *ref[32];
	char *refbuf = NULL;
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r, err = 0, nref = 0;
	long long n;

	memset(&q, 0, sizeof(q));
	q.small_threshold = -1;
	if (want_help(argc, argv)) {
		puts(cli_tr("usage: ivp ranking --area AREA --year YYYY [options]\n"
			    "\n"
			    "The buurten (or wijken, gemeenten) inside AREA ranked on one indicator,\n"
			    "highest rate per 1,000 inhabitants first, each with its 95% interval, the\n"
			    "small-count flag and where it lies against the funnel limits: the pooled\n"
			    "rate of the ranked areas, widened by the variation between areas that the\n"
			    "data show (docs/ranking.md). Only areas beyond the limits stand out.\n"
			    "\n"
			    "options:\n"
			    "  --area AREA          a code or name (GM1926, Pijnacker-Nootdorp; NL01: the country)\n"
			    "  --year YYYY          the year of the counts\n"
			    "  --population-year YYYY  rates on the population of 1 January of this year\n"
			    "                       (default: the year itself; every rate then says which)\n"
			    "  --level BU|WK|GM     what to rank (default BU: buurten)\n"
			    "  --indicator KEY      the indicator (default totaal; ivp definitions lists the keys)\n"
			    "  --min-population N   no rate for areas with fewer inhabitants (default 500)\n"
			    "  --reference A,B      also the areas of the level inside these (e.g. the region's\n"
			    "                       gemeenten): they join the funnel, with own = 0\n"
			    "  --small N            flag counts below N as small (default 10)\n"
			    "  --format table|csv|json, --lang nl|en, --columns, --db PATH"));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("ranking", argc, argv, &i, &c)) < 0)
			goto usage;
		if (r)
			continue;
		if ((v = cli_optval("--area", argc, argv, &i, &err))) {
			q.under = v;
		} else if (!err && (v = cli_optval("--year", argc, argv, &i, &err))) {
			if (parse_year("ranking", "--year", v, &q.year))
				goto usage;
		} else if (!err && (v = cli_optval("--population-year", argc, argv, &i, &err))) {
			if (parse_year("ranking", "--population-year", v, &q.population_year))
				goto usage;
		} else if (!err && (v = cli_optval("--level", argc, argv, &i, &err))) {
			q.level = v;
		} else if (!err && (v = cli_optval("--indicator", argc, argv, &i, &err))) {
			q.indicator = v;
		} else if (!err && (v = cli_optval("--min-population", argc, argv, &i, &err))) {
			if (cli_parse_int(v, 1, 1000000000LL, &n)) {
				cli_usage("ranking", "--min-population needs a whole number of 1 or more such as 500, not \"%s\"", v);
				goto usage;
			}
			q.min_population = n;
		} else if (!err && (v = cli_optval("--reference", argc, argv, &i, &err))) {
			char *p, *save = NULL;

			free(refbuf);
			if (!(refbuf = strdup(v))) {
				r = cli_oom("ranking");
				goto out;
			}
			nref = 0;
			for (p = strtok_r(refbuf, ",", &save); p && nref < 32; p = strtok_r(NULL, ",", &save))
				ref[nref++] = p;
		} else if (!err && (v = cli_optval("--small", argc, argv, &i, &err))) {
			if (parse_small("ranking", v, &q.small_threshold))
				goto usage;
		} else {
			cli_usage("ranking", err ? "option %s needs a value" : "unknown option \"%s\"", argv[i]);
			goto usage;
		}
	}
	if (!q.under || !q.year) {
		cli_usage("ranking", "--area and --year are required");
		goto usage;
	}
	q.lang = cli_lang();
	q.reference = ref;
	q.nreference = nref;
	if ((r = cli_open("ranking", &c, &ctx)))
		goto out;
	{
		ivp_rc rc = ivp_ranking(ctx, &q, &t);

		r = print_result("ranking", ctx, rc, t, &c);
	}
out:
	free(refbuf);
	return r;
usage:
	free(refbuf);
	return EXIT_USER;
}

/* ---- series -------------------------------------------------------------------- */

/* YYYY-MM (the month in one or two digits) as YYYYMM: 0, or -1. */
static int parse_month(const char *v, int *out)
{
	const char *dash = strchr(v, '-');
	char year[8];
	long long y, m;

	if (!dash || dash - v != 4)
		return -1;
	memcpy(year, v, 4);
	year[4] = '\0';
	if (cli_parse_int(year, 1900, 2199, &y) || strlen(dash + 1) > 2 ||
	    cli_parse_int(dash + 1, 1, 12, &m))
		return -1;
	*out = (int)(y * 100 + m);
	return 0;
}

int cmd_series(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_series_query q;
	const char *v;
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r, err = 0;

	memset(&q, 0, sizeof(q));
	if (want_help(argc, argv)) {
		puts(cli_tr("usage: ivp series --area AREA --type CODE --from YYYY-MM --to YYYY-MM\n"
			    "\n"
			    "Monthly counts for an area and a SoortMisdrijf code or indicator key;\n"
			    "months without data are shown empty."));
		return 0;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("series", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--area", argc, argv, &i, &err))) {
			q.area = v;
		} else if (!err && (v = cli_optval("--type", argc, argv, &i, &err))) {
			q.type = v;
		} else if (!err && (v = cli_optval("--from", argc, argv, &i, &err))) {
			if (parse_month(v, &q.from))
				return cli_usage("series", "--from needs a month as YYYY-MM, not \"%s\"", v);
		} else if (!err && (v = cli_optval("--to", argc, argv, &i, &err))) {
			if (parse_month(v, &q.to))
				return cli_usage("series", "--to needs a month as YYYY-MM, not \"%s\"", v);
		} else {
			return cli_usage("series", err ? "option %s needs a value" : "unknown option \"%s\"", argv[i]);
		}
	}
	if (!q.area || !q.type || !q.from || !q.to)
		return cli_usage("series", "--area, --type, --from and --to are required");
	if (q.to < q.from)
		return cli_usage("series", "--to lies before --from");
	if ((r = cli_open("series", &c, &ctx)))
		return r;
	{
		ivp_rc rc = ivp_series(ctx, &q, &t);

		return print_result("series", ctx, rc, t, &c);
	}
}
