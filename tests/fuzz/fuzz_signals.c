/*
 * fuzz_signals.c — libFuzzer target: the signals register's parsers and
 * forms (src/registers/signals*.c). The first byte picks what the rest is:
 * 0 a spreadsheet for `ivp signals import`, 1 the intake form and 2 the
 * weighing form (both as name=value lines, the fields of POST /signalen/nieuw
 * and /signalen/{id}/weging; in a value "\n" and "\r" stand for a line
 * feed and a carriage return, a textarea's line breaks). The database is in memory, with a key file and
 * a member mona, and one signal S-2026-0001 to weigh. A refusal must leave
 * the register exactly as before (its rows and weighings); a signal taken in
 * must open again to the description given.
 */
#include <sys/stat.h>

#include "fuzz_common.h"
#include "ivp/audit.h"
#include "ivp/registers.h"
#include "ivp/signals.h"
#include "store/auth_store.h"
#include "store/reg_store.h"
#include "registers/registers.h"
#include "store/signal_store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fz_row(void *ud, const char *const *c, int n)
{
	ivp__buf *b = ud;
	int i;

	for (i = 0; i < n; i++)
		if (ivp__buf_printf(b, "%s|", c[i] ? c[i] : "~"))
			return -1;
	return ivp__buf_addc(b, '\n');
}

static void fz_state(ivp__buf *b)
{
	if (ivp__store_sig_rows(fz_ctx, NULL, fz_row, b) || ivp__store_sig_weighings(fz_ctx, NULL, fz_row, b))
		abort();
}

static char fz_keys[64];

static void fz_keys_gone(void)
{
	unlink(fz_keys);
}

static void fz_seed(void)
{
	static int done;
	ivp_signal_in in;
	char id[64];
	int exists = 0;

	if (done)
		return;
	done = 1;
	snprintf(fz_keys, sizeof(fz_keys), "/tmp/ivp-fuzz-%d.keys", (int)getpid());
	unlink(fz_keys);
	(void)atexit(fz_keys_gone);
	ivp_set_keys(fz_ctx, fz_keys);
	ivp_set_actor(fz_ctx, "mona", NULL, "fuzz");
	if (ivp_keys_init(fz_ctx) || ivp__store_user_add(fz_ctx, "mona", "viewer", "x", &exists) ||
	    ivp__store_reg_member_add(fz_ctx, "signals", "mona", "fuzz", "2026-01-01T00:00:00Z", &exists))
		abort();
	memset(&in, 0, sizeof(in));
	in.received = "2026-03-02", in.source = "resident", in.phenomenon = "drugs", in.description = "seed";
	if (ivp_signal_add(fz_ctx, &in, id) || strcmp(id, "S-2026-0001"))
		abort();
}

/* name=value lines into the fields of names[] (values point into buf) */
static void fz_fields(char *buf, const char *const *names, int n, const char **v)
{
	char *line, *save = NULL;
	int i;

	for (i = 0; i < n; i++)
		v[i] = NULL;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (!eq)
			continue;
		*eq = '\0';
		{ /* "\n", "\r": a line break of the value (in place: never longer) */
			char *o = eq + 1, *c;

			for (c = eq + 1; *c; c++) {
				if (c[0] == '\\' && (c[1] == 'n' || c[1] == 'r')) {
					*o++ = c[1] == 'n' ? '\n' : '\r';
					c++;
				} else {
					*o++ = *c;
				}
			}
			*o = '\0';
		}
		for (i = 0; i < n; i++)
			if (!strcmp(line, names[i]))
				v[i] = eq + 1;
	}
}

static ivp_rc fz_intake(char *buf)
{
	static const char *const names[] = { "received", "source", "phenomenon", "buurt",
					     "address", "description", "persons", "companies" };
	const char *v[8];
	ivp_signal_in in;
	ivp_table *t = NULL;
	char id[64], *lf;
	ivp_rc rc;

	fz_fields(buf, names, 8, v);
	memset(&in, 0, sizeof(in));
	in.received = v[0], in.source = v[1], in.phenomenon = v[2], in.buurt = v[3];
	in.address = v[4], in.description = v[5], in.persons = v[6], in.companies = v[7];
	if ((rc = ivp_signal_add(fz_ctx, &in, id)))
		return rc;
	/* taken in: it opens again to what was given, its line breaks LF */
	if (!(lf = ivp__reg_text_lf(NULL, in.description)))
		abort();
	if (ivp_signal_show(fz_ctx, id, NULL, NULL, &t, NULL) || strcmp(ivp_table_text(t, 0, 7), lf))
		abort();
	free(lf);
	ivp_table_free(t);
	return IVP_OK;
}

static ivp_rc fz_weigh(char *buf)
{
	static const char *const names[] = { "date", "outcome", "department", "checks", "followup",
					     "result", "concrete", "meeting", "reason" };
	const char *v[9];
	ivp_signal_weighing w;

	fz_fields(buf, names, 9, v);
	memset(&w, 0, sizeof(w));
	w.date = v[0], w.outcome = v[1], w.department = v[2], w.checks = v[3], w.followup = v[4];
	w.result = v[5], w.concrete = v[6] != NULL, w.meeting = v[7] ? strtoll(v[7], NULL, 10) : 0;
	return ivp_signal_weigh(fz_ctx, "S-2026-0001", &w, v[8]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ivp_import_result r;
	ivp__buf before, after;
	char *buf;
	ivp_rc rc;

	if (size < 1)
		return 0;
	fz_setup();
	fz_seed();
	ivp__buf_init(&before, 1u << 24);
	ivp__buf_init(&after, 1u << 24);
	fz_state(&before);
	if (!(buf = malloc(size)))
		abort();
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	switch (data[0] % 3) {
	case 0:
		fz_write(fz_path, data + 1, size - 1);
		rc = ivp_import_signals(fz_ctx, fz_path, NULL, &r);
		unlink(fz_path);
		break;
	case 1:
		rc = fz_intake(buf);
		break;
	default:
		rc = fz_weigh(buf);
		break;
	}
	fz_state(&after);
	if (rc && strcmp(ivp__buf_str(&before), ivp__buf_str(&after)))
		abort(); /* a refusal changed something */
	free(buf);
	ivp__buf_free(&before);
	ivp__buf_free(&after);
	return 0;
}
