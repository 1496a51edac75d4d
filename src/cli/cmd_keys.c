/*
 * cmd_keys.c — `ivp keys init|rotate|status` (the restricted registers'
 * key file) and `ivp registers grant|revoke|list` (who is a member of
 * which register). docs/registers.md says how an administrator runs them.
 * The key file comes from the global --keys PATH or IVP_KEYS (cli_open);
 * nothing here ever prints key material.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ivp/registers.h"

static const char keys_help_nl[] =
	"gebruik: ivp keys init --keys PAD --user NAAM\n"
	"         ivp keys rotate --keys PAD --user NAAM\n"
	"         ivp keys status [--keys PAD]\n"
	"\n"
	"Het sleutelbestand van de afgeschermde registers (signalen, casussen), buiten\n"
	"de database: 0600, met een back-up apart van die van de database. init maakt\n"
	"het (nooit over een bestaand bestand heen) en zet de controlewaarden in de\n"
	"database; rotate maakt per register een nieuwe sleutelversie en verpakt elke\n"
	"gegevenssleutel opnieuw; status toont pad, rechten, versies en het aantal\n"
	"gegevenssleutels per versie, nooit een sleutel. Zonder sleutelbestand blijven\n"
	"de registers dicht en werkt de rest van ivp gewoon (ook: IVP_KEYS=PAD).\n"
	"Sleutelbestand kwijt = de gegevens van de registers kwijt (docs/registers.md).\n";

static const char keys_help_en[] =
	"usage: ivp keys init --keys PATH --user NAME\n"
	"       ivp keys rotate --keys PATH --user NAME\n"
	"       ivp keys status [--keys PATH]\n"
	"\n"
	"The key file of the restricted registers (signals, cases), outside the\n"
	"database: 0600, backed up apart from the database's backups. init creates\n"
	"it (never over an existing file) and writes its check values into the\n"
	"database; rotate makes a new key version per register and rewraps every\n"
	"data key; status shows path, mode, versions and the data keys per version,\n"
	"never a key. Without a key file the registers stay closed and the rest of\n"
	"ivp works (also: IVP_KEYS=PATH). A lost key file is lost register data\n"
	"(docs/registers.md).\n";

static const char reg_help_nl[] =
	"gebruik: ivp registers grant REGISTER GEBRUIKER --user BEHEERDER\n"
	"         ivp registers revoke REGISTER GEBRUIKER --user BEHEERDER\n"
	"         ivp registers list [REGISTER] --user BEHEERDER\n"
	"\n"
	"Wie lid is van een afgeschermd register (signals: het ondermijningsoverleg;\n"
	"cases: de casusoverleggen van het Zorg- en Veiligheidshuis). Alleen een\n"
	"beheerder (admin) deelt het lidmaatschap uit; elke wijziging komt in het\n"
	"audittrail. Een lid logt in met een TOTP-code: schrijf die eerst in met\n"
	"ivp user totp NAAM. Een beheerder ziet zo de leden, nooit de inhoud.\n";

static const char reg_help_en[] =
	"usage: ivp registers grant REGISTER USER --user ADMIN\n"
	"       ivp registers revoke REGISTER USER --user ADMIN\n"
	"       ivp registers list [REGISTER] --user ADMIN\n"
	"\n"
	"Who is a member of a restricted register (signals: the undermining\n"
	"consultation; cases: the Zorg- en Veiligheidshuis's case consultations).\n"
	"Only an admin grants membership; every change is in the audit trail. A\n"
	"member signs in with a TOTP code: enrol one first with ivp user totp NAME.\n"
	"An admin sees the members this way, never the contents.\n";

static int help(const char *nl, const char *en, int code)
{
	fputs(!strcmp(cli_lang(), "en") ? en : nl, stdout);
	return code;
}

/* The words of argv after the subcommand (at most max), --user, and the
 * common options; 0, or the exit code of a usage error. */
