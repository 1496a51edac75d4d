/*
 * participation.c — the participation trajectory as data (issue 14): the
 * readers of its four CSV files, run by the import job (ingest/job.c: one
 * transaction, one recorded import, file:line:field errors, nothing
 * half-written, the same file again "unchanged"), and the tables the CLI,
 * the API and the pages show (`ivp participation …`).
 *
 *   trajectory  trajectory,plan,title,aims,illustration
 *   activities  trajectory,activity,kind,date,place,wijk,organisations,participants,report,illustration
 *   inputs      activity,ref,statement,themes,wijk,route,target,reason
 *   matrix      kind,theme,criterion,value,text,text2
 *
 * An input's themes are keys of the Kernbeleid Veiligheid list (migration
 * 10) or the municipality's own (matrix rows of kind `theme`), separated
 * by '|'. Its route says what was done with it: priority / goal / measure
 * (taken into the plan item `target`), passed (to the policy or partner
 * `target`), not_taken (why: `reason`), or empty: not yet decided, which
 * the pages say. Names of residents are never asked for: an activity has a
 * number of participants, an input a statement.
 *
 * The matrix file holds the weights of the criteria (stats/matrix.h), the
 * scores entered with a reason for criteria without data (size, trend,
 * seriousness, evaluation), the regional plan's themes, the choices (1
 * chosen, 0 not, with the reasoning and where a theme not chosen goes)
 * and own themes. Residents', partners' and regional scores always come
 * from the data (the inputs, the regional rows) and cannot be entered.
 *
 * The public tables (activities, themes, routes) pass every count through
 * stats/suppress.h: a count of 1 to 4 is "< 5", and secondary suppression
 * keeps the totals from giving one back; their count cells are NULL then.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ingest/ingest.h"
#include "stats/matrix.h"
#include "stats/suppress.h"
#include "store/particip_store.h"

#define L(lang, fmt) ivp_msg_tr((lang), (fmt))
#define PT_MAX_THEMES 16 /* themes of one input */
#define PT_MAX 512	 /* themes, wijken of one table */

static const char *const activity_kinds[] = { "interview", "wijkgesprek", "themasessie",
					      "conferentie", "enquete", "online", NULL };
static const char *const routes[] = { "priority", "goal", "measure", "passed", "not_taken", NULL };

static int in_list(const char *const *l, const char *s)
{
	int i;

	for (i = 0; l[i]; i++)
		if (!strcmp(l[i], s))
			return 1;
	return 0;
}

/* ---- reading the files ---------------------------------------------------------- */

typedef struct pt_cols {
	const char *const *names; /* NULL-terminated */
	int nreq;		  /* the first nreq are required */
	int col[20];
} pt_cols;

typedef struct pt_row {
	ivp__job *j;
	ivp__csv *c;
	const pt_cols *k;
	long line;
} pt_row;

static const char *fv(const pt_row *r, int i)
{
	int col = r->k->col[i];

	return col >= 0 && (size_t)col < ivp__csv_nfields(r->c) ? ivp__csv_field_at(r->c, (size_t)col)->p : "";
}

/* The location, code and column of an input error at the row's field i,
 * whose message and hint ivp__fail / ivp__hint wrote (translated, from
 * their literal formats: BAD below); returns IVP_EINPUT. */
static ivp_rc bad_at(const pt_row *r, int i, const char *code)
{
	int col = r->k->col[i];

	ivp__where(r->j->ctx, ivp__job_name(r->j), r->line, r->k->names[i]);
	ivp__code(r->j->ctx, code);
	if (col >= 0 && (size_t)col < ivp__csv_nfields(r->c))
		ivp__column(r->j->ctx, ivp__csv_column(r->c, ivp__csv_field_at(r->c, (size_t)col)));
	return IVP_EINPUT;
}

/* An input error at the row's field i: message fmt (one %s: v), hint. */
#define BAD(r, i, code, hint, fmt, v) \
	(ivp__fail((r)->j->ctx, IVP_EINPUT, fmt, v), ivp__hint((r)->j->ctx, hint), bad_at((r), (i), (code)))

