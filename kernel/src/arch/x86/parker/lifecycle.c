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

/* Quiesce: no CPU of @p runs its kernel, no device of @p masters the bus. */
void parker_partition_halt(struct parker_partition *p)
{
	struct parker_device *d;
	unsigned int cpu;

	lockdep_assert_held(&parker_mutex);
	if (!p->started)
		return;
	for_each_cpu(cpu, &p->cpus)
		parker_cpu_reset(cpu);
	list_for_each_entry(d, &p->devices, list)
		pci_clear_master(d->pdev);
	p->started = false;
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
	ret = kexec_purgatory_get_set_symbol(p->image, "entry64_regs", &regs,
					     sizeof(regs), true);
	if (ret) {
		parker_fail(p, "the loaded image has no 64-bit entry (%d)", ret);
		return ret;
	}
	parker_partition_halt(p);
	ret = parker_record_write(p);
	if (ret)
		return ret;
	copy_segments(p);

	/* The secondary CPUs wait in the mailbox before their kernel boots. */
	parker_mailbox_init(p);
	p->started = true;
	ret = start_secondaries(p);
	if (!ret)
		ret = parker_cpu_enter(p, cpumask_first(&p->cpus), regs.rip, regs.rsi);
	if (ret) {
		parker_partition_halt(p);
		return ret;
	}
	p->stopped = false;
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
	parker_partition_halt(p);
	p->stopped = true;
	pr_info("%s: stopped by force\n", p->name);
	return 0;
}
