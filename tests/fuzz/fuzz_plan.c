/*
 * fuzz_plan.c — libFuzzer target for the plan file reader: every input is
 * read as YAML into the plan model; what reads is written as canonical
 * YAML, read back and written again, and the two texts must be equal (the
 * import -> export -> import promise), and flattened as for diffs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_problems pr = { 0 };
	pl_plan *p, *q;
	char *a = NULL, *b = NULL;
	ivp__buf f;

	if (size > 65536)
		return 0;
	p = ivp__plan_read((const char *)data, size, &pr);
	ivp__pl_problems_free(&pr);
	if (!p)
		return 0;
	if (ivp__plan_write(p, &a))
		abort();
	q = ivp__plan_read(a, strlen(a), &pr);
	if (!q)
		__builtin_trap(); /* canonical output must read back */
	if (ivp__plan_write(q, &b) || strcmp(a, b))
		__builtin_trap();
	ivp__buf_init(&f, 1u << 26);
	(void)ivp__plan_flatten(q, &f);
	ivp__buf_free(&f);
	free(a);
	free(b);
	ivp__plan_free(p);
	ivp__plan_free(q);
	ivp__pl_problems_free(&pr);
	return 0;
}
