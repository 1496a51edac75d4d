/*
 * cmdtab.c — the command table: every `ivp` subcommand, its handler and
 * the catalogue entry of its lines in `ivp --help`. main.c dispatches
 * through it and the main usage text is made from it, so a command added
 * here appears in `ivp --help` in both languages without more; `ivp
 * --commands` prints the names (tests/cli/usage.sh checks that each has
 * its lines in nl and en).
 *
 * To add a command: one row below, { "name", cmd_name, IVP_T_CMD_NAME },
 * and one entry in include/ivp/messages_lib.def,
 *   M(IVP_T_CMD_NAME, "ARGS\tbeschrijving", "ARGS\tdescription")
 * where each line of the text is one line of the usage: what follows the
 * command's name (its subcommands and arguments, in the language's words;
 * may be empty), a tab, and the one-line description. Several lines give
 * several forms ("validate|import FILE\t…\nexport|history|diff\t…").
 */
#include <string.h>

#include "cli/cli.h"

static const cli_command commands[] = {
	{ "init", cmd_init, IVP_T_CMD_INIT },
	{ "import", cmd_import, IVP_T_CMD_IMPORT },
	{ "fetch", cmd_fetch, IVP_T_CMD_FETCH },
	{ "areas", cmd_areas, IVP_T_CMD_AREAS },
	{ "groups", cmd_groups, IVP_T_CMD_GROUPS },
	{ "region", cmd_region, IVP_T_CMD_REGION },
	{ "indicators", cmd_indicators, IVP_T_CMD_INDICATORS },
	{ "ranking", cmd_ranking, IVP_T_CMD_RANKING },
	{ "series", cmd_series, IVP_T_CMD_SERIES },
	{ "sources", cmd_sources, IVP_T_CMD_SOURCES },
	{ "definitions", cmd_definitions, IVP_T_CMD_DEFINITIONS },
	{ "plan", cmd_plan, IVP_T_CMD_PLAN },
	{ "measure", cmd_measure, IVP_T_CMD_MEASURE },
	{ "participation", cmd_participation, IVP_T_CMD_PARTICIPATION },
	{ "report", cmd_report, IVP_T_CMD_REPORT },
	{ "serve", cmd_serve, IVP_T_CMD_SERVE },
	{ "user", cmd_user, IVP_T_CMD_USER },
	{ "org", cmd_org, IVP_T_CMD_ORG },
	{ "audit", cmd_audit, IVP_T_CMD_AUDIT },
	{ "backup", cmd_backup, IVP_T_CMD_BACKUP },
	{ "restore", cmd_restore, IVP_T_CMD_RESTORE },
	{ "copy", cmd_copy, IVP_T_CMD_COPY },
	{ "signals", cmd_signals, IVP_T_CMD_SIGNALS },
	{ "cases", cmd_cases, IVP_T_CMD_CASES },
	{ "keys", cmd_keys, IVP_T_CMD_KEYS },
	{ "registers", cmd_registers, IVP_T_CMD_REGISTERS },
	{ "retention", cmd_retention, IVP_T_CMD_RETENTION },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))
#define USAGE_COL 26 /* the width of the left column (name and arguments) */

const cli_command *cli_command_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < NCOMMANDS; i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

void cli_commands_print(FILE *out)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		fprintf(out, "%s\n", commands[i].name);
}

/* Characters (not bytes) of the n bytes of UTF-8 at s: for the padding. */
static size_t width(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

/* One line "ARGS\tdescription" of command name, aligned. */
static void usage_line(FILE *out, const char *name, const char *line, size_t n)
{
	const char *tab = memchr(line, '\t', n);
	size_t nargs = tab ? (size_t)(tab - line) : n;
	size_t w = strlen(name) + (nargs ? 1 + width(line, nargs) : 0);

	fprintf(out, "  %s%s%.*s", name, nargs ? " " : "", (int)nargs, line);
	if (!tab)
		fputc('\n', out);
	else if (w < USAGE_COL)
		fprintf(out, "%*s%.*s\n", (int)(USAGE_COL - w), "", (int)(n - nargs - 1), tab + 1);
	else
		fprintf(out, "\n  %*s%.*s\n", USAGE_COL, "", (int)(n - nargs - 1), tab + 1);
}

void cli_main_usage(FILE *out, const char *lang)
{
	size_t i;

	fputs(ivp_msg_text(lang, IVP_T_CLI_USAGE_HEAD), out);
	for (i = 0; i < NCOMMANDS; i++) {
		const char *s = ivp_msg_text(lang, commands[i].help);

		while (*s) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);

			usage_line(out, commands[i].name, s, n);
			s += n + (nl != NULL);
		}
	}
	fputs(ivp_msg_text(lang, IVP_T_CLI_USAGE_TAIL), out);
}
