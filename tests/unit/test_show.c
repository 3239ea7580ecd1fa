// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests for parkerctl show (cmocka), on the fake tree of fakefs.c
 * and a fake sysfs beside it, ROOT/sys, named by PARKER_SYSFS: a PCI device
 * there is a directory with vendor, device and class files and, when it has
 * a driver, a driver link.  ROOT/proc, named by PARKER_PROC, holds uptime.
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
#include "image.h"
#include "jsoncheck.h"

static int setup(void **state)
{
	if (fake_setup(state))
		return -1;
	setenv("PARKER_SYSFS", at("sys"), 1);
	setenv("PARKER_PROC", at("proc"), 1);
	return 0;
}

static int teardown(void **state)
{
	unsetenv("PARKER_PROC");
	unsetenv("PARKER_SYSFS");
	return fake_teardown(state);
}

#define STEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/* The lines of a new partition's restarts and policies (see fakefs.h). */
#define LIFE "restarts: 0\n" "on crash: stop\n" "on reboot: restart\n"

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

/* A PCI device in the fake sysfs; driver NULL for none. */
static void pci_device(const char *addr, const char *vendor,
		       const char *device, const char *class,
		       const char *driver)
{
	char dir[128], target[128];

	snprintf(dir, sizeof(dir), "sys/bus/pci/devices/%s", addr);
	make_dirs(dir);
	put(dir, "vendor", vendor);
	put(dir, "device", device);
	put(dir, "class", class);
	if (!driver)
		return;
	snprintf(target, sizeof(target), "../../../bus/pci/drivers/%s",
		 driver);
	strcat(dir, "/driver");
	assert_int_equal(symlink(target, at(dir)), 0);
}

/* parkerctl show NAME; its standard output. */
static char *show(const char *name, int *ret)
{
	char *argv[] = { "show", (char *)name };

	return capture(1, cmd_show, 2, argv, ret);
}

static void full(void **state)
{
	int ret;

	(void)state;
	partition("web", "1\n", "running\n", "1-3\n",
		  "268435456@0x3f800000\n", "0000:00:03.0\n0000:00:09.0\n");
	put("web", "apic_ids", "1 2 3\n");
	put("web", "memory_node", "-1\n");
	put("web", "smt_split", "0\n");
	put("web", "console", "Linux version 6.12\n");
	pci_device("0000:00:03.0", "0x1b36\n", "0x0002\n", "0x070002\n",
		   "parker");
	pci_device("0000:00:09.0", "0x1af4\n", "0x1000\n", "0x020000\n",
		   "parker");
	assert_string_equal(show("web", &ret),
		"name:     web\n"
		"id:       1\n"
		"state:    running\n"
		LIFE
		"cpus:     1-3\n"
		"          cpu 1  apic 1\n"
		"          cpu 2  apic 2\n"
		"          cpu 3  apic 3\n"
		"memory:   256M at 0x3f800000-0x4f7fffff (node -1)\n"
		"devices:  0000:00:03.0  1b36:0002  serial controller  (driver parker)\n"
		"          0000:00:09.0  1af4:1000  network controller  (driver parker)\n");
	assert_int_equal(ret, EXIT_OK);
}

static void empty(void **state)
{
	int ret;

	(void)state;
	partition("db", "0\n", "empty\n", "\n", "0\n", "");
	put("db", "apic_ids", "\n");
	put("db", "memory_node", "-1\n");
	assert_string_equal(show("db", &ret),
			    "name:     db\n"
			    "id:       0\n"
			    "state:    empty\n"
			    LIFE
			    "cpus:     -\n"
			    "memory:   -\n"
			    "devices:  -\n");
	assert_int_equal(ret, EXIT_OK);
}

/* The ids go to the CPUs in order, not by number. */
static void apic_ids_in_cpu_order(void **state)
{
	int ret;

	(void)state;
	/* Memory in two ranges: the total, and each range. */
	partition("web", "4\n", "ready\n", "0,2,5-6\n",
		  "805306368@0x100000000,268435456@0x3a400000\n", "");
	put("web", "apic_ids", "0 4 10 12\n");
	put("web", "memory_node", "1\n");
	assert_string_equal(show("web", &ret),
			    "name:     web\n"
			    "id:       4\n"
			    "state:    ready\n"
			    LIFE
			    "cpus:     0,2,5-6\n"
			    "          cpu 0  apic 0\n"
			    "          cpu 2  apic 4\n"
			    "          cpu 5  apic 10\n"
			    "          cpu 6  apic 12\n"
			    "memory:   1G at 0x100000000-0x12fffffff, 0x3a400000-0x4a3fffff (node 1)\n"
			    "devices:  -\n");
	assert_int_equal(ret, EXIT_OK);
}

