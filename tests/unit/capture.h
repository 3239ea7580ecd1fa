/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PARKER_TEST_CAPTURE_H
#define PARKER_TEST_CAPTURE_H

/* Run fn with stdout or stderr (fd) going to a file; returns what it said. */
char *capture(int fd, int (*fn)(int, char **), int argc, char **argv,
	      int *ret);

#endif
