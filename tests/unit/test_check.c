// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl check (cmocka), on the fake tree of
 * fakefs.c and a fake sysfs and procfs beside it (ROOT/sys and ROOT/proc,
 * named by PARKER_SYSFS and PARKER_PROC).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli.h"
#include "commands.h"
#include "fakefs.h"
#include "parkerfs.h"

/* ROOT/REL and the directories above it. */
static void make_dirs(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s", at(rel));
	for (char *p = strchr(path + strlen(root) + 1, '/'); p;
	     p = strchr(p + 1, '/')) {
		*p = '\0';
		assert_true(!__real_mkdir(path, 0755) || errno == EEXIST);
		*p = '/';
	}
	assert_true(!__real_mkdir(path, 0755) || errno == EEXIST);
}

/* ROOT/DIR/FILE with text, making DIR. */
static void file(const char *dir, const char *name, const char *text)
{
	make_dirs(dir);
	put(dir, name, text);
}

static void cpu(unsigned int n, const char *siblings)
{
	char dir[128];

	snprintf(dir, sizeof(dir), "sys/devices/system/cpu/cpu%u/topology", n);
	file(dir, "thread_siblings_list", siblings);
}

/* A machine with all Parker wants. */
static int setup(void **state)
{
	if (fake_setup(state))
		return -1;
	setenv("PARKER_SYSFS", at("sys"), 1);
	setenv("PARKER_PROC", at("proc"), 1);
	file("proc", "cpuinfo",
	     "processor\t: 0\nflags\t\t: fpu vme apic x2apic hypervisor\n\n"
	     "processor\t: 1\nflags\t\t: fpu vme apic x2apic hypervisor\n");
	cpu(0, "0-1\n");
	cpu(1, "0-1\n");
	cpu(2, "2-3\n");
	cpu(3, "2-3\n");
	file("sys/devices/system/cpu", "online", "0-3\n");
	make_dirs("sys/class/iommu/dmar0");
	make_dirs("sys/class/iommu/dmar1");
	make_dirs("sys/kernel/iommu_groups/0");
	file("proc/sys/kernel", "kexec_load_disabled", "0\n");
	file("sys/kernel", "kexec_crash_loaded", "0\n");
	file("sys/kernel/security", "lockdown",
	     "[none] integrity confidentiality\n");
	return 0;
}

static int teardown(void **state)
{
	unsetenv("PARKER_PROC");
	unsetenv("PARKER_SYSFS");
	return fake_teardown(state);
}

#define CTEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static char *check(int *ret)
{
	char *argv[] = { "check" };

	return capture(1, cmd_check, 1, argv, ret);
}

static void all_ok(void **state)
{
	char expect[2048];
	int ret;

	(void)state;
	snprintf(expect, sizeof(expect),
		 "ok      Parker file system: mounted on %s (version 1)\n"
		 "ok      pool: 1G, 768M free\n"
		 "ok      CPUs available: 4-7 (4)\n"
		 "ok      x2APIC: present\n"
		 "ok      SMT: on, 2 threads a core: siblings go to a partition together (or allow a split with --smt-split, smt-split = yes)\n"
		 "ok      IOMMU: 2 (dmar0, dmar1): partitions' devices are confined to their memory\n"
		 "ok      kexec: enabled\n"
		 "ok      kdump: no kdump kernel loaded\n"
		 "ok      kexec signatures: unknown (CONFIG_KEXEC_SIG_FORCE cannot be seen from here; if set, partition kernels must be signed)\n"
		 "ok      lockdown: none\n", root);
	assert_string_equal(check(&ret), expect);
	assert_int_equal(ret, EXIT_OK);
}

static void warnings(void **state)
{
	int ret;
	char *out;

	(void)state;
	put("info", "pool_free", "0\n");
	put("info", "cpus_available", "\n");
	put("proc", "cpuinfo", "processor\t: 0\nflags\t\t: fpu apic x2apicx\n");
	cpu(0, "0\n");
	cpu(1, "1\n");
	cpu(2, "2\n");
	cpu(3, "3\n");
	assert_int_equal(rmdir(at("sys/kernel/iommu_groups/0")), 0);
	assert_non_null(strstr(check(&ret), "warning IOMMU: 2 (dmar0, dmar1), but DMA remapping is off: devices of a partition can DMA anywhere; boot with intel_iommu=on\n"));
	assert_int_equal(rmdir(at("sys/class/iommu/dmar0")), 0);
	assert_int_equal(rmdir(at("sys/class/iommu/dmar1")), 0);
	put("sys/kernel/security", "lockdown",
	    "none [integrity] confidentiality\n");
	put("sys/kernel", "kexec_crash_loaded", "1\n");
	out = check(&ret);
	assert_int_equal(ret, EXIT_OK);
	assert_non_null(strstr(out, "warning kdump: a kdump kernel is loaded: no partition starts until it is unloaded (kexec -p -u)"));
	assert_non_null(strstr(out, "warning pool: 1G, none free: destroy a partition, or boot with a larger parker_pool=SIZE\n"));
	put("info", "pool_asked", "2147483648\n");
	assert_non_null(strstr(check(&ret), "warning pool: 1G of the 2G that parker_pool= asked for, 0 free: no free memory range was left for the rest at boot (see the parker_pool line of dmesg)\n"));
	put("info", "pool_asked", "1073741824\n");
	assert_non_null(strstr(check(&ret), "warning pool: 1G, none free"));
	assert_non_null(strstr(out, "warning CPUs available: none: "));
	assert_non_null(strstr(out, "warning x2APIC: absent: partitions run in xAPIC mode"));
	assert_non_null(strstr(out, "ok      SMT: off: every CPU is a core of its own\n"));
	assert_non_null(strstr(out, "warning IOMMU: none: devices of a partition can DMA anywhere; "));
	assert_non_null(strstr(out, "warning kexec signatures: enforced by lockdown: "));
	assert_non_null(strstr(out, "warning lockdown: integrity: "));
}