static const char without_apic[] =
	"name:     web\n"
	"id:       2\n"
	"state:    ready\n"
	LIFE
	"cpus:     1-3\n"
	"          cpu 1\n"
	"          cpu 2\n"
	"          cpu 3\n"
	"memory:   -\n"
	"devices:  -\n";

static void missing_apic_ids(void **state)
{
	int ret;

	(void)state;
	/* An older kernel: no apic_ids, no memory_node. */
	partition("web", "2\n", "ready\n", "1-3\n", "0\n", "");
	assert_string_equal(show("web", &ret), without_apic);
	assert_int_equal(ret, EXIT_OK);
}

static void too_few_apic_ids(void **state)
{
	int ret;

	(void)state;
	partition("web", "2\n", "ready\n", "1-3\n", "0\n", "");
	put("web", "apic_ids", "1 2\n");
	assert_string_equal(show("web", &ret), without_apic);
	assert_int_equal(ret, EXIT_OK);
}

static void device_classes(void **state)
{
	int ret;

	(void)state;
	partition("io", "3\n", "loaded\n", "5\n", "1000@0x1000\n",
		  "0000:00:04.0\n0000:00:05.0\n0000:00:06.0\n0000:00:07.0\n"
		  "0000:00:08.0\n0000:00:0a.0\n0000:00:0b.0\n0000:01:00.1\n");
	put("io", "apic_ids", "5\n");
	pci_device("0000:00:04.0", "0x1af4\n", "0x1001\n", "0x010000\n",
		   "parker");
	pci_device("0000:00:05.0", "0x1234\n", "0x1111\n", "0x030000\n",
		   NULL);
	pci_device("0000:00:06.0", "0x8086\n", "0x29c0\n", "0x060000\n",
		   "parker");
	pci_device("0000:00:07.0", "0x8086\n", "0x2918\n", "0x078000\n",
		   "parker");
	pci_device("0000:00:08.0", "0x1b36\n", "0x000d\n", "0x0c0330\n",
		   "xhci_hcd");
	pci_device("0000:00:0a.0", "0x1b36\n", "0x0005\n", "0x0d1100\n",
		   NULL);
	pci_device("0000:00:0b.0", "0x1b36\n", "0x0010\n", "0x000000\n",
		   "parker");
	/* 0000:01:00.1 is not in sysfs at all. */
	assert_string_equal(show("io", &ret),
		"name:     io\n"
		"id:       3\n"
		"state:    loaded\n"
		LIFE
		"cpus:     5\n"
		"          cpu 5  apic 5\n"
		"memory:   1000 at 0x1000-0x13e7 (node ?)\n"
		"devices:  0000:00:04.0  1af4:1001  storage controller  (driver parker)\n"
		"          0000:00:05.0  1234:1111  display controller  (driver none)\n"
		"          0000:00:06.0  8086:29c0  bridge  (driver parker)\n"
		"          0000:00:07.0  8086:2918  communication controller  (driver parker)\n"
		"          0000:00:08.0  1b36:000d  serial bus controller  (driver xhci_hcd)\n"
		"          0000:00:0a.0  1b36:0005  class 0x0d1100  (driver none)\n"
		"          0000:00:0b.0  1b36:0010  class 0x000000  (driver parker)\n"
		"          0000:01:00.1  (not in sysfs)\n");
	assert_int_equal(ret, EXIT_OK);
}

static void unreadable_values(void **state)
{
	int ret;

	(void)state;
	partition("odd", "7\n", "crashed\n", "2\n", "lots\n", "junk\n");
	unlink(at("odd/state"));
	put("odd", "apic_ids", "2\n");
	assert_string_equal(show("odd", &ret),
			    "name:     odd\n"
			    "id:       7\n"
			    "state:    ?\n"
			    LIFE
			    "cpus:     2\n"
			    "          cpu 2  apic 2\n"
			    "memory:   lots\n"
			    "devices:  junk\n");
	assert_int_equal(ret, EXIT_OK);
}

static void uptime(const char *text)
{
	make_dirs("proc");
	put("proc", "uptime", text);
}

