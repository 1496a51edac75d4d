/*
 * cmd_audit.c — `ivp audit verify|head|show`, `ivp backup FILE`,
 * `ivp restore FILE` and `ivp plan prune`: the audit trail, backups and
 * the thinning of plan history (include/ivp/audit.h; docs/audit.md,
 * docs/backup.md). Options, then one library call, then what it found.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ivp/audit.h"

static const char audit_help[] =
	"usage: ivp audit verify [--head FILE]\n"
	"       ivp audit head [--output FILE]\n"
	"       ivp audit show [--user NAME] [--object OBJECT] [--from DATE] [--limit N]\n"
	"\n"
	"The audit trail (docs/audit.md): every write, sign-in and sign-out, user\n"
	"change, export and report, chained by hash. verify checks every entry and\n"
	"names the first one that was changed, removed, inserted or moved (exit\n"
	"status 1); with --head also that the trail still reaches the head kept\n"
	"elsewhere. head prints that head (one line) to keep. show lists entries.\n";

static const char backup_help[] =
	"usage: ivp backup FILE\n"
	"       ivp restore FILE --user OPERATOR\n"
	"\n"
	"backup copies the database into the new file FILE (mode 0600), consistent\n"
	"while the server runs, and checks the copy (integrity check, audit chain)\n"
	"before it is kept. restore checks FILE the same way and replaces the\n"
	"database by it in one step; a file that fails either check is refused.\n"
	"docs/backup.md has the schedule.\n";

static const char prune_help[] =
	"usage: ivp plan prune [--keep N] [--dry-run] --user OPERATOR\n"
	"\n"
	"Thins the plan's history (docs/backup.md): every imported plan file, every\n"
	"version a definitief report names, the newest N versions (default 10) and\n"
	"the newest version of each day stay; the others are removed.\n";

static int wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

/* The whole of a small file (a head) into buf; 0, or -1. */
static int read_small(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t k;

	if (!f)
		return -1;
	k = fread(buf, 1, n - 1, f);
	buf[k] = '\0';
	(void)fclose(f);
	return 0;
}

