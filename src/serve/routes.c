/*
 * routes.c — the route table: every endpoint of the server, with its
 * method, path, handler, summary, who may call it, its parameters, what
 * it answers and, for tables, the columns of a row. The transport's
 * dispatcher (http/router.c) and the OpenAPI document (openapi.c) are
 * made from this one table, and `ivp serve --routes` prints it, so a test
 * can check that the three agree; tests/http/openapi.sh checks the real
 * rows against the columns documented here.
 *
 * To add an endpoint: write its handler (src/api/), add a row here. Pages
 * (HTML, src/web/) have rows of their own with the response type "page";
 * only /api/ rows go into OpenAPI.
 */
#include "api/api.h"
#include "serve/serve_int.h"
#include "web/web.h"

static const http_param p_none[] = { { 0 } };
/* dutch: the document's descriptions in Dutch with ?lang=nl (openapi.c) */
static const http_param p_openapi[] = {
	{ "lang", HTTP_P_ENUM, 0, "en,nl", "nl", "language of the descriptions (default en)" },
	{ 0 }
};

/* ---- the columns of the tables (JSON rows; "{area}": one per compared area) ---- */

#define T HTTP_C_TEXT
#define I HTTP_C_INT
#define R HTTP_C_REAL
#define RT HTTP_C_REAL_TEXT

static const http_col c_areas[] = {
	{ "code", T, 0, "the CBS code, e.g. GM1926, WK192601, BU19260101" },
	{ "name", T, 0, "the name" },
	{ "level", T, 0, "NL, PV, GM, WK or BU" },
	{ "parent", T, 1, "the area it lies in (null for the country)" },
	{ "population", I, 1, "inhabitants on 1 January of population_1jan" },
	{ "population_1jan", I, 1, "the year of that population figure" },
	{ 0 }
};

static const http_col c_indicators[] = {
	{ "indicator", T, 0, "the indicator key" },
	{ "name", T, 0, "its name in the language asked for" },
	{ "classification", T, 0, "police or cbs: whose crime codes" },
	{ "definition_version", I, 0, "the version of the definition used" },
	{ "area", T, 0, "the area as asked for" },
	{ "year", I, 0, "the year" },
	{ "count", I, 1, "registered crimes (null: no data)" },
	{ "population", I, 1, "inhabitants the rate is on" },
	{ "per_1000", R, 1, "the rate per 1,000 inhabitants" },
	{ "per_1000_lo", R, 1, "lower end of its 95% interval" },
	{ "per_1000_hi", R, 1, "upper end of its 95% interval" },
	{ "small", T, 1, "\"small\" when the count is below the threshold" },
	{ "prev_year", I, 0, "the year before" },
	{ "prev_count", I, 1, "the count of the year before" },
	{ "prev_per_1000", R, 1, "the rate of the year before" },
	{ "change", T, 1, "the change as text with its interval, e.g. +6.0% (-0.9% to +13.4%)" },
	{ "change_ratio", R, 1, "rate ratio this year / the year before" },
	{ "change_lo", R, 1, "lower end of its 95% interval" },
	{ "change_hi", RT, 1, "upper end of its 95% interval (\"inf\" when unbounded)" },
	{ "verdict", T, 0, "what the change means: significant rise, no clear change, …, no data" },
	{ "baseline_year", I, 1, "the baseline year asked for" },
	{ "baseline_count", I, 1, "the count in the baseline year" },
	{ "baseline_per_1000", R, 1, "the rate in the baseline year" },
	{ "baseline_ratio", R, 1, "rate ratio this year / the baseline year" },
	{ "baseline_lo", R, 1, "lower end of its 95% interval" },
	{ "baseline_hi", RT, 1, "upper end of its 95% interval (\"inf\" when unbounded)" },
	{ "baseline_verdict", T, 1, "the verdict against the baseline year" },
	{ "provisional", T, 1, "\"provisional\" when the figure is provisional" },
	{ "import", I, 1, "the import the count comes from (GET /api/v1/sources)" },
	{ "population_import", I, 1, "the import the population comes from" },
	{ "unit", T, 0, "the unit of per_1000 in the language asked for, e.g. per 1.000 inwoners" },
	{ "source", T, 1, "the source table of the count: Politie 47013NED (gemeente), Politie 47018NED (wijk/buurt) or CBS 83648NED (null: no data)" },
	{ "period", T, 0, "the period the count covers, e.g. 2024" },
	{ "population_source", T, 1, "the source table of the population: CBS 37230ned (gemeente) or CBS Kerncijfers wijken en buurten" },
	{ "population_date", T, 1, "the date of the population figure, e.g. 2024-01-01" },
	{ "rounded", T, 1, "set when CBS rounded the figures to 5 (83648NED counts, wijk/buurt inhabitants)" },
	{ "classification_break", T, 1, "set when the year before exists only in the other classification: then no change is computed" },
	{ "note", T, 1, "what the user should know, e.g. which table to import" },
	{ "cmp{n}_area", T, 0, "comparison area n as asked for (an area spec or a group: regio, grootteklasse, a group's name)" },
	{ "cmp{n}_name", T, 1, "what it is: its name, or \"the rest of Haaglanden\" when the area is part of it (then compared with the rest; docs/groups.md)" },
	{ "cmp{n}_count", I, 1, "its count" },
	{ "cmp{n}_population", I, 1, "its inhabitants (of the rest, when the area is part of it)" },
	{ "{area}_per_1000", R, 1, "its rate per 1,000 inhabitants" },
	{ "cmp{n}_ratio", R, 1, "rate ratio area / comparison area" },
	{ "cmp{n}_lo", R, 1, "lower end of its 95% interval" },
	{ "cmp{n}_hi", RT, 1, "upper end of its 95% interval (\"inf\" when unbounded)" },
	{ "vs_{area}", T, 0, "the verdict against the comparison area" },
	{ 0 }
};

static const http_col c_ranking[] = {
	{ "rank", I, 1, "1 for the highest rate (null: no population)" },
	{ "code", T, 0, "the area's code" },
	{ "name", T, 0, "its name" },
	{ "count", I, 0, "registered crimes" },
	{ "population", I, 1, "inhabitants" },
	{ "per_1000", R, 1, "the rate per 1,000 inhabitants" },
	{ "per_1000_lo", R, 1, "lower end of its 95% interval" },
	{ "per_1000_hi", R, 1, "upper end of its 95% interval" },
	{ "small", T, 1, "\"small\" when the count is below the threshold" },
	{ "ratio_all", R, 1, "rate ratio area / all areas ranked together" },
	{ "ratio_all_lo", R, 1, "lower end of its 95% interval" },
	{ "ratio_all_hi", RT, 1, "upper end of its 95% interval (\"inf\" when unbounded)" },
	{ "vs_all", T, 0, "exact Poisson test against all of them together, for comparison only (ignores the variation between areas)" },
	{ "provisional", I, 0, "1 when the figure is provisional" },
	{ "from_buurten", I, 0, "1 when a wijk's count is the sum of its buurten" },
	{ "import", I, 0, "the import the count comes from" },
	{ "population_import", I, 1, "the import the population comes from (null: summed from buurten)" },
	{ "funnel", T, 0, "where the rate lies against the funnel limits (docs/ranking.md): only areas beyond them stand out" },
	{ "z", R, 1, "the z-score adjusted for the variation between areas" },
	{ "limit95_lo", R, 1, "lower 95% funnel limit for the area's population, per 1,000" },
	{ "limit95_hi", R, 1, "upper 95% funnel limit, per 1,000" },
	{ "limit998_lo", R, 1, "lower 99.8% funnel limit, per 1,000" },
	{ "limit998_hi", R, 1, "upper 99.8% funnel limit, per 1,000" },
	{ "population_year", I, 1, "the population is of 1 January of this year" },
	{ "population_from_buurten", I, 0, "1 when a wijk's population is the sum of its buurten" },
	{ "own", I, 0, "1 for an area inside area, 0 for one of reference" },
	{ 0 }
};

static const http_col c_groups[] = {
	{ "group", T, 0, "the group's name, as in compare=" },
	{ "title", T, 0, "its title" },
	{ "kind", T, 0, "region, group or sizeclass (the derived grootteklasse)" },
	{ "members", I, 0, "its number of members (0 for the derived ones)" },
	{ "source", T, 1, "where its membership comes from" },
	{ "import", I, 1, "the import that wrote it (null for the derived ones)" },
	{ 0 }
};

/* ---- the signals register (issue 13, src/api/api_signals.c, src/web/signals.c) ---- */

static const http_col c_sig_list[] = {
	{ "id", T, 0, "the signal's number, e.g. S-2026-0007" },
	{ "received", T, 0, "the date it came in (YYYY-MM-DD)" },
	{ "source", T, 0, "resident, anonymous, department, police or partner (with lang: its label)" },
	{ "phenomenon", T, 0, "drugs, money_laundering, trafficking, real_estate, care_fraud, omg or other" },
	{ "wijk", T, 1, "the wijk of its buurt (a CBS code), null when none" },
	{ "status", T, 0, "received, agenda, weighed, handed_over, inquiry or closed" },
	{ "outcome", T, 1, "the weighing's outcome: none, department, riec, police, inquiry; null: not weighed" },
	{ "handler", T, 1, "the named department handler (a user), null when none" },
	{ "intake", T, 0, "the member who took it in" },
	{ 0 }
};

static const http_col c_sig_one[] = {
	{ "id", T, 0, "the signal's number" },
	{ "received", T, 0, "the date it came in" },
	{ "source", T, 0, "the source" },
	{ "phenomenon", T, 0, "the phenomenon" },
	{ "buurt", T, 1, "its buurt (CBS code)" },
	{ "wijk", T, 1, "its wijk (CBS code)" },
	{ "address", T, 1, "the address (stored encrypted)" },
	{ "description", T, 1, "what was seen or reported (stored encrypted)" },
	{ "persons", T, 1, "the persons concerned (stored encrypted)" },
	{ "companies", T, 1, "the companies concerned (stored encrypted)" },
	{ "status", T, 0, "its status" },
	{ "intake", T, 0, "the member who took it in" },
	{ "handler", T, 1, "the named department handler" },
	{ "weighed", T, 1, "the date of the weighing; null: not weighed" },
	{ "meeting", T, 1, "the meeting it was weighed in" },
	{ "concrete", T, 1, "1: concrete, 0: not" },
	{ "recent", T, 1, "1: recent, 0: not" },
	{ "pattern", T, 1, "1: part of a pattern, 0: not" },
	{ "outcome", T, 1, "the outcome of the weighing" },
	{ "department", T, 1, "the department it went to (outcome department)" },
	{ "checks", T, 1, "the hit/no-hit checks (stored encrypted)" },
	{ "followup", T, 1, "the follow-up date" },
	{ "result", T, 1, "the follow-up's result (stored encrypted)" },
	{ 0 }
};

static const http_col c_sig_history[] = {
	{ "seq", T, 0, "1, 2, … in order" },
	{ "status", T, 0, "the status from then on" },
	{ "by", T, 0, "who set it" },
	{ "at", T, 0, "when (ISO 8601)" },
	{ 0 }
};

static const http_col c_sig_meetings[] = {
	{ "id", T, 0, "the meeting's number" },
	{ "date", T, 0, "its date" },
	{ "orgs", T, 0, "the attending organisations (ids, comma-separated)" },
	{ "signals", T, 0, "the number of signals on its agenda" },
	{ 0 }
};

static const http_col c_sig_agenda[] = {
	{ "meeting", I, 0, "the meeting's number" },
	{ "date", T, 0, "its date" },
	{ "signal", T, 0, "a signal on its agenda (those the user may see)" },
	{ "phenomenon", T, 0, "the signal's phenomenon" },
	{ "status", T, 0, "the signal's status" },
	{ 0 }
};

