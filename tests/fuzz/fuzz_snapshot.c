/*
 * fuzz_snapshot.c — libFuzzer target for the snapshot reader of definitief
 * reports (report/snapshot.c): every input is read as a snapshot in both
 * languages; a model that reads is written again as a snapshot, and that
 * must read back and be written to the same bytes (canonical JSON), and
 * its document must build.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size, const char *lang)
{
	char err[256], *a, *b;
	rp_model *m = ivp__rp_snapshot_model((const char *)data, size, lang, err, sizeof(err)), *m2;
	rp_doc *d;

	if (!m)
		return;
	a = ivp__rp_snapshot(m, m); /* the same model in both places is a valid snapshot */
	if (!a)
		abort();
	m2 = ivp__rp_snapshot_model(a, strlen(a), lang, err, sizeof(err));
	if (!m2)
		__builtin_trap(); /* a written snapshot must read back */
	b = ivp__rp_snapshot(m2, m2);
	if (!b || strcmp(a, b))
		__builtin_trap();
	d = ivp__rp_doc(m2);
	ivp__rp_doc_free(d);
	free(a);
	free(b);
	ivp__rp_model_free(m);
	ivp__rp_model_free(m2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	one(data, size, "nl");
	one(data, size, "en");
	return 0;
}
