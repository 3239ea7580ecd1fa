/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small JSON writer for list --json and show --json.  The caller says
 * what comes (objects, arrays, keys, values) and the writer puts the
 * commas, the indentation and the escapes: strings of any bytes come out
 * as valid JSON and valid UTF-8, a byte that is not part of a valid UTF-8
 * sequence as U+FFFD.  Output is indented by two spaces a level.  Calls
 * out of order cannot make it invalid either: a value in an object
 * without a key is left out, a key without a value gets null, and
 * json_finish() closes what is still open.
 */
#ifndef PARKERCTL_JSON_H
#define PARKERCTL_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Deeper nesting than this is not written (the document stays valid). */
#define JSON_MAX_DEPTH 32

struct json {
	FILE *out;
	int depth;		/* open containers */
	int skip;		/* containers not written: too deep */
	int after_key;		/* a key was written, its value is next */
	int done;		/* the top-level value has begun */
	/* Per open container: 'o' or 'a', and whether it has members. */
	char kind[JSON_MAX_DEPTH];
	unsigned char members[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *out);
/* The end of the document: a newline. */
void json_finish(struct json *j);

void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);

/* The key of the next value in an object. */
void json_key(struct json *j, const char *key);

/* s as a string, or null when s is NULL. */
void json_string(struct json *j, const char *s);
/* n bytes from s, which may hold NUL bytes. */
void json_string_n(struct json *j, const char *s, size_t n);
void json_u64(struct json *j, uint64_t v);
void json_i64(struct json *j, int64_t v);
void json_bool(struct json *j, int v);
void json_null(struct json *j);

/* Key and value in one. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_u64(struct json *j, const char *key, uint64_t v);
void json_kv_null(struct json *j, const char *key);

/*
 * The length of the valid UTF-8 sequence at s (at most n bytes): 1 to 4,
 * or 0 when s does not start one (a stray continuation byte, an overlong
 * form, a surrogate, above U+10FFFF, or cut short).
 */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif
