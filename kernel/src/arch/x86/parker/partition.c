// SPDX-License-Identifier: GPL-2.0
/*
 * Parker partitions: the list of them, creation, and what each holds
 * (CPUs, memory, devices), changed only when the guard in state.c allows.
 * All functions here run under parker_mutex, which they let go of only for
 * slow steps (parker_busy_begin()).
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/idr.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/math64.h>
#include <linux/nodemask.h>
#include <linux/parker.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/topology.h>

#include <asm/parker.h>

#include "parker.h"

/* Serialises every change to partitions and what they hold. */
DEFINE_MUTEX(parker_mutex);
LIST_HEAD(parker_partitions);
static DEFINE_IDA(parker_ids);

/* Audit violations its kernels counted, this start and earlier ones. */
u64 parker_audit_count(struct parker_partition *p)
{
	if (!p->mem_size)
		return p->audit_past;
	return p->audit_past + parker_status_audit(p);
}

struct parker_partition *parker_partition_create(const char *name)
{
	struct parker_partition *p;
	int id;

	lockdep_assert_held(&parker_mutex);
	id = ida_alloc_range(&parker_ids, 1, PARKER_MAX_PARTITIONS, GFP_KERNEL);
	if (id < 0) {
		parker_fail(NULL, "%s: no more than %d partitions", name,
			    PARKER_MAX_PARTITIONS);
		return ERR_PTR(-ENOSPC);
	}
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		ida_free(&parker_ids, id);
		return ERR_PTR(-ENOMEM);
	}
	strscpy(p->name, name, sizeof(p->name));
	p->id = id;
	p->mem_pool = -1;
	p->on_reboot = PARKER_POLICY_RESTART;
	INIT_LIST_HEAD(&p->devices);
	list_add_tail(&p->list, &parker_partitions);
	pr_info("%s: created, id %d\n", p->name, p->id);
	return p;
}

/*
 * Let go of parker_mutex for a slow step on @p (CMA migration, a wipe, a
 * device reset), so that crash handling never waits for one: @p is busy
 * meanwhile, and whatever would change it refuses (parker_partition_frozen).
 * The step may touch only what was taken out of @p's reach before.
 */
void parker_busy_begin(struct parker_partition *p, const char *why)
{
	lockdep_assert_held(&parker_mutex);
	WARN_ON_ONCE(p->busy);
	p->busy = why;
	mutex_unlock(&parker_mutex);
}

void parker_busy_end(struct parker_partition *p)
{
	mutex_lock(&parker_mutex);
	p->busy = NULL;
}

/* Take @p's memory out of it, for parker_memory_give_back(). */
void parker_memory_take(struct parker_partition *p, struct parker_memory *m)
{
	parker_memory_of(p, m);
	p->mem_base = 0;
	p->mem_size = 0;
	p->mem_pool = -1;
	p->nr_mem_more = 0;
}

/* Wiped, back to the pool: takes long, so never under parker_mutex. */
void parker_memory_give_back(const struct parker_memory *m)
{
	int i;

	for (i = 0; i < m->nr; i++)
		parker_pool_release(m->r[i].pool, m->r[i].base, m->r[i].size);
}

/* Give @p the memory @m, the control area and the kernel in its first range. */
static void memory_put(struct parker_partition *p, const struct parker_memory *m)
{
	int i;

	p->mem_base = m->r[0].base;
	p->mem_size = m->r[0].size;
	p->mem_pool = m->r[0].pool;
	p->nr_mem_more = m->nr - 1;
	for (i = 1; i < m->nr; i++)
		p->mem_more[i - 1] = m->r[i];
	for (i = 0; i < m->nr; i++)
		pr_info("%s: memory %pa+%lluM from pool %d (node %d)\n", p->name,
			&m->r[i].base, (u64)m->r[i].size >> 20, m->r[i].pool,
			parker_pools[m->r[i].pool].nid);
}

/*
 * @size bytes of pool memory for a partition on node @nid: one range if
 * one area has them, or else several, up to what the record describes.
 */
