// SPDX-License-Identifier: GPL-2.0
/*
 * Parker lifecycle: starting, stopping, restarting and destroying a partition.
 *
 * Start copies the loaded image's segments into the partition's memory
 * again (its kernel decompressed itself over them last time), writes the
 * record, and sends the partition's first CPU into the kernel's 64-bit
 * entry.  Stop asks its kernel to power off; force-stop takes it down at
 * once (halt.c).  Destroy gives everything the partition holds back.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/cpumask.h>
#include <linux/kexec.h>
#include <linux/minmax.h>
#include <linux/parker.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include <asm/parker.h>

#include "parker.h"

/*
 * One page at a time, with a chance to reschedule after each: an image's
 * segments run to tens of megabytes, and one copy of them all would hold
 * this CPU that long.  Under TCG it is worse than slow: QEMU 10 runs a
 * string instruction in batches of 65536 iterations and takes interrupts
 * only between batches, and storing over the code the partition's last
 * kernel ran is slow enough that a batch took 40 ms: the boot kernel's
 * own CPU got a tick every 40 ms for 3.5 s.  A page is one short batch.
 */
static void copy_segment(struct kexec_segment *seg)
{
	size_t done, n;

	for (done = 0; done < seg->memsz; done += PAGE_SIZE) {
		void *dst = phys_to_virt(seg->mem + done);

		n = done < seg->bufsz ? min(seg->bufsz - done, PAGE_SIZE) : 0;
		memcpy(dst, seg->kbuf + done, n);
		memset(dst + n, 0, PAGE_SIZE - n);
		cond_resched();
	}
}

static void copy_segments(struct parker_partition *p)
{
	unsigned long i;

	for (i = 0; i < p->image->nr_segments; i++)
		copy_segment(&p->image->segment[i]);
}

static int start_secondaries(struct parker_partition *p)
{
	unsigned int cpu, first = cpumask_first(&p->cpus);
	int slot = 0, ret;

	for_each_cpu(cpu, &p->cpus) {
		if (cpu == first)
			continue;
		ret = parker_handoff_wait(p, cpu, ++slot);
		if (ret)
			return ret;
	}
	return 0;
}

int parker_partition_start(struct parker_partition *p)
{
	struct kexec_entry64_regs regs;
	int ret;

	lockdep_assert_held(&parker_mutex);
	if (parker_partition_frozen(p))
		return -EBUSY;
	parker_partition_settle(p);
	if (!p->image) {
		parker_fail(p, "has no loaded image: load one first");
		return -EINVAL;
	}
	ret = parker_kdump_check_start(p);
	if (ret)
		return ret;
	if (p->state == PARKER_STATE_UNRESPONSIVE) {
		parker_fail(p, "is unresponsive: force-stop or restart it");
		return -EBUSY;
	}
	if (parker_partition_active(p)) {
		parker_fail(p, "is already %s", parker_state_name(p->state));
		return -EBUSY;
	}
	ret = kexec_purgatory_get_set_symbol(p->image, "entry64_regs", &regs,
					     sizeof(regs), true);
	if (ret) {
		parker_fail(p, "the loaded image has no 64-bit entry (%d)", ret);
		return ret;
	}
	ret = parker_iommu_confine(p);
	if (ret)
		return ret;
	/* on_dma_fault judges faults of this start, not older ones. */
	p->dma_faults_seen = atomic64_read(&p->dma_faults);
	p->start_count++;
	ret = parker_record_write(p);
	if (ret) {
		parker_iommu_release(p);
		return ret;
	}
	copy_segments(p);

	/* The secondary CPUs wait in the mailbox before their kernel boots. */
	parker_handoff_mailbox_init(p);
	parker_set_state(p, PARKER_STATE_STARTING);
	p->reason[0] = '\0';
	p->since = ktime_get_boottime_seconds();
	memset(p->heartbeat_at, 0, sizeof(p->heartbeat_at));
	ret = start_secondaries(p);
	if (!ret)
		ret = parker_handoff_enter(p, cpumask_first(&p->cpus), regs.rip, regs.rsi);
	if (ret) {
		parker_partition_down(p, PARKER_STATE_STOPPED);
		return ret;
	}
	pr_info("%s: started on CPU %u (APIC %u), entry %#llx\n", p->name,
		cpumask_first(&p->cpus), cpu_physical_id(cpumask_first(&p->cpus)),
		regs.rip);
	return 0;
}

