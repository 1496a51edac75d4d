/*
 * cmd_org.c — `ivp org add|list|remove`: the organisations users belong
 * to and a plan's measures name as owner and partners (the municipality,
 * politie, the Zorg- en Veiligheidshuis, Halt, …; docs/security.md).
 * `add` of an id that exists gives it the new name and kind.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char org_help_en[] =
	"usage: ivp org add ID NAME [--kind KIND] [--user OPERATOR]\n"
	"       ivp org list\n"
	"       ivp org remove ID [--user OPERATOR]\n"
	"\n"
	"The organisations: the municipality and its safety partners. Every user\n"
	"belongs to one (ivp user add --org ID; without it: gemeente). A measure's\n"
	"owner and partners in the plan file are organisations. An ID is 1-31 of\n"
	"a-z 0-9 - _ (politie, zvh); add of an existing ID gives it a new name and\n"
	"kind. remove refuses the municipality, an organisation with members and one\n"
	"the plan names. add and remove need the operator who makes the change\n"
	"(--user, else $IVP_USER) and are entries of the audit trail.\n";

/* in the CLI's language: the catalogue's text (IVP_T_HELP_ORG) */
static const char *org_help(void)
{
	return cli_tr(org_help_en);
}

int cmd_org(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *sub, *args[2] = { NULL, NULL }, *kind = NULL, *v, *op = NULL;
	ivp_ctx *ctx = NULL;
	ivp_table *t = NULL;
	ivp_rc rc = IVP_OK;
	int i, r, err = 0, ex = 0, nargs = 0, updated = 0;

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
	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "remove"))
		return cli_usage("org", "unknown subcommand \"%s\" (use add, list or remove)", sub);
	for (i = 2; i < argc; i++) {
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
	if (!strcmp(sub, "list") && nargs)
		return cli_usage("org", "org list takes no arguments");
	if (kind && strcmp(sub, "add"))
		return cli_usage("org", "--kind belongs to org add");
	if (strcmp(sub, "list") && !cli_operator(!strcmp(sub, "add") ? "org add" : "org remove", op))
		return EXIT_USER;
	if ((r = cli_open("org", &c, &ctx)))
		return r;
	if (!strcmp(sub, "list")) {
		if (!(rc = ivp_orgs(ctx, &t)))
			ex = cli_print_exit("org", cli_print(stdout, t, c.format, c.columns));
		ivp_table_free(t);
	} else if (!strcmp(sub, "add")) {
		if (!(rc = ivp_org_add(ctx, args[0], args[1], kind, &updated)))
			printf(cli_tr(updated ? "organisation %s renamed: %s\n" : "organisation %s added: %s\n"),
			       args[0], args[1]);
	} else if (!(rc = ivp_org_remove(ctx, args[0]))) {
		printf(cli_tr("organisation %s removed\n"), args[0]);
	}
	if (rc)
		ex = cli_error(!strcmp(sub, "add") ? "org add" : !strcmp(sub, "remove") ? "org remove" :
											  "org list",
			       rc, ivp_last_error(ctx));
	ivp_close(ctx);
	return ex;
}
