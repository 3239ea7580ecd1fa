// SPDX-License-Identifier: GPL-2.0
/*
 * Offsets of struct parker_handoff for handoff_entry.S, generated at build
 * time so that the assembly cannot disagree with the struct.
 */
#define COMPILE_OFFSETS

#include <linux/kbuild.h>

#include "handoff.h"

static void __used common(void)
{
	OFFSET(PARKER_HANDOFF_CR3, parker_handoff, cr3);
	OFFSET(PARKER_HANDOFF_STACK, parker_handoff, stack);
	OFFSET(PARKER_HANDOFF_GDT, parker_handoff, gdt);
	OFFSET(PARKER_HANDOFF_IDT, parker_handoff, idt);
	OFFSET(PARKER_HANDOFF_ENTRY, parker_handoff, entry);
	OFFSET(PARKER_HANDOFF_BOOT_PARAMS, parker_handoff, boot_params);
	OFFSET(PARKER_HANDOFF_ARRIVED, parker_handoff, arrived);
}
