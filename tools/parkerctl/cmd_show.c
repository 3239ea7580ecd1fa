// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl show NAME [--json]: one partition in full, a value a line.
 *
 *   name:     web
 *   id:       1
 *   state:    stopped
 *   reason:   rebooted 6 times within 60 s: not restarted again
 *   since:    42 s ago
 *   heartbeat: 12 ms ago
 *   restarts: 1
 *   on crash: restart
 *   on reboot: restart
 *   last crash: Kernel panic - not syncing: Attempted to kill init!
 *   cpus:     1-3
 *             cpu 1  apic 1
 *   memory:   256M at 0x3f800000-0x4f7fffff (node -1)
 *   devices:  0000:00:03.0  1b36:0002  serial controller  (driver parker)
 *   dma:      confined to its memory by the IOMMU; 0 DMA faults, on a fault: log
 *   image:    /parker/bzImage  10485760 bytes  sha256 5d41...
 *   initrd:   /parker/app-initrd.cpio.gz  sha256 9e10...
 *   cmdline:  console=ttyS0
 *
 * since comes from NAME/started_at and /proc/uptime, whose root
 * PARKER_PROC can change (for tests); it and heartbeat are left out while
 * the kernel says "-", reason and last crash while there is none, and each of the
 * lines from since to last crash, and image and cmdline, when the kernel
 * has no file for it.  The APIC ids come from NAME/apic_ids, in the order
 * of the CPUs; a kernel without that file (or with fewer ids than CPUs)
 * gets CPU lines without them.  The PCI details come from sysfs, whose
 * root PARKER_SYSFS can change (for tests).  The image's file comes from
 * the record load made (image.h); without one that matches the kernel's
 * image_size, only the size is known.  Empty values are "-", values that
 * cannot be read "?".  dma is left out for a partition with no device.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"
#include "commands.h"
#include "host.h"
#include "parkerfs.h"
#include "parse.h"
#include "partjson.h"
#include "pci.h"
#include "showinfo.h"

/* A label and a space, in 10 columns when it fits. */
#define LABEL "%-9s "
#define INDENT "          "

static void line(const char *label, const char *value)
{
	printf(LABEL "%s\n", label, value[0] ? value : "-");
}

/* A value, or "?" when it cannot be read. */
static const char *val(const struct partinfo *p, enum part_file f)
{
	return p->val[f] ? p->val[f] : "?";
}

/* Whether the kernel has the file: values it has not are left out. */
static int has(const struct partinfo *p, enum part_file f)
{
	return p->val[f] || p->err[f] != ENOENT;
}

/* One line per CPU, with its APIC id when the kernel gives one for each. */
static void show_cpu_lines(const struct partinfo *p, const struct cpuset *set)
{
	unsigned int nr = cpuset_count(set), i = 0;
	char **apic = xcalloc(nr, sizeof(*apic));
	char *ids = xstrdup(p->val[PF_APIC_IDS] ? p->val[PF_APIC_IDS] : "");

	if (show_apic_ids(ids, apic, nr)) {
		free(apic);
		apic = NULL;
	}
	for (unsigned int cpu = 0; cpu < PARKER_MAX_CPUS; cpu++) {
		if (!cpuset_test(set, cpu))
			continue;
		if (apic)
			printf(INDENT "cpu %u  apic %s\n", cpu, apic[i++]);
		else
			printf(INDENT "cpu %u\n", cpu);
	}
	free(apic);
	free(ids);
}

static void show_cpus(const struct partinfo *p)
{
	const char *cpus = p->val[PF_CPUS];
	struct cpuset set;

	line("cpus:", val(p, PF_CPUS));
	if (cpus && cpus[0] && !parse_cpulist(cpus, &set))
		show_cpu_lines(p, &set);
}

/* Its size, each range's addresses, the first range's node. */
static void show_memory(const struct partinfo *p)
{
	struct parkerfs_range r[PARKERFS_RANGES_MAX];
	uint64_t bytes, base;
	char size[24];
	int i, n;

	n = partinfo_ranges(p, r, PARKERFS_RANGES_MAX);
	if (n < 0 || partinfo_memory(p, &bytes, &base)) {
		line("memory:", val(p, PF_MEMORY));	/* as the kernel wrote it */
		return;
	}
	if (!n) {
		line("memory:", "-");
		return;
	}
	format_size(bytes, size, sizeof(size));
	printf(LABEL "%s at ", "memory:", size);
	for (i = 0; i < n; i++)
		printf("%s0x%" PRIx64 "-0x%" PRIx64, i ? ", " : "",
		       r[i].base, r[i].base + r[i].size - 1);
	printf(" (node %s)\n", val(p, PF_MEMORY_NODE));
}

static void print_class(const char *addr)
{
	unsigned int class;
	const char *name;

	if (pci_class(addr, &class)) {
		printf("class ?");
		return;
	}
	name = pci_class_name(class);
	if (name)
		printf("%s", name);
	else
		printf("class 0x%06x", class);
}

static void print_driver(const char *addr)
{
	char driver[256];
	int ret = pci_driver(addr, driver, sizeof(driver));

	printf("%s", ret < 0 ? "?" : ret ? "none" : driver);
}

static void show_device(const char *dev)
{
	unsigned int vendor, device;
	char addr[PCI_ADDR_LEN];
	struct pci_addr a;

	if (parse_pci_addr(dev, &a)) {
		printf("%s\n", dev);	/* as the kernel wrote it */
		return;
	}
	format_pci_addr(&a, addr, sizeof(addr));
	printf("%s  ", addr);
	if (!pci_exists(addr)) {
		printf("(not in sysfs)\n");
		return;
	}
	if (pci_ids(addr, &vendor, &device))
		printf("?");
	else
		printf("%04x:%04x", vendor, device);
	printf("  ");
	print_class(addr);
	printf("  (driver ");
	print_driver(addr);
	printf(")\n");
}