static int memory_alloc_node(int nid, u64 size, struct parker_memory *m)
{
	struct parker_range *r = &m->r[0];

	if (!parker_pool_alloc(nid, size, &r->base, &r->pool)) {
		r->size = size;
		m->nr = 1;
		return 0;
	}
	return parker_pool_alloc_ranges(nid, size, PARKER_MEM_MIN, m);
}

/* @size bytes on node @nid as more ranges of @m, if the record can describe them all. */
static int memory_alloc_more(int nid, u64 size, struct parker_memory *m)
{
	struct parker_memory part = { .nr = 0 };
	int i, ret;

	ret = memory_alloc_node(nid, size, &part);
	if (ret)
		return ret;
	if (m->nr + part.nr > ARRAY_SIZE(m->r)) {
		parker_memory_give_back(&part);
		return -ENOSPC;
	}
	for (i = 0; i < part.nr; i++)
		m->r[m->nr++] = part.r[i];
	return 0;
}

/* Node @nid's part of @size for @cpus: as its share of them, in 2M. */
static u64 node_share(const struct cpumask *cpus, int nid, u64 size)
{
	unsigned int cpu, n = 0;

	for_each_cpu(cpu, cpus)
		n += cpu_to_node(cpu) == nid;
	return round_down(div_u64(size * n, cpumask_weight(cpus)),
			  PARKER_POOL_GRANULE);
}

/*
 * What @ask means for a partition on @cpus, node by node: the nodes it
 * lists, or else @ask->total from the nodes of the CPUs, in proportion to
 * the CPUs on each, so that each CPU has memory near it.  The first CPU's
 * node comes first: its first range carries the control area and the
 * kernel, and takes what rounding leaves over.
 */
static void memory_plan(const struct cpumask *cpus,
			const struct parker_mem_ask *ask,
			struct parker_mem_ask *plan)
{
	nodemask_t nodes = NODE_MASK_NONE;
	unsigned int cpu;
	u64 rest;
	int nid;

	*plan = *ask;
	if (ask->nr)
		return;
	plan->nr = 1;
	plan->nid[0] = NUMA_NO_NODE;
	plan->size[0] = ask->total;
	if (cpumask_empty(cpus))
		return;
	for_each_cpu(cpu, cpus)
		node_set(cpu_to_node(cpu), nodes);
	plan->nid[0] = cpu_to_node(cpumask_first(cpus));
	if (nodes_weight(nodes) < 2 || nodes_weight(nodes) > PARKER_REC_MEM)
		return;
	rest = ask->total;
	for_each_node_mask(nid, nodes) {
		if (nid == plan->nid[0])
			continue;
		plan->nid[plan->nr] = nid;
		plan->size[plan->nr] = node_share(cpus, nid, ask->total);
		rest -= plan->size[plan->nr++];
	}
	if (rest < PARKER_MEM_MIN) {
		plan->nr = 1;
		return;
	}
	plan->size[0] = rest;
}

/*
 * The memory @plan lists, into @m; on failure nothing is kept, and
 * @failed is the node whose part could not be had.
 */
static int memory_alloc(const struct parker_mem_ask *plan,
			struct parker_memory *m, int *failed)
{
	int i, ret = 0;

	m->nr = 0;
	for (i = 0; i < plan->nr && !ret; i++) {
		if (!plan->size[i])
			continue;
		ret = memory_alloc_more(plan->nid[i], plan->size[i], m);
		if (ret)
			*failed = plan->nid[i];
	}
	if (ret && m->nr)
		parker_memory_give_back(m);
	return ret;
}

/*
 * Why @ask could not be met, @failed the node that had too little; a
 * partition on one node's CPUs is told what that node has.
 */
static void memory_fail(struct parker_partition *p,
			const struct parker_mem_ask *ask, int failed)
{
	phys_addr_t largest, free;

	/* Without nodes named, on a machine of one node: the whole pool. */
	if (!ask->nr && (num_online_nodes() < 2 || failed == NUMA_NO_NODE)) {
		free = parker_pool_free_for(NUMA_NO_NODE, &largest);
		parker_fail(p,
			    "%lluM asked, the pool has %lluM free (%lluM in one area at most), and a partition's memory is %d ranges at most",
			    ask->total >> 20, (u64)free >> 20, (u64)largest >> 20,
			    PARKER_REC_MEM);
		return;
	}
	free = parker_pool_free_for(failed, &largest);
	parker_fail(p,
		    "%lluM asked, too much on node %d, whose pool areas have %lluM free (%lluM in one at most), and a partition's memory is %d ranges at most",
		    ask->total >> 20, failed, (u64)free >> 20, (u64)largest >> 20,
		    PARKER_REC_MEM);
}

