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
 *
 * Every knob takes a number, decimal or 0x-hex; anything else is refused
 * with EINVAL and a log line that names the knob.
 */
#define pr_fmt(fmt) "parker: " fmt

#include <linux/array_size.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>
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
	struct parker_memory m;
	int i;

	list_for_each_entry(p, &parker_partitions, list) {
		parker_memory_of(p, &m);
		for (i = 0; i < m.nr; i++) {
			const struct parker_range *r = &m.r[i];

			if (r->pool == pool && pa >= r->base &&
			    pa < r->base + r->size) {
				*end = r->base + r->size;
				return true;
			}
		}
	}
	return false;
}

/* In all of @p's memory. */
static u64 count_partition(const struct parker_partition *p, u64 marker)
{
	struct parker_memory m;
	u64 n = 0;
	int i;

	parker_memory_of(p, &m);
	for (i = 0; i < m.nr; i++)
		n += count_marker(m.r[i].base, m.r[i].size, marker);
	return n;
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

	if (len >= sizeof(buf)) {
		pr_warn("debugfs scan: %zu bytes is too long for MARKER [NAME]\n",
			len);
		return -EINVAL;
	}
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	name = strim(buf);
	arg = strsep(&name, " ");
	if (kstrtou64(arg, 16, &marker)) {
		pr_warn("debugfs scan: '%s' is no 64-bit hex marker\n", arg);
		return -EINVAL;
	}

	mutex_lock(&parker_mutex);
	if (!name || !*name) {
		scan_count = count_free(marker);
		ret = 0;
	} else {
		list_for_each_entry(p, &parker_partitions, list) {
			if (strcmp(p->name, name))
				continue;
			scan_count = count_partition(p, marker);
			ret = 0;
		}
	}
	mutex_unlock(&parker_mutex);
	if (ret)
		pr_warn("debugfs scan: no partition '%s'\n", name);
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

/*
 * A fault-injection knob: a number, written in decimal or 0x-hex.  Unlike
 * debugfs_create_u32(), a write that is no number, or too big for the
 * knob, says so in the log, as every other Parker file does.
 */
struct parker_knob {
	const char *name;
	u32 *val32;		/* one of the two */
	u64 *val64;
};

static ssize_t knob_read(struct file *file, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	const struct parker_knob *k = file->private_data;
	u64 v = k->val32 ? READ_ONCE(*k->val32) : READ_ONCE(*k->val64);
	char buf[32];
	int n;

	n = scnprintf(buf, sizeof(buf), k->val64 ? "0x%llx\n" : "%llu\n", v);
	return simple_read_from_buffer(ubuf, len, ppos, buf, n);
}

static ssize_t knob_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	const struct parker_knob *k = file->private_data;
	u64 max = k->val32 ? U32_MAX : U64_MAX;
	char buf[32], *arg;
	u64 v;

	if (len >= sizeof(buf)) {
		pr_warn("debugfs %s: %zu bytes is too long for a number\n",
			k->name, len);
		return -EINVAL;
	}
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	arg = strim(buf);
	if (kstrtou64(arg, 0, &v) || v > max) {
		pr_warn("debugfs %s: '%s' is no number from 0 to %llu\n",
			k->name, arg, max);
		return -EINVAL;
	}
	if (k->val32)
		WRITE_ONCE(*k->val32, v);
	else
		WRITE_ONCE(*k->val64, v);
	return len;
}

static const struct file_operations knob_fops = {
	.open = simple_open,
	.read = knob_read,
	.write = knob_write,
	.llseek = default_llseek,
};

static struct parker_knob parker_knobs[] = {
	/* The next N CPUs stopped are taken as not back. */
	{ .name = "fail_cpu_proof", .val32 = &parker_fault_cpu_proof },
	/* kexec places images at this address instead. */
	{ .name = "misplace_load", .val64 = &parker_fault_misplace },
	/* Every wipe of pool memory takes this long at least. */
	{ .name = "slow_wipe_ms", .val32 = &parker_fault_wipe_ms },
	/* The next N starts write a record of another version. */
	{ .name = "bad_record", .val32 = &parker_fault_bad_record },
};

static int __init parker_debugfs_init(void)
{
	struct dentry *dir;
	int i;

	if (!parker_pool_active())
		return 0;
	dir = debugfs_create_dir("parker", NULL);
	debugfs_create_file("scan", 0600, dir, NULL, &scan_fops);
	for (i = 0; i < ARRAY_SIZE(parker_knobs); i++)
		debugfs_create_file(parker_knobs[i].name, 0600, dir,
				    &parker_knobs[i], &knob_fops);
	return 0;
}
late_initcall(parker_debugfs_init);
