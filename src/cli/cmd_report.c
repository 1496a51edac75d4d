/*
 * cmd_report.c — `ivp report`: the account to the council as PDF, HTML or
 * XLSX. Parses the options, calls ivp_report() (or, with --areas,
 * ivp_report_batch()) and says where the files are; the report itself is
 * the library's (src/report/).
 * `ivp report text set|list|show|history`, `ivp report finalize` and `ivp
 * report list`: the report's texts, freezing it as definitief, and the
 * reports with their status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char report_help[] =
	"usage: ivp report [--kind voortgang|veiligheidsbeeld|raadsvoorstel] [--area GM1926]\n"
	"                  [--year 2024]"
	" [--format pdf|html|xlsx] [--output FILE] [--lang nl|en]\n"
	"                  [--date YYYY-MM-DD] [--db PATH]\n"
	"       ivp report --areas all|GM0014,GM0034|@FILE [--output-dir DIR] [--kind veiligheidsbeeld]\n"
	"                  [--year 2024] [--format pdf|html|xlsx] [--lang nl|en] [--date YYYY-MM-DD]\n"
	"\n"
	"Write the yearly progress report (voortgang) of the plan: a summary per\n"
	"priority, per priority what we wanted to achieve, what we did and what it\n"
	"cost, the plan's budget, the BBV safety indicators, and the sources and\n"
	"method (docs/report.md); the safety picture of any gemeente (veiligheidsbeeld:\n"
	"crime over the years, wijken and buurten, the BBV indicators); or the\n"
	"council proposal to adopt the plan\n"
	"(raadsvoorstel): its beslispunten, inleiding, beoogd resultaat, argumenten,\n"
	"kanttekeningen and financiën.\n"
	"\n"
	"  --kind K       voortgang (default), veiligheidsbeeld or raadsvoorstel\n"
	"  --area A       the plan's municipality (default; veiligheidsbeeld: any gemeente)\n"
	"  --year Y       the report year (default: the last complete year with data;\n"
	"                 raadsvoorstel: the year the plan was adopted)\n"
	"  --format F     pdf (default), html or xlsx (every table of the report)\n"
	"  --output FILE  default: rapport-<kind>-<area>-<year>.<ext> here\n"
	"  --lang L       nl (default) or en\n"
	"  --date D       the report date (default: the day of the newest import or plan\n"
	"                 version; the same database gives the same file)\n"
	"  --areas LIST   a batch: the safety picture of each gemeente, one file each,\n"
	"                 rapport-veiligheidsbeeld-<area>-<year>.<ext>; all: every gemeente\n"
	"                 with inhabitants (those without registered crime that year left\n"
	"                 out), or codes separated by commas, or @FILE with one code a line;\n"
	"                 all files or none\n"
	"  --output-dir D the batch's directory (default: here)\n"
	"\n"
	"The report's texts, its status and definitief: ivp report text --help.\n";

/* The codes of --areas: a comma list or @FILE (one a line, # comments). */
typedef struct area_list {
	char *buf;
	const char **v;
	int n;
} area_list;

static int add_codes(area_list *l, char *p)
{
	char *tok, *save = NULL;

	for (tok = strtok_r(p, ", \t\r\n", &save); tok; tok = strtok_r(NULL, ", \t\r\n", &save)) {
		const char **nv = realloc(l->v, (size_t)(l->n + 1) * sizeof(*nv));

		if (!nv)
			return -1;
		l->v = nv;
		l->v[l->n++] = tok;
	}
	return 0;
}

static int read_areas(const char *v, area_list *l)
{
	FILE *f;
	size_t n = 0, cap = 0, got;
	char *p;
	int bad;

	memset(l, 0, sizeof(*l));
	if (v[0] != '@') {
		if (!(l->buf = strdup(v)) || add_codes(l, l->buf)) {
			fputs("ivp report: error: out of memory\n", stderr);
			return EXIT_INTERNAL;
		}
		return l->n ? EXIT_OK : cli_usage("report", "--areas names no gemeente");
	}
	if (!(f = fopen(v + 1, "r"))) {
		fprintf(stderr, "ivp report: error: cannot read \"%s\"\nDETAIL: %s.\n", v + 1, strerror(errno));
		return EXIT_USER;
	}
	do {
		if (n + 4096 + 1 > cap) {
			char *nb = realloc(l->buf, cap = cap ? cap * 2 : 8192);

			if (!nb) {
				(void)fclose(f);
				fputs("ivp report: error: out of memory\n", stderr);
				return EXIT_INTERNAL;
			}
			l->buf = nb;
		}
		got = fread(l->buf + n, 1, 4096, f);
		n += got;
	} while (got == 4096);
	bad = ferror(f);
	if (fclose(f) || bad) {
		fprintf(stderr, "ivp report: error: cannot read \"%s\"\n", v + 1);
		return EXIT_USER;
	}
	l->buf[n] = '\0';
	for (p = strchr(l->buf, '#'); p; p = strchr(p, '#')) /* comments become spaces */
		while (*p && *p != '\n')
			*p++ = ' ';
	if (add_codes(l, l->buf)) {
		fputs("ivp report: error: out of memory\n", stderr);
		return EXIT_INTERNAL;
	}
	if (!l->n)
		return cli_usage("report", "%s names no gemeente", v + 1);
	return EXIT_OK;
}

