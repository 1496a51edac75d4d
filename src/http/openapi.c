/*
 * openapi.c — the OpenAPI 3.0 document of the API, generated from the
 * route table (routes.c) and nothing else: every /api/ route becomes an
 * operation with its parameters, request body, responses and security.
 * The server makes it once at start and serves it at
 * /api/v1/openapi.json.
 */
#include <jansson.h>
#include <string.h>

#include "http/http_int.h"

static json_t *schema(const http_param *p)
{
	json_t *s = json_object(), *e;
	const char *v;

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
		break;
	case HTTP_P_LIST:
		json_object_set_new(s, "type", json_string("array"));
		json_object_set_new(s, "items", json_pack("{s:s}", "type", "string"));
		json_object_set_new(s, "maxItems", json_integer(32));
		break;
	case HTTP_P_BOOL:
		json_object_set_new(s, "type", json_string("boolean"));
		break;
	case HTTP_P_ENUM:
		json_object_set_new(s, "type", json_string("string"));
		e = json_array();
		for (v = p->values; v && *v; ) {
			const char *c = strchr(v, ',');
			size_t n = c ? (size_t)(c - v) : strlen(v);

			json_array_append_new(e, json_stringn(v, n));
			v = c ? c + 1 : NULL;
		}
		json_object_set_new(s, "enum", e);
		break;
	case HTTP_P_FILE:
		json_object_set_new(s, "type", json_string("string"));
		json_object_set_new(s, "format", json_string("binary"));
		break;
	default:
		json_object_set_new(s, "type", json_string("string"));
	}
	return s;
}

static json_t *parameters(const http_route *rt)
{
	const http_param *p = rt->params;
	json_t *a = json_array();

	if (strchr(rt->path, '{'))
		json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:s, s:{s:s, s:s}}", "name", "id",
						   "in", "path", "required", 1, "description",
						   "the id in the plan file", "schema", "type", "string",
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
			json_object_set_new(o, "example", json_string(p->example));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *request_body(const http_route *rt)
{
	json_t *props = json_object(), *req = json_array();
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
	if (!strcmp(rt->body_type, "form")) {
		json_t *sch = json_pack("{s:s, s:o, s:o}", "type", "object", "properties", props,
					"required", req);

		return json_pack("{s:b, s:{s:{s:O}, s:{s:o}}}", "required", 1, "content",
				 "application/json", "schema", sch,
				 "application/x-www-form-urlencoded", "schema", sch);
	}
	return json_pack("{s:b, s:{s:{s:{s:s, s:o, s:o}}}}", "required", 1, "content",
			 rt->body_type, "schema", "type", "object", "properties", props,
			 "required", req);
}

static json_t *error_ref(const char *what)
{
	return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", what, "content",
			 "application/json", "schema", "$ref", "#/components/schemas/Error");
}

static json_t *operation(const http_route *rt)
{
	const char *ref = !strcmp(rt->response_type, "table") ? "#/components/schemas/Table" :
			  !strcmp(rt->response_type, "import") ? "#/components/schemas/Import" :
			  !strcmp(rt->response_type, "session") ? "#/components/schemas/Session" :
			  !strcmp(rt->response_type, "update") ? "#/components/schemas/Update" :
			  "#/components/schemas/Document";
	int upload = rt->body_type && strcmp(rt->body_type, "form"), signin = rt->role == HTTP_PUBLIC && rt->body_type;
	json_t *resp = json_object(), *op;

	json_object_set_new(resp, "200", json_pack("{s:s, s:{s:{s:{s:s}}}}", "description",
						   rt->response, "content", "application/json",
						   "schema", "$ref", ref));
	if (upload)
		json_object_set_new(resp, "201", json_pack("{s:s, s:{s:{s:{s:s}}}}", "description",
							   "created: a new import", "content",
							   "application/json", "schema", "$ref", ref));
	if (rt->params[0].name || rt->body_type)
		json_object_set_new(resp, "400", error_ref("a parameter or the body is wrong"));
	if (!strcmp(rt->response_type, "table") && rt->params[0].name)
		json_object_set_new(resp, "404", error_ref("an area or other named thing is unknown"));
	if (strchr(rt->path, '{'))
		json_object_set_new(resp, "404", error_ref("no such measure in the plan"));
	if (!strcmp(rt->response_type, "plan") || !strcmp(rt->response_type, "progress"))
		json_object_set_new(resp, "404", error_ref("no plan imported yet"));
	if (rt->role != HTTP_PUBLIC) {
		json_object_set_new(resp, "401", error_ref("not signed in"));
		json_object_set_new(resp, "403", error_ref(strcmp(rt->method, "GET") ?
				     "the role may not do this, or the CSRF token is missing or wrong" :
				     "the role may not do this"));
	}
	if (signin) {
		json_object_set_new(resp, "401", error_ref("wrong name or password"));
		json_object_set_new(resp, "429", error_ref("too many failed sign-ins; see Retry-After"));
	}
	if (rt->body_type) {
		json_object_set_new(resp, "413", error_ref("the body is too large"));
		json_object_set_new(resp, "415", error_ref(upload ? "the body is not multipart/form-data" :
				     "the body is neither JSON nor an HTML form"));
	}
	json_object_set_new(resp, "500", error_ref("the server failed"));
	op = json_pack("{s:s, s:s, s:[s], s:o, s:o}", "operationId", rt->id, "summary", rt->summary,
		       "tags", strstr(rt->path, "/imports") ? "imports" : strstr(rt->path, "/session") ? "session" :
		       strstr(rt->path, "/plan") || strstr(rt->path, "/measures") ? "plan" : "data",
		       "parameters", parameters(rt), "responses", resp);
	if (rt->body_type)
		json_object_set_new(op, "requestBody", request_body(rt));
	if (rt->role != HTTP_PUBLIC) {
		json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
		json_object_set_new(op, "x-ivp-role", json_string(http_role_name(rt->role)));
	}
	return op;
}