static void lifecycle_lines(void **state)
{
	int ret;

	(void)state;
	partition("web", "1\n", "running\n", "1\n", "0\n", "");
	put("web", "started_at", "100\n");
	put("web", "heartbeat_age_ms", "12\n");
	put("web", "restart_count", "3\n");
	put("web", "on_crash", "restart\n");
	put("web", "on_reboot", "stop\n");
	put("web", "crash", "Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009\n");
	uptime("142.57 280.11\n");
	assert_string_equal(show("web", &ret),
		"name:     web\n"
		"id:       1\n"
		"state:    running\n"
		"since:    42 s ago\n"
		"heartbeat: 12 ms ago\n"
		"restarts: 3\n"
		"on crash: restart\n"
		"on reboot: stop\n"
		"last crash: Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000009\n"
		"cpus:     1\n"
		"          cpu 1\n"
		"memory:   -\n"
		"devices:  -\n");
	assert_int_equal(ret, EXIT_OK);
}

/* The dma line: left out without devices; what confinement means. */
static void dma_lines(void **state)
{
	int ret;

	(void)state;
	partition("web", "1\n", "running\n", "1\n", "0\n", "");
	put("web", "dma", "confined\n");
	put("web", "dma_faults", "2\n");
	put("web", "on_dma_fault", "stop\n");
	assert_non_null(strstr(show("web", &ret),
		"dma:      confined to its memory by the IOMMU; 2 DMA faults, on a fault: stop\n"));
	put("web", "dma", "unconfined\n");
	assert_non_null(strstr(show("web", &ret),
		"dma:      NOT confined: no IOMMU translates its devices, they can write anywhere; 2 DMA faults, on a fault: stop\n"));
	put("web", "dma", "none\n");
	assert_null(strstr(show("web", &ret), "dma:"));
	unlink(at("web/dma"));
	assert_null(strstr(show("web", &ret), "dma:"));
	assert_int_equal(ret, EXIT_OK);
}

/* Stopped: no heartbeat; a crash message of several lines. */
static void stopped_with_crash(void **state)
{
	int ret;

	(void)state;
	partition("db", "2\n", "crashed\n", "\n", "0\n", "");
	put("db", "started_at", "7.25\n");
	put("db", "crash", "Kernel panic - not syncing: Fatal exception\nCPU: 1 PID: 1\n\n");
	uptime("3607.99 0.00\n");
	assert_string_equal(show("db", &ret),
		"name:     db\n"
		"id:       2\n"
		"state:    crashed\n"
		"since:    3600 s ago\n"
		LIFE
		"last crash: Kernel panic - not syncing: Fatal exception\n"
		"            CPU: 1 PID: 1\n"
		"cpus:     -\n"
		"memory:   -\n"
		"devices:  -\n");
	assert_int_equal(ret, EXIT_OK);
}

static void odd_times(void **state)
{
	static const struct {
		const char *started_at, *uptime, *since;
	} cases[] = {
		{ "100.5\n", "99.10 1.00\n", "0 s ago" },	/* not before */
		{ "0\n", "5 1\n", "5 s ago" },
		{ "100\n", NULL, "?" },		/* no /proc/uptime */
		{ "100\n", "soon\n", "?" },
		{ "later\n", "5.00 1.00\n", "later" },	/* as written */
		{ "1.2.3\n", "5.00 1.00\n", "1.2.3" },
	};
	(void)state;
	partition("web", "1\n", "starting\n", "\n", "0\n", "");
	put("web", "heartbeat_age_ms", "none\n");
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char expect[512];
		int ret;

		put("web", "started_at", cases[i].started_at);
		if (cases[i].uptime)
			uptime(cases[i].uptime);
		else
			unlink(at("proc/uptime"));
		snprintf(expect, sizeof(expect),
			 "name:     web\n"
			 "id:       1\n"
			 "state:    starting\n"
			 "since:    %s\n"
			 "heartbeat: none\n"
			 LIFE
			 "cpus:     -\n"
			 "memory:   -\n"
			 "devices:  -\n", cases[i].since);
		assert_string_equal(show("web", &ret), expect);
		assert_int_equal(ret, EXIT_OK);
	}
}

