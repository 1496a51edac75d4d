/*
 * fetch.c — ivp_fetch(): what a municipality needs, downloaded and imported
 * table by table (docs/fetch.md has every URL and filter).
 *
 * The list of requests is built first (plan_requests): the code lists, the
 * population (37230ned, the Kerncijfers wijken en buurten), the crime tables
 * (47013NED, 47018NED, 83648NED) and the wijk and buurt boundaries from PDOK,
 * each for the municipality, its region and (where the table has it) the
 * Netherlands. Then, per request:
 *
 *   TableInfos   (OData) the table's Modified date, once per table
 *   PAGES        GET the first page, parse it (odata.c), keep it in a
 *                temporary file, follow the next link (at most
 *                IVP_FETCH_MAX_PAGES pages) — any failure ends here and
 *                nothing of the table was imported
 *   IMPORT       ivp_import of all pages as one import job: one
 *                transaction; the same pages as before change nothing;
 *                recorded under the URL and the Modified date; an answer
 *                without any rows is no import (the line says so)
 *   CLEAN        the temporary files go, whatever happened
 *
 * GeoJSON pages from OGC API Features are first joined into one
 * FeatureCollection whose features carry only their area code (the
 * boundaries reader reads one file and takes the first code property it
 * knows; a buurt feature also names its gemeente).
 *
 * Built into the module ivp-fetch.so with http.c and odata.c (libcurl;
 * core/module.h): its one export is the table ivp__fetch_ops, which
 * ivp_fetch() in fetch_load.c calls.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "fetch/fetch_int.h"

enum {
	SVC_CBS,
	SVC_POLITIE,
	SVC_PDOK
};

typedef struct req {
	const char *table; /* the name --tables selects and the import records */
	char part[32];
	int svc;
	ivp_import_kind kind;
	int year; /* the import's year (Kerncijfers wijken en buurten) */
	ivp__page_kind pk;
	const char *level; /* boundaries: "BU" or "WK" */
	char url[4096];
} req;

#define MAX_REQ 64
#define MAX_AREAS 64

typedef struct run {
	ivp_ctx *ctx;
	const ivp_fetch_opts *o;
	const char *base[3];
	const char *areas[MAX_AREAS]; /* the municipality and its region, deduplicated */
	int nareas;
	req reqs[MAX_REQ];
	int nreq;
	ivp__http http;
	char dir[1024]; /* the temporary directory of the pages */
	char last_table[16], last_modified[40];
	ivp__buf body;
	char (*paths)[1100]; /* IVP_FETCH_MAX_PAGES + 1 page files */
} run;

/* Kerncijfers wijken en buurten: one table per year (buurt population on 1
 * January, AantalInwoners_5). Both identifiers are those of the real tables
 * the bundled files came from (85984NED 2024, 85618NED 2023). */
static const struct {
	const char *table;
	int year;
} kwb[] = { { "85984NED", 2024 }, { "85618NED", 2023 } };

static int wanted(const ivp_fetch_opts *o, const char *table)
{
	const char *p = o->tables;
	size_t n = strlen(table);

	if (!p || !*p)
		return 1;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t k = e ? (size_t)(e - p) : strlen(p);

		if (k == n && !strncasecmp(p, table, n))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* The names --tables accepts. */
static const char *const table_names[] = {
	"codes", "37230ned", "kwb", "47013NED", "47018NED", "83648NED", "boundaries", NULL
};

static ivp_rc check_tables(ivp_ctx *ctx, const char *tables)
{
	const char *p = tables;

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		int ok = 0;

		for (int i = 0; table_names[i]; i++)
			ok |= strlen(table_names[i]) == k && !strncasecmp(table_names[i], p, k);
		if (!ok) {
			ivp__fail(ctx, IVP_EINPUT, "unknown table \"%.*s\"", (int)(k > 40 ? 40 : k), p);
			ivp__code(ctx, "fetch_unknown_table");
			ivp__detail(ctx, "ivp fetch knows codes, 37230ned, kwb, 47013NED, 47018NED, 83648NED and boundaries.");
			ivp__hint(ctx, "Give a comma-separated subset of these names with --tables.");
			return IVP_EINPUT;
		}
		p = e ? e + 1 : NULL;
	}
	return IVP_OK;
}

