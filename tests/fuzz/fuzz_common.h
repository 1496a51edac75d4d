/*
 * fuzz_common.h — shared set-up of the import fuzz targets.
 *
 * Each target opens one in-memory database, loads a small real code list
 * (a few areas and SoortMisdrijf codes, so that resolution paths are
 * reached), and then feeds every input as a file to ivp_import() with its
 * kind. Any outcome is fine except a crash, a sanitizer report or a leak;
 * after a failed import the database must be as before (checked cheaply by
 * counting rows).
 */
#ifndef IVP_FUZZ_COMMON_H
#define IVP_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivp/ivp.h"
#include "core/core.h"
#include "store/store.h"

static ivp_ctx *fz_ctx;
static char fz_path[64];
static const char *fz_match_names; /* boundaries: match by name within this gemeente */

static const char fz_codes[] =
	"\"Key\",\"Title\",\"Description\",\"Municipality\",\"DetailRegionCode\"\n"
	"\"NL00      \",\"Nederland\",,\"\",\"\"\n"
	"\"GM1926    \",\"Pijnacker-Nootdorp\",\"Gemeente\",\"GM1926\",\"GM1926\"\n"
	"\"WK192601  \",\"Pijnacker\",\"Wijk\",\"GM1926\",\"WK192601\"\n"
	"\"BU19260101\",\"Pijnacker-Centrum/Dorp\",\"Buurt\",\"GM1926\",\"BU19260101\"\n"
	"\"GM0503    \",\"Delft\",\"Gemeente\",\"GM0503\",\"GM0503\"\n"
	"\"BU05032501\",\"Buitenhof-Noord\",\"Buurt\",\"GM0503\",\"BU05032501\"\n";
static const char fz_types[] =
	"Key,Title,Description\n"
	"\"0.0.0 \",Totaal misdrijven,\n"
	"\"1.1.1 \",1.1.1 Diefstal/inbraak woning,\n"
	"\"1.2.3 \",\"1.2.3 Diefstal van brom-, snor-, fietsen\",\n"
	"\"2.5.2 \",2.5.2 Winkeldiefstal,\n"
	"CRI3000,3 Gewelds- en seksuele misdrijven,\n"
	"T001161,\"Misdrijven, totaal\",\n";
static const char fz_map[] =
	"source_code,type\n100,1.2.3\n101,1.2.3\n104,1.1.1\n107,2.5.2\n111,-\n";

static void fz_write(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		abort();
	if (n && fwrite(p, 1, n, f) != n)
		abort();
	if (fclose(f))
		abort();
}

static void fz_setup(void)
{
	ivp_import_result r;
	const char *p[1];
	char tmp[64];

	if (fz_ctx)
		return;
	snprintf(fz_path, sizeof(fz_path), "/tmp/ivp-fuzz-%d.in", (int)getpid());
	if (ivp_open(":memory:", &fz_ctx, NULL))
		abort();
	snprintf(tmp, sizeof(tmp), "/tmp/ivp-fuzz-%d.codes", (int)getpid());
	fz_write(tmp, fz_codes, sizeof(fz_codes) - 1);
	p[0] = tmp;
	if (ivp_import(fz_ctx, IVP_IMPORT_CODES, p, 1, NULL, &r))
		abort();
	fz_write(tmp, fz_types, sizeof(fz_types) - 1);
	if (ivp_import(fz_ctx, IVP_IMPORT_CODES, p, 1, NULL, &r))
		abort();
	unlink(tmp);
	snprintf(tmp, sizeof(tmp), "/tmp/ivp-fuzz-%d.map", (int)getpid());
	fz_write(tmp, fz_map, sizeof(fz_map) - 1);
}

static void fz_counts(int64_t c[4])
{
	if (ivp__store_counts(fz_ctx, &c[0], &c[1], &c[2], &c[3]))
		abort();
}

/* Import data as kind; abort if a failed import left anything behind. */
__attribute__((unused)) static void fz_import(const uint8_t *data, size_t size, ivp_import_kind kind,
					      int year, int map, int json)
{
	ivp_import_opts o;
	ivp_import_result r;
	const char *p[1];
	char mapp[64], path[80];
	int64_t before[4], after[4];
	ivp_rc rc;

	fz_setup();
	memset(&o, 0, sizeof(o));
	o.year = year;
	o.skip_unknown_regions = (int)(size & 1);
	o.match_names = fz_match_names;
	snprintf(mapp, sizeof(mapp), "/tmp/ivp-fuzz-%d.map", (int)getpid());
	if (map)
		o.map_path = mapp;
	snprintf(path, sizeof(path), "%s%s", fz_path, json ? ".json" : "");
	fz_write(path, data, size);
	p[0] = path;
	fz_counts(before);
	rc = ivp_import(fz_ctx, kind, p, 1, &o, &r);
	fz_counts(after);
	if (rc && memcmp(before, after, sizeof(before)))
		abort(); /* a failed import wrote something */
	unlink(path);
}

#endif