static int args_of(const char *cmd, int argc, char **argv, cli_common *c, const char **op,
		   const char **words, int max, int *n)
{
	int i, r, err = 0;
	const char *v;

	*n = 0;
	for (i = 2; i < argc; i++) {
		if ((r = cli_common_opt(cmd, argc, argv, &i, c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--user", argc, argv, &i, &err)))
			*op = v;
		else if (err)
			return cli_usage(cmd, "option %s needs a value", argv[i]);
		else if (argv[i][0] == '-' && argv[i][1] == '-')
			return cli_usage(cmd, "unknown option \"%s\"", argv[i]);
		else if (*n < max)
			words[(*n)++] = argv[i];
		else
			return cli_usage(cmd, "too many arguments");
	}
	return 0;
}

static int wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

int cmd_keys(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *sub, *op = NULL, *words[1];
	ivp_ctx *ctx = NULL;
	ivp_table *t = NULL;
	ivp_rc rc = IVP_OK;
	int r, n, ex = 0;

	if (wants_help(argc, argv))
		return help(keys_help_nl, keys_help_en, EXIT_OK);
	if (argc < 2)
		return help(keys_help_nl, keys_help_en, EXIT_USER);
	sub = argv[1];
	if (strcmp(sub, "init") && strcmp(sub, "rotate") && strcmp(sub, "status"))
		return cli_usage("keys", "unknown subcommand \"%s\" (use init, rotate or status)", sub);
	if ((r = args_of("keys", argc, argv, &c, &op, words, 0, &n)))
		return r;
	if (strcmp(sub, "status") && !cli_operator(!strcmp(sub, "init") ? "keys init" : "keys rotate", op))
		return EXIT_USER;
	if ((r = cli_open("keys", &c, &ctx)))
		return r;
	if (!strcmp(sub, "init")) {
		if (!(rc = ivp_keys_init(ctx)))
			printf(cli_tr("key file %s created (0600); back it up apart from the database\n"), cli_keys());
	} else if (!strcmp(sub, "rotate")) {
		if (!(rc = ivp_keys_rotate(ctx)))
			printf(cli_tr("keys rotated: every data key is wrapped by the new version in %s\n"), cli_keys());
	} else if (!(rc = ivp_keys_status(ctx, &t))) {
		ex = cli_print_exit("keys", cli_print(stdout, t, c.format, c.columns));
	}
	ivp_table_free(t);
	if (rc)
		ex = cli_error(!strcmp(sub, "init") ? "keys init" : !strcmp(sub, "rotate") ? "keys rotate" :
											     "keys status",
			       rc, ivp_last_error(ctx));
	ivp_close(ctx);
	return ex;
}

int cmd_registers(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *sub, *op = NULL, *words[2] = { NULL, NULL };
	ivp_ctx *ctx = NULL;
	ivp_table *t = NULL;
	ivp_rc rc = IVP_OK;
	int r, n, ex = 0, existed = 0;

	if (wants_help(argc, argv))
		return help(reg_help_nl, reg_help_en, EXIT_OK);
	if (argc < 2)
		return help(reg_help_nl, reg_help_en, EXIT_USER);
	sub = argv[1];
	if (strcmp(sub, "grant") && strcmp(sub, "revoke") && strcmp(sub, "list"))
		return cli_usage("registers", "unknown subcommand \"%s\" (use grant, revoke or list)", sub);
	if ((r = args_of("registers", argc, argv, &c, &op, words, 2, &n)))
		return r;
	if (strcmp(sub, "list") && n != 2)
		return cli_usage("registers", "registers %s needs a REGISTER and a USER", sub);
	if (!strcmp(sub, "list") && n > 1)
		return cli_usage("registers", "registers list takes at most a REGISTER");
	if (!cli_operator(!strcmp(sub, "grant") ? "registers grant" : !strcmp(sub, "revoke") ? "registers revoke" :
											       "registers list",
			  op))
		return EXIT_USER;
	if ((r = cli_open("registers", &c, &ctx)))
		return r;
	if (!strcmp(sub, "grant")) {
		if (!(rc = ivp_register_grant(ctx, words[0], words[1], &existed)))
			printf(cli_tr(existed ? "%s is a member of register %s already\n" :
						"%s is now a member of register %s\n"),
			       words[1], words[0]);
	} else if (!strcmp(sub, "revoke")) {
		if (!(rc = ivp_register_revoke(ctx, words[0], words[1])))
			printf(cli_tr("%s is no longer a member of register %s\n"), words[1], words[0]);
	} else if (!(rc = ivp_register_members(ctx, words[0], &t))) {
		ex = cli_print_exit("registers", cli_print(stdout, t, c.format, c.columns));
	}
	ivp_table_free(t);
	if (rc)
		ex = cli_error(!strcmp(sub, "grant") ? "registers grant" : !strcmp(sub, "revoke") ? "registers revoke" :
												    "registers list",
			       rc, ivp_last_error(ctx));
	ivp_close(ctx);
	return ex;
}
