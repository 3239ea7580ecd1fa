// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl's JSON writer (cmocka): the layout, every
 * escape, UTF-8 kept or replaced, numbers, null, nesting, and calls out of
 * order, each output judged by the strict reader of jsoncheck.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"
#include "jsoncheck.h"

static char *out;
static size_t out_len;
static FILE *mem;
static struct json j;

static void begin(void)
{
	mem = open_memstream(&out, &out_len);
	assert_non_null(mem);
	json_init(&j, mem);
}

/* The document written since begin(), checked to be valid JSON. */
static const char *end(void)
{
	static char buf[65536];

	json_finish(&j);
	assert_int_equal(fclose(mem), 0);
	assert_true(out_len < sizeof(buf));
	memcpy(buf, out, out_len + 1);
	free(out);
	assert_int_equal(json_check(buf, strlen(buf)), 0);
	return buf;
}

/* The string s (n bytes) written alone. */
static const char *string_n(const char *s, size_t n)
{
	begin();
	json_string_n(&j, s, n);
	return end();
}

static const char *string(const char *s)
{
	return string_n(s, strlen(s));
}

static void layout(void **state)
{
	(void)state;
	begin();
	json_object_begin(&j);
	json_kv_string(&j, "name", "web");
	json_kv_u64(&j, "id", 1);
	json_key(&j, "cpus");
	json_array_begin(&j);
	json_object_begin(&j);
	json_kv_u64(&j, "cpu", 2);
	json_kv_null(&j, "apic_id");
	json_object_end(&j);
	json_array_end(&j);
	json_key(&j, "devices");
	json_array_begin(&j);
	json_array_end(&j);
	json_key(&j, "memory");
	json_object_begin(&j);
	json_object_end(&j);
	json_key(&j, "on");
	json_bool(&j, 1);
	json_key(&j, "off");
	json_bool(&j, 0);
	json_object_end(&j);
	assert_string_equal(end(),
			    "{\n"
			    "  \"name\": \"web\",\n"
			    "  \"id\": 1,\n"
			    "  \"cpus\": [\n"
			    "    {\n"
			    "      \"cpu\": 2,\n"
			    "      \"apic_id\": null\n"
			    "    }\n"
			    "  ],\n"
			    "  \"devices\": [],\n"
			    "  \"memory\": {},\n"
			    "  \"on\": true,\n"
			    "  \"off\": false\n"
			    "}\n");
}

static void numbers(void **state)
{
	(void)state;
	begin();
	json_array_begin(&j);
	json_u64(&j, 0);
	json_u64(&j, UINT64_MAX);
	json_i64(&j, -1);
	json_i64(&j, INT64_MIN);
	json_i64(&j, INT64_MAX);
	json_null(&j);
	json_string(&j, NULL);
	json_array_end(&j);
	assert_string_equal(end(),
			    "[\n  0,\n  18446744073709551615,\n  -1,\n"
			    "  -9223372036854775808,\n  9223372036854775807,\n"
			    "  null,\n  null\n]\n");
}

