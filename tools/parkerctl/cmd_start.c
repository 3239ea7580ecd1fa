// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl start NAME [--wait SECONDS]
 *
 * Writing "start" to NAME/command sends the partition's first CPU into the
 * loaded kernel.  The state then goes from starting to running once that
 * kernel says it is up, or to stopped or crashed; --wait follows it (and
 * restart's and run's --wait).
 */
#include "cli.h"
#include "commands.h"
#include "parkerfs.h"
#include "steps.h"

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
