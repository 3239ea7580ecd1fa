/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine's own files that parkerctl reads besides the Parker file
 * system: sysfs (PCI devices, CPU topology, IOMMUs, lockdown) and procfs
 * (uptime, CPU flags, sysctls).  PARKER_SYSFS and PARKER_PROC name other
 * roots, for the unit tests.
 */
#ifndef PARKERCTL_HOST_H
#define PARKERCTL_HOST_H

#include <stddef.h>
#include <stdint.h>

#define SYSFS_ROOT "/sys"
#define PROC_ROOT "/proc"

const char *sysfs_root(void);
const char *proc_root(void);

/* ROOT/REL into buf: 0, or -1 with ENAMETOOLONG. */
int host_path(char *buf, size_t len, const char *root, const char *rel);
/* parkerfs_read_file() of ROOT/REL. */
int host_read(const char *root, const char *rel, char *buf, size_t len);

/* "SECONDS" or "SECONDS.FRACTION": the whole seconds; 0 or -1. */
int parse_seconds(const char *s, uint64_t *secs);
/* The seconds since boot, from the first value of PROC/uptime: 0 or -1. */
int proc_uptime(uint64_t *secs);

#endif
