/*
 * doc.c — the document of a report: its chapters, paragraphs, tables and
 * charts in the report's language, built from the model. Every back end
 * renders this one document, so the PDF, the HTML and the XLSX carry the
 * same figures in the same words.
 *
 * The progress report (voortgang) follows the BBV: a summary first (per
 * priority: goals on track / at risk / off track / without data, money
 * budgeted and spent), then per priority, in the plan's order, the triad
 * "Wat wilden we bereiken? · Wat hebben we gedaan? · Wat heeft het
 * gekost?", the plan's budget with its dekking and P&C document, the BBV
 * safety indicators (Indicator · Eenheid · gemeente · Nederland · Bron ·
 * Periode) with the change on the year before, and last the sources and
 * the method: every import with file, SHA-256 and date, the definitions,
 * the status rule and the verdict words in plain words.
 *
 * Words: W(nl, en) picks the report's language; numbers, money and dates
 * go through format.c. The reason given per goal is composed here from the
 * figures (progress.c's own reason is English), by the same rule.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/funnel.h"
#include "report/report.h"

#define W(nl, en) (d->en_ ? (en) : (nl))

typedef struct dctx {
	rp_doc *doc;
	const rp_model *m;
	int en_;
	int chapter;
} dctx;

static rp_arena *A(dctx *d)
{
	return &d->doc->a;
}

static rp_block *block(dctx *d, rp_bkind k)
{
	rp_doc *doc = d->doc;

	if (doc->n == doc->cap) {
		int cap = doc->cap ? doc->cap * 2 : 64;
		rp_block *b = ivp__rp_alloc(A(d), (size_t)cap * sizeof(*b));

		if (!b)
			return NULL;
		if (doc->n)
			memcpy(b, doc->b, (size_t)doc->n * sizeof(*b));
		doc->b = b;
		doc->cap = cap;
	}
	memset(&doc->b[doc->n], 0, sizeof(rp_block));
	doc->b[doc->n].kind = k;
	return &doc->b[doc->n++];
}

static void para(dctx *d, rp_bkind k, const char *text)
{
	rp_block *b = block(d, k);

	if (b)
		b->text = ivp__rp_strdup(A(d), text);
}

static void heading(dctx *d, int level, const char *id, const char *text)
{
	rp_block *b = block(d, RB_HEADING);

	if (!b)
		return;
	b->level = level;
	b->id = ivp__rp_strdup(A(d), id);
	b->text = ivp__rp_strdup(A(d), text);
}

static rp_table *table(dctx *d, const char *id, const char *caption, const char *sheet, int ncols,
		       const char *const *head, const double *width, const int *right)
{
	rp_block *b = block(d, RB_TABLE);
	rp_table *t = ivp__rp_alloc(A(d), sizeof(*t));

	if (!b || !t)
		return NULL;
	t->id = ivp__rp_strdup(A(d), id);
	t->caption = ivp__rp_strdup(A(d), caption);
	t->sheet = ivp__rp_strdup(A(d), sheet);
	t->ncols = ncols;
	t->head = head;
	t->width = width;
	t->right = right;
	b->table = t;
	return t;
}

/* Append one cell (row-major); fmt RP_TEXT: text only. */
static void cell(dctx *d, rp_table *t, rp_numfmt fmt, double num, const char *text)
{
	rp_cell *c;

	if (!t)
		return;
	if (t->ncells == t->cap) {
		int cap = t->cap ? t->cap * 2 : t->ncols * 16;
		rp_cell *n = ivp__rp_alloc(A(d), (size_t)cap * sizeof(*n));

		if (!n)
			return;
		if (t->cap)
			memcpy(n, t->cells, (size_t)t->cap * sizeof(*n));
		t->cells = n;
		t->cap = cap;
	}
	c = &t->cells[t->ncells++];
	c->fmt = text ? fmt : RP_TEXT;
	c->num = num;
	c->text = ivp__rp_strdup(A(d), text ? text : "");
	t->nrows = t->ncells / t->ncols;
}

static void tcell(dctx *d, rp_table *t, const char *text)
{
	cell(d, t, RP_TEXT, 0, text);
}

static void ncell(dctx *d, rp_table *t, rp_numfmt fmt, double v)
{
	char s[64];

	switch (fmt) {
	case RP_INT:
		ivp__rp_num(d->m->lang, v, 0, s, sizeof(s));
		break;
	case RP_DEC1:
		ivp__rp_num(d->m->lang, v, 1, s, sizeof(s));
		break;
	case RP_DEC2:
		ivp__rp_num(d->m->lang, v, 2, s, sizeof(s));
		break;
	case RP_EUR:
		ivp__rp_money(d->m->lang, llround(v * 100), s, sizeof(s));
		break;
	case RP_PCT: {
		char n[48];

		ivp__rp_num(d->m->lang, v * 100, 0, n, sizeof(n));
		snprintf(s, sizeof(s), "%s%%", n);
		break;
	}
	case RP_YEAR:
		snprintf(s, sizeof(s), "%.0f", v);
		break;
	default:
		s[0] = '\0';
	}
	cell(d, t, fmt, v, s);
}

static void money_cell(dctx *d, rp_table *t, int64_t cents)
{
	ncell(d, t, RP_EUR, (double)cents / 100.0);
}

static const char *money(dctx *d, int64_t cents)
{
	char s[64];

	ivp__rp_money(d->m->lang, cents, s, sizeof(s));
	return ivp__rp_strdup(A(d), s);
}

static const char *date(dctx *d, const char *iso)
{
	char s[64];

	ivp__rp_date(d->m->lang, iso, s, sizeof(s));
	return ivp__rp_strdup(A(d), s);
}

static const char *number(dctx *d, double v, int dec)
{
	char s[64];

	ivp__rp_num(d->m->lang, v, dec, s, sizeof(s));
	return ivp__rp_strdup(A(d), s);
}

/* A text an editor wrote: a paragraph per run of lines between blank lines,
 * its lines joined with a space. */
static void text_paras(dctx *d, const char *body)
{
	const char *p = body;

	while (*p) {
		ivp__buf b;
		int nl = 0;

		while (*p == '\n' || *p == '\r' || *p == ' ' || *p == '\t')
			p++;
		ivp__buf_init(&b, RP_TEXT_MAX + 16);
		while (*p) {
			if (*p == '\r') {
				p++;
				continue;
			}
			if (*p == '\n') {
				if (nl)
					break;
				nl = 1;
				p++;
				continue;
			}
			if (nl && *p != ' ' && *p != '\t') {
				if (b.len && ivp__buf_addc(&b, ' '))
					A(d)->oom = 1;
				nl = 0;
			} else if (nl) {
				p++;
				continue;
			}
			if (ivp__buf_addc(&b, *p++))
				A(d)->oom = 1;
		}
		while (b.len && (b.p[b.len - 1] == ' ' || b.p[b.len - 1] == '\t'))
			b.p[--b.len] = '\0';
		if (b.len)
			para(d, RB_PARA, ivp__buf_str(&b));
		ivp__buf_free(&b);
	}
}

/* The body of a report's text, NULL when it has none (yet). */
static const char *text_of(dctx *d, const char *key)
{
	const rp_text *t = ivp__rp_text(d->m, key);

	return t ? t->body : NULL;
}

/* The status on the title page: definitief since its date, or concept with
 * every missing text named. A complete report not yet definitief says
 * nothing. */
static void status_notes(dctx *d)
{
	const rp_model *m = d->m;
	int i;

	if (m->final) {
		para(d, RB_NOTE, ivp__rp_printf(A(d), W("Definitief sinds %s. De inhoud van dit rapport is vastgelegd; latere imports, planversies en teksten veranderen het niet.", "Final since %s. The content of this report is frozen; later imports, plan versions and texts do not change it."), date(d, m->final_date ? m->final_date : m->date)));
		return;
	}
	if (!m->nmissing)
		return;
	para(d, RB_NOTE, W("Concept: dit rapport is nog niet compleet.", "Draft: this report is not complete yet."));
	for (i = 0; i < m->ntexts; i++)
		if (m->texts[i].required && !m->texts[i].body)
			para(d, RB_NOTE, ivp__rp_printf(A(d), "%s.", m->texts[i].missing));
}

/* ---- words ------------------------------------------------------------------ */

static const char *status_word(dctx *d, int s)
{
	static const char *const nl[RP_NSTATUS] = { "geen gegevens", "geen status", "op koers", "risico", "niet op koers" };
	static const char *const en[RP_NSTATUS] = { "no data", "no status", "on track", "at risk", "off track" };

	return d->en_ ? en[s] : nl[s];
}

static const char *measure_status(dctx *d, const char *s)
{
	if (!s)
		return "";
	if (!strcmp(s, "planned"))
		return W("gepland", "planned");
	if (!strcmp(s, "running"))
		return W("in uitvoering", "running");
	if (!strcmp(s, "done"))
		return W("afgerond", "done");
	if (!strcmp(s, "stopped"))
		return W("gestopt", "stopped");
	return s;
}

/* "per 1.000 inwoners" for an engine rate; the goal's own unit otherwise. */
static const char *unit_of(dctx *d, int per, int youth)
{
	char n[32];

	ivp__rp_num(d->m->lang, per, 0, n, sizeof(n));
	return ivp__rp_printf(A(d), "per %s %s", n,
			      youth ? W("jongeren van 12-17 jaar", "aged 12-17") : W("inwoners", "inhabitants"));
}

static const char *goal_unit(dctx *d, const rp_goal *g)
{
	return g->engine ? unit_of(d, g->per, g->youth) : g->unit ? g->unit :
								    "";
}

static int goal_dec(const rp_goal *g, double v)
{
	return g->engine ? 1 : v == floor(v) ? 0 :
					       1;
}

static const char *goal_value(dctx *d, const rp_goal *g, double v)
{
	return number(d, v, goal_dec(g, v) ? goal_dec(g, v) : (g->engine ? 1 : 0));
}

static const char *source_tables(dctx *d, const char *s)
{
	const char * or = s ? strstr(s, " or ") : NULL;

	if (!s)
		return "";
	if (! or || d->en_)
		return s;
	return ivp__rp_printf(A(d), "%.*s of %s", (int)(or -s), s, or +4);
}

