// SPDX-License-Identifier: GPL-2.0
/*
 * What start, stop, restart, destroy and run share: the commands written
 * to NAME/command and the states read from NAME/state.  The kernel takes
 * "start", "stop" (asks the partition's kernel to power off), "force-stop"
 * and "restart", and refuses one that does not fit the state with a
 * reason in info/last_cmd_status.
 */
#include <errno.h>
#include <string.h>

#include "parkerctl.h"
#include "parkerfs.h"
#include "partition.h"

int partition_command(const char *name, const char *command,
		      const char *what)
{
	char why[PARKERFS_STATUS_MAX];

	if (!parkerfs_write(name, "command", command))
		return EXIT_OK;
	error_msg(name, "cannot %s: %s", what,
		  errno == ENOENT ? "no such partition" :
		  parkerfs_reason(name, errno, why, sizeof(why)));
	return EXIT_FAIL;
}

int force_stop(const char *name)
{
	return partition_command(name, "force-stop", "stop");
}

int poll_state(const char *name, char *buf, size_t len, const char *doing)
{
	if (!parkerfs_read(name, "state", buf, len))
		return 0;
	if (errno == ENOENT)
		error_msg(name, "destroyed while %s", doing);
	else
		error_msg(name, "cannot read the state: %s", strerror(errno));
	return -1;
}
