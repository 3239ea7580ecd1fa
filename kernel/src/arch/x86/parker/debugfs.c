// SPDX-License-Identifier: GPL-2.0
/*
 * Parker debugfs: /sys/kernel/debug/parker/scan, to check that memory
 * leaving a partition is wiped, and fail_cpu_proof, to test quarantine:
 * write N and the next N CPUs the boot kernel stops are taken as not back;
 * and misplace_load, to test the loader's confinement: kexec is offered the
 * memory at that physical address instead of the partition's; and
 * slow_wipe_ms, to show what waits for a wipe: each wipe of pool memory
 * takes at least that long; and bad_record, to show that an application
 * kernel halts on a record it cannot use: the next N starts write a record
 * of the next version.
 *
 * Write a 64-bit marker (hex) to count its occurrences in all pool memory
 * no partition holds, or "MARKER NAME" to count them in partition NAME's
 * memory (which shows that the marker was there to begin with); read the
 * count back.
 */
#include <linux/debugfs.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "parker.h"

static u64 scan_count;

static u64 count_marker(phys_addr_t base, phys_addr_t size, u64 marker)
{
	unsigned long pfn, end = PHYS_PFN(base + size);
	u64 n = 0;

	for (pfn = PHYS_PFN(base); pfn < end; pfn++) {
		const u64 *page = kmap_local_pfn(pfn);
		unsigned int i;

		for (i = 0; i < PAGE_SIZE / sizeof(u64); i++)
			n += page[i] == marker;
		kunmap_local(page);
		cond_resched();
	}
	return n;
}

static bool held(int pool, phys_addr_t pa, phys_addr_t *end)
{
	struct parker_partition *p;

	list_for_each_entry(p, &parker_partitions, list) {
		if (p->mem_pool == pool && pa >= p->mem_base &&
		    pa < p->mem_base + p->mem_size) {
			*end = p->mem_base + p->mem_size;
			return true;
		}
	}
	return false;
}

/* Only memory no partition holds: what the boot kernel may reuse. */
static u64 count_free(u64 marker)
{
	phys_addr_t pa, end;
	u64 n = 0;
	int i;

	for (i = 0; i < parker_nr_pools; i++) {
		struct parker_pool *pool = &parker_pools[i];

		for (pa = pool->base; pa < pool->base + pool->size; pa = end) {
			end = pa + PARKER_POOL_GRANULE;
			if (!held(i, pa, &end))
				n += count_marker(pa, PARKER_POOL_GRANULE, marker);
		}
	}
	return n;
}

static ssize_t scan_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	struct parker_partition *p;
	char buf[64], *name, *arg;
	u64 marker;
	int ret = -ENOENT;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	name = strim(buf);
	arg = strsep(&name, " ");
	if (kstrtou64(arg, 16, &marker))
		return -EINVAL;

	mutex_lock(&parker_mutex);
	if (!name || !*name) {
		scan_count = count_free(marker);
		ret = 0;
	} else {
		list_for_each_entry(p, &parker_partitions, list) {
			if (strcmp(p->name, name))
				continue;
			scan_count = p->mem_size ?
				count_marker(p->mem_base, p->mem_size, marker) : 0;
			ret = 0;
		}
	}
	mutex_unlock(&parker_mutex);
	return ret ?: len;
}

static ssize_t scan_read(struct file *file, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	char buf[32];
	int n = scnprintf(buf, sizeof(buf), "%llu\n", scan_count);

	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static const struct file_operations scan_fops = {
	.read = scan_read,
	.write = scan_write,
	.llseek = default_llseek,
};

static int __init parker_debugfs_init(void)
{
	struct dentry *dir;

	if (!parker_pool_active())
		return 0;
	dir = debugfs_create_dir("parker", NULL);
	debugfs_create_file("scan", 0600, dir, NULL, &scan_fops);
	/* Fault injection: the next N CPUs stopped are taken as not back. */
	debugfs_create_u32("fail_cpu_proof", 0600, dir, &parker_fault_cpu_proof);
	/* Fault injection: kexec places images at this address instead. */
	debugfs_create_x64("misplace_load", 0600, dir, &parker_fault_misplace);
	/* Fault injection: every wipe of pool memory takes this long at least. */
	debugfs_create_u32("slow_wipe_ms", 0600, dir, &parker_fault_wipe_ms);
	/* Fault injection: the next N starts write a record of another version. */
	debugfs_create_u32("bad_record", 0600, dir, &parker_fault_bad_record);
	return 0;
}
late_initcall(parker_debugfs_init);
