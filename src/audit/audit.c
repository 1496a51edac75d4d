/*
 * audit.c — the audit trail's library side: the actor of a context,
 * appending an entry for an event (ivp__audit and its variants, called at
 * every event site), and the public ivp_audit_verify, ivp_audit_head and
 * ivp_audit_show of include/ivp/audit.h.
 *
 * An entry is sealed under the store's write lock (audit_store.h): the
 * seal callback gets the newest entry, numbers the new one after it, sets
 * its prev to that entry's hash and computes its own hash (chain.c). The
 * time is taken when the entry is written, in UTC to the second.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

void ivp_set_actor(ivp_ctx *ctx, const char *user, const char *org, const char *addr)
{
	copy(ctx->actor_user, sizeof(ctx->actor_user), user);
	copy(ctx->actor_org, sizeof(ctx->actor_org), org);
	copy(ctx->actor_addr, sizeof(ctx->actor_addr), addr);
}

static int seal(void *ud, const ivp__audit_rec *last, ivp__audit_rec *r)
{
	(void)ud;
	r->seq = last ? last->seq + 1 : 1;
	copy(r->prev, sizeof(r->prev), last ? last->hash : IVP__AUDIT_ZERO);
	return ivp__audit_hash(r, r->hash) ? -2 : 0; /* only memory can fail */
}

static int hash_text(const char *s, char hex[65])
{
	ivp__sha256 *h;

	*hex = '\0';
	if (!s)
		return 0;
	if (!(h = ivp__sha256_new()))
		return -1;
	ivp__sha256_update(h, s, strlen(s));
	ivp__sha256_final(h, hex);
	return 0;
}

static ivp_rc append(ivp_ctx *ctx, const char *user, const char *addr, const char *action,
		     const char *object, const char *before_hex, const char *after_hex,
		     const char *reason)
{
	ivp__audit_rec r;
	ivp_rc rc;

	memset(&r, 0, sizeof(r));
	ivp__now_iso(r.at);
	copy(r.user, sizeof(r.user), user);
	copy(r.org, sizeof(r.org), ctx->actor_org);
	copy(r.addr, sizeof(r.addr), addr);
	copy(r.action, sizeof(r.action), action);
	copy(r.object, sizeof(r.object), object);
	copy(r.before, sizeof(r.before), before_hex);
	copy(r.after, sizeof(r.after), after_hex);
	copy(r.reason, sizeof(r.reason), reason);
	rc = ivp__store_audit_append(ctx, &r, seal, NULL);
	if (rc == IVP_EDB)
		ivp__hint(ctx, "The change was not made: every write is recorded in the audit trail first.");
	return rc;
}

ivp_rc ivp__audit_hex(ivp_ctx *ctx, const char *action, const char *object,
		      const char *before_hex, const char *after_hex)
{
	return append(ctx, ctx->actor_user, ctx->actor_addr, action, object, before_hex, after_hex, NULL);
}

ivp_rc ivp__audit_reason(ivp_ctx *ctx, const char *action, const char *object, const char *reason)
{
	return append(ctx, ctx->actor_user, ctx->actor_addr, action, object, NULL, NULL, reason);
}

ivp_rc ivp__audit_as(ivp_ctx *ctx, const char *user, const char *addr, const char *action,
		     const char *object, const char *before, const char *after)
{
	char b[65], a[65];

	if (hash_text(before, b) || hash_text(after, a))
		return ivp__oom(ctx, "the hash of an audit entry");
	return append(ctx, user, addr, action, object, b, a, NULL);
}

ivp_rc ivp__audit(ivp_ctx *ctx, const char *action, const char *object, const char *before,
		  const char *after)
{
	return ivp__audit_as(ctx, ctx->actor_user, ctx->actor_addr, action, object, before, after);
}

ivp_rc ivp__audit_user(ivp_ctx *ctx, const char *action, const char *name, const char *after)
{
	char obj[128];

	snprintf(obj, sizeof(obj), "user:%s", name ? name : "");
	return ivp__audit(ctx, action, obj, NULL, after);
}

ivp_rc ivp__audit_signin(ivp_ctx *ctx, const char *action, const char *name, const char *client)
{
	char obj[128];

	snprintf(obj, sizeof(obj), "user:%s", name ? name : "");
	return ivp__audit_as(ctx, name, client, action, obj, NULL, NULL);
}

