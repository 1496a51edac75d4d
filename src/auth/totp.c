/*
 * totp.c — the second factor: time-based one-time passwords (RFC 6238 over
 * the HOTP of RFC 4226) with HMAC from OpenSSL's libcrypto, secrets in
 * base32 (RFC 4648) as authenticator apps take them in an otpauth:// URI.
 *
 * ivp__totp is the algorithm with every parameter (hash, digits, step), so
 * the unit tests check it on the vectors of RFC 6238 appendix B; sign-in
 * uses SHA-1, 6 digits and 30-second steps, which every app understands.
 * The secret is 20 random bytes (libsodium); it is stored in the user's
 * row and never logged or printed except in the URI at enrolment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include "auth/auth.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int ivp__base32_encode(const unsigned char *in, size_t n, char *out, size_t outsz)
{
	size_t i, o = 0;
	unsigned buf = 0;
	int bits = 0;

	for (i = 0; i < n; i++) {
		buf = (buf << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			if (o + 1 >= outsz)
				return -1;
			out[o++] = b32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) {
		if (o + 1 >= outsz)
			return -1;
		out[o++] = b32[(buf << (5 - bits)) & 31];
	}
	out[o] = '\0';
	return (int)o;
}

int ivp__base32_decode(const char *in, unsigned char *out, size_t outsz)
{
	size_t o = 0;
	unsigned buf = 0;
	int bits = 0;
	const char *p;

	for (p = in; *p && *p != '='; p++) {
		char c = *p;
		const char *k;

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		k = strchr(b32, c);

		if (c == ' ' || c == '-')
			continue;
		if (!k)
			return -1;
		buf = (buf << 5) | (unsigned)(k - b32);
		bits += 5;
		if (bits >= 8) {
			if (o >= outsz)
				return -1;
			out[o++] = (unsigned char)(buf >> (bits - 8));
			bits -= 8;
		}
	}
	return (int)o;
}

int ivp__totp(const unsigned char *key, size_t keylen, int64_t t, int step, int digits,
	      const char *hash, char *code, size_t codesz)
{
	const EVP_MD *md = !strcmp(hash, "sha256") ? EVP_sha256() : !strcmp(hash, "sha512") ? EVP_sha512() :
											      EVP_sha1();
	unsigned char msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned maclen = 0, off;
	uint64_t counter;
	uint32_t bin, mod = 1;
	int i;

	if (t < 0 || step <= 0 || digits < 6 || digits > 9 || (size_t)digits >= codesz)
		return -1;
	counter = (uint64_t)(t / step);
	for (i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	if (!HMAC(md, key, (int)keylen, msg, sizeof(msg), mac, &maclen) || maclen < 20)
		return -1;
	off = mac[maclen - 1] & 0x0f;
	bin = ((uint32_t)(mac[off] & 0x7f) << 24) | ((uint32_t)mac[off + 1] << 16) |
	      ((uint32_t)mac[off + 2] << 8) | (uint32_t)mac[off + 3];
	for (i = 0; i < digits; i++)
		mod *= 10;
	snprintf(code, codesz, "%0*u", digits, bin % mod);
	sodium_memzero(mac, sizeof(mac));
	return 0;
}

int ivp_totp_code(const char *secret, int64_t t, char code[7])
{
	unsigned char key[64];
	int n = secret ? ivp__base32_decode(secret, key, sizeof(key)) : -1;
	int r;

	if (n < 10)
		return -1;
	r = ivp__totp(key, (size_t)n, t, IVP__TOTP_STEP, 6, "sha1", code, 7);
	sodium_memzero(key, sizeof(key));
	return r;
}

int64_t ivp__totp_match(const char *secret, const char *given, int64_t now)
{
	char want[7];
	int64_t d, step;
	int hit = 0;

	if (!given || strlen(given) != 6)
		return -1;
	/* every candidate compared in constant time; one step of drift either way */
	for (d = -1, step = -1; d <= 1; d++) {
		if (ivp_totp_code(secret, now + d * IVP__TOTP_STEP, want))
			return -1;
		if (sodium_memcmp(want, given, 6) == 0 && !hit) {
			hit = 1;
			step = (now + d * IVP__TOTP_STEP) / IVP__TOTP_STEP;
		}
	}
	sodium_memzero(want, sizeof(want));
	return hit ? step : -1;
}

char *ivp__totp_uri(const char *issuer, const char *name, const char *secret)
{
	size_t n = strlen(issuer) + strlen(name) * 2 + strlen(secret) + 96;
	char *u = malloc(n);

	if (u)
		snprintf(u, n, "otpauth://totp/%s:%s?secret=%s&issuer=%s&algorithm=SHA1&digits=6&period=%d",
			 issuer, name, secret, issuer, IVP__TOTP_STEP);
	return u;
}
