/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parker audit mode (parker.audit=1 on an application kernel's command
 * line): every port access outside its own devices' I/O ranges, string
 * I/O included, every write to an MSR the boot kernel keeps, every
 * broadcast or foreign IPI (through the xAPIC ICR or x2APIC's MSR 0x830)
 * and every mapping of machine-global MMIO is reported (a warning with a
 * stack trace and a counter the boot kernel reads) and, except for the
 * mapping, not done.
 *
 * Included by asm/io.h and asm/msr.h, so it may use nothing but types.
 */
#ifndef _ASM_X86_PARKER_AUDIT_H
#define _ASM_X86_PARKER_AUDIT_H

#include <linux/compiler.h>
#include <linux/types.h>

extern bool parker_auditing;

bool parker_audit_pio(u16 port, bool write);
bool parker_audit_wrmsr(u32 msr, u32 low, u32 high);
bool parker_audit_ipi(u32 shortcut, u32 dest, u32 vector);
void parker_audit_mmio(u64 phys, u64 size);

#endif /* _ASM_X86_PARKER_AUDIT_H */

/*
 * The audited port accessors replace inb() and friends once asm/io.h has
 * defined them; msr.h may include this header before that.
 */
#if defined(_ASM_X86_SHARED_IO_H) && !defined(PARKER_AUDIT_PIO)
#define PARKER_AUDIT_PIO
#define PARKER_AUDITED_PIO(bwl, type)					\
static __always_inline type parker_in##bwl(u16 port)			\
{									\
	if (unlikely(parker_auditing) && parker_audit_pio(port, false))	\
		return (type)~0;					\
	return __in##bwl(port);						\
}									\
									\
static __always_inline void parker_out##bwl(type value, u16 port)	\
{									\
	if (unlikely(parker_auditing) && parker_audit_pio(port, true))	\
		return;							\
	__out##bwl(value, port);					\
}

/* rep ins and outs, checked once for their port. */
#define PARKER_AUDITED_STRING_PIO(port, write)				\
	(unlikely(parker_auditing) && parker_audit_pio(port, write))

PARKER_AUDITED_PIO(b, u8)
PARKER_AUDITED_PIO(w, u16)
PARKER_AUDITED_PIO(l, u32)

#undef inb
#undef inw
#undef inl
#undef outb
#undef outw
#undef outl
#define inb parker_inb
#define inw parker_inw
#define inl parker_inl
#define outb parker_outb
#define outw parker_outw
#define outl parker_outl

#undef PARKER_AUDITED_PIO
#endif
