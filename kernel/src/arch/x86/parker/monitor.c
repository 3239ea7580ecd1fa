// SPDX-License-Identifier: GPL-2.0
/*
 * Parker monitor: the boot kernel watches its running partitions.
 *
 * Every MONITOR_MS it reads each started partition's status page:
 *
 * - a kernel that powered off or halted is taken down: stopped;
 * - a kernel that asked to reboot starts again from its loaded image, or
 *   is taken down, as the partition's on_reboot policy says;
 * - a kernel that panicked is taken down (crashed, its message kept), and
 *   started again if on_crash says restart, at most PARKER_RESTART_BURST
 *   times within PARKER_RESTART_WINDOW;
 * - a running kernel one of whose CPUs' heartbeat stood still for
 *   PARKER_HANG_MS is unresponsive, until its heartbeat moves again or an
 *   operator force-stops or restarts it.  So is a kernel that has not reached
 *   init PARKER_BOOT_S after its start: one that hangs or dies before its
 *   console or status page works says nothing else;
 * - a kernel whose devices made DMA faults (iommu.c counts them) is taken
 *   down if its on_dma_fault policy says stop.
 *
 * "Taken down" means quiesced: devices reset, CPUs sent INIT.
 *
 * When the boot kernel itself reboots, powers off or kexecs, it first asks
 * every running partition to power off, waits a bounded time, and forces
 * those that did not  It refuses to suspend or hibernate while any
 * partition is started.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/reboot.h>
#include <linux/suspend.h>
#include <linux/workqueue.h>

#include <asm/parker.h>

#include "parker.h"

#define MONITOR_MS		200
#define SHUTDOWN_WAIT_MS	10000

static void monitor(struct work_struct *work);
static DECLARE_DELAYED_WORK(monitor_work, monitor);
static bool shutting_down;

void parker_monitor_kick(void)
{
	if (!shutting_down)
		mod_delayed_work(system_wq, &monitor_work,
				 msecs_to_jiffies(MONITOR_MS));
}

/*
 * The restart window: whether another restart at @now is allowed, given
 * the times of the last PARKER_RESTART_BURST ones in @restarts (0: none),
 * which it records @now in if so (KUnit-tested).
 */
bool parker_restart_window(unsigned long *restarts, unsigned long now)
{
	int i;

	if (restarts[0] && time_before(now, restarts[0] + PARKER_RESTART_WINDOW))
		return false;
	for (i = 0; i < PARKER_RESTART_BURST - 1; i++)
		restarts[i] = restarts[i + 1];
	restarts[PARKER_RESTART_BURST - 1] = now;
	return true;
}

/*
 * Whether another automatic restart is allowed: at most
 * PARKER_RESTART_BURST within PARKER_RESTART_WINDOW, after crashes and
 * reboots alike, so that a kernel that dies or reboots at every boot is
 * not started for ever.  @what is what its kernel did, for the reason.
 */
static bool restart_allowed(struct parker_partition *p, const char *what)
{
	if (parker_restart_window(p->restarts, jiffies))
		return true;
	parker_set_reason(p, "%s %d times within %d s: not restarted again",
			  what, PARKER_RESTART_BURST + 1,
			  PARKER_RESTART_WINDOW / HZ);
	pr_warn("%s: %s\n", p->name, p->reason);
	return false;
}

static void restart_kernel(struct parker_partition *p, const char *why)
{
	pr_info("%s: %s: restarting it\n", p->name, why);
	if (!parker_partition_restart(p))
		return;
	parker_partition_down(p, PARKER_STATE_STOPPED);
	parker_set_reason(p, "%s, and its restart failed: %s", why,
			  parker_last_cmd_str());
}

