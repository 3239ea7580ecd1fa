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
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/numa.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include <asm/parker.h>

#include "parker.h"

struct parker_pool parker_pools[PARKER_POOL_MAX];
int parker_nr_pools;

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
