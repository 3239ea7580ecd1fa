// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl log (cmocka): console_next(), what --follow
 * prints given the count printed, console_head and the console read; and
 * the command on the fake tree of fakefs.c.  The binary is linked with
 * --wrap=sleep_ms: each of log --follow's waits plays the next act of the
 * script below (the partition's kernel writing, restarting, the partition
 * going), and the wait after the last act sends a signal.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "commands.h"
#include "console.h"
#include "fakefs.h"

#define MAX_ACTS 8

/* What happens to web during a wait: NULL leaves a file as it is. */
struct act {
	const char *console, *head;
	int vanish;
};

static struct {
	struct act acts[MAX_ACTS];
	int nr_acts;
	int sleeps;
	unsigned int ms;	/* the last wait asked for */
	int signal;		/* sent after the acts */
} script;

void __wrap_sleep_ms(unsigned int ms)
{
	const struct act *a;

	script.ms = ms;
	if (script.sleeps++ >= script.nr_acts) {
		raise(script.signal);
		return;
	}
	a = &script.acts[script.sleeps - 1];
	if (a->vanish)
		vanish("web");
	if (a->console)
		put("web", "console", a->console);
	if (a->head)
		put("web", "console_head", a->head);
}

static int setup(void **state)
{
	memset(&script, 0, sizeof(script));
	script.signal = SIGTERM;
	return fake_setup(state);
}

#define LOGTEST(fn) cmocka_unit_test_setup_teardown(fn, setup, fake_teardown)

static void next(void **state)
{
	static const struct {
		uint64_t printed, head;
		size_t len;
		int restarted;
		uint64_t lost;
		size_t from;
		uint64_t now;
	} cases[] = {
		/* Nothing yet, nothing new. */
		{ 0, 0, 0, 0, 0, 0, 0 },
		{ 25, 25, 25, 0, 0, 25, 25 },
		/* All of a first console; a new tail. */
		{ 0, 10, 10, 0, 0, 0, 10 },
		{ 10, 25, 25, 0, 0, 10, 25 },
		{ 24, 25, 25, 0, 0, 24, 25 },
		/* More came between the head and the console. */
		{ 10, 25, 30, 0, 0, 10, 30 },
		{ 30, 25, 30, 0, 0, 30, 30 },
		{ 30, 25, 31, 0, 0, 30, 31 },
		/* The ring wrapped: the new tail, or all after bytes lost. */
		{ 1500, 2000, 1000, 0, 0, 500, 2000 },
		{ 1999, 2000, 1000, 0, 0, 999, 2000 },
		{ 1000, 2000, 1000, 0, 0, 0, 2000 },
		{ 999, 2000, 1000, 0, 1, 0, 2000 },
		{ 100, 2000, 1000, 0, 900, 0, 2000 },
		{ 2000, 2000, 1000, 0, 0, 1000, 2000 },
		{ 0, 1048577, 1048576, 0, 1, 0, 1048577 },
		{ 0, 5ULL << 30, 1 << 20, 0, (5ULL << 30) - (1 << 20), 0,
		  5ULL << 30 },
		/* The head went back: a restart, printed from the start. */
		{ 500, 100, 100, 1, 0, 0, 100 },
		{ 11, 10, 10, 1, 0, 0, 10 },
		{ 500, 0, 0, 1, 0, 0, 0 },
		{ 500, 100, 120, 1, 0, 0, 120 },
		{ 5000, 3000, 1000, 1, 2000, 0, 3000 },
		{ 5000, 1001, 1000, 1, 1, 0, 1001 },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct console_step s;

		memset(&s, 0xa5, sizeof(s));
		console_next(cases[i].printed, cases[i].head, cases[i].len,
			     &s);
		print_message("case %zu\n", i);
		assert_int_equal(s.restarted, cases[i].restarted);
		assert_int_equal(s.lost, cases[i].lost);
		assert_int_equal(s.from, cases[i].from);
		assert_int_equal(s.printed, cases[i].now);
		assert_true(s.from <= cases[i].len);
	}
}

