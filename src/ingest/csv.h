/*
 * csv.h — a streaming CSV/DSV tokenizer for every text importer.
 *
 * Reads from a FILE or a memory buffer in 64 KiB blocks, one record at a
 * time, and never holds more than one record (bounded by max_record bytes).
 * Handles RFC 4180 quoting (doubled quotes, delimiters and newlines inside
 * quotes), CRLF / LF / lone CR line ends, a UTF-8 byte-order mark, and
 * finds the delimiter (';' or ',') itself when asked. It rejects NUL bytes
 * and invalid UTF-8 with the line where they occur, and reports a quote
 * left open at end of file (a truncated download).
 *
 * Invariant: after ivp__csv_next() returns 1, fields 0..nfields-1 point into
 * the reader's record buffer and stay valid until the next call.
 */
#ifndef IVP_INGEST_CSV_H
#define IVP_INGEST_CSV_H

#include <stdint.h>
#include <stdio.h>

typedef struct ivp__csv_field {
	const char *p; /* NUL-terminated, unescaped */
	size_t n;
	int quoted;
} ivp__csv_field;

typedef struct ivp__csv ivp__csv;

/* What went wrong when ivp__csv_next() returned -1. */
typedef enum ivp__csv_err {
	IVP__CSV_OK = 0,
	IVP__CSV_NUL,		  /* a NUL byte: not a text file */
	IVP__CSV_BAD_UTF8,	  /* an invalid or truncated UTF-8 sequence */
	IVP__CSV_UNTERMINATED,	  /* a quoted field still open at the end of the input */
	IVP__CSV_TOO_LONG,	  /* a record longer than max_record bytes */
	IVP__CSV_TOO_MANY_FIELDS, /* more than 100,000 fields in one record */
	IVP__CSV_NOMEM		  /* out of memory */
} ivp__csv_err;

/* delim 0: detect ';' or ',' (also notices tabs: see ivp__csv_delim). */
ivp__csv *ivp__csv_open_file(FILE *f, char delim, size_t max_record);
ivp__csv *ivp__csv_open_mem(const char *p, size_t n, char delim, size_t max_record);
void ivp__csv_close(ivp__csv *c);

/*
 * Read the next record. Returns 1 with a record, 0 at end of input, -1 on
 * an error: ivp__csv_errcode() says which, ivp__csv_error() gives its text
 * and ivp__csv_errline() / ivp__csv_errcol() where it is.
 * An empty line is a record with one empty field.
 */
int ivp__csv_next(ivp__csv *c);

size_t ivp__csv_nfields(const ivp__csv *c);
const ivp__csv_field *ivp__csv_field_at(const ivp__csv *c, size_t i);
/* 1-based line on which the current record starts. */
long ivp__csv_line(const ivp__csv *c);
/* The delimiter in use; '\t' when detection saw only tabs. */
char ivp__csv_delim(const ivp__csv *c);
/* 1 when the input began with a UTF-8 byte-order mark. */
int ivp__csv_had_bom(const ivp__csv *c);
/* Bytes consumed so far. */
uint64_t ivp__csv_offset(const ivp__csv *c);
const char *ivp__csv_error(const ivp__csv *c);
ivp__csv_err ivp__csv_errcode(const ivp__csv *c);
/* 1-based line and byte column of the error (the opening quote of a field
 * left open); the column is 0 when not known. */
long ivp__csv_errline(const ivp__csv *c);
long ivp__csv_errcol(const ivp__csv *c);
/* 1-based byte column where field f of the current record starts (its
 * opening quote), or 0 when it starts on a later line of the record or
 * cannot be told (a pipe, beyond the first 64 KiB of the record). Rereads
 * the record's start: for error messages, not for every field. */
long ivp__csv_column(const ivp__csv *c, const ivp__csv_field *f);
/* 1 when every field of the current record is empty. */
int ivp__csv_blank(const ivp__csv *c);

#endif /* IVP_INGEST_CSV_H */
