// SPDX-License-Identifier: GPL-2.0
/* PCI devices in sysfs, for show (pci.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"
#include "parkerfs.h"
#include "pci.h"

/* SYSFS/bus/pci/devices/ADDR[/FILE] into buf; -1 when too long. */
static int pci_path(char *buf, size_t len, const char *addr,
		    const char *file)
{
	int n = snprintf(buf, len, "%s/bus/pci/devices/%s%s%s", sysfs_root(),
			 addr, file ? "/" : "", file ? file : "");

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* "0x" and 1 to 8 hex digits. */
static int parse_hex32(const char *s, unsigned int *val)
{
	size_t n;

	if (strncmp(s, "0x", 2))
		return -1;
	s += 2;
	n = strspn(s, "0123456789abcdefABCDEF");
	if (!n || n > 8 || s[n])
		return -1;
	*val = (unsigned int)strtoul(s, NULL, 16);
	return 0;
}

static int read_hex(const char *addr, const char *file, unsigned int max,
		    unsigned int *val)
{
	char path[PATH_MAX], buf[32];

	if (pci_path(path, sizeof(path), addr, file) ||
	    parkerfs_read_file(path, buf, sizeof(buf)) ||
	    parse_hex32(buf, val))
		return -1;
	return *val > max ? -1 : 0;
}

int pci_exists(const char *addr)
{
	char path[PATH_MAX];

	return !pci_path(path, sizeof(path), addr, NULL) &&
	       !access(path, F_OK);
}

int pci_ids(const char *addr, unsigned int *vendor, unsigned int *device)
{
	if (read_hex(addr, "vendor", 0xffff, vendor) ||
	    read_hex(addr, "device", 0xffff, device))
		return -1;
	return 0;
}

int pci_class(const char *addr, unsigned int *class)
{
	return read_hex(addr, "class", 0xffffff, class);
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

const char *pci_class_name(unsigned int class)
{
	/* Communication controller, serial subclass: a UART. */
	if (class >> 8 == 0x0700)
		return "serial controller";
	for (size_t i = 0; i < NR_PCI_CLASSES; i++)
		if (class >> 16 == pci_classes[i].base)
			return pci_classes[i].name;
	return NULL;
}

int pci_driver(const char *addr, char *buf, size_t len)
{
	char path[PATH_MAX], link[PATH_MAX];
	const char *slash;
	ssize_t n;

	if (pci_path(path, sizeof(path), addr, "driver"))
		return -1;
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return errno == ENOENT ? 1 : -1;
	link[n] = '\0';
	slash = strrchr(link, '/');
	snprintf(buf, len, "%s", slash ? slash + 1 : link);
	return 0;
}
