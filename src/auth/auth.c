/*
 * auth.c — users, passwords, sessions, CSRF tokens and the sign-in rate
 * limit: the library side of "Users and sessions" in ivp.h. The HTTP
 * server decides with these who a request comes from (src/http/auth.c);
 * the `ivp user` command manages users.
 *
 * Secrets and what is kept of them:
 *   password      argon2id string (crypto_pwhash_str, libsodium's
 *                 interactive limits); the password itself never leaves
 *                 the call.
 *   session token 32 random bytes (randombytes_buf), given to the client
 *                 as 43 base64url characters in the ivp_session cookie;
 *                 stored only as hex BLAKE2b-256(token), so a copy of the
 *                 database does not hold a usable session.
 *   CSRF token    BLAKE2b-256 keyed with the token over a fixed label:
 *                 bound to the session, never stored, recomputed on each
 *                 request and compared in constant time.
 *
 * Sign-in throttle (ivp_signin): counted per name *from one address*, and
 * per address over all names, never per name alone — so failures from
 * elsewhere cannot lock a user out, and the right password from another
 * address still works. From IVP_SIGNIN_MAX_FAILS failures within
 * IVP_SIGNIN_WINDOW seconds on, each next attempt waits a delay after the
 * newest failure that doubles with every failure (IVP_SIGNIN_DELAY s, then
 * twice that, …, at most the window: ivp__throttle_wait); it is a delay,
 * never a lock. Refused attempts are not recorded. A good sign-in ends the
 * count of its name from its address (not the address's). Attempts older
 * than the window are deleted.
 *
 * Atomic: the check and the recording of the attempt (as a failure, until
 * the password proves right) happen under one mutex, so that attempts at
 * the same moment count each other: of 64 at once, IVP_SIGNIN_MAX_FAILS
 * get to the password. (One process: `ivp serve`; the CLI signs nobody in.)
 *
 * Order of a sign-in (each outcome is an audit entry, src/audit/):
 *   throttle → argon2id → second factor → session (oldest beyond
 *   IVP_USER_SESSIONS ended); signin_done() is the one exit after the
 *   attempt was recorded. A TOTP secret is sealed by the key file's TOTP
 *   key when ivp runs with a key file (src/registers/vault.c; "v1:HEX"),
 *   else kept in base32 as before. The second factor is required of admins, of
 *   users marked for it, and of every member of a restricted register
 *   (reg_member, src/registers/): without one enrolled their sign-in
 *   answers IVP_SIGNIN_ENROLL, and none of them may remove theirs.
 *
 * Password rule (check_password): 10-1024 bytes, and libpwquality's check
 * (cracklib's dictionary of common words and passwords, simple patterns,
 * the user's own name) must pass.
 */
#include <ctype.h>
#include <pthread.h>
#include <pwquality.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "auth/org.h"
#include "core/core.h"
#include "store/auth_store.h"
#include "store/plan_store.h"	 /* ivp__tenant_valid */
#include "registers/registers.h" /* the vault seals TOTP secrets when a key file is given */
#include "store/reg_store.h"
#include "store/store.h"

static const char *const role_names[] = { "", "viewer", "partner", "editor", "admin" };

const char *ivp_role_name(ivp_role r)
{
	return (unsigned)r < sizeof(role_names) / sizeof(role_names[0]) ? role_names[r] : "";
}

ivp_role ivp_role_parse(const char *s)
{
	int i;

	for (i = 1; s && i < (int)(sizeof(role_names) / sizeof(role_names[0])); i++)
		if (!strcmp(s, role_names[i]))
			return (ivp_role)i;
	return IVP_ROLE_NONE;
}

int64_t ivp__ratelimit_wait(const int64_t *fails, int n, int max, int64_t window, int64_t now)
{
	int64_t until;

	if (max < 1 || n < max)
		return 0;
	until = fails[max - 1] + window;
	return until > now ? until - now : 0;
}

