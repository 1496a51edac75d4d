/*
 * cmd_participation.c — `ivp participation`: the participation trajectory
 * and the priority matrix (issue 14, docs/participation.md).
 *
 *   ivp participation import trajectory|activities|inputs|matrix|evaluation FILE [--user NAME]
 *   ivp plan evaluate --plan ID     the evaluation of a previous plan
 *   ivp participation [TABLE] [--trajectory ID]   TABLE: trajectories (default), activities,
 *                      inputs, themes, routes, themelist, matrix, sensitivity
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int help(void)
{
	puts(cli_tr("usage: ivp participation import trajectory|activities|inputs|matrix|evaluation FILE [--user NAME]\n"
		    "       ivp plan evaluate --plan ID [--format table|csv|json]\n"
		    "       ivp participation [TABLE] [--trajectory ID] [--format table|csv|json]\n\n"
		    "The participation trajectory as data: its activities, the inputs they gave and\n"
		    "what was done with each, and the priority matrix (docs/participation.md).\n"
		    "TABLE: trajectories (default), activities, inputs, themes (inputs per theme and\n"
		    "wijk, small counts suppressed), routes (what was done, per theme), themelist,\n"
		    "matrix (scores, total, rank, choice), sensitivity (ranks under other weights)."));
	return 0;
}

static int import(int argc, char **argv)
{
	static const char *const kinds[] = { "trajectory", "activities", "inputs", "matrix", "evaluation" };
	cli_common c = { 0 };
	ivp_import_opts o;
	ivp_import_result res;
	ivp_ctx *ctx;
	const char *file = NULL, *user = NULL, *v;
	int i, r, k = -1, ex = 0, err = 0;

	memset(&o, 0, sizeof(o));
	if (argc < 3)
		return cli_usage("participation", "missing KIND (trajectory, activities, inputs, matrix or evaluation) and FILE");
	for (i = 0; i < 5; i++)
		if (!strcmp(argv[2], kinds[i]))
			k = i;
	if (k < 0)
		return cli_usage("participation", "unknown KIND \"%s\" (use trajectory, activities, inputs, matrix or evaluation)", argv[2]);
	for (i = 3; i < argc; i++) {
		if ((r = cli_common_opt("participation", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--user", argc, argv, &i, &err)))
			user = v;
		else if (err)
			return cli_usage("participation", "option %s needs a value", argv[i]);
		else if (argv[i][0] == '-' || file)
			return cli_usage("participation", "unknown option \"%s\"", argv[i]);
		else
			file = argv[i];
	}
	if (!file)
		return cli_usage("participation", "no FILE given");
	if (!(o.user = cli_operator("participation", user)))
		return EXIT_USER;
	if ((r = cli_open("participation", &c, &ctx)))
		return r;
	if (ivp_import_participation(ctx, (ivp_pt_file)k, file, &o, &res))
		ex = cli_error("participation", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	else if (res.unchanged)
		printf(cli_tr("%s: unchanged: %s\n"), file, res.note);
	else
		printf(cli_trn("%s: import %lld (%s): %lld row written\n", "%s: import %lld (%s): %lld rows written\n", res.rows), file, (long long)res.import_id, res.layout,
		       (long long)res.rows);
	ivp_close(ctx);
	return ex;
}

int cmd_participation(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *what = NULL, *traj = NULL, *v;
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r, err = 0, ex;
	ivp_rc rc;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return help();
	if (argc > 1 && !strcmp(argv[1], "import"))
		return import(argc, argv);
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("participation", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--trajectory", argc, argv, &i, &err)))
			traj = v;
		else if (err)
			return cli_usage("participation", "option %s needs a value", argv[i]);
		else if (argv[i][0] == '-' || what)
			return cli_usage("participation", "unknown option \"%s\"", argv[i]);
		else
			what = argv[i];
	}
	if ((r = cli_open("participation", &c, &ctx)))
		return r;
	rc = ivp_participation(ctx, what, traj, c.lang ? c.lang : cli_lang(), &t);
	if (rc)
		ex = cli_error("participation", rc, ivp_last_error(ctx));
	else
		ex = cli_print_exit("participation", cli_print(stdout, t, c.format, c.columns));
	ivp_table_free(t);
	ivp_close(ctx);
	return ex;
}

int cmd_plan_evaluate(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *plan = NULL, *v;
	ivp_ctx *ctx;
	ivp_table *t = NULL;
	int i, r, err = 0, ex;
	ivp_rc rc;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return help();
		if ((r = cli_common_opt("plan evaluate", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--plan", argc, argv, &i, &err)))
			plan = v;
		else
			return cli_usage("plan evaluate", err ? "option %s needs a value" : "unknown option \"%s\"", argv[i]);
	}
	if (!plan)
		return cli_usage("plan evaluate", "missing --plan ID (the plan to evaluate, e.g. ivp-pn-2018-2022)");
	if ((r = cli_open("plan evaluate", &c, &ctx)))
		return r;
	rc = ivp_plan_evaluate(ctx, plan, c.lang ? c.lang : cli_lang(), &t);
	if (rc)
		ex = cli_error("plan evaluate", rc, ivp_last_error(ctx));
	else
		ex = cli_print_exit("plan evaluate", cli_print(stdout, t, c.format, c.columns));
	ivp_table_free(t);
	ivp_close(ctx);
	return ex;
}