/* The reason of a goal's status in words, by the rule of docs/progress-rules.md. */
static const char *goal_reason(dctx *d, const rp_goal *g)
{
	int s = !strcmp(g->direction, "higher") ? 1 : -1;
	int hold = s * (g->target - g->baseline) <= 0;
	double best = s > 0 ? g->hi : g->lo;
	const char *exact = g->exact ? W(" Geen marge bekend: als exact vergeleken.", " No margin known: compared as exact.") : "";
	const char *e = g->has ? goal_value(d, g, g->expected) : "";

	switch (g->status) {
	case RP_NODATA:
		if (g->shown)
			return ivp__rp_printf(A(d), W("De telling uit het register voor %d staat er als ‘%s’ (aantallen van 1 tot en met 4 worden niet getoond, en niets waaruit ze terug te rekenen zijn): ze telt niet als gemeten waarde.", "The register's count for %d is shown as ‘%s’ (counts of 1 to 4 are not shown, nor anything they could be worked out from): it is not used as a measured value."),
					      g->year, g->shown);
		if (g->indicator && !strncmp(g->indicator, "register:", 9))
			return ivp__rp_printf(A(d), W("Geen telling uit het register na %d tot en met %d: het register is gesloten (geen sleutelbestand) of het verslagjaar ligt niet na de nulmeting.", "No count from the register after %d up to %d: the register is closed (no key file) or the report year is not after the baseline."),
					      g->base_year, d->m->year);
		if (g->engine)
			return ivp__rp_printf(A(d), W("Nog geen waarde na %d tot en met %d. Importeer de cijfers uit %s.", "No value yet after %d up to %d. Import the figures from %s."),
					      g->base_year, d->m->year, source_tables(d, g->source_tables));
		return ivp__rp_printf(A(d), W("Nog geen waarde na %d tot en met %d. Registreer de waarde met ivp import values.", "No value yet after %d up to %d. Register the value with ivp import values."),
				      g->base_year, d->m->year);
	case RP_NOSTATUS:
		return ivp__rp_printf(A(d), W("Er zijn alleen waarden in een andere eenheid dan die van het doel (%s); waarden in verschillende eenheden worden nooit vergeleken.", "Values exist only in another unit than the goal's (%s); values in different units are never compared."),
				      goal_unit(d, g));
	case RP_OFF:
		if (hold)
			return ivp__rp_printf(A(d), W("Slechter dan het niveau dat vastgehouden moet worden (%s), ook buiten de ruis.%s", "Worse than the level to hold (%s), beyond the noise.%s"),
					      goal_value(d, g, g->target), exact);
		return ivp__rp_printf(A(d), W("Achter op de lijn: zelfs de gunstige kant van het interval (%s) is slechter dan verwacht voor %d (%s).%s", "Behind the line: even the favourable end of the interval (%s) is worse than expected for %d (%s).%s"),
				      goal_value(d, g, best), g->year, e, exact);
	case RP_ON:
		if (hold)
			return ivp__rp_printf(A(d), W("Op of beter dan het niveau dat vastgehouden moet worden (%s).%s", "At or better than the level to hold (%s).%s"),
					      goal_value(d, g, g->target), exact);
		return ivp__rp_printf(A(d), W("Op of voor de lijn (verwacht voor %d: %s) en de verandering sinds %d is groter dan de ruis.%s", "At or ahead of the line (expected for %d: %s) and the change since %d is beyond the noise.%s"),
				      g->year, e, g->base_year, exact);
	default:
		if (hold)
			return ivp__rp_printf(A(d), W("Iets slechter dan het niveau dat vastgehouden moet worden (%s), binnen de ruis.", "Slightly worse than the level to hold (%s), within the noise."),
					      goal_value(d, g, g->target));
		if (s * (g->value - g->expected) >= 0)
			return ivp__rp_printf(A(d), W("Voor op de lijn (verwacht voor %d: %s), maar de verandering sinds %d valt binnen de ruis: daarmee nog niet op koers.", "Ahead of the line (expected for %d: %s), but the change since %d is within the noise: not on track by itself."),
					      g->year, e, g->base_year);
		return ivp__rp_printf(A(d), W("Achter op de lijn (verwacht voor %d: %s), maar binnen de ruis.", "Behind the line (expected for %d: %s), but within the noise."),
				      g->year, e);
	}
}

/* ---- chapters ---------------------------------------------------------------- */

static const char *chapter_id(dctx *d, const char *id)
{
	return ivp__rp_printf(A(d), "h-%s", id);
}

