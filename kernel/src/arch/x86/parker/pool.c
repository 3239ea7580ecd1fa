// SPDX-License-Identifier: GPL-2.0
/*
 * Parker memory pool: contiguous memory reserved at boot for partitions.
 *
 * parker_pool=SIZE reserves one CMA area; parker_pool=NID:SIZE[,NID:SIZE...]
 * reserves one per NUMA node.  Until a partition takes memory from it, the
 * boot kernel still uses the pool for movable allocations, as CMA allows.
 * Partition memory comes in units of PARKER_POOL_GRANULE, so the CMA bitmap
 * keeps one bit per granule.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/cma.h>
#include <linux/delay.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include <asm/parker.h>

#include "parker.h"

struct parker_pool parker_pools[PARKER_POOL_MAX];
int parker_nr_pools;
/* The areas' free counts; taking and wiping memory runs without it. */
static DEFINE_SPINLOCK(pool_lock);

static struct {
	int nid;
	phys_addr_t size;
} pool_request[PARKER_POOL_MAX] __initdata;
static int nr_pool_requests __initdata;

static int __init parse_one_pool(char *s)
{
	int nid = NUMA_NO_NODE;
	char *colon = strchr(s, ':');
	phys_addr_t size;
	char *end;

	if (nr_pool_requests == PARKER_POOL_MAX) {
		pr_err("parker_pool: more than %d areas\n", PARKER_POOL_MAX);
		return -EINVAL;
	}
	if (colon) {
		*colon = '\0';
		if (kstrtoint(s, 10, &nid) || nid < 0 || nid >= MAX_NUMNODES) {
			pr_err("parker_pool: bad node '%s'\n", s);
			return -EINVAL;
		}
		s = colon + 1;
	}
	size = memparse(s, &end);
	if (*end || !size || !IS_ALIGNED(size, PARKER_POOL_GRANULE)) {
		pr_err("parker_pool: bad size '%s' (a multiple of 2M)\n", s);
		return -EINVAL;
	}
	pool_request[nr_pool_requests].nid = nid;
	pool_request[nr_pool_requests].size = size;
	nr_pool_requests++;
	return 0;
}

static int __init parse_parker_pool(char *arg)
{
	char *s;

	if (!arg)
		return -EINVAL;
	while ((s = strsep(&arg, ",")) != NULL) {
		if (parse_one_pool(s)) {
			nr_pool_requests = 0;
			return -EINVAL;
		}
	}
	return 0;
}
early_param("parker_pool", parse_parker_pool);

/*
 * Called from setup_arch() once the NUMA layout is known, next to the other
 * CMA reservations.
 */
void __init parker_pool_reserve(void)
{
	int i;

	for (i = 0; i < nr_pool_requests; i++) {
		struct parker_pool *pool = &parker_pools[parker_nr_pools];
		int nid = pool_request[i].nid;
		char name[CMA_MAX_NAME];
		int ret;

		if (nid != NUMA_NO_NODE && !node_online(nid)) {
			pr_err("parker_pool: node %d is not online, area skipped\n", nid);
			continue;
		}
		snprintf(name, sizeof(name), "parker%d", parker_nr_pools);
		ret = cma_declare_contiguous_nid(0, pool_request[i].size, 0,
						 PARKER_POOL_GRANULE,
						 PARKER_POOL_ORDER, false, name,
						 &pool->cma, nid);
		if (ret) {
			pr_err("parker_pool: cannot reserve %pa bytes on node %d: %d\n",
			       &pool_request[i].size, nid, ret);
			continue;
		}
		pool->nid = nid;
		pool->base = cma_get_base(pool->cma);
		pool->size = cma_get_size(pool->cma);
		pool->free = pool->size;
		parker_nr_pools++;
		pr_info("pool %s: %pa bytes at %pa, node %d\n", name,
			&pool->size, &pool->base, nid);
	}
}

phys_addr_t parker_pool_total(void)
{
	phys_addr_t total = 0;
	int i;

	for (i = 0; i < parker_nr_pools; i++)
		total += parker_pools[i].size;
	return total;
}

phys_addr_t parker_pool_free(void)
{
	phys_addr_t free = 0;
	int i;

	for (i = 0; i < parker_nr_pools; i++)
		free += parker_pools[i].free;
	return free;
}

