/*
 * cli.h — the ivp command: shared option handling and output.
 *
 * Only the public API (ivp/ivp.h) is used here, like curl's tool uses
 * only include/curl/.
 */
#ifndef IVP_CLI_H
#define IVP_CLI_H

#include <stdio.h>

#include "ivp/ivp.h"

enum {
	EXIT_OK = 0,
	EXIT_USER = 1,
	EXIT_INTERNAL = 2
};

typedef enum cli_format {
	FMT_TABLE,
	FMT_CSV,
	FMT_JSON
} cli_format;

/* Options every command takes. */
typedef struct cli_common {
	const char *db;
	cli_format format;
	const char *lang;
	const char *columns; /* --columns a,b,c: only these, in this order */
} cli_common;

/* The language of the output: --lang, else $IVP_LANG, else "nl". */
const char *cli_lang(void);
/* The CSV dialect: --csv-dialect, else the language ("nl": ';' and 12,5). */
const char *cli_csv_dialect(void);
/* The catalogue's text for an English text in the output's language. */
const char *cli_tr(const char *en);
/* cli_tr of `one` when n is 1, else of `many` (a count's singular and plural). */
const char *cli_trn(const char *one, const char *many, long long n);

/* Print an ivp error the PostgreSQL way and return the exit code for rc. */
int cli_error(const char *cmd, ivp_rc rc, const ivp_error *e);
/* Print a usage error ("ivp X: message") plus a pointer to --help; returns 1. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Open the database named by --db, IVP_DB or ./ivp.db. */
int cli_open(const char *cmd, const cli_common *c, ivp_ctx **ctx);
/* Parse --format / --db / --lang; returns 1 if consumed (advancing *i), -1 on error. */
int cli_common_opt(const char *cmd, int argc, char **argv, int *i, cli_common *c);
/* Value of an option "--name VALUE" or "--name=VALUE" at argv[*i]; NULL if not it. */
const char *cli_optval(const char *name, int argc, char **argv, int *i, int *err);

/*
 * Parse v as a whole number from min to max written in decimal digits only
 * (a leading '-' when min < 0): 0 with *out set, or -1 for anything else —
 * trailing garbage ("2024abc"), spaces, a sign, an empty string, overflow.
 * The caller names the option and what to write in its usage message.
 */
int cli_parse_int(const char *v, long long min, long long max, long long *out);

/*
 * The operator of a command that changes data — who the CLI records as the
 * author of an import, a plan version, a measure update, a report text or
 * a user change, and in the audit trail: `given` (--user NAME), else
 * $IVP_USER. When neither is there the command is refused: this prints
 * the error for cmd and returns NULL (exit with EXIT_USER). Never taken
 * from $USER or the login account. Call it before cli_open, which makes
 * the operator the actor of the context (ivp_set_actor; the address is
 * "cli os:ACCOUNT").
 */
const char *cli_operator(const char *cmd, const char *given);

/* Print an "out of memory" error for cmd; returns 2 (EXIT_INTERNAL). */
int cli_oom(const char *cmd);

#define CLI_PRINT_NOMEM (-3)
/* Print t; with columns set, only those (an unknown name is an error, -2;
 * out of memory CLI_PRINT_NOMEM; -1 the output cannot be written). */
int cli_print(FILE *out, const ivp_table *t, cli_format f, const char *columns);
/* The exit code for cli_print's result r, with the message for a failure. */
int cli_print_exit(const char *cmd, int r);

/* A subcommand of ivp (the command table, cmdtab.c). */
typedef struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	ivp_msg help; /* its lines in ivp --help: "ARGS\tdescription" per line */
} cli_command;

/* The command called name, or NULL. */
const cli_command *cli_command_find(const char *name);
/* The names of the table, one a line (ivp --commands). */
void cli_commands_print(FILE *out);
/* The main usage (ivp --help) in lang, made from the table. */
void cli_main_usage(FILE *out, const char *lang);

int cmd_init(int argc, char **argv);
int cmd_copy(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_areas(int argc, char **argv);
int cmd_groups(int argc, char **argv);
int cmd_indicators(int argc, char **argv);
int cmd_series(int argc, char **argv);
int cmd_ranking(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_definitions(int argc, char **argv);
int cmd_serve(int argc, char **argv);
/* cmd_plan.c */
int cmd_plan(int argc, char **argv);
int cmd_measure(int argc, char **argv);
int cmd_import_values(int argc, char **argv);
/* Print every problem of a file (a problems table of ivp_plan_import or
 * ivp_region_import) with FILE:LINE:COLUMN; the exit code (cmd_plan.c). */
int cli_print_problems(const char *cmd, ivp_ctx *ctx, ivp_rc rc, ivp_table *p);
/* cmd_region.c */
int cmd_region(int argc, char **argv);
/* cmd_user.c */
int cmd_user(int argc, char **argv);
/* cmd_org.c */
int cmd_org(int argc, char **argv);
/* cmd_report.c */
int cmd_report(int argc, char **argv);
/* cmd_fetch.c */
int cmd_fetch(int argc, char **argv);
/* cmd_keys.c: ivp keys, ivp registers; cmd_retention.c: ivp retention */
int cmd_keys(int argc, char **argv);
int cmd_registers(int argc, char **argv);
int cmd_retention(int argc, char **argv);
/* The key file of the registers: --keys, else $IVP_KEYS, else "" (none). */
const char *cli_keys(void);
/* The municipality a command acts for (docs/tenancy.md): --municipality,
 * else $IVP_MUNICIPALITY, else "" (the whole deployment). */
const char *cli_municipality(void);
/* cmd_audit.c */
int cmd_audit(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_plan_prune(int argc, char **argv);
/* cmd_participation.c: the participation trajectory and the priority matrix */
int cmd_participation(int argc, char **argv);
/* cmd_signals.c: the signals register of the ondermijningsoverleg */
int cmd_signals(int argc, char **argv);
/* ivp plan evaluate --plan ID: the evaluation of a previous plan */
int cmd_plan_evaluate(int argc, char **argv);
/* cmd_cases.c: the case register of the Zorg- en Veiligheidshuis */
int cmd_cases(int argc, char **argv);

#endif
