// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation that cannot fail: out of memory ends parkerctl.  A file of
 * its own, so that the parsers can be linked without the commands (the
 * fuzzers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"

static void out_of_memory(void)
{
	fputs("parkerctl: out of memory\n", stderr);
	exit(EXIT_FAIL);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		out_of_memory();
	return q;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		out_of_memory();
	return p;
}
