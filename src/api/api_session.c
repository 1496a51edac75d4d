/*
 * api_session.c — sign-in and sign-out (POST and DELETE /api/v1/session).
 *
 * Sign-in hands the name, password and client address to the library
 * (ivp_session_start: rate limit, argon2id check, a new random session)
 * and answers with the session cookie and, in the body, the CSRF token
 * that every write of this session must carry. The cookie is HttpOnly
 * (no script reads it), SameSite=Strict (no other site's page sends it),
 * Path=/, Max-Age = the session's life, and Secure when the request came
 * over TLS (X-Forwarded-Proto: https from the proxy in front). Neither the
 * password nor the token is logged or echoed; a failure does not say
 * whether the name exists.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

static void json_answer(http_req *r, int status, json_t *j)
{
	http_json(r, status, j ? json_dumps(j, JSON_COMPACT) : NULL);
	json_decref(j);
}

void api_signin(http_req *r)
{
	ivp_session s;
	ivp_signin_status st;
	char det[160];

	if (http_signin(r, &s, &st))
		return;
	if (st == IVP_SIGNIN_LIMITED) {
		snprintf(det, sizeof(det), "More than %d failed sign-ins for this name or from this address in %d minutes.",
			 IVP_SIGNIN_MAX_FAILS - 1, IVP_SIGNIN_WINDOW / 60);
		http_error(r, 429, "too_many_attempts", "too many sign-in attempts", det,
			   "Wait for the time Retry-After gives, or ask an administrator to set a new password.");
		return;
	}
	if (st == IVP_SIGNIN_TOTP) {
		http_error(r, 401, "totp_required", "the code of the second factor is missing or wrong",
			   "This user signs in with a password and a code from an authenticator app.",
			   "Send the current 6-digit code as field totp.");
		return;
	}
	if (st == IVP_SIGNIN_ENROLL) {
		http_error(r, 403, "totp_enrol", "this user needs a second factor first",
			   "Admins (and users marked so) sign in only with a code from an authenticator app.",
			   "Ask an administrator to run ivp user totp NAME on the server.");
		return;
	}
	if (st != IVP_SIGNIN_OK) {
		http_error(r, 401, "signin_failed", "wrong name or password",
			   "No user has this name and password.",
			   "Check both; after several failures sign-in is refused for a while.");
		return;
	}
	json_answer(r, 200, json_pack("{s:s, s:s, s:s, s:I}", "user", s.user, "role", ivp_role_name(s.role), "csrf", s.csrf, "expires", (json_int_t)s.expires));
	memset(&s, 0, sizeof(s));
}

void api_signout(http_req *r)
{
	if (http_signout(r))
		return;
	json_answer(r, 200, json_pack("{s:b}", "signed_out", 1));
}