static const http_col c_sig_counts[] = {
	{ "phenomenon", T, 0, "the phenomenon, or the total" },
	{ "none", T, 0, "weighed as no action: a count, \"< 5\" or \"x\" (suppressed)" },
	{ "department", T, 0, "handed to a municipal department" },
	{ "riec", T, 0, "handed to the RIEC" },
	{ "police", T, 0, "handed to the police" },
	{ "inquiry", T, 0, "further inquiry" },
	{ "total", T, 0, "all outcomes" },
	{ 0 }
};

static const http_col c_sig_counts_q[] = {
	{ "quarter", T, 0, "the quarter of the weighing (2026 Q1), or the total" },
	{ "weighed", T, 0, "signals weighed: a count, \"< 5\" or \"x\" (suppressed)" },
	{ 0 }
};

static const http_col c_sig_counts_wk[] = {
	{ "wijk", T, 0, "the wijk (CBS code) of the signal's buurt, \"no wijk\", or the total" },
	{ "weighed", T, 0, "signals weighed: a count, \"< 5\" or \"x\" (suppressed)" },
	{ 0 }
};

static const http_col c_pt_themes[] = {
	{ "theme", T, 0, "the theme's key (empty on the row of all themes)" },
	{ "title", T, 0, "its title" },
	{ "wijk", T, 0, "the wijk's code (empty: all wijken, or an input without a wijk)" },
	{ "wijk_name", T, 0, "its name, \"no wijk\" or \"all wijken\"" },
	{ "row", T, 0, "cell, theme_total, wijk_total or total" },
	{ "count", I, 1, "the number of times inputs named the theme; null when suppressed" },
	{ "shown", T, 0, "what is published: the count, \"< 5\" or \"withheld\"" },
	{ "suppressed", T, 0, "\"\", small (1 to 4) or secondary" },
	{ 0 }
};

static const http_col c_pt_routes[] = {
	{ "theme", T, 0, "the theme's key" },
	{ "title", T, 0, "its title" },
	{ "route", T, 0, "priority, goal, measure, passed, not_taken, or empty (not decided yet)" },
	{ "route_text", T, 0, "the route in words" },
	{ "target", T, 0, "the plan item, policy or partner it went to" },
	{ "count", I, 1, "the theme's inputs on this route; null when suppressed" },
	{ "shown", T, 0, "what is published: the count, \"< 5\" or \"withheld\"" },
	{ "suppressed", T, 0, "\"\", small or secondary" },
	{ "target_title", T, 0, "the target as people read it: the title of the plan's priority, goal or measure, else the target" },
	{ 0 }
};

/* particip2: the priority matrix and its sensitivity (ivp participation matrix / sensitivity) */
static const http_col c_pt_matrix[] = {
	{ "theme", T, 0, "the theme's key" },
	{ "title", T, 0, "its title" },
	{ "size", R, 1, "the score 0-5 on size (the rate against the Netherlands); null: no data" },
	{ "size_source", T, 0, "where the score comes from: the data, or the reason entered" },
	{ "size_from", T, 0, "data, entered, or empty (no data)" },
	{ "trend", R, 1, "the score 0-5 on trend (the change over three to five years); null: no data" },
	{ "trend_source", T, 0, "where the score comes from: the data, or the reason entered" },
	{ "trend_from", T, 0, "data, entered, or empty (no data)" },
	{ "seriousness", R, 1, "the score 0-5 on seriousness; null: no data" },
	{ "seriousness_source", T, 0, "where the score comes from: the data, or the reason entered" },
	{ "seriousness_from", T, 0, "data, entered, or empty (no data)" },
	{ "residents", R, 1, "the score 0-5 on concern of residents; null: no data" },
	{ "residents_source", T, 0, "where the score comes from: the data, or the reason entered" },
	{ "residents_from", T, 0, "data, entered, or empty (no data)" },
	{ "partners", R, 1, "the score 0-5 on concern of partners; null: no data" },
	{ "partners_source", T, 0, "where the score comes from: the data, or the reason entered" },
	{ "partners_from", T, 0, "data, entered, or empty (no data)" },
	{ "regional", R, 1, "the score 0-5 on the regional plan's themes; null: no data" },
	{ "regional_source", T, 0, "where the score comes from: the data, or the reason entered" },
	{ "regional_from", T, 0, "data, entered, or empty (no data)" },
	{ "evaluation", R, 1, "the score 0-5 on the previous plan's goals not achieved; null: no data" },
	{ "evaluation_source", T, 0, "where the score comes from: the data, or the reason entered" },
	{ "evaluation_from", T, 0, "data, entered, or empty (no data)" },
	{ "total", R, 1, "the weighted mean of the scores" },
	{ "rank", I, 0, "its rank (equal totals share one)" },
	{ "missing", I, 0, "criteria of weight > 0 without a score (counted as 0)" },
	{ "chosen", T, 0, "chosen, not chosen, or empty (no choice recorded)" },
	{ "choice", I, 1, "1 chosen, 0 not chosen, null none" },
	{ "reasoning", T, 0, "the reasoning of the choice" },
	{ "destination", T, 0, "where a theme not chosen goes instead" },
	{ 0 }
};

static const http_col c_pt_sensitivity[] = {
	{ "theme", T, 0, "the theme's key" },
	{ "title", T, 0, "its title" },
	{ "total", R, 1, "the weighted mean of the scores" },
	{ "rank", I, 0, "its rank with the stated weights" },
	{ "rank_min", I, 0, "its best rank with one weight set to 0 or doubled" },
	{ "rank_max", I, 0, "its worst rank over those weightings" },
	{ "verdict", T, 0, "robust or not, in words" },
	{ 0 }
};

static const http_col c_pt_activities[] = {
	{ "activity", T, 0, "the activity's id" },
	{ "kind", T, 0, "interview, wijkgesprek, themasessie, conferentie, enquete or online" },
	{ "kind_text", T, 0, "the kind in words" },
	{ "date", T, 0, "YYYY-MM-DD" },
	{ "place", T, 0, "where" },
	{ "wijk", T, 0, "the wijk's code, or empty" },
	{ "wijk_name", T, 0, "its name, or empty" },
	{ "organisations", T, 0, "the organisations present" },
	{ "participants", I, 1, "the number of participants; null when not known or suppressed" },
	{ "participants_shown", T, 0, "what is published: the number, \"< 5\" or \"not known\"" },
	{ "suppressed", T, 1, "\"\" or small; null when not known" },
	{ "inputs", I, 1, "its number of inputs; null when 1 to 4 (suppressed, shown as \"< 5\")" },
	{ "report", T, 0, "the short report" },
	{ "illustration", T, 0, "\"illustration\" for an example, else empty" },
	{ 0 }
};

static const http_col c_pt_inputs[] = {
	{ "activity", T, 0, "the activity it came from" },
	{ "ref", T, 0, "its reference within the activity" },
	{ "statement", T, 0, "the statement or concern" },
	{ "themes", T, 0, "its themes' keys, comma-separated" },
	{ "wijk", T, 0, "its wijk (else the activity's; empty: none)" },
	{ "route", T, 0, "what was done: priority, goal, measure, passed, not_taken, or empty" },
	{ "route_text", T, 0, "the route in words" },
	{ "target", T, 0, "the plan item, policy or partner" },
	{ "reason", T, 0, "why it was not taken up" },
	{ "kind", T, 0, "the activity's kind" },
	{ "target_title", T, 0, "the target as people read it: the title of the plan's priority, goal or measure, else the target" },
	/* dutch2: the themes by their titles, as the page shows them */
	{ "theme_titles", T, 0, "its themes' titles, separated by \"; \"" },
	{ 0 }
};

static const http_col c_members[] = {
	{ "code", T, 0, "a member's area code" },
	{ "name", T, 0, "its name" },
	{ "level", T, 0, "its level (GM, WK, BU, …)" },
	{ "population", I, 1, "its inhabitants on 1 January of year (null without year)" },
	{ 0 }
};

static const http_col c_series[] = {
	{ "area", T, 0, "the area as asked for" },
	{ "type", T, 0, "the SoortMisdrijf code or indicator key" },
	{ "period", T, 0, "the CBS period, e.g. 2024MM01" },
	{ "month", T, 0, "YYYY-MM" },
	{ "count", I, 1, "registered crimes (null: no data for the month)" },
	{ 0 }
};

static const http_col c_sources[] = {
	{ "import", I, 0, "the import's number" },
	{ "kind", T, 0, "crime, population, codes, long, boundaries, values, …" },
	{ "layout", T, 0, "the layout recognised, e.g. statline-csv" },
	{ "file", T, 0, "the file's name as given" },
	{ "sha256", T, 0, "SHA-256 of the file" },
	{ "options", T, 0, "the options of the import" },
	{ "rows", I, 0, "rows written" },
	{ "missing", I, 0, "cells CBS marks as missing" },
	{ "skipped", I, 0, "cells outside what ivp stores" },
	{ "imported_by", T, 1, "who imported it (null for a reader without a session)" },
	{ "started_at", T, 0, "when it started (UTC, ISO 8601)" },
	{ "finished_at", T, 1, "when it ended (UTC, ISO 8601)" },
	{ 0 }
};

static const http_col c_definitions[] = {
	{ "key", T, 0, "the indicator key" },
	{ "version", I, 0, "the definition's version" },
	{ "classification", T, 0, "police or cbs" },
	{ "kind", T, 0, "total, type, …" },
	{ "name", T, 0, "the Dutch name" },
	{ "name_en", T, 0, "the English name" },
	{ "codes", T, 0, "the SoortMisdrijf codes it sums, comma-separated" },
	{ "per", I, 0, "the rate is per this many inhabitants" },
	{ "population_group", T, 0, "whose number the rate is on" },
	{ "source_tables", T, 0, "the tables to import for it" },
	{ "note", T, 0, "remarks" },
	{ 0 }
};

static const http_col c_history[] = {
	{ "version", I, 0, "the plan version" },
	{ "plan", T, 0, "the plan's id" },
	{ "kind", T, 0, "import or update" },
	{ "by", T, 1, "who (null for a reader without a session)" },
	{ "at", T, 0, "when (UTC, ISO 8601)" },
	{ "summary", T, 0, "what changed" },
	{ "source", T, 0, "the file and its SHA-256, or the update" },
	{ 0 }
};

