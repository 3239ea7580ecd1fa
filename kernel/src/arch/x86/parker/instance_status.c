// SPDX-License-Identifier: GPL-2.0
/*
 * Parker instance mode: what an application kernel tells the boot kernel,
 * through the status page of its control area.
 *
 * - running, once its initcalls are done and init is about to run;
 * - stopped, reboot or crashed (with the panic message), after which the
 *   CPU halts with interrupts off: poweroff, halt, reboot, emergency
 *   restarts and panics never reach a reset or power path of the machine;
 * - a heartbeat per CPU, from a timer on that CPU, so that a CPU spinning
 *   with interrupts off shows, and a CPU taken offline says so.
 *
 * It also watches the boot kernel's requests: a poweroff request is
 * handled like a power-button press, by an orderly poweroff; a stop NMI,
 * sent before a force-stop's INIT, makes each CPU leave VMX operation and
 * halt.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/cpuhotplug.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/panic_notifier.h>
#include <linux/percpu.h>
#include <linux/reboot.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/workqueue.h>

#include <asm/apic.h>
#include <asm/nmi.h>
#include <asm/parker.h>
#include <asm/reboot.h>

#include "parker.h"

static struct parker_status *status;
static DEFINE_PER_CPU(struct hrtimer, heartbeat_timer);
static DEFINE_PER_CPU(int, heartbeat_slot) = -1;

struct parker_status *parker_instance_status(void)
{
	return status;
}

static void report(enum parker_app_state state, const char *message)
{
	if (!status)
		return;
	if (message)
		strscpy(status->message, message, sizeof(status->message));
	/* The message first: the boot kernel reads it once it sees the state. */
	smp_wmb();
	WRITE_ONCE(status->state, state);
}

/* Stop here, for good: the boot kernel takes the CPU back with INIT. */
static void __noreturn park(enum parker_app_state state, const char *why)
{
	report(state, why);
	local_irq_disable();
	for (;;)
		native_halt();
}

static void parker_power_off(void)
{
	park(PARKER_APP_STOPPED, "power off");
}

static void parker_halt(void)
{
	park(PARKER_APP_STOPPED, "halt");
}

static void parker_restart(char *cmd)
{
	park(PARKER_APP_REBOOT, "reboot");
}

static void parker_emergency_restart(void)
{
	park(PARKER_APP_REBOOT, "emergency restart");
}

static void parker_shutdown(void)
{
	/* Stop the other CPUs, leave every machine-wide device alone. */
	stop_other_cpus();
}

/* Power off is available: it stops the partition, not the machine. */
static int parker_sys_off(struct sys_off_data *data)
{
	park(PARKER_APP_STOPPED, "power off");
}

static int parker_panic(struct notifier_block *nb, unsigned long action,
			void *msg)
{
	report(PARKER_APP_CRASHED, msg);
	return NOTIFY_DONE;
}

static struct notifier_block parker_panic_nb = {
	.notifier_call = parker_panic,
	.priority = INT_MAX,
};

static int __init parker_sys_off_init(void)
{
	if (!parker_instance_record())
		return 0;
	return PTR_ERR_OR_ZERO(register_sys_off_handler(SYS_OFF_MODE_POWER_OFF,
							SYS_OFF_PRIO_PLATFORM,
							parker_sys_off, NULL));
}
arch_initcall(parker_sys_off_init);

/* Called from parker_instance_init(), early in setup_arch(). */
void __init parker_status_setup(void)
{
	machine_ops.power_off = parker_power_off;
	machine_ops.halt = parker_halt;
	machine_ops.restart = parker_restart;
	machine_ops.emergency_restart = parker_emergency_restart;
	machine_ops.shutdown = parker_shutdown;
	atomic_notifier_chain_register(&panic_notifier_list, &parker_panic_nb);
}

/* --- heartbeats and requests --- */

static void poweroff_requested(struct work_struct *work)
{
	pr_info("the boot kernel asks for a poweroff\n");
	orderly_poweroff(true);
}

static DECLARE_WORK(poweroff_work, poweroff_requested);

static enum hrtimer_restart heartbeat(struct hrtimer *t)
{
	int slot = __this_cpu_read(heartbeat_slot);

