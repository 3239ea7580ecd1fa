// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl create NAME [--cpus LIST] [--memory SIZE] [--device BDF]...
 *                       [--smt-split] [--on-crash stop|restart]
 *                       [--on-reboot stop|restart]
 *                       [--on-dma-fault log|stop]
 *
 * Every value is checked before anything is touched.  The partition is then
 * made and given its policies and resources one file at a time; when the
 * kernel refuses one, the partition is removed again so that a failed
 * create changes nothing.  run takes the same steps (steps.h).
 */
#include "cli.h"
#include "commands.h"
#include "steps.h"

static int option(int argc, char **argv, int *i, void *c)
{
	return create_option(argc, argv, i, c);
}

int cmd_create(int argc, char **argv)
{
	struct create *c = create_new("create", argc);
	const char *name;
	int ret;

	ret = parse_args("create", argc, argv, &name, option, c);
	if (!ret)
		ret = create_check(c, name);
	if (!ret)
		ret = create_partition(c);
	create_free(c);
	return ret;
}
