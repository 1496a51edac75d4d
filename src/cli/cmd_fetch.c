/*
 * cmd_fetch.c — `ivp fetch`: download what a municipality needs from the
 * CBS and Politie open-data services and PDOK and import it, table by table
 * (ivp_fetch(), include/ivp/fetch.h; docs/fetch.md). Parses the options,
 * prints one line per table as it is imported, and on failure the error
 * in the language asked for (--lang nl, the default, or en).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ivp/fetch.h"

/* printf format: the three default URLs; a catalogue text (cli_tr) */
static const char fetch_help[] =
	"usage: ivp fetch --area GM1926 [--region GM0503,GM0518,…|haaglanden]\n"
	"                 [--tables codes,37230ned,kwb,47013NED,47018NED,83648NED,boundaries]\n"
	"                 [--from 2012] [--to YEAR] [--base-url URL | --cbs-url URL\n"
	"                 --politie-url URL --pdok-url URL] [--timeout S] [--connect-timeout S]\n"
	"                 [--retries N] [--backoff-ms MS] [--max-mb N] [--tmpdir DIR]\n"
	"                 [--user NAME] [--lang nl|en] [--db PATH]\n"
	"\n"
	"Download the code lists, the population, the registered crime and the wijk\n"
	"and buurt boundaries of a gemeente and its region from the CBS and Politie\n"
	"open-data services (OData) and PDOK, and import each table in one\n"
	"transaction (a table already imported as it is changes nothing; one that\n"
	"cannot be downloaded whole is not imported). docs/fetch.md lists every URL.\n"
	"\n"
	"  --area GM…         the gemeente (required)\n"
	"  --region LIST      the other gemeenten of its region, or haaglanden\n"
	"  --tables LIST      only these tables (default: all)\n"
	"  --from Y, --to Y   the years (default: 2012 to this year)\n"
	"  --cbs-url URL      default %s\n"
	"  --politie-url URL  default %s\n"
	"  --pdok-url URL     default %s\n"
	"  --base-url URL     all three at once: URL/cbs, URL/politie, URL/pdok (a mirror)\n"
	"  --timeout S        seconds for one request (default 120); --connect-timeout S (10)\n"
	"  --retries N        extra attempts on 5xx, 429 and time-outs (default 3),\n"
	"                     waiting --backoff-ms (1000), then twice as long each time\n"
	"  --max-mb N         largest answer accepted (default 64)\n";

static void on_table(void *ud, const ivp_fetch_item *it)
{
	const ivp_import_result *r = &it->res;

	(void)ud;
	if (!r->unchanged && !r->import_id)
		printf(cli_tr("%s %s: no rows; %d page(s), %lld bytes\n"),
		       it->table, it->part, it->pages, (long long)it->bytes);
	else if (r->unchanged)
		printf(cli_tr("%s %s: unchanged (import %lld); %d page(s), %lld bytes\n"),
		       it->table, it->part, (long long)r->import_id, it->pages, (long long)it->bytes);
	else
		printf(cli_tr("%s %s: import %lld (%s): %lld rows written; %d page(s), %lld bytes\n"),
		       it->table, it->part, (long long)r->import_id, r->layout, (long long)r->rows,
		       it->pages, (long long)it->bytes);
	if (it->attempts > it->pages)
		printf(cli_tr("  %d requests needed (retried)\n"),
		       it->attempts);
	if (r->note[0])
		printf("  %s\n", r->note);
	(void)fflush(stdout);
}

/* "A,B,C" into at most max codes in buf (NUL-separated); -1 when too many. */
static int split_list(const char *v, char *buf, size_t bufsz, const char **out, int max)
{
	int n = 0;
	char *p = buf;

	snprintf(buf, bufsz, "%s", v);
	while (*p) {
		char *e = strchr(p, ',');

		if (e)
			*e = '\0';
		if (*p) {
			if (n >= max)
				return -1;
			out[n++] = p;
		}
		if (!e)
			break;
		p = e + 1;
	}
	return n;
}

static int seconds(const char *opt, const char *v, long *ms)
{
	long long s;

	if (cli_parse_int(v, 1, 86400, &s))
		return cli_usage("fetch", "%s takes whole seconds from 1 to 86400, not \"%s\"", opt, v);
	*ms = (long)s * 1000L;
	return 0;
}