static void print_written(void *ud, const ivp_report_result *r)
{
	(*(int *)ud)++;
	printf(cli_tr("%s: %s report %d for %s, dated %s\n"), r->path, r->kind, r->year, r->area, r->date);
}

static void print_left_out(void *ud, const char *area, const ivp_error *why)
{
	(void)ud;
	printf(cli_tr("%s: left out: %s\n"), area, why->message);
}

static int batch(ivp_ctx *ctx, const ivp_report_opts *o, const char *areas, const char *dir)
{
	ivp_report_batch_opts b;
	area_list l = { 0 };
	int rc, written = 0;

	memset(&b, 0, sizeof(b));
	if (strcmp(areas, "all")) {
		if ((rc = read_areas(areas, &l))) {
			free(l.buf);
			free(l.v);
			return rc;
		}
		b.areas = l.v;
		b.nareas = l.n;
	}
	b.dir = dir;
	b.written = print_written;
	b.left_out = print_left_out;
	b.ud = &written;
	rc = EXIT_OK;
	if (ivp_report_batch(ctx, o, &b))
		rc = cli_error("report", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	else
		printf(cli_tr(written == 1 ? "%d report in %s\n" : "%d reports in %s\n"), written, dir ? dir : ".");
	free(l.buf);
	free(l.v);
	return rc;
}

static const char text_help[] =
	"usage: ivp report text set     --key KEY (--file FILE | --text TEXT) [REPORT] [--user U]\n"
	"       ivp report text list    [REPORT]\n"
	"       ivp report text show    --key KEY [REPORT] [--version N]\n"
	"       ivp report text history --key KEY [REPORT]\n"
	"       ivp report finalize     [REPORT] [--date YYYY-MM-DD] [--user U]\n"
	"       ivp report list\n"
	"REPORT: [--kind voortgang|veiligheidsbeeld|raadsvoorstel] [--year Y] [--area A]\n"
	"        (defaults as for ivp report)\n"
	"\n"
	"The texts editors write for a report (docs/report.md): keys inleiding;\n"
	"voortgang: prioriteit:ID (or prioriteit:a, b, … in the plan's order) per\n"
	"priority, doel:ID per goal (optional); raadsvoorstel: beoogd-resultaat,\n"
	"argumenten, kanttekeningen. Every set is a new version with who wrote it\n"
	"(--user, else $IVP_USER; required); nothing is overwritten. A report\n"
	"without all its required texts is a concept and names what is missing.\n"
	"\n"
	"  set       store a new version (FILE: UTF-8, paragraphs between blank lines; - is stdin)\n"
	"  list      every text of the report with its status, version and author\n"
	"  show      the text (its newest version, or --version N)\n"
	"  history   every version of one text\n"
	"  finalize  mark the report definitief: its content is frozen as a snapshot\n"
	"            and ivp report gives the same file from then on, whatever changes\n"
	"  list      (ivp report list) the reports there are and their status\n";

/* A text file (or stdin for "-") as a string, at most 32 KiB + 1. */
static char *read_text(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 32768 + 2, n;
	char *buf;

	if (!f)
		return NULL;
	buf = malloc(cap);
	if (buf) {
		n = fread(buf, 1, cap - 1, f);
		buf[n] = '\0';
		if (ferror(f)) {
			free(buf);
			buf = NULL;
		}
	}
	if (f != stdin)
		(void)fclose(f); /* read only */
	return buf;
}

/* ivp report text …, ivp report finalize, ivp report list */
static int cmd_report_sub(int argc, char **argv)
{
	const char *sub = argv[0], *what = NULL, *w, *key = NULL, *file = NULL, *text = NULL, *user = NULL, *v;
	cli_common c = { 0 };
	ivp_report_opts o;
	ivp_ctx *ctx = NULL;
	long long version = 0;
	int i = 1, err = 0, rc = EXIT_OK;
	char cmd[64];

	memset(&o, 0, sizeof(o));
	if (!strcmp(sub, "text")) {
		if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
			fputs(cli_tr(text_help), stdout);
			return argc < 2 ? EXIT_USER : EXIT_OK;
		}
		what = argv[1];
		i = 2;
		if (strcmp(what, "set") && strcmp(what, "list") && strcmp(what, "show") && strcmp(what, "history"))
			return cli_usage("report text", "unknown subcommand \"%s\" (use set, list, show or history)", what);
	}
	snprintf(cmd, sizeof(cmd), "report %s%s%s", sub, what ? " " : "", what ? what : "");
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_tr(text_help), stdout);
			return EXIT_OK;
		}
		if ((v = cli_optval("--kind", argc, argv, &i, &err)))
			o.kind = v;
		else if (!err && (v = cli_optval("--area", argc, argv, &i, &err)))
			o.area = v;
		else if (!err && (v = cli_optval("--year", argc, argv, &i, &err))) {
			long long y;

			if (cli_parse_int(v, 1900, 2199, &y))
				return cli_usage(cmd, "a year is 1900 to 2199, not \"%s\"", v);
			o.year = (int)y;
		} else if (!err && (v = cli_optval("--key", argc, argv, &i, &err)))
			key = v;
		else if (!err && (v = cli_optval("--file", argc, argv, &i, &err)))
			file = v;
		else if (!err && (v = cli_optval("--text", argc, argv, &i, &err)))
			text = v;
		else if (!err && (v = cli_optval("--user", argc, argv, &i, &err)))
			user = v;
		else if (!err && (v = cli_optval("--date", argc, argv, &i, &err)))
			o.date = v;
		else if (!err && (v = cli_optval("--version", argc, argv, &i, &err))) {
			if (cli_parse_int(v, 1, 1000000000, &version))
				return cli_usage(cmd, "--version is a version number (1, 2, …), not \"%s\"", v);
		} else if (err)
			return cli_usage(cmd, "option %s needs a value", argv[i]);
		else {
			int k = cli_common_opt(cmd, argc, argv, &i, &c);

			if (k < 0)
				return EXIT_USER;
			if (k == 0)
				return cli_usage(cmd, "unknown option \"%s\"", argv[i]);
		}
	}
	if (what && strcmp(what, "list") && !key)
		return cli_usage(cmd, "give the text with --key KEY (ivp report text list shows the keys)");
	if (what && !strcmp(what, "set") && !file == !text)
		return cli_usage(cmd, "give the text with --file FILE or --text TEXT (one of them)");
	o.lang = cli_lang();
	w = what ? what : "";
	if ((!strcmp(sub, "finalize") || !strcmp(w, "set")) && !cli_operator(cmd, user))
		return EXIT_USER;
	if ((rc = cli_open(cmd, &c, &ctx)))
		return rc;
	if (!strcmp(sub, "finalize")) {
		ivp_report_final f;

		if (ivp_report_finalize(ctx, &o, cli_operator(cmd, user), &f))
			rc = cli_error(cmd, ivp_last_error(ctx)->rc, ivp_last_error(ctx));
		else
			printf(cli_tr("%s report %d for %s is final since %s (snapshot sha256:%s)\n"), f.kind, f.year, f.area, f.date,
			       f.sha256);
	} else if (!strcmp(sub, "list") || !strcmp(w, "list") || !strcmp(w, "history")) {
		ivp_table *t = NULL;
		ivp_rc r = !strcmp(sub, "list") ? ivp_reports(ctx, cli_lang(), &t) :
			   !strcmp(w, "list")	? ivp_report_texts(ctx, &o, &t) :
						  ivp_report_text_history(ctx, &o, key, &t);

		if (r)
			rc = cli_error(cmd, r, ivp_last_error(ctx));
		else
			rc = cli_print_exit(cmd, cli_print(stdout, t, c.format, c.columns));
		ivp_table_free(t);
	} else if (!strcmp(w, "show")) {
		ivp_table *t = NULL;
		ivp_rc r = ivp_report_text_history(ctx, &o, key, &t);
		int n = t ? ivp_table_nrows(t) : 0, row = -1, k;

		for (k = 0; k < n; k++)
			if (!version || ivp_table_int(t, k, 0) == version)
				row = k;
		if (r)
			rc = cli_error(cmd, r, ivp_last_error(ctx));
		else if (row < 0 && version)
			rc = cli_usage(cmd, "text \"%s\" has no version %lld", key, version);
		else if (row < 0)
			rc = cli_usage(cmd, "text \"%s\" has no version yet", key);
		else {
			const char *body = ivp_table_text(t, row, 3);
			size_t len = strlen(body);

			fputs(body, stdout);
			if (len && body[len - 1] != '\n')
				putchar('\n');
		}
		ivp_table_free(t);
	} else {
		ivp_report_text_result res;
		char *body = file ? read_text(file) : NULL;

		if (file && !body) {
			ivp_close(ctx);
			return cli_usage(cmd, "cannot read \"%s\"", file);
		}
		if (ivp_report_text_set(ctx, &o, key, file ? body : text, cli_operator(cmd, user), &res))
			rc = cli_error(cmd, ivp_last_error(ctx)->rc, ivp_last_error(ctx));
		else
			printf(cli_tr("%s report %d for %s: %s (%s) version %lld saved%s\n"), res.kind, res.year, res.area, res.label,
			       res.key, (long long)res.version, res.final ? cli_tr("; the report is final and does not change") : "");
		free(body);
	}
	ivp_close(ctx);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_report_opts o;
	ivp_report_result r;
	ivp_ctx *ctx = NULL;
	int i, rc, err = 0;
	const char *v, *areas = NULL, *dir = NULL;

	memset(&o, 0, sizeof(o));
	if (argc > 1 && (!strcmp(argv[1], "text") || !strcmp(argv[1], "finalize") || !strcmp(argv[1], "list")))
		return cmd_report_sub(argc - 1, argv + 1);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_tr(report_help), stdout);
			return EXIT_OK;
		}
		if ((v = cli_optval("--kind", argc, argv, &i, &err)))
			o.kind = v;
		else if (!err && (v = cli_optval("--area", argc, argv, &i, &err)))
			o.area = v;
		else if (!err && (v = cli_optval("--year", argc, argv, &i, &err))) {
			char *end;
			long y = strtol(v, &end, 10);

			if (*end || y < 1900 || y > 2199)
				return cli_usage("report", "a year is 1900 to 2199, not \"%s\"", v);
			o.year = (int)y;
		} else if (!err && (v = cli_optval("--format", argc, argv, &i, &err))) {
			if (!strcmp(v, "pdf"))
				o.format = IVP_REPORT_PDF;
			else if (!strcmp(v, "html"))
				o.format = IVP_REPORT_HTML;
			else if (!strcmp(v, "xlsx"))
				o.format = IVP_REPORT_XLSX;
			else
				return cli_usage("report", "unknown format \"%s\" (use pdf, html or xlsx)", v);
		} else if (!err && (v = cli_optval("--output", argc, argv, &i, &err)))
			o.output = v;
		else if (!err && (v = cli_optval("--date", argc, argv, &i, &err)))
			o.date = v;
		else if (!err && (v = cli_optval("--areas", argc, argv, &i, &err)))
			areas = v;
		else if (!err && (v = cli_optval("--output-dir", argc, argv, &i, &err)))
			dir = v;
		else if (err)
			return cli_usage("report", "option %s needs a value", argv[i]);
		else {
			int k = cli_common_opt("report", argc, argv, &i, &c);

			if (k < 0)
				return EXIT_USER;
			if (k == 0)
				return cli_usage("report", "unknown option \"%s\"", argv[i]);
		}
	}
	o.lang = cli_lang();
	if (areas && (o.area || o.output))
		return cli_usage("report", "--areas writes one file per gemeente into --output-dir: leave out %s",
				 o.area ? "--area" : "--output");
	if (dir && !areas)
		return cli_usage("report", "--output-dir is the directory of a batch: give --areas too");
	if ((rc = cli_open("report", &c, &ctx)))
		return rc;
	if (areas) {
		rc = batch(ctx, &o, areas, dir);
		ivp_close(ctx);
		return rc;
	}
	if (ivp_report(ctx, &o, &r)) {
		rc = cli_error("report", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
		ivp_close(ctx);
		return rc;
	}
	printf(cli_tr("%s: %s report %d for %s, dated %s\n"), r.path, r.kind, r.year, r.area, r.date);
	if (!strcmp(r.status, "concept"))
		printf(cli_trn("status: draft, %d required text missing (ivp report text list)\n", "status: draft, %d required texts missing (ivp report text list)\n", r.missing), r.missing);
	else
		printf("%s", cli_tr(!strcmp(r.status, "definitief") ? "status: final\n" : "status: complete\n"));
	ivp_close(ctx);
	return EXIT_OK;
}
