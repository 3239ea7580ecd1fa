/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parker: partitions of one machine, each running its own Linux kernel.
 *
 * The boot ABI (control area, record, status page, console ring, states)
 * is in <uapi/asm/parker.h>; this header declares the hooks the rest of
 * arch/x86 calls into.
 */
#ifndef _ASM_X86_PARKER_H
#define _ASM_X86_PARKER_H

#include <linux/errno.h>
#include <linux/types.h>

#include <uapi/asm/parker.h>

struct boot_params;
struct kimage;
struct kexec_buf;
struct resource;

/* Called only where IS_ENABLED(CONFIG_PARKER). */
int parker_setup_boot_params(struct kimage *image, struct boot_params *params);

#ifdef CONFIG_PARKER
void __init parker_pool_reserve(void);
void __init parker_instance_detect(void);
void __init parker_instance_init(void);
bool parker_instance(void);
bool parker_refuse_user_ports(void);
bool parker_pool_active(void);
int __init parker_instance_numa_init(void);
#else
static inline void parker_pool_reserve(void) { }
static inline void parker_instance_detect(void) { }
static inline void parker_instance_init(void) { }
static inline bool parker_instance(void) { return false; }
static inline bool parker_refuse_user_ports(void) { return false; }
static inline bool parker_pool_active(void) { return false; }
static inline int parker_instance_numa_init(void) { return -ENODEV; }
#endif

#endif /* _ASM_X86_PARKER_H */
