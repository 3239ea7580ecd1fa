// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl restart NAME [--wait SECONDS]
 *
 * Writing "restart" to NAME/command force-stops the partition's kernel when
 * it is active and starts the loaded image again; --wait then follows the
 * state as start's does.
 */
#include "cli.h"
#include "commands.h"
#include "parkerfs.h"
#include "steps.h"

static int option(int argc, char **argv, int *i, void *s)
{
	return start_option(argc, argv, i, s);
}

int cmd_restart(int argc, char **argv)
{
	struct start s = { .cmd = "restart" };
	const char *name;
	int ret;

	ret = parse_args("restart", argc, argv, &name, option, &s);
	if (!ret)
		ret = start_check(&s, name);
	if (ret)
		return ret;
	if (parkerfs_mount() ||
	    partition_command(name, "restart", "restart"))
		return EXIT_FAIL;
	return wait_running(&s, name);
}
