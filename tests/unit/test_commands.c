// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for what all commands share (cmocka): each has --help
 * (also after other words), the same words for the same options, exit
 * status 2 and "Try 'parkerctl CMD --help'." for usage errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "capture.h"
#include "cli.h"
#include "commands.h"

static const char *const names[] = {
	"create", "load", "start", "stop", "restart", "run", "destroy",
	"list", "show", "log", "apply", "check", "metrics",
};
#define NR_NAMES (sizeof(names) / sizeof(names[0]))

/* The command output() runs, through run_command() as parkerctl does. */
static const struct command *running;

static int run_running(int argc, char **argv)
{
	return run_command(running, argc, argv);
}

/* Run command c on words (argv[0] its name) with fd going to a file. */
static char *output(int fd, const struct command *c, int argc, char **argv,
		    int *ret)
{
	running = c;
	return capture(fd, run_running, argc, argv, ret);
}

static void every_command_has_help(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_NAMES; i++) {
		const struct command *c = find_command(names[i]);
		char *argv[] = { (char *)names[i], "web", "--help" };
		char head[64];
		int ret;
		char *out;

		assert_non_null(c);
		snprintf(head, sizeof(head), "Usage: parkerctl %s", names[i]);
		/* After NAME (or FILE) for the commands that take one. */
		int words = strcmp(names[i], "list") &&
			    strcmp(names[i], "check") &&
			    strcmp(names[i], "metrics");

		for (int argc = 2; argc <= 2 + words; argc++) {
			if (argc == 2)
				argv[1] = "--help";
			else
				argv[1] = "web";
			out = output(1, c, argc, argv, &ret);
			assert_int_equal(ret, EXIT_OK);
			assert_true(!strncmp(out, head, strlen(head)));
			assert_non_null(strstr(out, "  --help "));
		}
		argv[1] = "-h";
		output(1, c, 2, argv, &ret);
		assert_int_equal(ret, EXIT_OK);
	}
	assert_null(find_command("frobnicate"));
}

/* An unknown option is a usage error of the command, for all of them. */
static void every_command_usage_error(void **state)
{
	(void)state;
	for (size_t i = 0; i < NR_NAMES; i++) {
		char *argv[] = { (char *)names[i], "web", "--frobnicate" };
		char want[128];
		int ret;
		char *err;

		err = output(2, find_command(names[i]), 3, argv, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		snprintf(want, sizeof(want), "Try 'parkerctl %s --help'.\n",
			 names[i]);
		assert_non_null(strstr(err, want));
		assert_true(!strncmp(err, "parkerctl: ", 11));
	}
}

/* Options that mean the same are spelt and explained the same. */
static void same_words(void **state)
{
	static const char *const lines[] = {
		"  --cpus LIST         CPUs to move to the partition",
		"  --memory SIZE       memory from the Parker pool",
		"  --on-crash WHAT     when its kernel crashes: stop (default) or restart\n",
		"  --wait SECONDS      wait up to SECONDS until it is running",
		"  --kernel BZIMAGE    the kernel to load\n",
		"  --json              print JSON instead",
	};
	static const char *const in[][4] = {
		{ "create", "run" }, { "create", "run" }, { "create", "run" },
		{ "start", "restart", "run" }, { "load", "run" },
		{ "list", "show" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		for (int k = 0; k < 4 && in[i][k]; k++) {
			char *argv[] = { (char *)in[i][k], "--help" };
			int ret;

			if (!strstr(output(1, find_command(in[i][k]), 2, argv,
					   &ret), lines[i]))
				fail_msg("%s --help lacks '%s'", in[i][k],
					 lines[i]);
		}
	}
}

static void top_level_help(void **state)
{
	FILE *tmp = tmpfile();
	char buf[4096];
	size_t n;

	(void)state;
	usage(tmp);
	rewind(tmp);
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	for (size_t i = 0; i < NR_NAMES; i++) {
		char line[32];

		snprintf(line, sizeof(line), "\n  %-10s ", names[i]);
		assert_non_null(strstr(buf, line));
	}
	assert_non_null(strstr(buf, "Exit status: 0 success, 1 failure, 2 usage error."));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_command_has_help),
		cmocka_unit_test(every_command_usage_error),
		cmocka_unit_test(same_words),
		cmocka_unit_test(top_level_help),
	};

	return cmocka_run_group_tests_name("commands", tests, NULL, NULL);
}
