/*
 * cmd_copy.c — `ivp copy --from DB --to DB`: a whole database into a new,
 * empty one of any engine (moving up from an SQLite file to PostgreSQL),
 * verified after the copy (ivp_copy in ivp.h). Prints one line with what
 * was copied and checked; nothing on stdout when it fails.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char copy_help[] =
	"usage: ivp copy --from DB --to DB\n\n"
	"Copy a whole database — figures, imports, code lists, definitions, the plan\n"
	"with its versions, local values, users, sessions, organisations, boundaries,\n"
	"groups, report texts and definitief reports, the audit trail, participation\n"
	"and the evaluation of the previous plan — into a new, empty database, for\n"
	"example from an SQLite file to PostgreSQL:\n\n"
	"  ivp copy --from ivp.db --to postgresql://ivp@db.example.nl/ivp\n\n"
	"The copy is one transaction, then checked: every table's rows equal, and the\n"
	"indicators and rankings of every gemeente the same on both. A password goes in\n"
	"PGPASSFILE (~/.pgpass), never in --to. docs/postgresql.md has the rest.\n";

int cmd_copy(int argc, char **argv)
{
	const char *from = NULL, *to = NULL, *v;
	cli_common cf = { 0 }, ct = { 0 };
	ivp_ctx *a = NULL, *b = NULL;
	ivp_copy_result res;
	ivp_rc rc;
	int i, r, err = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_tr(copy_help), stdout);
			return EXIT_OK;
		}
		if ((v = cli_optval("--from", argc, argv, &i, &err))) {
			from = v;
			continue;
		}
		if (!err && (v = cli_optval("--to", argc, argv, &i, &err))) {
			to = v;
			continue;
		}
		if (err)
			return cli_usage("copy", "option %s needs a value", argv[i]);
		if ((r = cli_common_opt("copy", argc, argv, &i, &cf)) < 0)
			return EXIT_USER;
		if (!r)
			return cli_usage("copy", "unknown option \"%s\"", argv[i]);
	}
	if (!from || !to)
		return cli_usage("copy", "give the source with --from and the new database with --to");
	if (!strcmp(from, to))
		return cli_usage("copy", "--from and --to name the same database");
	cf.db = from;
	ct.db = to;
	if ((r = cli_open("copy", &cf, &a)))
		return r;
	if ((r = cli_open("copy", &ct, &b))) {
		ivp_close(a);
		return r;
	}
	rc = ivp_copy(a, b, &res);
	if (rc) {
		r = cli_error("copy", rc, ivp_last_error(b));
	} else {
		printf(cli_tr("copied %d tables, %lld rows (%lld crime counts); checked: every table equal, "
			      "%d indicator and ranking queries the same on both\n"),
		       res.tables, (long long)res.rows, (long long)res.facts, res.queries);
		r = EXIT_OK;
	}
	ivp_close(a);
	ivp_close(b);
	return r;
}
