/* SPDX-License-Identifier: GPL-2.0 */
/* The partitions as JSON (partjson.c), for list --json and show --json. */
#ifndef PARKERCTL_PARTJSON_H
#define PARKERCTL_PARTJSON_H

#include <stdio.h>

#include "partinfo.h"

/* Every partition and the pool on out (list --json): an exit status. */
int list_json(FILE *out);
/* Partition p in full on stdout (show --json): an exit status. */
int show_json(const struct partinfo *p);

#endif
