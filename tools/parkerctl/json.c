// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer of json.h.  It never fails on content: control
 * characters are escaped, bytes that are not UTF-8 become U+FFFD, and a
 * container nested too deep is left out whole (its key then gets null),
 * so whatever a partition's files hold, the output is valid JSON.
 */
#include <inttypes.h>
#include <string.h>

#include "json.h"

void json_init(struct json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static void end(struct json *j, char kind);

void json_finish(struct json *j)
{
	j->skip = 0;
	while (j->depth)
		end(j, j->kind[j->depth - 1]);
	if (!j->done)
		fputs("null", j->out);
	fputc('\n', j->out);
	j->done = 1;
}

static void indent(struct json *j)
{
	fputc('\n', j->out);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* What goes before a value or a key: a comma and a new line, or nothing. */
static void separate(struct json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (!j->depth)
		return;
	if (j->members[j->depth - 1])
		fputc(',', j->out);
	j->members[j->depth - 1] = 1;
	indent(j);
}

/*
 * Whether a value may go here: not inside a container left out, not a
 * second value at the top, not in an object without its key.  Puts what
 * goes before it.
 */
static int value(struct json *j)
{
	if (j->skip)
		return 0;
	if (!j->depth) {
		if (j->done)
			return 0;
		j->done = 1;
		return 1;
	}
	if (j->kind[j->depth - 1] == 'o' && !j->after_key)
		return 0;
	separate(j);
	return 1;
}

static void begin(struct json *j, char kind)
{
	if (!j->skip && j->depth == JSON_MAX_DEPTH) {
		/* Too deep: a null stands for the container and all in it. */
		json_null(j);
		j->skip++;
		return;
	}
	if (!value(j)) {
		j->skip++;
		return;
	}
	fputc(kind == 'o' ? '{' : '[', j->out);
	j->kind[j->depth] = kind;
	j->members[j->depth] = 0;
	j->depth++;
}

static void end(struct json *j, char kind)
{
	if (j->skip) {
		j->skip--;
		return;
	}
	if (!j->depth || j->kind[j->depth - 1] != kind)
		return;
	if (j->after_key)
		fputs("null", j->out);	/* a key without its value */
	j->after_key = 0;
	j->depth--;
	if (j->members[j->depth])
		indent(j);
	fputc(kind == 'o' ? '}' : ']', j->out);
}

void json_object_begin(struct json *j)
{
	begin(j, 'o');
}

void json_object_end(struct json *j)
{
	end(j, 'o');
}

void json_array_begin(struct json *j)
{
	begin(j, 'a');
}

void json_array_end(struct json *j)
{
	end(j, 'a');
}

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	/* The second byte's range rules out overlongs and surrogates. */
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

static void put_ascii(FILE *out, unsigned char c)
{
	switch (c) {
	case '"':
		fputs("\\\"", out);
		return;
	case '\\':
		fputs("\\\\", out);
		return;
	case '\b':
		fputs("\\b", out);
		return;
	case '\f':
		fputs("\\f", out);
		return;
	case '\n':
		fputs("\\n", out);
		return;
	case '\r':
		fputs("\\r", out);
		return;
	case '\t':
		fputs("\\t", out);
		return;
	}
	if (c < 0x20 || c == 0x7f)
		fprintf(out, "\\u%04x", c);
	else
		fputc(c, out);
}

static void put_string(FILE *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, len;

	fputc('"', out);
	while (i < n) {
		if (s[i] < 0x80) {
			put_ascii(out, s[i++]);
			continue;
		}
		len = utf8_seq_len(s + i, n - i);
		if (!len) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		fwrite(s + i, 1, len, out);
		i += len;
	}
	fputc('"', out);
}

void json_key(struct json *j, const char *key)
{
	if (j->skip || !j->depth || j->kind[j->depth - 1] != 'o')
		return;
	if (j->after_key) {
		fputs("null", j->out);	/* the last key's missing value */
		j->after_key = 0;
	}
	separate(j);
	put_string(j->out, key, strlen(key));
	fputs(": ", j->out);
	j->after_key = 1;
}

void json_string_n(struct json *j, const char *s, size_t n)
{
	if (value(j))
		put_string(j->out, s, n);
}

void json_string(struct json *j, const char *s)
{
	if (!s)
		json_null(j);
	else
		json_string_n(j, s, strlen(s));
}

void json_u64(struct json *j, uint64_t v)
{
	if (value(j))
		fprintf(j->out, "%" PRIu64, v);
}

void json_i64(struct json *j, int64_t v)
{
	if (value(j))
		fprintf(j->out, "%" PRId64, v);
}

void json_bool(struct json *j, int v)
{
	if (value(j))
		fputs(v ? "true" : "false", j->out);
}

void json_null(struct json *j)
{
	if (value(j))
		fputs("null", j->out);
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_u64(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_u64(j, v);
}

void json_kv_null(struct json *j, const char *key)
{
	json_key(j, key);
	json_null(j);
}