/* the four tables of the progress answer: "table.column" */
static const http_col c_progress[] = {
	{ "goals.priority", T, 0, "the priority's id" },
	{ "goals.goal", T, 0, "the goal's id" },
	{ "goals.illustration", T, 1, "\"illustration\" when the goal is an example" },
	{ "goals.title", T, 0, "the goal" },
	{ "goals.kind", T, 0, "effect, output, …" },
	{ "goals.indicator", T, 0, "the indicator key or local value it is measured by" },
	{ "goals.unit", T, 0, "the unit of its values" },
	{ "goals.better", T, 0, "lower or higher" },
	{ "goals.baseline", R, 1, "the value in the baseline year" },
	{ "goals.baseline_year", I, 1, "the baseline year" },
	{ "goals.target", R, 1, "the value aimed at" },
	{ "goals.target_year", I, 1, "by when" },
	{ "goals.year", I, 1, "the year of the latest value" },
	{ "goals.value", R, 1, "the latest value" },
	{ "goals.lo", R, 1, "lower end of its interval" },
	{ "goals.hi", R, 1, "upper end of its interval" },
	{ "goals.expected", R, 1, "the value expected by now on the line to the target" },
	{ "goals.status", T, 0, "on track, at risk, off track, no data, …" },
	{ "goals.reason", T, 0, "why (docs/progress-rules.md)" },
	{ "goals.source", T, 1, "where the value comes from" },
	{ "measures.measure", T, 0, "the measure's id" },
	{ "measures.illustration", T, 1, "\"illustration\" when the measure is an example" },
	{ "measures.title", T, 0, "the measure" },
	{ "measures.priority", T, 0, "the priority's id" },
	{ "measures.owner", T, 0, "who carries it out" },
	{ "measures.status", T, 0, "planned, running, done or stopped" },
	{ "measures.last_update", T, 1, "the date of the latest progress entry" },
	{ "measures.budget", R, 1, "the budget in euros, all years" },
	{ "measures.spent", R, 1, "spent in euros, all years" },
	{ "measures.spent_pct", R, 1, "spent as a percentage of the budget" },
	{ "measures.budget_year", R, 1, "the budget of the report year" },
	{ "measures.spent_year", R, 1, "spent in the report year" },
	{ "measures.outputs", T, 1, "the outputs recorded" },
	{ "measures.last_note", T, 1, "the note of the latest progress entry" },
	{ "priorities.order", I, 0, "the order in the plan" },
	{ "priorities.priority", T, 0, "the priority's id" },
	{ "priorities.title", T, 0, "the priority" },
	{ "priorities.fields", T, 1, "the security fields it covers" },
	{ "priorities.goals", I, 0, "its goals" },
	{ "priorities.on_track", I, 0, "goals on track" },
	{ "priorities.at_risk", I, 0, "goals at risk" },
	{ "priorities.off_track", I, 0, "goals off track" },
	{ "priorities.no_data", I, 0, "goals without data" },
	{ "priorities.no_status", I, 0, "goals without a status rule" },
	{ "priorities.measures", I, 0, "its measures" },
	{ "priorities.running", I, 0, "measures running" },
	{ "priorities.done", I, 0, "measures done" },
	{ "priorities.budget", R, 1, "the budget of its measures, in euros" },
	{ "priorities.spent", R, 1, "spent on its measures, in euros" },
	{ "budget.year", RT, 0, "the year, or \"total\" for the row of all years" },
	{ "budget.amount", R, 1, "the money available in euros" },
	{ "budget.source", T, 1, "where it comes from" },
	{ "budget.document", T, 1, "the decision it is in" },
	{ "budget.measures_budget", R, 1, "the measures' budget for the year" },
	{ "budget.measures_spent", R, 1, "the measures' spending in the year" },
	{ 0 }
};

#undef T
#undef I
#undef R
#undef RT

static const http_param p_areas[] = {
	{ "under", HTTP_P_TEXT, 0, NULL, "GM1926",
	  "only areas inside this one (any depth), e.g. the wijken and buurten of a gemeente" },
	{ 0 }
};

static const http_param p_indicators[] = {
	{ "area", HTTP_P_TEXT, 1, NULL, "GM1926",
	  "a code (GM1926), a name, a sum (GM0503+GM0518) or buurten:GM1926 / wijken:GM1926" },
	{ "year", HTTP_P_YEAR, 1, NULL, "2024", "the year" },
	{ "baseline", HTTP_P_YEAR, 0, NULL, "2022",
	  "also compare with this year (e.g. the plan's nulmeting)" },
	{ "compare", HTTP_P_LIST, 0, NULL, "NL01,regio,grootteklasse",
	  "comma-separated areas (same rules as area) or groups to compare with: regio (the area's region), grootteklasse (its size class in the year), a group's name; an area inside a group is compared with the rest of it" },
	{ "indicator", HTTP_P_TEXT, 0, NULL, "totaal",
	  "one indicator key (GET /api/v1/definitions lists them)" },
	{ "all_types", HTTP_P_BOOL, 0, NULL, "false", "add every single SoortMisdrijf code" },
	{ "small", HTTP_P_COUNT, 0, NULL, "10", "flag counts below this as small (default 10)" },
	{ "lang", HTTP_P_ENUM, 0, "en,nl", "nl", "language of names and verdicts (default en)" },
	{ 0 }
};

static const http_param p_groups[] = {
	{ "lang", HTTP_P_ENUM, 0, "en,nl", "nl", "language of the titles (default en)" },
	{ 0 }
};

