// SPDX-License-Identifier: GPL-2.0
/*
 * Parker memory pool: contiguous memory reserved at boot for partitions.
 *
 * parker_pool=SIZE or parker_pool=PERCENT% asks for that much of the
 * machine's memory, spread evenly over its NUMA nodes;
 * parker_pool=NID:SIZE[,NID:SIZE...] asks for so much on each node named.
 * Real memory maps have holes (the PCI hole below 4 GiB) and the kernel's
 * early allocations in them, so a request is reserved as one CMA area if
 * one range fits, and otherwise as smaller areas, halving down to
 * POOL_PIECE_MIN, and never into the last keep_for_boot() of free
 * memory.  A reservation that falls short says what it got, what was asked
 * and why; info/pool_asked keeps the request for parkerctl check.
 *
 * Until a partition takes memory from it, the boot kernel still uses the
 * pool for movable allocations, as CMA allows.  Partition memory comes in
 * units of PARKER_POOL_GRANULE, so the CMA bitmap keeps one bit per granule.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/cma.h>
#include <linux/delay.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/numa.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include <asm/parker.h>

#include "parker.h"

/* Below this, a piece of the pool is not worth a CMA area. */
#define POOL_PIECE_MIN		SZ_64M
/*
 * Free memory the pool never takes, an eighth of all memory and at least
 * POOL_KEEP_MIN: the boot kernel's unmovable allocations (its memory map,
 * page tables, slab, the unpacked initramfs) cannot live in CMA.
 */
#define POOL_KEEP_MIN		SZ_512M

/* Memory no one has reserved yet (reservations may lie outside memory). */
static phys_addr_t __init free_memory(void)
{
	phys_addr_t mem = memblock_phys_mem_size();
	phys_addr_t used = memblock_reserved_size();

	return used < mem ? mem - used : 0;
}

static phys_addr_t __init keep_for_boot(void)
{
	return max_t(phys_addr_t, POOL_KEEP_MIN, memblock_phys_mem_size() / 8);
}

struct parker_pool parker_pools[PARKER_POOL_MAX];
int parker_nr_pools;
/* What parker_pool= asked for in all, in bytes; 0 without it. */
static phys_addr_t pool_asked;
/* parker_pool= was given but not understood: nothing was reserved. */
static bool pool_rejected __ro_after_init;
/* The areas' free counts; taking and wiping memory runs without it. */
static DEFINE_SPINLOCK(pool_lock);

/* A request: bytes, or a percentage of all memory when percent is set. */
static struct {
	int nid;
	phys_addr_t size;
	unsigned int percent;
} pool_request[PARKER_POOL_MAX] __initdata;
static int nr_pool_requests __initdata;

static int __init parse_one_pool(char *s)
{
	int nid = NUMA_NO_NODE;
	char *colon = strchr(s, ':');
	unsigned int percent = 0;
	phys_addr_t size = 0;
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
	if (!colon && s[0] && s[strlen(s) - 1] == '%') {
		s[strlen(s) - 1] = '\0';
		if (kstrtouint(s, 10, &percent) || !percent || percent > 90) {
			pr_err("parker_pool: bad percentage '%s%%' (1%% to 90%% of memory)\n",
			       s);
			return -EINVAL;
		}
	} else {
		size = memparse(s, &end);
		if (*end || !size || !IS_ALIGNED(size, PARKER_POOL_GRANULE)) {
			pr_err("parker_pool: bad size '%s' (a multiple of 2M, or PERCENT%% without a node)\n",
			       s);
			return -EINVAL;
		}
	}
	pool_request[nr_pool_requests].nid = nid;
	pool_request[nr_pool_requests].size = size;
	pool_request[nr_pool_requests].percent = percent;
	nr_pool_requests++;
	return 0;
}

static int __init parse_parker_pool(char *arg)
{
	char *s;

	if (!arg) {
		pr_err("parker_pool: needs a value: SIZE, NODE:SIZE or PERCENT%%, comma-separated\n");
		pool_rejected = true;
		return -EINVAL;
	}
	while ((s = strsep(&arg, ",")) != NULL) {
		if (parse_one_pool(s)) {
			pr_err("parker_pool: the whole option is ignored: nothing is reserved\n");
			nr_pool_requests = 0;
			pool_rejected = true;
			return -EINVAL;
		}
	}
	return 0;
}
early_param("parker_pool", parse_parker_pool);

