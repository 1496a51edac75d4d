/*
 * cmd_org.c — `ivp org add|list|remove|municipality`: the organisations
 * users belong to and a plan's measures name as owner and partners (the
 * municipality, politie, the Zorg- en Veiligheidshuis, Halt, …;
 * docs/security.md), and the municipalities each works for
 * (docs/tenancy.md). `add` of an id that exists gives it the new name and
 * kind; its --municipality adds to the municipalities, which `org
 * municipality ID CODE[,CODE…] [--remove]` changes later.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char org_help_en[] =
	"usage: ivp org add ID NAME [--kind KIND] [--municipality CODE[,CODE...]] [--user OPERATOR]\n"
	"       ivp org municipality ID CODE[,CODE...] [--remove] [--user OPERATOR]\n"
	"       ivp org list\n"
	"       ivp org remove ID [--user OPERATOR]\n"
	"\n"
	"The organisations: the municipality and its safety partners. Every user\n"
	"belongs to one (ivp user add --org ID; without it: gemeente). A measure's\n"
	"owner and partners in the plan file are organisations. An ID is 1-31 of\n"
	"a-z 0-9 - _ (politie, zvh); add of an existing ID gives it a new name and\n"
	"kind. remove refuses the municipality, an organisation with members and one\n"
	"the plan names. add and remove need the operator who makes the change\n"
	"(--user, else $IVP_USER) and are entries of the audit trail.\n"
	"In a deployment of several municipalities an organisation works for the\n"
	"municipalities (GM1926) or regions (haaglanden) given with --municipality or\n"
	"org municipality (--remove takes them away again); without any, for the\n"
	"deployment's first. Its users work only there (docs/tenancy.md). An\n"
	"administrator bound to a municipality or region binds only to what it covers.\n";

/* in the CLI's language: the catalogue's text (IVP_T_HELP_ORG) */
static const char *org_help(void)
{
	return cli_tr(org_help_en);
}

int cmd_org(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *sub, *args[2] = { NULL, NULL }, *kind = NULL, *v, *op = NULL, *codes = NULL;
	ivp_ctx *ctx = NULL;
	ivp_table *t = NULL;
	ivp_rc rc = IVP_OK;
	int i, r, err = 0, ex = 0, nargs = 0, updated = 0, remove = 0;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(org_help(), stdout);
			return EXIT_OK;
		}
	if (argc < 2) {
		fputs(org_help(), stdout);
		return EXIT_USER;
	}
	sub = argv[1];
	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "remove") && strcmp(sub, "municipality"))
		return cli_usage("org", "unknown subcommand \"%s\" (use add, list, municipality or remove)", sub);
	for (i = 2; i < argc; i++) {
		/* the organisation's municipalities, not what the command acts for */
		if (!strcmp(sub, "add") && (v = cli_optval("--municipality", argc, argv, &i, &err))) {
			codes = v;
			continue;
		}
		if (err)
			return cli_usage("org", "option %s needs a value", argv[i]);
		if (!strcmp(sub, "municipality") && !strcmp(argv[i], "--remove")) {
			remove = 1;
			continue;
		}
		if ((r = cli_common_opt("org", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--kind", argc, argv, &i, &err))) {
			kind = v;
		} else if (!err && (v = cli_optval("--user", argc, argv, &i, &err))) {
			op = v;
		} else if (err) {
			return cli_usage("org", "option %s needs a value", argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			return cli_usage("org", "unknown option \"%s\"", argv[i]);
		} else if (nargs < 2) {
			args[nargs++] = argv[i];
		} else {
			return cli_usage("org", "too many arguments");
		}
	}
	if (!strcmp(sub, "add") && nargs != 2)
		return cli_usage("org", "org add needs an ID and a NAME");
	if (!strcmp(sub, "remove") && nargs != 1)
		return cli_usage("org", "org remove needs one ID");
	if (!strcmp(sub, "municipality") && nargs != 2)
		return cli_usage("org", "org municipality needs an ID and CODE[,CODE...]");
	if (!strcmp(sub, "list") && nargs)
		return cli_usage("org", "org list takes no arguments");
	if (kind && strcmp(sub, "add"))
		return cli_usage("org", "--kind belongs to org add");
	if (strcmp(sub, "list") && !cli_operator(!strcmp(sub, "add")	      ? "org add" :
						 !strcmp(sub, "municipality") ? "org municipality" :
										"org remove",
						 op))
		return EXIT_USER;
	if ((r = cli_open("org", &c, &ctx)))
		return r;
	if (!strcmp(sub, "list")) {
		if (!(rc = ivp_orgs(ctx, &t)))
			ex = cli_print_exit("org", cli_print(stdout, t, c.format, c.columns));
		ivp_table_free(t);
	} else if (!strcmp(sub, "add")) {
		if (!(rc = ivp_org_add_at(ctx, args[0], args[1], kind, codes, &updated)))
			printf(cli_tr(updated ? "organisation %s renamed: %s\n" : "organisation %s added: %s\n"),
			       args[0], args[1]);
		if (!rc && codes)
			printf(cli_tr("organisation %s works for %s\n"), args[0], codes);
	} else if (!strcmp(sub, "municipality")) {
		if (!(rc = ivp_org_municipalities_set(ctx, args[0], args[1], remove)))
			printf(cli_tr(remove ? "organisation %s no longer works for %s\n" :
					       "organisation %s works for %s\n"),
			       args[0], args[1]);
	} else if (!(rc = ivp_org_remove(ctx, args[0]))) {
		printf(cli_tr("organisation %s removed\n"), args[0]);
	}
	if (rc)
		ex = cli_error(!strcmp(sub, "add")	    ? "org add" :
			       !strcmp(sub, "remove")	    ? "org remove" :
			       !strcmp(sub, "municipality") ? "org municipality" :
							      "org list",
			       rc, ivp_last_error(ctx));
	ivp_close(ctx);
	return ex;
}
