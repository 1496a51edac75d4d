/*
 * fuzz_plan_edit.c — libFuzzer target for the plan edited item by item
 * (src/plan/edit.c, the forms of /plan/bewerken and POST
 * /api/v1/plan/edits): every input is one edit of a small stored plan. Its
 * first line names the object (priority, ambition, goal, measure, budget),
 * the item (orig) and the parent, "remove" or the language; every further
 * line is name=value, a field's text as a person types it (numbers,
 * years, dates, amounts, lists, a budget per year). Any outcome is fine
 * except a crash, a sanitizer report or a leak; an edit that is stored
 * must have made a version that reads back and exports as a valid plan, and
 * a refused one must have written nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivp/ivp.h"
#include "ivp/plan_edit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char plan[] =
	"ivp_plan: 1\nid: t\ntitle: T\nmunicipality: GM1926\nfrom: 2023\nto: 2026\n"
	"partners:\n  - id: gem\n    name: G\n  - id: pol\n    name: P\n"
	"priorities:\n  - id: p1\n    title: P1\n    fields: [1]\n    ambitions:\n"
	"      - id: a1\n        title: A1\n        goals:\n"
	"          - id: g1\n            title: G1\n            kind: effect\n            indicator: totaal\n"
	"            direction: lower\n            baseline:\n              value: 30\n              year: 2022\n"
	"            target:\n              value: 27\n              year: 2026\n"
	"      - id: a2\n        title: A2\n"
	"implementation:\n  - id: up\n    title: UP\n    from: 2023\n    to: 2024\n    measures:\n"
	"      - id: m1\n        title: M1\n        priority: p1\n        goals: [g1]\n        owner: gem\n"
	"        status: planned\n        budget:\n          2023: 500\n"
	"budget:\n  - year: 2023\n    amount: 1000\n    source: s\n    document: d\n";

static int64_t versions(ivp_ctx *ctx)
{
	int64_t v = 0;

	if (ivp_plan_latest(ctx, &v))
		abort();
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], *text, *line, *save = NULL, *yaml = NULL;
	ivp_plan_edit e;
	ivp_plan_result res;
	ivp_table *probs = NULL;
	ivp_ctx *ctx;
	FILE *f;
	int64_t before;
	int first = 1;

	if (size > 8192)
		return 0;
	snprintf(path, sizeof(path), "/tmp/ivp-fuzz-edit-%d.yaml", (int)getpid());
	if (!(f = fopen(path, "wb")) || fwrite(plan, 1, sizeof(plan) - 1, f) != sizeof(plan) - 1 || fclose(f))
		abort();
	if (ivp_open(":memory:", &ctx, NULL))
		abort();
	{
		ivp_plan_result pr;
		ivp_table *pp = NULL;
		ivp_import_opts o;

		memset(&o, 0, sizeof(o));
		o.user = "fuzz";
		if (ivp_plan_import(ctx, path, &o, &pp, &pr))
			abort();
		ivp_table_free(pp);
	}
	if (!(text = malloc(size + 1)))
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&e, 0, sizeof(e));
	e.user = "fuzz";
	e.object = "goal";
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (first) {
			/* object orig parent [remove] [en] */
			char *w, *s2 = NULL;
			int k = 0;

			first = 0;
			for (w = strtok_r(line, " ", &s2); w; w = strtok_r(NULL, " ", &s2), k++) {
				if (!strcmp(w, "en") || !strcmp(w, "nl")) {
					if (ivp_set_lang(ctx, w))
						abort();
					k--; /* not a position */
					continue;
				}
				if (!strcmp(w, "remove"))
					e.remove = 1;
				else if (k == 0)
					e.object = w;
				else if (k == 1)
					e.orig = strcmp(w, "-") ? w : NULL;
				else if (k == 2)
					e.parent = w;
			}
			continue;
		}
		if (!eq || e.nfields >= IVP_EDIT_MAX_FIELDS)
			continue;
		*eq = '\0';
		e.name[e.nfields] = line;
		e.value[e.nfields++] = eq + 1;
	}
	before = versions(ctx);
	if (ivp_plan_edit_apply(ctx, &e, &probs, &res)) {
		if (versions(ctx) != before)
			__builtin_trap(); /* a refused edit wrote a version */
	} else if (!res.unchanged) {
		ivp_table *pp = NULL;

		if (versions(ctx) != before + 1 || ivp_plan_export(ctx, 0, &yaml))
			__builtin_trap();
		if (!(f = fopen(path, "wb")) || fputs(yaml, f) < 0 || fclose(f))
			abort();
		if (ivp_plan_validate(ctx, path, &pp))
			__builtin_trap(); /* a stored edit must be a valid plan */
		ivp_table_free(pp);
		/* and the way back: a revert to version 1 */
		if (ivp_plan_revert(ctx, 1, 0, "fuzz", &res) || res.unchanged)
			__builtin_trap();
	}
	ivp_table_free(probs);
	ivp_free(yaml);
	free(text);
	ivp_close(ctx);
	unlink(path);
	return 0;
}
