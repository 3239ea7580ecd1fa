/* SPDX-License-Identifier: GPL-2.0 */
/* The table of parkerctl list (listtable.c). */
#ifndef PARKERCTL_LISTTABLE_H
#define PARKERCTL_LISTTABLE_H

#include <stdio.h>

/* Every partition and the pool on out: an exit status. */
int list_partitions(FILE *out);

#endif
