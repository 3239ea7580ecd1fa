// SPDX-License-Identifier: GPL-2.0
/*
 * Parker CPUs: taking CPUs away from the boot kernel and giving them back.
 *
 * A CPU assigned to a partition is offlined in the boot kernel with
 * remove_cpu().  A CPU hotplug state in the BP prepare range then refuses
 * to bring it up again, whoever asks (sysfs "online", add_cpu(), SMT
 * control), until the partition lets it go.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/topology.h>

#include "parker.h"

/* Which partition holds each CPU (0: the boot kernel).  parker_mutex. */
int parker_cpu_owner[NR_CPUS];
/* The same as a mask, read locklessly by the hotplug guard. */
struct cpumask parker_held_cpus;

static int parker_cpu_guard(unsigned int cpu)
{
	if (cpumask_test_cpu(cpu, &parker_held_cpus)) {
		pr_info_ratelimited("CPU %u belongs to partition %d: not onlined\n",
				    cpu, READ_ONCE(parker_cpu_owner[cpu]));
		return -EBUSY;
	}
	return 0;
}

int __init parker_cpu_guard_init(void)
{
	int ret;

	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN, "x86/parker:guard",
					parker_cpu_guard, NULL);
	return ret < 0 ? ret : 0;
}

/* SMT siblings share every APIC id bit above the SMT bits. */
static u32 core_key(unsigned int cpu)
{
	return per_cpu(x86_cpu_to_apicid, cpu) >>
		topology_get_domain_shift(TOPO_CORE_DOMAIN);
}

static void give_back(unsigned int cpu)
{
	int ret;

	cpumask_clear_cpu(cpu, &parker_held_cpus);
	WRITE_ONCE(parker_cpu_owner[cpu], 0);
	ret = add_cpu(cpu);
	if (ret)
		pr_err("CPU %u returned to the boot kernel but did not come online: %d\n",
		       cpu, ret);
}

/* Offline @cpu for partition @p; on failure nothing changed. */
static int take(struct parker_partition *p, unsigned int cpu)
{
	int ret;

	WRITE_ONCE(parker_cpu_owner[cpu], p->id);
	cpumask_set_cpu(cpu, &parker_held_cpus);
	if (!cpu_online(cpu))
		return 0;
	ret = remove_cpu(cpu);
	if (ret) {
		cpumask_clear_cpu(cpu, &parker_held_cpus);
		WRITE_ONCE(parker_cpu_owner[cpu], 0);
	}
	return ret;
}

/*
 * Make @want the CPUs of @p: all of them or, on any failure, none of the
 * change.  Caller holds parker_mutex.
 */
int parker_cpus_assign(struct parker_partition *p, const struct cpumask *want)
{
	struct parker_cpu_request req = {
		.want = want,
		.present = cpu_present_mask,
		.owner = parker_cpu_owner,
		.self = p->id,
		.smt_split = p->smt_split,
		.core_key = core_key,
	};
	cpumask_var_t added;
	unsigned int cpu;
	char why[160];
	int ret;

	lockdep_assert_held(&parker_mutex);
	ret = parker_cpus_check(&req, why, sizeof(why));
	if (ret) {
		parker_fail(p, "%s", why);
		return ret;
	}
	if (!zalloc_cpumask_var(&added, GFP_KERNEL))
		return -ENOMEM;

	for_each_cpu_andnot(cpu, want, &p->cpus) {
		ret = take(p, cpu);
		if (ret) {
			parker_fail(p, "CPU %u could not be taken offline (%d)",
				    cpu, ret);
			break;
		}
		cpumask_set_cpu(cpu, added);
	}
	if (ret) {
		for_each_cpu(cpu, added)
			give_back(cpu);
		free_cpumask_var(added);
		return ret;
	}
	free_cpumask_var(added);

	for_each_cpu_andnot(cpu, &p->cpus, want)
		give_back(cpu);
	cpumask_copy(&p->cpus, want);
	return 0;
}