static req *add_req(run *r, const char *table, const char *part, int svc, ivp_import_kind kind,
		    ivp__page_kind pk)
{
	req *q;

	if (r->nreq >= MAX_REQ)
		return NULL;
	q = &r->reqs[r->nreq++];
	memset(q, 0, sizeof(*q));
	q->table = table;
	snprintf(q->part, sizeof(q->part), "%s", part);
	q->svc = svc;
	q->kind = kind;
	q->pk = pk;
	return q;
}

/* base/table/part?$format=json[&$filter=…][&$select=…] */
static int odata_url(run *r, req *q, const char *filter, const char *select)
{
	ivp__buf b;
	int bad;

	ivp__buf_init(&b, sizeof(q->url) - 1);
	bad = ivp__buf_printf(&b, "%s/%s/%s?$format=json", r->base[q->svc], q->table, q->part) != 0;
	if (!bad && filter)
		bad = ivp__buf_printf(&b, "&$filter=") || ivp__url_escape(&b, filter);
	if (!bad && select)
		bad = ivp__buf_printf(&b, "&$select=") || ivp__url_escape(&b, select);
	if (!bad)
		snprintf(q->url, sizeof(q->url), "%s", ivp__buf_str(&b));
	ivp__buf_free(&b);
	return bad ? -1 : 0;
}

/* "<dimension filter> and <years>" into f; -1 when too long. */
static int keys_and_years(ivp__buf *f, const char *dim, const char *const *keys, int n, int from, int to)
{
	ivp__buf_reset(f);
	if (ivp__odata_keys(f, dim, keys, n))
		return -1;
	if (from && (ivp__buf_printf(f, " and ") || ivp__odata_years(f, from, to)))
		return -1;
	return 0;
}

static ivp_rc too_long(ivp_ctx *ctx)
{
	ivp__fail(ctx, IVP_EINPUT, "the request would be too long");
	ivp__code(ctx, "fetch_request_too_long");
	ivp__detail(ctx, "The region has too many gemeenten or the period too many years for one URL.");
	ivp__hint(ctx, "Give fewer gemeenten with --region or a later --from.");
	return IVP_EINPUT;
}