/* Printing a step's bytes and then the next console from there again. */
static void next_chains(void **state)
{
	static const struct {
		uint64_t head;
		size_t len;
	} reads[] = {
		{ 3, 3 }, { 3, 3 }, { 9, 9 }, { 4, 4 }, { 4000, 1000 },
		{ 4500, 1000 }, { 4500, 1000 }, { 0, 0 }, { 7, 7 },
	};
	uint64_t printed = 0, total = 0;
	int restarts = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(reads); i++) {
		struct console_step s;

		console_next(printed, reads[i].head, reads[i].len, &s);
		restarts += s.restarted;
		total += s.lost + (reads[i].len - s.from);
		printed = s.printed;
	}
	/* 3, 6 more, 4 after a restart, 3996 (2996 lost), 500, 7. */
	assert_int_equal(restarts, 2);
	assert_int_equal(total, 3 + 6 + 4 + 3996 + 500 + 7);
	assert_int_equal(printed, 7);
}

static char *run_log(const char *const *args, int fd, int *ret)
{
	char *argv[8];
	int argc = 0;

	while (args[argc]) {
		argv[argc] = (char *)args[argc];
		argc++;
	}
	return capture(fd, cmd_log, argc, argv, ret);
}

static void web(const char *console, const char *head)
{
	partition("web", "1\n", "running\n", "1\n", "0\n", "");
	put("web", "console", console);
	put("web", "console_head", head);
}

/* As it is: leading blanks, empty lines, no newline at the end. */
static void log_prints_console(void **state)
{
	static const char *const consoles[] = {
		"", "Linux version 6.12\n", "  indented\n\n\n",
		"line 1\nline 2",
	};
	const char *args[] = { "log", "web", NULL };
	int ret;

	(void)state;
	web("", "0\n");
	for (size_t i = 0; i < ARRAY_SIZE(consoles); i++) {
		put("web", "console", consoles[i]);
		assert_string_equal(run_log(args, 1, &ret), consoles[i]);
		assert_int_equal(ret, EXIT_OK);
	}
	assert_int_equal(script.sleeps, 0);
}

