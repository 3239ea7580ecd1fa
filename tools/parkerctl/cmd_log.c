// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl log NAME [--follow]
 *
 * Print NAME/console, what the partition's kernel wrote to its console.
 * With --follow, look at NAME/console_head every 200 ms and print what
 * came since, until SIGINT or SIGTERM (success) or until the partition is
 * destroyed (failure).  A start of the partition's kernel puts
 * "--- restarted ---" before its output, and bytes the ring dropped before
 * they were printed are counted in a line "[... N bytes lost]".
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "commands.h"
#include "console.h"
#include "parkerfs.h"

#define FOLLOW_MS 200
/* Reads of the console until console_head holds still across one. */
#define CONSOLE_TRIES 5

struct follow {
	const char *name;
	int follow;		/* --follow */
	int looking;		/* past the first print */
	int mid_line;		/* the last byte printed was no newline */
	uint64_t printed;
};

static volatile sig_atomic_t interrupted;

void console_next(uint64_t printed, uint64_t head, size_t len,
		  struct console_step *s)
{
	uint64_t end = head > len ? head : len;
	uint64_t start = end - len;

	memset(s, 0, sizeof(*s));
	if (end < printed) {
		s->restarted = 1;
		printed = 0;
	}
	if (start > printed) {
		s->lost = start - printed;
		printed = start;
	}
	s->from = (size_t)(printed - start);
	s->printed = end;
}

static int option(int argc, char **argv, int *i, void *arg)
{
	struct follow *f = arg;

	(void)argc;
	if (!strcmp(argv[*i], "--follow")) {
		f->follow = 1;
		return 0;
	}
	return OPT_UNKNOWN;
}

static void read_failed(struct follow *f, const char *file)
{
	if (f->mid_line)
		putchar('\n');
	fflush(stdout);
	if (errno == ENOENT && !parkerfs_exists(f->name))
		error_msg(f->name, f->looking ?
			  "destroyed while following its log" :
			  "no such partition");
	else
		error_msg(f->name, "cannot read %s: %s", file,
			  strerror(errno));
}

static int read_head(struct follow *f, uint64_t *head)
{
	if (!parkerfs_read_u64(f->name, "console_head", head))
		return 0;
	read_failed(f, "console_head");
	return -1;
}

/*
 * NAME/console, read until the head read before it (*head) holds still
 * across the read, and the head that goes with it; NULL after an error.
 */
static char *read_console(struct follow *f, uint64_t *head, size_t *len)
{
	uint64_t after;
	char *buf;

	for (int i = 0;; i++) {
		buf = parkerfs_read_all(f->name, "console", len);
		if (!buf) {
			read_failed(f, "console");
			return NULL;
		}
		if (read_head(f, &after)) {
			free(buf);
			return NULL;
		}
		if (after == *head || i == CONSOLE_TRIES)
			return buf;
		free(buf);
		*head = after;
	}
}

static void print_bytes(struct follow *f, const char *p, size_t n)
{
	if (!n)
		return;
	fwrite(p, 1, n, stdout);
	f->mid_line = p[n - 1] != '\n';
}

/* A line of parkerctl's own, on a line of its own. */
static void print_mark(struct follow *f, const char *mark)
{
	printf("%s%s\n", f->mid_line ? "\n" : "", mark);
	f->mid_line = 0;
}

static void print_step(struct follow *f, const struct console_step *s,
		       const char *buf, size_t len)
{
	char lost[48];

	if (s->restarted)
		print_mark(f, "--- restarted ---");
	if (s->lost) {
		snprintf(lost, sizeof(lost), "[... %" PRIu64 " bytes lost]",
			 s->lost);
		print_mark(f, lost);
	}
	print_bytes(f, buf + s->from, len - s->from);
	f->printed = s->printed;
	fflush(stdout);
}

/* The whole console, as it is now. */
static int print_all(struct follow *f)
{
	uint64_t head = 0;
	size_t len;
	char *buf;

	if (f->follow && read_head(f, &head))
		return -1;
	if (f->follow)
		buf = read_console(f, &head, &len);
	else
		buf = parkerfs_read_all(f->name, "console", &len);
	if (!buf) {
		if (!f->follow)
			read_failed(f, "console");
		return -1;
	}
	print_bytes(f, buf, len);
	fflush(stdout);
	f->printed = head > len ? head : len;
	free(buf);
	return 0;
}

/* One look at the console: 0, or -1 when the partition is gone. */
static int follow_once(struct follow *f)
{
	struct console_step s;
	uint64_t head;
	size_t len;
	char *buf;

	if (read_head(f, &head))
		return -1;
	if (head == f->printed)
		return 0;
	buf = read_console(f, &head, &len);
	if (!buf)
		return -1;
	console_next(f->printed, head, len, &s);
	print_step(f, &s, buf, len);
	free(buf);
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int follow_loop(struct follow *f)
{
	struct sigaction sa = { .sa_handler = on_signal }, old_int, old_term;
	int ret = EXIT_OK;

	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	f->looking = 1;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	while (!interrupted) {
		sleep_ms(FOLLOW_MS);
		if (!interrupted && follow_once(f)) {
			ret = EXIT_FAIL;
			break;
		}
	}
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGINT, &old_int, NULL);
	return ret;
}

int cmd_log(int argc, char **argv)
{
	struct follow f = { 0 };
	int ret;

	ret = parse_args("log", argc, argv, &f.name, option, &f);
	if (ret)
		return ret;
	if (parkerfs_mount() || print_all(&f))
		return EXIT_FAIL;
	if (!f.follow)
		return EXIT_OK;
	return follow_loop(&f);
}
