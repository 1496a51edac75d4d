/*
 * plan_edit.c — the plan edited on the web by editors: /plan/bewerken
 * lists the items (priorities, ambitions, goals, measures, budget years)
 * with a link to the form of each and to a new one; the form of one item
 * (GET /plan/bewerken?object=goal&id=G1, or &parent=A1 for a new one)
 * and its POST, which calls ivp_plan_edit_apply (every save a new plan
 * version with the signed-in user as author). /plan/versies shows every
 * version and what changed in one (ivp_plan_changes, "wat is er
 * gewijzigd"), and lets an editor make an earlier version current again
 * (POST /plan/terugzetten, ivp_plan_revert).
 *
 * A form carries the version it was made from (field "base"); a save
 * against a newer version is refused (409) with the form shown again,
 * everything typed kept. A save with wrong fields (400) shows the form
 * again with an error summary on top and each message beside its field
 * (aria-invalid, aria-describedby), the input kept. After a save the
 * browser goes to the version's page, which shows the change.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "ivp/plan_edit.h"
#include "web/web.h"

typedef enum ftype {
	F_TEXT,
	F_NUM,
	F_DATE,
	F_YEAR,
	F_BOOL,
	F_ENUM,
	F_OWNER,
	F_PRIORITY
} ftype;

typedef struct efield {
	const char *name; /* the edit's field name (ivp_plan_edit) = the form's */
	web_msg label;
	ftype type;
	const char *values; /* F_ENUM: "effect,output" */
	web_msg help;	    /* 0: none */
	int required;
} efield;

#define NOHELP ((web_msg)0)

static const efield f_priority[] = {
	{ "id", W_PE_ID, F_TEXT, NULL, W_PE_ID_HELP, 1 },
	{ "title", W_PE_ITEM_TITLE, F_TEXT, NULL, NOHELP, 1 },
	{ "fields", W_PE_FIELDS, F_TEXT, NULL, W_PE_FIELDS_HELP, 0 },
	{ "cross_cutting", W_PE_CROSS, F_BOOL, NULL, NOHELP, 0 },
	{ NULL, 0, 0, NULL, 0, 0 }
};
static const efield f_ambition[] = {
	{ "id", W_PE_ID, F_TEXT, NULL, W_PE_ID_HELP, 1 },
	{ "title", W_PE_ITEM_TITLE, F_TEXT, NULL, NOHELP, 1 },
	{ NULL, 0, 0, NULL, 0, 0 }
};
static const efield f_goal[] = {
	{ "id", W_PE_ID, F_TEXT, NULL, W_PE_ID_HELP, 1 },
	{ "title", W_PE_ITEM_TITLE, F_TEXT, NULL, NOHELP, 1 },
	{ "kind", W_PE_KIND, F_ENUM, "effect,output", NOHELP, 1 },
	{ "indicator", W_PE_INDICATOR, F_TEXT, NULL, W_PE_INDICATOR_HELP, 1 },
	{ "unit", W_PE_UNIT, F_TEXT, NULL, W_PE_UNIT_HELP, 0 },
	{ "direction", W_PE_DIRECTION, F_ENUM, "lower,higher", NOHELP, 1 },
	{ "baseline.value", W_PE_BASE_VALUE, F_NUM, NULL, W_PE_NUM_HELP, 1 },
	{ "baseline.year", W_PE_BASE_YEAR, F_YEAR, NULL, NOHELP, 1 },
	{ "baseline.margin", W_PE_BASE_MARGIN, F_NUM, NULL, W_PE_MARGIN_HELP, 0 },
	{ "target.value", W_PE_TARGET_VALUE, F_NUM, NULL, W_PE_NUM_HELP, 1 },
	{ "target.year", W_PE_TARGET_YEAR, F_YEAR, NULL, NOHELP, 1 },
	{ "target.margin", W_PE_TARGET_MARGIN, F_NUM, NULL, W_PE_MARGIN_HELP, 0 },
	{ "illustration", W_PE_ILLUSTRATION, F_BOOL, NULL, W_PE_ILLUSTRATION_HELP, 0 },
	{ "note", W_PE_NOTE, F_TEXT, NULL, NOHELP, 0 },
	{ NULL, 0, 0, NULL, 0, 0 }
};
static const efield f_measure[] = {
	{ "id", W_PE_ID, F_TEXT, NULL, W_PE_ID_HELP, 1 },
	{ "title", W_PE_ITEM_TITLE, F_TEXT, NULL, NOHELP, 1 },
	{ "priority", W_PE_PRIORITY, F_PRIORITY, NULL, NOHELP, 1 },
	{ "goals", W_PE_GOALS, F_TEXT, NULL, W_PE_LIST_HELP, 0 },
	{ "owner", W_PE_OWNER, F_OWNER, NULL, NOHELP, 1 },
	{ "partners", W_PE_PARTNERS, F_TEXT, NULL, W_PE_PARTNERS_HELP, 0 },
	{ "start", W_PE_START, F_DATE, NULL, W_PE_DATE_HELP, 0 },
	{ "end", W_PE_END, F_DATE, NULL, W_PE_DATE_HELP, 0 },
	{ "status", W_STATUS, F_ENUM, "planned,running,done,stopped", NOHELP, 1 },
	{ "budget", W_PE_MEASURE_BUDGET, F_TEXT, NULL, W_PE_YEARMAP_HELP, 0 },
	{ "illustration", W_PE_ILLUSTRATION, F_BOOL, NULL, W_PE_ILLUSTRATION_HELP, 0 },
	{ NULL, 0, 0, NULL, 0, 0 }
};
static const efield f_budget[] = {
	{ "year", W_PE_YEAR, F_YEAR, NULL, NOHELP, 1 },
	{ "amount", W_PE_AMOUNT, F_TEXT, NULL, W_PE_AMOUNT_HELP, 1 },
	{ "source", W_PE_SOURCE, F_TEXT, NULL, W_PE_SOURCE_HELP, 1 },
	{ "document", W_PE_DOCUMENT, F_TEXT, NULL, W_PE_DOCUMENT_HELP, 1 },
	{ "structural", W_PE_STRUCTURAL, F_BOOL, NULL, NOHELP, 0 },
	{ NULL, 0, 0, NULL, 0, 0 }
};

