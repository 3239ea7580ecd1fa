// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl: manage Parker partitions through /sys/fs/parker.
 *
 * Exit status: 0 on success, 1 when an operation failed, 2 for usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parkerctl.h"

const char *progname = "parkerctl";

static const struct command commands[] = {
	{ NULL, NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: parkerctl [--help] [--version] COMMAND [ARGS...]\n"
		"\n"
		"Manage Parker partitions: Linux kernels running side by side on\n"
		"CPUs, memory and PCI devices carved out of this machine.\n"
		"\n"
		"Commands:\n");
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fprintf(f,
		"\n"
		"Run 'parkerctl COMMAND --help' for a command's options.\n"
		"See parkerctl(8).\n");
}

int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'parkerctl --help'.\n");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
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
	for (const struct command *c = commands; c->name; c++) {
		if (strcmp(c->name, cmd))
			continue;
		if (argc > 2 && (!strcmp(argv[2], "--help") ||
				 !strcmp(argv[2], "-h"))) {
			printf("Usage: parkerctl %s %s\n\n%s\n", c->name,
			       c->synopsis, c->summary);
			return EXIT_OK;
		}
		return c->run(argc - 1, argv + 1);
	}
	return usage_error("unknown command '%s'", cmd);
}
