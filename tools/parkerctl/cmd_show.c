// SPDX-License-Identifier: GPL-2.0
/*
 * parkerctl show NAME: one partition in full, a value a line.
 *
 *   name:     web
 *   id:       1
 *   state:    running
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
 *
 * since comes from NAME/started_at and /proc/uptime, whose root
 * PARKER_PROC can change (for tests); it and heartbeat are left out while
 * the kernel says "-", last crash while there was none, and each of the
 * lines from since to last crash when the kernel has no file for it.  The
 * APIC ids come from NAME/apic_ids, in the order of the CPUs; a kernel
 * without that file (or with fewer ids than CPUs) gets CPU lines without
 * them.  The PCI details come from sysfs, whose root PARKER_SYSFS can
 * change (for tests).  Empty values are "-", values that cannot be read "?".
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parkerctl.h"
#include "parkerfs.h"
#include "parse.h"

#define SYSFS_ROOT "/sys"
#define PROC_ROOT "/proc"
/* A label and a space, in 10 columns when it fits. */
#define LABEL "%-9s "
#define INDENT "          "
/* An APIC id is at most 10 digits, and a space. */
#define APIC_IDS_MAX (PARKER_MAX_CPUS * 11 + 1)

static void line(const char *label, const char *value)
{
	printf(LABEL "%s\n", label, value[0] ? value : "-");
}

/* NAME/FILE into buf, or "?" when it cannot be read. */
static const char *field(const char *name, const char *file, char *buf,
			 size_t len)
{
	if (parkerfs_read(name, file, buf, len))
		return "?";
	return buf;
}

/* "0x" and 1 to 16 hex digits. */
static int parse_hex(const char *s, uint64_t *val)
{
	size_t n;

	if (strncmp(s, "0x", 2))
		return -1;
	s += 2;
	n = strspn(s, "0123456789abcdefABCDEF");
	if (!n || n > 16 || s[n])
		return -1;
	*val = strtoull(s, NULL, 16);
	return 0;
}

/* Split s in place into at most max words; how many there are. */
static unsigned int split_words(char *s, char **word, unsigned int max)
{
	unsigned int n = 0;
	char *save;

	for (char *w = strtok_r(s, " \t\n", &save); w && n < max;
	     w = strtok_r(NULL, " \t\n", &save))
		word[n++] = w;
	return n;
}