int64_t ivp__throttle_wait(const int64_t *fails, int n, int max, int64_t base, int64_t window,
			   int64_t now)
{
	int64_t delay = base, until;
	int i;

	if (max < 1 || n < max || n < 1)
		return 0;
	for (i = max; i < n && delay < window; i++)
		delay *= 2;
	if (delay > window)
		delay = window;
	until = fails[0] + delay;
	return until > now ? until - now : 0;
}

int ivp__user_name_ok(const char *name)
{
	size_t i, n = name ? strlen(name) : 0;

	if (n < 1 || n > 63)
		return 0;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-' || c == '@'))
			return 0;
	}
	return 1;
}

int ivp_csrf_equal(const char *expected, const char *given)
{
	size_t n;

	if (!expected || !given || !*expected)
		return 0;
	n = strlen(expected);
	/* the length of the token is no secret; its bytes are */
	if (strlen(given) != n)
		return 0;
	return sodium_memcmp(expected, given, n) == 0;
}

static int ready(void)
{
	return sodium_init() >= 0;
}

static const unsigned char csrf_label[] = "ivp csrf token v1";

static void derive(const unsigned char raw[32], char hash_hex[65], char csrf[48])
{
	unsigned char h[32], c[32];

	crypto_generichash(h, sizeof(h), raw, 32, NULL, 0);
	sodium_bin2hex(hash_hex, 65, h, sizeof(h));
	crypto_generichash(c, sizeof(c), csrf_label, sizeof(csrf_label) - 1, raw, 32);
	sodium_bin2base64(csrf, 48, c, sizeof(c), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(h, sizeof(h));
	sodium_memzero(c, sizeof(c));
}

int ivp__token_derive(const char *token, char hash_hex[65], char csrf[48])
{
	unsigned char raw[32];
	size_t len = 0;

	if (!ready() || !token || strlen(token) != 43 ||
	    sodium_base642bin(raw, sizeof(raw), token, 43, NULL, &len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    len != 32)
		return -1;
	derive(raw, hash_hex, csrf);
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

static pthread_mutex_t pwq_mu = PTHREAD_MUTEX_INITIALIZER; /* cracklib is not thread-safe */

/* libpwquality's verdict on password for user `name`: 0, or its negative PWQ_ERROR_*. */
static int pwq_check(const char *name, const char *password)
{
	pwquality_settings_t *pq;
	void *aux = NULL;
	int r;

	pthread_mutex_lock(&pwq_mu);
	pq = pwquality_default_settings();
	if (!pq) {
		pthread_mutex_unlock(&pwq_mu);
		return PWQ_ERROR_MEM_ALLOC;
	}
	(void)pwquality_set_int_value(pq, PWQ_SETTING_MIN_LENGTH, IVP_PASSWORD_MIN);
	r = pwquality_check(pq, password, NULL, name, &aux); /* aux: for pwquality_strerror, not ours to free */
	pwquality_free_settings(pq);
	pthread_mutex_unlock(&pwq_mu);
	return r < 0 ? r : 0;
}

static int contains_nocase(const char *hay, const char *needle)
{
	size_t i, n = strlen(needle);

	for (; *hay; hay++) {
		for (i = 0; i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]); i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/* 1 when password holds the name, or a part of it of 4 or more characters
 * between . _ - @ (j.jansen: "jansen"), in any case. */
static int holds_name(const char *name, const char *password)
{
	char part[64];
	const char *p = name;
	size_t n;

	while (p && *p) {
		n = strcspn(p, "._-@");
		if (n >= 4 && n < sizeof(part)) {
			memcpy(part, p, n);
			part[n] = '\0';
			if (contains_nocase(password, part))
				return 1;
		}
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static ivp_rc check_password(ivp_ctx *ctx, const char *name, const char *password)
{
	size_t n = password ? strlen(password) : 0;
	int q;

	if (n < IVP_PASSWORD_MIN || n > IVP_PASSWORD_MAX) {
		ivp__fail(ctx, IVP_EINPUT, "the password is too %s", n < IVP_PASSWORD_MIN ? "short" : "long");
		ivp__code(ctx, "bad_password");
		ivp__detail(ctx, "A password needs %d to %d characters.", IVP_PASSWORD_MIN, IVP_PASSWORD_MAX);
		ivp__hint(ctx, "Use a passphrase of several words.");
		return IVP_EINPUT;
	}
	q = holds_name(name, password) ? PWQ_ERROR_USER_CHECK : pwq_check(name, password);
	if (q == PWQ_ERROR_MEM_ALLOC)
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	if (q == PWQ_ERROR_USER_CHECK) {
		ivp__fail(ctx, IVP_EINPUT, "the password contains the user name");
		ivp__code(ctx, "bad_password");
		ivp__detail(ctx, "A password must not contain the name it belongs to, in any form.");
		ivp__hint(ctx, "Use a passphrase of several words.");
		return IVP_EINPUT;
	}
	if (q < 0 && q != PWQ_ERROR_CRACKLIB_CHECK && q != PWQ_ERROR_PALINDROME && q != PWQ_ERROR_MIN_CLASSES &&
	    q != PWQ_ERROR_MAX_CONSECUTIVE && q != PWQ_ERROR_MAX_SEQUENCE && q != PWQ_ERROR_MAX_CLASS_REPEAT &&
	    q != PWQ_ERROR_MIN_LENGTH && q != PWQ_ERROR_BAD_WORDS)
		q = 0; /* a setting or system problem of libpwquality is not the user's */
	if (q < 0) {
		ivp__fail(ctx, IVP_EINPUT, "the password is too easy to guess");
		ivp__code(ctx, "bad_password");
		ivp__detail(ctx, "It is a common password, based on a dictionary word, or too simple a pattern.");
		ivp__hint(ctx, "Use a passphrase of several unrelated words.");
		return IVP_EINPUT;
	}
	return IVP_OK;
}

static ivp_rc hash_password(ivp_ctx *ctx, const char *password, char out[crypto_pwhash_STRBYTES])
{
	if (!ready())
		return ivp__fail(ctx, IVP_EINTERNAL, "libsodium could not be initialised");
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE)) {
		ivp__fail(ctx, IVP_ENOMEM, "cannot hash the password");
		ivp__detail(ctx, "argon2id needs %zu MiB of memory.",
			    (size_t)(crypto_pwhash_MEMLIMIT_INTERACTIVE >> 20));
		return IVP_ENOMEM;
	}
	return IVP_OK;
}

static ivp_rc bad_name(ivp_ctx *ctx, const char *name)
{
	ivp__fail(ctx, IVP_EINPUT, "invalid user name \"%.64s\"", name ? name : "");
	ivp__code(ctx, "bad_user_name");
	ivp__detail(ctx, "A user name has 1 to 63 of the characters A-Z a-z 0-9 . _ - @.");
	ivp__hint(ctx, "Choose a name such as j.jansen.");
	return IVP_EINPUT;
}

static ivp_rc no_user(ivp_ctx *ctx, const char *name)
{
	ivp__fail(ctx, IVP_ENOTFOUND, "no user \"%s\"", name);
	ivp__code(ctx, "unknown_user");
	ivp__hint(ctx, "ivp user list shows the users.");
	return IVP_ENOTFOUND;
}

ivp_rc ivp_user_add(ivp_ctx *ctx, const char *name, ivp_role role, const char *password)
{
	return ivp_user_add_in(ctx, name, role, password, NULL);
}

ivp_rc ivp_user_add_in(ivp_ctx *ctx, const char *name, ivp_role role, const char *password,
		       const char *org)
{
	return ivp_user_add_at(ctx, name, role, password, org, NULL);
}

ivp_rc ivp_user_add_at(ivp_ctx *ctx, const char *name, ivp_role role, const char *password,
		       const char *org, const char *municipality)
{
	char h[crypto_pwhash_STRBYTES];
	ivp_rc rc;
	int exists = 0;
	const char *m = municipality ? municipality : "";

	if (!ivp__user_name_ok(name))
		return bad_name(ctx, name);
	if (!ivp__tenant_valid(m))
		return ivp_set_municipality(ctx, m); /* its refusal; ctx unchanged */
	if ((rc = ivp__tenant_manages(ctx, m)) || (org && (rc = ivp__org_check_binding(ctx, org, m))))
		return rc;
	if (role == IVP_ROLE_NONE || !*ivp_role_name(role)) {
		ivp__fail(ctx, IVP_EINPUT, "unknown role");
		ivp__code(ctx, "unknown_role");
		ivp__hint(ctx, "Use viewer, partner, editor or admin.");
		return IVP_EINPUT;
	}
	if ((rc = check_password(ctx, name, password)) || (rc = hash_password(ctx, password, h)))
		return rc;
	if ((rc = ivp__store_begin(ctx))) {
		sodium_memzero(h, sizeof(h));
		return rc;
	}
	rc = ivp__store_user_add(ctx, name, ivp_role_name(role), h, &exists);
	sodium_memzero(h, sizeof(h));
	if (!rc && exists) {
		ivp__store_abort(ctx);
		ivp__fail(ctx, IVP_EINPUT, "user \"%s\" exists", name);
		ivp__code(ctx, "user_exists");
		ivp__hint(ctx, "Choose another name, or change the password with ivp user passwd %s.", name);
		return IVP_EINPUT;
	}
	/* the user, its membership and their entries: one transaction */
	if (rc || (rc = ivp__audit_user(ctx, "user.add", name, ivp_role_name(role))) ||
	    (org && (rc = ivp__member_set_in_tx(ctx, name, org))) ||
	    (*m && (rc = ivp__user_municipality_in_tx(ctx, name, "", m))) || (rc = ivp__store_commit(ctx)))
		ivp__store_abort(ctx);
	return rc;
}

ivp_rc ivp_user_passwd(ivp_ctx *ctx, const char *name, const char *password)
{
	char h[crypto_pwhash_STRBYTES];
	ivp_rc rc;

	if (!ivp__user_name_ok(name))
		return bad_name(ctx, name);
	if ((rc = check_password(ctx, name, password)) || (rc = hash_password(ctx, password, h)))
		return rc;
	rc = ivp__store_user_set_password(ctx, name, h);
	sodium_memzero(h, sizeof(h));
	if (rc == IVP_ENOTFOUND)
		return no_user(ctx, name);
	return rc ? rc : ivp__audit_user(ctx, "user.passwd", name, NULL);
}

ivp_rc ivp_user_remove(ivp_ctx *ctx, const char *name)
{
	ivp_rc rc;

	if (!ivp__user_name_ok(name))
		return bad_name(ctx, name);
	rc = ivp__store_user_remove(ctx, name);
	if (rc == IVP_ENOTFOUND)
		return no_user(ctx, name);
	return rc ? rc : ivp__audit_user(ctx, "user.remove", name, NULL);
}

static int users_cb(void *ud, const char *const *c, int n)
{
	ivp_table *t = ud;
	int i;

	if (ivp__table_row(t) < 0)
		return -1;
	for (i = 0; i < 4 && i < n; i++)
		if (ivp__table_set_text(t, i, c[i]))
			return -1;
	return n > 4 && ivp__table_set_int(t, 4, c[4] ? strtoll(c[4], NULL, 10) : 0) ? -1 : 0;
}

ivp_rc ivp_users(ivp_ctx *ctx, ivp_table **out)
{
	ivp_table *t = ivp__table_new();
	ivp_rc rc;

	*out = NULL;
	if (!t || ivp__table_col(t, "name", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "role", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "created_at", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "updated_at", IVP__COL_BRIEF, 0) < 0 ||
	    ivp__table_col(t, "sessions", IVP__COL_BRIEF, 0) < 0) {
		ivp_table_free(t);
		return ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	}
	if ((rc = ivp__store_users_list(ctx, (int64_t)time(NULL), users_cb, t))) {
		ivp_table_free(t);
		return rc;
	}
	if (!ivp_table_nrows(t))
		ivp__table_note(t, "%s", ivp_msg_tr(ivp_lang(ctx), "no users yet: ivp user add NAME --role editor"));
	*out = t;
	return IVP_OK;
}

/* The longest wait the throttle asks of `name` from `client`, and of `client` (0: none). */
static ivp_rc throttle(ivp_ctx *ctx, const char *name, const char *client, int64_t now, int64_t *wait)
{
	int64_t t[IVP_SIGNIN_MAX_FAILS + 16], w;
	int n, by, max = (int)(sizeof(t) / sizeof(t[0]));
	ivp_rc rc;

	*wait = 0;
	for (by = 0; by < 2; by++) {
		rc = by ? ivp__store_attempt_fails(ctx, 1, client, now - IVP_SIGNIN_WINDOW, t, max, &n) :
			  ivp__store_attempt_fails_pair(ctx, name, client, now - IVP_SIGNIN_WINDOW, t, max, &n);
		if (rc)
			return rc;
		w = ivp__throttle_wait(t, n, IVP_SIGNIN_MAX_FAILS, IVP_SIGNIN_DELAY, IVP_SIGNIN_WINDOW, now);
		if (w > *wait)
			*wait = w;
	}
	return IVP_OK;
}

static ivp_rc new_session(ivp_ctx *ctx, const ivp__user_rec *u, int64_t now, ivp_session *s)
{
	unsigned char raw[32];
	char hash[65];
	ivp_rc rc;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(s->token, sizeof(s->token), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	derive(raw, hash, s->csrf);
	sodium_memzero(raw, sizeof(raw));
	snprintf(s->user, sizeof(s->user), "%s", u->name);
	s->role = ivp_role_parse(u->role);
	s->expires = now + IVP_SESSION_SECONDS;
	if ((rc = ivp__store_session_add(ctx, hash, u->id, now, s->expires)))
		return rc;
	/* the oldest beyond the limit end: a stolen session does not live for ever beside new ones */
	return ivp__store_sessions_trim(ctx, u->id, IVP_USER_SESSIONS);
}

static pthread_mutex_t throttle_mu = PTHREAD_MUTEX_INITIALIZER;

/*
 * The throttle's check and the attempt recorded as failed, as one step:
 * one write transaction holding the throttle's lock in the database
 * (ivp__store_attempt_lock), so that attempts at the same moment count
 * each other across every server on the database; throttle_mu besides,
 * so that a process's own threads queue here rather than on the
 * database's lock. *id 0 when the throttle refused (*wait > 0).
 */
static ivp_rc attempt_begin(ivp_ctx *ctx, const char *key, const char *client, int64_t now,
			    int64_t *wait, int64_t *id)
{
	ivp_rc rc;

	*id = 0;
	pthread_mutex_lock(&throttle_mu);
	if (!(rc = ivp__store_begin(ctx))) {
		if (!(rc = ivp__store_attempt_lock(ctx)) &&
		    !(rc = ivp__store_attempts_prune(ctx, now - IVP_SIGNIN_WINDOW)) &&
		    !(rc = throttle(ctx, key, client, now, wait)) && *wait == 0)
			rc = ivp__store_attempt_begin(ctx, key, client, now, id);
		if (rc || (rc = ivp__store_commit(ctx))) {
			ivp__store_abort(ctx);
			*id = 0;
		}
	}
	pthread_mutex_unlock(&throttle_mu);
	return rc;
}

/* The password of u (or, for no user, as long as a check would take). */
static int password_ok(const ivp__user_rec *u, int found, const char *password)
{
	char h[crypto_pwhash_STRBYTES];

	if (!password)
		return 0;
	if (found && ivp_role_parse(u->role) != IVP_ROLE_NONE)
		return crypto_pwhash_str_verify(u->pwhash, password, strlen(password)) == 0;
	/* as long as a verification would take: no timing oracle for names */
	if (!crypto_pwhash_str(h, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			       crypto_pwhash_MEMLIMIT_INTERACTIVE))
		sodium_memzero(h, sizeof(h));
	return 0;
}

/* The second factor of a user whose password was right: IVP_SIGNIN_OK, _TOTP or _ENROLL. */
static ivp_rc second_factor(ivp_ctx *ctx, const ivp__user_rec *u, const char *code, int64_t now,
			    ivp_signin_status *st)
{
	int64_t step;
	int member = 0;
	ivp_rc rc;

	*st = IVP_SIGNIN_OK;
	if (!u->totp[0]) {
		/* admins and the members of a restricted register need a second factor */
		if (!(ivp_role_parse(u->role) == IVP_ROLE_ADMIN || u->totp_required) &&
		    (rc = ivp__store_reg_member_is(ctx, NULL, u->name, &member)))
			return rc;
		if (ivp_role_parse(u->role) == IVP_ROLE_ADMIN || u->totp_required || member)
			*st = IVP_SIGNIN_ENROLL;
		return IVP_OK;
	}
	if (code && *code) {
		char secret[65];

		if ((rc = ivp__vault_totp_open(ctx, u->name, u->totp, secret)))
			return rc;
		step = ivp__totp_match(secret, code, now);
		sodium_memzero(secret, sizeof(secret));
	} else {
		step = -1;
	}
	if (step < 0) {
		*st = IVP_SIGNIN_TOTP;
		return IVP_OK;
	}
	rc = ivp__store_user_totp_use(ctx, u->id, step);
	if (rc == IVP_ENOTFOUND) /* this code was used already: a replay */
		*st = IVP_SIGNIN_TOTP;
	return rc == IVP_ENOTFOUND ? IVP_OK : rc;
}

ivp_rc ivp_signin(ivp_ctx *ctx, const ivp_signin_req *req, ivp_session *session,
		  ivp_signin_status *status, int *retry_after)
{
	int64_t now = (int64_t)time(NULL), wait = 0, id = 0;
	ivp__user_rec u;
	const char *name = req->name, *key = name && *name ? name : "";
	const char *client = req->client ? req->client : "";
	int found = 0, good;
	ivp_rc rc;

	memset(session, 0, sizeof(*session));
	memset(&u, 0, sizeof(u));
	*status = IVP_SIGNIN_DENIED;
	*retry_after = 0;
	if (!ready())
		return ivp__fail(ctx, IVP_EINTERNAL, "libsodium could not be initialised");
	if (strlen(key) > 63)
		key = "(too long)";
	if ((rc = ivp__store_sessions_prune(ctx, now)) ||
	    (rc = attempt_begin(ctx, key, client, now, &wait, &id)))
		return rc;
	if (wait > 0) { /* sign-in refused by the throttle */
		*status = IVP_SIGNIN_LIMITED;
		*retry_after = (int)wait;
		return ivp__audit_signin(ctx, "signin.limited", key, client);
	}
	if (ivp__user_name_ok(name)) {
		ivp_rc g = ivp__store_user_get(ctx, name, &u);

		if (g && g != IVP_ENOTFOUND)
			return g;
		found = g == IVP_OK;
	}
	good = password_ok(&u, found, req->password);
	if (good && (rc = second_factor(ctx, &u, req->totp, now, status)))
		goto out;
	if (!good) { /* sign-in failed (the attempt stays a failure) */
		rc = ivp__audit_signin(ctx, "signin.failed", key, client);
		goto out;
	}
	if (*status == IVP_SIGNIN_TOTP && !(req->totp && *req->totp)) {
		/* the right password, the code still to come: neither a failure nor a success */
		rc = ivp__store_attempt_end(ctx, id, 0);
		goto out;
	}
	if (*status != IVP_SIGNIN_OK) { /* wrong second factor, or none enrolled */
		rc = ivp__audit_signin(ctx, "signin.failed", key, client);
		goto out;
	}
	if ((rc = ivp__store_attempt_end(ctx, id, 1)) || (rc = new_session(ctx, &u, now, session)))
		*status = IVP_SIGNIN_DENIED;
	else
		rc = ivp__audit_signin(ctx, "signin", key, client);
out:
	sodium_memzero(&u, sizeof(u));
	return rc;
}

ivp_rc ivp_session_start(ivp_ctx *ctx, const char *name, const char *password,
			 const char *client, ivp_session *session,
			 ivp_signin_status *status, int *retry_after)
{
	ivp_signin_req q = { name, password, NULL, client };

	return ivp_signin(ctx, &q, session, status, retry_after);
}

ivp_rc ivp_user_totp_enroll(ivp_ctx *ctx, const char *name, const char *issuer, char **uri)
{
	unsigned char raw[20];
	char secret[40], stored[256];
	ivp_rc rc;

	*uri = NULL;
	if (!ready())
		return ivp__fail(ctx, IVP_EINTERNAL, "libsodium could not be initialised");
	if (!ivp__user_name_ok(name))
		return bad_name(ctx, name);
	randombytes_buf(raw, sizeof(raw));
	(void)ivp__base32_encode(raw, sizeof(raw), secret, sizeof(secret));
	sodium_memzero(raw, sizeof(raw));
	/* sealed by the key file's TOTP key when there is a key file */
	if (!(rc = ivp__vault_totp_seal(ctx, name, secret, stored)))
		rc = ivp__store_user_totp_set(ctx, name, stored, 1);
	sodium_memzero(stored, sizeof(stored));
	if (!rc && !(*uri = ivp__totp_uri(issuer ? issuer : "ivp", name, secret)))
		rc = ivp__fail(ctx, IVP_ENOMEM, "out of memory");
	sodium_memzero(secret, sizeof(secret));
	return rc == IVP_ENOTFOUND ? no_user(ctx, name) : rc;
}

ivp_rc ivp_user_totp_remove(ivp_ctx *ctx, const char *name)
{
	ivp__user_rec u;
	int member = 0;
	ivp_rc rc;

	if (!ivp__user_name_ok(name))
		return bad_name(ctx, name);
	rc = ivp__store_user_get(ctx, name, &u);
	if (rc == IVP_ENOTFOUND)
		return no_user(ctx, name);
	if (rc)
		return rc;
	sodium_memzero(&u.totp, sizeof(u.totp));
	if (ivp_role_parse(u.role) == IVP_ROLE_ADMIN) {
		ivp__fail(ctx, IVP_EINPUT, "an admin must keep a second factor");
		ivp__code(ctx, "totp_kept");
		ivp__hint(ctx, "Enrol a new one with ivp user totp %s instead.", name);
		return IVP_EINPUT;
	}
	if ((rc = ivp__store_reg_member_is(ctx, NULL, name, &member)))
		return rc;
	if (member) {
		ivp__fail(ctx, IVP_EINPUT, "a member of a restricted register must keep a second factor");
		ivp__code(ctx, "totp_kept");
		ivp__hint(ctx, "Enrol a new one with ivp user totp %s instead, or revoke the membership first (ivp registers revoke).",
			  name);
		return IVP_EINPUT;
	}
	rc = ivp__store_user_totp_set(ctx, name, NULL, 0);
	return rc == IVP_ENOTFOUND ? no_user(ctx, name) : rc;
}

ivp_rc ivp_session_check(ivp_ctx *ctx, const char *token, ivp_session *session, int *valid)
{
	char hash[65], role[16];
	ivp_rc r;

	memset(session, 0, sizeof(*session));
	*valid = 0;
	if (ivp__token_derive(token, hash, session->csrf)) {
		memset(session, 0, sizeof(*session));
		return IVP_OK;
	}
	r = ivp__store_session_get(ctx, hash, (int64_t)time(NULL), session->user, role,
				   &session->expires);
	if (r && r != IVP_ENOTFOUND)
		return r;
	session->role = r ? IVP_ROLE_NONE : ivp_role_parse(role);
	if (r || session->role == IVP_ROLE_NONE) {
		memset(session, 0, sizeof(*session));
		return IVP_OK;
	}
	snprintf(session->token, sizeof(session->token), "%s", token);
	*valid = 1;
	return IVP_OK;
}

ivp_rc ivp_session_end(ivp_ctx *ctx, const char *token)
{
	char hash[65], csrf[48];

	if (ivp__token_derive(token, hash, csrf))
		return IVP_OK;
	sodium_memzero(csrf, sizeof(csrf));
	return ivp__store_session_delete(ctx, hash) ? ctx->err.rc : ivp__audit(ctx, "signout", "session", NULL, NULL);
}
