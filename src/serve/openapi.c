/*
 * openapi.c — the OpenAPI 3.1 document of the API, made from the route
 * table (routes.c) and nothing else: every /api/ route becomes an
 * operation with its parameters, request body, responses and security,
 * and every table route's row schema is made from its column list (types,
 * nullability; "{n}" and "{area}" columns of the comparisons become
 * patternProperties). Served at /api/v1/openapi.json and printed by
 * `ivp serve --openapi`; tests/http/openapi.sh validates it.
 *
 * Its descriptions and summaries are English, like the API's answers; with
 * ?lang=nl they are the catalogue's Dutch texts (looked up by their English,
 * include/ivp/messages_lib.def; a text without an entry stays English).
 *
 * Why 3.1 (see README.md): its schemas are JSON Schema 2020-12, so a
 * nullable column is "type": ["number", "null"] and the columns named by
 * the request (NL01_per_1000, vs_NL01) are patternProperties; OpenAPI
 * 3.0's schema dialect has neither.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"

/* "a,b,c" as a JSON array of strings. */
static json_t *split(const char *v)
{
	json_t *a = json_array();

	while (v && *v) {
		const char *c = strchr(v, ',');
		size_t n = c ? (size_t)(c - v) : strlen(v);

		json_array_append_new(a, json_stringn(v, n));
		v = c ? c + 1 : NULL;
	}
	return a;
}

static json_t *schema(const http_param *p)
{
	json_t *s = json_object();

	switch (p->type) {
	case HTTP_P_YEAR:
		json_object_set_new(s, "type", json_string("integer"));
		json_object_set_new(s, "minimum", json_integer(1900));
		json_object_set_new(s, "maximum", json_integer(2199));
		break;
	case HTTP_P_MONTH:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "pattern", json_string("^[0-9]{4}-(0[1-9]|1[0-2])$"));
		break;
	case HTTP_P_COUNT:
		json_object_set_new(s, "type", json_string("integer"));
		json_object_set_new(s, "minimum", json_integer(0));
		json_object_set_new(s, "maximum", json_integer(999999999));
		break;
	case HTTP_P_LIST:
		json_object_set_new(s, "type", json_string("array"));
		json_object_set_new(s, "items", json_pack("{s:s, s:i}", "type", "string", "minLength", 1));
		json_object_set_new(s, "maxItems", json_integer(32));
		break;
	case HTTP_P_BOOL:
		json_object_set_new(s, "type", json_string("boolean"));
		break;
	case HTTP_P_ENUM:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "enum", split(p->values));
		break;
	case HTTP_P_FILE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "contentMediaType", json_string("application/octet-stream"));
		break;
	default:
		json_object_set_new(s, "type", json_string("string"));
	}
	return s;
}

/* A parameter's example as a value of its schema's type. */
static json_t *example(const http_param *p)
{
	switch (p->type) {
	case HTTP_P_YEAR:
	case HTTP_P_COUNT:
		return json_integer(strtoll(p->example, NULL, 10));
	case HTTP_P_BOOL:
		return json_boolean(!strcmp(p->example, "true") || !strcmp(p->example, "1"));
	case HTTP_P_LIST:
		return split(p->example);
	default:
		return json_string(p->example);
	}
}

/* A route of a report (/api/v1/reports/{id}…): its id is KIND-YEAR, not a plan id. */
static int is_report(const http_route *rt)
{
	return !strncmp(rt->path, "/api/v1/reports/", 16);
}

static json_t *parameters(const http_route *rt)
{
	const http_param *p = rt->params;
	json_t *a = json_array();

	if (strchr(rt->path, '{'))
		json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:s, s:{s:s, s:s}}", "name", "id",
						   "in", "path", "required", 1, "description",
						   is_report(rt) ? "the report: KIND-YEAR, e.g. voortgang-2024" :
								   "the id in the plan file",
						   "schema", "type", "string",
						   "pattern", "^[A-Za-z0-9._-]{1,127}$"));
	for (; p->name; p++) {
		json_t *o = json_pack("{s:s, s:s, s:b, s:s, s:o}", "name", p->name, "in", "query",
				      "required", p->required, "description", p->description,
				      "schema", schema(p));

		if (p->type == HTTP_P_LIST) {
			json_object_set_new(o, "style", json_string("form"));
			json_object_set_new(o, "explode", json_false());
		}
		if (p->example)
			json_object_set_new(o, "example", example(p));
		json_array_append_new(a, o);
	}
	/* every route's (src/http/auth.c, http_scope; docs/tenancy.md) */
	json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:s, s:{s:s, s:s}}", "name", HTTP_PARAM_MUNICIPALITY,
					   "in", "query", "required", 0, "description",
					   "the municipality (its CBS code, GM1926) or region the request is for; "
					   "default: the signed-in user's, else the deployment's first",
					   "schema", "type", "string", "pattern", "^(GM[0-9]{4}|[a-z][a-z0-9_-]{0,62})$"));
	return a;
}

