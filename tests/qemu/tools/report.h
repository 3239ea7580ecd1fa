/* SPDX-License-Identifier: GPL-2.0 */
/*
 * report(): a line on stdout and, when it can be opened, in the kernel log
 * (/dev/kmsg), so that the boot kernel sees a partition's result in its
 * console ring.  For the test tools, each one file and static.
 */
#ifndef REPORT_H
#define REPORT_H

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void report(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int fd;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printf("%s\n", line);
	fflush(stdout);
	fd = open("/dev/kmsg", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, line, strlen(line)) < 0)
			perror("/dev/kmsg");
		close(fd);
	}
}

#endif