static void summary(dctx *d)
{
	static const char *head_nl[] = { "Prioriteit", "Doelen", "Op koers", "Risico", "Niet op koers",
					 "Geen gegevens", "Geen status", "Begroot", "Besteed" };
	static const char *head_en[] = { "Priority", "Goals", "On track", "At risk", "Off track", "No data",
					 "No status", "Budgeted", "Spent" };
	static const double w[] = { 3.2, 1, 1, 1, 1.15, 1.3, 1.1, 1.35, 1.35 };
	static const int right[] = { 0, 1, 1, 1, 1, 1, 1, 1, 1 };
	const rp_model *m = d->m;
	rp_table *t;
	int i, k;

	heading(d, 1, "h-samenvatting", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Samenvatting", "Summary")));
	if (text_of(d, "inleiding")) {
		heading(d, 2, "h-inleiding", W("Inleiding", "Introduction"));
		text_paras(d, text_of(d, "inleiding"));
		heading(d, 2, "h-samenvatting-cijfers", W("De cijfers", "The figures"));
	}
	if (!d->en_)
		para(d, RB_PARA,
		     ivp__rp_printf(A(d),
				    "Van de %d doelen van het plan %s er in %d %d op koers, %d %s risico en %d %s niet op koers; "
				    "van %d is (nog) geen oordeel mogelijk (geen gegevens of geen status). Het plan begroot voor %d %s. "
				    "De maatregelen hebben tot en met %d %s besteed van %s.",
				    m->ngoals, m->counts[RP_ON] == 1 ? "is" : "zijn", m->year, m->counts[RP_ON],
				    m->counts[RP_RISK], m->counts[RP_RISK] == 1 ? "loopt" : "lopen", m->counts[RP_OFF],
				    m->counts[RP_OFF] == 1 ? "is" : "zijn", m->counts[RP_NODATA] + m->counts[RP_NOSTATUS], m->year,
				    money(d, m->budget_year), m->year, money(d, m->measures_spent), money(d, m->measures_budget)));
	else
		para(d, RB_PARA,
		     ivp__rp_printf(A(d),
				    "Of the plan's %d goals, in %d %d %s on track, %d at risk and %d off track; %d cannot be judged "
				    "(yet) (no data or no status). The plan budgets %s for %d. Up to and including %d the measures "
				    "spent %s of %s.",
				    m->ngoals, m->year, m->counts[RP_ON], m->counts[RP_ON] == 1 ? "is" : "are", m->counts[RP_RISK],
				    m->counts[RP_OFF], m->counts[RP_NODATA] + m->counts[RP_NOSTATUS], money(d, m->budget_year), m->year,
				    m->year, money(d, m->measures_spent), money(d, m->measures_budget)));
	t = table(d, "t-samenvatting",
		  ivp__rp_printf(A(d), W("Per prioriteit: de status van de doelen in %d en het geld van de maatregelen (begroot over het plan, besteed tot en met %d)", "Per priority: the status of the goals in %d and the money of the measures (budgeted over the plan, spent up to and including %d)"),
				 m->year, m->year),
		  W("Samenvatting", "Summary"), 9, d->en_ ? head_en : head_nl, w, right);
	for (i = 0; i < m->npriorities; i++) {
		const rp_priority *p = &m->priorities[i];

		tcell(d, t, ivp__rp_printf(A(d), "%c. %s", 'a' + i, p->title));
		ncell(d, t, RP_INT, p->ngoals);
		for (k = RP_ON; k <= RP_OFF; k++)
			ncell(d, t, RP_INT, p->counts[k]);
		ncell(d, t, RP_INT, p->counts[RP_NODATA]);
		ncell(d, t, RP_INT, p->counts[RP_NOSTATUS]);
		money_cell(d, t, p->budget);
		money_cell(d, t, p->spent);
	}
	tcell(d, t, W("Totaal", "Total"));
	ncell(d, t, RP_INT, m->ngoals);
	for (k = RP_ON; k <= RP_OFF; k++)
		ncell(d, t, RP_INT, m->counts[k]);
	ncell(d, t, RP_INT, m->counts[RP_NODATA]);
	ncell(d, t, RP_INT, m->counts[RP_NOSTATUS]);
	money_cell(d, t, m->measures_budget);
	money_cell(d, t, m->measures_spent);
	if (t)
		t->last_total = 1;
}

void ivp__rp_goal_chart(const rp_goal *g, rp_chart *c)
{
	int i;

	ivp__chart_init(c);
	c->title = g->title;
	for (i = 0; i < g->npoints; i++)
		ivp__chart_add(c, g->points[i].year, g->points[i].v, g->points[i].lo, g->points[i].hi, NAN);
	c->has_target = 1;
	c->x0 = g->base_year;
	c->y0 = g->baseline;
	c->x1 = g->target_year;
	c->y1 = g->target;
	c->break_year = g->break_year;
	ivp__chart_fit(c);
}

static void goal_chart(dctx *d, const rp_goal *g, const char *pfx)
{
	static const char *head_nl[] = { "Jaar", "Waarde", "Interval (95%)" };
	static const char *head_en[] = { "Year", "Value", "Interval (95%)" };
	static const double w[] = { 1, 1.2, 2 };
	static const int right[] = { 1, 1, 1 };
	rp_block *b;
	rp_chart *c;
	rp_table *t;
	int i;

	if (!g->npoints)
		return;
	c = ivp__rp_alloc(A(d), sizeof(*c));
	b = block(d, RB_CHART);
	if (!c || !b)
		return;
	ivp__rp_goal_chart(g, c);
	c->title = ivp__rp_printf(A(d), "%s%s", g->title, g->illustration ? W(" (illustratie)", " (illustration)") : "");
	c->unit = goal_unit(d, g);
	c->band_label = "interval (95%)";
	c->line_label = W("gemeten", "measured");
	c->target_label = W("lijn van nulmeting naar streefwaarde", "line from baseline to target");
	if (c->break_year) {
		c->line_label = W("gemeten, CBS 83648NED", "measured, CBS 83648NED");
		c->line2_label = W("gemeten, Politie 47013NED", "measured, Police 47013NED");
		c->break_label = W("andere indeling", "classification changes");
	}
	b->chart = c;
	b->text = ivp__rp_printf(A(d), W("Figuur: de gemeten waarden in %s%s; de stippellijn loopt van de nulmeting (%d) naar de streefwaarde (%d).", "Figure: the values measured, %s%s; the dashed line runs from the baseline (%d) to the target (%d)."),
				 goal_unit(d, g), c->has_band ? W(", met het 95%-interval als band", ", with the 95% interval as a band") : "",
				 g->base_year, g->target_year);
	if (c->break_year)
		b->text = ivp__rp_printf(A(d), W("%s Vanaf %d telt de politie (47013NED), daarvoor het CBS (83648NED, afgerond op 5): twee indelingen, twee lijnen.", "%s From %d the police count (47013NED), before it CBS (83648NED, rounded to 5): two classifications, two lines."),
					 b->text, c->break_year);
	t = table(d, ivp__rp_printf(A(d), "t-%s-reeks", g->id),
		  ivp__rp_printf(A(d), W("De cijfers van de figuur: %s (%s)", "The figure's numbers: %s (%s)"), g->title, goal_unit(d, g)),
		  ivp__rp_printf(A(d), "%s %s", pfx, g->id), 3, d->en_ ? head_en : head_nl, w, right);
	for (i = 0; i < g->npoints; i++) {
		const rp_point *p = &g->points[i];

		ncell(d, t, RP_YEAR, p->year);
		cell(d, t, RP_DEC1, p->v, goal_value(d, g, p->v));
		if (p->lo == p->v && p->hi == p->v)
			tcell(d, t, W("exact (geen marge)", "exact (no margin)"));
		else
			tcell(d, t, ivp__rp_printf(A(d), "%s – %s", goal_value(d, g, p->lo), goal_value(d, g, p->hi)));
	}
}

static void priority_goals(dctx *d, const rp_priority *p, char letter)
{
	static const char *head_nl[] = { "Doel", "Indicator en eenheid", "Nulmeting", "Streefwaarde", "Laatste waarde", "Status" };
	static const char *head_en[] = { "Goal", "Indicator and unit", "Baseline", "Target", "Latest value", "Status" };
	static const double w[] = { 3.1, 2.4, 1.25, 1.45, 1.6, 1.1 };
	static const int right[] = { 0, 0, 1, 1, 1, 0 };
	const rp_model *m = d->m;
	rp_table *t;
	int i;

	heading(d, 2, ivp__rp_printf(A(d), "h-%s-bereiken", p->id), W("Wat wilden we bereiken?", "What did we want to achieve?"));
	if (!p->ngoals) {
		para(d, RB_PARA, W("Deze prioriteit heeft geen doelen in het plan.", "This priority has no goals in the plan."));
		return;
	}
	t = table(d, ivp__rp_printf(A(d), "t-%s-doelen", p->id),
		  ivp__rp_printf(A(d), W("Doelen van prioriteit %c: nulmeting, streefwaarde, laatste waarde tot en met %d en status", "Goals of priority %c: baseline, target, latest value up to and including %d, and status"),
				 letter, m->year),
		  ivp__rp_printf(A(d), "%c %s", letter, W("Doelen", "Goals")), 6, d->en_ ? head_en : head_nl, w, right);
	for (i = 0; i < p->ngoals; i++) {
		const rp_goal *g = p->goals[i];

		tcell(d, t, ivp__rp_printf(A(d), "%s%s", g->title, g->illustration ? W(" [illustratie]", " [illustration]") : ""));
		tcell(d, t, ivp__rp_printf(A(d), "%s (%s)", g->indicator_name ? g->indicator_name : g->indicator, goal_unit(d, g)));
		cell(d, t, RP_DEC1, g->baseline, ivp__rp_printf(A(d), "%s (%d)", goal_value(d, g, g->baseline), g->base_year));
		cell(d, t, RP_DEC1, g->target, ivp__rp_printf(A(d), "%s (%d)", goal_value(d, g, g->target), g->target_year));
		if (g->has && !g->exact)
			cell(d, t, RP_DEC1, g->value, ivp__rp_printf(A(d), "%s (%d) %s–%s", goal_value(d, g, g->value), g->year, goal_value(d, g, g->lo), goal_value(d, g, g->hi)));
		else if (g->has)
			cell(d, t, RP_DEC1, g->value, ivp__rp_printf(A(d), "%s (%d)", goal_value(d, g, g->value), g->year));
		else if (g->shown) /* a register count below 5 (or hidden with one): its word, never a figure */
			tcell(d, t, ivp__rp_printf(A(d), "%s (%d)", g->shown, g->year));
		else
			tcell(d, t, "–");
		tcell(d, t, status_word(d, g->status));
	}
	for (i = 0; i < p->ngoals; i++) {
		const rp_goal *g = p->goals[i];

		const char *c = text_of(d, ivp__rp_printf(A(d), "doel:%s", g->id));

		para(d, RB_NOTE, ivp__rp_printf(A(d), "%s — %s: %s", g->title, status_word(d, g->status), goal_reason(d, g)));
		if (c)
			text_paras(d, c);
	}
	for (i = 0; i < p->ngoals; i++)
		goal_chart(d, p->goals[i], ivp__rp_printf(A(d), "%c %s", letter, W("Figuur", "Figure")));
}

static const char *measure_progress(dctx *d, const rp_measure *x)
{
	ivp__buf b;
	const char *s;
	int i;

	ivp__buf_init(&b, 16384);
	for (i = 0; i < x->nentries; i++) {
		const rp_entry *e = &x->entries[i];

		if (ivp__buf_printf(&b, "%s%s: %s%s%s", b.len ? "; " : "", date(d, e->date), measure_status(d, e->status),
				    e->note ? " — " : "", e->note ? e->note : ""))
			A(d)->oom = 1;
	}
	if (x->outputs && ivp__buf_printf(&b, "%s%s %s", b.len ? ". " : "", W("Prestaties:", "Outputs:"), x->outputs))
		A(d)->oom = 1;
	s = b.len ? ivp__rp_strdup(A(d), ivp__buf_str(&b)) : "–";
	ivp__buf_free(&b);
	return s;
}

static void priority_measures(dctx *d, const rp_priority *p, char letter)
{
	static const char *head_nl[] = { "Maatregel", "Trekker", "Partners", "Status", "Voortgang en prestaties" };
	static const char *head_en[] = { "Measure", "Owner", "Partners", "Status", "Progress and outputs" };
	static const double w[] = { 3, 1.8, 2, 1.2, 3.4 };
	static const int right[] = { 0, 0, 0, 0, 0 };
	rp_table *t;
	int i;

	heading(d, 2, ivp__rp_printf(A(d), "h-%s-gedaan", p->id), W("Wat hebben we gedaan?", "What did we do?"));
	if (!p->nmeasures) {
		para(d, RB_PARA, W("Voor deze prioriteit staan geen maatregelen in het plan.", "The plan has no measures for this priority."));
		return;
	}
	t = table(d, ivp__rp_printf(A(d), "t-%s-maatregelen", p->id),
		  ivp__rp_printf(A(d), W("Maatregelen van prioriteit %c: trekker, partners, status en voortgang tot en met %d", "Measures of priority %c: owner, partners, status and progress up to and including %d"),
				 letter, d->m->year),
		  ivp__rp_printf(A(d), "%c %s", letter, W("Maatregelen", "Measures")), 5, d->en_ ? head_en : head_nl, w, right);
	for (i = 0; i < p->nmeasures; i++) {
		const rp_measure *x = p->measures[i];

		tcell(d, t, ivp__rp_printf(A(d), "%s%s", x->title, x->illustration ? W(" [illustratie]", " [illustration]") : ""));
		tcell(d, t, x->owner);
		tcell(d, t, x->partners ? x->partners : "–");
		tcell(d, t, measure_status(d, x->status));
		tcell(d, t, measure_progress(d, x));
	}
}

static void priority_costs(dctx *d, const rp_priority *p, char letter)
{
	static const char *head_nl[] = { "Maatregel", "Begroot %d", "Besteed %d", "Begroot (plan)", "Besteed t/m %d", "Besteed" };
	static const char *head_en[] = { "Measure", "Budget %d", "Spent %d", "Budget (plan)", "Spent to %d", "Spent" };
	static const double w[] = { 3.4, 1.4, 1.4, 1.5, 1.5, 1 };
	static const int right[] = { 0, 1, 1, 1, 1, 1 };
	const char **head = ivp__rp_alloc(A(d), 6 * sizeof(char *));
	const int y = d->m->year;
	int64_t by = 0, sy = 0;
	rp_table *t;
	int i;

	heading(d, 2, ivp__rp_printf(A(d), "h-%s-gekost", p->id), W("Wat heeft het gekost?", "What did it cost?"));
	if (!head)
		return;
	for (i = 0; i < 6; i++)
		head[i] = ivp__rp_printf(A(d), d->en_ ? head_en[i] : head_nl[i], y);
	if (!p->nmeasures) {
		para(d, RB_PARA, W("Er is geen geld aan maatregelen van deze prioriteit toegekend.", "No money is assigned to measures of this priority."));
		return;
	}
	t = table(d, ivp__rp_printf(A(d), "t-%s-kosten", p->id),
		  ivp__rp_printf(A(d), W("Kosten van prioriteit %c: begroot en besteed in %d, en over het plan", "Cost of priority %c: budgeted and spent in %d, and over the plan"),
				 letter, y),
		  ivp__rp_printf(A(d), "%c %s", letter, W("Kosten", "Cost")), 6, head, w, right);
	for (i = 0; i < p->nmeasures; i++) {
		const rp_measure *x = p->measures[i];

		tcell(d, t, x->title);
		money_cell(d, t, x->budget_year);
		money_cell(d, t, x->spent_year);
		money_cell(d, t, x->budget);
		money_cell(d, t, x->spent);
		if (x->budget)
			ncell(d, t, RP_PCT, (double)x->spent / (double)x->budget);
		else
			tcell(d, t, "–");
		by += x->budget_year;
		sy += x->spent_year;
	}
	tcell(d, t, W("Totaal", "Total"));
	money_cell(d, t, by);
	money_cell(d, t, sy);
	money_cell(d, t, p->budget);
	money_cell(d, t, p->spent);
	if (p->budget)
		ncell(d, t, RP_PCT, (double)p->spent / (double)p->budget);
	else
		tcell(d, t, "–");
	if (t)
		t->last_total = 1;
}

static void priorities(dctx *d)
{
	const rp_model *m = d->m;
	int i;

	for (i = 0; i < m->npriorities; i++) {
		const rp_priority *p = &m->priorities[i];
		char letter = (char)('a' + i);

		heading(d, 1, chapter_id(d, p->id),
			ivp__rp_printf(A(d), "%d %s %c: %s", ++d->chapter, W("Prioriteit", "Priority"), letter, p->title));
		{
			const char *t = text_of(d, ivp__rp_printf(A(d), "prioriteit:%s", p->id));

			if (t) {
				heading(d, 2, ivp__rp_printf(A(d), "h-%s-toelichting", p->id), W("Toelichting", "Explanation"));
				text_paras(d, t);
			}
		}
		priority_goals(d, p, letter);
		priority_measures(d, p, letter);
		priority_costs(d, p, letter);
	}
}

static void finances(dctx *d)
{
	static const char *head_nl[] = { "Jaar", "Begroot (plan)", "Dekking", "P&C-document", "Begroot maatregelen", "Besteed maatregelen" };
	static const char *head_en[] = { "Year", "Budget (plan)", "Funded from", "P&C document", "Measures budget", "Measures spent" };
	static const double w[] = { 0.8, 1.5, 3, 1.8, 1.6, 1.6 };
	static const int right[] = { 1, 1, 0, 0, 1, 1 };
	const rp_model *m = d->m;
	int64_t mb = 0, ms = 0;
	rp_table *t;
	int i;

	heading(d, 1, "h-financien", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Financiën van het plan", "The plan's finances")));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Het budget van het plan per jaar, met de dekking en het document van de planning- en controlcyclus waarin het is verwerkt, tegenover wat de maatregelen in dat jaar begroten en besteden (besteed: tot en met %d).", "The plan's budget per year, with its funding and the planning-and-control document that carries it, against what the measures budget and spend in that year (spent: up to and including %d)."), m->year));
	t = table(d, "t-financien", W("Budget van het plan per jaar", "The plan's budget per year"),
		  W("Financien", "Finances"), 6, d->en_ ? head_en : head_nl, w, right);
	for (i = 0; i < m->nbudget; i++) {
		const rp_budget *b = &m->budget[i];

		ncell(d, t, RP_YEAR, b->year);
		money_cell(d, t, b->amount);
		tcell(d, t, b->source ? b->source : W("geen budget in het plan", "no budget in the plan"));
		tcell(d, t, b->document ? b->document : "–");
		money_cell(d, t, b->measures_budget);
		money_cell(d, t, b->year <= m->year ? b->measures_spent : 0);
		mb += b->measures_budget;
		ms += b->year <= m->year ? b->measures_spent : 0;
	}
	tcell(d, t, W("Totaal", "Total"));
	money_cell(d, t, m->budget_total);
	tcell(d, t, "");
	tcell(d, t, "");
	money_cell(d, t, mb);
	money_cell(d, t, ms);
	if (t)
		t->last_total = 1;
}

static const char *source_of(dctx *d, const rp_indicator *x)
{
	if (!x->has)
		return source_tables(d, x->source_tables);
	return ivp__rp_printf(A(d), W("%s (import %lld); bevolking: CBS (import %lld)", "%s (import %lld); population: CBS (import %lld)"),
			      x->classification && !strcmp(x->classification, "cbs") ? "CBS" : W("Politie", "Police"),
			      (long long)x->import_id, (long long)x->population_import);
}

static void indicators(dctx *d)
{
	static const char *head2_nl[] = { "Indicator", "%d", "%d", "Verandering (95%%-interval)", "Oordeel", "Ten opzichte van Nederland" };
	static const char *head2_en[] = { "Indicator", "%d", "%d", "Change (95%% interval)", "Verdict", "Against the Netherlands" };
	static const double w[] = { 2.6, 2, 1.5, 1.5, 2.4, 1 };
	static const int right[] = { 0, 0, 1, 1, 0, 1 };
	/* with the groups: Indicator · Eenheid · gemeente · Nederland · grootteklasse · regio · Bron · Periode
	 * (one group only: the first seven of the last seven) */
	static const double wg[] = { 2.2, 1.4, 1.4, 1.3, 1.8, 1.1, 2.0, 1.2 };
	static const int rightg[] = { 0, 0, 1, 1, 1, 1, 0, 1 };
	static const double wg1[] = { 2.3, 1.6, 1.5, 1.4, 1.8, 2.1, 1.2 };
	static const int rightg1[] = { 0, 0, 1, 1, 1, 0, 1 };
	static const double w2[] = { 2.6, 1, 1, 2.2, 1.8, 1.8 };
	static const int right2[] = { 0, 1, 1, 1, 0, 0 };
	const rp_model *m = d->m;
	const char **head = ivp__rp_alloc(A(d), 8 * sizeof(char *)), **head2 = ivp__rp_alloc(A(d), 6 * sizeof(char *));
	rp_table *t;
	int i, missing = 0, sc = m->sizeclass_name != NULL, reg = m->region_name != NULL, k = 4;

	heading(d, 1, "h-indicatoren", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Veiligheidsindicatoren (BBV)", "Safety indicators (BBV)")));
	if (!head || !head2)
		return;
	head[0] = "Indicator";
	head[1] = W("Eenheid", "Unit");
	head[2] = m->area_name;
	head[3] = W("Nederland", "Netherlands");
	if (sc)
		head[k++] = W("Grootteklasse", "Size class");
	if (reg)
		head[k++] = W("Regio", "Region");
	head[k++] = W("Bron", "Source");
	head[k++] = W("Periode", "Period");
	para(d, RB_PARA, ivp__rp_printf(A(d), W("De verplichte beleidsindicatoren veiligheid van het BBV en het totaal aan geregistreerde misdrijven voor %s in %d, met Nederland ter vergelijking. Zonder gegevens staat er een streepje en zegt de toelichting welke tabel nog geïmporteerd moet worden; ivp vult nooit een cijfer aan.", "The BBV's mandatory safety indicators and total registered crime for %s in %d, with the Netherlands for comparison. Without data the cell shows a dash and the note says which table to import; ivp never makes a figure up."), m->area_name, m->year));
	if (sc || reg) /* what the two columns hold */
		para(d, RB_NOTE, ivp__rp_printf(A(d), W("Grootteklasse: %s; regio: %s (telkens zonder %s zelf).", "Size class: %s; region: %s (each without %s itself)."), sc ? m->sizeclass_name : "–", reg ? m->region_name : "–", m->area_name));
	t = table(d, "t-bbv", ivp__rp_printf(A(d), W("Beleidsindicatoren veiligheid %d", "Safety indicators %d"), m->year),
		  W("BBV-indicatoren", "BBV indicators"), k, head, k == 6 ? w : k == 7 ? wg1 :
											 wg,
		  k == 6 ? right : k == 7 ? rightg1 :
					    rightg);
	for (i = 0; i < m->nindicators; i++) {
		const rp_indicator *x = &m->indicators[i];

		tcell(d, t, x->name);
		tcell(d, t, unit_of(d, x->per, x->youth));
		if (x->has)
			cell(d, t, RP_DEC1, x->value, number(d, x->value, 1));
		else
			tcell(d, t, "–");
		if (x->c.has_nl)
			cell(d, t, RP_DEC1, x->c.nl, number(d, x->c.nl, 1));
		else
			tcell(d, t, "–");
		if (sc && x->c.has_sc)
			cell(d, t, RP_DEC1, x->c.sc, number(d, x->c.sc, 1));
		else if (sc)
			tcell(d, t, "–");
		if (reg && x->c.has_reg)
			cell(d, t, RP_DEC1, x->c.reg, number(d, x->c.reg, 1));
		else if (reg)
			tcell(d, t, "–");
		tcell(d, t, source_of(d, x));
		ncell(d, t, RP_YEAR, m->year);
		missing += !x->has;
	}
	for (i = 0; i < 6; i++)
		head2[i] = ivp__rp_printf(A(d), d->en_ ? head2_en[i] : head2_nl[i], i == 1 ? m->year - 1 : m->year);
	t = table(d, "t-verandering",
		  ivp__rp_printf(A(d), W("Verandering ten opzichte van %d en ten opzichte van Nederland (per 1.000 inwoners)", "Change against %d and against the Netherlands (per 1,000 inhabitants)"),
				 m->year - 1),
		  W("Verandering", "Change"), 6, head2, w2, right2);
	for (i = 0; i < m->nindicators; i++) {
		const rp_indicator *x = &m->indicators[i];
		char c[48], lo[48], hi[48];

		tcell(d, t, x->name);
		if (x->has_prev)
			cell(d, t, RP_DEC1, x->prev, number(d, x->prev, 1));
		else
			tcell(d, t, "–");
		if (x->has)
			cell(d, t, RP_DEC1, x->value, number(d, x->value, 1));
		else
			tcell(d, t, "–");
		if (x->c.has_change) {
			ivp__rp_pct_change(m->lang, x->c.change, c, sizeof(c));
			ivp__rp_pct_change(m->lang, x->c.change_lo, lo, sizeof(lo));
			ivp__rp_pct_change(m->lang, x->c.change_hi, hi, sizeof(hi));
			cell(d, t, RP_PCT, x->c.change - 1, ivp__rp_printf(A(d), W("%s (%s tot %s)", "%s (%s to %s)"), c, lo, hi));
		} else {
			tcell(d, t, "–");
		}
		tcell(d, t, x->c.verdict ? x->c.verdict : "–");
		tcell(d, t, x->c.vs_nl ? x->c.vs_nl : "–");
	}
	for (i = 0; i < m->nindicators; i++) {
		const rp_indicator *x = &m->indicators[i];

		if (!x->has)
			para(d, RB_NOTE, ivp__rp_printf(A(d), W("%s: geen gegevens voor %s in %d. Importeer %s.", "%s: no data for %s in %d. Import %s."), x->name, m->area_name, m->year, source_tables(d, x->source_tables)));
	}
	if (missing)
		para(d, RB_NOTE, W("In het voorbeeld zijn alleen de totalen van de geregistreerde misdrijven per gemeente opgenomen; de cijfers per soort misdrijf, nodig voor de BBV-indicatoren, staan er niet in.", "The example holds only the total registered crime per gemeente; the figures per crime type the BBV indicators need are not in it."));
}

static const char *import_kind(dctx *d, const char *k)
{
	static const char *const w[][3] = { { "codes", "codelijst", "code list" }, { "population", "bevolking", "population" }, { "crime", "misdrijven", "crime" }, { "long", "misdrijven (lang)", "crime (long)" }, { "values", "eigen waarden", "local values" }, { "boundaries", "grenzen", "boundaries" }, { "plan", "planbestand", "plan file" } };
	size_t i;

	for (i = 0; k && i < sizeof(w) / sizeof(w[0]); i++)
		if (!strcmp(k, w[i][0]))
			return w[i][d->en_ ? 2 : 1];
	return k ? k : "";
}

static void status_rule(dctx *d)
{
	static const char *hr_nl[] = { "Status", "Wanneer" };
	static const char *hr_en[] = { "Status", "When" };
	static const double wr[] = { 1.4, 6 };
	static const int rr[] = { 0, 0 };
	rp_table *t;

	heading(d, 2, "h-bronnen-statusregel", W("Hoe de status van een doel wordt bepaald", "How a goal's status is decided"));
	para(d, RB_PARA, W("Elk doel heeft een nulmeting, een streefwaarde en een richting (lager of hoger is beter). De lijn loopt recht van de nulmeting naar de streefwaarde; voor elk jaar geeft ze de waarde die het plan dan verwacht. De laatste waarde is de nieuwste waarde na het jaar van de nulmeting tot en met het verslagjaar, met haar onzekerheid: voor cijfers van politie en CBS het exacte 95%-interval van het aantal per 1.000 inwoners, voor een enquête als de Veiligheidsmonitor de marge van de meting.", "Each goal has a baseline, a target and a direction (lower or higher is better). The line runs straight from the baseline to the target; for every year it gives the value the plan expects then. The latest value is the newest value after the baseline year up to the report year, with its uncertainty: for police and CBS figures the exact 95% interval of the rate per 1,000 inhabitants, for a survey such as the Veiligheidsmonitor the survey's margin."));
	para(d, RB_PARA, W("In gewone woorden: een doel is alleen op koers als de verbetering echt is (groter dan de ruis) en minstens zo snel gaat als gepland; het is alleen niet op koers als zelfs de gunstigste lezing van het cijfer achterloopt op het plan. Een verandering binnen de ruis maakt een doel nooit vanzelf op koers.", "In plain words: a goal is on track only when the improvement is real (beyond the noise) and at least as fast as planned; off track only when even the most favourable reading of the figure is behind the plan. A change inside the noise never makes a goal on track by itself."));
	t = table(d, "t-statusregel", W("De statuswoorden", "The status words"), W("Statusregel", "Status rule"), 2,
		  d->en_ ? hr_en : hr_nl, wr, rr);
	tcell(d, t, status_word(d, RP_ON));
	tcell(d, t, W("De waarde ligt op of voor de lijn én de verandering sinds de nulmeting is groter dan de ruis.", "The value is at or better than the line and the change since the baseline is beyond the noise."));
	tcell(d, t, status_word(d, RP_RISK));
	tcell(d, t, W("Al het andere: achter de lijn maar binnen de ruis, of voor de lijn terwijl de verandering sinds de nulmeting nog binnen de ruis valt.", "Everything else: behind the line but within the noise, or ahead of it while the change since the baseline is still inside the noise."));
	tcell(d, t, status_word(d, RP_OFF));
	tcell(d, t, W("Het hele interval ligt achter de lijn: zelfs de gunstige kant is slechter dan verwacht.", "The whole interval is behind the line: even the favourable end is worse than expected."));
	tcell(d, t, status_word(d, RP_NODATA));
	tcell(d, t, W("Er is nog geen waarde na het jaar van de nulmeting; de toelichting zegt wat er geïmporteerd moet worden.", "There is no value after the baseline year yet; the note says what to import."));
	tcell(d, t, status_word(d, RP_NOSTATUS));
	tcell(d, t, W("Er zijn waarden, maar niet in de eenheid van het doel: waarden in verschillende eenheden worden nooit vergeleken.", "Values exist, but not in the goal's unit: values in different units are never compared."));
}

static void method(dctx *d)
{
	static const char *hs_nl[] = { "Nr.", "Soort", "Bestand", "SHA-256", "Rijen", "Datum" };
	static const char *hs_en[] = { "No.", "Kind", "File", "SHA-256", "Rows", "Date" };
	static const double ws[] = { 0.6, 1.4, 3.4, 3.6, 0.9, 1.5 };
	static const int rs[] = { 1, 0, 0, 0, 1, 1 };
	static const char *hd_nl[] = { "Sleutel", "Versie", "Classificatie", "Naam", "Codes", "Bron" };
	static const char *hd_en[] = { "Key", "Version", "Classification", "Name", "Codes", "Source" };
	static const double wd[] = { 1.5, 0.8, 1.2, 2.4, 2.4, 2.6 };
	static const int rd[] = { 0, 1, 0, 0, 0, 0 };
	const rp_model *m = d->m;
	rp_table *t;
	int i;

	heading(d, 1, "h-bronnen", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Bronnen en methode", "Sources and method")));
	heading(d, 2, "h-bronnen-imports", W("Gebruikte gegevens", "Data used"));
	if (m->plan_title)
		para(d, RB_PARA, ivp__rp_printf(A(d), W("Het plan: %s, versie %lld (%s).", "The plan: %s, version %lld (%s)."), m->plan_title, (long long)m->plan_version, m->plan_source ? m->plan_source : ""));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Elke import in de database, met het bestand, de SHA-256 van de inhoud en de datum waarop de import klaar was; de cijfers van hoofdstuk %d noemen hun import.", "Every import in the database, with its file, the SHA-256 of its content and the date the import finished; the figures of chapter %d name their import."), d->chapter - 1));
	t = table(d, "t-imports", "Imports", W("Bronnen", "Sources"), 6, d->en_ ? hs_en : hs_nl, ws, rs);
	for (i = 0; i < m->nsources; i++) {
		const rp_source *s = &m->sources[i];

		ncell(d, t, RP_INT, (double)s->id);
		tcell(d, t, import_kind(d, s->kind));
		tcell(d, t, s->file);
		tcell(d, t, s->sha256);
		ncell(d, t, RP_INT, (double)s->rows);
		tcell(d, t, date(d, s->finished));
	}
	heading(d, 2, "h-bronnen-definities", W("Definities van de indicatoren", "Indicator definitions"));
	para(d, RB_PARA, W("Elke indicator telt de misdrijven van de genoemde codes bij elkaar op, per 1.000 inwoners op 1 januari van het jaar. Politiecodes (soort misdrijf) en CBS-codes zijn twee classificaties; een nieuwe versie van een definitie vervangt de oude niet.", "Each indicator sums the crimes of the codes named, per 1,000 inhabitants on 1 January of the year. Police codes (SoortMisdrijf) and CBS codes are two classifications; a new version of a definition does not replace the old one."));
	t = table(d, "t-definities", W("Definities die dit rapport gebruikt", "Definitions this report uses"),
		  W("Definities", "Definitions"), 6, d->en_ ? hd_en : hd_nl, wd, rd);
	for (i = 0; i < m->ndefs; i++) {
		const rp_def *x = &m->defs[i];

		tcell(d, t, x->key);
		ncell(d, t, RP_INT, x->version);
		tcell(d, t, x->classification && !strcmp(x->classification, "cbs") ? "CBS" : W("politie", "police"));
		tcell(d, t, x->name);
		tcell(d, t, x->codes);
		tcell(d, t, source_tables(d, x->source_tables));
	}
	if (m->kind == RP_VOORTGANG)
		status_rule(d);
	heading(d, 2, "h-bronnen-oordeel", W("De oordeelwoorden bij de indicatoren", "The verdict words of the indicators"));
	para(d, RB_PARA, W("Bij de indicatoren staat “significant hoger” of “significant lager” alleen als het 95%-interval van de verhouding tussen de twee cijfers (dit jaar tegen vorig jaar, de gemeente tegen Nederland) de 1 niet bevat: dan is het verschil groter dan toeval bij deze aantallen kan verklaren. Anders staat er “geen duidelijke verandering” of “geen duidelijk verschil”. Kleine aantallen (onder de 10) worden gemarkeerd.", "The indicators say “significantly higher” or “significantly lower” only when the 95% interval of the ratio of the two figures (this year against last year, the municipality against the Netherlands) does not contain 1: then the difference is larger than chance can explain at these counts. Otherwise they say “no clear change” or “no clear difference”. Small counts (below 10) are flagged."));
}

/* ---- the safety picture (veiligheidsbeeld) ------------------------------------------ */

static const char *change_text(dctx *d, double r, double lo, double hi)
{
	char c[48], l[48], h[48];

	ivp__rp_pct_change(d->m->lang, r, c, sizeof(c));
	ivp__rp_pct_change(d->m->lang, lo, l, sizeof(l));
	ivp__rp_pct_change(d->m->lang, hi, h, sizeof(h));
	return ivp__rp_printf(A(d), W("%s (%s tot %s)", "%s (%s to %s)"), c, l, h);
}

/* The last year of the trend before year y. */
static int last_before(const rp_model *m, int y)
{
	int i, r = 0;

	for (i = 0; i < m->ntrend; i++)
		if (m->trend[i].year < y)
			r = m->trend[i].year;
	return r;
}

static void picture_summary(dctx *d)
{
	const rp_model *m = d->m;
	const rp_trend *x = m->ntrend ? &m->trend[m->ntrend - 1] : NULL;
	int i, missing = 0;

	heading(d, 1, "h-opvalt", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Wat valt op", "What stands out")));
	if (text_of(d, "inleiding"))
		text_paras(d, text_of(d, "inleiding"));
	if (!x || x->year != m->year) {
		para(d, RB_PARA, ivp__rp_printf(A(d), W("Voor %d is geen totaal aan geregistreerde misdrijven bekend.", "No total of registered crime is known for %d."), m->year));
		return;
	}
	para(d, RB_PARA, ivp__rp_printf(A(d), W("In %d registreerde de politie in %s %s misdrijven: %s per 1.000 inwoners (95%%-interval %s tot %s).", "In %d the police registered %s crimes in %s: %s per 1,000 inhabitants (95%% interval %s to %s)."), m->year, d->en_ ? number(d, (double)x->count, 0) : m->area_name, d->en_ ? m->area_name : number(d, (double)x->count, 0), number(d, x->value, 1), number(d, x->lo, 1), number(d, x->hi, 1)));
	if (x->c.has_change)
		para(d, RB_PARA, ivp__rp_printf(A(d), W("Ten opzichte van %d: %s, %s.", "Against %d: %s, %s."), m->year - 1, change_text(d, x->c.change, x->c.change_lo, x->c.change_hi), x->c.verdict ? x->c.verdict : "–"));
	if (x->c.has_nl)
		para(d, RB_PARA, ivp__rp_printf(A(d), W("Nederland: %s per 1.000 inwoners; %s is daartegen %s.", "The Netherlands: %s per 1,000 inhabitants; against it %s is %s."), number(d, x->c.nl, 1), m->area_name, x->c.vs_nl ? x->c.vs_nl : "–"));
	if (m->ntrend > 1) {
		/* only within one classification: 83648NED and 47013NED count differently */
		const rp_trend *f;

		for (i = 0; i + 1 < m->ntrend && m->trend[i].classification && x->classification &&
			    strcmp(m->trend[i].classification, x->classification);
		     i++)
			;
		f = &m->trend[i];
		if (f != x)
			para(d, RB_PARA, ivp__rp_printf(A(d), W("Over %d tot en met %d: van %s naar %s per 1.000 inwoners.", "From %d to %d: from %s to %s per 1,000 inhabitants."), f->year, x->year, number(d, f->value, 1), number(d, x->value, 1)));
		if (f != m->trend)
			para(d, RB_NOTE, ivp__rp_printf(A(d), W("De jaren %d tot en met %d komen uit een andere indeling (CBS 83648NED); die worden in hoofdstuk %d getoond, maar niet met %d vergeleken.", "The years %d to %d come from another classification (CBS 83648NED); chapter %d shows them, but they are not compared with %d."), m->trend[0].year, last_before(m, f->year), d->chapter + 1, x->year));
	}
	if (m->nbuurten) {
		const rp_area *top = &m->buurten[0];

		for (i = 1; i < m->nbuurten; i++)
			if (m->buurten[i].count > top->count)
				top = &m->buurten[i];
		para(d, RB_PARA, ivp__rp_printf(A(d), W("De meeste misdrijven van de buurten in %d: %s (%s).", "Most crimes of the buurten in %d: %s (%s)."), m->ranking_year, top->name, number(d, (double)top->count, 0)));
	}
	for (i = 0; i < m->nindicators; i++)
		missing += !m->indicators[i].has;
	if (missing)
		para(d, RB_NOTE, ivp__rp_printf(A(d), W("Van %d van de %d indicatoren ontbreken de cijfers per soort misdrijf; hoofdstuk %d zegt welke tabellen nog geïmporteerd moeten worden.", "For %d of the %d indicators the figures per crime type are missing; chapter %d says which tables to import."), missing, m->nindicators, d->chapter + 3 + (m->particip && m->particip->id) + (m->particip && m->particip->eval_plan) + (m->regs != NULL)));
}

static void picture_trend(dctx *d)
{
	static const char *head_nl[] = { "Jaar", "Aantal", "Per 1.000", "Interval (95%)", "Verandering", "Oordeel", "Nederland", "Ten opzichte van Nederland" };
	static const char *head_en[] = { "Year", "Count", "Per 1,000", "Interval (95%)", "Change", "Verdict", "Netherlands", "Against the Netherlands" };
	static const double w[] = { 0.7, 0.9, 0.9, 1.3, 1.9, 1.7, 1, 1.6 };
	static const int right[] = { 1, 1, 1, 1, 1, 0, 1, 0 };
	const rp_model *m = d->m;
	rp_chart *c = ivp__rp_alloc(A(d), sizeof(*c));
	rp_block *b;
	rp_table *t;
	int i, brk = 0;

	heading(d, 1, "h-trend", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Geregistreerde criminaliteit over de jaren", "Registered crime over the years")));
	if (!m->ntrend || !c)
		return;
	ivp__chart_init(c);
	c->title = ivp__rp_printf(A(d), W("Geregistreerde misdrijven in %s", "Registered crime in %s"), m->area_name);
	c->unit = unit_of(d, 1000, 0);
	c->line_label = W("gemeten", "measured");
	c->band_label = "interval (95%)";
	c->target_label = "";
	for (i = 0; i < m->ntrend; i++) {
		ivp__chart_add(c, m->trend[i].year, m->trend[i].value, m->trend[i].lo, m->trend[i].hi, NAN);
		/* a change of classification (CBS 83648NED until 2020, Politie
		 * 47013NED after): two series, never one line */
		if (i && !brk && m->trend[i].classification && m->trend[i - 1].classification &&
		    strcmp(m->trend[i].classification, m->trend[i - 1].classification))
			brk = m->trend[i].year;
	}
	if (brk) {
		c->break_year = brk;
		c->line_label = "CBS 83648NED"; /* the table's name, in either language */
		c->line2_label = W("Politie 47013NED", "Police 47013NED");
		c->break_label = W("andere indeling", "classification changes");
		if (strcmp(m->trend[0].classification, "cbs")) {
			c->line_label = W("Politie 47013NED", "Police 47013NED");
			c->line2_label = "CBS 83648NED";
		}
	}
	ivp__chart_fit(c);
	if ((b = block(d, RB_CHART))) {
		b->chart = c;
		b->text = ivp__rp_printf(A(d), W("Figuur: geregistreerde misdrijven %s, met het 95%%-interval als band.", "Figure: registered crime %s, with the 95%% interval as a band."), c->unit);
		if (brk)
			b->text = ivp__rp_printf(A(d), W("%s Tot en met %d telt het CBS (83648NED, aantallen afgerond op 5), vanaf %d de politie (47013NED): twee indelingen, daarom twee lijnen die niet met elkaar verbonden zijn en geen vergelijking over de grens.", "%s Up to %d the figures are CBS's (83648NED, counts rounded to 5), from %d the police's (47013NED): two classifications, hence two lines that are not joined and no comparison across the change."),
						 b->text, m->trend[0].year < brk ? last_before(m, brk) : brk, brk);
	}
	t = table(d, "t-trend", ivp__rp_printf(A(d), W("Geregistreerde misdrijven per jaar in %s, met Nederland", "Registered crime per year in %s, with the Netherlands"), m->area_name),
		  W("Over de jaren", "Over the years"), 8, d->en_ ? head_en : head_nl, w, right);
	for (i = 0; i < m->ntrend; i++) {
		const rp_trend *x = &m->trend[i];

		ncell(d, t, RP_YEAR, x->year);
		ncell(d, t, RP_INT, (double)x->count);
		ncell(d, t, RP_DEC1, x->value);
		tcell(d, t, ivp__rp_printf(A(d), "%s – %s", number(d, x->lo, 1), number(d, x->hi, 1)));
		if (x->c.has_change)
			cell(d, t, RP_PCT, x->c.change - 1, change_text(d, x->c.change, x->c.change_lo, x->c.change_hi));
		else
			tcell(d, t, "–");
		tcell(d, t, x->c.has_change && x->c.verdict ? x->c.verdict : "–");
		if (x->c.has_nl)
			ncell(d, t, RP_DEC1, x->c.nl);
		else
			tcell(d, t, "–");
		tcell(d, t, x->c.vs_nl ? x->c.vs_nl : "–");
	}
}

static void area_table(dctx *d, const char *id, const char *caption, const char *sheet, const char *what, const rp_area *a, int n)
{
	static const char *head_nl[] = { "", "Code", "Aantal", "Per 1.000", "Interval (95%)", "Ten opzichte van de grenzen" };
	static const char *head_en[] = { "", "Code", "Count", "Per 1,000", "Interval (95%)", "Against the limits" };
	static const double w[] = { 2.6, 1.3, 0.9, 0.9, 1.4, 2.2 };
	static const int right[] = { 0, 0, 1, 1, 1, 0 };
	const char **head = ivp__rp_alloc(A(d), 6 * sizeof(char *));
	rp_table *t;
	int i;

	if (!head)
		return;
	memcpy(head, d->en_ ? head_en : head_nl, 6 * sizeof(char *));
	head[0] = what;
	t = table(d, id, caption, sheet, 6, head, w, right);
	for (i = 0; i < n; i++) {
		tcell(d, t, a[i].name);
		tcell(d, t, a[i].code);
		ncell(d, t, RP_INT, (double)a[i].count);
		if (a[i].has) {
			ncell(d, t, RP_DEC1, a[i].value);
			tcell(d, t, ivp__rp_printf(A(d), "%s – %s", number(d, a[i].lo, 1), number(d, a[i].hi, 1)));
		} else {
			tcell(d, t, "–");
			tcell(d, t, "–");
		}
		tcell(d, t, a[i].funnel ? a[i].funnel : "–");
	}
}

/* The buurten's funnel plot (funnel.h), its numbers in the buurten table after it. */
static void areas_funnel(dctx *d)
{
	const rp_model *m = d->m;
	rp_funnel_words *w = ivp__rp_alloc(A(d), sizeof(*w));
	rp_block *b;

	if (!m->funnel || !w || !(b = block(d, RB_FUNNEL)))
		return;
	w->title = ivp__rp_printf(A(d), W("Misdrijven per 1.000 inwoners tegen het aantal inwoners, buurten van %s, %d", "Crimes per 1,000 inhabitants against the number of inhabitants, buurten of %s, %d"),
				  m->area_name, m->ranking_year);
	w->desc = W("Een buurt buiten de grenzen wijkt meer af dan toeval en de gewone verschillen tussen buurten verklaren: zonder echt verschil valt 1 buurt op de 20 buiten de 95%-grens (stippellijn) en 1 op de 500 buiten de 99,8%-grens (doorgetrokken lijn).",
		    "A buurt beyond the limits differs more than chance and the ordinary differences between buurten explain: without a real difference, 1 buurt in 20 lies beyond the 95% limit (dashed line) and 1 in 500 beyond the 99.8% limit (solid line).");
	w->xunit = ivp__rp_printf(A(d), W("inwoners op 1 januari %d", "inhabitants on 1 January %d"), m->ranking_year);
	w->yunit = W("per 1.000 inwoners", "per 1,000 inhabitants");
	w->own = m->area_name;
	w->other = W("andere gemeenten", "other municipalities");
	w->mean = W("gemiddelde", "average");
	w->l95 = W("95%-grens", "95% limit");
	w->l998 = W("99,8%-grens", "99.8% limit");
	b->funnel = m->funnel;
	b->fwords = w;
	b->text = W("Figuur: trechterdiagram van de buurten; een omcirkelde stip ligt buiten de grenzen. De tabel van de buurten hieronder geeft dezelfde cijfers.",
		    "Figure: funnel plot of the buurten; a ringed dot lies beyond the limits. The table of the buurten below gives the same figures.");
}

static void picture_areas(dctx *d)
{
	const rp_model *m = d->m;
	int i, nopop = 0, nsmall = 0;

	heading(d, 1, "h-buurten", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Wijken en buurten", "Wijken and buurten")));
	if (!m->ranking_year) {
		para(d, RB_PARA, W("Er zijn geen cijfers per wijk of buurt; importeer Politie 47018NED.", "There are no figures per wijk or buurt; import Politie 47018NED."));
		return;
	}
	for (i = 0; i < m->nbuurten; i++) {
		nopop += !m->buurten[i].has_pop;
		nsmall += m->buurten[i].has_pop && !m->buurten[i].has;
	}
	para(d, RB_PARA, ivp__rp_printf(A(d), W("De wijken en buurten in %d, gerangschikt op het aantal per 1.000 inwoners op 1 januari %d. Of een buurt opvalt, zeggen de grenzen van het trechterdiagram: het gemiddelde van de buurten, verbreed met het toeval en met de gewone verschillen tussen buurten die de cijfers zelf laten zien. Alleen een buurt buiten de grenzen valt echt op; kleine aantallen zeggen weinig over de plaats in de rangorde.", "The wijken and buurten in %d, ranked on the rate per 1,000 inhabitants on 1 January %d. Whether a buurt stands out is said by the limits of the funnel plot: the average of the buurten, widened by chance and by the ordinary differences between buurten that the figures themselves show. Only a buurt beyond the limits really stands out; small counts say little about the place in the ranking."), m->ranking_year, m->ranking_year));
	if (nopop)
		para(d, RB_NOTE, ivp__rp_printf(A(d), W("Voor %d van de %d buurten is geen bevolking van 1 januari %d bekend: ze staan er met hun aantal, zonder cijfer per 1.000 inwoners.", "For %d of the %d buurten no population on 1 January %d is known: they are listed with their count, without a rate."), nopop, m->nbuurten, m->ranking_year));
	if (nsmall)
		para(d, RB_NOTE, ivp__rp_printf(A(d), W("%d van de %d buurten hebben minder dan %d inwoners (parken, bedrijventerreinen, buitengebied): te weinig inwoners voor een cijfer; ze staan er met hun aantal.", "%d of the %d buurten have fewer than %d inhabitants (parks, business estates, rural areas): too few inhabitants for a rate; they are listed with their count."), nsmall, m->nbuurten, IVP_MIN_POPULATION_DEFAULT));
	areas_funnel(d);
	area_table(d, "t-wijken", ivp__rp_printf(A(d), W("Wijken van %s, %d", "Wijken of %s, %d"), m->area_name, m->ranking_year),
		   "Wijken", "Wijk", m->wijken, m->nwijken);
	area_table(d, "t-buurten", ivp__rp_printf(A(d), W("Buurten van %s, %d", "Buurten of %s, %d"), m->area_name, m->ranking_year),
		   "Buurten", "Buurt", m->buurten, m->nbuurten);
}

/* ---- participation and the previous plan (model_particip.c) ----------------------- */

/* A published count: the number (XLSX: a number) or its word ("< 5", withheld). */
static void shown_cell(dctx *d, rp_table *t, int64_t n, const char *shown)
{
	if (n >= 0)
		ncell(d, t, RP_INT, (double)n);
	else
		tcell(d, t, shown ? shown : "–");
}

static void pt_activities(dctx *d, const rp_particip *p)
{
	static const char *head_nl[] = { "Activiteit", "Datum", "Plaats", "Wijk", "Deelnemers", "Inbreng" };
	static const char *head_en[] = { "Activity", "Date", "Place", "Wijk", "Participants", "Inputs" };
	static const double w[] = { 2.2, 1.5, 1.9, 1.3, 1.1, 0.9 };
	static const int right[] = { 0, 0, 0, 0, 1, 1 };
	rp_table *t = table(d, "t-activiteiten", ivp__rp_printf(A(d), W("Activiteiten van %s", "Activities of %s"), p->title ? p->title : p->id),
			    W("Activiteiten", "Activities"), 6, d->en_ ? head_en : head_nl, w, right);
	int i;

	for (i = 0; i < p->nactivities; i++) {
		const rp_pt_activity *a = &p->activities[i];

		tcell(d, t, a->illustration ? ivp__rp_printf(A(d), "%s (%s)", a->kind ? a->kind : "", W("illustratie", "illustration")) : a->kind);
		tcell(d, t, a->date ? date(d, a->date) : "–");
		tcell(d, t, a->place ? a->place : "–");
		tcell(d, t, a->wijk ? a->wijk : "–");
		tcell(d, t, a->participants ? a->participants : "–");
		tcell(d, t, a->inputs);
	}
	if (t)
		t->note = W("Aantallen van 1 tot 4 staan er als ‘< 5’: zo is niemand te herkennen. Namen van inwoners worden niet vastgelegd.",
			    "Counts of 1 to 4 are shown as ‘< 5’, so that no one can be recognised. Names of residents are not recorded.");
}

/* The inputs per theme (rows) and wijk (columns), with the totals, as the public page shows them. */
static void pt_counts(dctx *d, const rp_particip *p)
{
	int nw = 0, nt, i, k;
	const char **head;
	double *w;
	int *right;
	rp_table *t;

	while (nw < p->ncounts && p->counts[nw].wijk)
		nw++;
	nw++; /* the total over the wijken */
	if (p->ncounts < nw || p->ncounts % nw)
		return;
	nt = p->ncounts / nw;
	head = ivp__rp_alloc(A(d), (size_t)(nw + 1) * sizeof(*head));
	w = ivp__rp_alloc(A(d), (size_t)(nw + 1) * sizeof(*w));
	right = ivp__rp_alloc(A(d), (size_t)(nw + 1) * sizeof(*right));
	if (!head || !w || !right)
		return;
	head[0] = W("Thema", "Theme");
	w[0] = 2.6;
	for (k = 0; k < nw; k++) {
		head[k + 1] = p->counts[k].wijk ? p->counts[k].wijk : W("Alle wijken", "All wijken");
		w[k + 1] = 1.1;
		right[k + 1] = 1;
	}
	t = table(d, "t-inbreng", W("Inbreng per thema en wijk", "Inputs per theme and wijk"), W("Inbreng per thema", "Inputs per theme"), nw + 1, head, w, right);
	for (i = 0; t && i < nt; i++) {
		const rp_pt_count *row = &p->counts[(size_t)i * (size_t)nw];

		tcell(d, t, row->theme ? row->theme : W("Alle thema's", "All themes"));
		for (k = 0; k < nw; k++)
			shown_cell(d, t, row[k].count, row[k].shown);
	}
	if (t) {
		t->last_total = 1;
		t->note = W("Aantallen van 1 tot 4 staan er als ‘< 5’; een aantal dat samen met een totaal zo’n aantal zou teruggeven, is ook afgeschermd. Een inbreng met twee thema’s telt bij elk thema.",
			    "Counts of 1 to 4 are shown as ‘< 5’; a count that together with a total would give such a count back is withheld as well. An input with two themes counts for each.");
	}
}

static void pt_routes(dctx *d, const rp_particip *p)
{
	static const char *head_nl[] = { "Thema", "Wat ermee is gedaan", "Waarin of aan wie", "Inbreng" };
	static const char *head_en[] = { "Theme", "What was done with it", "Into what or to whom", "Inputs" };
	static const double w[] = { 2.2, 2.2, 3.4, 0.9 };
	static const int right[] = { 0, 0, 0, 1 };
	rp_table *t = table(d, "t-route", W("Wat is er met de inbreng gedaan, per thema", "What was done with the inputs, per theme"),
			    W("Route naar het plan", "Route to the plan"), 4, d->en_ ? head_en : head_nl, w, right);
	int i;

	for (i = 0; i < p->nroutes; i++) {
		const rp_pt_route *r = &p->routes[i];

		tcell(d, t, r->theme);
		tcell(d, t, r->route);
		tcell(d, t, r->target ? r->target : "–");
		shown_cell(d, t, r->count, r->shown);
	}
}

static void participation(dctx *d)
{
	const rp_particip *p = d->m->particip;

	if (!p || !p->id)
		return;
	heading(d, 1, "h-participatie", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Participatie", "Participation")));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Het participatietraject ‘%s’: de activiteiten, hoeveel inbreng ze gaven per thema en wijk, en per thema wat er met die inbreng is gedaan — dezelfde cijfers als de openbare pagina ‘Wat is er met uw inbreng gedaan?’.", "The participation trajectory ‘%s’: its activities, how many inputs they gave per theme and wijk, and per theme what was done with those inputs — the same figures as the public page ‘What was done with your input?’."), p->title ? p->title : p->id));
	if (p->aims)
		para(d, RB_PARA, p->aims);
	if (p->illustration)
		para(d, RB_NOTE, W("Let op: dit traject is een illustratie van hoe ivp participatie vastlegt; het zijn geen echte verslagen of feiten over de gemeente.", "Note: this trajectory is an illustration of how ivp records participation; these are not real reports or facts about the municipality."));
	pt_activities(d, p);
	if (p->ncounts)
		pt_counts(d, p);
	if (p->nroutes)
		pt_routes(d, p);
}

/* ---- the registers' counts without persons (model_registers.c) -------------------- */

/* The rule beside the registers' figures, in one sentence (stats/suppress.h). */
static const char *reg_rule(dctx *d)
{
	return W("Aantallen van 1 tot en met 4 staan er als ‘< 5’; een ‘x’ verbergt een aantal dat samen met een totaal en zijn andere delen zo’n klein aantal zou teruggeven (secundaire afscherming).",
		 "Counts of 1 to 4 are shown as ‘< 5’; an ‘x’ hides a count that together with a total and its other parts would give such a small count back (secondary suppression).");
}

static int all_digits(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static void reg_table(dctx *d, const rp_rtable *x)
{
	const char **head;
	double *w;
	int *right;
	rp_table *t;
	int i;

	if (x->ncols < 1 || x->nhead != x->ncols || x->ncells % x->ncols) /* a damaged snapshot draws nothing */
		return;
	head = ivp__rp_alloc(A(d), (size_t)x->ncols * sizeof(*head));
	w = ivp__rp_alloc(A(d), (size_t)x->ncols * sizeof(*w));
	right = ivp__rp_alloc(A(d), (size_t)x->ncols * sizeof(*right));
	if (!head || !w || !right)
		return;
	for (i = 0; i < x->ncols; i++) {
		head[i] = x->head[i].text ? x->head[i].text : "";
		w[i] = i ? (x->ncols > 3 ? 1.0 : 1.6) : 2.4;
		right[i] = i > 0;
	}
	t = table(d, x->id, x->title, x->sheet, x->ncols, head, w, right);
	for (i = 0; t && i < x->ncells; i++) {
		const char *c = x->cells[i].text;

		/* a shown count is a number (XLSX: a number); "< 5" and "x" stay words */
		if (i % x->ncols && all_digits(c))
			ncell(d, t, RP_INT, strtod(c, NULL));
		else
			tcell(d, t, c ? c : "–");
	}
	if (t) {
		t->last_total = 1;
		t->note = reg_rule(d);
	}
}

static void registers(dctx *d)
{
	const rp_regs *r = d->m->regs;
	int i;

	if (!r)
		return;
	heading(d, 1, "h-registers", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Signalen en casussen in aantallen", "Signals and cases in numbers")));
	para(d, RB_PARA, W("Het signalenregister van het ondermijningsoverleg en het casusregister van het Zorg- en Veiligheidshuis, in aantallen zonder personen: de gewogen signalen per fenomeen en uitkomst, per kwartaal en per wijk, en de casussen per status, per kwartaal van registratie en per wijk, over alles wat de registers nu bevatten.", "The signals register of the ondermijningsoverleg and the case register of the Zorg- en Veiligheidshuis, in numbers without persons: the weighed signals per phenomenon and outcome, per quarter and per wijk, and the cases per status, per quarter of registration and per wijk, over everything the registers hold now."));
	para(d, RB_NOTE, reg_rule(d));
	if (r->signals_closed)
		para(d, RB_NOTE, W("De aantallen van het signalenregister staan niet in dit rapport: het register is gesloten (er is geen bruikbaar sleutelbestand).", "The signals register's numbers are not in this report: the register is closed (there is no usable key file)."));
	for (i = 0; i < r->ntables; i++)
		reg_table(d, &r->tables[i]);
}

static const char *eval_num(dctx *d, double v)
{
	return isnan(v) ? "–" : number(d, v, fabs(v - round(v)) < 1e-9 ? 0 : 1);
}

/* Why a goal has its verdict, in the report's numbers (evaluation.c's rule). */
static const char *eval_why(dctx *d, const rp_eval *e)
{
	if (isnan(e->result))
		return W("er is geen resultaat gemeten", "no result was measured");
	if (e->outcome == 0)
		return ivp__rp_printf(A(d), W("%s tegen de streefwaarde %s", "%s against the target %s"), eval_num(d, e->result), eval_num(d, e->target));
	if (e->outcome == 1)
		return ivp__rp_printf(A(d), W("%s tegen de streefwaarde %s, buiten de marge", "%s against the target %s, beyond the margin"), eval_num(d, e->result),
				      eval_num(d, e->target));
	return ivp__rp_printf(A(d), W("%s tegen de streefwaarde %s: binnen de marge (± %s), de meting kan het niet zeggen", "%s against the target %s: within the margin (± %s), the measurement cannot tell"),
			      eval_num(d, e->result), eval_num(d, e->target), eval_num(d, e->margin));
}

static void eval_goals(dctx *d, const rp_particip *p)
{
	static const char *head_nl[] = { "Doel", "Prioriteit", "Nulmeting", "Streefwaarde", "Resultaat", "Eenheid", "Oordeel", "Waarom" };
	static const char *head_en[] = { "Goal", "Priority", "Baseline", "Target", "Result", "Unit", "Verdict", "Why" };
	static const double w[] = { 2.8, 1.2, 0.9, 1.0, 0.9, 1.4, 1.1, 2.6 };
	static const int right[] = { 0, 0, 1, 1, 1, 0, 0, 0 };
	rp_table *t = NULL;
	int i;

	for (i = 0; i < p->nevals; i++) {
		const rp_eval *e = &p->evals[i];

		if (!e->kind || strcmp(e->kind, "goal"))
			continue;
		if (!t)
			t = table(d, "t-evaluatie-doelen", W("Doelen van het vorige plan: resultaat tegen streefwaarde", "Goals of the previous plan: result against target"),
				  W("Evaluatie doelen", "Evaluation goals"), 8, d->en_ ? head_en : head_nl, w, right);
		tcell(d, t, e->title ? e->title : e->id);
		tcell(d, t, e->priority ? e->priority : "–");
		tcell(d, t, eval_num(d, e->baseline));
		tcell(d, t, eval_num(d, e->target));
		tcell(d, t, eval_num(d, e->result));
		tcell(d, t, e->unit ? e->unit : "–");
		tcell(d, t, e->verdict ? e->verdict : "–");
		tcell(d, t, eval_why(d, e));
	}
	if (t)
		t->note = W("Behaald: het resultaat is de streefwaarde of beter. Niet behaald: slechter, ook buiten de marge. Niet meetbaar: geen resultaat gemeten, of slechter maar binnen de marge van de meting.",
			    "Achieved: the result is the target or better. Not achieved: worse, beyond the margin too. Not measurable: no result measured, or worse but within the margin of the measurement.");
}

static void eval_measures(dctx *d, const rp_particip *p)
{
	static const char *head_nl[] = { "Maatregel", "Prioriteit", "Uitgevoerd", "Budget", "Besteed", "Toelichting" };
	static const char *head_en[] = { "Measure", "Priority", "Carried out", "Budget", "Spent", "Note" };
	static const double w[] = { 3.0, 1.2, 1.3, 1.1, 1.1, 2.6 };
	static const int right[] = { 0, 0, 0, 1, 1, 0 };
	rp_table *t = NULL;
	int i;

	for (i = 0; i < p->nevals; i++) {
		const rp_eval *e = &p->evals[i];

		if (!e->kind || strcmp(e->kind, "measure"))
			continue;
		if (!t)
			t = table(d, "t-evaluatie-maatregelen", W("Maatregelen van het vorige plan: uitgevoerd, en besteed tegen budget", "Measures of the previous plan: carried out, and spent against budget"),
				  W("Evaluatie maatregelen", "Evaluation measures"), 6, d->en_ ? head_en : head_nl, w, right);
		tcell(d, t, e->title ? e->title : e->id);
		tcell(d, t, e->priority ? e->priority : "–");
		tcell(d, t, e->done ? e->done : "–");
		if (isnan(e->budget))
			tcell(d, t, "–");
		else
			ncell(d, t, RP_EUR, e->budget);
		if (isnan(e->spent))
			tcell(d, t, "–");
		else
			ncell(d, t, RP_EUR, e->spent);
		tcell(d, t, e->text ? e->text : "–");
	}
}

static void evaluation(dctx *d)
{
	const rp_model *m = d->m;
	const rp_particip *p = m->particip;
	int i, ill = 0;

	if (!p || !p->eval_plan)
		return;
	heading(d, 1, "h-evaluatie", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Evaluatie van het vorige plan", "Evaluation of the previous plan")));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("De evaluatie van %s: per doel het resultaat tegen de streefwaarde met een eerlijk oordeel, per maatregel of die is uitgevoerd en wat die kostte tegen het budget, en de conclusies van de evaluatoren per prioriteit.", "The evaluation of %s: per goal its result against its target with an honest verdict, per measure whether it was carried out and what it cost against its budget, and the evaluators' conclusions per priority."), m->pred_title ? m->pred_title : p->eval_plan));
	for (i = 0; i < p->nevals; i++)
		ill |= p->evals[i].illustration;
	if (ill)
		para(d, RB_NOTE, W("Let op: de doelen, resultaten, maatregelen en conclusies met het label ‘illustratie’ zijn voorbeelden; het zijn geen echte uitkomsten van het vorige plan.", "Note: goals, results, measures and conclusions labelled ‘illustration’ are examples; they are not real outcomes of the previous plan."));
	eval_goals(d, p);
	eval_measures(d, p);
	for (i = 0; i < p->nevals; i++) {
		const rp_eval *e = &p->evals[i];

		if (!e->kind || strcmp(e->kind, "conclusion") || !e->text)
			continue;
		para(d, RB_PARA, ivp__rp_printf(A(d), W("Conclusie bij %s: %s", "Conclusion on %s: %s"), e->title ? e->title : e->priority ? e->priority :
																	     "–",
						e->text));
	}
}

/* ---- the council proposal (raadsvoorstel) ------------------------------------------- */

/* "De aanpak van …" as it reads inside a sentence: "de aanpak van …". */
static const char *lower_first(dctx *d, const char *s)
{
	char *t = ivp__rp_strdup(A(d), s);

	if (t && t[0] >= 'A' && t[0] <= 'Z' && !(t[1] >= 'A' && t[1] <= 'Z'))
		t[0] = (char)(t[0] - 'A' + 'a');
	return t ? t : "";
}

/* The plan's title without the municipality's name after it. */
static const char *plan_name(dctx *d)
{
	const rp_model *m = d->m;
	size_t lt = strlen(m->plan_title), ln = m->area_name ? strlen(m->area_name) : 0;

	if (ln && lt > ln + 1 && !strcmp(m->plan_title + lt - ln, m->area_name) && m->plan_title[lt - ln - 1] == ' ')
		return ivp__rp_printf(A(d), "%.*s", (int)(lt - ln - 1), m->plan_title);
	return m->plan_title;
}

/*
 * The beslispunten: 1. adopt the plan with its priorities a, b, …; then one
 * per incidental year and one per run of structural years (same amount,
 * dekking and P&C document), each with its dekking and the P&C document in
 * which it is processed.
 */
static void decisions(dctx *d)
{
	const rp_model *m = d->m;
	int i, k = 1, nb = 0, n = 0;
	const rp_budget *items[64];

	for (i = 0; i < m->nbudget && nb < 64; i++) {
		const rp_budget *b = &m->budget[i];
		const rp_budget *prev = nb ? items[nb - 1] : NULL;

		if (!b->amount || !b->source)
			continue;
		if (b->structural && prev && prev->structural && prev->amount == b->amount &&
		    !strcmp(prev->source, b->source) && !strcmp(prev->document ? prev->document : "", b->document ? b->document : ""))
			continue; /* the structural amount goes on */
		items[nb++] = b;
	}
	para(d, RB_PARA, W("De raad wordt voorgesteld:", "The council is asked:"));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("%d. het %s vast te stellen met de daarbij horende prioriteiten", "%d. to adopt the %s with its priorities"), k++, plan_name(d)));
	for (i = 0; i < m->npriorities; i++)
		para(d, RB_PARA, ivp__rp_printf(A(d), "    %c. %s%s", 'a' + i, lower_first(d, m->priorities[i].title), i + 1 < m->npriorities ? ";" : nb ? ";" :
																			   "."));
	for (i = 0; i < nb; i++, n++) {
		const rp_budget *b = items[i];
		const char *end = i + 1 < nb ? ";" : ".";

		if (b->structural)
			para(d, RB_PARA, ivp__rp_printf(A(d), W("%d. de structurele financiële gevolgen vanaf %d van %s te dekken uit de %s en te verwerken in de %s%s", "%d. to fund the structural financial consequences from %d of %s from the %s and to process them in the %s%s"), k++, b->year, money(d, b->amount), b->source, b->document ? b->document : "–", end));
		else
			para(d, RB_PARA, ivp__rp_printf(A(d), W("%d. de financiële gevolgen voor %d van %s te dekken uit de %s en te verwerken in de %s%s", "%d. to fund the financial consequences for %d of %s from the %s and to process them in the %s%s"), k++, b->year, money(d, b->amount), b->source, b->document ? b->document : "–", end));
	}
}

static void proposal(dctx *d)
{
	static const char *head_nl[] = { "Jaar", "Bedrag", "Soort", "Dekking", "P&C-document" };
	static const char *head_en[] = { "Year", "Amount", "Kind", "Funded from", "P&C document" };
	static const double w[] = { 0.8, 1.4, 1.3, 3, 2 };
	static const int right[] = { 1, 1, 0, 0, 0 };
	const rp_model *m = d->m;
	rp_table *t;
	int i, nm;

	heading(d, 1, "h-beslispunten", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Beslispunten", "Decisions")));
	decisions(d);
	heading(d, 1, "h-inleiding", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Inleiding", "Introduction")));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Op grond van %s stelt de gemeenteraad ten minste eenmaal in de vier jaar een integraal veiligheidsplan vast.", "Under %s the council adopts an integral safety plan at least once every four years."), m->legal_basis ? m->legal_basis : W("de Politiewet", "the Police Act")));
	if (m->pred_title)
		para(d, RB_PARA, ivp__rp_printf(A(d), W("Het vorige plan, het %s, gold van %d tot en met %d%s%s%s. Het college legt nu het %s voor de jaren %d tot en met %d voor.", "The previous plan, the %s, covered %d to %d%s%s%s. The college now proposes the %s for %d to %d."), m->pred_title, m->pred_from, m->pred_to, m->pred_until ? W(" en is verlengd tot ", " and was extended until ") : "", m->pred_until ? date(d, m->pred_until) : "", "", plan_name(d), m->plan_from, m->plan_to));
	if (text_of(d, "inleiding"))
		text_paras(d, text_of(d, "inleiding"));
	heading(d, 1, "h-resultaat", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Beoogd resultaat", "Intended result")));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Een vastgesteld veiligheidsplan met %d prioriteiten, waarmee de gemeente en haar partners (%s) van %d tot en met %d werken.", "An adopted safety plan with %d priorities, on which the municipality and its partners (%s) work from %d to %d."), m->npriorities, m->partners ? m->partners : "", m->plan_from, m->plan_to));
	if (text_of(d, "beoogd-resultaat"))
		text_paras(d, text_of(d, "beoogd-resultaat"));
	heading(d, 1, "h-argumenten", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Argumenten", "Arguments")));
	for (i = 0; i < m->npriorities; i++) {
		nm = m->priorities[i].nmeasures;
		para(d, RB_PARA, ivp__rp_printf(A(d), W("%c. %s: %d %s en %d %s in het uitvoeringsplan.", "%c. %s: %d %s and %d %s in the implementation plan."), 'a' + i, m->priorities[i].title, m->priorities[i].ngoals, m->priorities[i].ngoals == 1 ? W("doel", "goal") : W("doelen", "goals"), nm, nm == 1 ? W("maatregel", "measure") : W("maatregelen", "measures")));
	}
	if (text_of(d, "argumenten"))
		text_paras(d, text_of(d, "argumenten"));
	else
		para(d, RB_NOTE, W("Concept: de onderbouwing per prioriteit (waarom deze prioriteit, op basis van welke veiligheidscijfers, hoe zij zich verhoudt tot de regionale prioriteiten) schrijft de opsteller; ivp vult hier alleen de cijfers van het plan in.", "Draft: the reasoning per priority (why this priority, on which safety figures, how it relates to the regional priorities) is the author's to write; ivp fills in only the plan's figures here."));
	if (m->illustrations)
		para(d, RB_NOTE, W("De doelen en maatregelen van het voorbeeld zijn illustraties, niet die van de gemeente.", "The example's goals and measures are illustrations, not the municipality's."));
	heading(d, 1, "h-kanttekeningen", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Kanttekeningen", "Caveats")));
	if (text_of(d, "kanttekeningen"))
		text_paras(d, text_of(d, "kanttekeningen"));
	else
		para(d, RB_NOTE, W("Concept: de kanttekeningen schrijft de opsteller.", "Draft: the caveats are the author's to write."));
	heading(d, 1, "h-financien", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Financiën", "Finances")));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Het plan vraagt over %d tot en met %d in totaal %s.", "Over %d to %d the plan asks %s in total."), m->plan_from, m->plan_to, money(d, m->budget_total)));
	t = table(d, "t-financien", W("De financiële gevolgen per jaar, met dekking en P&C-document", "The financial consequences per year, with funding and P&C document"),
		  W("Financien", "Finances"), 5, d->en_ ? head_en : head_nl, w, right);
	for (i = 0; i < m->nbudget; i++) {
		const rp_budget *b = &m->budget[i];

		ncell(d, t, RP_YEAR, b->year);
		money_cell(d, t, b->amount);
		tcell(d, t, !b->source ? "–" : b->structural ? W("structureel", "structural") :
							       W("incidenteel", "incidental"));
		tcell(d, t, b->source ? b->source : W("geen budget in het plan", "no budget in the plan"));
		tcell(d, t, b->document ? b->document : "–");
	}
	tcell(d, t, W("Totaal", "Total"));
	money_cell(d, t, m->budget_total);
	tcell(d, t, "");
	tcell(d, t, "");
	tcell(d, t, "");
	if (t)
		t->last_total = 1;
	heading(d, 1, "h-bronnen", ivp__rp_printf(A(d), "%d %s", ++d->chapter, W("Bronnen", "Sources")));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Het plan: %s, versie %lld (%s)%s%s.", "The plan: %s, version %lld (%s)%s%s."), m->plan_title, (long long)m->plan_version, m->plan_source ? m->plan_source : "", m->publication ? W("; bekendmaking ", "; publication ") : "", m->publication ? m->publication : ""));
}

static void proposal_front(dctx *d)
{
	const rp_model *m = d->m;
	rp_block *b = block(d, RB_TITLE);

	if (b)
		b->text = d->doc->title;
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Aan de gemeenteraad van %s", "To the council of %s"), m->area_name));
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Collegevoorstel %s · aan de raad gezonden %s · raadsvergadering %s", "College proposal %s · sent to the council %s · council meeting %s"), m->college_proposal ? date(d, m->college_proposal) : "–", m->sent_to_council ? date(d, m->sent_to_council) : "–", m->adopted ? date(d, m->adopted) : "–"));
	if (m->nmissing)
		para(d, RB_NOTE, W("Concept: de cijfers, de prioriteiten, de beslispunten en de financiën komen uit het plan in ivp; de argumenten en kanttekeningen schrijft de opsteller.", "Draft: the figures, priorities, decisions and finances come from the plan in ivp; the arguments and caveats are the author's to write."));
	status_notes(d);
	block(d, RB_TOC);
	block(d, RB_BREAK);
}

static void front(dctx *d)
{
	const rp_model *m = d->m;
	rp_block *b = block(d, RB_TITLE);

	if (b)
		b->text = d->doc->title;
	para(d, RB_PARA, d->doc->subtitle);
	para(d, RB_PARA, ivp__rp_printf(A(d), W("Verslagjaar %d · datum %s · plan vastgesteld %s%s%s", "Report year %d · date %s · plan adopted %s%s%s"), m->year, date(d, m->date), m->adopted ? date(d, m->adopted) : "–", m->cvdr ? " · " : "", m->cvdr ? m->cvdr : ""));
	if (m->illustrations)
		para(d, RB_NOTE, W("Let op: de doelen en maatregelen met het label ‘illustratie’ zijn voorbeelden die laten zien hoe ivp doelen en maatregelen volgt. Het zijn niet de doelen, streefwaarden en maatregelen van de gemeente. De prioriteiten, het budget van het plan en de cijfers van CBS en politie zijn echt.", "Note: goals and measures labelled ‘illustration’ are examples of how ivp follows goals and measures. They are not the municipality's goals, targets and measures. The priorities, the plan's budget and the CBS and police figures are real."));
	status_notes(d);
	block(d, RB_TOC);
	block(d, RB_BREAK);
}

rp_doc *ivp__rp_doc(const rp_model *m)
{
	rp_doc *doc = calloc(1, sizeof(*doc));
	dctx dc = { doc, m, !strcmp(m->lang, "en"), 0 };
	dctx *d = &dc;

	if (!doc)
		return NULL;
	doc->lang = d->en_ ? "en" : "nl";
	if (m->kind == RP_VEILIGHEIDSBEELD) {
		doc->title = ivp__rp_printf(A(d), W("Veiligheidsbeeld %s %d", "Safety picture %s %d"), m->area_name, m->year);
		doc->subject = ivp__rp_printf(A(d), W("Geregistreerde criminaliteit in %s: trends, wijken en buurten, vergelijking met Nederland", "Registered crime in %s: trends, wijken and buurten, comparison with the Netherlands"),
					      m->area_name);
		doc->keywords = W("veiligheidsanalyse, veiligheidsbeeld, criminaliteit, BBV", "safety analysis, safety picture, crime, BBV");
	} else if (m->kind == RP_RAADSVOORSTEL) {
		doc->title = ivp__rp_printf(A(d), W("Raadsvoorstel: vaststellen %s", "Council proposal: adopting the %s"), plan_name(d));
		doc->subject = ivp__rp_printf(A(d), W("Voorstel aan de raad om het %s vast te stellen", "Proposal to the council to adopt the %s"),
					      plan_name(d));
		doc->keywords = W("integraal veiligheidsplan, raadsvoorstel, beslispunten", "integral safety plan, council proposal, decisions");
	} else {
		doc->title = ivp__rp_printf(A(d), W("Voortgangsrapportage veiligheid %d", "Safety progress report %d"), m->year);
		doc->subject = ivp__rp_printf(A(d), W("Verantwoording aan de raad over %s, verslagjaar %d", "Account to the council on %s, report year %d"),
					      m->plan_title, m->year);
		doc->keywords = W("integraal veiligheidsplan, voortgang, BBV, veiligheid", "integral safety plan, progress, BBV, safety");
	}
	doc->subtitle = ivp__rp_printf(A(d), W("%s — gemeente %s (%s)", "%s — municipality of %s (%s)"),
				       m->plan_title ? m->plan_title : W("Veiligheidsanalyse", "Safety analysis"), m->area_name, m->area);
	doc->author = ivp__rp_printf(A(d), W("Gemeente %s", "Municipality of %s"), m->area_name);
	doc->date = ivp__rp_strdup(A(d), m->date);
	doc->footer = ivp__rp_printf(A(d), "%s · %s", doc->title, m->area_name);
	doc->page_word = W("Pagina", "Page");
	doc->of_word = W("van", "of");
	doc->toc_title = W("Inhoud", "Contents");
	doc->chapter_pages = m->kind != RP_RAADSVOORSTEL;
	doc->status = m->final ? "definitief" : m->nmissing ? "concept" :
							      "compleet";
	doc->keywords = ivp__rp_printf(A(d), "%s, %s", doc->keywords,
				       m->final ? W("definitief", "final") : m->nmissing ? W("concept", "draft") :
											   W("compleet", "complete"));
	if (m->kind == RP_VEILIGHEIDSBEELD) {
		rp_block *t = block(d, RB_TITLE);

		if (t)
			t->text = doc->title;
		para(d, RB_PARA, doc->subtitle);
		para(d, RB_PARA, ivp__rp_printf(A(d), W("Jaar %d · datum %s", "Year %d · date %s"), m->year, date(d, m->date)));
		status_notes(d);
		block(d, RB_TOC);
		block(d, RB_BREAK);
		picture_summary(d);
		picture_trend(d);
		picture_areas(d);
		participation(d);
		evaluation(d);
		registers(d);
		indicators(d);
		method(d);
	} else if (m->kind == RP_RAADSVOORSTEL) {
		proposal_front(d);
		proposal(d);
	} else {
		front(d);
		summary(d);
		priorities(d);
		finances(d);
		registers(d);
		indicators(d);
		method(d);
	}
	if (doc->a.oom) {
		ivp__rp_doc_free(doc);
		return NULL;
	}
	return doc;
}

void ivp__rp_doc_free(rp_doc *d)
{
	if (!d)
		return;
	ivp__rp_arena_free(&d->a);
	free(d);
}