static const struct {
	const char *object;
	const efield *fields;
	web_msg name;
} objects[] = {
	{ "priority", f_priority, W_PE_PRIORITY },
	{ "ambition", f_ambition, W_AMBITION },
	{ "goal", f_goal, W_GOAL },
	{ "measure", f_measure, W_MEASURE },
	{ "budget", f_budget, W_PE_BUDGET_YEAR },
};

#define NOBJ (sizeof(objects) / sizeof(objects[0]))

static int object_index(const char *o)
{
	size_t i;

	for (i = 0; o && i < NOBJ; i++)
		if (!strcmp(objects[i].object, o))
			return (int)i;
	return -1;
}

/* The label of an edit field name (the diff's field names too); NULL when unknown. */
static const char *field_label(const char *lang, const char *object, const char *name)
{
	int k = object_index(object);
	size_t i;

	if (!name)
		return NULL;
	if (!strcmp(name, "parent"))
		return web_t(lang, W_PE_PARENT);
	for (i = 0; k >= 0 && objects[k].fields[i].name; i++)
		if (!strcmp(objects[k].fields[i].name, name))
			return web_t(lang, objects[k].fields[i].label);
	return NULL;
}

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* A JSON value as form text in lang: numbers with a decimal comma in Dutch,
 * lists comma-separated, a year map as "2024: 95000; 2025: 190000". */
static void value_text(const json_t *v, const char *lang, char *out, size_t n)
{
	size_t len = 0, i;
	const char *k;
	json_t *e;

	out[0] = '\0';
	if (json_is_string(v)) {
		snprintf(out, n, "%s", json_string_value(v));
	} else if (json_is_integer(v)) {
		snprintf(out, n, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		char *c;

		snprintf(out, n, "%.15g", json_real_value(v));
		if (strcmp(lang, "en") && (c = strchr(out, '.')))
			*c = ',';
	} else if (json_is_true(v)) {
		snprintf(out, n, "true");
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, e) {
			char b[256];

			value_text(e, lang, b, sizeof(b));
			if (len < n)
				len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", b);
		}
	} else if (json_is_object(v)) {
		i = 0;
		json_object_foreach((json_t *)v, k, e) {
			char b[64];

			value_text(e, lang, b, sizeof(b));
			if (len < n)
				len += (size_t)snprintf(out + len, n - len, "%s%s: %s", i++ ? "; " : "", k, b);
		}
	}
}

/* The value of "baseline.value" etc. of item o. */
static const json_t *jpath(const json_t *o, const char *name)
{
	const char *dot = strchr(name, '.');
	char head[64];

	if (!dot)
		return json_object_get(o, name);
	snprintf(head, sizeof(head), "%.*s", (int)(dot - name), name);
	return json_object_get(json_object_get(o, head), dot + 1);
}

/* ---- the plan and its items ---------------------------------------------------- */

typedef struct cur {
	json_t *plan;
	int64_t version;
} cur;

static int load(http_req *r, cur *c)
{
	char *yaml = NULL;

	memset(c, 0, sizeof(*c));
	if (ivp_plan_latest(r->ctx, &c->version) || !c->version || ivp_plan_export(r->ctx, 0, &yaml)) {
		ivp_free(yaml);
		return -1;
	}
	c->plan = api_yaml_json(yaml);
	ivp_free(yaml);
	return c->plan ? 0 : -1;
}

/* The item `id` of kind `object` in the plan JSON; NULL when none. */
static const json_t *find_item(const json_t *plan, const char *object, const char *id)
{
	json_t *pr, *am, *g, *im, *m, *b;
	size_t i, k, j;

	if (!id || !*id)
		return NULL;
	json_array_foreach(json_object_get(plan, "priorities"), i, pr) {
		if (!strcmp(object, "priority") && !strcmp(jstr(pr, "id"), id))
			return pr;
		json_array_foreach(json_object_get(pr, "ambitions"), k, am) {
			if (!strcmp(object, "ambition") && !strcmp(jstr(am, "id"), id))
				return am;
			json_array_foreach(json_object_get(am, "goals"), j, g)
				if (!strcmp(object, "goal") && !strcmp(jstr(g, "id"), id))
					return g;
		}
	}
	json_array_foreach(json_object_get(plan, "implementation"), i, im)
		json_array_foreach(json_object_get(im, "measures"), k, m)
			if (!strcmp(object, "measure") && !strcmp(jstr(m, "id"), id))
				return m;
	json_array_foreach(json_object_get(plan, "budget"), i, b) {
		char y[32];

		value_text(json_object_get(b, "year"), "en", y, sizeof(y));
		if (!strcmp(object, "budget") && !strcmp(y, id))
			return b;
	}
	return NULL;
}

