// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl start NAME [--wait SECONDS]
 *
 * Writing "start" to NAME/command sends the partition's first CPU into the
 * loaded kernel.  The state then goes from starting to running once that
 * kernel says it is up, or to stopped or crashed; --wait follows it.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "parkerctl.h"
#include "parkerfs.h"
#include "partition.h"

#define POLL_MS 100

int start_option(int argc, char **argv, int *i, struct start *s)
{
	const char *val;

	if (opt_value(argc, argv, i, "--wait", &val))
		return opt_set(s->cmd, &s->wait_arg, val, "--wait");
	return OPT_UNKNOWN;
}

int start_check(struct start *s, const char *name)
{
	uint64_t secs;

	if (!s->wait_arg)
		return 0;
	if (parkerfs_parse_u64(s->wait_arg, &secs) || secs > START_WAIT_MAX)
		return cmd_usage_error(s->cmd, name,
				       "invalid --wait '%s': a whole number of seconds, at most %d",
				       s->wait_arg, START_WAIT_MAX);
	s->wait = (unsigned int)secs;
	return 0;
}

int start_partition(const char *name)
{
	char why[PARKERFS_STATUS_MAX];

	if (!parkerfs_write(name, "command", "start"))
		return EXIT_OK;
	error_msg(name, "cannot start: %s",
		  errno == ENOENT ? "no such partition" :
		  parkerfs_reason(name, errno, why, sizeof(why)));
	return EXIT_FAIL;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int read_state(const char *name, char *buf, size_t len)
{
	if (!parkerfs_read(name, "state", buf, len))
		return 0;
	if (errno == ENOENT)
		error_msg(name, "destroyed while starting");
	else
		error_msg(name, "cannot read the state: %s", strerror(errno));
	return -1;
}

int wait_running(const struct start *s, const char *name)
{
	const struct timespec tick = { 0, POLL_MS * 1000000L };
	uint64_t end = now_ms() + (uint64_t)s->wait * 1000;
	char state[64];

	if (!s->wait)
		return EXIT_OK;
	for (;;) {
		if (read_state(name, state, sizeof(state)))
			return EXIT_FAIL;
		if (!strcmp(state, "running"))
			return EXIT_OK;
		if (!strcmp(state, "stopped") || !strcmp(state, "crashed")) {
			error_msg(name, "%s while starting", state);
			return EXIT_FAIL;
		}
		if (now_ms() >= end) {
			error_msg(name, "not running after %u s (state: %s)",
				  s->wait, state);
			return EXIT_FAIL;
		}
		nanosleep(&tick, NULL);
	}
}

static int option(int argc, char **argv, int *i, void *s)
{
	return start_option(argc, argv, i, s);
}

int cmd_start(int argc, char **argv)
{
	struct start s = { .cmd = "start" };
	const char *name;
	int ret;

	ret = parse_args("start", argc, argv, &name, option, &s);
	if (!ret)
		ret = start_check(&s, name);
	if (ret)
		return ret;
	if (parkerfs_mount() || start_partition(name))
		return EXIT_FAIL;
	return wait_running(&s, name);
}