static json_t *request_body(const http_route *rt)
{
	json_t *props = json_object(), *req = json_array(), *sch;
	const http_param *p;

	for (p = rt->fields; p && p->name; p++) {
		json_t *s = schema(p);

		json_object_set_new(s, "description", json_string(p->description));
		if (!strcmp(p->name, "password"))
			json_object_set_new(s, "format", json_string("password"));
		json_object_set_new(props, p->name, s);
		if (p->required)
			json_array_append_new(req, json_string(p->name));
	}
	sch = json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props,
			"required", req, "additionalProperties", 0);
	if (!strcmp(rt->body_type, "form"))
		return json_pack("{s:b, s:{s:{s:O}, s:{s:o}}}", "required", 1, "content",
				 "application/json", "schema", sch,
				 "application/x-www-form-urlencoded", "schema", sch);
	return json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content", rt->body_type, "schema", sch);
}

/* ---- rows of tables ---------------------------------------------------------- */

/* The JSON Schema of one column's values. */
static json_t *col_schema(const http_col *c)
{
	static const char *const names[] = { [HTTP_C_TEXT] = "string", [HTTP_C_INT] = "integer", [HTTP_C_REAL] = "number", [HTTP_C_REAL_TEXT] = "number" };
	json_t *t = json_array(), *s;

	json_array_append_new(t, json_string(names[c->type]));
	if (c->type == HTTP_C_REAL_TEXT)
		json_array_append_new(t, json_string("string"));
	if (c->nullable)
		json_array_append_new(t, json_string("null"));
	/* one type as a string, several as an array */
	s = json_pack("{s:O, s:s}", "type", json_array_size(t) == 1 ? json_array_get(t, 0) : t,
		      "description", c->description);
	json_decref(t);
	return s;
}

/* Does fixed column f (prefix stripped) fit head.+tail, the pattern of an "{area}" column? */
static int fits(const char *f, const char *head, size_t hn, const char *tail)
{
	size_t fn = strlen(f), tn = strlen(tail);

	return !strchr(f, '{') && fn > hn + tn && !strncmp(f, head, hn) && !strcmp(f + fn - tn, tail);
}

/*
 * "cmp{n}_lo" as the pattern ^cmp[0-9]+_lo$; "{area}_per_1000" as
 * ^(?!(?:prev_per_1000|…)$).+_per_1000$, without the row's fixed columns
 * (of cols, names after prefix) that the wildcard would match too.
 */
static json_t *col_pattern(const char *name, const http_col *cols, const char *prefix)
{
	const char *area = strstr(name, "{area}");
	size_t o = 0, pn = strlen(prefix);
	char re[1024];
	const http_col *c;
	int any = 0;

	re[o++] = '^';
	if (area) {
		for (c = cols; c->name; c++) {
			if (strncmp(c->name, prefix, pn) || !fits(c->name + pn, name, (size_t)(area - name), area + 6))
				continue;
			if (o + strlen(c->name) + 16 > sizeof(re))
				return NULL; /* never with the route table's names */
			o += (size_t)snprintf(re + o, sizeof(re) - o, "%s%s", any ? "|" : "(?!(?:", c->name + pn);
			any = 1;
		}
		if (any)
			o += (size_t)snprintf(re + o, sizeof(re) - o, ")$)");
	}
	while (*name && o + 8 < sizeof(re)) {
		if (!strncmp(name, "{n}", 3)) {
			memcpy(re + o, "[0-9]+", 6); // NOLINT(bugprone-not-null-terminated-result): json_stringn gets the length
			o += 6;
			name += 3;
		} else if (!strncmp(name, "{area}", 6)) {
			memcpy(re + o, ".+", 2); // NOLINT(bugprone-not-null-terminated-result): json_stringn gets the length
			o += 2;
			name += 6;
		} else {
			re[o++] = *name++;
		}
	}
	re[o++] = '$';
	return json_stringn(re, o);
}

