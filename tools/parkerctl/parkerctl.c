// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl: manage Parker partitions through /sys/fs/parker.
 *
 * Exit status: 0 on success, 1 when an operation failed, 2 for usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

#ifndef PARKER_VERSION
#define PARKER_VERSION "unknown"
#endif

int main(int argc, char **argv)
{
	const struct command *c;
	const char *cmd;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") ||
	    !strcmp(cmd, "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) {
		printf("parkerctl %s\n", PARKER_VERSION);
		return EXIT_OK;
	}
	c = find_command(cmd);
	if (!c)
		return usage_error("unknown command '%s'", cmd);
	return run_command(c, argc - 1, argv + 1);
}
