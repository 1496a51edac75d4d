/*
 * texts_api.c — the public functions of a report's texts and status:
 * ivp_report_text_set / ivp_report_texts / ivp_report_text_history (the
 * narrative texts, every save a new version), ivp_report_finalize (freeze
 * a complete report as its snapshot) and ivp_reports (which reports there
 * are, and their status).
 *
 * Each reads the live report model first (ivp__rp_model), so a key, a year
 * or an area is checked by the same rules as ivp_report's, and a text can
 * only be written for a report that can be written. Writes are one
 * transaction each. A ctx acting for one municipality writes (and
 * freezes) only the reports of its own areas: another municipality's
 * area (GM0503, WK050301, BU05030101 acting for GM1926) is refused with
 * the parameter "area" named (area_other_municipality, docs/tenancy.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "report/funnel.h"
#include "report/report.h"
#include "store/report_store.h"

static const char *kind_of(const rp_model *m)
{
	return ivp__rp_kind_name(m->kind);
}

/* The keys of the report as one line: "inleiding, prioriteit:x (a), …". */
static void key_list(const rp_model *m, char *out, size_t n)
{
	size_t used = 0;
	int i, k = 0;

	out[0] = '\0';
	for (i = 0; i < m->ntexts && used + 1 < n; i++) {
		const char *key = m->texts[i].key;
		int w;

		if (!strncmp(key, "prioriteit:", 11) && k < m->npriorities)
			w = snprintf(out + used, n - used, ivp_msg_tr(m->lang, "%s%s (or prioriteit:%c)"), i ? ", " : "", key,
				     'a' + k++);
		else
			w = snprintf(out + used, n - used, "%s%s", i ? ", " : "", key);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static ivp_rc live_model(ivp_ctx *ctx, const ivp_report_opts *o, rp_model **m)
{
	rp_query q;
	ivp_rc rc;

	*m = NULL;
	memset(&q, 0, sizeof(q));
	if ((rc = ivp__rp_opts(ctx, o, &q)))
		return rc;
	return ivp__rp_model(ctx, &q, m);
}

/* A scoped ctx writes the texts and reports of its own areas only. */
static ivp_rc area_ours(ivp_ctx *ctx, const rp_model *m)
{
	int ok = 1;
	ivp_rc rc = ivp__area_in_scope(ctx, m->area, &ok);

	if (rc || ok)
		return rc;
	rc = ivp__area_other(ctx, m->area);
	ivp__option(ctx, "area");
	return rc;
}

static const rp_text *find_key(ivp_ctx *ctx, const rp_model *m, const char *key)
{
	const rp_text *t = key ? ivp__rp_text_find(m, key) : NULL;
	char keys[2048];

	if (t)
		return t;
	key_list(m, keys, sizeof(keys));
	ivp__fail(ctx, IVP_EINPUT, "unknown text \"%s\"", key ? key : "");
	ivp__code(ctx, "report_unknown_text");
	ivp__detail(ctx, "The %s report %d of %s has the texts: %s.", kind_of(m), m->year, m->area, keys);
	ivp__hint(ctx, "Give one of these keys with --key; ivp report text list shows them with their status.");
	return NULL;
}

static ivp_rc is_final(ivp_ctx *ctx, const rp_model *m, int *final)
{
	ivp__final_rec f;
	ivp_rc rc = ivp__store_final_get(ctx, kind_of(m), m->area, m->year, &f);

	*final = rc == IVP_OK ? 1 : 0;
	if (rc == IVP_OK)
		free(f.snapshot);
	return rc == IVP_ENOTFOUND ? IVP_OK : rc;
}

ivp_rc ivp_report_text_set(ivp_ctx *ctx, const ivp_report_opts *o, const char *key, const char *body,
			   const char *user, ivp_report_text_result *out)
{
	ivp__text_rec rec;
	const rp_text *t;
	rp_model *m = NULL;
	char why[256], obj[200];
	ivp_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = live_model(ctx, o, &m)))
		return rc;
	if ((rc = area_ours(ctx, m)))
		goto out;
	if (!(t = find_key(ctx, m, key))) {
		rc = IVP_EINPUT;
		goto out;
	}
	if (!body || ivp__rp_text_check(body, ivp_lang(ctx), why, sizeof(why))) {
		rc = ivp__fail(ctx, IVP_EINPUT, "bad text for \"%s\"", t->key);
		ivp__code(ctx, "report_bad_text");
		ivp__detail(ctx, "%s.", body ? why : ivp_msg_tr(ivp_lang(ctx), "there is no text"));
		ivp__hint(ctx, "Write the text as UTF-8, paragraphs separated by a blank line, at most %d bytes.",
			  RP_TEXT_MAX);
		goto out;
	}
	memset(&rec, 0, sizeof(rec));
	rec.kind = kind_of(m);
	rec.area = m->area;
	rec.year = m->year;
	rec.key = t->key;
	rec.body = body;
	rec.user = user;
	if ((rc = is_final(ctx, m, &out->final)) || (rc = ivp__store_begin(ctx)))
		goto out;
	snprintf(obj, sizeof(obj), "report:%s-%s-%d/%s", rec.kind, rec.area, rec.year, rec.key);
	if ((rc = ivp__store_text_add(ctx, &rec, &out->version)) ||
	    (rc = ivp__audit(ctx, "report.text", obj, NULL, body))) {
		ivp__store_abort(ctx);
		goto out;
	}
	if ((rc = ivp__store_commit(ctx)))
		goto out;
	snprintf(out->key, sizeof(out->key), "%s", t->key);
	snprintf(out->label, sizeof(out->label), "%s", t->label);
	snprintf(out->kind, sizeof(out->kind), "%s", kind_of(m));
	snprintf(out->area, sizeof(out->area), "%s", m->area);
	out->year = m->year;
out:
	ivp__rp_model_free(m);
	return rc;
}

