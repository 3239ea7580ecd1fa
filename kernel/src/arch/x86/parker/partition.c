// SPDX-License-Identifier: GPL-2.0
/*
 * Parker partitions: creation, destruction and memory, and the state a
 * partition is in.  Everything a partition holds goes back to the boot
 * kernel when it is destroyed.  All functions here run under parker_mutex,
 * which they let go of only for slow steps (parker_busy_begin()).
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/idr.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
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

static const char *const state_names[] = {
	[PARKER_EMPTY]		= "empty",
	[PARKER_READY]		= "ready",
	[PARKER_LOADED]		= "loaded",
	[PARKER_STARTING]	= "starting",
	[PARKER_RUNNING]	= "running",
	[PARKER_STOPPED]	= "stopped",
	[PARKER_CRASHED]	= "crashed",
	[PARKER_UNRESPONSIVE]	= "unresponsive",
	[PARKER_QUARANTINED]	= "quarantined",
};

const char *parker_state_name(enum parker_state state)
{
	return state_names[state];
}

/*
 * What the application kernel last reported, as a partition state.  A
 * status page it scribbled over is a crash: the monitor takes it down.
 */
static enum parker_state reported_state(const struct parker_partition *p)
{
	switch (parker_status_state(p, NULL, 0)) {
	case PARKER_APP_RUNNING:
		return p->unresponsive ? PARKER_UNRESPONSIVE : PARKER_RUNNING;
	case PARKER_APP_STOPPED:
	case PARKER_APP_REBOOT:
		return PARKER_STOPPED;
	case PARKER_APP_CRASHED:
	case PARKER_APP_CORRUPTED:
		return PARKER_CRASHED;
	default:
		return p->unresponsive ? PARKER_UNRESPONSIVE : PARKER_STARTING;
	}
}

enum parker_state parker_partition_state(const struct parker_partition *p)
{
	if (p->quarantined)
		return PARKER_QUARANTINED;
	if (p->started)
		return reported_state(p);
	if (p->down_state)
		return p->down_state;
	if (p->image)
		return PARKER_LOADED;
	/* Ready once it has what a kernel needs at least: a CPU and memory. */
	if (!cpumask_empty(&p->cpus) && p->mem_size)
		return PARKER_READY;
	return PARKER_EMPTY;
}

/* Audit violations of partitions destroyed since boot. */
u64 parker_audit_destroyed;

/* Audit violations its kernels counted, this start and earlier ones. */
u64 parker_audit_count(struct parker_partition *p)
{
	if (!p->mem_size)
		return p->audit_past;
	return p->audit_past + parker_status_audit(p);
}

/*
 * Its CPUs may be running its kernel right now, whatever its status page
 * says: only the boot kernel taking them back ends that.
 */
bool parker_partition_active(struct parker_partition *p)
{
	return p->started;
}

