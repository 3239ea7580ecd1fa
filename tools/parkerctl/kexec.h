/* SPDX-License-Identifier: GPL-2.0 */
/* The one system call of parkerctl that is no file operation (kexec.c). */
#ifndef PARKERCTL_KEXEC_H
#define PARKERCTL_KEXEC_H

/* kexec_file_load(2) itself: 0, or -1 with errno. */
int parker_kexec_file_load(int kernel_fd, int initrd_fd,
			   unsigned long cmdline_len, const char *cmdline,
			   unsigned long flags);

#endif
