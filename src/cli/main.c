/*
 * main.c — the `ivp` command: dispatch through the command table (cmdtab.c),
 * shared options, error output.
 *
 * Exit codes: 0 ok; 1 the user must change something (the message says
 * what); 2 out of memory, the database or an internal error. Errors go to
 * stderr in PostgreSQL's style (COLUMN only when the library knows it):
 *   ivp import: error: FILE:LINE:COLUMN: field "F": message
 *   DETAIL: ...
 *   HINT: ...
 */
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ivp/audit.h"
#include "ivp/registers.h"

static const char *lang = "nl";	 /* --lang, else $IVP_LANG, else nl */
static const char *csv_dialect;	 /* --csv-dialect; NULL: the language's */
static const char *keys_path;	 /* --keys; NULL: $IVP_KEYS */
static const char *municipality; /* --municipality; NULL: $IVP_MUNICIPALITY */

const char *cli_municipality(void)
{
	const char *env = getenv("IVP_MUNICIPALITY");

	return municipality ? municipality : env ? env :
						   "";
}

const char *cli_keys(void)
{
	const char *env = getenv("IVP_KEYS");

	return keys_path ? keys_path : env ? env :
					     "";
}

const char *cli_csv_dialect(void)
{
	return csv_dialect ? csv_dialect : lang;
}

const char *cli_lang(void)
{
	return lang;
}

const char *cli_tr(const char *en)
{
	return ivp_msg_tr(lang, en);
}

const char *cli_trn(const char *one, const char *many, long long n)
{
	return ivp_msg_trn(lang, one, many, n);
}

/* A parameter as the CLI names it: {skip_unknown_regions} -> --skip-unknown-regions. */
static const char *flag(void *ud, const char *name, char *buf, size_t n)
{
	size_t i;

	(void)ud;
	snprintf(buf, n, "--%s", name);
	for (i = 2; buf[i]; i++)
		if (buf[i] == '_')
			buf[i] = '-';
	return buf;
}

int cli_error(const char *cmd, ivp_rc rc, const ivp_error *e)
{
	char text[600];

	fprintf(stderr, "ivp %s: %s: ", cmd, cli_tr("error"));
	if (e && e->file[0]) {
		fprintf(stderr, "%s", e->file);
		if (e->line > 0)
			fprintf(stderr, ":%ld", e->line);
		if (e->line > 0 && e->column > 0)
			fprintf(stderr, ":%ld", e->column);
		fputs(": ", stderr);
	}
	if (e && e->field[0] && e->option)
		fprintf(stderr, cli_tr("option --%s: "), e->field);
	else if (e && e->field[0])
		fprintf(stderr, cli_tr("field \"%s\": "), e->field);
	ivp_text_params(e && e->message[0] ? e->message : cli_tr(ivp_strerror(rc)), flag, NULL, text, sizeof(text));
	fprintf(stderr, "%s\n", text);
	if (e && e->detail[0]) {
		ivp_text_params(e->detail, flag, NULL, text, sizeof(text));
		fprintf(stderr, "DETAIL: %s\n", text);
	}
	if (e && e->hint[0]) {
		ivp_text_params(e->hint, flag, NULL, text, sizeof(text));
		fprintf(stderr, "HINT: %s\n", text);
	}
	return ivp_rc_is_user_error(rc) ? EXIT_USER : EXIT_INTERNAL;
}

static const char *operator_name; /* set by cli_operator */

const char *cli_operator(const char *cmd, const char *given)
{
	const char *env = getenv("IVP_USER");

	if (given && *given)
		operator_name = given;
	else if (env && *env)
		operator_name = env;
	if (operator_name)
		return operator_name;
	fprintf(stderr, "ivp %s: %s: %s\n", cmd, cli_tr("error"), cli_tr("no operator given"));
	fprintf(stderr, "DETAIL: %s\n", cli_tr("A command that changes data records who did it, as the author and in the audit trail; ivp does not take it from the login account."));
	fprintf(stderr, "HINT: %s\n", cli_tr("Name yourself with --user NAME, or set IVP_USER=NAME for a session or a scheduled job."));
	return NULL;
}

/* The audit trail's actor for the command line: the operator (or $IVP_USER,
 * or nobody for a command that reads) and, as its address, the account the
 * process runs as, marked "cli os:NAME". */
static void set_actor(ivp_ctx *ctx)
{
	const char *env = getenv("IVP_USER");
	struct passwd *pw = getpwuid(getuid());
	char addr[64];

	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(addr, sizeof(addr), "cli os:%s", pw->pw_name);
	else
		snprintf(addr, sizeof(addr), "cli os:uid-%lu", (unsigned long)getuid());
	ivp_set_actor(ctx, operator_name ? operator_name : env, NULL, addr);
}

int cli_oom(const char *cmd)
{
	fprintf(stderr, "ivp %s: %s: %s\n", cmd, cli_tr("error"), cli_tr("out of memory"));
	return EXIT_INTERNAL;
}