static int audit_verify(ivp_ctx *ctx, const char *head_file)
{
	char head[512];
	ivp_audit_check chk;

	if (head_file && read_small(head_file, head, sizeof(head)))
		return cli_usage("audit verify", "cannot read \"%s\"", head_file);
	if (ivp_audit_verify(ctx, head_file ? head : NULL, &chk))
		return cli_error("audit verify", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	printf(cli_trn("audit trail whole: %lld entry, head %lld %s\n", "audit trail whole: %lld entries, head %lld %s\n", chk.entries), (long long)chk.entries,
	       (long long)chk.head_seq, chk.head_hash[0] ? chk.head_hash : "-");
	return EXIT_OK;
}

static int audit_head(ivp_ctx *ctx, const char *output)
{
	char head[256];
	FILE *f;

	if (ivp_audit_head(ctx, head, sizeof(head)))
		return cli_error("audit head", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	if (!output) {
		fputs(head, stdout);
		return EXIT_OK;
	}
	if (!(f = fopen(output, "wx"))) {
		fprintf(stderr, "ivp audit head: %s: ", cli_tr("error"));
		fprintf(stderr, cli_tr("cannot create \"%s\" (it may exist)"), output);
		fputc('\n', stderr);
		return EXIT_USER;
	}
	fputs(head, f);
	if (fclose(f))
		return cli_print_exit("audit head", -1);
	return EXIT_OK;
}

int cmd_audit(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_audit_query q;
	const char *sub, *v, *head = NULL, *output = NULL;
	ivp_ctx *ctx = NULL;
	int i, r, err = 0, ex;

	memset(&q, 0, sizeof(q));
	if (argc < 2 || wants_help(argc, argv)) {
		fputs(cli_tr(audit_help), stdout);
		return argc < 2 ? EXIT_USER : EXIT_OK;
	}
	sub = argv[1];
	if (strcmp(sub, "verify") && strcmp(sub, "head") && strcmp(sub, "show"))
		return cli_usage("audit", "unknown subcommand \"%s\" (use verify, head or show)", sub);
	for (i = 2; i < argc; i++) {
		if ((r = cli_common_opt("audit", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--head", argc, argv, &i, &err)) && !strcmp(sub, "verify")) {
			head = v;
		} else if (!v && !err && (v = cli_optval("--output", argc, argv, &i, &err)) && !strcmp(sub, "head")) {
			output = v;
		} else if (!v && !err && (v = cli_optval("--user", argc, argv, &i, &err)) && !strcmp(sub, "show")) {
			q.user = v;
		} else if (!v && !err && (v = cli_optval("--object", argc, argv, &i, &err)) && !strcmp(sub, "show")) {
			q.object = v;
		} else if (!v && !err && (v = cli_optval("--from", argc, argv, &i, &err)) && !strcmp(sub, "show")) {
			q.from = v;
		} else if (!v && !err && (v = cli_optval("--limit", argc, argv, &i, &err)) && !strcmp(sub, "show")) {
			long long n;

			if (cli_parse_int(v, 1, 1000000000, &n))
				return cli_usage("audit", "--limit is a positive number, not \"%s\"", v);
			q.limit = (int)n;
		} else if (err) {
			return cli_usage("audit", "option %s needs a value", argv[i]);
		} else {
			return cli_usage("audit", "unknown option \"%s\"", argv[i]);
		}
	}
	if ((r = cli_open("audit", &c, &ctx)))
		return r;
	if (!strcmp(sub, "verify")) {
		ex = audit_verify(ctx, head);
	} else if (!strcmp(sub, "head")) {
		ex = audit_head(ctx, output);
	} else {
		ivp_table *t = NULL;

		if (ivp_audit_show(ctx, &q, &t))
			ex = cli_error("audit show", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
		else
			ex = cli_print_exit("audit show", cli_print(stdout, t, c.format, c.columns));
		ivp_table_free(t);
	}
	ivp_close(ctx);
	return ex;
}

/* ivp backup FILE / ivp restore FILE */
static int backup_or_restore(const char *cmd, int argc, char **argv)
{
	cli_common c = { 0 };
	const char *file = NULL, *v, *user = NULL;
	ivp_backup_result res;
	ivp_ctx *ctx = NULL;
	int i, r, err = 0, ex = EXIT_OK, restore = !strcmp(cmd, "restore");

	if (wants_help(argc, argv)) {
		fputs(cli_tr(backup_help), stdout);
		return EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt(cmd, argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--user", argc, argv, &i, &err)))
			user = v;
		else if (err)
			return cli_usage(cmd, "option %s needs a value", argv[i]);
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return cli_usage(cmd, "unknown option \"%s\"", argv[i]);
		else if (!file)
			file = argv[i];
		else
			return cli_usage(cmd, "one FILE at a time");
	}
	if (!file)
		return cli_usage(cmd, "no FILE given");
	/* a restore changes everything; a backup only reads (its operator is
	 * recorded when given) */
	if (restore && !cli_operator(cmd, user))
		return EXIT_USER;
	if (!restore && user)
		(void)cli_operator(cmd, user);
	if ((r = cli_open(cmd, &c, &ctx)))
		return r;
	if (restore ? ivp_restore(ctx, file, &res) : ivp_backup(ctx, file, &res))
		ex = cli_error(cmd, ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	else
		printf(restore ? cli_trn("restored from %s: %lld audit entry, head %s\n",
					 "restored from %s: %lld audit entries, head %s\n", res.entries) :
				 cli_trn("backup %s written: %lld audit entry, head %s\n",
					 "backup %s written: %lld audit entries, head %s\n", res.entries),
		       file, (long long)res.entries, res.head[0] ? res.head : "-");
	ivp_close(ctx);
	return ex;
}

int cmd_backup(int argc, char **argv)
{
	return backup_or_restore("backup", argc, argv);
}

int cmd_restore(int argc, char **argv)
{
	return backup_or_restore("restore", argc, argv);
}

int cmd_plan_prune(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *v, *user = NULL;
	ivp_prune_opts o = { 0, 0 };
	ivp_prune_result res;
	ivp_ctx *ctx = NULL;
	int i, r, err = 0, ex = EXIT_OK;

	if (wants_help(argc, argv)) {
		fputs(cli_tr(prune_help), stdout);
		return EXIT_OK;
	}
	for (i = 1; i < argc; i++) {
		if ((r = cli_common_opt("plan prune", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--user", argc, argv, &i, &err))) {
			user = v;
		} else if (!err && (v = cli_optval("--keep", argc, argv, &i, &err))) {
			long long n;

			if (cli_parse_int(v, 1, 1000000, &n))
				return cli_usage("plan prune", "--keep is a positive number, not \"%s\"", v);
			o.keep_latest = (int)n;
		} else if (err) {
			return cli_usage("plan prune", "option %s needs a value", argv[i]);
		} else if (!strcmp(argv[i], "--dry-run")) {
			o.dry_run = 1;
		} else {
			return cli_usage("plan prune", "unknown option \"%s\"", argv[i]);
		}
	}
	if (!o.dry_run && !cli_operator("plan prune", user))
		return EXIT_USER;
	if ((r = cli_open("plan prune", &c, &ctx)))
		return r;
	if (ivp_plan_prune(ctx, &o, &res))
		ex = cli_error("plan prune", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	else
		printf(cli_tr(o.dry_run ? "%lld plan versions: %lld would stay, %lld would be removed\n" :
					  "%lld plan versions: %lld kept, %lld removed\n"),
		       (long long)res.versions, (long long)res.kept, (long long)res.removed);
	ivp_close(ctx);
	return ex;
}
