/*
 * texts.c — the narrative texts of a report: which texts a report has,
 * which of them it needs, and their newest versions from the store.
 *
 * The keys follow from the report's kind and the plan:
 *
 *   voortgang         inleiding; per priority "prioriteit:<id>" (its
 *                     toelichting); per goal "doel:<id>" (a comment,
 *                     optional)
 *   veiligheidsbeeld  inleiding
 *   raadsvoorstel     inleiding, beoogd-resultaat, argumenten,
 *                     kanttekeningen (the text parts of the proposal)
 *
 * Every text but a goal's comment is required: a report without one is a
 * concept, and says which are missing in the report's words ("Toelichting
 * bij prioriteit b ontbreekt"). A priority may also be named by its letter
 * in the plan's order ("prioriteit:b"); it is stored under its id, so a
 * new plan version that reorders the priorities keeps their texts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "store/report_store.h"

#define W(nl, en) (en_ ? (en) : (nl))

static void add(rp_model *m, const char *key, const char *label, const char *missing, int required)
{
	rp_text *t = &m->texts[m->ntexts++];

	t->key = ivp__rp_strdup(&m->a, key);
	t->label = ivp__rp_strdup(&m->a, label);
	t->missing = ivp__rp_strdup(&m->a, missing);
	t->required = required;
}

/* rows: key, version, body, created_by, created_at */
static int stored_cb(void *ud, const char *const *c, int n)
{
	rp_model *m = ud;
	int i;

	if (n < 5 || !c[0])
		return 0;
	for (i = 0; i < m->ntexts; i++) {
		rp_text *t = &m->texts[i];

		if (strcmp(t->key, c[0]))
			continue;
		t->version = strtoll(c[1] ? c[1] : "0", NULL, 10);
		t->body = ivp__rp_strdup(&m->a, c[2] ? c[2] : "");
		t->by = ivp__rp_strdup(&m->a, c[3] ? c[3] : "");
		t->at = ivp__rp_strdup(&m->a, c[4] ? c[4] : "");
		return m->a.oom;
	}
	return 0; /* a text of a key the report no longer has (a goal gone from the plan) */
}

ivp_rc ivp__rp_texts(ivp_ctx *ctx, rp_model *m)
{
	int en_ = !strcmp(m->lang, "en"), i, cap = 8 + m->npriorities + m->ngoals;
	ivp_rc rc;

	m->ntexts = m->nmissing = 0;
	m->texts = ivp__rp_alloc(&m->a, (size_t)cap * sizeof(rp_text));
	if (!m->texts)
		return IVP_ENOMEM;
	add(m, "inleiding", W("Inleiding", "Introduction"),
	    W("Inleiding ontbreekt", "The introduction is missing"), 1);
	if (m->kind == RP_VOORTGANG) {
		for (i = 0; i < m->npriorities; i++) {
			char key[160], label[160], miss[200];

			snprintf(key, sizeof(key), "prioriteit:%s", m->priorities[i].id);
			snprintf(label, sizeof(label), W("Toelichting bij prioriteit %c", "Explanation of priority %c"), 'a' + i);
			snprintf(miss, sizeof(miss),
				 W("Toelichting bij prioriteit %c ontbreekt", "The explanation of priority %c is missing"),
				 'a' + i);
			add(m, key, label, miss, 1);
		}
		for (i = 0; i < m->ngoals; i++) {
			char key[160], label[300];

			snprintf(key, sizeof(key), "doel:%s", m->goals[i].id);
			/* headed by what the reader knows, the goal's title; the key keeps its id */
			snprintf(label, sizeof(label), W("Commentaar bij doel: %s", "Comment on goal: %s"),
				 m->goals[i].title && *m->goals[i].title ? m->goals[i].title : m->goals[i].id);
			add(m, key, label, "", 0);
		}
	} else if (m->kind == RP_RAADSVOORSTEL) {
		add(m, "beoogd-resultaat", W("Beoogd resultaat", "Intended result"),
		    W("Beoogd resultaat ontbreekt", "The intended result is missing"), 1);
		add(m, "argumenten", W("Argumenten", "Arguments"), W("Argumenten ontbreken", "The arguments are missing"), 1);
		add(m, "kanttekeningen", W("Kanttekeningen", "Caveats"),
		    W("Kanttekeningen ontbreken", "The caveats are missing"), 1);
	}
	if (m->a.oom)
		return IVP_ENOMEM;
	rc = ivp__store_texts_list(ctx, ivp__rp_kind_name(m->kind), m->area, m->year, stored_cb, m);
	if (rc)
		return rc;
	for (i = 0; i < m->ntexts; i++)
		m->nmissing += m->texts[i].required && !m->texts[i].body;
	return m->a.oom ? IVP_ENOMEM : IVP_OK;
}

const rp_text *ivp__rp_text(const rp_model *m, const char *key)
{
	int i;

	for (i = 0; i < m->ntexts; i++)
		if (!strcmp(m->texts[i].key, key))
			return &m->texts[i];
	return NULL;
}

const rp_text *ivp__rp_text_find(const rp_model *m, const char *key)
{
	const rp_text *t = ivp__rp_text(m, key);

	if (!t && m->kind == RP_VOORTGANG && !strncmp(key, "prioriteit:", 11) && key[11] >= 'a' &&
	    key[11] < 'a' + m->npriorities && !key[12]) {
		char canon[160];

		snprintf(canon, sizeof(canon), "prioriteit:%s", m->priorities[key[11] - 'a'].id);
		t = ivp__rp_text(m, canon);
	}
	return t;
}

int ivp__rp_text_check(const char *body, const char *lang, char *why, size_t n)
{
	const unsigned char *s = (const unsigned char *)body;
	size_t len = strlen(body), i = 0;
	int blank = 1;

	lang = lang ? lang : "en";

	if (len > RP_TEXT_MAX) {
		snprintf(why, n, ivp_msg_tr(lang, "the text is %zu bytes long; at most %d are kept"), len, RP_TEXT_MAX);
		return -1;
	}
	while (i < len) {
		size_t k;

		if (s[i] < 0x80) {
			if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' && s[i] != '\t') {
				snprintf(why, n, ivp_msg_tr(lang, "byte %zu is a control character (0x%02x)"), i + 1, s[i]);
				return -1;
			}
			if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t')
				blank = 0;
			i++;
			continue;
		}
		if (!(k = ivp__utf8_seq(s + i, len - i))) {
			snprintf(why, n, ivp_msg_tr(lang, "byte %zu is not UTF-8"), i + 1);
			return -1;
		}
		blank = 0;
		i += k;
	}
	if (blank) {
		snprintf(why, n, "%s", ivp_msg_tr(lang, "the text is empty"));
		return -1;
	}
	return 0;
}