static ivp_rc plan_requests(run *r)
{
	const ivp_fetch_opts *o = r->o;
	const char *with_nl[MAX_AREAS + 1], *sub[3 * MAX_AREAS];
	char subbuf[3 * MAX_AREAS][16];
	int from = o->from ? o->from : 2012, to = o->to, nsub = 0;
	ivp__buf f;
	req *q;
	size_t k;
	ivp_rc rc = IVP_OK;

	if (!to) {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		to = tm.tm_year + 1900;
	}
	if (from < 1995 || from > to || to > 2199) {
		ivp__fail(r->ctx, IVP_EINPUT, "the years %d to %d are not a period ivp can fetch", from, to);
		ivp__code(r->ctx, "fetch_bad_period");
		ivp__hint(r->ctx, "Give --from and --to as years from 1995, --from not after --to.");
		return IVP_EINPUT;
	}
	memcpy(with_nl, r->areas, sizeof(r->areas[0]) * (size_t)r->nareas);
	with_nl[r->nareas] = "NL01";
	/* wijk/buurt tables: every BU, WK and GM code of each gemeente */
	for (int i = 0; i < r->nareas; i++)
		for (int l = 0; l < 3; l++) {
			snprintf(subbuf[nsub], sizeof(subbuf[nsub]), "%s%s", l == 0 ? "GM" : l == 1 ? "WK" :
												      "BU",
				 r->areas[i] + 2);
			sub[nsub] = subbuf[nsub];
			nsub++;
		}
	ivp__buf_init(&f, 3000);
#define ADD(...)                                      \
	do {                                          \
		if (!(q = add_req(r, __VA_ARGS__))) { \
			rc = too_long(r->ctx);        \
			goto out;                     \
		}                                     \
	} while (0)
	if (wanted(o, "codes")) {
		static const char *const pol[] = { "SoortMisdrijf", "RegioS", "Perioden" };

		for (k = 0; k < 3; k++) {
			ADD("47013NED", pol[k], SVC_POLITIE, IVP_IMPORT_CODES, IVP__PAGE_ODATA);
			if (odata_url(r, q, NULL, NULL))
				goto long_;
		}
		ADD("47018NED", "WijkenEnBuurten", SVC_POLITIE, IVP_IMPORT_CODES, IVP__PAGE_ODATA);
		if (odata_url(r, q, NULL, NULL))
			goto long_;
		ADD("83648NED", "SoortMisdrijf", SVC_CBS, IVP_IMPORT_CODES, IVP__PAGE_ODATA);
		if (odata_url(r, q, NULL, NULL))
			goto long_;
	}
	if (wanted(o, "37230ned")) {
		/* the end of year Y is 1 January Y+1: from-1 gives 1 January `from` */
		ADD("37230ned", "TypedDataSet", SVC_CBS, IVP_IMPORT_POPULATION, IVP__PAGE_ODATA);
		if (keys_and_years(&f, "RegioS", with_nl, r->nareas + 1, from - 1, to) ||
		    odata_url(r, q, ivp__buf_str(&f), NULL))
			goto long_;
	}
	if (wanted(o, "kwb")) {
		for (k = 0; k < sizeof(kwb) / sizeof(kwb[0]); k++) {
			if (kwb[k].year < from || kwb[k].year > to + 1)
				continue;
			ADD(kwb[k].table, "TypedDataSet", SVC_CBS, IVP_IMPORT_POPULATION, IVP__PAGE_ODATA);
			q->year = kwb[k].year;
			if (keys_and_years(&f, "WijkenEnBuurten", sub, nsub, 0, 0) ||
			    odata_url(r, q, ivp__buf_str(&f), "WijkenEnBuurten,AantalInwoners_5"))
				goto long_;
		}
	}
	if (wanted(o, "47013NED")) {
		ADD("47013NED", "TypedDataSet", SVC_POLITIE, IVP_IMPORT_CRIME, IVP__PAGE_ODATA);
		if (keys_and_years(&f, "RegioS", with_nl, r->nareas + 1, from, to) ||
		    odata_url(r, q, ivp__buf_str(&f), "SoortMisdrijf,RegioS,Perioden,GeregistreerdeMisdrijven_1"))
			goto long_;
	}
	if (wanted(o, "47018NED")) {
		ADD("47018NED", "TypedDataSet", SVC_POLITIE, IVP_IMPORT_CRIME, IVP__PAGE_ODATA);
		if (keys_and_years(&f, "WijkenEnBuurten", sub, nsub, from, to) ||
		    odata_url(r, q, ivp__buf_str(&f), "SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1"))
			goto long_;
	}
	if (wanted(o, "83648NED")) {
		ADD("83648NED", "TypedDataSet", SVC_CBS, IVP_IMPORT_CRIME, IVP__PAGE_ODATA);
		if (keys_and_years(&f, "RegioS", with_nl, r->nareas + 1, from, to) ||
		    odata_url(r, q, ivp__buf_str(&f), NULL))
			goto long_;
	}
	if (wanted(o, "boundaries")) {
		static const char *const coll[] = { "wijken", "buurten" };

		for (int i = 0; i < r->nareas; i++)
			for (k = 0; k < 2; k++) {
				char part[32];

				snprintf(part, sizeof(part), "%s %s", coll[k], r->areas[i]);
				ADD("wijkenbuurten2023", part, SVC_PDOK, IVP_IMPORT_BOUNDARIES, IVP__PAGE_OGC);
				q->level = k ? "BU" : "WK";
				if ((size_t)snprintf(q->url, sizeof(q->url),
						     "%s/cbs/wijken-en-buurten-2023/ogc/v1/collections/%s/items?f=json&limit=1000&gemeentecode=%s",
						     r->base[SVC_PDOK], coll[k], r->areas[i]) >= sizeof(q->url))
					goto long_;
			}
	}
#undef ADD
	goto out;
long_:
	rc = too_long(r->ctx);
out:
	ivp__buf_free(&f);
	return rc;
}

/* ---- pages ------------------------------------------------------------------ */

static ivp_rc write_file(run *r, const char *path, const char *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	int bad;

	if (!f) {
		ivp__fail(r->ctx, IVP_EIO, "cannot write \"%s\"", path);
		ivp__code(r->ctx, "file_unwritable");
		ivp__detail(r->ctx, "%s.", strerror(errno));
		ivp__hint(r->ctx, "Give a writable directory with --tmpdir (or TMPDIR).");
		return IVP_EIO;
	}
	bad = n && fwrite(p, 1, n, f) != n;
	bad |= fclose(f) != 0;
	if (bad) {
		ivp__fail(r->ctx, IVP_EIO, "cannot write \"%s\"", path);
		ivp__code(r->ctx, "file_unwritable");
		ivp__hint(r->ctx, "Check the free space of the temporary directory (--tmpdir).");
		return IVP_EIO;
	}
	return IVP_OK;
}