/*
 * The schema of one row: the columns of cols whose name starts with
 * prefix (prefix stripped), every fixed column required, nothing else
 * allowed.
 */
static json_t *row_schema(const http_col *cols, const char *prefix)
{
	json_t *props = json_object(), *pats = json_object(), *req = json_array(), *row;
	size_t pn = strlen(prefix);
	const http_col *c;
	int ok = 1;

	for (c = cols; c && c->name; c++) {
		const char *name = c->name + pn;

		if (strncmp(c->name, prefix, pn))
			continue;
		if (strchr(name, '{')) {
			json_t *re = col_pattern(name, cols, prefix);

			ok = ok && re && !json_object_set_new(pats, json_string_value(re), col_schema(c));
			json_decref(re);
			continue;
		}
		json_object_set_new(props, name, col_schema(c));
		json_array_append_new(req, json_string(name));
	}
	row = json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props,
			"required", req, "additionalProperties", 0);
	if (row && json_object_size(pats))
		json_object_set(row, "patternProperties", pats);
	json_decref(pats);
	if (!ok) { /* a pattern did not fit: no document rather than a wrong one */
		json_decref(row);
		return NULL;
	}
	return row;
}

/* {rows: [row], notes: [text]} */
static json_t *table_schema(json_t *row, const char *what)
{
	return json_pack("{s:s, s:s, s:[s,s], s:{s:{s:s, s:o}, s:{s:s, s:{s:s}, s:s}}, s:b}",
			 "type", "object", "description", what, "required", "rows", "notes",
			 "properties", "rows", "type", "array", "items", row,
			 "notes", "type", "array", "items", "type", "string", "description",
			 "what the reader must know, e.g. which table to import for no data",
			 "additionalProperties", 0);
}

/* The 200 schema of a "table" or "progress" route, added to schemas under its operationId. */
static json_t *result_ref(const http_route *rt, json_t *schemas)
{
	static const char *const parts[] = { "goals", "measures", "priorities", "budget" };
	char ref[128];
	json_t *s;
	size_t i;

	if (!strcmp(rt->response_type, "progress")) {
		json_t *props = json_object(), *req = json_array();

		for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			char pre[32];

			snprintf(pre, sizeof(pre), "%s.", parts[i]);
			json_object_set_new(props, parts[i], table_schema(row_schema(rt->columns, pre), parts[i]));
			json_array_append_new(req, json_string(parts[i]));
		}
		s = json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props,
			      "required", req, "additionalProperties", 0);
	} else {
		s = table_schema(row_schema(rt->columns, ""), rt->response);
	}
	json_object_set_new(schemas, rt->id, s);
	snprintf(ref, sizeof(ref), "#/components/schemas/%s", rt->id);
	return json_string(ref);
}

/* ---- operations ----------------------------------------------------------------- */

static json_t *error_ref(const char *what)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", what, "content",
			 "application/json", "schema", "$ref", "#/components/schemas/Error");
}