/* A kernel without the files of a partition's life: no lines for them. */
static void older_kernel(void **state)
{
	static const char *const files[] = {
		"started_at", "heartbeat_age_ms", "restart_count", "on_crash",
		"on_reboot", "crash",
	};
	int ret;

	(void)state;
	partition("web", "1\n", "running\n", "\n", "0\n", "");
	uptime("100 1\n");
	for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
		char rel[64];

		snprintf(rel, sizeof(rel), "web/%s", files[i]);
		assert_int_equal(unlink(at(rel)), 0);
	}
	assert_string_equal(show("web", &ret),
			    "name:     web\n"
			    "id:       1\n"
			    "state:    running\n"
			    "cpus:     -\n"
			    "memory:   -\n"
			    "devices:  -\n");
	assert_int_equal(ret, EXIT_OK);
}

static void no_such_partition(void **state)
{
	char *argv[] = { "show", "web" };
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_show, 2, argv, &ret),
			    "parkerctl: web: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);
}

static void usage_errors(void **state)
{
	static const char *const bad[][2] = {
		{ NULL }, { "Web" }, { "web", "x" }, { "web", "--all" },
		{ "web", "--json=yes" },
		{ "--cpus=1", "web" }, { "info" },
	};
	(void)state;
	partition("web", "1\n", "ready\n", "1\n", "0\n", "");
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char *argv[3] = { "show" };
		int argc = 1, ret;
		char *err;

		while (argc < 3 && bad[i][argc - 1]) {
			argv[argc] = (char *)bad[i][argc - 1];
			argc++;
		}
		err = capture(2, cmd_show, argc, argv, &ret);
		assert_int_equal(ret, EXIT_USAGE);
		assert_true(!strncmp(err, "parkerctl: ", 11));
		assert_non_null(strstr(err, "Try 'parkerctl show --help'."));
	}
}

#define SHA_K "5d41402abc4b2a76b9719d911017c5925d41402abc4b2a76b9719d911017c592"
#define SHA_I "9e107d9d372bb6826bd81d3542a419d69e107d9d372bb6826bd81d3542a419d6"

/* What load records of /parker/bzImage (size bytes) and an initrd. */
static void record(const char *name, uint64_t size, int with_initrd)
{
	struct image_record r = { .path = "/parker/bzImage", .size = size };

	strcpy(r.sha256, SHA_K);
	if (with_initrd) {
		strcpy(r.initrd, "/parker/app.cpio.gz");
		strcpy(r.initrd_sha256, SHA_I);
	}
	assert_int_equal(image_record_write(name, &r), 0);
}

#define WEB_HEAD \
	"name:     web\n" "id:       1\n" "state:    loaded\n" LIFE \
	"cpus:     -\n" "memory:   -\n" "devices:  -\n"

static void image_known(void **state)
{
	int ret;

	(void)state;
	partition("web", "1\n", "loaded\n", "\n", "0\n", "");
	put("web", "image_size", "10485760\n");
	put("web", "cmdline", "console=ttyS0 quiet\n");
	record("web", 10485760, 1);
	assert_string_equal(show("web", &ret),
		WEB_HEAD
		"image:    /parker/bzImage  10485760 bytes  sha256 " SHA_K "\n"
		"initrd:   /parker/app.cpio.gz  sha256 " SHA_I "\n"
		"cmdline:  console=ttyS0 quiet\n");
	assert_int_equal(ret, EXIT_OK);
	record("web", 10485760, 0);
	put("web", "cmdline", "\n");
	assert_string_equal(show("web", &ret),
		WEB_HEAD
		"image:    /parker/bzImage  10485760 bytes  sha256 " SHA_K "\n"
		"cmdline:  -\n");
}

/* No record, or one of another image: only the kernel's size. */
static void image_unknown(void **state)
{
	static const char expect[] =
		WEB_HEAD
		"image:    10485760 bytes (path unknown)\n"
		"cmdline:  console=ttyS0\n";
	int ret;

	(void)state;
	partition("web", "1\n", "loaded\n", "\n", "0\n", "");
	put("web", "image_size", "10485760\n");
	put("web", "cmdline", "console=ttyS0\n");
	assert_string_equal(show("web", &ret), expect);
	record("web", 10485761, 1);
	assert_string_equal(show("web", &ret), expect);
	/* A record that is not one. */
	put(".", "junk", "");
	assert_int_equal(rename(at("junk"), run_at("parker/web.image")), 0);
	assert_string_equal(show("web", &ret), expect);
	assert_int_equal(ret, EXIT_OK);
}

static void image_none(void **state)
{
	int ret;

	(void)state;
	partition("web", "1\n", "loaded\n", "\n", "0\n", "");
	put("web", "image_size", "0\n");
	put("web", "cmdline", "\n");
	record("web", 0, 0);
	assert_string_equal(show("web", &ret), WEB_HEAD "image:    -\n");
	put("web", "image_size", "many\n");
	assert_string_equal(show("web", &ret), WEB_HEAD "image:    ?\n");
	assert_int_equal(ret, EXIT_OK);
}