/* The table's Modified date from TableInfos (OData tables; once per table). */
static ivp_rc modified(run *r, const req *q, char out[40])
{
	char url[1024];
	ivp__page pg;
	ivp_rc rc;

	out[0] = '\0';
	if (q->svc == SVC_PDOK)
		return IVP_OK;
	if (!strcmp(r->last_table, q->table)) {
		memcpy(out, r->last_modified, 40);
		return IVP_OK;
	}
	snprintf(url, sizeof(url), "%s/%s/TableInfos?$format=json", r->base[q->svc], q->table);
	if ((rc = ivp__http_get(r->ctx, &r->http, url, &r->body)) ||
	    (rc = ivp__page_parse(r->ctx, r->body.p ? r->body.p : "", r->body.len, url, r->base[q->svc],
				  IVP__PAGE_TABLEINFOS, &pg)))
		return rc;
	snprintf(out, 40, "%s", pg.modified);
	snprintf(r->last_table, sizeof(r->last_table), "%s", q->table);
	memcpy(r->last_modified, out, 40);
	return IVP_OK;
}

/* The area code of a feature of `level`: a property named buurtcode /
 * wijkcode, else the first string property holding such a code. */
static const char *feature_code(json_t *props, const char *level)
{
	const char *named = !strcmp(level, "BU") ? "buurtcode" : "wijkcode";
	size_t want = !strcmp(level, "BU") ? 10 : 8;
	json_t *v = json_object_get(props, named);
	const char *k;

	if (json_is_string(v))
		return json_string_value(v);
	json_object_foreach(props, k, v) {
		const char *s = json_string_value(v);

		if (s && strlen(s) == want && !strncmp(s, level, 2) &&
		    strspn(s + 2, "0123456789") == want - 2)
			return s;
	}
	return NULL;
}

/* Join the GeoJSON pages into one FeatureCollection of {code} features. */
static ivp_rc join_features(run *r, const req *q, char paths[][1100], int n, const char *out)
{
	json_t *fc = json_object(), *all = json_array();
	ivp_rc rc = IVP_OK;
	char *text = NULL;

	if (!fc || !all || json_object_set_new(fc, "type", json_string("FeatureCollection")) ||
	    json_object_set(fc, "features", all)) {
		rc = ivp__oom(r->ctx, "The boundaries could not be joined.");
		goto out;
	}
	for (int i = 0; i < n && !rc; i++) {
		json_error_t e;
		json_t *page = json_load_file(paths[i], 0, &e), *ft;
		size_t k;

		if (!page) {
			rc = ivp__oom(r->ctx, "A page of %s could not be read again.", q->url);
			break;
		}
		json_array_foreach(json_object_get(page, "features"), k, ft) {
			const char *code = feature_code(json_object_get(ft, "properties"), q->level);
			json_t *nf = json_object(), *props = json_object();
			json_t *geom = json_object_get(ft, "geometry");

			/* a feature without geometry stays one: the reader says what is wrong */
			if (!nf || !props || json_object_set_new(nf, "type", json_string("Feature")) ||
			    json_object_set_new(nf, "geometry", geom ? json_incref(geom) : json_null()) ||
			    json_object_set_new(props, "code", code ? json_string(code) : json_null()) ||
			    json_object_set_new(nf, "properties", props) || json_array_append_new(all, nf)) {
				json_decref(nf);
				rc = ivp__oom(r->ctx, "The boundaries could not be joined.");
				break;
			}
		}
		json_decref(page);
	}
	if (!rc) {
		text = json_dumps(fc, JSON_COMPACT);
		rc = text ? write_file(r, out, text, strlen(text)) :
			    ivp__oom(r->ctx, "The boundaries could not be joined.");
	}
out:
	free(text);
	json_decref(all);
	json_decref(fc);
	return rc;
}

static void remove_files(char paths[][1100], int n)
{
	for (int i = 0; i < n; i++)
		(void)unlink(paths[i]);
}

