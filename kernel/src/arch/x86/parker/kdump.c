// SPDX-License-Identifier: GPL-2.0
/*
 * Parker and kdump exclude each other.
 *
 * A kdump capture kernel boots from the crashed boot kernel's reservation
 * and probes every PCI device of the machine, those that partitions hold
 * and drive included, while the partitions' CPUs may still run: it would
 * reset and drive devices under a running kernel.  So no kdump kernel is
 * loaded while a partition is started or quarantined, and no partition
 * starts while a kdump kernel is loaded or being loaded.  A load marks
 * itself under parker_mutex before it begins and until it ends, so that a
 * start cannot slip in between the check and the loaded image.  Unloading
 * kdump is always allowed.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/kexec.h>
#include <linux/parker.h>

#include "parker.h"

static bool kdump_arming;	/* parker_mutex */

/* From kexec_file_load(2), under the kexec lock: 0 or -EBUSY. */
int parker_kdump_arm_begin(void)
{
	struct parker_partition *p;
	int ret = 0;

	mutex_lock(&parker_mutex);
	list_for_each_entry(p, &parker_partitions, list) {
		if (!parker_partition_active(p) &&
		    p->state != PARKER_STATE_QUARANTINED)
			continue;
		pr_warn("kdump kernel refused: partition %s is %s: a capture kernel would probe the devices it holds\n",
			p->name, parker_state_name(p->state));
		ret = -EBUSY;
		break;
	}
	kdump_arming = !ret;
	mutex_unlock(&parker_mutex);
	return ret;
}

void parker_kdump_arm_end(void)
{
	mutex_lock(&parker_mutex);
	kdump_arming = false;
	mutex_unlock(&parker_mutex);
}

/* Whether @p may start as far as kdump goes: 0, or -EBUSY and why. */
int parker_kdump_check_start(struct parker_partition *p)
{
	lockdep_assert_held(&parker_mutex);
	if (!kdump_arming && !kexec_crash_loaded())
		return 0;
	parker_fail(p,
		    "a kdump kernel is loaded, whose capture kernel would probe this partition's devices: unload it first (kexec -p -u)");
	return -EBUSY;
}
