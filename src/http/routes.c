/*
 * routes.c — the route table: every endpoint of the server, with its
 * method, path, handler, summary, who may call it, its parameters and
 * what it answers. The dispatcher (router.c) and the OpenAPI document
 * (openapi.c) are generated from this one table, and `ivp serve --routes`
 * prints it, so a test can check that the three agree.
 *
 * To add an endpoint: write its handler (api.c), add a row here. Pages
 * (HTML, src/web/) have rows of their own with the response type "page";
 * only /api/ rows go into OpenAPI.
 */
#include "http/http_int.h"
#include "web/web.h"

static const http_param p_none[] = { { 0 } };

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
	{ "compare", HTTP_P_LIST, 0, NULL, "NL01,GM0503",
	  "comma-separated areas to compare with (same rules as area)" },
	{ "indicator", HTTP_P_TEXT, 0, NULL, "totaal",
	  "one indicator key (GET /api/v1/definitions lists them)" },
	{ "all_types", HTTP_P_BOOL, 0, NULL, "false", "add every single SoortMisdrijf code" },
	{ "small", HTTP_P_COUNT, 0, NULL, "10", "flag counts below this as small (default 10)" },
	{ "lang", HTTP_P_ENUM, 0, "en,nl", "nl", "language of names and verdicts (default en)" },
	{ 0 }
};

static const http_param p_ranking[] = {
	{ "area", HTTP_P_TEXT, 1, NULL, "GM1926",
	  "rank the areas inside this one: a code or name (NL01: the country)" },
	{ "year", HTTP_P_YEAR, 1, NULL, "2023", "the year" },
	{ "level", HTTP_P_ENUM, 0, "BU,WK,GM", "BU", "what to rank: buurten (default), wijken or gemeenten" },
	{ "indicator", HTTP_P_TEXT, 0, NULL, "totaal", "the indicator key (default totaal)" },
	{ "small", HTTP_P_COUNT, 0, NULL, "10", "flag counts below this as small (default 10)" },
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
	{ "kind", HTTP_P_ENUM, 1, "crime,population,codes,long", "crime", "what the file holds" },
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
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL,
	  "the session's CSRF token, when not sent as header X-CSRF-Token" },
	{ 0 }
};

/* ---- pages (src/web/): every GET page takes lang=nl|en ---- */

#define P_LANG { "lang", HTTP_P_ENUM, 0, "nl,en", "en", "the page's language (also remembered in a cookie)" }

static const http_param p_page[] = { P_LANG, { 0 } };

static const http_param p_import_status[] = {
	{ "id", HTTP_P_COUNT, 1, NULL, "1", "the job, as POST /import redirected to" },
	P_LANG, { 0 }
};

