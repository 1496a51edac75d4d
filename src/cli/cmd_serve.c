/*
 * cmd_serve.c — `ivp serve`: the web app and the JSON API over HTTP,
 * through the serve entry point (src/serve/serve.h), the one header of
 * src/ besides the public API that the CLI uses. Runs in the foreground
 * until SIGTERM or SIGINT, then stops accepting, lets requests in flight
 * finish and closes the database.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "serve/serve.h"

static const char serve_help[] =
	"usage: ivp serve [--listen HOST:PORT] [--db PATH] [options]\n"
	"\n"
	"Serve the web app (pages at /, Dutch by default, ?lang=en) and the JSON API\n"
	"under /api/v1/ (described at /api/v1/openapi.json).\n"
	"Stops on SIGTERM or SIGINT (Ctrl-C) after the requests in flight.\n"
	"\n"
	"options:\n"
	"  --listen HOST:PORT   IPv4 address and port (default 127.0.0.1:8080; port 0:\n"
	"                       any free port, printed at start)\n"
	"  --db PATH            database (default: $IVP_DB, else ./ivp.db)\n"
	"  --threads N          worker threads, each with its own connection (default: CPUs)\n"
	"  --max-upload BYTES   largest request body (default 67108864; K and M suffixes)\n"
	"  --timeout SECONDS    close idle connections after this (default 30)\n"
	"  --header-timeout SECONDS  a request's line and headers must arrive within\n"
	"                       this (default 10)\n"
	"  --max-per-address N  connections at once from one client address (default 128)\n"
	"  --signin-threads N   passwords (argon2id) checked at once; more sign-ins wait\n"
	"                       in line (default: half the CPUs, at least 1)\n"
	"  --tls-cert FILE      PEM certificate (chain): serve HTTPS; needs --tls-key\n"
	"  --tls-key FILE       PEM private key of --tls-cert\n"
	"  --trusted-proxy ADDR IPv4 address of a reverse proxy whose X-Forwarded-For\n"
	"                       and X-Forwarded-Proto are believed (docs/security.md)\n"
	"  --web-root DIR       the web/ folder: static/ and node_modules/ (NL Design\n"
	"                       System CSS, installed by scripts/install-deps.sh);\n"
	"                       default: the source tree's web/\n"
	"  --keys FILE          the restricted registers' key file (default: $IVP_KEYS;\n"
	"                       none: the registers stay closed, docs/registers.md);\n"
	"                       retention runs at start and once a day\n"
	"  --quiet              no access log (default: a line per request on stderr)\n"
	"  --routes             print the route table and exit\n"
	"  --openapi            print the OpenAPI document (as /api/v1/openapi.json) and exit\n";

static int parse_listen(const char *v, char *host, size_t hostsz, int *port)
{
	const char *c = strrchr(v, ':');
	long long p;

	if (!c || c == v || (size_t)(c - v) >= hostsz)
		return -1;
	if (cli_parse_int(c + 1, 0, 65535, &p))
		return -1;
	memcpy(host, v, (size_t)(c - v));
	host[c - v] = '\0';
	*port = (int)p;
	return 0;
}

static int parse_size(const char *v, size_t *out)
{
	char *end;
	unsigned long long n;
	int shift = 0;

	if (*v < '0' || *v > '9') /* strtoull would take " 5", "+5" and "-5" */
		return -1;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno)
		return -1;
	if (*end == 'K' || *end == 'k')
		shift = 10, end++;
	else if (*end == 'M' || *end == 'm')
		shift = 20, end++;
	if (*end || n == 0 || n > (1ull << 34) >> shift)
		return -1;
	n <<= shift;
	*out = (size_t)n;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	serve_opts o;
	cli_common c = { 0 };
	char host[64] = "127.0.0.1", err[512];
	const char *v;
	serve *s;
	sigset_t set;
	int i, r, sig = 0, err_ = 0;

	memset(&o, 0, sizeof(o));
	o.port = 8080;
	o.access_log = 1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(serve_help, stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--routes")) {
			serve_print_routes(stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--openapi")) {
			if (serve_print_openapi(stdout)) {
				fprintf(stderr, "ivp serve: error: out of memory\n");
				return EXIT_INTERNAL;
			}
			return EXIT_OK;
		}
		if ((r = cli_common_opt("serve", argc, argv, &i, &c)) < 0)
			return EXIT_USER;
		if (r)
			continue;
		if ((v = cli_optval("--listen", argc, argv, &i, &err_))) {
			if (parse_listen(v, host, sizeof(host), &o.port))
				return cli_usage("serve", "--listen needs HOST:PORT such as 127.0.0.1:8080, not \"%s\"", v);
		} else if (!err_ && (v = cli_optval("--threads", argc, argv, &i, &err_))) {
			long long n;

			if (cli_parse_int(v, 1, 256, &n))
				return cli_usage("serve", "--threads needs a number from 1 to 256, not \"%s\"", v);
			o.threads = (int)n;
		} else if (!err_ && (v = cli_optval("--max-upload", argc, argv, &i, &err_))) {
			if (parse_size(v, &o.max_upload))
				return cli_usage("serve", "--max-upload needs a size such as 64M, not \"%s\"", v);
		} else if (!err_ && (v = cli_optval("--timeout", argc, argv, &i, &err_))) {
			long long n;

			if (cli_parse_int(v, 1, 3600, &n))
				return cli_usage("serve", "--timeout needs seconds from 1 to 3600, not \"%s\"", v);
			o.timeout = (unsigned)n;
		} else if (!err_ && (v = cli_optval("--header-timeout", argc, argv, &i, &err_))) {
			long long n;

			if (cli_parse_int(v, 1, 3600, &n))
				return cli_usage("serve", "--header-timeout needs seconds from 1 to 3600, not \"%s\"", v);
			o.header_timeout = (unsigned)n;
		} else if (!err_ && (v = cli_optval("--max-per-address", argc, argv, &i, &err_))) {
			long long n;

			if (cli_parse_int(v, 1, 1024, &n))
				return cli_usage("serve", "--max-per-address needs a number from 1 to 1024, not \"%s\"", v);
			o.per_address = (unsigned)n;
		} else if (!err_ && (v = cli_optval("--signin-threads", argc, argv, &i, &err_))) {
			long long n;

			if (cli_parse_int(v, 1, 64, &n))
				return cli_usage("serve", "--signin-threads needs a number from 1 to 64, not \"%s\"", v);
			o.signin_threads = (int)n;
		} else if (!err_ && (v = cli_optval("--tls-cert", argc, argv, &i, &err_))) {
			o.tls_cert = v;
		} else if (!err_ && (v = cli_optval("--tls-key", argc, argv, &i, &err_))) {
			o.tls_key = v;
		} else if (!err_ && (v = cli_optval("--trusted-proxy", argc, argv, &i, &err_))) {
			o.trusted_proxy = v;
		} else if (!err_ && (v = cli_optval("--web-root", argc, argv, &i, &err_))) {
			o.web_root = v;
		} else if (!err_ && !strcmp(argv[i], "--quiet")) {
			o.access_log = 0;
		} else {
			return cli_usage("serve", err_ ? "option %s needs a value" : "unknown option \"%s\"", argv[i]);
		}
	}
	o.db = c.db ? c.db : getenv("IVP_DB");
	if (!o.db || !*o.db)
		o.db = "ivp.db";
	o.host = host;
	o.keys = cli_keys(); /* --keys PATH, else $IVP_KEYS */
	/* the workers inherit this mask; only this thread takes the signals */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	(void)signal(SIGPIPE, SIG_IGN); /* cannot fail for SIGPIPE */
	s = serve_start(&o, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "ivp serve: error: %s\n", err);
		return EXIT_USER;
	}
	fprintf(stderr, "ivp serve: listening on %s://%s:%d/ (database %s); stop with Ctrl-C\n",
		o.tls_cert ? "https" : "http", host, serve_port(s), o.db);
	sigwait(&set, &sig);
	fprintf(stderr, "ivp serve: %s: stopping\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	serve_stop(s);
	fprintf(stderr, "ivp serve: stopped\n");
	return EXIT_OK;
}