/*
 * The choices of a measure's owner: the organisations (issue 12 part 1) —
 * the partners the plan declares, then those registered in the database
 * (ivp org list) that the plan does not list; either passes the plan check.
 */
typedef void (*choice_fn)(void *ud, const char *value, const char *label);

static int plan_lists(const json_t *plan, const char *id)
{
	json_t *pa;
	size_t i;

	json_array_foreach(json_object_get(plan, "partners"), i, pa)
		if (!strcmp(jstr(pa, "id"), id))
			return 1;
	return 0;
}

static void owner_choices(ivp_ctx *ctx, const json_t *plan, choice_fn fn, void *ud)
{
	ivp_table *t = NULL;
	json_t *pa;
	size_t i;
	int row;

	json_array_foreach(json_object_get(plan, "partners"), i, pa)
		fn(ud, jstr(pa, "id"), jstr(pa, "name")[0] ? jstr(pa, "name") : jstr(pa, "id"));
	if (ivp_orgs(ctx, &t))
		return; /* the plan's own partners still serve */
	for (row = 0; row < ivp_table_nrows(t); row++) {
		const char *id = ivp_table_text(t, row, 0), *name = ivp_table_text(t, row, 1);

		if (id && !plan_lists(plan, id))
			fn(ud, id, name && *name ? name : id);
	}
	ivp_table_free(t);
}

static void priority_choices(const json_t *plan, choice_fn fn, void *ud)
{
	json_t *pr;
	size_t i;

	json_array_foreach(json_object_get(plan, "priorities"), i, pr)
		fn(ud, jstr(pr, "id"), jstr(pr, "title"));
}

typedef struct opt_ud {
	html *h;
	const char *current;
} opt_ud;

static void option(void *ud, const char *value, const char *label)
{
	opt_ud *o = ud;

	html_raw(o->h, "<option value=\"");
	html_text(o->h, value);
	html_raw(o->h, o->current && !strcmp(o->current, value) ? "\" selected>" : "\">");
	html_text(o->h, label);
	html_raw(o->h, "</option>");
}

/* ---- the form -------------------------------------------------------------------- */

typedef struct form_state {
	const char *object, *orig, *parent;
	int64_t base;
	const ivp_table *problems; /* field, message, code, hint, detail */
	const char *general;	   /* a message not of one field (stale version) */
	int posted;		   /* 1: values from the request */
} form_state;

static const char *problem_of(const form_state *fs, const char *name, const char **hint)
{
	int i;

	for (i = 0; fs->problems && i < ivp_table_nrows(fs->problems); i++) {
		const char *f = ivp_table_text(fs->problems, i, 0);

		if (f && !strcmp(f, name)) {
			*hint = ivp_table_text(fs->problems, i, 3);
			return ivp_table_text(fs->problems, i, 1);
		}
	}
	return NULL;
}

static void field_id(char *out, size_t n, const char *name)
{
	size_t i;

	snprintf(out, n, "f-%s", name);
	for (i = 0; out[i]; i++)
		if (out[i] == '.')
			out[i] = '-';
}

static void word_option(html *h, const char *lang, const char *v, const char *current)
{
	html_fmt(h, "<option value=\"%s\"%s>", v, current && !strcmp(current, v) ? " selected" : "");
	html_text(h, !strcmp(v, "true") ? web_t(lang, W_PE_YES) : !strcmp(v, "false") ? web_t(lang, W_PE_NO) :
											web_word(lang, v));
	html_raw(h, "</option>");
}