static void check_heartbeats(struct parker_partition *p,
			     const struct parker_status *st)
{
	unsigned int i, n = min(cpumask_weight(&p->cpus), PARKER_REC_CPUS);
	bool stale, was_stale;
	int lost = -1;

	for (i = 0; i < n; i++) {
		u64 beat = READ_ONCE(st->heartbeat[i]);

		if (beat == PARKER_HEARTBEAT_OFFLINE)
			continue;
		if (!p->heartbeat_at[i] || beat != p->heartbeat[i]) {
			p->heartbeat[i] = beat;
			p->heartbeat_at[i] = jiffies;
			continue;
		}
		if (time_after(jiffies, p->heartbeat_at[i] +
			       msecs_to_jiffies(PARKER_HANG_MS)))
			lost = i;
	}
	stale = lost >= 0;
	was_stale = p->state == PARKER_STATE_UNRESPONSIVE;
	if (stale == was_stale)
		return;
	parker_set_state(p, stale ? PARKER_STATE_UNRESPONSIVE : PARKER_STATE_RUNNING);
	p->since = ktime_get_boottime_seconds();
	if (stale)
		parker_set_reason(p, "heartbeat of its CPU %u (APIC %u) lost",
				  cpumask_nth(lost, &p->cpus),
				  cpu_physical_id(cpumask_nth(lost, &p->cpus)));
	else
		p->reason[0] = '\0';
	pr_warn("%s: %s\n", p->name, stale ?
		"heartbeat lost: unresponsive" : "heartbeat back");
}

static void check_boot(struct parker_partition *p)
{
	if (p->state == PARKER_STATE_UNRESPONSIVE ||
	    ktime_get_boottime_seconds() - p->since < PARKER_BOOT_S)
		return;
	pr_warn("%s: its kernel did not reach init within %d s: unresponsive\n",
		p->name, PARKER_BOOT_S);
	parker_set_state(p, PARKER_STATE_UNRESPONSIVE);
	p->since = ktime_get_boottime_seconds();
	parker_set_reason(p, "its kernel did not reach init within %d s",
			  PARKER_BOOT_S);
}

static void take_stopped(struct parker_partition *p)
{
	char msg[sizeof(p->crash)];

	parker_status_message(p, msg, sizeof(msg));
	pr_info("%s: its kernel stopped (%s)\n", p->name, msg);
	parker_partition_down(p, PARKER_STATE_STOPPED);
	parker_set_reason(p, "its kernel stopped: %s", msg);
}

static void take_rebooted(struct parker_partition *p)
{
	if (p->on_reboot == PARKER_POLICY_RESTART) {
		if (restart_allowed(p, "rebooted")) {
			restart_kernel(p, "its kernel rebooted");
			return;
		}
		parker_partition_down(p, PARKER_STATE_STOPPED);
		return;
	}
	pr_info("%s: its kernel rebooted: stopped, as on_reboot says\n", p->name);
	parker_partition_down(p, PARKER_STATE_STOPPED);
	parker_set_reason(p, "its kernel rebooted; on_reboot is stop");
}

static void take_crashed(struct parker_partition *p)
{
	parker_partition_down(p, PARKER_STATE_CRASHED);
	pr_warn("%s: its kernel crashed: %s\n", p->name, p->crash);
	parker_set_reason(p, "crashed: %s", p->crash);
	if (p->on_crash == PARKER_POLICY_RESTART && restart_allowed(p, "crashed"))
		restart_kernel(p, "crashed");
}

/* Stop @p if its devices faulted since the last look and on_dma_fault says so. */
static bool take_dma_faulted(struct parker_partition *p)
{
	u64 n = atomic64_read(&p->dma_faults);

	if (n == p->dma_faults_seen)
		return false;
	p->dma_faults_seen = n;
	if (!p->stop_on_dma_fault)
		return false;
	pr_warn("%s: its devices made DMA faults: stopped, as on_dma_fault says\n",
		p->name);
	parker_partition_down(p, PARKER_STATE_STOPPED);
	parker_set_reason(p, "its devices made %llu DMA faults; on_dma_fault is stop",
			  n);
	return true;
}

static void check(struct parker_partition *p)
{
	const struct parker_status *st = parker_ctl(p, PARKER_CTL_STATUS);

	if (take_dma_faulted(p))
		return;
	switch (parker_status_state(p, NULL, 0)) {
	case PARKER_APP_BOOTING:
		check_boot(p);
		break;
	case PARKER_APP_RUNNING:
		if (p->state == PARKER_STATE_STARTING)
			parker_set_state(p, PARKER_STATE_RUNNING);
		check_heartbeats(p, st);
		break;
	case PARKER_APP_STOPPED:
		take_stopped(p);
		break;
	case PARKER_APP_REBOOT:
		take_rebooted(p);
		break;
	default:	/* crashed, or its status page is corrupted */
		take_crashed(p);
		break;
	}
}