/* Why @p is in its state; a quarantine's reason stays until it ends. */
void parker_set_reason(struct parker_partition *p, const char *fmt, ...)
{
	va_list args;

	if (p->quarantined)
		return;
	va_start(args, fmt);
	vsnprintf(p->reason, sizeof(p->reason), fmt, args);
	va_end(args);
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

/* Take @p's memory out of it, for memory_give_back(). */
static void memory_take(struct parker_partition *p, struct parker_range *r)
{
	r->base = p->mem_base;
	r->size = p->mem_size;
	r->pool = p->mem_pool;
	p->mem_base = 0;
	p->mem_size = 0;
	p->mem_pool = -1;
}

/* Wiped, back to the pool: takes long, so never under parker_mutex. */
static void memory_give_back(const struct parker_range *r)
{
	if (r->size)
		parker_pool_release(r->pool, r->base, r->size);
}

/* Give everything back; the caller frees @p once kernfs is done with it. */
int parker_partition_destroy(struct parker_partition *p)
{
	struct parker_range mem;
	struct cpumask none;
	LIST_HEAD(devices);

	lockdep_assert_held(&parker_mutex);
	if (parker_partition_frozen(p))
		return -EBUSY;
	if (parker_partition_settle(p)) {
		parker_fail(p, "is %s: stop it first",
			    parker_state_name(parker_partition_state(p)));
		return -EBUSY;
	}
	parker_partition_halt(p);
	parker_audit_destroyed += parker_audit_count(p);
	kexec_partition_image_free(p->image);
	p->image = NULL;
	cpumask_clear(&none);
	parker_cpus_assign(p, &none);
	parker_devices_take(p, &devices);
	memory_take(p, &mem);
	if (!list_empty(&devices) || mem.size) {
		parker_busy_begin(p, "it is being destroyed");
		parker_devices_return(p, &devices);
		memory_give_back(&mem);
		parker_busy_end(p);
	}
	list_del(&p->list);
	ida_free(&parker_ids, p->id);
	pr_info("%s: destroyed\n", p->name);
	return 0;
}

/*
 * Give @p @size bytes of contiguous memory from the pool, on the node of
 * its first CPU.  A partition that has memory gets the new amount in place
 * of the old only if the new one can be had first.
 */
int parker_memory_assign(struct parker_partition *p, u64 size)
{
	struct parker_range old;
	int nid = NUMA_NO_NODE;
	phys_addr_t base;
	char why[128];
	int pool, ret;

	lockdep_assert_held(&parker_mutex);
	if (parker_partition_frozen(p))
		return -EBUSY;
	if (p->image) {
		parker_fail(p, "holds a loaded image: unload it before changing memory");
		return -EBUSY;
	}
	ret = parker_mem_size_check(size, why, sizeof(why));
	if (ret) {
		parker_fail(p, "%s", why);
		return ret;
	}
	if (!cpumask_empty(&p->cpus))
		nid = cpu_to_node(cpumask_first(&p->cpus));
	parker_busy_begin(p, "its memory is being taken from the pool");
	ret = parker_pool_alloc(nid, size, &base, &pool);
	parker_busy_end(p);
	if (ret == -ENOSPC) {
		parker_fail(p, "%lluM asked, the pool has %lluM free in one area at most",
			    size >> 20, (u64)parker_pool_largest_free() >> 20);
		return ret;
	}
	if (ret) {
		parker_fail(p, "no contiguous %lluM in the pool: fragmented, or busy (%d)",
			    size >> 20, ret);
		return ret;
	}
	memory_take(p, &old);
	p->mem_base = base;
	p->mem_size = size;
	p->mem_pool = pool;
	pr_info("%s: memory %pa+%lluM from pool %d (node %d)\n", p->name, &base,
		size >> 20, pool, parker_pools[pool].nid);
	if (old.size) {
		parker_busy_begin(p, "its old memory is being wiped");
		memory_give_back(&old);
		parker_busy_end(p);
	}
	return 0;
}

static bool parker_started_up;

/* Whether partitions can be managed: a pool, and the layers below ready. */
bool parker_active(void)
{
	return READ_ONCE(parker_started_up);
}

/*
 * The boot kernel's side of Parker starts here, lowest layer first, at
 * fs_initcall: after the PCI scan, before every driver's device_initcall
 * (so that the device placeholder is asked first), and before the
 * management file system (parkerfs.c, a device_initcall) that asks
 * parker_active().  An application kernel manages nothing but itself.
 */
static int __init parker_init(void)
{
	int ret;

	if (parker_instance() || !parker_nr_pools)
		return 0;
	ret = parker_cpu_guard_init();
	if (!ret)
		ret = parker_device_init();
	if (!ret)
		ret = parker_monitor_init();
	if (ret) {
		pr_err("cannot start partition management: %d\n", ret);
		return ret;
	}
	WRITE_ONCE(parker_started_up, true);
	return 0;
}
fs_initcall(parker_init);