/*
 * One CMA area of @size on @nid: the bytes reserved (CMA may round up),
 * 0 when no free range fits.
 */
static phys_addr_t __init reserve_area(int nid, phys_addr_t size)
{
	struct parker_pool *pool = &parker_pools[parker_nr_pools];
	char name[CMA_MAX_NAME];

	if (parker_nr_pools == PARKER_POOL_MAX ||
	    free_memory() < size + keep_for_boot())
		return 0;
	snprintf(name, sizeof(name), "parker%d", parker_nr_pools);
	if (cma_declare_contiguous_nid(0, size, 0, PARKER_POOL_GRANULE,
				       PARKER_POOL_ORDER, false, name,
				       &pool->cma, nid))
		return 0;
	pool->nid = nid;
	pool->base = cma_get_base(pool->cma);
	pool->size = cma_get_size(pool->cma);
	pool->free = pool->size;
	parker_nr_pools++;
	pr_info("pool %s: %pa bytes at %pa, node %d\n", name, &pool->size,
		&pool->base, nid);
	return pool->size;
}

/*
 * Reserve @size on @nid in as few areas as fit: whole, or else as two
 * halves, each of which may split again, down to POOL_PIECE_MIN.  Returns
 * what was reserved.
 */
static phys_addr_t __init reserve_pieces(int nid, phys_addr_t size)
{
	phys_addr_t got = reserve_area(nid, size), half;

	if (got)
		return got;
	if (size < 2 * POOL_PIECE_MIN || parker_nr_pools == PARKER_POOL_MAX)
		return 0;
	half = ALIGN_DOWN(size / 2, PARKER_POOL_GRANULE);
	return reserve_pieces(nid, half) + reserve_pieces(nid, size - half);
}

/* The bytes a request stands for: a percentage is of all memory. */
static phys_addr_t __init request_size(int i)
{
	u64 bytes;

	if (!pool_request[i].percent)
		return pool_request[i].size;
	bytes = div_u64((u64)memblock_phys_mem_size() * pool_request[i].percent, 100);
	return ALIGN_DOWN(bytes, PARKER_POOL_GRANULE);
}

/*
 * A request for no node on a machine with several is spread evenly over
 * the nodes, so that partitions on every node find memory on their own.
 */
static phys_addr_t __init reserve_request(int nid, phys_addr_t size)
{
	unsigned int nodes = num_online_nodes();
	phys_addr_t share, got = 0;
	int n;

	if (nid != NUMA_NO_NODE || nodes < 2)
		return reserve_pieces(nid, size);
	share = ALIGN_DOWN(div_u64(size, nodes), PARKER_POOL_GRANULE);
	for_each_online_node(n)
		got += reserve_pieces(n, share);
	return got;
}

/*
 * Called from setup_arch() once the NUMA layout is known, next to the other
 * CMA reservations.
 */
void __init parker_pool_reserve(void)
{
	phys_addr_t got = 0;
	int i;

	for (i = 0; i < nr_pool_requests; i++) {
		int nid = pool_request[i].nid;
		phys_addr_t size = request_size(i);

		pool_asked += size;
		if (nid != NUMA_NO_NODE && !node_online(nid)) {
			pr_err("parker_pool: node %d is not online, area skipped\n", nid);
			continue;
		}
		got += reserve_request(nid, size);
	}
	if (got < pool_asked)
		pr_warn("parker_pool: reserved %lluM of the %lluM asked, in %d area(s): no free memory range was left for the rest (holes and the kernel's early allocations split memory, pieces under %uM are not taken, %lluM stay with the boot kernel)\n",
			(u64)got >> 20, (u64)pool_asked >> 20, parker_nr_pools,
			POOL_PIECE_MIN >> 20, (u64)keep_for_boot() >> 20);
}

/* What parker_pool= asked for, in bytes (0: booted without it). */
phys_addr_t parker_pool_asked(void)
{
	return pool_asked;
}

