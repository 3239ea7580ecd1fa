// SPDX-License-Identifier: GPL-2.0
/* capture(): what a command printed, for the unit tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <cmocka.h>

#include "capture.h"

char *capture(int fd, int (*fn)(int, char **), int argc, char **argv,
		     int *ret)
{
	static char buf[8192];
	FILE *tmp = tmpfile();
	int saved;
	size_t n;

	assert_non_null(tmp);
	fflush(stdout);
	fflush(stderr);
	saved = dup(fd);
	dup2(fileno(tmp), fd);
	*ret = fn(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved, fd);
	close(saved);
	rewind(tmp);
	n = fread(buf, 1, sizeof(buf) - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	return buf;
}