static const http_param p_indicator_page[] = {
	{ "area", HTTP_P_TEXT, 1, NULL, "GM1926", "an area spec as for the indicators" },
	{ "key", HTTP_P_TEXT, 0, NULL, "totaal", "the indicator key (default totaal)" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2024", "the year the page was opened for" },
	P_LANG,
	{ 0 }
};

static const http_param p_buurten_page[] = {
	{ "area", HTTP_P_TEXT, 0, NULL, "GM1926", "the gemeente (default: the plan's)" },
	{ "key", HTTP_P_TEXT, 0, NULL, "totaal", "the indicator key (default totaal)" },
	{ "year", HTTP_P_YEAR, 0, NULL, "2023", "the year (default: the latest with figures)" },
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

static const http_param f_measure_page[] = {
	{ "status", HTTP_P_ENUM, 0, "planned,running,done,stopped", "running", "the measure's new status" },
	{ "note", HTTP_P_TEXT, 0, NULL, "first meetings held", "text of the dated progress entry" },
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ 0 }
};

static const http_param f_logout[] = {
	{ "csrf", HTTP_P_TEXT, 0, NULL, NULL, "the session's CSRF token" },
	{ 0 }
};

const http_route http_routes[] = {
	{ "GET", "/api/v1/areas", http_api_areas, "listAreas",
	  "Areas (gemeenten, wijken, buurten, …) with level, parent and population",
	  HTTP_PUBLIC, p_areas, NULL, NULL, "one row per area", "table" },
	{ "GET", "/api/v1/indicators", http_api_indicators, "getIndicators",
	  "Indicators of an area and year: counts, rates per 1,000, trends, verdicts, comparisons",
	  HTTP_PUBLIC, p_indicators, NULL, NULL,
	  "one row per indicator, as `ivp indicators --format json`", "table" },
	{ "GET", "/api/v1/ranking", http_api_ranking, "getRanking",
	  "The buurten (wijken, gemeenten) inside an area ranked on one indicator: rate, interval, small flag, vs all",
	  HTTP_PUBLIC, p_ranking, NULL, NULL, "one row per area, highest rate first, as `ivp ranking --format json`",
	  "table" },
	{ "GET", "/api/v1/series", http_api_series, "getSeries",
	  "Monthly counts for an area and a crime type or indicator",
	  HTTP_PUBLIC, p_series, NULL, NULL, "one row per month", "table" },
	{ "GET", "/api/v1/sources", http_api_sources, "listSources",
	  "Every import: file, SHA-256, rows, who, when",
	  HTTP_PUBLIC, p_none, NULL, NULL, "one row per import", "table" },
	{ "GET", "/api/v1/definitions", http_api_definitions, "listDefinitions",
	  "The indicator definitions, every version",
	  HTTP_PUBLIC, p_none, NULL, NULL, "one row per indicator version", "table" },
	{ "GET", "/api/v1/openapi.json", http_api_openapi, "getOpenAPI",
	  "This API described as OpenAPI 3.0",
	  HTTP_PUBLIC, p_none, NULL, NULL, "the OpenAPI document", "openapi" },
	{ "POST", "/api/v1/imports", http_api_import, "createImport",
	  "Import a data file (as ivp import KIND FILE); one transaction",
	  HTTP_ROLE_EDITOR, p_none, "multipart/form-data", f_import,
	  "the import: id, layout, SHA-256, rows, unchanged", "import" },
	{ "POST", "/api/v1/session", http_api_signin, "createSession",
	  "Sign in: sets the ivp_session cookie and returns the CSRF token writes must carry",
	  HTTP_PUBLIC, p_none, "form", f_signin,
	  "the session: user, role, csrf, expires", "session" },
	{ "DELETE", "/api/v1/session", http_api_signout, "deleteSession",
	  "Sign out: ends the session and clears the cookie",
	  HTTP_ROLE_VIEWER, p_none, NULL, NULL, "signed out", "session" },
	{ "GET", "/api/v1/plan", http_api_plan, "getPlan",
	  "The latest plan version (priorities, ambitions, goals, measures, budget)",
	  HTTP_PUBLIC, p_none, NULL, NULL, "version, plan_id and the plan as JSON", "plan" },
	{ "GET", "/api/v1/plan/progress", http_api_plan_progress, "getPlanProgress",
	  "Progress of the plan: goals with status, measures, priorities, budget (as ivp plan progress)",
	  HTTP_PUBLIC, p_progress, NULL, NULL, "the four tables goals, measures, priorities, budget",
	  "progress" },
	{ "GET", "/api/v1/plan/history", http_api_plan_history, "getPlanHistory",
	  "Every plan version: who, when, what changed (as ivp plan history)",
	  HTTP_PUBLIC, p_none, NULL, NULL, "one row per version", "table" },
	{ "POST", "/api/v1/measures/{id}/progress", http_api_measure_progress, "updateMeasureProgress",
	  "Record a measure's progress (as ivp measure update): a new plan version by the signed-in user",
	  HTTP_ROLE_EDITOR, p_none, "form", f_measure,
	  "the new plan version and its summary", "update" },

	/* pages (src/web/), not in the OpenAPI document */
	{ "GET", "/", web_home, "pageHome", "Start page: priorities with goal statuses, key indicators",
	  HTTP_PUBLIC, p_page, NULL, NULL, "HTML", "page" },
	{ "GET", "/indicator", web_indicator, "pageIndicator",
	  "An indicator over the years: table, SVG chart with interval and NL01, CSV link",
	  HTTP_PUBLIC, p_indicator_page, NULL, NULL, "HTML", "page" },
	{ "GET", "/indicator.csv", web_indicator_csv, "pageIndicatorCsv", "An indicator over the years as CSV",
	  HTTP_PUBLIC, p_indicator_page, NULL, NULL, "CSV", "page" },
	{ "GET", "/buurten", web_buurten, "pageBuurten", "Ranking of wijken and buurten on one indicator",
	  HTTP_PUBLIC, p_buurten_page, NULL, NULL, "HTML", "page" },
	{ "GET", "/kaart", web_kaart, "pageKaart",
	  "Map of the gemeenten: registered crime per 1,000 inhabitants in five classes, then the table",
	  HTTP_PUBLIC, p_kaart_page, NULL, NULL, "HTML", "page" },
	{ "GET", "/plan", web_plan, "pagePlan",
	  "The plan: priority, ambition, goals with status, measures with budget (and update forms for editors)",
	  HTTP_PUBLIC, p_plan_page, NULL, NULL, "HTML", "page" },
	{ "POST", "/plan/measures/{id}", web_measure_post, "pageMeasureUpdate",
	  "Update a measure from the plan page; redirects back",
	  HTTP_ROLE_EDITOR, p_none, "form", f_measure_page, "303 to /plan", "page" },
	{ "GET", "/sources", web_sources, "pageSources", "Every import",
	  HTTP_PUBLIC, p_page, NULL, NULL, "HTML", "page" },
	{ "GET", "/login", web_login, "pageLogin", "The sign-in form",
	  HTTP_PUBLIC, p_page, NULL, NULL, "HTML", "page" },
	{ "POST", "/login", web_login_post, "pageLoginPost", "Sign in from the form; redirects to /plan",
	  HTTP_PUBLIC, p_none, "form", f_signin, "303 to /plan", "page" },
	{ "POST", "/logout", web_logout_post, "pageLogout", "Sign out from the form; redirects to /",
	  HTTP_ROLE_VIEWER, p_none, "form", f_logout, "303 to /", "page" },
	{ "GET", "/import", web_import, "pageImport", "The upload form (for editors)",
	  HTTP_PUBLIC, p_page, NULL, NULL, "HTML", "page" },
	{ "POST", "/import", web_import_post, "pageImportPost",
	  "Start importing an uploaded file in the background; redirects to its status",
	  HTTP_ROLE_EDITOR, p_none, "multipart/form-data", f_import, "303 to /import/status", "page" },
	{ "GET", "/import/status", web_import_status, "pageImportStatus",
	  "The state of an import started from the page (its user or an admin)",
	  HTTP_ROLE_EDITOR, p_import_status, NULL, NULL, "HTML", "page" },
	{ "GET", "/static/{id}", web_static, "pageStatic", "Style sheets and other static files",
	  HTTP_PUBLIC, p_none, NULL, NULL, "the file", "page" },
};

const size_t http_nroutes = sizeof(http_routes) / sizeof(http_routes[0]);