static json_t *components(void)
{
	return json_pack(
		"{s:{s:o, s:o, s:o, s:o, s:o, s:o}, s:{s:{s:s, s:s, s:s, s:s}}}",
		"schemas",
		"Table", json_pack("{s:s, s:[s,s], s:{s:{s:s, s:{s:s, s:{s:[s,s,s,s]}}}, s:{s:s, s:{s:s}}}}",
				   "type", "object", "required", "rows", "notes", "properties",
				   "rows", "type", "array", "items", "type", "object",
				   "additionalProperties", "type", "string", "number", "integer", "null",
				   "notes", "type", "array", "items", "type", "string"),
		"Error", json_pack("{s:s, s:[s,s,s,s], s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}",
				   "type", "object", "required", "code", "message", "detail", "hint",
				   "properties", "code", "type", "string", "message", "type", "string",
				   "detail", "type", "string", "hint", "type", "string",
				   "file", "type", "string", "line", "type", "integer", "field", "type", "string"),
		"Import", json_pack("{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}",
				    "type", "object", "properties", "import", "type", "integer",
				    "unchanged", "type", "boolean", "layout", "type", "string",
				    "sha256", "type", "string", "rows", "type", "integer"),
		"Document", json_pack("{s:s}", "type", "object"),
		"Session", json_pack("{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s}}}",
				     "type", "object", "properties", "user", "type", "string",
				     "role", "type", "string", "csrf", "type", "string", "description",
				     "send as header X-CSRF-Token (or form field csrf) with every write",
				     "expires", "type", "integer", "signed_out", "type", "boolean"),
		"Update", json_pack("{s:s, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}",
				    "type", "object", "properties", "version", "type", "integer",
				    "plan_id", "type", "string", "summary", "type", "string",
				    "by", "type", "string"),
		"securitySchemes", "session", "type", "apiKey", "in", "cookie", "name", "ivp_session",
		"description", "the session cookie set by POST /api/v1/session (HttpOnly, SameSite=Strict); writes also need the CSRF token it returns");
}

char *http_openapi(void)
{
	json_t *doc, *paths = json_object();
	char *s;
	size_t i;

	for (i = 0; i < http_nroutes; i++) {
		const http_route *rt = &http_routes[i];
		json_t *item = json_object_get(paths, rt->path);
		char m[8];
		size_t k;

		if (strncmp(rt->path, "/api/", 5))
			continue;
		if (!item) {
			item = json_object();
			json_object_set_new(paths, rt->path, item);
		}
		for (k = 0; rt->method[k] && k < sizeof(m) - 1; k++)
			m[k] = (char)(rt->method[k] | 0x20);
		m[k] = '\0';
		json_object_set_new(item, m, operation(rt));
	}
	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:o}",
			"openapi", "3.0.3", "info", "title", "ivp API", "version", "1.0.0",
			"description", "Open figures of the integral safety plan (Integraal Veiligheidsplan): areas, indicators, series, sources and definitions. Errors are {code, message, detail, hint}. Writes need a signed-in user.",
			"servers", "url", "/", "paths", paths, "components", components());
	if (!doc)
		return NULL;
	s = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	return s;
}
