/*
 * cmd_user.c — `ivp user add|list|passwd|remove`: the users who may sign
 * in to `ivp serve` (docs/security.md). Passwords are never arguments
 * (they would show in `ps` and in shell history): they are read from a
 * terminal with echo off, asked twice, or as one line from stdin when it
 * is not a terminal (scripts: `printf '%s\n' "$PW" | ivp user add …`).
 */
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"

static const char user_help[] =
	"usage: ivp user add NAME --role viewer|partner|editor|admin [--org ORG]\n"
	"                     [--municipality GMnnnn | --region REGION] [--user OPERATOR]\n"
	"       ivp user org NAME ORG [--user OPERATOR]\n"
	"       ivp user list\n"
	"       ivp user passwd NAME [--user OPERATOR]\n"
	"       ivp user remove NAME [--user OPERATOR]\n"
	"       ivp user totp NAME [--remove] [--user OPERATOR]\n"
	"\n"
	"The users who may sign in to ivp serve. The password is read from the\n"
	"terminal without echo (asked twice), or as one line from stdin; never from\n"
	"the command line. It is stored only as an argon2id hash. passwd and remove\n"
	"end the user's sessions. Roles: viewer reads, partner reads and updates its\n"
	"organisation's measures, editor imports and updates the plan, admin may all\n"
	"(docs/security.md). Every user belongs to one organisation (ivp org list):\n"
	"--org, or user org to move them; without one, gemeente.\n"
	"In a deployment of several municipalities a user belongs to one municipality\n"
	"(--municipality GM1926) or to a region (--region haaglanden); without one, to\n"
	"the deployment's first municipality. An administrator bound to a municipality\n"
	"or region manages only its users (docs/tenancy.md).\n"
	"totp enrols the user for a second factor: it prints an otpauth:// URI (for an\n"
	"authenticator app; show it as a QR code with qrencode -t ansiutf8) once, and\n"
	"sign-in asks for the app's 6-digit code from then on. Admins cannot sign in\n"
	"without one. --remove takes it away again (not from an admin).\n"
	"add, org, passwd, totp and remove need the operator who makes the change\n"
	"(--user, else $IVP_USER): it is recorded in the audit trail (docs/audit.md).\n";

/* One line from f into buf without its newline; -1 on EOF or a line too long. */
static int read_line(FILE *f, char *buf, size_t sz)
{
	size_t n;

	if (!fgets(buf, (int)sz, f))
		return -1;
	n = strlen(buf);
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	else if (n == sz - 1)
		return -1;
	if (n && buf[n - 1] == '\r')
		buf[--n] = '\0';
	return 0;
}

static int prompt(const char *what, char *buf, size_t sz)
{
	struct termios old, quiet;
	int r;

	fprintf(stderr, "%s: ", what);
	(void)fflush(stderr); /* a prompt */
	if (tcgetattr(STDIN_FILENO, &old))
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet))
		return -1;
	r = read_line(stdin, buf, sz);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return r;
}

/* The new password into pw (IVP_PASSWORD_MAX + 2 bytes); 0, or an exit code. */
static int get_password(const char *cmd, char *pw, size_t sz)
{
	char again[IVP_PASSWORD_MAX + 2];
	int ok;

	if (!isatty(STDIN_FILENO)) {
		if (read_line(stdin, pw, sz))
			return cli_usage(cmd, "no password on stdin (one line, at most %d characters)",
					 IVP_PASSWORD_MAX);
		return 0;
	}
	if (prompt("New password", pw, sz) || prompt("Repeat it", again, sizeof(again)))
		return cli_usage(cmd, "no password read from the terminal");
	ok = !strcmp(pw, again);
	memset(again, 0, sizeof(again));
	if (!ok)
		return cli_usage(cmd, "the two passwords differ; nothing changed");
	return 0;
}

/* IVP_OK when org is an organisation, else the error of ivp_user_org_set's check. */
static ivp_rc org_known(ivp_ctx *ctx, const char *org)
{
	ivp_table *t = NULL;
	ivp_rc rc = ivp_orgs(ctx, &t);
	int i, found = 0;

	for (i = 0; !rc && i < ivp_table_nrows(t); i++)
		found |= !strcmp(ivp_table_text(t, i, 0), org);
	ivp_table_free(t);
	if (rc || found)
		return rc;
	return ivp_user_org_set(ctx, "", org); /* fails: unknown organisation */
}

