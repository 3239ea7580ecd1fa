/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers for the values parkerctl takes on its command line: CPU lists,
 * memory sizes, PCI addresses and partition names.  Pure functions, so the
 * host unit tests can cover them without a kernel.
 */
#ifndef PARKERCTL_PARSE_H
#define PARKERCTL_PARSE_H

#include <stddef.h>
#include <stdint.h>

#define PARKER_MAX_CPUS 4096
#define PARKER_NAME_MAX 31

struct cpuset {
	uint64_t bits[PARKER_MAX_CPUS / 64];
};

/* "0-3,5,7-8" -> set; returns 0 or -1 (errno EINVAL/ERANGE). */
int parse_cpulist(const char *s, struct cpuset *set);
/* Canonical list form ("1-3,5") of a set into buf; returns length. */
size_t format_cpulist(const struct cpuset *set, char *buf, size_t len);
int cpuset_test(const struct cpuset *set, unsigned int cpu);
unsigned int cpuset_count(const struct cpuset *set);

/* "256M", "1G", "1048576", "64MiB" -> bytes; returns 0 or -1. */
int parse_size(const char *s, uint64_t *bytes);
/* Human form: "256M", "1G", "1536M"; bytes that are not whole MiB in bytes. */
size_t format_size(uint64_t bytes, char *buf, size_t len);

/* Memory node by node: "1:256M,0:128M", at most NODE_SIZES_MAX nodes. */
#define NODE_SIZES_MAX 4

struct node_size {
	unsigned int node;
	uint64_t bytes;
};

/*
 * "NODE:SIZE[,NODE:SIZE...]" -> ns[]; returns how many, or -1 with errno
 * EINVAL (not that form, or a node twice), ERANGE (a size or the sum too
 * large) or E2BIG (more than max nodes).
 */
int parse_node_sizes(const char *s, struct node_size *ns, int max);

/* Room for "DDDD:BB:DD.F" and its NUL. */
#define PCI_ADDR_LEN 16

struct pci_addr {
	unsigned int domain, bus, dev, fn;
};

/* "0000:00:10.0" or "00:10.0" -> address; returns 0 or -1. */
int parse_pci_addr(const char *s, struct pci_addr *addr);
size_t format_pci_addr(const struct pci_addr *addr, char *buf, size_t len);

/*
 * 1 to 31 characters of a-z 0-9 _ -, starting with a letter or digit, and
 * not "info" (the file system's own directory).
 */
int valid_partition_name(const char *s);

#endif
