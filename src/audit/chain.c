/*
 * chain.c — the audit trail's canonical encoding, its hash, the head line's
 * parser and the chain checker (audit.h; the rules in docs/audit.md).
 *
 * The checker looks at each entry E with the two before it (P, PP) and the
 * one after it (N), in the order of seq:
 *
 *   E links to P and its hash matches its contents          → fine
 *   E links to P, its hash does not match, N links to P too → E was inserted
 *   E links to P, its hash does not match                   → E was changed
 *   E links to PP (skipping P)                              → P was inserted
 *   E links to an entry further on                          → E was reordered
 *   E's seq is not P's + 1 (and it links to no entry here)  → P.seq+1 was removed
 *   otherwise (E links to a hash no entry has)              → P was changed
 *                                                             (contents and hash)
 *
 * For the first entry P is "no entry" with the hash IVP__AUDIT_ZERO. Only
 * the "further on" question needs more than the window; the caller
 * answers it (find callback), so the walk keeps three entries in memory.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"

static int field(ivp__buf *b, const char *s)
{
	size_t n = strlen(s);

	return ivp__buf_printf(b, "%zu:", n) || ivp__buf_add(b, s, n) || ivp__buf_addc(b, '\n') ? -1 : 0;
}

/* An entry with a reason is "ivp-audit-2" with the reason as a tenth field;
 * one without keeps the encoding of "ivp-audit-1", so every chain written
 * before reasons existed verifies unchanged (docs/audit.md). */
int ivp__audit_encode(const ivp__audit_rec *r, ivp__buf *out)
{
	int v2 = r->reason[0] != '\0';

	if (ivp__buf_add(out, v2 ? "ivp-audit-2\n" : "ivp-audit-1\n", 12) || field(out, r->at) ||
	    field(out, r->user) || field(out, r->org) || field(out, r->addr) ||
	    field(out, r->action) || field(out, r->object) || field(out, r->before) ||
	    field(out, r->after) || field(out, r->prev) || (v2 && field(out, r->reason)))
		return -1;
	return 0;
}

int ivp__audit_hash(const ivp__audit_rec *r, char hex[65])
{
	ivp__buf b;
	ivp__sha256 *h;

	ivp__buf_init(&b, 4096);
	if (ivp__audit_encode(r, &b) || !(h = ivp__sha256_new())) {
		ivp__buf_free(&b);
		return -1;
	}
	ivp__sha256_update(h, b.p, b.len);
	ivp__sha256_final(h, hex);
	ivp__buf_free(&b);
	return 0;
}

int ivp__audit_head_parse(const char *s, size_t n, int64_t *seq, char hash[65])
{
	char line[256], h[65], at[32];
	long long q;
	int i, used = 0;

	if (!s || n == 0 || n >= sizeof(line))
		return -1;
	memcpy(line, s, n);
	line[n] = '\0';
	if (sscanf(line, "ivp-audit-head 1 seq=%lld at=%31s hash=%64s%n", &q, at, h, &used) != 3 || /* NOLINT(cert-err34-c): seq is range-checked below; the fuzz target covers overflow */
	    q < 0 || strlen(h) != 64)
		return -1;
	for (i = 0; i < 64; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
			return -1;
	while (line[used] == '\n' || line[used] == '\r' || line[used] == ' ')
		used++;
	if (line[used])
		return -1;
	*seq = q;
	memcpy(hash, h, 65);
	return 0;
}

void ivp__chain_init(ivp__chain *c, ivp__audit_find_fn find, void *ud)
{
	memset(c, 0, sizeof(*c));
	c->find = find;
	c->ud = ud;
}

static int fault(ivp__chain *c, ivp_audit_fault f, int64_t seq)
{
	c->fault = f;
	c->seq = seq;
	return 1;
}

/* Judge e (with p, pp before it, NULL at the start, and n after it, NULL at the end). */
static int judge(ivp__chain *c, const ivp__audit_rec *pp, const ivp__audit_rec *p,
		 const ivp__audit_rec *e, const ivp__audit_rec *n)
{
	const char *want = p ? p->hash : IVP__AUDIT_ZERO;
	char mine[65];
	int64_t later;
	int r;

	if (ivp__audit_hash(e, mine))
		return c->failed = -1;
	if (!strcmp(e->prev, want)) {
		if (!strcmp(mine, e->hash))
			return 0;
		if (n && !strcmp(n->prev, want))
			return fault(c, IVP_AUDIT_INSERTED, e->seq);
		return fault(c, IVP_AUDIT_CHANGED, e->seq);
	}
	if (pp && !strcmp(e->prev, pp->hash))
		return fault(c, IVP_AUDIT_INSERTED, p->seq);
	if ((r = c->find ? c->find(c->ud, e->seq, e->prev, &later) : 0) < 0)
		return c->failed = -1;
	if (r)
		return fault(c, IVP_AUDIT_REORDERED, e->seq);
	if (!p)
		return fault(c, IVP_AUDIT_REMOVED, e->seq > 1 ? e->seq - 1 : e->seq);
	if (e->seq != p->seq + 1)
		return fault(c, IVP_AUDIT_REMOVED, p->seq + 1);
	return fault(c, IVP_AUDIT_CHANGED, p->seq);
}

/* The waiting entry is the newest in win; those before it are older. */
static int judge_waiting(ivp__chain *c, const ivp__audit_rec *next)
{
	const ivp__audit_rec *e = &c->win[c->have - 1];
	const ivp__audit_rec *p = c->have >= 2 ? &c->win[c->have - 2] : NULL;
	const ivp__audit_rec *pp = c->have >= 3 ? &c->win[c->have - 3] : NULL;

	return judge(c, pp, p, e, next);
}

int ivp__chain_feed(ivp__chain *c, const ivp__audit_rec *r)
{
	int v;

	if (c->fault)
		return 1;
	c->entries++;
	if (c->have > 0 && (v = judge_waiting(c, r)))
		return v;
	if (c->have == 3) {
		memmove(&c->win[0], &c->win[1], 2 * sizeof(c->win[0]));
		c->have = 2;
	}
	c->win[c->have++] = *r;
	return 0;
}

int ivp__chain_end(ivp__chain *c)
{
	if (c->fault)
		return 1;
	if (c->have == 0)
		return 0;
	return judge_waiting(c, NULL);
}
