/*
 * cmd_cases.c — `ivp cases`: the case register of the Zorg- en
 * Veiligheidshuis (issue 13, include/ivp/cases.h, docs/cases.md). Every
 * subcommand acts for the operator (--user NAME or IVP_USER), whose
 * relation to the case decides what it may see; a case the operator may
 * not see is "not found" as a missing one, and --reason says why the
 * operator opens a case it does not handle (every access is audited).
 *
 *   ivp cases add --name N --birth DATE --bsn BSN --reason TEXT [--address A] [--goal G]
 *                 [--criteria K,K] [--wijk WK…|BU…] [--director USER] [--date DATE] [--duplicate-ok]
 *   ivp cases list | show ID | export ID
 *   ivp cases org add|leave ID ORG [--date DATE]
 *   ivp cases director ID USER
 *   ivp cases domain ID DOMAIN SCORE
 *   ivp cases agreement ID --org ORG --date DEADLINE --text T | agreement ID done N [--undo]
 *   ivp cases meeting ID --date DATE --orgs A,B [--text NOTES]
 *   ivp cases note ID --text T [--own-org]
 *   ivp cases status ID in_progress|closed|declined [--text REASON] [--date DATE]
 *   ivp cases person ID [--name N] [--born DATE] [--bsn BSN] [--address A] [--duplicate-ok]
 *   ivp cases counts [--by status|quarter|wijk]
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ivp/cases.h"

#define CMD "cases"

typedef struct cs_opts {
	cli_common c;
	const char *user, *reason, *name, *birth, *bsn, *address, *goal, *criteria, *wijk, *director, *date,
		*org, *orgs, *text, *by;
	int duplicate_ok, own_org, undo;
	const char *pos[4];
	int npos;
} cs_opts;

static int help(void)
{
	puts(cli_tr("usage: ivp cases add --name N --birth DATE --bsn BSN --reason TEXT [--address A] [--goal G]\n"
		    "                     [--criteria K,K] [--wijk CODE] [--director USER] [--date DATE] [--duplicate-ok]\n"
		    "       ivp cases list | show ID | export ID\n"
		    "       ivp cases org add|leave ID ORG [--date DATE]\n"
		    "       ivp cases director ID USER\n"
		    "       ivp cases domain ID DOMAIN SCORE\n"
		    "       ivp cases agreement ID --org ORG --date DEADLINE --text T | agreement ID done N [--undo]\n"
		    "       ivp cases meeting ID --date DATE --orgs A,B [--text NOTES]\n"
		    "       ivp cases note ID --text T [--own-org]\n"
		    "       ivp cases status ID in_progress|closed|declined [--text REASON] [--date DATE]\n"
		    "       ivp cases person ID [--name N] [--born DATE] [--bsn BSN] [--address A] [--duplicate-ok]\n"
		    "       ivp cases counts [--by status|quarter|wijk]\n\n"
		    "The case register of the Zorg- en Veiligheidshuis. Every subcommand acts for the\n"
		    "operator (--user NAME or IVP_USER): only members whose organisation takes part in\n"
		    "a case and its process director see it, and every access is audited; --reason TEXT\n"
		    "says why you open a case you do not handle. Criteria: multi_domain, chains,\n"
		    "family_system, local_safety. Domains: the 13 of the Zelfredzaamheid-Matrix\n"
		    "(financien, huisvesting, …), scored 1 to 5 (docs/cases.md)."));
	return 0;
}

static int parse(int argc, char **argv, int from, cs_opts *o)
{
	static const struct {
		const char *name;
		size_t off;
	} vals[] = {
		{ "--user", offsetof(cs_opts, user) },
		{ "--reason", offsetof(cs_opts, reason) },
		{ "--name", offsetof(cs_opts, name) },
		{ "--birth", offsetof(cs_opts, birth) },
		{ "--born", offsetof(cs_opts, birth) },
		{ "--bsn", offsetof(cs_opts, bsn) },
		{ "--address", offsetof(cs_opts, address) },
		{ "--goal", offsetof(cs_opts, goal) },
		{ "--criteria", offsetof(cs_opts, criteria) },
		{ "--wijk", offsetof(cs_opts, wijk) },
		{ "--director", offsetof(cs_opts, director) },
		{ "--date", offsetof(cs_opts, date) },
		{ "--org", offsetof(cs_opts, org) },
		{ "--orgs", offsetof(cs_opts, orgs) },
		{ "--text", offsetof(cs_opts, text) },
		{ "--by", offsetof(cs_opts, by) },
	};
	int i, r, err = 0;
	size_t k;

	for (i = from; i < argc; i++) {
		const char *v = NULL;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return help(), 1;
		if ((r = cli_common_opt(CMD, argc, argv, &i, &o->c)) < 0)
			return -1;
		if (r)
			continue;
		for (k = 0; k < sizeof(vals) / sizeof(vals[0]) && !v && !err; k++)
			if ((v = cli_optval(vals[k].name, argc, argv, &i, &err)))
				*(const char **)((char *)o + vals[k].off) = v;
		if (err)
			return cli_usage(CMD, "option %s needs a value", argv[i]), -1;
		if (v)
			continue;
		if (!strcmp(argv[i], "--duplicate-ok"))
			o->duplicate_ok = 1;
		else if (!strcmp(argv[i], "--own-org"))
			o->own_org = 1;
		else if (!strcmp(argv[i], "--undo"))
			o->undo = 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return cli_usage(CMD, "unknown option \"%s\"", argv[i]), -1;
		else if (o->npos == 4)
			return cli_usage(CMD, "unexpected argument \"%s\"", argv[i]), -1;
		else
			o->pos[o->npos++] = argv[i];
	}
	return 0;
}

static int print_one(const char *title, const ivp_table *t, const cs_opts *o)
{
	int r;

	if (title && o->c.format == FMT_TABLE)
		printf("\n%s\n", cli_tr(title));
	r = cli_print(stdout, t, o->c.format, NULL);
	return r ? cli_print_exit(CMD, r) : 0;
}

static int show(ivp_ctx *ctx, const cs_opts *o, const char *id)
{
	ivp_table *f, *g, *d, *e;
	int ex;

	if (ivp_case_show(ctx, id, o->reason, &f, &g, &d, &e))
		return cli_error(CMD, ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	if (o->c.format == FMT_TABLE) {
		ex = print_one(NULL, f, o);
		if (!ex)
			ex = print_one("Organisations", g, o);
		if (!ex)
			ex = print_one("Life domains (Zelfredzaamheid-Matrix)", d, o);
		if (!ex)
			ex = print_one("Agreements, meetings and notes", e, o);
	} else
		ex = print_one(NULL, f, o);
	ivp_table_free(f);
	ivp_table_free(g);
	ivp_table_free(d);
	ivp_table_free(e);
	return ex;
}

/* ivp cases person ID [--name N] [--born DATE] [--bsn BSN] [--address A]:
 * only the fields given are corrected. */