static json_t *operation(const http_route *rt, json_t *schemas)
{
	const char *fixed = !strcmp(rt->response_type, "import")  ? "#/components/schemas/Import" :
			    !strcmp(rt->response_type, "session") ? "#/components/schemas/Session" :
			    !strcmp(rt->response_type, "update")  ? "#/components/schemas/Update" :
			    !strcmp(rt->response_type, "plan")	  ? "#/components/schemas/Plan" :
			    !strcmp(rt->response_type, "text")	  ? "#/components/schemas/ReportText" :
			    !strcmp(rt->response_type, "final")	  ? "#/components/schemas/ReportFinal" :
			    !strcmp(rt->response_type, "done")	  ? "#/components/schemas/RecordDone" :
								    "#/components/schemas/OpenAPIDocument";
	int upload = rt->body_type && strcmp(rt->body_type, "form"), signin = rt->role == HTTP_PUBLIC && rt->body_type;
	json_t *resp = json_object(), *op, *ref;

	ref = rt->columns ? result_ref(rt, schemas) : json_string(fixed);
	if (!strcmp(rt->response_type, "document")) /* a report: the file itself */
		json_object_set_new(resp, "200", json_pack("{s:s, s:{s:{s:{s:s, s:s}}, s:{s:{s:s}}, s:{s:{s:s, s:s}}}}", "description", rt->response, "content", "application/pdf", "schema", "type", "string", "format", "binary", "text/html", "schema", "type", "string", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "schema", "type", "string", "format", "binary"));
	else
		json_object_set_new(resp, "200", json_pack("{s:s, s:{s:{s:{s:O}}}}", "description", rt->response, "content", "application/json", "schema", "$ref", ref));
	if (upload && !strcmp(rt->response_type, "import"))
		json_object_set_new(resp, "201", json_pack("{s:s, s:{s:{s:{s:O}}}}", "description", "created: a new import", "content", "application/json", "schema", "$ref", ref));
	json_decref(ref);
	if (rt->params[0].name || rt->body_type)
		json_object_set_new(resp, "400", error_ref("a parameter or the body is wrong"));
	if (!strcmp(rt->response_type, "table") && rt->params[0].name)
		json_object_set_new(resp, "404", error_ref("an area or other named thing is unknown"));
	if (strchr(rt->path, '{'))
		json_object_set_new(resp, "404", error_ref(is_report(rt) ? "no such report, or no plan imported yet" : "no such measure in the plan"));
	if (!strcmp(rt->response_type, "plan") || !strcmp(rt->response_type, "progress"))
		json_object_set_new(resp, "404", error_ref("no plan imported yet"));
	if (rt->role != HTTP_PUBLIC) {
		json_object_set_new(resp, "401", error_ref("not signed in"));
		json_object_set_new(resp, "403", error_ref(strcmp(rt->method, "GET") ? "the role may not do this, or the CSRF token is missing or wrong" : "the role may not do this"));
	}
	if (signin) {
		json_object_set_new(resp, "401", error_ref("wrong name or password"));
		json_object_set_new(resp, "429", error_ref("too many failed sign-ins; see Retry-After"));
	}
	if (rt->body_type) {
		json_object_set_new(resp, "413", error_ref("the body is too large"));
		json_object_set_new(resp, "415", error_ref(upload ? "the body is not multipart/form-data" : "the body is neither JSON nor an HTML form"));
	}
	json_object_set_new(resp, "500", error_ref("the server failed (code internal, database_error, out_of_memory, …)"));
	op = json_pack("{s:s, s:s, s:[s], s:o, s:o}", "operationId", rt->id, "summary", rt->summary,
		       "tags", strstr(rt->path, "/imports") ? "imports" : strstr(rt->path, "/session")			     ? "session" :
								  strstr(rt->path, "/plan") || strstr(rt->path, "/measures") ? "plan" :
															       "data",
		       "parameters", parameters(rt), "responses", resp);
	if (rt->body_type)
		json_object_set_new(op, "requestBody", request_body(rt));
	if (rt->role != HTTP_PUBLIC) {
		json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
		json_object_set_new(op, "x-ivp-role", json_string(http_role_name(rt->role)));
	}
	return op;
}

