/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What sysfs says of a PCI device, SYSFS/bus/pci/devices/ADDR: its ids,
 * its class and the driver bound to it.  For show.
 */
#ifndef PARKERCTL_PCI_H
#define PARKERCTL_PCI_H

#include <stddef.h>
#include <stdint.h>

/* Whether ADDR is in sysfs. */
int pci_exists(const char *addr);
/* Vendor and device ids: 0, or -1 when they cannot be read. */
int pci_ids(const char *addr, unsigned int *vendor, unsigned int *device);
/* The 24-bit class code: 0, or -1. */
int pci_class(const char *addr, unsigned int *class);
/* A name for the class code ("network controller"), or NULL. */
const char *pci_class_name(unsigned int class);
/*
 * The name of the bound driver into buf: 0; 1 when none is bound; -1 when
 * it cannot be read.
 */
int pci_driver(const char *addr, char *buf, size_t len);

#endif