int cli_print_exit(const char *cmd, int r)
{
	if (r == -2)
		return cli_usage(cmd, "--columns names a column the result does not have");
	if (r == CLI_PRINT_NOMEM)
		return cli_oom(cmd);
	if (r) {
		fprintf(stderr, "ivp %s: %s: %s\n", cmd, cli_tr("error"), cli_tr("cannot write the output"));
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ivp %s: %s: ", cmd, cli_tr("error"));
	va_start(ap, fmt);
	vfprintf(stderr, cli_tr(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, cli_tr("HINT: ivp %s --help shows the options.\n"), cmd);
	return EXIT_USER;
}

const char *cli_optval(const char *name, int argc, char **argv, int *i, int *err)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n))
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*err = 1;
		return NULL;
	}
	return argv[++*i];
}

int cli_parse_int(const char *v, long long min, long long max, long long *out)
{
	const char *p = v;
	char *end;
	long long n;

	if (*p == '-' && min < 0)
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

int cli_common_opt(const char *cmd, int argc, char **argv, int *i, cli_common *c)
{
	int err = 0;
	const char *v;

	if ((v = cli_optval("--db", argc, argv, i, &err))) {
		c->db = v;
		return 1;
	}
	if (!err && (v = cli_optval("--format", argc, argv, i, &err))) {
		if (!strcmp(v, "table"))
			c->format = FMT_TABLE;
		else if (!strcmp(v, "csv"))
			c->format = FMT_CSV;
		else if (!strcmp(v, "json"))
			c->format = FMT_JSON;
		else {
			cli_usage(cmd, "unknown format \"%s\" (use table, csv or json)", v);
			return -1;
		}
		return 1;
	}
	if (!err && (v = cli_optval("--columns", argc, argv, i, &err))) {
		c->columns = v;
		return 1;
	}
	if (!err && (v = cli_optval("--csv-dialect", argc, argv, i, &err))) {
		if (strcmp(v, "nl") && strcmp(v, "en")) {
			cli_usage(cmd, "unknown CSV dialect \"%s\" (use nl or en)", v);
			return -1;
		}
		csv_dialect = v;
		return 1;
	}
	if (!err && (v = cli_optval("--keys", argc, argv, i, &err))) {
		keys_path = v;
		return 1;
	}
	if (!err && (v = cli_optval("--municipality", argc, argv, i, &err))) {
		municipality = v;
		return 1;
	}
	if (!err && (v = cli_optval("--lang", argc, argv, i, &err))) {
		if (strcmp(v, "nl") && strcmp(v, "en")) {
			cli_usage(cmd, "unknown language \"%s\" (use nl or en)", v);
			return -1;
		}
		c->lang = v;
		lang = v;
		return 1;
	}
	if (err) {
		cli_usage(cmd, "option %s needs a value", argv[*i]);
		return -1;
	}
	return 0;
}

int cli_open(const char *cmd, const cli_common *c, ivp_ctx **ctx)
{
	ivp_error e;
	const char *db = c->db ? c->db : getenv("IVP_DB");
	ivp_rc rc;

	if (!db || !*db)
		db = "ivp.db";
	rc = ivp_open(db, ctx, &e);
	if (rc)
		return cli_error(cmd, rc, &e);
	if (ivp_set_lang(*ctx, lang)) /* lang is "nl" or "en": cannot fail */
		return cli_error(cmd, IVP_EINTERNAL, ivp_last_error(*ctx));
	set_actor(*ctx);
	ivp_set_keys(*ctx, cli_keys()); /* read only when a register needs it */
	/* the municipality the command acts for (docs/tenancy.md); none: all */
	if ((rc = ivp_set_municipality(*ctx, cli_municipality()))) {
		int x = cli_error(cmd, rc, ivp_last_error(*ctx));

		ivp_close(*ctx);
		*ctx = NULL;
		return x;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const cli_command *cmd;
	const char *env = getenv("IVP_LANG");
	int k;

	if (env && *env) {
		if (!ivp_lang_parse(env)) {
			fprintf(stderr, "ivp: error: IVP_LANG=\"%s\" is not a language of ivp\nHINT: Set IVP_LANG to nl or en, or unset it.\n", env);
			return EXIT_USER;
		}
		lang = ivp_lang_parse(env);
	}
	/* --lang anywhere on the line counts from the first message on */
	for (k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--lang") && k + 1 < argc && ivp_lang_parse(argv[k + 1]) &&
		    strlen(argv[k + 1]) == 2)
			lang = argv[k + 1];
		else if (!strncmp(argv[k], "--lang=", 7) && ivp_lang_parse(argv[k] + 7) && strlen(argv[k] + 7) == 2)
			lang = argv[k] + 7;
	}
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		cli_main_usage(stdout, lang);
		return argc < 2 ? EXIT_USER : EXIT_OK;
	}
	if (!strcmp(argv[1], "--commands")) {
		cli_commands_print(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("ivp 0.1.0\n");
		return EXIT_OK;
	}
	if ((cmd = cli_command_find(argv[1])))
		return cmd->fn(argc - 1, argv + 1);
	fprintf(stderr, cli_tr("ivp: error: unknown command \"%s\"\nHINT: ivp --help lists the commands.\n"), argv[1]);
	return EXIT_USER;
}