static ivp_rc header(ivp__job *j, ivp__csv *c, pt_cols *k)
{
	int i, r;
	size_t f;

	for (i = 0; k->names[i]; i++)
		k->col[i] = -1;
	if ((r = ivp__csv_next(c)) < 0)
		return ivp__job_csv_fail(j, c);
	if (r == 0) {
		ivp__job_fail(j, 1, NULL, "the file is empty");
		ivp__code(j->ctx, "empty_file");
		ivp__hint(j->ctx, "The first line names the columns; see docs/participation.md.");
		return IVP_EINPUT;
	}
	for (f = 0; f < ivp__csv_nfields(c); f++)
		for (i = 0; k->names[i]; i++)
			if (ivp__field_eq(ivp__csv_field_at(c, f), k->names[i]))
				k->col[i] = (int)f;
	for (i = 0; i < k->nreq; i++)
		if (k->col[i] < 0) {
			ivp__job_fail(j, 1, k->names[i], "missing column \"%s\"", k->names[i]);
			ivp__code(j->ctx, "missing_column");
			ivp__hint(j->ctx, "Add the column to the first line; see docs/participation.md.");
			return IVP_EINPUT;
		}
	return IVP_OK;
}

static int flag_of(const char *s, int *out)
{
	if (!*s || !strcmp(s, "0") || !strcmp(s, "nee") || !strcmp(s, "no") || !strcmp(s, "false"))
		*out = 0;
	else if (!strcmp(s, "1") || !strcmp(s, "ja") || !strcmp(s, "yes") || !strcmp(s, "true"))
		*out = 1;
	else
		return -1;
	return 0;
}

static ivp_rc need(const pt_row *r, int i)
{
	if (fv(r, i)[0])
		return IVP_OK;
	return BAD(r, i, "missing_field", "Fill in every required field; see docs/participation.md.", "empty %s",
		   r->k->names[i]);
}

static ivp_rc flag(const pt_row *r, int i, int *out)
{
	if (!flag_of(fv(r, i), out))
		return IVP_OK;
	return BAD(r, i, "bad_flag", "Write ja or nee (or leave it empty: nee).", "\"%.40s\" is not ja or nee",
		   fv(r, i));
}

/* A wijk code (WK…) the code lists know, into out; "" stays NULL. */
static ivp_rc wijk(const pt_row *r, int i, char out[16], const char **p)
{
	const char *v = fv(r, i);
	char name[256], level[4], parent[16];
	ivp_rc rc;

	*p = NULL;
	if (!v[0])
		return IVP_OK;
	if (ivp__area_canon(v, strlen(v), out) || strncmp(out, "WK", 2))
		return BAD(r, i, "bad_wijk", "Use the CBS code of a wijk, such as WK192601 (ivp areas --under GM1926).",
			   "\"%.40s\" is not a wijk code", v);
	rc = ivp__store_area_get(r->j->ctx, out, name, level, parent);
	if (rc == IVP_ENOTFOUND)
		return BAD(r, i, "unknown_wijk", "Import the wijk and buurt code list first (ivp import codes), or correct the code.",
			   "unknown wijk %s", out);
	if (rc)
		return ivp__job_store(r->j, rc);
	*p = out;
	return IVP_OK;
}

static ivp_rc dup_fail(const pt_row *r, int i, const char *what)
{
	return BAD(r, i, "duplicate_key", "Keep one line per key.", "%s is given twice in this file", what);
}

static ivp_rc job_csv(ivp__job *j, ivp__csv **c, FILE **f)
{
	*f = fopen(j->path, "rb");
	if (!*f) {
		ivp__fail(j->ctx, IVP_EIO, "cannot open \"%s\"", ivp__job_name(j));
		return IVP_EIO;
	}
	*c = ivp__csv_open_file(*f, 0, 1u << 20);
	if (!*c) {
		(void)fclose(*f); /* read only */
		return ivp__oom(j->ctx, "The CSV reader for \"%s\" could not be set up.", ivp__job_name(j));
	}
	return IVP_OK;
}

enum {
	T_ID,
	T_TITLE,
	T_PLAN,
	T_AIMS,
	T_ILL
};
static const char *const t_names[] = { "trajectory", "title", "plan", "aims", "illustration", NULL };

