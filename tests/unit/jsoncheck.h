/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A strict JSON reader for the tests of json.c (unit tests and fuzzer):
 * it knows RFC 8259 and UTF-8 on its own, so that it can judge the
 * writer's output rather than agree with it.
 */
#ifndef PARKERCTL_TEST_JSONCHECK_H
#define PARKERCTL_TEST_JSONCHECK_H

#include <stddef.h>

/*
 * 0 when text (n bytes) is one JSON value with only white space around
 * it, all of it valid UTF-8 and no control character unescaped; else -1.
 */
int json_check(const char *text, size_t n);

/*
 * The JSON string literal that is all of text (n bytes) decoded into out
 * (room for n bytes: decoded, it is never longer): its length, or -1 when
 * it is not one.
 */
long json_unquote(const char *text, size_t n, char *out);

/*
 * What the writer must make of n bytes of s: each byte that does not
 * start a well-formed UTF-8 sequence (RFC 3629) replaced by U+FFFD, into
 * out (room for 3 * n bytes); its length.
 */
size_t utf8_sanitized(const char *s, size_t n, char *out);

/*
 * The value at key in the JSON object text (a top-level key, or with
 * dots "a.b" one inside another), as its text into out: 0, or -1 when it
 * is not there.  For checking a document's keys and value types.
 */
int json_get(const char *text, const char *path, char *out, size_t len);

#endif