static void monitor(struct work_struct *work)
{
	struct parker_partition *p;
	bool any = false;

	mutex_lock(&parker_mutex);
	list_for_each_entry(p, &parker_partitions, list) {
		if (parker_partition_active(p))
			check(p);
		any |= parker_partition_active(p);
	}
	mutex_unlock(&parker_mutex);
	if (any)
		parker_monitor_kick();
}

/* Of the oldest CPU heartbeat; ULONG_MAX when none was seen yet. */
unsigned long parker_heartbeat_age_ms(struct parker_partition *p)
{
	unsigned long oldest = jiffies;
	bool seen = false;
	unsigned int i;

	for (i = 0; i < PARKER_REC_CPUS; i++) {
		if (!p->heartbeat_at[i])
			continue;
		seen = true;
		if (time_before(p->heartbeat_at[i], oldest))
			oldest = p->heartbeat_at[i];
	}
	return seen ? jiffies_to_msecs(jiffies - oldest) : ULONG_MAX;
}

/* --- the boot kernel goes down: partitions first --- */

static bool all_down(void)
{
	struct parker_partition *p;

	list_for_each_entry(p, &parker_partitions, list)
		if (parker_partition_active(p))
			return false;
	return true;
}

static int parker_reboot(struct notifier_block *nb, unsigned long code,
			 void *unused)
{
	const char *what = code == SYS_POWER_OFF ? "power off" :
			   code == SYS_HALT ? "halt" : "restart";
	struct parker_partition *p;
	unsigned int waited;

	shutting_down = true;
	cancel_delayed_work_sync(&monitor_work);
	mutex_lock(&parker_mutex);
	list_for_each_entry(p, &parker_partitions, list) {
		if (p->state == PARKER_STATE_RUNNING) {
			pr_info("%s: boot kernel going to %s: asking it to power off\n",
				p->name, what);
			parker_partition_stop(p);
		}
	}
	for (waited = 0; waited < SHUTDOWN_WAIT_MS && !all_down(); waited += 100) {
		mutex_unlock(&parker_mutex);
		msleep(100);
		mutex_lock(&parker_mutex);
		list_for_each_entry(p, &parker_partitions, list)
			if (parker_partition_active(p))
				check(p);
	}
	list_for_each_entry(p, &parker_partitions, list) {
		if (!parker_partition_active(p))
			continue;
		pr_warn("%s: did not stop within %u ms: forced\n", p->name,
			SHUTDOWN_WAIT_MS);
		parker_partition_down(p, PARKER_STATE_STOPPED);
		parker_set_reason(p, "the boot kernel went to %s", what);
	}
	pr_info("all partitions stopped before the boot kernel's %s\n", what);
	mutex_unlock(&parker_mutex);
	return NOTIFY_DONE;
}

static struct notifier_block parker_reboot_nb = {
	.notifier_call = parker_reboot,
};

/*
 * Suspend and hibernation would stop the machine under running kernels that
 * know nothing of it, and resume would find their CPUs reset: refused
 * while any partition is started.
 */
static int parker_pm(struct notifier_block *nb, unsigned long action,
		     void *unused)
{
	struct parker_partition *p;
	int ret = 0;

	if (action != PM_SUSPEND_PREPARE && action != PM_HIBERNATION_PREPARE)
		return NOTIFY_DONE;
	mutex_lock(&parker_mutex);
	list_for_each_entry(p, &parker_partitions, list) {
		if (!parker_partition_active(p))
			continue;
		pr_warn("%s is %s: %s refused while partitions run\n", p->name,
			parker_state_name(p->state),
			action == PM_SUSPEND_PREPARE ? "suspend" : "hibernation");
		ret = -EBUSY;
		break;
	}
	mutex_unlock(&parker_mutex);
	return notifier_from_errno(ret);
}

static struct notifier_block parker_pm_nb = {
	.notifier_call = parker_pm,
};

int __init parker_monitor_init(void)
{
	int ret = register_pm_notifier(&parker_pm_nb);

	return ret ?: register_reboot_notifier(&parker_reboot_nb);
}