ivp_rc ivp__audit_export(ivp_ctx *ctx, const char *action, const char *object, const char *after_hex)
{
	if (!ctx->actor_user[0] && strncmp(ctx->actor_addr, "cli", 3))
		return IVP_OK;
	return ivp__audit_hex(ctx, action, object, NULL, after_hex);
}

ivp_rc ivp_audit_record(ivp_ctx *ctx, const char *action, const char *object, const void *data,
			size_t n)
{
	char hex[65] = "";
	ivp__sha256 *h;

	if (data && (h = ivp__sha256_new())) {
		ivp__sha256_update(h, data, n);
		ivp__sha256_final(h, hex);
	} else if (data)
		return ivp__oom(ctx, "the hash of an audit entry");
	return ivp__audit_export(ctx, action, object, hex);
}

/* ---- verify ---------------------------------------------------------------------- */

/* the checker's question: does an entry after seq `after` have this hash? */
static int find_later(void *ud, int64_t after, const char *hash, int64_t *seq)
{
	ivp_rc rc = ivp__store_audit_find(ud, after, hash, seq);

	return rc == IVP_OK ? 1 : rc == IVP_ENOTFOUND ? 0 :
							-1;
}

typedef struct walk {
	ivp__chain chain;
	ivp__audit_rec last;
	int64_t head_seq; /* -1: no head given */
	char head_hash[65];
	int head_seen;	  /* the entry of head_seq was read */
	int head_changed; /* and its hash differs */
} walk;

static int walk_cb(void *ud, const ivp__audit_rec *r)
{
	walk *w = ud;

	if (w->head_seq >= 0 && r->seq == w->head_seq) {
		w->head_seen = 1;
		w->head_changed = strcmp(r->hash, w->head_hash) != 0;
	}
	w->last = *r;
	return ivp__chain_feed(&w->chain, r) != 0;
}

static const char *fault_words(ivp_audit_fault f)
{
	switch (f) {
	case IVP_AUDIT_CHANGED: return "it was changed: its contents no longer match its hash, or the next entry does not link to it";
	case IVP_AUDIT_REMOVED: return "it was removed: the entry after it links to an entry that is not there";
	case IVP_AUDIT_INSERTED: return "it was inserted: the entry after it links past it, to the one before";
	case IVP_AUDIT_REORDERED: return "it was moved: it links to an entry that now stands after it";
	case IVP_AUDIT_TRUNCATED: return "it and every entry after it were removed: the kept head names it";
	case IVP_AUDIT_OK: break;
	}
	return "";
}

static ivp_rc broken(ivp_ctx *ctx, ivp_audit_check *out, ivp_audit_fault f, int64_t seq)
{
	out->fault = f;
	out->seq = seq;
	ivp__fail(ctx, IVP_EINPUT, "audit trail broken at entry %lld", (long long)seq);
	ivp__code(ctx, "audit_chain_broken");
	ivp__detail(ctx, "Entry %lld: %s.", (long long)seq, ivp_msg_tr(ctx->lang, fault_words(f)));
	ivp__hint(ctx, "Compare the database with a backup and the kept head (ivp audit show --from …); find out who had access to the file.");
	return IVP_EINPUT;
}

ivp_rc ivp_audit_verify(ivp_ctx *ctx, const char *head, ivp_audit_check *out)
{
	walk *w = calloc(1, sizeof(*w));
	ivp_rc rc;
	int r;

	memset(out, 0, sizeof(*out));
	if (!w)
		return ivp__oom(ctx, "the audit check");
	w->head_seq = -1;
	if (head && ivp__audit_head_parse(head, strlen(head), &w->head_seq, w->head_hash)) {
		free(w);
		ivp__fail(ctx, IVP_EINPUT, "not an audit head");
		ivp__code(ctx, "audit_head_invalid");
		ivp__detail(ctx, "A head is one line \"ivp-audit-head 1 seq=N at=TIME hash=HEX\".");
		ivp__hint(ctx, "Give the file ivp audit head wrote.");
		return IVP_EINPUT;
	}
	ivp__chain_init(&w->chain, find_later, ctx);
	rc = ivp__store_audit_walk(ctx, 1, NULL, NULL, NULL, walk_cb, w);
	if (rc && !w->chain.fault) {
		free(w);
		return rc;
	}
	ivp__error_clear(&ctx->err);
	r = w->chain.fault ? 1 : ivp__chain_end(&w->chain);
	if (r < 0 || w->chain.failed) {
		free(w);
		return ivp__oom(ctx, "the audit check");
	}
	out->entries = w->chain.entries;
	out->head_seq = w->chain.entries ? w->last.seq : 0;
	copy(out->head_hash, sizeof(out->head_hash), w->chain.entries ? w->last.hash : "");
	if (w->chain.fault) {
		rc = broken(ctx, out, w->chain.fault, w->chain.seq);
	} else if (w->head_seq > 0 && !w->head_seen) {
		rc = broken(ctx, out, IVP_AUDIT_TRUNCATED,
			    w->chain.entries && w->last.seq < w->head_seq ? w->last.seq + 1 : w->head_seq);
	} else if (w->head_seq > 0 && w->head_changed) {
		rc = broken(ctx, out, IVP_AUDIT_CHANGED, w->head_seq);
	} else {
		rc = IVP_OK;
	}
	free(w);
	return rc;
}