/* Download every page of q into the temporary directory; *n pages. */
static ivp_rc download(run *r, const req *q, char paths[][1100], int *n, long *rows,
		       ivp_fetch_item *it)
{
	char url[2048];
	ivp__page pg;
	ivp_rc rc;

	*n = 0;
	*rows = 0;
	snprintf(url, sizeof(url), "%s", q->url);
	for (;;) {
		if (*n >= IVP_FETCH_MAX_PAGES) {
			ivp__fail(r->ctx, IVP_EINPUT, "more than %d pages", IVP_FETCH_MAX_PAGES);
			ivp__code(r->ctx, "fetch_too_many_pages");
			ivp__detail(r->ctx, "The table goes on after page %d: GET %.1500s", *n, q->url);
			ivp__hint(r->ctx, "Ask for fewer rows (--from, --region); nothing of this table was imported.");
			return IVP_EINPUT;
		}
		if ((rc = ivp__http_get(r->ctx, &r->http, url, &r->body)) ||
		    (rc = ivp__page_parse(r->ctx, r->body.p ? r->body.p : "", r->body.len, url,
					  r->base[q->svc], q->pk, &pg)))
			return rc;
		snprintf(paths[*n], 1100, "%s/page%04d.json", r->dir, *n + 1);
		if ((rc = write_file(r, paths[*n], r->body.p ? r->body.p : "", r->body.len)))
			return rc;
		(*n)++;
		*rows += pg.rows;
		it->pages++;
		it->bytes += (int64_t)r->body.len;
		if (!pg.next[0])
			return IVP_OK;
		snprintf(url, sizeof(url), "%s", pg.next);
	}
}

static ivp_rc one_table(run *r, const req *q, ivp_fetch_item *it)
{
	char(*paths)[1100] = r->paths;
	const char *pp[IVP_FETCH_MAX_PAGES + 1];
	char name[2200];
	ivp_import_opts io;
	int n = 0, attempts0;
	long rows;
	ivp_rc rc;

	memset(it, 0, sizeof(*it));
	snprintf(it->table, sizeof(it->table), "%s", q->table);
	snprintf(it->part, sizeof(it->part), "%s", q->part);
	snprintf(it->url, sizeof(it->url), "%s", q->url);
	if ((rc = modified(r, q, it->modified)))
		return rc;
	attempts0 = r->http.attempts; /* the pages' requests, retries included */
	if ((rc = download(r, q, paths, &n, &rows, it)))
		goto out;
	if (rows == 0) {
		/* nothing to import is not an error: e.g. a gemeente without wijken
		 * in a collection, or a year the table does not have yet */
		snprintf(it->res.note, sizeof(it->res.note),
			 "the service has no rows for this request; nothing imported");
		snprintf(it->res.layout, sizeof(it->res.layout), "none");
		goto out;
	}
	if (q->kind == IVP_IMPORT_BOUNDARIES) {
		snprintf(paths[n], 1100, "%s/joined.geojson", r->dir);
		if ((rc = join_features(r, q, paths, n, paths[n])))
			goto out;
		pp[0] = paths[n];
		n++;
	} else {
		for (int i = 0; i < n; i++)
			pp[i] = paths[i];
	}
	snprintf(name, sizeof(name), "%s (Modified %s)", q->url,
		 it->modified[0] ? it->modified : "not given by the service");
	memset(&io, 0, sizeof(io));
	io.user = r->o->user;
	io.file_name = name;
	io.year = q->year;
	io.skip_unknown_regions = q->kind == IVP_IMPORT_BOUNDARIES;
	if (q->kind == IVP_IMPORT_BOUNDARIES)
		rc = ivp_import(r->ctx, q->kind, &pp[0], 1, &io, &it->res);
	else
		rc = ivp_import(r->ctx, q->kind, pp, n, &io, &it->res);
out:
	it->attempts = r->http.attempts - attempts0;
	remove_files(paths, n);
	return rc;
}

static ivp_rc bad_area(ivp_ctx *ctx, const char *a)
{
	ivp__fail(ctx, IVP_EINPUT, "\"%.40s\" is not a gemeente code", a ? a : "");
	ivp__code(ctx, "fetch_bad_area");
	ivp__detail(ctx, "ivp fetch asks the services for gemeenten, by their CBS code.");
	ivp__hint(ctx, "Give --area and --region as codes such as GM1926 (GM and four digits), or --region haaglanden.");
	return IVP_EINPUT;
}