phys_addr_t parker_pool_largest_free(void)
{
	phys_addr_t largest = 0;
	int i;

	for (i = 0; i < parker_nr_pools; i++)
		largest = max(largest, parker_pools[i].free);
	return largest;
}

/* Fault injection (debugfs): each wipe takes this long at least. */
u32 parker_fault_wipe_ms;

static void wipe(struct page *page, unsigned long count)
{
	unsigned long n;

	if (parker_fault_wipe_ms)
		msleep(parker_fault_wipe_ms);

	for (n = 0; n < count; n++) {
		clear_highpage(page + n);
		if (!(n % 512))
			cond_resched();
	}
}

static int pool_try(int i, phys_addr_t size, phys_addr_t *base)
{
	struct parker_pool *pool = &parker_pools[i];
	struct page *page;

	spin_lock(&pool_lock);
	if (pool->free < size) {
		spin_unlock(&pool_lock);
		return -ENOSPC;
	}
	pool->free -= size;
	spin_unlock(&pool_lock);
	page = cma_alloc(pool->cma, size >> PAGE_SHIFT, PARKER_POOL_ORDER, true);
	if (!page) {
		spin_lock(&pool_lock);
		pool->free += size;
		spin_unlock(&pool_lock);
		return -ENOMEM;
	}
	/*
	 * CMA hands out pages the boot kernel used for movable data (its page
	 * cache, its processes' memory) without clearing them.
	 */
	wipe(page, size >> PAGE_SHIFT);
	*base = page_to_phys(page);
	return 0;
}

/* Pass 0: the node's own areas; 1: areas of no node; 2: any, if no node. */
static bool pool_candidate(int area, int nid, int pass)
{
	switch (pass) {
	case 0:
		return nid != NUMA_NO_NODE && area == nid;
	case 1:
		return area == NUMA_NO_NODE;
	default:
		return nid == NUMA_NO_NODE && area != NUMA_NO_NODE;
	}
}

/*
 * The areas, given by their nodes @area_nid[0..@nr), that memory for a
 * partition on node @nid is taken from, in @order: the node's own areas
 * first, then those of no node; a partition of no node takes from any.
 * Memory of another node is never given to a partition on a node.  Returns
 * how many are in @order (KUnit-tested).
 */
int parker_pool_search(const int *area_nid, int nr, int nid, int *order)
{
	int pass, i, n = 0;

	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < nr; i++)
			if (pool_candidate(area_nid[i], nid, pass))
				order[n++] = i;
	return n;
}

/*
 * Take @size bytes from the pool, wiped, from an area on node @nid if there
 * is one; it may take long, and needs no lock.  -ENOSPC: no area has that much free;
 * -ENOMEM: an area had, but CMA could not move the boot kernel's pages out
 * of the way.
 */
int parker_pool_alloc(int nid, phys_addr_t size, phys_addr_t *base, int *pool)
{
	int area_nid[PARKER_POOL_MAX], order[PARKER_POOL_MAX];
	int ret = -ENOSPC;
	int i, n;

	for (i = 0; i < parker_nr_pools; i++)
		area_nid[i] = parker_pools[i].nid;
	n = parker_pool_search(area_nid, parker_nr_pools, nid, order);
	for (i = 0; i < n; i++) {
		int err = pool_try(order[i], size, base);

		if (!err) {
			*pool = order[i];
			return 0;
		}
		if (err == -ENOMEM)
			ret = err;
	}
	return ret;
}

/*
 * Give memory back to the pool.  It is wiped first: whatever a partition
 * left there must never reach the next owner, partition or boot kernel.
 */
void parker_pool_release(int i, phys_addr_t base, phys_addr_t size)
{
	struct parker_pool *pool = &parker_pools[i];
	struct page *page = pfn_to_page(PHYS_PFN(base));
	unsigned long count = size >> PAGE_SHIFT;

	wipe(page, count);
	cma_release(pool->cma, page, count);
	spin_lock(&pool_lock);
	pool->free += size;
	spin_unlock(&pool_lock);
}

/* Partition management is on: the pool was reserved at boot. */
bool parker_pool_active(void)
{
	return parker_nr_pools > 0;
}
