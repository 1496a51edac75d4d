/*
 * fuzz_measure.c — libFuzzer target for the measure form and the
 * organisations: the urlencoded body of `POST /plan/measures/{id}`
 * (status, note, spent_year, spent, output_name, output_year, output_value,
 * back, csrf) through the real route
 * table, the form parser and the handler (web_measure_post: the update,
 * or the measure's page again with the message beside its field), as a
 * partner of the measure's owner and as a partner of another
 * organisation; and the id, name and kind of `ivp org add`.
 *
 * Input: the first byte picks what is fed: even, the rest is the form's
 * body, odd, the rest is "ID\nNAME\nKIND" for ivp_org_add. Invariants:
 * the other organisation's partner is always refused (403) and changes
 * nothing; the own partner gets 303 (stored) or 400 (refused, a page that
 * keeps the input); an organisation that was added has a valid id and is
 * listed with the name given.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/org.h"
#include "fuzz_common.h"
#include "http/http_int.h"
#include "serve/serve_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char plan_yaml[] =
	"ivp_plan: 1\nid: \"t\"\ntitle: \"T\"\nmunicipality: \"GM1926\"\nfrom: 2023\nto: 2026\n"
	"partners:\n  - id: gemeente\n    name: \"Gemeente\"\n  - id: zvh\n    name: \"ZVH\"\n"
	"  - id: halt\n    name: \"Halt\"\n"
	"priorities:\n  - id: p1\n    title: \"P1\"\n    fields: [1]\n"
	"implementation:\n  - id: up\n    title: \"UP\"\n    from: 2023\n    to: 2026\n    measures:\n"
	"      - id: m1\n        title: \"M1\"\n        priority: p1\n        owner: zvh\n"
	"        partners: [\"gemeente\"]\n        status: planned\n"
	"        outputs:\n          - name: \"deelnemers\"\n            year: 2024\n            value: 40\n"
	"        budget:\n          2024: 500\n";

static void setup(void)
{
	static int done;
	ivp_plan_result res;
	ivp_table *probs = NULL;
	char path[80];

	fz_setup();
	if (done)
		return;
	done = 1;
	snprintf(path, sizeof(path), "%s.plan.yaml", fz_path);
	fz_write(path, plan_yaml, sizeof(plan_yaml) - 1);
	if (ivp_plan_import(fz_ctx, path, NULL, &probs, &res))
		abort();
	ivp_table_free(probs);
	unlink(path);
}

/* One POST of the form as s; returns its status. */
static int post(const char *body, size_t n, const http_session *s)
{
	static const char ct[] = "application/x-www-form-urlencoded";
	http_req r;
	int st;

	memset(&r, 0, sizeof(r));
	st = http_prepare(&r, &serve_app, "POST", "/plan/measures/m1", ct, (int64_t)n, 0, 1u << 20, s);
	if (!st)
		st = http_form_parse(&r, ct, body, n);
	if (!st) {
		r.ctx = fz_ctx;
		http_run(&r);
		st = r.status;
	}
	http_req_clear(&r);
	return st;
}

static void form(const uint8_t *data, size_t size)
{
	http_session own = { .user = "zora", .role = HTTP_ROLE_PARTNER, .org = "zvh" };
	http_session other = { .user = "hans", .role = HTTP_ROLE_PARTNER, .org = "halt" };
	char *body = malloc(size + 32), *yaml = NULL, *after = NULL;
	int n, st;

	if (!body)
		return;
	/* the session's CSRF token goes with every body (else 403 before the handler) */
	n = snprintf(body, size + 32, "csrf=t&");
	memcpy(body + n, data, size);
	memcpy(own.csrf, "t", 2);
	memcpy(other.csrf, "t", 2);
	if (ivp_plan_export(fz_ctx, 0, &yaml))
		abort();
	st = post(body, (size_t)n + size, &other);
	if (st != 403 && st != 400) /* 400: a body the parser refuses before the handler */
		abort();
	if (ivp_plan_export(fz_ctx, 0, &after) || strcmp(yaml, after))
		abort(); /* a refused partner changed the plan */
	st = post(body, (size_t)n + size, &own);
	if (st != 303 && st != 400)
		abort();
	ivp_free(yaml);
	ivp_free(after);
	free(body);
}

static void org(const uint8_t *data, size_t size)
{
	char buf[1024], *f[3] = { buf, NULL, NULL };
	ivp_table *t = NULL;
	size_t n = size < sizeof(buf) - 1 ? size : sizeof(buf) - 1;
	int i, k = 1, updated = 0, found = 0;

	memcpy(buf, data, n);
	buf[n] = '\0';
	for (i = 0; i < (int)n && k < 3; i++)
		if (buf[i] == '\n') {
			buf[i] = '\0';
			f[k++] = buf + i + 1;
		}
	if (ivp_org_add(fz_ctx, f[0], f[1] ? f[1] : "", f[2], &updated))
		return;
	if (!ivp__org_id_ok(f[0]) || ivp_orgs(fz_ctx, &t))
		abort();
	for (i = 0; i < ivp_table_nrows(t); i++)
		if (!strcmp(ivp_table_text(t, i, 0), f[0]))
			found = !strcmp(ivp_table_text(t, i, 1), f[1] ? f[1] : "");
	ivp_table_free(t);
	if (!found)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	if (!size)
		return 0;
	if (data[0] & 1)
		org(data + 1, size - 1);
	else
		form(data + 1, size - 1);
	return 0;
}