/* The schemas that are not tables: errors, imports, sessions, updates, the plan, this document. */
static json_t *fixed_schemas(void)
{
	return json_pack(
		"{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
		/* a write on a register's record (src/api/api_signals.c) */
		"RecordDone", json_pack("{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}}, s:b}", "type", "object", "required", "id", "done", "properties", "id", "type", "string", "done", "type", "string", "additionalProperties", 0),
		"Error", json_pack("{s:s, s:s, s:[s,s,s,s], s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}}, s:b}", "type", "object", "description", "an error: a stable machine code (docs/errors.md) and PostgreSQL-style texts", "required", "code", "message", "detail", "hint", "properties", "code", "type", "string", "description", "the stable machine code, e.g. not_found, bad_parameter, out_of_memory", "reason", "type", "string", "description", "errors of the library: its own machine code for the condition, e.g. unknown_area, csv_unterminated_quote", "message", "type", "string", "detail", "type", "string", "hint", "type", "string", "file", "type", "string", "description", "import errors: the file as uploaded", "line", "type", "integer", "column", "type", "integer", "description", "1-based byte in the line, 0 when not known", "field", "type", "string", "additionalProperties", 0),
		"Import", json_pack("{s:s, s:[s,s,s,s,s,s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}, s:b}", "type", "object", "required", "import", "unchanged", "layout", "sha256", "rows", "changed", "unknown_regions", "note", "properties", "import", "type", "integer", "unchanged", "type", "boolean", "layout", "type", "string", "sha256", "type", "string", "rows", "type", "integer", "changed", "type", "integer", "unknown_regions", "type", "integer", "note", "type", "string", "additionalProperties", 0),
		"Session", json_pack("{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s}}, s:b}", "type", "object", "properties", "user", "type", "string", "role", "type", "string", "csrf", "type", "string", "description", "send as header X-CSRF-Token (or form field csrf) with every write", "expires", "type", "integer", "signed_out", "type", "boolean", "additionalProperties", 0),
		"Update", json_pack("{s:s, s:[s,s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}, s:b}", "type", "object", "required", "version", "plan_id", "summary", "by", "properties", "version", "type", "integer", "plan_id", "type", "string", "summary", "type", "string", "by", "type", "string", "additionalProperties", 0),
		"ReportText", json_pack("{s:s, s:[s,s,s,s,s,s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}, s:b}", "type", "object", "required", "kind", "area", "key", "label", "year", "version", "by", "final", "properties", "kind", "type", "string", "area", "type", "string", "key", "type", "string", "label", "type", "string", "year", "type", "integer", "version", "type", "integer", "by", "type", "string", "final", "type", "boolean", "additionalProperties", 0),
		"ReportFinal", json_pack("{s:s, s:[s,s,s,s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}, s:b}", "type", "object", "required", "kind", "area", "year", "date", "sha256", "status", "properties", "kind", "type", "string", "area", "type", "string", "year", "type", "integer", "date", "type", "string", "sha256", "type", "string", "status", "type", "string", "additionalProperties", 0),
		"Plan", json_pack("{s:s, s:[s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s, s:s}}, s:b}", "type", "object", "required", "version", "plan_id", "plan", "properties", "version", "type", "integer", "plan_id", "type", "string", "plan", "type", "object", "description", "the plan file as JSON (docs/plan-file.md): priorities, ambitions, goals, measures, budget", "additionalProperties", 0),
		"OpenAPIDocument", json_pack("{s:s, s:s, s:[s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}}}", "type", "object", "description", "this document (OpenAPI 3.1)", "required", "openapi", "info", "paths", "properties", "openapi", "type", "string", "info", "type", "object", "paths", "type", "object"));
}

/* Every "description" and "summary" text of j in lang. */
static void translate(json_t *j, const char *lang)
{
	const char *k;
	json_t *v;
	size_t i;

	if (json_is_object(j)) {
		json_object_foreach(j, k, v) {
			if ((!strcmp(k, "description") || !strcmp(k, "summary")) && json_is_string(v))
				(void)json_string_set(v, ivp_msg_tr(lang, json_string_value(v)));
			else
				translate(v, lang);
		}
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			translate(v, lang);
	}
}

char *serve_openapi_json(void)
{
	return serve_openapi_json_lang("en");
}

char *serve_openapi_json_lang(const char *lang)
{
	json_t *doc, *paths = json_object(), *schemas = fixed_schemas();
	char *s;
	size_t i;

	for (i = 0; paths && schemas && i < serve_nroutes; i++) {
		const http_route *rt = &serve_routes[i];
		json_t *item = json_object_get(paths, rt->path);
		char m[8];
		size_t k;

		if (strncmp(rt->path, "/api/", 5))
			continue;
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
		}
		for (k = 0; k < sizeof(m) - 1 && rt->method[k]; k++)
			m[k] = (char)(rt->method[k] | 0x20);
		m[k] = '\0';
		json_object_set_new(item, m, operation(rt, schemas));
	}
	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:o, s:{s:{s:s, s:s, s:s, s:s}}}}",
			"openapi", "3.1.0", "info", "title", "ivp API", "version", "1.0.0",
			"description", "Open figures of the integral safety plan (Integraal Veiligheidsplan): areas, indicators, series, sources and definitions. Errors are {code, message, detail, hint}. Writes need a signed-in user.",
			"servers", "url", "/", "paths", paths, "components", "schemas", schemas,
			"securitySchemes", "session", "type", "apiKey", "in", "cookie", "name", "ivp_session",
			"description", "the session cookie set by POST /api/v1/session (HttpOnly, SameSite=Strict); writes also need the CSRF token it returns");
	if (!doc)
		return NULL;
	if (lang && !strcmp(lang, "nl"))
		translate(doc, "nl");
	s = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return s;
}

void serve_openapi(http_req *r)
{
	http_json(r, 200, serve_openapi_json_lang(http_query_get(&r->q, "lang")));
}