ivp_rc ivp_audit_head(ivp_ctx *ctx, char *out, size_t n)
{
	ivp__audit_rec r;
	ivp_rc rc = ivp__store_audit_last(ctx, &r);

	if (rc == IVP_ENOTFOUND) {
		snprintf(out, n, "ivp-audit-head 1 seq=0 at=- hash=%s\n", IVP__AUDIT_ZERO);
		return IVP_OK;
	}
	if (rc)
		return rc;
	snprintf(out, n, "ivp-audit-head 1 seq=%" PRId64 " at=%s hash=%s\n", r.seq, r.at, r.hash);
	return IVP_OK;
}

/* ---- show -------------------------------------------------------------------------- */

typedef struct show {
	ivp_table *t;
	int limit;
	int64_t skip; /* entries to pass over before adding (limit: the newest) */
	int64_t seen;
} show;

/* A scoped ctx lists only the entries its scope sees (the engine's rule,
 * r->visible; docs/tenancy.md); the chain is still verified whole. */
static int count_cb(void *ud, const ivp__audit_rec *r)
{
	if (r->visible)
		((show *)ud)->seen++;
	return 0;
}

static int show_cb(void *ud, const ivp__audit_rec *r)
{
	show *s = ud;
	const char *v[10] = { r->at, r->user, r->org, r->addr, r->action, r->object, r->before, r->after, r->hash, r->reason };
	int i;

	if (!r->visible)
		return 0;
	if (s->skip > 0) {
		s->skip--;
		return 0;
	}
	if (ivp__table_row(s->t) < 0 || ivp__table_set_int(s->t, 0, r->seq))
		return -1;
	for (i = 0; i < 10; i++)
		if (ivp__table_set_text(s->t, i + 1, *v[i] ? v[i] : NULL))
			return -1;
	return 0;
}

ivp_rc ivp_audit_show(ivp_ctx *ctx, const ivp_audit_query *q, ivp_table **out)
{
	static const char *const cols[] = { "seq", "at", "user", "org", "addr", "action",
					    "object", "before", "after", "hash", "reason" };
	static const int brief[] = { 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1 };
	show s = { ivp__table_new(), q ? q->limit : 0, 0, 0 };
	const char *user = q && q->user && *q->user ? q->user : NULL;
	const char *object = q && q->object && *q->object ? q->object : NULL;
	const char *from = q && q->from && *q->from ? q->from : NULL;
	size_t i;
	ivp_rc rc;

	*out = NULL;
	if (!s.t)
		return ivp__oom(ctx, "the audit entries");
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (ivp__table_col(s.t, cols[i], brief[i] ? IVP__COL_BRIEF : 0, 0) < 0) {
			ivp_table_free(s.t);
			return ivp__oom(ctx, "the audit entries");
		}
	if (s.limit > 0) {
		if ((rc = ivp__store_audit_walk(ctx, 1, user, object, from, count_cb, &s))) {
			ivp_table_free(s.t);
			return rc;
		}
		s.skip = s.seen > s.limit ? s.seen - s.limit : 0;
	}
	if ((rc = ivp__store_audit_walk(ctx, 1, user, object, from, show_cb, &s))) {
		ivp_table_free(s.t);
		return rc == IVP_ENOMEM ? ivp__oom(ctx, "the audit entries") : rc;
	}
	*out = s.t;
	return IVP_OK;
}
