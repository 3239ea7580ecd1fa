// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl start NAME [--wait SECONDS]
 *
 * Writing "start" to NAME/command sends the partition's first CPU into the
 * loaded kernel.  The state then goes from starting to running once that
 * kernel says it is up, or to stopped or crashed; --wait follows it (and
 * restart's and run's --wait).
 */
#include <stdint.h>
#include <string.h>

#include "parkerctl.h"
#include "parkerfs.h"
#include "partition.h"

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
	return partition_command(name, "start", "start");
}

int wait_running(const struct start *s, const char *name)
{
	uint64_t end = now_ms() + (uint64_t)s->wait * 1000;
	char state[64];

	if (!s->wait)
		return EXIT_OK;
	for (;;) {
		if (poll_state(name, state, sizeof(state), "starting"))
			return EXIT_FAIL;
		if (state_is(state, PARKER_STATE_RUNNING))
			return EXIT_OK;
		if (state_is_down(state)) {
			error_msg(name, "%s while starting", state);
			return EXIT_FAIL;
		}
		if (now_ms() >= end) {
			error_msg(name, "not running after %u s (state: %s)",
				  s->wait, state);
			return EXIT_FAIL;
		}
		sleep_ms(STATE_POLL_MS);
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
