/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parker hand-off: what the boot kernel leaves for a CPU that enters
 * parker_handoff_entry, one start at a time (parker_mutex).
 * handoff_entry.S reads it through the offsets that handoff-offsets.c
 * generates from this struct.
 */
#ifndef _PARKER_HANDOFF_H
#define _PARKER_HANDOFF_H

#include <linux/types.h>

struct parker_handoff {
	u64 cr3;		/* the partition's hand-off page table */
	u64 stack;		/* top of a stack in the control area */
	u64 gdt;		/* physical address of the GDT descriptor */
	u64 idt;		/* physical address of the IDT descriptor */
	u64 entry;		/* where the CPU goes once it arrived */
	u64 boot_params;	/* %rsi for the entry */
	u64 arrived;		/* physical address of the arrival word */
};

extern struct parker_handoff parker_handoff;

#endif /* _PARKER_HANDOFF_H */