int cmd_user(int argc, char **argv)
{
	cli_common c = { 0 };
	const char *sub, *name = NULL, *role = NULL, *org = NULL, *v, *op = NULL, *bind = NULL;
	char pw[IVP_PASSWORD_MAX + 2];
	ivp_ctx *ctx = NULL;
	ivp_table *t = NULL;
	ivp_rc rc = IVP_OK;
	int i, r, err = 0, ex = 0, totp_off = 0;
	char *uri = NULL;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(cli_tr(user_help), stdout);
			return EXIT_OK;
		}
	if (argc < 2) {
		fputs(cli_tr(user_help), stdout);
		return EXIT_USER;
	}
	sub = argv[1];
	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "passwd") && strcmp(sub, "remove") &&
	    strcmp(sub, "totp") && strcmp(sub, "org"))
		return cli_usage("user", "unknown subcommand \"%s\" (use add, list, org, passwd, totp or remove)", sub);
	for (i = 2; i < argc; i++) {
		/* the new user's binding, not what the command acts for */
		if (!strcmp(sub, "add") && (v = cli_optval("--municipality", argc, argv, &i, &err))) {
			bind = v;
			continue;
		}
		if (!err && !strcmp(sub, "add") && (v = cli_optval("--region", argc, argv, &i, &err))) {
			bind = v;
			continue;
		}
		if (err)
			return cli_usage("user", "option %s needs a value", argv[i]);
		if ((r = cli_common_opt("user", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--role", argc, argv, &i, &err))) {
			role = v;
		} else if (!err && (v = cli_optval("--org", argc, argv, &i, &err))) {
			org = v;
		} else if (!err && (v = cli_optval("--user", argc, argv, &i, &err))) {
			op = v;
		} else if (err) {
			return cli_usage("user", "option %s needs a value", argv[i]);
		} else if (!strcmp(argv[i], "--remove") && !strcmp(sub, "totp")) {
			totp_off = 1;
		} else if (!strncmp(argv[i], "--password", 10)) {
			return cli_usage("user", "passwords are not taken as arguments; type it when asked, or give it on stdin");
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			return cli_usage("user", "unknown option \"%s\"", argv[i]);
		} else if (!name) {
			name = argv[i];
		} else if (!strcmp(sub, "org") && !org) {
			org = argv[i];
		} else {
			return cli_usage("user", "one user NAME at a time");
		}
	}
	if (strcmp(sub, "list") && !name)
		return cli_usage("user", "user %s needs a NAME", sub);
	if (!strcmp(sub, "list") && name)
		return cli_usage("user", "user list takes no NAME");
	if (role && strcmp(sub, "add"))
		return cli_usage("user", "--role belongs to user add");
	if (org && strcmp(sub, "add") && strcmp(sub, "org"))
		return cli_usage("user", "--org belongs to user add");
	if (!strcmp(sub, "org") && !org)
		return cli_usage("user", "user org needs a NAME and an organisation");
	if (!strcmp(sub, "add") && ivp_role_parse(role) == IVP_ROLE_NONE)
		return cli_usage("user", role ? "unknown role \"%s\" (use viewer, partner, editor or admin)" : "user add needs --role viewer, partner, editor or admin%s", role ? role : "");
	if (strcmp(sub, "list") && !cli_operator(!strcmp(sub, "add")	? "user add" :
						 !strcmp(sub, "passwd") ? "user passwd" :
						 !strcmp(sub, "org")	? "user org" :
						 !strcmp(sub, "totp")	? "user totp" :
									  "user remove",
						 op))
		return EXIT_USER;
	if ((r = cli_open("user", &c, &ctx)))
		return r;
	if (!strcmp(sub, "org")) {
		if (!(rc = ivp_user_org_set(ctx, name, org)))
			printf(cli_tr("user %s now belongs to %s\n"), name, org);
	} else if (!strcmp(sub, "list")) {
		rc = ivp_members(ctx, &t);
		if (!rc)
			ex = cli_print_exit("user", cli_print(stdout, t, c.format, c.columns));
		ivp_table_free(t);
	} else if (!strcmp(sub, "totp") && totp_off) {
		if (!(rc = ivp_user_totp_remove(ctx, name)))
			printf(cli_tr("user %s signs in without a second factor now\n"), name);
	} else if (!strcmp(sub, "totp")) {
		/* the secret is shown this once, on stdout only; it is never logged */
		if (!(rc = ivp_user_totp_enroll(ctx, name, "ivp", &uri))) {
			printf(cli_tr("second factor of %s enrolled; add it to an authenticator app (it is shown only now):\n"),
			       name);
			printf("%s\n", uri);
		}
		if (uri) {
			memset(uri, 0, strlen(uri));
			free(uri);
		}
	} else if (!strcmp(sub, "remove")) {
		if (!(rc = ivp_user_remove(ctx, name)))
			printf(cli_tr("user %s removed; their sessions ended\n"), name);
	} else if (!(ex = get_password("user", pw, sizeof(pw)))) {
		if (!strcmp(sub, "add") && org && (rc = org_known(ctx, org)))
			; /* nothing added */
		else if (!strcmp(sub, "add"))
			rc = ivp_user_add_at(ctx, name, ivp_role_parse(role), pw, org, bind);
		else
			rc = ivp_user_passwd(ctx, name, pw);
		if (!rc)
			printf(!strcmp(sub, "add") ? "user %s added with role %s\n" :
						     "password of %s changed; their sessions ended%s\n",
			       name,
			       !strcmp(sub, "add") ? role : "");
	}
	memset(pw, 0, sizeof(pw));
	if (rc)
		ex = cli_error(!strcmp(sub, "add") ? "user add" : !strcmp(sub, "org") ? "user org" :
							  !strcmp(sub, "passwd")      ? "user passwd" :
							  !strcmp(sub, "remove")      ? "user remove" :
							  !strcmp(sub, "totp")	      ? "user totp" :
											"user list",
			       rc, ivp_last_error(ctx));
	ivp_close(ctx);
	return ex;
}