int cmd_fetch(int argc, char **argv)
{
	cli_common c = { 0 };
	ivp_fetch_opts o;
	ivp_ctx *ctx = NULL;
	static char regbuf[1024], cbs[1024], pol[1024], pdok[1024];
	const char *region[48];
	const char *v, *user = NULL;
	long long n;
	int i, rc, err = 0, ntables = 0;

	memset(&o, 0, sizeof(o));
	o.retries = -1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf(cli_tr(fetch_help), IVP_FETCH_CBS_URL, IVP_FETCH_POLITIE_URL, IVP_FETCH_PDOK_URL);
			return EXIT_OK;
		}
		if ((v = cli_optval("--area", argc, argv, &i, &err)))
			o.area = v;
		else if (!err && (v = cli_optval("--region", argc, argv, &i, &err))) {
			const char *const *named = ivp_fetch_region(v);

			if (named) {
				o.region = named;
				for (o.nregion = 0; named[o.nregion]; o.nregion++)
					;
			} else {
				int k = split_list(v, regbuf, sizeof(regbuf), region, 48);

				if (k < 0)
					return cli_usage("fetch", "--region takes at most 48 gemeenten");
				o.region = region;
				o.nregion = k;
			}
		} else if (!err && (v = cli_optval("--tables", argc, argv, &i, &err)))
			o.tables = v;
		else if (!err && (v = cli_optval("--from", argc, argv, &i, &err))) {
			if (cli_parse_int(v, 1995, 2199, &n))
				return cli_usage("fetch", "--from takes a year from 1995, not \"%s\"", v);
			o.from = (int)n;
		} else if (!err && (v = cli_optval("--to", argc, argv, &i, &err))) {
			if (cli_parse_int(v, 1995, 2199, &n))
				return cli_usage("fetch", "--to takes a year from 1995, not \"%s\"", v);
			o.to = (int)n;
		} else if (!err && (v = cli_optval("--base-url", argc, argv, &i, &err))) {
			snprintf(cbs, sizeof(cbs), "%s/cbs", v);
			snprintf(pol, sizeof(pol), "%s/politie", v);
			snprintf(pdok, sizeof(pdok), "%s/pdok", v);
			o.cbs_url = cbs;
			o.politie_url = pol;
			o.pdok_url = pdok;
		} else if (!err && (v = cli_optval("--cbs-url", argc, argv, &i, &err)))
			o.cbs_url = v;
		else if (!err && (v = cli_optval("--politie-url", argc, argv, &i, &err)))
			o.politie_url = v;
		else if (!err && (v = cli_optval("--pdok-url", argc, argv, &i, &err)))
			o.pdok_url = v;
		else if (!err && (v = cli_optval("--timeout", argc, argv, &i, &err))) {
			if (seconds("--timeout", v, &o.timeout_ms))
				return EXIT_USER;
		} else if (!err && (v = cli_optval("--connect-timeout", argc, argv, &i, &err))) {
			if (seconds("--connect-timeout", v, &o.connect_timeout_ms))
				return EXIT_USER;
		} else if (!err && (v = cli_optval("--retries", argc, argv, &i, &err))) {
			if (cli_parse_int(v, 0, 10, &n))
				return cli_usage("fetch", "--retries takes 0 to 10, not \"%s\"", v);
			o.retries = (int)n;
		} else if (!err && (v = cli_optval("--backoff-ms", argc, argv, &i, &err))) {
			if (cli_parse_int(v, 1, 30000, &n))
				return cli_usage("fetch", "--backoff-ms takes 1 to 30000, not \"%s\"", v);
			o.backoff_ms = (long)n;
		} else if (!err && (v = cli_optval("--max-mb", argc, argv, &i, &err))) {
			if (cli_parse_int(v, 1, 1024, &n))
				return cli_usage("fetch", "--max-mb takes 1 to 1024, not \"%s\"", v);
			o.max_bytes = (long)n << 20;
		} else if (!err && (v = cli_optval("--tmpdir", argc, argv, &i, &err)))
			o.tmpdir = v;
		else if (!err && (v = cli_optval("--user", argc, argv, &i, &err)))
			user = v;
		else if (err)
			return cli_usage("fetch", "option %s needs a value", argv[i]);
		else {
			int k = cli_common_opt("fetch", argc, argv, &i, &c);

			if (k < 0)
				return EXIT_USER;
			if (k == 0)
				return cli_usage("fetch", "unknown option \"%s\"", argv[i]);
		}
	}
	if (!c.lang)
		c.lang = getenv("IVP_LANG");
	if (!o.area)
		return cli_usage("fetch", "give the gemeente with --area, e.g. --area GM1926");
	if (!(o.user = cli_operator("fetch", user)))
		return EXIT_USER;
	o.done = on_table;
	o.ud = NULL;
	if ((rc = cli_open("fetch", &c, &ctx)))
		return rc;
	if (ivp_fetch(ctx, &o, &ntables)) {
		rc = cli_error("fetch", ivp_last_error(ctx)->rc, ivp_last_error(ctx));
		if (ntables)
			fprintf(stderr, cli_tr("(the %d table(s) before it were imported)\n"),
				ntables);
		ivp_close(ctx);
		return rc;
	}
	printf(cli_tr("%d table(s) fetched\n"), ntables);
	ivp_close(ctx);
	return EXIT_OK;
}