/* parkerctl show NAME --json; its standard output, checked to be JSON. */
static char *show_json(const char *name, int *ret)
{
	char *argv[] = { "show", (char *)name, "--json" };
	char *out = capture(1, cmd_show, 3, argv, ret);

	assert_int_equal(json_check(out, strlen(out)), 0);
	return out;
}

static void json_full(void **state)
{
	int ret;

	(void)state;
	partition("web", "1\n", "running\n", "1-2\n",
		  "268435456@0x3f800000\n", "0000:00:03.0\n0000:00:09.0\n");
	put("web", "apic_ids", "1 2\n");
	put("web", "smt_split", "0\n");
	put("web", "memory_node", "-1\n");
	put("web", "started_at", "100\n");
	put("web", "heartbeat_age_ms", "12\n");
	put("web", "restart_count", "3\n");
	put("web", "on_crash", "restart\n");
	put("web", "crash", "Kernel panic - not syncing: \"x\"\nCPU: 1\n");
	put("web", "image_size", "10485760\n");
	put("web", "cmdline", "console=ttyS0 quiet\n");
	put("web", "dma", "confined\n");
	put("web", "dma_faults", "2\n");
	record("web", 10485760, 1);
	uptime("142.57 280.11\n");
	pci_device("0000:00:03.0", "0x1b36\n", "0x0002\n", "0x070002\n",
		   "parker");
	pci_device("0000:00:09.0", "0x1af4\n", "0x1000\n", "0x0d1100\n",
		   NULL);
	assert_string_equal(show_json("web", &ret),
		"{\n"
		"  \"name\": \"web\",\n"
		"  \"id\": 1,\n"
		"  \"state\": \"running\",\n"
		"  \"reason\": null,\n"
		"  \"since\": 42,\n"
		"  \"heartbeat_age_ms\": 12,\n"
		"  \"restart_count\": 3,\n"
		"  \"on_crash\": \"restart\",\n"
		"  \"on_reboot\": \"restart\",\n"
		"  \"last_crash\": \"Kernel panic - not syncing: \\\"x\\\"\\nCPU: 1\",\n"
		"  \"cpus\": [\n"
		"    {\n"
		"      \"cpu\": 1,\n"
		"      \"apic_id\": 1\n"
		"    },\n"
		"    {\n"
		"      \"cpu\": 2,\n"
		"      \"apic_id\": 2\n"
		"    }\n"
		"  ],\n"
		"  \"smt_split\": false,\n"
		"  \"memory\": {\n"
		"    \"size\": 268435456,\n"
		"    \"base\": 1065353216,\n"
		"    \"node\": -1,\n"
		"    \"ranges\": [\n"
		"      {\n"
		"        \"base\": 1065353216,\n"
		"        \"size\": 268435456\n"
		"      }\n"
		"    ]\n"
		"  },\n"
		"  \"devices\": [\n"
		"    {\n"
		"      \"address\": \"0000:00:03.0\",\n"
		"      \"vendor\": \"1b36\",\n"
		"      \"device\": \"0002\",\n"
		"      \"class\": \"070002\",\n"
		"      \"class_name\": \"serial controller\",\n"
		"      \"driver\": \"parker\"\n"
		"    },\n"
		"    {\n"
		"      \"address\": \"0000:00:09.0\",\n"
		"      \"vendor\": \"1af4\",\n"
		"      \"device\": \"1000\",\n"
		"      \"class\": \"0d1100\",\n"
		"      \"class_name\": null,\n"
		"      \"driver\": null\n"
		"    }\n"
		"  ],\n"
		"  \"dma\": \"confined\",\n"
		"  \"dma_faults\": 2,\n"
		"  \"on_dma_fault\": \"log\",\n"
		"  \"image\": {\n"
		"    \"path\": \"/parker/bzImage\",\n"
		"    \"size\": 10485760,\n"
		"    \"sha256\": \"" SHA_K "\",\n"
		"    \"initrd\": \"/parker/app.cpio.gz\",\n"
		"    \"initrd_sha256\": \"" SHA_I "\",\n"
		"    \"cmdline\": \"console=ttyS0 quiet\"\n"
		"  }\n"
		"}\n");
	assert_int_equal(ret, EXIT_OK);
}

