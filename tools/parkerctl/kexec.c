// SPDX-License-Identifier: GPL-2.0
/*
 * The one system call parkerctl makes that is not a file operation on the
 * Parker file system.  It lives alone in this file so that the unit tests
 * can replace it (ld --wrap) and check what the load code passes.
 */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kexec.h"

int parker_kexec_file_load(int kernel_fd, int initrd_fd,
			   unsigned long cmdline_len, const char *cmdline,
			   unsigned long flags)
{
#ifdef SYS_kexec_file_load
	return (int)syscall(SYS_kexec_file_load, kernel_fd, initrd_fd,
			    cmdline_len, cmdline, flags);
#else
	(void)kernel_fd;
	(void)initrd_fd;
	(void)cmdline_len;
	(void)cmdline;
	(void)flags;
	errno = ENOSYS;
	return -1;
#endif
}
