// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for the parser of parkerctl apply's file (cmocka): what
 * it makes of good files, and every error with its line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "applyfile.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A partition that needs nothing more, for the tests of other keys. */
#define MIN "cpus = 1\nmemory = 1M\nstart = no\n"

static void parse_ok(const char *text, struct apply_file *f)
{
	struct apply_error err;
	int ret = applyfile_parse(text, strlen(text), f, &err);

	if (ret)
		fail_msg("line %u: %s", err.line, err.msg);
}

/* text is refused at line, with a message holding want. */
static void refused(const char *text, size_t len, unsigned int line,
		    const char *want)
{
	struct apply_error err;
	struct apply_file f;

	assert_int_equal(applyfile_parse(text, len, &f, &err), -1);
	if (err.line != line || !strstr(err.msg, want))
		fail_msg("'%s': got line %u '%s', want line %u '%s'", text,
			 err.line, err.msg, line, want);
	assert_int_equal(f.nr, 0);
	assert_null(f.parts);
}

static void refused_at(const char *text, unsigned int line,
		       const char *want)
{
	refused(text, strlen(text), line, want);
}

static void example(void **state)
{
	static const char text[] =
		"# comment\n"
		"[web]\n"
		"cpus = 1-2\n"
		"memory = 256M\n"
		"devices = 0000:00:09.0 0000:00:03.0\n"
		"kernel = /parker/bzImage\n"
		"initrd = /parker/app-initrd.cpio.gz\n"
		"cmdline = console=ttyS0,115200 app.run=idle\n"
		"on-crash = restart\n"
		"on-reboot = stop\n"
		"smt-split = no\n"
		"start = yes\n"
		"on-dma-fault = stop\n";
	struct apply_file f;
	struct apply_part *a;

	(void)state;
	parse_ok(text, &f);
	assert_int_equal(f.nr, 1);
	a = &f.parts[0];
	assert_string_equal(a->name, "web");
	assert_int_equal(a->line, 2);
	assert_string_equal(a->cpus, "1-2");
	assert_true(a->memory == 256ULL << 20);
	assert_int_equal(a->nr_devices, 2);
	assert_string_equal(a->devices[0], "0000:00:03.0");
	assert_string_equal(a->devices[1], "0000:00:09.0");
	assert_string_equal(a->kernel, "/parker/bzImage");
	assert_string_equal(a->initrd, "/parker/app-initrd.cpio.gz");
	assert_string_equal(a->cmdline, "console=ttyS0,115200 app.run=idle");
	assert_string_equal(a->on_crash, "restart");
	assert_string_equal(a->on_reboot, "stop");
	assert_string_equal(a->on_dma_fault, "stop");
	assert_int_equal(a->smt_split, 0);
	assert_int_equal(a->start, 1);
	assert_int_equal(a->key_line[AK_CPUS], 3);
	assert_int_equal(a->key_line[AK_KERNEL], 6);
	assert_int_equal(a->key_line[AK_START], 12);
	assert_ptr_equal(applyfile_find(&f, "web"), a);
	assert_null(applyfile_find(&f, "db"));
	applyfile_free(&f);
	assert_int_equal(f.nr, 0);
}

static void defaults(void **state)
{
	struct apply_file f;
	struct apply_part *a;

	(void)state;
	parse_ok("[db]\n" MIN, &f);
	a = &f.parts[0];
	assert_null(a->kernel);
	assert_null(a->initrd);
	assert_string_equal(a->cmdline, "");
	assert_string_equal(a->on_crash, "stop");
	assert_string_equal(a->on_reboot, "restart");
	assert_string_equal(a->on_dma_fault, "log");
	assert_int_equal(a->smt_split, 0);
	assert_int_equal(a->start, 0);
	assert_int_equal(a->nr_devices, 0);
	assert_int_equal(a->key_line[AK_DEVICES], 0);
	applyfile_free(&f);
}