static const http_param p_members[] = {
	{ "name", HTTP_P_TEXT, 1, NULL, "haaglanden", "the group (grootteklasse and regio: of area)" },
	{ "area", HTTP_P_TEXT, 0, NULL, "GM1926", "whose regio or grootteklasse" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2024", "the 1 January of the members' population (a size class needs it)" },
	{ "lang", HTTP_P_ENUM, 0, "en,nl", "nl", "language of the titles (default en)" },
	{ 0 }
};

static const http_param p_ranking[] = {
	{ "area", HTTP_P_TEXT, 1, NULL, "GM1926",
	  "rank the areas inside this one: a code or name (NL01: the country)" },
	{ "year", HTTP_P_YEAR, 1, NULL, "2023", "the year" },
	{ "level", HTTP_P_ENUM, 0, "BU,WK,GM", "BU", "what to rank: buurten (default), wijken or gemeenten" },
	{ "indicator", HTTP_P_TEXT, 0, NULL, "totaal", "the indicator key (default totaal)" },
	{ "small", HTTP_P_COUNT, 0, NULL, "10", "flag counts below this as small (default 10)" },
	{ "population_year", HTTP_P_YEAR, 0, NULL, "2024",
	  "rates on the population of 1 January of this year (default: year; the rows say which)" },
	{ "min_population", HTTP_P_COUNT, 0, NULL, "500",
	  "areas with fewer inhabitants get no rate and no rank (default 500)" },
	{ "reference", HTTP_P_LIST, 0, NULL, "GM0503,GM0518",
	  "more areas whose areas of the level join the funnel (own = 0)" },
	{ "lang", HTTP_P_ENUM, 0, "en,nl", "nl", "language of names and verdicts (default en)" },
	{ 0 }
};

static const http_param p_series[] = {
	{ "area", HTTP_P_TEXT, 1, NULL, "BU05032501", "an area spec as for indicators" },
	{ "type", HTTP_P_TEXT, 1, NULL, "1.1.1", "a SoortMisdrijf code or an indicator key" },
	{ "from", HTTP_P_MONTH, 1, NULL, "2016-01", "first month, YYYY-MM" },
	{ "to", HTTP_P_MONTH, 1, NULL, "2016-12", "last month, YYYY-MM (not before from)" },
	{ 0 }
};

static const http_param f_import[] = {
	{ "kind", HTTP_P_ENUM, 1, "crime,population,codes,long,groups", "crime", "what the file holds" },
	{ "file", HTTP_P_FILE, 1, NULL, NULL, "the file (CSV or JSON), as ivp import reads it" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2024", "population lists without a period: the 1 January year" },
	{ "skip_unknown_regions", HTTP_P_BOOL, 0, NULL, "false",
	  "leave out regions no code list knows instead of failing" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL,
	  "the session's CSRF token, when not sent as header X-CSRF-Token" },
	{ 0 }
};

static const http_param f_signin[] = {
	{ "name", HTTP_P_TEXT, 1, NULL, "anna", "the user name" },
	{ "password", HTTP_P_TEXT, 1, NULL, NULL, "the password" },
	{ "totp", HTTP_P_TEXT, 0, NULL, NULL, "the 6-digit code of the second factor (admins, and users enrolled with ivp user totp)" },
	{ 0 }
};

static const http_param p_progress[] = {
	{ "year", HTTP_P_YEAR, 0, NULL, "2024", "the report year: latest values up to it (default: this year)" },
	{ 0 }
};

static const http_param f_measure[] = {
	{ "status", HTTP_P_ENUM, 0, "planned,running,done,stopped", "running", "the measure's new status" },
	{ "note", HTTP_P_TEXT, 0, NULL, "first meetings held", "text of the dated progress entry" },
	{ "spent", HTTP_P_LIST, 0, NULL, "2024=12500",
	  "money spent, YEAR=AMOUNT in euros, comma-separated (as ivp measure update --spent)" },
	{ "date", HTTP_P_TEXT, 0, NULL, "2024-06-30", "YYYY-MM-DD of the entry (default: today)" },
	/* partners: an output figure (issue 12 item 1) */
	{ "output_name", HTTP_P_TEXT, 0, NULL, "deelnemers", "an output the plan names for the measure (with output_year and output_value)" },
	{ "output_year", HTTP_P_YEAR, 0, NULL, "2024", "the year of the output figure, within the plan's period" },
	{ "output_value", HTTP_P_TEXT, 0, NULL, "1,250", "the output figure, written the English way (1,250; 12.5)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL,
	  "the session's CSRF token, when not sent as header X-CSRF-Token" },
	{ 0 }
};

/* the plan edited item by item (src/api/api_plan_edit.c, src/web/plan_edit.c) */
#define PE_F(name, ex, what)                           \
	{                                              \
		name, HTTP_P_SEARCH, 0, NULL, ex, what \
	}
static const http_param f_plan_edit[] = {
	{ "object", HTTP_P_ENUM, 1, "priority,ambition,goal,measure,budget", "goal", "the kind of item" },
	PE_F("orig", "G-criminaliteit", "the id (a budget: the year) of the item changed; empty: a new one"),
	PE_F("parent", "A-veilig", "a new item's place: the priority of an ambition, the ambition of a goal, the implementation plan of a measure"),
	PE_F("base", "3", "the plan version the change was made from; a newer one refuses it (409)"),
	PE_F("remove", "true", "true: remove the item"),
	PE_F("summary", "streefwaarde bijgesteld", "what changed and why, for the history"),
	PE_F("id", "G-jeugd", "the item's id"),
	PE_F("title", "Minder jeugdoverlast", "its title"),
	PE_F("fields", "1, 3", "a priority's safety fields 1-5, comma-separated"),
	PE_F("cross_cutting", "false", "a priority: cross-cutting"),
	PE_F("kind", "effect", "a goal: effect or output"),
	PE_F("indicator", "totaal", "a goal's indicator or local value key"),
	PE_F("unit", "percentage", "a goal's unit"),
	PE_F("direction", "lower", "a goal: lower or higher is better"),
	PE_F("baseline.value", "30.5", "a goal's baseline"),
	PE_F("baseline.year", "2022", "its year"),
	PE_F("baseline.margin", "2.1", "its survey margin"),
	PE_F("target.value", "27", "a goal's target"),
	PE_F("target.year", "2026", "its year"),
	PE_F("target.margin", "", "its margin"),
	PE_F("illustration", "true", "an example, not the municipality's"),
	PE_F("note", "", "a goal's note"),
	PE_F("priority", "a", "a measure's priority"),
	PE_F("goals", "G-a, G-b", "a measure's goals, comma-separated"),
	PE_F("owner", "gemeente", "a measure's owner (a partner id)"),
	PE_F("partners", "politie, zvh", "its partners, comma-separated"),
	PE_F("start", "2024-01-01", "a measure's start date"),
	PE_F("end", "2026-12-31", "its end date"),
	PE_F("status", "planned", "a measure's status"),
	PE_F("budget", "2024: 20000; 2025: 25000", "a measure's budget per year"),
	PE_F("year", "2024", "a budget year"),
	PE_F("amount", "190000", "its amount in euros"),
	PE_F("source", "stelpost 'Enecogelden'", "its source (dekking)"),
	PE_F("document", "Begroting 2024", "its P&C document"),
	PE_F("structural", "true", "part of a structural amount"),
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token, when not sent as header X-CSRF-Token" },
	{ 0 }
};
#undef PE_F

static const http_param f_plan_revert[] = {
	{ "version", HTTP_P_COUNT, 1, NULL, "2", "the version to make current again" },
	{ "base", HTTP_P_COUNT, 0, NULL, "5", "the version the client saw as the latest; a newer one refuses it (409)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token, when not sent as header X-CSRF-Token" },
	{ 0 }
};

static const http_param p_plan_changes[] = {
	{ "from", HTTP_P_COUNT, 0, NULL, "1", "the older version (default: the one before `to`)" },
	{ "to", HTTP_P_COUNT, 0, NULL, "2", "the newer version (default: the latest)" },
	{ 0 }
};

static const http_col c_plan_changes[] = {
	{ "object", HTTP_C_TEXT, 0, "plan, partner, priority, ambition, goal, implementation, measure or budget" },
	{ "id", HTTP_C_TEXT, 0, "the item's id (a budget: its year)" },
	{ "title", HTTP_C_TEXT, 1, "its title" },
	{ "change", HTTP_C_TEXT, 0, "added, removed or changed" },
	{ "field", HTTP_C_TEXT, 1, "the field changed (null: the whole item; parent: it moved)" },
	{ "old", HTTP_C_TEXT, 1, "the old text" },
	{ "new", HTTP_C_TEXT, 1, "the new text" },
	{ 0 }
};

static const http_col c_reports[] = {
	{ "kind", HTTP_C_TEXT, 0, "voortgang, veiligheidsbeeld or raadsvoorstel" },
	{ "area", HTTP_C_TEXT, 0, "the gemeente" },
	{ "year", HTTP_C_INT, 0, "the report year" },
	{ "status", HTTP_C_TEXT, 0, "concept (required texts missing), compleet or definitief" },
	{ "missing", HTTP_C_INT, 0, "required texts without a version" },
	{ "final_date", HTTP_C_TEXT, 1, "the report's date when it was made definitief" },
	{ 0 }
};

static const http_col c_report_texts[] = {
	{ "key", HTTP_C_TEXT, 0, "the text's key: inleiding, prioriteit:ID, doel:ID, beoogd-resultaat, …" },
	{ "label", HTTP_C_TEXT, 0, "what the text is, in the language asked for" },
	{ "required", HTTP_C_INT, 0, "1: without it the report is a concept" },
	{ "status", HTTP_C_TEXT, 0, "aanwezig / ontbreekt (en: present / missing)" },
	{ "version", HTTP_C_INT, 1, "the newest version's number" },
	{ "author", HTTP_C_TEXT, 1, "who saved the newest version" },
	{ "saved_at", HTTP_C_TEXT, 1, "when (UTC)" },
	{ "body", HTTP_C_TEXT, 1, "the text" },
	{ 0 }
};

static const http_param p_reports[] = {
	{ "lang", HTTP_P_ENUM, 0, "nl,en", "nl", "the language of the texts' labels" },
	{ 0 }
};

static const http_param p_report[] = {
	{ "format", HTTP_P_ENUM, 0, "pdf,html,xlsx", "pdf", "the document's format (default pdf)" },
	{ "area", HTTP_P_TEXT, 0, NULL, "GM1926", "the gemeente (default: the plan's)" },
	{ "lang", HTTP_P_ENUM, 0, "nl,en", "nl", "the report's language (default nl)" },
	{ "date", HTTP_P_TEXT, 0, NULL, "2025-03-31", "the report date YYYY-MM-DD (default: the data's own)" },
	{ 0 }
};

static const http_param p_report_texts[] = {
	{ "area", HTTP_P_TEXT, 0, NULL, "GM1926", "the gemeente (default: the plan's)" },
	{ "lang", HTTP_P_ENUM, 0, "nl,en", "nl", "the language of the labels" },
	{ 0 }
};

static const http_param f_report_text[] = {
	{ "key", HTTP_P_TEXT, 1, NULL, "prioriteit:b", "the text's key (GET …/texts lists them)" },
	{ "text", HTTP_P_PROSE, 1, NULL, "Toelichting bij de prioriteit.",
	  "the text (a field or a file part): UTF-8, paragraphs between blank lines, at most 32 KiB" },
	{ "area", HTTP_P_TEXT, 0, NULL, "GM1926", "the gemeente (default: the plan's)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token, when not sent as header X-CSRF-Token" },
	{ 0 }
};

static const http_param f_report_final[] = {
	{ "area", HTTP_P_TEXT, 0, NULL, "GM1926", "the gemeente (default: the plan's)" },
	{ "date", HTTP_P_TEXT, 0, NULL, "2025-03-31", "the report date YYYY-MM-DD (default: the data's own)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token, when not sent as header X-CSRF-Token" },
	{ 0 }
};

/* ---- pages (src/web/): every GET page takes lang=nl|en ---- */

#define P_LANG                                                                                             \
	{                                                                                                  \
		"lang", HTTP_P_ENUM, 0, "nl,en", "en", "the page's language (also remembered in a cookie)" \
	}

static const http_param p_page[] = { P_LANG, { 0 } };

static const http_param p_audit_page[] = {
	{ "object", HTTP_P_SEARCH, 0, NULL, "measure:pn-2023/M-digi", "the object whose entries to show (empty: the newest)" },
	P_LANG,
	{ 0 }
};

static const http_param p_import_status[] = {
	{ "id", HTTP_P_COUNT, 1, NULL, "1", "the job, as POST /import redirected to" },
	P_LANG,
	{ 0 }
};

static const http_param p_indicator_page[] = {
	{ "area", HTTP_P_TEXT, 1, NULL, "GM1926", "an area spec as for the indicators" },
	{ "key", HTTP_P_TEXT, 0, NULL, "totaal", "the indicator key (default totaal)" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2024", "the year the page was opened for" },
	{ "goal", HTTP_P_TEXT, 0, NULL, "G-criminaliteit", "a goal of the plan: its baseline-to-target line in the chart" },
	P_LANG,
	{ 0 }
};

static const http_param p_buurten_page[] = {
	{ "area", HTTP_P_TEXT, 0, NULL, "GM1926", "the gemeente (default: the plan's)" },
	{ "key", HTTP_P_TEXT, 0, NULL, "totaal", "the indicator key (default totaal)" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2023", "the year (default: the latest with figures)" },
	{ "population_year", HTTP_P_YEAR, 0, NULL, "2024", "the inhabitants of 1 January of this year (default: year)" },
	{ "reference", HTTP_P_SEARCH, 0, NULL, "GM0503", "also the buurten of these gemeenten (comma-separated; may be empty)" },
	{ "q", HTTP_P_SEARCH, 0, NULL, "Delfgauw", "show only the buurten whose name or code contains this (may be empty)" },
	P_LANG,
	{ 0 }
};

/* regpolish: what expires next month */
static const http_param p_expiry[] = {
	{ "as_of", HTTP_P_SEARCH, 0, NULL, "2026-12-01", "the day to look from (default today): what expires in the month after it" },
	{ 0 }
};

static const http_param p_expiry_page[] = {
	{ "as_of", HTTP_P_SEARCH, 0, NULL, "2026-12-01", "the day to look from (default today): what expires in the month after it" },
	P_LANG,
	{ 0 }
};

static const http_col c_expiry[] = {
	{ "id", HTTP_C_TEXT, 0, "the record, e.g. S-2026-0007 or C-2026-0003" },
	{ "kind", HTTP_C_TEXT, 0, "the kind of record: signal or case" },
	{ "expires", HTTP_C_TEXT, 0, "the date it is destroyed on or after (YYYY-MM-DD)" },
	{ "rule", HTTP_C_TEXT, 0, "the retention rule: not_taken_up (signals) or closed (cases)" },
	{ "months", HTTP_C_INT, 0, "the rule's period in months" },
	{ 0 }
};

/* the signals register */
static const http_param p_sig_read[] = {
	{ "reason", HTTP_P_SEARCH, 0, NULL, "weighing in the overleg of 12 March", "why a member who is not the handler opens it (audited; hidden in the access log)" },
	P_LANG,
	{ 0 }
};

static const http_param p_sig_counts[] = {
	{ "exact", HTTP_P_ENUM, 0, "0,1", "1", "1: the counts unsuppressed, for a member of the register (audited)" },
	P_LANG,
	{ 0 }
};

static const http_param p_sig_page[] = {
	{ "gewogen", HTTP_P_COUNT, 0, NULL, "1", "the weighing was just saved (shows a message)" },
	P_LANG,
	{ 0 }
};

static const http_param f_sig_add[] = {
	{ "received", HTTP_P_SEARCH, 0, NULL, "2026-03-02", "the date it came in" },
	{ "source", HTTP_P_SEARCH, 0, NULL, "resident", "resident, anonymous, department, police or partner" },
	{ "phenomenon", HTTP_P_SEARCH, 0, NULL, "drugs", "drugs, money_laundering, trafficking, real_estate, care_fraud, omg or other" },
	{ "buurt", HTTP_P_SEARCH, 0, NULL, "BU19260101", "its buurt (CBS code; may be empty)" },
	{ "address", HTTP_P_SEARCH, 0, NULL, NULL, "the address (stored encrypted; may be empty)" },
	{ "description", HTTP_P_LINES, 0, NULL, NULL, "what was seen or reported (stored encrypted)" },
	{ "persons", HTTP_P_LINES, 0, NULL, NULL, "persons concerned (stored encrypted; may be empty)" },
	{ "companies", HTTP_P_LINES, 0, NULL, NULL, "companies concerned (stored encrypted; may be empty)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token (pages)" },
	{ 0 }
};

static const http_param f_sig_weigh[] = {
	{ "date", HTTP_P_SEARCH, 0, NULL, "2026-03-12", "the date of the weighing" },
	{ "meeting", HTTP_P_SEARCH, 0, NULL, "3", "the meeting it was weighed in (may be empty)" },
	{ "concrete", HTTP_P_SEARCH, 0, NULL, "1", "1: the signal is concrete" },
	{ "recent", HTTP_P_SEARCH, 0, NULL, "1", "1: the signal is recent" },
	{ "pattern", HTTP_P_SEARCH, 0, NULL, "1", "1: part of a pattern" },
	{ "outcome", HTTP_P_SEARCH, 0, NULL, "department", "none, department, riec, police or inquiry" },
	{ "department", HTTP_P_SEARCH, 0, NULL, "bibob", "with outcome department: bibob, enforcement, permits or other" },
	{ "checks", HTTP_P_LINES, 0, NULL, NULL, "the hit/no-hit checks (required for inquiry; stored encrypted)" },
	{ "followup", HTTP_P_SEARCH, 0, NULL, "2026-06-01", "the follow-up date (may be empty)" },
	{ "result", HTTP_P_LINES, 0, NULL, NULL, "the follow-up's result (stored encrypted; may be empty)" },
	{ "handler", HTTP_P_SEARCH, 0, NULL, "dirk", "pages: the department handler to name with the weighing (may be empty)" },
	{ "reason", HTTP_P_SEARCH, 0, NULL, NULL, "why, for a member who is not the handler (audited)" },
	{ "open", HTTP_P_SEARCH, 0, NULL, "1", "pages: the reason form of the weighing page (shows the form)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token (pages)" },
	{ "reden", HTTP_P_SEARCH, 0, NULL, NULL, "the reason, as reason (http_reason: form field reden or header X-Reason)" },
	{ 0 }
};

static const http_param f_sig_handler[] = {
	{ "handler", HTTP_P_SEARCH, 0, NULL, "dirk", "the department handler (a user; empty or none: no one)" },
	{ "reason", HTTP_P_SEARCH, 0, NULL, NULL, "why, for a member who is not the handler (audited)" },
	{ "reden", HTTP_P_SEARCH, 0, NULL, NULL, "the reason, as reason (http_reason: form field reden or header X-Reason)" },
	{ 0 }
};

static const http_param f_sig_status[] = {
	{ "status", HTTP_P_SEARCH, 0, NULL, "closed", "received, agenda, weighed, handed_over, inquiry or closed" },
	{ "reason", HTTP_P_SEARCH, 0, NULL, NULL, "why, for a member who is not the handler (audited)" },
	{ "reden", HTTP_P_SEARCH, 0, NULL, NULL, "the reason, as reason (http_reason: form field reden or header X-Reason)" },
	{ 0 }
};

static const http_param f_sig_open[] = {
	{ "reason", HTTP_P_SEARCH, 0, NULL, NULL, "why the signal is opened (audited)" },
	{ "open", HTTP_P_SEARCH, 0, NULL, "1", "the reason form" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ "reden", HTTP_P_SEARCH, 0, NULL, NULL, "the reason, as reason (http_reason: form field reden or header X-Reason)" },
	{ 0 }
};

static const http_param f_sig_meeting[] = {
	{ "date", HTTP_P_SEARCH, 0, NULL, "2026-03-12", "the date of the meeting" },
	{ "orgs", HTTP_P_SEARCH, 0, NULL, "gemeente,politie", "the attending organisations (ids of ivp org list, comma-separated)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token (pages)" },
	{ 0 }
};

static const http_param f_sig_agenda[] = {
	{ "meeting", HTTP_P_SEARCH, 0, NULL, "3", "pages: the meeting" },
	{ "signal", HTTP_P_SEARCH, 0, NULL, "S-2026-0007", "the signal to put on the agenda" },
	{ "reason", HTTP_P_SEARCH, 0, NULL, NULL, "why, for a member who is not the handler (audited)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token (pages)" },
	{ "reden", HTTP_P_SEARCH, 0, NULL, NULL, "the reason, as reason (http_reason: form field reden or header X-Reason)" },
	{ 0 }
};

static const http_param p_participation[] = {
	{ "trajectory", HTTP_P_TEXT, 0, NULL, "PN-2022", "the trajectory (default: the first)" },
	P_LANG,
	{ 0 }
};

static const http_param p_participation_page[] = {
	{ "trajectory", HTTP_P_TEXT, 0, NULL, "PN-2022", "the trajectory (default: the first)" },
	P_LANG,
	{ 0 }
};

static const http_param p_kaart_page[] = {
	{ "under", HTTP_P_TEXT, 0, NULL, "NL01", "only the gemeenten inside this area (default: all with a boundary)" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2024", "the year (default: the latest with a national figure)" },
	P_LANG,
	{ 0 }
};

static const http_param p_plan_page[] = {
	{ "done", HTTP_P_TEXT, 0, NULL, "M-digi", "the measure just updated (shows a message)" },
	P_LANG,
	{ 0 }
};

/* regplan (issue 13 item 7): /plan?year= shows the goals as they stood in
 * that year, as /api/v1/plan/progress?year= does */
static const http_param p_plan_main[] = {
	{ "done", HTTP_P_TEXT, 0, NULL, "M-digi", "the measure just updated (shows a message)" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2024", "the report year: latest values up to it (default: this year)" },
	P_LANG,
	{ 0 }
};

static const http_param f_measure_page[] = {
	{ "status", HTTP_P_ENUM, 0, "planned,running,done,stopped", "running", "the measure's new status" },
	{ "note", HTTP_P_SEARCH, 0, NULL, "first meetings held", "text of the dated progress entry (may be empty: none)" },
	{ "spent_year", HTTP_P_YEAR, 0, NULL, "2024", "the year of `spent`" },
	{ "spent", HTTP_P_SEARCH, 0, NULL, "12.500", "money spent in spent_year, in euros as the page's language writes them (nl: 12.500 or 12.500,50; may be empty: unchanged)" },
	/* partners: an output figure (issue 12 item 1) */
	{ "output_name", HTTP_P_SEARCH, 0, NULL, "deelnemers", "one of the measure's outputs" },
	{ "output_year", HTTP_P_YEAR, 0, NULL, "2024", "the year of output_value" },
	{ "output_value", HTTP_P_SEARCH, 0, NULL, "1.250", "the output figure as the page's language writes it (nl: 1.250 or 12,5; may be empty: unchanged)" },
	{ "back", HTTP_P_ENUM, 0, "plan,measure", "measure", "where to go after the update: the plan page (default) or the measure's page" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ 0 }
};

static const http_param p_plan_edit_page[] = {
	{ "object", HTTP_P_ENUM, 0, "priority,ambition,goal,measure,budget", "goal", "the kind of item (none: the list of items)" },
	{ "id", HTTP_P_TEXT, 0, NULL, "G-criminaliteit", "the item to edit (none: a new one)" },
	{ "parent", HTTP_P_TEXT, 0, NULL, "A-veilig", "where a new item goes" },
	P_LANG,
	{ 0 }
};

static const http_param p_plan_versions_page[] = {
	{ "v", HTTP_P_COUNT, 0, NULL, "2", "the version whose changes are shown (default: the latest)" },
	{ "same", HTTP_P_COUNT, 0, NULL, "1", "the save changed nothing (shows a message)" },
	P_LANG,
	{ 0 }
};

static const http_param p_values_page[] = {
	{ "saved", HTTP_P_COUNT, 0, NULL, "12", "the import just made (shows a message)" },
	P_LANG,
	{ 0 }
};

static const http_param f_values_one[] = {
	{ "key", HTTP_P_SEARCH, 0, NULL, "vm_onveilig_buurt", "the value's key" },
	{ "name", HTTP_P_SEARCH, 0, NULL, "Voelt zich onveilig in eigen buurt", "its description" },
	{ "area", HTTP_P_SEARCH, 0, NULL, "GM1926", "the area's CBS code" },
	{ "year", HTTP_P_SEARCH, 0, NULL, "2023", "the year" },
	{ "value", HTTP_P_SEARCH, 0, NULL, "15,5", "the value (a decimal comma or point)" },
	{ "unit", HTTP_P_SEARCH, 0, NULL, "% van de inwoners 15+", "its unit" },
	{ "margin", HTTP_P_SEARCH, 0, NULL, "2,4", "a survey value's margin" },
	{ "source", HTTP_P_SEARCH, 0, NULL, "Veiligheidsmonitor 2023", "where it comes from" },
	{ "definition_version", HTTP_P_SEARCH, 0, NULL, "VM 2023", "the definition it follows" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ 0 }
};

static const http_param f_values_file[] = {
	{ "file", HTTP_P_FILE, 1, NULL, NULL, "a values CSV, as ivp import values reads it" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ 0 }
};

static const http_param p_report_page[] = {
	{ "kind", HTTP_P_ENUM, 0, "voortgang,veiligheidsbeeld,raadsvoorstel", "voortgang", "the kind of report (default voortgang)" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2024", "the report year (default: the newest report of the kind)" },
	{ "saved", HTTP_P_COUNT, 0, NULL, "1", "the text just saved (shows a message)" },
	P_LANG,
	{ 0 }
};

static const http_param f_report_text_page[] = {
	{ "kind", HTTP_P_ENUM, 1, "voortgang,veiligheidsbeeld,raadsvoorstel", "voortgang", "the kind of report" },
	{ "year", HTTP_P_YEAR, 1, NULL, "2024", "the report year" },
	{ "key", HTTP_P_TEXT, 1, NULL, "inleiding", "the text's key" },
	{ "text", HTTP_P_PROSE, 0, NULL, "Inleiding.", "the text (a textarea)" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ 0 }
};

static const http_param f_report_final_page[] = {
	{ "kind", HTTP_P_ENUM, 1, "voortgang,veiligheidsbeeld,raadsvoorstel", "voortgang", "the kind of report" },
	{ "year", HTTP_P_YEAR, 1, NULL, "2024", "the report year" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ 0 }
};

static const http_param f_logout[] = {
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ 0 }
};

/* ---- the case register (issue 13, part "cases": src/api/api_cases.c, src/web/cases.c) ---- */

static const http_col c_cases[] = {
	{ "id", HTTP_C_TEXT, 0, "the case, e.g. C-2026-0003" },
	{ "registered", HTTP_C_TEXT, 0, "the registration date" },
	{ "status", HTTP_C_TEXT, 0, "registered, in_progress, closed or declined" },
	{ "org", HTTP_C_TEXT, 0, "the registering organisation" },
	{ "director", HTTP_C_TEXT, 1, "the process director (a user)" },
	{ "wijk", HTTP_C_TEXT, 1, "the wijk of the address" },
	{ "criteria", HTTP_C_TEXT, 0, "the complexity criteria met, comma-separated" },
	{ "closed", HTTP_C_TEXT, 1, "the date closed or declined" },
	{ "role", HTTP_C_TEXT, 0, "the asking user's relation: handler or participant" },
	{ 0 }
};

static const http_col c_case_rows[] = {
	{ "section", HTTP_C_TEXT, 0, "case, org, domain or entry" },
	{ "key", HTTP_C_TEXT, 1, "the field (case), organisation, life domain or entry number" },
	{ "value", HTTP_C_TEXT, 1, "its value; for org, domain and entry the columns as name=value; …" },
	{ 0 }
};

static const http_col c_case_counts[] = {
	{ "group", HTTP_C_TEXT, 0, "the status, quarter (2026KW01) or wijk; total for the sum" },
	{ "n", HTTP_C_INT, 1, "the number of cases; null when suppressed" },
	{ "shown", HTTP_C_TEXT, 0, "what is published: the number, \"< 5\" (1 to 4) or \"x\" (hidden so no sum gives a small count back)" },
	{ 0 }
};

static const http_param p_case[] = {
	{ "reason", HTTP_P_TEXT, 0, NULL, "weekly triage", "why the signed-in member opens a case it does not handle (audited)" },
	{ 0 }
};

static const http_param p_case_counts[] = {
	{ "by", HTTP_P_ENUM, 0, "status,quarter,wijk", "status", "what to count by (default status)" },
	{ 0 }
};

#define F_CSRF                                                                 \
	{                                                                      \
		"csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" \
	}

static const http_param f_case_add[] = {
	{ "name", HTTP_P_SEARCH, 0, NULL, "J. Jansen", "the person's name" },
	{ "birth", HTTP_P_SEARCH, 0, NULL, "1990-05-17", "date of birth (YYYY-MM-DD)" },
	{ "bsn", HTTP_P_SEARCH, 0, NULL, "111222333", "the BSN (its 11-proef is checked)" },
	{ "address", HTTP_P_SEARCH, 0, NULL, "Dorpsstraat 1", "the address" },
	{ "wijk", HTTP_P_SEARCH, 0, NULL, "WK192601", "wijk or buurt code of the address" },
	{ "reason", HTTP_P_LINES, 0, NULL, "nuisance and addiction", "why the case is registered" },
	{ "goal", HTTP_P_LINES, 0, NULL, "a plan of approach", "the goal of the case consultation" },
	{ "criteria", HTTP_P_SEARCH, 0, NULL, "multi_domain,chains", "complexity criteria met, comma-separated (API)" },
	{ "c_multi_domain", HTTP_P_SEARCH, 0, NULL, "1", "criterion multi_domain ticked (page)" },
	{ "c_chains", HTTP_P_SEARCH, 0, NULL, "1", "criterion chains ticked (page)" },
	{ "c_family_system", HTTP_P_SEARCH, 0, NULL, "1", "criterion family_system ticked (page)" },
	{ "c_local_safety", HTTP_P_SEARCH, 0, NULL, "1", "criterion local_safety ticked (page)" },
	{ "director", HTTP_P_SEARCH, 0, NULL, "petra", "the process director (a member)" },
	{ "registered", HTTP_P_SEARCH, 0, NULL, "2026-03-01", "the registration date (default today)" },
	{ "duplicate_ok", HTTP_P_SEARCH, 0, NULL, "1", "register even when the BSN has an open case" },
	F_CSRF,
	{ 0 }
};

static const http_param f_case_change[] = {
	{ "op", HTTP_P_SEARCH, 0, NULL, "note", "org_add, org_leave, director, domain, agreement, agreement_done, meeting, note or status (page: none for the reason form)" },
	{ "reason", HTTP_P_SEARCH, 0, NULL, "weekly triage", "why a member who is not the handler opens or changes the case (audited)" },
	{ "org", HTTP_P_SEARCH, 0, NULL, "politie", "the organisation (org_add, org_leave, agreement)" },
	{ "orgs", HTTP_P_SEARCH, 0, NULL, "zvh,politie", "the organisations present (meeting)" },
	{ "user", HTTP_P_SEARCH, 0, NULL, "petra", "the process director (director)" },
	{ "domain", HTTP_P_SEARCH, 0, NULL, "huisvesting", "the life domain (domain)" },
	{ "score", HTTP_P_SEARCH, 0, NULL, "3", "its score 1-5 (domain)" },
	{ "date", HTTP_P_SEARCH, 0, NULL, "2026-03-08", "the date, deadline or day of the change (default today)" },
	{ "text", HTTP_P_LINES, 0, NULL, "first talk held", "the agreement, notes, note or reason for closing" },
	{ "status", HTTP_P_SEARCH, 0, NULL, "closed", "in_progress, closed or declined (status)" },
	{ "own_org", HTTP_P_SEARCH, 0, NULL, "1", "the note only for the writer's organisation (note)" },
	{ "n", HTTP_P_SEARCH, 0, NULL, "1", "the agreement's number (agreement_done)" },
	{ "done", HTTP_P_SEARCH, 0, NULL, "1", "done (1, default) or not (0) (agreement_done)" },
	/* casefix: the page's "Correct the person" form (op person) */
	{ "name", HTTP_P_SEARCH, 0, NULL, "J. Jansen", "the person's corrected name (person)" },
	{ "birth", HTTP_P_SEARCH, 0, NULL, "1990-05-17", "the corrected date of birth, YYYY-MM-DD (person)" },
	{ "bsn", HTTP_P_SEARCH, 0, NULL, "111222333", "the corrected BSN, its 11-proef checked (person)" },
	{ "address", HTTP_P_SEARCH, 0, NULL, "Dorpsstraat 1", "the corrected address; empty removes it (person)" },
	{ "duplicate_ok", HTTP_P_SEARCH, 0, NULL, "1", "correct even when the new BSN has an open case (person)" },
	F_CSRF,
	{ 0 }
};

/* casefix: a correction of a case's person (POST /api/v1/cases/{id}/person) */
static const http_param f_case_person[] = {
	{ "name", HTTP_P_SEARCH, 0, NULL, "J. Jansen", "the person's name; not given: unchanged" },
	{ "birth", HTTP_P_SEARCH, 0, NULL, "1990-05-17", "date of birth (YYYY-MM-DD); not given: unchanged" },
	{ "bsn", HTTP_P_SEARCH, 0, NULL, "111222333", "the BSN (its 11-proef is checked); not given: unchanged" },
	{ "address", HTTP_P_SEARCH, 0, NULL, "Dorpsstraat 1", "the address (empty removes it); not given: unchanged" },
	{ "duplicate_ok", HTTP_P_SEARCH, 0, NULL, "1", "correct even when the new BSN has an open case" },
	{ "reason", HTTP_P_SEARCH, 0, NULL, "weekly triage", "why a member who is not the handler changes the case (audited)" },
	F_CSRF,
	{ 0 }
};

/* ---- the region (issue 15 item 3, region) ---- */

static const http_col c_region[] = {
	{ "region", HTTP_C_TEXT, 0, "the region: its comparison group's name (haaglanden)" },
	{ "title", HTTP_C_TEXT, 0, "the regional plan's title" },
	{ "from", HTTP_C_INT, 0, "the first year of its period" },
	{ "to", HTTP_C_INT, 0, "the last year of its period" },
	{ "source", HTTP_C_TEXT, 0, "where the plan comes from" },
	{ "order", HTTP_C_INT, 0, "the theme's place in the plan, from 1" },
	{ "theme", HTTP_C_TEXT, 0, "the theme's id, as a priority's regional_themes names it" },
	{ "theme_title", HTTP_C_TEXT, 0, "the theme's title" },
	{ "description", HTTP_C_TEXT, 1, "its description (null: not given)" },
	{ 0 }
};

static const http_col c_region_priorities[] = {
	{ "theme", HTTP_C_TEXT, 0, "the theme's id" },
	{ "theme_title", HTTP_C_TEXT, 0, "the theme's title" },
	{ "area", HTTP_C_TEXT, 0, "the municipality's CBS code" },
	{ "area_name", HTTP_C_TEXT, 0, "the municipality's name" },
	{ "plan", HTTP_C_TEXT, 1, "the id of its latest plan (null: no plan in ivp)" },
	{ "plan_title", HTTP_C_TEXT, 1, "that plan's title" },
	{ "priority", HTTP_C_TEXT, 1, "a priority of the plan that names the theme (null: none)" },
	{ "priority_title", HTTP_C_TEXT, 1, "that priority's title" },
	{ 0 }
};

static const http_param p_region[] = {
	{ "region", HTTP_P_TEXT, 0, NULL, "haaglanden", "the region (default: the first regional plan)" },
	{ 0 }
};

static const http_param p_region_page[] = {
	{ "region", HTTP_P_TEXT, 0, NULL, "haaglanden", "the region (default: the first regional plan)" },
	P_LANG,
	{ 0 }
};

static const http_param p_region_picture[] = {
	{ "region", HTTP_P_TEXT, 0, NULL, "haaglanden", "the region (default: the first regional plan)" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2023", "the year (default: the latest with a count for the region)" },
	P_LANG,
	{ 0 }
};

const http_route serve_routes[] = {
	{ "GET", "/api/v1/areas", api_areas, "listAreas",
	  "Areas (gemeenten, wijken, buurten, …) with level, parent and population",
	  HTTP_PUBLIC, p_areas, NULL, NULL, "one row per area", "table", c_areas, 0 },
	{ "GET", "/api/v1/indicators", api_indicators, "getIndicators",
	  "Indicators of an area and year: counts, rates per 1,000, trends, verdicts, comparisons",
	  HTTP_PUBLIC, p_indicators, NULL, NULL,
	  "one row per indicator, as `ivp indicators --format json`", "table", c_indicators, 0 },
	{ "GET", "/api/v1/ranking", api_ranking, "getRanking",
	  "The buurten (wijken, gemeenten) inside an area ranked on one indicator: rate, interval, small flag, vs all",
	  HTTP_PUBLIC, p_ranking, NULL, NULL, "one row per area, highest rate first, as `ivp ranking --format json`",
	  "table", c_ranking, 0 },
	{ "GET", "/api/v1/groups", api_groups, "listGroups",
	  "Comparison groups: those imported (the region Haaglanden, users' groups) and the derived grootteklasse and regio",
	  HTTP_PUBLIC, p_groups, NULL, NULL, "one row per group, as `ivp groups --format json`",
	  "table", c_groups, 0 },
	{ "GET", "/api/v1/groups/members", api_groups, "listGroupMembers",
	  "The members of a group (of an area's size class or region) with their population",
	  HTTP_PUBLIC, p_members, NULL, NULL, "one row per member, as `ivp groups NAME --format json`",
	  "table", c_members, 0 },
	{ "GET", "/api/v1/participation", api_participation, "getParticipationThemes",
	  "Inputs of the participation trajectory per theme and wijk with the totals, every count of 1 to 4 suppressed (as ivp participation themes)",
	  HTTP_PUBLIC, p_participation, NULL, NULL, "one row per theme and wijk, and the totals", "table", c_pt_themes, 0 },
	{ "GET", "/api/v1/participation/routes", api_participation, "getParticipationRoutes",
	  "What was done with the inputs, per theme: the route to the plan and its count, suppressed (as ivp participation routes)",
	  HTTP_PUBLIC, p_participation, NULL, NULL, "one row per theme and route", "table", c_pt_routes, 0 },
	{ "GET", "/api/v1/participation/activities", api_participation, "getParticipationActivities",
	  "The trajectory's activities with the number of participants, suppressed (as ivp participation activities)",
	  HTTP_PUBLIC, p_participation, NULL, NULL, "one row per activity", "table", c_pt_activities, 0 },
	{ "GET", "/api/v1/participation/inputs", api_participation, "getParticipationInputs",
	  "Every input with what was done with it (as ivp participation inputs); signed in",
	  HTTP_ROLE_VIEWER, p_participation, NULL, NULL, "one row per input", "table", c_pt_inputs, 0 },
	/* particip2: the priority matrix (issue 14) */
	{ "GET", "/api/v1/participation/matrix", api_participation, "getParticipationMatrix",
	  "The priority matrix: each theme's score per criterion with its source, the total, the rank and the choice (as ivp participation matrix); signed in",
	  HTTP_ROLE_VIEWER, p_participation, NULL, NULL, "one row per theme, by rank", "table", c_pt_matrix, 0 },
	{ "GET", "/api/v1/participation/sensitivity", api_participation, "getParticipationSensitivity",
	  "The matrix's sensitivity: each theme's rank and its best and worst rank with each weight set to 0 or doubled (as ivp participation sensitivity); signed in",
	  HTTP_ROLE_VIEWER, p_participation, NULL, NULL, "one row per theme, by rank", "table", c_pt_sensitivity, 0 },
	{ "GET", "/api/v1/series", api_series, "getSeries",
	  "Monthly counts for an area and a crime type or indicator",
	  HTTP_PUBLIC, p_series, NULL, NULL, "one row per month", "table", c_series, 0 },
	{ "GET", "/api/v1/sources", api_sources, "listSources",
	  "Every import: file, SHA-256, rows, who, when",
	  HTTP_PUBLIC, p_none, NULL, NULL, "one row per import", "table", c_sources, 0 },
	{ "GET", "/api/v1/definitions", api_definitions, "listDefinitions",
	  "The indicator definitions, every version",
	  HTTP_PUBLIC, p_none, NULL, NULL, "one row per indicator version", "table", c_definitions, 0 },
	{ "GET", "/api/v1/openapi.json", serve_openapi, "getOpenAPI",
	  "This API described as OpenAPI 3.1",
	  HTTP_PUBLIC, p_openapi, NULL, NULL, "the OpenAPI document", "openapi", NULL, 0 },
	{ "POST", "/api/v1/imports", api_import, "createImport",
	  "Import a data file (as ivp import KIND FILE); one transaction",
	  HTTP_ROLE_EDITOR, p_none, "multipart/form-data", f_import,
	  "the import: id, layout, SHA-256, rows, unchanged", "import", NULL, 0 },
	{ "POST", "/api/v1/session", api_signin, "createSession",
	  "Sign in: sets the ivp_session cookie and returns the CSRF token writes must carry",
	  HTTP_PUBLIC, p_none, "form", f_signin,
	  "the session: user, role, csrf, expires", "session", NULL, HTTP_SLOW },
	{ "DELETE", "/api/v1/session", api_signout, "deleteSession",
	  "Sign out: ends the session and clears the cookie",
	  HTTP_ROLE_VIEWER, p_none, NULL, NULL, "signed out", "session", NULL, 0 },
	{ "GET", "/api/v1/plan", api_plan, "getPlan",
	  "The latest plan version (priorities, ambitions, goals, measures, budget)",
	  HTTP_PUBLIC, p_none, NULL, NULL, "version, plan_id and the plan as JSON", "plan", NULL, 0 },
	{ "GET", "/api/v1/plan/progress", api_plan_progress, "getPlanProgress",
	  "Progress of the plan: goals with status, measures, priorities, budget (as ivp plan progress)",
	  HTTP_PUBLIC, p_progress, NULL, NULL, "the four tables goals, measures, priorities, budget",
	  "progress", c_progress, 0 },
	{ "GET", "/api/v1/plan/history", api_plan_history, "getPlanHistory",
	  "Every plan version: who, when, what changed (as ivp plan history)",
	  HTTP_PUBLIC, p_none, NULL, NULL, "one row per version", "table", c_history, 0 },
	{ "POST", "/api/v1/measures/{id}/progress", api_measure_progress, "updateMeasureProgress",
	  "Record a measure's progress (as ivp measure update): a new plan version by the signed-in user",
	  HTTP_ROLE_PARTNER, p_none, "form", f_measure,
	  "the new plan version and its summary", "update", NULL, 0 },
	{ "POST", "/api/v1/plan/edits", api_plan_edit, "editPlan",
	  "Change, add or remove one priority, ambition, goal, measure or budget year: a new plan version by the signed-in user",
	  HTTP_ROLE_EDITOR, p_none, "form", f_plan_edit,
	  "the new plan version and its summary (400 plan_edit_invalid with problems per field; 409 stale_version)", "update", NULL, 0 },
	{ "POST", "/api/v1/plan/revert", api_plan_revert, "revertPlan",
	  "Make an earlier plan version the current one again, as a new version (as ivp plan revert)",
	  HTTP_ROLE_EDITOR, p_none, "form", f_plan_revert, "the new plan version and its summary", "update", NULL, 0 },
	{ "GET", "/api/v1/plan/changes", api_plan_changes, "getPlanChanges",
	  "What changed between two plan versions, item by item and field by field (as ivp plan diff --items)",
	  HTTP_PUBLIC, p_plan_changes, NULL, NULL, "one row per change", "table", c_plan_changes, 0 },
	{ "GET", "/api/v1/reports", api_reports, "listReports",
	  "The reports there are (progress reports, council proposal, safety pictures) with their status",
	  HTTP_PUBLIC, p_reports, NULL, NULL, "one row per report", "table", c_reports, 0 },
	{ "GET", "/api/v1/reports/{id}", api_report, "getReport",
	  "One report (id KIND-YEAR, e.g. voortgang-2024) as PDF, HTML or XLSX, as ivp report; definitief: from its snapshot",
	  HTTP_PUBLIC, p_report, NULL, NULL, "the document, with Content-Disposition", "document", NULL, 1 },
	{ "GET", "/api/v1/reports/{id}/texts", api_report_texts, "getReportTexts",
	  "The narrative texts of a report with status, newest version and author (as ivp report text list)",
	  HTTP_PUBLIC, p_report_texts, NULL, NULL, "one row per text", "table", c_report_texts, 0 },
	{ "POST", "/api/v1/reports/{id}/texts", api_report_text_set, "setReportText",
	  "A new version of one of a report's texts, by the signed-in user (as ivp report text set)",
	  HTTP_ROLE_EDITOR, p_none, "multipart/form-data", f_report_text, "the text's key, label and new version", "text", NULL, 0 },
	{ "POST", "/api/v1/reports/{id}/finalize", api_report_finalize, "finalizeReport",
	  "Mark a complete report definitief: its content is frozen as a snapshot (as ivp report finalize)",
	  HTTP_ROLE_EDITOR, p_none, "form", f_report_final, "the report, its date and the snapshot's SHA-256", "final", NULL, 0 },

	/* regpolish (issue 13, retention): what each register's members see expire
	 * next month (src/api/api_cases.c api_reg_expiry, src/web/expiry.c); before
	 * the registers' {id} routes, which would match these paths first */
	{ "GET", "/api/v1/signals/expiry", api_reg_expiry, "getSignalsExpiry",
	  "The signals that expire in the month after as_of, for the members (no personal fields; audited)",
	  HTTP_ROLE_VIEWER, p_expiry, NULL, NULL, "one row per record", "table", c_expiry, HTTP_NOCACHE },
	{ "GET", "/api/v1/cases/expiry", api_reg_expiry, "getCasesExpiry",
	  "The cases that expire in the month after as_of, for the members who may see them listed (no personal fields; audited)",
	  HTTP_ROLE_VIEWER, p_expiry, NULL, NULL, "one row per record", "table", c_expiry, HTTP_NOCACHE },
	{ "GET", "/signalen/verloop", web_reg_expiry, "pageSignalsExpiry",
	  "The signals that expire in the coming month, with the date and the rule (members)",
	  HTTP_ROLE_VIEWER, p_expiry_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "GET", "/casussen/verloop", web_reg_expiry, "pageCasesExpiry",
	  "The cases that expire in the coming month, with the date and the rule (members)",
	  HTTP_ROLE_VIEWER, p_expiry_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	/* regpolish ends */
	/* the signals register (issue 13: signals; src/api/api_signals.c). Signed
	 * in; the library decides every record (404 for one the user may not see) */
	{ "GET", "/api/v1/signals", api_signals, "listSignals",
	  "The signals of the ondermijningsoverleg the signed-in user may see (as ivp signals list)",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "one row per signal", "table", c_sig_list, HTTP_NOCACHE },
	{ "POST", "/api/v1/signals", api_signal_add, "createSignal",
	  "Take a signal in (a member of the register; as ivp signals add); its personal and free-text fields are stored encrypted",
	  HTTP_ROLE_VIEWER, p_none, "form", f_sig_add, "the new signal's number", "done", NULL, 0 },
	{ "GET", "/api/v1/signals/counts", api_signal_counts, "getSignalCountsPhenomenon",
	  "Weighed signals per phenomenon and outcome, counts of 1 to 4 suppressed with secondary suppression (as ivp signals counts)",
	  HTTP_ROLE_VIEWER, p_sig_counts, NULL, NULL, "one row per phenomenon and the total", "table", c_sig_counts, HTTP_NOCACHE },
	{ "GET", "/api/v1/signals/counts/quarter", api_signal_counts, "getSignalCountsQuarter",
	  "Weighed signals per quarter, suppressed as parts of the grand total (as ivp signals counts quarter)",
	  HTTP_ROLE_VIEWER, p_sig_counts, NULL, NULL, "one row per quarter and the total", "table", c_sig_counts_q, HTTP_NOCACHE },
	{ "GET", "/api/v1/signals/counts/wijk", api_signal_counts, "getSignalCountsWijk",
	  "Weighed signals per wijk, suppressed as parts of the grand total (as ivp signals counts wijk)",
	  HTTP_ROLE_VIEWER, p_sig_counts, NULL, NULL, "one row per wijk and the total", "table", c_sig_counts_wk, HTTP_NOCACHE },
	{ "GET", "/api/v1/signals/export", api_signal_export, "exportSignals",
	  "Every signal the user may take out, opened; each one audited (as ivp signals export)",
	  HTTP_ROLE_VIEWER, p_sig_read, NULL, NULL, "one row per signal", "table", c_sig_one, HTTP_NOCACHE },
	{ "GET", "/api/v1/signals/meetings", api_signal_meetings, "listSignalMeetings",
	  "The meetings of the consultation (members; as ivp signals meeting list)",
	  HTTP_ROLE_VIEWER, p_none, NULL, NULL, "one row per meeting", "table", c_sig_meetings, HTTP_NOCACHE },
	{ "POST", "/api/v1/signals/meetings", api_signal_meeting_add, "createSignalMeeting",
	  "Add a meeting of the consultation (members; as ivp signals meeting add)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_sig_meeting, "the new meeting's number", "done", NULL, 0 },
	{ "GET", "/api/v1/signals/meetings/{id}/agenda", api_signal_agenda, "getSignalAgenda",
	  "A meeting's agenda: the signals on it the user may see (as ivp signals agenda N)",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "one row per signal on the agenda", "table", c_sig_agenda, HTTP_NOCACHE },
	{ "POST", "/api/v1/signals/meetings/{id}/agenda", api_signal_agenda_add, "addSignalToAgenda",
	  "Put a signal on a meeting's agenda (as ivp signals agenda add)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_sig_agenda, "the signal's number", "done", NULL, 0 },
	{ "GET", "/api/v1/signals/{id}", api_signal, "getSignal",
	  "One signal opened, with its weighing (as ivp signals show); a member who is not its handler gives a reason",
	  HTTP_ROLE_VIEWER, p_sig_read, NULL, NULL, "one row", "table", c_sig_one, HTTP_NOCACHE },
	{ "GET", "/api/v1/signals/{id}/history", api_signal_history, "getSignalHistory",
	  "A signal's status history (an access of the signal, as a read)",
	  HTTP_ROLE_VIEWER, p_sig_read, NULL, NULL, "one row per status", "table", c_sig_history, HTTP_NOCACHE },
	{ "POST", "/api/v1/signals/{id}/weighing", api_signal_weigh, "weighSignal",
	  "Record the weighing of a signal (as ivp signals weigh)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_sig_weigh, "the signal's number", "done", NULL, 0 },
	{ "POST", "/api/v1/signals/{id}/handler", api_signal_handler, "setSignalHandler",
	  "Name the department handler of a signal, who then sees that signal only (as ivp signals handler)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_sig_handler, "the signal's number", "done", NULL, 0 },
	{ "POST", "/api/v1/signals/{id}/status", api_signal_status, "setSignalStatus",
	  "Set a signal's status, kept in its history (as ivp signals status)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_sig_status, "the signal's number", "done", NULL, 0 },
	/* pages (src/web/), not in the OpenAPI document */
	{ "GET", "/", web_home, "pageHome", "Start page: priorities with goal statuses, key indicators",
	  HTTP_PUBLIC, p_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/indicator", web_indicator, "pageIndicator",
	  "An indicator or registered value over the years: chart (shared chart model) with its table, unit and source; with goal= the goal's baseline-to-target line",
	  HTTP_PUBLIC, p_indicator_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/indicator.csv", web_indicator_csv, "pageIndicatorCsv", "An indicator over the years as CSV",
	  HTTP_PUBLIC, p_indicator_page, NULL, NULL, "CSV", "page", NULL, 0 },
	{ "GET", "/buurten", web_buurten, "pageBuurten", "Ranking of wijken and buurten on one indicator",
	  HTTP_PUBLIC, p_buurten_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/kaart", web_kaart, "pageKaart",
	  "Map of the gemeenten: registered crime per 1,000 inhabitants in five classes, then the table",
	  HTTP_PUBLIC, p_kaart_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/plan", web_plan, "pagePlan",
	  "The plan: priority, ambition, goals with status, measures with budget (and update forms for editors)",
	  HTTP_PUBLIC, p_plan_main, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/plan/measures/{id}", web_measure, "pageMeasure",
	  "One measure: owner and partners, money per year, outputs, progress; for signed-in users its notes and history; the update form for whom may change it",
	  HTTP_PUBLIC, p_plan_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "POST", "/plan/measures/{id}", web_measure_post, "pageMeasureUpdate",
	  "Update a measure (a partner: its organisation's own); redirects back (an error: the measure's page with the input kept and the message beside the field)",
	  HTTP_ROLE_PARTNER, p_none, "form", f_measure_page, "303 to /plan", "page", NULL, 0 },
	{ "GET", "/plan/bewerken", web_plan_edit, "pagePlanEdit",
	  "For editors: the plan's items with a link to the form of each (and to add one); with object= the form",
	  HTTP_ROLE_EDITOR, p_plan_edit_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "POST", "/plan/bewerken", web_plan_edit_post, "pagePlanEditPost",
	  "Save an item's form as a new plan version; redirects to its changes (an error: the form again, the input kept)",
	  HTTP_ROLE_EDITOR, p_none, "form", f_plan_edit, "303 to /plan/versies", "page", NULL, 0 },
	{ "GET", "/plan/versies", web_plan_versions, "pagePlanVersions",
	  "Every plan version and what changed in one (wat is er gewijzigd); for editors a revert button per version",
	  HTTP_ROLE_VIEWER, p_plan_versions_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "POST", "/plan/terugzetten", web_plan_revert_post, "pagePlanRevert",
	  "Make an earlier version current again (a new version); redirects to its changes",
	  HTTP_ROLE_EDITOR, p_none, "form", f_plan_revert, "303 to /plan/versies", "page", NULL, 0 },
	{ "GET", "/plan/waarden", web_values_edit, "pageValues",
	  "For editors: register one local value (survey with margin, Halt, output count) or a values file",
	  HTTP_ROLE_EDITOR, p_values_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "POST", "/plan/waarden", web_values_post, "pageValuesPost",
	  "Register one local value from the form (as ivp import values); redirects back (an error: the form again)",
	  HTTP_ROLE_EDITOR, p_none, "form", f_values_one, "303 to /plan/waarden", "page", NULL, 0 },
	{ "POST", "/plan/waarden/bestand", web_values_upload_post, "pageValuesUpload",
	  "Register an uploaded values file (as ivp import values); redirects back (an error: the form again)",
	  HTTP_ROLE_EDITOR, p_none, "multipart/form-data", f_values_file, "303 to /plan/waarden", "page", NULL, 0 },
	{ "GET", "/rapport", web_report, "pageReport",
	  "The reports: pick kind and year, status (concept with the missing texts, definitief), read and download; texts and finalize for editors",
	  HTTP_PUBLIC, p_report_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "POST", "/rapport/tekst", web_report_text_post, "pageReportText",
	  "Save a new version of a report text from the page; redirects back (an error: the page again with the field marked)",
	  HTTP_ROLE_EDITOR, p_none, "multipart/form-data", f_report_text_page, "303 to /rapport", "page", NULL, 0 },
	{ "POST", "/rapport/definitief", web_report_final_post, "pageReportFinal",
	  "Make a complete report definitief from the page; redirects back",
	  HTTP_ROLE_EDITOR, p_none, "form", f_report_final_page, "303 to /rapport", "page", NULL, 0 },
	{ "GET", "/participatie", web_participation, "pageParticipation",
	  "The participation trajectory: aims, activities, every input with what was done with it",
	  HTTP_ROLE_VIEWER, p_participation_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/participatie/inbreng", web_participation_public, "pageParticipationPublic",
	  "Wat is er met uw inbreng gedaan? The activities, inputs per theme and wijk and the route of each theme, small counts suppressed",
	  HTTP_PUBLIC, p_participation_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/prioriteiten", web_priorities, "pagePriorities",
	  "The priority matrix: scores per criterion with their source, total, rank, chart, sensitivity and the choices",
	  HTTP_ROLE_VIEWER, p_participation_page, NULL, NULL, "HTML", "page", NULL, 0 },
	/* the signals register (issue 13: signals; src/web/signals.c): 404 for
	 * what the user may not see, the reason form for a member who is not the handler */
	{ "GET", "/signalen", web_signals, "pageSignals", "The signals the user may see",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "GET", "/signalen/nieuw", web_signal_new, "pageSignalNew", "The intake form of a signal (members)",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "POST", "/signalen/nieuw", web_signal_new_post, "pageSignalNewPost",
	  "Take a signal in from the form; redirects to it (an error: the form again, the message beside the field)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_sig_add, "303 to /signalen/{id}", "page", NULL, 0 },
	{ "GET", "/signalen/overleg", web_signal_meetings, "pageSignalMeetings",
	  "The meetings of the consultation with their agenda, and the forms to add a meeting and a signal to an agenda (members)",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "POST", "/signalen/overleg", web_signal_meeting_post, "pageSignalMeetingPost",
	  "Add a meeting from the form; redirects back", HTTP_ROLE_VIEWER, p_none, "form", f_sig_meeting,
	  "303 to /signalen/overleg", "page", NULL, 0 },
	{ "POST", "/signalen/overleg/agenda", web_signal_agenda_post, "pageSignalAgendaPost",
	  "Put a signal on an agenda from the form; redirects back", HTTP_ROLE_VIEWER, p_none, "form", f_sig_agenda,
	  "303 to /signalen/overleg", "page", NULL, 0 },
	{ "GET", "/signalen/cijfers", web_signal_counts, "pageSignalCounts",
	  "Counts without persons: weighed signals per phenomenon and outcome, quarter and wijk, suppressed, the rule beside them",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "GET", "/signalen/{id}", web_signal, "pageSignal",
	  "One signal opened with its weighing and history; the reason form for a member who is not its handler",
	  HTTP_ROLE_VIEWER, p_sig_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "POST", "/signalen/{id}", web_signal_open, "pageSignalOpen",
	  "Open a signal with the reason given in the reason form", HTTP_ROLE_VIEWER, p_none, "form", f_sig_open,
	  "HTML", "page", NULL, HTTP_NOCACHE },
	{ "GET", "/signalen/{id}/weging", web_signal_weighing, "pageSignalWeighing",
	  "The weighing form of a signal", HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "POST", "/signalen/{id}/weging", web_signal_weigh_post, "pageSignalWeighPost",
	  "Weigh a signal (and name its department handler) from the form; redirects to it (an error: the form again)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_sig_weigh, "303 to /signalen/{id}", "page", NULL, 0 },
	{ "GET", "/sources", web_sources, "pageSources", "Every import",
	  HTTP_PUBLIC, p_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/login", web_login, "pageLogin", "The sign-in form",
	  HTTP_PUBLIC, p_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "POST", "/login", web_login_post, "pageLoginPost", "Sign in from the form; redirects to /plan",
	  HTTP_PUBLIC, p_none, "form", f_signin, "303 to /plan", "page", NULL, HTTP_SLOW },
	{ "POST", "/logout", web_logout_post, "pageLogout", "Sign out from the form; redirects to /",
	  HTTP_ROLE_VIEWER, p_none, "form", f_logout, "303 to /", "page", NULL, 0 },
	{ "GET", "/import", web_import, "pageImport", "The upload form (for editors)",
	  HTTP_PUBLIC, p_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "POST", "/import", web_import_post, "pageImportPost",
	  "Start importing an uploaded file in the background; redirects to its status",
	  HTTP_ROLE_EDITOR, p_none, "multipart/form-data", f_import, "303 to /import/status", "page", NULL, 0 },
	{ "GET", "/import/status", web_import_status, "pageImportStatus",
	  "The state of an import started from the page (its user or an admin)",
	  HTTP_ROLE_EDITOR, p_import_status, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/audit", web_audit, "pageAudit",
	  "An object's audit trail, or the newest entries, with whether the chain is whole (editors and admins)",
	  HTTP_ROLE_EDITOR, p_audit_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/static/{id}", web_static, "pageStatic", "Style sheets and other static files",
	  HTTP_PUBLIC, p_none, NULL, NULL, "the file", "page", NULL, 1 },
	/* the case register (issue 13, part "cases"): the library decides each record; 404 for one not to be seen */
	{ "GET", "/api/v1/cases", api_cases, "listCases",
	  "The cases the signed-in member may see (no personal fields), every listing audited",
	  HTTP_ROLE_VIEWER, p_none, NULL, NULL, "one row per case", "table", c_cases, HTTP_NOCACHE },
	{ "POST", "/api/v1/cases", api_case_add, "addCase",
	  "Register a case (a member of the register); a BSN with an open case is refused unless duplicate_ok",
	  HTTP_ROLE_VIEWER, p_none, "form", f_case_add, "the new case's id", "update", NULL, HTTP_NOCACHE },
	{ "GET", "/api/v1/cases/counts", api_case_counts, "getCaseCounts",
	  "Cases per status, quarter or wijk without persons, counts of 1 to 4 suppressed (primary and secondary)",
	  HTTP_ROLE_VIEWER, p_case_counts, NULL, NULL, "one row per group and the total", "table", c_case_counts, HTTP_NOCACHE },
	{ "GET", "/api/v1/cases/{id}", api_case, "getCase",
	  "One case (audited with its reason); 404 for a case the user may not see",
	  HTTP_ROLE_VIEWER, p_case, NULL, NULL, "rows of the case's sections", "table", c_case_rows, HTTP_NOCACHE },
	{ "POST", "/api/v1/cases/{id}", api_case_change, "changeCase",
	  "Change a case: organisations, process director, life domains, agreements, meetings, notes, status (audited)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_case_change, "the case and a new entry's number", "update", NULL, HTTP_NOCACHE },
	/* casefix: correcting the person after registration */
	{ "POST", "/api/v1/cases/{id}/person", api_case_person, "correctCasePerson",
	  "Correct a case's person: the fields given replace the registered ones, checked as at registration (audited by field name, never the values)",
	  HTTP_ROLE_VIEWER, p_none, "form", f_case_person, "the case and the fields changed", "update", NULL, HTTP_NOCACHE },
	{ "GET", "/api/v1/cases/{id}/export", api_case_export, "exportCase",
	  "A case taken out whole (audited as an export with its reason)",
	  HTTP_ROLE_VIEWER, p_case, NULL, NULL, "rows of the case's sections", "table", c_case_rows, HTTP_NOCACHE },
	{ "GET", "/casussen", web_cases, "pageCases", "The cases the signed-in member may see",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "POST", "/casussen", web_case_add, "pageCaseAdd", "Register a case from the form; redirects to the case",
	  HTTP_ROLE_VIEWER, p_none, "form", f_case_add, "303 to the case", "page", NULL, HTTP_NOCACHE },
	{ "GET", "/casussen/nieuw", web_case_new, "pageCaseNew", "The registration form",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "GET", "/casussen/tellingen", web_case_counts, "pageCaseCounts", "Cases per status, quarter and wijk, suppressed",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "GET", "/casussen/{id}", web_case, "pageCase", "One case with its forms; the reason form when a reason is needed; 404 when not to be seen",
	  HTTP_ROLE_VIEWER, p_page, NULL, NULL, "HTML", "page", NULL, HTTP_NOCACHE },
	{ "POST", "/casussen/{id}", web_case_post, "pageCasePost", "Open the case with a reason, or change it (op); answers with the case",
	  HTTP_ROLE_VIEWER, p_none, "form", f_case_change, "HTML", "page", NULL, HTTP_NOCACHE },
	/* the case register ends */
	/* the region (issue 15 item 3, region: src/plan/region.c, src/api/api_region.c, src/web/region.c) */
	{ "GET", "/api/v1/region", api_region, "getRegion",
	  "The regional plan (title, period, source) with its themes in their order, as `ivp region show --format json`",
	  HTTP_PUBLIC, p_region, NULL, NULL, "one row per theme", "table", c_region, 0 },
	{ "GET", "/api/v1/region/priorities", api_region, "getRegionPriorities",
	  "The region side by side: per theme and municipality of the region the priorities of its latest plan that name the theme; plan null: no plan in ivp",
	  HTTP_PUBLIC, p_region, NULL, NULL, "one row per theme, municipality and priority", "table", c_region_priorities, 0 },
	{ "GET", "/regio", web_region, "pageRegion",
	  "The regional plan and its themes against the municipalities' priorities (\"geen plan in ivp\" where ivp holds none)",
	  HTTP_PUBLIC, p_region_page, NULL, NULL, "HTML", "page", NULL, 0 },
	{ "GET", "/regio/veiligheidsbeeld", web_region_picture, "pageRegionPicture",
	  "The region's safety picture: per indicator each municipality against the rest of the region, the region and the Netherlands",
	  HTTP_PUBLIC, p_region_picture, NULL, NULL, "HTML", "page", NULL, 0 },
	/* the region ends */
};

const size_t serve_nroutes = sizeof(serve_routes) / sizeof(serve_routes[0]);

const http_app serve_app = {
	serve_routes, sizeof(serve_routes) / sizeof(serve_routes[0]), serve_error,
	"GET /api/v1/openapi.json",
	"Sign in with POST /api/v1/session and send the ivp_session cookie and the CSRF token."
};
