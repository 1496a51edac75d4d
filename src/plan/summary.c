/*
 * summary.c — a plan version's summary shown in the reader's language.
 *
 * A version's summary is stored once, in English, as the library writes it
 * (plan_api.c: an import, a measure update; edit.c: an item edited, a
 * revert), so that the stored history is the same whatever language its
 * writer used and stays comparable across versions. ivp__plan_summary_tr
 * shows it in another language: it recognises the shapes the writers use
 * (the formats below, each a catalogue text) and writes their fixed words
 * through the catalogue, leaving names, ids, values and notes as they were
 * stored. A summary of another shape (a version stored before this file, a
 * new writer) is shown as stored: never wrong, at worst English.
 *
 * The shapes:
 *   import of NAME: N fields changed, N added, N removed since version V
 *   import of NAME: N priorities, N goals, N measures, N budget years
 *                   (shown, in English too, with "1 priority", "1 goal" …)
 *   measure ID: status A -> B; spent Y = X; note: TEXT   (each part optional)
 *   revert to version V (WHEN by USER): ITEMS
 *   [WORDS: ]ITEMS   an edit; ITEMS are "; "-separated, each
 *                    "OBJECT ID added|removed" or "OBJECT ID FIELD OLD -> NEW"
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/plan.h"

/* the writers' formats (plan_api.c, edit.c use the same strings) */
const char *const ivp__sum_import_diff = IVP__N("import of %s: %d fields changed, %d added, %d removed since version %lld");
const char *const ivp__sum_import_new = IVP__N("import of %s: %d priorities, %d goals, %d measures, %d budget years");
const char *const ivp__sum_measure = IVP__N("measure %s:");
const char *const ivp__sum_status = IVP__N(" status %s -> %s;");
const char *const ivp__sum_spent = IVP__N(" spent %d = %s;");
const char *const ivp__sum_note = IVP__N(" note: %s");
const char *const ivp__sum_revert = IVP__N("revert to version %lld (%s by %s): ");

/* the objects and changes of a diff item (diff.c) */
static const char *const objects[] = { IVP__N("plan"), IVP__N("partner"), IVP__N("priority"),
				       IVP__N("ambition"), IVP__N("goal"), IVP__N("implementation"),
				       IVP__N("measure"), IVP__N("budget") };
static const char *const changes[] = { IVP__N("added"), IVP__N("removed") };

typedef struct sbuf {
	char *out;
	size_t n, len;
} sbuf;

static void put(sbuf *b, const char *s, size_t k)
{
	if (b->len + 1 >= b->n)
		return;
	if (k > b->n - b->len - 1)
		k = b->n - b->len - 1;
	memcpy(b->out + b->len, s, k);
	b->len += k;
	b->out[b->len] = '\0';
}

