// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl destroy NAME: remove the partition's directory; the kernel
 * returns its CPUs, memory and devices to the boot kernel.
 */
#include <errno.h>

#include "parkerctl.h"
#include "parkerfs.h"

int cmd_destroy(int argc, char **argv)
{
	char why[PARKERFS_STATUS_MAX];
	const char *name;

	if (argc < 2)
		return cmd_usage_error("destroy", NULL,
				       "missing partition NAME");
	name = argv[1];
	if (name[0] == '-')
		return cmd_usage_error("destroy", NULL, "unknown option '%s'",
				       name);
	if (argc > 2)
		return cmd_usage_error("destroy", name,
				       "unexpected argument '%s'", argv[2]);
	if (check_name("destroy", name))
		return EXIT_USAGE;
	if (parkerfs_mount())
		return EXIT_FAIL;
	if (!parkerfs_rmdir(name))
		return EXIT_OK;
	error_msg(name, "cannot destroy: %s",
		  errno == ENOENT ? "no such partition" :
		  parkerfs_reason(name, errno, why, sizeof(why)));
	return EXIT_FAIL;
}
