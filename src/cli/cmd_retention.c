/*
 * cmd_retention.c — `ivp retention set|run|status`: retention by deletion
 * for the restricted registers (docs/registers.md has the rules, their
 * defaults and sources). `run` destroys what expired (crypto-shredding,
 * one audit entry per record), `--dry-run` only lists it; `ivp serve`
 * runs it at start and once a day.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ivp/registers.h"

static const char ret_help_nl[] =
	"gebruik: ivp retention set REGISTER REGEL MAANDEN --user BEHEERDER\n"
	"         ivp retention run [--as-of JJJJ-MM-DD] [--dry-run] --user NAAM\n"
	"         ivp retention status [--as-of JJJJ-MM-DD]\n"
	"\n"
	"Bewaartermijnen van de afgeschermde registers. Regels: signals not_taken_up\n"
	"(signaal niet opgepakt; standaard 12 maanden na de weging) en cases closed\n"
	"(casus gesloten of afgewezen; standaard 24 maanden, een keuze van de gemeente).\n"
	"run vernietigt wat verlopen is: de gegevenssleutel en de inhoud gaan weg, een\n"
	"auditregel zegt welk soort record wanneer verdween. status toont de regels en\n"
	"wat in de maand na vandaag (of --as-of) verloopt.\n";

static const char ret_help_en[] =
	"usage: ivp retention set REGISTER RULE MONTHS --user ADMIN\n"
	"       ivp retention run [--as-of YYYY-MM-DD] [--dry-run] --user NAME\n"
	"       ivp retention status [--as-of YYYY-MM-DD]\n"
	"\n"
	"Retention of the restricted registers. Rules: signals not_taken_up (a\n"
	"signal not taken up; default 12 months after the weighing) and cases closed\n"
	"(a case closed or declined; default 24 months, the municipality's choice).\n"
	"run destroys what expired: its data key and content go, an audit entry says\n"
	"what kind of record went when. status shows the rules and what expires in\n"
	"the month after today (or --as-of).\n";

int cmd_retention(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *sub, *op = NULL, *as_of = NULL, *words[3] = { NULL, NULL, NULL }, *v;
	ivp_ctx *ctx = NULL;
	ivp_table *t = NULL, *soon = NULL;
	long long months = 0;
	ivp_rc rc = IVP_OK;
	int i, r, n = 0, ex = 0, dry = 0, err = 0;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(!strcmp(cli_lang(), "en") ? ret_help_en : ret_help_nl, stdout);
			return EXIT_OK;
		}
	if (argc < 2) {
		fputs(!strcmp(cli_lang(), "en") ? ret_help_en : ret_help_nl, stdout);
		return EXIT_USER;
	}
	sub = argv[1];
	if (strcmp(sub, "set") && strcmp(sub, "run") && strcmp(sub, "status"))
		return cli_usage("retention", "unknown subcommand \"%s\" (use set, run or status)", sub);
	for (i = 2; i < argc; i++) {
		if ((r = cli_common_opt("retention", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--user", argc, argv, &i, &err)))
			op = v;
		else if (!err && (v = cli_optval("--as-of", argc, argv, &i, &err)))
			as_of = v;
		else if (err)
			return cli_usage("retention", "option %s needs a value", argv[i]);
		else if (!strcmp(argv[i], "--dry-run"))
			dry = 1;
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return cli_usage("retention", "unknown option \"%s\"", argv[i]);
		else if (n < 3)
			words[n++] = argv[i];
		else
			return cli_usage("retention", "too many arguments");
	}
	if (!strcmp(sub, "set") && (n != 3 || cli_parse_int(words[2], 1, 1200, &months)))
		return cli_usage("retention", "retention set needs a REGISTER, a RULE and MONTHS (1-1200)");
	if (strcmp(sub, "set") && n)
		return cli_usage("retention", "retention %s takes no arguments", sub);
	if ((as_of || dry) && !strcmp(sub, "set"))
		return cli_usage("retention", "--as-of and --dry-run belong to retention run and status");
	if (dry && strcmp(sub, "run"))
		return cli_usage("retention", "--dry-run belongs to retention run");
	if ((!strcmp(sub, "set") || (!strcmp(sub, "run") && !dry)) &&
	    !cli_operator(!strcmp(sub, "set") ? "retention set" : "retention run", op))
		return EXIT_USER;
	if ((r = cli_open("retention", &c, &ctx)))
		return r;
	if (!strcmp(sub, "set")) {
		if (!(rc = ivp_retention_set(ctx, words[0], words[1], (int)months)))
			printf(cli_tr("retention of %s %s: %lld months\n"), words[0], words[1], months);
	} else if (!strcmp(sub, "run")) {
		if (!(rc = ivp_retention_run(ctx, as_of, dry, &t))) {
			ex = cli_print_exit("retention", cli_print(stdout, t, c.format, c.columns));
			if (!ex && c.format == FMT_TABLE)
				fprintf(stderr, cli_tr(dry ? "%d records would be destroyed\n" : "%d records destroyed\n"),
					ivp_table_nrows(t));
		}
	} else if (!(rc = ivp_retention_status(ctx, as_of, &t, &soon))) {
		ex = cli_print_exit("retention", cli_print(stdout, t, c.format, c.columns));
		if (!ex) {
			printf("\n%s\n", cli_tr("expires within a month:"));
			ex = cli_print_exit("retention", cli_print(stdout, soon, c.format, c.columns));
		}
	}
	ivp_table_free(t);
	ivp_table_free(soon);
	if (rc)
		ex = cli_error(!strcmp(sub, "set") ? "retention set" : !strcmp(sub, "run") ? "retention run" :
											     "retention status",
			       rc, ivp_last_error(ctx));
	ivp_close(ctx);
	return ex;
}
