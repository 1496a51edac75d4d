/*
 * cmd_signals.c — `ivp signals`: the signals register of the local
 * ondermijningsoverleg (include/ivp/signals.h, docs/registers.md).
 *
 *   ivp signals add --received D --source S --phenomenon P --description T
 *                   [--buurt BU…] [--address A] [--persons P] [--companies C] [--id S-…]
 *   ivp signals list | show ID | export            the register, as the operator may see it
 *   ivp signals meeting add --date D [--orgs a,b] | meeting list
 *   ivp signals agenda add MEETING ID | agenda [MEETING]
 *   ivp signals weigh ID --date D --outcome O [--department X] [--concrete] [--recent]
 *                   [--pattern] [--meeting N] [--checks T] [--followup D] [--result T]
 *   ivp signals handler ID USER|none | status ID STATUS
 *   ivp signals import FILE.csv | counts [phenomenon|quarter|wijk] [--exact]
 *
 * Every subcommand names its operator (--user / IVP_USER): reads of the
 * register are audited as writes are. --reason TEXT gives the reason a
 * member who is not a signal's handler needs to open it.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ivp/signals.h"

#define CMD "signals"

static int help(void)
{
	puts(cli_tr("usage: ivp signals add --received DATE --source SOURCE --phenomenon PHENOMENON --description TEXT\n"
		    "                   [--buurt CODE] [--address TEXT] [--persons TEXT] [--companies TEXT] [--id S-YYYY-NNNN]\n"
		    "       ivp signals list | show ID | export\n"
		    "       ivp signals meeting add --date DATE [--orgs ID,ID] | meeting list\n"
		    "       ivp signals agenda add MEETING ID | agenda [MEETING]\n"
		    "       ivp signals weigh ID --date DATE --outcome OUTCOME [--department DEPT] [--concrete]\n"
		    "                   [--recent] [--pattern] [--meeting N] [--checks TEXT] [--followup DATE] [--result TEXT]\n"
		    "       ivp signals handler ID USER|none | status ID STATUS\n"
		    "       ivp signals import FILE.csv | counts [phenomenon|quarter|wijk] [--exact]\n"
		    "options: --user NAME (or IVP_USER; every command, reads too), --reason TEXT, --keys FILE\n\n"
		    "The signals register of the ondermijningsoverleg (docs/registers.md). Personal and\n"
		    "free-text fields are stored encrypted; every read and write is recorded in the audit\n"
		    "trail, with the reason a member gives who is not the signal's handler.\n"
		    "SOURCE: resident, anonymous, department, police, partner. PHENOMENON: drugs,\n"
		    "money_laundering, trafficking, real_estate, care_fraud, omg, other. OUTCOME: none,\n"
		    "department (with --department bibob, enforcement, permits or other), riec, police,\n"
		    "inquiry (with --checks: the hit/no-hit checks first)."));
	return 0;
}

/* the options of every subcommand */
typedef struct sopts {
	cli_common c;
	const char *user, *reason;
	const char *pos[3];
	int npos;
	/* add */
	ivp_signal_in in;
	/* weigh, meeting */
	ivp_signal_weighing w;
	const char *meeting, *orgs;
	int exact;
} sopts;

