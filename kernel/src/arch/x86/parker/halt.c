// SPDX-License-Identifier: GPL-2.0
/*
 * Parker halt: the boot kernel takes a partition's CPUs and devices back
 * from its kernel.
 *
 * A running kernel's CPUs first get an NMI that makes them leave VMX
 * operation, then every CPU of the partition gets INIT, then bus mastering
 * goes off on its devices, so that nothing the partition ran keeps
 * executing or writing memory.  Each CPU is then proven back; one that is
 * not leaves the partition quarantined.  Everything here runs under
 * parker_mutex.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include <asm/parker.h>

#include "parker.h"

#define STOP_NMI_MS	100

static unsigned int count_stopped(const struct parker_status *st,
				  const unsigned long *asked)
{
	unsigned int i, n = 0;

	for_each_set_bit(i, asked, PARKER_REC_CPUS)
		if (READ_ONCE(st->nmi_stopped[i]) == 1)
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
	DECLARE_BITMAP(asked, PARKER_REC_CPUS) = { 0 };
	unsigned long end;

	if (parker_status_state(p, NULL, 0) != PARKER_APP_RUNNING)
		return;
	memset(st->nmi_stopped, 0, sizeof(st->nmi_stopped));
	WRITE_ONCE(st->request, PARKER_REQ_STOP_NMI);
	for_each_cpu(cpu, &p->cpus) {
		if (i >= PARKER_REC_CPUS)
			break;
		if (READ_ONCE(st->heartbeat[i]) != PARKER_HEARTBEAT_OFFLINE) {
			parker_handoff_nmi(cpu);
			__set_bit(i, asked);
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
 * Every CPU of @p, stopped, must be proven back before anything of @p is
 * reused: false, and why in @p's reason, when one is not.
 */
static bool prove_cpus(struct parker_partition *p)
{
	unsigned int cpu;

	for_each_cpu(cpu, &p->cpus) {
		if (!parker_handoff_prove_stopped(p, cpu))
			continue;
		snprintf(p->reason, sizeof(p->reason),
			 "CPU %u (APIC %u) did not come back after INIT: its memory and devices are kept",
			 cpu, cpu_physical_id(cpu));
		pr_err("%s: quarantined: %s\n", p->name, p->reason);
		return false;
	}
	return true;
}

/*
 * Quiesce: no CPU of @p runs its kernel, then no device of @p masters the
 * bus (reset where it can be).  CPUs first, so that nothing the partition
 * runs can turn bus mastering on again or queue more DMA once its devices
 * were stopped; then the CPUs are proven stopped.  The memory is wiped
 * only after all this, when it goes back to the pool.
 */
static bool quiesce(struct parker_partition *p)
{
	struct parker_device *d;
	unsigned int cpu;

	if (parker_partition_active(p))
		stop_by_nmi(p);
	for_each_cpu(cpu, &p->cpus)
		parker_handoff_reset(cpu);
	list_for_each_entry(d, &p->devices, list) {
		pci_clear_master(d->pdev);
		pci_reset_function(d->pdev);
	}
	return prove_cpus(p);
}

/*
 * Keep the panic message of a kernel that crashed, for the post-mortem,
 * or what was wrong with a status page it scribbled over.
 */
void parker_record_crash(struct parker_partition *p)
{
	char why[sizeof(p->crash)];
	u32 state;

	if (!parker_partition_active(p))
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

/*
 * Take @p down, if its CPUs may run its kernel or one was not proven back
 * before: @p is @state (stopped or crashed) afterwards, or quarantined.
 */
void parker_partition_down(struct parker_partition *p, enum parker_state state)
{
	bool quarantined = p->state == PARKER_STATE_QUARANTINED;

	lockdep_assert_held(&parker_mutex);
	if (!parker_partition_active(p) && !quarantined)
		return;
	parker_record_crash(p);
	if (!quiesce(p)) {
		parker_set_state(p, PARKER_STATE_QUARANTINED);
		return;
	}
	/* Quiet devices only; a quarantined partition kept its domain. */
	parker_iommu_release(p);
	if (quarantined)
		pr_info("%s: every CPU came back: no longer quarantined\n", p->name);
	parker_set_state(p, state);
	p->since = ktime_get_boottime_seconds();
}

/*
 * Whether its CPUs may still run its kernel, after what its kernel last
 * reported was taken in: one that reached init is running, one that
 * stopped or crashed is taken down, as the monitor would, so that what it
 * holds can change at once.  Its word alone never lets its CPUs, memory or
 * devices go.
 */
bool parker_partition_settle(struct parker_partition *p)
{
	lockdep_assert_held(&parker_mutex);
	if (!parker_partition_active(p))
		return false;
	switch (parker_status_state(p, NULL, 0)) {
	case PARKER_APP_BOOTING:
		break;
	case PARKER_APP_RUNNING:
		if (p->state == PARKER_STATE_STARTING)
			parker_set_state(p, PARKER_STATE_RUNNING);
		break;
	case PARKER_APP_STOPPED:
	case PARKER_APP_REBOOT:
		parker_partition_down(p, PARKER_STATE_STOPPED);
		parker_set_reason(p, "its kernel stopped");
		break;
	default:	/* crashed, or its status page is corrupted */
		parker_partition_down(p, PARKER_STATE_CRASHED);
		parker_set_reason(p, "crashed: %s", p->crash);
		break;
	}
	return parker_partition_active(p);
}
