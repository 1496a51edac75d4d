/*
 * cmd_region.c — `ivp region import FILE`, `ivp region show [REGION]` and
 * `ivp region priorities [REGION]`: the regional plan with its themes
 * (docs/region-file.md) and the region side by side (each theme against
 * the priorities of each municipality's plan). Parses the options, calls
 * the public API (ivp_region_*) and prints; no domain logic here.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char region_help[] =
	"usage: ivp region SUBCOMMAND [options]\n"
	"\n"
	"  import FILE [--user U]     the regional plan and its themes from a region file\n"
	"                             (YAML, docs/region-file.md); the same file again\n"
	"                             changes nothing; who: --user, else $IVP_USER\n"
	"  show [REGION]              the regional plan's themes (default: the first region)\n"
	"  priorities [REGION]        per theme and municipality of the region the priorities\n"
	"                             of its plan that name the theme (no plan: empty)\n"
	"\n"
	"options: --db PATH, --format table|csv|json, --columns a,b,…\n";

int cmd_region(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *sub, *user = NULL, *v, *pos = NULL;
	ivp_ctx *ctx = NULL;
	int i, r, err = 0, ex = 0;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_tr(region_help), stdout);
			return 0;
		}
	if (argc < 2) {
		fputs(cli_tr(region_help), stdout);
		return EXIT_USER;
	}
	sub = argv[1];
	if (strcmp(sub, "import") && strcmp(sub, "show") && strcmp(sub, "priorities"))
		return cli_usage("region", "unknown subcommand \"%s\"", sub);
	for (i = 2; i < argc; i++) {
		if ((r = cli_common_opt("region", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--user", argc, argv, &i, &err)))
			user = v;
		else if (err)
			return cli_usage("region", "option %s needs a value", argv[i]);
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return cli_usage("region", "unknown option \"%s\"", argv[i]);
		else if (!pos)
			pos = argv[i];
		else
			return cli_usage("region", "too many arguments");
	}
	if (!strcmp(sub, "import") && !pos)
		return cli_usage("region", "region import needs one FILE");
	if (!strcmp(sub, "import") && !cli_operator("region import", user))
		return EXIT_USER;
	if ((r = cli_open("region", &c, &ctx)))
		return r;
	if (!strcmp(sub, "import")) {
		ivp_import_opts o;
		ivp_import_result res;
		ivp_table *p = NULL;
		ivp_rc rc;

		memset(&o, 0, sizeof(o));
		memset(&res, 0, sizeof(res));
		o.user = cli_operator("region import", user);
		rc = ivp_region_import(ctx, pos, &o, &p, &res);
		if (rc)
			ex = cli_print_problems("region import", ctx, rc, p);
		else if (res.unchanged)
			printf(cli_tr("%s: unchanged: %s\n"), pos, res.note);
		else
			printf(cli_tr("%s: import %lld: %lld regional themes written\n"), pos,
			       (long long)res.import_id, (long long)res.rows);
		ivp_table_free(p);
	} else {
		ivp_table *t = NULL;
		ivp_rc rc = !strcmp(sub, "show") ? ivp_region_show(ctx, pos, &t) : ivp_region_priorities(ctx, pos, &t);

		if (rc)
			ex = cli_error(!strcmp(sub, "show") ? "region show" : "region priorities", rc,
				       ivp_last_error(ctx));
		else
			ex = cli_print_exit("region", cli_print(stdout, t, c.format, c.columns));
		ivp_table_free(t);
	}
	ivp_close(ctx);
	return ex;
}
