// SPDX-License-Identifier: GPL-2.0
/*
 * kexec_file_load(2) into a Parker partition (KEXEC_FILE_PARKER).
 *
 * The image goes through the same path as a kexec image: permission and
 * lockdown checks, the architecture's bzImage loader, signature checks
 * where configured.  Three things differ, and the partition code in
 * arch/x86/parker decides them: the image goes into the partition's own
 * slot, so that every partition can hold one and the kexec and kdump slots
 * stay untouched; its segments are placed inside the partition's memory;
 * and machine_kexec() never runs it.  The partition's CPU enters it when
 * the partition starts, so the image keeps its buffers until it is
 * unloaded: a stopped partition can be started again from them.
 */
#include <linux/err.h>
#include <linux/kexec.h>
#include <linux/parker.h>

#include "kexec_internal.h"

#define KEXEC_FILE_PARKER_FLAGS	(KEXEC_FILE_PARKER | KEXEC_FILE_UNLOAD |	\
				 KEXEC_FILE_NO_INITRAMFS | KEXEC_FILE_DEBUG |	\
				 KEXEC_FILE_PARKER_ID(0xff))

int kexec_file_load_partition(int kernel_fd, int initrd_fd,
			      unsigned long cmdline_len,
			      const char __user *cmdline_ptr,
			      unsigned long flags)
{
	struct parker_load *load;
	struct kimage *image = NULL;
	int ret;

	if (!kexec_load_permitted(KEXEC_TYPE_DEFAULT))
		return -EPERM;
	if (flags & ~KEXEC_FILE_PARKER_FLAGS)
		return -EINVAL;
	if (!kexec_trylock())
		return -EBUSY;

	load = parker_load_begin(flags, cmdline_len);
	if (IS_ERR(load)) {
		ret = PTR_ERR(load);
		goto unlock;
	}
	/* The image carries the load, for the loader's steps to find it. */
	if (!(flags & KEXEC_FILE_UNLOAD)) {
		ret = kimage_file_alloc_init(&image, kernel_fd, initrd_fd,
					     cmdline_ptr, cmdline_len, flags, load);
		if (!ret)
			ret = parker_load_check(image);
	}
	/* On success the partition takes image and hands back its old one. */
	ret = parker_load_end(load, ret, &image);
unlock:
	kexec_unlock();
	kimage_free(image);
	return ret;
}

void kexec_partition_image_free(struct kimage *image)
{
	kimage_free(image);
}
