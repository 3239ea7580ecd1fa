/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A partition's files read at once, for the commands that look at all of
 * them (list, show, metrics, apply).  A value that cannot be read is NULL,
 * with the errno of the failure: ENOENT for a file this kernel does not
 * have.
 */
#ifndef PARKERCTL_PARTINFO_H
#define PARKERCTL_PARTINFO_H

#include <stddef.h>
#include <stdint.h>

struct parkerfs_range;

enum part_file {
	PF_ID, PF_STATE, PF_CPUS, PF_APIC_IDS, PF_SMT_SPLIT, PF_MEMORY,
	PF_MEMORY_NODE, PF_DEVICES, PF_ON_CRASH, PF_ON_REBOOT,
	PF_RESTART_COUNT, PF_CRASH, PF_HEARTBEAT, PF_STARTED_AT,
	PF_IMAGE_SIZE, PF_CMDLINE, PF_REASON, PF_DMA, PF_DMA_FAULTS,
	PF_ON_DMA_FAULT,
	NR_PART_FILES
};

struct partinfo {
	char *name;
	char *val[NR_PART_FILES];	/* trimmed; NULL: cannot be read */
	int err[NR_PART_FILES];		/* why, when NULL */
	int has_id;
	uint64_t id;
};

/* 0 with p filled; 1 when name is not (or no longer) a partition. */
int partinfo_read(const char *name, struct partinfo *p);
void partinfo_free(struct partinfo *p);
/*
 * Every partition, by id (those without a readable id last) and name: 0,
 * or -1 after saying why the file system cannot be read.
 */
int partinfo_list(struct partinfo **list, size_t *nr);
void partinfo_list_free(struct partinfo *list, size_t nr);

/* A file's value as a number: 0, or -1 when unreadable or no number. */
int partinfo_u64(const struct partinfo *p, enum part_file f, uint64_t *v);
/*
 * The memory file's total size and the base of its first range, the one
 * the kernel starts in (0 and 0 for none): 0, or -1.
 */
int partinfo_memory(const struct partinfo *p, uint64_t *size,
		    uint64_t *base);
/* The memory file's ranges, at most @max: how many, or -1. */
int partinfo_ranges(const struct partinfo *p, struct parkerfs_range *r,
		    int max);
/*
 * The pool's size and free bytes (info/pool_size, info/pool_free): 0, or
 * -1 after saying why not.
 */
int partinfo_pool(uint64_t *total, uint64_t *avail);

#endif