/* The keys every show --json has, whatever the state. */
static const char *const json_keys[] = {
	"name", "id", "state", "reason", "since", "heartbeat_age_ms", "restart_count",
	"on_crash", "on_reboot", "last_crash", "cpus", "smt_split", "memory",
	"devices", "image",
};

static void expect_key(const char *json, const char *key, const char *val)
{
	char buf[1024];

	if (json_get(json, key, buf, sizeof(buf)))
		fail_msg("no key %s in %s", key, json);
	if (val && strcmp(buf, val))
		fail_msg("%s is %s, not %s", key, buf, val);
}

static void json_empty(void **state)
{
	int ret;
	char *out;

	(void)state;
	partition("db", "0\n", "empty\n", "\n", "0\n", "");
	out = show_json("db", &ret);
	assert_int_equal(ret, EXIT_OK);
	for (size_t i = 0; i < ARRAY_SIZE(json_keys); i++)
		expect_key(out, json_keys[i], NULL);
	expect_key(out, "since", "null");
	expect_key(out, "heartbeat_age_ms", "null");
	expect_key(out, "last_crash", "null");
	expect_key(out, "cpus", "[]");
	expect_key(out, "memory", "null");
	expect_key(out, "devices", "[]");
	expect_key(out, "image", "null");
	expect_key(out, "smt_split", "null");
}

/* Unreadable files and odd values: null, and still JSON. */
static void json_odd(void **state)
{
	int ret;
	char *out;

	(void)state;
	partition("odd", "x\n", "crashed\n", "1-\n", "lots\n", "junk\n");
	unlink(at("odd/state"));
	unlink(at("odd/restart_count"));
	unlink(at("odd/on_crash"));
	put("odd", "apic_ids", "\n");
	put("odd", "crash", "\x1b[1m\xc0\xaf bad \x7f\n");
	put("odd", "image_size", "7\n");
	put("odd", "cmdline", "\n");
	put("odd", "smt_split", "maybe\n");
	put("odd", "started_at", "soon\n");
	put("odd", "heartbeat_age_ms", "-\n");
	out = show_json("odd", &ret);
	assert_int_equal(ret, EXIT_OK);
	for (size_t i = 0; i < ARRAY_SIZE(json_keys); i++)
		expect_key(out, json_keys[i], NULL);
	expect_key(out, "id", "null");
	expect_key(out, "state", "null");
	expect_key(out, "since", "null");
	expect_key(out, "restart_count", "null");
	expect_key(out, "on_crash", "null");
	expect_key(out, "cpus", "null");
	expect_key(out, "memory", "null");
	expect_key(out, "smt_split", "null");
	expect_key(out, "last_crash",
		   "\"\\u001b[1m\\ufffd\\ufffd bad \\u007f\"");
	expect_key(out, "image.path", "null");
	expect_key(out, "image.size", "7");
	expect_key(out, "image.sha256", "null");
	expect_key(out, "image.cmdline", "\"\"");
	assert_non_null(strstr(out, "\"address\": \"junk\",\n"
				    "      \"vendor\": null,"));
	/* With two CPUs and one APIC id: the ids are null. */
	put("odd", "cpus", "3-4\n");
	put("odd", "apic_ids", "3\n");
	out = show_json("odd", &ret);
	assert_non_null(strstr(out, "\"cpu\": 4,\n      \"apic_id\": null"));
}

static void json_no_such_partition(void **state)
{
	char *argv[] = { "show", "web", "--json" };
	int ret;

	(void)state;
	assert_string_equal(capture(2, cmd_show, 3, argv, &ret),
			    "parkerctl: web: no such partition\n");
	assert_int_equal(ret, EXIT_FAIL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		STEST(full),
		STEST(empty),
		STEST(apic_ids_in_cpu_order),
		STEST(missing_apic_ids),
		STEST(too_few_apic_ids),
		STEST(device_classes),
		STEST(unreadable_values),
		STEST(lifecycle_lines),
		STEST(dma_lines),
		STEST(stopped_with_crash),
		STEST(odd_times),
		STEST(older_kernel),
		STEST(no_such_partition),
		STEST(usage_errors),
		STEST(image_known),
		STEST(image_unknown),
		STEST(image_none),
		STEST(json_full),
		STEST(json_empty),
		STEST(json_odd),
		STEST(json_no_such_partition),
	};

	return cmocka_run_group_tests_name("show", tests, NULL, NULL);
}