	WRITE_ONCE(status->heartbeat[slot], status->heartbeat[slot] + 1);
	if (READ_ONCE(status->request) == PARKER_REQ_POWEROFF) {
		WRITE_ONCE(status->request, PARKER_REQ_NONE);
		schedule_work(&poweroff_work);
	}
	hrtimer_forward_now(t, ms_to_ktime(PARKER_HEARTBEAT_MS));
	return HRTIMER_RESTART;
}

/*
 * The boot kernel's stop NMI, sent before the INIT of a force-stop.  INIT
 * is blocked while a CPU is in VMX root operation (this kernel may run
 * KVM), so leave VMX first, as the kernel's own crash and reboot paths do,
 * say so, and halt here until INIT comes.
 */
static int parker_stop_nmi(unsigned int cmd, struct pt_regs *regs)
{
	int slot = __this_cpu_read(heartbeat_slot);

	if (READ_ONCE(status->request) != PARKER_REQ_STOP_NMI)
		return NMI_DONE;
	cpu_emergency_disable_virtualization();
	if (slot >= 0)
		WRITE_ONCE(status->nmi_stopped[slot], 1);
	for (;;)
		native_halt();
	return NMI_HANDLED;
}

static int slot_of_this_cpu(void)
{
	const struct parker_record *rec = parker_instance_record();
	u32 apic_id = read_apic_id();
	u32 i;

	for (i = 0; i < rec->nr_cpus; i++)
		if (rec->apic_ids[i] == apic_id)
			return i;
	return -1;
}

static int heartbeat_start(unsigned int cpu)
{
	struct hrtimer *t = this_cpu_ptr(&heartbeat_timer);
	int slot = slot_of_this_cpu();

	if (slot < 0)
		return 0;
	__this_cpu_write(heartbeat_slot, slot);
	WRITE_ONCE(status->heartbeat[slot], 0);
	hrtimer_init(t, CLOCK_MONOTONIC, HRTIMER_MODE_REL_PINNED_HARD);
	t->function = heartbeat;
	hrtimer_start(t, ms_to_ktime(PARKER_HEARTBEAT_MS), HRTIMER_MODE_REL_PINNED_HARD);
	return 0;
}

static int heartbeat_stop(unsigned int cpu)
{
	int slot = __this_cpu_read(heartbeat_slot);

	if (slot < 0)
		return 0;
	hrtimer_cancel(this_cpu_ptr(&heartbeat_timer));
	WRITE_ONCE(status->heartbeat[slot], PARKER_HEARTBEAT_OFFLINE);
	return 0;
}

/*
 * As early as memremap() works, so that a panic while the kernel boots is
 * reported as a crash, with its message, and not as a start that never
 * ends.
 */
void __init parker_status_page_init(void)
{
	const struct parker_record *rec = parker_instance_record();

	if (!rec)
		return;
	status = memremap(rec->status_pa, sizeof(*status), MEMREMAP_WB);
	if (!status || status->magic != PARKER_STATUS_MAGIC ||
	    status->self != rec->status_pa ||
	    status->size != sizeof(*status)) {
		pr_err("no valid status page at %#llx\n", rec->status_pa);
		status = NULL;
		return;
	}
	parker_audit_status_ready(status);
}

/* The last initcall level: init runs next. */
static int __init report_running(void)
{
	const struct parker_record *rec = parker_instance_record();
	int ret;

	if (!rec || !status)
		return 0;
	/* Before any heartbeat: the boot kernel sends it to CPUs that beat. */
	ret = register_nmi_handler(NMI_LOCAL, parker_stop_nmi, 0, "parker_stop");
	if (ret)
		pr_err("no stop NMI handler: %d\n", ret);
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "x86/parker:heartbeat",
				heartbeat_start, heartbeat_stop);
	if (ret < 0)
		pr_err("no heartbeat: %d\n", ret);
	report(PARKER_APP_RUNNING, NULL);
	pr_info("partition %s (id %u), start %u: running\n", rec->name, rec->id,
		rec->start_count);
	return 0;
}
late_initcall_sync(report_running);