/* One line per CPU, with its APIC id when the kernel gives one for each. */
static void show_cpu_lines(const char *name, const struct cpuset *set)
{
	unsigned int nr = cpuset_count(set), i = 0;
	char *ids = xcalloc(1, APIC_IDS_MAX);
	char **apic = xcalloc(nr, sizeof(*apic));

	if (parkerfs_read(name, "apic_ids", ids, APIC_IDS_MAX) ||
	    split_words(ids, apic, nr) < nr) {
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

static void show_cpus(const char *name)
{
	char cpus[PARKERFS_VALUE_MAX];
	const char *val = field(name, "cpus", cpus, sizeof(cpus));
	struct cpuset set;

	line("cpus:", val);
	if (val == cpus && cpus[0] && !parse_cpulist(cpus, &set))
		show_cpu_lines(name, &set);
}

/* "0" or "SIZE@0xBASE": 0 with size and base, or -1. */
static int parse_memory(const char *s, uint64_t *size, uint64_t *base)
{
	const char *at = strchr(s, '@');
	char num[24];
	size_t n;

	if (!strcmp(s, "0")) {
		*size = *base = 0;
		return 0;
	}
	if (!at || (n = (size_t)(at - s)) >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (parkerfs_parse_u64(num, size) || !*size || parse_hex(at + 1, base))
		return -1;
	return *size - 1 > UINT64_MAX - *base ? -1 : 0;
}

static void show_memory(const char *name)
{
	char mem[64], node[32], size[24];
	const char *val = field(name, "memory", mem, sizeof(mem));
	uint64_t bytes, base;

	if (val != mem || parse_memory(mem, &bytes, &base)) {
		line("memory:", val);	/* as the kernel wrote it */
		return;
	}
	if (!bytes) {
		line("memory:", "-");
		return;
	}
	format_size(bytes, size, sizeof(size));
	printf(LABEL "%s at 0x%" PRIx64 "-0x%" PRIx64 " (node %s)\n",
	       "memory:", size, base, base + bytes - 1,
	       field(name, "memory_node", node, sizeof(node)));
}

static const char *sysfs_root(void)
{
	const char *root = getenv("PARKER_SYSFS");

	return root && *root ? root : SYSFS_ROOT;
}

/* SYSFS/bus/pci/devices/ADDR[/FILE] into buf; -1 when too long. */
static int pci_path(char *buf, size_t len, const char *addr,
		    const char *file)
{
	int n = snprintf(buf, len, "%s/bus/pci/devices/%s%s%s", sysfs_root(),
			 addr, file ? "/" : "", file ? file : "");

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int pci_read_hex(const char *addr, const char *file, uint64_t *val)
{
	char path[PATH_MAX], buf[32];

	if (pci_path(path, sizeof(path), addr, file) ||
	    parkerfs_read_file(path, buf, sizeof(buf)))
		return -1;
	return parse_hex(buf, val);
}

static void print_ids(const char *addr)
{
	uint64_t vendor, device;

	if (pci_read_hex(addr, "vendor", &vendor) ||
	    pci_read_hex(addr, "device", &device) ||
	    vendor > 0xffff || device > 0xffff)
		printf("?");
	else
		printf("%04" PRIx64 ":%04" PRIx64, vendor, device);
}

static const struct {
	unsigned int base;
	const char *name;
} pci_classes[] = {
	{ 0x01, "storage controller" },
	{ 0x02, "network controller" },
	{ 0x03, "display controller" },
	{ 0x06, "bridge" },
	{ 0x07, "communication controller" },
	{ 0x0c, "serial bus controller" },
};
#define NR_PCI_CLASSES (sizeof(pci_classes) / sizeof(pci_classes[0]))

static void print_class(const char *addr)
{
	uint64_t class;

	if (pci_read_hex(addr, "class", &class) || class > 0xffffff) {
		printf("class ?");
		return;
	}
	/* Communication controller, serial subclass: a UART. */
	if (class >> 8 == 0x0700) {
		printf("serial controller");
		return;
	}
	for (size_t i = 0; i < NR_PCI_CLASSES; i++) {
		if (class >> 16 == pci_classes[i].base) {
			printf("%s", pci_classes[i].name);
			return;
		}
	}
	printf("class 0x%06" PRIx64, class);
}

/* The driver link's last component; "none" without one. */
static void print_driver(const char *addr)
{
	char path[PATH_MAX], link[PATH_MAX];
	const char *slash;
	ssize_t n;

	if (pci_path(path, sizeof(path), addr, "driver")) {
		printf("?");
		return;
	}
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0) {
		printf("%s", errno == ENOENT ? "none" : "?");
		return;
	}
	link[n] = '\0';
	slash = strrchr(link, '/');
	printf("%s", slash ? slash + 1 : link);
}

static void show_device(const char *dev)
{
	char addr[16], path[PATH_MAX];
	struct pci_addr a;

	if (parse_pci_addr(dev, &a)) {
		printf("%s\n", dev);	/* as the kernel wrote it */
		return;
	}
	format_pci_addr(&a, addr, sizeof(addr));
	printf("%s  ", addr);
	if (pci_path(path, sizeof(path), addr, NULL) || access(path, F_OK)) {
		printf("(not in sysfs)\n");
		return;
	}
	print_ids(addr);
	printf("  ");
	print_class(addr);
	printf("  (driver ");
	print_driver(addr);
	printf(")\n");
}

static void show_devices(const char *name)
{
	char devices[PARKERFS_VALUE_MAX];
	const char *val = field(name, "devices", devices, sizeof(devices));
	const char *label = "devices:";
	char *save;

	if (val != devices || !devices[0]) {
		line(label, val);
		return;
	}
	for (char *dev = strtok_r(devices, "\n", &save); dev;
	     dev = strtok_r(NULL, "\n", &save)) {
		printf(LABEL, label);
		label = "";
		show_device(parkerfs_trim(dev));
	}
}

/*
 * NAME/FILE into buf, or "?" when it cannot be read: 0, or -1 when the
 * kernel has no such file.
 */
static int optional_field(const char *name, const char *file, char *buf,
			  size_t len)
{
	if (!parkerfs_read(name, file, buf, len))
		return 0;
	if (errno == ENOENT)
		return -1;
	snprintf(buf, len, "?");
	return 0;
}

/* "SECONDS" or "SECONDS.FRACTION": the whole seconds. */
static int parse_seconds(const char *s, uint64_t *secs)
{
	size_t n = strspn(s, "0123456789");
	const char *rest = s + n;
	char num[24];

	if (*rest == '.')
		rest += 1 + strspn(rest + 1, "0123456789");
	if (!n || n >= sizeof(num) || *rest)
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	return parkerfs_parse_u64(num, secs);
}

/* The seconds since boot, from the first value of /proc/uptime. */
static int uptime(uint64_t *secs)
{
	const char *root = getenv("PARKER_PROC");
	char path[PATH_MAX], buf[128];
	int n;

	n = snprintf(path, sizeof(path), "%s/uptime",
		     root && *root ? root : PROC_ROOT);
	if (n < 0 || (size_t)n >= sizeof(path) ||
	    parkerfs_read_file(path, buf, sizeof(buf)))
		return -1;
	buf[strcspn(buf, " \t\n")] = '\0';
	return parse_seconds(buf, secs);
}

static void show_since(const char *name)
{
	char at[64], val[64];
	uint64_t then, now;

	if (optional_field(name, "started_at", at, sizeof(at)) ||
	    !strcmp(at, "-"))
		return;
	if (parse_seconds(at, &then)) {
		line("since:", at);	/* as the kernel wrote it */
		return;
	}
	if (uptime(&now)) {
		line("since:", "?");
		return;
	}
	snprintf(val, sizeof(val), "%" PRIu64 " s ago",
		 now > then ? now - then : 0);
	line("since:", val);
}

static void show_heartbeat(const char *name)
{
	char age[64], val[64];
	uint64_t ms;

	if (optional_field(name, "heartbeat_age_ms", age, sizeof(age)) ||
	    !strcmp(age, "-"))
		return;
	if (parkerfs_parse_u64(age, &ms)) {
		line("heartbeat:", age);	/* as the kernel wrote it */
		return;
	}
	snprintf(val, sizeof(val), "%" PRIu64 " ms ago", ms);
	line("heartbeat:", val);
}

static void show_optional(const char *name, const char *file,
			  const char *label)
{
	char buf[64];

	if (!optional_field(name, file, buf, sizeof(buf)))
		line(label, buf);
}

/* The panic message, its later lines under its first. */
static void show_crash(const char *name)
{
	char crash[PARKERFS_VALUE_MAX];
	const char *label = "last crash:";
	char *save;

	if (optional_field(name, "crash", crash, sizeof(crash)) || !crash[0])
		return;
	for (char *l = strtok_r(crash, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		printf("%-11s %s\n", label, l);
		label = "";
	}
}

static void show_lifecycle(const char *name)
{
	show_since(name);
	show_heartbeat(name);
	show_optional(name, "restart_count", "restarts:");
	show_optional(name, "on_crash", "on crash:");
	show_optional(name, "on_reboot", "on reboot:");
	show_crash(name);
}

static int option(int argc, char **argv, int *i, void *arg)
{
	(void)argc;
	(void)argv;
	(void)i;
	(void)arg;
	return OPT_UNKNOWN;
}

int cmd_show(int argc, char **argv)
{
	char id[32], state[64];
	const char *name;
	int ret;

	ret = parse_args("show", argc, argv, &name, option, NULL);
	if (ret)
		return ret;
	if (parkerfs_mount())
		return EXIT_FAIL;
	if (parkerfs_read(name, "id", id, sizeof(id))) {
		if (errno == ENOENT) {
			error_msg(name, "no such partition");
			return EXIT_FAIL;
		}
		snprintf(id, sizeof(id), "?");
	}
	line("name:", name);
	line("id:", id);
	line("state:", field(name, "state", state, sizeof(state)));
	show_lifecycle(name);
	show_cpus(name);
	show_memory(name);
	show_devices(name);
	return EXIT_OK;
}