static int person(ivp_ctx *ctx, const cs_opts *o)
{
	ivp_case_person p;
	char changed[64];

	memset(&p, 0, sizeof(p));
	p.name = o->name;
	p.birth = o->birth;
	p.bsn = o->bsn;
	p.address = o->address;
	p.duplicate_ok = o->duplicate_ok;
	if (ivp_case_person_set(ctx, o->pos[0], &p, o->reason, changed))
		return cli_error(CMD, ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	if (changed[0])
		printf(cli_tr("case %s: person corrected (%s)\n"), o->pos[0], changed);
	else
		printf(cli_tr("case %s: nothing to change\n"), o->pos[0]);
	return 0;
}

static int add(ivp_ctx *ctx, const cs_opts *o)
{
	ivp_case_new n;
	char id[IVP_CASE_ID_MAX];
	int dup = 0;

	memset(&n, 0, sizeof(n));
	n.registered = o->date;
	n.reason = o->reason;
	n.criteria = o->criteria;
	n.name = o->name;
	n.birth = o->birth;
	n.bsn = o->bsn;
	n.address = o->address;
	n.goal = o->goal;
	n.wijk = o->wijk;
	n.director = o->director;
	n.duplicate_ok = o->duplicate_ok;
	if (ivp_case_add(ctx, &n, id, &dup))
		return cli_error(CMD, ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	printf(cli_tr("case %s registered\n"), id);
	if (dup)
		printf("%s\n", cli_tr("note: another open case has the same BSN"));
	return 0;
}

/* The change a subcommand asks for; 0, or the exit code of a usage error. */
static int change_of(const char *sub, const cs_opts *o, ivp_case_change *ch, const char **id)
{
	long long v;

	memset(ch, 0, sizeof(*ch));
	ch->date = o->date;
	ch->text = o->text;
	*id = o->npos > 0 ? o->pos[0] : NULL;
	if (!strcmp(sub, "org")) {
		/* org add|leave ID ORG: pos = add|leave, ID, ORG */
		if (o->npos != 3 || (strcmp(o->pos[0], "add") && strcmp(o->pos[0], "leave")))
			return cli_usage(CMD, "use: ivp cases org add|leave ID ORG");
		ch->op = !strcmp(o->pos[0], "add") ? IVP_CASE_ORG_ADD : IVP_CASE_ORG_LEAVE;
		*id = o->pos[1];
		ch->org = o->pos[2];
	} else if (!strcmp(sub, "director")) {
		if (o->npos != 2)
			return cli_usage(CMD, "use: ivp cases director ID USER");
		ch->op = IVP_CASE_DIRECTOR;
		ch->user = o->pos[1];
	} else if (!strcmp(sub, "domain")) {
		if (o->npos != 3 || cli_parse_int(o->pos[2], 1, 5, &v))
			return cli_usage(CMD, "use: ivp cases domain ID DOMAIN SCORE (a score from 1 to 5)");
		ch->op = IVP_CASE_DOMAIN;
		ch->domain = o->pos[1];
		ch->score = (int)v;
	} else if (!strcmp(sub, "agreement") && o->npos == 3 && !strcmp(o->pos[1], "done")) {
		if (cli_parse_int(o->pos[2], 1, 1000000, &v))
			return cli_usage(CMD, "use: ivp cases agreement ID done N");
		ch->op = IVP_CASE_AGREEMENT_DONE;
		ch->n = v;
		ch->done = !o->undo;
	} else if (!strcmp(sub, "agreement")) {
		if (o->npos != 1)
			return cli_usage(CMD, "use: ivp cases agreement ID --org ORG --date DEADLINE --text T");
		ch->op = IVP_CASE_AGREEMENT;
		ch->org = o->org;
	} else if (!strcmp(sub, "meeting")) {
		if (o->npos != 1)
			return cli_usage(CMD, "use: ivp cases meeting ID --date DATE --orgs A,B [--text NOTES]");
		ch->op = IVP_CASE_MEETING;
		ch->orgs = o->orgs;
	} else if (!strcmp(sub, "note")) {
		if (o->npos != 1)
			return cli_usage(CMD, "use: ivp cases note ID --text T [--own-org]");
		ch->op = IVP_CASE_NOTE;
		ch->own_org = o->own_org;
	} else if (!strcmp(sub, "status")) {
		if (o->npos != 2)
			return cli_usage(CMD, "use: ivp cases status ID in_progress|closed|declined [--text REASON]");
		ch->op = IVP_CASE_STATUS;
		ch->status = o->pos[1];
	} else
		return cli_usage(CMD, "unknown subcommand \"%s\"", sub);
	return 0;
}

int cmd_cases(int argc, char **argv)
{
	static const char *const subs[] = { "add", "list", "show", "export", "org", "director", "domain",
					    "agreement", "meeting", "note", "status", "counts", "person", NULL };
	cs_opts o;
	const char *sub, *id = NULL;
	ivp_case_change ch;
	ivp_table *t = NULL;
	ivp_ctx *ctx;
	long long n = 0;
	int i, r, ex = 0, known = 0;

	memset(&o, 0, sizeof(o));
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return argc < 2 ? cli_usage(CMD, "missing subcommand (add, list, show, …)") : help();
	sub = argv[1];
	for (i = 0; subs[i]; i++)
		known |= !strcmp(subs[i], sub);
	if (!known)
		return cli_usage(CMD, "unknown subcommand \"%s\"", sub);
	if ((r = parse(argc, argv, 2, &o)))
		return r > 0 ? 0 : EXIT_USER;
	if (strcmp(sub, "counts") && !cli_operator(CMD, o.user))
		return EXIT_USER;
	if ((!strcmp(sub, "show") || !strcmp(sub, "export") || !strcmp(sub, "person")) && o.npos != 1)
		return cli_usage(CMD, "use: ivp cases %s ID", sub);
	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "show") && strcmp(sub, "export") &&
	    strcmp(sub, "counts") && strcmp(sub, "person") && (r = change_of(sub, &o, &ch, &id)))
		return r;
	if ((r = cli_open(CMD, &o.c, &ctx)))
		return r;
	if (!strcmp(sub, "add"))
		ex = add(ctx, &o);
	else if (!strcmp(sub, "show"))
		ex = show(ctx, &o, o.pos[0]);
	else if (!strcmp(sub, "person"))
		ex = person(ctx, &o);
	else if (!strcmp(sub, "list") || !strcmp(sub, "export") || !strcmp(sub, "counts")) {
		ivp_rc rc = !strcmp(sub, "list") ? ivp_cases_list(ctx, &t) : !strcmp(sub, "export") ? ivp_case_export(ctx, o.pos[0], o.reason, &t) :
												      ivp_case_counts(ctx, o.by ? o.by : "status", &t);

		ex = rc ? cli_error(CMD, rc, ivp_last_error(ctx)) : print_one(NULL, t, &o);
	} else if (ivp_case_change_apply(ctx, id, &ch, o.reason, &n))
		ex = cli_error(CMD, ivp_last_error(ctx)->rc, ivp_last_error(ctx));
	else if (n)
		printf(cli_tr("case %s: entry %lld added\n"), id, n);
	else
		printf(cli_tr("case %s changed\n"), id);
	ivp_table_free(t);
	ivp_close(ctx);
	return ex;
}