static int parse(int argc, char **argv, int from, sopts *o)
{
	static const struct {
		const char *name;
		size_t off;
	} texts[] = {
		{ "--user", offsetof(sopts, user) },
		{ "--reason", offsetof(sopts, reason) },
		{ "--id", offsetof(sopts, in.id) },
		{ "--received", offsetof(sopts, in.received) },
		{ "--source", offsetof(sopts, in.source) },
		{ "--phenomenon", offsetof(sopts, in.phenomenon) },
		{ "--buurt", offsetof(sopts, in.buurt) },
		{ "--address", offsetof(sopts, in.address) },
		{ "--description", offsetof(sopts, in.description) },
		{ "--persons", offsetof(sopts, in.persons) },
		{ "--companies", offsetof(sopts, in.companies) },
		{ "--date", offsetof(sopts, w.date) },
		{ "--outcome", offsetof(sopts, w.outcome) },
		{ "--department", offsetof(sopts, w.department) },
		{ "--checks", offsetof(sopts, w.checks) },
		{ "--followup", offsetof(sopts, w.followup) },
		{ "--result", offsetof(sopts, w.result) },
		{ "--meeting", offsetof(sopts, meeting) },
		{ "--orgs", offsetof(sopts, orgs) },
	};
	int i, r, err = 0;
	size_t k;

	for (i = from; i < argc; i++) {
		const char *v = NULL;

		if ((r = cli_common_opt(CMD, argc, argv, &i, &o->c)) < 0)
			return -1;
		if (r)
			continue;
		for (k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
			if ((v = cli_optval(texts[k].name, argc, argv, &i, &err)) || err)
				break;
		if (err) {
			cli_usage(CMD, "option %s needs a value", argv[i]);
			return -1;
		}
		if (v) {
			*(const char **)((char *)o + texts[k].off) = v;
			continue;
		}
		if (!strcmp(argv[i], "--concrete"))
			o->w.concrete = 1;
		else if (!strcmp(argv[i], "--recent"))
			o->w.recent = 1;
		else if (!strcmp(argv[i], "--pattern"))
			o->w.pattern = 1;
		else if (!strcmp(argv[i], "--exact"))
			o->exact = 1;
		else if (argv[i][0] == '-' || o->npos == 3) {
			cli_usage(CMD, "unknown option \"%s\"", argv[i]);
			return -1;
		} else
			o->pos[o->npos++] = argv[i];
	}
	return 0;
}

static int print_table(ivp_table *t, const sopts *o)
{
	int ex = cli_print_exit(CMD, cli_print(stdout, t, o->c.format, o->c.columns));

	ivp_table_free(t);
	return ex;
}

/* One row as "field: value" lines (the table format of show). */
static int print_record(const ivp_table *t)
{
	int c;

	for (c = 0; c < ivp_table_ncols(t); c++) {
		const char *v = ivp_table_nrows(t) ? ivp_table_text(t, 0, c) : NULL;

		if (v)
			printf("%-12s %s\n", ivp_table_colname(t, c), v);
	}
	return 0;
}

static int meeting_num(const char *v, int64_t *out)
{
	long long n;

	if (!v || cli_parse_int(v, 1, 1000000000LL, &n)) {
		cli_usage(CMD, "\"%s\" is not a meeting number (ivp signals meeting list)", v ? v : "");
		return -1;
	}
	*out = n;
	return 0;
}

static int run(ivp_ctx *ctx, const char *sub, sopts *o)
{
	const char *lang = o->c.lang ? o->c.lang : cli_lang();
	ivp_table *t = NULL, *h = NULL;
	int64_t m = 0;
	ivp_rc rc;

	if (!strcmp(sub, "add")) {
		char id[64];

		if ((rc = ivp_signal_add(ctx, &o->in, id)))
			return cli_error(CMD, rc, ivp_last_error(ctx));
		printf(cli_tr("signal %s taken in\n"), id);
		return 0;
	}
	if (!strcmp(sub, "list") || !strcmp(sub, "export") || !strcmp(sub, "counts")) {
		if (!strcmp(sub, "list"))
			rc = ivp_signals_list(ctx, lang, &t);
		else if (!strcmp(sub, "export"))
			rc = ivp_signals_export(ctx, o->reason, lang, &t);
		else
			rc = ivp_signals_counts(ctx, o->npos ? o->pos[0] : NULL, o->exact, lang, &t);
		if (rc)
			return cli_error(CMD, rc, ivp_last_error(ctx));
		return print_table(t, o);
	}
	if (!strcmp(sub, "show")) {
		if (!o->npos)
			return cli_usage(CMD, "show needs the signal's number");
		if ((rc = ivp_signal_show(ctx, o->pos[0], o->reason, lang, &t, &h)))
			return cli_error(CMD, rc, ivp_last_error(ctx));
		if (o->c.format == FMT_TABLE) {
			print_record(t);
			putchar('\n');
			ivp_table_free(t);
			return print_table(h, o);
		}
		ivp_table_free(h);
		return print_table(t, o);
	}
	if (!strcmp(sub, "meeting")) {
		if (o->npos && !strcmp(o->pos[0], "add")) {
			if ((rc = ivp_signal_meeting_add(ctx, o->w.date, o->orgs, &m)))
				return cli_error(CMD, rc, ivp_last_error(ctx));
			printf(cli_tr("meeting %lld added\n"), (long long)m);
			return 0;
		}
		if ((rc = ivp_signal_meetings(ctx, &t)))
			return cli_error(CMD, rc, ivp_last_error(ctx));
		return print_table(t, o);
	}
	if (!strcmp(sub, "agenda")) {
		if (o->npos && !strcmp(o->pos[0], "add")) {
			if (o->npos < 3)
				return cli_usage(CMD, "agenda add needs a meeting number and a signal's number");
			if (meeting_num(o->pos[1], &m))
				return EXIT_USER;
			if ((rc = ivp_signal_agenda_add(ctx, m, o->pos[2], o->reason)))
				return cli_error(CMD, rc, ivp_last_error(ctx));
			printf(cli_tr("signal %s on the agenda of meeting %lld\n"), o->pos[2], (long long)m);
			return 0;
		}
		if (o->npos && meeting_num(o->pos[0], &m))
			return EXIT_USER;
		if ((rc = ivp_signal_agenda(ctx, m, lang, &t)))
			return cli_error(CMD, rc, ivp_last_error(ctx));
		return print_table(t, o);
	}
	if (!strcmp(sub, "weigh")) {
		if (!o->npos)
			return cli_usage(CMD, "weigh needs the signal's number");
		if (o->meeting && meeting_num(o->meeting, &o->w.meeting))
			return EXIT_USER;
		if ((rc = ivp_signal_weigh(ctx, o->pos[0], &o->w, o->reason)))
			return cli_error(CMD, rc, ivp_last_error(ctx));
		printf(cli_tr("signal %s weighed\n"), o->pos[0]);
		return 0;
	}
	if (!strcmp(sub, "handler")) {
		if (o->npos < 2)
			return cli_usage(CMD, "handler needs the signal's number and a user (or none)");
		rc = ivp_signal_handler(ctx, o->pos[0], strcmp(o->pos[1], "none") ? o->pos[1] : NULL, o->reason);
		if (rc)
			return cli_error(CMD, rc, ivp_last_error(ctx));
		printf(cli_tr("signal %s: handler %s\n"), o->pos[0], o->pos[1]);
		return 0;
	}
	if (!strcmp(sub, "status")) {
		if (o->npos < 2)
			return cli_usage(CMD, "status needs the signal's number and a status");
		if ((rc = ivp_signal_status(ctx, o->pos[0], o->pos[1], o->reason)))
			return cli_error(CMD, rc, ivp_last_error(ctx));
		printf(cli_tr("signal %s: status %s\n"), o->pos[0], o->pos[1]);
		return 0;
	}
	if (!strcmp(sub, "import")) {
		ivp_import_opts io;
		ivp_import_result res;

		if (!o->npos)
			return cli_usage(CMD, "import needs a FILE");
		memset(&io, 0, sizeof(io));
		io.user = o->user;
		if ((rc = ivp_import_signals(ctx, o->pos[0], &io, &res)))
			return cli_error(CMD, rc, ivp_last_error(ctx));
		if (res.unchanged)
			printf(cli_tr("%s: unchanged: %s\n"), o->pos[0], res.note);
		else
			printf(cli_tr("%s: import %lld (%s): %lld rows written\n"), o->pos[0], (long long)res.import_id,
			       res.layout, (long long)res.rows);
		return 0;
	}
	return cli_usage(CMD, "unknown subcommand \"%s\"", sub);
}

int cmd_signals(int argc, char **argv)
{
	sopts o;
	ivp_ctx *ctx;
	int i, r;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return help();
	if (argc < 2)
		return cli_usage(CMD, "missing subcommand (add, list, show, meeting, agenda, weigh, handler, status, "
				      "import, counts or export)");
	memset(&o, 0, sizeof(o));
	if (parse(argc, argv, 2, &o))
		return EXIT_USER;
	if (!(o.user = cli_operator(CMD, o.user)))
		return EXIT_USER;
	if ((r = cli_open(CMD, &o.c, &ctx)))
		return r;
	r = run(ctx, argv[1], &o);
	ivp_close(ctx);
	return r;
}