static ivp_rc row_trajectory(const pt_row *r)
{
	ivp__pt_trajectory t;
	int dup;
	ivp_rc rc;

	memset(&t, 0, sizeof(t));
	if ((rc = need(r, T_ID)) || (rc = need(r, T_TITLE)) || (rc = flag(r, T_ILL, &t.illustration)))
		return rc;
	t.id = fv(r, T_ID);
	t.plan_id = fv(r, T_PLAN);
	t.title = fv(r, T_TITLE);
	t.aims = fv(r, T_AIMS);
	t.import_id = r->j->import_id;
	if ((rc = ivp__store_pt_trajectory_put(r->j->ctx, &t, &dup)))
		return ivp__job_store(r->j, rc);
	return dup ? dup_fail(r, T_ID, t.id) : IVP_OK;
}

enum {
	A_TRAJ,
	A_ID,
	A_KIND,
	A_DATE,
	A_PLACE,
	A_WIJK,
	A_ORGS,
	A_PART,
	A_REPORT,
	A_ILL
};
static const char *const a_names[] = { "trajectory", "activity", "kind", "date",
				       "place", "wijk", "organisations", "participants",
				       "report", "illustration", NULL };

/* The digits of s[at .. at+n) as a number, or -1 when one is not a digit. */
static int digits(const char *s, int at, int n)
{
	int v = 0, i;

	for (i = at; i < at + n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* 1 when s is a real date written YYYY-MM-DD (1990-2199). */
static int date_ok(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
	if (y < 1990 || y > 2199 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

static ivp_rc row_activity(const pt_row *r)
{
	ivp__pt_activity a;
	char wk[16];
	const char *part = fv(r, A_PART);
	int dup;
	size_t i;
	ivp_rc rc;

	memset(&a, 0, sizeof(a));
	if ((rc = need(r, A_TRAJ)) || (rc = need(r, A_ID)) || (rc = need(r, A_KIND)) || (rc = need(r, A_DATE)))
		return rc;
	if (!in_list(activity_kinds, fv(r, A_KIND)))
		return BAD(r, A_KIND, "bad_activity_kind",
			   "Use interview, wijkgesprek, themasessie, conferentie, enquete or online.",
			   "unknown kind of activity \"%.40s\"", fv(r, A_KIND));
	if (!date_ok(fv(r, A_DATE)))
		return BAD(r, A_DATE, "bad_date", "Write the date as 2022-09-27.", "invalid date \"%.40s\"", fv(r, A_DATE));
	if ((rc = wijk(r, A_WIJK, wk, &a.wijk)) || (rc = flag(r, A_ILL, &a.illustration)))
		return rc;
	a.participants = -1;
	if (part[0]) {
		for (i = 0; part[i]; i++)
			if (!isdigit((unsigned char)part[i]) || i > 6)
				return BAD(r, A_PART, "bad_participants",
					   "Write the number of participants as a whole number, such as 14, or leave it empty when it is not known.",
					   "the number of participants \"%.40s\" is not a number", part);
		a.participants = strtoll(part, NULL, 10);
	}
	a.trajectory = fv(r, A_TRAJ);
	a.id = fv(r, A_ID);
	a.kind = fv(r, A_KIND);
	a.date = fv(r, A_DATE);
	a.place = fv(r, A_PLACE);
	a.organisations = fv(r, A_ORGS);
	a.report = fv(r, A_REPORT);
	a.import_id = r->j->import_id;
	rc = ivp__store_pt_activity_put(r->j->ctx, &a, &dup);
	if (rc == IVP_ENOTFOUND)
		return BAD(r, A_TRAJ, "unknown_trajectory",
			   "Import the trajectory first (ivp participation import trajectory FILE), or correct the name.",
			   "unknown trajectory \"%.60s\"", a.trajectory);
	if (rc)
		return ivp__job_store(r->j, rc);
	return dup ? dup_fail(r, A_ID, a.id) : IVP_OK;
}

enum {
	I_ACT,
	I_REF,
	I_STMT,
	I_THEMES,
	I_WIJK,
	I_ROUTE,
	I_TARGET,
	I_REASON
};
static const char *const i_names[] = { "activity", "ref", "statement", "themes", "wijk",
				       "route", "target", "reason", NULL };

/* The known themes, read once per import (the inputs file). */
typedef struct pt_themes {
	ivp__map m;
	int failed;
} pt_themes;

static int theme_cb(void *ud, const char *const *c, int n)
{
	pt_themes *t = ud;
	int64_t *slot;
	int existed;

	if (n < 1 || !c[0])
		return 0;
	if (ivp__map_put(&t->m, c[0], 1, &slot, &existed)) {
		t->failed = 1;
		return -1;
	}
	return 0;
}

static ivp_rc row_input(const pt_row *r, pt_themes *known)
{
	ivp__pt_input in;
	char buf[1024], wk[16], *p, *save = NULL;
	const char *th[PT_MAX_THEMES];
	const char *route = fv(r, I_ROUTE);
	int n = 0, dup;
	ivp_rc rc;

	memset(&in, 0, sizeof(in));
	if ((rc = need(r, I_ACT)) || (rc = need(r, I_REF)) || (rc = need(r, I_STMT)) || (rc = need(r, I_THEMES)))
		return rc;
	snprintf(buf, sizeof(buf), "%s", fv(r, I_THEMES));
	for (p = strtok_r(buf, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
		while (*p == ' ')
			p++;
		for (size_t e = strlen(p); e > 0 && p[e - 1] == ' '; e--)
			p[e - 1] = '\0';
		if (!*p)
			continue;
		if (!ivp__map_get(&known->m, p))
			return BAD(r, I_THEMES, "unknown_theme",
				   "Use the keys of ivp participation themelist (the Kernbeleid Veiligheid themes and your own, from the matrix file), separated by |.",
				   "unknown theme \"%.60s\"", p);
		if (n == PT_MAX_THEMES)
			return BAD(r, I_THEMES, "too_many_themes", "Tag an input with at most 16 themes.",
				   "too many themes%s", "");
		th[n++] = p;
	}
	if (!n)
		return BAD(r, I_THEMES, "missing_field", "Tag every input with at least one theme.", "empty %s", "themes");
	if ((rc = wijk(r, I_WIJK, wk, &in.wijk)))
		return rc;
	if (route[0] && !in_list(routes, route))
		return BAD(r, I_ROUTE, "bad_route",
			   "Use priority, goal or measure (taken into the plan item named in target), passed (to the policy or partner in target), not_taken (with the reason), or leave it empty while undecided.",
			   "unknown route \"%.40s\"", route);
	if (route[0] && strcmp(route, "not_taken") && !fv(r, I_TARGET)[0])
		return BAD(r, I_TARGET, "missing_field",
			   "Name the priority, goal or measure the input went into, or the policy or partner it was passed to.",
			   "the route \"%s\" needs a target", route);
	if (!strcmp(route, "not_taken") && !fv(r, I_REASON)[0])
		return BAD(r, I_REASON, "missing_field", "Say why the input was not taken up.",
			   "an input not taken up needs a reason%s", "");
	in.activity = fv(r, I_ACT);
	in.ref = fv(r, I_REF);
	in.statement = fv(r, I_STMT);
	in.route = route;
	in.target = fv(r, I_TARGET);
	in.reason = fv(r, I_REASON);
	in.import_id = r->j->import_id;
	rc = ivp__store_pt_input_put(r->j->ctx, &in, th, n, &dup);
	if (rc == IVP_ENOTFOUND)
		return BAD(r, I_ACT, "unknown_activity",
			   "Import the activities first (ivp participation import activities FILE), or correct the name.",
			   "unknown activity \"%.60s\"", in.activity);
	if (rc)
		return ivp__job_store(r->j, rc);
	return dup ? dup_fail(r, I_REF, in.ref) : IVP_OK;
}

enum {
	X_KIND,
	X_THEME,
	X_CRIT,
	X_VALUE,
	X_TEXT,
	X_TEXT2
};
static const char *const x_names[] = { "kind", "theme", "criterion", "value", "text", "text2", NULL };

static int num_of(const char *s, double *out)
{
	char *end;

	if (!*s)
		return -1;
	*out = strtod(s, &end);
	return *end || !isfinite(*out) ? -1 : 0;
}

static ivp_rc theme_key_ok(const pt_row *r)
{
	const char *s = fv(r, X_THEME);
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '-'))
			break;
	if (n && n <= 48 && i == n && islower((unsigned char)s[0]))
		return IVP_OK;
	return BAD(r, X_THEME, "bad_theme_key", "A theme key is 1 to 48 lower-case letters, digits or '-', beginning with a letter.",
		   "\"%.60s\" cannot be a theme key", s);
}

static ivp_rc row_matrix(const pt_row *r)
{
	ivp__pt_entry e;
	const char *kind = fv(r, X_KIND);
	int dup, crit = -1;
	ivp_rc rc;

	memset(&e, 0, sizeof(e));
	if ((rc = need(r, X_KIND)))
		return rc;
	e.kind = kind;
	e.theme = fv(r, X_THEME);
	e.criterion = "";
	e.text = fv(r, X_TEXT);
	e.text2 = fv(r, X_TEXT2);
	e.import_id = r->j->import_id;
	if (!strcmp(kind, "theme")) {
		ivp__pt_theme t = { e.theme, e.text, 0, e.import_id };
		double f = 0;

		if ((rc = theme_key_ok(r)) || (rc = need(r, X_TEXT)))
			return rc;
		if (fv(r, X_VALUE)[0] && (num_of(fv(r, X_VALUE), &f) || f != floor(f) || f < 0 || f > 5))
			return BAD(r, X_VALUE, "bad_field", "The value of a theme is its safety field, 1 to 5 (0: cross-cutting).",
				   "invalid safety field \"%.20s\"", fv(r, X_VALUE));
		t.field = (int)f;
		if ((rc = ivp__store_pt_theme_put(r->j->ctx, &t, &dup)))
			return ivp__job_store(r->j, rc);
		return dup ? dup_fail(r, X_THEME, t.key) : IVP_OK;
	}
	if (strcmp(kind, "weight") && strcmp(kind, "score") && strcmp(kind, "regional") && strcmp(kind, "choice") &&
	    strcmp(kind, "crime") && strcmp(kind, "area"))
		return BAD(r, X_KIND, "bad_matrix_kind", "Use theme, weight, score, regional, choice, crime or area.",
			   "unknown kind \"%.40s\"", kind);
	if (!strcmp(kind, "crime") || !strcmp(kind, "area")) {
		/* crime: the theme's registered crime (an indicator key or a
		 * SoortMisdrijf code) for its size and trend; area: the area
		 * they are computed for (default: the plan's municipality) */
		if ((!strcmp(kind, "crime") && (rc = need(r, X_THEME))) || (rc = need(r, X_TEXT)))
			return rc;
		if (!strcmp(kind, "area"))
			e.theme = "";
	} else {
		if (!strcmp(kind, "weight") || !strcmp(kind, "score")) {
			if ((rc = need(r, X_CRIT)))
				return rc;
			crit = ivp__mx_crit_of(fv(r, X_CRIT));
			if (crit < 0)
				return BAD(r, X_CRIT, "bad_criterion",
					   "Use size, trend, seriousness, residents, partners, regional or evaluation.",
					   "unknown criterion \"%.40s\"", fv(r, X_CRIT));
			e.criterion = fv(r, X_CRIT);
		}
		if (strcmp(kind, "weight") && (rc = need(r, X_THEME)))
			return rc;
		if (!strcmp(kind, "weight"))
			e.theme = "";
		if (strcmp(kind, "regional") && (num_of(fv(r, X_VALUE), &e.value) || e.value < 0))
			return BAD(r, X_VALUE, "bad_value", "Write a number with a decimal point, such as 2 or 3.5.",
				   "invalid value \"%.40s\"", fv(r, X_VALUE));
		if (!strcmp(kind, "score")) {
			if (crit == IVP__MX_RESIDENTS || crit == IVP__MX_PARTNERS || crit == IVP__MX_REGIONAL)
				return BAD(r, X_CRIT, "score_from_data",
					   "The concern of residents and partners comes from the inputs, the regional score from the regional rows; enter scores only for size, trend, seriousness and evaluation.",
					   "the criterion \"%s\" is scored from the data", e.criterion);
			if (e.value > 5)
				return BAD(r, X_VALUE, "bad_value", "A score is from 0 to 5.", "invalid score \"%.40s\"", fv(r, X_VALUE));
			if (!e.text[0])
				return BAD(r, X_TEXT, "missing_reason", "An entered score says why, in text: the data it rests on or the judgement.",
					   "a score entered by hand needs its reason%s", "");
		}
		if (!strcmp(kind, "choice") && ((e.value != 0 && e.value != 1) || !e.text[0] || (e.value == 0 && !e.text2[0])))
			return BAD(r, X_VALUE, "bad_choice",
				   "A choice is 1 (chosen) or 0 (not chosen) with the reasoning in text; a theme not chosen says in text2 where it goes instead (routine work, another plan).",
				   "incomplete choice for \"%.60s\"", e.theme);
		if (!strcmp(kind, "regional")) {
			e.value = 1;
			if ((rc = need(r, X_TEXT)))
				return rc;
		}
	}
	rc = ivp__store_pt_entry_put(r->j->ctx, &e, &dup);
	if (rc == IVP_ENOTFOUND)
		return BAD(r, X_THEME, "unknown_theme", "Use a key of ivp participation themelist, or add the theme with a row of kind theme first.",
			   "unknown theme \"%.60s\"", e.theme);
	if (rc)
		return ivp__job_store(r->j, rc);
	return dup ? dup_fail(r, X_KIND, e.theme[0] ? e.theme : e.criterion) : IVP_OK;
}

enum {
	E_PLAN,
	E_KIND,
	E_ID,
	E_PRIO,
	E_THEME,
	E_TITLE,
	E_DIR,
	E_UNIT,
	E_BASE,
	E_TARGET,
	E_RESULT,
	E_MARGIN,
	E_BUDGET,
	E_SPENT,
	E_DONE,
	E_TEXT,
	E_ILL
};
static const char *const e_names[] = { "plan", "kind", "id", "priority", "theme", "title",
				       "direction", "unit", "baseline", "target", "result", "margin",
				       "budget", "spent", "done", "text", "illustration", NULL };

/* An optional number at field i into *out (NaN when empty). */
static ivp_rc opt_num(const pt_row *r, int i, double *out)
{
	*out = NAN;
	if (!fv(r, i)[0])
		return IVP_OK;
	if (!num_of(fv(r, i), out))
		return IVP_OK;
	return BAD(r, i, "bad_value", "Write a number with a decimal point, such as 2 or 3.5.",
		   "invalid value \"%.40s\"", fv(r, i));
}

static ivp_rc row_eval(const pt_row *r)
{
	ivp__pt_eval e;
	const char *kind = fv(r, E_KIND);
	int dup, done = 0;
	ivp_rc rc;

	memset(&e, 0, sizeof(e));
	if ((rc = need(r, E_PLAN)) || (rc = need(r, E_KIND)) || (rc = need(r, E_ID)) || (rc = flag(r, E_ILL, &e.illustration)))
		return rc;
	if (strcmp(kind, "goal") && strcmp(kind, "measure") && strcmp(kind, "conclusion"))
		return BAD(r, E_KIND, "bad_eval_kind", "Use goal, measure or conclusion.", "unknown kind \"%.40s\"", kind);
	e.plan = fv(r, E_PLAN), e.kind = kind, e.id = fv(r, E_ID), e.priority = fv(r, E_PRIO);
	e.theme = fv(r, E_THEME)[0] ? fv(r, E_THEME) : NULL;
	e.title = fv(r, E_TITLE), e.direction = fv(r, E_DIR), e.unit = fv(r, E_UNIT), e.text = fv(r, E_TEXT);
	e.done = -1;
	if ((rc = opt_num(r, E_BASE, &e.baseline)) || (rc = opt_num(r, E_TARGET, &e.target)) ||
	    (rc = opt_num(r, E_RESULT, &e.result)) || (rc = opt_num(r, E_MARGIN, &e.margin)) ||
	    (rc = opt_num(r, E_BUDGET, &e.budget)) || (rc = opt_num(r, E_SPENT, &e.spent)))
		return rc;
	if (!strcmp(kind, "goal")) {
		if ((rc = need(r, E_TITLE)) || (rc = need(r, E_TARGET)))
			return rc;
		if (strcmp(e.direction, "lower") && strcmp(e.direction, "higher"))
			return BAD(r, E_DIR, "bad_direction", "Write lower or higher: which way the goal's indicator should go.",
				   "invalid direction \"%.40s\"", e.direction);
		if (!isnan(e.margin) && e.margin < 0)
			return BAD(r, E_MARGIN, "bad_margin", "The margin is the half-width of the 95%% interval, 0 or more.",
				   "invalid margin \"%.40s\"", fv(r, E_MARGIN));
	} else if (!strcmp(kind, "measure")) {
		if ((rc = need(r, E_TITLE)))
			return rc;
		if (fv(r, E_DONE)[0]) {
			if ((rc = flag(r, E_DONE, &done)))
				return rc;
			e.done = done;
		}
	} else if ((rc = need(r, E_TEXT))) {
		return rc;
	}
	e.import_id = r->j->import_id;
	rc = ivp__store_pt_eval_put(r->j->ctx, &e, &dup);
	if (rc == IVP_ENOTFOUND)
		return BAD(r, E_THEME, "unknown_theme", "Use a key of ivp participation themelist, or add the theme with a row of kind theme first.",
			   "unknown theme \"%.60s\"", e.theme);
	if (rc)
		return ivp__job_store(r->j, rc);
	return dup ? BAD(r, E_ID, "duplicate_key", "Keep one line per key.", "%s is given twice in this file", e.id) : IVP_OK;
}

typedef struct pt_spec {
	ivp_pt_file kind;
} pt_spec;

static ivp_rc read_pt(ivp__job *j, void *ud)
{
	const pt_spec *sp = ud;
	pt_cols k;
	pt_themes known;
	pt_row r;
	ivp__csv *c = NULL;
	FILE *f = NULL;
	ivp_rc rc;
	int n;

	memset(&k, 0, sizeof(k));
	ivp__map_init(&known.m);
	known.failed = 0;
	switch (sp->kind) {
	case IVP_PT_TRAJECTORY:
		k.names = t_names, k.nreq = 2;
		break;
	case IVP_PT_ACTIVITIES:
		k.names = a_names, k.nreq = 4;
		break;
	case IVP_PT_INPUTS:
		k.names = i_names, k.nreq = 4;
		break;
	case IVP_PT_EVALUATION:
		k.names = e_names, k.nreq = 3;
		break;
	default:
		k.names = x_names, k.nreq = 4;
		break;
	}
	if ((rc = job_csv(j, &c, &f)))
		return rc;
	if ((rc = header(j, c, &k)))
		goto out;
	if (sp->kind == IVP_PT_INPUTS) {
		rc = ivp__store_pt_themes_list(j->ctx, theme_cb, &known);
		if (known.failed) {
			ivp__error_clear(&j->ctx->err);
			rc = ivp__fail(j->ctx, IVP_ENOMEM, "out of memory");
		}
		if (rc)
			goto out;
	}
	r.j = j, r.c = c, r.k = &k;
	while ((n = ivp__csv_next(c)) > 0) {
		if (ivp__csv_blank(c))
			continue;
		r.line = ivp__csv_line(c);
		switch (sp->kind) {
		case IVP_PT_TRAJECTORY:
			rc = row_trajectory(&r);
			break;
		case IVP_PT_ACTIVITIES:
			rc = row_activity(&r);
			break;
		case IVP_PT_INPUTS:
			rc = row_input(&r, &known);
			break;
		case IVP_PT_EVALUATION:
			rc = row_eval(&r);
			break;
		default:
			rc = row_matrix(&r);
			break;
		}
		if (rc)
			goto out;
		j->res->rows++;
		ivp__job_progress(j, ivp__csv_offset(c));
	}
	if (n < 0)
		rc = ivp__job_csv_fail(j, c);
out:
	ivp__csv_close(c);
	(void)fclose(f); /* read only */
	ivp__map_free(&known.m);
	return rc;
}

ivp_rc ivp_import_participation(ivp_ctx *ctx, ivp_pt_file kind, const char *path,
				const ivp_import_opts *opts, ivp_import_result *out)
{
	static const char *const kinds[] = { "participation-trajectory", "participation-activities",
					     "participation-inputs", "participation-matrix",
					     "participation-evaluation" };
	ivp__job_spec spec;
	pt_spec sp = { kind };

	if ((int)kind < 0 || (int)kind > IVP_PT_EVALUATION)
		return ivp__fail(ctx, IVP_EINPUT, "unknown kind of participation file");
	memset(&spec, 0, sizeof(spec));
	spec.kind = kinds[kind];
	spec.layout = "participation-csv";
	spec.paths = &path;
	spec.npaths = 1;
	spec.read = read_pt;
	spec.ud = &sp;
	return ivp__job_run(ctx, &spec, opts, out);
}
