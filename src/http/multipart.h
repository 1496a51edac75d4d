/*
 * multipart.h — a streaming multipart/form-data parser (RFC 7578, 2046).
 *
 * Bytes go in as they arrive, in chunks of any size; callbacks get each
 * part's headers, its data in pieces, and its end. Memory is fixed: one
 * window of HTTP_MP_WINDOW bytes, whatever the body's size. Limits: part
 * headers at most HTTP_MP_HEADERS bytes, at most HTTP_MP_MAX_PARTS parts,
 * names and file names cut at their field sizes.
 */
#ifndef IVP_HTTP_MULTIPART_H
#define IVP_HTTP_MULTIPART_H

#include <stddef.h>

#define HTTP_MP_HEADERS 4096
#define HTTP_MP_CHUNK 4096
#define HTTP_MP_WINDOW (HTTP_MP_HEADERS + HTTP_MP_CHUNK + 128)
#define HTTP_MP_MAX_PARTS 16

typedef struct http_mp_part {
	char name[128];	    /* Content-Disposition name= */
	char filename[256]; /* filename= ("" when not a file) */
	char ctype[128];    /* Content-Type of the part ("" when none) */
	int has_filename;
} http_mp_part;

/* Callbacks return 0 to go on, nonzero to stop the parse with an error. */
typedef struct http_mp_cb {
	int (*part)(void *ud, const http_mp_part *p);
	int (*data)(void *ud, const char *p, size_t n);
	int (*end)(void *ud);
	void *ud;
} http_mp_cb;

typedef struct http_mp {
	int state;
	char delim[80]; /* "\r\n--" boundary */
	size_t dlen;
	char win[HTTP_MP_WINDOW];
	size_t wlen;
	int nparts;
	http_mp_part cur;
	http_mp_cb cb;
	char err[160]; /* why the parse failed */
} http_mp;

/*
 * The boundary of a Content-Type "multipart/form-data; boundary=…" into
 * out (>= 71 bytes). 0, or -1 when the type is not multipart/form-data or
 * the boundary is missing or not 1..70 allowed characters.
 */
int http_mp_boundary(const char *ct, char out[71]);

void http_mp_init(http_mp *m, const char *boundary, const http_mp_cb *cb);
/* Feed n bytes. 0: more wanted; 1: the closing boundary was seen (later
 * bytes are the epilogue and ignored); -1: malformed (m->err says why). */
int http_mp_feed(http_mp *m, const char *p, size_t n);
/* At the end of the body: 0 if the closing boundary was seen, else -1. */
int http_mp_finish(http_mp *m);

#endif
