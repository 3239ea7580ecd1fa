/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parker internals shared by the files of arch/x86/parker.
 */
#ifndef _ARCH_X86_PARKER_PARKER_H
#define _ARCH_X86_PARKER_PARKER_H

#include <linux/sizes.h>
#include <linux/types.h>

/* Partition memory comes in units of 2 MiB, from 64 MiB up. */
#define PARKER_POOL_GRANULE	SZ_2M
#define PARKER_POOL_ORDER	(21 - PAGE_SHIFT)
#define PARKER_MEM_MIN		SZ_64M
#define PARKER_POOL_MAX		8

struct cma;

/* One reserved area of the pool; free counts bytes no partition holds. */
struct parker_pool {
	struct cma *cma;
	int nid;
	phys_addr_t base;
	phys_addr_t size;
	phys_addr_t free;
};

extern struct parker_pool parker_pools[PARKER_POOL_MAX];
extern int parker_nr_pools;

#endif /* _ARCH_X86_PARKER_PARKER_H */