/* Values in the canonical forms parkerctl writes to the kernel. */
static void canonical(void **state)
{
	struct apply_file f;
	struct apply_part *a;

	(void)state;
	parse_ok("[x]\ncpus = 5,3,1-2,4\nmemory = 1GiB\nstart = no\n"
		 "devices = 00:1f.3,0000:00:03.0  ABCD:EF:01.7\tff:00.0\n"
		 "smt-split = yes\n", &f);
	a = &f.parts[0];
	assert_string_equal(a->cpus, "1-5");
	assert_true(a->memory == 1ULL << 30);
	assert_int_equal(a->nr_devices, 4);
	assert_string_equal(a->devices[0], "0000:00:03.0");
	assert_string_equal(a->devices[1], "0000:00:1f.3");
	assert_string_equal(a->devices[2], "0000:ff:00.0");
	assert_string_equal(a->devices[3], "abcd:ef:01.7");
	assert_int_equal(a->smt_split, 1);
	applyfile_free(&f);
}

/* Lines count from 1, blank and comment lines too; CR LF is a newline. */
static void line_numbers(void **state)
{
	(void)state;
	refused_at("\n# c\r\n\r\n[a]\r\n" MIN "\n  # c\nwhat", 10,
		   "expected '[name]' or 'key = value'");
	refused_at("[a]\n" MIN "x = 1", 5, "unknown key 'x'");
}

static void layout_parsed(void **state)
{
	static const char text[] =
		"\n"
		"  # indented comment\r\n"
		"\t[a]  \r\n"
		"cpus=1\r\n"
		"   memory\t=\t 2M  \n"
		"start =no\n"
		"\n"
		"[b]\n"
		"cpus = 2\n"
		"memory = 4096\n"
		"kernel = /k # not a comment\n"
		"cmdline =   a=b  c=\"d e\" #f  \n"
		"devices =";
	struct apply_file f;

	(void)state;
	parse_ok(text, &f);
	assert_int_equal(f.nr, 2);
	assert_string_equal(f.parts[0].name, "a");
	assert_int_equal(f.parts[0].line, 3);
	assert_true(f.parts[0].memory == 2ULL << 20);
	assert_string_equal(f.parts[1].name, "b");
	assert_int_equal(f.parts[1].line, 8);
	assert_true(f.parts[1].memory == 4096);
	assert_string_equal(f.parts[1].kernel, "/k # not a comment");
	assert_string_equal(f.parts[1].cmdline, "a=b  c=\"d e\" #f");
	assert_int_equal(f.parts[1].key_line[AK_DEVICES], 13);
	assert_int_equal(f.parts[1].nr_devices, 0);
	applyfile_free(&f);
}

static void empty_files(void **state)
{
	static const char *const texts[] = {
		"", "\n", "# nothing\n\n   \n", "\r\n\t\n",
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(texts); i++) {
		struct apply_file f;

		parse_ok(texts[i], &f);
		assert_int_equal(f.nr, 0);
		applyfile_free(&f);
	}
}

static void cmdline_limit(void **state)
{
	char text[2200], line[2001];
	struct apply_file f;

	(void)state;
	memset(line, 'x', sizeof(line));
	line[1999] = '\0';
	snprintf(text, sizeof(text),
		 "[a]\ncpus = 1\nmemory = 1M\nkernel = /k\ncmdline = %s\n", line);
	parse_ok(text, &f);
	assert_int_equal(strlen(f.parts[0].cmdline), 1999);
	applyfile_free(&f);
	line[1999] = 'x';
	line[2000] = '\0';
	snprintf(text, sizeof(text),
		 "[a]\ncpus = 1\nmemory = 1M\nkernel = /k\ncmdline = %s\n", line);
	refused_at(text, 5, "cmdline of 2000 bytes is too long: at most 1999");
}