static void escapes(void **state)
{
	(void)state;
	assert_string_equal(string(""), "\"\"\n");
	assert_string_equal(string("a\"b\\c/d"), "\"a\\\"b\\\\c/d\"\n");
	assert_string_equal(string("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"\n");
	assert_string_equal(string("\x01\x1f\x7f"),
			    "\"\\u0001\\u001f\\u007f\"\n");
	assert_string_equal(string_n("a\0b", 3), "\"a\\u0000b\"\n");
	assert_string_equal(string("\x1b[31mred"), "\"\\u001b[31mred\"\n");
}

static void utf8_kept(void **state)
{
	(void)state;
	/* 2, 3 and 4 bytes, and the edges of each range. */
	assert_string_equal(string("caf\xc3\xa9"), "\"caf\xc3\xa9\"\n");
	assert_string_equal(string("\xc2\x80\xdf\xbf"),
			    "\"\xc2\x80\xdf\xbf\"\n");
	assert_string_equal(string("\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf"),
			    "\"\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf\"\n");
	assert_string_equal(string("\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"),
			    "\"\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"\n");
}

static void utf8_replaced(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "\x80", "\\ufffd" },			/* lone continuation */
		{ "\xbf", "\\ufffd" },
		{ "\xc0\xaf", "\\ufffd\\ufffd" },	/* overlong '/' */
		{ "\xc1\xbf", "\\ufffd\\ufffd" },
		{ "\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd" },
		{ "\xf0\x80\x80\xaf", "\\ufffd\\ufffd\\ufffd\\ufffd" },
		{ "\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd" },	/* surrogate */
		{ "\xed\xbf\xbf", "\\ufffd\\ufffd\\ufffd" },
		{ "\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd" },
		{ "\xf5\x80", "\\ufffd\\ufffd" },
		{ "\xfe\xff", "\\ufffd\\ufffd" },
		{ "\xc3", "\\ufffd" },			/* cut short */
		{ "\xe2\x82", "\\ufffd\\ufffd" },
		{ "a\xc3(b", "a\\ufffd(b" },
		{ "\xe2\x82\xac\xe2", "\xe2\x82\xac\\ufffd" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char expect[64];

		snprintf(expect, sizeof(expect), "\"%s\"\n", cases[i].out);
		assert_string_equal(string(cases[i].in), expect);
	}
}

/* Every byte value alone and after every other: always valid JSON. */
static void every_byte_pair(void **state)
{
	(void)state;
	for (int a = 0; a < 256; a++) {
		for (int b = 0; b < 256; b += 17) {
			char s[2] = { (char)a, (char)b };

			string_n(s, 2);
		}
	}
}

static void keys_escaped(void **state)
{
	(void)state;
	begin();
	json_object_begin(&j);
	json_kv_string(&j, "a\"\n\xff", "v");
	json_object_end(&j);
	assert_string_equal(end(), "{\n  \"a\\\"\\n\\ufffd\": \"v\"\n}\n");
}

/* Calls out of order still make valid JSON. */
static void misuse(void **state)
{
	(void)state;
	/* A value without a key, a key without a value, a key in an array. */
	begin();
	json_object_begin(&j);
	json_u64(&j, 1);
	json_key(&j, "a");
	json_key(&j, "b");
	json_u64(&j, 2);
	json_key(&j, "c");
	json_array_begin(&j);
	json_key(&j, "d");
	json_u64(&j, 3);
	json_object_end(&j);	/* the wrong kind: ignored */
	json_array_end(&j);
	json_key(&j, "e");
	json_object_end(&j);
	assert_string_equal(end(),
			    "{\n  \"a\": null,\n  \"b\": 2,\n  \"c\": [\n    3\n  ],\n"
			    "  \"e\": null\n}\n");
	/* Left open: closed by json_finish(). */
	begin();
	json_array_begin(&j);
	json_object_begin(&j);
	json_key(&j, "x");
	assert_string_equal(end(), "[\n  {\n    \"x\": null\n  }\n]\n");
	/* Nothing at all, and a second value at the top. */
	begin();
	assert_string_equal(end(), "null\n");
	begin();
	json_u64(&j, 1);
	json_u64(&j, 2);
	json_array_end(&j);
	assert_string_equal(end(), "1\n");
}

static void too_deep(void **state)
{
	const char *doc;

	(void)state;
	begin();
	for (int i = 0; i < JSON_MAX_DEPTH + 5; i++)
		json_array_begin(&j);
	json_string(&j, "deep");
	for (int i = 0; i < JSON_MAX_DEPTH + 5; i++)
		json_array_end(&j);
	json_array_begin(&j);	/* a second top-level value: dropped */
	doc = end();
	/* The containers too deep are one null, with all in them. */
	assert_null(strstr(doc, "deep"));
	assert_non_null(strstr(doc, "null"));
	assert_int_equal(doc[strlen(doc) - 2], ']');
}

static void checker_rejects(void **state)
{
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "\"\x01\"", "01",
		"1.", "-", "nul", "[1 2]", "\"\xc0\xaf\"", "\"\\ud800\"",
		"\"\\x\"", "{} {}", "\"\xed\xa0\x80\"",
	};
	const char *good;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(json_check(bad[i], strlen(bad[i])), -1);
	good = "[1.5e-3, -0, \"\\ud83d\\ude00\", {\"a\": [true, false, null]}]";
	assert_int_equal(json_check(good, strlen(good)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layout),
		cmocka_unit_test(numbers),
		cmocka_unit_test(escapes),
		cmocka_unit_test(utf8_kept),
		cmocka_unit_test(utf8_replaced),
		cmocka_unit_test(every_byte_pair),
		cmocka_unit_test(keys_escaped),
		cmocka_unit_test(misuse),
		cmocka_unit_test(too_deep),
		cmocka_unit_test(checker_rejects),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