static int table_fail(ivp_table *t)
{
	ivp_table_free(t);
	return -1;
}

ivp_rc ivp_report_texts(ivp_ctx *ctx, const ivp_report_opts *o, ivp_table **out)
{
	rp_model *m = NULL;
	ivp_table *t;
	int i, en, bad = 0;
	ivp_rc rc;

	*out = NULL;
	if ((rc = live_model(ctx, o, &m)))
		return rc;
	en = !strcmp(m->lang, "en");
	t = ivp__table_new();
	if (!t || ivp__table_col(t, "key", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(t, "label", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "required", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(t, "status", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "version", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(t, "author", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "saved_at", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(t, "body", 0, 0) < 0)
		bad = 1;
	for (i = 0; !bad && i < m->ntexts; i++) {
		const rp_text *x = &m->texts[i];

		if (ivp__table_row(t) < 0 || ivp__table_set_text(t, 0, x->key) || ivp__table_set_text(t, 1, x->label) ||
		    ivp__table_set_int(t, 2, x->required) ||
		    ivp__table_set_text(t, 3, x->body ? (en ? "present" : "aanwezig") : (en ? "missing" : "ontbreekt")) ||
		    (x->body && (ivp__table_set_int(t, 4, x->version) || ivp__table_set_text(t, 5, x->by) ||
				 ivp__table_set_text(t, 6, x->at) || ivp__table_set_text(t, 7, x->body))))
			bad = 1;
	}
	ivp__rp_model_free(m);
	if (bad) {
		if (t)
			table_fail(t);
		return ivp__oom(ctx, "listing the report's texts");
	}
	*out = t;
	return IVP_OK;
}

/* rows: version, body, created_by, created_at */
static int history_cb(void *ud, const char *const *c, int n)
{
	ivp_table *t = ud;

	if (n < 4 || ivp__table_row(t) < 0)
		return -1;
	return ivp__table_set_int(t, 0, strtoll(c[0] ? c[0] : "0", NULL, 10)) || ivp__table_set_text(t, 1, c[2]) ||
	       ivp__table_set_text(t, 2, c[3]) || ivp__table_set_text(t, 3, c[1]);
}

ivp_rc ivp_report_text_history(ivp_ctx *ctx, const ivp_report_opts *o, const char *key, ivp_table **out)
{
	rp_model *m = NULL;
	const rp_text *x;
	ivp_table *t = NULL;
	ivp_rc rc;

	*out = NULL;
	if ((rc = live_model(ctx, o, &m)))
		return rc;
	if (!(x = find_key(ctx, m, key))) {
		rc = IVP_EINPUT;
		goto out;
	}
	t = ivp__table_new();
	if (!t || ivp__table_col(t, "version", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(t, "author", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "saved_at", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(t, "body", IVP__COL_BRIEF, 0) < 0) {
		rc = ivp__oom(ctx, "listing a text's versions");
		goto out;
	}
	if ((rc = ivp__store_text_history(ctx, kind_of(m), m->area, m->year, x->key, history_cb, t)))
		goto out;
	*out = t;
	t = NULL;
out:
	ivp_table_free(t);
	ivp__rp_model_free(m);
	return rc;
}

/* The live model of the report in one language, marked definitief since date. */
static ivp_rc final_model(ivp_ctx *ctx, const ivp_report_opts *o, const char *lang, const char *date, rp_model **m)
{
	ivp_report_opts oo = *o;
	ivp_rc rc;

	oo.lang = lang;
	oo.date = date;
	if ((rc = live_model(ctx, &oo, m)))
		return rc;
	(*m)->final = 1;
	(*m)->final_date = ivp__rp_strdup(&(*m)->a, (*m)->date);
	return (*m)->a.oom ? ivp__oom(ctx, "freezing the report") : IVP_OK;
}

ivp_rc ivp_report_finalize(ivp_ctx *ctx, const ivp_report_opts *o, const char *user, ivp_report_final *out)
{
	rp_model *nl = NULL, *en = NULL;
	ivp__final_rec f;
	char *snap = NULL, obj[120];
	int exists = 0, i;
	ivp_rc rc;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	if ((rc = final_model(ctx, o, "nl", o->date, &nl)) || (rc = area_ours(ctx, nl)))
		goto out;
	if (!(rc = ivp__store_final_get(ctx, kind_of(nl), nl->area, nl->year, &f))) {
		ivp__fail(ctx, IVP_EINPUT, "the %s report %d of %s is already definitief", kind_of(nl), nl->year, nl->area);
		ivp__code(ctx, "report_already_final");
		ivp__detail(ctx, "It was frozen on %.10s by %s, dated %s; its content stays as it was then.", f.created_at,
			    f.created_by, f.date);
		ivp__hint(ctx, "ivp report renders it from its snapshot; a definitief report is not frozen again.");
		free(f.snapshot);
		rc = IVP_EINPUT;
		goto out;
	}
	if (rc != IVP_ENOTFOUND)
		goto out;
	if (nl->nmissing) {
		char miss[2048];
		size_t used = 0;

		miss[0] = '\0';
		for (i = 0; i < nl->ntexts && used + 1 < sizeof(miss); i++)
			if (nl->texts[i].required && !nl->texts[i].body) {
				int w = snprintf(miss + used, sizeof(miss) - used, "%s%s", used ? ", " : "", nl->texts[i].key);

				if (w > 0)
					used += (size_t)w;
			}
		rc = ivp__fail(ctx, IVP_EINPUT, "the %s report %d of %s is a concept", kind_of(nl), nl->year, nl->area);
		ivp__code(ctx, "report_concept");
		ivp__detail(ctx, nl->nmissing == 1 ? "%d required text has no text yet: %s." : "%d required texts have no text yet: %s.",
			    nl->nmissing, miss);
		ivp__hint(ctx, "Write them first (ivp report text set --key KEY --file FILE), then mark the report definitief.");
		goto out;
	}
	if ((rc = final_model(ctx, o, "en", nl->date, &en)))
		goto out;
	if (!(snap = ivp__rp_snapshot(nl, en))) {
		rc = ivp__oom(ctx, "freezing the report");
		goto out;
	}
	{
		ivp__sha256 *h = ivp__sha256_new();

		if (!h) {
			rc = ivp__oom(ctx, "freezing the report");
			goto out;
		}
		ivp__sha256_update(h, snap, strlen(snap));
		ivp__sha256_final(h, f.sha256);
	}
	snprintf(f.kind, sizeof(f.kind), "%s", kind_of(nl));
	snprintf(f.area, sizeof(f.area), "%s", nl->area);
	f.year = nl->year;
	snprintf(f.date, sizeof(f.date), "%s", nl->date);
	snprintf(f.created_by, sizeof(f.created_by), "%s", user && *user ? user : "unknown");
	f.snapshot = snap;
	if ((rc = ivp__store_begin(ctx)))
		goto out;
	snprintf(obj, sizeof(obj), "report:%s-%s-%d", f.kind, f.area, f.year);
	if ((rc = ivp__store_final_add(ctx, &f, &exists)) ||
	    (!exists && (rc = ivp__audit(ctx, "report.finalize", obj, NULL, snap)))) {
		ivp__store_abort(ctx);
		goto out;
	}
	if (exists) { /* another connection froze it since the check */
		ivp__store_abort(ctx);
		rc = ivp__fail(ctx, IVP_EINPUT, "the %s report %d of %s is already definitief", f.kind, f.year, f.area);
		ivp__code(ctx, "report_already_final");
		goto out;
	}
	if ((rc = ivp__store_commit(ctx)))
		goto out;
	snprintf(out->kind, sizeof(out->kind), "%s", f.kind);
	snprintf(out->area, sizeof(out->area), "%s", f.area);
	out->year = f.year;
	snprintf(out->date, sizeof(out->date), "%s", f.date);
	snprintf(out->sha256, sizeof(out->sha256), "%s", f.sha256);
out:
	free(snap);
	ivp__rp_model_free(nl);
	ivp__rp_model_free(en);
	return rc;
}

/* ---- ivp_reports ---------------------------------------------------------------- */

typedef struct list {
	ivp_table *t;
	int bad;
} list;

typedef struct present {
	const char *const *keys;
	int n, found;
} present;

/* rows: key, …: count the required keys that have a text */
static int present_cb(void *ud, const char *const *c, int n)
{
	present *p = ud;
	int i;

	for (i = 0; n > 0 && c[0] && i < p->n; i++)
		if (!strcmp(c[0], p->keys[i]))
			p->found++;
	return 0;
}

/*
 * One row: the status of the report (kind, year) of area, whose required
 * texts are keys[0..n) (texts.c's rule, from the plan's priorities), read
 * without building the report: ivp_reports stays one plan read and a few
 * small queries.
 */
static ivp_rc report_row(ivp_ctx *ctx, list *l, rp_kind kind, const char *area, int year, const char *const *keys,
			 int n)
{
	ivp__final_rec f;
	present p = { keys, n, 0 };
	ivp_rc rc = ivp__store_final_get(ctx, ivp__rp_kind_name(kind), area, year, &f);

	if (rc == IVP_OK) {
		free(f.snapshot);
		if (ivp__table_row(l->t) < 0 || ivp__table_set_text(l->t, 0, f.kind) || ivp__table_set_text(l->t, 1, f.area) ||
		    ivp__table_set_int(l->t, 2, f.year) || ivp__table_set_text(l->t, 3, "definitief") ||
		    ivp__table_set_int(l->t, 4, 0) || ivp__table_set_text(l->t, 5, f.date))
			l->bad = 1;
		return IVP_OK;
	}
	if (rc != IVP_ENOTFOUND)
		return rc;
	if ((rc = ivp__store_texts_list(ctx, ivp__rp_kind_name(kind), area, year, present_cb, &p)))
		return rc;
	if (ivp__table_row(l->t) < 0 || ivp__table_set_text(l->t, 0, ivp__rp_kind_name(kind)) ||
	    ivp__table_set_text(l->t, 1, area) || ivp__table_set_int(l->t, 2, year) ||
	    ivp__table_set_text(l->t, 3, p.found < n ? "concept" : "compleet") || ivp__table_set_int(l->t, 4, n - p.found))
		l->bad = 1;
	return IVP_OK;
}

ivp_rc ivp_reports(ivp_ctx *ctx, const char *lang, ivp_table **out)
{
	static const char *const proposal[] = { "inleiding", "beoogd-resultaat", "argumenten", "kanttekeningen" };
	static const char *const picture[] = { "inleiding" };
	rp_query q;
	rp_model *p = NULL;
	list l = { NULL, 0 };
	const char *keys[64];
	int y, first = 0, last = 0, nk = 0, i;
	ivp_rc rc;

	*out = NULL;
	ivp__error_clear(&ctx->err);
	l.t = ivp__table_new();
	if (!l.t || ivp__table_col(l.t, "kind", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(l.t, "area", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(l.t, "year", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(l.t, "status", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(l.t, "missing", IVP__COL_BRIEF, 0) < 0 || ivp__table_col(l.t, "final_date", IVP__COL_BRIEF, 0) < 0) {
		ivp_table_free(l.t);
		return ivp__oom(ctx, "listing the reports");
	}
	memset(&q, 0, sizeof(q));
	q.kind = RP_RAADSVOORSTEL;
	q.lang = lang;
	rc = ivp__rp_model(ctx, &q, &p); /* the plan: its area, years, adoption and priorities */
	if (rc == IVP_ENOTFOUND || rc == IVP_EINPUT) {
		ivp__error_clear(&ctx->err);
		*out = l.t;
		return IVP_OK;
	}
	if (!rc)
		rc = ivp__rp_data_years(ctx, p->area, &first, &last);
	keys[nk++] = "inleiding";
	for (i = 0; !rc && i < p->npriorities && nk < 64; i++)
		if (!(keys[nk++] = ivp__rp_printf(&p->a, "prioriteit:%s", p->priorities[i].id)))
			rc = ivp__oom(ctx, "listing the reports");
	/* the safety picture of the years around the plan with data; the progress
	 * reports of the plan's years with data; the proposal of the adoption year */
	for (y = p ? p->plan_from - 1 : 0; !rc && first && y <= p->plan_to && y <= last; y++)
		if (y >= first)
			rc = report_row(ctx, &l, RP_VEILIGHEIDSBEELD, p->area, y, picture, 1);
	for (y = p ? p->plan_from : 0; !rc && first && y <= p->plan_to && y <= last; y++)
		if (y >= first)
			rc = report_row(ctx, &l, RP_VOORTGANG, p->area, y, keys, nk);
	if (!rc)
		rc = report_row(ctx, &l, RP_RAADSVOORSTEL, p->area, p->year, proposal, 4);
	ivp__rp_model_free(p);
	if (!rc && l.bad)
		rc = ivp__oom(ctx, "listing the reports");
	if (rc) {
		ivp_table_free(l.t);
		return rc;
	}
	*out = l.t;
	return IVP_OK;
}