/* Every syntax error, with its line. */
static void syntax_errors(void **state)
{
	static const struct {
		const char *text;
		unsigned int line;
		const char *want;
	} cases[] = {
		{ "cpus = 1\n", 1, "'cpus' before any section: start a partition with '[name]'" },
		{ "# c\n\nmemory = 1M\n[a]\n", 3, "before any section" },
		{ "[a]\n" MIN "frobs = 3\n", 5, "unknown key 'frobs' (keys: cpus, memory, devices, kernel, initrd, cmdline, on-crash, on-reboot, on-dma-fault, smt-split, start)" },
		{ "[a]\n" MIN "on-dma-fault = restart\n", 5, "invalid on-dma-fault 'restart': log or stop" },
		{ "[a]\n" MIN "on_crash = stop\n", 5, "unknown key 'on_crash': did you mean 'on-crash'?" },
		{ "[a]\n" MIN "SMT_SPLIT = no\n", 5, "unknown key 'SMT_SPLIT'" },
		{ "[a]\ncpus = 1\nmemory = 1M\ncpus = 2\nstart = no\n", 4, "cpus given twice in [a] (first on line 2)" },
		{ "[a]\n" MIN "start = no\n", 5, "start given twice in [a] (first on line 4)" },
		{ "[a]\n" MIN "[b]\n" MIN "[a]\n" MIN, 9, "[a] given twice (first on line 1)" },
		{ "[Web]\n", 1, "invalid partition name 'Web'" },
		{ "[info]\n", 1, "invalid partition name 'info'" },
		{ "[-a]\n", 1, "invalid partition name '-a'" },
		{ "[a b]\n", 1, "invalid partition name 'a b'" },
		{ "[]\n", 1, "invalid partition name ''" },
		{ "[abcdefghijklmnopqrstuvwxyz012345]\n", 1, "invalid partition name" },
		{ "[ a ]\n", 1, "invalid partition name ' a '" },
		{ "[a\n", 1, "a section line is '[name]' and nothing else" },
		{ "[a] # web\n", 1, "a section line is '[name]' and nothing else" },
		{ "[\n", 1, "a section line is" },
		{ "[a]\n" MIN "just words\n", 5, "expected '[name]' or 'key = value'" },
		{ "[a]\n = 1\n", 2, "a key is missing before '='" },
		{ "[a]\ncpus =\n", 2, "cpus needs a value" },
		{ "[a]\ncpus = 1\nmemory = \t\n", 3, "memory needs a value" },
		{ "[a]\n" MIN "kernel =\n", 5, "kernel needs a value" },
		{ "[a]\n" MIN "on-crash=\n", 5, "on-crash needs a value" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		refused_at(cases[i].text, cases[i].line, cases[i].want);
}

/* Every bad value, with its line. */
static void value_errors(void **state)
{
	static const struct {
		const char *text;
		unsigned int line;
		const char *want;
	} cases[] = {
		{ "[a]\ncpus = 1-\n", 2, "invalid CPU list '1-' (example: 2-3,6)" },
		{ "[a]\ncpus = 3-1\n", 2, "invalid CPU list '3-1'" },
		{ "[a]\ncpus = 1 2\n", 2, "invalid CPU list '1 2'" },
		{ "[a]\ncpus = 5000\n", 2, "CPU list '5000' names a CPU above 4095" },
		{ "[a]\ncpus = 1\nmemory = 12Q\n", 3, "invalid memory size '12Q' (examples: 256M, 1G, 4194304)" },
		{ "[a]\ncpus = 1\nmemory = 1.5G\n", 3, "invalid memory size '1.5G'" },
		{ "[a]\ncpus = 1\nmemory = 0\n", 3, "memory must be more than 0" },
		{ "[a]\ncpus = 1\nmemory = 0M\n", 3, "memory must be more than 0" },
		{ "[a]\n" MIN "devices = 00:10\n", 5, "invalid PCI address '00:10' (DDDD:BB:DD.F or BB:DD.F)" },
		{ "[a]\n" MIN "devices = 00:03.0 00:20.0\n", 5, "invalid PCI address '00:20.0'" },
		{ "[a]\n" MIN "devices = 00:03.0 0000:00:03.0\n", 5, "device 0000:00:03.0 given twice" },
		{ "[a]\ncpus = 1\nmemory = 1M\nkernel = bzImage\n", 4, "kernel must be an absolute path, not 'bzImage'" },
		{ "[a]\ncpus = 1\nmemory = 1M\nkernel = /k\ninitrd = ./i\n", 5, "initrd must be an absolute path, not './i'" },
		{ "[a]\n" MIN "on-crash = maybe\n", 5, "invalid on-crash 'maybe': stop or restart" },
		{ "[a]\n" MIN "on-reboot = Restart\n", 5, "invalid on-reboot 'Restart': stop or restart" },
		{ "[a]\n" MIN "smt-split = true\n", 5, "invalid smt-split 'true': yes or no" },
		{ "[a]\ncpus = 1\nmemory = 1M\nstart = 1\n", 4, "invalid start '1': yes or no" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		refused_at(cases[i].text, cases[i].line, cases[i].want);
}

/* What a section lacks is reported at its [name] line. */
static void section_errors(void **state)
{
	static const struct {
		const char *text;
		unsigned int line;
		const char *want;
	} cases[] = {
		{ "[a]\nmemory = 1M\nstart = no\n", 1, "[a] has no 'cpus = LIST' (required)" },
		{ "\n[a]\ncpus = 1\nstart = no\n", 2, "[a] has no 'memory = SIZE' (required)" },
		{ "[a]\n", 1, "[a] has no 'cpus = LIST'" },
		/* Found when the next section starts: still a's line. */
		{ "[a]\ncpus = 1\n[b]\n" MIN, 1, "[a] has no 'memory = SIZE'" },
		{ "[a]\ncpus = 1\nmemory = 1M\n", 1, "[a] is to start but has no kernel: add 'kernel = PATH' or 'start = no'" },
		{ "[a]\ncpus = 1\nmemory = 1M\nstart = yes\n", 1, "[a] is to start but has no kernel" },
		{ "[a]\n" MIN "initrd = /i\n", 5, "initrd without kernel in [a]" },
		{ "[a]\n" MIN "cmdline = quiet\n", 5, "cmdline without kernel in [a]" },
		{ "[a]\n" MIN "cmdline =\n", 5, "cmdline without kernel in [a]" },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		refused_at(cases[i].text, cases[i].line, cases[i].want);
}

/* No CPU or device in two partitions: the second's line. */
static void overlaps(void **state)
{
	(void)state;
	refused_at("[a]\ncpus = 1-3\nmemory = 1M\nstart = no\n"
		   "[b]\nmemory = 1M\nstart = no\ncpus = 4,3\n",
		   8, "CPU 3 is also in [a] (line 2)");
	refused_at("[a]\ncpus = 64-200\nmemory = 1M\nstart = no\n"
		   "[b]\ncpus = 4095\nmemory = 1M\nstart = no\n"
		   "[c]\ncpus = 0,4095\nmemory = 1M\nstart = no\n",
		   10, "CPU 4095 is also in [b] (line 6)");
	refused_at("[a]\n" MIN "devices = 00:03.0 00:04.0\n"
		   "[b]\ncpus = 2\nmemory = 1M\nstart = no\ndevices = 00:09.0 0000:00:04.0\n",
		   10, "device 0000:00:04.0 is also in [a] (line 5)");
}

static void nul_byte(void **state)
{
	static const char text[] = "[a]\n" MIN "cmd\0line = x\n";

	(void)state;
	refused(text, sizeof(text) - 1, 5, "a NUL byte: not a text file");
}

static void too_many(void **state)
{
	size_t len = 257 * 64, used = 0;
	char *text = malloc(len);

	(void)state;
	assert_non_null(text);
	for (int i = 0; i < 257; i++)
		used += (size_t)snprintf(text + used, len - used,
					 "[p%d]\ncpus = %d\nmemory = 1M\nstart = no\n",
					 i, i);
	refused(text, used, 257 * 4 - 3, "more than 256 partitions");
	free(text);
}

/* A bad value is quoted printable and short. */
static void quoting(void **state)
{
	struct apply_error err;
	struct apply_file f;
	char text[256];

	(void)state;
	snprintf(text, sizeof(text), "[a]\ncpus = 1\nmemory = %s\n",
		 "\x1b[31m12Q0123456789012345678901234567890123456789012345678901234567890");
	assert_int_equal(applyfile_parse(text, strlen(text), &f, &err), -1);
	assert_int_equal(err.line, 3);
	assert_non_null(strstr(err.msg, "'?[31m12Q"));
	assert_non_null(strstr(err.msg, "...'"));
	assert_null(strchr(err.msg, '\x1b'));
}

/* Only the first error counts. */
static void first_error(void **state)
{
	(void)state;
	refused_at("[a]\ncpus = x\nmemory = y\nfoo = 1\n", 2, "invalid CPU list 'x'");
	refused_at("[A]\n[a]\ncpus = x\n", 1, "invalid partition name 'A'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(example),
		cmocka_unit_test(defaults),
		cmocka_unit_test(canonical),
		cmocka_unit_test(line_numbers),
		cmocka_unit_test(layout_parsed),
		cmocka_unit_test(empty_files),
		cmocka_unit_test(cmdline_limit),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(value_errors),
		cmocka_unit_test(section_errors),
		cmocka_unit_test(overlaps),
		cmocka_unit_test(nul_byte),
		cmocka_unit_test(too_many),
		cmocka_unit_test(quoting),
		cmocka_unit_test(first_error),
	};

	return cmocka_run_group_tests_name("applyfile", tests, NULL, NULL);
}
