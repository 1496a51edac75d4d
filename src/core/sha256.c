/*
 * sha256.c — SHA-256 of imported files (their identity in table import).
 *
 * OpenSSL's libcrypto rather than libsodium here: it uses the CPU's SHA
 * instructions where present (1.4 GB/s on the benchmark machine against
 * libsodium's 0.19 GB/s), and every import hashes its whole file before it
 * reads a row, so at national scale the hash was a quarter of the import.
 */
#include <openssl/evp.h>
#include <stdio.h>

#include "core/core.h"

struct ivp__sha256 {
	EVP_MD_CTX *md;
};

ivp__sha256 *ivp__sha256_new(void)
{
	ivp__sha256 *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->md = EVP_MD_CTX_new();
	if (!h->md || EVP_DigestInit_ex(h->md, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(h->md);
		free(h);
		return NULL;
	}
	return h;
}

void ivp__sha256_update(ivp__sha256 *h, const void *p, size_t n)
{
	EVP_DigestUpdate(h->md, p, n);
}

void ivp__sha256_final(ivp__sha256 *h, char hex[65])
{
	static const char x[] = "0123456789abcdef";
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	size_t i;

	EVP_DigestFinal_ex(h->md, d, &n);
	for (i = 0; i < n && i < 32; i++) {
		hex[2 * i] = x[d[i] >> 4];
		hex[2 * i + 1] = x[d[i] & 15];
	}
	hex[2 * i] = '\0';
	ivp__sha256_free(h);
}

void ivp__sha256_free(ivp__sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->md);
	free(h);
}

int ivp__sha256_file(FILE *f, ivp__sha256 *h, uint64_t *size)
{
	unsigned char buf[1 << 16];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		ivp__sha256_update(h, buf, n);
		if (size)
			*size += n;
	}
	return ferror(f) ? -1 : 0;
}

int ivp__sha256_paths(const char *const *paths, int n, char hex[65], int *bad)
{
	ivp__sha256 *h = ivp__sha256_new();
	int i;

	*bad = -1;
	if (!h)
		return -1;
	for (i = 0; i < n; i++) {
		FILE *f = fopen(paths[i], "rb");
		int rc = f ? ivp__sha256_file(f, h, NULL) : -1;

		if (f)
			(void)fclose(f); /* read only */
		if (rc) {
			*bad = i;
			ivp__sha256_free(h);
			return -1;
		}
	}
	ivp__sha256_final(h, hex);
	return 0;
}
