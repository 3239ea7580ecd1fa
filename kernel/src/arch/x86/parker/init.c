// SPDX-License-Identifier: GPL-2.0
/*
 * Parker start-up on the boot kernel: the layers below partition
 * management start here, lowest first, in one place.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/init.h>
#include <linux/printk.h>

#include <asm/parker.h>

#include "parker.h"

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
