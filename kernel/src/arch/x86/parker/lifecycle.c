// SPDX-License-Identifier: GPL-2.0
/*
 * Parker lifecycle: starting a loaded partition and taking it back.
 *
 * Start copies the loaded image's segments into the partition's memory
 * again (its kernel decompressed itself over them last time), writes the
 * record, and sends the partition's first CPU into the kernel's 64-bit
 * entry.  Force-stop sends INIT to every CPU of the partition and turns
 * bus mastering off on its devices, so that nothing the partition ran
 * keeps executing or writing memory.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/kexec.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include <asm/parker.h>

#include "parker.h"

static void copy_segments(struct parker_partition *p)
{
	unsigned long i;

	for (i = 0; i < p->image->nr_segments; i++) {
		struct kexec_segment *seg = &p->image->segment[i];
		void *dst = phys_to_virt(seg->mem);

		memcpy(dst, seg->kbuf, seg->bufsz);
		memset(dst + seg->bufsz, 0, seg->memsz - seg->bufsz);
	}
}

/*
 * Quiesce: no device of @p masters the bus (reset where it can be), then
 * no CPU of @p runs its kernel.  Devices first, so that nothing the
 * partition started writes memory after its CPUs stopped.
 */
void parker_partition_halt(struct parker_partition *p)
{
	struct parker_device *d;
	unsigned int cpu;

	lockdep_assert_held(&parker_mutex);
	if (!p->started)
		return;
	list_for_each_entry(d, &p->devices, list) {
		pci_clear_master(d->pdev);
		pci_reset_function(d->pdev);
	}
	for_each_cpu(cpu, &p->cpus)
		parker_cpu_reset(cpu);
	p->started = false;
	p->unresponsive = false;
}

/* Keep the panic message of a kernel that crashed, for the post-mortem. */
void parker_record_crash(struct parker_partition *p)
{
	struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);

	if (!p->started || READ_ONCE(st->state) != PARKER_APP_CRASHED)
		return;
	/* The application kernel wrote the message before the state. */
	smp_rmb();
	strscpy(p->crash, st->message, sizeof(p->crash));
	strim(p->crash);
}

/* Take @p down and remember why: stopped or crashed. */
void parker_partition_down(struct parker_partition *p, enum parker_state state)
{
	parker_record_crash(p);
	parker_partition_halt(p);
	p->down_state = state;
	p->since = ktime_get_boottime_seconds();
}

static int start_secondaries(struct parker_partition *p)
{
	unsigned int cpu, first = cpumask_first(&p->cpus);
	int slot = 0, ret;

	for_each_cpu(cpu, &p->cpus) {
		if (cpu == first)
			continue;
		ret = parker_cpu_wait(p, cpu, ++slot);
		if (ret)
			return ret;
	}
	return 0;
}

int parker_partition_start(struct parker_partition *p)
{
	struct kexec_entry64_regs regs;
	enum parker_state state = parker_partition_state(p);
	int ret;

	lockdep_assert_held(&parker_mutex);
	if (!p->image) {
		parker_fail(p, "has no loaded image: load one first");
		return -EINVAL;
	}
	if (state == PARKER_STARTING || state == PARKER_RUNNING) {
		parker_fail(p, "is already %s", parker_state_name(state));
		return -EBUSY;
	}
	if (state == PARKER_UNRESPONSIVE) {
		parker_fail(p, "is unresponsive: force-stop or restart it");
		return -EBUSY;
	}
	ret = kexec_purgatory_get_set_symbol(p->image, "entry64_regs", &regs,
					     sizeof(regs), true);
	if (ret) {
		parker_fail(p, "the loaded image has no 64-bit entry (%d)", ret);
		return ret;
	}
	parker_record_crash(p);
	parker_partition_halt(p);
	p->start_count++;
	ret = parker_record_write(p);
	if (ret)
		return ret;
	copy_segments(p);

	/* The secondary CPUs wait in the mailbox before their kernel boots. */
	parker_mailbox_init(p);
	p->started = true;
	p->down_state = 0;
	p->since = ktime_get_boottime_seconds();
	memset(p->heartbeat_at, 0, sizeof(p->heartbeat_at));
	ret = start_secondaries(p);
	if (!ret)
		ret = parker_cpu_enter(p, cpumask_first(&p->cpus), regs.rip, regs.rsi);
	if (ret) {
		parker_partition_down(p, PARKER_STOPPED);
		return ret;
	}
	parker_monitor_kick();
	pr_info("%s: started on CPU %u (APIC %u), entry %#llx\n", p->name,
		cpumask_first(&p->cpus), cpu_physical_id(cpumask_first(&p->cpus)),
		regs.rip);
	return 0;
}

int parker_partition_force_stop(struct parker_partition *p)
{
	lockdep_assert_held(&parker_mutex);
	if (!p->started) {
		parker_fail(p, "is not started");
		return -EINVAL;
	}
	parker_record_crash(p);
	parker_partition_down(p, parker_partition_state(p) == PARKER_CRASHED ?
			      PARKER_CRASHED : PARKER_STOPPED);
	pr_info("%s: stopped by force\n", p->name);
	return 0;
}

/* Ask its kernel to power off, like a power-button press; returns at once. */
int parker_partition_stop(struct parker_partition *p)
{
	struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);

	lockdep_assert_held(&parker_mutex);
	if (parker_partition_state(p) == PARKER_UNRESPONSIVE) {
		parker_fail(p, "is unresponsive: it cannot act on a request: force-stop it");
		return -EINVAL;
	}
	if (parker_partition_state(p) != PARKER_RUNNING) {
		parker_fail(p, "is %s: only a running kernel can be asked to stop",
			    parker_state_name(parker_partition_state(p)));
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
	if (p->started) {
		parker_record_crash(p);
		parker_partition_halt(p);
	}
	ret = parker_partition_start(p);
	if (!ret)
		p->restart_count++;
	return ret;
}