static void one_field(http_req *r, html *h, const char *lang, const efield *f, const char *value,
		      const form_state *fs, const json_t *plan)
{
	char id[96], hint_id[110], err_id[110], label[300];
	const char *hint = NULL, *err = problem_of(fs, f->name, &hint);

	(void)r;
	field_id(id, sizeof(id), f->name);
	snprintf(hint_id, sizeof(hint_id), "%s-help", id);
	snprintf(err_id, sizeof(err_id), "%s-error", id);
	snprintf(label, sizeof(label), "%s%s", web_t(lang, f->label), f->required ? "" : web_t(lang, W_PE_OPTIONAL));
	html_fmt(h, "<div class=\"utrecht-form-field%s\"><p class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"",
		 err ? " utrecht-form-field--invalid" : "");
	html_text(h, id);
	html_raw(h, "\">");
	html_text(h, label);
	html_raw(h, "</label></p>");
	if (f->help) {
		html_raw(h, "<p class=\"utrecht-form-field-description\" id=\"");
		html_text(h, hint_id);
		html_raw(h, "\">");
		html_text(h, web_t(lang, f->help));
		html_raw(h, "</p>");
	}
	if (err) {
		html_raw(h, "<p class=\"utrecht-form-field-error-message ivp-field-error\" id=\"");
		html_text(h, err_id);
		html_raw(h, "\">");
		html_text(h, err);
		if (hint && *hint) {
			html_raw(h, " ");
			html_text(h, hint);
		}
		html_raw(h, "</p>");
	}
	html_raw(h, "<p class=\"utrecht-form-field__input\">");
	if (f->type == F_ENUM || f->type == F_BOOL || f->type == F_OWNER || f->type == F_PRIORITY) {
		html_raw(h, "<select class=\"utrecht-select\" name=\"");
	} else {
		html_raw(h, "<input class=\"utrecht-textbox\" type=\"text\"");
		if (f->type == F_NUM)
			html_raw(h, " inputmode=\"decimal\"");
		else if (f->type == F_YEAR)
			html_raw(h, " inputmode=\"numeric\"");
		html_raw(h, " name=\"");
	}
	html_text(h, f->name);
	html_raw(h, "\" id=\"");
	html_text(h, id);
	html_raw(h, "\"");
	/* a select always has a choice made: required only for a screen reader
	 * (the library checks it like every required field) */
	if (f->required)
		html_raw(h, f->type == F_TEXT || f->type == F_NUM || f->type == F_DATE || f->type == F_YEAR ?
				    " required" :
				    " aria-required=\"true\"");
	if (err) {
		html_raw(h, " aria-invalid=\"true\"");
	}
	if (err || f->help) {
		html_raw(h, " aria-describedby=\"");
		if (f->help)
			html_text(h, hint_id);
		if (err && f->help)
			html_raw(h, " ");
		if (err)
			html_text(h, err_id);
		html_raw(h, "\"");
	}
	if (f->type == F_ENUM || f->type == F_BOOL) {
		char vals[128], *tok, *save = NULL;

		snprintf(vals, sizeof(vals), "%s", f->type == F_BOOL ? "false,true" : f->values);
		html_raw(h, ">");
		for (tok = strtok_r(vals, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			word_option(h, lang, tok, f->type == F_BOOL && !*value ? "false" : value);
		html_raw(h, "</select>");
	} else if (f->type == F_OWNER || f->type == F_PRIORITY) {
		opt_ud o = { h, value };

		html_raw(h, ">");
		if (!*value) {
			html_raw(h, "<option value=\"\">");
			html_text(h, web_t(lang, W_PE_CHOOSE));
			html_raw(h, "</option>");
		}
		if (f->type == F_OWNER)
			owner_choices(r->ctx, plan, option, &o);
		else
			priority_choices(plan, option, &o);
		html_raw(h, "</select>");
	} else {
		html_raw(h, " value=\"");
		html_text(h, value);
		html_raw(h, "\">");
	}
	html_raw(h, "</p></div>");
}

static void hidden(html *h, const char *name, const char *value)
{
	html_fmt(h, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	html_text(h, value ? value : "");
	html_raw(h, "\">");
}

static void error_summary(html *h, const char *lang, const form_state *fs)
{
	int i, n = fs->problems ? ivp_table_nrows(fs->problems) : 0;

	if (!n && !fs->general)
		return;
	html_raw(h, "<div class=\"utrecht-alert utrecht-alert--error ivp-alert\" role=\"alert\" id=\"fouten\"><p class=\"utrecht-paragraph\"><strong>");
	html_text(h, web_t(lang, fs->general ? W_PE_STALE_TITLE : W_PE_ERRORS_TITLE));
	html_raw(h, "</strong></p>");
	if (fs->general) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, fs->general);
		html_raw(h, "</p>");
	}
	if (n) {
		html_raw(h, "<ul class=\"utrecht-unordered-list\">");
		for (i = 0; i < n; i++) {
			const char *f = ivp_table_text(fs->problems, i, 0), *lab = field_label(lang, fs->object, f);
			char id[96];

			html_raw(h, "<li class=\"utrecht-unordered-list__item\">");
			if (f && *f && lab) {
				field_id(id, sizeof(id), f);
				html_raw(h, "<a class=\"utrecht-link\" href=\"#");
				html_text(h, id);
				html_raw(h, "\">");
				html_text(h, lab);
				html_raw(h, "</a>: ");
			}
			html_text(h, ivp_table_text(fs->problems, i, 1));
			html_raw(h, "</li>");
		}
		html_raw(h, "</ul>");
	}
	html_raw(h, "</div>");
}

static void form_page(http_req *r, const char *lang, const cur *c, const form_state *fs, int status)
{
	int k = object_index(fs->object);
	const json_t *item = find_item(c->plan, fs->object, fs->orig);
	html h = { 0 };
	char title[300], b[32];
	size_t i;

	snprintf(title, sizeof(title), "%s: %s", web_t(lang, objects[k].name),
		 item ? (jstr(item, "title")[0] ? jstr(item, "title") : fs->orig) : web_t(lang, W_PE_NEW));
	web_page_begin(r, &h, lang, title);
	error_summary(&h, lang, fs);
	html_raw(&h, "<p class=\"utrecht-paragraph\">");
	html_text(&h, web_t(lang, W_PE_FORM_INTRO));
	html_raw(&h, "</p><form class=\"ivp-form ivp-edit-form\" method=\"post\" action=\"/plan/bewerken\">");
	hidden(&h, "csrf", r->session ? r->session->csrf : "");
	hidden(&h, "object", fs->object);
	hidden(&h, "orig", fs->orig);
	hidden(&h, "parent", fs->parent);
	snprintf(b, sizeof(b), "%lld", (long long)fs->base);
	hidden(&h, "base", b);
	for (i = 0; objects[k].fields[i].name; i++) {
		const efield *f = &objects[k].fields[i];
		char v[2048] = "";

		if (fs->posted) {
			const char *pv = http_field(r, f->name);

			snprintf(v, sizeof(v), "%s", pv ? pv : "");
		} else if (item) {
			value_text(jpath(item, f->name), lang, v, sizeof(v));
		}
		one_field(r, &h, lang, f, v, fs, c->plan);
	}
	{
		const char *sv = fs->posted ? http_field(r, "summary") : NULL;
		efield sf = { "summary", W_PE_SUMMARY, F_TEXT, NULL, W_PE_SUMMARY_HELP, 0 };

		one_field(r, &h, lang, &sf, sv ? sv : "", fs, c->plan);
	}
	html_raw(&h, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_text(&h, web_t(lang, W_SAVE));
	html_raw(&h, "</button></form>");
	if (item) {
		html_raw(&h, "<form class=\"ivp-form\" method=\"post\" action=\"/plan/bewerken\">");
		hidden(&h, "csrf", r->session ? r->session->csrf : "");
		hidden(&h, "object", fs->object);
		hidden(&h, "orig", fs->orig);
		hidden(&h, "base", b);
		hidden(&h, "remove", "true");
		html_raw(&h, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">");
		html_text(&h, web_t(lang, W_PE_REMOVE));
		html_raw(&h, "</button></form>");
	}
	html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/plan/bewerken\">");
	html_text(&h, web_t(lang, W_PE_BACK));
	html_raw(&h, "</a></p>");
	web_page_end(r, &h, status);
}

/* ---- the list of items --------------------------------------------------------------- */

static void edit_link(html *h, const char *lang, const char *object, const char *id, const char *title)
{
	html_raw(h, "<li class=\"utrecht-unordered-list__item\">");
	html_text(h, title);
	html_raw(h, " — <a class=\"utrecht-link\" href=\"/plan/bewerken?object=");
	html_text(h, object);
	html_raw(h, "&amp;id=");
	html_text(h, id);
	html_raw(h, "\">");
	html_text(h, web_t(lang, W_PE_EDIT));
	html_raw(h, "<span class=\"ivp-visually-hidden\"> ");
	html_text(h, title);
	html_raw(h, "</span></a>");
}

static void add_link(html *h, const char *lang, const char *object, const char *parent, web_msg m)
{
	html_raw(h, "<li class=\"utrecht-unordered-list__item\"><a class=\"utrecht-link\" href=\"/plan/bewerken?object=");
	html_text(h, object);
	if (parent) {
		html_raw(h, "&amp;parent=");
		html_text(h, parent);
	}
	html_raw(h, "\">");
	html_text(h, web_t(lang, m));
	if (parent) {
		html_raw(h, "<span class=\"ivp-visually-hidden\"> (");
		html_text(h, parent);
		html_raw(h, ")</span>");
	}
	html_raw(h, "</a></li>");
}

static void list_page(http_req *r, const char *lang, const cur *c)
{
	html h = { 0 };
	json_t *pr, *am, *g, *im, *m, *b;
	size_t i, k, j;

	web_page_begin(r, &h, lang, web_t(lang, W_PE_TITLE));
	html_raw(&h, "<p class=\"utrecht-paragraph\">");
	html_text(&h, web_t(lang, W_PE_INTRO));
	html_raw(&h, " <a class=\"utrecht-link\" href=\"/plan/versies\">");
	html_text(&h, web_t(lang, W_PV_TITLE));
	html_raw(&h, "</a>.</p><h2 class=\"utrecht-heading-2\">");
	html_text(&h, web_t(lang, W_PE_PRIORITIES));
	html_raw(&h, "</h2><ul class=\"utrecht-unordered-list\">");
	json_array_foreach(json_object_get(c->plan, "priorities"), i, pr) {
		edit_link(&h, lang, "priority", jstr(pr, "id"), jstr(pr, "title"));
		html_raw(&h, "<ul class=\"utrecht-unordered-list\">");
		json_array_foreach(json_object_get(pr, "ambitions"), k, am) {
			edit_link(&h, lang, "ambition", jstr(am, "id"), jstr(am, "title"));
			html_raw(&h, "<ul class=\"utrecht-unordered-list\">");
			json_array_foreach(json_object_get(am, "goals"), j, g) {
				edit_link(&h, lang, "goal", jstr(g, "id"), jstr(g, "title"));
				html_raw(&h, "</li>");
			}
			add_link(&h, lang, "goal", jstr(am, "id"), W_PE_ADD_GOAL);
			html_raw(&h, "</ul></li>");
		}
		add_link(&h, lang, "ambition", jstr(pr, "id"), W_PE_ADD_AMBITION);
		html_raw(&h, "</ul></li>");
	}
	add_link(&h, lang, "priority", NULL, W_PE_ADD_PRIORITY);
	html_raw(&h, "</ul><h2 class=\"utrecht-heading-2\">");
	html_text(&h, web_t(lang, W_PE_MEASURES));
	html_raw(&h, "</h2><ul class=\"utrecht-unordered-list\">");
	json_array_foreach(json_object_get(c->plan, "implementation"), i, im) {
		html_raw(&h, "<li class=\"utrecht-unordered-list__item\">");
		html_text(&h, jstr(im, "title"));
		html_raw(&h, "<ul class=\"utrecht-unordered-list\">");
		json_array_foreach(json_object_get(im, "measures"), k, m) {
			edit_link(&h, lang, "measure", jstr(m, "id"), jstr(m, "title"));
			html_raw(&h, "</li>");
		}
		add_link(&h, lang, "measure", jstr(im, "id"), W_PE_ADD_MEASURE);
		html_raw(&h, "</ul></li>");
	}
	html_raw(&h, "</ul><h2 class=\"utrecht-heading-2\">");
	html_text(&h, web_t(lang, W_PE_BUDGET));
	html_raw(&h, "</h2><ul class=\"utrecht-unordered-list\">");
	json_array_foreach(json_object_get(c->plan, "budget"), i, b) {
		char y[32], t[400];

		value_text(json_object_get(b, "year"), "en", y, sizeof(y));
		snprintf(t, sizeof(t), "%s: %s", y, jstr(b, "document"));
		edit_link(&h, lang, "budget", y, t);
		html_raw(&h, "</li>");
	}
	add_link(&h, lang, "budget", NULL, W_PE_ADD_BUDGET);
	html_raw(&h, "</ul><p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/plan/waarden\">");
	html_text(&h, web_t(lang, W_VE_LINK));
	html_raw(&h, "</a></p>");
	web_page_end(r, &h, 200);
}

static void no_plan(http_req *r, const char *lang)
{
	web_error(r, 404, web_t(lang, W_NO_PLAN), "", "");
}

void web_plan_edit(http_req *r)
{
	const char *lang = web_lang(r), *object = http_query_get(&r->q, "object");
	form_state fs;
	cur c;

	if (load(r, &c)) {
		no_plan(r, lang);
		return;
	}
	if (!object) {
		list_page(r, lang, &c);
		json_decref(c.plan);
		return;
	}
	memset(&fs, 0, sizeof(fs));
	fs.object = object;
	fs.orig = http_query_get(&r->q, "id");
	fs.parent = http_query_get(&r->q, "parent");
	fs.base = c.version;
	if (object_index(object) < 0 || (fs.orig && !find_item(c.plan, object, fs.orig))) {
		json_decref(c.plan);
		web_error(r, 404, web_t(lang, W_PE_NO_ITEM), "", "");
		return;
	}
	form_page(r, lang, &c, &fs, 200);
	json_decref(c.plan);
}

void web_plan_edit_post(http_req *r)
{
	const char *lang = web_lang(r), *object = http_field(r, "object"), *base = http_field(r, "base");
	const char *remove = http_field(r, "remove");
	ivp_plan_edit e;
	ivp_plan_result res;
	ivp_table *probs = NULL;
	form_state fs;
	char where[128], general[1200];
	int k = object_index(object), st;
	size_t i;
	cur c;

	memset(&e, 0, sizeof(e));
	e.object = object;
	e.orig = http_field(r, "orig");
	e.parent = http_field(r, "parent");
	e.base = base ? strtoll(base, NULL, 10) : 0;
	e.user = r->session ? r->session->user : NULL;
	e.summary = http_field(r, "summary");
	e.source = "web";
	e.remove = remove && !strcmp(remove, "true");
	for (i = 0; k >= 0 && objects[k].fields[i].name && e.nfields < IVP_EDIT_MAX_FIELDS; i++) {
		const char *v = http_field(r, objects[k].fields[i].name);

		if (!v)
			continue;
		e.name[e.nfields] = objects[k].fields[i].name;
		e.value[e.nfields++] = v;
	}
	if (k < 0) {
		web_error(r, 400, web_t(lang, W_PE_NO_ITEM), "", "");
		return;
	}
	if (!ivp_plan_edit_apply(r->ctx, &e, &probs, &res)) {
		snprintf(where, sizeof(where), "/plan/versies?v=%lld%s#wijzigingen", (long long)res.version,
			 res.unchanged ? "&same=1" : "");
		web_redirect(r, where);
		return;
	}
	{
		const ivp_error *er = ivp_last_error(r->ctx);

		if (strcmp(er->code, "stale_version") && strcmp(er->code, "plan_edit_invalid")) {
			http_ivp_error(r, er->rc, er);
			ivp_table_free(probs);
			return;
		}
		st = !strcmp(er->code, "stale_version") ? 409 : 400;
		snprintf(general, sizeof(general), "%s. %s", er->message, er->detail);
	}
	if (load(r, &c)) {
		ivp_table_free(probs);
		no_plan(r, lang);
		return;
	}
	memset(&fs, 0, sizeof(fs));
	fs.object = object;
	fs.orig = e.orig;
	fs.parent = e.parent;
	fs.base = st == 409 ? e.base : c.version; /* a stale form stays stale until reloaded */
	fs.problems = probs;
	fs.general = st == 409 ? general : NULL;
	fs.posted = 1;
	if (e.orig && *e.orig && !find_item(c.plan, object, e.orig)) {
		ivp_table_free(probs);
		json_decref(c.plan);
		web_error(r, 404, web_t(lang, W_PE_NO_ITEM), "", "");
		return;
	}
	form_page(r, lang, &c, &fs, st);
	ivp_table_free(probs);
	json_decref(c.plan);
}

/* ---- versions ------------------------------------------------------------------------- */

static int can_edit(const http_req *r)
{
	char allow[64];
	int st = 0;
	const char *p = "/plan/terugzetten";
	const http_route *rt = http_route_find(r->app, "POST", p, strlen(p), &st, allow, sizeof(allow));

	return r->session && rt && http_authorize(rt, r->session) == 0;
}

static web_msg object_name(const char *o)
{
	int k = object_index(o);

	if (k >= 0)
		return objects[k].name;
	if (!strcmp(o, "plan"))
		return W_PLAN_TITLE;
	if (!strcmp(o, "partner"))
		return W_PE_PARTNER;
	if (!strcmp(o, "implementation"))
		return W_PE_IMPLEMENTATION;
	return W_PE_ITEM;
}

/* A value of the diff (the plan file's notation) as lang writes it: a
 * decimal number with a comma in Dutch (27,5); anything else as it is. */
static void diff_value(html *h, const char *lang, const char *v)
{
	const char *dot = strchr(v, '.');
	size_t i;
	int num = dot && dot != v && dot[1];

	for (i = 0; num && v[i]; i++)
		num = (v[i] >= '0' && v[i] <= '9') || &v[i] == dot || (i == 0 && v[i] == '-');
	if (!num || !strcmp(lang, "en")) {
		html_text(h, v);
		return;
	}
	{
		char b[64];

		snprintf(b, sizeof(b), "%.*s,%s", (int)(dot - v), v, dot + 1);
		html_text(h, b);
	}
}

/* The changes from version a to b as a table ("wat is er gewijzigd"). */
static void changes(http_req *r, html *h, const char *lang, int64_t a, int64_t b)
{
	ivp_table *t = NULL;
	char cap[200];
	int i, n;

	if (ivp_plan_changes(r->ctx, a, b, &t)) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, ivp_last_error(r->ctx)->message);
		html_raw(h, "</p>");
		return;
	}
	n = ivp_table_nrows(t);
	if (!n) {
		html_raw(h, "<p class=\"utrecht-paragraph\">");
		html_text(h, web_t(lang, W_PV_NONE));
		html_raw(h, "</p>");
		ivp_table_free(t);
		return;
	}
	snprintf(cap, sizeof(cap), web_t(lang, W_PV_CAPTION), (long long)a, (long long)b);
	html_raw(h, "<div class=\"ivp-table-wrap\"><table class=\"utrecht-table ivp-changes\"><caption class=\"utrecht-table__caption\">");
	html_text(h, cap);
	html_raw(h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	{
		static const web_msg heads[] = { W_PV_ITEM, W_PV_CHANGE, W_PV_FIELD, W_PV_OLD, W_PV_NEW };
		size_t k;

		for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++) {
			html_raw(h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
			html_text(h, web_t(lang, heads[k]));
			html_raw(h, "</th>");
		}
	}
	html_raw(h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = 0; i < n; i++) {
		const char *o = ivp_table_text(t, i, 0), *id = ivp_table_text(t, i, 1),
			   *title = ivp_table_text(t, i, 2), *ch = ivp_table_text(t, i, 3),
			   *f = ivp_table_text(t, i, 4), *old = ivp_table_text(t, i, 5),
			   *nw = ivp_table_text(t, i, 6), *lab = field_label(lang, o, f);

		html_raw(h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_text(h, web_t(lang, object_name(o)));
		html_raw(h, " ");
		html_text(h, id);
		if (title && *title) {
			html_raw(h, ": ");
			html_text(h, title);
		}
		html_raw(h, "</th><td class=\"utrecht-table__cell\">");
		html_text(h, web_t(lang, ch[0] == 'a' ? W_PV_ADDED : ch[0] == 'r' ? W_PV_REMOVED :
										    W_PV_CHANGED));
		html_raw(h, "</td><td class=\"utrecht-table__cell\">");
		html_text(h, lab ? lab : f ? f :
					     "");
		html_raw(h, "</td><td class=\"utrecht-table__cell\">");
		if (old)
			html_raw(h, "<del>"), diff_value(h, lang, old), html_raw(h, "</del>");
		html_raw(h, "</td><td class=\"utrecht-table__cell\">");
		if (nw)
			html_raw(h, "<ins>"), diff_value(h, lang, nw), html_raw(h, "</ins>");
		html_raw(h, "</td></tr>");
	}
	html_raw(h, "</tbody></table></div>");
	ivp_table_free(t);
}

static void revert_form(http_req *r, html *h, const char *lang, long long v, long long latest)
{
	char label[160];

	snprintf(label, sizeof(label), web_t(lang, W_PV_REVERT), v);
	html_raw(h, "<form class=\"ivp-form\" method=\"post\" action=\"/plan/terugzetten\">");
	hidden(h, "csrf", r->session->csrf);
	html_fmt(h, "<input type=\"hidden\" name=\"version\" value=\"%lld\"><input type=\"hidden\" name=\"base\" value=\"%lld\">",
		 v, latest);
	html_raw(h, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">");
	html_text(h, label);
	html_raw(h, "</button></form>");
}

void web_plan_versions(http_req *r)
{
	const char *lang = web_lang(r), *vs = http_query_get(&r->q, "v"), *same = http_query_get(&r->q, "same");
	ivp_table *t = NULL;
	html h = { 0 };
	long long v, latest;
	int i, n, edit = can_edit(r);

	if (ivp_plan_history(r->ctx, &t) || !(n = ivp_table_nrows(t))) {
		ivp_table_free(t);
		no_plan(r, lang);
		return;
	}
	latest = (long long)ivp_table_int(t, n - 1, 0);
	v = vs ? strtoll(vs, NULL, 10) : latest;
	if (v < 1 || v > latest) {
		ivp_table_free(t);
		web_error(r, 404, web_t(lang, W_PV_NO_VERSION), "", "");
		return;
	}
	web_page_begin(r, &h, lang, web_t(lang, W_PV_TITLE));
	if (same) {
		html_raw(&h, "<div class=\"utrecht-alert ivp-alert\" role=\"status\"><p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_PE_UNCHANGED));
		html_raw(&h, "</p></div>");
	}
	html_raw(&h, "<section id=\"wijzigingen\" aria-labelledby=\"wijzigingen-kop\"><h2 class=\"utrecht-heading-2\" id=\"wijzigingen-kop\">");
	{
		char hd[160];

		snprintf(hd, sizeof(hd), web_t(lang, W_PV_WHAT_CHANGED), v);
		html_text(&h, hd);
	}
	html_raw(&h, "</h2>");
	for (i = 0; i < n; i++)
		if (ivp_table_int(t, i, 0) == v) {
			html_raw(&h, "<p class=\"utrecht-paragraph\">");
			html_text(&h, ivp_table_text(t, i, 5));
			html_raw(&h, " (");
			html_text(&h, ivp_table_text(t, i, 3));
			html_raw(&h, ", ");
			html_text(&h, ivp_table_text(t, i, 4));
			html_raw(&h, ")</p>");
		}
	if (v > 1)
		changes(r, &h, lang, v - 1, v);
	else {
		html_raw(&h, "<p class=\"utrecht-paragraph\">");
		html_text(&h, web_t(lang, W_PV_FIRST));
		html_raw(&h, "</p>");
	}
	html_raw(&h, "</section><h2 class=\"utrecht-heading-2\">");
	html_text(&h, web_t(lang, W_PV_ALL));
	html_raw(&h, "</h2><div class=\"ivp-table-wrap\"><table class=\"utrecht-table\"><caption class=\"utrecht-table__caption\">");
	html_text(&h, web_t(lang, W_PV_ALL_CAPTION));
	html_raw(&h, "</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">");
	{
		static const web_msg heads[] = { W_PV_VERSION, W_PV_WHO, W_PV_WHEN, W_PV_SUMMARY, W_PV_ACTION };
		size_t k;

		for (k = 0; k < sizeof(heads) / sizeof(heads[0]) - (edit ? 0 : 1); k++) {
			html_raw(&h, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
			html_text(&h, web_t(lang, heads[k]));
			html_raw(&h, "</th>");
		}
	}
	html_raw(&h, "</tr></thead><tbody class=\"utrecht-table__body\">");
	for (i = n - 1; i >= 0; i--) {
		long long k = (long long)ivp_table_int(t, i, 0);

		html_fmt(&h, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\"><a class=\"utrecht-link\" href=\"/plan/versies?v=%lld#wijzigingen\"",
			 k);
		if (k == v)
			html_raw(&h, " aria-current=\"page\"");
		html_fmt(&h, ">%lld</a></th><td class=\"utrecht-table__cell\">", k);
		html_text(&h, ivp_table_text(t, i, 3));
		html_raw(&h, "</td><td class=\"utrecht-table__cell\">");
		html_text(&h, ivp_table_text(t, i, 4));
		html_raw(&h, "</td><td class=\"utrecht-table__cell\">");
		html_text(&h, ivp_table_text(t, i, 5));
		html_raw(&h, "</td>");
		if (edit) {
			html_raw(&h, "<td class=\"utrecht-table__cell\">");
			if (k != latest)
				revert_form(r, &h, lang, k, latest);
			html_raw(&h, "</td>");
		}
		html_raw(&h, "</tr>");
	}
	html_raw(&h, "</tbody></table></div>");
	if (edit) {
		html_raw(&h, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/plan/bewerken\">");
		html_text(&h, web_t(lang, W_PE_TITLE));
		html_raw(&h, "</a></p>");
	}
	ivp_table_free(t);
	web_page_end(r, &h, 200);
}

void web_plan_revert_post(http_req *r)
{
	const char *lang = web_lang(r), *vs = http_field(r, "version"), *base = http_field(r, "base");
	ivp_plan_result res;
	char where[128];

	if (ivp_plan_revert(r->ctx, vs ? strtoll(vs, NULL, 10) : 0, base ? strtoll(base, NULL, 10) : 0,
			    r->session ? r->session->user : NULL, &res)) {
		const ivp_error *e = ivp_last_error(r->ctx);

		if (!strcmp(e->code, "stale_version")) {
			web_error(r, 409, web_t(lang, W_PE_STALE_TITLE), e->detail, e->hint);
			return;
		}
		http_ivp_error(r, e->rc, e);
		return;
	}
	snprintf(where, sizeof(where), "/plan/versies?v=%lld%s#wijzigingen", (long long)res.version,
		 res.unchanged ? "&same=1" : "");
	web_redirect(r, where);
	(void)lang;
}
