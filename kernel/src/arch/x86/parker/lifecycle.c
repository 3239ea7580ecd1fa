// SPDX-License-Identifier: GPL-2.0
/*
 * Parker lifecycle: starting a loaded partition and taking it back.
 *
 * Start copies the loaded image's segments into the partition's memory
 * again (its kernel decompressed itself over them last time), writes the
 * record, and sends the partition's first CPU into the kernel's 64-bit
 * entry.  Force-stop sends a running kernel's CPUs an NMI that makes them
 * leave VMX operation, then INIT to every CPU of the partition, and turns
 * bus mastering off on its devices, so that nothing the partition ran
 * keeps executing or writing memory.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/delay.h>
#include <linux/jiffies.h>
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
 * Every CPU of @p, stopped, must be proven back before anything of @p is
 * reused; one that is not leaves @p quarantined: its memory and devices
 * are never handed to anyone else.
 */
static void prove_cpus(struct parker_partition *p)
{
	unsigned int cpu;

	for_each_cpu(cpu, &p->cpus) {
		if (!parker_handoff_prove_stopped(p, cpu))
			continue;
		p->quarantined = false;
		parker_set_reason(p,
				  "CPU %u (APIC %u) did not come back after INIT: its memory and devices are kept",
				  cpu, cpu_physical_id(cpu));
		p->quarantined = true;
		pr_err("%s: quarantined: %s\n", p->name, p->reason);
		return;
	}
	if (p->quarantined)
		pr_info("%s: every CPU came back: no longer quarantined\n", p->name);
	p->quarantined = false;
}

#define STOP_NMI_MS	100

static unsigned int count_stopped(const struct parker_status *st, u64 asked)
{
	unsigned int i, n = 0;

	for (i = 0; i < PARKER_REC_CPUS; i++)
		if ((asked & BIT_ULL(i)) && READ_ONCE(st->nmi_stopped[i]) == 1)
			n++;
	return n;
}

/*
 * INIT is blocked while a CPU is in VMX root operation, and a partition
 * may run KVM: a running kernel's CPUs first get an NMI, whose handler
 * there leaves VMX operation and halts, as the kernel's crash path does.
 * Only CPUs that their kernel reports online get one (its handler is in
 * place there, and the hand-off IDT halts any other).  The answers only
 * go to the log: INIT follows in every case, and the proof decides.
 */
static void stop_by_nmi(struct parker_partition *p)
{
	struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);
	unsigned int cpu, i = 0, sent = 0, stopped;
	unsigned long end;
	u64 asked = 0;

	if (parker_status_state(p, NULL, 0) != PARKER_APP_RUNNING)
		return;
	memset(st->nmi_stopped, 0, sizeof(st->nmi_stopped));
	WRITE_ONCE(st->request, PARKER_REQ_STOP_NMI);
	for_each_cpu(cpu, &p->cpus) {
		if (i >= PARKER_REC_CPUS)
			break;
		if (READ_ONCE(st->heartbeat[i]) != PARKER_HEARTBEAT_OFFLINE) {
			parker_handoff_nmi(cpu);
			asked |= BIT_ULL(i);
			sent++;
		}
		i++;
	}
	end = jiffies + msecs_to_jiffies(STOP_NMI_MS);
	while ((stopped = count_stopped(st, asked)) < sent &&
	       time_before(jiffies, end))
		usleep_range(200, 500);
	pr_info("%s: %u of %u CPUs left VMX operation and halted on the stop NMI\n",
		p->name, stopped, sent);
}

/*
 * Quiesce: no CPU of @p runs its kernel, then no device of @p masters the
 * bus (reset where it can be).  CPUs first, so that nothing the partition
 * runs can turn bus mastering on again or queue more DMA once its devices
 * were stopped; then the CPUs are proven stopped.  The memory is wiped
 * only after all this, when it goes back to the pool.
 */
