// SPDX-License-Identifier: GPL-2.0
/*
 * errno-of: do one file-system operation and print its result as a symbolic
 * errno ("OK", "EINVAL", ...), so scenarios can check the exact error the
 * kernel returned.  Busybox's shell only prints strerror() text.
 *
 *   errno-of [--no-sys-admin] write FILE VALUE   one write(2) of VALUE
 *   errno-of [--no-sys-admin] mkdir PATH
 *   errno-of [--no-sys-admin] rmdir PATH
 *   errno-of [--no-sys-admin] mount SOURCE TARGET FSTYPE
 *   errno-of ioperm PORT                    ioperm(PORT, 1, 1)
 *   errno-of iopl LEVEL
 *   errno-of [--no-sys-boot] kexec ID KERNEL
 *                       kexec_file_load(2) of KERNEL into partition ID
 *   errno-of kdump KERNEL   kexec_file_load(2) of KERNEL as the kdump kernel
 *   errno-of kdump-unload   unload the kdump kernel
 *
 * --no-sys-admin (--no-sys-boot) drops CAP_SYS_ADMIN (CAP_SYS_BOOT) first
 * (the process stays uid 0, so only the kernel's capability check can
 * refuse).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const struct {
	int err;
	const char *name;
} names[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EIO, "EIO" },
	{ ENXIO, "ENXIO" }, { E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" },
	{ EBADF, "EBADF" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" }, { ENODEV, "ENODEV" }, { ENOTDIR, "ENOTDIR" },
	{ EISDIR, "EISDIR" }, { EINVAL, "EINVAL" }, { ENOSPC, "ENOSPC" },
	{ ERANGE, "ERANGE" }, { ENOTEMPTY, "ENOTEMPTY" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { ETIMEDOUT, "ETIMEDOUT" },
	{ EKEYREJECTED, "EKEYREJECTED" }, { EFBIG, "EFBIG" },
	{ ECANCELED, "ECANCELED" }, { ESRCH, "ESRCH" }, { ENOSYS, "ENOSYS" },
};

static int result(int ret)
{
	if (ret == 0) {
		puts("OK");
		return 0;
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].err == errno) {
			puts(names[i].name);
			return 0;
		}
	}
	printf("E%d\n", errno);
	return 0;
}

static int drop_cap(int cap)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0))
		return -1;
	if (syscall(SYS_capget, &hdr, data))
		return -1;
	data[cap / 32].effective &= ~(1u << (cap % 32));
	data[cap / 32].permitted &= ~(1u << (cap % 32));
	data[cap / 32].inheritable &= ~(1u << (cap % 32));
	return (int)syscall(SYS_capset, &hdr, data);
}

/* include/uapi/linux/kexec.h, with the flags of patch 0002. */
#define KEXEC_FILE_UNLOAD	0x00000001
#define KEXEC_FILE_ON_CRASH	0x00000002
#define KEXEC_FILE_NO_INITRAMFS	0x00000004
#define KEXEC_FILE_PARKER	0x00000010
#define KEXEC_FILE_PARKER_ID(id) (((unsigned long)(id) & 0xff) << 16)

static int do_kexec(const char *id, const char *kernel)
{
	int fd = open(kernel, O_RDONLY);
	long ret;

	if (fd < 0)
		return result(-1);
	ret = syscall(SYS_kexec_file_load, fd, -1, 1UL, "",
		      KEXEC_FILE_PARKER | KEXEC_FILE_NO_INITRAMFS |
		      KEXEC_FILE_PARKER_ID(strtoul(id, NULL, 0)));
	result(ret ? -1 : 0);
	close(fd);
	return 0;
}

/* KERNEL, or nothing (unload), into the kdump slot. */
static int do_kdump(const char *kernel)
{
	int fd = -1;
	long ret;

	if (kernel) {
		fd = open(kernel, O_RDONLY);
		if (fd < 0)
			return result(-1);
	}
	ret = syscall(SYS_kexec_file_load, fd, -1, 1UL, "",
		      KEXEC_FILE_ON_CRASH | KEXEC_FILE_NO_INITRAMFS |
		      (kernel ? 0 : KEXEC_FILE_UNLOAD));
	result(ret ? -1 : 0);
	if (fd >= 0)
		close(fd);
	return 0;
}

static int do_write(const char *file, const char *value)
{
	int fd = open(file, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return result(-1);
	n = write(fd, value, strlen(value));
	if (n >= 0 && (size_t)n != strlen(value)) {
		printf("SHORT\n");
		return 0;
	}
	result(n < 0 ? -1 : 0);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1;

	if (argc > 1 && !strcmp(argv[1], "--no-sys-admin")) {
		if (drop_cap(CAP_SYS_ADMIN)) {
			perror("errno-of: dropping CAP_SYS_ADMIN");
			return 2;
		}
		i++;
	} else if (argc > 1 && !strcmp(argv[1], "--no-sys-boot")) {
		if (drop_cap(CAP_SYS_BOOT)) {
			perror("errno-of: dropping CAP_SYS_BOOT");
			return 2;
		}
		i++;
	}
	if (argc - i == 3 && !strcmp(argv[i], "write"))
		return do_write(argv[i + 1], argv[i + 2]);
	if (argc - i == 2 && !strcmp(argv[i], "mkdir"))
		return result(mkdir(argv[i + 1], 0755));
	if (argc - i == 2 && !strcmp(argv[i], "rmdir"))
		return result(rmdir(argv[i + 1]));
	if (argc - i == 4 && !strcmp(argv[i], "mount"))
		return result(mount(argv[i + 1], argv[i + 2], argv[i + 3], 0, NULL));
	if (argc - i == 2 && !strcmp(argv[i], "ioperm"))
		return result(ioperm(strtoul(argv[i + 1], NULL, 0), 1, 1));
	if (argc - i == 2 && !strcmp(argv[i], "iopl"))
		return result(iopl(atoi(argv[i + 1])));
	if (argc - i == 3 && !strcmp(argv[i], "kexec"))
		return do_kexec(argv[i + 1], argv[i + 2]);
	if (argc - i == 2 && !strcmp(argv[i], "kdump"))
		return do_kdump(argv[i + 1]);
	if (argc - i == 1 && !strcmp(argv[i], "kdump-unload"))
		return do_kdump(NULL);
	fprintf(stderr, "usage: errno-of [--no-sys-admin|--no-sys-boot] write FILE VALUE | mkdir PATH | rmdir PATH | mount SRC DST TYPE | ioperm PORT | iopl LEVEL | kexec ID KERNEL | kdump KERNEL | kdump-unload\n");
	return 2;
}
