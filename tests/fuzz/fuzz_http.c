/*
 * fuzz_http.c — libFuzzer target for request handling without sockets:
 * the transport's router, query-string parser and parameter checks on the
 * real route table (http_prepare with serve_app, as anonymous and as an
 * editor) and the streaming multipart
 * parser, fed in chunks whose size the input chooses, and the small
 * JSON / form bodies of the write routes (sign-in, measure update).
 *
 * Input: "METHOD URI\n" "Content-Type\n" then the body. The first byte of
 * the body picks the chunk size.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"
#include "http/multipart.h"
#include "serve/serve_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_part(void *ud, const http_mp_part *p)
{
	size_t *n = ud;

	if (strlen(p->name) >= sizeof(p->name) || strlen(p->filename) >= sizeof(p->filename))
		__builtin_trap();
	(*n)++;
	return 0;
}

static int on_data(void *ud, const char *p, size_t n)
{
	(void)ud;
	if (n && !p)
		__builtin_trap();
	return 0;
}

static int on_end(void *ud)
{
	(void)ud;
	return 0;
}

/* Copy the next line of data into out (NUL-terminated); advance. */
static void line(const uint8_t **d, size_t *n, char *out, size_t outsz)
{
	size_t i = 0;

	while (*n > 0 && **d != '\n') {
		if (i + 1 < outsz)
			out[i++] = (char)**d;
		(*d)++;
		(*n)--;
	}
	if (*n > 0) {
		(*d)++;
		(*n)--;
	}
	out[i] = '\0';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static http_req r;
	static http_mp m;
	http_session editor = { .user = "fuzz", .role = HTTP_ROLE_EDITOR };
	char reqline[HTTP_MAX_URI + 64], ct[512], b[71], *sp;
	size_t parts = 0, step;
	http_mp_cb cb = { on_part, on_data, on_end, &parts };

	line(&data, &size, reqline, sizeof(reqline));
	line(&data, &size, ct, sizeof(ct));
	sp = strchr(reqline, ' ');
	if (sp) {
		*sp = '\0';
		http_req_clear(&r);
		(void)http_prepare(&r, &serve_app, reqline, sp + 1, ct, (int64_t)size, 0, 1 << 20, NULL);
		if (r.status && (!r.body || r.len != strlen(r.body)))
			__builtin_trap();
		http_req_clear(&r);
		(void)http_prepare(&r, &serve_app, reqline, sp + 1, ct, (int64_t)size, size == 0, 1 << 20, &editor);
		http_req_clear(&r);
	}
	/* the body as the JSON or form body of a write route */
	{
		static const char *const posts[] = { "/api/v1/session",
						     "/api/v1/measures/M-1/progress" };
		size_t k;

		for (k = 0; k < sizeof(posts) / sizeof(posts[0]); k++) {
			http_req_clear(&r);
			r.csrf = NULL; /* the form field is checked later, with the body */
			if (http_prepare(&r, &serve_app, "POST", posts[k], ct, (int64_t)size, 0,
					 1 << 20, &editor) == 0 &&
			    r.route && r.route->fields)
				(void)http_form_parse(&r, ct, (const char *)data, size);
			http_req_clear(&r);
		}
	}
	if (http_mp_boundary(ct, b))
		snprintf(b, sizeof(b), "fuzzboundary");
	step = size ? (size_t)data[0] * 37 % 5000 + 1 : 1;
	http_mp_init(&m, b, &cb);
	while (size > 0) {
		size_t k = size < step ? size : step;

		if (http_mp_feed(&m, (const char *)data, k))
			break;
		data += k;
		size -= k;
	}
	(void)http_mp_finish(&m);
	if (parts > HTTP_MP_MAX_PARTS)
		__builtin_trap();
	return 0;
}
