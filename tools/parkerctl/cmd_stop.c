// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl stop NAME --force
 *
 * Writing "force-stop" to NAME/command sends INIT to the partition's CPUs
 * and stops its devices' DMA: the kernel there gets no chance to shut
 * down.  A graceful stop (asking that kernel to shut down, with
 * --timeout SECONDS before forcing) is not there yet; without --force
 * stop says so.
 */
#include <errno.h>
#include <string.h>

#include "parkerctl.h"
#include "parkerfs.h"

struct stop {
	int force;
};

static int option(int argc, char **argv, int *i, void *arg)
{
	struct stop *s = arg;

	(void)argc;
	if (!strcmp(argv[*i], "--force")) {
		s->force = 1;
		return 0;
	}
	return OPT_UNKNOWN;
}

static int force_stop(const char *name)
{
	char why[PARKERFS_STATUS_MAX];

	if (!parkerfs_write(name, "command", "force-stop"))
		return EXIT_OK;
	error_msg(name, "cannot stop: %s",
		  errno == ENOENT ? "no such partition" :
		  parkerfs_reason(name, errno, why, sizeof(why)));
	return EXIT_FAIL;
}

static int graceful_stop(const char *name)
{
	error_msg(name, "graceful stop is not supported yet; use --force");
	return EXIT_FAIL;
}

int cmd_stop(int argc, char **argv)
{
	struct stop s = { 0 };
	const char *name;
	int ret;

	ret = parse_args("stop", argc, argv, &name, option, &s);
	if (ret)
		return ret;
	if (!s.force)
		return graceful_stop(name);
	if (parkerfs_mount())
		return EXIT_FAIL;
	return force_stop(name);
}