static void puts_(sbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void fmt(sbuf *b, const char *f, ...) __attribute__((format(printf, 2, 3)));
static void fmt(sbuf *b, const char *f, ...)
{
	va_list ap;
	int w;

	if (b->len + 1 >= b->n)
		return;
	va_start(ap, f);
	w = vsnprintf(b->out + b->len, b->n - b->len, f, ap);
	va_end(ap);
	if (w > 0)
		b->len += (size_t)w < b->n - b->len ? (size_t)w : b->n - b->len - 1;
}

/* A whole number at *s, moved past; -1 when there is none. */
static long long num(const char **s)
{
	char *e;
	long long v;

	if (**s < '0' || **s > '9')
		return -1;
	v = strtoll(*s, &e, 10);
	*s = e;
	return v;
}

/* s starts with w: moved past it. */
static int lit(const char **s, const char *w)
{
	size_t k = strlen(w);

	if (strncmp(*s, w, k))
		return 0;
	*s += k;
	return 1;
}

/* A count and its noun in lang, singular for 1 ("1 prioriteit", "1 goal"):
 * the stored summary always says the plural. */
static void count(sbuf *b, const char *lang, const char *sep, const char *one, const char *many, long long v)
{
	puts_(b, sep);
	fmt(b, ivp_msg_trn(lang, one, many, v), (int)v);
}

/* "import of NAME: …" */
static int tr_import(const char *lang, const char *s, sbuf *b)
{
	const char *colon, *p;
	long long v[5];
	char name[512];

	if (strncmp(s, "import of ", 10) || !(colon = strrchr(s, ':')) || colon[1] != ' ')
		return 0;
	snprintf(name, sizeof(name), "%.*s", (int)(colon - s - 10), s + 10);
	p = colon + 2;
	if ((v[0] = num(&p)) >= 0 && lit(&p, " fields changed, ") && (v[1] = num(&p)) >= 0 && lit(&p, " added, ") &&
	    (v[2] = num(&p)) >= 0 && lit(&p, " removed since version ") && (v[3] = num(&p)) >= 0 && !*p) {
		fmt(b, ivp_msg_tr(lang, "import of %s: "), name);
		count(b, lang, "", IVP__N("%d field changed"), IVP__N("%d fields changed"), v[0]);
		fmt(b, ivp_msg_tr(lang, ", %d added, %d removed since version %lld"), (int)v[1], (int)v[2], v[3]);
		return 1;
	}
	p = colon + 2;
	if ((v[0] = num(&p)) >= 0 && lit(&p, " priorities, ") && (v[1] = num(&p)) >= 0 && lit(&p, " goals, ") &&
	    (v[2] = num(&p)) >= 0 && lit(&p, " measures, ") && (v[3] = num(&p)) >= 0 && lit(&p, " budget years") && !*p) {
		fmt(b, ivp_msg_tr(lang, "import of %s: "), name);
		count(b, lang, "", IVP__N("%d priority"), IVP__N("%d priorities"), v[0]);
		count(b, lang, ", ", IVP__N("%d goal"), IVP__N("%d goals"), v[1]);
		count(b, lang, ", ", IVP__N("%d measure"), IVP__N("%d measures"), v[2]);
		count(b, lang, ", ", IVP__N("%d budget year"), IVP__N("%d budget years"), v[3]);
		return 1;
	}
	return 0;
}

/* "measure ID: status A -> B; spent Y = X; note: TEXT" */
static int tr_measure(const char *lang, const char *s, sbuf *b)
{
	const char *p = s + 8, *colon, *sp;
	char id[200];

	if (strncmp(s, "measure ", 8) || !(colon = strchr(p, ':')) || ((sp = strchr(p, ' ')) && sp < colon))
		return 0;
	snprintf(id, sizeof(id), "%.*s", (int)(colon - p), p);
	p = colon + 1;
	fmt(b, ivp_msg_tr(lang, ivp__sum_measure), id);
	while (*p) {
		const char *arrow, *semi;

		if (!strncmp(p, " status ", 8) && (arrow = strstr(p + 8, " -> ")) && (semi = strchr(arrow, ';'))) {
			char a[100], c[100];

			snprintf(a, sizeof(a), "%.*s", (int)(arrow - p - 8), p + 8);
			snprintf(c, sizeof(c), "%.*s", (int)(semi - arrow - 4), arrow + 4);
			fmt(b, ivp_msg_tr(lang, ivp__sum_status), a, c);
			p = semi + 1;
		} else if (!strncmp(p, " spent ", 7) && (semi = strchr(p, ';'))) {
			const char *q = p + 7;
			long long y = num(&q);
			char x[100];

			if (y < 0 || !lit(&q, " = ") || q > semi)
				break;
			snprintf(x, sizeof(x), "%.*s", (int)(semi - q), q);
			fmt(b, ivp_msg_tr(lang, ivp__sum_spent), (int)y, x);
			p = semi + 1;
		} else if (!strncmp(p, " note: ", 7)) {
			fmt(b, ivp_msg_tr(lang, ivp__sum_note), p + 7);
			p += strlen(p);
		} else {
			break;
		}
	}
	puts_(b, p); /* anything not recognised, as stored */
	return 1;
}

/* The index of the object word s starts with (followed by a space), or -1. */
static int object_of(const char *s, size_t k)
{
	size_t i, w = strcspn(s, " ");

	for (i = 0; i < sizeof(objects) / sizeof(objects[0]); i++)
		if (w < k && strlen(objects[i]) == w && !strncmp(s, objects[i], w))
			return (int)i;
	return -1;
}

/* One diff item "OBJECT ID …": its object word (and added/removed) translated. */
static void tr_item(const char *lang, const char *s, size_t k, sbuf *b)
{
	int o = object_of(s, k);
	size_t i, w = strcspn(s, " ");

	if (o < 0) {
		put(b, s, k);
		return;
	}
	puts_(b, ivp_msg_tr(lang, objects[o]));
	s += w;
	k -= w;
	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		size_t c = strlen(changes[i]);

		/* " ID added": the last word, after one id */
		if (k > c + 1 && !strncmp(s + k - c, changes[i], c) && s[k - c - 1] == ' ' &&
		    memchr(s + 1, ' ', k - c - 2) == NULL) {
			put(b, s, k - c);
			puts_(b, ivp_msg_tr(lang, changes[i]));
			return;
		}
	}
	put(b, s, k);
}

/* ITEMS, "; "-separated; the first may follow an edit's own words ("WORDS: ") */
static void tr_items(const char *lang, const char *s, sbuf *b)
{
	int first = 1;

	while (*s) {
		const char *e = strstr(s, "; ");
		size_t k = e ? (size_t)(e - s) : strlen(s);
		const char *c;

		if (first && (c = strstr(s, ": ")) && c < s + k &&
		    object_of(c + 2, k - (size_t)(c - s) - 2) >= 0) { /* the edit's words, as written */
			put(b, s, (size_t)(c - s) + 2);
			k -= (size_t)(c - s) + 2;
			s = c + 2;
		}
		tr_item(lang, s, k, b);
		first = 0;
		if (!e)
			break;
		puts_(b, "; ");
		s = e + 2;
	}
}

/* "revert to version V (WHEN by USER): ITEMS" */
static int tr_revert(const char *lang, const char *s, sbuf *b)
{
	const char *p = s, *close, *by;
	long long v;
	char when[64], user[128];

	if (!lit(&p, "revert to version ") || (v = num(&p)) < 0 || !lit(&p, " (") || !(close = strstr(p, "): ")))
		return 0;
	for (by = close; by > p && strncmp(by, " by ", 4); by--)
		;
	if (by == p)
		return 0;
	snprintf(when, sizeof(when), "%.*s", (int)(by - p), p);
	snprintf(user, sizeof(user), "%.*s", (int)(close - by - 4), by + 4);
	fmt(b, ivp_msg_tr(lang, ivp__sum_revert), v, when, user);
	tr_items(lang, close + 3, b);
	return 1;
}

void ivp__plan_summary_tr(const char *lang, const char *stored, char *out, size_t n)
{
	sbuf b = { out, n, 0 };

	if (!n)
		return;
	out[0] = '\0';
	if (!stored)
		return;
	if (!lang || !strcmp(lang, "en")) {
		/* as stored, but for an import's counts in the singular where one */
		if (!lang || !tr_import("en", stored, &b))
			snprintf(out, n, "%s", stored);
		return;
	}
	if (tr_import(lang, stored, &b) || tr_measure(lang, stored, &b) || tr_revert(lang, stored, &b))
		return;
	tr_items(lang, stored, &b);
}