static void failures(void **state)
{
	int ret;
	char *out;

	(void)state;
	put("proc/sys/kernel", "kexec_load_disabled", "1\n");
	out = check(&ret);
	assert_int_equal(ret, EXIT_FAIL);
	assert_non_null(strstr(out, "FAIL    kexec: disabled (kernel.kexec_load_disabled = 1): no kernel can be loaded until the machine reboots"));
	/* No file system: its checks are not made. */
	put("proc/sys/kernel", "kexec_load_disabled", "0\n");
	unlink(at("info/pool_size"));
	unlink(at("info/pool_free"));
	unlink(at("info/cpus_available"));
	unlink(at("info/version"));
	unlink(at("info/last_cmd_status"));
	assert_int_equal(rmdir(at("info")), 0);
	out = check(&ret);
	assert_int_equal(ret, EXIT_FAIL);
	assert_true(!strncmp(out, "FAIL    Parker file system: ", 28));
	assert_null(strstr(out, "pool:"));
	assert_null(strstr(out, "CPUs available:"));
	assert_non_null(strstr(out, "ok      x2APIC: present\n"));
}

static void unknowns(void **state)
{
	int ret;
	char *out, expect[512];

	(void)state;
	unlink(at("proc/cpuinfo"));
	unlink(at("proc/sys/kernel/kexec_load_disabled"));
	unlink(at("sys/kernel/security/lockdown"));
	unlink(at("sys/kernel/kexec_crash_loaded"));
	for (int i = 0; i < 4; i++) {
		char rel[128];

		snprintf(rel, sizeof(rel),
			 "sys/devices/system/cpu/cpu%d/topology/thread_siblings_list", i);
		unlink(at(rel));
	}
	unlink(at("info/pool_size"));
	out = check(&ret);
	assert_int_equal(ret, EXIT_FAIL);
	snprintf(expect, sizeof(expect), "FAIL    pool: cannot read %s/info/pool_size: ", root);
	assert_non_null(strstr(out, expect));
	snprintf(expect, sizeof(expect), "warning x2APIC: unknown: cannot read %s/cpuinfo\n", at("proc"));
	assert_non_null(strstr(out, expect));
	assert_non_null(strstr(out, "warning SMT: unknown: no CPU topology"));
	assert_non_null(strstr(out, "warning kexec: unknown: "));
	assert_non_null(strstr(out, "ok      lockdown: not available\n"));
	assert_non_null(strstr(out, "ok      kdump: not available\n"));
}

static void signatures_param(void **state)
{
	int ret;

	(void)state;
	file("sys/module/kernel/parameters", "kexec_sig_enforce", "Y\n");
	assert_non_null(strstr(check(&ret), "warning kexec signatures: enforced: partition kernels must be signed"));
	put("sys/module/kernel/parameters", "kexec_sig_enforce", "N\n");
	assert_non_null(strstr(check(&ret), "ok      kexec signatures: not enforced\n"));
	assert_int_equal(ret, EXIT_OK);
}

static void mount_errors(void **state)
{
	char buf[PARKERFS_STATUS_MAX];

	(void)state;
	assert_string_equal(parkerfs_mount_error(EOPNOTSUPP, buf, sizeof(buf)),
			    "Parker management is off: boot with parker_pool=SIZE (e.g. parker_pool=2G), or, if it was given, see why nothing was reserved (dmesg | grep parker_pool)");
	assert_non_null(strstr(parkerfs_mount_error(ENODEV, buf, sizeof(buf)),
			       "no Parker support"));
	assert_non_null(strstr(parkerfs_mount_error(EPERM, buf, sizeof(buf)),
			       "(run as root)"));
	assert_non_null(strstr(parkerfs_mount_error(EBUSY, buf, sizeof(buf)),
			       strerror(EBUSY)));
}

static void usage_errors(void **state)
{
	char *argv[] = { "check", "web" };
	int ret;
	char *err;

	(void)state;
	err = capture(2, cmd_check, 2, argv, &ret);
	assert_int_equal(ret, EXIT_USAGE);
	assert_string_equal(err, "parkerctl: unexpected argument 'web'\n"
			    "Try 'parkerctl check --help'.\n");
	argv[1] = "--json";
	capture(2, cmd_check, 2, argv, &ret);
	assert_int_equal(ret, EXIT_USAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CTEST(all_ok),
		CTEST(warnings),
		CTEST(failures),
		CTEST(unknowns),
		CTEST(signatures_param),
		CTEST(mount_errors),
		CTEST(usage_errors),
	};

	return cmocka_run_group_tests_name("check", tests, NULL, NULL);
}