/* True when parker_pool= was given and refused as a whole. */
bool parker_pool_rejected(void)
{
	return pool_rejected;
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

/* This machine's areas in the search order for node @nid: how many. */
static int pool_order(int nid, int *order)
{
	int area_nid[PARKER_POOL_MAX];
	int i;

	for (i = 0; i < parker_nr_pools; i++)
		area_nid[i] = parker_pools[i].nid;
	return parker_pool_search(area_nid, parker_nr_pools, nid, order);
}

/*
 * What the areas that memory for node @nid comes from have free (all of
 * them for NUMA_NO_NODE), and in @largest the most that one of them has.
 */
phys_addr_t parker_pool_free_for(int nid, phys_addr_t *largest)
{
	int order[PARKER_POOL_MAX];
	int i, n = pool_order(nid, order);
	phys_addr_t free = 0;

	*largest = 0;
	for (i = 0; i < n; i++) {
		free += parker_pools[order[i]].free;
		*largest = max(*largest, parker_pools[order[i]].free);
	}
	return free;
}

/*
 * Take @size bytes from the pool, wiped, from an area on node @nid if there
 * is one; it may take long, and needs no lock.  -ENOSPC: no area has that much free;
 * -ENOMEM: an area had, but CMA could not move the boot kernel's pages out
 * of the way.
 */
int parker_pool_alloc(int nid, phys_addr_t size, phys_addr_t *base, int *pool)
{
	int order[PARKER_POOL_MAX];
	int n = pool_order(nid, order);
	int ret = -ENOSPC;
	int i;

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
 * Up to @size bytes from area @i, as much as it has free: halved while CMA
 * cannot move the boot kernel's pages out of the way.  0 if none.
 */
static phys_addr_t pool_take_some(int i, phys_addr_t size, phys_addr_t *base)
{
	phys_addr_t want;

	spin_lock(&pool_lock);
	want = min(size, parker_pools[i].free);
	spin_unlock(&pool_lock);
	want = round_down(want, PARKER_POOL_GRANULE);
	while (want) {
		int err = pool_try(i, want, base);

		if (!err)
			return want;
		if (err == -ENOSPC)
			return 0;
		want = round_down(want / 2, PARKER_POOL_GRANULE);
	}
	return 0;
}

/* Move the largest range of @m first: it is the one a kernel starts in. */
static void largest_first(struct parker_memory *m)
{
	int i, big = 0;

	for (i = 1; i < m->nr; i++)
		if (m->r[i].size > m->r[big].size)
			big = i;
	swap(m->r[0], m->r[big]);
}

/*
 * Take @size bytes when no one area has them all: as much as each area in
 * the search order for node @nid has, in at most PARKER_REC_MEM ranges,
 * the largest first, which must hold @first bytes at least.  It may take
 * long and needs no lock.  -ENOSPC, with nothing taken, if that fails.
 */
int parker_pool_alloc_ranges(int nid, phys_addr_t size, phys_addr_t first,
			     struct parker_memory *m)
{
	phys_addr_t left = size, free = 0;
	int order[PARKER_POOL_MAX];
	int n = pool_order(nid, order);
	int i;

	/* Taking memory wipes it: take none of it if not enough is free. */
	spin_lock(&pool_lock);
	for (i = 0; i < n; i++)
		free += parker_pools[order[i]].free;
	spin_unlock(&pool_lock);
	m->nr = 0;
	if (free < size)
		return -ENOSPC;
	for (i = 0; i < n && left && m->nr < ARRAY_SIZE(m->r); i++) {
		struct parker_range *r = &m->r[m->nr];

		r->size = pool_take_some(order[i], left, &r->base);
		if (!r->size)
			continue;
		r->pool = order[i];
		left -= r->size;
		m->nr++;
	}
	if (m->nr)
		largest_first(m);
	if (!left && m->r[0].size >= first)
		return 0;
	for (i = 0; i < m->nr; i++)
		parker_pool_release(m->r[i].pool, m->r[i].base, m->r[i].size);
	m->nr = 0;
	return -ENOSPC;
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