/* The last step of destroying @p: it has nothing left. */
void parker_partition_remove(struct parker_partition *p)
{
	lockdep_assert_held(&parker_mutex);
	list_del(&p->list);
	ida_free(&parker_ids, p->id);
	pr_info("%s: destroyed\n", p->name);
}

/* The total, and each node's part if @ask lists nodes, is a valid size. */
static int memory_ask_check(const struct parker_mem_ask *ask, char *why,
			    size_t len)
{
	int i, ret = parker_mem_size_check(ask->total, why, len);

	for (i = 0; i < ask->nr && !ret; i++) {
		ret = parker_mem_size_check(ask->size[i], why, len);
		if (ret)
			snprintf(why + strlen(why), len - strlen(why),
				 " (node %d)", ask->nid[i]);
	}
	return ret;
}

/*
 * Give @p the memory @ask asks for, from the pool: contiguous if it can
 * be, in a few ranges if not.  A partition that has memory gets the new
 * memory in place of the old only if the new can be had first.
 */
int parker_memory_assign(struct parker_partition *p,
			 const struct parker_mem_ask *ask)
{
	struct parker_memory got, old;
	struct parker_mem_ask plan;
	int ret, failed = NUMA_NO_NODE;
	char why[128];

	lockdep_assert_held(&parker_mutex);
	parker_partition_settle(p);
	ret = parker_may_change(p, PARKER_CHANGE_MEMORY);
	if (ret)
		return ret;
	ret = memory_ask_check(ask, why, sizeof(why));
	if (ret) {
		parker_fail(p, "%s", why);
		return ret;
	}
	memory_plan(&p->cpus, ask, &plan);
	parker_busy_begin(p, "its memory is being taken from the pool");
	ret = memory_alloc(&plan, &got, &failed);
	parker_busy_end(p);
	if (ret) {
		memory_fail(p, ask, failed);
		return ret;
	}
	parker_memory_take(p, &old);
	memory_put(p, &got);
	parker_state_from_holdings(p);
	if (old.nr) {
		parker_busy_begin(p, "its old memory is being wiped");
		parker_memory_give_back(&old);
		parker_busy_end(p);
	}
	return 0;
}

/* Give @p the CPUs @want and only those; writing the same set changes nothing. */
int parker_partition_set_cpus(struct parker_partition *p,
			      const struct cpumask *want)
{
	int ret;

	lockdep_assert_held(&parker_mutex);
	if (cpumask_equal(want, &p->cpus))
		return 0;
	parker_partition_settle(p);
	ret = parker_may_change(p, PARKER_CHANGE_CPUS);
	if (!ret)
		ret = parker_cpus_assign(p, want);
	if (!ret)
		parker_state_from_holdings(p);
	return ret;
}

int parker_partition_add_device(struct parker_partition *p,
				unsigned int domain, unsigned int bus,
				unsigned int devfn)
{
	int ret;

	lockdep_assert_held(&parker_mutex);
	parker_partition_settle(p);
	ret = parker_may_change(p, PARKER_CHANGE_DEVICES);
	return ret ?: parker_device_add(p, domain, bus, devfn);
}

int parker_partition_remove_device(struct parker_partition *p,
				   unsigned int domain, unsigned int bus,
				   unsigned int devfn)
{
	LIST_HEAD(gone);
	int ret;

	lockdep_assert_held(&parker_mutex);
	parker_partition_settle(p);
	ret = parker_may_change(p, PARKER_CHANGE_DEVICES);
	if (!ret)
		ret = parker_device_take(p, domain, bus, devfn, &gone);
	if (ret)
		return ret;
	parker_busy_begin(p, "a device is being returned");
	parker_devices_return(p, &gone);
	parker_busy_end(p);
	return 0;
}
