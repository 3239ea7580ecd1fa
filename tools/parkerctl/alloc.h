/* SPDX-License-Identifier: GPL-2.0 */
/* Allocation that cannot fail: out of memory ends parkerctl. */
#ifndef PARKERCTL_ALLOC_H
#define PARKERCTL_ALLOC_H

#include <stddef.h>

void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);

#endif
