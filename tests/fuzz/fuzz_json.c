// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer entry point for parkerctl's JSON writer (json.c).  The input
 * is a program for the writer: each byte an operation, strings taken from
 * the bytes after it.  Whatever the program, the output must be valid
 * JSON (as the strict reader of tests/unit/jsoncheck.c judges it); and a
 * string written alone must read back as its bytes with each byte that is
 * not UTF-8 replaced by U+FFFD.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "../unit/jsoncheck.h"

/* The next string: a length byte, then that many bytes (or what is left). */
static const char *take(const uint8_t **p, const uint8_t *end, size_t *n)
{
	const char *s;

	if (*p == end) {
		*n = 0;
		return "";
	}
	*n = **p;
	(*p)++;
	if (*n > (size_t)(end - *p))
		*n = (size_t)(end - *p);
	s = (const char *)*p;
	*p += *n;
	return s;
}

static uint64_t take_u64(const uint8_t **p, const uint8_t *end)
{
	uint64_t v = 0;

	for (int i = 0; i < 8 && *p < end; i++, (*p)++)
		v = v << 8 | **p;
	return v;
}

static void key(struct json *j, const uint8_t **p, const uint8_t *end)
{
	char buf[256];
	size_t n;
	const char *s = take(p, end, &n);

	/* Keys are C strings: up to a NUL. */
	memcpy(buf, s, n);
	buf[n] = '\0';
	json_key(j, buf);
}

static void run_program(struct json *j, const uint8_t *p, const uint8_t *end)
{
	while (p < end) {
		size_t n;
		const char *s;

		switch (*p++ % 12) {
		case 0:
			json_object_begin(j);
			break;
		case 1:
			json_object_end(j);
			break;
		case 2:
			json_array_begin(j);
			break;
		case 3:
			json_array_end(j);
			break;
		case 4:
			key(j, &p, end);
			break;
		case 5:
			s = take(&p, end, &n);
			json_string_n(j, s, n);
			break;
		case 6:
			json_u64(j, take_u64(&p, end));
			break;
		case 7:
			json_i64(j, (int64_t)take_u64(&p, end));
			break;
		case 8:
			json_bool(j, p < end && (*p++ & 1));
			break;
		case 9:
			json_null(j);
			break;
		case 10:
			json_string(j, NULL);
			break;
		default:
			json_kv_u64(j, "k", take_u64(&p, end));
		}
	}
}

static void check_program(const uint8_t *data, size_t size)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct json j;

	if (!f)
		abort();
	json_init(&j, f);
	run_program(&j, data, data + size);
	json_finish(&j);
	fclose(f);
	if (json_check(out, len))
		abort();
	free(out);
}

/* All the bytes as one string: read back, they are what they should be. */
static void check_string(const uint8_t *data, size_t size)
{
	char *out = NULL, *back, *want = malloc(3 * size + 16);
	size_t len = 0, want_len;
	FILE *f = open_memstream(&out, &len);
	struct json j;
	long n;

	if (!f || !want)
		abort();
	json_init(&j, f);
	json_string_n(&j, (const char *)data, size);
	fclose(f);
	/* Decoded, JSON text is never longer than it was. */
	back = malloc(len + 1);
	if (!back)
		abort();
	if (json_check(out, len))
		abort();
	n = json_unquote(out, len, back);
	want_len = utf8_sanitized((const char *)data, size, want);
	if (n < 0 || (size_t)n != want_len || memcmp(back, want, want_len))
		abort();
	free(out);
	free(back);
	free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_program(data, size);
	check_string(data, size);
	return 0;
}
