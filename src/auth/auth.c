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
 * Rate limit: a sign-in is refused without looking at the password when
 * IVP_SIGNIN_MAX_FAILS failures for the name, or from the client address,
 * fall within the last IVP_SIGNIN_WINDOW seconds (ivp__ratelimit_wait).
 * Refused attempts are not recorded, so a lock-out ends at most one
 * window after the last real failure; a good sign-in ends the count for
 * the name (not for the address). Attempts older than the window are
 * deleted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "core/core.h"
#include "store/auth_store.h"
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

static ivp_rc check_password(ivp_ctx *ctx, const char *password)
{
	size_t n = password ? strlen(password) : 0;

	if (n < IVP_PASSWORD_MIN || n > IVP_PASSWORD_MAX) {
		ivp__fail(ctx, IVP_EINPUT, "the password is too %s", n < IVP_PASSWORD_MIN ? "short" : "long");
		ivp__code(ctx, "bad_password");
		ivp__detail(ctx, "A password needs %d to %d characters.", IVP_PASSWORD_MIN, IVP_PASSWORD_MAX);
		ivp__hint(ctx, "Use a passphrase of several words.");
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
	char h[crypto_pwhash_STRBYTES];
	ivp_rc rc;
	int exists = 0;

	if (!ivp__user_name_ok(name))
		return bad_name(ctx, name);
	if (role == IVP_ROLE_NONE || !*ivp_role_name(role)) {
		ivp__fail(ctx, IVP_EINPUT, "unknown role");
		ivp__code(ctx, "unknown_role");
		ivp__hint(ctx, "Use viewer, partner, editor or admin.");
		return IVP_EINPUT;
	}
	if ((rc = check_password(ctx, password)) || (rc = hash_password(ctx, password, h)))
		return rc;
	rc = ivp__store_user_add(ctx, name, ivp_role_name(role), h, &exists);
	sodium_memzero(h, sizeof(h));
	if (!rc && exists) {
		ivp__fail(ctx, IVP_EINPUT, "user \"%s\" exists", name);
		ivp__code(ctx, "user_exists");
		ivp__hint(ctx, "Choose another name, or change the password with ivp user passwd %s.", name);
		return IVP_EINPUT;
	}
	return rc ? rc : ivp__audit_user(ctx, "user.add", name, ivp_role_name(role));
}

ivp_rc ivp_user_passwd(ivp_ctx *ctx, const char *name, const char *password)
{
	char h[crypto_pwhash_STRBYTES];
	ivp_rc rc;

	if (!ivp__user_name_ok(name))
		return bad_name(ctx, name);
	if ((rc = check_password(ctx, password)) || (rc = hash_password(ctx, password, h)))
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
		ivp__table_note(t, "no users yet: ivp user add NAME --role editor");
	*out = t;
	return IVP_OK;
}

/* The longest wait the rate limit asks of `name` and `client` (0: none). */
static ivp_rc limit_wait(ivp_ctx *ctx, const char *name, const char *client, int64_t now,
			 int64_t *wait)
{
	int64_t t[IVP_SIGNIN_MAX_FAILS], w;
	int n, by;
	ivp_rc rc;

	*wait = 0;
	for (by = 0; by < 2; by++) {
		const char *key = by ? client : name;

		if (!key || !*key)
			continue;
		if ((rc = ivp__store_attempt_fails(ctx, by, key, now - IVP_SIGNIN_WINDOW, t,
						   IVP_SIGNIN_MAX_FAILS, &n)))
			return rc;
		w = ivp__ratelimit_wait(t, n, IVP_SIGNIN_MAX_FAILS, IVP_SIGNIN_WINDOW, now);
		if (w > *wait)
			*wait = w;
	}
	return IVP_OK;
}

static ivp_rc new_session(ivp_ctx *ctx, const ivp__user_rec *u, int64_t now, ivp_session *s)
{
	unsigned char raw[32];
	char hash[65];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(s->token, sizeof(s->token), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	derive(raw, hash, s->csrf);
	sodium_memzero(raw, sizeof(raw));
	snprintf(s->user, sizeof(s->user), "%s", u->name);
	s->role = ivp_role_parse(u->role);
	s->expires = now + IVP_SESSION_SECONDS;
	return ivp__store_session_add(ctx, hash, u->id, now, s->expires);
}

ivp_rc ivp_session_start(ivp_ctx *ctx, const char *name, const char *password,
			 const char *client, ivp_session *session,
			 ivp_signin_status *status, int *retry_after)
{
	int64_t now = (int64_t)time(NULL), wait;
	ivp__user_rec u;
	const char *key = name && *name ? name : "";
	int found = 0, good = 0;
	ivp_rc rc;

	memset(session, 0, sizeof(*session));
	*status = IVP_SIGNIN_DENIED;
	*retry_after = 0;
	if (!ready())
		return ivp__fail(ctx, IVP_EINTERNAL, "libsodium could not be initialised");
	if (strlen(key) > 63)
		key = "(too long)";
	if ((rc = ivp__store_attempts_prune(ctx, now - IVP_SIGNIN_WINDOW)) ||
	    (rc = ivp__store_sessions_prune(ctx, now)) ||
	    (rc = limit_wait(ctx, key, client, now, &wait)))
		return rc;
	if (wait > 0) {
		*status = IVP_SIGNIN_LIMITED;
		*retry_after = (int)wait;
		return ivp__audit_signin(ctx, "signin.limited", key, client);
	}
	if (ivp__user_name_ok(name)) {
		rc = ivp__store_user_get(ctx, name, &u);
		if (rc && rc != IVP_ENOTFOUND)
			return rc;
		found = rc == IVP_OK;
	}
	if (found && ivp_role_parse(u.role) != IVP_ROLE_NONE && password)
		good = crypto_pwhash_str_verify(u.pwhash, password, strlen(password)) == 0;
	else if (password) {
		/* as long as a verification would take: no timing oracle for names */
		char h[crypto_pwhash_STRBYTES];

		if (!crypto_pwhash_str(h, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				       crypto_pwhash_MEMLIMIT_INTERACTIVE))
			sodium_memzero(h, sizeof(h));
	}
	if ((rc = ivp__store_attempt_add(ctx, key, client ? client : "", now, good)) ||
	    (rc = ivp__audit_signin(ctx, good ? "signin" : "signin.failed", key, client)))
		return rc;
	if (!good)
		return IVP_OK;
	if ((rc = new_session(ctx, &u, now, session)))
		return rc;
	*status = IVP_SIGNIN_OK;
	return IVP_OK;
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
