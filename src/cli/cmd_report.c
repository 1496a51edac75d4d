/*
 * cmd_report.c — `ivp report`: the account to the council as PDF, HTML or
 * XLSX. Parses the options, calls ivp_report() and says where the file is;
 * the report itself is the library's (src/report/).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char report_help[] =
	"usage: ivp report [--kind voortgang|veiligheidsbeeld|raadsvoorstel] [--area GM1926]\n"
	"                  [--year 2024]"
	" [--format pdf|html|xlsx] [--output FILE] [--lang nl|en]\n"
	"                  [--date YYYY-MM-DD] [--db PATH]\n"
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
	"                 version; the same database gives the same file)\n";

int cmd_report(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_report_opts o;
	ivp_report_result r;
	ivp_ctx *ctx = NULL;
	int i, rc, err = 0;
	const char *v;

	memset(&o, 0, sizeof(o));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(report_help, stdout);
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
	o.lang = c.lang;
	if ((rc = cli_open("report", &c, &ctx)))
		return rc;
	if (ivp_report(ctx, &o, &r)) {
		rc = cli_error("report", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
		ivp_close(ctx);
		return rc;
	}
	printf("%s: %s report %d for %s, dated %s\n", r.path, r.kind, r.year, r.area, r.date);
	ivp_close(ctx);
	return EXIT_OK;
}
