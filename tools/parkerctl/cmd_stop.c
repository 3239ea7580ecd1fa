// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl stop NAME [--timeout SECONDS] [--force]
 *
 * Writing "stop" to NAME/command asks the partition's kernel to power off
 * and returns at once; stop then waits for the state to become stopped (or
 * crashed), and when the kernel has not gone within --timeout seconds,
 * forces it.  The kernel refuses to ask one that cannot answer (starting,
 * unresponsive) and says why.  Writing "force-stop" sends INIT to the
 * partition's CPUs and stops its devices' DMA: the kernel there gets no
 * chance to shut down.  --force does that at once.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "parkerfs.h"
#include "steps.h"

struct stop {
	int force;
	const char *timeout_arg;
	unsigned int timeout;	/* seconds */
};

static int option(int argc, char **argv, int *i, void *arg)
{
	struct stop *s = arg;
	const char *val;

	if (!strcmp(argv[*i], "--force")) {
		s->force = 1;
		return 0;
	}
	if (opt_value(argc, argv, i, "--timeout", &val))
		return opt_set("stop", &s->timeout_arg, val, "--timeout");
	return OPT_UNKNOWN;
}

static int check(struct stop *s, const char *name)
{
	uint64_t secs;

	if (!s->timeout_arg)
		return 0;
	if (s->force)
		return cmd_usage_error("stop", name,
				       "option '--timeout' does not go with --force");
	if (parkerfs_parse_u64(s->timeout_arg, &secs) || secs > START_WAIT_MAX)
		return cmd_usage_error("stop", name,
				       "invalid --timeout '%s': a whole number of seconds, at most %d",
				       s->timeout_arg, START_WAIT_MAX);
	s->timeout = (unsigned int)secs;
	return 0;
}

/*
 * 1 when name's kernel is to be asked to stop, 0 when it has stopped
 * already, -1 after saying why it cannot be.
 */
static int needs_stop(const char *name)
{
	char state[64];

	if (parkerfs_read(name, "state", state, sizeof(state))) {
		error_msg(name, "cannot stop: %s",
			  errno == ENOENT ? "no such partition" :
			  strerror(errno));
		return -1;
	}
	if (state_is_down(state))
		return 0;
	if (state_is_active(state))
		return 1;
	error_msg(name, "is %s, not running: nothing to stop", state);
	return -1;
}

static int graceful_stop(const char *name, unsigned int timeout)
{
	int ret = needs_stop(name);

	if (ret <= 0)
		return ret ? EXIT_FAIL : EXIT_OK;
	if (partition_command(name, "stop", "stop"))
		return EXIT_FAIL;
	return wait_stopped(name, timeout);
}

int cmd_stop(int argc, char **argv)
{
	struct stop s = { .timeout = STOP_TIMEOUT };
	const char *name;
	int ret;

	ret = parse_args("stop", argc, argv, &name, option, &s);
	if (!ret)
		ret = check(&s, name);
	if (ret)
		return ret;
	if (parkerfs_mount())
		return EXIT_FAIL;
	if (s.force)
		return force_stop(name);
	return graceful_stop(name, s.timeout);
}
