// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl check: whether this machine can run partitions, one line a
 * check, "ok", "warning" or "FAIL", with what to do about it:
 *
 *   ok      Parker file system: mounted on /sys/fs/parker
 *   ok      pool: 2G, 1536M free
 *           (a warning when less than parker_pool= asked could be reserved)
 *   ok      CPUs available: 4-7
 *   ok      x2APIC: present
 *   ok      SMT: on, 2 threads a core: siblings go to a partition together ...
 *   warning IOMMU: none: devices of a partition can DMA anywhere; ...
 *   ok      kexec: enabled
 *   ok      kexec signatures: not enforced
 *   ok      lockdown: none
 *
 * It fails (exit 1) when a check does.  The roots PARKER_FS, PARKER_SYSFS
 * and PARKER_PROC point it at fake trees, for the unit tests.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "host.h"
#include "parkerfs.h"
#include "parse.h"

enum level { CHECK_OK, CHECK_WARNING, CHECK_FAIL };

static const char *const level_names[] = { "ok", "warning", "FAIL" };

struct checks {
	int fails;
};

static void report(struct checks *c, enum level l, const char *what,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(struct checks *c, enum level l, const char *what,
		   const char *fmt, ...)
{
	va_list ap;

	printf("%-7s %s: ", level_names[l], what);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (l == CHECK_FAIL)
		c->fails++;
}

/* 0 when the file system is there, for the checks that read it. */
static int check_fs(struct checks *c)
{
	char buf[PARKERFS_STATUS_MAX], version[32];
	int err = parkerfs_try_mount();

	if (err) {
		report(c, CHECK_FAIL, "Parker file system", "%s",
		       parkerfs_mount_error(err, buf, sizeof(buf)));
		return -1;
	}
	if (parkerfs_read("info", "version", version, sizeof(version)))
		snprintf(version, sizeof(version), "?");
	report(c, CHECK_OK, "Parker file system", "mounted on %s (version %s)",
	       parkerfs_root(), version);
	return 0;
}

static void check_pool(struct checks *c)
{
	char total_s[24], free_s[24], asked_s[24];
	uint64_t total, avail, asked;

	if (parkerfs_read_u64("info", "pool_size", &total) ||
	    parkerfs_read_u64("info", "pool_free", &avail)) {
		report(c, CHECK_FAIL, "pool", "cannot read %s/info/pool_size: %s",
		       parkerfs_root(), strerror(errno));
		return;
	}
	format_size(total, total_s, sizeof(total_s));
	format_size(avail, free_s, sizeof(free_s));
	/* Kernels before info/pool_asked do not say what was asked. */
	if (!parkerfs_read_u64("info", "pool_asked", &asked) && asked > total) {
		format_size(asked, asked_s, sizeof(asked_s));
		report(c, CHECK_WARNING, "pool",
		       "%s of the %s that parker_pool= asked for, %s free: no free memory range was left for the rest at boot (see the parker_pool line of dmesg)",
		       total_s, asked_s, free_s);
		return;
	}
	if (!avail)
		report(c, CHECK_WARNING, "pool",
		       "%s, none free: destroy a partition, or boot with a larger parker_pool=SIZE",
		       total_s);
	else
		report(c, CHECK_OK, "pool", "%s, %s free", total_s, free_s);
}

static void check_cpus(struct checks *c)
{
	char cpus[PARKERFS_VALUE_MAX];
	struct cpuset set;

	if (parkerfs_read("info", "cpus_available", cpus, sizeof(cpus))) {
		report(c, CHECK_WARNING, "CPUs available", "cannot read %s/info/cpus_available: %s",
		       parkerfs_root(), strerror(errno));
		return;
	}
	if (!cpus[0] || parse_cpulist(cpus, &set) || !cpuset_count(&set))
		report(c, CHECK_WARNING, "CPUs available",
		       "none: every CPU but the boot CPU is in a partition or not present; destroy a partition to free some");
	else
		report(c, CHECK_OK, "CPUs available", "%s (%u)", cpus,
		       cpuset_count(&set));
}

/* Whether the first "flags" line of PROC/cpuinfo has flag: 1, 0, or -1. */
static int cpu_flag(const char *flag)
{
	char path[4096], *line = NULL, *save;
	size_t alloc = 0;
	int found = -1;
	FILE *f;

	if (host_path(path, sizeof(path), proc_root(), "cpuinfo"))
		return -1;
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (found < 0 && getline(&line, &alloc, f) > 0) {
		if (strncmp(line, "flags", 5))
			continue;
		found = 0;
		for (char *w = strtok_r(line, " \t\n:", &save); w;
		     w = strtok_r(NULL, " \t\n:", &save))
			if (!strcmp(w, flag))
				found = 1;
	}
	free(line);
	fclose(f);
	return found;
}

static void check_x2apic(struct checks *c)
{
	int x2apic = cpu_flag("x2apic");

	if (x2apic > 0)
		report(c, CHECK_OK, "x2APIC", "present");
	else if (!x2apic)
		report(c, CHECK_WARNING, "x2APIC",
		       "absent: partitions run in xAPIC mode (APIC ids up to 254); enable x2APIC in the firmware if it can");
	else
		report(c, CHECK_WARNING, "x2APIC", "unknown: cannot read %s/cpuinfo",
		       proc_root());
}

/* The most threads of a core, from each CPU's thread_siblings_list. */
static unsigned int smt_threads(void)
{
	char dir[4096], rel[512], list[PARKERFS_VALUE_MAX];
	unsigned int most = 0;
	struct dirent *ent;
	struct cpuset set;
	DIR *d;

	if (host_path(dir, sizeof(dir), sysfs_root(), "devices/system/cpu"))
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	while ((ent = readdir(d))) {
		const char *n = ent->d_name;

		if (strncmp(n, "cpu", 3) || !n[3] ||
		    strspn(n + 3, "0123456789") != strlen(n + 3))
			continue;
		snprintf(rel, sizeof(rel),
			 "devices/system/cpu/%s/topology/thread_siblings_list", n);
		if (host_read(sysfs_root(), rel, list, sizeof(list)) ||
		    parse_cpulist(list, &set))
			continue;
		if (cpuset_count(&set) > most)
			most = cpuset_count(&set);
	}
	closedir(d);
	return most;
}

static void check_smt(struct checks *c)
{
	unsigned int threads = smt_threads();

	if (!threads)
		report(c, CHECK_WARNING, "SMT",
		       "unknown: no CPU topology in %s/devices/system/cpu",
		       sysfs_root());
	else if (threads == 1)
		report(c, CHECK_OK, "SMT", "off: every CPU is a core of its own");
	else
		report(c, CHECK_OK, "SMT",
		       "on, %u threads a core: siblings go to a partition together (or allow a split with --smt-split, smt-split = yes)",
		       threads);
}

/* Entries of sysfs directory @rel (no dot files); 0 if there is none. */
static unsigned int sysfs_entries(const char *rel)
{
	char dir[4096];
	struct dirent *ent;
	unsigned int n = 0;
	DIR *d = NULL;

	if (!host_path(dir, sizeof(dir), sysfs_root(), rel))
		d = opendir(dir);
	while (d && (ent = readdir(d)))
		n += ent->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void check_iommu(struct checks *c)
{
	char dir[4096], names[256] = "";
	unsigned int n = 0;
	struct dirent *ent;
	DIR *d = NULL;

	if (!host_path(dir, sizeof(dir), sysfs_root(), "class/iommu"))
		d = opendir(dir);
	while (d && (ent = readdir(d))) {
		if (ent->d_name[0] == '.')
			continue;
		if (strlen(names) + strlen(ent->d_name) + 3 < sizeof(names))
			snprintf(names + strlen(names),
				 sizeof(names) - strlen(names), "%s%s",
				 n ? ", " : "", ent->d_name);
		n++;
	}
	if (d)
		closedir(d);
	/* Devices get IOMMU groups only when DMA remapping is on. */
	if (n && sysfs_entries("kernel/iommu_groups"))
		report(c, CHECK_OK, "IOMMU",
		       "%u (%s): partitions' devices are confined to their memory",
		       n, names);
	else if (n)
		report(c, CHECK_WARNING, "IOMMU",
		       "%u (%s), but DMA remapping is off: devices of a partition can DMA anywhere; boot with intel_iommu=on",
		       n, names);
	else
		report(c, CHECK_WARNING, "IOMMU",
		       "none: devices of a partition can DMA anywhere; enable VT-d or AMD-Vi in the firmware and boot with intel_iommu=on or amd_iommu=on");
}

static void check_kexec(struct checks *c)
{
	char val[32];

	if (host_read(proc_root(), "sys/kernel/kexec_load_disabled", val,
		      sizeof(val)))
		report(c, CHECK_WARNING, "kexec",
		       "unknown: cannot read %s/sys/kernel/kexec_load_disabled: %s",
		       proc_root(), strerror(errno));
	else if (!strcmp(val, "0"))
		report(c, CHECK_OK, "kexec", "enabled");
	else
		report(c, CHECK_FAIL, "kexec",
		       "disabled (kernel.kexec_load_disabled = %s): no kernel can be loaded until the machine reboots; do not set that sysctl at boot",
		       val);
}

/* A loaded kdump kernel keeps every partition from starting. */
static void check_kdump(struct checks *c)
{
	char val[16];

	if (host_read(sysfs_root(), "kernel/kexec_crash_loaded", val, sizeof(val)))
		report(c, CHECK_OK, "kdump", "not available");
	else if (!strcmp(val, "0"))
		report(c, CHECK_OK, "kdump", "no kdump kernel loaded");
	else
		report(c, CHECK_WARNING, "kdump",
		       "a kdump kernel is loaded: no partition starts until it is unloaded (kexec -p -u), and none can be loaded while partitions run");
}

/* The lockdown mode in brackets ("[none] integrity ..."), or NULL. */
static const char *lockdown_mode(char *buf, size_t len)
{
	char *open, *close;

	if (host_read(sysfs_root(), "kernel/security/lockdown", buf, len))
		return NULL;
	open = strchr(buf, '[');
	close = open ? strchr(open, ']') : NULL;
	if (!close)
		return NULL;
	*close = '\0';
	return open + 1;
}

static void check_signatures(struct checks *c)
{
	char buf[256], val[16];
	const char *mode = lockdown_mode(buf, sizeof(buf));

	if (mode && strcmp(mode, "none"))
		report(c, CHECK_WARNING, "kexec signatures",
		       "enforced by lockdown: partition kernels must be signed with a key the kernel trusts");
	else if (host_read(sysfs_root(), "module/kernel/parameters/kexec_sig_enforce",
			   val, sizeof(val)))
		report(c, CHECK_OK, "kexec signatures",
		       "unknown (CONFIG_KEXEC_SIG_FORCE cannot be seen from here; if set, partition kernels must be signed)");
	else if (!strcmp(val, "Y") || !strcmp(val, "1"))
		report(c, CHECK_WARNING, "kexec signatures",
		       "enforced: partition kernels must be signed with a key the kernel trusts");
	else
		report(c, CHECK_OK, "kexec signatures", "not enforced");
}

static void check_lockdown(struct checks *c)
{
	char buf[256];
	const char *mode = lockdown_mode(buf, sizeof(buf));

	if (!mode)
		report(c, CHECK_OK, "lockdown", "not available");
	else if (!strcmp(mode, "none"))
		report(c, CHECK_OK, "lockdown", "none");
	else
		report(c, CHECK_WARNING, "lockdown",
		       "%s: only signed kernels load, and some of Parker's debug files are closed; use signed partition kernels",
		       mode);
}

int cmd_check(int argc, char **argv)
{
	struct checks c = { 0 };
	int ret;

	ret = parse_words("check", argc, argv, NULL, 0, NULL, no_option,
			  NULL);
	if (ret)
		return ret;
	if (!check_fs(&c)) {
		check_pool(&c);
		check_cpus(&c);
	}
	check_x2apic(&c);
	check_smt(&c);
	check_iommu(&c);
	check_kexec(&c);
	check_kdump(&c);
	check_signatures(&c);
	check_lockdown(&c);
	return c.fails ? EXIT_FAIL : EXIT_OK;
}