int parker_partition_force_stop(struct parker_partition *p)
{
	enum parker_state state = PARKER_STATE_STOPPED;
	u32 app;

	lockdep_assert_held(&parker_mutex);
	if (p->state == PARKER_STATE_QUARANTINED) {
		parker_partition_down(p, PARKER_STATE_STOPPED);
		if (p->state == PARKER_STATE_QUARANTINED)
			return parker_partition_frozen(p);
		parker_set_reason(p, "stopped by force; every CPU came back");
		return 0;
	}
	if (!parker_partition_active(p)) {
		parker_fail(p, "is not started");
		return -EINVAL;
	}
	app = parker_status_state(p, NULL, 0);
	if (app == PARKER_APP_CRASHED || app == PARKER_APP_CORRUPTED)
		state = PARKER_STATE_CRASHED;
	parker_partition_down(p, state);
	if (p->state == PARKER_STATE_QUARANTINED)
		return parker_partition_frozen(p);
	if (state == PARKER_STATE_CRASHED)
		parker_set_reason(p, "crashed: %s", p->crash);
	else
		parker_set_reason(p, "stopped by force");
	pr_info("%s: stopped by force\n", p->name);
	return 0;
}

/* Ask its kernel to power off, like a power-button press; returns at once. */
int parker_partition_stop(struct parker_partition *p)
{
	struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);

	lockdep_assert_held(&parker_mutex);
	parker_partition_settle(p);
	if (p->state == PARKER_STATE_UNRESPONSIVE) {
		parker_fail(p, "is unresponsive: it cannot act on a request: force-stop it");
		return -EINVAL;
	}
	if (p->state != PARKER_STATE_RUNNING) {
		parker_fail(p, "is %s: only a running kernel can be asked to stop",
			    parker_state_name(p->state));
		return -EINVAL;
	}
	WRITE_ONCE(st->request, PARKER_REQ_POWEROFF);
	pr_info("%s: asked to power off\n", p->name);
	return 0;
}

/* Force-stop if needed, then start the loaded image again. */
int parker_partition_restart(struct parker_partition *p)
{
	int ret;

	lockdep_assert_held(&parker_mutex);
	if (!p->image) {
		parker_fail(p, "has no loaded image: load one first");
		return -EINVAL;
	}
	parker_partition_down(p, PARKER_STATE_STOPPED);
	ret = parker_partition_start(p);
	if (!ret)
		p->restart_count++;
	return ret;
}

/* Audit violations of partitions destroyed since boot. */
u64 parker_audit_destroyed;

/* Give everything back; the caller frees @p once kernfs is done with it. */
int parker_partition_destroy(struct parker_partition *p)
{
	struct parker_memory mem;
	struct cpumask none;
	LIST_HEAD(devices);
	int ret;

	lockdep_assert_held(&parker_mutex);
	parker_partition_settle(p);
	ret = parker_may_change(p, PARKER_CHANGE_DESTROY);
	if (ret)
		return ret;
	parker_audit_destroyed += parker_audit_count(p);
	kexec_partition_image_free(p->image);
	p->image = NULL;
	cpumask_clear(&none);
	parker_cpus_assign(p, &none);
	parker_devices_take(p, &devices);
	parker_memory_take(p, &mem);
	if (!list_empty(&devices) || mem.nr) {
		parker_busy_begin(p, "it is being destroyed");
		parker_devices_return(p, &devices);
		parker_memory_give_back(&mem);
		parker_busy_end(p);
	}
	parker_partition_remove(p);
	return 0;
}