static void log_errors(void **state)
{
	const char *args[] = { "log", "web", NULL, NULL };
	char expect[256];
	int ret;

	(void)state;
	assert_string_equal(run_log(args, 2, &ret),
			    "parkerctl: web: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);
	args[2] = "--follow";
	assert_string_equal(run_log(args, 2, &ret),
			    "parkerctl: web: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);

	/* A kernel without console_head cannot be followed. */
	web("boot\n", "5\n");
	unlink(at("web/console_head"));
	snprintf(expect, sizeof(expect),
		 "parkerctl: web: cannot read console_head: %s\n",
		 strerror(ENOENT));
	assert_string_equal(run_log(args, 2, &ret), expect);
	assert_int_equal(ret, EXIT_FAIL);

	unlink(at("web/console"));
	args[2] = NULL;
	snprintf(expect, sizeof(expect),
		 "parkerctl: web: cannot read console: %s\n", strerror(ENOENT));
	assert_string_equal(run_log(args, 2, &ret), expect);
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(script.sleeps, 0);
}

static void log_usage_errors(void **state)
{
	static const char *const bad[][3] = {
		{ NULL }, { "--follow" }, { "web", "--follow=1" },
		{ "web", "-f" }, { "web", "db" }, { "Web" },
		{ "web", "--tail", "5" },
	};
	(void)state;
	web("boot\n", "5\n");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		const char *args[5] = { "log" };
		char *err;
		int ret;

		for (int j = 0; j < 3 && bad[i][j]; j++)
			args[j + 1] = bad[i][j];
		err = run_log(args, 2, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_non_null(strstr(err, "Try 'parkerctl log --help'."));
	}
}

static void follow(void **state)
{
	static const struct act acts[] = {
		{ "boot\nline 2\n", "12\n", 0 },
		{ NULL, NULL, 0 },				/* quiet */
		{ "boot\nline 2\nhalf", "16\n", 0 },
		{ "new\n", "4\n", 0 },			/* restarted */
		{ "XY\n", "100\n", 0 },			/* the ring wrapped */
		{ "XY\nZ\n", "102\n", 0 },
	};
	const char *args[] = { "log", "--follow", "web", NULL };
	struct sigaction term, intr, now;
	int ret;

	(void)state;
	/* What the test inherited: SIG_IGN for SIGINT in a background job. */
	assert_int_equal(sigaction(SIGTERM, NULL, &term), 0);
	assert_int_equal(sigaction(SIGINT, NULL, &intr), 0);
	web("boot\n", "5\n");
	memcpy(script.acts, acts, sizeof(acts));
	script.nr_acts = ARRAY_SIZE(acts);
	assert_string_equal(run_log(args, 1, &ret),
			    "boot\n"
			    "line 2\n"
			    "half\n"
			    "--- restarted ---\n"
			    "new\n"
			    "[... 93 bytes lost]\n"
			    "XY\n"
			    "Z\n");
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(script.sleeps, ARRAY_SIZE(acts) + 1);
	assert_int_equal(script.ms, 200);
	/* The signals are handled as before again. */
	assert_int_equal(sigaction(SIGTERM, NULL, &now), 0);
	assert_true(now.sa_handler == term.sa_handler);
	assert_int_equal(sigaction(SIGINT, NULL, &now), 0);
	assert_true(now.sa_handler == intr.sa_handler);
}

/* SIGINT ends it too; a console that has wrapped is printed whole. */
static void follow_interrupted(void **state)
{
	static const struct act acts[] = {
		{ "ring\n", "3005\n", 0 },		/* 10 new, 5 kept */
	};
	const char *args[] = { "log", "web", "--follow", NULL };
	int ret;

	(void)state;
	web("ring\n", "2995\n");
	memcpy(script.acts, acts, sizeof(acts));
	script.nr_acts = ARRAY_SIZE(acts);
	script.signal = SIGINT;
	assert_string_equal(run_log(args, 1, &ret),
			    "ring\n[... 5 bytes lost]\nring\n");
	assert_int_equal(ret, EXIT_OK);

	/* Just as many new bytes as the ring holds: none lost. */
	put("web", "console_head", "3000\n");
	script.acts[0].head = "3005\n";
	script.sleeps = 0;
	assert_string_equal(run_log(args, 1, &ret), "ring\nring\n");
	assert_int_equal(ret, EXIT_OK);
	assert_int_equal(script.sleeps, 2);
}

static void follow_destroyed(void **state)
{
	static const struct act acts[] = {
		{ "boot\nmore", "9\n", 0 },
		{ .vanish = 1 },
	};
	const char *args[] = { "log", "web", "--follow", NULL };
	int out = dup(1), ret;

	(void)state;
	web("boot\n", "5\n");
	memcpy(script.acts, acts, sizeof(acts));
	script.nr_acts = ARRAY_SIZE(acts);
	/* What it prints before is follow's; here only the end counts. */
	assert_true(freopen("/dev/null", "w", stdout) != NULL);
	assert_string_equal(run_log(args, 2, &ret),
			    "parkerctl: web: destroyed while following its log\n");
	fflush(stdout);
	dup2(out, 1);
	close(out);
	assert_int_equal(ret, EXIT_FAIL);
	assert_int_equal(script.sleeps, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		LOGTEST(next),
		LOGTEST(next_chains),
		LOGTEST(log_prints_console),
		LOGTEST(log_errors),
		LOGTEST(log_usage_errors),
		LOGTEST(follow),
		LOGTEST(follow_interrupted),
		LOGTEST(follow_destroyed),
	};

	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
