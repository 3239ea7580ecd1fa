// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl destroy NAME [--force]
 *
 * Remove the partition's directory; the kernel returns its CPUs, memory and
 * devices to the boot kernel.  A partition whose kernel is active
 * (starting, running or unresponsive) is refused unless --force, which
 * force-stops it first.  The record of its image goes with it.
 */
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "parkerfs.h"
#include "steps.h"

static int option(int argc, char **argv, int *i, void *arg)
{
	int *force = arg;

	(void)argc;
	if (!strcmp(argv[*i], "--force")) {
		*force = 1;
		return 0;
	}
	return OPT_UNKNOWN;
}

/* Stop name's kernel when it is active and force says so: 0 or -1. */
static int stop_first(const char *name, int force)
{
	char state[64];

	/* A state that cannot be read is the kernel's to judge. */
	if (parkerfs_read(name, "state", state, sizeof(state)) ||
	    !state_is_active(state))
		return 0;
	if (!force) {
		error_msg(name, "is running: stop it first or use --force");
		return -1;
	}
	return force_stop(name) ? -1 : 0;
}

int cmd_destroy(int argc, char **argv)
{
	const char *name;
	int force = 0, ret;

	ret = parse_args("destroy", argc, argv, &name, option, &force);
	if (ret)
		return ret;
	if (parkerfs_mount() || stop_first(name, force))
		return EXIT_FAIL;
	return destroy_partition(name);
}