void parker_partition_halt(struct parker_partition *p)
{
	struct parker_device *d;
	unsigned int cpu;

	lockdep_assert_held(&parker_mutex);
	if (!p->started && !p->quarantined)
		return;
	if (p->started)
		stop_by_nmi(p);
	for_each_cpu(cpu, &p->cpus)
		parker_handoff_reset(cpu);
	list_for_each_entry(d, &p->devices, list) {
		pci_clear_master(d->pdev);
		pci_reset_function(d->pdev);
	}
	p->started = false;
	p->unresponsive = false;
	prove_cpus(p);
}

/*
 * What @p holds cannot change while something runs on it without
 * parker_mutex (an image is loaded, its memory is taken from the pool),
 * nor once it is quarantined: 0, or -EBUSY and why.
 */
int parker_partition_frozen(struct parker_partition *p)
{
	if (p->quarantined) {
		parker_fail(p, "is quarantined (%s): force-stop it to try its CPUs again",
			    p->reason);
		return -EBUSY;
	}
	if (p->busy) {
		parker_fail(p, "%s: try again once that is done", p->busy);
		return -EBUSY;
	}
	return 0;
}

/*
 * Keep the panic message of a kernel that crashed, for the post-mortem,
 * or what was wrong with a status page it scribbled over.
 */
void parker_record_crash(struct parker_partition *p)
{
	char why[sizeof(p->crash)];
	u32 state;

	if (!p->started)
		return;
	state = parker_status_state(p, why, sizeof(why));
	if (state == PARKER_APP_CORRUPTED) {
		strscpy(p->crash, why, sizeof(p->crash));
		return;
	}
	if (state != PARKER_APP_CRASHED)
		return;
	/* The application kernel wrote the message before the state. */
	smp_rmb();
	parker_status_message(p, why, sizeof(why));
	strscpy(p->crash, strim(why), sizeof(p->crash));
}

/* Take @p down and remember why: stopped or crashed. */
void parker_partition_down(struct parker_partition *p, enum parker_state state)
{
	parker_record_crash(p);
	parker_partition_halt(p);
	p->down_state = state;
	p->since = ktime_get_boottime_seconds();
}

/*
 * Whether its CPUs may still run its kernel.  A kernel that reported it
 * stopped or crashed is taken down first, as the monitor would, so that
 * what it holds can change at once; its word alone never lets its CPUs,
 * memory or devices go.
 */
bool parker_partition_settle(struct parker_partition *p)
{
	enum parker_state state = parker_partition_state(p);

	lockdep_assert_held(&parker_mutex);
	if (p->started && (state == PARKER_STOPPED || state == PARKER_CRASHED)) {
		parker_partition_down(p, state);
		if (state == PARKER_CRASHED)
			parker_set_reason(p, "crashed: %s", p->crash);
		else
			parker_set_reason(p, "its kernel stopped");
	}
	return p->started;
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
	enum parker_state state = parker_partition_state(p);
	int ret;

	lockdep_assert_held(&parker_mutex);
	if (parker_partition_frozen(p))
		return -EBUSY;
	if (!p->image) {
		parker_fail(p, "has no loaded image: load one first");
		return -EINVAL;
	}
	ret = parker_kdump_check_start(p);
	if (ret)
		return ret;
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
	parker_handoff_mailbox_init(p);
	p->started = true;
	p->down_state = 0;
	p->reason[0] = '\0';
	p->since = ktime_get_boottime_seconds();
	memset(p->heartbeat_at, 0, sizeof(p->heartbeat_at));
	ret = start_secondaries(p);
	if (!ret)
		ret = parker_handoff_enter(p, cpumask_first(&p->cpus), regs.rip, regs.rsi);
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
	enum parker_state state;

	lockdep_assert_held(&parker_mutex);
	if (p->quarantined) {
		parker_partition_halt(p);
		if (p->quarantined)
			return parker_partition_frozen(p);
		p->down_state = PARKER_STOPPED;
		parker_set_reason(p, "stopped by force; every CPU came back");
		return 0;
	}
	if (!p->started) {
		parker_fail(p, "is not started");
		return -EINVAL;
	}
	state = parker_partition_state(p) == PARKER_CRASHED ? PARKER_CRASHED :
							      PARKER_STOPPED;
	parker_partition_down(p, state);
	if (p->quarantined)
		return parker_partition_frozen(p);
	if (state == PARKER_CRASHED)
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
