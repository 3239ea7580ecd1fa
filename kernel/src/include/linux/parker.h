/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parker: what generic kernel code (kexec) and arch/x86/parker share.
 */
#ifndef _LINUX_PARKER_H
#define _LINUX_PARKER_H

#include <linux/types.h>

struct kimage;
struct kexec_buf;
struct parker_load;
struct resource;

/* kernel/kexec_parker.c */
int kexec_file_load_partition(int kernel_fd, int initrd_fd,
			      unsigned long cmdline_len,
			      const char __user *cmdline_ptr,
			      unsigned long flags);
void kexec_partition_image_free(struct kimage *image);

/*
 * arch/x86/parker/loader.c: one load into a partition, from
 * parker_load_begin() to parker_load_end(); kimage->parker carries it
 * in between.
 */
struct parker_load *parker_load_begin(unsigned long flags,
				      unsigned long cmdline_len);
int parker_load_check(struct kimage *image);
int parker_load_end(struct parker_load *load, int ret, struct kimage **image);
int parker_kexec_walk_mem(struct kexec_buf *kbuf,
			  int (*func)(struct resource *, void *));

/*
 * arch/x86/parker/kdump.c: no kdump kernel is loaded while a partition
 * runs, and no partition starts while one is loaded or being loaded.
 */
#ifdef CONFIG_PARKER
int parker_kdump_arm_begin(void);
void parker_kdump_arm_end(void);
#else
static inline int parker_kdump_arm_begin(void) { return 0; }
static inline void parker_kdump_arm_end(void) { }
#endif

/*
 * arch/x86/parker/iommu.c: a DMA fault the IOMMU driver saw, counted
 * against the partition holding the device; hard interrupt context.
 */
#ifdef CONFIG_PARKER
void parker_dma_fault(int segment, u16 source_id, u64 addr, bool write);
#else
static inline void parker_dma_fault(int segment, u16 source_id, u64 addr,
				    bool write) { }
#endif

/* A load (not an unload) of a kdump kernel; for kernel/kexec_file.c. */
#define parker_kdump_arming(image_type, flags)				\
	(IS_ENABLED(CONFIG_PARKER) && (image_type) == KEXEC_TYPE_CRASH &&	\
	 !((flags) & KEXEC_FILE_UNLOAD))

/* Marks a kernel image that can run as a Parker application kernel. */
#define PARKER_INSTANCE_MAGIC	"Parker instance mode, record version 1"

#endif /* _LINUX_PARKER_H */