static void show_devices(const struct partinfo *p)
{
	const char *label = "devices:";
	char *devices, *save;

	if (!p->val[PF_DEVICES] || !p->val[PF_DEVICES][0]) {
		line(label, val(p, PF_DEVICES));
		return;
	}
	devices = xstrdup(p->val[PF_DEVICES]);
	for (char *dev = strtok_r(devices, "\n", &save); dev;
	     dev = strtok_r(NULL, "\n", &save)) {
		printf(LABEL, label);
		label = "";
		show_device(parkerfs_trim(dev));
	}
	free(devices);
}

/* Whether an IOMMU keeps its devices' DMA in its memory, and its faults. */
static void show_dma(const struct partinfo *p)
{
	const char *dma = val(p, PF_DMA);

	if (!has(p, PF_DMA) || !strcmp(dma, "none"))
		return;
	if (!strcmp(dma, "unconfined"))
		dma = "NOT confined: no IOMMU translates its devices, they can write anywhere";
	else if (!strcmp(dma, "confined"))
		dma = "confined to its memory by the IOMMU";
	printf(LABEL "%s; %s DMA faults, on a fault: %s\n", "dma:", dma,
	       val(p, PF_DMA_FAULTS), val(p, PF_ON_DMA_FAULT));
}

static void show_since(const struct partinfo *p)
{
	const char *at = val(p, PF_STARTED_AT);
	uint64_t then, secs;
	char buf[64];

	if (!has(p, PF_STARTED_AT) || !strcmp(at, "-"))
		return;
	if (parse_seconds(at, &then)) {
		line("since:", at);	/* as the kernel wrote it */
		return;
	}
	if (show_since_secs(p, &secs)) {
		line("since:", "?");
		return;
	}
	snprintf(buf, sizeof(buf), "%" PRIu64 " s ago", secs);
	line("since:", buf);
}

static void show_heartbeat(const struct partinfo *p)
{
	const char *age = val(p, PF_HEARTBEAT);
	char buf[64];
	uint64_t ms;

	if (!has(p, PF_HEARTBEAT) || !strcmp(age, "-"))
		return;
	if (parkerfs_parse_u64(age, &ms)) {
		line("heartbeat:", age);	/* as the kernel wrote it */
		return;
	}
	snprintf(buf, sizeof(buf), "%" PRIu64 " ms ago", ms);
	line("heartbeat:", buf);
}

static void show_optional(const struct partinfo *p, enum part_file f,
			  const char *label)
{
	if (has(p, f))
		line(label, val(p, f));
}

/* The panic message, its later lines under its first. */
static void show_crash(const struct partinfo *p)
{
	const char *label = "last crash:";
	char *crash, *save;

	if (!has(p, PF_CRASH) || !val(p, PF_CRASH)[0])
		return;
	crash = xstrdup(val(p, PF_CRASH));
	for (char *l = strtok_r(crash, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		printf("%-11s %s\n", label, l);
		label = "";
	}
	free(crash);
}

static void show_lifecycle(const struct partinfo *p)
{
	show_since(p);
	show_heartbeat(p);
	show_optional(p, PF_RESTART_COUNT, "restarts:");
	show_optional(p, PF_ON_CRASH, "on crash:");
	show_optional(p, PF_ON_REBOOT, "on reboot:");
	show_crash(p);
}

static void show_image(const struct partinfo *p)
{
	struct image_record *r = xcalloc(1, sizeof(*r));
	enum show_image what;
	uint64_t size;

	what = show_image_of(p, &size, r);
	if (what == IMAGE_UNREADABLE || what == IMAGE_NONE)
		line("image:", what == IMAGE_NONE ? "-" : "?");
	else if (what == IMAGE_UNKNOWN)
		printf(LABEL "%" PRIu64 " bytes (path unknown)\n", "image:",
		       size);
	else if (what == IMAGE_KNOWN)
		printf(LABEL "%s  %" PRIu64 " bytes  sha256 %s\n", "image:",
		       r->path, size, r->sha256);
	if (what == IMAGE_KNOWN && r->initrd[0])
		printf(LABEL "%s  sha256 %s\n", "initrd:", r->initrd,
		       r->initrd_sha256);
	if (what >= IMAGE_UNKNOWN && has(p, PF_CMDLINE))
		line("cmdline:", val(p, PF_CMDLINE));
	free(r);
}

static void show_text(const struct partinfo *p)
{
	line("name:", p->name);
	line("id:", val(p, PF_ID));
	line("state:", val(p, PF_STATE));
	if (has(p, PF_REASON) && val(p, PF_REASON)[0])
		line("reason:", val(p, PF_REASON));
	show_lifecycle(p);
	show_cpus(p);
	show_memory(p);
	show_devices(p);
	show_dma(p);
	show_image(p);
}

int cmd_show(int argc, char **argv)
{
	struct partinfo p;
	const char *name;
	int json = 0, ret;

	ret = parse_args("show", argc, argv, &name, json_option, &json);
	if (ret)
		return ret;
	if (parkerfs_mount())
		return EXIT_FAIL;
	if (partinfo_read(name, &p)) {
		error_msg(name, "no such partition");
		return EXIT_FAIL;
	}
	if (json)
		ret = show_json(&p);
	else
		show_text(&p);
	partinfo_free(&p);
	return ret;
}