static int gemeente_code(const char *a)
{
	return a && strlen(a) == 6 && !strncmp(a, "GM", 2) && strspn(a + 2, "0123456789") == 4;
}

static ivp_rc set_areas(run *r)
{
	const ivp_fetch_opts *o = r->o;

	if (!gemeente_code(o->area))
		return bad_area(r->ctx, o->area);
	r->areas[r->nareas++] = o->area;
	for (int i = 0; i < o->nregion; i++) {
		int dup = 0;

		if (!gemeente_code(o->region[i]))
			return bad_area(r->ctx, o->region[i]);
		for (int k = 0; k < r->nareas; k++)
			dup |= !strcmp(r->areas[k], o->region[i]);
		if (dup)
			continue;
		if (r->nareas >= MAX_AREAS - 1)
			return too_long(r->ctx);
		r->areas[r->nareas++] = o->region[i];
	}
	return IVP_OK;
}

static ivp_rc bad_base(ivp_ctx *ctx, const char *u)
{
	ivp__fail(ctx, IVP_EINPUT, "\"%.200s\" is not an http(s) service URL", u);
	ivp__code(ctx, "fetch_bad_url");
	ivp__hint(ctx, "Give the service's base URL, e.g. %s (docs/fetch.md).", IVP_FETCH_CBS_URL);
	return IVP_EINPUT;
}

static ivp_rc fetch_run(ivp_ctx *ctx, const ivp_fetch_opts *o, int *nitems)
{
	run *r;
	ivp_fetch_item it;
	const char *tmp;
	ivp_rc rc;
	int done = 0;

	if (nitems)
		*nitems = 0;
	ivp__error_clear(&ctx->err);
	if (!o)
		return ivp__fail(ctx, IVP_EINTERNAL, "ivp_fetch without options");
	r = calloc(1, sizeof(*r));
	if (!r)
		return ivp__oom(ctx, "The fetch could not be set up.");
	r->paths = calloc(IVP_FETCH_MAX_PAGES + 1, sizeof(*r->paths));
	if (!r->paths) {
		free(r);
		return ivp__oom(ctx, "The fetch could not be set up.");
	}
	r->ctx = ctx;
	r->o = o;
	r->base[SVC_CBS] = o->cbs_url ? o->cbs_url : IVP_FETCH_CBS_URL;
	r->base[SVC_POLITIE] = o->politie_url ? o->politie_url : IVP_FETCH_POLITIE_URL;
	r->base[SVC_PDOK] = o->pdok_url ? o->pdok_url : IVP_FETCH_PDOK_URL;
	for (int i = 0; i < 3; i++)
		if (strncmp(r->base[i], "https://", 8) && strncmp(r->base[i], "http://", 7)) {
			rc = bad_base(ctx, r->base[i]);
			goto out_free;
		}
	if ((rc = check_tables(ctx, o->tables)) || (rc = set_areas(r)) || (rc = plan_requests(r)))
		goto out_free;
	tmp = o->tmpdir ? o->tmpdir : getenv("TMPDIR");
	snprintf(r->dir, sizeof(r->dir), "%s/ivp-fetch-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(r->dir)) {
		ivp__fail(ctx, IVP_EIO, "cannot make a temporary directory in \"%s\"", tmp && *tmp ? tmp : "/tmp");
		ivp__code(ctx, "file_unwritable");
		ivp__detail(ctx, "%s.", strerror(errno));
		ivp__hint(ctx, "Give a writable directory with --tmpdir (or TMPDIR).");
		rc = IVP_EIO;
		goto out_free;
	}
	ivp__buf_init(&r->body, (size_t)(o->max_bytes > 0 ? o->max_bytes : IVP_FETCH_MAX_BYTES));
	if ((rc = ivp__http_init(ctx, &r->http, o)))
		goto out;
	r->body.max = (size_t)r->http.max_bytes;
	for (int i = 0; i < r->nreq; i++) {
		if ((rc = one_table(r, &r->reqs[i], &it)))
			break;
		done++;
		if (o->done)
			o->done(o->ud, &it);
	}
out:
	ivp__http_free(&r->http);
	ivp__buf_free(&r->body);
	(void)rmdir(r->dir);
out_free:
	if (nitems)
		*nitems = done;
	free(r->paths);
	free(r);
	return rc;
}

/* The module's one export (fetch_int.h). */
const ivp__fetch_table ivp__fetch_ops = { fetch_run };
