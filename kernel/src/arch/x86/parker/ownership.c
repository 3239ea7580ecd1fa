// SPDX-License-Identifier: GPL-2.0
/*
 * Parker ownership rules: whether a request for CPUs, memory or a name can
 * be granted.  Pure functions of their arguments, so that KUnit can test
 * every rule without touching a CPU (see parker_kunit.c); the callers in
 * cpu.c, partition.c and parkerfs.c act on the answer.
 */
#include <linux/cpumask.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/hex.h>
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>

#include "parker.h"

bool parker_name_valid(const char *name)
{
	size_t len = strlen(name);
	size_t i;

	if (!len || len > PARKER_NAME_MAX)
		return false;
	if (name[0] == '-' || name[0] == '_')
		return false;
	/* "info" is the file system's own directory. */
	if (!strcmp(name, "info"))
		return false;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

int parker_mem_size_check(u64 size, char *why, size_t len)
{
	if (!size) {
		snprintf(why, len, "memory size 0: give at least %uM",
			 PARKER_MEM_MIN >> 20);
		return -EINVAL;
	}
	if (size < PARKER_MEM_MIN) {
		snprintf(why, len, "memory size %llu is below the minimum of %uM",
			 size, PARKER_MEM_MIN >> 20);
		return -EINVAL;
	}
	if (!IS_ALIGNED(size, PARKER_POOL_GRANULE)) {
		snprintf(why, len, "memory size %llu is not a multiple of 2M",
			 size);
		return -EINVAL;
	}
	return 0;
}

static int check_one_cpu(const struct parker_cpu_request *req,
			 unsigned int cpu, char *why, size_t len)
{
	int owner;

	if (!cpumask_test_cpu(cpu, req->present)) {
		snprintf(why, len, "CPU %u does not exist", cpu);
		return -ENODEV;
	}
	if (cpu == 0) {
		snprintf(why, len, "CPU 0 is the boot CPU and stays with the boot kernel");
		return -EINVAL;
	}
	owner = req->owner[cpu];
	if (owner && owner != req->self) {
		snprintf(why, len, "CPU %u belongs to another partition", cpu);
		return -EBUSY;
	}
	return 0;
}

/* Every SMT sibling of a wanted CPU must be wanted too, unless allowed. */
static int check_siblings(const struct parker_cpu_request *req,
			  unsigned int cpu, char *why, size_t len)
{
	u32 key = req->core_key(cpu);
	unsigned int other;

	if (req->smt_split)
		return 0;
	for_each_cpu(other, req->present) {
		if (other == cpu || req->core_key(other) != key)
			continue;
		if (cpumask_test_cpu(other, req->want))
			continue;
		snprintf(why, len,
			 "CPU %u shares a core with CPU %u, which stays outside; assign both or allow with smt_split",
			 cpu, other);
		return -EINVAL;
	}
	return 0;
}

/* The record and the mailbox have a slot per CPU: refuse, never drop. */
int parker_cpu_count_check(unsigned int n, char *why, size_t len)
{
	if (n <= PARKER_REC_CPUS)
		return 0;
	snprintf(why, len,
		 "%u CPUs: a partition has at most %d (the record's and the mailbox's limit)",
		 n, PARKER_REC_CPUS);
	return -E2BIG;
}

int parker_cpus_check(const struct parker_cpu_request *req, char *why,
		      size_t len)
{
	unsigned int cpu;
	int ret;

	ret = parker_cpu_count_check(cpumask_weight(req->want), why, len);
	if (ret)
		return ret;

	for_each_cpu(cpu, req->want) {
		ret = check_one_cpu(req, cpu, why, len);
		if (ret)
			return ret;
	}
	for_each_cpu(cpu, req->want) {
		ret = check_siblings(req, cpu, why, len);
		if (ret)
			return ret;
	}
	return 0;
}

static int hex_field(const char *s, int digits, unsigned int max,
		     unsigned int *val)
{
	unsigned int v = 0;
	int i;

	for (i = 0; i < digits; i++) {
		int d = hex_to_bin(s[i]);

		if (d < 0)
			return -EINVAL;
		v = v * 16 + d;
	}
	if (v > max)
		return -EINVAL;
	*val = v;
	return 0;
}

/*
 * Whether a partition with @nr_devs devices in @nr_segments PCI segments
 * may take one more device, which would add a segment if @new_segment: the
 * record describes PARKER_REC_DEVS devices and PARKER_REC_ECAM segments.
 */
int parker_devices_check(unsigned int nr_devs, unsigned int nr_segments,
			 bool new_segment, char *why, size_t len)
{
	if (nr_devs >= PARKER_REC_DEVS) {
		snprintf(why, len, "a partition has at most %d devices (the record's limit)",
			 PARKER_REC_DEVS);
		return -E2BIG;
	}
	if (new_segment && nr_segments >= PARKER_REC_ECAM) {
		snprintf(why, len,
			 "a partition's devices span at most %d PCI segments (the record's limit)",
			 PARKER_REC_ECAM);
		return -E2BIG;
	}
	return 0;
}

/* Exactly DDDD:BB:DD.F, as lspci -D and sysfs write PCI addresses. */
int parker_parse_bdf(const char *s, unsigned int *domain, unsigned int *bus,
		     unsigned int *devfn)
{
	unsigned int dev, fn;

	if (strlen(s) != 12 || s[4] != ':' || s[7] != ':' || s[10] != '.')
		return -EINVAL;
	if (hex_field(s, 4, 0xffff, domain) ||
	    hex_field(s + 5, 2, 0xff, bus) ||
	    hex_field(s + 8, 2, 0x1f, &dev) ||
	    hex_field(s + 11, 1, 7, &fn))
		return -EINVAL;
	*devfn = PCI_DEVFN(dev, fn);
	return 0;
}

/*
 * A CPU list in its strict form: "N" or "N-M" items joined by single
 * commas, or nothing at all.  cpulist_parse() forgives empty items like
 * "1,,3"; an operator's typo must not be half understood.
 */
bool parker_cpulist_strict(const char *s)
{
	bool digit = false, range = false;

	if (!*s)
		return true;
	for (; *s; s++) {
		if (isdigit(*s)) {
			digit = true;
		} else if (*s == '-' && digit && !range) {
			digit = false;
			range = true;
		} else if (*s == ',' && digit) {
			digit = false;
			range = false;
		} else {
			return false;
		}
	}
	return digit;
}
