/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parker: partitions of one machine, each running its own Linux kernel.
 * Hooks the rest of arch/x86 calls into.
 */
#ifndef _ASM_X86_PARKER_H
#define _ASM_X86_PARKER_H

#ifdef CONFIG_PARKER
void __init parker_pool_reserve(void);
#else
static inline void parker_pool_reserve(void) { }
#endif

#endif /* _ASM_X86_PARKER_H */
