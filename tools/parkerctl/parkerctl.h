/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PARKERCTL_H
#define PARKERCTL_H

#ifndef PARKER_VERSION
#define PARKER_VERSION "unknown"
#endif

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
};

struct command {
	const char *name;
	const char *synopsis;
	const char *summary;
	int (*run)(int argc, char **argv);
};

extern const char *progname;

int usage_error(const char *fmt, const char *arg);

#endif
